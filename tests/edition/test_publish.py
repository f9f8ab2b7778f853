"""Reading outputs back before an edition is published: a damaged output replaces nothing."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.edition import publish as publishing
from briefgen.edition.publish import ReadBackError, check_payload, publish
from briefgen.errors import BriefError
from briefgen.pipeline import BuildOptions, build
from tests.conftest import Built


def _zip(member: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", member)
    return buffer.getvalue()


def test_a_good_pdf_and_docx_read_back(mini_built: Built) -> None:
    for path in mini_built.out.iterdir():
        if path.suffix in (".pdf", ".docx"):
            check_payload(path.suffix[1:], path.read_bytes())


@pytest.mark.parametrize(("extension", "payload", "reason"), [
    ("pdf", b"%PDF-1.7\n%%EOF\n", "startxref not found"),
    ("pdf", b"", "no %PDF- header"),
    ("pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\nstartxref\n9\n%%EOF\n", "Trailer"),
    ("docx", b"PK\x03\x04 not a zip", "File is not a zip file"),
])
def test_a_damaged_payload_is_refused(extension: str, payload: bytes, reason: str) -> None:
    with pytest.raises(ReadBackError, match=reason):
        check_payload(extension, payload)


def test_a_zip_member_with_a_wrong_crc_is_refused() -> None:
    good = _zip(b"<w:document/>")
    damaged = good.replace(b"<w:document/>", b"<w:documenT/>")
    with pytest.raises(ReadBackError, match="word/document.xml fails its CRC check"):
        check_payload("docx", damaged)


def test_publish_reads_back_what_was_not_checked_where_it_was_made(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"previous")
    with pytest.raises(BriefError, match="failed its read-back check"):
        publish({target: b"%PDF-1.7 truncated"})
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def test_a_writer_that_makes_a_damaged_pdf_leaves_the_previous_edition(
        mini_built: Built, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefgen.writers.pdf

    out = mini_built.copy_outputs(tmp_path / "out")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(briefgen.writers.pdf, "write", lambda doc, theme, options: b"%PDF-1.7")
    (mini / "brief.yaml").write_text((mini / "brief.yaml").read_text().replace(
        "Do one thing.", "Do one other thing."))
    with pytest.raises(BriefError) as caught:
        build(mini, BuildOptions.of(out_dir=out, workers=0, use_cache=False))
    [problem] = caught.value.problems
    assert problem.code == "BG408"
    assert "an output failed its read-back check" in problem.message
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _pdf(built: Built) -> bytes:
    return next(built.out.glob("*.pdf")).read_bytes()


def test_briefgens_own_pdfs_take_the_quick_read_back(mini_built: Built) -> None:
    assert publishing._classic_pdf_reads_back(_pdf(mini_built))


def test_a_pdf_in_a_layout_the_quick_check_does_not_know_is_read_by_pypdf(
        mini_built: Built) -> None:
    good = _pdf(mini_built)
    at = good.rindex(b"startxref")
    moved = good[:at] + b"startxref\n0\n%%EOF\n"  # points at the header, not at "xref"
    assert publishing._classic_pdf_reads_back(moved) is False
    with pytest.raises(ReadBackError):
        check_payload("pdf", moved)  # pypdf, strict, finds no table there either


@settings(max_examples=60, deadline=None)
@given(cut=st.floats(min_value=0.0, max_value=0.999))
def test_a_truncated_pdf_never_reads_back(cut: float, mini_built: Built) -> None:
    good = _pdf(mini_built)
    with pytest.raises(ReadBackError):
        check_payload("pdf", good[:int(len(good) * cut)])


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_damaged_cross_reference_entry_never_reads_back(
        data: st.DataObject, mini_built: Built) -> None:
    good = _pdf(mini_built)
    table = good.rindex(b"\nxref")
    entries = [m.start() for m in re.finditer(rb"\d{10} \d{5} n", good[table:])]
    entry = table + data.draw(st.sampled_from(entries[1:]))
    digit = entry + data.draw(st.integers(min_value=4, max_value=9))
    new = data.draw(st.sampled_from(b"0123456789".replace(good[digit:digit + 1], b"")))
    damaged = good[:digit] + bytes([new]) + good[digit + 1:]
    with pytest.raises(ReadBackError, match="not where the cross-reference table says"):
        check_payload("pdf", damaged)
