#!/usr/bin/env python3
"""The compiled bigram model (korrektor._core.Bigrams, issue 26) against the Python Lexicon of the
commit before the port (bench/reference.py); and the compiled lexicon's ``logp_bigram``.

    python bench/core_bigrams.py [PAIRS.jsonl] [--repeat N] [--no-exhaustive] [--json OUT]
    python bench/core_bigrams.py --dump-queries FILE   # for rust/examples/bench_bigrams.rs

Queries: every adjacent token pair of the OCR pages and of their ground truth (fields ``ocr`` and
``gt``), tokenized as the statistics were counted (``korrektor.lexicon.tokenize``), the sentence
starts as ``("<s>", first word)``; in the order of the pages, repeats kept.

* parity (must be bit-identical; exit status 1 otherwise):
  - ``Lexicon._logp_bigram(prev, word)`` (uncached) vs Rust ``logp_bigram(hid, wid, unknown)``,
    the ids from ``Lexicon._id`` (``_sos`` for ``"<s>"``; None allowed) and ``unknown`` the
    numerator of ``Lexicon._p_cont`` for a word without an id (``unknown_cont`` below);
  - ``Lexicon.bigram_count(prev, word)`` vs Rust ``bigram_count`` with the exact forms' ids
    (``Lexicon._ids.get``, as Python's method takes them);
  - unless ``--no-exhaustive``: both over every stored pair of the model (3.6 M);
  - ``logp_bigram_many`` against single calls;
* speed, one thread, lookups per second (best of ``--repeat`` passes over the queries): Python's
  ``_logp_bigram`` (words to ids and the model), its model part alone (ids known, memoryviews
  as the Lexicon reads them), the cached ``logp_bigram`` asked again; Rust called once per query,
  and once per list (``logp_bigram_many``, GIL released); ``bigram_count`` likewise;
* load time and resident memory: fresh interpreters (median of 5; ``VmHWM``) that import
  korrektor and numpy (``bare``), then load the bigram arrays as ``Lexicon.__init__`` does
  (``python``: ``np.load`` and the conversions, the discount table) or map them (``rust``).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import DEV_BENCH, LOAD_END, finish, fresh, parser, print_loads, rate  # noqa: E402

LOAD = """
import sys, time, json
mode = sys.argv[1]
import numpy as np
import korrektor
from korrektor import _core
d = str(korrektor.__path__[0]) + "/data"
t = time.perf_counter()
if mode == "python":  # the bigram lines of Lexicon.__init__
    from pathlib import Path
    path = Path(d)
    meta = json.loads((path / "lexicon_meta.json").read_text(encoding="utf-8"))
    cont = np.load(path / "lexicon_cont.npy").astype(np.float64)
    hist = np.load(path / "bigram_hist.npy").astype(np.float64)
    offsets = np.load(path / "bigram_offsets.npy").astype(np.int64)
    b = np.load(path / "bigram_next24.npy")
    nxt = np.zeros((len(b), 4), dtype=np.uint8)
    nxt[:, :3] = b
    nxt = nxt.view("<u4").ravel()
    levels = np.load(path / "bigram_levels.npy").astype(np.float64)
    codes = np.load(path / "bigram_codes.npy")
    d1, d2, d3 = meta["kn_discounts"]
    dtab = (levels - np.where(levels >= 3, d3, np.where(levels >= 2, d2, d1))).tolist()
    gamma = np.load(path / "bigram_gamma.npy").astype(np.float64)
elif mode == "rust":
    model = _core.Bigrams.load(d)
