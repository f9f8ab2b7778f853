import re

from briefgen.errors import CODES, FALLBACK, Problem, code_for


def test_codes_are_unique_and_well_formed() -> None:
    codes = [c.code for c in CODES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"BG\d{3}", c) for c in codes)
    assert all(c.fix and c.title for c in CODES)


def test_messages_map_to_codes() -> None:
    assert code_for("unknown key 'subtitel' (did you mean 'subtitle'?)").code == "BG101"
    assert code_for("unknown fact 'x'").code == "BG201"
    assert code_for("something never seen").code == FALLBACK.code


def test_coded_line_is_clickable() -> None:
    problem = Problem("b/brief.yaml", 7, "subtitel", "unknown key 'subtitel'")
    assert problem.coded() == "b/brief.yaml:7: subtitel: unknown key 'subtitel' [BG101]"
    assert Problem("", None, "", "unknown fact 'x'").coded() == "unknown fact 'x' [BG201]"
