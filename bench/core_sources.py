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

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import TokenCopy, correct_pages, finish, in_python, parser, record_sets, speed_rows  # noqa: E402


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls of ``sources.candidates``: (decoder, token), in order of first use."""
    from korrektor.stages.words import decoder, sources

    seen: dict[tuple, tuple] = {}
    original = sources.candidates

    def candidates(d, t):
        if d.today is None:
            key = (id(d.lex), id(d.em), d.profile.weight, id(d.twin_filter), t.core, t.known, t.acronym)
            seen.setdefault(key, (d, TokenCopy(t)))
        return original(d, t)

    decoder.sources.candidates = candidates
    try:
        correct_pages(pairs)
    finally:
        decoder.sources.candidates = original
    return list(seen.values())


def exact(cands):
    return None if cands is None else [(w, float.hex(lp), maker) for w, lp, maker in cands]


def main() -> int:
    ap = parser(__doc__)
    ap.add_argument("--python-searches", action="store_true", help="the reference's searches in Python too")
    args = ap.parse_args()
    from korrektor.stages.words import nearby, sources, splits, umlauts

    assert sources._USE_CORE and sources._searches_compiled(), "the compiled candidates are off"
    report: dict = {"sets": {}, "speed": {}}
    queries = record_sets(args.pairs, record, report)

    switches = (umlauts, nearby, splits)

    def python(q):
        if not args.python_searches:
            return exact(sources._py_candidates(*q))
        with in_python(*switches):
            return exact(sources._py_candidates(*q))

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

    sp = speed_rows((("python (_py_candidates)", python), ("rust (Sources.candidates)", compiled)), queries,
                    args.repeat, report, 26)
    print(f"  speed-up: {sp['python (_py_candidates)'] / sp['rust (Sources.candidates)']:.1f}x")
    return finish(report, args.json, len(diffs) + declined, different=f"{len(diffs)} DIFFERENCES, {declined} declined")


if __name__ == "__main__":
    sys.exit(main())
