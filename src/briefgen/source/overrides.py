"""Command-line overrides (`--set KEY=VALUE`) and `${name}` parameters in brief.yaml.

A problem with an override is blamed on the option as typed (`--set focuss=Laos: ...`),
never on a line of the file it changes.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import yaml

from briefgen.errors import BriefError, Problem
from briefgen.source.yamlfile import Builder, CoreLoader, Limits, Loc, YamlDoc

_PARAM = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def option_label(key: str, raw: str) -> str:
    """Return the override as the person typed it: `--set key=value`."""
    return f"--set {key}={raw}"


def override_value(raw: str) -> tuple[Any, dict[Loc, str]]:
    """Read a --set value: text as given, or YAML for a list or mapping (`[a, b]`).

    Returns the value and the written text of the numbers and booleans in it.
    """
    if not raw.lstrip().startswith(("[", "{")):
        return raw, {}
    loader = CoreLoader(raw)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise ValueError(f"not a valid YAML list or mapping ({getattr(exc, 'problem', exc)})") \
            from None
    finally:
        loader.dispose()
    if node is None:
        return raw, {}
    builder = Builder("", Limits(max_nodes=10_000, max_depth=8))
    try:
        return builder.build(node, ()), builder.raw
    except BriefError as exc:
        raise ValueError(exc.problems[0].message) from None


def _declared_params(doc: YamlDoc) -> dict[str, Any]:
    """The brief's params as written: numbers and booleans keep their written text."""
    params = doc.data.get("params")
    if not isinstance(params, dict):
        return {}
    for key, value in params.items():
        if isinstance(value, (int, float, bool)) and ("params", key) in doc.raw:
            params[key] = doc.raw[("params", key)]
    return params


def apply_overrides(doc: YamlDoc, overrides: dict[str, str],
                    fields: list[str]) -> tuple[list[Problem], dict[Loc, str]]:
    """Apply --set overrides to the brief's data; return problems and where each one landed."""
    data = doc.data
    params = _declared_params(doc)
    problems: list[Problem] = []
    origins: dict[Loc, str] = {}
    for key, raw in overrides.items():
        label = option_label(key, raw)
        if key in params:
            params[key] = raw
            origins[("params", key)] = label
            continue
        parts = key.split(".")
        if parts[0] not in fields:
            close = difflib.get_close_matches(parts[0], [*fields, *params], n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(Problem(label, None, "", f"unknown key ({hint}brief fields: "
                                    f"{', '.join(fields)}; params: "
                                    f"{', '.join(params) or 'none declared'})"))
            continue
        try:
            value, written = override_value(raw)
            loc = _set_dotted(data, parts, value)
        except ValueError as exc:
            problems.append(Problem(label, None, "", str(exc)))
            continue
        origins[loc] = label
        doc.raw.update({(*loc, *sub): text for sub, text in written.items()})
    return problems, origins


def _set_dotted(data: dict[str, Any], parts: list[str], value: Any) -> Loc:
    """Set `a.b.0.c` in nested mappings and lists; return the location set."""
    node: Any = data
    loc: list[str | int] = []
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                raise ValueError(f"'{'.'.join(parts[:n])}' has no item {part} "
                                 f"(it has {len(node)})")
            index: str | int = int(part)
        elif isinstance(node, dict):
            index = part
        else:
            raise ValueError(f"'{'.'.join(parts[:n])}' is not a mapping, so it has no '{part}'")
        loc.append(index)
        if last:
            node[index] = value
        else:
            if isinstance(node, dict) and index not in node:
                node[index] = {}
            node = node[index]
    return tuple(loc)


def substitute_params(doc: YamlDoc) -> list[Problem]:
    """Replace ${name} in every string of the brief by the value of its parameter."""
    data = doc.data
    params = data.get("params") if isinstance(data.get("params"), dict) else {}
    problems: list[Problem] = []

    def subst(value: Any, loc: Loc) -> Any:
        if isinstance(value, dict):
            return {k: subst(v, (*loc, k)) if k != "params" or loc else v
                    for k, v in value.items()}
        if isinstance(value, list):
            return [subst(v, (*loc, i)) for i, v in enumerate(value)]
        if not isinstance(value, str) or "${" not in value:
            return value
        whole = _PARAM.fullmatch(value)
        if whole and whole[1] in params:
            return params[whole[1]]

        def repl(m: re.Match[str]) -> str:
            if m[1] not in params:
                problems.append(doc.problem(loc, f"unknown parameter '${{{m[1]}}}' (declared: "
                                            f"{', '.join(params) or 'none'})", m[0]))
                return m[0]
            return str(params[m[1]])

        return _PARAM.sub(repl, value)

    doc.data = subst(data, ())
    return problems
