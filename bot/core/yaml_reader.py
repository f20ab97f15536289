"""Read YAML as located nodes, so every problem in a knowledge file can name its line.

``yaml.safe_load`` forgets where values came from and silently keeps the last of two duplicate keys;
composing the node tree keeps ``start_mark`` on every key and value. ``FileReader`` walks that tree,
collects every problem instead of stopping at the first, and hands back plain Python values.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from bot.errors import KnowledgeProblem

try:  # libyaml is several times faster at composing; start-up time matters
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,unused-ignore]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class FileReader:
    """Validating accessors over one YAML file's nodes; problems accumulate in ``problems``."""

    def __init__(self, path: Path, problems: list[KnowledgeProblem]) -> None:
        self.path = path
        self.problems = problems

    def report(self, line: int, problem: str) -> None:
        """Record a problem at a 1-based line."""
        self.problems.append(KnowledgeProblem(self.path, line, problem))

    def compose(self, allow_empty: bool = False) -> yaml.Node | None:
        """Parse the file into nodes; a missing file or a syntax error becomes a problem.

        Note:
            An empty file (or one with only comments) gives ``None``; it is a problem unless
            ``allow_empty``, for optional files such as ``dilemmas.yaml`` where "nothing" is a valid content.
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.report(1, "file not found")
            return None
        except (OSError, UnicodeDecodeError) as error:
            self.report(1, f"cannot read file: {error}")
            return None
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            self.report(*_where_and_what(error, text))
            return None
        except yaml.YAMLError as error:
            self.report(1, f"invalid YAML: {error}")
            return None
        if node is None and not allow_empty:
            self.report(1, "file is empty")
        return node

    def mapping(
        self, node: yaml.Node, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, yaml.Node] | None:
        """Return the keys of a mapping, reporting unknown, duplicate and missing keys.

        Note:
            Unknown keys are errors, not warnings: a typo such as ``bulets:`` would otherwise make a
            section silently disappear.
        """
        if not isinstance(node, yaml.MappingNode):
            self.report(_line(node), f"{what} must be a mapping of keys to values")
            return None
        allowed = set(required) | set(optional)
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                continue
            if key in found:
                self.report(_line(key_node), f"duplicate key '{key}' in {what}")
            elif allowed and key not in allowed:
                expected = ", ".join(sorted(allowed))
                self.report(_line(key_node), f"unknown key '{key}' in {what} (expected: {expected})")
            else:
                found[key] = value_node
        for key in required:
            if key not in found:
                self.report(_line(node), f"{what} is missing '{key}'")
        return found

    def entries(self, node: yaml.Node, what: str) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        """Yield (key, key node, value node) of a free-form mapping, reporting duplicates."""
        if not isinstance(node, yaml.MappingNode):
            self.report(_line(node), f"{what} must be a mapping")
            return
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                continue
            if key in seen:
                self.report(_line(key_node), f"duplicate key '{key}' in {what}")
                continue
            seen.add(key)
            yield key, key_node, value_node

    def sequence(self, node: yaml.Node, what: str, allow_empty: bool = False) -> list[yaml.Node]:
        """Return the items of a list, reporting a wrong type or an empty list."""
        if not isinstance(node, yaml.SequenceNode):
            self.report(_line(node), f"{what} must be a list")
            return []
        if not node.value and not allow_empty:
            self.report(_line(node), f"{what} must not be empty")
        return list(node.value)

    def text(self, node: yaml.Node | None, what: str) -> str:
        """Return a non-empty string; numbers and booleans are type errors, not silent strings."""
        if node is None:
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.report(_line(node), f"{what} must be text")
            return ""
        if node.tag == "tag:yaml.org,2002:null":
            self.report(_line(node), f"{what} must not be empty")
            return ""
        if node.tag != "tag:yaml.org,2002:str":
            self.report(_line(node), f"{what} must be text, not '{node.value}' (quote it)")
            return ""
        value = str(node.value).strip()
        if not value:
            self.report(_line(node), f"{what} must not be empty")
        return value

    def texts(self, node: yaml.Node | None, what: str, allow_empty: bool = False) -> list[str]:
        """Return a list of non-empty strings."""
        if node is None:
            return []
        return [self.text(item, f"{what} item") for item in self.sequence(node, what, allow_empty)]

    def line(self, node: yaml.Node) -> int:
        """Return the 1-based line where a node starts."""
        return _line(node)

    def _key(self, key_node: yaml.Node) -> str | None:
        if not isinstance(key_node, yaml.ScalarNode):
            self.report(_line(key_node), "keys must be plain words")
            return None
        return str(key_node.value)


def _where_and_what(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line to report a YAML syntax error at, and the problem in words.

    Note:
        YAML notices an unclosed quote or bracket only when the file ends, so its ``problem_mark``
        points at the end of the file; the line that needs fixing is where the quote opened, its
        ``context_mark``. Any other problem is reported where YAML gave up.
    """
    problem, context = error.problem_mark, error.context_mark
    at_end = problem is not None and problem.index >= len(text.rstrip())
    if context is not None and (problem is None or at_end):
        what = f"{error.context}, {error.problem}" if error.problem else str(error.context)
        return int(context.line) + 1, f"invalid YAML: {what}"
    line = int(problem.line) + 1 if problem is not None else 1
    return line, f"invalid YAML: {error.problem or error.context}"
