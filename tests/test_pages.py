"""The pages stage (korrektor.stages.pages): extracted pages' furniture and side-by-side columns.

Cases of whole texts are in cases/stages.json; here the parts on their own, and the properties
that hold for any document of pages: the edit log is lossless, a second run changes nothing, and
no body line goes."""

from hypothesis import given, settings, strategies as st

import korrektor
from korrektor.stages.pages.columns import gutter
from korrektor.stages.pages.furniture import furniture_edits, split_pages

from test_edits import check_invariants

HEADER = "Nachrichten · Inland"
BODY = ("Die Anstalt kann sich Dritter bedienen, wenn es nötig ist", "Der Bund fördert den Nachwuchs",
        "und die Gleichstellung der Geschlechter", "Zahl der Fälle: 17", "Das Gesetz tritt in Kraft.")


def _document(pages: list[list[str]], header: bool, numbers: bool) -> str:
    """Pages of body lines, each with the running header on top and its number below, as a PDF
    extractor gives them."""
    out = []
    for p, lines in enumerate(pages, start=1):
        top = [HEADER] if header else []
        bottom = [str(p)] if numbers else []
        out.append("\n".join(top + lines + bottom) + "\n")
    return "\f".join(out)


def test_a_header_every_page_repeats_goes_and_the_body_stays():
    text = _document([[BODY[0], BODY[1]], [BODY[2], BODY[3]], [BODY[4]]], header=True, numbers=True)
    edits = furniture_edits(text, split_pages(text))
    removed = {e.before.strip() for e in edits}
    assert removed == {HEADER, "1", "2", "3"}
    assert all(e.kind == "furniture" for e in edits)


def test_a_line_that_repeats_inside_the_bodies_stays():
    # the same line on two pages, but not at their edges: a body line that looks like a header
    text = _document([[BODY[0], HEADER, BODY[1]], [BODY[2], HEADER, BODY[3]]], header=False, numbers=False)
    assert furniture_edits(text, split_pages(text)) == []


def test_numbers_that_do_not_count_with_the_pages_stay():
    text = "Die Zahl der Fälle war\n17\n\fim Jahr danach\n40\n"
    assert furniture_edits(text, split_pages(text)) == []


def _columns(left: list[str], right: list[str], gap: int = 6) -> list[str]:
    width = max(map(len, left)) + gap
    return [a.ljust(width) + b for a, b in zip(left, right)]


PROSE = ["Die Reichsstadt war frei und hatte", "keinen Herrscher über sich. Jene,", "die von den Staufern gegründet",
         "worden waren und die heute noch", "bekannt sind, und andere, die einst", "von Bischöfen beherrscht worden"]


def test_two_columns_of_prose_are_read_one_after_the_other():
    right = [line.upper() for line in PROSE]  # told apart from the left column by their case
    lines = _columns(PROSE, right)
    assert gutter(lines) is not None
    text = korrektor.correct("\n".join(lines) + "\n", korrektor.Config(words=False)).text
    assert text.split() == " ".join(PROSE + right).split()


def test_a_table_and_a_single_column_have_no_gutter():
    table = _columns(["Müller", "Schmidt", "Meier", "Schulz", "Becker", "Wagner"],
                     ["Bonn 1990", "Köln 1991", "Aachen 1992", "Trier 1993", "Mainz 1994", "Worms 1995"])
    assert gutter(table) is None
    assert gutter(PROSE) is None


PAGE_LINES = st.lists(st.sampled_from(BODY), min_size=1, max_size=4)


ORDINALS = ("erstens", "zweitens", "drittens", "viertens")


@settings(max_examples=60, deadline=None)
@given(st.lists(PAGE_LINES, min_size=1, max_size=4), st.booleans(), st.booleans())
def test_documents_of_pages_are_corrected_losslessly_and_once(pages, header, numbers):
    # each page's lines its own (a line two pages have at their edge is taken for a header)
    pages = [[f"{line} {ORDINALS[p]}" for line in lines] for p, lines in enumerate(pages)]
    text = _document(pages, header, numbers)
    result = korrektor.correct(text)
    check_invariants(text, result)
    assert korrektor.correct(result.text).text == result.text
    # every body line's words are still there (furniture aside)
    words = " ".join(result.text.split())
    for line in (line for page in pages for line in page):
        assert line.split()[0] in words


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PROSE + ["", "   ", "\f", "1", HEADER, "  7  "]), max_size=14),
       st.lists(st.sampled_from(PROSE + [""]), max_size=14))
def test_any_lines_side_by_side_are_corrected_losslessly(left, right):
    width = max(map(len, left + [""])) + 5
    text = "\n".join(a.ljust(width) + b for a, b in zip(left, right)) + "\n"
    check_invariants(text, korrektor.correct(text))
