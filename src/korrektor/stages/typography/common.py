"""What the typography stage's fixes share: the kinds of their edits, the page style they see, a
quotation mark's context, paragraphs, table rows, and replacing a pattern outside what is no prose
(URLs, e-mail addresses and code: korrektor.german.protected_spans)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from ... import _core
from ...edits import Edit
from ...german import inside, protected_spans
from ...rules import Kind

QUOTE, DASH, PUNCTUATION = Kind.QUOTE, Kind.DASH, Kind.PUNCTUATION
SPECK = Kind.SPECK  # OCR debris removed: a mark the page did not have
GLYPH = Kind.GLYPH  # a look-alike glyph read back: § for $, 0 for O in a number, l for |

_OPEN_CONTEXT = set(" \t\n([{/–—-")
_CLOSE_CONTEXT = set(" \t\n.,;:!?)]}–—-…")
_PARAGRAPH_RE = regex.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


@dataclass(frozen=True)
class PageStyle:
    quotes: str  # "german", "guillemets", "straight" or "unknown"
    en_dashes: float  # probability that the page set its spaced dashes as en dashes
    dash_threshold: float = 0.5  # restore en dashes above this probability
    printed: bool = True  # the input has the line layout of a printed page (OCR/PDF output)
    typed_german_quotes: bool = False  # typed text that sets „ and “ itself (its straight quotes are meant)


def _opening(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _OPEN_CONTEXT


def _closing(text: str, j: int) -> bool:
    return j >= len(text) or text[j] in _CLOSE_CONTEXT


def _replace_all(pattern, text: str, after: str | Callable[[str], str], kind: Kind, rule: str,
                 confidence: float) -> list[Edit]:
    """Every match of ``pattern`` outside URLs, e-mail addresses and code, replaced by ``after``
    (or by what ``after`` makes of the matched text)."""
    protected = protected_spans(text)
    make = after if callable(after) else (lambda _: after)
    return [Edit(m.start(), m.end(), m.group(), make(m.group()), kind, rule, confidence)
            for m in pattern.finditer(text) if not inside(protected, m.start())]


# a line with two or more "|" is a table row: its bars are cell borders, not specks
_TABLE_ROW_RE = regex.compile(r"(?m)^[^\n|]*\|[^\n|]*\|.*$")


def _table_rows(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that are table rows."""
    return [m.span() for m in _TABLE_ROW_RE.finditer(text)] if "|" in text else []


# ---------------------------------------------------------------------------------------------
# the compiled stage (rust/src/typography/): each fix keeps its Python body as ``_py_<name>``, the
# reference; the package's __init__ decides at import whether the core's patterns and constants
# are this package's, and each call whether nothing was replaced since (_COMPILED_NOW[0])

#: the check the fixes ask before they call the core (set by the package's __init__)
_COMPILED_NOW: list[Callable[[], bool]] = [lambda: False]
_KINDS = {k.value: k for k in Kind}


def _edit(start: int, end: int, before: str, after: str, kind: str, rule: str, confidence: float,
          alternatives: list[str]) -> Edit:
    """An edit from the core's row: its kind a Kind, or the str of one composed of several."""
    kind = _KINDS.get(kind, kind)
    return Edit(start, end, before, after, kind, rule, confidence, tuple(alternatives))


def compiled_fix(py_fix: Callable[[str, PageStyle], list[Edit]]) -> Callable[[str, PageStyle], list[Edit]]:
    """The fix ``_py_<name>`` answered by the compiled core (``_core.typography_fix``) where it can
    (a str, a PageStyle, nothing replaced since import; no lone surrogate), else by itself."""
    name = py_fix.__name__.removeprefix("_py_")

    def fix(text: str, style: PageStyle) -> list[Edit]:
        if type(text) is str and type(style) is PageStyle and _COMPILED_NOW[0]():
            rows = _core.typography_fix(name, text, style.quotes, style.en_dashes, style.dash_threshold,
                                        style.printed, style.typed_german_quotes)
            if rows is not None:
                return [_edit(*row) for row in rows]
        return py_fix(text, style)

    fix.__name__ = fix.__qualname__ = name
    fix.__doc__ = py_fix.__doc__
    fix.__module__ = py_fix.__module__
    return fix
