"""Running headers, footers and page numbers: the lines between a page's edge and its body that
the pages repeat or that count with them, and the page break inside a sentence (see the stage's
notes in the package)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import regex

from ...edits import Edit
from ...rules import Kind

KIND = Kind.FURNITURE
RUNNING_HEADER = "remove_running_headers"
PAGE_NUMBER = "remove_page_numbers"
TORN_PAGE = "join_torn_page"


@dataclass(frozen=True, slots=True)
class Furniture:
    """Where a page's furniture stands, and how sure its removal is."""

    # how many non-blank lines from a page's top, and from its bottom, may be furniture
    top_lines: int = 4
    bottom_lines: int = 3
    # a running header is at most this long (a body line is longer)
    max_header_length: int = 120
    # confidence of a removal: a line that three or more pages repeat, one that two do, a number
    confidence_repeated: float = 0.95
    confidence_twice: float = 0.85
    confidence_number: float = 0.9
    # ... and of a page break's removal inside a sentence
    confidence_torn: float = 0.9


FURNITURE = Furniture()

# a page number alone on its line: "3", "- 3 -", "– 3 –", "Seite 3", "S. 3", "3 / 9", "3 von 9", "iv"
# (also what formats.pdf takes for one)
PAGE_NUMBER_RE = regex.compile(
    r"(?:[-–—]\s*)?(?:(?:Seite|S\.|Page|p\.)\s*)?(\d{1,4}|[ivxlc]{1,6})(?:\s*(?:/|von|of)\s*\d{1,4})?"
    r"(?:\s*[-–—])?", regex.IGNORECASE)
# ... and one glued to the end of the page's last word by an extractor's dehyphenation ("die1")
_GLUED_NUMBER_RE = regex.compile(r"(?<=\p{Ll})(\d{1,4})$")
_DIGITS_RE = regex.compile(r"\d+")
_WORD_RE = regex.compile(r"\p{L}{2}")
# the end of a line whose sentence goes on: a word, a comma or semicolon, a hyphen
_GOES_ON_RE = regex.compile(r"[\p{L},;\-\u2010¬]$")
_SPACES_RE = regex.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line of a page."""

    start: int  # offset of the line's first character in the text
    end: int  # offset of its end (before the line feed)
    text: str  # stripped


def split_pages(text: str) -> list[list[Line]]:
    """The text's pages (split at form feeds), each a list of its non-blank lines."""
    pages: list[list[Line]] = []
    pos = 0
    for chunk in text.split("\f"):
        lines = []
        for raw in chunk.split("\n"):
            if raw.strip():
                lines.append(Line(pos, pos + len(raw), raw.strip()))
            pos += len(raw) + 1  # the line feed, or the form feed after the page's last line
        pages.append(lines)
    return pages


def header_key(line: str) -> str:
    """A line as pages repeat it: digits aside (a page number, a changing date), spaces collapsed
    (also how formats.pdf compares running headers)."""
    return _SPACES_RE.sub(" ", _DIGITS_RE.sub("#", line)).strip().casefold()


def _edges(page: list[Line]) -> tuple[range, range]:
    """The indices of the lines at the page's top and at its bottom that may be furniture, each
    from the edge inwards."""
    n = len(page)
    return range(min(FURNITURE.top_lines, n)), range(n - 1, max(n - 1 - FURNITURE.bottom_lines, -1), -1)


def _repeated_keys(pages: list[list[Line]]) -> dict[str, int]:
    """The keys of the edge lines that two or more pages have at an edge, with how many pages.
    A line without a word is none: numbers alone are page numbers where they count with the
    pages, and a table's or a list's otherwise ("17" and "40" are not one header)."""
    seen: dict[str, set[int]] = defaultdict(set)
    for p, page in enumerate(pages):
        for side in _edges(page):
            for i in side:
                line = page[i].text
                if len(line) <= FURNITURE.max_header_length and _WORD_RE.search(line):
                    seen[header_key(line)].add(p)
    return {key: len(where) for key, where in seen.items() if len(where) >= 2}


def page_number(line: str) -> int | None:
    """The number of a line that is a page number in digits (one in Roman numerals counts as none:
    a page's position cannot be checked against it)."""
    m = PAGE_NUMBER_RE.fullmatch(line)
    return int(m.group(1)) if m and m.group(1).isdigit() else None


def _counting_numbers(pages: list[list[Line]]) -> tuple[dict[int, int], int]:
    """The page numbers that count up with the pages: page index -> the index of its number's line,
    for the numbers alone at an edge whose difference to their page's position (the offset) most
    pages share, two at least, or one alone that is its page's position counted from one; and the
    offset."""
    found: dict[int, dict[int, int]] = defaultdict(dict)  # offset -> {page: line index}
    for p, page in enumerate(pages):
        for side in _edges(page):
            for i in side:
                n = page_number(page[i].text)
                if n is not None:
                    found[n - p].setdefault(p, i)
    if not found:
        return {}, 0
    offset, where = max(found.items(), key=lambda kv: (len(kv[1]), kv[0] == 1))
    if len(where) < 2 and offset != 1:
        return {}, 0
    return where, offset


