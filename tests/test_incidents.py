"""Tests for incident aggregation: presets, periods, groupings, filters, folding and errors."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import ValidationError

from briefgen.errors import BriefError
from briefgen.incidents.aggregate import Aggregate, IncidentQuery, aggregate, check_columns

NATIVE = ["date", "region", "actor", "event_type", "fatalities", "injuries", "source"]
EVENTS = [
    # date, region, actor, event_type, fatalities, injuries
    ("2021-01-15", "Khyber Pakhtunkhwa", "TTP", "Battles", 3, 1),
    ("2021-02-20", "Balochistan", "BLA", "Explosions/Remote violence", 5, 10),
    ("2021-07-04", "Khyber Pakhtunkhwa", "TTP", "Explosions/Remote violence", 0, 2),
    ("2022-03-30", "Punjab", "ISIS-K", "Violence against civilians", 1, 0),
    ("2022-04-01", "Khyber Pakhtunkhwa", "TTP", "Battles", 7, 3),
    ("2022-12-31", "Sindh", "Unidentified armed group", "Violence against civilians", 2, 2),
    ("2023-05-05", "Balochistan", "BLA", "Battles", 4, 0),
    ("2023-05-06", "Khyber Pakhtunkhwa", "ISIS-K", "Explosions/Remote violence", 20, 30),
]
SRC = "SYNTHETIC — test"


def write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """Write a CSV with a header row."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def native(tmp_path: Path) -> Path:
    """A briefgen-native incident table."""
    return write(tmp_path / "incidents.csv", NATIVE, [[*e, SRC] for e in EVENTS])


def agg(path: Path, **query: object) -> Aggregate:
    """Aggregate with a query given as keyword arguments (validated as YAML would be)."""
    return aggregate(path, IncidentQuery.model_validate(query))


# ------------------------------------------------------------------ presets


def test_native_preset_counts_events_per_year(native: Path) -> None:
    result = agg(native, period="year")
    assert result.columns == ("period", "events")
    assert result.rows == (("2021", 3), ("2022", 3), ("2023", 2))


def test_native_preset_sums_fatalities_and_injuries(native: Path) -> None:
    assert agg(native, measure="fatalities").rows == ((42,),)
    assert agg(native, measure="injuries", by="actor").rows == (
        ("BLA", 10), ("ISIS-K", 30), ("TTP", 6), ("Unidentified armed group", 2),
    )


def test_acled_preset_reads_iso_and_long_dates(tmp_path: Path) -> None:
    header = ["event_id_cnty", "event_date", "year", "event_type", "actor1", "admin1",
              "fatalities", "notes"]
    rows = [
        ["SYN1", "2023-03-12", 2023, "Battles", "TTP", "Khyber Pakhtunkhwa", 2, SRC],
        ["SYN2", "12 March 2023", 2023, "Battles", "TTP", "Khyber Pakhtunkhwa", 1, SRC],
        ["SYN3", "2 January 2024", 2024, "Battles", "BLA", "Balochistan", 4, SRC],
        ["SYN4", "05 Dec 2022", 2022, "Battles", "BLA", "Balochistan", 0, SRC],
    ]
    path = write(tmp_path / "acled.csv", header, rows)
    result = agg(path, preset="acled", period="month", by="region", measure="fatalities")
    assert result.rows == (
        ("2022-12", "Balochistan", 0),
        ("2023-03", "Khyber Pakhtunkhwa", 3),
        ("2024-01", "Balochistan", 4),
    )
    assert result.columns == ("period", "region", "fatalities")


def test_acled_preset_has_no_injuries(tmp_path: Path) -> None:
    path = write(tmp_path / "acled.csv", ["event_date", "admin1", "fatalities"], [])
    query = IncidentQuery(preset="acled", measure="injuries")
    [message] = check_columns(path, query)
    assert "preset acled has no injuries column" in message
    assert "columns: {injuries:" in message


