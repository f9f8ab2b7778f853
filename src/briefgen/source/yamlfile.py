"""Read YAML while remembering the line of every key and value, for `file:line` errors.

Scalars follow the YAML 1.2 core schema: `NO`, `0123`, `1.10` and `12:30` are read as the
schema of the field wants them (see `YamlDoc.raw`), never as YAML 1.1 booleans, octals or
sexagesimals. Merge keys (`<<: *base`) are supported. Size, nesting and alias expansion are
limited before anything is built, so a hostile file is refused at once.
"""

from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefgen.errors import BriefError, Problem

Loc = tuple[str | int, ...]

# LibYAML's parser is several times faster than the pure-Python one and keeps line marks.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# XML 1.0 forbids these; a brief must not smuggle them into a DOCX or PDF.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

MAX_BYTES = 16 * 1024 * 1024  # a brief's YAML file; --untrusted lowers it (see Limits)
MAX_DEPTH = 64  # nested mappings and sequences
MAX_NODES = 500_000  # values after expanding every alias


@dataclass(frozen=True)
class Limits:
    """How much a YAML or CSV file may hold before it is refused."""

    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    max_nodes: int = MAX_NODES
    max_data_bytes: int | None = None  # any data file, incident tables included


UNTRUSTED = Limits(max_bytes=2 * 1024 * 1024, max_depth=32, max_nodes=100_000,
                   max_data_bytes=256 * 1024 * 1024)


