"""The document's tense (stages/words/tense.py): a text that tells in the past favours "hatte"."""

import korrektor
from korrektor.stages.words import tense
from korrektor.stages.words.tense import TENSE, past_bias, subjunctive_of

STORY = ("Sie sagte nichts. Er ging hinaus und kam spät zurück. Sie fragte ihn, was er wollte. "
         "Er war müde, sah sie an und lachte. Dann stand er auf und blieb am Fenster.").split()
SPEECH = ("Das ist richtig, und wir sind dafür. Die Regierung sagt, sie will handeln, und sie kann "
          "es. Es geht um viel, es kommt darauf an, und wer hat, der gibt.").split()


def test_a_story_told_in_the_past_gets_the_prior_and_a_speech_does_not():
    assert past_bias(STORY) == TENSE.past_bias > 0
    assert past_bias(SPEECH) == 0.0
    assert past_bias(STORY[:6]) == 0.0  # a few verbs say nothing


def test_the_prior_is_for_a_preterite_against_its_subjunctive_twin_only():
    assert subjunctive_of("hätte", "hatte") and subjunctive_of("könnten", "konnten")
    assert not subjunctive_of("Mütter", "Mutter")  # no verb form
    assert not subjunctive_of("hatte", "hatte")
    assert not subjunctive_of("Zähne", "Zahne")


def test_in_a_story_the_prior_makes_the_subjunctive_less_sure(monkeypatch):
    # a page from an engine without umlauts, telling in the past: "hatte" may be "hätte"
    text = ("Sie sagte nichts. Er ging hinaus und kam spat zuruck. Sie fragte ihn, was er wollte. "
            "Er war mude, sah sie an und lachte. Dann stand er auf und blieb am Fenster. "
            "Wenn er nur gewollt hatte, so hatte er alles haben konnen.")

    def confidence_of_hatte():
        result = korrektor.correct(text, min_confidence=0.0)
        return max((e.confidence for e in result.edits + result.doubts if e.before == "hatte"), default=0.0)

    with_prior = confidence_of_hatte()
    monkeypatch.setattr(tense, "TENSE", tense.Tense(past_bias=0.0))
    without_prior = confidence_of_hatte()
    assert with_prior < without_prior
