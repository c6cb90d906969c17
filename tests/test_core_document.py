"""The words stage's compiled passes over the token list (korrektor._core.foreign_sentences,
protect_units, past_bias, historic_only_penalty, document_terms, document_words,
join_broken_words) answer as the
Python references do, and the stage uses them (protect_units and document_words are compiled for
the compiled words stage only).

bench/core_document.py checks every call the pipeline makes on the dev bench and the historic set
and measures; this is the quick check: a foreign sentence beside a German one, units beside words
after numbers, an old-book page beside a modern one, a story beside a speech, and corners."""
from __future__ import annotations

import copy
import dataclasses

import pytest

from korrektor import _core
from korrektor.errormodel import GERMAN, NO_UMLAUTS, default_error_model
from korrektor.lexicon import default_lexicon
from korrektor.stages.words import document, era, joins, tense, tokens
from korrektor.stages.words.decoder import Decoder
from korrektor.stages.words.tokens import Token, tokenize

FOREIGN_AND_GERMAN = ("This is the end of the story and we have been there. Der Bundestag hat das Gesetz "
                      "heute beschlossen, und die Länder stimmen zu. Sie miissen ibus iiber GNOME Tweaks "
                      "konfigurieren. Le chat est sur la table avec nous. Gut.")
UNITS = "Wir kaufen 100 ml Milch, 5 tb Mehl, 3 fir 2 und (12 cn breit) sowie 2,5 qx Wasser und x11 qy, 4 ab."
OLD_BOOK = ("Da trat er in die Thür und sprach: Du hast mir nichts zu sagen, und ich will nichts thun, was "
            "dir nicht gefällt. Sie sah ihn an, und ihre Brust hob sich, denn sie wußte, daß er die Wahrheit "
            "sprach. Es giebt Dinge, sagte sie leise, die man nicht vergißt, und ich hab dich lieb.")
TODAY = ("Die Bundesregierung legt heute einen Gesetzentwurf vor, der die Förderung der Forschung neu regelt. "
         "Die Länder sollen mehr Geld erhalten, und die Hochschulen werden dadurch gestärkt.")
STORY = ("Sie sagte nichts. Er ging hinaus und kam spät zurück. Sie fragte ihn, was er wollte. Er war müde, "
         "sah sie an und lachte. Dann stand er auf und blieb am Fenster. War es so?")
CORNERS = ["", "a", "5 kg", "x" * 80, "Σ ΣΑΣ σας. the of and to is", "OO\u212a the of and. İ İ İ İ.",
           "1\u00a0kg 2\u2003m ½ l ¾\tg (3 (ml", "\n\n5 g\n\nab 7 mm\n", "THE OF AND TO IS. Die der das.",
           "ist war War WAR Saß sah Sah sahen " * 3, "ab\ud800cd the of and to"]


@pytest.fixture(scope="module")
def decoders():
    em, lex = default_error_model(), default_lexicon()
    return [Decoder(lex, em, NO_UMLAUTS), Decoder(lex, em, GERMAN)]


class Asking:
    """Answers ``lost_umlauts`` as the decoder does and notes whom it was asked for."""

    def __init__(self, decoder):
        self.decoder, self.asked = decoder, []

    def lost_umlauts(self, t):
        self.asked.append(t.core)
        return self.decoder.lost_umlauts(t)

    def candidates(self, t):
        self.asked.append(("candidates", t.core))
        return self.decoder.candidates(t)


def both(python, compiled, *args, decoder=None, marks=False):
    """(Python's answer, the compiled one's), each with the tokens asked about."""
    out = []
    for fn in (python, compiled):
        a = [copy.deepcopy(x) if isinstance(x, list) else x for x in args]
        d = Asking(decoder) if decoder else None
        found = fn(*a, *([d] if d else []))
        if marks:
            found = [t.protected for t in a[1]]
        elif isinstance(found, set):
            found = sorted(found)
        out.append((found, d.asked if d else None))
    return out


def fields(t):
    return tuple(x.hex() if isinstance(x, float) else x for x in dataclasses.astuple(t))


def core_protect_units(text, toks, d):
    _core.protect_units(text, [t for t in toks if not t.known], d.lost_umlauts) or tokens.protect_units(text, toks, d)


def test_the_core_is_used():
    assert tokens._passes_in_core() and tense._CORE_TENSE is tense.TENSE and era._CORE_ERA is era.ERA
    assert document._CORE_DOCUMENT is document.DOCUMENT and joins._CORE_BROKEN_WORDS is joins.BROKEN_WORDS


@pytest.mark.parametrize("text", [FOREIGN_AND_GERMAN, UNITS, OLD_BOOK, TODAY, STORY, *CORNERS])
def test_the_passes_answer_as_python(text, decoders):
    lex = default_lexicon()
    toks = tokenize(text, lex)
    cores = [t.core for t in toks]
    for d in decoders:
        py, core = both(tokens._py_foreign_sentences, tokens.foreign_sentences, toks, decoder=d)
        assert core == py
        py, core = both(tokens.protect_units, core_protect_units, text, toks, decoder=d, marks=True)
        assert core == py
        for profile in (NO_UMLAUTS, GERMAN):
            py, core = both(document._py_document_terms, document.document_terms, toks, profile, decoder=d)
            assert core == py
        skip = tokens.foreign_sentences(toks, d)
        py, core = both(joins._py_join_broken_words, joins.join_broken_words, text, toks, lex, skip)
        assert [fields(t) for t in core[0]] == [fields(t) for t in py[0]]
    assert tense.past_bias(cores) == tense._py_past_bias(cores)
    assert era.historic_only_penalty(cores, lex).hex() == era._py_historic_only_penalty(cores, lex).hex()
    for k, t in enumerate(toks):  # decisions: some corrected, some read as themselves
        t.best = ("Gesellschaft", "Gesellschaftx", "Haus", t.core, t.core)[k % 5]
    if "\ud800" not in text:
        assert _core.document_words(toks, lex) == document.document_words(toks, lex)


