"""Facts: resolve computed facts and format every fact the one way both writers print it."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.numbers import format_number
from briefgen.source.schema import Fact

_OPS = {"share": "÷", "ratio": "÷", "difference": "−", "sum": "+"}


@dataclass(frozen=True)
class Resolved:
    """A fact with its numeric value known (given or computed)."""

    fact: Fact
    value: float
    computed: bool
    inputs: tuple[str, ...] = ()
    approximate: bool = False

    @property
    def id(self) -> str:
        """Return the fact's id."""
        return self.fact.id


def format_value(r: Resolved, with_unit: bool = True, lang: str = "en") -> str:
    """Print a fact as its qualifier, value and (optionally) unit: 'at least 100 people'."""
    number = format_number(r.value, r.fact.decimals, lang)
    unit = r.fact.unit
    if unit == "%":
        number += "%"
    elif unit and (with_unit or unit == "percent"):
        number += f" {unit}"
    return f"{qualifier_of(r)} {number}".strip()


def qualifier_of(r: Resolved) -> str:
    """Return the fact's qualifier; a value computed from approximate inputs is 'about'."""
    if r.fact.qualifier or not r.computed:
        return r.fact.qualifier
    return "about" if r.approximate else ""


def format_bare(r: Resolved, lang: str = "en") -> str:
    """Print a fact's number (with % if a percentage) and no qualifier, for chart axes."""
    text = format_number(r.value, r.fact.decimals, lang)
    return text + "%" if r.fact.unit == "%" else text


def _compute(op: str, values: list[float]) -> float:
    if op in ("share", "ratio"):
        result = values[0] / values[1]
        return result * 100 if op == "share" else result
    if op == "difference":
        return values[0] - sum(values[1:])
    return sum(values)


def resolve_facts(facts: dict[str, Fact]) -> dict[str, Resolved]:
    """Compute every derived fact from its inputs (inputs must already be validated)."""
    out: dict[str, Resolved] = {}

    def visit(fid: str, stack: tuple[str, ...]) -> Resolved:
        if fid in out:
            return out[fid]
        fact = facts[fid]
        if fact.derive is None:
            assert fact.value is not None
            res = Resolved(fact, float(fact.value), False)
        else:
            if fid in stack:
                raise ValueError(f"computed fact {fid!r} depends on itself")
            ins = [visit(i, (*stack, fid)) for i in fact.derive.of]
            value = _compute(fact.derive.op, [i.value for i in ins])
            if fact.decimals is not None:
                value = round(value, fact.decimals)
            elif fact.derive.op in ("share", "ratio"):
                value = float(round(value))
            approx = any(i.approximate or bool(i.fact.qualifier) for i in ins)
            res = Resolved(fact, value, True, tuple(fact.derive.of), approx)
        out[fid] = res
        return res

    for fid in facts:
        visit(fid, ())
    return out


def describe_computation(r: Resolved, resolved: dict[str, Resolved]) -> str:
    """Say how a computed fact was computed and from which facts, for its endnote."""
    assert r.fact.derive is not None
    op = r.fact.derive.op
    symbol = _OPS[op]
    parts = [f"{format_value(resolved[i])} ({resolved[i].fact.label or i})" for i in r.inputs]
    expr = f" {symbol} ".join(parts)
    suffix = " × 100" if op == "share" else ""
    result = format_value(r)
    return f"Computed for this brief as {expr}{suffix} = {result}."


def fact_sources(r: Resolved, resolved: dict[str, Resolved]) -> list[str]:
    """The sources a fact rests on (for a computed fact, those of its inputs)."""
    if not r.computed:
        return [r.fact.source] if r.fact.source else []
    return [s for i in r.inputs for s in fact_sources(resolved[i], resolved)]
