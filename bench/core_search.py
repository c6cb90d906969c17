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

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import DEV_BENCH, correct_pages, finish, hex_scores, parser, speed_rows  # noqa: E402


def record(pairs: Path) -> tuple[list[tuple], object, object]:
    """The distinct queries the pipeline sends to the error model, in order of first use."""
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

    from korrektor.stages.words import sources

    # the compiled candidates run the search inside Rust: ask each search through Python here,
    # so that every call reaches the error model's method
    use = sources._USE_CORE
    ErrorModel.candidates, sources._USE_CORE = wrapped, False
    try:
        correct_pages([pairs])
    finally:
        ErrorModel.candidates, sources._USE_CORE = original, use
    return list(seen), used[0], used[1]


def main() -> int:
    ap = parser(__doc__, DEV_BENCH)
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
        want = hex_scores(py(q))
        found += bool(want)
        for name, walk in (("carry", False), ("walk", True)):
            got = rust(q, walk)
            if got is None or hex_scores(got) != want:
                diffs[name].append((q[0], want[:3], None if got is None else hex_scores(got)[:3]))
    if args.all_tokens:
        from korrektor.errormodel import NO_UMLAUTS

        words = sorted({w for line in Path(args.pairs).open(encoding="utf-8") for w in json.loads(line)["ocr"].split()})
        for profile in (GERMAN, NO_UMLAUTS):
            d = diffs[f"every token, {profile.name}"] = []
            some = 0
            for w in words:
                q = (w, profile, 3, 8)
                want = hex_scores(py(q))
                some += bool(want)
                got = rust(q)
                if got is None or hex_scores(got) != want:
                    d.append((w, want[:3], None if got is None else hex_scores(got)[:3]))
            print(f"parity, every token of the OCR pages, {profile.name}: {len(words):,} tokens "
                  f"({some:,} with candidates), {len(d)} differences" + (f" e.g. {d[:3]}" if d else ""))
    bad = sum(map(len, diffs.values()))
    report: dict = {"queries": len(queries), "with_candidates": found,
                    "differences": {k: len(v) for k, v in diffs.items()}, "speed": {}}
    for name in ("carry", "walk"):
        d = diffs[name]
        print(f"parity, prefix test {name}: {len(queries):,} queries ({found:,} with candidates), "
              f"{len(d)} differences" + (f" e.g. {d[:3]}" if d else ""))

    rows = (("python", py), ("rust (state carried)", rust), ("rust (walk from root)", lambda q: rust(q, True)))
    sp = speed_rows(rows, queries, args.repeat, report, 24, unit="query", digits=1)
    print(f"  speed-up: {sp['python'] / sp['rust (state carried)']:.1f}x (carried), "
          f"{sp['python'] / sp['rust (walk from root)']:.1f}x (walk)")
    return finish(report, args.json, bad)


if __name__ == "__main__":
    sys.exit(main())
