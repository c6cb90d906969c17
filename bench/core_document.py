#!/usr/bin/env python3
"""The words stage's compiled passes over the token list (korrektor._core.foreign_sentences,
protect_units, past_bias, historic_only_penalty, document_terms, document_words; issue 26)
against the Python references (stages/words/tokens.py's _py_foreign_sentences and protect_units;
joins.py's _py_join_broken_words;
tense.py's _py_past_bias; era.py's _py_historic_only_penalty; document.py's _py_document_terms and
document_words). protect_units and document_words are compiled for the compiled words stage but
not called from Python: there handing the tokens over costs more than the pass.

    PYTHONPATH=src python bench/core_document.py [PAIRS.jsonl ...] [--repeat N] [--json OUT]

Queries: every call the words stage makes to the ported functions while ``korrektor.correct`` corrects the
pages' OCR and ground-truth texts, recorded by wrapping them where the stage holds them
(``korrektor.stages.words``, ``passes``): a copy of the tokens (the passes read them, ``protect_units``
marks them) and the decoder; each distinct call once. Default sets: the dev bench and the
historic set.

* parity (exit status 1 on any difference): the answer (the set of indices; the tokens'
  ``protected`` flags after ``protect_units``; the float's bits; the list of words) and the
  tokens whose ``lost_umlauts`` or ``candidates`` was asked, in order, Python against Rust through the Python wrapper;
* speed, one thread: each function over its queries (best of ``--repeat`` passes), µs per call.

    PYTHONPATH=src python bench/core_document.py --pipeline [--py-passes] [PAIRS.jsonl] [--lang eng]

instead measures the pipeline's **CPU time** as ``bench/core_umlauts.py --pipeline`` does (cold:
the even-numbered pages of the language in a fresh process, unseen: the odd-numbered ones), and
the time spent in the ported functions. ``--py-passes``: these in Python (the state before this port).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULTS = [ROOT.parent / "shared" / "bench" / "dev.jsonl", Path("/work/work-data/historic/pairs.jsonl")]
if not DEFAULTS[0].exists():
    DEFAULTS[0] = Path("/work/shared/bench/dev.jsonl")

FUNCTIONS = ("foreign_sentences", "protect_units", "past_bias", "historic_only_penalty", "document_terms",
             "document_words", "join_broken_words")


def homes():
    from korrektor.stages.words import document, era, joins, tense, tokens

    return {"foreign_sentences": tokens, "protect_units": tokens, "past_bias": tense,
            "historic_only_penalty": era, "document_terms": document, "document_words": document,
            "join_broken_words": joins}


def patch(fn_for):
    """Replace the ported functions where the words stage holds them by ``fn_for(name,
    original)``."""
    from korrektor.stages import words
    from korrektor.stages.words import passes

    undo = []
    for name in FUNCTIONS:
        holder = passes if name == "document_words" else words
        original = getattr(holder, name)
        setattr(holder, name, fn_for(name, original))
        undo.append((holder, name, original))

    def restore():
        for holder, name, original in undo:
            setattr(holder, name, original)
    return restore


def _fields(t):
    return (t.start, t.end, t.core, t.sentence_end, t.known, t.protected, t.best, t.acronym, t.lower_noun,
            t.merged, t.spaced, t.paragraph_end)


class Asking:
    """A decoder that answers ``lost_umlauts`` and ``candidates`` as the real one and notes whom
    it was asked for."""

    def __init__(self, decoder):
        self.decoder = decoder
        self.asked: list[str] = []

    def lost_umlauts(self, t):
        self.asked.append(t.core)
        return self.decoder.lost_umlauts(t)

    def candidates(self, t):
        self.asked.append(("candidates", t.core))
        return self.decoder.candidates(t)


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls: (name, arguments...), in order of first use."""
    import korrektor

    seen: dict[tuple, tuple] = {}

    def fn_for(name, original):
        def wrapped(*args):
            if name == "foreign_sentences":
                tokens, decoder = args
                key = (name, tuple(map(_fields, tokens)))
                kept = (name, [copy.copy(t) for t in tokens], decoder)
            elif name == "protect_units":
                text, tokens, decoder = args
                key = (name, text, tuple(map(_fields, tokens)))
                kept = (name, text, [copy.copy(t) for t in tokens], decoder)
            elif name == "document_terms":
                tokens, profile, decoder = args
                key = (name, tuple(map(_fields, tokens)), profile.name)
                kept = (name, [copy.copy(t) for t in tokens], profile, decoder)
            elif name == "document_words":
                tokens, lexicon = args
                key = (name, tuple(map(_fields, tokens)), id(lexicon))
                kept = (name, [copy.copy(t) for t in tokens], lexicon)
            elif name == "join_broken_words":
                text, tokens, lexicon, skip = args
                key = (name, text, tuple(map(_fields, tokens)), id(lexicon), tuple(sorted(skip)))
                kept = (name, text, [copy.copy(t) for t in tokens], lexicon, set(skip))
            elif name == "past_bias":
                key = (name, tuple(args[0]))
                kept = (name, list(args[0]))
            else:
                key = (name, tuple(args[0]), id(args[1]))
                kept = (name, list(args[0]), args[1])
            seen.setdefault(key, kept)
            return original(*args)
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


