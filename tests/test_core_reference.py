"""The compiled lexicon answers as the Python lexicon before the port did (issue 26).

``tests/data/core_reference.json`` holds the answers of the Python engine of the commit before
the port (``bench/reference.py golden``) on the words of the bundled examples, their case
variants and hard cases: compounds and damaged ones, old spellings, capitals, apostrophes,
protected and supplementary forms, non-Latin cases. Floats are compared to the bit.
``bench/core_forms.py`` and ``bench/core_bigrams.py`` check every token of the dev bench."""
from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from korrektor import _core
from korrektor.lexicon import Lexicon, _data_dir, default_lexicon

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from reference import answers  # noqa: E402  (the same questions the golden file asked)

GOLDEN = json.loads((ROOT / "tests" / "data" / "core_reference.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def now():
    return answers(default_lexicon(), GOLDEN["words"])


@pytest.mark.parametrize("question", sorted(GOLDEN["answers"]))
def test_the_same_answers_as_the_python_lexicon(now, question):
    words = GOLDEN["words"]
    want, got = GOLDEN["answers"][question], now[question]
    pairs = [("<s>", words[0])] + list(zip(words, words[1:])) + [("<s>", w) for w in words]
    asked = pairs if question in ("logp_bigram", "bigram_count") else words
    assert len(got) == len(want)
    wrong = [(q, w, g) for q, w, g in zip(asked, want, got) if w != g]
    assert not wrong, wrong[:5]


def test_the_lexicon_is_the_core():
    lex = default_lexicon()
    assert isinstance(lex, _core.Lexicon) and lex.origin == "mapped"
    assert lex.path == _data_dir() and lex.total > 10_000_000
    assert len(lex) == len(lex.forms) < lex.stored_forms  # the supplement has no corpus id
    assert lex.fingerprint == f"{len(lex.forms)}:{lex.total}"


def test_without_the_supplement():
    lex = Lexicon.load(supplement=False)
    assert not lex.supplement and len(lex) == len(default_lexicon())
    for word in ("Truppführer", "Abhöranlage"):
        assert default_lexicon().is_supplement(word) and not lex.is_form(word)
    assert lex.protected_nouns == [] and lex.compound_split("Lakritzestücke") is None


def test_shared_by_threads():
    words = GOLDEN["words"]
    fresh = Lexicon.load()  # its own (empty) cache of splits
    want = [default_lexicon().compound_split(w) for w in words]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(fresh.compound_split, words * 3))
    assert got == want * 3


def test_a_lone_surrogate_is_an_unknown_word():
    # Python strings may hold one (decoded with surrogateescape), UTF-8 cannot: no error
    lex = default_lexicon()
    odd = "Pr\ud800fung"
    assert lex.count(odd) == 0 and not lex.known(odd) and lex.compound_split(odd) is None
    assert not lex.is_prefix("f\ud800") and lex._variant("\udcff") is None
    assert lex.logp(odd) == lex.logp("Xqzvwbk") and lex.logp_bigram("die", odd) == lex.logp_bigram("die", "Xqzvwbk")
    assert lex.bigram_count(odd, "die") == 0.0
