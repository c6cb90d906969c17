"""The library's surface: ``korrektor.correct`` options, ``korrektor.formats``, ``python -m
korrektor``, the type marker, and the one rule for showing a confidence."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import korrektor
from korrektor import Config
from korrektor.edits import floor_confidence, format_confidence
from korrektor.io import InputError

TEXT = "Die Gemeinde plant fur das\nnachste Jahr."


# --- correct(text, config=None, **options) --------------------------------------------------

@pytest.mark.parametrize("config, options, expected", [
    (None, {"words": False}, Config(words=False)),
    (None, {"keep_lines": True, "min_confidence": 0.9}, Config(keep_lines=True, min_confidence=0.9)),
    (Config(words=False), {}, Config(words=False)),
    (Config(words=False, keep_lines=True), {"words": True}, Config(keep_lines=True)),  # an option overrides
], ids=["option", "options", "config", "config-and-option"])
def test_correct_takes_keyword_options(config, options, expected):
    assert korrektor.correct(TEXT, config, **options) == korrektor.correct(TEXT, expected)


def test_an_unknown_option_is_a_type_error_that_lists_the_known_ones():
    with pytest.raises(TypeError, match=r"'word'.*unicode, layout, keep_lines, typography, words, "
                                        r"min_confidence, suggest"):
        korrektor.correct(TEXT, word=False)
    with pytest.raises(ValueError, match="min_confidence must be within"):
        korrektor.correct(TEXT, min_confidence=2)


# --- a confidence as shown: cut to two decimals, never above the real value -----------------

@pytest.mark.parametrize("confidence, shown", [
    (0.9999999642079613, "0.99"),  # was "1.00", which --min-confidence 1.0 then rejected
    (0.996, "0.99"), (1.0, "1.00"), (0.5, "0.50"), (0.29, "0.29"), (0.1 + 0.2, "0.30"), (0.0, "0.00"),
])
def test_format_confidence_cuts(confidence, shown):
    assert format_confidence(confidence) == shown


@given(st.floats(0, 1))
def test_a_shown_confidence_never_exceeds_the_real_one(confidence):
    # the threshold applies an edit when confidence >= min_confidence: the shown value must pass
    assert float(format_confidence(confidence)) <= confidence
    assert floor_confidence(confidence, 4) <= confidence


# --- korrektor.formats: correct_bytes for bytes, correct_file for a path ----------------------

def _alto(word: str) -> bytes:
    return (f'<?xml version="1.0" encoding="ISO-8859-1"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">'
            f'<Layout><Page><PrintSpace><TextBlock ID="b"><TextLine ID="l"><String ID="s" CONTENT="{word}"/>'
            '</TextLine></TextBlock></PrintSpace></Page></Layout></alto>').encode("iso-8859-1")


def test_formats_exports_correct_file_and_correct_bytes():
    formats = pytest.importorskip("korrektor.formats")
    assert {"correct_file", "correct_bytes", "correct_document"} <= set(formats.__all__)


def test_correct_file_reads_a_path(tmp_path):
    pytest.importorskip("lxml")
    from korrektor.formats import correct_bytes, correct_file

    path = tmp_path / "seite.xml"
    path.write_bytes(_alto("fiir"))
    for given_path in (path, str(path)):
        out, result = correct_file(given_path)
        assert out == correct_bytes(_alto("fiir"))[0] and "für".encode("iso-8859-1") in out
        assert result.format == "alto" and [c.after for c in result.changes] == ["für"]
    assert correct_file(path, "alto", Config(words=False))[0] == _alto("fiir")
    assert path.read_bytes() == _alto("fiir"), "the file itself is not changed"
    with pytest.raises(InputError, match=r"missing\.xml: no such file"):
        correct_file(tmp_path / "missing.xml")
    with pytest.raises(TypeError, match="correct_bytes"):
        correct_file(_alto("fiir"))


# --- packaging ------------------------------------------------------------------------------

def test_python_dash_m_korrektor():
    src = Path(korrektor.__file__).parents[1]  # run the korrektor under test, not an installed one
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]))
    r = subprocess.run([sys.executable, "-m", "korrektor", "--version"], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and r.stdout == f"korrektor, version {korrektor.__version__}\n"
    r = subprocess.run([sys.executable, "-m", "korrektor", "correct"], input="Die Prufung\n", capture_output=True,
                       text=True, env=env)
    assert r.returncode == 0 and r.stdout == "Die Prüfung\n"


def test_the_package_is_marked_typed():
    assert (Path(korrektor.__file__).parent / "py.typed").is_file()
