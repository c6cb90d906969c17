"""The compiled splits (korrektor._core.splits, lost_hyphen) and the small umlaut searches
(umlaut_old_sz_spellings, umlaut_lowercase_variants) answer as the Python references do, and the
words stage uses them.

bench/core_splits.py checks every call the pipeline makes on the dev bench and the historic set
and measures; this is the quick check: tokens that must split beside tokens that must not, the
example pages' tokens, and corners."""
from __future__ import annotations

import itertools
from pathlib import Path
from types import SimpleNamespace

import pytest

from korrektor import _core, errormodel
from korrektor.errormodel import GERMAN, NO_UMLAUTS, default_error_model
from korrektor.lexicon import default_lexicon
from korrektor.stages.words import splits, umlauts
from korrektor.stages.words.decoder import Decoder

EXAMPLES = Path(errormodel.__file__).parent / "examples"

SPLIT, SPECK = splits.SPLITS.cost, splits.SPLITS.glued_mark_cost
#: token -> its split's words, rule and cost (the compiled answer, checked against Python too)
MUST_SPLIT = {
    "inder": ("in der", splits.SPLIT_GLUED_WORDS, SPLIT),
    "nicht.schlecht": ("nicht schlecht", splits.SPLIT_AT_SPECK, SPECK),
    "Frage’der": ("Frage der", splits.SPLIT_AT_SPECK, SPECK),
    "von.Sozialleistungen": ("von Sozialleistungen", splits.SPLIT_AT_SPECK, SPECK),
    "dazu.-Es": ("dazu. Es", splits.SPLIT_GLUED_SENTENCES, SPECK),
    "Reihe-verschiedener": ("Reihe verschiedener", splits.SPLIT_AT_HYPHEN, SPLIT),
    "zur-Verfügung": ("zur Verfügung", splits.SPLIT_AT_HYPHEN, SPECK),
    "Das-Geld": ("Das Geld", splits.SPLIT_AT_HYPHEN, SPECK),
}
#: ... and tokens that must not split so
MUST_NOT = {
    "Gesundheit": "Gesund heit",  # a part too rare
    "nicht.Schlecht": "nicht Schlecht",  # a speck before a capital: a sentence ended
    "Schüler:innen": "Schüler innen",  # the gender colon
    "Bundes-Länder": "Bundes Länder",  # a hyphenated compound
    "dazu.Es": "dazu Es",  # a full stop before a capital ends a sentence
}
CORNERS = ["", "-", "--", "a-b", "ab", "abcd", "x" * 31, "ab.", ".ab", "ab..cd", "ab...cd", "ab.-cd", "ab!-Cd",
           "ab?~Cdef", "ab.-CD", "ǅa.bc", "e\u0301e.ab", "x\U0001F600y", "İstanbul", "Straße-Haus", "ΣΑΣ.σας",
           "ABCdefghij", "OnlineXPlattform", "UNIQAVorstandsdirektor", "DasKonkurrenzverbot", "PowerPoint",
           "Ab\U000107C0cd.ef", "ab\u1e9ecdefghij", "ONLINEPlattform"]


def exact(res):
    return None if res is None else [tuple(x.hex() if isinstance(x, float) else x for x in r) for r in res]


@pytest.fixture(scope="module")
def decoders():
    em, lex = default_error_model(), default_lexicon()
    d = Decoder(lex, em, NO_UMLAUTS)
    return {"no-umlauts": d, "german": Decoder(lex, em, GERMAN),
            "no-umlauts+old": Decoder(lex, em, NO_UMLAUTS, today=d)}


def tokens():
    words = {w for f in sorted(EXAMPLES.glob("*.txt")) for w in f.read_text(encoding="utf-8").split()}
    words |= {w.strip(".,;:!?»«\"()[]") for w in words}
    return sorted(words - {""}) + list(MUST_SPLIT) + list(MUST_NOT) + CORNERS


def python(monkeypatch, fn, *args):
    with monkeypatch.context() as m:
        m.setattr(umlauts, "_USE_CORE", False)
        return exact(fn(*args))


def test_core_in_use(decoders):
    assert splits._USE_CORE and splits._core_constants_agree()
    for d in decoders.values():
        assert umlauts._compiled_forms(d) is d.lex


def test_splits_and_not(decoders):
    d = decoders["no-umlauts"]
    for tok, (words, rule, cost) in MUST_SPLIT.items():
        assert (words, -1.0 + cost, rule) in splits.splits(d, tok, -1.0), tok
    for tok, words in MUST_NOT.items():
        assert words not in [w for w, _lp, _r in splits.splits(d, tok, -1.0)], tok
    assert splits.lost_hyphen(d, "OnlinePlattform", -1.0) == [("Online-Plattform", -1.0 + splits.SPLITS.lost_hyphen_cost)]
    for tok in ("PowerPoint", "DasKonkurrenzverbot", "Onlineplattform", "OnlinePlatt"):
        assert splits.lost_hyphen(d, tok, -1.0) == [], tok


@pytest.mark.parametrize("name", ["no-umlauts", "german"])
def test_same_answers_as_python(decoders, name, monkeypatch):
    d = decoders[name]
    some = 0
    for tok in tokens():
        identity = d.em.logp_identity(tok, d.profile)
        want = python(monkeypatch, splits._py_splits, d, tok, identity)
        some += bool(want)
        assert exact(splits.splits(d, tok, identity)) == want, tok
        want = python(monkeypatch, splits._py_lost_hyphen, d, tok, identity)
        assert exact(splits.lost_hyphen(d, tok, identity)) == want, tok
    assert some > 20


