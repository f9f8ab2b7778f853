import os
from pathlib import Path

import pytest

from briefgen.errors import BriefError
from briefgen.source.yamlfile import Limits, display_path, format_loc, read_yaml


def test_lines_are_recorded_for_keys_and_items(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("title: x\nsections:\n  - title: A\n    blocks:\n      - text: hi\n")
    doc = read_yaml(f)
    assert doc.line_of(("title",)) == 1
    assert doc.line_of(("sections", 0, "title")) == 3
    assert doc.line_of(("sections", 0, "blocks", 0, "text")) == 5
    # an unknown nested location falls back to its closest parent
    assert doc.line_of(("sections", 0, "blocks", 0, "text", "nope")) == 5


def test_syntax_error_is_located(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("title: x\nsections: [\n  - a\n")
    with pytest.raises(BriefError) as info:
        read_yaml(f, "bad.yaml")
    assert str(info.value).startswith("bad.yaml:")
    assert "YAML syntax" in str(info.value)


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "dup.yaml"
    f.write_text("title: x\ntitle: y\n")
    with pytest.raises(BriefError, match="dup.yaml:2: title: duplicate key"):
        read_yaml(f, "dup.yaml")


def test_control_characters_are_rejected(tmp_path: Path) -> None:
    f = tmp_path / "c.yaml"
    f.write_text("title: x\nsubtitle: \"a\\x07b\"\n")
    f.write_bytes(b"title: x\nsubtitle: a\x07b\n")
    with pytest.raises(BriefError, match=r"c.yaml:2: control character U\+0007"):
        read_yaml(f, "c.yaml")


def test_format_loc() -> None:
    assert format_loc(("sections", 3, "blocks", 0, "chart", "y")) == "sections[3].blocks[0].chart.y"


def _read(tmp_path: Path, text: str, **kwargs: object) -> object:
    f = tmp_path / "t.yaml"
    f.write_text(text, encoding="utf-8")
    return read_yaml(f, "t.yaml", **kwargs)  # type: ignore[arg-type]


def test_core_schema_keeps_yaml11_lookalikes(tmp_path: Path) -> None:
    doc = _read(tmp_path, "a: NO\nb: 0123\nc: 1.10\nd: 12:30\ne: 2024-02-30\nf: true\n"
                          "g: 0x1F\nh: ~\n")
    assert doc.data == {"a": "NO", "b": 123, "c": 1.1, "d": "12:30",  # type: ignore[attr-defined]
                        "e": "2024-02-30", "f": True, "g": 31, "h": None}
    # the written text of numbers and booleans is kept for fields that want text
    assert doc.raw[("b",)] == "0123" and doc.raw[("c",)] == "1.10"  # type: ignore[attr-defined]


def test_merge_keys_fill_in_what_is_not_written(tmp_path: Path) -> None:
    doc = _read(tmp_path, "base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n")
    assert doc.data["item"] == {"x": 1, "y": 3}  # type: ignore[attr-defined]


def test_alias_bomb_is_refused_before_it_is_built(tmp_path: Path) -> None:
    rows = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    rows += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(BriefError, match=r"t.yaml:\d+: aliases expand to more than"):
        _read(tmp_path, "\n".join(rows) + "\n")


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match="t.yaml:1: nested more than 64 levels deep"):
        _read(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")


def test_tags_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match=r"t.yaml:1: a: YAML tag '!!python/tuple'"):
        _read(tmp_path, "a: !!python/tuple [1, 2]\n")


def test_escaped_control_character_is_located(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match=r"t.yaml:2: b: control character U\+FFFE"):
        _read(tmp_path, "a: x\nb: \"y\\uFFFE\"\n")


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(BriefError, match=r"pipe.yaml: is a pipe \(FIFO\), not a regular"):
        read_yaml(fifo, "pipe.yaml")


def test_size_limit(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match="larger than the limit of 10"):
        _read(tmp_path, "a: 12345678901234567890\n", limits=Limits(max_bytes=10))


def test_paths_are_shown_from_the_working_directory(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "a" / "brief.yaml") == "a/brief.yaml"
    assert display_path(Path("/etc/hosts")) == "/etc/hosts"
