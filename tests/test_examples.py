"""Every example validates, passes `check` against its own sources and builds in both formats."""

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main

REPO = Path(__file__).resolve().parents[1]
WILDFIRE = REPO / "examples" / "attica-wildfire"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wildfire")
    result = CliRunner().invoke(main, ["build", str(WILDFIRE), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    return out


def test_wildfire_example_passes_check() -> None:
    result = CliRunner().invoke(main, ["check", str(WILDFIRE)])
    assert result.exit_code == 0, result.output
    assert "check passed" in result.output


def test_wildfire_example_builds_with_its_greek_glossary(built: Path) -> None:
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(built / "attica-wildfire.pdf").pages)
    assert "Αντιπυρική ζώνη" in " ".join(text.split())  # the term may wrap between its words
    assert "ILLUSTRATIVE DATA" in text
    with zipfile.ZipFile(built / "attica-wildfire.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    # Letters the body family lacks are runs of their own, in the fallback family
    assert "Δασική πυρκαγιά" in "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body))


def test_wildfire_example_yaml_files_name_the_published_schemas() -> None:
    for name in ("brief", "sources", "facts"):
        first = (WILDFIRE / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        target = first.split("$schema=", 1)[1]
        assert (WILDFIRE / target).resolve().is_file()
