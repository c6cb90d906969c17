"""The Rust word-form layer and compound analysis (korrektor._core.Forms, issue 26) answer as the
Python Lexicon does, and the core's string methods as CPython's.

bench/core_forms.py checks every token of the dev bench and every stored form; this is the quick
check: the tokens of the packaged examples, their case variants, and listed tricky words."""
from __future__ import annotations

import unicodedata
from importlib import resources

import pytest
import regex

from korrektor import _core
from korrektor.compounds import confusion_twins
from korrektor.lexicon import _data_dir, default_lexicon, modern_spelling

EDGE_PUNCT = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
TRICKY = [
    "", "a", "ß", "ẞ", "SS", "ǅ", "ǆemal", "İstanbul", "ΟΔΟΣ", "Σ", "a\u0301", "123", "中文",
    "Kinderbetreuungsplatzausbau", "Migrantenselbstorganisationen", "UN-Kommission",
    "Kraft-Warme-Kopplung", "Milliarden-Eure-Kredit", "Rentenvorsicherung", "Kreislautwirtschaft",
    "Konsumguter", "Konsumgüter", "Arbeitsausfalle", "Ruckverfolgung", "Portrat", "derStaat",
    "daß", "Daß", "DASS", "Fluß", "Flußufer", "mußte", "Einschuß", "Straße", "STRASSE", "Fuß",
    "PRÜFUNG", "FÜR", "Gegenwärtig", "hände", "Salbeiblätter", "Lakritzestücke", "Satinbänder",
    "Deltassvariante", "Boden-", "-los", "a--b", "geht's", "geht’s", "Hörbüchern", "Horbichern",
    "dern", "solten", "wellte", "regierung", "Reduktionszahien", "Atbeitsablauf", "binärpakete",
    "Flachenversiegelungen", "Abbremsungen", "Kinderaufsätzen", "x" * 300, "ab" * 40,
]


@pytest.fixture(scope="module")
def forms():
    return _core.Forms.load(str(_data_dir()))


def words() -> list[str]:
    out = dict.fromkeys(TRICKY)
    for f in sorted(resources.files("korrektor").joinpath("examples").iterdir()):
        if f.name.endswith(".txt"):
            for tok in unicodedata.normalize("NFC", f.read_text(encoding="utf-8")).split():
                tok = EDGE_PUNCT.sub("", tok)
                if tok:
                    for v in (tok, tok.lower(), tok.capitalize(), tok.upper()):
                        out.setdefault(v)
    return list(out)


METHODS = ["count", "count_ci", "_variant", "is_form", "varieties", "_is_protected",
           "noun_in_lower_case", "is_supplement", "old_spelling", "spelt_before_1996", "shadowed"]


@pytest.mark.parametrize("name", METHODS)
def test_word_forms_as_python(forms, name):
    lex = default_lexicon()
    mine, theirs = getattr(forms, name), getattr(lex, name)
    diffs = [(w, theirs(w), mine(w)) for w in words() if theirs(w) != mine(w)]
    assert not diffs, diffs[:10]


def test_spelling_helpers_as_python(forms):
    for w in words():
        assert forms.modern_spelling(w) == modern_spelling(w), w
        assert forms.confusion_twins(w) == list(confusion_twins(w)), w


def test_protected_nouns_as_python(forms):
    assert set(forms.protected_nouns) == set(default_lexicon().protected_nouns.keys())
    assert forms.has_varieties == default_lexicon().has_varieties


OPS = ["isalpha", "isupper", "islower", "lower", "upper", "capitalize"]


def test_string_methods_as_cpython():
    assert _core._pystr_unicode_version() == unicodedata.unidata_version
    diffs = []
    for cp in range(0x30000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        for s in (c, "A" + c + "Σ", "AΣ" + c):
            for op in OPS:
                if getattr(s, op)() != _core._pystr_check(op, s):
                    diffs.append((op, s))
    for s in TRICKY:
        for op in OPS:
            if getattr(s, op)() != _core._pystr_check(op, s):
                diffs.append((op, s))
    assert not diffs, diffs[:10]
    with pytest.raises(ValueError):
        _core._pystr_check("title", "x")


COMPOUND_METHODS = ["word_and_head", "_shadowed", "_piece_known", "known"]


def test_compound_split_as_python(forms):
    lex = default_lexicon()
    diffs = [(w, lex.compound_split(w), forms.compound_split(w)) for w in words()
             if lex.compound_split(w) != forms.compound_split(w)]
    assert not diffs, diffs[:10]
    parts = forms.compound_split("Kinderbetreuungsplatzausbau")
    assert parts[0] == "Kinderbetreuungs" and "".join(parts) == "Kinderbetreuungsplatzausbau"
    assert forms.compound_split("UN-Kommission") == ("UN-", "Kommission")
    assert forms.compound_split("Rentenvorsicherung") is None
    assert forms.compound_split("Konsumguter") is None


@pytest.mark.parametrize("name", COMPOUND_METHODS)
def test_compound_methods_as_python(forms, name):
    lex = default_lexicon()
    mine, theirs = getattr(forms, name), getattr(lex, name)
    diffs = [(w, theirs(w), mine(w)) for w in words() if theirs(w) != mine(w)]
    assert not diffs, diffs[:10]


def test_more_compound_methods_as_python(forms):
    lex = default_lexicon()
    letters = "aeiouäöülnrmthfcbs"
    for w in words():
        assert forms.compounds_one_edit_away(w, letters) == lex.compounds_one_edit_away(w, letters), w
        assert forms._fewer_parts_restored(w, 3) == lex._fewer_parts_restored(w, 3), w
        if w:
            assert forms._noun_count(w) == lex._noun_count(w), w
    assert forms.compounds_one_edit_away("Reduktionszahien", letters) == \
        lex.compounds_one_edit_away("Reduktionszahien", letters)


def test_packaged_compound_image_holds_python_heads_and_modifiers(forms):
    # stale: rebuild it with scripts/build_compounds_core.py
    lex = default_lexicon()
    for head, value in lex._heads.items():
        assert forms.head(head) == value, head
    scores = lex._mod_score
    for key, i in lex._mods.iteritems():
        assert forms.modifier_score(key) == scores[i], key
    for w in ["arbeitsamt", "kinderbetreuungsplatzausbau", "", "ä", "xyz"]:
        assert forms.modifier_prefixes(w) == [(a, scores[i]) for a, i in lex._mods.iter_prefixes_with_ids(w)]


def test_without_supplement_as_python():
    from korrektor.lexicon import Lexicon

    lex = Lexicon.load(supplement=False)
    forms = _core.Forms.load(str(_data_dir()), supplement=False)
    for w in TRICKY:
        for name in ("known", "is_supplement", "_is_protected", "count", "is_form"):
            assert getattr(forms, name)(w) == getattr(lex, name)(w), (name, w)
        assert forms.compound_split(w) == lex.compound_split(w), w
    assert forms.protected_nouns == []


def test_shared_by_threads(forms):
    from concurrent.futures import ThreadPoolExecutor

    ws = words()
    want = [forms.compound_split(w) for w in ws]
    fresh = _core.Forms.load(str(_data_dir()))
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(fresh.compound_split, ws * 3))
    assert got == want * 3
