"""The compiled candidates of the words stage (korrektor._core.Sources, rust/src/sources.rs, issue
26) are the Python ones (sources._py_candidates), in the same order with the same scores and
makers, and sources.candidates uses them.

bench/core_sources.py checks every call the pipeline makes on the dev bench and the historic set
and measures; this is the quick check on the example pages' tokens and on listed cases, one per
branch of the candidates: an acronym, a known word (stored, known as a compound, with a hyphen,
shadowed), a non-word each search answers, a short token."""
from __future__ import annotations

from pathlib import Path

import pytest

from korrektor import errormodel
from korrektor.errormodel import GERMAN, NO_UMLAUTS, Profile, default_error_model
from korrektor.lexicon import default_lexicon
from korrektor.stages.words import sources, umlauts
from korrektor.stages.words.decoder import Decoder
from korrektor.stages.words.tokens import tokenize

EXAMPLES = Path(errormodel.__file__).parent / "examples"
MIXED = Profile("mixed", 0.5, 0.0, 0)

# (token, the maker it must reach, or "" where only the token itself must come back)
CASES = [
    ("OPNV", "lost_umlauts"),  # an acronym
    ("PRUFUNG", "lost_umlauts_in_capitals"),
    ("wurde", "lost_umlauts"),  # a known word's twin
    ("Reihe-verschiedener", "split_at_hyphen"),  # known as a compound with a hyphen
    ("dern", "ocr_confusions"),  # a shadowed form
    ("engegieren", "one_edit_away"),  # known only as a compound
    ("heif$t", "sz_read_as_symbols"),
    ("MitteIn", "l_read_as_capital_i"),
    ("fiir", "lost_umlauts"),
    ("Grunflachenamter", "lost_umlauts_in_compound"),
    ("90-Jahrige", "lost_umlauts_in_hyphenated_word"),
    ("OnlinePlattform", "lost_hyphen"),
    ("Integratiom", "ocr_confusions"),
    ("Wiudparkanlagen", "compound_one_edit_away"),
    ("obwokl", "one_edit_away"),
    ("Deutschlaiid", "near_word"),
    ("Verfiiguag", "lost_umlauts_and_one_edit"),
    ("Binarpakete", "lost_umlauts_before_compound_head"),
    ("inder", "split_glued_words"),
    ("dazu.-Es", "split_glued_sentences"),
    ("Ahnlich", "lower_case_initial_umlaut"),
    ("ii", "ocr_confusions"),  # two letters: only the commonest lower-case words (see below)
    ("Bundeskanzlerin", ""),  # a known word nothing else reads as
]


class _Token:
    def __init__(self, core, known, acronym=False):
        self.core, self.known, self.acronym = core, known, acronym


@pytest.fixture(scope="module")
def decoders():
    em, lex = default_error_model(), default_lexicon()
    return [Decoder(lex, em, profile) for profile in (GERMAN, NO_UMLAUTS, MIXED)]


def _exact(cands):
    return [(w, float.hex(lp), maker) for w, lp, maker in cands]


def _both(d, t):
    compiled = sources._core_sources(d).candidates(t.core, t.known, t.acronym)
    assert compiled is not None
    return _exact(compiled), _exact(sources._py_candidates(d, t))


def test_compiled_for_every_profile(decoders):
    assert sources._USE_CORE and sources._searches_compiled()
    assert all(sources._core_sources(d) is not None for d in decoders)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_listed_cases_as_python(decoders, case):
    core, maker = case
    lex = default_lexicon()
    t = _Token(core, umlauts.is_known(core, lex), acronym=core.isupper() and core.isalpha() and not lex.count(core))
    reached = set()
    for d in decoders:
        compiled, python = _both(d, t)
        assert compiled == python
        reached.update(m for _w, _lp, m in compiled[1:])
        assert compiled[0][:1] == (core,) and compiled[0][2] == ""
    if maker:
        assert maker in reached, reached
    else:
        assert not reached


@pytest.mark.parametrize("page", ["seite-eng.txt", "seite-deu.txt"])
def test_every_token_of_the_example_pages_as_python(decoders, page):
    tokens = tokenize((EXAMPLES / page).read_text(encoding="utf-8"), default_lexicon())
    for d in decoders:
        for t in tokens:
            compiled, python = _both(d, t)
            assert compiled == python, t.core


def test_two_letters_reach_only_the_commonest_lower_case_words(decoders):
    lex = default_lexicon()
    for d in decoders:
        for core in ("ii", "Pl", "lI"):
            compiled, _python = _both(d, _Token(core, umlauts.is_known(core, lex)))
            assert all(not w.isupper() and lex.count(w) >= sources.SHORT_TOKEN_MIN_COUNT for w, *_ in compiled[1:])


def test_a_replaced_search_is_asked_through_python(decoders, monkeypatch):
    d = decoders[1]
    seen = []

    def twins(*args, **kw):
        seen.append(args[1])
        return umlauts.twins(*args, **kw)

    monkeypatch.setattr(sources, "twins", twins)
    assert sources._core_sources(d) is None
    sources.candidates(d, _Token("Prufung", False))
    assert "Prufung" in seen


def test_old_spelling_pages_and_switches_are_left_to_python(decoders, monkeypatch):
    d = decoders[1]
    old = Decoder(d.lex, d.em, d.profile, today=d)
    assert sources.candidates(old, _Token("wute", False)) == old.candidates(_Token("wute", False))
    monkeypatch.setattr(umlauts, "_USE_CORE", False)
    assert sources._core_sources(d) is None


def test_constants_agree():
    assert sources._core_constants_agree()
