"""A hand-built Document with every node type, for writer tests that must not depend on YAML."""

from __future__ import annotations

import io

from briefgen import model as m


def _chart_art() -> m.ChartArt:
    """Render a tiny bar chart with matplotlib's object API (SVG + 200 dpi PNG)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.0, 3.0))
    ax = fig.add_subplot()
    ax.bar(["TTP", "Other"], [86, 176], color=["#0b3d5c", "#c8553d"])
    ax.set_title("Attacks in 2022 by perpetrator")
    svg, png = io.BytesIO(), io.BytesIO()
    FigureCanvasSVG(fig).print_svg(svg, metadata={"Date": None})
    fig.set_dpi(200)
    FigureCanvasAgg(fig).print_png(png, metadata={"Software": None})
    return m.ChartArt(svg.getvalue(), png.getvalue(), 6.0, 3.0, 200)


def sample_document() -> m.Document:
    """Return a small brief that exercises every block and inline type."""
    t = m.Text
    note = m.note_ref
    meta = m.Meta(
        title="Sample brief & <test>",
        subtitle="Every node type, once",
        short_title="Sample brief",
        authors=(m.Author("A. Analyst", "Example Institute"),),
        organisation="Example Institute",
        date="2026-11-22",
        date_text="22 November 2026",
        classification="PUBLIC",
        subject="Testing",
        keywords=("test", "brief"),
    )
    blocks: list[m.Block] = [
        m.KeyJudgments(
            "Key judgments",
            (
                m.Judgment((t("The threat has "), t("grown", bold=True), t(".")), "high"),
                m.Judgment((t("Talks are unlikely to succeed"), note(1), t(".")), "moderate"),
            ),
        ),
        m.Heading(1, "Executive summary", "executive-summary"),
        m.Paragraph((t("User text with & and <b> and <unclosed stays literal."),), "lead"),
        m.Heading(1, "Casualties and attacks", "casualties-and-attacks"),
        m.KeyFigures(
            (
                m.KeyFigure("262", "", "terrorist attacks in 2022", (t("PIPS via DW"), note(2))),
                m.KeyFigure("36", "at least", "killed at Karachi airport", (t("Source"), note(3))),
            )
        ),
        m.Paragraph(
            (
                t("Attacks rose, as "),
                m.XRef("figure", 1, "fig-attacks", "Figure"),
                t(" shows; see "),
                m.Link("the report", "https://example.org/report?a=1&b=2"),
                t(" and "),
                t("emphasis", italic=True),
                t("."),
                note(4),
            )
        ),
        m.Figure(
            1,
            "fig-attacks",
            "Attacks in 2022 by perpetrator",
            "chart-1",
            "Bar chart of attacks in 2022 by perpetrator: TTP 86, other groups 176.",
            (t("Source: Pak Institute for Peace Studies, via DW."), note(5)),
        ),
        m.Heading(2, "A subsection", "a-subsection"),
        m.BulletList(((t("First point"),), (t("Second point with "), t("bold", bold=True)))),
        m.Table(
            1,
            "tab-deaths",
            "Deaths in 2023 by source",
            ("Source", "Deaths"),
            (
                ((t("CRSS"),), (t("around 1,100"),)),
                ((t("Other"),), (t("more than 1,500"),)),
            ),
            ("left", "right"),
            (t("Sources: as listed."), note(6)),
        ),
        m.Heading(3, "A sub-subsection", "a-sub-subsection"),
        m.Quote(
            (t("The TTP threat to Pakistan is significant, and it is growing."),),
            (t("Madiha Afzal, Brookings Institution"), note(7)),
        ),
        m.Heading(1, "Negotiate or fight?", "negotiate-or-fight"),
        m.Options(
            (
                m.Option(
                    "Negotiated ceasefire",
                    (t("Talk to the group."),),
                    ((t("The previous government"),),),
                    ((t("Avoids a costly campaign"),),),
                    ((t("Talks have failed before"),),),
                    ((t("The group regroups"),),),
                    (t("A ceasefire ended in November 2022."),),
                    (
                        m.Quote(
                            (t("Pakistan used peace talks as a tool of war."),),
                            (t("Shahidullah Shahid, TTP spokesman"), note(8)),
                        ),
                    ),
                ),
                m.Option(
                    "Military operation",
                    (t("A full-scale offensive."),),
                    ((t("Afrasiab Khattak"),),),
                    ((t("Worked in 2014"),),),
                    ((t("Safe havens across the border"),),),
                    ((t("Urban backlash"),),),
                    (),
                    (),
                ),
            )
        ),
        m.Recommendations(
            (
                m.Recommendation("Government of Pakistan", (t("Do one thing."),)),
                m.Recommendation("Donors", (t("Do another."),)),
            )
        ),
        m.Timeline(
            (
                m.Event("2007", (t("TTP founded"),)),
                m.Event("Aug 2021", (t("Taliban take Kabul"),)),
            )
        ),
        m.Callout("Changes since the last edition", ((t("Nothing changed."),),)),
        m.Glossary(
            (
                m.GlossaryEntry("TTP", "تحریک طالبان پاکستان", (t("Tehrik-i-Taliban Pakistan."),)),
                m.GlossaryEntry("ISIS-K", "", (t("Islamic State Khorasan Province."),)),
            )
        ),
        m.Heading(1, "Notes", "notes"),
        m.Endnotes(
            tuple(
                m.Endnote(i, (t(f"Source number {i}, "), t("Outlet", italic=True), t(", 2023.")))
                for i in range(1, 9)
            )
        ),
        m.Heading(1, "Sources", "sources"),
        m.SourceList(
            (
                m.SourceEntry("dw-2023", (t("Janjua, H. “Can Pakistan face down…” "),
                                          m.Link("DW", "https://www.dw.com/"))),
            )
        ),
    ]
    return m.Document(meta, tuple(blocks), {"chart-1": _chart_art()})