def answer(q, fn):
    """What ``fn`` answers to the query: comparable, with the tokens asked about."""
    name = q[0]
    if name == "foreign_sentences":
        d = Asking(q[2])
        return sorted(fn([copy.copy(t) for t in q[1]], d)), d.asked
    if name == "protect_units":
        d = Asking(q[3])
        tokens = [copy.copy(t) for t in q[2]]
        fn(q[1], tokens, d)
        return [t.protected for t in tokens], d.asked
    if name == "document_terms":
        d = Asking(q[3])
        return sorted(fn(q[1], q[2], d)), d.asked
    if name == "join_broken_words":
        found = fn(q[1], [copy.copy(t) for t in q[2]], q[3], set(q[4]))
        return [tuple(x.hex() if isinstance(x, float) else x for x in _fields(t)) for t in found]
    found = fn(*q[1:])
    return found.hex() if isinstance(found, float) else found


def py(q):
    name = q[0]
    return answer(q, getattr(homes()[name], name if name in DIRECT else "_py_" + name))


#: compiled but not called from the Python pass (handing the tokens over costs more than the
#: pass): the core's function is compared and timed directly
DIRECT = {"protect_units": lambda text, tokens, d: _core().protect_units(text, [t for t in tokens if not t.known],
                                                                          d.lost_umlauts),
          "document_words": lambda tokens, lexicon: _core().document_words(tokens, lexicon)}


def _core():
    from korrektor import _core as core

    return core


def compiled(name):
    return DIRECT.get(name) or getattr(homes()[name], name)


def wired(q):
    return answer(q, compiled(q[0]))


def python_passes():
    """The ported passes in Python from now on."""
    from korrektor.stages.words import document, era, joins, tense, tokens

    tokens._PASSES_AGREE = False
    tense._CORE_TENSE = None
    era._CORE_ERA = None
    document._CORE_DOCUMENT = None
    joins._CORE_BROKEN_WORDS = None


