"""HTML writer: build the mini brief to a web page, parse it back with html.parser, check it."""

from __future__ import annotations

import dataclasses
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from briefgen import model as m
from briefgen.cli import main
from briefgen.theme import Theme
from briefgen.writers import REGISTRY
from briefgen.writers.html import render_html
from briefgen.writers.html.charts import chart, prefix_ids
from briefgen.writers.html.inline import is_safe_url, script_tag
from tests.conftest import Built
from tests.samples import sample_document

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


@dataclass
class Node:
    """An element of the parsed page."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """Return the element's text content."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None) -> list[Node]:
        """Return this element and every descendant (of `tag`, if given), in document order."""
        found = [self] if tag is None or self.tag == tag else []
        for child in self.children:
            if isinstance(child, Node):
                found += child.iter(tag)
        return found


class TreeBuilder(HTMLParser):
    """Build a tree of Nodes; fail on a closing tag that does not match the open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str, fragment: bool = False) -> Node:
    """Parse `page` (or a fragment) into a tree, checking that every element is closed."""
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    assert fragment or builder.doctype.lower() == "doctype html"
    return builder.root


# ------------------------------------------------------------ the mini brief, built twice


@pytest.fixture(scope="module")
def built(mini_built: Built,
          tmp_path_factory: pytest.TempPathFactory) -> tuple[m.Document, bytes, bytes]:
    """The mini brief as HTML twice: with the Python API (the session's), then with
    `build -f html` (with a copy of the session's chart cache)."""
    base = tmp_path_factory.mktemp("html")
    first = mini_built.html
    assert first is not None
    shutil.copytree(mini_built.cache, base / "cache")
    second = CliRunner().invoke(main, ["build", str(mini_built.brief), "-f", "html", "--quiet",
                                       "-o", str(base / "b"), "--cache-dir", str(base / "cache")])
    assert second.exit_code == 0, second.output
    assert first.document is not None
    assert sorted(p.name for p in (base / "b").iterdir()) == ["mini.html", "mini.manifest.json"]
    return first.document, first.outputs["html"].read_bytes(), \
        (base / "b" / "mini.html").read_bytes()


@pytest.fixture(scope="module")
def doc(built: tuple[m.Document, bytes, bytes]) -> m.Document:
    return built[0]


@pytest.fixture(scope="module")
def tree(built: tuple[m.Document, bytes, bytes]) -> Node:
    return parse(built[1].decode("utf-8"))


@pytest.fixture(scope="module")
def ids(tree: Node) -> dict[str, Node]:
    found: dict[str, Node] = {}
    for node in tree.iter():
        if "id" in node.attrs:
            assert node.attrs["id"] not in found, f"duplicate id {node.attrs['id']}"
            found[node.attrs["id"]] = node
    return found


def test_builds_are_byte_identical(built: tuple[m.Document, bytes, bytes]) -> None:
    assert built[1] == built[2]


def test_html_is_a_registered_format() -> None:
    assert REGISTRY["html"].extension == "html"
    result = CliRunner().invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    assert re.search(r"--format \[[a-z|]*\bhtml\b", result.output)


def test_head_carries_language_and_metadata(tree: Node, doc: m.Document) -> None:
    html = tree.iter("html")[0]
    assert html.attrs["lang"] == doc.meta.language == "en-GB"
    assert doc.meta.title in tree.iter("title")[0].text()
    metas = {n.attrs.get("name", ""): n.attrs.get("content", "") for n in tree.iter("meta")}
    assert metas["author"] == "Test Author"
    assert metas["keywords"] == "test, freedonia"
    assert metas["description"] == doc.meta.subtitle
    assert metas["generator"] == "briefgen"
    assert tree.iter("meta")[0].attrs == {"charset": "utf-8"}


def test_page_is_self_contained(built: tuple[m.Document, bytes, bytes], tree: Node) -> None:
    assert not tree.iter("script") and not tree.iter("link")
    assert not [n for n in tree.iter("img") if not n.attrs["src"].startswith("data:")]
    assert b"javascript:" not in built[1].lower()


def test_landmarks_and_one_title_heading(tree: Node, doc: m.Document) -> None:
    for tag in ("header", "nav", "main"):
        assert len(tree.iter(tag)) == 1, tag
    titles = tree.iter("h1")
    assert [h.text() for h in titles] == [doc.meta.title]


def test_every_heading_has_its_anchor_and_level(doc: m.Document, ids: dict[str, Node]) -> None:
    headings = doc.headings()
    assert headings
    for heading in headings:
        node = ids[heading.anchor]
        assert node.tag == f"h{heading.level + 1}"
        assert node.text() == heading.text


def test_contents_links_every_heading(tree: Node, doc: m.Document) -> None:
    nav = tree.iter("nav")[0]
    targets = [a.attrs["href"] for a in nav.iter("a")]
    assert targets == [f"#{h.anchor}" for h in doc.headings()]
    assert nav.iter("h2")[0].text() == doc.labels.contents


def test_sections_are_labelled_by_their_headings(tree: Node, ids: dict[str, Node]) -> None:
    sections = [s for s in tree.iter("section") if "aria-labelledby" in s.attrs]
    assert sections
    for section in sections:
        heading = ids[section.attrs["aria-labelledby"]]
        assert heading in section.children


def test_every_figure_has_caption_and_alt_text(doc: m.Document, ids: dict[str, Node]) -> None:
    figures = [b for b in doc.blocks if isinstance(b, m.Figure)]
    assert len(figures) == 6
    for fig in figures:
        node = ids[fig.anchor]
        assert node.tag == "figure"
        caption = node.iter("figcaption")[0].text()
        assert caption.startswith(f"{doc.labels.figure} {fig.number}: {fig.caption}")
        svg = node.iter("svg")[0]
        assert svg.attrs["role"] == "img"
        assert ids[svg.attrs["aria-labelledby"]].text() == fig.alt


def test_chart_ids_are_prefixed_per_figure(doc: m.Document, ids: dict[str, Node],
                                           built: tuple[m.Document, bytes, bytes]) -> None:
    page = built[1].decode("utf-8")
    for target in re.findall(r'(?:href="#|url\(#)([^")]+)', page):
        assert target in ids, target
    for fig in (b for b in doc.blocks if isinstance(b, m.Figure)):
        svg = ids[fig.anchor].iter("svg")[0]
        inner = [n.attrs["id"] for n in svg.iter() if "id" in n.attrs]
        assert inner and all(i.startswith(f"{fig.anchor}-") for i in inner)


def test_tables_have_captions_headers_and_aligned_numbers(doc: m.Document,
                                                          ids: dict[str, Node]) -> None:
    tables = [b for b in doc.blocks if isinstance(b, m.Table)]
    assert tables
    for table in tables:
        node = ids[table.anchor]
        assert node.tag == "table"
        assert node.iter("caption")[0].text() == \
            f"{doc.labels.table} {table.number}: {table.caption}"
        heads = node.iter("thead")[0].iter("th")
        assert [h.text() for h in heads] == list(table.header)
        assert all(h.attrs["scope"] == "col" for h in heads)
        for row in node.iter("tbody")[0].iter("tr"):
            classes = [cell.attrs.get("class", "") for cell in row.iter("td")]
            assert classes == ["num" if a == "right" else "" for a in table.align]


def test_notes_link_both_ways(tree: Node, ids: dict[str, Node], doc: m.Document) -> None:
    refs = [a for a in tree.iter("a") if a.attrs.get("role") == "doc-noteref"]
    assert refs
    for ref in refs:
        number = int(ref.text())
        assert ref.attrs["href"] == f"#note-{number}"
        assert re.fullmatch(rf"ref-{number}-\d+", ref.attrs["id"])
        note = ids[f"note-{number}"]
        backs = [a.attrs["href"] for a in note.iter("a") if a.attrs.get("role") == "doc-backlink"]
        assert f"#{ref.attrs['id']}" in backs
    notes = next(b for b in doc.blocks if isinstance(b, m.Endnotes))
    for note in notes.items:
        node = ids[f"note-{note.number}"]
        assert node.tag == "li" and node.attrs["value"] == str(note.number)
        for a in node.iter("a"):
            if a.attrs.get("role") == "doc-backlink":
                assert ids[a.attrs["href"][1:]].attrs["role"] == "doc-noteref"


def test_internal_links_resolve_and_external_links_are_safe(tree: Node,
                                                            ids: dict[str, Node]) -> None:
    for a in tree.iter("a"):
        href = a.attrs["href"]
        if href.startswith("#"):
            assert href[1:] in ids, href
        else:
            assert is_safe_url(href), href
    xrefs = [a for a in tree.iter("a") if a.attrs["href"] == "#fig-annual"]
    assert any(a.text() == "Figure\u00a01" for a in xrefs)


def test_key_judgments_carry_confidence_labels(tree: Node, doc: m.Document) -> None:
    box = next(n for n in tree.iter() if n.attrs.get("class") == "key-judgments")
    labels = [n.text() for n in box.iter("span")]
    assert labels == [doc.labels.confidence("high"), doc.labels.confidence("moderate")]


def test_quotes_glossary_and_callouts(tree: Node, doc: m.Document) -> None:
    quotes = [b for b in doc.blocks if isinstance(b, m.Quote)]
    quotes += [q for b in doc.blocks if isinstance(b, m.Options) for o in b.items for q in o.quotes]
    shown = [f for f in tree.iter("figure") if f.iter("blockquote")]
    assert [(f.iter("blockquote")[0].text(), f.iter("cite")[0].text()) for f in shown] == \
        [(m.plain(q.runs), m.plain(q.attribution)) for q in quotes]
    native = next(n for n in tree.iter("dl")[-1].iter("span") if n.attrs.get("lang"))
    assert native.attrs == {"lang": "und-Arab", "dir": "rtl"}
    aside = tree.iter("aside")[0]
    assert aside.attrs["aria-label"] == "How to read the numbers"


def test_sources_are_listed(tree: Node, doc: m.Document) -> None:
    sources = next(b for b in doc.blocks if isinstance(b, m.SourceList))
    listed = next(n for n in tree.iter("ul") if n.attrs.get("class") == "sources")
    assert [li.text() for li in listed.iter("li")] == [m.plain(e.runs) for e in sources.items]


def test_user_text_is_escaped(built: tuple[m.Document, bytes, bytes]) -> None:
    page = built[1].decode("utf-8")
    assert "has &amp; and &lt;b&gt; and &lt;unclosed in it" in page


# ------------------------------------------------------------ hand-built documents


@pytest.fixture(scope="module")
def sample() -> m.Document:
    return sample_document()


def _with(doc: m.Document, *blocks: m.Block, **meta: str) -> m.Document:
    """Return `doc` with `blocks` appended and metadata fields replaced."""
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, **meta),
                               blocks=doc.blocks + blocks)


