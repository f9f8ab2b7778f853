"""Provenance checks: every number and quotation in a brief traced to its source's own text.

`briefgen check` reports, one line each: unknown or unused sources; fact quotes missing from
the source's local copy, values missing from their quotes, qualifiers and periods the quote
does not support; quotations (in blocks and in running prose) missing from their sources;
numbers in a cited sentence missing from the cited source; unmarked numbers in prose; runs of
a dozen words copied from a source outside quotation marks; sources that overlap so heavily
that they are one strand of evidence, cited as if they corroborated each other; and every
claim resting on a source with no local copy. `--report` writes the evidence trail.
"""

from briefgen.provenance.checker import check_provenance
from briefgen.provenance.report import Report, write_report
from briefgen.provenance.texts import find_local_copy, normalise, value_forms, value_in_quote

__all__ = ["Report", "check_provenance", "find_local_copy", "normalise", "value_forms",
           "value_in_quote", "write_report"]
