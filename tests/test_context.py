"""The context-word model for real-word umlaut errors (data/context.json)."""

import korrektor
from korrektor.context import default_context_model


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
