"""PDFs read directly: the text layer of a PDF as plain text in reading order, without its running
headers, footers and page numbers, for :func:`korrektor.correct`.

    >>> from korrektor.formats.pdf import read_pdf
    >>> text = read_pdf("file.pdf")     # the extracted text; korrektor.correct(text) corrects it

Why a reader of its own: the extractors people use lose what korrektor cannot get back from their
text. ``pdftotext -layout`` prints two columns side by side in one line; plain ``pdftotext`` and
pdfminer's ``extract_text`` read columns out of order or cut justified lines into one-word boxes;
all of them keep running headers and page numbers in the sentence they interrupt. Here the
positions are still known, so the furniture goes by where it stands, and columns are read in
order.

How (pdfminer.six, ``extract_pages`` with :func:`laparams`):

* ``extract_lines``: every ``LTTextLine`` of every page with its box. pdfminer's own grouping
  into text boxes and their order (``boxes_flow``) is not used: its boxes follow vertical spacing,
  not columns, and its order mixes the columns of a page with a title across them. A small
  ``char_margin`` keeps a line from running across a narrow gutter (LaTeX's is 10 pt, two
  characters); the price, a justified line cut into pieces at its widest spaces, is undone by
  ``build_lines``, which knows the columns.
* ``drop_furniture``: among the few outermost lines at a page's top and bottom edge, those that
  another page repeats at the same height (digits aside: ``Seite 3`` is ``Seite 4``), and a page
  number there alone or beside the running header (``3``, ``- 3 -``, ``Seite 3``, ``3 / 9``).
  Only position and repetition decide, so a body line that looks like a header stays. (The ``pages`` stage does the same for plain text
  with form feeds, where the positions are lost; here it has nothing left to do.)
* ``find_gutters``: the gutters between columns: stretches of x with text side by side left and
  right over a greater height than the pieces that cross them take (a title or an abstract over
  both columns crosses, and is read in its place), found one at a time, the clearest first and
  then within each side, so that the ragged edge of one column is no gutter. (pdfminer's text
  boxes are no help here: a gutter is where no *line* crosses, and a column's boxes can be cut
  anywhere by its paragraphs.)
* ``order_lines``: the page cut at its full-width lines into bands; each band read column by
  column, left to right, each column top to bottom;
* ``build_text``: the lines as the PDF set them, line-end hyphens and all (the ``layout`` stage
  joins a paragraph's lines and repairs hyphenation, and knows real hyphens from broken words);
  a blank line where a paragraph starts (a gap, an indent, or a justified line that ends short
  after a sentence's end). A column's or a page's last line and the next one's first are joined
  by the same rule: a sentence that goes on across the break stays one paragraph, so no form feed
  is needed and none is written.

Two repairs only the positions allow: pdflatex with the old OT1 encoding builds „ from a ”
lowered to the baseline, which is read as „ (``_low_quotes``); and groff's ligatures, which
pdfminer gives no width, are allowed for where a line's pieces are joined (``Piece.lost``).

The edits korrektor makes refer to this extracted text (``korrektor correct --format json`` lists
them; ``korrektor explain file.pdf`` shows them), not to the PDF. A PDF without text, a scanned
one, is an :class:`~korrektor.io.InputError` that points to ``korrektor ocr``.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from statistics import median
from typing import Iterable, Optional, Union

from ..io import InputError
from ..stages.pages.furniture import PAGE_NUMBER_RE, header_key

__all__ = ["read_pdf", "extract_lines", "drop_furniture", "find_gutters", "order_lines",
           "build_lines", "build_text", "Piece", "Page", "laparams"]

#: the most bytes of a PDF read (as for XML files)
MAX_BYTES = 200 * 1024 * 1024


@functools.lru_cache(maxsize=1)
def laparams():
    """The layout analysis's parameters (pdfminer is an optional dependency: built when used)."""
    from pdfminer.layout import LAParams

    # char_margin 1.0: a gap wider than one character ends a piece (see the module docstring);
    # word_margin 0.15: LibreOffice sets a line-end hyphen a little apart from its word, and
    # pdfminer's 0.1 reads "frü -"; boxes_flow None: pdfminer's order of boxes is not used
    return LAParams(char_margin=1.0, line_margin=0.5, word_margin=0.15, boxes_flow=None)


