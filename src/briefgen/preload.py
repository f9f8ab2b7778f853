"""Imported first by the worker forkserver: no garbage collection while libraries load.

The forkserver only imports the drawing libraries and forks workers; what those imports
make lives as long as the process, so collecting while they run (matplotlib's import sets off
about 150 collections, 60 ms) finds nothing. Each worker freezes what it inherited and turns
collection back on before its first job (`workers._init_worker`).
"""

import gc

gc.disable()
