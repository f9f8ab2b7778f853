"""End-to-end builds of the mini brief: safety, determinism, caching, manifest, changes."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.errors import BriefError
from briefgen.pipeline import build
from tests.conftest import Built


def test_build_writes_both_formats_and_a_manifest(mini_built: Built) -> None:
    out, result = mini_built.out, mini_built.result
    assert result.outputs["pdf"].read_bytes().startswith(b"%PDF")
    assert result.outputs["docx"].read_bytes().startswith(b"PK")
    manifest = json.loads((out / "mini.manifest.json").read_text())
    assert manifest["facts"]["attacks-2022"]["text"] == "262 attacks"
    assert manifest["outputs"]["pdf"]["file"] == "mini.pdf"
    assert "Figure 1: Attacks per year" in manifest["charts"]
    assert manifest["charts"]["Figure 1: Attacks per year"]["series"]["value"] == [150, 206, 262]
    assert any(name.endswith("data/annual.csv") for name in manifest["inputs"])


def test_two_builds_are_byte_identical(mini_built: Built, mini: Path, tmp_path: Path) -> None:
    first = mini_built.result  # drew its charts into an empty cache
    second = build(mini, out_dir=tmp_path / "b", use_cache=False)
    for fmt in ("pdf", "docx"):
        assert first.outputs[fmt].read_bytes() == second.outputs[fmt].read_bytes(), fmt


def test_failed_build_leaves_previous_outputs_untouched(mini_built: Built, mini: Path,
                                                       tmp_path: Path) -> None:
    out = mini_built.copy_outputs(tmp_path / "out")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    text = (mini / "brief.yaml").read_text().replace("y: attacks, ylabel", "y: atacks, ylabel")
    (mini / "brief.yaml").write_text(text)
    with pytest.raises(BriefError):
        build(mini, out_dir=out, cache_dir=tmp_path / "cache")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_writer_failure_leaves_no_partial_file(mini_built: Built, mini: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = mini_built.copy_outputs(tmp_path / "out", tmp_path / "cache")
    pdf_before = (out / "mini.pdf").read_bytes()
    (mini / "brief.yaml").write_text((mini / "brief.yaml").read_text().replace(
        "Do one thing.", "Do one other thing."))

    def boom(*_a: object, **_k: object) -> bytes:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("briefgen.writers.docx.render_docx", boom)
    with pytest.raises(RuntimeError):  # in-process, where the patch applies
        build(mini, out_dir=out, cache_dir=tmp_path / "cache", workers=0)
    # the PDF rendered fine, but nothing is written unless every format succeeded
    assert (out / "mini.pdf").read_bytes() == pdf_before
    assert sorted(p.name for p in out.iterdir()) == ["mini.docx", "mini.manifest.json", "mini.pdf"]


def test_rebuild_uses_the_chart_cache_and_skips_unchanged(mini_built: Built, mini: Path,
                                                          tmp_path: Path) -> None:
    cold = mini_built.result  # built into an empty cache
    assert cold.charts_rendered == 6
    out, cache = tmp_path / "out", tmp_path / "cache"
    mini_built.copy_outputs(out, cache)
    same = build(mini, out_dir=out, cache_dir=cache)
    assert same.up_to_date and same.charts_rendered == 0
    # change one dataset: only the three charts drawn from it are rendered again
    csv = mini / "data" / "annual.csv"
    csv.write_text(csv.read_text().replace("2022,262,700", "2022,270,700"))
    again = build(mini, out_dir=out, cache_dir=cache)
    assert not again.up_to_date
    assert (again.charts_rendered, again.charts_cached) == (3, 3)


def test_change_summary_reports_an_edited_figure(mini_built: Built, mini: Path,
                                                tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    mini_built.copy_outputs(out, cache)
    old_manifest = tmp_path / "old.manifest.json"
    old_manifest.write_bytes((out / "mini.manifest.json").read_bytes())
    facts = mini / "facts.yaml"
    facts.write_text(facts.read_text().replace("value: 1500,", "value: 1600,").replace(
        "more than 1,500 deaths", "more than 1,600 deaths"))
    result = build(mini, out_dir=out, cache_dir=cache, changes_box=True)
    texts = [c.text for c in result.changes]
    assert "Deaths in 2023: more than 1,500 deaths → more than 1,600 deaths (+100, +7%)." in texts
    assert any(t.startswith("Deaths by source (Report A, 2023): 1,500 → 1,600") for t in texts)
    # the box is in the brief itself, right after the key judgments
    assert result.document is not None
    kinds = [type(b).__name__ for b in result.document.blocks]
    assert kinds[kinds.index("KeyJudgments") + 1] == "Callout"
    # and `briefgen diff` says the same for the two manifests
    diff = CliRunner().invoke(main, ["diff", str(old_manifest), str(out / "mini.manifest.json")])
    assert diff.exit_code == 0
    assert "Deaths in 2023: more than 1,500 deaths → more than 1,600 deaths (+100, +7%)." in (
        diff.output)


def test_cli_json_and_quiet(mini: Path, tmp_path: Path) -> None:
    args = ["build", str(mini), "-o", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c")]
    quiet = CliRunner().invoke(main, [*args, "-f", "pdf", "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["ok"] is True
    assert set(data["outputs"]) == {"pdf", "docx"}
    assert len(data["outputs"]["pdf"]["sha256"]) == 64
    assert data["problems"] == []
    bad = CliRunner().invoke(main, [*args, "--json", "--set", "date=not-a-date"])
    assert bad.exit_code == 1
    problems = json.loads(bad.output)["problems"]
    assert problems and "date" in problems[0]


def test_set_overrides_title(mini: Path, tmp_path: Path) -> None:
    result = build(mini, out_dir=tmp_path / "out", cache_dir=tmp_path / "c",
                   overrides={"title": "Another title"}, formats=["pdf"])
    assert result.document is not None
    assert result.document.meta.title == "Another title"


def test_outputs_are_ordinary_readable_files(mini_built: Built) -> None:
    for path in mini_built.result.outputs.values():
        assert path.stat().st_mode & 0o044 == 0o044, path.name


def test_a_character_no_font_can_draw_is_a_located_error(mini: Path, tmp_path: Path) -> None:
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text().replace("Do one thing.", "Do one thing \U00013000."))
    with pytest.raises(BriefError) as info:
        build(mini, out_dir=tmp_path / "out", cache_dir=tmp_path / "c")
    [problem] = info.value.problems
    assert (problem.file, problem.line) == ("mini/brief.yaml", 76)
    assert problem.field.endswith("recommendations[0].text")
    assert problem.message.startswith("character U+13000 '\U00013000' (Egyptian Hieroglyphs) "
                                      "not in any installed font")
    assert not (tmp_path / "out").exists()


def test_files_are_dated_by_the_edition_or_source_date_epoch(
        mini_built: Built, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docx import Document as open_docx
    from pypdf import PdfReader

    result = mini_built.result
    assert PdfReader(str(result.outputs["pdf"])).metadata["/CreationDate"].startswith(
        "D:20261122000000")
    assert open_docx(str(result.outputs["docx"])).core_properties.created.isoformat().startswith(
        "2026-11-22T00:00:00")
    out, cache = mini_built.copy_outputs(tmp_path / "a"), tmp_path / "c"
    same = build(mini, out_dir=out, cache_dir=cache)
    assert same.up_to_date  # so what follows is the stamp's doing
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = build(mini, out_dir=out, cache_dir=cache)
    assert not again.up_to_date  # a different stamp is a different output
    assert PdfReader(str(again.outputs["pdf"])).metadata["/CreationDate"].startswith(
        "D:20231114221320")


def test_update_fields_reaches_the_docx_settings(mini_built: Built, mini: Path,
                                                 tmp_path: Path) -> None:
    import zipfile

    result = build(mini, out_dir=tmp_path / "out", formats=["docx"], use_cache=False,
                   update_fields=True)
    with zipfile.ZipFile(result.outputs["docx"]) as docx:
        assert b"w:updateFields" in docx.read("word/settings.xml")
    plain = mini_built.result  # built without update_fields
    with zipfile.ZipFile(plain.outputs["docx"]) as docx:
        assert b"w:updateFields" not in docx.read("word/settings.xml")


def test_prepare_reports_each_chart_as_it_is_assembled(mini: Path) -> None:
    from briefgen.pipeline import prepare

    seen: list[tuple[str, object, dict[str, object]]] = []
    assembled, _theme = prepare(mini, on_chart=lambda key, data, look: seen.append(
        (key, data, look)))
    assert [key for key, _, _ in seen] == list(assembled.charts)
    assert all(assembled.charts[key] == data for key, data, _ in seen)
    assert seen and all(look == seen[0][2] for _, _, look in seen)
