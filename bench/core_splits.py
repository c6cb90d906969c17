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

import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import (DecoderStates, add_pipeline_options, correct_with, finish, in_python,  # noqa: E402
                         measure_pipeline, parser, patch_everywhere, record_sets, timed)

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

    return patch_everywhere(((name, getattr(module(home), name)) for name, home in FUNCTIONS), fn_for,
                            (sources, decoder))


def _hex(x):
    return x.hex() if isinstance(x, float) else x


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls of the ported functions: (name, decoder state, arguments), in order of
    first use."""
    seen: dict[tuple, tuple] = {}
    states = DecoderStates()

    def fn_for(name, original):
        def wrapped(d, *args):
            skey, state = states.of(d)
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

    correct_with(patch(fn_for), pairs)
    return list(seen.values())


def exact(res):
    return None if res is None else [tuple(_hex(x) for x in r) for r in res]


def py(q):
    """The Python reference, with every search it calls in Python too."""
    from korrektor.stages.words import umlauts

    name = q[0]
    home = module(dict(FUNCTIONS)[name])
    with in_python(umlauts):
        return getattr(home, "_py_" + name)(*q[1:])


def wired(q):
    return getattr(module(dict(FUNCTIONS)[q[0]]), q[0])(*q[1:])


def pipeline(pairs: Path, lang: str, py_splits: bool) -> None:
    """CPU time of a cold and an unseen pass, and the part of it in the ported functions."""
    def reference(name, original):
        return getattr(module(dict(FUNCTIONS)[name]), "_py_" + name)

    measure_pipeline(pairs, lang, patch, "these four in Python" if py_splits else "compiled", "the four",
                     outermost=False, inner=reference if py_splits else None)


def main() -> int:
    ap = parser(__doc__)
    add_pipeline_options(ap, "--py-splits", "with --pipeline: the four in Python")
    args = ap.parse_args()
    if args.pipeline:
        pipeline(Path(args.pairs[0]), args.lang, args.py_splits)
        return 0

    from korrektor.stages.words import splits, umlauts

    assert umlauts._USE_CORE and splits._USE_CORE, "the compiled searches are off (KORREKTOR_PY_SEARCH? no extension?)"
    report: dict = {"sets": {}, "speed": {}}
    queries = record_sets(args.pairs, record, report)

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

    print("  python (_py_*) / rust through the Python wrapper, µs per call")
    total_p = total_r = 0.0
    for name, _home in FUNCTIONS:
        items = [q for q in queries if q[0] == name]
        if not items:
            continue
        p, r = timed(py, items, args.repeat), timed(wired, items, args.repeat)
        total_p, total_r = total_p + p, total_r + r
        report["speed"][name] = [p / len(items) * 1e6, r / len(items) * 1e6]
        print(f"    {name:20} {len(items):8,}  {p / len(items) * 1e6:8.2f} / {r / len(items) * 1e6:7.2f}"
              f"  ({p / r:.1f}x; {p * 1000:.0f} / {r * 1000:.0f} ms in all)")
    print(f"  all: {total_p * 1000:.0f} / {total_r * 1000:.0f} ms ({total_p / total_r:.1f}x)")
    return finish(report, args.json, len(diffs))


if __name__ == "__main__":
    sys.exit(main())
