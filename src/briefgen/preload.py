"""Imported first by a chart worker: the drawing libraries, loaded as cheaply as possible.

The forkserver (or, under spawn, each worker) only imports these and forks workers; what the
imports make lives as long as the process, so collecting garbage while they run (matplotlib's
import sets off about 150 collections, 60 ms) finds nothing, and the property lists matplotlib
writes into its artists' docstrings (a third of its import) are never read. Each worker
freezes what it inherited and turns collection back on before its first job
(`workers.resume_collection`).
"""

import gc

gc.disable()

from briefgen.compat.matplotlib import without_property_docs  # noqa: E402

with without_property_docs():
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.figure  # noqa: F401  (with the axes classes: half a second per worker)
    import matplotlib.font_manager  # noqa: F401  (reads the font list once)
    import matplotlib.patches  # noqa: F401
    import matplotlib.textpath  # noqa: F401

    import briefgen.charts.render  # noqa: F401
