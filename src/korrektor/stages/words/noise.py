"""How damaged the page is, from its own corrections: a clean page gets almost no word edits.

The decoder's confidence is a posterior under the OCR error model, which expects the damage of an
OCR page. Text without OCR damage (typed text, a PDF's text layer, a page of a good engine on a
good scan) has only the non-words of its names and rare words, and those a decoder "corrects"
with the same confidence as damage. Such a page is told by what the decoder finds: an OCR page,
even a lightly damaged one, has words the decoder is all but certain of ("fiir" → "für"), several
per thousand letters; a clean page has few or none. There, a word edit is applied only when it
is as sure as a clean page's edits never are; the others are reported as doubts.

:func:`clean_page` runs in the compiled core (``korrektor._core.clean_page``,
``rust/src/noise.rs``) where NOISE and the pattern are the core's; else, and with
``KORREKTOR_PY_SEARCH=1``, in Python (:func:`_py_clean_page`, the reference).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ... import _core
from ...edits import Edit
from ...errormodel import _PY_SEARCH
from ...rules import Kind


@dataclass(frozen=True)
class PageNoise:
    """When a page counts as clean, and what a word edit must be sure of there."""

    # a word edit at least this sure is evidence of damage ...
    sure: float = 0.99
    # ... and a page with fewer than this many per thousand letters is clean
    min_sure_per_1000_letters: float = 0.6
    # on a clean page, a word edit below this confidence is a doubt
    clean_page_confidence: float = 0.999
    # a text shorter than this many letters (a sentence, a line of a form) says too little either
    # way: its edits are judged as on any page
    min_letters: int = 1000


NOISE = PageNoise()

_NON_LETTERS_RE = regex.compile(r"\P{L}+")


def clean_page(text: str, changes: list[Edit]) -> bool:
    """Does the page read as clean text, by the word edits the decoder is sure of (see NOISE)?
    The compiled test where it can run, else :func:`_py_clean_page`."""
    if _CORE_AGREES and NOISE is _CHECKED_NOISE and type(text) is str and type(changes) is list:
        return _core.clean_page(text, changes, Kind.WORD)
    return _py_clean_page(text, changes)


def _py_clean_page(text: str, changes: list[Edit]) -> bool:
    """Does the page read as clean text, by the word edits the decoder is sure of (see NOISE)?"""
    if len(text) < NOISE.min_letters:
        return False
    sure = sum(1 for e in changes if e.kind == Kind.WORD and e.confidence >= NOISE.sure)
    if sure >= NOISE.min_sure_per_1000_letters * len(text) / 1000:
        return False  # damaged, whatever share of the text its letters are
    letters = len(_NON_LETTERS_RE.sub("", text))
    return letters >= NOISE.min_letters and sure < NOISE.min_sure_per_1000_letters * letters / 1000


def held_on_a_clean_page(edit: Edit) -> bool:
    """Is a word edit too unsure for a clean page?"""
    return edit.kind == Kind.WORD and edit.confidence < NOISE.clean_page_confidence


def _core_agrees() -> bool:
    """Does the compiled test use NOISE and _NON_LETTERS_RE? Not with ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "noise_constants"):
        return False
    there = _core.noise_constants()
    return (all(there[k] == getattr(NOISE, k)
                for k in ("sure", "min_sure_per_1000_letters", "clean_page_confidence", "min_letters"))
            and there["non_letters"] == _NON_LETTERS_RE.pattern and not _NON_LETTERS_RE.flags & regex.I)


#: the compiled test agrees with the constants here (read at import)
_CORE_AGREES = _core_agrees()
#: NOISE as checked against the core at import: replaced since (a test's), Python answers
_CHECKED_NOISE = NOISE
