"""The compiled searches for words a few letters from a non-word (korrektor._core.nearby_*,
rust/src/nearby.rs, issue 26) answer as the Python searches (nearby._py_*) do, and nearby's
functions use them.

bench/core_nearby.py checks every call the pipeline makes on the dev bench and the historic set
and measures; this is the quick check on the example pages' tokens (as they are and garbled as a
bad scan garbles them), listed cases and corners."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from korrektor import _core, errormodel
from korrektor.charmodel import CharModel, default_char_model, default_core_char_model
from korrektor.errormodel import GERMAN, NO_UMLAUTS, Profile, default_error_model
from korrektor.lexicon import default_lexicon
from korrektor.stages.words import nearby, umlauts
from korrektor.stages.words.decoder import Decoder

EXAMPLES = Path(errormodel.__file__).parent / "examples"
MIXED = Profile("mixed", 0.5, 0.0, 0)
SEARCHES = ("one_edit_away", "compounds_one_edit_away", "one_edit_after_umlauts", "near_words", "far_words")

#: tokens that must find a word, and what
FINDS = [("one_edit_away", "obwokl", "obwohl"), ("one_edit_away", "reagieien", "reagieren"),
         ("one_edit_away", "Bundeskangzlerin", "Bundeskanzlerin"), ("one_edit_away", "uid", "und"),
         ("compounds_one_edit_away", "Wiudparkanlagen", "Windparkanlagen"),
         ("near_words", "Deutschlaiid", "Deutschland"), ("far_words", "Teilnmehmer", "Teilnehmer"),
         ("far_words", "Radikalisieryng", "Radikalisierung"),
         ("one_edit_after_umlauts", "Verfiiguag", "Verfügung"), ("one_edit_after_umlauts", "dariiher", "darüber")]
#: tokens that must not: a short name ("Giffeys"), an abbreviation without a vowel, another ending
#: of a word, a word the lexicon lacks but spelt like German
FINDS_NOTHING = [("one_edit_away", "Giffeys"), ("near_words", "Giffeys"), ("one_edit_away", "bzw"),
                 ("near_words", "hessischem"), ("one_edit_away", "hessischem"),
                 ("far_words", "Sitznachbarinnen"), ("far_words", "Kinderlein"),
                 ("one_edit_after_umlauts", "Kinderlein"), ("far_words", "ausgepreßte")]
CORNERS = ["", "a", "ß", "ii", "ǅuB", "e\u0301ii", "x\U0001F600ii", "İstanbul", "Strasse", "ii" * 12, "a" * 65,
           "a" * 64, "Ua" * 20, "ABCDEFGHIJK", "Teilnmehmerß", "Wiudparkanlagens", "Xylophonns", "Haus-Tür"]


def exact(res):
    if isinstance(res, list):
        return [tuple(x.hex() if isinstance(x, float) else x for x in item) for item in res]
    return res


def python(fn, *args):
    """The Python reference, with every search it calls in Python too."""
    nearby._USE_CORE = umlauts._USE_CORE = False
    try:
        return exact(fn(*args))
    finally:
        nearby._USE_CORE = umlauts._USE_CORE = True


@pytest.fixture(scope="module")
def decoders():
    em, lex = default_error_model(), default_lexicon()
    out = {}
    for profile in (GERMAN, NO_UMLAUTS, MIXED):
        d = out[profile.name] = Decoder(lex, em, profile)
        out[profile.name + "+old"] = Decoder(lex, em, profile, today=d)
    return out


def garbled(word: str) -> list[str]:
    """A bad scan's damage: a letter misread, lost, doubled; an umlaut lost besides."""
    if len(word) < 5:
        return []
    k = len(word) // 2
    out = [word[:k] + "ii" + word[k + 1:], word[:k] + word[k + 1:], word[:k] + word[k] + word[k:],
           word[:k] + "n" + word[k + 1:]]
    return out + [w.replace("ü", "ii").replace("ä", "a").replace("ö", "o") for w in out]


def tokens():
    words = sorted({w.strip(".,;:!?»«\"'()[]") for f in sorted(EXAMPLES.glob("*.txt"))
                    for w in f.read_text(encoding="utf-8").split()} - {""})
    found = [t for _s, t, _w in FINDS] + [t for _s, t in FINDS_NOTHING]
    return list(dict.fromkeys(words + [g for w in words for g in garbled(w)] + found + CORNERS))