def test_the_regex_modules_letters(decoders, monkeypatch):
    """The core matches \\p{L}, \\p{Lu}, \\p{Ll} as the regex module does (its Unicode is newer
    than CPython 3.11's str methods: "\\ua7cb" is a capital to it, to str.isupper not)."""
    d = decoders["no-umlauts"]
    for tok in ("\ua7cb\ua7ccPlattform", "\ua7cb\ua7cd\ua7cfPlattform", "O\ua7cd\ua7cfPlattform",
                "\u1c89\u1c89Plattform", "ONLINEPlattform", "Online\ua7cbPlattform", "OnlinePlattfor\ua7cd",
                "Plattform\ua7cbbcdefg", "ab.\ua7cb\ua7cd", "ab\u1c8a.-Es"):
        identity = -1.0
        assert exact(splits.lost_hyphen(d, tok, identity)) == python(monkeypatch, splits._py_lost_hyphen, d, tok,
                                                                     identity), tok
        assert exact(splits.splits(d, tok, identity)) == python(monkeypatch, splits._py_splits, d, tok, identity), tok
    assert splits.lost_hyphen(d, "\ua7cb\ua7ccPlattform", 0.0), "a capital of Unicode 16"
    assert not "\ua7cb".isupper()


def test_small_umlaut_searches(decoders, monkeypatch):
    old, d = decoders["no-umlauts+old"], decoders["no-umlauts"]
    for tok in tokens()[:400] + ["wute", "mute", "FluB", "Uberpriift", "UBER"]:
        for acronym in (False, True):
            t = SimpleNamespace(core=tok, acronym=acronym)
            today = [(tok, old.em.logp_identity(tok, old.profile), "identity")] + [
                (w, lp, "lost_umlauts") for w, lp in umlauts.twins(d, tok, -1.0)]
            want = python(monkeypatch, umlauts._py_old_sz_spellings, old, t, today)
            assert exact(umlauts.old_sz_spellings(old, t, today)) == want, tok
        cands = [(tok, -1.0, "identity")] + [(w, lp, "x") for w, lp in umlauts.twins(d, tok, -1.0, depth=2)]
        want = python(monkeypatch, umlauts._py_lowercase_variants, d, cands)
        assert exact(umlauts.lowercase_variants(d, cands)) == want, tok
    got = umlauts.lowercase_variants(d, [("Uberpriift", -1.0), ("Überprüft", -2.0), ("ÜBER", -2.0)])
    assert got == [("überprüft", -2.0 + umlauts.UMLAUT_SEARCH.case_cost)]
    got = umlauts.old_sz_spellings(old, SimpleNamespace(core="wute", acronym=False), [("wute", -1.0)])
    assert [w for w, _lp in got] == ["wußte"]  # a lost ß only, no lost umlaut besides


def test_falls_back_to_python(decoders):
    d = decoders["no-umlauts"]
    lex = d.lex
    assert _core.splits("in\ud800der", lex, 0.0, *splits._core_marks()) is None
    assert _core.lost_hyphen("Online\ud800Plattform", lex, 0.0) is None
    assert splits.splits(d, "in\ud800der", 0.0) == splits._py_splits(d, "in\ud800der", 0.0)
    # an empty word after the token: Python fails on it, the core leaves it to Python
    assert _core.umlaut_lowercase_variants([("a", 0.0), ("", 0.0)], lex) is None
    with pytest.raises(IndexError):
        umlauts.lowercase_variants(d, [("a", 0.0), ("", 0.0)])
    with pytest.raises(IndexError):
        umlauts.old_sz_spellings(decoders["no-umlauts+old"], SimpleNamespace(core="wute", acronym=False), [])

    class Double:  # a test double: its own counts, no core
        def count(self, w):
            return {"in": 500, "der": 500}.get(w, 0)

        def known(self, w):
            return False

    double = SimpleNamespace(lex=Double(), em=d.em, profile=d.profile, today=None, twin_filter=None)
    assert umlauts._compiled_forms(double) is None
    assert splits.splits(double, "inder", 0.0) == [("in der", splits.SPLITS.cost, splits.SPLIT_GLUED_WORDS)]


def test_every_short_string(decoders, monkeypatch):
    """Every string of up to three of these pieces: letters of each class (words the lexicon
    counts among them), the marks the patterns name, a titlecase letter, a combining mark, letters
    newer than CPython 3.11's tables and one beyond the BMP: the same splits as Python's."""
    d = decoders["no-umlauts"]
    alphabet = ["in", "der", "Es", "A", "b", ".", "-", "’", "!", ":", "ǅ", "\u0301", "\ua7cb", "\ua7cd", "\U000107c0"]
    strings = sorted({"".join(p) for n in range(1, 4) for p in itertools.product(alphabet, repeat=n)})
    with monkeypatch.context() as m:
        m.setattr(umlauts, "_USE_CORE", False)
        want = [(exact(splits._py_splits(d, s, -1.0)), exact(splits._py_lost_hyphen(d, s, -1.0))) for s in strings]
    got = [(exact(splits.splits(d, s, -1.0)), exact(splits.lost_hyphen(d, s, -1.0))) for s in strings]
    assert got == want
    assert sum(bool(w[0]) for w in want) > 10
