"""The document's era: do its words come from old books, or from today's German?

The language data counts novels, plays and poems of 1750–1950 beside speeches, encyclopedias and
law, and keeps where each form was seen (:meth:`korrektor.lexicon.Lexicon.varieties`). A form
seen in the old books but hardly in modern sources ("wißt", "Andern", "wallen") is a fine reading
of a damaged token on a page of a novel from 1880, and an unlikely one on a page of today's
German, where the counts of the old books overstate it. The document's own known words say which
kind of page it is: old books write such forms in one of every few dozen words ("seyn", "Thür",
"hinab", "dir"), modern texts in a few hundredths of that.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass

from ... import _core
from ...errormodel import _PY_SEARCH
from ...lexicon import HISTORIC, MODERN, answers_as_core
from ...memo import remember


@dataclass(frozen=True)
class Era:
    """When a document is of the old books, and what a form of theirs costs elsewhere."""

    # a document whose known words are this share forms of the old books is one of theirs ...
    min_historic_share: float = 0.04
    # ... given at least this many such words: a short text says nothing
    min_historic_words: int = 5
    # ln of the prior against a form of the old books offered as a reading of a token on a page
    # of today's German (its count comes mostly from the old books)
    historic_only_penalty: float = 2.5


ERA = Era()


# answers by (language data, word): asked for every candidate of every decision, bounded
_HISTORIC_ONLY: dict[tuple[int, str], bool] = {}
_HISTORIC_ONLY_MAX = 200_000


def historic_only(lexicon, word: str) -> bool:
    """Is ``word`` a form the old books write and modern sources hardly do? Spellings from before
    1996 ("daß") are not: a page's 1996 reform is decided on its own (see ``passes``)."""
    key = (id(lexicon), word)
    hit = _HISTORIC_ONLY.get(key)
    if hit is None:
        hit = remember(_HISTORIC_ONLY, key, _historic_form(lexicon, word) or _historic_head(lexicon, word),
                       _HISTORIC_ONLY_MAX)
    return hit


def _historic_form(lexicon, word: str) -> bool:
    flags = lexicon.varieties(word)
    return bool(flags & HISTORIC) and not flags & MODERN and not lexicon.spelt_before_1996(word)


def _historic_head(lexicon, word: str) -> bool:
    """A compound the corpus never wrote whose head is a form of the old books ("Sozial|hülfe")."""
    if lexicon.count(word) or not word[:1].isalpha():
        return False
    split = lexicon.compound_split(word)
    if split is None:
        return False
    head = split[-1]
    return _historic_form(lexicon, head[:1].upper() + head[1:] if word[:1].isupper() else head)


def historic_only_penalty(cores: list[str], lexicon) -> float:
    """The prior (ln) against a form of the old books as a reading on this document: 0 for a
    document whose own words come from the old books (or data without varieties), ERA's penalty
    for any other. Compiled (``_core.historic_only_penalty``, ``rust/src/document.rs``) where the
    lexicon is the core's and ERA as checked at import; :func:`_py_historic_only_penalty` the
    reference."""
    if ERA is _CORE_ERA and type(cores) is list and answers_as_core(lexicon, _ASKED):
        found = _core.historic_only_penalty(cores, lexicon)
        if found is not None:  # None: a core with a lone surrogate
            return found
    return _py_historic_only_penalty(cores, lexicon)


def _py_historic_only_penalty(cores: list[str], lexicon) -> float:
    """:func:`historic_only_penalty` in Python (the reference: ``bench/core_document.py``)."""
    if not lexicon.has_varieties:
        return 0.0
    known = historic = 0
    count = lexicon.count
    for core, n in collections.Counter(cores).items():
        if count(core) > 0:
            known += n
            if historic_only(lexicon, core):
                historic += n
    if historic >= ERA.min_historic_words and historic >= ERA.min_historic_share * known:
        return 0.0
    return ERA.historic_only_penalty


#: the lexicon methods the compiled penalty asks: a lexicon answering any of them otherwise is
#: asked through Python
_ASKED = ("count", "varieties", "spelt_before_1996", "has_varieties")


def _core_agrees() -> bool:
    """Does the compiled ``historic_only_penalty`` use ERA and the varieties' flags? Not with
    ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "document_constants"):
        return False
    there = _core.document_constants()
    return (HISTORIC == 2 and MODERN == 1
            and all(there[k] == getattr(ERA, k)
                    for k in ("min_historic_share", "min_historic_words", "historic_only_penalty")))


#: ERA as checked against the compiled penalty at import (None: Python answers); a test that
#: replaces ERA gets Python's answers
_CORE_ERA = ERA if _core_agrees() else None
