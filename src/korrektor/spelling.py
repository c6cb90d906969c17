"""The document's spelling: the national variety its words are written in, from its own text.

German is written three ways: in Germany and Austria with ß after a long vowel or a diphthong
("Straße", "groß", "heißt"), in Switzerland and Liechtenstein with ss throughout ("Strasse",
"gross", "heisst"). A Swiss word is not damage: a document that writes its ß words with ss, and
never with ß, is Swiss, and no ß is put into it. The decision is made per document, from evidence
in its text, so that one Swiss word quoted in a German text changes nothing.

Evidence for Swiss spelling is a word with ss that the lexicon knows, far more often, with ß in its
place ("grosse" for "große", "gemäss" for "gemäß"); a word like "Masse" or "Busse", frequent with
ss itself, says nothing. The engines' habits do not make such words: an engine without a German
model reads the ß as "B", "f" or "8", not as "ss".

:func:`detect`, :func:`swiss_word`, :func:`sz_spellings` and :meth:`Spelling.known_variant` run in
the compiled core (``rust/src/spelling.rs``) where SWISS and the pattern are the core's and the
lexicon is a :class:`korrektor.lexicon.Lexicon`; else, and with ``KORREKTOR_PY_SEARCH=1``, in
Python (``_py_<name>``, the references).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import regex

from . import _core
from .errormodel import _PY_SEARCH
from .lexicon import SWISS_SS, answers_as_core

_SS_OR_SZ_RE = regex.compile(r"ss|ß")


@dataclass(frozen=True)
class SwissEvidence:
    """When a document counts as Swiss."""

    # the ß form must be this many times as frequent as the ss form: "grosse" (a few quotations
    # of Swiss names in the corpus) against "große"; "Masse" is a word of its own
    min_ratio: float = 20.0
    # and seen this often, so that a rare ß word does not count
    min_count: int = 20
    # different words of evidence a document with some ß needs: one may be a quoted name
    # ("Grosse"); in a document without ß, one is enough
    min_words: int = 2
    # a document may have a few ß of its own (a German name, a quotation): it is Swiss while its
    # Swiss words outnumber its words with ß this many times (counted as they occur)
    min_ratio_to_sz_words: float = 4.0


SWISS = SwissEvidence()


@dataclass(frozen=True)
class Spelling:
    """How a document spells: ``swiss`` writes ss for ß. ``evidence`` lists the words that
    decided it (for explanations), at most a few."""

    swiss: bool = False
    evidence: tuple[str, ...] = ()

    def allows(self, before: str, after: str) -> bool:
        """May a correction turn ``before`` into ``after`` in this spelling? Not where it only
        writes the Swiss ss as ß ("grosse" → "große" in a Swiss document)."""
        return not (self.swiss and "ß" in after and after.replace("ß", "ss") == before)

    def known_variant(self, word: str, lexicon) -> str | None:
        """The standard spelling of a word the lexicon lacks that this spelling writes its own
        way ("Veräusserung" → "Veräußerung" in a Swiss document), or None (see
        :meth:`_py_known_variant`; compiled where it can run)."""
        if not self.swiss or "ss" not in word:
            return None
        if spelling_in_core(lexicon) and type(word) is str:
            return _core.known_variant(True, word, lexicon)
        return self._py_known_variant(word, lexicon)

    def _py_known_variant(self, word: str, lexicon) -> str | None:
        """The standard spelling of a word the lexicon lacks that this spelling writes its own
        way ("Veräusserung" → "Veräußerung" in a Swiss document), or None."""
        if not self.swiss or "ss" not in word:
            return None
        return next((v for v in sz_spellings(word) if lexicon.known(v)), None)


#: the spelling of a document without evidence of any other
STANDARD = Spelling()


def sz_spellings(word: str) -> list[str]:
    """Every spelling of ``word`` with one or more of its "ss" written ß (see
    :func:`_py_sz_spellings`): compiled where it can run."""
    if _CORE_AGREES and type(word) is str:
        found = _core.sz_spellings(word)
        if found is not None:  # None: a lone surrogate
            return found
    return _py_sz_spellings(word)


def _py_sz_spellings(word: str) -> list[str]:
    """Every spelling of ``word`` with one or more of its "ss" written ß ("Strasse" → "Straße";
    "Schlussstrasse" → three), the word itself excluded. At most four "ss" are considered."""
    parts = word.split("ss")
    if len(parts) < 2 or len(parts) > 5:
        return []
    out = []
    for joins in itertools.product(("ss", "ß"), repeat=len(parts) - 1):
        if "ß" in joins:
            out.append(parts[0] + "".join(j + p for j, p in zip(joins, parts[1:])))
    return out


def swiss_word(word: str, lexicon) -> str | None:
    """The ß spelling of ``word`` when ``word`` is that word in Swiss spelling, else None (see
    :func:`_py_swiss_word`): compiled where it can run."""
    if spelling_in_core(lexicon) and type(word) is str:
        return _core.swiss_word(word, lexicon)
    return _py_swiss_word(word, lexicon)


def _py_swiss_word(word: str, lexicon) -> str | None:
    """The ß spelling of ``word`` when ``word`` is that word in Swiss spelling, else None: the
    language data says so where it counted Swiss sources (``SWISS_SS``), or the ß spelling is far
    more frequent."""
    if "ss" not in word:
        return None
    own = lexicon.count(word)
    marked = own > 0 and lexicon.varieties(word) & SWISS_SS
    for variant in sz_spellings(word):
        count = lexicon.count(variant)
        if count >= SWISS.min_count and (marked or count >= SWISS.min_ratio * max(own, 1)):
            return variant
    return None


def _words_with_ss_or_sz(text: str):
    """The words of ``text`` with an "ss" or an "ß", the only ones that say anything: found from
    those letters, which are far fewer than the words."""
    end = 0
    for m in _SS_OR_SZ_RE.finditer(text):
        if m.start() < end:
            continue  # in the word just given
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        yield text[start:end]


def detect(text: str, lexicon) -> Spelling:
    """The spelling of ``text`` (see :func:`_py_detect`): compiled where it can run."""
    if spelling_in_core(lexicon) and type(text) is str:
        if "ss" not in text:
            return STANDARD
        swiss, evidence = _core.spelling_detect(text, lexicon)
        return Spelling(swiss=True, evidence=tuple(evidence)) if swiss else STANDARD
    return _py_detect(text, lexicon)


def _py_detect(text: str, lexicon) -> Spelling:
    """The spelling of ``text`` (see the module notes)."""
    if "ss" not in text:
        return STANDARD
    verdicts: dict[str, bool] = {}  # word -> is it a Swiss spelling?
    swiss_tokens = sz_tokens = 0
    for word in _words_with_ss_or_sz(text):
        if "ß" in word:
            sz_tokens += 1
        elif "ss" in word:
            verdict = verdicts.get(word)
            if verdict is None:
                verdict = verdicts[word] = swiss_word(word, lexicon) is not None
            swiss_tokens += verdict
    evidence = [w for w, swiss in verdicts.items() if swiss]
    enough_words = len(evidence) >= (SWISS.min_words if sz_tokens else 1)
    if enough_words and swiss_tokens >= SWISS.min_ratio_to_sz_words * sz_tokens:
        return Spelling(swiss=True, evidence=tuple(evidence[:5]))
    return STANDARD


#: the lexicon methods the compiled functions ask
_ASKED = ("count", "varieties", "known")


def _core_agrees() -> bool:
    """Do the compiled functions use SWISS, SWISS_SS and _SS_OR_SZ_RE? Not with
    ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "spelling_constants"):
        return False
    there = _core.spelling_constants()
    return (all(there[k] == getattr(SWISS, k) for k in ("min_ratio", "min_count", "min_words", "min_ratio_to_sz_words"))
            and there["swiss_ss"] == SWISS_SS and there["max_evidence"] == 5
            and there["ss_or_sz"] == _SS_OR_SZ_RE.pattern and not _SS_OR_SZ_RE.flags & regex.I)


#: the compiled functions agree with the constants here (read at import)
_CORE_AGREES = _core_agrees()
#: SWISS as checked against the core at import: replaced since (a test's), Python answers
_CHECKED_SWISS = SWISS


def spelling_in_core(lexicon) -> bool:
    """May the compiled functions answer for ``lexicon``?"""
    return _CORE_AGREES and SWISS is _CHECKED_SWISS and answers_as_core(lexicon, _ASKED)
