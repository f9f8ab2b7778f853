"""Language tags as a brief gives them (`lang:` of the brief, a section, a quote, a term).

A tag must be well formed by BCP 47 (RFC 5646: language, then optional script, region and
variants, each in its place) and, when its language is a two-letter code, that code must be
one of ISO 639-1's, so that a slip such as `en_GB`, `english` or `ue` is reported where it
was written instead of quietly giving English quotation marks and an unknown proofing
language. Three-letter codes (ISO 639-2/3, thousands of them) are taken as given.
"""

from __future__ import annotations

import re

# The well-formed tags of BCP 47 (RFC 5646 §2.1), less the irregular grandfathered ones.
PATTERN = (r"^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?"
           r"(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
           r"(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*(-[Xx](-[A-Za-z0-9]{1,8})+)?$")
_TAG = re.compile(PATTERN)

# ISO 639-1, with the withdrawn codes older software still writes (iw, in, ji).
_CODES = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
iw in ji
"""
ISO_639_1 = frozenset(_CODES.split())
EXAMPLES = "e.g. en-GB, fr, ur-PK, zh-Hans"


def language_tag(value: str) -> str:
    """Return `value` if it is a usable BCP 47 tag; raise ValueError saying what is wrong."""
    tag = value.strip()
    if not _TAG.match(tag):
        fixed = tag.replace("_", "-")
        hint = f"did you mean '{fixed}'?" if fixed != tag and _TAG.match(fixed) else EXAMPLES
        raise ValueError(f"'{value}' is not a BCP 47 language tag ({hint})")
    primary = tag.split("-")[0].lower()
    if len(primary) == 2 and primary not in ISO_639_1:
        raise ValueError(f"'{value}' names no known language: '{primary}' is not an ISO 639 "
                         f"language code ({EXAMPLES})")
    return tag


def same_language(a: str, b: str) -> bool:
    """Return True if tags `a` and `b` are the same (tags are case-insensitive)."""
    return a.lower() == b.lower()
