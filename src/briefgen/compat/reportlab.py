"""ReportLab internals briefgen relies on (checked against ReportLab 4.2 up to, not incl., 6)."""

from __future__ import annotations

import time
from typing import Any

SUPPORTED = ((4, 2), (6, 0))  # lowest supported, first unsupported


def version_tuple() -> tuple[int, int]:
    """The installed ReportLab version as (major, minor)."""
    import reportlab

    major, minor, *_ = (int(p) for p in reportlab.Version.split(".")[:2])
    return major, minor


def stamp_document(canvas: Any, epoch_seconds: int) -> None:
    """Give the PDF a fixed creation and modification date (the edition's, not the clock's).

    ReportLab's invariant mode pins every date to 2000-01-01; the timestamp object on the
    canvas's document is the only place a real, fixed date can be set.
    """
    from reportlab.lib.utils import TimeStamp

    stamp = TimeStamp(1)
    stamp.t = epoch_seconds
    stamp.lt = time.gmtime(epoch_seconds)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp


def defer_save(template: Any) -> None:
    """Stop a doc template from saving at the end of `build` (forms are defined after it)."""
    template._doSave = 0


def tounicode_object(doc: Any, base_name: str) -> Any:
    """The ToUnicode CMap stream ReportLab wrote for one font subset."""
    return doc.idToObject["toUnicodeCMap:" + base_name]
