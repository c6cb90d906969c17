#!/usr/bin/env python3
"""Accuracy benchmark: korrektor on OCR/ground-truth pairs, by OCR language and degradation level.

    python bench/accuracy.py                       # ../shared/bench/dev.jsonl
    python bench/accuracy.py PAIRS.jsonl ... [--json out.json] [--gt-run]

Prints the table (raw OCR vs. korrektor: CER, WER, error categories, pages made worse) by `lang`
and by `lang/degradation.level`, and how much korrektor changes the ground-truth texts themselves
(it should change almost nothing). Paste the output into BENCHMARKS.md with the command.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import korrektor
from korrektor.evaluate import format_table, pages_worse, score_page, summarize

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "dev.jsonl"


def get(rec, path):
    for k in path.split("."):
        rec = rec.get(k) if isinstance(rec, dict) else None
    return rec


BINS = (0.5, 0.7, 0.9, 0.99, 1.01)


def calibration(records, results) -> str:
    """Per kind and confidence bin: how many edits made the page closer to the ground truth.

    An edit helps when the page with every edit is closer to the ground truth (normalised
    Levenshtein distance) than the page with every edit but this one; edits that change only
    whitespace count as neutral. A calibrated confidence c means about c of the edits in its
    bin that are not neutral help.
    """
    from rapidfuzz.distance import Levenshtein

    from korrektor.edits import apply
    from korrektor.evaluate import normalize

    from korrektor.rules import Kind

    table = defaultdict(lambda: [0, 0, 0])  # (kind, bin) -> helped, hurt, neutral
    for r, res in zip(records, results):
        gt = normalize(r["gt"])
        full = Levenshtein.distance(gt, normalize(res.text))
        for k, e in enumerate(res.edits):
            kind = str(e.kind).rsplit("+", 1)[-1]  # a composed edit counts as its last step's kind
            b = next(i for i, hi in enumerate(BINS[1:]) if e.confidence < hi)
            without = Levenshtein.distance(gt, normalize(apply(r["ocr"], res.edits[:k] + res.edits[k + 1:])))
            table[kind, b][0 if without > full else 1 if without < full else 2] += 1
    lines = [f"{'kind':<12}{'confidence':>12}{'edits':>8}{'helped':>8}{'hurt':>6}{'neutral':>8}{'precision':>10}"]
    # the kinds in the order of korrektor.rules.Kind (speck and glyph among them), then any other
    order = {k.value: i for i, k in enumerate(Kind)}
    for (kind, b), (helped, hurt, neutral) in sorted(table.items(),
                                                     key=lambda it: (order.get(it[0][0], len(order)), it[0])):
        decided = helped + hurt
        prec = f"{helped / decided:>10.3f}" if decided else f"{'-':>10}"
        lines.append(f"{kind:<12}{f'{BINS[b]:.2f}–{min(BINS[b + 1], 1):.2f}':>12}{helped + hurt + neutral:>8}"
                     f"{helped:>8}{hurt:>6}{neutral:>8}{prec}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="*", default=[str(DEFAULT)])
    ap.add_argument("--json", default=None, help="write the summaries here")
    args = ap.parse_args()

    records = [json.loads(line) for p in args.pairs for line in open(p, encoding="utf-8") if line.strip()]
    t0 = time.perf_counter()
    results = [korrektor.correct(r["ocr"]) for r in records]
    elapsed = time.perf_counter() - t0
    corrected = [res.text for res in results]
    chars = sum(len(r["ocr"]) for r in records)

    out = {}
    for grouping in ("lang", "lang,degradation.level"):
        raw, fixed = defaultdict(list), defaultdict(list)
        for r, hyp in zip(records, corrected):
            key = "/".join(str(get(r, k)) for k in grouping.split(","))
            for g in (key, "ALL"):
                raw[g].append(score_page(r["gt"], r["ocr"]))
                fixed[g].append(score_page(r["gt"], hyp))
        order = sorted(k for k in raw if k != "ALL") + ["ALL"]
        groups = {g: {"ocr": summarize(raw[g]), "korrektor": summarize(fixed[g])} for g in order}
        worse = {g: pages_worse(raw[g], fixed[g]) for g in order}
        print(f"## by {grouping}\n")
        print(format_table(groups, worse))
        print()
        out[grouping] = {g: {s: v.to_dict() for s, v in d.items()} | {"pages_worse": worse[g]}
                         for g, d in groups.items()}

    print("## calibration: does each edit help? (edit applied vs. all other edits applied)\n")
    print(calibration(records, results))
    print()

    # korrektor on the ground truth itself: how much of correct text does it change?
    gt_scores = [score_page(r["gt"], korrektor.correct(r["gt"]).text) for r in records]
    gt_changed = sum(s.char_errors for s in gt_scores) / max(sum(s.chars for s in gt_scores), 1)
    print(f"ground-truth run: {100 * gt_changed:.4f}% of ground-truth characters changed "
          f"({sum(s.char_errors > 0 for s in gt_scores)} of {len(gt_scores)} pages touched)")
    print(f"speed (single process, incl. start-up of the language data): {chars / elapsed:,.0f} chars/s "
          f"over {chars:,} chars")
    out["gt_run_changed"] = gt_changed
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