def _furniture(pages: list[list[Line]], numbers: dict[int, int]) -> list[tuple[Line, str, float]]:
    """The furniture lines of every page, with their rule and confidence: from each edge inwards,
    as long as the lines are repeated headers or the page's number. A page whose every line would
    be a header is all body (pages of one repeated line: a refrain, a list)."""
    repeated = _repeated_keys(pages)
    out = []
    for p, page in enumerate(pages):
        found: dict[int, tuple[Line, str, float]] = {}
        for side in _edges(page):
            for i in side:
                line = page[i]
                if i in found:
                    break
                if numbers.get(p) == i:
                    found[i] = (line, PAGE_NUMBER, FURNITURE.confidence_number)
                elif len(line.text) <= FURNITURE.max_header_length and header_key(line.text) in repeated:
                    twice = repeated[header_key(line.text)] < 3
                    found[i] = (line, RUNNING_HEADER, FURNITURE.confidence_twice if twice else FURNITURE.confidence_repeated)
                else:
                    break
        if len(found) == len(page):
            found = {i: f for i, f in found.items() if f[1] == PAGE_NUMBER}
        out += [found[i] for i in sorted(found)]
    return out


def _glued_numbers(text: str, pages: list[list[Line]], numbers: dict[int, int], offset: int,
                   removed: set[int]) -> list[Edit]:
    """A page's number glued to the page's last word, where the pages' numbers are known to count
    and the page shows none of its own: the extractor joined a hyphenated word's first part with
    it ("die1" for "die-"), so it becomes the hyphen again."""
    out = []
    for p, page in enumerate(pages[:-1]):
        body = [line for line in page if line.start not in removed]
        if not numbers or p in numbers or not body:
            continue
        last = body[-1]
        m = _GLUED_NUMBER_RE.search(last.text)
        if m and int(m.group(1)) == p + offset:
            stop = last.start + len(text[last.start:last.end].rstrip())
            out.append(Edit(stop - len(m.group(1)), stop, m.group(1), "-", KIND, PAGE_NUMBER,
                            FURNITURE.confidence_number))
    return out


def _removal(text: str, line: Line, rule: str, confidence: float) -> Edit:
    """The edit that removes ``line`` with its line feed."""
    end = line.end + 1 if text[line.end:line.end + 1] == "\n" else line.end
    return Edit(line.start, end, text[line.start:end], "", KIND, rule, confidence)


def furniture_edits(text: str, pages: list[list[Line]]) -> list[Edit]:
    """The removals of the pages' furniture, and the hyphens of the page numbers glued to a word."""
    numbers, offset = _counting_numbers(pages)
    furniture = _furniture(pages, numbers)
    edits = [_removal(text, line, rule, confidence) for line, rule, confidence in furniture]
    return edits + _glued_numbers(text, pages, numbers, offset, {line.start for line, _r, _c in furniture})


def _goes_on(last: str, first: str) -> bool:
    """Does the sentence of a page's last body line ``last`` go on in the next page's first one?
    It does where the line ends in a word, a comma or a hyphen (not a number: a table's, a list's)."""
    return bool(_GOES_ON_RE.search(last)) and first[:1].isalnum()


def torn_page_edits(text: str, pages: list[list[Line]], removals: list[Edit],
                    reading: dict[int, tuple[str, str]] | None = None) -> list[Edit]:
    """Where a page break tore a sentence, the blank lines and the form feed between the two
    pages' bodies (what the furniture's removal leaves of the gap), so that the sentence's two
    parts are two lines of one paragraph for the layout stage to join. ``reading``: a page's first
    and last line in reading order where that is not their order on the page (columns)."""
    removed = {e.start for e in removals}
    spans = sorted((e.start, e.end) for e in removals)
    reading = reading or {}
    out = []
    for p, (page, after) in enumerate(zip(pages, pages[1:])):
        body = [line for line in page if line.start not in removed]
        nxt = [line for line in after if line.start not in removed]
        if not body or not nxt:
            continue
        last = reading[p][1] if p in reading else body[-1].text
        first = reading[p + 1][0] if p + 1 in reading else nxt[0].text
        if not _goes_on(last, first):
            continue
        # the line feed after the last body line stays; where the form feed follows the line
        # directly, one takes its place
        pos = body[-1].end
        line_feed = "" if text[pos:pos + 1] == "\n" else "\n"
        pos += 1 - len(line_feed)
        for start, end in [(a, b) for a, b in spans if pos <= a < nxt[0].start] + [(nxt[0].start, nxt[0].start)]:
            if start > pos:
                out.append(Edit(pos, start, text[pos:start], line_feed, Kind.LAYOUT, TORN_PAGE,
                                FURNITURE.confidence_torn))
                line_feed = ""
            pos = max(pos, end)
    return out
