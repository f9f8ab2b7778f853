"""Load a brief folder: brief.yaml, its sources and facts registers, each checked by schema.

Every problem in every file is collected before stopping, and each is reported as
`file:line: field.path: message`, with a suggestion for a misspelled key. A schema error in
brief.yaml does not hide the problems of the registers, the data files or the references:
the broken parts are set aside and the rest of the brief is still checked.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from briefgen.errors import BriefError, Problem
from briefgen.source.overrides import apply_overrides, substitute_params
from briefgen.source.schema import Brief, Fact, FactsFile, Source, SourcesFile
from briefgen.source.validation import clean_loc, safe_link, validate_doc
from briefgen.source.validation import schema_problems as schema_problems  # batch plans use it
from briefgen.source.yamlfile import UNTRUSTED, Limits, Loc, YamlDoc, display_path, read_yaml

log = logging.getLogger("briefgen")
# Folders no brief may read from, whatever it declares.
_SYSTEM = tuple(Path(p) for p in ("/", "/etc", "/proc", "/sys", "/dev", "/boot", "/root", "/usr",
                                  "/bin", "/sbin", "/lib", "/var", "/run", "/home"))


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
    limits: Limits = field(default_factory=Limits)
    untrusted: bool = False

    def display(self, path: Path) -> str:
        """Show `path` relative to the working directory, so a terminal can open it."""
        return display_path(path)

    def resolve(self, rel: str) -> Path | None:
        """Resolve a path named in the brief (symlinks too); None if it escapes the allowed
        folders: the brief's own and its data roots."""
        try:
            path = (self.root / rel).resolve()
        except (OSError, ValueError, RuntimeError):
            return None
        for allowed in (self.root.resolve(), *self.roots):
            if path == allowed or allowed in path.parents:
                return path
        return None


def _set_aside(data: Any, loc: Loc, dropped: set[str]) -> bool:
    """Replace the smallest part of the brief that holds a schema error by a harmless one.

    A block becomes empty text, a section keeps only a title, a top-level field falls back
    to its default; ids of the blocks set aside are remembered so that references to them
    are not reported again. Returns False if nothing could be set aside.
    """
    for n in range(len(loc) - 1, 0, -1):
        if loc[n - 1] in ("blocks", "sections") and isinstance(loc[n], int):
            parent = data
            for part in loc[:n]:
                parent = parent[part]
            old = parent[loc[n]]
            if loc[n - 1] == "blocks":
                if isinstance(old, dict):
                    dropped.update(str(v["id"]) for v in old.values()
                                   if isinstance(v, dict) and "id" in v)
                parent[loc[n]] = {"text": ""}
            else:
                parent[loc[n]] = {"title": "-"}
            return True
    key = loc[0] if loc else None
    placeholders = {"title": "-", "date": "2000-01-01", "sections": [{"title": "-"}]}
    if key in placeholders:
        data[str(key)] = placeholders[str(key)]
        return True
    if key is not None and key in data:
        del data[key]
        return True
    return False


def _check_paths(brief: Brief, doc: YamlDoc, root: Path, untrusted: bool) -> tuple[
        tuple[Path, ...], list[Problem]]:
    """Resolve the declared data roots, refusing system folders (and, untrusted, any folder
    outside the brief)."""
    roots: list[Path] = []
    problems = []
    inside = root.resolve()
    for i, rel in enumerate(brief.data_roots):
        try:
            path = (root / rel).resolve()
        except (OSError, ValueError, RuntimeError):
            problems.append(doc.problem(("data_roots", i), f"cannot resolve '{rel}'"))
            continue
        if path in _SYSTEM or path == _home():
            problems.append(doc.problem(("data_roots", i), f"'{rel}' is {path}: a brief may not "
                                        "read from a system or home folder"))
        elif untrusted and not (path == inside or inside in path.parents):
            problems.append(doc.problem(("data_roots", i), f"'{rel}' is outside the brief "
                                        "folder; not allowed for an untrusted brief"))
        else:
            roots.append(path)
    return tuple(roots), problems


def _home() -> Path | None:
    """The user's home folder, if there is one."""
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError):
        return None


def _check_style(brief: Brief, bundle: Bundle) -> list[Problem]:
    """A style given as a file path must be a file inside the allowed folders."""
    if Path(brief.style).suffix not in (".yaml", ".yml") and "/" not in brief.style:
        return []
    path = bundle.resolve(brief.style)
    if path is None:
        return [bundle.brief_doc.problem(("style",), f"path '{brief.style}' is outside the "
                                         "brief folder and its data_roots")]
    if not path.is_file():
        return [bundle.brief_doc.problem(("style",), f"style file not found: "
                                         f"{bundle.display(path)}")]
    return []


def _source_files(bundle: Bundle) -> list[Problem]:
    """A source's local copy is named relative to where copies are kept: no escaping it."""
    doc = bundle.sources_doc
    problems = []
    for sid, source in bundle.sources.items():
        if source.url and not safe_link(source.url) and doc:
            log.warning("warning: %s", doc.problem((*bundle.source_locs[sid], "url"),
                        f"'{source.url}' is not an http, https or mailto URL; printed as "
                        "text, not a link"))
        if source.file and (os.path.isabs(source.file) or ".." in Path(source.file).parts):
            problems.append(doc.problem((*bundle.source_locs[sid], "file"),
                                        f"'{source.file}' must be a file name inside the sources "
                                        "folder (no absolute path, no '..')") if doc else
                            Problem("", None, "file", source.file))
    return problems