class CoreLoader(_BASE):  # type: ignore[misc, valid-type]
    """LibYAML with the YAML 1.2 core schema's implicit types (no 1.1 surprises)."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                              ["~", "n", "N", ""])
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^<<$"), ["<"])

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
}
_MERGE = "tag:yaml.org,2002:merge"
_COLLECTIONS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def scalar_value(tag: str, text: str) -> Any:
    """Return the core-schema value of a resolved plain scalar."""
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text, 10)
    if tag == "tag:yaml.org,2002:float":
        low = text.lower().lstrip("+")
        if low in (".inf", "-.inf", ".nan"):
            return {".inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}[low]
        return float(text)
    return text


@dataclass
class YamlDoc:
    """Parsed YAML data plus a map from location (keys/indices) to 1-based line numbers.

    `raw` keeps the written text of every plain scalar that was read as a number or a
    boolean, so a field that wants text can have it back exactly as written.
    """

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    display: str = ""
    text_lines: list[str] = field(default_factory=list)
    raw: dict[Loc, str] = field(default_factory=dict)

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


def display_path(path: Path) -> str:
    """Show `path` relative to the working directory (absolute when outside it)."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def read_regular(path: Path, shown: str, what: str = "file", max_bytes: int = MAX_BYTES,
                 field_name: str = "") -> bytes:
    """Read a regular file's bytes; refuse FIFOs, devices, folders and oversized files at once."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise BriefError(Problem(shown, None, field_name, f"{what} not found")) from None
    except IsADirectoryError:
        raise BriefError(Problem(shown, None, field_name,
                                 f"is a folder, not a {what}")) from None
    except OSError as exc:
        raise BriefError(Problem(shown, None, field_name,
                                 f"cannot open {what}: {exc.strerror}")) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = ("a folder" if stat.S_ISDIR(info.st_mode) else "a pipe (FIFO)"
                    if stat.S_ISFIFO(info.st_mode) else "a device or special file")
            raise BriefError(Problem(shown, None, field_name,
                                     f"is {kind}, not a regular {what}"))
        if info.st_size > max_bytes:
            hint = "; aggregate it with 'incidents:'" if what.startswith("CSV") else ""
            raise BriefError(Problem(shown, None, field_name,
                                     f"{what} is {info.st_size:,} bytes, larger than the "
                                     f"limit of {max_bytes:,}{hint}"))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(max_bytes + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:
        raise BriefError(Problem(shown, None, field_name,
                                 f"{what} is larger than the limit of {max_bytes:,} bytes"))
    return data


def _measure(text: str, shown: str, limits: Limits) -> None:
    """Refuse text nested too deeply or whose aliases expand to too many values, unbuilt."""
    loader = CoreLoader(text)
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = [["", 0]]  # [anchor, values] of each open collection
    try:
        while (event := loader.get_event()) is not None:
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                stack.append([event.anchor, 1])
                if len(stack) > limits.max_depth + 1:
                    raise BriefError(Problem(shown, line, "",
                                             f"nested more than {limits.max_depth} levels deep"))
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, count = stack.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, count = event.anchor, 1
            elif isinstance(event, yaml.AliasEvent):
                anchor, count = None, sizes.get(event.anchor or "", 1)
            else:
                continue
            if anchor:
                sizes[anchor] = count
            stack[-1][1] += count
            if stack[-1][1] > limits.max_nodes:
                raise BriefError(Problem(shown, line, "",
                                         f"aliases expand to more than {limits.max_nodes:,} "
                                         "values; refusing to read it"))
    except yaml.YAMLError:
        return  # reported with its line when the text is composed
    finally:
        loader.dispose()


class Builder:
    """Turn a composed node graph into Python data, recording lines and written scalars."""

    def __init__(self, shown: str, limits: Limits) -> None:
        self.shown, self.limits = shown, limits
        self.lines: dict[Loc, int] = {}
        self.raw: dict[Loc, str] = {}
        self.count = 0

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        """Return the value of `node` at `loc`."""
        line = node.start_mark.line + 1
        self.lines.setdefault(loc, line)
        self.count += 1
        if self.count > self.limits.max_nodes or len(loc) > self.limits.max_depth:
            raise BriefError(Problem(self.shown, line, format_loc(loc),
                                     "too many values or too deep; refusing to read it"))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTIONS:
            shown_tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise BriefError(Problem(self.shown, line, format_loc(loc),
                                     f"YAML tag '{shown_tag}' is not supported; remove it"))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(n, (*loc, i)) for i, n in enumerate(node.value)]
        return self._scalar(node, loc, line)

    def _scalar(self, node: yaml.Node, loc: Loc, line: int) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:timestamp":
            tag = "tag:yaml.org,2002:str"
        if tag not in _SCALAR_TAGS:
            shown_tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise BriefError(Problem(self.shown, line, format_loc(loc),
                                     f"YAML tag '{shown_tag}' is not supported; remove it"))
        text = node.value
        if getattr(node, "style", None) in ("'", '"', "|", ">") or tag == "tag:yaml.org,2002:str":
            bad = _XML_INVALID.search(text)
            if bad:
                code = f"U+{ord(bad.group()):04X}"
                raise BriefError(Problem(self.shown, line, format_loc(loc),
                                         f"control character {code} is not allowed in text"))
            return text
        try:
            value = scalar_value(tag, text)
        except ValueError:
            raise BriefError(Problem(self.shown, line, format_loc(loc),
                                     f"'{text}' is not a valid {tag.rsplit(':', 1)[-1]}")) from None
        if value is not None:
            self.raw[loc] = text
        return value

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged += value_node.value if isinstance(value_node, yaml.SequenceNode) \
                    else [value_node]
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise BriefError(Problem(self.shown, key_node.start_mark.line + 1,
                                         format_loc(loc), "a key must be plain text"))
            key = key_node.value
            if key in result:
                raise BriefError(Problem(self.shown, key_node.start_mark.line + 1, key,
                                         "duplicate key"))
            sub = (*loc, key)
            self.lines[sub] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, sub)
        for source in merged:  # keys written here win over merged ones
            if not isinstance(source, yaml.MappingNode):
                raise BriefError(Problem(self.shown, source.start_mark.line + 1,
                                         format_loc(loc), "'<<' merges only mappings"))
            for key, value in self._mapping(source, loc).items():
                result.setdefault(key, value)
        return result


def read_yaml(path: Path, display: str | None = None, limits: Limits | None = None,
              field_name: str = "") -> YamlDoc:
    """Parse `path` into a YamlDoc; every problem becomes a located BriefError."""
    shown = display or display_path(path)
    limits = limits or Limits()
    data = read_regular(path, shown, "YAML file", limits.max_bytes, field_name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BriefError(Problem(shown, line, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x}"
                                 "); save the file as UTF-8")) from None
    text = text.removeprefix("\ufeff")
    bad = _XML_INVALID.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        code = f"U+{ord(bad.group()):04X}"
        raise BriefError(Problem(shown, line, "", f"control character {code} is not allowed"))
    _measure(text, shown, limits)
    loader = CoreLoader(text)
    builder = Builder(shown, limits)
    try:
        node = loader.get_single_node()
        value = builder.build(node, ()) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = mark.line + 1 if mark else None
        if "nesting depth" in str(exc.problem):  # newer PyYAML parsers stop deep nesting first
            raise BriefError(Problem(shown, at, "", f"nested more than {limits.max_depth} "
                                     "levels deep")) from None
        raise BriefError(Problem(shown, at, "", f"YAML syntax: {exc.problem}")) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char: Any = exc.character
        point = char if isinstance(char, int) else ord(str(char)[:1] or "?")
        raise BriefError(Problem(shown, line, "", f"character U+{point:04X} is not allowed "
                                 "in YAML")) from None
    except yaml.YAMLError as exc:
        raise BriefError(Problem(shown, None, "", f"YAML syntax: {exc}")) from None
    finally:
        loader.dispose()
    return YamlDoc(path, value, builder.lines, shown, text.splitlines(), builder.raw)
