#!/usr/bin/env python3
"""The words stage's decoding passes whole in the compiled core (korrektor._core.decode_passes,
rust/src/passes.rs; issue 26) against the Python reference (stages/words/passes.py's _py_decode).

    PYTHONPATH=src python bench/core_passes.py [PAIRS.jsonl ...] [--limit N] [--json OUT]

Every call the words stage makes to ``passes.decode`` while ``korrektor.correct`` corrects the
pages' OCR and ground-truth texts (default: the seven development sets) is run three times, on
copies of its tokens and each time with a fresh decoder made as the stage makes it: compiled
(``_core_decode``), in Python (``_py_decode``), and as the stage runs it (its answer goes on).

* parity (exit status 1 on any difference): the decisions (the words, the posteriors' bits, the
  runners-up, the makers), the indices decided from the document's words, and every token's
  ``best`` afterwards; a call the compiled passes decline counts as a difference too;
* speed: the mean per call of both, each on a fresh decoder of its own: first with the
  candidate caches as the pages left them (the searches of the page's new words run in both),
  then once more with them warm (what the passes cost beside the searches).
"""

from __future__ import annotations

import copy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import core_common as cc  # noqa: E402


def fresh(d):
    from korrektor.stages.words.decoder import Decoder

    return Decoder(d.lex, d.em, d.profile, d.context_model, past_bias=d.past_bias,
                   historic_only_penalty=d.historic_only_penalty)


def exact(found, tokens):
    decisions, from_document = found
    return ({i: (w, p.hex(), list(r), m) for i, (w, p, r, m) in decisions.items()}, sorted(from_document),
            [t.best for t in tokens])


def main() -> int:
    ap = cc.parser(__doc__, cc.SEVEN_SETS, repeat=1)
    ap.add_argument("--limit", type=int, default=None, help="the first N pages of each set")
    args = ap.parse_args()
    from korrektor.stages.words import passes

    stats = {"calls": 0, "declined": 0, "differ": 0, "core": 0.0, "py": 0.0, "core_warm": 0.0,
             "py_warm": 0.0, "tokens": 0}
    report: dict = {"sets": {}}
    original = passes.decode
    shown = []

    def wrapped(text, tokens, decoder, skip, terms):
        a = [copy.copy(t) for t in tokens]
        b = [copy.copy(t) for t in tokens]
        t0 = time.perf_counter()
        compiled = passes._core_decode(text, a, fresh(decoder), skip, terms)
        t1 = time.perf_counter()
        py = passes._py_decode(text, b, fresh(decoder), skip, terms)
        t2 = time.perf_counter()
        # once more each, the candidate caches warm now: what the passes cost beside the searches
        a2, b2 = [copy.copy(t) for t in tokens], [copy.copy(t) for t in tokens]
        da, db = fresh(decoder), fresh(decoder)
        t3 = time.perf_counter()
        passes._core_decode(text, a2, da, skip, terms)
        t4 = time.perf_counter()
        passes._py_decode(text, b2, db, skip, terms)
        t5 = time.perf_counter()
        stats["core_warm"] += t4 - t3
        stats["py_warm"] += t5 - t4
        stats["calls"] += 1
        stats["tokens"] += len(tokens)
        stats["core"] += t1 - t0
        stats["py"] += t2 - t1
        if compiled is None:
            stats["declined"] += 1
        elif exact(compiled, a) != exact(py, b):
            stats["differ"] += 1
            if len(shown) < 5:
                ea, eb = exact(compiled, a), exact(py, b)
                keys = sorted(set(ea[0]) | set(eb[0]))
                diff = [(k, ea[0].get(k), eb[0].get(k)) for k in keys if ea[0].get(k) != eb[0].get(k)][:5]
                best = [(k, x, y) for k, (x, y) in enumerate(zip(ea[2], eb[2])) if x != y][:5]
                shown.append((text[:80], diff, ea[1], eb[1], best))
        return original(text, tokens, decoder, skip, terms)

    passes.decode = wrapped
    try:
        for path in map(Path, args.pairs):
            before = stats["calls"]
            t = time.perf_counter()
            cc.correct_pages([path], args.limit)
            print(f"{path}: {stats['calls'] - before:,} calls in {time.perf_counter() - t:.1f} s")
            report["sets"][str(path)] = stats["calls"] - before
    finally:
        passes.decode = original
    for s in shown:
        print("DIFF", *s, sep="\n  ")
    n = max(stats["calls"], 1)
    print(f"\n{stats['calls']:,} calls ({stats['tokens']:,} tokens), {stats['declined']} declined, "
          f"{stats['differ']} differing")
    print(f"per call: compiled {stats['core'] / n * 1e3:.3f} ms, Python {stats['py'] / n * 1e3:.3f} ms "
          f"({stats['py'] / max(stats['core'], 1e-9):.1f}x)")
    print(f"warm caches: compiled {stats['core_warm'] / n * 1e3:.3f} ms, Python {stats['py_warm'] / n * 1e3:.3f} ms "
          f"({stats['py_warm'] / max(stats['core_warm'], 1e-9):.1f}x)")
    report.update(stats)
    return cc.finish(report, args.json, stats["declined"] + stats["differ"])


if __name__ == "__main__":
    sys.exit(main())
