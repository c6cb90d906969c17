"""The compiled lexicon's forms (korrektor._core.Lexicon, issue 26): the packaged ``lexicon.core``
is current and mapped, errors are Python exceptions. (Its answers against the Python lexicon's:
tests/test_core_reference.py and bench/core_lexicon.py.)"""
from __future__ import annotations

import random

import pytest

from korrektor import _core
from korrektor.lexicon import _data_dir, default_lexicon


@pytest.fixture(scope="module")
def core():
    return _core.Lexicon(str(_data_dir()))


def test_packaged_image_is_current_and_mapped(core):
    # stale: rebuild it with _core.build_lexicon_core(data_dir, data_dir / "lexicon.core")
    assert _core.lexicon_core_is_current(str(_data_dir()))
    assert core.origin == "mapped"
    assert core.stored_forms == default_lexicon().stored_forms > len(core)


def test_a_built_lexicon_answers_as_the_mapped_one(core):
    built = _core.Lexicon.build(str(_data_dir()))
    assert built.origin == "built" and built.stored_forms == core.stored_forms
    rng = random.Random(26)
    words = rng.sample(default_lexicon().forms, 2000) + ["", "für", "fur", "geht's", "geht’s", "ÄÖÜ", "x" * 300]
    words += [w[:-1] for w in words] + [w + "x" for w in words]
    for w in words:
        assert (built.count(w), built.contains(w), built.word_id(w), built.has_prefix(w), built.is_prefix(w)) == (
            core.count(w), core.contains(w), core.word_id(w), core.has_prefix(w), core.is_prefix(w)), w
    assert core.count_many(words) == [core.count(w) for w in words]


def test_errors_are_python_exceptions(tmp_path):
    with pytest.raises(OSError):
        _core.Lexicon(str(tmp_path))
    (tmp_path / "lexicon_words.txt").write_text("a\nb\n", encoding="utf-8")
    (tmp_path / "lexicon_counts.npy").write_bytes(b"not numpy")
    with pytest.raises(ValueError):
        _core.Lexicon(str(tmp_path))


def test_a_lone_surrogate_is_no_stored_form(core):
    # Python strings may hold one (decoded with surrogateescape); UTF-8 cannot: not found, no error
    assert core.count("f\ud800r") == 0 and core.word_id("\udcff") is None
    assert not core.contains("f\ud800r") and "f\ud800r" not in core
    assert not core.is_prefix("f\ud800") and not core.has_prefix("\ud800")
    assert core.count("für") > 0 and core.is_prefix("fü")
