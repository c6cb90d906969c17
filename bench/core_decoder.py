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

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import TokenCopy, correct_pages, finish, parser, record_sets, speed_rows  # noqa: E402


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls of ``Decoder.decide`` that reach the scorer: (decoder, token, candidates,
    prev, next, the sentence's words), in order of first use."""
    from korrektor.stages.words.decoder import Decoder

    seen: dict[tuple, tuple] = {}
    original = Decoder.decide

    def decide(d, t, prev, nxt, sentence=lambda: set()):
        cands = d.candidates(t)
        if len(cands) > 1:
            words = frozenset(sentence())
            key = (id(d), t.core, t.known, t.acronym, prev, nxt, words)
            # (a copy of the token: the passes change its `best`, not what the scorer reads)
            seen.setdefault(key, (d, TokenCopy(t), list(cands), prev, nxt, words))
        return original(d, t, prev, nxt, sentence)

    Decoder.decide = decide
    try:
        correct_pages(pairs)
    finally:
        Decoder.decide = original
    return list(seen.values())


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
    args = parser(__doc__).parse_args()
    from korrektor.stages.words import decoder

    assert decoder._USE_CORE, "the compiled scorer is off (KORREKTOR_PY_SEARCH? no extension?)"
    report: dict = {"sets": {}, "speed": {}}
    queries = record_sets(args.pairs, record, report, "distinct decisions")
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

    sp = speed_rows((("python (_py_decide)", python), ("rust (Scorer.decide)", compiled)), queries, args.repeat,
                    report, 22)
    print(f"  speed-up: {sp['python (_py_decide)'] / sp['rust (Scorer.decide)']:.1f}x")
    return finish(report, args.json, len(diffs))


if __name__ == "__main__":
    sys.exit(main())
