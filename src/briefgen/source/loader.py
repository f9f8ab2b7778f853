"""Load a brief folder: brief.yaml, its sources and facts registers, each checked by schema.

Every schema problem in every file is collected before stopping, and each is reported as
`file:line: field.path: message`, with a suggestion for a misspelled key.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from briefgen.errors import BriefError, Problem
from briefgen.source.schema import Brief, Fact, FactsFile, Source, SourcesFile
from briefgen.source.yamlfile import Loc, YamlDoc, read_yaml

_TYPE_TAG = re.compile(r"^(str|int|float|bool|none|list\[.*\]|dict\[.*\]|function-.*|.*\[.*\])$")


@dataclass
class Bundle:
    """A brief folder, read and schema-checked: the input to assemble."""

    root: Path
    brief: Brief
    brief_doc: YamlDoc
    sources: dict[str, Source]
    sources_doc: YamlDoc | None
    facts: dict[str, Fact]
    facts_doc: YamlDoc | None
    roots: tuple[Path, ...] = ()
    fact_locs: dict[str, Loc] = field(default_factory=dict)
    source_locs: dict[str, Loc] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def display(self, path: Path) -> str:
        """Show `path` relative to the brief folder's parent, as a person would type it."""
        try:
            return str(path.resolve().relative_to(self.root.parent.resolve()))
        except ValueError:
            return str(path)

    def resolve(self, rel: str) -> Path | None:
        """Resolve a path named in the brief; None if it escapes the brief and its data roots."""
        path = (self.root / rel).resolve()
        for allowed in (self.root.resolve(), *self.roots):
            if path == allowed or allowed in path.parents:
                return path
        return None


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


def schema_problems(exc: ValidationError, doc: YamlDoc, model: type[BaseModel]) -> list[Problem]:
    """Turn a pydantic ValidationError into one located Problem per location."""
    by_loc: dict[Loc, list[tuple[str, str]]] = {}
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and _TYPE_TAG.match(p)))
        by_loc.setdefault(loc, []).append((err["type"], _message(err, loc, model)))
    problems = []
    for loc, found in by_loc.items():
        kinds = [k for k, _m in found]
        if len(found) > 1 and all(k.endswith("_type") or k.endswith("_parsing") for k in kinds):
            # a union (e.g. str | number) failed every way: say what would have been accepted
            wanted = [m.split("valid ", 1)[-1] for _k, m in found]
            message = "invalid value (expected " + ", ".join(dict.fromkeys(wanted)) + ")"
        else:
            message = found[0][1]
        problems.append(doc.problem(loc, message))
    return problems


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
    if kind == "literal_error":
        return f"{err['msg']} (got {err['input']!r})"
    return str(err["msg"]).removeprefix("Value error, ")


_PARAM = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def apply_params(doc: YamlDoc, overrides: dict[str, str]) -> list[Problem]:
    """Apply --set overrides, then replace ${name} in every string by the brief's params.

    A --set key that names a declared parameter sets that parameter; any other key is a
    dotted path to a brief field (e.g. `date`, `title`).
    """
    data = doc.data
    params = data.get("params") if isinstance(data.get("params"), dict) else {}
    for key, raw in overrides.items():
        if key in params:
            params[key] = yaml.safe_load(raw) if raw.strip() else ""
        else:
            _set_dotted(data, key, raw)
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


def _set_dotted(data: dict[str, Any], dotted: str, raw: str) -> None:
    """Set `a.b.c` in nested dicts to the YAML value of `raw` (for --set)."""
    value = yaml.safe_load(raw) if raw.strip() else ""
    node = data
    parts = dotted.split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def load_bundle(path: Path, overrides: dict[str, str] | None = None) -> Bundle:
    """Read and schema-check a brief folder (or a brief.yaml file); raise BriefError if wrong."""
    path = Path(path)
    brief_path = path / "brief.yaml" if path.is_dir() else path
    root = brief_path.parent
    display_base = root.parent

    def show(p: Path) -> str:
        for base in (display_base, Path.cwd()):
            try:
                return str(p.resolve().relative_to(base.resolve()))
            except ValueError:
                continue
        return str(p)

    brief_doc = read_yaml(brief_path, show(brief_path))
    if not isinstance(brief_doc.data, dict):
        raise BriefError(Problem(brief_doc.display, 1, "", "expected a mapping of brief fields"))
    problems = apply_params(brief_doc, overrides or {})
    if problems:
        raise BriefError(problems)
    try:
        brief = Brief.model_validate(brief_doc.data)
    except ValidationError as exc:
        raise BriefError(schema_problems(exc, brief_doc, Brief)) from None

    roots = tuple((root / r).resolve() for r in brief.data_roots)
    bundle = Bundle(root, brief, brief_doc, {}, None, {}, None, roots, files=[brief_path])
    for key, model, target in (
        ("sources", SourcesFile, "sources"),
        ("facts", FactsFile, "facts"),
    ):
        rel = getattr(brief, key)
        if rel is None:
            continue
        file = bundle.resolve(rel)
        if file is None:
            problems.append(brief_doc.problem((key,), f"path '{rel}' is outside the brief folder "
                                              "and its data_roots"))
            continue
        doc = read_yaml(file, show(file))
        bundle.files.append(file)
        try:
            parsed = model.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(schema_problems(exc, doc, model))
            continue
        items = getattr(parsed, target)
        registry: dict[str, Any] = {}
        locs: dict[str, Loc] = {}
        for i, item in enumerate(items):
            if item.id in registry:
                problems.append(doc.problem((target, i, "id"), f"duplicate id '{item.id}'"))
            registry[item.id] = item
            locs[item.id] = (target, i)
        if key == "sources":
            bundle.sources, bundle.sources_doc, bundle.source_locs = registry, doc, locs
        else:
            bundle.facts, bundle.facts_doc, bundle.fact_locs = registry, doc, locs
    if problems:
        raise BriefError(problems)
    return bundle
