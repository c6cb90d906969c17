#!/usr/bin/env python3
"""How far the quote/dash category can fall when the page's dash style is known.

    python bench/dash_oracle.py [PAIRS.jsonl] [--lang eng]

The bench draws each page's dash style at random, independently of what the OCR output shows.
This runs korrektor twice over the pages of one language: as it is, and with an oracle that
tells the typography stage, from the ground truth, whether the page set its spaced dashes as en
dashes. The second row is the bound for any rule that decides the dash style from the OCR text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from unittest import mock

import korrektor
from korrektor.evaluate import pages_worse, score_page, summarize
from korrektor.stages.typography import style as typography_style

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "dev.jsonl"


def uses_en_dashes(gt: str) -> bool:
    return " – " in gt or " –," in gt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="?", default=str(DEFAULT))
    ap.add_argument("--lang", default="eng")
    args = ap.parse_args()
    pages = [r for r in map(json.loads, open(args.pairs, encoding="utf-8")) if r["lang"] == args.lang]
    raw = [score_page(r["gt"], r["ocr"]) for r in pages]
    before = summarize(raw).categories["quote"]

    def report(label: str, scores) -> None:
        after = summarize(scores).categories["quote"]
        print(f"{label:<22} quote/dash {100 * before:.3f} → {100 * after:.3f} % of gt characters "
              f"({100 * (1 - after / before):.1f} % less), pages worse: {pages_worse(raw, scores)}")

    report("korrektor", [score_page(r["gt"], korrektor.correct(r["ocr"]).text) for r in pages])
    oracle = []
    for r in pages:
        style = 1.0 if uses_en_dashes(r["gt"]) else 0.0
        with mock.patch.object(typography_style, "en_dash_probability", lambda text, printed, correlated=False: style):
            oracle.append(score_page(r["gt"], korrektor.correct(r["ocr"]).text))
    report("with dash-style oracle", oracle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
