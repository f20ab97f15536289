"""The organisation that owns the codex: names, colour and local rules that are not codex text.

Read from ``knowledge/organisation.yaml`` so that another region, a municipality or an agency can
adopt Kodeks by replacing the knowledge folder alone: no name, colour, phone prefix or local day off
of one organisation is written in the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from bot.core.yaml_reader import FileReader

ORGANISATION_FILE = "organisation.yaml"
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
COUNTRY_CODE = re.compile(r"^\+[1-9][0-9]{0,3}$")
DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
MAX_DESCRIPTION = 80
"""Teams' limit for the short app description (Slack's is longer); checked here, not at upload."""


@dataclass(frozen=True, slots=True)
class DayOff:
    """A local day off by agreement, every year on the same date (e.g. Grundlovsdag, 5 June)."""

    month: int
    day: int
    name: str


@dataclass(frozen=True, slots=True)
class Organisation:
    """Who owns the codex, how the app presents itself, and the organisation's working calendar."""

    name: str  # the Teams developer, the app descriptions
    codex_owner: str  # the unit that answers questions about the codex (e.g. its secretariat)
    app_description: str  # one line, at most 80 characters
    brand_colour: str  # "#RRGGBB"
    phone_country_code: str  # "+45": codex phone numbers are written without it
    holidays: str  # country code of the ``holidays`` package whose public holidays apply
    days_off: tuple[DayOff, ...] = ()

    @property
    def brand_rgb(self) -> tuple[int, int, int]:
        """The brand colour as (red, green, blue), 0..255 each."""
        value = self.brand_colour.lstrip("#")
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def read_organisation(reader: FileReader) -> Organisation | None:
    """Read and validate ``organisation.yaml``; problems go to the reader, None if unusable."""
    root = reader.compose()
    required = ("name", "codex_owner", "app_description", "brand_colour", "phone_country_code", "holidays")
    top = reader.mapping(root, "the organisation", required, ("days_off",)) if root is not None else None
    if top is None or any(key not in top for key in required):
        return None
    values = {key: reader.text(top[key], key) for key in required}
    checks = (
        ("brand_colour", COLOUR, "a colour like #1F4E79"),
        ("phone_country_code", COUNTRY_CODE, "a country code like +45"),
    )
    for key, pattern, expected in checks:
        if values[key] and not pattern.match(values[key]):
            reader.report(reader.line(top[key]), f"{key} must be {expected}, not '{values[key]}'")
    if len(values["app_description"]) > MAX_DESCRIPTION:
        reader.report(
            reader.line(top["app_description"]), f"app_description is over {MAX_DESCRIPTION} characters"
        )
    days = [_read_day_off(reader, node) for node in _sequence(reader, top.get("days_off"))]
    return Organisation(**values, days_off=tuple(day for day in days if day is not None))


def _sequence(reader: FileReader, node: yaml.Node | None) -> list[yaml.Node]:
    return reader.sequence(node, "days_off", allow_empty=True) if node is not None else []


def _read_day_off(reader: FileReader, node: yaml.Node) -> DayOff | None:
    fields = reader.mapping(node, "a day off", ("date", "name"))
    if fields is None or len(fields) < 2:
        return None
    when, name = reader.text(fields["date"], "date"), reader.text(fields["name"], "day off name")
    found = DAY.match(when)
    if not found:
        reader.report(reader.line(fields["date"]), f"date must be month-day like 06-05, not '{when}'")
        return None
    return DayOff(int(found.group(1)), int(found.group(2)), name)
