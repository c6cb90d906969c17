"""The word stage on text we wrote, damaged as an engine without a German model damages it."""

import korrektor


def words_of(text):
    return [e for e in korrektor.correct(text).edits if e.kind.endswith("word")]


def test_broken_and_glued_words():
    page = ("Die Ge sellschaft hat sich verandert, und wir sehen inder Stadt,\n"
            "dass die Burger sich mehr engagieren als fruher. Das ist\n"
            "gut fiir alle.\n")
    result = korrektor.correct(page)
    assert "Die Gesellschaft hat sich verändert" in result.text
    assert "in der Stadt" in result.text and "Bürger" in result.text and "früher" in result.text
    assert "für alle" in result.text
    joined = next(e for e in result.edits if e.before == "Ge sellschaft")
    assert joined.rule == "join_broken_word" and joined.after == "Gesellschaft"
    assert result.restore() == page


def test_every_word_edit_has_a_confidence_and_the_doubts_are_reported():
    page = "Wir mussen die Forderung der Schulen\nverbessern, sagte sie. Das ist\nklar.\n"
    result = korrektor.correct(page, korrektor.Config(suggest=True))
    assert not [e for e in result.edits if e.kind == "word"]  # suggest: nothing applied
    suggested = {d.before: d.after for d in result.doubts}
    assert suggested.get("mussen") == "müssen"
    for d in result.doubts:
        assert 0 < d.confidence <= 1 and page[d.start:d.end] == d.before


def test_names_acronyms_numbers_urls_and_foreign_text_pass():
    page = ("Frau Giffey und Herr Klose von agah und BAF trafen sich am 12.03.2024 um 10:30 Uhr.\n"
            "Mehr unter https://example.org/Uber-uns und info@example.org – The quick brown fox\n"
            "jumps over the lazy dog and it is a test of the system.\n")
    assert words_of(page) == []
