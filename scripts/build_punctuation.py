#!/usr/bin/env python3
"""Build ``src/korrektor/data/punctuation.json``: the frequent words that German prose (almost)
never follows with a full stop, with a comma or with a dash, the frequent pairs of neighbours
that it never parts with a mark, and how much more or less often than the average word each
frequent word stands before or after a dash between words.

A speck on a scan is read as punctuation glued to the word before it ("der. Bundestag", "Sehr,
geehrte", "sind, derzeit", "dem: Parlament"). After an article, a preposition or a word like "zum"
no sentence ends and no comma stands, and between "nicht" and "mehr" no mark stands at all, so
such a mark is a speck; the corpus says which words and pairs these are, instead of a hand list.
A speck in the page margin is read as a dash at a line's end or start ("keine -¶Einigung"); the
dash rates say whether a dash is plausible between the two words ("gesagt – ich", not "junge –
Mensch").

Run from the repository root::

    python scripts/build_punctuation.py [--corpus DIR]

Reads the sources of ``--domains`` (default: the parliament speeches, ~175 M characters, ~4 min)
through ``scripts/corpus.py``, never a held-out document. The speeches are running prose in one
paragraph per line: the other sources make "never" less certain, not more. Verse lines start with
a capital wherever the sentence stands ("Und", "Zu", "Sollten"), plays and poems set commas where
prose does not ("den, der"), and the encyclopedias and laws keep headings and abbreviations as
lines that joining puts before a sentence ("Geschichte Der Ort", "Abs, Ziff"); each would strike
words from the lists, or add artefacts. Unweighted. Writes word lists and the thresholds that
chose them, no corpus text. Deterministic: the lists are sorted.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import sys
import unicodedata
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "korrektor" / "data" / "punctuation.json"
sys.path.insert(0, str(REPO / "scripts"))
import corpus  # noqa: E402

sys.path.insert(0, str(REPO / "src"))
from korrektor.stages.words.tokens import SENTENCE_STARTS  # noqa: E402

DEFAULT_CORPUS = corpus.DEFAULT_CORPUS

# a word as the lexicon counts it, and the mark written directly after it
_WORD_MARK_RE = regex.compile(r"([^\W\d_]+(?:[-'’][^\W\d_]+)*)([.!?,]?)")
# a capitalised form must be seen this often for "never inside a sentence" to mean something,
# and stand inside a sentence (right after a word, no mark between) at most this share of the time
MIN_CAPITAL_COUNT = 100
MAX_CAPITAL_INSIDE_SHARE = 0.01
# the marks after which a sentence starts
_SENTENCE_END_MARKS = frozenset(".!?")
# a dash standing between two words
_DASH_GAP_RE = regex.compile(r"\s+[-–—]\s+")
# a word must be seen this often for its share to mean something ...
MIN_COUNT = 1000
# ... and be followed by the mark at most this share of the time
MAX_SHARE = 0.0005


# a pair of words side by side (only white space between them, or one mark after the first) must
# be seen this often, and have a mark between them at most this share of the time
MIN_PAIR_COUNT = 500
MAX_PAIR_SHARE = 0.0005

# Dash rates: a word's rate of standing before (after) a dash, over the rate of all words, as a
# natural log, smoothed towards the average with this many pseudo-observations of it; listed for
# words seen this often, rounded to DASH_RATIO_STEP, and left out when that rounds to 0
DASH_SMOOTHING = 50
MIN_DASH_COUNT = 100
DASH_RATIO_STEP = 0.1


def count(corpus_dir: Path, domains: set[str]):
    """Per word: how often seen, followed by a sentence end, by a comma, by a dash between words.
    Per pair of neighbours ("first second"): how often seen, and with a mark between them. Only the
    sources of ``domains``."""
    words, stops, commas = collections.Counter(), collections.Counter(), collections.Counter()
    dashes, after_dashes = collections.Counter(), collections.Counter()
    pairs, marked_pairs = collections.Counter(), collections.Counter()
    capital_inside = collections.Counter()  # a capitalised word right after a word, no mark between
    starts = collections.Counter()  # a word first in its paragraph or after . ! ?
    for source in corpus.sources(corpus_dir):
        if source.domain not in domains:
            continue
        for doc in corpus.documents(source, corpus_dir):  # never the held-out documents
            text = unicodedata.normalize("NFC", corpus.one_paragraph_per_line(source, doc["text"]))
            prev, prev_mark, prev_end = None, "", 0
            for m in _WORD_MARK_RE.finditer(text):
                word, mark = m.groups()
                words[word] += 1
                if mark == ",":
                    commas[word] += 1
                elif mark:
                    stops[word] += 1
                gap = text[prev_end:m.start()]
                if prev is None or prev_mark in _SENTENCE_END_MARKS or "\n" in gap:
                    starts[word] += 1
                dash = _DASH_GAP_RE.fullmatch(gap) is not None
                if dash and prev is not None and not prev_mark:
                    dashes[prev] += 1
                    after_dashes[word] += 1
                if prev is not None and (dash or gap.isspace()):
                    pair = f"{prev} {word}"
                    pairs[pair] += 1
                    if prev_mark or dash:
                        marked_pairs[pair] += 1
                    elif word[0].isupper():
                        capital_inside[word] += 1
                prev, prev_mark, prev_end = word, mark, m.end()
    return words, stops, commas, dashes, after_dashes, pairs, marked_pairs, capital_inside, starts


def sentence_starts(words: collections.Counter, starts: collections.Counter) -> list[str]:
    """The capitalised words that start sentences and hardly stand capitalised inside one ("Aber",
    "Weil", "Drittens"), by the word stage's criteria (``SENTENCE_STARTS``)."""
    crit = SENTENCE_STARTS
    return sorted(w for w, c in words.items()
                  if c >= crit.min_count and w[0].isupper() and w[1:].islower()
                  and starts[w] >= crit.min_share * c
                  and words[w.lower()] >= crit.min_lower_case_ratio * (c - starts[w]))