def test_ucdp_preset_maps_violence_codes_and_timestamps(tmp_path: Path) -> None:
    header = ["id", "type_of_violence", "side_b", "adm_1", "date_start", "best", "source_article"]
    rows = [
        [1, 1, "TTP", "Khyber Pakhtunkhwa province", "2022-01-03 00:00:00.000", 5, SRC],
        [2, 3, "TTP", "Khyber Pakhtunkhwa province", "2022-06-30", 2, SRC],
        [3, 2, "BLA", "Balochistan province", "2023-02-01 00:00:00.000", 1, SRC],
    ]
    path = write(tmp_path / "ged.csv", header, rows)
    result = agg(path, preset="ucdp", period="quarter", by="event_type", measure="fatalities")
    assert result.rows == (
        ("2022-Q1", "State-based conflict", 5),
        ("2022-Q2", "One-sided violence", 2),
        ("2023-Q1", "Non-state conflict", 1),
    )
    filtered = agg(path, preset="ucdp", event_types=["One-sided violence"], by="actor")
    assert filtered.rows == (("TTP", 1),)


def test_columns_override_the_preset(tmp_path: Path) -> None:
    header = ["event_date", "admin1", "actor2", "fatalities"]
    rows = [["2021-01-01", "Punjab", "Police", 1], ["2021-02-01", "Sindh", "Police", 2]]
    path = write(tmp_path / "x.csv", header, rows)
    result = agg(path, preset="acled", columns={"actor": "actor2"}, by="actor")
    assert result.rows == (("Police", 2),)


# ------------------------------------------------------------------ periods and groups


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("year", ("2021", "2022", "2023")),
        ("quarter", ("2021-Q1", "2021-Q3", "2022-Q1", "2022-Q2", "2022-Q4", "2023-Q2")),
        ("month", ("2021-01", "2021-02", "2021-07", "2022-03", "2022-04", "2022-12", "2023-05")),
    ],
)
def test_each_period(native: Path, period: str, expected: tuple[str, ...]) -> None:
    result = agg(native, period=period)
    assert tuple(row[0] for row in result.rows) == expected
    assert sum(int(row[-1]) for row in result.rows) == len(EVENTS)
    assert result.periods[0] == expected[0] and result.periods[-1] == expected[-1]


def test_periods_fill_gaps(native: Path) -> None:
    result = agg(native, period="quarter")
    assert result.periods == tuple(f"{y}-Q{q}" for y in (2021, 2022) for q in (1, 2, 3, 4)) + (
        "2023-Q1", "2023-Q2",
    )
    wide = result.to_wide()
    assert wide.x == result.periods
    assert wide.series == (("events", (2, 0, 1, 0, 1, 1, 0, 1, 0, 2)),)


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("region", {"Balochistan": 2, "Khyber Pakhtunkhwa": 4, "Punjab": 1, "Sindh": 1}),
        ("actor", {"BLA": 2, "ISIS-K": 2, "TTP": 3, "Unidentified armed group": 1}),
        ("event_type", {"Battles": 3, "Explosions/Remote violence": 3,
                        "Violence against civilians": 2}),
    ],
)
def test_each_grouping(native: Path, by: str, expected: dict[str, int]) -> None:
    result = agg(native, by=by)
    assert result.columns == (by, "events")
    assert dict(result.rows) == expected  # type: ignore[arg-type]
    assert result.groups == tuple(sorted(expected))


def test_year_by_region_to_wide(native: Path) -> None:
    wide = agg(native, period="year", by="region", measure="fatalities").to_wide()
    assert wide.x_name == "period"
    assert wide.x == ("2021", "2022", "2023")
    assert wide.series == (
        ("Balochistan", (5, 0, 4)),
        ("Khyber Pakhtunkhwa", (3, 7, 20)),
        ("Punjab", (0, 1, 0)),
        ("Sindh", (0, 2, 0)),
    )


