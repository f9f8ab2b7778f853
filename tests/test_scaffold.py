from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.errors import BriefError
from briefgen.scaffold import TEMPLATES, scaffold
from briefgen.scaffold.writer import REPO_SCHEMAS


@pytest.mark.parametrize("template", TEMPLATES)
def test_init_writes_a_brief_that_validates_and_checks(tmp_path: Path, template: str) -> None:
    target = tmp_path / "water-brief"
    result = CliRunner().invoke(main, ["init", str(target), "--template", template])
    assert result.exit_code == 0, result.output
    assert (target / "brief.yaml").is_file() and (target / "data" / "withdrawals.csv").is_file()
    for command in ("validate", "check"):
        result = CliRunner().invoke(main, [command, str(target)])
        assert result.exit_code == 0, result.output


def test_full_template_uses_every_block_type(tmp_path: Path) -> None:
    from briefgen.source.loader import load_bundle
    from briefgen.source.schema import Block

    scaffold(tmp_path / "b", "full")
    bundle = load_bundle(tmp_path / "b")
    kinds: set[str] = set()

    def walk(sections: list) -> None:
        for section in sections:
            kinds.update(block.kind() for block in section.blocks)
            walk(section.sections)

    walk(bundle.brief.sections)
    assert kinds == set(Block.model_fields)


def test_yaml_files_name_their_schema(tmp_path: Path) -> None:
    scaffold(tmp_path / "b", "full")
    for name in ("brief", "sources", "facts"):
        first = (tmp_path / "b" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schemas/{name}.schema.json"
        assert (tmp_path / "b" / "schemas" / f"{name}.schema.json").is_file()


def test_inside_the_repository_the_schema_line_points_at_schemas(tmp_path: Path) -> None:
    target = REPO_SCHEMAS.parent / "build" / "scaffold-test"
    try:
        scaffold(target, "minimal")
        first = (target / "brief.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first.endswith("$schema=../../schemas/brief.schema.json")
        assert not (target / "schemas").exists()
    finally:
        import shutil

        shutil.rmtree(target, ignore_errors=True)


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(BriefError, match="not empty"):
        scaffold(tmp_path, "minimal")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "[BG115]" in result.stderr