def test_core_in_use(decoders):
    assert nearby._USE_CORE and nearby._core_constants_agree()
    for d in decoders.values():
        st = nearby._core_state(d)
        assert st is not None and st[0] is d.lex and st[1] is not None and st[2] is not None
        assert nearby._core_state(d) is st  # kept on the decoder
    # one set of similar forms per lexicon; the packaged character model as the core holds it
    assert len({id(nearby._core_state(d)[1]) for d in decoders.values()}) == 1
    chars, core_chars = default_char_model(), nearby._core_state(decoders["german"])[2]
    assert core_chars is default_core_char_model()
    for w in ("Teilnmehmer", "Haus", "lnm", "", "ÄÖÜß"):
        assert core_chars.worst(w) == chars.worst(w)


def test_constants_checked(monkeypatch):
    assert nearby._core_constants_agree()
    monkeypatch.setattr(nearby, "ONE_EDIT", nearby.OneEdit(min_count=201))
    assert not nearby._core_constants_agree()
    monkeypatch.undo()
    monkeypatch.setattr(nearby, "_ALPHABET", nearby._ALPHABET + "é")
    assert not nearby._core_constants_agree()


def test_replaced_constants_are_read_by_python(decoders, monkeypatch):
    # a constant replaced after import (as a test or a tuning run does) must be obeyed: the
    # search then runs in Python, with it
    d = decoders["no-umlauts"]
    identity = d.em.logp_identity("obwokl", d.profile)
    assert [w for w, _ in nearby.one_edit_away(d, "obwokl", identity)] == ["obwohl"]
    monkeypatch.setattr(nearby, "ONE_EDIT", nearby.OneEdit(min_count=10**12))
    assert not nearby._compiled_now()
    assert nearby.one_edit_away(d, "obwokl", identity) == []


@pytest.mark.parametrize("name", ["german", "no-umlauts", "mixed"])
def test_same_answers_as_python(decoders, name):
    d = decoders[name]
    some = 0
    for tok in tokens():
        identity = d.em.logp_identity(tok, d.profile)
        for search in SEARCHES:
            want = python(getattr(nearby, "_py_" + search), d, tok, identity)
            some += bool(want)
            assert exact(getattr(nearby, search)(d, tok, identity)) == want, (search, tok)
        for min_count in (nearby.NEAR_WORDS.min_count, nearby.FAR_WORDS.min_count, 1):
            want = python(nearby._py_similar_words, d, tok, identity, min_count)
            assert exact(nearby.similar_words(d, tok, identity, min_count)) == want, (tok, min_count)
    assert some > 100


def test_corpus_only_and_other_ending_as_python(decoders):
    d = decoders["no-umlauts"]
    words = ([w for _s, _t, w in FINDS] + ["Abbauflächen", "Abendmenü", "Kongreßzentrum", "Streßfaktor",
                                             "Fluß", "für", "Umläufe", "Haus Abendmenü", "Haus Tür", " ", ""])
    cands = [(w, -1.5, "maker") for w in words] + [(w, 0.25) for w in words]
    kept = nearby.corpus_only(d, cands)
    assert kept == nearby._py_corpus_only(d, cands)
    assert all(a is b for a, b in zip(kept, [c for c in cands if c in kept]))  # the same objects
    dropped = {c[0] for c in cands} - {c[0] for c in kept}
    assert dropped == {"Abbauflächen", "Abendmenü", "Kongreßzentrum", "Streßfaktor", "Haus Abendmenü"}
    pairs = [(t, w) for _s, t, w in FINDS] + [("hessischem", "hessischen"), ("Giffeys", "Giffey"),
                                              ("verhaltend", "verhalten"), ("grüßen", "grüßt"), ("a", ""),
                                              ("", "a"), ("haus", "hausens"), ("hausenn", "haus")]
    for t in tokens()[:400]:
        pairs += [(t, g) for g in garbled(t)[:3]] + [(g, t) for g in garbled(t)[:3]]
    for core, word in pairs:
        for ending in (nearby._ENDING_RE, nearby.LONG_ENDING_RE):
            assert nearby.other_ending(core, word, ending) == nearby._py_other_ending(core, word, ending), (core, word)
    assert nearby.other_ending("hessischem", "hessischen") and not nearby.other_ending("verhaltend", "verhalten")