""" + LOAD_END


def token_pairs(pairs_file: Path) -> list[tuple[str, str]]:
    from korrektor.lexicon import SENT_START, tokenize

    out = []
    for line in pairs_file.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        for text in (page["ocr"], page["gt"]):
            for sent in tokenize(text):
                prev = SENT_START
                for tok in sent:
                    out.append((prev, tok))
                    prev = tok
    return out


def unknown_cont(lex, word: str) -> float:
    """The continuation count ``Lexicon._p_cont`` gives a word without an id (its numerator):
    what a caller of the Rust model passes as ``unknown_cont``."""
    from reference import package

    _COMPOUND_COUNT, _UNKNOWN_COUNT = package().lexicon._COMPOUND_COUNT, package().lexicon._UNKNOWN_COUNT

    if lex._supplement:
        c = lex._supplement.get(word) or lex._supplement.get(lex._variant(word) or "")
        if c:
            return c
    return _COMPOUND_COUNT if lex.compound_split(word) is not None else _UNKNOWN_COUNT


def queries_of(lex, pairs):
    """(hid, wid, unknown) per pair as ``_logp_bigram`` sees them, and the exact ids
    ``bigram_count`` uses."""
    from korrektor.lexicon import SENT_START

    ids = lex._ids
    memo: dict[str, tuple] = {}

    def word(w):
        got = memo.get(w)
        if got is None:
            wid = lex._id(w)
            got = memo[w] = (wid, unknown_cont(lex, w) if wid is None else 0.1, ids.get(w))
        return got

    logp_q, count_q = [], []
    for prev, w in pairs:
        wid, unk, exact = word(w)
        if prev == SENT_START:
            hid = hexact = lex._sos
        else:
            hid, _, hexact = word(prev)
        logp_q.append((hid, wid, unk))
        count_q.append((hexact, exact))
    return logp_q, count_q


def same(a: float, b: float) -> bool:
    return a.hex() == b.hex()


def exhaustive(lex, rs, chunk: int = 200_000) -> tuple[int, int, list]:
    """Every stored pair: Python's _logp_bigram and bigram_count on the forms vs Rust on the ids."""
    import numpy as np

    from korrektor.lexicon import SENT_START

    words = lex._words
    offsets = np.asarray(lex._offsets)
    nxt = lex._next
    sos = lex._sos
    n = len(nxt)
    diffs = []
    for start in range(0, n, chunk):
        k = np.arange(start, min(start + chunk, n))
        hids = (np.searchsorted(offsets, k, side="right") - 1).tolist()
        wids = nxt[k].tolist()
        got = rs.logp_bigram_many([(h, w, 0.1) for h, w in zip(hids, wids)])
        for h, w, g in zip(hids, wids, got):
            prev = SENT_START if h == sos else words[h]
            want = lex._logp_bigram(prev, words[w])
            if not same(want, g):
                diffs.append(("logp", prev, words[w], want, g))
            want = lex.bigram_count(prev, words[w])
            if not same(want, rs.bigram_count(h, w)):
                diffs.append(("count", prev, words[w], want, rs.bigram_count(h, w)))
    return n, len(diffs), diffs[:5]


