"""The common model of an OCR document and the projection of korrektor's edits onto its words.

A page becomes one plain text, read as the page reads: the words of a line joined by spaces, the
lines of a block by ``\\n``, blocks by ``\\n\\n``. :func:`korrektor.correct` runs once per page, so
the language model sees whole sentences across line ends, and its edit log (offsets into that
text) is mapped back onto the words:

* an edit inside one word changes that word's text; its box stays;
* an edit that splits a word (``inder`` → ``in der``) splits its box by character count;
* an edit that joins words of one line (``Ver einbarung`` → ``Vereinbarung``) joins their boxes
  (their union); the first word's element carries the result, the others are removed;
* the line structure of the file is kept: edits that only join lines or paragraphs (a line break
  replaced by a space) change nothing, and a removed line-end hyphenation keeps both parts on
  their lines with the hyphen (``Forde-`` / ``rung`` stay two words; a correction inside the
  joined word, ``Forde-rung`` → ``Förderung``, lands in the part that holds the letters);
* a word whose characters were all removed (an OCR speck) loses its element.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Optional

from rapidfuzz.distance import Levenshtein

from ..edits import Edit

__all__ = ["Word", "Line", "Block", "Page", "NewWord", "LineChange", "page_text", "project", "make_box"]

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

#: coordinates beyond this are no page's (and NaN, inf or 1e308 would break the box arithmetic)
MAX_COORD = 1e9


def make_box(x0: float, y0: float, x1: float, y1: float) -> Optional[Box]:
    """A box from a file's numbers; None (no box) if any is not a plausible coordinate."""
    box = (x0, y0, x1, y1)
    return box if all(math.isfinite(c) and abs(c) <= MAX_COORD for c in box) else None

_SPACE = -1   # a space between two words of a line
_STRUCT = -2  # a line or block break, or a printed hyphen outside the words (ALTO HYP)
_HYPHENS = "-\u2010\u00ac\u2e17"


@dataclass(eq=False)
class Word:
    """One word element (or, for files without words, one line element holding a line's text)."""

    el: Any
    text: str
    box: Optional[Box] = None
    line_level: bool = False


@dataclass(eq=False)
class Line:
    el: Any
    words: list[Word]
    box: Optional[Box] = None
    hyp: str = ""  # ALTO <HYP CONTENT="-"/>: printed after the last word, part of no word


@dataclass(eq=False)
class Block:
    el: Any
    lines: list[Line]


@dataclass(eq=False)
class Page:
    el: Any
    blocks: list[Block]


@dataclass(eq=False)
class NewWord:
    """A word of the corrected line: its text and box, the old words it came from, and the
    element it is written into (``reuse``; None: a new element after the previous word)."""

    text: str
    box: Optional[Box]
    sources: list[Word]
    reuse: Optional[Word]
    original: str
    confidence: float = 1.0
    rules: tuple[str, ...] = ()
    new_id: str = ""  # the id given to a new element

    @property
    def text_changed(self) -> bool:
        return self.reuse is None or self.text != self.reuse.text

    @property
    def box_changed(self) -> bool:
        return self.reuse is None or self.box != self.reuse.box

    @property
    def changed(self) -> bool:
        return self.text_changed or self.box_changed


@dataclass(eq=False)
class LineChange:
    line: Line
    words: list[NewWord]
    removed: list[Word] = field(default_factory=list)
    removed_confidence: float = 1.0
    removed_rules: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class _Text:
    text: str
    pieces: list[tuple[Word, int, int, int]]  # word, start, end, line number
    owner: list[int]    # per character: piece index, _SPACE or _STRUCT
    line_of: list[int]  # per character: line number (-1 for breaks)
    lines: list[Line]
    last_in_line: set[int]


def page_text(page: Page) -> _Text:
    """The page's plain text and, for every character, the word and line it belongs to."""
    parts: list[str] = []
    owner: list[int] = []
    line_of: list[int] = []
    pieces: list[tuple[Word, int, int, int]] = []
    lines: list[Line] = []
    last_in_line: set[int] = set()
    pos = 0

    def put(s: str, who: int, ln: int) -> None:
        nonlocal pos
        parts.append(s)
        owner.extend([who] * len(s))
        line_of.extend([ln] * len(s))
        pos += len(s)

    first_block = True
    for block in page.blocks:
        block_lines = [ln for ln in block.lines if any(w.text for w in ln.words)]
        if not block_lines:
            continue
        if not first_block:
            put("\n\n", _STRUCT, -1)
        first_block = False
        for i, line in enumerate(block_lines):
            if i:
                put("\n", _STRUCT, -1)
            ln = len(lines)
            lines.append(line)
            words = [w for w in line.words if w.text]
            for j, w in enumerate(words):
                if j:
                    put(" ", _SPACE, ln)
                pieces.append((w, pos, pos + len(w.text), ln))
                put(w.text, len(pieces) - 1, ln)
            last_in_line.add(len(pieces) - 1)
            if line.hyp:
                put(line.hyp, _STRUCT, ln)
    return _Text("".join(parts), pieces, owner, line_of, lines, last_in_line)


