#!/usr/bin/env python3
"""The compiled candidate search (korrektor._core.search_candidates, issue 26) against the Python
search (ErrorModel._py_candidates).

    PYTHONPATH=src python bench/core_search.py [PAIRS.jsonl] [--repeat N] [--json OUT]

Queries: every call the pipeline makes to ``ErrorModel.candidates`` while ``korrektor.correct``
corrects the pages' OCR and ground-truth texts (``bench/compare_outputs.py run`` does the same),
recorded by wrapping the method: token, profile, ``max_edits``, ``limit``; each distinct query once.

* parity (exit status 1 on any difference): the Python search's list against the Rust search's
  (prefix state carried; and the literal prefix test from the root, ``walk=True``): the same words
  in the same order with the same scores, bit for bit (``float.hex``);
* with ``--all-tokens``, parity also on every distinct whitespace-separated token of the pages' OCR
  text, as it stands (punctuation, digits, all caps included), under the profiles "german" and
  "no-umlauts" (max_edits 3, limit 8);
* speed, one thread: each search over all queries (best of ``--repeat`` passes, after the parity
  pass: the lexicon's ``known`` and the error model's ``_parts`` caches are warm for both, so this is
  the search itself plus the ``known`` calls it makes); ms in total, µs per query.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "dev.jsonl"


def record(pairs: Path) -> tuple[list[tuple], object, object]:
    """The distinct queries the pipeline sends to the error model, in order of first use."""
    import korrektor
    from korrektor.errormodel import ErrorModel

    seen: dict[tuple, None] = {}
    used: dict[int, object] = {}
    original = ErrorModel.candidates

    def wrapped(self, token, lexicon, profile=None, max_edits=3, limit=10):
        args = (token, profile, max_edits, limit) if profile is not None else (token, None, max_edits, limit)
        seen.setdefault(args, None)
        used[0], used[1] = self, lexicon
        if profile is None:
            return original(self, token, lexicon, max_edits=max_edits, limit=limit)
        return original(self, token, lexicon, profile, max_edits, limit)

    ErrorModel.candidates = wrapped
    try:
        for line in pairs.open(encoding="utf-8"):
            rec = json.loads(line)
            korrektor.correct(rec["ocr"])
            korrektor.correct(rec["gt"])
    finally:
        ErrorModel.candidates = original
    return list(seen), used[0], used[1]


def exact(res: list[tuple[str, float]]) -> list[tuple[str, str]]:
    return [(w, float.hex(lp)) for w, lp in res]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the numbers here too")
    ap.add_argument("--all-tokens", action="store_true", help="parity on every token of the OCR pages too")
    args = ap.parse_args()

    from korrektor import _core, errormodel
    from korrektor.errormodel import GERMAN

    t = time.perf_counter()
    queries, em, lex = record(Path(args.pairs))
    print(f"{len(queries):,} distinct queries recorded in {time.perf_counter() - t:.1f} s "
          f"(max_edits {sorted({q[2] for q in queries})}, limit {sorted({q[3] for q in queries})}, "
          f"{len({q[1] for q in queries})} profiles)")
    core = errormodel._core_lexicon(lex)
    assert core is not None, "the pipeline's lexicon has no core lexicon"
    known = lex.known

    def table(profile):
        t = em.table(profile or GERMAN)
        if t.core is None:
            t.core = _core.ConfusionTable(t.inv1, t.inv2, t.inv3, t.ident, t.ident_default)
        return t.core

    def py(q):
        return em._py_candidates(q[0], lex, q[1] or GERMAN, q[2], q[3])

    def rust(q, walk=False):
        return _core.search_candidates(q[0], core, table(q[1]), q[2], q[3], known, walk)

    diffs = {"carry": [], "walk": []}
    found = 0
    for q in queries:
        want = exact(py(q))
        found += bool(want)
        for name, walk in (("carry", False), ("walk", True)):
            got = rust(q, walk)
            if got is None or exact(got) != want:
                diffs[name].append((q[0], want[:3], None if got is None else exact(got)[:3]))
    if args.all_tokens:
        from korrektor.errormodel import NO_UMLAUTS

        words = sorted({w for line in Path(args.pairs).open(encoding="utf-8") for w in json.loads(line)["ocr"].split()})
        for profile in (GERMAN, NO_UMLAUTS):
            d = diffs[f"every token, {profile.name}"] = []
            some = 0
            for w in words:
                q = (w, profile, 3, 8)
                want = exact(py(q))
                some += bool(want)
                got = rust(q)
                if got is None or exact(got) != want:
                    d.append((w, want[:3], None if got is None else exact(got)[:3]))
            print(f"parity, every token of the OCR pages, {profile.name}: {len(words):,} tokens "
                  f"({some:,} with candidates), {len(d)} differences" + (f" e.g. {d[:3]}" if d else ""))
    bad = sum(map(len, diffs.values()))
    report: dict = {"queries": len(queries), "with_candidates": found,
                    "differences": {k: len(v) for k, v in diffs.items()}, "speed": {}}
    for name in ("carry", "walk"):
        d = diffs[name]
        print(f"parity, prefix test {name}: {len(queries):,} queries ({found:,} with candidates), "
              f"{len(d)} differences" + (f" e.g. {d[:3]}" if d else ""))

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            for q in queries:
                fn(q)
            best = min(best, time.perf_counter() - t)
        return best

    for name, fn in (("python", py), ("rust (state carried)", rust), ("rust (walk from root)", lambda q: rust(q, True))):
        s = timed(fn)
        report["speed"][name] = s
        print(f"  {name:24} {s * 1000:9.1f} ms   {s / len(queries) * 1e6:7.1f} µs/query")
    sp = report["speed"]
    print(f"  speed-up: {sp['python'] / sp['rust (state carried)']:.1f}x (carried), "
          f"{sp['python'] / sp['rust (walk from root)']:.1f}x (walk)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    print("\nparity:", "identical" if not bad else f"{bad} DIFFERENCES")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