def test_every_block_type_is_drawn(sample: m.Document) -> None:
    tree = parse(render_html(sample, Theme()))
    classes = {n.attrs.get("class", "") for n in tree.iter()}
    for name in ("key-judgments", "key-figures", "chart", "quote", "option", "recommendations",
                 "timeline", "callout", "glossary", "endnotes", "sources"):
        assert name in classes, name
    assert tree.iter("h1")[0].text() == "Sample brief & <test>"


def test_unsafe_links_print_as_text(sample: m.Document) -> None:
    runs = (m.Link("bad", "javascript:alert(1)"), m.Text(" "), m.Link("data", "data:text/html,x"),
            m.Text(" "), m.Link("mail", "mailto:a@example.org"),
            m.Text(" "), m.Link("tab", "java\tscript:alert(1)"))
    page = render_html(_with(sample, m.Paragraph(runs)), Theme())
    hrefs = [a.attrs["href"] for a in parse(page).iter("a")]
    assert "mailto:a@example.org" in hrefs
    assert not [h for h in hrefs if "script" in h.lower() or h.startswith("data:")]
    assert "bad data mail tab" in parse(page).iter("main")[0].text()


def test_dangling_references_are_not_links(sample: m.Document) -> None:
    runs = (m.Text("see"), m.note_ref(99), m.XRef("figure", 9, "nowhere", "Figure"))
    tree = parse(render_html(_with(sample, m.Paragraph(runs)), Theme()))
    assert not [a for a in tree.iter("a") if a.attrs["href"] in ("#note-99", "#nowhere")]


