#!/usr/bin/env python3
"""PDFs read directly (issue 25): korrektor's PDF reader (``korrektor.formats.pdf``) and then
``korrektor.correct``, scored against the typeset text of the development set that
``bench/pdf_pages.py`` makes (``OUT/docs.jsonl``, one record per PDF).

    PYTHONPATH=src python bench/pdf_direct.py /work/work-data/pdf/docs.jsonl [--json out.json] [--dump DIR]

Prints CER (``korrektor.evaluate.score_page``: whitespace normalised) of the reader's text alone
(``pdf-read``) and after korrektor, over all documents, by producer, by columns and by
producer/columns. ``--dump DIR`` writes each document's extracted and corrected text there, to
look at what is left.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from korrektor import correct
from korrektor.evaluate import format_table, pages_worse, score_page, summarize
from korrektor.formats.pdf import read_pdf


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("docs", help="docs.jsonl of bench/pdf_pages.py (its pdf field is relative to its folder)")
    ap.add_argument("--json", default=None, help="also write the summaries here")
    ap.add_argument("--dump", default=None, help="write NNN.read.txt and NNN.corrected.txt here")
    ap.add_argument("--raw-only", action="store_true", help="score the reader alone (no korrektor)")
    args = ap.parse_args(argv)
    root = Path(args.docs).parent
    raw, fixed = defaultdict(list), defaultdict(list)
    started = time.perf_counter()
    for line in open(args.docs, encoding="utf-8"):
        doc = json.loads(line)
        text = read_pdf(root / doc["pdf"])
        hyp = text if args.raw_only else correct(text).text
        if args.dump:
            stem = Path(args.dump, Path(doc["pdf"]).stem)
            stem.parent.mkdir(parents=True, exist_ok=True)
            stem.with_suffix(".read.txt").write_text(text, encoding="utf-8")
            stem.with_suffix(".corrected.txt").write_text(hyp, encoding="utf-8")
        groups = ("ALL", doc["producer"], f"{doc['columns']}col", f"{doc['producer']}/{doc['columns']}col")
        for g in groups:
            raw[g].append(score_page(doc["text"], text))
            fixed[g].append(score_page(doc["text"], hyp))
    order = sorted((g for g in raw if g != "ALL"), key=lambda g: ("/" in g, g)) + ["ALL"]
    table = {g: {"pdf-read": summarize(raw[g]), "korrektor": summarize(fixed[g])} for g in order}
    worse = {g: pages_worse(raw[g], fixed[g]) for g in order}
    print(format_table(table, worse))
    print(f"({len(raw['ALL'])} documents in {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({g: {s: v.to_dict() for s, v in d.items()} | {"pages_worse": worse[g]}
                       for g, d in table.items()}, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
