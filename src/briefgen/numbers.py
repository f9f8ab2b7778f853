"""Numbers as a brief prints them, by language: separators, large-number words, huge values.

The rules, in order:

- Not finite (NaN, ±inf): printed as '—' (an em dash), never as 'nan' or 'inf'.
- |value| ≥ 10¹⁵, or 0 < |value| < 10⁻⁴ when no decimals are asked for: scientific notation
  with two significant figures and a true superscript exponent, '1.0 × 10³⁰⁰', '2.5 × 10⁻⁷'
  (the decimal mark follows the language: '1,0 × 10³⁰⁰' in French).
- |value| ≥ one million, when no decimals are asked for: one decimal at most and a word,
  '1.7 million', '3 billion', '1.2 trillion' ('1,7 million', '3 milliards', '1,7 Mio.').
- Otherwise the value with the language's separators: whole numbers without decimals,
  others with one ('36.4'), or exactly `decimals` when given.

Separators by primary language subtag: English 1,234.5; French 1 234,5 (narrow no-break
space U+202F); German 1.234,5; Spanish and Italian as German; others as English. A group
separator never breaks a line: it is a comma, a point or a no-break space.
"""

from __future__ import annotations

import math

NARROW_NBSP = "\u202f"

# primary language → (group separator, decimal mark)
SEPARATORS: dict[str, tuple[str, str]] = {
    "en": (",", "."),
    "fr": (NARROW_NBSP, ","),
    "de": (".", ","),
    "es": (".", ","),
    "it": (".", ","),
    "nl": (".", ","),
    "pt": (".", ","),
}

# primary language → words for 10⁶, 10⁹, 10¹² as (singular, plural)
SCALE_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("million", "million"), ("billion", "billion"), ("trillion", "trillion")),
    "fr": (("million", "millions"), ("milliard", "milliards"), ("billion", "billions")),
    "de": (("Mio.", "Mio."), ("Mrd.", "Mrd."), ("Bio.", "Bio.")),
}

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
HUGE = 1e15
TINY = 1e-4


def primary(lang: str) -> str:
    """Return the primary subtag of a BCP 47 tag ('en-GB' → 'en')."""
    return lang.split("-")[0].lower() or "en"


def separators(lang: str) -> tuple[str, str]:
    """Return (group separator, decimal mark) for a language."""
    return SEPARATORS.get(primary(lang), SEPARATORS["en"])


def localise(text: str, lang: str) -> str:
    """Swap the separators of an English-formatted number ('1,234.5') for the language's."""
    group, mark = separators(lang)
    if (group, mark) == (",", "."):
        return text
    return text.replace(",", "\0").replace(".", mark).replace("\0", group)


def format_scientific(value: float, lang: str = "en") -> str:
    """Format 1e300 as '1.0 × 10³⁰⁰' (two significant figures, superscript exponent)."""
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{localise(mantissa, lang)} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


def format_number(value: float, decimals: int | None = None, lang: str = "en") -> str:
    """Format 1500 as '1,500', 1700000 as '1.7 million', 36.4 as '36.4', 1e300 as '1.0 × 10³⁰⁰'."""
    value = float(value)
    if not math.isfinite(value):
        return "\u2014"
    size = abs(value)
    if size >= HUGE or (decimals is None and 0 < size < TINY):
        return format_scientific(value, lang)
    if size >= 1_000_000 and decimals is None:
        return _scaled(value, lang)
    if decimals is None:
        decimals = 0 if value.is_integer() else 1
    return localise(f"{value:,.{decimals}f}", lang)


def _scaled(value: float, lang: str) -> str:
    """Format a value of a million or more with a word: '1.7 million', '3 milliards'."""
    words = SCALE_WORDS.get(primary(lang), SCALE_WORDS["en"])
    power = min(len(words) - 1, int(math.log10(abs(value)) // 3) - 2)
    scaled = value / 1000 ** (power + 2)
    text = f"{scaled:,.1f}".rstrip("0").rstrip(".")
    singular, plural = words[power]
    word = singular if abs(scaled) < 2 else plural
    return f"{localise(text, lang)} {word}"
