"""The compiled search for lost umlauts and ß (korrektor._core.umlaut_twins, issue 26) answers as
the Python search (umlauts._py_twins) does, and umlauts.twins uses it.

bench/core_umlauts.py checks every call the pipeline makes on the dev bench and the historic set
and measures; this is the quick check on the example pages' tokens, listed cases and corners."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from korrektor import _core, errormodel
from korrektor.errormodel import GERMAN, NO_UMLAUTS, Profile, default_error_model
from korrektor.lexicon import default_lexicon
from korrektor.stages.words import umlauts
from korrektor.stages.words.decoder import Decoder

EXAMPLES = Path(errormodel.__file__).parent / "examples"
MIXED = Profile("mixed", 0.5, 0.0, 0)
REACHES = ("stored", "compounds", "loose", "readings")

CASES = ["Corona-Rekordumsatze", "Grunflachen-Amter", "90-Jahrige-", "-Uber-", "Binar-Pakete-Jahrige", "Prufung", "fiir", "Uberpriift", "Auslanderbehorde", "Binarpakete", "FluB", "90-Jahrige", "PRUFUNG",
         "Grunflachenamter", "wurde", "schon", "mu&te", "MiB", "wute", "Deckelboden", "Werbetatigkeit"]
CORNERS = ["", "a", "ß", "B", "ii", "ǅuB", "e\u0301ii", "x\U0001F600ii", "İstanbul", "Strasse", "ii" * 12,
           "a" * 45, "Ua" * 20, "uBuBuB", "-", "Jahrige-", "Straße"]


def exact(res):
    return None if res is None else [(w, float.hex(lp)) for w, lp in res]


@pytest.fixture(scope="module")
def decoders():
    em, lex = default_error_model(), default_lexicon()
    out = {}
    for profile in (GERMAN, NO_UMLAUTS, MIXED):
        d = out[profile.name] = Decoder(lex, em, profile)
        out[profile.name + "+old"] = Decoder(lex, em, profile, today=d)
    return out


def tokens():
    words = {w.strip(".,;:!?»«\"'()[]") for f in sorted(EXAMPLES.glob("*.txt"))
             for w in f.read_text(encoding="utf-8").split()}
    return sorted(words - {""}) + CASES + CORNERS


def test_core_in_use(decoders):
    assert umlauts._USE_CORE
    for d in decoders.values():
        assert umlauts._core_state(d) is not None


@pytest.mark.parametrize("name", ["german", "no-umlauts", "mixed", "german+old", "no-umlauts+old"])
def test_same_answers_as_python(decoders, name):
    d = decoders[name]
    some = 0
    for tok in tokens():
        identity = d.em.logp_identity(tok, d.profile)
        for depth in (1, 2):
            for reach in REACHES:
                want = exact(umlauts._py_twins(d, tok, identity, depth, reach))
                some += bool(want)
                assert exact(umlauts.twins(d, tok, identity, depth, reach)) == want, (tok, depth, reach)
    assert some > 50


@pytest.mark.parametrize("name", ["german", "no-umlauts", "mixed", "german+old"])
def test_built_on_twins_same_as_python(decoders, name, monkeypatch):
    """capitals_twins, glyph_reading, loose_compound_twins and hyphenated_parts: the compiled ones against the
    Python references, run with every search they call in Python."""
    d = decoders[name]

    def python(fn, *args):
        with monkeypatch.context() as m:
            m.setattr(umlauts, "_USE_CORE", False)
            return exact(fn(d, *args))

    for tok in tokens():
        identity = d.em.logp_identity(tok, d.profile)
        for caps in {tok, tok.upper()}:
            assert exact(umlauts.capitals_twins(d, caps, identity)) == python(umlauts._py_capitals_twins, caps, identity)
        assert exact(umlauts.glyph_reading(d, tok, identity)) == python(umlauts._py_glyph_reading, tok, identity)
        assert (exact(umlauts.loose_compound_twins(d, tok, identity))
                == python(umlauts._py_loose_compound_twins, tok, identity))
        assert exact(umlauts.hyphenated_parts(d, tok, identity)) == python(umlauts._py_hyphenated_parts, tok, identity)


def test_listed_cases(decoders):
    d = decoders["no-umlauts"]

    def first(tok, depth=1, reach="stored"):
        found = umlauts.twins(d, tok, d.em.logp_identity(tok, d.profile), depth, reach)
        return found[0][0] if found else None

    assert first("fiir") == "für"
    assert first("Prufung") == "Prüfung"
    assert first("Uberpriift", 2) == "Überprüft"
    assert first("FluB") == "Fluß"
    assert first("Grunflachenamter", 2, "compounds") == "Grünflächenämter"
    assert umlauts.capitals_twins(d, "PRUFUNG", 0.0)[0][0] == "PRÜFUNG"
    assert umlauts.hyphenated_parts(d, "90-Jahrige", 0.0)[0][0] == "90-Jährige"
    assert umlauts.loose_compound_twins(d, "Binarpakete", 0.0)[0][0].lower() == "binärpakete"


def test_twin_filter_as_python_has_it(decoders):
    d = decoders["german"]
    assert d.twin_filter is not None, "the shipped twin readings fit the data"
    assert umlauts._core_filter(d.twin_filter) is umlauts._core_filter(d.twin_filter)  # converted once
    for tok in ("wurde", "Haus", "schon", "Straße"):
        identity = d.em.logp_identity(tok, d.profile)
        for twin_filter in (None, frozenset(), frozenset({tok})):
            double = SimpleNamespace(lex=d.lex, em=d.em, profile=d.profile, today=None, twin_filter=twin_filter)
            assert exact(umlauts.twins(double, tok, identity)) == exact(umlauts._py_twins(double, tok, identity))


def test_falls_back_to_python(decoders):
    d = decoders["no-umlauts"]
    state = umlauts._core_state(d)
    # a lone surrogate is no UTF-8, an unknown reach is Python's own: the core leaves them to Python
    assert _core.umlaut_twins("f\ud800iir", state[0], state[1], 0.0, 1, "stored", False, None) is None
    assert _core.umlaut_twins("fiir", state[0], state[1], 0.0, 1, "elsewhere", False, None) is None
    assert _core.umlaut_twins("fiir", state[0], state[1], 0.0, 10 ** 30, "stored", False, None) is None
    assert _core.umlaut_twins("fiir", state[0], state[1], 0.0, 1, None, False, None) is None
    assert exact(umlauts.twins(d, "Uberpriift", -1.0, 10 ** 30)) == exact(umlauts._py_twins(d, "Uberpriift", -1.0, 10 ** 30))
    for tok, reach in (("f\ud800iir", "stored"), ("fiir\ud800", "readings"), ("fiir", "elsewhere")):
        assert exact(umlauts.twins(d, tok, -1.0, 2, reach)) == exact(umlauts._py_twins(d, tok, -1.0, 2, reach))
    assert "f\ud800" not in _core.WordSet(["f\ud800", "für"]) and "für" in _core.WordSet(["für"])

    class Double:  # a test double: its own counts, no core
        def count(self, w):
            return {"für": 5}.get(w, 0)

    assert umlauts._core_forms(Double()) is None
    double = SimpleNamespace(lex=Double(), em=d.em, profile=d.profile, today=None, twin_filter=None)
    assert umlauts._core_state(double) is None

    class Own(type(d.lex)):  # a subclass that answers count otherwise
        def count(self, w):
            return 0

    own = Own.load(d.lex.path)
    assert umlauts._core_forms(own) is None
    assert umlauts._core_forms(d.lex) is d.lex


def test_pipeline_output_unchanged():
    """The example pages come out the same, edit logs included, with the compiled search as with
    the Python one."""
    code = ("import sys, korrektor; from pathlib import Path\n"
            "for p in sys.argv[1:]:\n"
            "    r = korrektor.correct(Path(p).read_text(encoding='utf-8'))\n"
            "    print(r.text)\n"
            "    print([(e.start, e.end, e.before, e.after, e.rule, float(e.confidence).hex()) for e in r.edits])\n")
    pages = [str(p) for p in sorted(EXAMPLES.glob("seite-*.txt"))]
    src = str(Path(errormodel.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = {}
    for flag in ("0", "1"):
        out[flag] = subprocess.run([sys.executable, "-c", code, *pages], env={**env, "KORREKTOR_PY_SEARCH": flag},
                                   check=True, capture_output=True, text=True).stdout
    assert out["0"] == out["1"]
    assert "für" in out["0"]
