"""One word torn into tokens: broken by a space ("Ge sellschaft", "Bundes regierung") or
letter-spaced ("g e s p e r r t"). Joined before the decoding passes, as one token each."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import regex

from ... import _core
from ...errormodel import _PY_SEARCH
from ...german import LETTER_SPACED_RE
from ...lexicon import answers_as_core
from .decoder import SCORING
from .splits import SPLITS
from .tokens import LEFT_ALONE, Token, is_known


# the rules of the joins
JOIN_BROKEN_WORD = "join_broken_word"  # "Ge sellschaft" → "Gesellschaft"
JOIN_LETTER_SPACED_WORD = "join_letter_spaced_word"  # "g e s p e r r t" → "gesperrt"


@dataclass(frozen=True, slots=True)
class BrokenWords:
    """Two tokens joined into the word they make ("Ge sellschaft")."""

    # ln P(OCR inserted a space inside a word): rare, so the language model must clearly prefer
    # the word to its pieces
    merge_cost: float = math.log(0.002)
    # how often the joined word must have been seen: the rarest words are too many to tell from
    # two tokens that happen to spell one
    min_merge_count: int = 5


BROKEN_WORDS = BrokenWords()


def join_broken_words(text: str, tokens: list[Token], lexicon, skip: set[int]) -> list[Token]:
    """Two tokens that make a known word joined (see :func:`_py_join_broken_words`): the joins
    found by the compiled pass (``_core.join_broken_words``, ``rust/src/document.rs``) where it
    can run, else in Python."""
    if (_CORE_BROKEN_WORDS is BROKEN_WORDS and type(tokens) is list and type(skip) is set
            and answers_as_core(lexicon, _ASKED)):
        joins = _core.join_broken_words(text, tokens, lexicon, skip)
        if joins is not None:  # None: a lone surrogate
            if not joins:
                return list(tokens)
            out: list[Token] = []
            done = 0
            for i, joined, confidence in joins:
                t, u = tokens[i], tokens[i + 1]
                out += tokens[done:i]
                out.append(Token(t.start, u.end, joined, u.sentence_end, True, False, joined, merged=confidence))
                done = i + 2
            out += tokens[done:]
            return out
    return _py_join_broken_words(text, tokens, lexicon, skip)


def _py_join_broken_words(text: str, tokens: list[Token], lexicon, skip: set[int]) -> list[Token]:
    """"Ge sellschaft", "Zusammen halt", "Bundes regierung": two tokens, at least one no word (or
    a noun in lower case), that together make a known word, become one token when the language
    model prefers the word to the pieces."""
    lm = lexicon.logp_bigram
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if i + 1 < len(tokens) and i not in skip and i + 1 not in skip:
            u = tokens[i + 1]
            if (not t.protected and not u.protected and not t.sentence_end
                    and u.core[:1].islower() and text[t.end:u.start] == " "
                    and (not t.known or not u.known or u.lower_noun)
                    # a stored word; or, where neither piece is a word, a compound whose parts
                    # the space cuts ("schuldenfinanzier ter": schulden|finanzierter)
                    and (lexicon.count(t.core + u.core) >= BROKEN_WORDS.min_merge_count
                         or (not t.known and not u.known and _cuts_a_part(t.core + u.core, len(t.core), lexicon)))):
                joined = t.core + u.core
                prev = "<s>" if not out or out[-1].sentence_end else out[-1].core
                nxt = tokens[i + 2].core if i + 2 < len(tokens) and not u.sentence_end else None
                apart = lm(prev, t.core) + lm(t.core, u.core) + (lm(u.core, nxt) if nxt else 0.0)
                apart += SCORING.non_word_penalty * ((not t.known) + (not u.known))
                together = lm(prev, joined) + (lm(joined, nxt) if nxt else 0.0) + BROKEN_WORDS.merge_cost
                if together > apart:
                    confidence = 1.0 / (1.0 + math.exp(apart - together))
                    out.append(Token(t.start, u.end, joined, u.sentence_end, True, False, joined,
                                      merged=confidence))
                    i += 2
                    continue
        out.append(t)
        i += 1
    return out


@dataclass(frozen=True, slots=True)
class SpacedWords:
    """Letter-spaced words ("g e s p e r r t", German emphasis in print, and what PDF extraction and
    OCR make of a wide tracking): runs of single letters, one space apart, that spell a known word,
    or frequent words one after another where the word gaps are lost too ("W i r m ü s s e n")."""

    # the shortest run, as typography.LETTER_SPACED_RE finds them: two letters are an abbreviation's
    min_letters: int = 3
    # the shortest word of a run whose word gaps are lost, and how often it must have been seen:
    # short or rare words would cut a run of letters anywhere
    min_part: int = 3
    min_part_count: int = 50
    # the confidence of a run that spells one word, and of one cut into several: a cut is a guess
    word_confidence: float = 0.9
    words_confidence: float = 0.8


SPACED_WORDS = SpacedWords()


def join_letter_spaced(text: str, tokens: list[Token], lexicon) -> list[Token]:
    """Runs of single letters one space apart become the words they spell (see
    :func:`_py_join_letter_spaced`): the joins found by the compiled pass
    (``_core.join_letter_spaced``, ``rust/src/letter_spaced.rs``) where it can run, else in Python."""
    if _spaced_in_core(lexicon) and type(tokens) is list:
        found = _core.join_letter_spaced(text, tokens, lexicon)
        if found is not None:  # None: a lone surrogate
            matched, joins = found
            if not matched:
                return tokens  # the common case, told by one scan
            out: list[Token] = []
            done = 0
            for i, word, confidence in joins:
                first, last = tokens[i], tokens[i + len(word) - 1]
                out += tokens[done:i]
                out.append(Token(first.start, last.end, word, last.sentence_end, True, False, word,
                                  merged=confidence, spaced=True))
                done = i + len(word)
            out += tokens[done:]
            return out
    return _py_join_letter_spaced(text, tokens, lexicon)


def _py_join_letter_spaced(text: str, tokens: list[Token], lexicon) -> list[Token]:
    """Runs of single letters one space apart become the words they spell (see SPACED_WORDS.min_letters);
    a run that spells none stays as it is."""
    if LETTER_SPACED_RE.search(text) is None:
        return tokens  # the common case, told by one scan
    out: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        j = i
        while (j + 1 < n and _single_letter(tokens[j]) and _single_letter(tokens[j + 1])
               and not tokens[j].sentence_end and text[tokens[j].end:tokens[j + 1].start] == " "):
            j += 1
        run = tokens[i:j + 1]
        words = spaced_words("".join(t.core for t in run), lexicon) if len(run) >= SPACED_WORDS.min_letters else None
        if not words:
            out += run
            i = j + 1
            continue
        confidence = SPACED_WORDS.word_confidence if len(words) == 1 else SPACED_WORDS.words_confidence
        for word in words:
            first, last = run[0], run[len(word) - 1]
            out.append(Token(first.start, last.end, word, last.sentence_end, True, False, word,
                              merged=confidence, spaced=True))
            run = run[len(word):]
        i = j + 1
    return out


def _single_letter(t: Token) -> bool:
    return len(t.core) == 1 and t.core.isalpha()


def spaced_words(letters: str, lexicon) -> list[str] | None:
    """The word ``letters`` spell, or the words (see :func:`_py_spaced_words`): the compiled
    search where it can run, else Python."""
    if _spaced_in_core(lexicon) and type(letters) is str:
        found = _core.spaced_words(letters, lexicon)
        if found is not None:  # None: a lone surrogate
            return found[1]
    return _py_spaced_words(letters, lexicon)


def _py_spaced_words(letters: str, lexicon) -> list[str] | None:
    """The word ``letters`` spell, or the likeliest frequent words they spell one after another
    (each of SPACED_WORDS.min_part letters or more, a capital only first); None if neither."""
    if len(letters) > LEFT_ALONE.max_token_length:
        return None
    if is_known(letters, lexicon) and (letters.islower() or letters[1:].islower()):
        return [letters]
    if letters.isupper() and len(letters) > SPACED_WORDS.min_letters:
        # a heading set in spaced capitals ("I N H A L T"): a word in lower or title case; not
        # three capitals, most often an acronym's letters ("E U")
        return [letters] if lexicon.count_ci(letters) else None
    count = lexicon.count
    # best[k]: (score, words) for letters[:k]; a part costs a constant, so fewer parts win ties
    best: list[tuple[float, list[str]] | None] = [None] * (len(letters) + 1)
    best[0] = (0.0, [])
    for k in range(SPACED_WORDS.min_part, len(letters) + 1):
        for start in range(0, k - SPACED_WORDS.min_part + 1):
            if best[start] is None:
                continue
            part = letters[start:k]
            c = count(part)
            if c < SPACED_WORDS.min_part_count or not part[1:].islower():
                continue
            score = best[start][0] + math.log(c) + SPLITS.cost
            if best[k] is None or score > best[k][0]:
                best[k] = (score, best[start][1] + [part])
    found = best[len(letters)]
    return found[1] if found is not None and len(found[1]) > 1 else None


def _cuts_a_part(compound: str, at: int, lexicon) -> bool:
    """Does a cut at ``at`` fall inside a part of ``compound``'s analysis, not between two parts
    ("handisch zusammenzahlen" are two damaged words, hand|isch|zusammen|zahlen)?"""
    parts = lexicon.compound_split(compound)
    return parts is not None and at not in itertools.accumulate(map(len, parts))


#: the lexicon methods the compiled join_broken_words asks: a lexicon answering any of them
#: otherwise is asked through Python
_ASKED = ("count", "logp_bigram", "compound_split")


def _core_agrees() -> bool:
    """Does the compiled join_broken_words use BROKEN_WORDS and SCORING.non_word_penalty? Not
    with ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "join_broken_words"):
        return False
    there = _core.document_constants()
    return (there["merge_cost"] == BROKEN_WORDS.merge_cost and there["min_merge_count"] == BROKEN_WORDS.min_merge_count
            and there["non_word_penalty"] == SCORING.non_word_penalty)


