"""The user guide: links resolve, every code and command is documented, the site builds."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.errors import CODES, FALLBACK

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _pages() -> list[Path]:
    return sorted(p for p in DOCS.glob("*.md"))


def _slug(heading: str) -> str:
    text = re.sub(r"[^\w\s-]", "", heading.strip().lower())
    return re.sub(r"[\s]+", "-", text)


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return {_slug(m) for m in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}


def test_internal_links_resolve() -> None:
    broken = []
    for page in _pages():
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            dest = (page.parent / path) if path else page
            if not dest.exists():
                broken.append(f"{page.name}: {target}")
            elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
                broken.append(f"{page.name}: {target} (no such heading)")
    assert broken == []


def test_nav_lists_every_page() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert {p.name for p in _pages()} == set(re.findall(r": (\S+\.md)$", config, flags=re.M))


def test_troubleshooting_lists_every_code_with_its_fix() -> None:
    sys.path.insert(0, str(DOCS))
    try:
        import gen_troubleshooting
    finally:
        sys.path.remove(str(DOCS))
    page = (DOCS / "troubleshooting.md").read_text(encoding="utf-8")
    assert page == gen_troubleshooting.render(), "run: python docs/gen_troubleshooting.py"
    for code in (*CODES, FALLBACK):
        assert f"## {code.code}: {code.title}\n\n{code.fix}\n" in page


def test_every_command_is_in_the_cli_page() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"briefgen {name} " in page or f"briefgen {name}\n" in page, name


def test_gallery_has_both_pictures_of_every_block() -> None:
    import yaml

    brief = yaml.safe_load((DOCS / "gallery" / "brief.yaml").read_text(encoding="utf-8"))
    blocks = (DOCS / "blocks.md").read_text(encoding="utf-8")
    kinds = set()
    for section in brief["sections"]:
        kinds.update(next(iter(b)) for b in section["blocks"])
        for fmt in ("pdf", "docx"):
            image = DOCS / "img" / "gallery" / f"{section['title']}-{fmt}.png"
            assert image.is_file() and f"img/gallery/{image.name}" in blocks
    from briefgen.source.schema import Block

    assert kinds == set(Block.model_fields)


def test_gallery_brief_validates_and_checks() -> None:
    from click.testing import CliRunner

    for command in ("validate", "check"):
        result = CliRunner().invoke(main, [command, str(DOCS / "gallery")])
        assert result.exit_code == 0, result.output


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("mkdocs") is None, reason="mkdocs is not installed")
def test_site_builds_strictly(tmp_path: Path) -> None:
    result = subprocess.run(["mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "blocks" / "index.html").is_file()