def _restore_hyphen(t: _Text, a: int, edit: Edit) -> bool:
    """Is ``a`` a line-end hyphen that ``edit`` removed together with the line break after it?"""
    p = t.owner[a]
    if p < 0 or t.text[a] not in _HYPHENS or p not in t.last_in_line:
        return False
    _, _, end, _ = t.pieces[p]
    return a == end - 1 and a + 1 < len(t.text) and t.owner[a + 1] == _STRUCT and edit.end > a + 1


def _stream(t: _Text, edits: list[Edit]):
    """The corrected text as (char, origin, inserted, edit index), and what each edit deleted."""
    out: list[tuple[str, int, bool, int]] = []
    deleted: dict[int, int] = {}
    text = t.text
    pos = 0
    for k, e in enumerate(edits):
        out.extend((text[i], i, False, -1) for i in range(pos, e.start))
        before, after = e.before, e.after
        for op in Levenshtein.opcodes(before, after):
            tag, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
            if tag in ("equal", "replace"):
                n = min(i2 - i1, j2 - j1)
                out.extend((after[j1 + d], e.start + i1 + d, False, k if tag == "replace" else -1)
                           for d in range(n))
                for d in range(n, i2 - i1):
                    deleted[e.start + i1 + d] = k
                out.extend((after[j], e.start + i1 + n, True, k) for j in range(j1 + n, j2))
            elif tag == "delete":
                for a in range(e.start + i1, e.start + i2):
                    if _restore_hyphen(t, a, e):
                        out.append((text[a], a, False, -1))
                    else:
                        deleted[a] = k
            elif tag == "insert":
                out.extend((after[j], e.start + i1, True, k) for j in range(j1, j2))
        pos = e.end
    out.extend((text[i], i, False, -1) for i in range(pos, len(text)))
    return out, deleted


def _line_for(t: _Text, origin: int, inserted: bool) -> int:
    """The line a corrected character belongs to (-1: drop it)."""
    n = len(t.text)
    if not inserted:
        if origin < n and t.owner[origin] != _STRUCT:
            return t.line_of[origin]
        candidates = [origin - 1, origin + 1]  # a non-space character that replaced a break
    else:
        candidates = [origin - 1, origin]      # an insertion before ``origin``
    for c in candidates:
        if 0 <= c < n and t.owner[c] != _STRUCT:
            return t.line_of[c]
    for c in range(min(origin, n - 1), -1, -1):
        if t.owner[c] != _STRUCT:
            return t.line_of[c]
    return 0 if t.lines else -1


def _sub_box(box: Optional[Box], lo: float, hi: float) -> Optional[Box]:
    if box is None:
        return None
    if lo <= 0 and hi >= 1:
        return box
    x0, y0, x1, y1 = box
    return (x0 + (x1 - x0) * lo, y0, x0 + (x1 - x0) * hi, y1)


def _union(boxes: list[Box]) -> Optional[Box]:
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    if len(boxes) == 1:
        return boxes[0]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def project(page: Page, text_info: _Text, edits: list[Edit]) -> list[LineChange]:
    """Map ``edits`` (against ``text_info.text``) onto the page's lines and words; return the
    lines that change."""
    t = text_info
    if not edits:
        return []
    stream, deleted = _stream(t, edits)
    per_line: list[list[tuple[str, int, bool, int]]] = [[] for _ in t.lines]
    for item in stream:
        ch, origin, inserted, k = item
        if not inserted and origin < len(t.text) and t.owner[origin] == _STRUCT and ch.isspace():
            continue
        ln = _line_for(t, origin, inserted)
        if ln >= 0:
            per_line[ln].append(item)

    # which lines are touched at all
    touched_lines = set()
    for ch, origin, inserted, k in stream:
        if k >= 0 or inserted:
            ln = _line_for(t, origin, inserted)
            if ln >= 0:
                touched_lines.add(ln)
    for a in deleted:
        if t.owner[a] != _STRUCT:
            touched_lines.add(t.line_of[a])

    piece_edits: dict[int, set[int]] = {}
    for a, k in deleted.items():
        if t.owner[a] >= 0:
            piece_edits.setdefault(t.owner[a], set()).add(k)

    changes = []
    for ln in sorted(touched_lines):
        change = _project_line(t, ln, per_line[ln], edits, deleted, piece_edits)
        if change is not None:
            changes.append(change)
    return changes


