"""The character model of German word forms (data/char_model.json, korrektor.charmodel)."""

import subprocess
import sys
from pathlib import Path

import pytest

from korrektor.charmodel import CharModel, default_char_model
from korrektor.stages.words.decoder import SCORING
from korrektor.stages.words.nearby import FAR_WORDS

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("word", ["Teilnehmer", "konfigurieren", "Sitznachbarinnen", "Prozessor",
                                  "Kubernetes", "Rheinmetall", "überprüfen", "Straße"])
def test_words_spelt_like_german_have_no_bad_spot(word):
    # stored or not: a word the lexicon lacks is still spelt like one
    assert default_char_model().worst(word) > SCORING.damage_floor


@pytest.mark.parametrize("token", ["Teilnmehmer", "Radikalisieryng", "Stattclessen", "Verteidigunigsminister"])
def test_ocr_damage_puts_letters_together_as_no_german_word_does(token):
    assert default_char_model().worst(token) < FAR_WORDS.max_worst


def test_one_probability_per_letter_and_one_for_the_end():
    model = default_char_model()
    logps = model.letter_logps("Haus")
    assert len(logps) == 5 and all(lp < 0 for lp in logps)
    assert model.worst("Haus") == min(logps) == model.worst("Haus")  # cached: the same answer
    # case does not matter; a letter the forms never show gets the uniform floor, weighted down
    assert model.worst("HAUS") == model.worst("haus")
    assert model.worst("Ha§s") < model.worst("Haus") - 5


def test_a_foreign_file_is_refused(tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ValueError):
        CharModel.load(path)


def test_the_build_reproduces_the_shipped_model(tmp_path):
    out = tmp_path / "char_model.json"
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_char_model.py"), "--out", str(out)],
                   check=True, capture_output=True)
    shipped = REPO / "src" / "korrektor" / "data" / "char_model.json"
    assert out.read_bytes() == shipped.read_bytes()
