"""Columns set side by side: ``pdftotext -layout`` (and other extractors that keep the page's
geometry in spaces) prints a two-column page's lines across both columns, the left column's line,
a gutter of spaces, the right column's line:

    Stadt, wenn sie bestimmte Rechte               waren, lagen oft im Süden Deutsch-
    hatte. Gemeint ist mit dem Reich               lands. Dort gab es daher viele Reichs-

Read so, every line joins two sentences that have nothing to do with each other. The gutter shows
as a band of character columns that is blank on every line of the page's body while most lines
have text on both sides of it; a page with one is read in its order, the left column's lines first,
then the right one's (``split_side_by_side_columns``: one edit per page, the body as read and the
body in reading order). A table or a list set in two columns has few lines with text on both
sides, or short ones, and keeps its lines.

Positions count what a line shows: an accent that PDF extraction set as a combining mark after its
letter (``u\\u0308``) takes no column.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

import regex

from ...edits import Edit
from ...rules import Kind
from .furniture import Line

SIDE_BY_SIDE = "split_side_by_side_columns"


@dataclass(frozen=True, slots=True)
class Gutter:
    """When blank columns between two columns of text are a gutter."""

    # the gutter lies in this share of the page's width, from the left
    min_position: float = 0.25
    max_position: float = 0.75
    # at least this many blank columns wide (a justified line's gaps are narrower on some line)
    min_width: int = 2
    # lines with text on both sides of it, at least this many and this share of the body's lines
    # (an extractor may set the two columns' lines on rows of their own where their baselines differ)
    min_lines: int = 6
    min_share: float = 0.3
    # a line may cross the gutter (a long word the extractor set wider): this share of the lines,
    # one at least
    max_crossing_share: float = 0.03
    # such a line is cut at the gap of spaces nearest the gutter, this many columns away at most
    max_cut_shift: int = 8
    # the lines of the columns are prose: on average at least this long on each side
    min_mean_length: int = 20
    # a page this wide (in characters) is no printed page's lines: a text of long paragraphs,
    # where the search would only cost time
    max_width: int = 300
    confidence: float = 0.9


GUTTER = Gutter()


def _shown(raw: str) -> tuple[str, list[int]]:
    """The line as it shows (combining marks dropped) and, per shown column, its index in ``raw``."""
    shown, index = [], []
    for i, ch in enumerate(raw):
        if not unicodedata.combining(ch):
            shown.append(ch)
            index.append(i)
    return "".join(shown), index


def gutter(lines: list[str]) -> tuple[int, int] | None:
    """The shown columns [start, end) of the gutter between two columns set side by side, or None."""
    if max(map(len, lines), default=0) > 2 * GUTTER.max_width:  # (even with an accent set apart on every letter)
        return None
    shown = [_shown(line)[0].rstrip() for line in lines]
    body = [s for s in shown if s.strip()]
    if len(body) < GUTTER.min_lines:
        return None
    width = max(map(len, body))
    if width > GUTTER.max_width:
        return None
    lo, hi = int(width * GUTTER.min_position), int(width * GUTTER.max_position)
    crossing = max(1, int(GUTTER.max_crossing_share * len(body)))
    blank = [sum(1 for s in body if len(s) > c and s[c] != " ") <= crossing for c in range(width)]
    best = None
    c = lo
    while c < hi:
        if not blank[c]:
            c += 1
            continue
        start = c
        while c < width and blank[c]:
            c += 1
        if c - start < GUTTER.min_width:
            continue
        both = [s for s in body if s[:start].strip() and s[c:].strip()]
        if (len(both) >= GUTTER.min_lines and len(both) >= GUTTER.min_share * len(body)
                and sum(len(s[:start].strip()) for s in both) >= GUTTER.min_mean_length * len(both)
                and sum(len(s[c:].strip()) for s in both) >= GUTTER.min_mean_length * len(both)
                and (best is None or len(both) > best[2])):
            best = (start, c, len(both))
    return None if best is None else best[:2]


def _split(raw: str, cut: int) -> tuple[str, str]:
    """``raw`` cut at the shown column ``cut`` (or, where a word crosses it, at the nearest gap of
    spaces): the left part and the right part."""
    shown, index = _shown(raw)
    if cut < len(shown) and shown[cut] != " ":
        gaps = [m.start() for m in _GAP_RE.finditer(shown) if abs(m.start() - cut) <= GUTTER.max_cut_shift]
        if not gaps:
            return raw.rstrip(), ""
        cut = min(gaps, key=lambda g: abs(g - cut))
    i = index[cut] if cut < len(index) else len(raw)
    return raw[:i].rstrip(), raw[i:]


_GAP_RE = regex.compile(r"(?<=\S)  +(?=\S)|(?<=\S) (?=\S)")


def _reading_order(raws: list[str], cut: int) -> list[str]:
    """The lines of a page's body in reading order: the left column's, then the right one's, each
    without the blank lines at its ends and the right one without the gutter's spaces. A row
    blank on one side only is no blank line of that column (the other column's line was set on a
    row of its own)."""
    left, right = [], []
    for raw in raws:
        if not raw.strip():
            left.append("")
            right.append("")
            continue
        a, b = _split(raw, cut)
        if a.strip():
            left.append(a)
        if b.strip():
            right.append(b.rstrip())
    # the right column's own left edge: the indentation most of its lines share (a line that
    # crossed the gutter was cut elsewhere, a paragraph's first line is indented further)
    leads = Counter(len(b) - len(b.lstrip()) for b in right if b.strip())
    edge = leads.most_common(1)[0][0] if leads else 0
    right = [b[min(edge, len(b) - len(b.lstrip())):] for b in right]
    for side in (left, right):
        while side and not side[-1].strip():
            side.pop()
        while side and not side[0].strip():
            side.pop(0)
    return left + right


def column_edits(text: str, pages: list[list[Line]], removed: set[int]
                 ) -> tuple[list[Edit], dict[int, tuple[str, str]]]:
    """Per page whose body has two columns side by side, the edit that puts the body in reading
    order; and those pages' first and last lines in reading order. ``removed``: the starts of the
    lines that are furniture, which is not the body's."""
    edits, reading = [], {}
    for p, page in enumerate(pages):
        body = [line for line in page if line.start not in removed]
        if len(body) < GUTTER.min_lines:
            continue
        start, end = body[0].start, body[-1].end
        raws = text[start:end].split("\n")
        found = gutter(raws)
        if found is None:
            continue
        ordered = _reading_order(raws, found[0])
        after = "\n".join(ordered)
        if after != text[start:end]:
            edits.append(Edit(start, end, text[start:end], after, Kind.LAYOUT, SIDE_BY_SIDE, GUTTER.confidence))
            lines = [line.strip() for line in ordered if line.strip()]
            reading[p] = (lines[0], lines[-1])
    return edits, reading
