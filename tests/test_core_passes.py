"""The words stage's decoding passes whole in the compiled core (korrektor._core.decode_passes,
rust/src/passes.rs) give the Python reference's answers (passes._py_decode) bit for bit: the
decisions, the indices decided from the document's words and every token's ``best``, on pages
that take each pass (a page repeating c for e, one spelt as before 1996 by an engine losing the
ß, one without umlauts, one whose garbled word the document writes elsewhere, a page read with a
German model) beside clean pages where nothing changes. The whole sets: bench/core_passes.py."""

import copy
import os
import subprocess
import sys

import pytest

import korrektor
from korrektor.stages.words import passes
from korrektor.stages.words.decoder import Decoder

pytestmark = pytest.mark.skipif(not passes._USE_CORE, reason="the compiled passes are not in use")

C_FOR_E = ("Es war cin kalter Morgen, als cr das Haus verließ. Dic Straße war leer, und cs lag Schnee auf dcn "
           "Dächern. Er ging schnell, denn cr wollte nicht zu spät kommen. Sic sahen ihn.")
OLD_SPELLING = ("Er wute, da er kommen mute, und sagte, da es gut sei. Sie meinte, da er recht habe, und da "
                "man es wissen mute. Das mu man sagen, da es so ist.")
NO_UMLAUTS = ("Die Prufung fiir die Schuler war schwer, und die Lehrer wuBten das. Uber die Ergebnisse wurde "
              "spater berichtet, als die Schuler zuruckkamen. Fur alle war es eine grofe Erleichterung.")
DOCUMENT = ("Die Gesellschaft fur Informatik tagte. Die Gesellschaft beschloss vieles. Spater sprach die "
            "Gesolischaft uber die Zukunft der Gesellschaft und ihrer Mitglieder.")
GERMAN = ("Der Ausschuss hat die Vorlage beraten und empfiehlt, sie anzunehmen. Die Mitglieder möchten, "
          "dass die Regierung handelt. Wir missen jetzt entscheiden, fiir die Zukunft.")
CLEAN = "Der Bundestag hat heute über den Haushalt beraten. Die Abgeordneten stimmten zu."
CLEAN_ENGLISH = "The quick brown fox jumps over the lazy dog. It was a sunny day in London."
PAGES = [C_FOR_E, OLD_SPELLING, NO_UMLAUTS, DOCUMENT, GERMAN, CLEAN, CLEAN_ENGLISH]


def _calls(text):
    """Every ``passes.decode`` call correcting ``text`` makes, with copies of its tokens."""
    seen = []
    original = passes.decode

    def record(text, tokens, decoder, skip, terms):
        seen.append((text, [copy.copy(t) for t in tokens], decoder, set(skip), set(terms)))
        return original(text, tokens, decoder, skip, terms)

    passes.decode = record
    try:
        korrektor.correct(text)
    finally:
        passes.decode = original
    return seen


def _fresh(d):
    return Decoder(d.lex, d.em, d.profile, d.context_model, past_bias=d.past_bias,
                   historic_only_penalty=d.historic_only_penalty)


def _exact(found, tokens):
    decisions, from_document = found
    return ({i: (w, p.hex(), list(r), m) for i, (w, p, r, m) in decisions.items()}, sorted(from_document),
            [t.best for t in tokens])


def _both(text, tokens, decoder, skip, terms):
    a, b = [copy.copy(t) for t in tokens], [copy.copy(t) for t in tokens]
    compiled = passes._core_decode(text, a, _fresh(decoder), skip, terms)
    assert compiled is not None, "the compiled passes declined"
    return _exact(compiled, a), _exact(passes._py_decode(text, b, _fresh(decoder), skip, terms), b)


def test_the_constants_agree():
    assert passes._core_constants_agree()


@pytest.mark.parametrize("page", PAGES)
def test_every_call_as_python(page):
    calls = _calls(page)
    assert calls
    for call in calls:
        compiled, py = _both(*call)
        assert compiled == py


def _changes(page):
    """What the compiled passes change on ``page``: (core, best) of the tokens they change."""
    out = []
    for text, tokens, decoder, skip, terms in _calls(page):
        a = [copy.copy(t) for t in tokens]
        found = passes._core_decode(text, a, _fresh(decoder), skip, terms)
        assert found is not None
        out += [(t.core, t.best) for t in a if t.best != t.core]
    return out


def test_what_must_change_changes_and_clean_pages_stay():
    assert ("cin", "ein") in _changes(C_FOR_E)  # the learned confusion
    assert ("fiir", "für") in _changes(NO_UMLAUTS)
    assert ("Gesolischaft", "Gesellschaft") in _changes(DOCUMENT)  # the document's own word
    assert _changes(CLEAN) == []
    assert _changes(CLEAN_ENGLISH) == []


def test_best_is_written_back_as_python_leaves_it():
    text, tokens, decoder, skip, terms = _calls(NO_UMLAUTS)[0]
    a, b = [copy.copy(t) for t in tokens], [copy.copy(t) for t in tokens]
    assert passes.decode(text, a, _fresh(decoder), skip, terms)[0] == passes._py_decode(
        text, b, _fresh(decoder), skip, terms)[0]
    assert [t.best for t in a] == [t.best for t in b]


def test_python_answers_where_the_core_cannot():
    text, tokens, decoder, skip, terms = _calls(NO_UMLAUTS)[0]
    # a lone surrogate in the text: the tokens untouched
    a = [copy.copy(t) for t in tokens]
    assert passes._core_decode(text + "\ud800", a, _fresh(decoder), skip, terms) is None
    assert [t.best for t in a] == [t.best for t in tokens]

    class Other(Decoder):  # a decoder variant of a test: Python's passes
        pass

    d = _fresh(decoder)
    other = Other(d.lex, d.em, d.profile, d.context_model)
    assert passes._core_decode(text, [copy.copy(t) for t in tokens], other, skip, terms) is None


def test_replaced_constants_are_read_by_python(monkeypatch):
    text, tokens, decoder, skip, terms = _calls(OLD_SPELLING)[0]
    monkeypatch.setattr(passes, "PASSES", passes.Passes(min_old_spelling_words=1))
    assert passes._core_decode(text, [copy.copy(t) for t in tokens], _fresh(decoder), skip, terms) is None


def test_the_switch_turns_the_compiled_passes_off():
    env = dict(os.environ, KORREKTOR_PY_SEARCH="1")
    out = subprocess.run([sys.executable, "-c", "from korrektor.stages.words import passes; print(passes._USE_CORE)"],
                         env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
