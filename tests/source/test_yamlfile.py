from pathlib import Path

import pytest

from briefgen.errors import BriefError
from briefgen.source.yamlfile import format_loc, read_yaml


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
