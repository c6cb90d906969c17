"""The compiled bigram model (korrektor._core.Bigrams, issue 26): the stored pairs, and errors as
Python exceptions. (Its answers against the Python lexicon's: tests/test_core_reference.py and
bench/core_bigrams.py, which checks every pair of the dev bench and every stored pair.)"""
from __future__ import annotations

import random

import pytest

from korrektor import _core
from korrektor.lexicon import SENT_START, _data_dir, default_lexicon

@pytest.fixture(scope="module")
def core():
    return _core.Bigrams.load(str(_data_dir()))


def test_every_stored_pair_has_its_count(core):
    # the pairs of sampled rows of the model, read from its arrays: the lexicon asked for the two
    # words answers as the model asked for their ids
    import numpy as np

    lex, data = default_lexicon(), _data_dir()
    offsets = np.load(data / "bigram_offsets.npy").tolist()
    nxt = np.load(data / "bigram_next24.npy").astype(np.uint32)
    nxt = (nxt[:, 0] | nxt[:, 1] << 8 | nxt[:, 2] << 16).tolist()
    words, sos = lex.forms, core.sos
    rng = random.Random(26)
    n = 0
    for h in [sos] + rng.sample(range(sos), 2000):
        lo, hi = offsets[h], offsets[h + 1]
        for k in (lo, (lo + hi) // 2, hi - 1) if hi > lo else ():
            w = nxt[k]
            prev = SENT_START if h == sos else words[h]
            assert lex.bigram_count(prev, words[w]) == core.bigram_count(h, w) > 0
            assert core.logp_bigram(h, w, 0.1) == lex.logp_bigram(prev, words[w])
            n += 1
    assert n > 1000


def test_errors_are_python_exceptions(core, tmp_path):
    with pytest.raises(IndexError):
        core.logp_bigram(None, core.sos, 0.1)
    with pytest.raises(IndexError):
        core.logp_bigram(core.sos + 1, None, 0.1)
    with pytest.raises(IndexError):
        core.bigram_count(core.sos + 1, 0)
    with pytest.raises(IndexError):
        core.logp_bigram_many([(None, 0, 0.1), (None, core.sos, 0.1)])
    with pytest.raises(ValueError):  # ln 0, as math.log
        core.logp_bigram(None, None, 0.0)
    assert core.logp_bigram(core.sos, None, 0.1) < core.logp_bigram(None, None, 0.1)
    with pytest.raises(OSError):
        _core.Bigrams.load(str(tmp_path))
    for f in _data_dir().glob("*"):
        if f.name.startswith("bigram_") or f.name in ("lexicon_cont.npy", "lexicon_meta.json"):
            (tmp_path / f.name).symlink_to(f)
    _core.Bigrams.load(str(tmp_path))
    (tmp_path / "bigram_codes.npy").unlink()
    (tmp_path / "bigram_codes.npy").write_bytes(b"not numpy")
    with pytest.raises(ValueError, match="bigram_codes.npy"):
        _core.Bigrams.load(str(tmp_path))
