"""Generate SYNTHETIC incident tables (CSV) for tests and benchmarks; deterministic per seed.

Every row says it is synthetic (a `notes` or `source_article` column reading
"SYNTHETIC — generated for tests"), and default file names start with `synthetic_`.
The numbers are invented: they only look like ACLED, UCDP GED or briefgen-native exports of
Pakistan incidents in 2019–2024 so that aggregation code meets realistic shapes and sizes.

    python benchmarks/synth_incidents.py --rows 1000000 --preset acled -o /tmp/x.csv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

Preset = Literal["acled", "ucdp", "briefgen"]
DateStyle = Literal["iso", "long", "mixed"]

SYNTHETIC = "SYNTHETIC — generated for tests"
SYNTHETIC_SOURCE = "SYNTHETIC (briefgen test generator)"

REGIONS: tuple[tuple[str, float], ...] = (
    ("Khyber Pakhtunkhwa", 45),
    ("Balochistan", 30),
    ("Sindh", 10),
    ("Punjab", 8),
    ("Islamabad Capital Territory", 3),
    ("Gilgit-Baltistan", 2),
    ("Azad Jammu and Kashmir", 2),
)
ACTORS: tuple[tuple[str, float], ...] = (
    ("TTP", 38),
    ("Unidentified armed group", 22),
    ("BLA", 12),
    ("ISIS-K", 8),
    ("BLF", 6),
    ("Hafiz Gul Bahadur group", 5),
    ("Lashkar-e-Islam", 3),
    ("Jamaat-ul-Ahrar", 3),
    ("Lashkar-e-Jhangvi", 2),
    ("Tehreek-e-Jihad Pakistan", 1),
)
EVENT_TYPES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    (
        "Explosions/Remote violence",
        40,
        (
            "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
            "Shelling/artillery/missile attack",
        ),
    ),
    ("Battles", 35, ("Armed clash", "Government regains territory")),
    ("Violence against civilians", 25, ("Attack", "Abduction/forced disappearance")),
)
UCDP_TYPE = {"Battles": 1, "Explosions/Remote violence": 2, "Violence against civilians": 3}
YEARS: tuple[tuple[int, float], ...] = (
    (2019, 10), (2020, 10), (2021, 14), (2022, 18), (2023, 23), (2024, 25),
)
# Fatalities per event: mostly none or a few, a long thin tail of mass-casualty attacks.
FATALITIES: tuple[tuple[int, float], ...] = (
    (0, 38), (1, 22), (2, 12), (3, 8), (4, 5), (5, 4), (7, 3), (10, 3), (15, 2), (25, 1.5),
    (40, 0.8), (60, 0.4), (100, 0.3),
)

HEADERS: dict[str, tuple[str, ...]] = {
    "briefgen": (
        "date", "region", "actor", "event_type", "fatalities", "injuries", "source", "notes",
    ),
    "acled": (
        "event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1",
        "country", "admin1", "fatalities", "source", "notes",
    ),
    "ucdp": (
        "id", "year", "type_of_violence", "side_a", "side_b", "country", "adm_1",
        "date_start", "date_end", "best", "low", "high", "source_article",
    ),
}
CHUNK = 50_000


def default_name(rows: int, preset: Preset) -> str:
    """Return the default file name, which says the file is synthetic."""
    return f"synthetic_incidents_{preset}_{rows}.csv"


def _format_date(day: dt.date, style: DateStyle, coin: random.Random) -> str:
    """Format a date as ISO, as ACLED's long form ('12 March 2023'), or either at random."""
    if style == "long" or (style == "mixed" and coin.random() < 0.5):
        return f"{day.day:02d} {day:%B %Y}"
    return day.isoformat()


def _rows(rows: int, preset: Preset, seed: int, date_style: DateStyle) -> Iterator[list[object]]:
    """Yield the data rows of one synthetic table."""
    rng = random.Random(seed)
    coin = random.Random(seed + 1)  # date styles only, so every style has the same events
    regions, region_w = zip(*REGIONS, strict=True)
    actors, actor_w = zip(*ACTORS, strict=True)
    etypes = [e[0] for e in EVENT_TYPES]
    etype_w = [e[1] for e in EVENT_TYPES]
    subtypes = {e[0]: e[2] for e in EVENT_TYPES}
    years, year_w = zip(*YEARS, strict=True)
    deaths, death_w = zip(*FATALITIES, strict=True)
    done = 0
    while done < rows:
        n = min(CHUNK, rows - done)
        r_col = rng.choices(regions, region_w, k=n)
        a_col = rng.choices(actors, actor_w, k=n)
        e_col = rng.choices(etypes, etype_w, k=n)
        y_col = rng.choices(years, year_w, k=n)
        f_col = rng.choices(deaths, death_w, k=n)
        for i in range(n):
            year = y_col[i]
            days = 366 if year % 4 == 0 else 365
            day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(days))
            region, actor, etype, dead = r_col[i], a_col[i], e_col[i], f_col[i]
            serial = done + i + 1
            if preset == "acled":
                yield [
                    f"SYN{serial}", _format_date(day, date_style, coin), year, etype,
                    rng.choice(subtypes[etype]), actor, "Pakistan", region, dead,
                    SYNTHETIC_SOURCE, SYNTHETIC,
                ]
            elif preset == "ucdp":
                iso = day.isoformat()
                yield [
                    serial, year, UCDP_TYPE[etype], "Government of Pakistan", actor, "Pakistan",
                    region, iso, iso, dead, dead, dead + dead // 2, SYNTHETIC,
                ]
            else:
                hurt = dead * rng.randrange(4) + rng.randrange(3)
                yield [
                    _format_date(day, date_style, coin), region, actor, etype, dead, hurt,
                    SYNTHETIC_SOURCE, SYNTHETIC,
                ]
        done += n


def write_incidents(
    path: Path | str,
    rows: int,
    preset: Preset = "acled",
    seed: int = 2024,
    date_style: DateStyle = "iso",
) -> Path:
    """Write a synthetic incident CSV of `rows` events in a preset's layout; return its path."""
    if preset not in HEADERS:
        raise ValueError(f"unknown preset {preset!r} (choose from {', '.join(HEADERS)})")
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADERS[preset])
        writer.writerows(_rows(rows, preset, seed, date_style))
    tmp.replace(path)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and write one synthetic file."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000, help="number of events (default 10000)")
    ap.add_argument("--preset", choices=sorted(HEADERS), default="acled")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--date-style", choices=["iso", "long", "mixed"], default="iso",
                    help="date format (acled, briefgen): iso, long ('12 March 2023'), mixed")
    ap.add_argument("-o", "--output", type=Path,
                    help="output file (default: synthetic_incidents_<preset>_<rows>.csv)")
    args = ap.parse_args(argv)
    out = args.output or Path(default_name(args.rows, args.preset))
    write_incidents(out, args.rows, args.preset, args.seed, args.date_style)
    print(f"wrote {args.rows:,} SYNTHETIC {args.preset} rows to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
