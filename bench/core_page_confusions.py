"""Parity and speed of the compiled page confusions (``korrektor._core.page_explanations``,
``page_learn``, ``page_rewrite``) against their Python references (``_py_explanations``,
``_py_learned``, ``PageConfusionDecoder._py_rewrite``).

Every call the pipeline makes while correcting the pages of the given sets (OCR and ground truth)
is recorded and answered by both, compared bit for bit (the floats by their hex, the order of
every list and dict included). Then each side is timed on the recorded calls.

    PYTHONPATH=src python bench/core_page_confusions.py [SET ...]
    PYTHONPATH=src python bench/core_page_confusions.py --dump OUT [SET ...]   # learn's answers

With ``--dump``, the Python reference's answers of ``learn`` (every page, in order) are written to
OUT: run it with two values of ``PYTHONHASHSEED`` and compare the files (the answers must not
follow the strings' hashes).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

W = Path("/work/work-data")
SETS = {
    "dev": Path("/work/shared/bench/dev.jsonl"),
    "historic": W / "historic/pairs.jsonl",
    "unseen": W / "em/unseen_fonts/pairs.jsonl",
    "pdf": W / "pdf/pairs.jsonl",
    "fortunes": Path("/tmp/fortunes/pairs.jsonl"),
    "manuals": Path("/tmp/manuals/pairs.jsonl"),
    "swiss": W / "swiss/pairs.jsonl",
}


def exact(x):
    """``x`` with every float as its hex: equal only where the bits are."""
    if isinstance(x, float):
        return x.hex()
    if isinstance(x, dict):
        return [("dict", exact(k), exact(v)) for k, v in x.items()]
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, [exact(v) for v in x])
    return x


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="*", default=list(SETS))
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="pages per set (0: all)")
    args = ap.parse_args()

    import korrektor
    from korrektor.stages.words import page_confusions as pc
    from korrektor.stages.words import passes

    core = pc._core
    if args.dump is None and not pc._USE_CORE:
        sys.exit("the compiled page confusions are not in use (KORREKTOR_PY_SEARCH=1 or an old extension)")

    explanation_calls: list[tuple[str, object]] = []
    learn_calls: list[tuple] = []  # (tokens' known text, [(count, found)], expected values)
    rewrite_calls: list[tuple] = []  # (decoder, token)
    merge_calls: list[tuple] = []  # (base, page)
    learned_pages: dict[str, int] = {}
    dumped: list = []
    counts = {"explanations": 0, "learn": 0, "rewrite": 0, "merge": 0}
    differences = {"explanations": 0, "learn": 0, "learn_whole": 0, "rewrite": 0, "merge": 0}
    current = [""]

    py_explained_orig = pc._explained

    def explained(c, lexicon):
        explanation_calls.append((c, lexicon))
        return py_explained_orig(c, lexicon)

    def learn(tokens, decoder, decisions):
        non_words, expl, expected = pc._explained_non_words(tokens, decoder, decisions)
        reference = pc._py_learn(tokens, decoder, decisions)
        if args.dump is not None:
            dumped.append(exact(reference))
            return reference
        whole = pc.learn(tokens, decoder, decisions)
        counts["learn"] += 1
        if exact(whole) != exact(reference):
            differences["learn_whole"] += 1
        if expl:
            items = [(non_words[c], f) for c, f in expl.items()]
            values = {conf: expected(conf) for f in expl.values() for conf in f}
            text = "".join(t.core for t in tokens if t.known)
            learn_calls.append((items, values, text, tokens, non_words, expl))
            compiled = core.page_learn(items, expected, lambda: text)
            if exact(compiled) != exact(pc._py_learned(tokens, non_words, expl, expected)):
                differences["learn"] += 1
        if reference:
            learned_pages[current[0]] = learned_pages.get(current[0], 0) + 1
        return whole

    def rewrite(self, t):
        found = pc.PageConfusionDecoder._rewrite_compiled(self, t)
        if args.dump is None:
            reference = self._py_rewrite(t)
            counts["rewrite"] += 1
            rewrite_calls.append((self, t))
            if exact(found) != exact(reference):
                differences["rewrite"] += 1
        return found

    merge_compiled = pc._merge

    def merge(base, page):
        found = merge_compiled(base, page)
        if args.dump is None:
            counts["merge"] += 1
            merge_calls.append((base, page))
            if exact(found) != exact(pc._py_merge(base, page)):
                differences["merge"] += 1
        return found

    pc._explained = explained
    pc._merge = merge
    passes.learn = learn
    pc.PageConfusionDecoder._rewrite_compiled = pc.PageConfusionDecoder._rewrite
    pc.PageConfusionDecoder._rewrite = rewrite

    t0 = time.perf_counter()
    for name in args.sets:
        lines = SETS[name].open(encoding="utf-8").readlines()
        if args.limit:
            lines = lines[:args.limit]
        current[0] = name
        for line in lines:
            record = json.loads(line)
            for key in ("ocr", "gt"):
                korrektor.correct(record[key])
    print(f"pipeline: {time.perf_counter() - t0:.1f} s over {', '.join(args.sets)}")
    if args.dump is not None:
        args.dump.write_text(json.dumps(dumped), encoding="utf-8")
        print(f"{len(dumped)} answers of learn written to {args.dump}; pages that learned something: "
              f"{sum(1 for d in dumped if d[1])}")
        return

    # the explanations: every call the pipeline made (the per-process cache answered most)
    distinct = {}
    for c, lexicon in explanation_calls:
        distinct.setdefault((c, id(lexicon)), (c, lexicon))
    for c, lexicon in distinct.values():
        counts["explanations"] += 1
        if exact(core.page_explanations(c, lexicon)) != exact(pc._py_explanations(c, lexicon)):
            differences["explanations"] += 1
    # _min_count on every word length
    min_count_diff = sum(core.page_min_count("x" * n) != pc._min_count("x" * n) for n in range(0, 40))

    print(f"pages that learned a confusion: {learned_pages}")
    print(f"explanations: {counts['explanations']:,} distinct cores ({len(explanation_calls):,} lookups), "
          f"{differences['explanations']} differences; _min_count: {min_count_diff} differences")
    print(f"learn: {counts['learn']:,} pages (whole learn vs _py_learn: {differences['learn_whole']} "
          f"differences), {len(learn_calls):,} with explained non-words (page_learn vs _py_learned: "
          f"{differences['learn']} differences)")
    print(f"rewrite: {counts['rewrite']:,} calls, {differences['rewrite']} differences")
    print(f"candidates' merge: {counts['merge']:,} calls, {differences['merge']} differences")

    def best_of(fn, n=5):
        best = float("inf")
        for _ in range(n):
            t = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t)
        return best

    cores = list(distinct.values())
    tp = best_of(lambda: [pc._py_explanations(c, lx) for c, lx in cores], 3)
    tr = best_of(lambda: [core.page_explanations(c, lx) for c, lx in cores], 3)
    print(f"speed, explanations: Python {tp / max(1, len(cores)) * 1e6:.1f} us, "
          f"Rust {tr / max(1, len(cores)) * 1e6:.1f} us a core ({tp / tr:.1f}x)")
    if learn_calls:
        tp = best_of(lambda: [pc._py_learned(tok, nw, ex, values.__getitem__) for _i, values, _t, tok, nw, ex
                              in learn_calls])
        tr = best_of(lambda: [core.page_learn([(nw[c], f) for c, f in ex.items()], values.__getitem__,
                                              lambda: "".join(t.core for t in tok if t.known))
                              for _i, values, _t, tok, nw, ex in learn_calls])
        print(f"speed, learn after the explanations (the conversion included): Python "
              f"{tp / len(learn_calls) * 1e6:.1f} us, Rust {tr / len(learn_calls) * 1e6:.1f} us a page "
              f"({tp / tr:.1f}x)")
    if rewrite_calls:
        tp = best_of(lambda: [d._py_rewrite(t) for d, t in rewrite_calls])
        tr = best_of(lambda: [pc.PageConfusionDecoder._rewrite_compiled(d, t) for d, t in rewrite_calls])
        print(f"speed, rewrite: Python {tp / len(rewrite_calls) * 1e6:.1f} us, Rust "
              f"{tr / len(rewrite_calls) * 1e6:.1f} us a token ({tp / tr:.1f}x)")
    if merge_calls:
        tp = best_of(lambda: [pc._py_merge(b, p) for b, p in merge_calls])
        tr = best_of(lambda: [core.page_merge(b, p, pc.PAGE_CONFUSION) for b, p in merge_calls])
        print(f"speed, candidates' merge: Python {tp / len(merge_calls) * 1e6:.1f} us, Rust "
              f"{tr / len(merge_calls) * 1e6:.1f} us a call ({tp / tr:.1f}x)")
    if any(differences.values()) or min_count_diff:
        sys.exit("DIFFERENCES")


if __name__ == "__main__":
    main()
