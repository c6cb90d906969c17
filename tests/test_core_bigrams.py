"""The Rust bigram model (korrektor._core.Bigrams, issue 26 step 1) answers as the Python Lexicon does,
bit for bit.

bench/core_bigrams.py checks every pair of the dev bench and every stored pair, and measures; this is
the quick check on the packaged examples' pairs, shuffled pairs of their words, and stored pairs."""
from __future__ import annotations

import random

import pytest
from conftest import load_bench_script

from korrektor import _core
from korrektor.lexicon import SENT_START, _data_dir, default_lexicon, tokenize

EXAMPLES = _data_dir().parent / "examples"


@pytest.fixture(scope="module")
def core():
    return _core.Bigrams.load(str(_data_dir()))


@pytest.fixture(scope="module")
def bench():
    return load_bench_script("core_bigrams")


def sample_pairs() -> list[tuple[str, str]]:
    pairs, words = [], []
    for path in sorted(EXAMPLES.glob("*.txt")):
        for sent in tokenize(path.read_text(encoding="utf-8")):
            words += sent
            pairs += zip([SENT_START] + sent, sent)
    rng = random.Random(26)
    shuffled = words[:]
    rng.shuffle(shuffled)
    pairs += zip(words, shuffled)  # mostly unstored pairs, both words known
    pairs += [(SENT_START, w) for w in shuffled[:300]]
    pairs += [("Migrantenselbstorganisationen", "müssen"), ("wir", "Migrantenselbstorganisationen"),
              ("Xqzvt", "Brlgm"), ("DIE", "Regierung"), ("geht's", "los"), ("wir", "geht's")]
    return pairs


def test_same_answers_as_python(core, bench):
    lex = default_lexicon()
    assert core.sos == lex._sos and core.cont_total == lex._cont_total and len(core) == len(lex._next)
    pairs = sample_pairs()
    logp_q, count_q = bench.queries_of(lex, pairs)
    assert len(pairs) > 2000
    assert any(w is None for _, w, _ in logp_q) and any(h is None for h, _, _ in logp_q)
    for (prev, word), q, cq in zip(pairs, logp_q, count_q):
        assert core.logp_bigram(*q).hex() == lex._logp_bigram(prev, word).hex(), (prev, word, q)
        assert core.bigram_count(*cq).hex() == lex.bigram_count(prev, word).hex(), (prev, word, cq)
    assert core.logp_bigram_many(logp_q) == [core.logp_bigram(*q) for q in logp_q]


def test_stored_pairs(core):
    lex = default_lexicon()
    rng = random.Random(26)
    offsets = lex._offsets.tolist()
    rows = [lex._sos] + rng.sample(range(lex._sos), 2000)
    n = 0
    for h in rows:
        lo, hi = offsets[h], offsets[h + 1]
        for k in (lo, (lo + hi) // 2, hi - 1) if hi > lo else ():
            w = int(lex._next[k])
            prev = SENT_START if h == lex._sos else lex._words[h]
            assert core.logp_bigram(h, w, 0.1).hex() == lex._logp_bigram(prev, lex._words[w]).hex()
            assert core.bigram_count(h, w) == lex.bigram_count(prev, lex._words[w]) > 0
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
