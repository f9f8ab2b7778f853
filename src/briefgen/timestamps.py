"""The date stamped into output files: fixed, so that the same inputs give the same bytes."""

from __future__ import annotations

import datetime as dt
import os


def stamp_datetime(edition: dt.date) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the edition date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime(edition.year, edition.month, edition.day)