#: BROKEN_WORDS as checked against the compiled pass at import (None: Python answers); a test that
#: replaces BROKEN_WORDS gets Python's answers
_CORE_BROKEN_WORDS = BROKEN_WORDS if _core_agrees() else None


#: the lexicon methods the compiled letter-spaced joins ask (``is_known``: ``count``, ``known``)
_ASKED_SPACED = ("count", "count_ci", "known")


def _spaced_core_agrees() -> bool:
    """Does the compiled join_letter_spaced use SPACED_WORDS, SPLITS.cost,
    LEFT_ALONE.max_token_length and LETTER_SPACED_RE? Not with ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "letter_spaced_constants"):
        return False
    there = _core.letter_spaced_constants()
    return (all(there[k] == getattr(SPACED_WORDS, k)
                for k in ("min_letters", "min_part", "min_part_count", "word_confidence", "words_confidence"))
            and there["split_cost"] == SPLITS.cost and there["max_token_length"] == LEFT_ALONE.max_token_length
            and there["letter_spaced"] == LETTER_SPACED_RE.pattern and not LETTER_SPACED_RE.flags & regex.I)


#: SPACED_WORDS, SPLITS and LEFT_ALONE as checked against the compiled joins at import (None:
#: Python answers); a test that replaces one gets Python's answers
_CORE_SPACED = (SPACED_WORDS, SPLITS, LEFT_ALONE) if _spaced_core_agrees() else None


def _spaced_in_core(lexicon) -> bool:
    """May the compiled letter-spaced joins answer for ``lexicon``?"""
    return (_CORE_SPACED is not None and _CORE_SPACED[0] is SPACED_WORDS and _CORE_SPACED[1] is SPLITS
            and _CORE_SPACED[2] is LEFT_ALONE and answers_as_core(lexicon, _ASKED_SPACED))
