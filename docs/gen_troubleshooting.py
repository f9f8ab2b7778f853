"""Write docs/troubleshooting.md from the code catalogue in briefgen.errors.

    python docs/gen_troubleshooting.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from briefgen.errors import CODES, FALLBACK

PAGE = Path(__file__).resolve().parent / "troubleshooting.md"

INTRO = """# Troubleshooting

Every problem briefgen finds is one line, `file:line: field: message [CODE]`, printed to
standard error with exit status 1 (never a traceback). Terminals and editors that know the
`file:line:` form jump to the place. `--json` (on `build` and `batch`) gives the same problems
as data: `problems` holds the lines, `details` each one's `code`, `file`, `line`, `field` and
`message`.

```
water/brief.yaml:7: subtitel: unknown key 'subtitel' (did you mean 'subtitle'?) [BG101]
water/brief.yaml:41: sections[1].blocks[1].chart.y: column 'withdrawls' not in water/data/withdrawals.csv (columns: year, withdrawals); did you mean 'withdrawals'? [BG301]
```

The codes are stable: scripts may match on them. The table of codes below is written from the
catalogue in `briefgen/errors.py` by `python docs/gen_troubleshooting.py`.

| range | stage |
|---|---|
| BG1xx | reading the input files (YAML, keys, values, paths) |
| BG2xx | references between the brief, the facts and the sources |
| BG3xx | data files (CSV) |
| BG4xx | building the outputs |
| BG5xx | `briefgen check` (provenance) |
"""


def render() -> str:
    """Return the page's Markdown."""
    parts = [INTRO]
    for code in (*CODES, FALLBACK):
        parts.append(f"## {code.code}: {code.title}\n\n{code.fix}\n")
    return "\n".join(parts)


def main() -> int:
    """Write the page."""
    PAGE.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
