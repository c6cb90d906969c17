#!/usr/bin/env python3
"""The compiled search for lost umlauts and ß (korrektor._core.umlaut_twins, issue 26) against
the Python search (stages/words/umlauts.py's _py_twins).

    PYTHONPATH=src python bench/core_umlauts.py [PAIRS.jsonl ...] [--repeat N] [--json OUT]

Queries: every call the pipeline makes to ``umlauts.twins`` (directly, and through
``capitals_twins``, ``glyph_reading``, ``sz_glyphs``, ``l_glyphs``, ``hyphenated_parts``,
``loose_compound_twins``, ``old_sz_spellings`` and ``nearby.one_edit_after_umlauts``) while
``korrektor.correct`` corrects the pages' OCR and ground-truth texts (as ``bench/compare_outputs.py
run`` does), recorded by wrapping the function where each module holds it: the token, identity,
depth, reach and the decoder's state (lexicon, error model, profile, ``today`` given or not,
twin filter); each distinct query once. Default sets: the dev bench and the historic set.

* parity (exit status 1 on any difference): Python's list against Rust's, the same words in the
  same order with the same scores, bit for bit (``float.hex``);
* speed, one thread: each search over all queries (best of ``--repeat`` passes after the parity
  pass: the lexicon's caches are warm for both), ms in total and µs per query, and the cost of
  the Python wrapper (``twins``) against calling the core directly.

    PYTHONPATH=src python bench/core_umlauts.py --pipeline [--py-umlauts] [PAIRS.jsonl] [--lang eng]

instead measures the pipeline as ``bench/speed.py`` does (cold: the even-numbered pages of the
language in a fresh process, unseen: then the odd-numbered ones) in **CPU time of the process**
(``time.process_time``, steadier than the wall clock on a shared machine), and the time spent in
``umlauts.twins`` (its calls wrapped). ``--py-umlauts``: this search in Python, the candidate
search still compiled; ``KORREKTOR_PY_SEARCH=1``: both in Python.
"""

from __future__ import annotations

import inspect
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import (DecoderStates, add_pipeline_options, correct_with, finish, hex_scores,  # noqa: E402
                         in_python, measure_pipeline, parser, patch_everywhere, record_sets, speed_rows, timed)

#: the ported searches: name -> (its Python reference, the arguments after the decoder's)
SEARCHES = ("twins", "capitals_twins", "glyph_reading", "loose_compound_twins", "hyphenated_parts")


def patch(fn_for):
    """Replace each ported search wherever a module holds it by ``fn_for(name, original)``;
    returns the function that undoes it."""
    from korrektor.stages.words import decoder, nearby, sources, umlauts

    return patch_everywhere(((name, getattr(umlauts, name)) for name in SEARCHES), fn_for,
                            (umlauts, sources, decoder, nearby))


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls of the ported searches: (name, decoder state, arguments), in order of
    first use (a search's calls inside a ported one are not seen where the core answers it)."""
    seen: dict[tuple, tuple] = {}
    states = DecoderStates()

    def fn_for(name, original):
        signature = inspect.signature(original)

        def wrapped(d, *args, **kw):
            bound = signature.bind(d, *args, **kw)
            bound.apply_defaults()
            args = bound.args[1:]
            skey, state = states.of(d)
            key = (name, skey, *(a.hex() if isinstance(a, float) else a for a in args))
            seen.setdefault(key, (name, state, *args))
            return original(d, *args)
        return wrapped

    correct_with(patch(fn_for), pairs)
    return list(seen.values())


def pipeline(pairs: Path, lang: str, py_umlauts: bool) -> None:
    """CPU time of a cold and an unseen pass, and the part of it in the ported searches."""
    from korrektor.stages.words import umlauts

    if py_umlauts:
        umlauts._USE_CORE = False
    which = ("umlauts in Python, candidate search compiled" if py_umlauts
             else "both in Python" if not umlauts._USE_CORE else "both compiled")
    measure_pipeline(pairs, lang, patch, which)  # a search inside another is counted in it


def main() -> int:
    ap = parser(__doc__)
    add_pipeline_options(ap, "--py-umlauts", "with --pipeline: this search in Python")
    args = ap.parse_args()
    if args.pipeline:
        pipeline(Path(args.pairs[0]), args.lang, args.py_umlauts)
        return 0

    from korrektor import _core
    from korrektor.stages.words import umlauts

    assert umlauts._USE_CORE, "the compiled search is off (KORREKTOR_PY_SEARCH? no extension?)"
    report: dict = {"sets": {}, "speed": {}}
    queries = record_sets(args.pairs, record, report)

    def core_args(q):
        d = q[1]
        state = umlauts._core_state(d)
        assert state is not None, "the pipeline's lexicon has no core forms"
        return (q[2], state[0], state[1], q[3], q[4], q[5], d.today is not None, state[2])

    twin_calls = [q for q in queries if q[0] == "twins"]
    prepared = [core_args(q) for q in twin_calls]

    def py(q):
        """The Python reference, with the searches it calls in Python too."""
        with in_python(umlauts):
            return getattr(umlauts, "_py_" + q[0])(*q[1:])

    def wired(q):
        return getattr(umlauts, q[0])(*q[1:])

    diffs = []
    found = 0
    kinds: Counter = Counter()
    for q in queries:
        want = hex_scores(py(q))
        found += bool(want)
        kind = (q[0], q[4], q[5], q[1].today is not None) if q[0] == "twins" else (q[0], q[1].today is not None)
        kinds[kind] += 1
        got = hex_scores(wired(q))
        if got != want or (q[0] == "twins" and hex_scores(_core.umlaut_twins(*core_args(q))) != want):
            diffs.append((q[0], q[2:], want, got))
    print(f"parity: {len(queries):,} calls ({found:,} with an answer), {len(diffs)} differences"
          + (f" e.g. {diffs[:3]}" if diffs else ""))
    print("  by kind:", ", ".join(f"{k}: {v:,}" for k, v in sorted(kinds.items())))
    report.update(queries=len(queries), with_answer=found, differences=len(diffs),
                  kinds={str(k): v for k, v in kinds.items()})

    for rows, items in (([("python (_py_*)", py), ("rust via the Python API", wired)], queries),
                        ([("rust, umlaut_twins direct", lambda a: _core.umlaut_twins(*a))], prepared),
                        ([("python, twins calls only", py), ("rust, twins calls only", wired)], twin_calls)):
        speed_rows(rows, items, args.repeat, report, 28)
    by_kind: dict = {}
    for q in queries:
        kind = (q[0], q[4], q[5], q[1].today is not None) if q[0] == "twins" else (q[0], q[1].today is not None)
        by_kind.setdefault(kind, []).append(q)
    print("  by kind: python / rust through the Python API, µs per call")
    for kind, items in sorted(by_kind.items()):
        p = timed(py, items, args.repeat) / len(items) * 1e6
        r = timed(wired, items, args.repeat) / len(items) * 1e6
        report["speed"][str(kind)] = [p, r]
        print(f"    {str(kind):42} {len(items):7,}  {p:8.2f} / {r:7.2f}  ({p / r:.1f}x)")
    sp = report["speed"]
    print(f"  speed-up: {sp['python (_py_*)'] / sp['rust via the Python API']:.1f}x all calls, "
          f"{sp['python, twins calls only'] / sp['rust, twins calls only']:.1f}x the twins calls")
    return finish(report, args.json, len(diffs))


if __name__ == "__main__":
    sys.exit(main())
