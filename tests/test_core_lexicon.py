"""The Rust lexicon core (korrektor._core, issue 26 step 1) answers as the Python Lexicon does.

bench/core_lexicon.py checks every token of the dev bench and measures; this is the quick check
that the packaged ``lexicon.core`` is current and agrees on a sample."""
from __future__ import annotations

import random

import pytest

from korrektor import _core
from korrektor.lexicon import _data_dir, default_lexicon


@pytest.fixture(scope="module")
def core():
    return _core.Lexicon.load(str(_data_dir()))


def test_packaged_image_is_current_and_mapped(core):
    # stale: rebuild it with _core.build_lexicon_core(data_dir, data_dir / "lexicon.core")
    assert _core.lexicon_core_is_current(str(_data_dir()))
    assert core.origin == "mapped"
    assert len(core) == len(default_lexicon()._counts)


def test_same_answers_as_python(core):
    lex = default_lexicon()
    rng = random.Random(26)
    forms = rng.sample(lex.forms, 2000) + rng.sample(sorted(lex._supplement), 200)
    words = forms + [w[:-1] for w in forms] + [w + "x" for w in forms] + [
        "", "für", "fur", "geht's", "geht’s", "Migrantenselbstorganisationen", "ÄÖÜ", "x" * 300]
    for w in words:
        assert core.count(w) == lex.count(w), w
        assert core.contains(w) == (w in lex._counts or w.replace("'", "’") in lex._counts), w
        assert core.has_prefix(w) == lex.has_prefix(w), w
        assert core.has_prefix(w[:3]) == lex.has_prefix(w[:3]), w
    assert core.count_many(words) == [lex.count(w) for w in words]


def test_errors_are_python_exceptions(tmp_path):
    with pytest.raises(OSError):
        _core.Lexicon.load(str(tmp_path))
    (tmp_path / "lexicon_words.txt").write_text("a\nb\n", encoding="utf-8")
    (tmp_path / "lexicon_counts.npy").write_bytes(b"not numpy")
    with pytest.raises(ValueError):
        _core.Lexicon.load(str(tmp_path))


def test_a_lone_surrogate_is_no_stored_form(core):
    # Python strings may hold one (decoded with surrogateescape); UTF-8 cannot: not found, no error
    assert core.count("f\ud800r") == 0 and core.word_id("\udcff") is None
    assert not core.contains("f\ud800r") and "f\ud800r" not in core
    assert not core.is_prefix("f\ud800") and not core.has_prefix("\ud800")
    assert core.count("für") > 0 and core.is_prefix("fü")
