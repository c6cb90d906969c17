"""The compiled error profile (korrektor._core.feature_counts, estimate_profile, issue 26) answers
as the Python one (errormodel._py_feature_counts, _py_estimate_profile) does, and
``estimate_profile`` uses it.

bench/core_profile.py checks every text of the seven development sets and the texts the pipeline
estimates a profile for, with adversarial texts, and measures; this is the quick check on the
example pages (one page read by an engine without a German model beside the same page read with
one), listed cases and corners."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from korrektor import _core, errormodel
from korrektor.errormodel import Profile, default_error_model, estimate_profile, feature_counts

EXAMPLES = Path(errormodel.__file__).parent / "examples"


def fields(p: Profile) -> tuple:
    return (p.name, p.weight.hex(), p.log_odds.hex(), p.n_chars)


def same(text: str, model=None) -> Profile:
    """The compiled answers for ``text`` are Python's, to the bit; returns the profile."""
    got = _core.feature_counts(text)
    assert got is not None and dict(zip(errormodel._COUNTS, got)) == errormodel._py_feature_counts(text), text
    assert feature_counts(text) == errormodel._py_feature_counts(text)
    p = estimate_profile(text, model)
    assert isinstance(p, Profile)
    assert fields(p) == fields(errormodel._py_estimate_profile(text, model)), text
    return p


def test_core_in_use():
    assert errormodel._PROFILE_CORE
    assert _core.profile_constants()["_FEATURE_RE"] == errormodel._FEATURE_RE.pattern


@pytest.mark.parametrize("page", ["seite-eng", "seite-deu"])
def test_pages_read_with_and_without_a_german_model(page):
    """The same page read by an engine without a German model ("eng": "fiir", "iiber", "groBe")
    and with one ("deu"), and its ground truth: the same profiles, and the right ones."""
    ocr = (EXAMPLES / f"{page}.txt").read_text(encoding="utf-8")
    gt = (EXAMPLES / f"{page}.gt.txt").read_text(encoding="utf-8")
    assert same(ocr).name == ("no-umlauts" if page == "seite-eng" else "german")
    assert same(gt).name == "german"
    for n in (1, 3):  # paragraphs, the page twice (repeated chunks), and every line alone
        for text in ocr.split("\n\n")[:n] + [ocr * n] + ocr.splitlines():
            same(text)


def test_features_as_the_pattern_finds_them():
    cases = {
        "fiir": {"tell": 1}, "iiber": {"ii": 1}, "Iiber": {"tell": 1}, "Kiiche": {"ii": 1},
        "iia": {"ii": 1}, "iiA": {}, "aii": {"ii": 1}, "groBe": {"tell": 1}, "dieBer": {"B_in_word": 1},
        "BB": {}, "ei1ne": {"digit_in_word": 1}, "ei٣ne": {}, "eine": {"fw": 1}, "einer": {},
        "Café": {"eacute": 1}, "Straße": {"uml": 1}, "u\u0308ber": {}, "\u0301der": {}, "der\u0301": {},
        "der_": {}, "(der)": {"fw": 1}, "der-die": {"fw": 2}, "𝐀ii": {"ii": 1}, "Dafiir": {"tell": 1},
    }
    for text, want in cases.items():
        c = feature_counts(text)
        assert {k: c[k] for k in errormodel._COUNTED if c[k]} == want, text
        same(text)


def test_white_space_is_str_split():
    """Chunks split at str.isspace (U+001C..U+001F too, which regex's \\s does not count): no
    feature looks across them."""
    for s in ["\x1c", "\x1f", "\x85", "\xa0", "\u2007", "\u2028", "\u3000", "\t", "\x0b"]:
        text = f"ab{s}Bc der{s}die a{s}ii"
        c = feature_counts(text)
        assert (c["B_in_word"], c["ii"], c["fw"], c["tokens"]) == (0, 0, 2, 6), repr(s)
        same(text)
    assert feature_counts("\u200b")["tokens"] == 1  # a zero-width space is no white space
    same("\u200bder\u200b")


def test_corners():
    for text in ["", " ", "1234", "ä", "B" * 40, "ii" * 40, "der " * 20, "der " * 20 + "x" * 100,
                 "Der " * 19 + "Haus", "é" * 50, "𐐨𐐀 ⅰⅱ ǅ ª"]:
        same(text)
    assert estimate_profile("").name == "german"
    assert estimate_profile("1234") == Profile("german", 0.05, -3.0, 4)
    # a lone surrogate: Python answers
    assert _core.feature_counts("fiir\ud800") is None
    assert estimate_profile("fiir \ud800 iiber") == errormodel._py_estimate_profile("fiir \ud800 iiber")
    assert feature_counts("fiir \ud800")["tell"] == 1


def test_other_models():
    """The rates of another model; a model without the two profiles; rates the core cannot
    take (not plain floats) are Python's to use."""
    rates = default_error_model().feature_rates
    text = (EXAMPLES / "seite-eng.txt").read_text(encoding="utf-8")
    swapped = SimpleNamespace(feature_rates={"eng": rates["deu"], "deu": rates["eng"]})
    assert same(text, swapped).name == "german"
    assert same(text, SimpleNamespace(feature_rates={"eng": rates["eng"]})) == Profile("german", 0.05, -3.0, len(text))
    ints = SimpleNamespace(feature_rates={"eng": {k: 1 for k in rates["eng"]}, "deu": rates["deu"]})
    assert _core.estimate_profile(text, ints.feature_rates) is None
    same(text, ints)


def test_round_is_pythons():
    for x in [0.0625, 0.1875, -0.0004, 2.675, 1.0005, 49.9995, -12.3455, 1e-300] + [k / 16 for k in range(-800, 800)]:
        assert _core.profile_round(x).hex() == round(x, 3).hex(), x


def test_python_reference_when_asked():
    code = "from korrektor import errormodel\nprint(errormodel._PROFILE_CORE)\n"
    src = str(Path(errormodel.__file__).parents[1])
    out = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": src, "KORREKTOR_PY_SEARCH": "1"},
                         check=True, capture_output=True, text=True).stdout
    assert out.split() == ["False"]


@pytest.mark.parametrize("profile", ["deu", "eng"])
def test_a_model_with_a_rate_of_zero_is_left_to_python_which_raises(profile):
    # the core declines rates that are no positive number; Python's log (or division) raises
    from korrektor.errormodel import ErrorModel, default_error_model, estimate_profile

    model = ErrorModel(default_error_model().data)
    model.feature_rates = {k: dict(v) for k, v in model.feature_rates.items()}
    model.feature_rates[profile] = dict.fromkeys(model.feature_rates[profile], 0.0)
    with pytest.raises((ZeroDivisionError, ValueError)):
        estimate_profile("Das ist ein Test, und der Test ist gut. " * 10, model)