def test_listed_cases(decoders):
    d = decoders["no-umlauts"]
    for search, tok, word in FINDS:
        found = [w for w, _lp in getattr(nearby, search)(d, tok, d.em.logp_identity(tok, d.profile))]
        assert word in found[:3], (search, tok, found)
    for search, tok in FINDS_NOTHING:
        assert getattr(nearby, search)(d, tok, d.em.logp_identity(tok, d.profile)) == [], (search, tok)
    # on a page read with umlauts, lost umlauts are not searched for beside a garbled letter
    g = decoders["german"]
    assert nearby.one_edit_after_umlauts(g, "Verfiiguag", -1.0) == []
    assert nearby.one_edit_after_umlauts(decoders["mixed"], "Verfiiguag", -1.0)


def test_falls_back_to_python(decoders):
    d = decoders["no-umlauts"]
    lex, forms, chars = nearby._core_state(d)
    # a lone surrogate is no UTF-8: the core leaves it to Python
    for tok in ("Teilnm\ud800ehmer", "obwokl\ud800"):
        assert _core.nearby_one_edit_away(tok, lex, 0.0) is None
        assert _core.nearby_far_words(tok, forms, chars, 0.0) is None
        for search in SEARCHES:
            want = python(getattr(nearby, "_py_" + search), d, tok, -1.0)
            assert exact(getattr(nearby, search)(d, tok, -1.0)) == want
    assert _core.nearby_corpus_only(lex, [("a\ud800", 0.0)]) is None
    assert nearby.corpus_only(d, [("a\ud800", 0.0)]) == [("a\ud800", 0.0)]
    assert _core.nearby_similar_words("Haus", forms, 0.0, 10 ** 30) is None
    assert _core.nearby_other_ending("a\ud800", "a\udc00", False) is None
    assert not nearby.other_ending("a\ud800", "a\udc00ab")

    class Double:  # a test double: its own counts, no core
        def count(self, w):
            return {"obwohl": 500}.get(w, 0)

        def is_prefix(self, p):
            return "obwohl".startswith(p) and p != ""

    double = SimpleNamespace(lex=Double(), em=d.em, profile=d.profile, today=None, twin_filter=None, chars=d.chars)
    assert nearby._core_state(double) is None
    assert nearby.one_edit_away(double, "obwokl", 0.0) == [("obwohl", nearby.ONE_EDIT.cost)]

    class Own(type(d.lex)):  # a subclass with its own similar forms: the searches asking them are Python's
        def similar_forms(self, word, max_edits, min_count):
            return [("Deutschland", 1)]

    own = Own.load(d.lex.path)
    mine = SimpleNamespace(lex=own, em=d.em, profile=d.profile, today=None, twin_filter=None, chars=d.chars)
    assert nearby._core_state(mine) == (own, None, chars)
    assert nearby.near_words(mine, "Deutschlaiid", 0.0) == [("Deutschland", nearby.ONE_EDIT.cost)]
    assert exact(nearby.one_edit_away(mine, "obwokl", 0.0)) == python(nearby._py_one_edit_away, mine, "obwokl", 0.0)
    # another character model than the packaged one: Python's
    other = CharModel({"format": "korrektor-char-model", "history": 3, "logp": {}, "backoff": {}})
    theirs = SimpleNamespace(lex=d.lex, em=d.em, profile=d.profile, today=None, twin_filter=None, chars=other)
    assert nearby._core_state(theirs) == (d.lex, forms, None)
    want = python(nearby._py_far_words, theirs, "Teilnmehmer", 0.0)
    assert exact(nearby.far_words(theirs, "Teilnmehmer", 0.0)) == want


def test_forms_the_core_cannot_read_are_pythons(decoders, monkeypatch, tmp_path):
    d = decoders["no-umlauts"]
    assert _core.NearbyForms(d.lex.path).loaded()
    forms = _core.NearbyForms(tmp_path)  # no lexicon there
    assert not forms.loaded()
    assert _core.nearby_near_words("Deutschlaiid", forms, 0.0) is None
    monkeypatch.setattr(nearby, "_CORE_FORMS", {Path(d.lex.path): forms})
    double = SimpleNamespace(lex=d.lex, em=d.em, profile=d.profile, today=None, twin_filter=None, chars=d.chars)
    assert nearby._core_state(double)[1] is forms
    for search, tok, _word in FINDS:
        want = python(getattr(nearby, "_py_" + search), double, tok, -1.0)
        assert exact(getattr(nearby, search)(double, tok, -1.0)) == want
