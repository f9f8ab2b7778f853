import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from tests.conftest import Built


def test_schema_kinds_print_json_schema() -> None:
    for kind, title in [("brief", "Brief"), ("sources", "SourcesFile"), ("facts", "FactsFile"),
                        ("style", "Theme"), ("plan", "Plan")]:
        result = CliRunner().invoke(main, ["schema", kind])
        assert result.exit_code == 0
        assert json.loads(result.output)["title"] == title


def test_schema_out_dir_writes_every_schema(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "brief.schema.json", "facts.schema.json", "plan.schema.json", "sources.schema.json",
        "style.schema.json"]


def test_styles_lists_the_shipped_styles() -> None:
    result = CliRunner().invoke(main, ["styles"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == [
        "default", "house-serif", "us-letter"]


def test_style_names_appear_in_build_help() -> None:
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "house-serif" in result.output


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script(shell: str) -> None:
    result = CliRunner().invoke(main, ["completion", shell])
    assert result.exit_code == 0
    assert "_BRIEFGEN_COMPLETE" in result.output


def _options(command: object) -> list:
    return [p for p in command.params if p.param_type_name == "option"]  # type: ignore[attr-defined]


def test_every_option_has_help() -> None:
    commands = dict(main.commands)
    commands.update({f"sources {n}": c for n, c in main.commands["sources"].commands.items()})
    for name, command in commands.items():
        for option in _options(command):
            assert option.help, f"{name} {option.opts[0]} has no help"


def test_short_help_is_not_cut_off() -> None:
    for name, command in main.commands.items():
        assert "..." not in command.get_short_help_str(60), name


@pytest.mark.parametrize("command", ["validate", "build", "watch", "check", "dump", "preview"])
def test_set_on_every_command_that_builds_or_checks(command: str) -> None:
    assert "--set" in [o.opts[0] for o in _options(main.commands[command])]


def test_dump_and_check_honour_set(mini: Path, mini_sources: Path) -> None:
    result = CliRunner().invoke(main, ["dump", str(mini), "--set", "title=Another title"])
    assert result.exit_code == 0
    assert "Another title" in result.output
    result = CliRunner().invoke(main, ["check", str(mini), "--sources-dir", str(mini_sources),
                                       "--set", "title=Another title"])
    assert "Traceback" not in result.output


def test_problems_carry_codes_in_json(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace("subtitle:", "subtitel:")
    (mini / "brief.yaml").write_text(text)
    result = CliRunner().invoke(main, ["build", str(mini), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["problems"][0].endswith("[BG101]")
    problem = data["details"][0]
    assert problem["code"] == "BG101"
    assert problem["line"] == 2


def test_preview_writes_png_pages(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["preview", str(mini), "--pages", "1-2", "-o", str(out),
                                       "--dpi", "40"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.png")) == ["mini-p1.png", "mini-p2.png"]
    assert (out / "mini-p1.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_preview_rejects_a_bad_page_range(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4 nonsense")
    result = CliRunner().invoke(main, ["preview", str(pdf)])
    assert result.exit_code == 1
    assert "[BG406]" in result.stderr


def test_watch_preview_callback_renders_the_built_pdf(mini_built: Built, tmp_path: Path) -> None:
    from types import SimpleNamespace

    from briefgen.cli import _previewer

    outputs = {"pdf": mini_built.result.outputs["pdf"]}
    _previewer(tmp_path / "preview", "1")(SimpleNamespace(outputs=outputs))
    assert [p.name for p in (tmp_path / "preview").iterdir()] == ["mini-p1.png"]
