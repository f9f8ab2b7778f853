"""Validate parsed YAML against the input schema and say what is wrong, where, in words.

Pydantic's errors become one `file:line: field: message` Problem per location, with a
suggestion for a misspelled key; a value set by `--set` is blamed on the option instead.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from briefgen.errors import Problem
from briefgen.source.yamlfile import Loc, YamlDoc

_TYPE_TAG = re.compile(r"^(str|int|float|bool|none|list\[.*\]|dict\[.*\]|function-.*|.*\[.*\])$")
_NUMERIC = {"float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"}
_ISO_DATE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Return the model class that holds the last key of `loc` (None if not a model)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """Find a BaseModel inside list[...] / X | None annotations."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def schema_problems(exc: ValidationError, doc: YamlDoc, model: type[BaseModel],
                    origins: dict[Loc, str] | None = None) -> list[Problem]:
    """Turn a pydantic ValidationError into one located Problem per location.

    A location set by a command-line override is blamed on the override (`origins`).
    """
    problems = []
    for loc, message in _messages(exc, model).items():
        label = _origin(loc, origins or {})
        if label is not None:
            problems.append(Problem(label, None, "", message))
        else:
            problems.append(doc.problem(loc, message))
    return problems


def _messages(exc: ValidationError, model: type[BaseModel]) -> dict[Loc, str]:
    """One message per location (a union that failed every way says what it accepts)."""
    by_loc: dict[Loc, list[tuple[str, str]]] = {}
    for err in exc.errors():
        loc = clean_loc(err["loc"])
        by_loc.setdefault(loc, []).append((err["type"], _message(err, loc, model)))
    out = {}
    for loc, found in by_loc.items():
        kinds = [k for k, _m in found]
        if len(found) > 1 and set(kinds) <= _NUMERIC:
            given = next((e["input"] for e in exc.errors() if clean_loc(e["loc"]) == loc), None)
            out[loc] = f"not a number ({given!r})"
        elif len(found) > 1 and all(k.endswith("_type") or k.endswith("_parsing") for k in kinds):
            wanted = [m.split("valid ", 1)[-1] for _k, m in found]
            out[loc] = "invalid value (expected " + ", ".join(dict.fromkeys(wanted)) + ")"
        else:
            out[loc] = found[0][1]
    return out


def clean_loc(loc: tuple[Any, ...]) -> Loc:
    """Drop pydantic's union and type tags from an error location."""
    return tuple(p for p in loc if not (isinstance(p, str) and _TYPE_TAG.match(p)))


def _origin(loc: Loc, origins: dict[Loc, str]) -> str | None:
    """Return the --set option that set `loc` (or a location that holds it), if any."""
    for n in range(len(loc), 0, -1):
        if loc[:n] in origins:
            return origins[loc[:n]]
    return None


def _message(err: Any, loc: Loc, model: type[BaseModel]) -> str:
    """One error's message, with a suggestion for a misspelled key."""
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = _model_at(model, loc[:-1])
        options = _keys_of(parent) if parent else []
        close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "expected one of: " + ", ".join(options)
        return f"unknown key '{key}' ({hint})"
    if kind == "missing":
        return "required key is missing"
    if kind.startswith("date"):
        given = err.get("input")
        if isinstance(given, str) and _ISO_DATE.match(given):
            return f"not a real date ('{given.strip()}')"
        return f"not a date ({given!r}; write YYYY-MM-DD, e.g. 2026-12-01)"
    if kind == "literal_error":
        return f"{err['msg']} (got {err['input']!r})"
    return str(err["msg"]).removeprefix("Value error, ")




def validate_doc(doc: YamlDoc, model: type[BaseModel],
                 origins: dict[Loc, str] | None = None) -> tuple[Any, list[Problem]]:
    """Validate a document against `model`; return (parsed or None, problems).

    A number or boolean written where the schema wants text is given back as written
    (`period: 2022`, `title: 1.10`), so YAML's typing never changes what a person wrote.
    """
    for _attempt in range(50):
        try:
            return model.model_validate(doc.data), []
        except ValidationError as exc:
            fixes = [loc for err in exc.errors() if err["type"] == "string_type"
                     and (loc := clean_loc(err["loc"])) in doc.raw]
            if not fixes or not all(_put(doc.data, loc, doc.raw[loc]) for loc in fixes):
                return None, schema_problems(exc, doc, model, origins)
    return None, [doc.problem((), "too many values of the wrong type")]


def _put(data: Any, loc: Loc, value: Any) -> bool:
    """Set the value at `loc` in nested data; False if there is no such place."""
    node = data
    try:
        for part in loc[:-1]:
            node = node[part]
        if isinstance(node[loc[-1]], str):
            return False
        node[loc[-1]] = value
    except (KeyError, IndexError, TypeError):
        return False
    return True


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE = ("http", "https", "mailto")


def safe_link(url: str) -> bool:
    """True for a URL with an http, https or mailto scheme (control characters refused)."""
    found = _SCHEME.match(url.strip())
    return (found is not None and found[1].lower() in _SAFE and url == url.strip()
            and not any(ord(c) < 32 or c in "\x7f<>\"" for c in url))
