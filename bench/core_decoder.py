#!/usr/bin/env python3
"""The compiled scorer of the words stage (korrektor._core.Scorer, rust/src/decoder.rs, issue 26)
against the Python one (stages/words/decoder.py's Decoder._py_decide).

    PYTHONPATH=src python bench/core_decoder.py [PAIRS.jsonl ...] [--repeat N] [--json OUT]

Queries: every call of ``Decoder.decide`` with more than one candidate while ``korrektor.correct``
corrects the pages' OCR and ground-truth texts (as ``bench/compare_outputs.py run`` does),
recorded with the decoder (of every kind: the passes', the page's confusions', the document's,
the old spelling's and the German engine's), the token, its candidates, its neighbours and its
sentence's words as they were then; each distinct query once. Default sets: the dev bench and
the historic set.

* parity (exit status 1 on any difference): the decision (word, posterior bit for bit as
  ``float.hex``, runners-up, rule) and whether the sentence weighed in;
* speed, one thread: each scorer over all queries (best of ``--repeat`` passes), µs per call.
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


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls of ``Decoder.decide`` that reach the scorer: (decoder, token, candidates,
    prev, next, the sentence's words), in order of first use."""
    import korrektor
    from korrektor.stages.words.decoder import Decoder

    seen: dict[tuple, tuple] = {}
    original = Decoder.decide

    def decide(d, t, prev, nxt, sentence=lambda: set()):
        cands = d.candidates(t)
        if len(cands) > 1:
            words = frozenset(sentence())
            key = (id(d), t.core, t.known, t.acronym, prev, nxt, words)
            # (a copy of the token: the passes change its `best`, not what the scorer reads)
            seen.setdefault(key, (d, _Token(t.core, t.known, t.acronym), list(cands), prev, nxt, words))
        return original(d, t, prev, nxt, sentence)

    Decoder.decide = decide
    try:
        for path in pairs:
            for line in path.open(encoding="utf-8"):
                rec = json.loads(line)
                korrektor.correct(rec["ocr"])
                korrektor.correct(rec["gt"])
    finally:
        Decoder.decide = original
    return list(seen.values())


class _Token:
    __slots__ = ("core", "known", "acronym")

    def __init__(self, core, known, acronym):
        self.core, self.known, self.acronym = core, known, acronym


def python(q):
    d, t, cands, prev, nxt, words = q
    (word, posterior, runners, rule), in_context = d._py_decide(t, cands, prev, nxt, lambda: words)
    return word, float.hex(posterior), runners, rule, in_context


def compiled(q):
    d, t, cands, prev, nxt, words = q
    found = d._scorer().decide(t.core, t.known, t.acronym, cands, prev, nxt, lambda: words)
    if found is None:
        return None
    best, posterior, runners, in_context = found
    return cands[best][0], float.hex(posterior), [cands[i][0] for i in runners], cands[best][2], in_context


def kind(q) -> str:
    d = q[0]
    name = type(d).__name__
    if d.today is not None:
        name += " (old spelling)"
    return f"{name}, {'German page' if d.german_page else 'page without umlauts'}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="*", default=[str(p) for p in DEFAULTS])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the numbers here too")
    args = ap.parse_args()
    from korrektor.stages.words import decoder

    assert decoder._USE_CORE, "the compiled scorer is off (KORREKTOR_PY_SEARCH? no extension?)"
    report: dict = {"sets": {}, "speed": {}}
    queries: list[tuple] = []
    for path in map(Path, args.pairs):
        t = time.perf_counter()
        q = record([path])
        print(f"{path}: {len(q):,} distinct decisions recorded in {time.perf_counter() - t:.1f} s")
        report["sets"][str(path)] = len(q)
        queries += q
    missing = [q for q in queries if q[0]._scorer() is None]
    assert not missing, f"{len(missing)} decoders without a compiled scorer"

    diffs = []
    kinds: Counter = Counter()
    changed = in_context = 0
    for q in queries:
        want, got = python(q), compiled(q)
        kinds[kind(q)] += 1
        changed += want[0] != q[1].core
        in_context += want[4]
        if got != want:
            diffs.append((q[1].core, q[3], q[4], want, got))
    print(f"parity: {len(queries):,} decisions ({changed:,} for another word, {in_context:,} with the "
          f"sentence's words), {len(diffs)} differences" + (f" e.g. {diffs[:3]}" if diffs else ""))
    print("  by decoder:", ", ".join(f"{k}: {v:,}" for k, v in sorted(kinds.items())))
    report.update(queries=len(queries), changed=changed, in_context=in_context, differences=len(diffs),
                  kinds=dict(kinds))

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            for q in queries:
                fn(q)
            best = min(best, time.perf_counter() - t)
        return best

    for name, fn in (("python (_py_decide)", python), ("rust (Scorer.decide)", compiled)):
        s = timed(fn)
        report["speed"][name] = s
        print(f"  {name:22} {s * 1000:9.1f} ms   {s / len(queries) * 1e6:7.2f} µs/call")
    sp = report["speed"]
    print(f"  speed-up: {sp['python (_py_decide)'] / sp['rust (Scorer.decide)']:.1f}x")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    print("\nparity:", "identical" if not diffs else f"{len(diffs)} DIFFERENCES")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
