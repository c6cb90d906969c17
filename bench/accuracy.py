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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="*", default=[str(DEFAULT)])
    ap.add_argument("--json", default=None, help="write the summaries here")
    args = ap.parse_args()

    records = [json.loads(line) for p in args.pairs for line in open(p, encoding="utf-8") if line.strip()]
    t0 = time.perf_counter()
    corrected = [korrektor.correct(r["ocr"]).text for r in records]
    elapsed = time.perf_counter() - t0
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