@dataclass(frozen=True)
class Piece:
    """A piece of a line on a page: pdfminer's ``LTTextLine``, its box in points (origin at the
    page's bottom left), its text without the line break."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    #: how far pdfminer placed the piece's end too far left: the advance of glyphs it has no
    #: width for (groff's ligatures ﬂ and ﬁ), which the PDF made up for by placing the next piece
    lost: float = 0.0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Page:
    width: float
    height: float
    pieces: list[Piece]


def _name(path) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def extract_lines(source: Union[str, os.PathLike, bytes], name: Optional[str] = None) -> list[Page]:
    """Every page of the PDF (a path, ``-`` for standard input, or its bytes), with the pieces
    of its text lines."""
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LTChar, LTTextLine
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ModuleNotFoundError:
        raise InputError("reading a PDF needs pdfminer.six (pip install 'korrektor[formats]')") from None
    import io

    from ..io import read_bytes

    if isinstance(source, (bytes, bytearray)):
        data, name = bytes(source), name or "<input>"
    else:
        data, name = read_bytes(source, limit=MAX_BYTES), name or _name(source)
    if not data.strip():
        raise InputError(f"{name}: the input is empty")
    if not data.lstrip()[:1024].count(b"%PDF-"):
        raise InputError(f"{name}: not a PDF (it does not start with %PDF-)")
    read = []
    try:  # pdfminer reports a damaged or encrypted file with the exceptions of its parser
        for layout in extract_pages(io.BytesIO(data), laparams=laparams()):
            lines = [(ln.x0, ln.y0, ln.x1, ln.y1, ln.get_text().strip("\n"), _lost_advance(ln, LTChar))
                     for ln in _walk(layout, LTTextLine)]
            read.append((layout.width, layout.height, lines))
    except (PSException, PDFSyntaxError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"{name}: cannot read the PDF: {e or type(e).__name__}") from None
    except Exception as e:  # e.g. PDFEncryptionError, PDFPasswordIncorrect
        if type(e).__module__.startswith("pdfminer"):
            raise InputError(f"{name}: cannot read the PDF: {type(e).__name__}: {e}") from None
        raise
    pages = [Page(width, height, _low_quotes([Piece(*line) for line in lines if line[4].strip()]))
             for width, height, lines in read]
    if not any(p.pieces for p in pages):
        raise InputError(f"{name}: the PDF has no text layer (a scanned document?); "
                         f"read it with OCR: korrektor ocr {name if name != '<stdin>' else 'FILE.pdf'}")
    return pages


def _lost_advance(line, char_class) -> float:
    """The advance pdfminer lost in ``line``: half an em for every glyph it gave no width."""
    return sum(0.5 * c.size for c in line
               if isinstance(c, char_class) and c.width <= 0 and c.get_text().strip()
               and not unicodedata.combining(c.get_text()[0]))


def _walk(obj, cls) -> Iterable:
    """The objects of class ``cls`` in pdfminer's layout tree, in the tree's order."""
    for child in obj:
        if isinstance(child, cls):
            yield child
        elif hasattr(child, "__iter__") and not isinstance(child, (str, bytes)):
            yield from _walk(child, cls)


# -- page furniture --------------------------------------------------------------------------------

#: how many rows from a page's top, and from its bottom, may be furniture, and how far into the
#: page (a share of its height) they may stand
TOP_ROWS, BOTTOM_ROWS, EDGE_BAND = 3, 2, 0.15
# a piece of quote marks alone (pdfminer reads a lowered one apart from its line)
_MARKS_RE = re.compile(r"[„‚”“\"'’‘`]+")


def _rows(pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces in rows (pieces whose vertical middles lie within each other's box), top to
    bottom, each row left to right. A piece of quote marks alone goes into the row whose baseline
    it shares or, set lower, into the row above (see :func:`_low_quotes`)."""
    rows: list[list[Piece]] = []
    marks = [p for p in pieces if _MARKS_RE.fullmatch(p.text)]
    for p in sorted((p for p in pieces if not _MARKS_RE.fullmatch(p.text)), key=lambda p: -(p.y0 + p.y1)):
        mid = (p.y0 + p.y1) / 2
        if rows and rows[-1][0].y0 <= mid <= rows[-1][0].y1:
            rows[-1].append(p)
        else:
            rows.append([p])
    for m in marks:
        row = _row_of_mark(m, rows)
        if row is None:
            rows.append([m])
        else:
            row.append(m)
    rows.sort(key=lambda r: -(r[0].y0 + r[0].y1))
    return [sorted(r, key=lambda p: p.x0) for r in rows]


