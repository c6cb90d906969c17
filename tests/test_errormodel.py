"""Tests for the OCR error model (korrektor.errormodel) with a tiny word-set lexicon."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from korrektor.errormodel import (
    GERMAN,
    NO_UMLAUTS,
    ErrorModel,
    Profile,
    default_error_model,
    estimate_profile,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "korrektor" / "examples"

WORDS = {
    "für": 500, "über": 400, "können": 300, "kennen": 50, "große": 80, "grobe": 5, "großen": 60,
    "Lösungen": 40, "Staatssekretär": 30, "Staatssekretärin": 10, "müssen": 200, "Frühjahr": 10,
    "fließen": 8, "Straßenbahn": 5, "Hände": 20, "Hand": 60, "Hunde": 5, "wollen": 100,
    "Ihre": 90, "ihre": 150, "Öffentlichkeit": 40, "öffentlich": 30, "schön": 20, "schon": 300,
    "Mühe": 10, "Zeitung": 20, "Bestände": 5, "Stück": 15, "Schützenfeste": 1, "dass": 400,
    "Gemeinde": 40, "Bürger": 50, "natürlich": 70, "zurück": 60, "Maßnahmen": 50, "modern": 20,
}


class SetLexicon:
    """Minimal stand-in for korrektor.lexicon: count + has_prefix (+ known)."""

    def __init__(self, counts):
        self.counts = dict(counts)
        self.prefixes = {w[:i] for w in self.counts for i in range(len(w) + 1)}

    def count(self, w):
        return self.counts.get(w, 0)

    def has_prefix(self, p):
        return p in self.prefixes

    def known(self, w):
        return self.count(w) > 0


class MinimalLexicon(SetLexicon):
    """Only count and has_prefix, as the brief allows."""

    known = None  # type: ignore[assignment]

    def __getattribute__(self, name):
        if name == "known":
            raise AttributeError(name)
        return super().__getattribute__(name)


@pytest.fixture(scope="module")
def em():
    return default_error_model()


@pytest.fixture(scope="module")
def lex():
    return SetLexicon(WORDS)


def top(em, token, lex, profile=NO_UMLAUTS, **kw):
    c = em.candidates(token, lex, profile, **kw)
    return c[0][0] if c else None


@pytest.mark.parametrize("token,word", [
    ("fiir", "für"),
    ("kénnen", "können"),
    ("Staatssekretdr", "Staatssekretär"),
    ("groBe", "große"),
    ("iiber", "über"),
    ("L6sungen", "Lösungen"),
    ("tiber", "über"),
    ("missen", "müssen"),
    ("Frihjahr", "Frühjahr"),
    ("flief&en", "fließen"),
    ("Hande", "Hände"),
    ("Offentlichkeit", "Öffentlichkeit"),
    ("MaBnahmen", "Maßnahmen"),
])
def test_candidates_restore_umlauts_no_umlaut_profile(em, lex, token, word):
    assert top(em, token, lex) == word


@pytest.mark.parametrize("token,word", [
    ("fiir", "für"), ("groBe", "große"), ("L6sungen", "Lösungen"), ("kénnen", "können"),
])
def test_candidates_german_profile_too(em, lex, token, word):
    # the German engine rarely makes these errors, but the mixture still finds them
    assert top(em, token, lex, GERMAN) == word


def test_case_pattern_kept(em, lex):
    # capitalised at sentence start: the lower-case word is found and capitalised again
    assert top(em, "Kénnen", lex) == "Können"
    assert top(em, "Uber", lex) == "Über"
    assert all(w != "Ihre" for w, _ in em.candidates("Ihre", lex, NO_UMLAUTS))  # never the token


def test_all_caps_left_to_caller(em, lex):
    assert em.candidates("KONNEN", lex, NO_UMLAUTS) == []


def test_punctuation_kept_around_candidate(em, lex):
    assert top(em, "fiir,", lex) == "für,"
    assert top(em, "„iiber", lex) == "„über"


def test_token_itself_excluded_and_sorted(em, lex):
    res = em.candidates("schon", lex, NO_UMLAUTS)
    words = [w for w, _ in res]
    assert "schon" not in words
    assert "schön" in words
    lps = [lp for _, lp in res]
    assert lps == sorted(lps, reverse=True)
    assert all(lp < 0 for lp in lps)


def test_candidates_are_lexicon_words(em, lex):
    for tok in ["fiir", "Hande", "groBe", "tiber", "schon", "wolien"]:
        for w, _ in em.candidates(tok, lex, NO_UMLAUTS):
            assert lex.count(w) > 0 or lex.count(w[0].lower() + w[1:]) > 0


def test_limit_and_max_edits(em, lex):
    assert len(em.candidates("schon", lex, NO_UMLAUTS, limit=1)) <= 1
    # ü->ii and ö->é are one confusion each: 0 edits allowed means nothing found
    assert em.candidates("fiir", lex, NO_UMLAUTS, max_edits=0) == []
    assert top(em, "fiir", lex, max_edits=1) == "für"


def test_minimal_lexicon_interface(em):
    lex = MinimalLexicon(WORDS)
    assert top(em, "fiir", lex) == "für"
    assert top(em, "groBe", lex) == "große"


def test_profile_changes_channel(em, lex):
    # in a no-umlaut document "Hande" is very likely "Hände"; read by the German model much less
    lp_no = dict(em.candidates("Hande", lex, NO_UMLAUTS))["Hände"]
    lp_de = dict(em.candidates("Hande", lex, GERMAN))["Hände"]
    assert lp_no > lp_de + 1.0
    # and an umlaut itself is almost never read correctly by the no-umlaut engine
    assert em.logp_identity("Hände", NO_UMLAUTS) < em.logp_identity("Hände", GERMAN) - 2.0


def test_logp_identity(em):
    lp = em.logp_identity("Bundesregierung", GERMAN)
    assert -1.0 < lp < 0.0
    assert em.logp_identity("", GERMAN) == 0.0
    assert em.logp_identity("aaaa", GERMAN) < em.logp_identity("aa", GERMAN) < 0


def test_channel_probabilities_sane(em):
    t = em.table(NO_UMLAUTS)
    inv = dict(t.inv1["a"])
    assert "ä" in inv and math.exp(inv["ä"]) > 0.5          # ä -> a is the typical eng error
    assert "ü" in dict(t.inv2["ii"])
    assert "ß" in dict(t.inv1["B"])
    assert "ö" in dict(t.inv1["é"])
    for lst in list(t.inv1.values()) + list(t.inv2.values()):
        for _a, lp in lst:
            assert lp <= 0.0


# ----------------------------------------------------------------------------- profiles

GERMAN_TEXT = (
    "Die Stadtbibliothek hat ihre Öffnungszeiten erweitert. Seit Anfang des Monats können Leserinnen "
    "und Leser auch sonntags Bücher ausleihen, Zeitungen lesen oder an einem der Arbeitsplätze lernen. "
    "Möglich macht das ein elektronisches Zugangssystem, das außerhalb der Servicezeiten die Tür öffnet. "
)


def strip_umlauts(s):
    return s.translate(str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "B"}))


def test_profile_normal_german_text():
    p = estimate_profile(GERMAN_TEXT * 8)
    assert isinstance(p, Profile)
    assert p.name == "german"
    assert p.weight < 0.2


def test_profile_long_text_without_umlauts():
    p = estimate_profile(strip_umlauts(GERMAN_TEXT) * 8)
    assert p.name == "no-umlauts"
    assert p.weight > 0.8


def test_profile_short_text_evidence():
    # short: the tell-tale tokens decide
    p = estimate_profile("Das gilt fiir alle, die iiber die Briicke gehen und es kénnen.")
    assert p.name == "no-umlauts"
    q = estimate_profile("Das gilt für alle, die über die Brücke gehen.")
    assert q.name == "german"
    # very short and no evidence either way: not "no-umlauts"
    assert estimate_profile("Das ist gut.").name != "no-umlauts"
    assert estimate_profile("").name == "german"


def test_profile_not_german_text():
    eng = "The quick brown fox jumps over the lazy dog and then runs into the forest again. " * 30
    assert estimate_profile(eng).name != "no-umlauts"


def test_profile_on_example_pages():
    eng = (EXAMPLES / "seite-eng.txt").read_text(encoding="utf-8")
    deu = (EXAMPLES / "seite-deu.txt").read_text(encoding="utf-8")
    assert estimate_profile(eng).name == "no-umlauts"
    assert estimate_profile(deu).name == "german"


def test_profile_is_hashable_and_a_long_text_is_still_german():
    # (its cost is measured in bench/speed.py, not here)
    p = estimate_profile(GERMAN_TEXT * 400)  # ~120 kB
    assert p.name == "german"
    assert hash(p) == hash(Profile(p.name, p.weight, p.log_odds, p.n_chars))


# ----------------------------------------------------------------------------- loading / speed

def test_load_roundtrip(tmp_path, em):
    import json
    path = tmp_path / "m.json"
    path.write_text(json.dumps(em.data), encoding="utf-8")
    em2 = ErrorModel.load(path)
    assert em2.candidates("fiir", SetLexicon(WORDS), NO_UMLAUTS)[0][0] == "für"
    with pytest.raises(ValueError):
        ErrorModel({"format": "something else"})


def test_model_trained_on_both_profiles(em):
    for prof in ("eng", "deu"):
        d = em.profiles[prof]
        assert d["n_pages"] >= 10
        assert len(d["rules"]) >= 20


def test_candidates_are_the_same_from_the_cache_and_without_it(em):
    # (the search's cost is measured in bench/speed.py, not here)
    lex = SetLexicon(WORDS)
    toks = ["fiir", "kénnen", "Staatssekretdr", "groBe", "iiber", "L6sungen", "Hande", "Unbekanntwort",
            "Bundesregierung", "Zeitungsbestande"]
    first = {}
    for tok in toks:
        em._cache.clear()
        first[tok] = em.candidates(tok, lex, NO_UMLAUTS)
    assert [em.candidates(tok, lex, NO_UMLAUTS) for tok in toks] == [first[tok] for tok in toks]
    assert first["fiir"][0][0] == "für"


# ----------------------------------------------------------------------------- with the real lexicon

def _real_lexicon():
    try:
        from korrektor.lexicon import default_lexicon
        return default_lexicon()
    except Exception:  # data not built on this machine
        return None


def test_with_packaged_lexicon(em):
    lex = _real_lexicon()
    if lex is None:
        pytest.skip("packaged lexicon data not available")
    assert top(em, "fiir", lex) == "für"
    assert top(em, "iiber", lex) == "über"
    assert top(em, "groBe", lex) == "große"
    assert top(em, "Offentlichkeit", lex) == "Öffentlichkeit"
    # a compound the lexicon only knows through its parts
    res = [w for w, _ in em.candidates("Zeitungsbestande", lex, NO_UMLAUTS)]
    assert "Zeitungsbestände" in res


def test_a_glyph_no_german_word_has_is_explained_however_rare_its_confusion(em):
    # the German engine reads i, r, rn as a dotless ı a few times in a hundred thousand letters:
    # below the probability the search tries, but nothing else explains "ıst" or "kanrı"
    lex = _real_lexicon()
    if lex is None:
        pytest.skip("packaged lexicon data not available")
    assert top(em, "ıst", lex, GERMAN) == "ist"
    assert top(em, "kanrı", lex, GERMAN) == "kann"
    # a rare confusion of German glyphs is still not tried
    table = em.table(GERMAN)
    assert all(p >= math.log(1e-4) - 1e-9 for inv in (table.inv1, table.inv2, table.inv3)
               for seen, options in inv.items() if seen.isascii() for _true, p in options)
