"""The source archive: each source's page and its extracted text, kept beside the register.

`briefgen sources fetch` downloads every source that has a `url` into `archive/ID.html` (the
page as served) and `archive/ID.txt` (its main text, extracted with trafilatura), and records
`retrieved` and the text's `sha256` in the register, keeping the register's comments and
layout. `briefgen check` then reads the archived text and warns when it no longer matches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.errors import BriefError, Problem
from briefgen.version import __version__

ARCHIVE = "archive"


@dataclass
class FetchResult:
    """What a fetch did: one line per source archived, and the sources that failed."""

    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def register_path(path: Path) -> tuple[Path, str]:
    """Return the register of a brief folder (or the register itself) and its shown name."""
    if path.is_file():
        return path, str(path)
    from briefgen.source.loader import load_bundle

    bundle = load_bundle(path)
    if bundle.sources_doc is None:
        raise BriefError(f"{path}: the brief names no sources register")
    return bundle.sources_doc.path, bundle.sources_doc.display


def download(url: str, timeout: float) -> bytes:
    """Fetch a URL's body."""
    request = urllib.request.Request(url, headers={"User-Agent": f"briefgen/{__version__}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        body: bytes = response.read()
    return body


def extract_text(page: bytes) -> str:
    """Extract a page's main text (trafilatura if installed, else all visible text)."""
    try:
        import trafilatura

        # bytes, so that trafilatura detects the page's encoding itself
        text = trafilatura.extract(page, include_comments=False, include_tables=True,
                                   favor_recall=True)
    except ImportError:
        text = None
    if text:
        return str(text).strip() + "\n"
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(page or b"<html/>")
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    lines = (line.strip() for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def _yaml() -> Any:
    try:
        from ruamel.yaml import YAML
    except ImportError:
        raise BriefError("recording the archive needs ruamel.yaml: "
                         "pip install 'briefgen[archive]'") from None
    yaml = YAML()  # round-trip: keeps comments, order and quoting
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _record(entry: Any, retrieved: dt.date, digest: str) -> None:
    """Set `retrieved` and `sha256` on a register entry, after its url/file keys."""
    for key, value in (("retrieved", retrieved), ("sha256", digest)):
        if key in entry:
            entry[key] = value
            continue
        keys = list(entry)
        anchor = max((keys.index(k) for k in ("url", "file", "retrieved") if k in entry),
                     default=len(keys) - 1)
        entry.insert(anchor + 1, key, value)


def fetch_sources(path: Path, timeout: float = 30.0,
                  today: dt.date | None = None) -> FetchResult:
    """Archive every source with a URL in the register of `path`, and record it there."""
    register, shown = register_path(path)
    yaml = _yaml()
    data = yaml.load(register.read_text(encoding="utf-8"))
    entries = data.get("sources") if hasattr(data, "get") else None
    if not entries:
        raise BriefError(Problem(shown, None, "sources", "no sources listed"))
    folder = register.parent / ARCHIVE
    result = FetchResult()
    retrieved = today or dt.datetime.now(dt.UTC).date()
    changed = False
    for i, entry in enumerate(entries):
        sid, url = entry.get("id"), entry.get("url")
        if not sid or not url:
            continue
        line = entry.lc.key("url")[0] + 1 if hasattr(entry, "lc") else None
        if urllib.parse.urlsplit(str(url)).scheme not in ("http", "https"):
            result.problems.append(Problem(shown, line, f"sources[{i}].url", f"source '{sid}': "
                                           f"only http and https addresses are fetched: {url}"))
            continue
        try:
            page = download(str(url), timeout)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            result.problems.append(Problem(shown, line, f"sources[{i}].url",
                                           f"source '{sid}': could not fetch {url} ({reason})"))
            continue
        text = extract_text(page)
        folder.mkdir(exist_ok=True)
        (folder / f"{sid}.html").write_bytes(page)
        (folder / f"{sid}.txt").write_text(text, encoding="utf-8")
        digest = hashlib.sha256((folder / f"{sid}.txt").read_bytes()).hexdigest()
        old = entry.get("sha256")
        _record(entry, retrieved, digest)
        changed = True
        note = "" if old in (None, digest) else " (text changed since the last archive)"
        result.lines.append(f"archived {sid}: {ARCHIVE}/{sid}.txt, "
                            f"{len(text.split())} words, sha256 {digest[:12]}…{note}")
    if changed:
        tmp = register.with_name(register.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as out:
            yaml.dump(data, out)
        tmp.replace(register)
    if not result.lines and not result.problems:
        result.lines.append("no source has a url; nothing to archive")
    return result
