"""The page's style, decided from the evidence of the whole text before any fix runs: which
quotation marks it sets, and how likely its spaced dashes are en dashes."""

from __future__ import annotations

import math

import regex

from ... import _core
from .common import _COMPILED_NOW, PageStyle, _opening
from .quotes import _DETACHED_OPENER_RE

# a comma before a word: an opening „ the engine read as a comma, where a quotation opens
_COMMA_OPENER_RE = regex.compile(r"(?<![\p{L}\p{N}]),(?=\p{L})")
# spaced hyphens, and spaced dashes read as en dash, em dash or tilde
_SPACED_HYPHEN_RE = regex.compile(r"(?<=\s)-(?=\s|[,.;:](?:\s|$))")
_SPACED_DASH_RE = regex.compile(r"–|(?<=\s)[—~](?=\s|[,.;:](?:\s|$))")

# How a page's spaced dashes come out of OCR, and how often a page sets them as en dashes.
# German typesetting sets the Gedankenstrich as an en dash (the corpus has 11,625 spaced en
# dashes and no spaced hyphen in 3,000 speeches); typed text uses " - ". OCR engines read the en
# dash as a hyphen most of the time (Tesseract: 60–80 %), as an em dash or tilde otherwise, and a
# real hyphen almost always as a hyphen.
PRIOR_EN_DASH = 0.8
P_HYPHEN_READ = {"en": 0.7, "hyphen": 0.97}
P_DASH_READ = {"en": 0.3, "hyphen": 0.03}


# How the engine without a German model reads a page's en dashes depends on the page's font: on
# the bench pages that set en dashes, it read all of them as hyphens or all as em dashes or tildes
# on 44 of 68 pages, and mixed on the rest. A page's hyphens are then one piece of evidence, not
# one each: they count at most this many times.
MAX_CORRELATED_HYPHENS = 2


def en_dash_probability(text: str, printed: bool, correlated: bool = False) -> float:
    """Posterior that the page's spaced dashes are en dashes, from how they were read.

    Text without the line layout of a printed page is taken as typed: its dashes stay as they are.
    ``correlated``: the engine reads all dashes of a page alike (see MAX_CORRELATED_HYPHENS).
    """
    hyphens = len(_SPACED_HYPHEN_RE.findall(text))
    dashes = len(_SPACED_DASH_RE.findall(text))
    if not printed:
        return 0.0
    if correlated:
        hyphens = min(hyphens, MAX_CORRELATED_HYPHENS)
    # in log space: a long document's thousands of readings would underflow both likelihoods
    log_en = math.log(PRIOR_EN_DASH) + hyphens * math.log(P_HYPHEN_READ["en"]) + dashes * math.log(P_DASH_READ["en"])
    log_hy = (math.log(1 - PRIOR_EN_DASH) + hyphens * math.log(P_HYPHEN_READ["hyphen"])
              + dashes * math.log(P_DASH_READ["hyphen"]))
    return 1.0 / (1.0 + math.exp(min(log_hy - log_en, 700.0)))


# a curly quote closing a word, and one opening a word (English quotes open with “)
_CURLY_CLOSER_RE = regex.compile(r"(?<=[\p{L}.,!?])[”“](?=[\s.,;:!?]|$)")
_CURLY_OPENER_RE = regex.compile(r"(?:(?<=\s)|^)[“”](?=\p{L})", regex.MULTILINE)


def detect_style(text: str, printed: bool = True, correlated: bool = False) -> PageStyle:
    """The page's style (see _py_detect_style), from the compiled core (``_core.typography_style``)
    where it can answer."""
    if type(text) is str and type(printed) is bool and type(correlated) is bool and _COMPILED_NOW[0]():
        found = _core.typography_style(text, printed, correlated)
        if found is not None:  # None: a lone surrogate
            quotes, en, _, typed = found
            return PageStyle(quotes, en, printed=printed, typed_german_quotes=typed)
    return _py_detect_style(text, printed, correlated)


def _py_detect_style(text: str, printed: bool = True, correlated: bool = False) -> PageStyle:
    german = text.count("„") + text.count(",,")
    # a ” that opens a word is a „ that pdflatex's OT1 encoding built from a lowered ”, as text
    # extraction gives it; English opens with “
    curly_openers = [m.group() for m in _CURLY_OPENER_RE.finditer(text)]
    german += curly_openers.count("”")
    german += sum(1 for m in _COMMA_OPENER_RE.finditer(text) if _opening(text, m.start()))
    if "," in text or "„" in text:
        german += sum(1 for _ in _DETACHED_OPENER_RE.finditer(text))
    guillemets = text.count("»") + text.count("«")
    straight = text.count('"')
    if german and german >= guillemets:
        quotes = "german"
    elif guillemets:
        quotes = "guillemets"
    elif straight:
        quotes = "straight"
    elif printed and _CURLY_CLOSER_RE.search(text) and not curly_openers:
        # only closing quotes after words: the page's openers („) were lost or read as a comma
        # or full stop; English quotes would show their opener (“) before a word
        quotes = "german"
    else:
        quotes = "unknown"
    en = en_dash_probability(text, printed, correlated)
    # typed text that sets „ and “ itself: its straight quotes are its author's (see restore_german_quotes)
    typed = not printed and "„" in text and "“" in text
    return PageStyle(quotes, en, printed=printed, typed_german_quotes=typed)


def _lacks_umlauts(ctx) -> bool:
    """Was the text read by an engine that could not even emit umlauts?"""
    try:
        return ctx.profile.name == "no-umlauts"
    except (ImportError, OSError):  # no error model: be cautious
        return False


def _dash_threshold(lacks_umlauts: bool) -> float:
    """How sure we must be to restore en dashes: text read by an engine that could not even emit
    umlauts is damaged throughout, so the likelier reading wins; on good OCR we change a dash the
    page itself does not show only on strong evidence (and count its readings as independent,
    which is the cautious view: on the bench, converting the German engine's all-hyphen pages
    would make pages that set hyphens worse)."""
    return 0.5 if lacks_umlauts else 0.9