def _row_of_mark(m: Piece, rows: list[list[Piece]]) -> Optional[list[Piece]]:
    """The row of a piece of quote marks: the row of the nearest piece beside it (less than a
    line's height apart) that shares its baseline, else of one whose baseline is less than a
    line above its own."""
    near = [(row, p) for row in rows for p in row
            if p.x0 - m.height <= m.x1 and m.x0 <= p.x1 + m.height]
    same = [(abs(p.y0 - m.y0), id(row), row) for row, p in near if abs(p.y0 - m.y0) < 0.25 * m.height]
    if same:
        return min(same)[2]
    above = [(p.y0, id(row), row) for row, p in near if 0 < p.y0 - m.y0 <= 0.8 * m.height]
    return min(above)[2] if above else None


def _low_quotes(pieces: list[Piece]) -> list[Piece]:
    """The pieces with a quote mark set below its line's baseline read as the low quote it
    shows: pdflatex with the old OT1 encoding builds „ from a lowered ” (which pdfminer reads
    apart from its line)."""
    plain = [p for p in pieces if not _MARKS_RE.fullmatch(p.text)]
    rows = _rows(plain)
    out = []
    for p in pieces:
        if _MARKS_RE.fullmatch(p.text):
            row = _row_of_mark(p, rows)
            if row is not None and min(q.y0 for q in row) - p.y0 >= 0.25 * p.height:
                p = replace(p, text=p.text.replace("”", "„").replace("“", "„").replace("’", "‚"))
        out.append(p)
    return out


def _edge_pieces(page: Page) -> list[Piece]:
    """The pieces of the outermost rows at the page's top and bottom, within the edge bands."""
    rows = _rows(page.pieces)
    top = [p for row in rows[:TOP_ROWS] for p in row if p.y0 >= page.height * (1 - EDGE_BAND)]
    bottom = [p for row in rows[-BOTTOM_ROWS:] for p in row if p.y1 <= page.height * EDGE_BAND]
    return top + [p for p in bottom if p not in top]


def drop_furniture(pages: list[Page]) -> list[Page]:
    """The pages without their running headers, footers and page numbers: among the pieces of the
    outermost rows (:func:`_edge_pieces`), those that another page repeats at the same height
    (digits aside), and a page number alone in its row or beside the running header."""
    edges = [_edge_pieces(page) for page in pages]
    out = []
    for pno, (page, pieces) in enumerate(zip(pages, edges)):
        rows = {id(p): row for row in _rows(page.pieces) for p in row}
        repeated = {id(p) for p in pieces
                    if (len(rows[id(p)]) == 1 or " " in p.text.strip())
                    and any(_repeats(p, q) for other, qs in enumerate(edges) if other != pno for q in qs)}
        # a page number stands alone, or beside the running header in its row
        number = {id(p) for p in pieces if PAGE_NUMBER_RE.fullmatch(p.text.strip())}
        drop = repeated | {i for p in pieces if (i := id(p)) in number
                           and all(id(q) in repeated or id(q) in number for q in rows[i])}
        out.append(replace(page, pieces=[p for p in page.pieces if id(p) not in drop]))
    return out