def test_a_range_of_notes_links_each_printed_number(sample: m.Document) -> None:
    page = render_html(_with(sample, m.Paragraph((m.Text("many"), m.note_ref(1, 2, 3, 5)))),
                       Theme())
    tree = parse(page)
    marker = [n for n in tree.iter("sup") if n.text() == "1\u20133,5"]
    assert len(marker) == 1
    links = marker[0].iter("a")
    assert [a.text() for a in links] == ["1", "3", "5"]
    first = links[0].attrs["id"]
    note_2 = next(n for n in tree.iter("li") if n.attrs.get("id") == "note-2")
    assert f"#{first}" in [a.attrs["href"] for a in note_2.iter("a")]


def test_right_to_left_language_sets_direction(sample: m.Document) -> None:
    tree = parse(render_html(_with(sample, language="ur-PK"), Theme()))
    assert tree.iter("html")[0].attrs == {"lang": "ur-PK", "dir": "rtl"}


def test_output_is_deterministic(sample: m.Document) -> None:
    assert render_html(sample, Theme()) == render_html(sample, Theme())


def test_theme_drives_the_style_sheet(sample: m.Document) -> None:
    with pytest.raises(ValueError):
        Theme.model_validate({"colors": {"heading": "red;}</style><script>"}})
    theme = Theme.model_validate({"fonts": {"body": ["DejaVu Serif", "DejaVu Sans"]},
                                  "page": {"size": "Letter"}})
    # A colour that slipped past validation still never reaches the style sheet.
    theme = theme.model_copy(update={"colors": theme.colors.model_copy(
        update={"heading": "red;}</style><script>"})})
    css = parse(render_html(sample, theme)).iter("style")[0].text()
    assert '"DejaVu Serif", "DejaVu Sans", ' in css
    assert "size: Letter" in css and "max-width: 70ch" in css
    assert "</style>" not in css and "--heading: #0b3d5c;" in css


