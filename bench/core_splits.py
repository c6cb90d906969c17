#!/usr/bin/env python3
"""The compiled splits and small umlaut searches (korrektor._core.splits, lost_hyphen,
umlaut_old_sz_spellings, umlaut_lowercase_variants; issue 26) against the Python references
(stages/words/splits.py's _py_splits, _py_lost_hyphen; umlauts.py's _py_old_sz_spellings,
_py_lowercase_variants).

    PYTHONPATH=src python bench/core_splits.py [PAIRS.jsonl ...] [--repeat N] [--json OUT]

Queries: every call the pipeline makes to ``splits``, ``lost_hyphen``, ``old_sz_spellings`` and
``lowercase_variants`` while ``korrektor.correct`` corrects the pages' OCR and ground-truth texts
(as ``bench/compare_outputs.py run`` does), recorded by wrapping the functions where the words
stage holds them (``sources``): the arguments (a copy of the candidate lists, which the caller
extends afterwards; the token's ``core`` and ``acronym``) and the decoder's state (lexicon, error
model, profile, ``today`` given or not, twin filter); each distinct call once. Default sets: the
dev bench and the historic set.

* parity (exit status 1 on any difference): Python's list against Rust's through the Python
  wrapper, the same entries in the same order with the same scores, bit for bit (``float.hex``);
* speed, one thread: each function over its queries (best of ``--repeat`` passes after the
  parity pass), µs per call, Python against the compiled one through its wrapper.

    PYTHONPATH=src python bench/core_splits.py --pipeline [--py-splits] [PAIRS.jsonl] [--lang eng]

instead measures the pipeline's **CPU time** as ``bench/core_umlauts.py --pipeline`` does (cold:
the even-numbered pages of the language in a fresh process, unseen: the odd-numbered ones), and
the time spent in the four functions. ``--py-splits``: these four in Python (the other
searches compiled: the state before this port).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
DEFAULTS = [ROOT.parent / "shared" / "bench" / "dev.jsonl", Path("/work/work-data/historic/pairs.jsonl")]

#: the ported functions and the module that defines each
FUNCTIONS = (("splits", "splits"), ("lost_hyphen", "splits"), ("old_sz_spellings", "umlauts"),
             ("lowercase_variants", "umlauts"))


def module(name: str):
    from korrektor.stages.words import splits, umlauts

    return {"splits": splits, "umlauts": umlauts}[name]


def patch(fn_for):
    """Replace each ported function wherever the words stage holds it by ``fn_for(name,
    original)``; returns the function that undoes it."""
    from korrektor.stages.words import decoder, sources

    undo = []
    for name, home in FUNCTIONS:
        original = getattr(module(home), name)
        new = fn_for(name, original)
        for m in (sources, decoder):
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


def _hex(x):
    return x.hex() if isinstance(x, float) else x


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls of the ported functions: (name, decoder state, arguments), in order of
    first use."""
    import korrektor

    seen: dict[tuple, tuple] = {}
    states: dict[tuple, SimpleNamespace] = {}

    def fn_for(name, original):
        def wrapped(d, *args):
            skey = (id(d.lex), id(d.em), d.profile.weight, d.today is not None, id(d.twin_filter))
            state = states.get(skey)
            if state is None:
                state = states[skey] = SimpleNamespace(
                    lex=d.lex, em=d.em, profile=d.profile, today=d.today is not None or None,
                    twin_filter=d.twin_filter)
            if name == "old_sz_spellings":
                t, today = args
                kept = (SimpleNamespace(core=t.core, acronym=t.acronym), [tuple(c) for c in today])
                key = (t.core, bool(t.acronym), tuple(tuple(map(_hex, c)) for c in today))
            elif name == "lowercase_variants":
                kept = ([tuple(c) for c in args[0]],)
                key = tuple(tuple(map(_hex, c)) for c in args[0])
            else:
                kept, key = args, tuple(map(_hex, args))
            seen.setdefault((name, skey, key), (name, state, *kept))
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
    return None if res is None else [tuple(_hex(x) for x in r) for r in res]


def py(q):
    """The Python reference, with every search it calls in Python too."""
    from korrektor.stages.words import umlauts

    name = q[0]
    home = module(dict(FUNCTIONS)[name])
    umlauts._USE_CORE = False
    try:
        return getattr(home, "_py_" + name)(*q[1:])
    finally:
        umlauts._USE_CORE = True