def test_group_only_to_wide_has_one_series(native: Path) -> None:
    wide = agg(native, by="region").to_wide()
    assert wide.x_name == "region"
    assert wide.x == ("Balochistan", "Khyber Pakhtunkhwa", "Punjab", "Sindh")
    assert wide.series == (("events", (2, 4, 1, 1)),)
    assert agg(native).to_wide().series == (("events", (8,)),)


def test_missing_group_value_is_unknown(tmp_path: Path) -> None:
    rows = [["2021-01-01", "", "TTP", "Battles", 1, 0, SRC], ["2021-01-02", "Punjab", "TTP",
                                                            "Battles", 1, 0, SRC]]
    path = write(tmp_path / "x.csv", NATIVE, rows)
    assert agg(path, by="region").rows == (("Punjab", 1), ("Unknown", 1))


# ------------------------------------------------------------------ filters


def test_date_filters_are_inclusive(native: Path) -> None:
    result = agg(native, date_from="2021-07-04", date_to="2022-12-31")
    assert result.rows == ((4,),)
    assert agg(native, date_from=dt.date(2023, 1, 1)).rows == ((2,),)
    assert agg(native, date_to=dt.date(2021, 1, 15)).rows == ((1,),)


@pytest.mark.parametrize(
    ("key", "values", "count"),
    [
        ("regions", ["Balochistan", "Sindh"], 3),
        ("actors", ["TTP"], 3),
        ("event_types", ["Battles", "Violence against civilians"], 5),
    ],
)
def test_list_filters(native: Path, key: str, values: list[str], count: int) -> None:
    assert agg(native, **{key: values}).rows == ((count,),)


def test_filters_combine(native: Path) -> None:
    result = agg(native, period="year", by="actor", regions=["Khyber Pakhtunkhwa"],
                 event_types=["Battles"], date_from="2022-01-01", measure="fatalities")
    assert result.rows == (("2022", "TTP", 7),)


def test_filter_matching_nothing_gives_no_rows(native: Path) -> None:
    result = agg(native, period="year", regions=["Gilgit-Baltistan"])
    assert result.rows == ()
    assert result.to_wide().x == ()


# ------------------------------------------------------------------ top-N folding


def test_top_folds_the_rest_into_other(native: Path) -> None:
    result = agg(native, by="actor", top=2)
    # TTP 3; BLA and ISIS-K tie on 2, broken by name; the rest folds into Other, listed last.
    assert result.rows == (("BLA", 2), ("TTP", 3), ("Other", 3))
    assert result.groups == ("BLA", "TTP", "Other")


def test_top_ranks_by_the_measure_over_all_periods(native: Path) -> None:
    result = agg(native, period="year", by="actor", measure="fatalities", top=1)
    # ISIS-K 21, TTP 10, BLA 9, Unidentified armed group 2.
    assert result.rows == (
        ("2021", "Other", 8),
        ("2022", "ISIS-K", 1),
        ("2022", "Other", 9),
        ("2023", "ISIS-K", 20),
        ("2023", "Other", 4),
    )
    assert result.to_wide().series == (("ISIS-K", (0, 1, 20)), ("Other", (8, 9, 4)))


def test_top_larger_than_groups_folds_nothing(native: Path) -> None:
    assert "Other" not in agg(native, by="region", top=10).groups


# ------------------------------------------------------------------ missing columns


def test_missing_column_message_names_existing_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", ["date", "region", "fatalities"], [])
    query = IncidentQuery(preset="acled", period="year")
    [message] = check_columns(path, query)
    assert message == (
        f"column 'event_date' (preset acled: date) not in {path} "
        "(columns: date, region, fatalities)"
    )


def test_missing_column_messages_list_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", ["when", "region", "fatalaties"], [])
    query = IncidentQuery(columns={"date": "event_date"}, period="year", actors=["TTP"],
                          measure="fatalities")
    messages = check_columns(path, query)
    assert len(messages) == 3
    assert "column 'event_date' (columns.date)" in messages[0]
    assert "column 'actor' (preset briefgen: actor)" in messages[1]
    assert "did you mean 'fatalaties'?" in messages[2]


