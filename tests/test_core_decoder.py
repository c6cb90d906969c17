"""The compiled scorer of the words stage (korrektor._core.Scorer, rust/src/decoder.rs, issue 26)
decides as the Python scorer (Decoder._py_decide) does, bit for bit, and Decoder.decide uses it.

bench/core_decoder.py checks every decision the pipeline makes on the dev bench and the historic
set and measures; this is the quick check on the example pages and on listed cases (splits
between sentences, real-word pairs in a sentence, old spellings, a document's tense and era)."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

import korrektor
from korrektor import errormodel
from korrektor.errormodel import GERMAN, NO_UMLAUTS, default_error_model
from korrektor.lexicon import default_lexicon
from korrektor.stages.words import decoder as decoder_module
from korrektor.stages.words.decoder import Decoder
from korrektor.stages.words.passes import context_model
from korrektor.stages.words.tokens import tokenize

EXAMPLES = Path(errormodel.__file__).parent / "examples"


def _compare(d: Decoder, t, prev, nxt, sentence):
    """The compiled and the Python decision for one token, as comparable values."""
    cands = d.candidates(t)
    want, in_context = d._py_decide(t, cands, prev, nxt, lambda: sentence)
    found = d._scorer().decide(t.core, t.known, t.acronym, cands, prev, nxt, lambda: sentence)
    assert found is not None
    best, posterior, runners, got_context = found
    got = cands[best][0], posterior, [cands[i][0] for i in runners], cands[best][2]
    return ((want[0], want[1].hex(), want[2], want[3], in_context),
            (got[0], got[1].hex(), got[2], got[3], got_context))


def _decoders():
    lex, em, ctx = default_lexicon(), default_error_model(), context_model()
    out = []
    for profile in (GERMAN, NO_UMLAUTS):
        plain = Decoder(lex, em, profile, ctx)
        out += [plain, Decoder(lex, em, profile, ctx, past_bias=1.5, historic_only_penalty=2.5),
                Decoder(lex, em, profile, ctx, today=plain, historic_only_penalty=2.5)]
    return out


@pytest.mark.parametrize("page", ["seite-eng.txt", "seite-deu.txt"])
def test_every_decision_of_the_example_pages_as_python(page):
    text = (EXAMPLES / page).read_text(encoding="utf-8")
    tokens = tokenize(text, default_lexicon())
    sentence = {t.core.lower() for t in tokens[:30]}  # real-word pairs weigh these
    compared = 0
    for d in _decoders():
        assert d._scorer() is not None
        for i, t in enumerate(tokens):
            if len(d.candidates(t)) < 2:
                continue
            prev = "<s>" if i == 0 or tokens[i - 1].sentence_end else tokens[i - 1].core
            nxt = None if t.sentence_end or i == len(tokens) - 1 else tokens[i + 1].core
            want, got = _compare(d, t, prev, nxt, sentence)
            assert got == want, t.core
            compared += 1
    assert compared > 300


class _Token:
    def __init__(self, core, known, acronym=False):
        self.core, self.known, self.acronym = core, known, acronym


# (token, known, previous, next, sentence): what each exercises is named
CASES = [
    ("dazu.-Es", False, "Wir", "gut", set()),  # a split between two sentences
    ("inder", False, "ist", "Stadt", set()),  # a split inside one, and other readings
    ("hatte", True, "Ich", "gern", {"gern", "wenn", "ich", "»*"}),  # a real-word pair in a sentence
    ("mochte", True, "Er", "nicht", {"sagte", "er", "»nicht"}),
    ("da", True, "so", "er", set()),  # "daß" on an old spelling's page
    ("wute", False, "Er", "nicht", set()),  # "wußte", "wüte"
    ("Thiir", False, "die", "auf", set()),  # a form of the old books against today's
    ("Sozialhiilfe", False, "die", None, set()),  # a compound with such a head
    ("TarifverbUnden", False, "<s>", None, set()),  # damage no German word has
    ("Steuereinbu8en", False, "die", None, set()),
    ("OPNV", False, "der", "in", set()),  # an acronym: no non-word penalty
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_listed_cases_as_python(case):
    core, known, prev, nxt, sentence = case
    t = _Token(core, known, acronym=core.isupper())
    compared = 0
    for d in _decoders():
        if len(d.candidates(t)) > 1:
            want, got = _compare(d, t, prev, nxt, sentence)
            assert got == want
            compared += 1
    assert compared, "the case reaches no decision: it tests nothing"


def test_the_sentence_is_asked_only_for_a_known_real_word_pair():
    d = _decoders()[0]
    asked = []

    def sentence():
        asked.append(1)
        return {"gern", "wenn"}

    d.decide(_Token("inder", False), "ist", "Stadt", sentence)
    assert not asked
    t = _Token("hatte", True)
    assert len(d.candidates(t)) > 1
    d._decisions.clear()
    d.decide(t, "Ich", "gern", sentence)
    assert asked == [1]  # once, however many candidates the pair has


def test_python_scores_where_the_core_cannot(monkeypatch):
    lex, em = default_lexicon(), default_error_model()

    class Doubled(type(lex)):  # a lexicon whose language model is its own
        def logp_bigram(self, prev, word):
            return -math.inf if word == "für" else super().logp_bigram(prev, word)

    other = Doubled(lex.path)
    d = Decoder(other, em, NO_UMLAUTS)
    assert d._scorer() is None
    word = d.decide(_Token("fiir", False), "Danke", "Ihre")[0]
    assert word != "für"  # the double's model decided
    assert Decoder(lex, em, NO_UMLAUTS).decide(_Token("fiir", False), "Danke", "Ihre")[0] == "für"
    monkeypatch.setattr(decoder_module, "_USE_CORE", False)
    assert Decoder(lex, em, NO_UMLAUTS)._scorer() is None


def test_the_pipeline_is_the_same_with_either_scorer(monkeypatch):
    text = (EXAMPLES / "seite-eng.txt").read_text(encoding="utf-8")
    compiled = korrektor.correct(text)
    monkeypatch.setattr(decoder_module, "_USE_CORE", False)
    python = korrektor.correct(text)
    assert compiled.text == python.text
    assert [(e.start, e.after, e.rule, e.confidence.hex()) for e in compiled.edits] == \
        [(e.start, e.after, e.rule, e.confidence.hex()) for e in python.edits]


def test_constants_agree():
    assert decoder_module._core_constants_agree()


def test_a_nan_score_is_left_to_python_not_a_panic():
    # bad data (a NaN in a table or a test double's scores): Python's max and sort answer in
    # their own order, which the core does not reproduce; it declines instead of panicking
    d = _decoders()[0]
    t = _Token("Haus", True)
    cands = [("Haus", -0.1, "")] + [(w, math.nan if i % 2 else -5.0 - i, "x")
                                    for i, w in enumerate(["Hans", "Hauß", "Haut", "Hause"])]
    assert d._scorer().decide(t.core, t.known, t.acronym, cands, "<s>", None, lambda: set()) is None
    assert d._py_decide(t, cands, "<s>", None, lambda: set())[0][0] == "Haus"


def test_a_replaced_character_model_is_scored_in_python(monkeypatch):
    from korrektor.charmodel import default_char_model

    monkeypatch.setattr(default_char_model(), "worst", lambda word: -100.0, raising=False)
    d = Decoder(default_lexicon(), default_error_model(), NO_UMLAUTS)
    assert d._scorer() is None
