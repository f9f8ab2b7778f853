import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main


@pytest.mark.slow
def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\nfrom briefgen.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('matplotlib', 'reportlab', 'docx', 'polars') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert "briefgen, version" in result.output


def test_every_command_has_help() -> None:
    for command in main.commands:
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage:" in result.output


def test_validate_ok_exits_0(mini: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 0
    assert "ok" in result.output


def test_bad_brief_exits_1_with_one_line_per_problem(mini: Path) -> None:
    text = (mini / "brief.yaml").read_text().replace("y: attacks, ylabel", "y: atacks, ylabel")
    (mini / "brief.yaml").write_text(text)
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "mini/brief.yaml:41: sections[1].blocks[1].chart.y: column 'atacks' not in "
        "mini/data/annual.csv (columns: year, attacks, deaths); did you mean 'attacks'? [BG301]"
    ]
    assert "Traceback" not in result.output


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path / "missing")])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["build", "--format", "rtf", str(tmp_path)])
    assert result.exit_code == 2


def test_bad_set_is_a_usage_error(mini: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(mini), "--set", "novalue"])
    assert result.exit_code == 2


def test_schema_prints_json_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Brief"
    assert "sections" in schema["properties"]
    assert "Block" in schema["$defs"]


@pytest.mark.slow
def test_a_quiet_build_that_subsets_new_characters_prints_nothing(mini: Path,
                                                                   tmp_path: Path) -> None:
    import random

    # characters no earlier build set in house-serif's IBM Plex Serif (a font with a 'meta'
    # table, which fontTools' subsetter remarks on dropping): the DOCX's subsets are made anew
    letters = [chr(c) for c in range(0x0100, 0x017F)]
    extra = "".join(random.Random().sample(letters, 12))
    brief = mini / "brief.yaml"
    brief.write_text(brief.read_text().replace("Do one thing.", f"Do one thing ({extra})."))
    done = subprocess.run([sys.executable, "-m", "briefgen", "build", str(mini), "-o",
                           str(tmp_path / "out"), "--style", "house-serif", "--no-cache",
                           "-q"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
