"""The writers' registry: each output format is one package with `write(doc, theme, options)`.

A writer is a pure function from the Document model to bytes. The pipeline, the CLI's
`--format` choices, batch and watch all read `REGISTRY`, so a new format is one new package
under `writers/` plus one line here. Writer packages are imported only when used, so the
registry itself costs nothing at start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefgen.model import Document
    from briefgen.theme import Theme


@dataclass(frozen=True)
class WriteOptions:
    """Options a writer may use; every writer ignores what does not concern it."""

    reference_docx: Path | None = None  # an organisation's Word template (DOCX styles)
    update_fields: bool = False  # DOCX: ask Word to update fields (contents, pages) on opening


Write = Callable[["Document", "Theme", WriteOptions], bytes]


@dataclass(frozen=True)
class WriterSpec:
    """One output format: its name, file extension, module and what it is."""

    name: str
    extension: str
    module: str
    description: str
    lays_out_while_charts_render: bool = False  # reads charts lazily, page by page

    def load(self) -> Write:
        """Import the writer's package and return its `write` function."""
        write: Write = importlib.import_module(self.module).write
        return write


REGISTRY: dict[str, WriterSpec] = {
    spec.name: spec
    for spec in (
        WriterSpec("pdf", "pdf", "briefgen.writers.pdf", "print-ready PDF (ReportLab)",
                   lays_out_while_charts_render=True),
        WriterSpec("docx", "docx", "briefgen.writers.docx", "editable Word report"),
        WriterSpec("html", "html", "briefgen.writers.html", "self-contained web page"),
    )
}
DEFAULT_FORMATS: tuple[str, ...] = ("pdf", "docx")


def writer(fmt: str) -> WriterSpec:
    """Return the registered writer for `fmt`; raise KeyError listing the formats known."""
    try:
        return REGISTRY[fmt]
    except KeyError:
        raise KeyError(f"unknown format '{fmt}' (known: {', '.join(REGISTRY)})") from None
