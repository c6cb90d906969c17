#!/usr/bin/env python3
"""The compiled searches for words a few letters from a non-word (korrektor._core.nearby_*,
rust/src/nearby.rs, issue 26) against the Python searches (stages/words/nearby.py's _py_*).

    PYTHONPATH=src python bench/core_nearby.py [PAIRS.jsonl ...] [--repeat N] [--json OUT]

Queries: every call the pipeline makes to ``nearby``'s ``corpus_only``, ``one_edit_away``,
``compounds_one_edit_away``, ``one_edit_after_umlauts``, ``near_words``, ``similar_words``,
``far_words`` and ``other_ending`` while ``korrektor.correct`` corrects the pages' OCR and
ground-truth texts (as ``bench/compare_outputs.py run`` does), recorded by wrapping each function
where a module holds it, with the searches in Python while recording (so that the calls one
search makes to another are seen too): the arguments and the decoder's state (lexicon, error
model, profile, ``today`` given or not, twin filter, character model); each distinct call once.
Default sets: the dev bench and the historic set.

* parity (exit status 1 on any difference): the Python reference (``_py_*``, with every search it
  calls in Python too, the umlaut searches included) against the wired function (compiled), the
  same answer (words, order, scores bit for bit: ``float.hex``); and how many calls the compiled
  wrapper left to Python (a token with a lone surrogate);
* speed, one thread: each function over its calls (best of ``--repeat`` passes after the parity
  pass), µs per call, Python against compiled.

    PYTHONPATH=src python bench/core_nearby.py --pipeline [--py-nearby] [PAIRS.jsonl] [--lang eng]

instead measures the pipeline as ``bench/speed.py`` does (cold: the even-numbered pages of the
language in a fresh process, unseen: then the odd-numbered ones) in CPU time of the process
(``time.process_time``), and the time spent in these searches (the outermost calls wrapped).
``--py-nearby``: these searches in Python, the others compiled; ``KORREKTOR_PY_SEARCH=1``: all in
Python.
"""

from __future__ import annotations

import inspect
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import (DecoderStates, add_pipeline_options, correct_with, finish, in_python,  # noqa: E402
                         measure_pipeline, parser, patch_everywhere, record_sets, timed)

#: the ported functions (each has its Python reference ``_py_<name>``)
SEARCHES = ("corpus_only", "one_edit_away", "compounds_one_edit_away", "one_edit_after_umlauts",
            "near_words", "similar_words", "far_words", "other_ending")


def patch(fn_for):
    """Replace each ported function wherever a module holds it by ``fn_for(name, original)``;
    returns the function that undoes it."""
    from korrektor.stages.words import document, nearby, sources

    return patch_everywhere(((name, getattr(nearby, name)) for name in SEARCHES), fn_for, (nearby, sources, document))