def pipeline(pairs: Path, lang: str, py_passes: bool) -> None:
    """CPU time of a cold and an unseen pass, and the part of it in the ported functions."""
    import korrektor

    if py_passes:
        python_passes()
    pages = [r["ocr"] for r in map(json.loads, pairs.open(encoding="utf-8")) if r["lang"] == lang]
    korrektor.correct("Warm-up: Lexikon laden.")
    spent = [0.0, 0]

    def fn_for(name, original):
        def wrapped(*args):
            t = time.process_time()
            try:
                return original(*args)
            finally:
                spent[0] += time.process_time() - t
                spent[1] += 1
        return wrapped

    patch(fn_for)
    print(f"{'the ported functions in Python' if py_passes else 'compiled'}; {len(pages)} {lang!r} pages")
    for name, texts in (("cold", pages[0::2]), ("unseen", pages[1::2])):
        spent[:] = [0.0, 0]
        t = time.process_time()
        for p in texts:
            korrektor.correct(p)
        cpu = time.process_time() - t
        chars = sum(map(len, texts))
        print(f"  {name:7} CPU {cpu:6.2f} s ({chars / cpu:,.0f} chars/s); in the ported functions {spent[0]:5.2f} s "
              f"({spent[1]:,} calls, {spent[0] / max(spent[1], 1) * 1e6:.1f} µs/call, {spent[0] / cpu:.0%})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="*", default=[str(p) for p in DEFAULTS])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the numbers here too")
    ap.add_argument("--pipeline", action="store_true", help="CPU time of the pipeline instead (see above)")
    ap.add_argument("--py-passes", action="store_true", help="with --pipeline: the ported functions in Python")
    ap.add_argument("--lang", default="eng")
    args = ap.parse_args()
    if args.pipeline:
        pipeline(Path(args.pairs[0]), args.lang, args.py_passes)
        return 0

    from korrektor.stages.words import document, era, joins, tense, tokens

    assert (tokens._passes_in_core() and tense._CORE_TENSE and era._CORE_ERA and document._CORE_DOCUMENT
            and joins._CORE_BROKEN_WORDS), \
        "the compiled passes are off (KORREKTOR_PY_SEARCH? no extension?)"
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
    tokens_seen = joined = 0
    for q in queries:
        kinds[q[0]] += 1
        tokens_seen += len(q[1]) if q[0] in ("foreign_sentences", "document_terms") else 0
        want, got = py(q), wired(q)
        joined += q[0] == "join_broken_words" and len(want) < len(q[2])
        if got != want:
            diffs.append((q[0], want, got))
    print(f"parity: {len(queries):,} calls ({tokens_seen:,} tokens to foreign_sentences and document_terms), "
          f"{len(diffs)} differences" + (f" e.g. {diffs[:2]}" if diffs else ""))
    print("  by function:", ", ".join(f"{k}: {v:,}" for k, v in sorted(kinds.items())),
          f"(join_broken_words joined tokens in {joined:,})")
    report.update(queries=len(queries), differences=len(diffs), kinds=dict(kinds))

    def timed(fn, items) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            for x in items:
                fn(*x)
            best = min(best, time.perf_counter() - t)
        return best

    print("  python (_py_*) / rust through the Python wrapper (protect_units, document_words: the core's\n"
          "  function itself, not called by the pass), µs per call (the decoder's answers cached)")
    total_p = total_r = 0.0
    for name in FUNCTIONS:
        home = homes()[name]
        items = []
        for q in queries:
            if q[0] != name:
                continue
            if name == "foreign_sentences":
                items.append((q[1], q[2]))
            elif name == "protect_units":  # the tokens as recorded: marking them again changes nothing
                items.append((q[1], [copy.copy(t) for t in q[2]], q[3]))
            else:
                items.append(q[1:])
        if not items:
            continue
        python = getattr(home, name if name in DIRECT else "_py_" + name)
        p, r = timed(python, items), timed(compiled(name), items)
        total_p, total_r = total_p + p, total_r + r
        report["speed"][name] = [p / len(items) * 1e6, r / len(items) * 1e6]
        print(f"    {name:22} {len(items):8,}  {p / len(items) * 1e6:8.2f} / {r / len(items) * 1e6:7.2f}"
              f"  ({p / r:.1f}x; {p * 1000:.0f} / {r * 1000:.0f} ms in all)")
    print(f"  all: {total_p * 1000:.0f} / {total_r * 1000:.0f} ms ({total_p / total_r:.1f}x)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    print("\nparity:", "identical" if not diffs else f"{len(diffs)} DIFFERENCES")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
