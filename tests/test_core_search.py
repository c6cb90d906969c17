"""The compiled candidate search (korrektor._core.search_candidates, issue 26) answers as the Python
search (ErrorModel._py_candidates) does, and the error model uses it.

bench/core_search.py checks every query of the dev bench and measures; this is the quick check on
the example pages' tokens and on tokens made to hit the corners."""
from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from korrektor import _core, errormodel
from korrektor.errormodel import GERMAN, NO_UMLAUTS, Profile, default_error_model
from korrektor.lexicon import default_lexicon

EXAMPLES = Path(errormodel.__file__).parent / "examples"
MIXED = Profile("mixed", 0.5, 0.0, 0)

CORNERS = [
    "", "a", "ß", "ǅa", "ǅǅ", "ⒶⒷ", "ⅫX", "Étaße", "e\u0301tat", "Ü\u0308ber", "𝔄𝔅", "x\U0001F600y", "İstanbul",
    "...", "((fiir))", "»Fiir«", "FIIR", "Fiir", "fiir,", "1iir", "ßtraße", "Dafiir", "Uber", "iiber",
    "Zeitungsbestande", "Stichpreben", "wahlkampfgepragten", "Pilanzenbestauber", "andwirtschaft",
    "Nettokreditaufnahnıen", "rnachen", "Miinchen", "Strasse", "groBe", "GroBe", "x" * 40, "ii" * 12,
]


def exact(res):
    return [(w, float.hex(lp)) for w, lp in res]


@pytest.fixture(scope="module")
def setup():
    em, lex = default_error_model(), default_lexicon()
    core = errormodel._core_lexicon(lex)
    assert core is not None
    return em, lex, core


def tokens():
    words = {w for f in sorted(EXAMPLES.glob("*.txt")) for w in f.read_text(encoding="utf-8").split()}
    return sorted(words) + CORNERS


def test_constants_agree():
    assert errormodel._core_constants_agree()
    if sys.version_info[:2] == (3, 11):  # the tables of str predicates are Python 3.11's
        assert _core.search_constants()["unicode_version"] == unicodedata.unidata_version


@pytest.mark.parametrize("profile", [GERMAN, NO_UMLAUTS, MIXED], ids=["german", "no-umlauts", "mixed"])
def test_same_answers_as_python(setup, profile):
    em, lex, core = setup
    t = em.table(profile)
    table = _core.ConfusionTable(t.inv1, t.inv2, t.inv3, t.ident, t.ident_default)
    some = 0
    for tok in tokens():
        want = exact(em._py_candidates(tok, lex, profile, 3, 8))
        some += bool(want)
        for walk in (False, True):
            assert exact(_core.search_candidates(tok, core, table, 3, 8, lex.known, walk)) == want, (tok, walk)
    assert some > 50


def test_compound_mode_and_capitals(setup):
    em, lex, core = setup
    t = em.table(GERMAN)
    table = _core.ConfusionTable(t.inv1, t.inv2, t.inv3, t.ident, t.ident_default)
    # the whole-word search finds nothing, the token is not known: the compound search finds it
    found: dict = {}
    em._search("wahlkampfgepragten", lex, lex.is_prefix, t, 3, found)
    assert not found and not lex.known("wahlkampfgepragten")
    res = _core.search_candidates("wahlkampfgepragten", core, table, 3, 8, lex.known)
    assert res[0][0] == "wahlkampfgeprägten"
    assert exact(res) == exact(em._py_candidates("wahlkampfgepragten", lex, GERMAN, 3, 8))
    # a capitalised first letter is searched in lower case too and capitalised again
    res = _core.search_candidates("»Fiir", core, table, 3, 8, lex.known)
    assert res[0][0] == "»Für"
    assert exact(res) == exact(em._py_candidates("»Fiir", lex, GERMAN, 3, 8))


@pytest.mark.parametrize("max_edits,limit", [(0, 8), (1, 8), (2, 3), (3, 0), (3, 1), (3, -1), (5, 20)])
def test_bounds(setup, max_edits, limit):
    em, lex, core = setup
    t = em.table(NO_UMLAUTS)
    table = _core.ConfusionTable(t.inv1, t.inv2, t.inv3, t.ident, t.ident_default)
    for tok in ["fiir", "Fiir", "(iiber)", "Hande", "Zeitungsbestande", "Stichpreben", "groBe"]:
        want = exact(em._py_candidates(tok, lex, NO_UMLAUTS, max_edits, limit))
        assert exact(_core.search_candidates(tok, core, table, max_edits, limit, lex.known)) == want, tok


