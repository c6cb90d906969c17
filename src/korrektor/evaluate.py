"""Scoring OCR (post-)correction against ground truth: CER, WER and error categories.

The convention is the one of the development bench: both texts are NFC-normalised and every
whitespace run becomes one space, so line layout does not count, while hyphenation debris,
umlauts, quotes and dashes do. Each character edit of the Levenshtein alignment is attributed to
one category:

* ``umlaut``: a ground-truth ä ö ü Ä Ö Ü ß substituted or deleted, or an insertion next to one
  that is itself wrong (ü → "ii");
* ``quote``: the same for quotation marks and dashes, plus inserted quote/dash characters;
* ``hyph``: a hyphen-like character (or a space next to one) inserted inside a word —
  line-end hyphenation left in the text;
* ``other``: everything else.

The categories add up to the CER.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import asdict, dataclass, field

from rapidfuzz.distance import Levenshtein

__all__ = ["PageScore", "Summary", "normalize", "score_page", "summarize", "CATEGORIES"]

UMLAUTS = frozenset("äöüÄÖÜß")
QUOTES_DASHES = frozenset("\"„“”‚‘’'«»‹›–—-−")
HYPHEN_LIKE = frozenset("-‐‑–—¬~=")
CATEGORIES = ("umlaut", "quote", "hyph", "other")


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


@dataclass(frozen=True)
class PageScore:
    chars: int
    words: int
    char_errors: int
    word_errors: int
    umlauts: int  # ground-truth umlaut/ß characters
    umlauts_wrong: int
    categories: dict[str, int] = field(default_factory=dict)

    @property
    def cer(self) -> float:
        return self.char_errors / max(self.chars, 1)


def _categorise(gt: str, hyp: str) -> tuple[int, dict[str, int], set[int]]:
    ops = Levenshtein.editops(gt, hyp).as_list()
    touched = {i for tag, i, _ in ops if tag != "insert"}
    cats = dict.fromkeys(CATEGORIES, 0)
    n = len(gt)
    for tag, i, j in ops:
        if tag != "insert":
            c = gt[i]
            cats["umlaut" if c in UMLAUTS else "quote" if c in QUOTES_DASHES else "other"] += 1
            continue
        inserted = hyp[j]
        left = gt[i - 1] if i > 0 else " "
        right = gt[i] if i < n else " "
        in_word = (left.isalpha() or left == "-") and right.isalpha()
        neighbours = (hyp[j - 1] if j > 0 else "") + (hyp[j + 1] if j + 1 < len(hyp) else "")
        if in_word and (inserted in HYPHEN_LIKE
                        or (inserted == " " and any(ch in HYPHEN_LIKE for ch in neighbours))):
            cats["hyph"] += 1
        elif (i > 0 and left in UMLAUTS and i - 1 in touched) or (i < n and right in UMLAUTS and i in touched):
            cats["umlaut"] += 1
        elif (inserted in QUOTES_DASHES or (i > 0 and left in QUOTES_DASHES and i - 1 in touched)
              or (i < n and right in QUOTES_DASHES and i in touched)):
            cats["quote"] += 1
        else:
            cats["other"] += 1
    return len(ops), cats, touched


def score_page(gt: str, hyp: str) -> PageScore:
    g, h = normalize(gt), normalize(hyp)
    dist, cats, touched = _categorise(g, h)
    gw, hw = g.split(" "), h.split(" ")
    return PageScore(
        chars=len(g), words=len(gw), char_errors=dist, word_errors=Levenshtein.distance(gw, hw),
        umlauts=sum(c in UMLAUTS for c in g), umlauts_wrong=sum(g[i] in UMLAUTS for i in touched),
        categories=cats,
    )


@dataclass(frozen=True)
class Summary:
    pages: int
    chars: int
    cer: float  # micro-averaged over characters
    cer_median: float  # median page CER
    wer: float
    umlaut_error_rate: float  # share of ground-truth umlauts/ß that are wrong
    categories: dict[str, float]  # character errors per category, as a share of gt characters

    def to_dict(self) -> dict:
        return asdict(self)


def summarize(scores: list[PageScore]) -> Summary:
    chars = sum(s.chars for s in scores)
    return Summary(
        pages=len(scores),
        chars=chars,
        cer=sum(s.char_errors for s in scores) / max(chars, 1),
        cer_median=statistics.median(s.cer for s in scores) if scores else 0.0,
        wer=sum(s.word_errors for s in scores) / max(sum(s.words for s in scores), 1),
        umlaut_error_rate=sum(s.umlauts_wrong for s in scores) / max(sum(s.umlauts for s in scores), 1),
        categories={c: sum(s.categories[c] for s in scores) / max(chars, 1) for c in CATEGORIES},
    )


def pages_worse(before: list[PageScore], after: list[PageScore]) -> int:
    """How many pages have more character errors after correction than before."""
    return sum(a.char_errors > b.char_errors for b, a in zip(before, after))


def format_table(groups: dict[str, dict[str, Summary]], worse: dict[str, int] | None = None) -> str:
    """A fixed-width table: per group, one row per system; reductions relative to the group's first system.

    The group and system columns are as wide as their longest name plus two spaces, so that long
    names (``--by`` with several fields) never run into the next column."""
    gw = _column_width(groups, minimum=12)
    sw = _column_width((s for systems in groups.values() for s in systems), minimum=10)
    head = (f"{'group':<{gw}}{'system':<{sw}}{'pages':>6}{'CER%':>7}{'red.%':>7}{'WER%':>7} |"
            f"{'uml':>6}{'quote':>6}{'hyph':>6}{'other':>6} |{'ümlErr%':>8}{'worse':>6}")
    lines = [head, "-" * len(head)]
    for group, systems in groups.items():
        base = next(iter(systems.values()))
        for k, (system, s) in enumerate(systems.items()):
            red = f"{100 * (1 - s.cer / base.cer):>7.1f}" if k and base.cer else f"{'':>7}"
            cats = "".join(f"{100 * s.categories[c]:>6.2f}" for c in CATEGORIES)
            w = f"{worse[group]:>6}" if k and worse and group in worse else f"{'':>6}"
            lines.append(f"{group:<{gw}}{system:<{sw}}{s.pages:>6}{100 * s.cer:>7.2f}{red}{100 * s.wer:>7.2f} |"
                         f"{cats} |{100 * s.umlaut_error_rate:>8.1f}{w}")
    lines.append("(CER/WER micro-averaged; red. = CER reduction vs. the first row of the group; uml..other ="
                 " character errors per category in % of gt characters, summing to CER; worse = pages"
                 " with more character errors than the raw OCR)")
    return "\n".join(lines)


def _column_width(names, minimum: int) -> int:
    """The width of a left-aligned name column: its longest name (at least ``minimum``, so that
    tables of short names keep their familiar layout) and two spaces of gap."""
    return max([minimum, *map(len, names)]) + 2