def wired(q):
    return getattr(module(dict(FUNCTIONS)[q[0]]), q[0])(*q[1:])


def pipeline(pairs: Path, lang: str, py_splits: bool) -> None:
    """CPU time of a cold and an unseen pass, and the part of it in the ported functions."""
    import korrektor

    pages = [r["ocr"] for r in map(json.loads, pairs.open(encoding="utf-8")) if r["lang"] == lang]
    korrektor.correct("Warm-up: Lexikon laden.")
    spent = [0.0, 0]

    def fn_for(name, original):
        inner = getattr(module(dict(FUNCTIONS)[name]), "_py_" + name) if py_splits else original

        def wrapped(d, *args):
            t = time.process_time()
            try:
                return inner(d, *args)
            finally:
                spent[0] += time.process_time() - t
                spent[1] += 1
        return wrapped

    patch(fn_for)
    print(f"{'these four in Python' if py_splits else 'compiled'}; {len(pages)} {lang!r} pages")
    for name, texts in (("cold", pages[0::2]), ("unseen", pages[1::2])):
        spent[:] = [0.0, 0]
        t = time.process_time()
        for p in texts:
            korrektor.correct(p)
        cpu = time.process_time() - t
        chars = sum(map(len, texts))
        print(f"  {name:7} CPU {cpu:6.2f} s ({chars / cpu:,.0f} chars/s); in the four {spent[0]:5.2f} s "
              f"({spent[1]:,} calls, {spent[0] / max(spent[1], 1) * 1e6:.1f} µs/call, {spent[0] / cpu:.0%})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="*", default=[str(p) for p in DEFAULTS])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the numbers here too")
    ap.add_argument("--pipeline", action="store_true", help="CPU time of the pipeline instead (see above)")
    ap.add_argument("--py-splits", action="store_true", help="with --pipeline: the four in Python")
    ap.add_argument("--lang", default="eng")
    args = ap.parse_args()
    if args.pipeline:
        pipeline(Path(args.pairs[0] if args.pairs != [str(p) for p in DEFAULTS] else DEFAULTS[0]),
                 args.lang, args.py_splits)
        return 0

    from korrektor.stages.words import splits, umlauts

    assert umlauts._USE_CORE and splits._USE_CORE, "the compiled searches are off (KORREKTOR_PY_SEARCH? no extension?)"
    report: dict = {"sets": {}, "speed": {}}
    queries: list[tuple] = []
    for path in map(Path, args.pairs):
        t = time.perf_counter()
        q = record([path])
        print(f"{path}: {len(q):,} distinct calls recorded in {time.perf_counter() - t:.1f} s")
        report["sets"][str(path)] = len(q)
        queries += q

    diffs = []
    kinds: Counter = Counter()
    answered: Counter = Counter()
    for q in queries:
        want = exact(py(q))
        kinds[q[0]] += 1
        answered[q[0]] += bool(want)
        got = exact(wired(q))
        if got != want:
            diffs.append((q[0], q[2:], want, got))
    print(f"parity: {len(queries):,} calls, {len(diffs)} differences" + (f" e.g. {diffs[:3]}" if diffs else ""))
    print("  by function (calls, with an answer):",
          ", ".join(f"{k}: {v:,} ({answered[k]:,})" for k, v in sorted(kinds.items())))
    report.update(queries=len(queries), differences=len(diffs), kinds=dict(kinds), answered=dict(answered))

    def timed(fn, items) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            for x in items:
                fn(x)
            best = min(best, time.perf_counter() - t)
        return best

    print("  python (_py_*) / rust through the Python wrapper, µs per call")
    total_p = total_r = 0.0
    for name, _home in FUNCTIONS:
        items = [q for q in queries if q[0] == name]
        if not items:
            continue
        p, r = timed(py, items), timed(wired, items)
        total_p, total_r = total_p + p, total_r + r
        report["speed"][name] = [p / len(items) * 1e6, r / len(items) * 1e6]
        print(f"    {name:20} {len(items):8,}  {p / len(items) * 1e6:8.2f} / {r / len(items) * 1e6:7.2f}"
              f"  ({p / r:.1f}x; {p * 1000:.0f} / {r * 1000:.0f} ms in all)")
    print(f"  all: {total_p * 1000:.0f} / {total_r * 1000:.0f} ms ({total_p / total_r:.1f}x)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    print("\nparity:", "identical" if not diffs else f"{len(diffs)} DIFFERENCES")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
