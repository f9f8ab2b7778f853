"""Numbers as a brief prints them: thousands separators, millions, decimals."""

from __future__ import annotations


def format_number(value: float, decimals: int | None = None) -> str:
    """Format 1500 as '1,500', 1700000 as '1.7 million', 36.4 as '36.4'."""
    if abs(value) >= 1_000_000 and decimals is None:
        millions = value / 1_000_000
        text = f"{millions:.1f}".rstrip("0").rstrip(".")
        return f"{text} million"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    return f"{value:,.{decimals}f}"