def test_check_columns_only_needs_used_columns(native: Path) -> None:
    assert check_columns(native, IncidentQuery(preset="briefgen", by="region")) == []


def test_aggregate_raises_for_missing_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", ["a", "b"], [[1, 2]])
    with pytest.raises(BriefError) as err:
        agg(path, period="year")
    assert str(err.value).startswith(f"{path}:1: column 'date'")


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert check_columns(empty, IncidentQuery()) == [f"{empty} is empty (no header row)"]
    with pytest.raises(BriefError, match="file not found"):
        agg(tmp_path / "nope.csv")


# ------------------------------------------------------------------ data errors


def test_bad_date_reports_file_and_line(tmp_path: Path) -> None:
    rows: list[list[object]] = [[*e, SRC] for e in EVENTS]
    rows[1][-1] = "a note\nspread over two lines"  # line numbers must count it
    rows[4][0] = "2022-13-45"
    path = write(tmp_path / "x.csv", NATIVE, rows)
    with pytest.raises(BriefError) as err:
        agg(path, period="year")
    assert str(err.value) == (
        f"{path}:7: date: cannot read date ('2022-13-45'); "
        "expected YYYY-MM-DD or a date like '12 March 2023'"
    )
    assert err.value.problems[0].line == 7


def test_empty_date_is_an_error_when_dates_are_used(tmp_path: Path) -> None:
    rows: list[list[object]] = [[*e, SRC] for e in EVENTS]
    rows[0][0] = ""
    path = write(tmp_path / "x.csv", NATIVE, rows)
    with pytest.raises(BriefError, match=r":2: date: cannot read date \(empty\)"):
        agg(path, date_from="2020-01-01")
    assert agg(path, by="region").rows[0] == ("Balochistan", 2)  # dates not used: no check


def test_bad_rows_outside_the_filter_still_fail(tmp_path: Path) -> None:
    rows: list[list[object]] = [[*e, SRC] for e in EVENTS]
    rows[0][4] = -3
    path = write(tmp_path / "x.csv", NATIVE, rows)
    with pytest.raises(BriefError, match=r"x.csv:2: fatalities: '-3' is negative"):
        agg(path, measure="fatalities", regions=["Punjab"])


@pytest.mark.parametrize(
    ("value", "why"), [("many", "is not a number"), ("2.5", "is not a whole number")]
)
def test_bad_measure_values(tmp_path: Path, value: str, why: str) -> None:
    header = ["event_date", "admin1", "best"]
    path = write(tmp_path / "ged.csv", header, [["2021-01-01", "Punjab", value]])
    with pytest.raises(BriefError) as err:
        agg(path, columns={"date": "event_date", "region": "admin1", "fatalities": "best"},
            measure="fatalities")
    assert str(err.value) == f"{path}:2: best: '{value}' {why} (fatalities)"


def test_whole_floats_and_blank_lines_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("date,region,fatalities\n2021-01-01,Punjab,3.0\n\n2021-02-01,Sindh,\n")
    result = agg(path, period="year", measure="fatalities")
    assert result.rows == (("2021", 3),)
    assert agg(path).rows == ((2,),)


def test_many_bad_rows_are_summarised(tmp_path: Path) -> None:
    rows = [[f"2021-01-{i:02d}x", "Punjab", "TTP", "Battles", 1, 0, SRC] for i in range(1, 26)]
    path = write(tmp_path / "x.csv", NATIVE, rows)
    with pytest.raises(BriefError) as err:
        agg(path, period="month")
    problems = err.value.problems
    assert [p.line for p in problems[:10]] == list(range(2, 12))
    assert problems[-1].message == "… and 15 more rows with problems"


# ------------------------------------------------------------------ the query model


