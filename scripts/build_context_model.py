#!/usr/bin/env python3
"""Build the context-word model for real-word umlaut errors from the corpus.

OCR turns "hätte" into "hatte", "würde" into "wurde", "fördern" into "fordern": the damaged form
is a word too, and its neighbours often fit both ("ich hatte"/"ich hätte"). The words further
away in the sentence decide ("wenn", "gern", "sonst" for the subjunctive), and so does the word
that ends the member's clause: German puts the rest of the verb there, an infinitive after "würde"
("würde ... bringen"), a participle after "wurde" ("wurde ... beäugt"). This script learns, for
every pair of frequent words that differ by one umlaut or ß, which context words and clause ends
speak for either member (a naive-Bayes log ratio, smoothed), in the manner of Golding's
context-word method for real-word spelling correction.

    python scripts/build_context_model.py [--corpus ../shared/corpus] [--out src/korrektor/data/context.json]

Reads every source of the corpus through ``scripts/corpus.py`` (unweighted: a pair's members are
compared with each other, so the balance of domains matters less than the amount of evidence),
never a held-out document and never ../shared/bench. Deterministic; writes derived statistics only.
Run after ``build_langdata.py`` (the pairs come from the lexicon).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from korrektor.compounds import _twins as umlaut_twins  # noqa: E402
from korrektor.context import CLAUSE_BREAK_RE, clause_end_features  # noqa: E402
from korrektor.lexicon import HYPHEN_TABLE, WORD_RE, _sentences, default_lexicon  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))
import corpus  # noqa: E402

MIN_COUNT = 100  # both members at least this frequent
MIN_CONTEXT = 10  # a context word must be seen this often with the pair
TOP = 150  # context words kept per pair, and as many clause ends
NEIGHBOURS = 1  # the bigram model already scores the direct neighbours: skip them
ALPHA = 0.5  # additive smoothing of the context counts


def confusion_pairs(lexicon) -> dict[str, str]:
    """member -> the pair's key ("plain|umlaut")."""
    members = {}
    for word in lexicon._words:  # the stored forms, sorted
        if lexicon.count(word) < MIN_COUNT:
            continue
        for twin in umlaut_twins(word):
            if lexicon.count(twin) >= MIN_COUNT:
                key = f"{word}|{twin}"
                members[word] = members[twin] = key
    return members


def sentences(text: str):
    """(word tokens, clauses as word tokens) per sentence; the tokens are those the lexicon
    counted (``korrektor.lexicon.tokenize``), the clauses split where the corrector splits them."""
    text = unicodedata.normalize("NFC", text).translate(HYPHEN_TABLE)
    for paragraph in text.split("\n"):
        for sentence in _sentences(paragraph):
            words = WORD_RE.findall(sentence)
            if words:
                yield words, [WORD_RE.findall(c) for c in CLAUSE_BREAK_RE.split(sentence)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=corpus.DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=REPO / "src" / "korrektor" / "data" / "context.json")
    args = ap.parse_args()

    lexicon = default_lexicon()
    members = confusion_pairs(lexicon)
    print(f"{len(set(members.values()))} confusion pairs", file=sys.stderr)
    occurrences: Counter[str] = Counter()
    context: dict[str, Counter[str]] = defaultdict(Counter)
    for source in corpus.sources(args.corpus):
        for doc in corpus.documents(source, args.corpus):  # never the held-out documents
            for sentence, clauses in sentences(corpus.one_paragraph_per_line(source, doc["text"])):
                if members.keys().isdisjoint(sentence):
                    continue
                lowered = [w.lower() for w in sentence]
                for i, w in enumerate(sentence):
                    if w not in members:
                        continue
                    occurrences[w] += 1
                    near = set(range(i - NEIGHBOURS, i + NEIGHBOURS + 1))
                    context[w].update({c for j, c in enumerate(lowered) if j not in near})
                for clause in clauses:
                    for i, w in enumerate(clause):
                        if w in members:
                            context[w].update(clause_end_features(clause[i + 1:]))
        print(f"read {source.file}", file=sys.stderr)

    model = {}
    for key in sorted(set(members.values())):
        a, b = key.split("|")
        na, nb = occurrences[a], occurrences[b]
        if not na or not nb:
            continue
        vocab = {c for c in context[a] | context[b] if context[a][c] + context[b][c] >= MIN_CONTEXT}
        scored = []
        for c in vocab:
            # ln P(c in sentence | a) - ln P(c in sentence | b)
            ratio = math.log((context[a][c] + ALPHA) / (na + 2 * ALPHA)) - math.log((context[b][c] + ALPHA) / (nb + 2 * ALPHA))
            scored.append((abs(ratio) * math.log1p(context[a][c] + context[b][c]), c, ratio))
        scored.sort(key=lambda x: (-x[0], x[1]))
        words = [x for x in scored if not x[1].startswith("»")][:TOP]
        ends = [x for x in scored if x[1].startswith("»")][:TOP]
        model[key] = {c: round(r, 3) for _, c, r in sorted(words + ends, key=lambda x: x[1]) if abs(r) >= 0.4}
    args.out.write_text(json.dumps({"format": "korrektor-context", "version": 2,
                                    "min_count": MIN_COUNT, "top": TOP, "pairs": model},
                                   ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                        encoding="utf-8")
    print(f"{len(model)} pairs -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
