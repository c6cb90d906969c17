#!/usr/bin/env python3
"""What a change does, page by page: run korrektor of two commits on the same pairs and compare.

    # in a worktree of the commit before the change, then in the working tree:
    PYTHONPATH=src python bench/compare_outputs.py run PAIRS.jsonl before.json
    PYTHONPATH=src python bench/compare_outputs.py run PAIRS.jsonl after.json
    python bench/compare_outputs.py diff PAIRS.jsonl before.json after.json

``run`` corrects each record's ``ocr`` and ``gt`` text and stores both results. ``diff`` lists
every place where the two runs differ on an OCR text, with the page's character distance to the
ground truth before and after (lower is better). It sums what the change helped and harmed, and
counts the ground-truth texts it changed, which must stay unchanged. It also compares the edit
logs (offsets, before, after, kind, rule, confidence to the last bit, alternatives), which a port
of the engine must reproduce as well as the text (issue 26).
"""

from __future__ import annotations

import argparse
import difflib
import json
from pathlib import Path

from rapidfuzz.distance import Levenshtein

CONTEXT = 30  # characters shown around a difference


def _log(result) -> list:
    """The edit log as JSON: a confidence as ``float.hex``, so that equal means equal to the bit."""
    return [[e.start, e.end, e.before, e.after, getattr(e.kind, "value", e.kind), e.rule,
             float(e.confidence).hex(), list(e.alternatives)] for e in result.edits]


def run(pairs: Path, out: Path) -> None:
    import korrektor

    results = []
    for line in pairs.open(encoding="utf-8"):
        record = json.loads(line)
        ocr, gt = korrektor.correct(record["ocr"]), korrektor.correct(record["gt"])
        results.append({"ocr": ocr.text, "gt": gt.text, "ocr_edits": _log(ocr), "gt_edits": _log(gt)})
    out.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


def _differences(a: str, b: str):
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            yield a[max(0, i1 - CONTEXT):i2 + CONTEXT], b[max(0, j1 - CONTEXT):j2 + CONTEXT]


def diff(pairs: Path, before: Path, after: Path) -> None:
    records = [json.loads(line) for line in pairs.open(encoding="utf-8")]
    old, new = json.loads(before.read_text(encoding="utf-8")), json.loads(after.read_text(encoding="utf-8"))
    if not len(records) == len(old) == len(new):
        raise SystemExit("the three files hold different numbers of pages")
    helped = harmed = pages = gt_changed = logs_changed = 0
    for number, (record, a, b) in enumerate(zip(records, old, new), 1):
        if a["gt"] != b["gt"]:
            gt_changed += 1
        # (runs stored before the logs were: nothing to compare)
        if any(key in a and key in b and a[key] != b[key] for key in ("ocr_edits", "gt_edits")):
            logs_changed += 1
        if a["ocr"] == b["ocr"]:
            continue
        pages += 1
        d_old, d_new = (Levenshtein.distance(x["ocr"], record["gt"]) for x in (a, b))
        helped += max(0, d_old - d_new)
        harmed += max(0, d_new - d_old)
        print(f"page {number} ({record.get('lang', '?')}): distance {d_old} → {d_new}")
        for x, y in _differences(a["ocr"], b["ocr"]):
            print(f"    {x!r}\n  → {y!r}")
    print(f"{pages} page(s) changed: {helped} character(s) better, {harmed} worse; "
          f"ground truth changed on {gt_changed} page(s); edit logs differ on {logs_changed} page(s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="correct every page with the korrektor on the path")
    r.add_argument("pairs", type=Path)
    r.add_argument("out", type=Path)
    d = sub.add_parser("diff", help="compare two runs page by page")
    d.add_argument("pairs", type=Path)
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.command == "run":
        run(args.pairs, args.out)
    else:
        diff(args.pairs, args.before, args.after)


if __name__ == "__main__":
    main()