# ------------------------------------------------------------ charts and scripts


def test_prefix_ids_rewrites_references() -> None:
    svg = ('<svg><defs><path id="m1"/><clipPath id="p2"/></defs>'
           '<use xlink:href="#m1"/><g clip-path="url(#p2)"/><a href="#other"/></svg>')
    out = prefix_ids(svg, "f-")
    assert 'id="f-m1"' in out and 'href="#f-m1"' in out and "url(#f-p2)" in out
    assert 'href="#other"' in out


def test_chart_falls_back_to_png_then_to_alt_text(sample: m.Document) -> None:
    art = dataclasses.replace(sample.charts["chart-1"], svg=b"not an svg")
    img = parse(chart(art, "Alt & text", "f-"), fragment=True).iter("img")[0]
    assert img.attrs["src"].startswith("data:image/png;base64,")
    assert img.attrs["alt"] == "Alt & text"
    assert parse(chart(None, "Alt", "f-"), fragment=True).text() == "Alt"


def test_svg_prolog_and_metadata_are_stripped(sample: m.Document) -> None:
    out = chart(sample.charts["chart-1"], "Alt", "f-")
    assert out.startswith("<svg ") and "<?xml" not in out and "<!DOCTYPE" not in out
    assert "<metadata" not in out and "<style" not in out


@pytest.mark.parametrize(("text", "tag"), [("تحریک", "und-Arab"), ("Талибан", "und-Cyrl"),
                                           ("طالبان Taliban", "und-Arab"), ("Taliban", "und-Latn")])
def test_script_tag(text: str, tag: str) -> None:
    assert script_tag(text) == tag