def test_known_is_called_as_python_calls_it(setup):
    em, lex, core = setup
    t = em.table(NO_UMLAUTS)
    table = _core.ConfusionTable(t.inv1, t.inv2, t.inv3, t.ident, t.ident_default)
    for tok in ["Stichpreben", "Zeitungsbestande", "Fiir"]:
        calls: dict[str, list] = {"py": [], "rust": []}

        def spy(side):
            return lambda w: calls[side].append(w) or lex.known(w)

        class Spied:  # the Python search reads the lexicon's methods
            count, is_prefix = lex.count, lex.is_prefix
            known = staticmethod(spy("py"))

        want = em._py_candidates(tok, Spied(), NO_UMLAUTS, 3, 8)
        assert _core.search_candidates(tok, core, table, 3, 8, spy("rust")) == want
        assert calls["rust"] == calls["py"], tok

    def boom(word):
        raise KeyError(word)

    with pytest.raises(KeyError):
        _core.search_candidates("Stichpreben", core, table, 3, 8, boom)
    # no known: no compound search, no case variants
    assert _core.search_candidates("fiir", core, table, 3, 8, None)[0][0] == "für"


def test_wiring(setup):
    em, lex, core = setup
    assert em._use_core
    assert em._candidates("fiir", lex, NO_UMLAUTS, 3, 8) == em._py_candidates("fiir", lex, NO_UMLAUTS, 3, 8)
    # a lone surrogate is no UTF-8: the Python search answers
    assert _core.search_candidates("f\ud800ir", core, em.table(GERMAN).core or _core.ConfusionTable(
        {}, {}, {}, {}, 0.0), 3, 8, None) is None
    assert em._candidates("fi\ud800r", lex, NO_UMLAUTS, 3, 8) == em._py_candidates("fi\ud800r", lex, NO_UMLAUTS, 3, 8)

    class Double:  # a test double: no path, its own counts
        def count(self, w):
            return {"für": 5}.get(w, 0)

        def has_prefix(self, p):
            return "für".startswith(p)

    assert errormodel._core_lexicon(Double()) is None
    assert em._candidates("fiir", Double(), NO_UMLAUTS, 3, 8)[0][0] == "für"
    with pytest.raises(ValueError):
        _core.ConfusionTable({"ab": (("x", -1.0),)}, {}, {}, {}, 0.0)
    with pytest.raises(ValueError):
        _core.ConfusionTable({"a": (("", -1.0),)}, {}, {}, {}, 0.0)


def test_pipeline_output_unchanged():
    """The example pages come out the same with the compiled search as with the Python one."""
    code = ("import sys, korrektor; from pathlib import Path; "
            "print(''.join(korrektor.correct(Path(p).read_text(encoding='utf-8')).text for p in sys.argv[1:]))")
    pages = [str(p) for p in sorted(EXAMPLES.glob("seite-*.txt")) if ".gt." not in p.name]
    src = str(Path(errormodel.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = {}
    for flag in ("0", "1"):
        out[flag] = subprocess.run([sys.executable, "-c", code, *pages], env={**env, "KORREKTOR_PY_SEARCH": flag},
                                   check=True, capture_output=True, text=True).stdout
    assert out["0"] == out["1"]
    assert "für" in out["0"]


def test_the_lexicons_own_known_is_asked_without_python(setup):
    # known=True: the core's own test, with the GIL released; the same answers as calling it back
    em, lex, core = setup
    t = em.table(NO_UMLAUTS)
    table = _core.ConfusionTable(t.inv1, t.inv2, t.inv3, t.ident, t.ident_default)
    for tok in ["Stichpreben", "Zeitungsbestande", "Fiir", "wahlkampfgepragten", "fiir"]:
        assert (_core.search_candidates(tok, core, table, 3, 8, True)
                == _core.search_candidates(tok, core, table, 3, 8, lex.known)), tok
