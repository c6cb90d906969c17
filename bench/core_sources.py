#!/usr/bin/env python3
"""The compiled candidates of the words stage (korrektor._core.Sources, rust/src/sources.rs, issue
26) against the Python ones (stages/words/sources.py's _py_candidates).

    PYTHONPATH=src python bench/core_sources.py [PAIRS.jsonl ...] [--python-searches] [--repeat N]

Queries: every call of ``sources.candidates`` (a decoder's candidate cache missed) while
``korrektor.correct`` corrects the pages' OCR and ground-truth texts, recorded with the decoder
and the token; each distinct (decoder's page, token) once. Default sets: the dev bench and the
historic set.

* parity (exit status 1 on any difference): the same candidates in the same order, the same
  makers, the scores bit for bit (``float.hex``). The Python reference asks each search through
  its module's function, which runs compiled itself; ``--python-searches`` runs those in Python
  too (every module's switch off), slower;
* speed, one thread: both over all queries (best of ``--repeat`` passes), µs per call.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULTS = [ROOT.parent / "shared" / "bench" / "dev.jsonl", Path("/work/work-data/historic/pairs.jsonl")]


class _Token:
    __slots__ = ("core", "known", "acronym")

    def __init__(self, t):
        self.core, self.known, self.acronym = t.core, t.known, t.acronym


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls of ``sources.candidates``: (decoder, token), in order of first use."""
    import korrektor
    from korrektor.stages.words import decoder, sources

    seen: dict[tuple, tuple] = {}
    original = sources.candidates

    def candidates(d, t):
        if d.today is None:
            key = (id(d.lex), id(d.em), d.profile.weight, id(d.twin_filter), t.core, t.known, t.acronym)
            seen.setdefault(key, (d, _Token(t)))
        return original(d, t)

    decoder.sources.candidates = candidates
    try:
        for path in pairs:
            for line in path.open(encoding="utf-8"):
                rec = json.loads(line)
                korrektor.correct(rec["ocr"])
                korrektor.correct(rec["gt"])
    finally:
        decoder.sources.candidates = original
    return list(seen.values())


def exact(cands):
    return None if cands is None else [(w, float.hex(lp), maker) for w, lp, maker in cands]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="*", default=[str(p) for p in DEFAULTS])
    ap.add_argument("--python-searches", action="store_true", help="the reference's searches in Python too")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the numbers here too")
    args = ap.parse_args()
    from korrektor.stages.words import nearby, sources, splits, umlauts

    assert sources._USE_CORE and sources._searches_compiled(), "the compiled candidates are off"
    report: dict = {"sets": {}, "speed": {}}
    queries: list[tuple] = []
    for path in map(Path, args.pairs):
        t = time.perf_counter()
        q = record([path])
        print(f"{path}: {len(q):,} distinct calls recorded in {time.perf_counter() - t:.1f} s")
        report["sets"][str(path)] = len(q)
        queries += q

    switches = (umlauts, nearby, splits)

    def python(q):
        if not args.python_searches:
            return exact(sources._py_candidates(*q))
        for m in switches:
            m._USE_CORE = False
        try:
            return exact(sources._py_candidates(*q))
        finally:
            for m in switches:
                m._USE_CORE = True

    def compiled(q):
        d, t = q
        st = sources._core_sources(d)
        return None if st is None else exact(st.candidates(t.core, t.known, t.acronym))

    diffs, kinds, declined = [], Counter(), 0
    for q in queries:
        want, got = python(q), compiled(q)
        t = q[1]
        kinds["acronym" if t.acronym else "known" if t.known else "non-word"] += 1
        if got is None:
            declined += 1
        elif got != want:
            diffs.append((t.core, want, got))
    print(f"parity: {len(queries):,} calls ({declined:,} left to Python), {len(diffs)} differences"
          + (f" e.g. {diffs[:2]}" if diffs else ""))
    print("  by token:", ", ".join(f"{k}: {v:,}" for k, v in sorted(kinds.items())))
    report.update(queries=len(queries), declined=declined, differences=len(diffs), kinds=dict(kinds))

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            for q in queries:
                fn(q)
            best = min(best, time.perf_counter() - t)
        return best

    for name, fn in (("python (_py_candidates)", python), ("rust (Sources.candidates)", compiled)):
        s = timed(fn)
        report["speed"][name] = s
        print(f"  {name:26} {s * 1000:9.1f} ms   {s / len(queries) * 1e6:7.2f} µs/call")
    sp = report["speed"]
    print(f"  speed-up: {sp['python (_py_candidates)'] / sp['rust (Sources.candidates)']:.1f}x")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    print("\nparity:", "identical" if not diffs and not declined else f"{len(diffs)} DIFFERENCES, {declined} declined")
    return 1 if diffs or declined else 0


if __name__ == "__main__":
    sys.exit(main())
