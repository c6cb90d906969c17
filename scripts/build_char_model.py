#!/usr/bin/env python3
"""Build the character model of German word forms (``korrektor.charmodel``) from the lexicon.

Every stored form counts once, lower-cased, padded with three start marks and an end mark; the
model is a 4-gram over letters with Witten-Bell-like interpolation: a history seen n times gives
its maximum-likelihood estimate the weight n / (n + PSEUDO) and the rest to the shorter history,
down to a uniform distribution over 60 letters.

    python scripts/build_char_model.py [--out src/korrektor/data/char_model.json]

Deterministic; reads only the package's lexicon (itself built from ../shared/corpus).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from korrektor.charmodel import END, HISTORY, START, UNSEEN  # noqa: E402
from korrektor.lexicon import default_lexicon  # noqa: E402

#: how many sightings of a history weigh as much as the shorter history's estimate
PSEUDO = 5


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "src" / "korrektor" / "data" / "char_model.json")
    args = ap.parse_args()

    grams: Counter[str] = Counter()  # letter sequences of 1..HISTORY+1 letters
    histories: Counter[str] = Counter()  # what came before them
    forms = sorted({w.lower() for w in default_lexicon().forms if w.isalpha()})
    for form in forms:
        s = START * HISTORY + form + END
        for i in range(HISTORY, len(s)):
            for k in range(HISTORY + 1):
                grams[s[i - k:i + 1]] += 1
                histories[s[i - k:i]] += 1

    def interpolated(gram: str) -> float:
        """P(last letter | the ones before), interpolated down to the uniform distribution."""
        p = math.exp(UNSEEN)
        for k in range(len(gram)):  # histories of 0 .. len-1 letters, the shortest first
            history, seen = gram[len(gram) - 1 - k:-1], gram[len(gram) - 1 - k:]
            n = histories[history]
            if not n:
                break
            weight = n / (n + PSEUDO)
            p = weight * grams[seen] / n + (1 - weight) * p
        return p

    logp = {g: round(math.log(interpolated(g)), 4) for g in sorted(grams)}
    backoff = {h: round(math.log(PSEUDO / (n + PSEUDO)), 4) for h, n in sorted(histories.items())}
    args.out.write_text(json.dumps({"format": "korrektor-char-model", "version": 1, "history": HISTORY,
                                    "pseudo": PSEUDO, "forms": len(forms), "logp": logp, "backoff": backoff},
                                   ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                        encoding="utf-8")
    print(f"{len(forms)} forms, {len(logp)} letter sequences -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
