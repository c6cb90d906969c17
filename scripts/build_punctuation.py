#!/usr/bin/env python3
"""Build ``src/korrektor/data/punctuation.json``: the frequent words that German prose (almost)
never follows with a full stop, or with a comma.

A speck on a scan is read as punctuation glued to the word before it ("der. Bundestag", "Sehr,
geehrte"). After an article, a preposition or a word like "zum" no sentence ends and no comma
stands, so such a mark is a speck; the corpus says which words these are, instead of a hand list.

Run from the repository root::

    python scripts/build_punctuation.py [--corpus DIR]

Reads the corpus (``../shared/corpus``, ~175 M characters, ~1 min); writes word lists and the
thresholds that chose them, no corpus text. Deterministic: the lists are sorted.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
import unicodedata
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "korrektor" / "data" / "punctuation.json"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"

# a word as the lexicon counts it, and the mark written directly after it
_WORD_MARK_RE = regex.compile(r"([^\W\d_]+(?:[-'’][^\W\d_]+)*)([.!?,]?)")
# a word must be seen this often for its share to mean something ...
MIN_COUNT = 1000
# ... and be followed by the mark at most this share of the time
MAX_SHARE = 0.0005


def count(corpus: Path) -> tuple[collections.Counter, collections.Counter, collections.Counter]:
    words, stops, commas = collections.Counter(), collections.Counter(), collections.Counter()
    for path in sorted(corpus.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                text = unicodedata.normalize("NFC", json.loads(line).get("text") or "")
                for m in _WORD_MARK_RE.finditer(text):
                    word, mark = m.groups()
                    words[word] += 1
                    if mark == ",":
                        commas[word] += 1
                    elif mark:
                        stops[word] += 1
    return words, stops, commas


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    words, stops, commas = count(args.corpus)
    frequent = [w for w, c in words.items() if c >= MIN_COUNT]

    def never(marks: collections.Counter) -> list[str]:
        return sorted(w for w in frequent if marks[w] <= MAX_SHARE * words[w])

    data = {
        "about": "Frequent corpus words (seen >= min_count times) followed by a sentence end "
                 "(. ! ?) or by a comma at most max_share of the time. Built by "
                 "scripts/build_punctuation.py from the corpus described in PROVENANCE.md.",
        "min_count": MIN_COUNT,
        "max_share": MAX_SHARE,
        "no_sentence_end_after": never(stops),
        "no_comma_after": never(commas),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['no_sentence_end_after'])} words no sentence ends after, "
          f"{len(data['no_comma_after'])} no comma follows -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
