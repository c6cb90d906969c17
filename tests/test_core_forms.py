"""The compiled word-form layer (issue 26): the core's string methods are CPython's, its compound
image holds the data files' heads and modifiers, its spelling helpers are Python's. (Its answers
against the Python lexicon's: tests/test_core_reference.py, bench/core_forms.py.)"""
from __future__ import annotations

import unicodedata

import pytest

from korrektor import _core
from korrektor.compounds import confusion_twins
from korrektor.lexicon import _data_dir, default_lexicon, modern_spelling

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


def test_the_compound_image_holds_the_data_files_heads_and_modifiers():
    # stale: rebuild it with scripts/build_compounds_core.py
    import marisa_trie
    import numpy as np

    data, lex = _data_dir(), default_lexicon()
    mods = marisa_trie.Trie()
    mods.load(str(data / "lexicon_mod.marisa"))
    scores = np.log1p(np.load(data / "lexicon_mod_score.npy")).tolist()
    for key, i in mods.iteritems():
        assert lex._modifier_score(key) == scores[i], key
    for w in ["arbeitsamt", "kinderbetreuungsplatzausbau", "", "ä", "xyz"]:
        assert lex._modifier_prefixes(w) == [(a, scores[i]) for a, i in mods.iter_prefixes_with_ids(w)]
    heads = (data / "lexicon_head.txt").read_text(encoding="utf-8").split("\n")[:-1]
    flags = np.load(data / "lexicon_head_flags.npy").tolist()
    counts = np.log1p(np.load(data / "lexicon_head_count.npy")).tolist()
    for head, flag, count in zip(heads, flags, counts):
        assert lex._head(head) == (flag, count), head


def test_the_spelling_helpers_as_python():
    for w in TRICKY:
        assert _core.Lexicon._modern_spelling(w) == modern_spelling(w), w
        assert _core.Lexicon._confusion_twins(w) == list(confusion_twins(w)), w


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
