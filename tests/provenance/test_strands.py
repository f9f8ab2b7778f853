"""Sources whose texts overlap heavily are one strand of evidence."""

from briefgen.provenance.strands import one_strand, overlaps, strands

ORIGINAL = (
    "Approximately 15,000 Taliban fighters are marching toward the Pakistani border. "
    "The escalation follows Pakistani airstrikes on hideouts in eastern Afghanistan. "
    "Officials in Islamabad accuse Kabul of sheltering the militants behind recent bombings. "
    "Trade across the Torkham crossing has stalled for weeks amid the dispute. "
    "Analysts warn the standoff could spiral into open conflict between the neighbours."
)
REWRITE = (
    "Reports say around 15,000 Taliban fighters are marching toward the border with Pakistan. "
    "This escalation comes after Pakistani airstrikes on militant hideouts in Afghanistan. "
    "Islamabad officials accuse Kabul of sheltering militants blamed for recent bombings. "
    "Commerce through the Torkham crossing stalled for several weeks during the dispute. "
    "Some analysts warn that the standoff could spiral into open conflict."
)
OTHER = (
    "The finance ministry published its budget on Monday with new taxes on retail trade. "
    "Economists expect growth of three percent as exports of textiles recover slowly. "
    "The central bank left interest rates unchanged after inflation eased in the spring. "
    "Farmers asked for subsidies on fertiliser after floods damaged the wheat harvest."
)


def test_a_rewritten_report_is_one_strand_with_its_original() -> None:
    found = {(o.a, o.b): o for o in overlaps({"orig": ORIGINAL, "copy": REWRITE,
                                              "other": OTHER})}
    assert found[("copy", "orig")].heavy()
    assert not found[("orig", "other")].heavy()
    assert not found[("copy", "other")].heavy()
    assert strands(list(found.values())) == [("copy", "orig")]


def test_copied_text_is_one_strand() -> None:
    copied = OTHER + " " + ORIGINAL
    (o,) = overlaps({"a": ORIGINAL, "b": copied})
    assert o.copied == 1.0 and o.heavy()


def test_one_strand_needs_two_distinct_sources_in_one_group() -> None:
    groups = [("a", "b", "c")]
    assert one_strand(("a", "b"), groups)
    assert not one_strand(("a", "a"), groups)
    assert not one_strand(("a", "d"), groups)
