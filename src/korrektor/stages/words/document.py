"""The document's own words: the non-words a page read with a German model repeats are its
terms, left alone ("Sid", "init"); a token still unknown after the other passes may be a word the
document writes elsewhere ("Gesolischaft" on a page that writes "Gesellschaft")."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import process as fuzz_process
from rapidfuzz.distance import Levenshtein

from ... import _core
from ...errormodel import _PY_SEARCH, GERMAN_TEXT, UMLAUTS
from .decoder import Decoder
from .sources import IDENTITY, Candidate
from .nearby import LONG_ENDING_RE, other_ending
from .tokens import Token, is_known


_PLAIN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})


def document_terms(tokens: list[Token], profile, decoder: Decoder) -> set[str]:
    """The unknown words the document repeats (see :func:`_py_document_terms`): compiled
    (``_core.document_terms``, ``rust/src/document.rs``; it calls ``decoder.candidates`` back
    where Python does) where it can run, else Python."""
    if _CORE_DOCUMENT is DOCUMENT and type(tokens) is list:
        found = _core.document_terms(tokens, profile.name == GERMAN_TEXT.name, decoder.candidates)
        if found is not None:  # None: a core or a candidate with a lone surrogate
            return found
    return _py_document_terms(tokens, profile, decoder)


def _py_document_terms(tokens: list[Token], profile, decoder: Decoder) -> set[str]:
    """The unknown words the document repeats, unless one of their candidates is the word with
    umlauts or ß lost that the document has nowhere else (its font's text layer lacks them:
    "Prufung"); where it has them, "Sid" is no "Süd". On a page read without a German model,
    only capitalised ones: a name the page repeats ("Labenz"), while the engine's own repeated
    errors are lost umlauts ("fiir", "Burger")."""
    german = profile.name == GERMAN_TEXT.name
    seen = Counter(t.core.lower() for t in tokens if not t.known and not t.protected
                   and (german or (t.core[:1].isupper() and t.core[1:].islower())))
    first = {}
    for t in tokens:
        if seen[t.core.lower()] >= DOCUMENT.min_term_repeats:  # "Sid" at a sentence's start is "sid" too
            first.setdefault(t.core, t)
    if not first:
        return set()
    letters = set("".join(t.core for t in tokens).lower())
    return {core for core, t in first.items()
            if not any(w.translate(_PLAIN) == core and letters.isdisjoint(UMLAUTS.intersection(w.lower()))
                       for w, *_ in decoder.candidates(t)[1:])}


@dataclass(frozen=True, slots=True)
class DocumentWords:
    """The document's terms and its own words for a token nothing else explains ("Bartierefreiheit"
    on a page that writes "Barrierefreiheit" elsewhere): a text repeats its topic's words, so a word
    the page has is far likelier for a garbled token than one the corpus has (a cache language
    model, after Kuhn and De Mori). Up to one letter apart, umlauts read as their plain letters, the
    first letter kept, not another ending of it."""

    # on a page whose engine read its umlauts, a non-word seen this often is a term or a name the
    # language data lacks ("Sid", "init"), not damage: such an engine's errors are scattered, while
    # the engine without a German model repeats its own ("fiir" for "für" on every line), so there
    # only a capitalised one counts ("Labenz"). A word that only lost its umlauts or ß is still
    # restored: a font whose "ü" the text layer lacks loses it in every word ("Prufung")
    min_term_repeats: int = 3
    # the shortest token looked up among the document's words, and the shortest word of the
    # document offered: shorter ones are one letter from too many others
    min_length: int = 5
    # ... on a page read with umlauts, whose unknown tokens are more often words the lexicon lacks
    # ("eigner", "achteln")
    min_length_german: int = 8
    # a token this long may be two letters from the word
    min_two_edits_length: int = 8
    # ln P(a letter garbled | a word of the document), each
    edit_cost: float = math.log(1e-3)


DOCUMENT = DocumentWords()
WORD_OF_THE_DOCUMENT = "word_of_the_document"  # the rule of such a correction


class DocumentDecoder(Decoder):
    """Decides the tokens still unknown after the other passes between themselves and the
    document's own words near them (see DOCUMENT.edit_cost); :func:`.passes.decode` hands
    it only tokens long enough (:func:`document_word_length`)."""

    def __init__(self, decoder: Decoder, words: list[str]):
        super().__init__(decoder.lex, decoder.em, decoder.profile, decoder.context_model)
        self._cands = {}  # this document's: not the process-wide cache
        self._words = words
        self._plain = [w.translate(_PLAIN).lower() for w in words]

    def candidates(self, t: Token) -> list[Candidate]:
        c = self._cands.get(t.core)
        if c is None:
            identity = self.em.logp_identity(t.core, self.profile)
            c = self._cands[t.core] = [(t.core, identity, IDENTITY)] + [
                (w, lp, WORD_OF_THE_DOCUMENT) for w, lp in self._document_words(t.core, identity)]
        return c

    def _document_words(self, core: str, identity: float) -> list[tuple[str, float]]:
        if not core.isalpha() or not self._words:
            return []
        if not (core.islower() or (core[0].isupper() and core[1:].islower())):
            return []
        if self.lex.count_ci(core):
            return []  # a word in another case ("Ingwer- wurzel")
        plain = core.translate(_PLAIN).lower()
        max_edits = 2 if len(core) >= DOCUMENT.min_two_edits_length else 1
        found = []
        for _p, edits, k in fuzz_process.extract(plain, self._plain, scorer=Levenshtein.distance,
                                                 score_cutoff=max_edits, limit=4):
            word = self._words[k]
            if plain[0] != self._plain[k][0]:
                continue
            if core[0].isupper() != word[0].isupper():
                word = word[0].swapcase() + word[1:]  # at a sentence start, or inside one
                if not self.lex.known(word):
                    continue
            plain_word = word.translate(_PLAIN)
            if plain_word == core or other_ending(core, plain_word, LONG_ENDING_RE):
                continue  # the token with its umlauts (the other searches' business), or another ending
            found.append((word, identity + max(edits, 1) * DOCUMENT.edit_cost))
        return found


def document_word_length(decoder: Decoder) -> int:
    """The shortest token looked up among the document's words: longer on a page read with
    umlauts, whose unknown tokens are more often words the lexicon lacks ("eigner", "achteln")."""
    return DOCUMENT.min_length_german if decoder.german_page else DOCUMENT.min_length


def document_words(tokens: list[Token], lexicon) -> list[str]:
    """The distinct words of the document as decided, known ones of DOCUMENT.min_length
    letters or more. Compiled too (``rust/src/document.rs``: the compiled passes,
    ``rust/src/passes.rs``, call it; ``_core.document_words`` for the parity checks), but not
    called from here: this comprehension reads one attribute of most tokens, which costs less
    than handing them to the core (``bench/core_document.py``)."""
    # a token read as itself is known or not already; a corrected one is looked up
    seen = {t.best: t.known or (t.best != t.core and is_known(t.best, lexicon)) for t in tokens
            if len(t.best) >= DOCUMENT.min_length and not t.protected and t.best.isalpha()}
    return [w for w, known in seen.items() if known]


def _core_agrees() -> bool:
    """Do the compiled ``document_terms`` and ``document_words`` use DOCUMENT's constants,
    ``_PLAIN`` and UMLAUTS? Not with ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "document_terms"):
        return False
    there = _core.document_constants()
    return (there["min_term_repeats"] == DOCUMENT.min_term_repeats and there["min_length"] == DOCUMENT.min_length
            and str.maketrans(there["plain"]) == _PLAIN and frozenset(there["umlauts"]) == UMLAUTS
            and len(there["umlauts"]) == len(UMLAUTS))


#: DOCUMENT as checked against the compiled passes at import (None: Python answers); a test that
#: replaces DOCUMENT gets Python's answers
_CORE_DOCUMENT = DOCUMENT if _core_agrees() else None
