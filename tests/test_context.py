"""The context-word model for real-word umlaut errors (data/context.json)."""

import pytest

import korrektor
from korrektor.context import clause_end_features, default_context_model


def test_context_words_pick_the_member_of_a_pair():
    model = default_context_model()
    assert model.knows("hätte", "hatte") and model.knows("hatte", "hätte")
    assert model.log_ratio("hätte", "hatte", {"wenn", "gern"}) > 0
    assert model.log_ratio("hatte", "hätte", {"wenn", "gern"}) < 0
    assert model.log_ratio("Haus", "Maus", {"wenn"}) == 0.0


def test_subjunctive_restored_from_the_sentence():
    # an engine without a German model: no umlaut anywhere on the page
    page = ("Wenn wir damals mehr Geld gehabt hatten, dann hatten wir die Schulen schon lange saniert.\n"
            "Die Burger haben lange darauf gewartet, und die Forderung der Schulen ist noch\n"
            "immer zu gering. Wir mussen jetzt handeln und die Kommunen starker unterstutzen.\n")
    text = korrektor.correct(page).text
    assert "Bürger" in text and "müssen" in text and "stärker" in text
    assert "hätten wir die Schulen" in text


def test_clause_end_features_name_the_last_word_of_the_clause_and_its_ending():
    assert clause_end_features(["ich", "skeptisch", "beäugt"]) == {"»beäugt", "»*t"}
    assert clause_end_features(["der", "Assistent", "viel", "bringen"]) == {"»bringen", "»*n"}
    assert clause_end_features(["der", "Antrag"]) == {"»antrag", "»*"}
    # the member's right neighbour ends the clause: the bigram model scores it already
    assert clause_end_features(["gesagt"]) == set()
    assert clause_end_features([]) == set()


def test_clause_end_tells_the_subjunctive_from_the_past():
    model = default_context_model()
    assert model.log_ratio("würde", "wurde", clause_end_features(["das", "anders", "machen"])) > 0
    assert model.log_ratio("würde", "wurde", clause_end_features(["das", "gestern", "beschlossen"])) < 0


# known failure: the encyclopedias and novels tell in the past, so their bigrams favour "Verkehr
# wurde" 13 to 1; one sentence gives no tense of its own (stages/words/tense.py) to weigh against
_PAST_TENSE_BIGRAMS = pytest.mark.xfail(strict=True, reason="past-tense bigrams of the broad corpus outweigh "
                                                             "the clause end on a one-sentence page")


@pytest.mark.parametrize("page, expected", [
    # the clause's last word decides between the past and the subjunctive (each of these went
    # the other way with the context words alone)
    pytest.param("Beim Faktor Verkehr wurde eine bessere Ampel in der Tat viel bringen.", "Verkehr würde eine",
                 marks=_PAST_TENSE_BIGRAMS),
    pytest.param("In dieser Lage wurde ein klarer Plan die Arbeit deutlich einfacher machen.", "Lage würde ein",
                 marks=_PAST_TENSE_BIGRAMS),
    ("Das wurde doch von allen hier hochgelobt, und zwar sehr.", "Das wurde doch"),
])
def test_clause_end_decides_wurde_or_wuerde(page, expected):
    # no umlaut on the page: an engine without a German model read it
    page += " Wir mussen handeln."
    assert expected in korrektor.correct(page).text