def dash_ratios(words: collections.Counter, dashes: collections.Counter) -> tuple[dict[str, list[str]], float]:
    """ln(the word's smoothed dash rate / the average rate), by value: ({"-0.7": [words], ...}, the
    same for all unlisted words together). Rare words differ from the average as a group: a rare
    word ends a clause more often than the average (the dash follows it) and opens one less often."""
    average = sum(dashes.values()) / sum(words.values())
    by_value: dict[str, list[str]] = collections.defaultdict(list)
    rare = rare_dashes = 0
    for w, c in words.items():
        if c < MIN_DASH_COUNT:
            rare, rare_dashes = rare + c, rare_dashes + dashes[w]
            continue
        rate = (dashes[w] + average * DASH_SMOOTHING) / (c + DASH_SMOOTHING)
        steps = round(math.log(rate / average) / DASH_RATIO_STEP)
        if steps:
            by_value[f"{steps * DASH_RATIO_STEP:.1f}"].append(w)
    unlisted = round(math.log(rare_dashes / rare / average) / DASH_RATIO_STEP) * DASH_RATIO_STEP
    return {v: sorted(ws) for v, ws in sorted(by_value.items(), key=lambda x: float(x[0]))}, round(unlisted, 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--domains", default="parliament",
                    help="comma-separated corpus domains to count (scripts/corpus.py); see the notes above")
    args = ap.parse_args()
    words, stops, commas, dashes, after_dashes, pairs, marked_pairs, capital_inside, starts = count(
        args.corpus, set(args.domains.split(",")))
    frequent = [w for w, c in words.items() if c >= MIN_COUNT]

    def never(marks: collections.Counter) -> list[str]:
        return sorted(w for w in frequent if marks[w] <= MAX_SHARE * words[w])

    data = {
        "about": "Frequent corpus words (seen >= min_count times) followed by a sentence end "
                 "(. ! ?), by a comma or by a dash between words at most max_share of the time; "
                 "before_dash and after_dash: ln(how often a dash follows / precedes the word, over "
                 "the rate of all words), for words seen >= min_dash_count times, smoothed with "
                 "dash_smoothing pseudo-counts of the average; the unlisted_ values hold for all "
                 "other words together; sentence_starts: capitalised words seen >= "
                 f"{SENTENCE_STARTS.min_count} times, at least {SENTENCE_STARTS.min_share} of them first in "
                 f"a sentence, and inside one >= {SENTENCE_STARTS.min_lower_case_ratio} times as often in "
                 "lower case. Built by scripts/build_punctuation.py from the corpus "
                 "described in PROVENANCE.md.",
        "min_count": MIN_COUNT,
        "max_share": MAX_SHARE,
        "no_sentence_end_after": never(stops),
        "no_comma_after": never(commas),
        "no_dash_after": never(dashes),
        "min_pair_count": MIN_PAIR_COUNT,
        "max_pair_share": MAX_PAIR_SHARE,
        "no_mark_between": sorted(p for p, c in pairs.items()
                                  if c >= MIN_PAIR_COUNT and marked_pairs[p] <= MAX_PAIR_SHARE * c),
        "min_capital_count": MIN_CAPITAL_COUNT,
        "min_lower_count": MIN_COUNT,
        "max_capital_inside_share": MAX_CAPITAL_INSIDE_SHARE,
        "capital_only_first": sorted(
            w for w, c in words.items()
            if c >= MIN_CAPITAL_COUNT and w[0].isupper() and w[1:].islower()
            and words[w.lower()] >= MIN_COUNT and capital_inside[w] <= MAX_CAPITAL_INSIDE_SHARE * c),
        "sentence_starts": sentence_starts(words, starts),
        "dash_smoothing": DASH_SMOOTHING,
        "min_dash_count": MIN_DASH_COUNT,
    }
    data["before_dash"], data["unlisted_before_dash"] = dash_ratios(words, dashes)
    data["after_dash"], data["unlisted_after_dash"] = dash_ratios(words, after_dashes)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['no_sentence_end_after'])} words no sentence ends after, "
          f"{len(data['no_comma_after'])} no comma follows, {len(data['no_dash_after'])} no dash follows, "
          f"{len(data['no_mark_between'])} pairs "
          f"no mark stands between, {len(data['capital_only_first'])} capitalised only first, "
          f"{len(data['sentence_starts'])} sentence starts -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
