"""The fixed words a brief prints ("Figure", "Key judgments", "Option"), by language.

Every writer takes these strings from the Document (decided once, in assemble), so the PDF,
the DOCX and the HTML always say the same thing, and a brief in another language translates
them in one place. A language not in the catalogue falls back, per key, to English.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Labels:
    """The fixed strings of one language; field names are the catalogue keys."""

    key_judgments: str = "Key judgments"
    summary: str = "Executive summary"
    contents: str = "Contents"
    notes: str = "Notes"
    sources: str = "Sources"
    figure: str = "Figure"
    table: str = "Table"
    source: str = "Source"
    sources_line: str = "Sources"
    note: str = "Note"
    option: str = "Option"
    advocates: str = "Advocates"
    pros: str = "For"
    cons: str = "Against"
    risks: str = "Risks"
    record: str = "Track record"
    voices: str = "Voices"
    recommendations: str = "Recommendations"
    confidence_high: str = "High confidence"
    confidence_moderate: str = "Moderate confidence"
    confidence_low: str = "Low confidence"
    glossary_term: str = "Term"
    glossary_native: str = "Native spelling"
    glossary_definition: str = "Meaning"
    date: str = "Date"
    event: str = "Event"
    page: str = "Page"
    page_of: str = "of"
    changes: str = "Changes since the last edition"
    first_edition: str = "This is the first edition of this brief."
    quoted_in: str = "quoted in"
    computed: str = "Computed from sourced figures"
    policy_brief: str = "Policy brief"
    method: str = "Method and sources"
    method_intro: str = ("How each source was kept and dated: the evidence behind the notes, "
                         "for readers who want to check them.")
    local_copy: str = "Local copy"
    retrieved: str = "Archived on"
    date_note: str = "Date"
    no_author: str = "No author printed"
    supporting: str = "Supporting text"
    inputs_from: str = "Inputs from"
    list_number: str = "{n}."  # an item's number in a numbered list: "{n}." prints "1."
    series_number: str = "No.\u00a0{n}"  # a brief's number in its series: "No. 7"

    def number(self, n: int) -> str:
        """Return the marker of item `n` of a numbered list (key judgments, recommendations)."""
        return self.list_number.replace("{n}", str(n))

    def confidence(self, level: str) -> str:
        """Return the printed label of a confidence level ('high' → 'High confidence')."""
        return str(getattr(self, f"confidence_{level}", level))


# Translations by primary language subtag; keys not given fall back to English.
CATALOGUE: dict[str, dict[str, str]] = {
    "en": {},
    "fr": {
        "key_judgments": "Principales conclusions", "summary": "Résumé",
        "contents": "Sommaire", "notes": "Notes", "sources": "Sources", "figure": "Figure",
        "table": "Tableau", "source": "Source", "sources_line": "Sources", "note": "Note",
        "option": "Option", "advocates": "Partisans", "pros": "Pour", "cons": "Contre",
        "risks": "Risques", "record": "Précédents", "voices": "Citations",
        "recommendations": "Recommandations", "confidence_high": "Confiance élevée",
        "confidence_moderate": "Confiance moyenne", "confidence_low": "Confiance faible",
        "glossary_term": "Terme", "glossary_native": "Graphie d’origine",
        "glossary_definition": "Sens", "date": "Date", "event": "Événement", "page": "Page",
        "page_of": "sur", "changes": "Changements depuis la dernière édition",
        "first_edition": "Ceci est la première édition de cette note.",
        "quoted_in": "cité dans", "computed": "Calculé à partir de chiffres sourcés",
        "policy_brief": "Note d’analyse", "method": "Méthode et sources",
        "method_intro": "Comment chaque source a été conservée et datée : les preuves "
        "derrière les notes, pour qui veut les vérifier.",
        "local_copy": "Copie locale", "retrieved": "Archivé le", "date_note": "Date",
        "no_author": "Auteur non indiqué", "supporting": "Texte à l’appui",
        "inputs_from": "Données tirées de", "list_number": "{n}.",
        "series_number": "n°\u00a0{n}",
    },
    "ur": {
        "key_judgments": "اہم نتائج", "summary": "خلاصہ", "contents": "فہرست",
        "notes": "حواشی", "sources": "ماخذ", "figure": "شکل", "table": "جدول",
        "source": "ماخذ", "sources_line": "ماخذ", "note": "نوٹ", "option": "متبادل",
        "advocates": "حامی", "pros": "حق میں", "cons": "مخالفت میں", "risks": "خطرات",
        "record": "سابقہ تجربہ", "voices": "آراء", "recommendations": "سفارشات",
        "confidence_high": "اعلیٰ اعتماد", "confidence_moderate": "درمیانہ اعتماد",
        "confidence_low": "کم اعتماد", "glossary_term": "اصطلاح",
        "glossary_native": "اصل املا", "glossary_definition": "مطلب", "date": "تاریخ",
        "event": "واقعہ", "page": "صفحہ", "page_of": "از",
        "changes": "گزشتہ اشاعت کے بعد تبدیلیاں",
        "first_edition": "یہ اس بریف کی پہلی اشاعت ہے۔", "quoted_in": "بحوالہ",
        "computed": "ماخذ شدہ اعداد سے اخذ کردہ", "policy_brief": "پالیسی بریف",
        "list_number": "{n}.", "series_number": "شمارہ {n}",
    },
}

KEYS: tuple[str, ...] = tuple(f.name for f in fields(Labels))


def labels_for(lang: str) -> Labels:
    """Return the labels for a BCP 47 tag ('en-GB', 'fr', 'ur-PK'), English where untranslated."""
    primary = lang.split("-")[0].lower()
    return Labels(**CATALOGUE.get(primary, {}))
