"""Settings for briefgen's own processes (the command line and its workers), made once.

A build makes many objects and few reference cycles, and the libraries it loads make
hundreds of thousands of long-lived ones: with Python's default threshold (a collection
every 700 new objects) a cold build ran about 200 collections, 60 ms of walking objects that
were still alive. A brief's validation models would also look for pydantic plugins by
reading every installed distribution's entry points (40 ms), which no build uses; and
ReportLab would check every attribute svglib sets on a chart's shapes against its type
(a third of turning five chart SVGs into drawings, 40 ms), a check meant for people writing
drawings by hand. Without it chart labels keep line settings the check used to drop, which
changes a few bytes of the PDF and no pixel of it (a test renders both).

Only the command line and its workers call this; a program that imports briefgen as a
library keeps its own settings.
"""

from __future__ import annotations

import gc
import os

GC_THRESHOLD = (20_000, 10, 10)  # allocations before a young collection; older ones follow


def settle() -> None:
    """Collect garbage rarely; no plugin search, no shape checks unless the user asks for them.

    Both are environment settings, read when the libraries load (and inherited by workers),
    so a value the user has set wins.
    """
    gc.set_threshold(*GC_THRESHOLD)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    os.environ.setdefault("RL_shapeChecking", "0")
