"""The lossless edit model: properties that hold for any input."""

import string

from hypothesis import given, settings, strategies as st

import korrektor
from korrektor.edits import Edit, apply, compose, revert

# Text that exercises every stage: German letters, OCR debris, quotes, dashes, line breaks.
ALPHABET = string.ascii_letters + "äöüÄÖÜß" + " \n\n\t-–—~,.;:!?\"'„“”»«*®‘’…\f\r\u00ad\ufb01\u0308" + "0123456789"
texts = st.one_of(st.text(alphabet=ALPHABET, max_size=300), st.text(max_size=100))


def check_invariants(text, result):
    prev_end = -1
    for e in result.edits:
        assert 0 <= e.start <= e.end <= len(text)
        assert text[e.start:e.end] == e.before
        assert e.start >= prev_end, "edits overlap or are unsorted"
        prev_end = e.end
    assert apply(text, result.edits) == result.text
    assert revert(result.text, result.edits) == text
    for d in result.doubts:
        assert text[d.start:d.end] == d.before


@settings(max_examples=300, deadline=None)
@given(texts)
def test_edit_log_is_lossless(text):
    check_invariants(text, korrektor.correct(text))


@settings(max_examples=100, deadline=None)
@given(texts)
def test_edit_log_is_lossless_with_keep_lines(text):
    check_invariants(text, korrektor.correct(text, korrektor.Config(keep_lines=True)))


@st.composite
def text_and_changes(draw):
    """A text and a valid set of changes against it."""
    text = draw(st.text(alphabet="abc \n", min_size=0, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    changes, prev = [], -1
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a == prev and a == b:
            continue
        changes.append(Edit(a, b, text[a:b], draw(st.text(alphabet="xyz\n", max_size=3)), "t", "t"))
        prev = b
    return text, changes


@settings(max_examples=400, deadline=None)
@given(text_and_changes(), st.data())
def test_compose_two_rounds(first, data):
    original, changes1 = first
    edits = compose(original, [], original, changes1)
    current = apply(original, changes1)
    assert apply(original, edits) == current
    # a second round of changes against the new text
    cuts = sorted(data.draw(st.lists(st.integers(0, len(current)), max_size=8)))
    changes2, prev = [], -1
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a == prev and a == b:
            continue
        changes2.append(Edit(a, b, current[a:b], data.draw(st.text(alphabet="pq", max_size=3)), "u", "u"))
        prev = b
    edits2 = compose(original, edits, current, changes2)
    final = apply(current, changes2)
    assert apply(original, edits2) == final
    assert revert(final, edits2) == original
    for e in edits2:
        assert original[e.start:e.end] == e.before


def test_merged_edit_names_both_steps():
    text = "Der Integra-\ntionsplan"
    edits = compose(text, [], text, [Edit(11, 13, "-\n", "", "hyphenation", "join")])
    current = apply(text, edits)  # "Der Integrationsplan"
    edits = compose(text, edits, current, [Edit(4, 20, current[4:20], "Integrationsplan!", "word", "fix",
                                                 0.7, ("Integrationsplan?",))])
    assert len(edits) == 1
    e = edits[0]
    assert (e.before, e.after) == ("Integra-\ntionsplan", "Integrationsplan!")
    assert e.kind == "hyphenation+word" and e.rule == "join+fix" and e.confidence == 0.7
    assert e.alternatives == ("Integrationsplan?",)


def test_idempotent_on_fixture_pages(pairs):
    for rec in pairs:
        once = korrektor.correct(rec["ocr"]).text
        assert korrektor.correct(once).text == once, rec["id"]


def test_a_long_text_is_corrected_in_pieces_losslessly(pairs, monkeypatch):
    from korrektor import pipeline

    monkeypatch.setattr(pipeline, "PIECE_CHARS", 1500)
    text = "\n\n".join(p["ocr"].strip() for p in pairs * 3)
    pieces = pipeline._pieces(text)
    assert len(pieces) > 2
    # pieces are cut only at paragraph breaks, which stay as they are
    assert all(text[a:b].strip("\n") == "" for (_, a), (b, _) in zip(pieces, pieces[1:]))
    result = korrektor.correct(text)
    assert apply(text, list(result.edits)) == result.text and result.restore() == text
    # each piece is corrected as a document of its own
    expected = "".join(
        text[prev:a] + korrektor.correct(text[a:b]).text
        for prev, (a, b) in zip([0] + [b for _, b in pieces], pieces))
    assert result.text == expected
    assert korrektor.correct(result.text).text == result.text


def test_doubts_are_located_one_by_one_even_when_they_would_merge():
    """The pipeline maps a stage's doubts to the original in one pass; doubts that would merge
    with each other (overlapping proposals) are located one by one, as if alone."""
    from korrektor.pipeline import _locate

    original = "Das Haus ist grün und alt."
    edits = [Edit(4, 8, "Haus", "Hans", "word", "r", 0.9)]
    current = apply(original, edits)
    alone = [Edit(13, 17, "grün", "grau", "word", "r", 0.4), Edit(4, 8, "Hans", "Hase", "word", "r", 0.3)]
    overlapping = alone + [Edit(14, 21, "rün und", "x", "word", "r", 0.2)]
    for changes in (alone, overlapping):
        located = _locate(original, edits, current, changes)
        assert len(located) == len(changes)
        for change, edit in zip(changes, located):
            expected = [e for e in compose(original, edits, current, [change]) if e not in edits]
            assert [edit] == expected
    assert _locate(original, edits, current, alone)[1].before == "Haus"  # merged with the old edit


# Pieces of OCR'd prose and its debris: sentence ends, specks after them, list bullets, torn
# paragraphs, abbreviations, glyphs no German word has, capitals read for small letters
_DEBRIS_PIECES = st.sampled_from([
    "Wir danken allen Helfern.", "Das ist gut so.", " 2", " i :", " ress", " &", "\n", "\n\n",
    "* ", "* dann", "und", " und", "die", " Landwirte", "Abs. 3", " Hm.", " -", "- ", "ist. darn",
    "Kollegen", " ", "ıst", " Zu wenig", "„ii“", "Pl."])


@settings(max_examples=200, deadline=None)
@given(st.lists(_DEBRIS_PIECES, max_size=30))
def test_debris_and_layout_are_corrected_losslessly_and_once(parts):
    text = "".join(parts)
    result = korrektor.correct(text)
    check_invariants(text, result)
    assert korrektor.correct(result.text).text == result.text