def _project_line(t: _Text, ln: int, chars, edits, deleted, piece_edits) -> Optional[LineChange]:
    line = t.lines[ln]
    line_pieces = [i for i, p in enumerate(t.pieces) if p[3] == ln]
    if not line_pieces:
        return None
    if len(line_pieces) == 1 and t.pieces[line_pieces[0]][0].line_level:
        # a line without word elements: the line's text is the unit
        p = line_pieces[0]
        word = t.pieces[p][0]
        new = "".join(c[0] for c in chars)
        if new == word.text:
            return None
        ks = {c[3] for c in chars if c[3] >= 0} | piece_edits.get(p, set())
        nw = NewWord(new, word.box, [word], word, word.text, *_conf(edits, ks))
        return LineChange(line, [nw])

    # split the corrected line into words at whitespace
    groups: list[list[tuple[str, int, bool, int]]] = []
    cur: list = []
    for c in chars:
        if c[0].isspace():
            if cur:
                groups.append(cur)
                cur = []
        else:
            cur.append(c)
    if cur:
        groups.append(cur)

    # which characters of which old word each group holds
    info = []
    contributes: dict[int, list[int]] = {}
    for gi, g in enumerate(groups):
        ranges: dict[int, list[int]] = {}
        for ch, origin, inserted, k in g:
            if inserted or origin >= len(t.text):
                continue
            p = t.owner[origin]
            if p >= 0:
                off = origin - t.pieces[p][1]
                r = ranges.setdefault(p, [off, off])
                r[0], r[1] = min(r[0], off), max(r[1], off)
        info.append(ranges)
        for p in ranges:
            contributes.setdefault(p, []).append(gi)

    used: set[int] = set()
    words: list[NewWord] = []
    for gi, g in enumerate(groups):
        ranges = info[gi]
        sources = sorted(ranges, key=lambda p: t.pieces[p][1])
        boxes = []
        for p in sources:
            word, start, end, _ = t.pieces[p]
            gs = contributes[p]
            if len(gs) == 1:
                boxes.append(word.box)
                continue
            n = end - start
            lo = 0.0 if gs[0] == gi else ranges[p][0] / n
            hi = 1.0 if gs[-1] == gi else (ranges[p][1] + 1) / n
            if gs[0] != gi:  # start where the previous part of this word ended
                prev = info[gs[gs.index(gi) - 1]][p]
                lo = (prev[1] + 1) / n
            boxes.append(_sub_box(word.box, lo, hi))
        reuse = next((p for p in sources if p not in used), None)
        if reuse is not None:
            used.add(reuse)
        ks = {c[3] for c in g if c[3] >= 0}
        for p in sources:
            ks |= piece_edits.get(p, set())
        origins = [c[1] for c in g]
        if origins:  # every edit that touched the stretch of text this word comes from
            ks |= _edits_in(edits, min(origins), max(origins) + 1)
        text = "".join(c[0] for c in g)
        original = " ".join(t.pieces[p][0].text for p in sources)
        words.append(NewWord(text, _union(boxes), [t.pieces[p][0] for p in sources],
                             t.pieces[reuse][0] if reuse is not None else None, original,
                             *_conf(edits, ks)))

    # a word made only of inserted characters gets a thin box beside its neighbour
    for i, w in enumerate(words):
        if w.box is None and not w.sources:
            left = next((x.box for x in reversed(words[:i]) if x.box), None)
            right = next((x.box for x in words[i + 1:] if x.box), None)
            if left:
                w.box = (left[2], left[1], left[2], left[3])
            elif right:
                w.box = (right[0], right[1], right[0], right[3])
            else:
                w.box = line.box
            w.original = ""

    removed = [t.pieces[p][0] for p in line_pieces if p not in used]
    if not removed and all(not w.changed for w in words):
        return None
    ks = set()
    for p in line_pieces:
        if p not in used:
            ks |= piece_edits.get(p, set())
    return LineChange(line, words, removed, *_conf(edits, ks))


def _edits_in(edits: list[Edit], lo: int, hi: int) -> set[int]:
    starts = [e.start for e in edits]
    k = max(0, bisect_right(starts, lo) - 1)
    out = set()
    while k < len(edits) and edits[k].start <= hi:
        e = edits[k]
        if e.start < hi and (e.end > lo or (e.start == e.end and e.start >= lo)):
            out.add(k)
        k += 1
    return out


def _conf(edits: list[Edit], ks: set[int]) -> tuple[float, tuple[str, ...]]:
    if not ks:
        return 1.0, ()
    es = [edits[k] for k in sorted(ks)]
    return min(e.confidence for e in es), tuple(dict.fromkeys(e.rule for e in es))
