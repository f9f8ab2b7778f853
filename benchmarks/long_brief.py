"""Write a long, text-only brief (no charts) of about N pages, for the scaling benchmark.

    python benchmarks/long_brief.py OUT_DIR PAGES

The prose is generated from a fixed vocabulary with a seeded generator, so every run writes
the same brief; it has headings at three levels, bullet lists and a citation per section.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = ("policy district border province security talks ceasefire offensive militants "
         "government analysts reports officials violence region pressure cooperation refugees "
         "economy police attacks strategy negotiation leverage accountability protection "
         "communities evidence assessment operations insurgency displacement").split()
# About 340 words fill an A4 page of body text at the default style's measure.
WORDS_PER_PAGE = 340


def sentence(rng: random.Random) -> str:
    """One plain sentence of eight to twenty words."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, words: int) -> str:
    """A paragraph of about `words` words."""
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(sentence(rng))
    return " ".join(out)


def write(folder: Path, pages: int) -> Path:
    """Write the brief into `folder` and return it."""
    rng = random.Random(pages)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text(
        "sources:\n  - id: report\n    title: A long report\n    author: A. Author\n"
        "    outlet: Example Outlet\n    date: 2024-01-01\n")
    sections = []
    paras_per_part, words_per_para = 8, 130
    chapter_words = 2 * paras_per_part * words_per_para
    for s in range(max(1, round(pages * WORDS_PER_PAGE / chapter_words))):
        subs = []
        for k in range(2):
            paras = "\n\n".join(paragraph(rng, words_per_para) for _ in range(paras_per_part))
            subs.append(f"      - title: \"Part {s + 1}.{k + 1}\"\n        blocks:\n"
                        f"          - text: |\n" + "\n".join(
                            f"              {line}" for line in paras.split("\n")) +
                        f" [@report]\n          - bullets: [\"{sentence(rng)}\", "
                        f"\"{sentence(rng)}\"]\n")
        sections.append(f"  - title: \"Chapter {s + 1}\"\n    sections:\n" + "".join(subs))
    (folder / "brief.yaml").write_text(
        "title: A long brief\ndate: 2026-11-22\nauthors: [{name: A. Analyst}]\n"
        "sources: sources.yaml\nsections:\n" + "".join(sections))
    return folder


if __name__ == "__main__":
    write(Path(sys.argv[1]), int(sys.argv[2]))
