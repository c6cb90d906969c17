#!/usr/bin/env python3
"""Speed, memory and start-up of korrektor in one process on one core.

    python bench/speed.py [PAIRS.jsonl] [--lang eng]

* start-up: a fresh interpreter that imports korrektor and loads the language data and the error
  model (median of 5 runs); and the same with a first correction of a short page, which loads
  what the stages load on first use (the context and character models, the punctuation counts);
* throughput on the OCR pages of one language, in input characters per second, in one process:
  - cold: the even-numbered pages, the process meeting their words for the first time;
  - unseen: then the odd-numbered pages, new documents for a process that has corrected others
    (what a long corpus run sees: its vocabulary repeats, its OCR errors do not);
  - warm: all pages again (median of 3; repeated text costs only cache lookups);
* peak resident memory of the process (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "dev.jsonl"
STARTUP = ("import time; t=time.perf_counter(); import korrektor; "
           "from korrektor.lexicon import default_lexicon; from korrektor.errormodel import default_error_model; "
           "default_lexicon(); default_error_model(); print(time.perf_counter()-t)")
FIRST_PAGE = ("import time; t=time.perf_counter(); import korrektor; "
              "korrektor.correct('Die Prufung fiir Burger ist morgen.'); print(time.perf_counter()-t)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="?", default=str(DEFAULT))
    ap.add_argument("--lang", default="eng")
    args = ap.parse_args()

    for label, code in (("start-up (import + load)", STARTUP), ("start-up and a first page", FIRST_PAGE)):
        startups = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                         check=True).stdout) for _ in range(5)]
        print(f"{label}: median {statistics.median(startups):.2f} s "
              f"(min {min(startups):.2f}, max {max(startups):.2f})")

    import korrektor

    pages = [r["ocr"] for r in map(json.loads, open(args.pairs, encoding="utf-8")) if r["lang"] == args.lang]
    chars = sum(map(len, pages))
    korrektor.correct("Warm-up: Lexikon laden.")  # load the data outside the timed passes

    def one_pass(texts: list[str]) -> float:
        t0 = time.perf_counter()
        for p in texts:
            korrektor.correct(p)
        return sum(map(len, texts)) / (time.perf_counter() - t0)

    cold = one_pass(pages[0::2])
    unseen = one_pass(pages[1::2])
    warm = statistics.median(one_pass(pages) for _ in range(3))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"throughput on {len(pages)} '{args.lang}' pages ({chars:,} chars): cold {cold:,.0f} chars/s, "
          f"unseen {unseen:,.0f} chars/s, warm (median of 3) {warm:,.0f} chars/s")
    print(f"peak memory (RSS): {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
