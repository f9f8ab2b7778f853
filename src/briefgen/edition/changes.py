"""Compare two build manifests and say what changed since the last edition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefgen import model as m
from briefgen.numbers import format_number


@dataclass(frozen=True)
class Change:
    """One change between editions, as a sentence for people and fields for scripts."""

    kind: str  # "fact" | "series" | "input" | "edition"
    name: str
    old: Any
    new: Any
    text: str


def _delta(old: float, new: float) -> str:
    diff = new - old
    sign = "+" if diff > 0 else "−"
    pct = f", {sign}{abs(diff) / abs(old) * 100:.0f}%" if old else ""
    return f"{sign}{format_number(abs(diff))}{pct}"


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """List the changes from manifest `old` to manifest `new`."""
    out: list[Change] = []
    if old.get("edition") != new.get("edition"):
        out.append(Change("edition", "edition", old.get("edition"), new.get("edition"),
                          f"Edition date {old.get('edition')} → {new.get('edition')}."))
    old_facts, new_facts = old.get("facts", {}), new.get("facts", {})
    for fid in sorted(set(old_facts) | set(new_facts)):
        a, b = old_facts.get(fid), new_facts.get(fid)
        label = (b or a or {}).get("label") or fid
        if a is None:
            out.append(Change("fact", fid, None, b["text"], f"New figure: {label}, {b['text']}."))
        elif b is None:
            out.append(Change("fact", fid, a["text"], None, f"Figure removed: {label}."))
        elif a["text"] != b["text"] or a["value"] != b["value"]:
            out.append(Change("fact", fid, a["text"], b["text"],
                              f"{label[:1].upper() + label[1:]}: {a['text']} → {b['text']} "
                              f"({_delta(a['value'], b['value'])})."))
    out += _series_changes(old.get("charts", {}), new.get("charts", {}))
    old_in, new_in = old.get("inputs", {}), new.get("inputs", {})
    for name in sorted(set(old_in) | set(new_in)):
        if old_in.get(name) != new_in.get(name):
            state = ("added" if name not in old_in
                     else "removed" if name not in new_in else "changed")
            out.append(Change("input", name, old_in.get(name), new_in.get(name),
                              f"Input {name} {state}."))
    return out


def _series_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    out: list[Change] = []
    old_by_title = {k.split(": ", 1)[-1]: v for k, v in old.items()}
    for key, chart in new.items():
        title = key.split(": ", 1)[-1]
        before = old_by_title.get(title)
        if before is None:
            continue
        for name, values in chart["series"].items():
            prev = dict(zip(before["categories"], before["series"].get(name, []), strict=False))
            for cat, value in zip(chart["categories"], values, strict=False):
                was = prev.get(cat)
                if was is not None and value is not None and was != value:
                    series = f"{name}, " if name != "value" else ""
                    out.append(Change("series", f"{title} / {name} / {cat}", was, value,
                                      f"{title} ({series}{cat}): {format_number(was)} → "
                                      f"{format_number(value)} ({_delta(was, value)})."))
    return out


def summary_lines(changes: list[Change], limit: int = 12) -> list[str]:
    """The human summary: figures and series first, inputs last, at most `limit` lines."""
    order = {"edition": 0, "fact": 1, "series": 2, "input": 3}
    lines = [c.text for c in sorted(changes, key=lambda c: order[c.kind])]
    if len(lines) > limit:
        lines = lines[:limit] + [f"… and {len(lines) - limit} more changes."]
    return lines


def changes_callout(changes: list[Change], previous_edition: str | None) -> m.Callout:
    """The 'Changes since the last edition' box for the brief itself."""
    shown = [c for c in changes if c.kind in ("fact", "series")]
    since = f" ({previous_edition})" if previous_edition else ""
    if not shown:
        body: tuple[m.Runs, ...] = ((m.Text(f"No figure in this brief changed since the last "
                                            f"edition{since}."),),)
    else:
        body = tuple((m.Text(line),) for line in summary_lines(shown, limit=10))
    return m.Callout(f"Changes since the last edition{since}", body)