def main() -> int:
    ap = parser(__doc__, DEV_BENCH, repeat=5)
    ap.add_argument("--no-exhaustive", action="store_true", help="skip the check of every stored pair")
    ap.add_argument("--dump-queries", metavar="FILE",
                    help="write the queries (hid<TAB>wid<TAB>unknown, - for None) for "
                         "rust/examples/bench_bigrams.rs and stop")
    args = ap.parse_args()

    load = {} if args.dump_queries else {mode: fresh(LOAD, mode) for mode in ("bare", "python", "rust")}

    from reference import package

    from korrektor import _core
    from korrektor.lexicon import _data_dir

    pairs = token_pairs(Path(args.pairs))
    # the Python lexicon of the commit before the port (its code left the package), and the
    # compiled one's scores of the same pairs besides the model's
    lex = package().lexicon.Lexicon.load()
    rs = _core.Bigrams.load(str(_data_dir()))
    logp_q, count_q = queries_of(lex, pairs)
    if args.dump_queries:
        def f(x):
            return "-" if x is None else repr(x)
        Path(args.dump_queries).write_text("".join(f"{f(h)}\t{f(w)}\t{f(float(u))}\n" for h, w, u in logp_q)
                                           + "".join(f"c\t{f(h)}\t{f(w)}\n" for h, w in count_q), encoding="utf-8")
        return 0
    print(f"{len(pairs):,} pairs ({len(set(pairs)):,} distinct); Rust model: {rs.sos:,} words, "
          f"{len(rs):,} stored pairs; Python: {lex._sos:,} words")
    report: dict = {"pairs": len(pairs), "distinct": len(set(pairs)), "parity": {}, "speed": {}, "load": {}}
    bad = 0
    if rs.sos != lex._sos or rs.cont_total != lex._cont_total:
        bad += 1
        print(f"parity: sos {rs.sos} / {lex._sos}, cont_total {rs.cont_total} / {lex._cont_total}")

    def check(name, n, diffs, examples):
        nonlocal bad
        bad += diffs
        report["parity"][name] = {"queries": n, "differences": diffs}
        print(f"parity {name}: {n:,} queries, {diffs} differences" + (f" e.g. {examples}" if diffs else ""))

    want = [lex._logp_bigram(p, w) for p, w in pairs]
    got = [rs.logp_bigram(*q) for q in logp_q]
    d = [(pr, q, a, b) for pr, q, a, b in zip(pairs, logp_q, want, got) if not same(a, b)]
    check("logp_bigram, dev pairs", len(pairs), len(d), d[:5])
    kinds = {"pair stored": 0, "history without id": 0, "word without id": 0,
             "of these supplementary": 0, "compound (0.5)": 0, "unknown (0.1)": 0}
    for h, w, u in logp_q:
        kinds["history without id"] += h is None
        if w is None:
            kinds["word without id"] += 1
            kinds["compound (0.5)" if u == 0.5 else "unknown (0.1)" if u == 0.1 else "of these supplementary"] += 1
        kinds["pair stored"] += h is not None and w is not None and rs.bigram_count(h, w) > 0
    print("  of which: " + ", ".join(f"{k} {v:,}" for k, v in kinds.items()))
    report["parity"]["kinds"] = kinds
    want = [lex.bigram_count(p, w) for p, w in pairs]
    got = [rs.bigram_count(*q) for q in count_q]
    d = [(pr, q, a, b) for pr, q, a, b in zip(pairs, count_q, want, got) if not same(a, b)]
    check("bigram_count, dev pairs", len(pairs), len(d), d[:5])
    # the compiled lexicon's own scores: ids, variants and fallbacks found in Rust too
    from korrektor.lexicon import default_lexicon

    now = default_lexicon()
    for name, ask_ref, ask_now in (("logp_bigram", lex._logp_bigram, now.logp_bigram),
                                   ("bigram_count", lex.bigram_count, now.bigram_count)):
        d = [(pr, a, b) for pr in pairs if not same(a := ask_ref(*pr), b := ask_now(*pr))]
        check(f"Lexicon.{name}, dev pairs", len(pairs), len(d), d[:5])
    words = sorted({w for pr in pairs for w in pr})
    d = [(w, a, b) for w in words if not same(a := lex.logp(w), b := now.logp(w))]
    check("Lexicon.logp, dev words", len(words), len(d), d[:5])
    many_ok = rs.logp_bigram_many(logp_q) == [rs.logp_bigram(*q) for q in logp_q]
    bad += not many_ok
    print(f"parity logp_bigram_many vs single calls: {'identical' if many_ok else 'DIFFERENT'}")
    if not args.no_exhaustive:
        t = time.perf_counter()
        n, diffs, examples = exhaustive(lex, rs)
        check("logp_bigram and bigram_count, every stored pair", n, diffs, examples)
        print(f"  ({time.perf_counter() - t:.1f} s)")

    # speed
    mv_cont, mv_hist, mv_gamma = lex._mv_cont, lex._mv_hist, lex._mv_gamma
    mv_codes, dtab, ct, index = lex._mv_codes, lex._dtab, lex._cont_total, lex._bigram_index
    log = __import__("math").log

    def py_model(hid, wid, unk):  # _logp_bigram after the ids, as the Lexicon computes it
        p = mv_cont[wid] / ct if wid is not None else unk / ct
        if hid is not None:
            h = mv_hist[hid]
            if h > 0:
                p *= mv_gamma[hid]
                if wid is not None:
                    k = index(hid, wid)
                    if k >= 0:
                        p += dtab[mv_codes[k]] / h
        return log(p)

    for p, w in pairs:  # the cache filled
        lex.logp_bigram(p, w)
    r, n = args.repeat, len(pairs)
    py_logp, py_cached, py_count = lex._logp_bigram, lex.logp_bigram, lex.bigram_count
    rs_logp, rs_count = rs.logp_bigram, rs.bigram_count
    rows = [
        ("logp_bigram", "Python _logp_bigram(prev, word): ids and model", rate(lambda: [py_logp(p, w) for p, w in pairs], n, r)),
        ("logp_bigram", "Python logp_bigram, every pair cached", rate(lambda: [py_cached(p, w) for p, w in pairs], n, r)),
        ("logp_bigram", "Python, the model alone (ids known)", rate(lambda: [py_model(*q) for q in logp_q], n, r)),
        ("logp_bigram", "Rust logp_bigram, a call per query", rate(lambda: [rs_logp(*q) for q in logp_q], n, r)),
        ("logp_bigram", "Rust logp_bigram_many, one call (GIL released)", rate(lambda: rs.logp_bigram_many(logp_q), n, r)),
        ("bigram_count", "Python bigram_count(prev, word)", rate(lambda: [py_count(p, w) for p, w in pairs], n, r)),
        ("bigram_count", "Rust bigram_count, a call per query", rate(lambda: [rs_count(*q) for q in count_q], n, r)),
    ]
    print(f"\nlookups per second, one thread (best of {r} passes over the {n:,} pairs):")
    for op, what, v in rows:
        report["speed"][what] = v
        print(f"  {op:12} {what:50} {v / 1e6:6.2f} M/s")

    if load:
        print("\nfresh process, load only (median of 5): load time, peak RSS")
        print_loads(load, report, 8, "8.2f")
    return finish(report, args.json, bad, same="bit-identical")


if __name__ == "__main__":
    sys.exit(main())
