"""Archiving sources from a web server on loopback (never the internet)."""

import hashlib
import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.provenance.archive import extract_text

ARTICLE = """<!DOCTYPE html><html><head><title>Annual security report</title>
<script>var tracking = "not text";</script><style>p {color: red}</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Annual security report</h1>
<p>Annual security report. Out of the 262 attacks last year, 86 were carried out by the group.
There were more than 1,500 deaths.</p>
<p>Earlier years saw 150 attacks in 2020 and 206 attacks in 2021, with 400 deaths in 2020,
520 deaths in 2021 and 700 deaths in 2022.</p></article>
<footer>Copyright Example News</footer></body></html>
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Serve a folder on 127.0.0.1 and yield its base URL and the folder."""
    root = tmp_path / "www"
    root.mkdir()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=root))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def brief(mini: Path, server: tuple[str, Path]) -> Path:
    """The mini brief with report-a online only (no local file), and a comment to keep."""
    base, root = server
    (root / "report-a.html").write_text(ARTICLE)
    register = mini / "sources.yaml"
    text = register.read_text()
    text = text.replace("url: https://example.org/report-a\n    file: report-a.txt\n",
                        f"url: {base}/report-a.html   # the publisher's page\n")
    register.write_text("# Sources register: keep this comment.\n" + text)
    return mini


def test_extract_text_drops_scripts_and_keeps_paragraphs() -> None:
    text = extract_text(ARTICLE.encode())
    assert "Out of the 262 attacks last year, 86 were carried out by the group." in text
    assert "tracking" not in text and "color: red" not in text


def test_fetch_archives_page_and_text_and_records_them(brief: Path, mini_sources: Path) -> None:
    result = CliRunner().invoke(main, ["sources", "fetch", str(brief)])
    assert result.exit_code == 0, result.output + result.stderr
    assert "archived report-a: archive/report-a.txt" in result.output
    archive = brief / "archive"
    assert (archive / "report-a.html").read_text() == ARTICLE
    text = (archive / "report-a.txt").read_bytes()
    digest = hashlib.sha256(text).hexdigest()
    register = (brief / "sources.yaml").read_text()
    assert register.startswith("# Sources register: keep this comment.\n")
    assert "# the publisher's page" in register
    assert f"    sha256: {digest}\n" in register
    assert "    retrieved: 20" in register
    assert "    date_note: not printed; content implies late 2024 (inferred)\n" in register
    # the check now reads the archived text
    check = CliRunner().invoke(main, ["check", str(brief), "--sources-dir", str(mini_sources)])
    assert check.exit_code == 0, check.stderr
    assert "warning" not in check.stderr


def test_check_warns_when_the_archived_text_changes(brief: Path, mini_sources: Path) -> None:
    assert CliRunner().invoke(main, ["sources", "fetch", str(brief)]).exit_code == 0
    txt = brief / "archive" / "report-a.txt"
    txt.write_text(txt.read_text() + "\nA correction was added later.\n")
    check = CliRunner().invoke(main, ["check", str(brief), "--sources-dir", str(mini_sources)])
    assert check.exit_code == 0
    assert "warning: source 'report-a': the text of report-a.txt has changed since it was " \
           "archived on" in check.stderr


def test_refetch_reports_a_changed_page(brief: Path, server: tuple[str, Path]) -> None:
    assert CliRunner().invoke(main, ["sources", "fetch", str(brief)]).exit_code == 0
    page = server[1] / "report-a.html"
    page.write_text(page.read_text().replace("1,500 deaths", "1,600 deaths"))
    result = CliRunner().invoke(main, ["sources", "fetch", str(brief)])
    assert "(text changed since the last archive)" in result.output
    assert (brief / "sources.yaml").read_text().count("sha256:") == 1


def test_unreachable_url_is_one_located_line(brief: Path) -> None:
    register = brief / "sources.yaml"
    register.write_text(register.read_text().replace("report-a.html", "gone.html"))
    result = CliRunner().invoke(main, ["sources", "fetch", str(brief)])
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert line.startswith("mini/sources.yaml:8: ")
    assert "sources[0].url: source 'report-a': could not fetch" in line
    assert "not found" in line.lower()


def test_only_web_addresses_are_fetched(brief: Path) -> None:
    register = brief / "sources.yaml"
    text = register.read_text()
    start = text.index("url: http://127.0.0.1")
    end = text.index("report-a.html", start) + len("report-a.html")
    register.write_text(text[:start] + "url: file:///etc/passwd" + text[end:])
    result = CliRunner().invoke(main, ["sources", "fetch", str(brief)])
    assert result.exit_code == 1
    assert "source 'report-a': only http and https addresses are fetched" in result.stderr
    assert not (brief / "archive").exists()


def test_extract_text_reads_the_pages_declared_encoding() -> None:
    page = ARTICLE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "Annual security report.", "Annual security report \u2013 Peshawar\u2019s toll.")
    text = extract_text(page.encode("windows-1252"))
    assert "Annual security report \u2013 Peshawar\u2019s toll." in text
