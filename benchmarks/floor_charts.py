"""The floor for a cold build: a bare process that renders the same charts with pyplot.

It imports matplotlib.pyplot and nothing of briefgen, reads the charts' data from a JSON
file written beforehand, and saves each chart as a 200 dpi PNG and as an SVG — the least
work any tool must do to put these charts into a PDF and a DOCX.

    python benchmarks/floor_charts.py charts.json
"""

from __future__ import annotations

import io
import json
import sys

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402


def draw(chart: dict) -> None:  # type: ignore[type-arg]
    """Draw one chart the plain pyplot way (tight_layout, default everything)."""
    fig, ax = plt.subplots(figsize=(6.3, 3.3))
    kind = chart["kind"]
    cats = chart["categories"]
    if kind == "timeline":
        xs = [e[0] for e in chart["events"]]
        ax.plot(xs, [0] * len(xs), "o-")
        for x, label in zip(xs, [e[1] for e in chart["events"]], strict=True):
            ax.annotate(label, (x, 0), xytext=(0, 12), textcoords="offset points", ha="center")
    else:
        n = max(len(chart["series"]), 1)
        for i, (name, values) in enumerate(chart["series"]):
            vals = [v or 0 for v in values]
            xs = [x + i * 0.8 / n for x in range(len(cats))]
            if kind == "barh":
                bars = ax.barh(xs, vals, 0.8 / n, label=name)
            elif kind == "line":
                ax.plot(range(len(cats)), vals, marker="o", label=name)
                continue
            else:
                bars = ax.bar(xs, vals, 0.8 / n, label=name)
            ax.bar_label(bars)
        if kind == "barh":
            ax.set_yticks(range(len(cats)), cats)
        else:
            ax.set_xticks(range(len(cats)), cats)
        if n > 1:
            ax.legend()
    ax.set_title(chart["title"])
    fig.tight_layout()
    fig.savefig(io.BytesIO(), format="png", dpi=200)
    fig.savefig(io.BytesIO(), format="svg")
    plt.close(fig)


def main() -> None:
    """Render every chart in the JSON file given on the command line."""
    with open(sys.argv[1], encoding="utf-8") as fh:
        charts = json.load(fh)
    for chart in charts:
        draw(chart)


if __name__ == "__main__":
    main()