def test_query_rejects_unknown_keys_and_is_frozen() -> None:
    with pytest.raises(ValidationError):
        IncidentQuery.model_validate({"perod": "year"})
    query = IncidentQuery()
    with pytest.raises(ValidationError):
        query.__setattr__("period", "year")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"columns": {"when": "date"}}, "unknown column role 'when'"),
        ({"top": 3}, "'top' needs 'by'"),
        ({"date_from": "2023-01-01", "date_to": "2022-01-01"}, "is after date_to"),
        ({"top": 0, "by": "actor"}, "greater than or equal to 1"),
        ({"regions": []}, "at least 1 item"),
    ],
)
def test_query_validation(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        IncidentQuery.model_validate(data)


def test_query_json_schema_is_published() -> None:
    schema = IncidentQuery.model_json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]["preset"]["enum"]) == {"acled", "ucdp", "briefgen"}


# ------------------------------------------------------------------ determinism


def test_ordering_does_not_depend_on_row_order(tmp_path: Path) -> None:
    rows = [[*e, SRC] for e in EVENTS] * 5
    query = {"period": "month", "by": "actor", "measure": "injuries", "top": 3}
    first = agg(write(tmp_path / "a.csv", NATIVE, rows), **query)
    for seed in range(3):
        random.Random(seed).shuffle(rows)
        assert agg(write(tmp_path / f"s{seed}.csv", NATIVE, rows), **query) == first
    keys = [(r[0], r[1] == "Other", r[1]) for r in first.rows]
    assert keys == sorted(keys)


@pytest.mark.slow
def test_import_does_not_load_polars() -> None:
    code = "import sys, briefgen.incidents.aggregate; print('polars' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------ the synthetic generator


def _synth() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "synth_incidents.py"
    spec = importlib.util.spec_from_file_location("synth_incidents_under_test", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("preset", ["acled", "ucdp", "briefgen"])
def test_synthetic_files_are_labelled_deterministic_and_readable(
    tmp_path: Path, preset: str
) -> None:
    synth = _synth()
    a = synth.write_incidents(tmp_path / synth.default_name(300, preset), 300, preset, seed=7)
    b = synth.write_incidents(tmp_path / "again.csv", 300, preset, seed=7)
    assert a.name.startswith("synthetic_")
    assert a.read_bytes() == b.read_bytes()
    lines = a.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 301
    assert all("SYNTHETIC" in line for line in lines[1:])
    measure = "injuries" if preset == "briefgen" else "fatalities"
    result = agg(a, preset=preset, period="year", by="region", measure=measure,
                 date_from="2019-01-01", date_to="2024-12-31")
    assert {row[0] for row in result.rows} <= {str(y) for y in range(2019, 2025)}
    assert sum(int(r[-1]) for r in result.rows) > 0
    assert agg(a, preset=preset).rows == ((300,),)


def test_synthetic_long_dates_match_iso(tmp_path: Path) -> None:
    synth = _synth()
    iso = synth.write_incidents(tmp_path / "iso.csv", 500, "acled", seed=3, date_style="iso")
    mixed = synth.write_incidents(tmp_path / "mixed.csv", 500, "acled", seed=3,
                                  date_style="mixed")
    query = {"preset": "acled", "period": "month", "by": "actor", "measure": "fatalities"}
    assert agg(iso, **query).rows == agg(mixed, **query).rows


# ------------------------------------------------------------------ unreadable files


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("date,region\n2021-01-01,Punjab\n2021-01-02,K\xe9nya\n".encode("latin-1"),
         ":3: not UTF-8 text; save the file as UTF-8 CSV"),
        (b"date,region\n2021-01-01,Punjab\n2021-01-02,Sindh,extra\n",
         ":3: 3 fields in a row, but the header has 2"),
    ],
)
def test_unreadable_csv_names_the_line(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with pytest.raises(BriefError) as err:
        agg(path, period="year", by="region")
    assert str(err.value) == f"{path}{expected}"


def test_wrong_separator_is_suggested(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("date;region\n2021-01-01;Punjab\n")
    messages = check_columns(path, IncidentQuery(by="region"))
    assert messages == [
        f"column 'region' (preset briefgen: region) not in {path} (columns: date;region); "
        f"is {path} separated by ';' rather than commas?"
    ]