def _key(a):
    if isinstance(a, float):
        return a.hex()
    if isinstance(a, (list, tuple)):
        return tuple(map(_key, a))
    if hasattr(a, "pattern"):
        return ("re", a.pattern)
    return a


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls of the ported functions: (name, decoder state or None, arguments), in
    order of first use."""
    from korrektor.stages.words import nearby

    seen: dict[tuple, tuple] = {}
    states = DecoderStates(chars=True)

    def fn_for(name, original):
        signature = inspect.signature(original)

        def wrapped(*args, **kw):
            bound = signature.bind(*args, **kw)
            bound.apply_defaults()
            args = bound.args
            state = None
            if name != "other_ending":
                d, args = args[0], args[1:]
                skey, state = states.of(d)
                key = (name, skey, *map(_key, args))
                stored = tuple(list(a) if isinstance(a, list) else a for a in args)
                seen.setdefault(key, (name, state, *stored))
                return original(d, *args)
            key = (name, None, *map(_key, args))
            seen.setdefault(key, (name, None, *args))
            return original(*args)
        return wrapped

    with in_python(nearby):  # the Python searches: their calls to each other are seen
        correct_with(patch(fn_for), pairs)
    return list(seen.values())


def exact(res):
    """An answer with its floats as hex (a list of tuples, or a bool)."""
    if isinstance(res, list):
        return [tuple(x.hex() if isinstance(x, float) else x for x in item) for item in res]
    return res


def call(q, fn):
    return fn(*q[2:]) if q[1] is None else fn(q[1], *q[2:])


def pipeline(pairs: Path, lang: str, py_nearby: bool) -> None:
    """CPU time of a cold and an unseen pass, and the part of it in the ported functions."""
    from korrektor.stages.words import nearby, umlauts

    if py_nearby:
        nearby._USE_CORE = False
    which = ("nearby in Python, the other searches compiled" if py_nearby
             else "all in Python" if not umlauts._USE_CORE else "all compiled")
    measure_pipeline(pairs, lang, patch, which)  # a search inside another is counted in it


def main() -> int:
    ap = parser(__doc__)
    add_pipeline_options(ap, "--py-nearby", "with --pipeline: these searches in Python")
    args = ap.parse_args()
    if args.pipeline:
        pipeline(Path(args.pairs[0]), args.lang, args.py_nearby)
        return 0

    from korrektor.stages.words import nearby, umlauts

    assert nearby._USE_CORE and umlauts._USE_CORE, "the compiled searches are off (KORREKTOR_PY_SEARCH? no extension?)"
    report: dict = {"sets": {}, "speed": {}}
    queries = record_sets(args.pairs, record, report)
    for q in queries:
        if q[1] is not None:
            assert None not in (nearby._core_state(q[1]) or (None,)), "the pipeline's decoder has no compiled state"

    def py(q):
        """The Python reference, with the searches it calls in Python too."""
        with in_python(nearby, umlauts):
            return call(q, getattr(nearby, "_py_" + q[0]))

    def wired(q):
        return call(q, getattr(nearby, q[0]))

    # the calls the compiled wrappers leave to Python
    left = Counter()
    originals = {name: getattr(nearby, "_py_" + name) for name in SEARCHES}

    def counting(name):
        def fn(*a, **kw):
            left[name] += 1
            return originals[name](*a, **kw)
        return fn

    diffs = []
    found: Counter = Counter()
    kinds: Counter = Counter(q[0] for q in queries)
    for q in queries:
        want = exact(py(q))
        found[q[0]] += bool(want)
        for name in SEARCHES:
            setattr(nearby, "_py_" + name, counting(name))
        try:
            got = exact(wired(q))
        finally:
            for name in SEARCHES:
                setattr(nearby, "_py_" + name, originals[name])
        if got != want:
            diffs.append((q[0], q[2:], want, got))
    print(f"parity: {len(queries):,} calls, {len(diffs)} differences" + (f" e.g. {diffs[:3]}" if diffs else ""))
    for name in SEARCHES:
        print(f"  {name:24} {kinds[name]:8,} calls, {found[name]:7,} with an answer, {left[name]:4} left to Python")
    report.update(queries=len(queries), differences=len(diffs), kinds=dict(kinds), with_answer=dict(found),
                  left_to_python=dict(left))

    by_name = defaultdict(list)
    for q in queries:
        by_name[q[0]].append(q)
    print("  speed: python (_py_*) / compiled through the Python API, µs per call")
    total_p = total_r = 0.0
    for name in SEARCHES:
        items = by_name[name]
        if not items:
            continue
        p, r = timed(py, items, args.repeat), timed(wired, items, args.repeat)
        total_p, total_r = total_p + p, total_r + r
        per = [p / len(items) * 1e6, r / len(items) * 1e6]
        print(f"    {name:24} {len(items):8,}  {per[0]:9.2f} / {per[1]:7.2f}  ({p / r:.1f}x)")
        report["speed"][name] = per
    print(f"  all calls: {total_p * 1000:.0f} ms / {total_r * 1000:.0f} ms ({total_p / total_r:.1f}x)")
    return finish(report, args.json, len(diffs))


if __name__ == "__main__":
    sys.exit(main())
