"""Read YAML while remembering the line of every key and value, for `file:line` errors."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefgen.errors import BriefError, Problem

Loc = tuple[str | int, ...]

# LibYAML's parser is several times faster than the pure-Python one and keeps line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# XML 1.0 forbids these; a brief must not smuggle them into a DOCX or PDF.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class YamlDoc:
    """Parsed YAML data plus a map from location (keys/indices) to 1-based line numbers."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    display: str = ""
    text_lines: list[str] = field(default_factory=list)

    def line_of(self, loc: Loc) -> int | None:
        """Return the line of `loc`, or of its closest enclosing location."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)

    def problem(self, loc: Loc, message: str, needle: str | None = None) -> Problem:
        """Build a Problem at `loc`; with `needle`, at the first line from there that has it."""
        line = self.line_of(loc)
        if needle and line:
            for n in range(line, len(self.text_lines) + 1):
                if needle in self.text_lines[n - 1]:
                    line = n
                    break
        return Problem(self.display or str(self.path), line, format_loc(loc), message)


def format_loc(loc: Loc) -> str:
    """Format ('sections', 3, 'chart', 'y') as 'sections[3].chart.y'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _construct(node: yaml.Node, loc: Loc, lines: dict[Loc, int], ctor: Any) -> Any:
    """Turn a composed node into Python data, recording lines as we go."""
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = ctor.construct_object(key_node, deep=True)
            if isinstance(key, (dt.date, int, float, bool)):
                key = str(key)
            if key in result:
                raise _Duplicate(key, key_node.start_mark.line + 1)
            sub = (*loc, key)
            lines[sub] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, sub, lines, ctor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(n, (*loc, i), lines, ctor) for i, n in enumerate(node.value)]
    return ctor.construct_object(node, deep=True)


class _Duplicate(Exception):
    def __init__(self, key: object, line: int) -> None:
        self.key, self.line = key, line


def read_yaml(path: Path, display: str | None = None) -> YamlDoc:
    """Parse `path` into a YamlDoc; syntax errors become a located BriefError."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BriefError(Problem(shown, None, "", "file not found")) from None
    except UnicodeDecodeError as exc:
        raise BriefError(Problem(shown, None, "", f"not UTF-8 text ({exc.reason})")) from None
    bad = _XML_INVALID.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        code = f"U+{ord(bad.group()):04X}"
        raise BriefError(Problem(shown, line, "", f"control character {code} is not allowed"))
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        lines: dict[Loc, int] = {}
        data = _construct(node, (), lines, loader) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = mark.line + 1 if mark else None
        raise BriefError(Problem(shown, at, "", f"YAML syntax: {exc.problem}")) from None
    except _Duplicate as dup:
        raise BriefError(Problem(shown, dup.line, str(dup.key), "duplicate key")) from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, lines, shown, text.splitlines())