def test_a_foreign_sentence_beside_a_german_one(decoders):
    toks = tokenize(FOREIGN_AND_GERMAN, default_lexicon())
    skip = tokens.foreign_sentences(toks, decoders[0])
    words = {toks[i].core for i in skip}
    assert {"story", "chat", "table"} <= words  # English, French
    assert not {"Bundestag", "Gesetz", "konfigurieren"} & words  # German, one with lost umlauts
    assert "Gut" in words  # too short to judge: the verdict of the sentence before


BROKEN = ("Die Ge sellschaft tagt. Der Zusammen halt zählt, und die Bundes regierung handelt. Er will "
          "handisch zusammenzahlen. Das ist ein Haus mit Garten. schuldenfinanzier ter Ausbau.")


def test_a_broken_word_beside_two_that_stay(decoders):
    lex = default_lexicon()
    toks = tokenize(BROKEN, lex)
    joined = joins.join_broken_words(BROKEN, toks, lex, set())
    assert [fields(t) for t in joined] == [fields(t) for t in joins._py_join_broken_words(BROKEN, toks, lex, set())]
    words = {t.core: t for t in joined}
    assert "Gesellschaft" in words and words["Gesellschaft"].merged > 0.5
    assert "Haus" in words and "Garten" in words  # two words stay two
    # a foreign sentence's tokens are not joined
    skip = set(range(len(toks)))
    assert [t.core for t in joins.join_broken_words(BROKEN, toks, lex, skip)] == [t.core for t in toks]


def test_repeated_terms_beside_lost_umlauts(decoders):
    text = ("Das Modul init startet. Dann ruft init den Dienst. Ohne init geht nichts. Die Prufung ist "
            "schwer. Eine Prufung mehr. Noch eine Prufung.")
    toks = tokenize(text, default_lexicon())
    for profile in (GERMAN, NO_UMLAUTS):
        assert document.document_terms(toks, profile, decoders[0]) == document._py_document_terms(
            toks, profile, decoders[0])
    terms = document.document_terms(toks, GERMAN, decoders[1])
    assert "init" in terms and "Prufung" not in terms  # a term; "Prüfung" with its umlaut lost


def test_units_after_numbers_beside_words(decoders):
    toks = tokenize(UNITS, default_lexicon())
    tokens.protect_units(UNITS, toks, decoders[0])
    protected = {t.core for t in toks if t.protected}
    assert {"ml", "tb", "cn", "qx"} <= protected
    # "für" with its umlaut lost; after "x11", no number; a known word
    assert not {"fir", "qy", "ab"} & protected


def test_an_old_book_beside_a_modern_page():
    lex = default_lexicon()
    old, today = [t.core for t in tokenize(OLD_BOOK, lex)], [t.core for t in tokenize(TODAY, lex)]
    assert era.historic_only_penalty(old, lex) == 0.0
    assert era.historic_only_penalty(today, lex) == era.ERA.historic_only_penalty > 0
    assert tense.past_bias([t.core for t in tokenize(STORY, lex)]) == tense.TENSE.past_bias
    assert tense.past_bias(today) == 0.0


def test_replaced_constants_and_doubles_are_answered_in_python(monkeypatch, decoders):
    lex = default_lexicon()
    story = [t.core for t in tokenize(STORY, lex)]
    monkeypatch.setattr(tense, "TENSE", tense.Tense(past_bias=0.25))
    assert tense.past_bias(story) == 0.25
    monkeypatch.setattr(era, "ERA", era.Era(historic_only_penalty=0.5))
    assert era.historic_only_penalty(story, lex) == 0.5

    class Double:  # a lexicon that is no core lexicon: Python asks it
        has_varieties = False

    assert era.historic_only_penalty(story, Double()) == 0.0
    toks = tokenize(FOREIGN_AND_GERMAN, lex)
    monkeypatch.setattr(tokens, "LEFT_ALONE", dataclasses.replace(tokens.LEFT_ALONE, min_known_share=0.0))
    assert not tokens._passes_in_core()
    assert tokens.foreign_sentences(toks, decoders[0]) == tokens._py_foreign_sentences(toks, decoders[0])


def test_the_constants_agree():
    there = _core.document_constants()
    assert there["number_before"] == (tokens._NUMBER_BEFORE_RE.pattern, False)
    assert frozenset(there["foreign"]) == tokens._FOREIGN
    assert frozenset(there["preterites"]) == tense._PRETERITES_LOWER


def test_a_token_list_of_other_objects_goes_to_python(decoders):
    toks = [Token(0, 3, "the", False, False, False) for _ in range(5)]
    assert tokens.foreign_sentences(toks, decoders[0]) == set(range(5))
    assert tokens.foreign_sentences(tuple(toks), decoders[0]) == set(range(5))