def _read_register(key: str, rel: str, bundle: Bundle,
                   problems: list[Problem]) -> YamlDoc | None:
    """Read and validate the sources or facts register into the bundle; collect problems."""
    file = bundle.resolve(rel)
    if file is None:
        problems.append(bundle.brief_doc.problem((key,), f"path '{rel}' is outside the brief "
                                                 "folder and its data_roots"))
        return None
    model: type[BaseModel] = SourcesFile if key == "sources" else FactsFile
    try:
        doc = read_yaml(file, display_path(file), bundle.limits)
    except BriefError as exc:
        problems.extend(_located(exc.problems, bundle.brief_doc, key))
        return None
    bundle.files.append(file)
    parsed, found = validate_doc(doc, model)
    problems.extend(found)
    if parsed is None:
        return doc
    registry: dict[str, Any] = {}
    locs: dict[str, Loc] = {}
    for i, item in enumerate(getattr(parsed, key)):
        if item.id in registry:
            problems.append(doc.problem((key, i, "id"), f"duplicate id '{item.id}'"))
        registry[item.id] = item
        locs[item.id] = (key, i)
    if key == "sources":
        bundle.sources, bundle.sources_doc, bundle.source_locs = registry, doc, locs
    else:
        bundle.facts, bundle.facts_doc, bundle.fact_locs = registry, doc, locs
    return doc


def _located(problems: list[Problem], doc: YamlDoc, key: str) -> list[Problem]:
    """A register that cannot be opened at all is also blamed on the line that names it."""
    out = []
    for p in problems:
        if p.line is None:
            out.append(doc.problem((key,), f"{p.file}: {p.message}"))
        else:
            out.append(p)
    return out


def load_bundle(path: Path, overrides: dict[str, str] | None = None,
                untrusted: bool = False) -> Bundle:
    """Read and schema-check a brief folder (or a brief.yaml file); raise BriefError if wrong.

    `untrusted` (for briefs someone else wrote) refuses data roots outside the brief folder
    and lowers the size limits of every file read.
    """
    path = Path(path)
    brief_path = path / "brief.yaml" if path.is_dir() else path
    root = brief_path.parent
    limits = UNTRUSTED if untrusted else Limits()
    brief_doc = read_yaml(brief_path, display_path(brief_path), limits)
    if not isinstance(brief_doc.data, dict):
        raise BriefError(Problem(brief_doc.display, 1, "", "expected a mapping of brief fields"))
    fields = [f.alias or name for name, f in Brief.model_fields.items()]
    problems, origins = apply_overrides(brief_doc, overrides or {}, fields)
    problems += substitute_params(brief_doc)
    brief, found = validate_doc(brief_doc, Brief, origins)
    problems += found
    dropped: set[str] = set()
    while brief is None and found:
        locs = [clean_loc(err) for err in _error_locs(brief_doc)]
        if not locs or not all(_set_aside(brief_doc.data, loc, dropped) for loc in locs):
            raise BriefError(problems)
        brief, found = validate_doc(brief_doc, Brief, origins)
    if brief is None:
        raise BriefError(problems)
    roots, found = _check_paths(brief, brief_doc, root, untrusted)
    problems += found
    bundle = Bundle(root, brief, brief_doc, {}, None, {}, None, roots, files=[brief_path],
                    limits=limits, untrusted=untrusted)
    problems += _check_style(brief, bundle)
    failed = set()
    for key in ("sources", "facts"):
        rel = getattr(brief, key)
        if rel is not None and not _register_ok(
                key, rel, bundle, problems):
            failed.add(key)
    problems += _source_files(bundle)
    if problems:
        raise BriefError(problems + later_problems(bundle, failed, dropped))
    return bundle


def _register_ok(key: str, rel: str, bundle: Bundle, problems: list[Problem]) -> bool:
    """Read one register; True if it was read and validated without a problem."""
    before = len(problems)
    doc = _read_register(key, rel, bundle, problems)
    return doc is not None and len(problems) == before


def _error_locs(doc: YamlDoc) -> list[tuple[Any, ...]]:
    """The locations pydantic rejects in the brief as it stands now."""
    try:
        Brief.model_validate(doc.data)
    except ValidationError as exc:
        return [err["loc"] for err in exc.errors()]
    return []


LaterCheck = Callable[[Bundle, set[str], set[str]], list[Problem]]
_LATER: list[LaterCheck] = []


def on_problems(check: LaterCheck) -> LaterCheck:
    """Register the later stage (assemble) that still runs when loading found problems."""
    _LATER.append(check)
    return check


def later_problems(bundle: Bundle, failed: set[str], dropped: set[str]) -> list[Problem]:
    """The problems the later stages find in what could be read (see `on_problems`).

    `failed` names registers that could not be read, `dropped` the ids of blocks set aside.
    """
    return [p for check in _LATER for p in check(bundle, failed, dropped)]