def _repeats(p: Piece, q: Piece) -> bool:
    """Whether ``q`` (on another page) repeats ``p`` as a running header or footer: the same
    words, digits aside, at the same height. Digits alone are left to the page numbers' rule, and
    a piece of a few letters is no header (a word of a justified line cut into pieces may stand
    at the same height of two pages)."""
    shape = header_key(p.text)
    return (len(shape.replace("#", "").replace(" ", "")) >= 4 and shape == header_key(q.text)
            and abs(p.y0 - q.y0) < 0.5 * p.height)


# -- columns and reading order ---------------------------------------------------------------------

#: a gutter is at least this wide (points)
MIN_GUTTER = 3.0


def find_gutters(pieces: list[Piece]) -> list[float]:
    """The x positions of the gutters between columns, left to right: the widest-standing gutter
    of the pieces (:func:`_best_gutter`), then those of the pieces left and right of it. (Judged
    on all pieces at once, a ragged stretch inside one column, short lines beside the next
    column's text, could pass for a gutter.)"""
    best = _best_gutter(pieces)
    if best is None:
        return []
    return (find_gutters([p for p in pieces if p.x1 <= best]) + [best]
            + find_gutters([p for p in pieces if p.x0 >= best]))


def _best_gutter(pieces: list[Piece]) -> Optional[float]:
    """The middle of the stretch of x where text stands side by side, left and right of x, over
    a greater height than the pieces that cross x (the full-width lines: a title, an abstract)
    take, and most so; None if there is none. One column's justified lines, cut into pieces at
    their wide spaces, have pieces side by side only in the few lines cut at the same place, and
    most of its lines cross any x."""
    import numpy as np

    if len(pieces) < 4:
        return None
    x0, x1 = np.array([p.x0 for p in pieces]), np.array([p.x1 for p in pieces])
    xs = np.arange(x0.min() + 1, x1.max(), 0.5)[:, None]
    crossing, left, right = (x0 < xs) & (xs < x1), x1 <= xs, x0 >= xs
    ok = (left.sum(axis=1) >= 2) & (right.sum(axis=1) >= 2)
    score = np.zeros(len(xs))
    height = float(np.median([p.height for p in pieces]))
    top = int(max(p.y1 for p in pieces)) + 2

    def extent(chosen) -> "np.ndarray":  # the heights (1 pt rows) the chosen pieces cover
        covered = np.zeros(top, dtype=bool)
        for i in np.flatnonzero(chosen):
            covered[max(int(pieces[i].y0), 0):int(pieces[i].y1) + 1] = True
        return covered

    for i in np.flatnonzero(ok):
        side_by_side = int((extent(left[i]) & extent(right[i])).sum())
        score[i] = side_by_side - int(extent(crossing[i]).sum())
        ok[i] = side_by_side >= 2 * height and score[i] > 0
    best, start = None, None
    for i, good in enumerate(ok.tolist() + [False]):
        if good and start is None:
            start = i
        elif not good and start is not None:
            if (i - 1 - start) * 0.5 >= MIN_GUTTER:
                # where the stretch is cleanest: the middle of its best-scored part
                top_score = score[start:i].max()
                plateau = np.flatnonzero(score[start:i] == top_score) + start
                middle = int(plateau[len(plateau) // 2])
                if best is None or score[middle] > score[best]:
                    best = middle
            start = None
    return None if best is None else float(xs[best, 0])


def order_lines(pieces: list[Piece], gutters: list[float]) -> list[list[list[Piece]]]:
    """The pieces in reading order: a list of columns (each a list of rows, top to bottom, each
    row the pieces of one line, left to right). A row with a piece across a gutter is a column
    of its own, read where it stands; between two such rows, the columns of the band are read
    left to right."""
    columns: list[list[list[Piece]]] = []
    band: list[list[list[Piece]]] = [[] for _ in range(len(gutters) + 1)]

    def flush():
        columns.extend(col for col in band if col)
        return [[] for _ in range(len(gutters) + 1)]

    for row in _rows(pieces):
        if any(p.x0 < g < p.x1 for p in row for g in gutters):
            band = flush()
            columns.append([sorted(row, key=lambda p: p.x0)])
            continue
        parts: list[list[Piece]] = [[] for _ in range(len(gutters) + 1)]
        for p in sorted(row, key=lambda p: p.x0):
            parts[sum((p.x0 + p.x1) / 2 > g for g in gutters)].append(p)
        for i, part in enumerate(parts):
            if part:
                band[i].append(part)
    flush()
    return columns


@dataclass(frozen=True)
class Line:
    """A line of a column: its pieces joined, where it starts and ends."""

    x0: float
    x1: float
    y0: float
    y1: float
    text: str


def build_lines(row: list[Piece]) -> Line:
    """One line from the pieces of a row in one column, with a space where a gap is (pdfminer
    cut the line at a space wider than :func:`laparams` allows)."""
    text = row[0].text
    for a, b in zip(row, row[1:]):
        gap = b.x0 - a.x1 - a.lost
        sep = "" if gap < 0.1 * min(a.height, b.height) or text.endswith(" ") or b.text.startswith(" ") else " "
        text += sep + b.text
    return Line(min(p.x0 for p in row), max(p.x1 for p in row), min(p.y0 for p in row),
                max(p.y1 for p in row), " ".join(text.split()))


_SENTENCE_END_RE = re.compile(r"[.!?:…][\"'“”»«’)]*$")


def build_text(columns: list[list[Line]]) -> str:
    """The columns' lines as text: a line break between the lines of a paragraph, a blank line
    before a paragraph's first line. A line starts a paragraph when it stands apart from the line
    before (a gap of more than half a line), is indented, or follows a short line that ended a
    sentence in a justified column; a column's first line is judged against the last line of the
    column before, so that a sentence goes on across column and page breaks."""
    out: list[str] = []
    prev: Optional[Line] = None
    prev_col: Optional[tuple[float, float, bool]] = None
    for col in columns:
        if not col:
            continue
        left = median(ln.x0 for ln in col) if len(col) > 2 else min(ln.x0 for ln in col)
        right = max(ln.x1 for ln in col)
        em = median(ln.y1 - ln.y0 for ln in col)
        full = sum(ln.x1 >= right - em for ln in col)
        justified = len(col) >= 3 and full >= 0.6 * len(col)
        pitch = median([a.y0 - b.y0 for a, b in zip(col, col[1:])] or [em * 1.2])
        for i, ln in enumerate(col):
            if prev is None:
                out.append(ln.text)
                prev = ln
                continue
            if i == 0:  # the first line of a column: judged by the column before's geometry
                p_right, p_em, p_justified = prev_col
                gap_break = False
                indented = ln.x0 > left + 0.5 * em and len(col) > 1
            else:
                p_right, p_em, p_justified = right, em, justified
                gap_break = prev.y0 - ln.y0 > 1.5 * pitch
                indented = ln.x0 > left + 0.5 * em
            short_end = (p_justified and prev.x1 < p_right - 1.5 * p_em
                         and _SENTENCE_END_RE.search(prev.text) is not None)
            out.append("\n\n" if gap_break or indented or short_end else "\n")
            out.append(ln.text)
            prev = ln
        prev_col = (right, em, justified)
    return "".join(out) + "\n" if out else ""


def read_pdf(source: Union[str, os.PathLike, bytes], name: Optional[str] = None) -> str:
    """The text of the PDF ``source`` (a path, ``-``, or its bytes) in reading order, without its
    page furniture, ready for :func:`korrektor.correct`."""
    columns: list[list[Line]] = []
    for page in drop_furniture(extract_lines(source, name)):
        gutters = find_gutters(page.pieces)
        for col in order_lines(page.pieces, gutters):
            columns.append([build_lines(row) for row in col])
    return build_text(columns)
