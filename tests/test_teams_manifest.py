"""The Teams app package that IT uploads is valid, names the bot, and carries real icons."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from bot.config import TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID
from tests.conftest import DATA
from tests.payloads import TEAMS_APP_ID
from tests.test_cli import kodeks

IDENTITY = {TEAMS_CLIENT_ID: TEAMS_APP_ID, TEAMS_CLIENT_SECRET: "secret", TEAMS_TENANT_ID: "tenant-rm"}


@dataclass(frozen=True)
class Image:
    """A decoded RGBA PNG."""

    width: int
    height: int
    pixels: list[tuple[int, int, int, int]]


def _decode_png(data: bytes) -> Image:
    """Read an 8-bit RGBA PNG as written by the icon module, checking every chunk's CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, dict[bytes, bytes]()
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        chunks[kind] = chunks.get(kind, b"") + body
        position += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour_type) == (8, 6), "8-bit RGBA"
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 1 + 4 * width
    assert all(raw[row * stride] == 0 for row in range(height)), "filter type 0 on every row"
    rows = [raw[row * stride + 1 : (row + 1) * stride] for row in range(height)]
    pixels = [(r[4 * x], r[4 * x + 1], r[4 * x + 2], r[4 * x + 3]) for r in rows for x in range(width)]
    return Image(width, height, pixels)


def _package(tmp_path: Path, *args: str) -> zipfile.ZipFile:
    out = tmp_path / "app.zip"
    result = kodeks(
        "manifest", "teams", "--out", str(out), *(args or ("--url", "https://kodeks.rm.dk")), env=IDENTITY
    )
    assert result.returncode == 0, result.stderr
    return zipfile.ZipFile(out)


def _manifest(package: zipfile.ZipFile) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(package.read("manifest.json"))
    return manifest


def test_the_package_holds_manifest_and_icons_at_its_root(tmp_path: Path) -> None:
    """`manifest teams --out app.zip` writes a zip with exactly the three files Teams expects, at the root."""
    package = _package(tmp_path, "--url", "https://kodeks.rm.dk")

    assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]


def test_the_manifest_validates_against_the_teams_schema(tmp_path: Path) -> None:
    """The manifest is accepted by Microsoft's Teams manifest schema, version 1.29."""
    schema_file = DATA / "schemas" / "teams-app-manifest-1.29.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    manifest = _manifest(_package(tmp_path, "--url", "https://kodeks.rm.dk"))

    jsonschema.Draft4Validator(schema).validate(manifest)
    assert manifest["manifestVersion"] == "1.29"


def test_the_manifest_names_the_bot_its_scopes_commands_and_domain(tmp_path: Path) -> None:
    """App and bot id are the client id; chats, teams and group chats; hjælp, the seven virtues and tip."""
    manifest = _manifest(_package(tmp_path, "--url", "https://kodeks.rm.dk/"))
    (bot,) = manifest["bots"]
    (commands,) = bot["commandLists"]

    assert manifest["id"] == bot["botId"] == TEAMS_APP_ID
    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    assert [command["title"] for command in commands["commands"]] == [
        "hjælp", "lovlighed", "faglighed", "sandhed", "neutralitet", "ansvar og ledelse",
        "udvikling og samarbejde", "åbenhed om fejl", "tip",
    ]  # fmt: skip
    assert manifest["validDomains"] == ["kodeks.rm.dk"]
    assert manifest["developer"]["websiteUrl"] == "https://kodeks.rm.dk"


def test_the_privacy_and_terms_links_lead_to_the_privacy_page(tmp_path: Path) -> None:
    """Teams' "Privacy" and "Terms of use" links open Kodeks' own /privacy page, not a 404."""
    developer = _manifest(_package(tmp_path, "--url", "https://kodeks.rm.dk/"))["developer"]

    assert developer["privacyUrl"] == developer["termsOfUseUrl"] == "https://kodeks.rm.dk/privacy"


def test_the_icons_are_real_pngs_of_the_required_sizes(tmp_path: Path) -> None:
    """color.png is 192×192 and opaque in colour; outline.png is 32×32, white on transparent only."""
    package = _package(tmp_path)
    color, outline = _decode_png(package.read("color.png")), _decode_png(package.read("outline.png"))

    assert (color.width, color.height) == (192, 192)
    assert {alpha for *_, alpha in color.pixels} == {255}
    assert len({(r, g, b) for r, g, b, _ in color.pixels}) > 2  # a picture, not a blank square
    assert (outline.width, outline.height) == (32, 32)
    assert {(r, g, b) for r, g, b, alpha in outline.pixels if alpha} == {(255, 255, 255)}
    assert {alpha for *_, alpha in outline.pixels} >= {0, 255}


def test_without_a_client_id_no_package_is_written(tmp_path: Path) -> None:
    """The package needs the bot's App ID: without it the command names the variable and writes nothing."""
    out = tmp_path / "app.zip"
    result = kodeks("manifest", "teams", "--out", str(out))

    assert result.returncode == 1
    assert result.stderr.startswith(f"{TEAMS_CLIENT_ID}: is not set")
    assert "Traceback" not in result.stderr and not out.exists()


def test_without_out_or_with_a_bare_host_the_command_explains(tmp_path: Path) -> None:
    """`manifest teams` without --out, or with --url lacking https://, is one clear line and exit 1."""
    no_out = kodeks("manifest", "teams", env=IDENTITY)
    out = str(tmp_path / "a.zip")
    bare = kodeks("manifest", "teams", "--out", out, "--url", "kodeks.rm.dk", env=IDENTITY)

    assert no_out.returncode == 1 and "--out FILE.zip is required" in no_out.stderr
    assert bare.returncode == 1 and "--url must be" in bare.stderr


def test_the_package_is_built_with_only_the_client_id(tmp_path: Path) -> None:
    """A build pipeline needs no secret: the client id alone gives a package with that app id."""
    out = tmp_path / "app.zip"
    result = kodeks(
        "manifest",
        "teams",
        "--out",
        str(out),
        "--url",
        "https://kodeks.example.org",
        env={TEAMS_CLIENT_ID: TEAMS_APP_ID},
    )

    assert result.returncode == 0, result.stderr
    assert _manifest(zipfile.ZipFile(out))["id"] == TEAMS_APP_ID
