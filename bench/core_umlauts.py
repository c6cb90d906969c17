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

import argparse
import inspect
import json
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
DEFAULTS = [ROOT.parent / "shared" / "bench" / "dev.jsonl", Path("/work/work-data/historic/pairs.jsonl")]


#: the ported searches: name -> (its Python reference, the arguments after the decoder's)
SEARCHES = ("twins", "capitals_twins", "glyph_reading", "loose_compound_twins", "hyphenated_parts")


def patch(fn_for):
    """Replace each ported search wherever a module holds it by ``fn_for(name, original)``;
    returns the function that undoes it."""
    from korrektor.stages.words import decoder, nearby, sources, umlauts

    undo = []
    for name in SEARCHES:
        original = getattr(umlauts, name)
        new = fn_for(name, original)
        for m in (umlauts, sources, decoder, nearby):
            if getattr(m, name, None) is original:
                setattr(m, name, new)
                undo.append((m, name, original))
        searches = sources.NON_WORD_SEARCHES
        sources.NON_WORD_SEARCHES = tuple((n, new if f is original else f) for n, f in searches)
        undo.append((sources, "NON_WORD_SEARCHES", searches))

    def restore():
        for m, name, original in reversed(undo):
            setattr(m, name, original)
    return restore


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls of the ported searches: (name, decoder state, arguments), in order of
    first use (a search's calls inside a ported one are not seen where the core answers it)."""
    import korrektor

    seen: dict[tuple, tuple] = {}
    states: dict[tuple, SimpleNamespace] = {}

    def fn_for(name, original):
        signature = inspect.signature(original)

        def wrapped(d, *args, **kw):
            bound = signature.bind(d, *args, **kw)
            bound.apply_defaults()
            args = bound.args[1:]
            skey = (id(d.lex), id(d.em), d.profile.weight, d.today is not None, id(d.twin_filter))
            state = states.get(skey)
            if state is None:
                state = states[skey] = SimpleNamespace(
                    lex=d.lex, em=d.em, profile=d.profile, today=d.today is not None or None,
                    twin_filter=d.twin_filter)
            key = (name, skey, *(a.hex() if isinstance(a, float) else a for a in args))
            seen.setdefault(key, (name, state, *args))
            return original(d, *args)
        return wrapped

    restore = patch(fn_for)
    try:
        for path in pairs:
            for line in path.open(encoding="utf-8"):
                rec = json.loads(line)
                korrektor.correct(rec["ocr"])
                korrektor.correct(rec["gt"])
    finally:
        restore()
    return list(seen.values())


def exact(res):
    return None if res is None else [(w, float.hex(lp)) for w, lp in res]


def pipeline(pairs: Path, lang: str, py_umlauts: bool) -> None:
    """CPU time of a cold and an unseen pass, and the part of it in the ported searches."""
    import korrektor
    from korrektor.stages.words import umlauts

    if py_umlauts:
        umlauts._USE_CORE = False
    pages = [r["ocr"] for r in map(json.loads, pairs.open(encoding="utf-8")) if r["lang"] == lang]
    korrektor.correct("Warm-up: Lexikon laden.")
    spent = [0.0, 0]
    depth = [0]

    def fn_for(name, original):
        def wrapped(d, *args, **kw):
            depth[0] += 1
            t = time.process_time()
            try:
                return original(d, *args, **kw)
            finally:
                depth[0] -= 1
                if not depth[0]:  # a search inside another is counted in it
                    spent[0] += time.process_time() - t
                    spent[1] += 1
        return wrapped

    patch(fn_for)
    which = ("umlauts in Python, candidate search compiled" if py_umlauts
             else "both in Python" if not umlauts._USE_CORE else "both compiled")
    print(f"{which}; {len(pages)} {lang!r} pages")
    for name, texts in (("cold", pages[0::2]), ("unseen", pages[1::2])):
        spent[:] = [0.0, 0]
        t = time.process_time()
        for p in texts:
            korrektor.correct(p)
        cpu = time.process_time() - t
        chars = sum(map(len, texts))
        print(f"  {name:7} CPU {cpu:6.2f} s ({chars / cpu:,.0f} chars/s); in the searches {spent[0]:5.2f} s "
              f"({spent[1]:,} calls, {spent[0] / max(spent[1], 1) * 1e6:.1f} µs/call, {spent[0] / cpu:.0%})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="*", default=[str(p) for p in DEFAULTS])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the numbers here too")
    ap.add_argument("--pipeline", action="store_true", help="CPU time of the pipeline instead (see above)")
    ap.add_argument("--py-umlauts", action="store_true", help="with --pipeline: this search in Python")
    ap.add_argument("--lang", default="eng")
    args = ap.parse_args()
    if args.pipeline:
        pipeline(Path(args.pairs[0] if args.pairs != [str(p) for p in DEFAULTS] else DEFAULTS[0]),
                 args.lang, args.py_umlauts)
        return 0

    from korrektor import _core
    from korrektor.stages.words import umlauts

    assert umlauts._USE_CORE, "the compiled search is off (KORREKTOR_PY_SEARCH? no extension?)"
    report: dict = {"sets": {}, "speed": {}}
    queries: list[tuple] = []
    for path in map(Path, args.pairs):
        t = time.perf_counter()
        q = record([path])
        print(f"{path}: {len(q):,} distinct calls recorded in {time.perf_counter() - t:.1f} s")
        report["sets"][str(path)] = len(q)
        queries += q

    def core_args(q):
        d = q[1]
        state = umlauts._core_state(d)
        assert state is not None, "the pipeline's lexicon has no core forms"
        return (q[2], state[0], state[1], q[3], q[4], q[5], d.today is not None, state[2])

    twin_calls = [q for q in queries if q[0] == "twins"]
    prepared = [core_args(q) for q in twin_calls]

    def py(q):
        """The Python reference, with the searches it calls in Python too."""
        umlauts._USE_CORE = False
        try:
            return getattr(umlauts, "_py_" + q[0])(*q[1:])
        finally:
            umlauts._USE_CORE = True

    def wired(q):
        return getattr(umlauts, q[0])(*q[1:])

    diffs = []
    found = 0
    kinds: Counter = Counter()
    for q in queries:
        want = exact(py(q))
        found += bool(want)
        kind = (q[0], q[4], q[5], q[1].today is not None) if q[0] == "twins" else (q[0], q[1].today is not None)
        kinds[kind] += 1
        got = exact(wired(q))
        if got != want or (q[0] == "twins" and exact(_core.umlaut_twins(*core_args(q))) != want):
            diffs.append((q[0], q[2:], want, got))
    print(f"parity: {len(queries):,} calls ({found:,} with an answer), {len(diffs)} differences"
          + (f" e.g. {diffs[:3]}" if diffs else ""))
    print("  by kind:", ", ".join(f"{k}: {v:,}" for k, v in sorted(kinds.items())))
    report.update(queries=len(queries), with_answer=found, differences=len(diffs),
                  kinds={str(k): v for k, v in kinds.items()})

    def timed(fn, items) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            for x in items:
                fn(x)
            best = min(best, time.perf_counter() - t)
        return best

    for name, fn, items in (("python (_py_*)", py, queries), ("rust via the Python API", wired, queries),
                            ("rust, umlaut_twins direct", lambda a: _core.umlaut_twins(*a), prepared),
                            ("python, twins calls only", py, twin_calls),
                            ("rust, twins calls only", wired, twin_calls)):
        s = timed(fn, items)
        report["speed"][name] = s
        print(f"  {name:28} {s * 1000:9.1f} ms   {s / len(items) * 1e6:7.2f} µs/call")
    by_kind: dict = {}
    for q in queries:
        kind = (q[0], q[4], q[5], q[1].today is not None) if q[0] == "twins" else (q[0], q[1].today is not None)
        by_kind.setdefault(kind, []).append(q)
    print("  by kind: python / rust through the Python API, µs per call")
    for kind, items in sorted(by_kind.items()):
        p = timed(py, items) / len(items) * 1e6
        r = timed(wired, items) / len(items) * 1e6
        report["speed"][str(kind)] = [p, r]
        print(f"    {str(kind):42} {len(items):7,}  {p:8.2f} / {r:7.2f}  ({p / r:.1f}x)")
    sp = report["speed"]
    print(f"  speed-up: {sp['python (_py_*)'] / sp['rust via the Python API']:.1f}x all calls, "
          f"{sp['python, twins calls only'] / sp['rust, twins calls only']:.1f}x the twins calls")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    print("\nparity:", "identical" if not diffs else f"{len(diffs)} DIFFERENCES")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
