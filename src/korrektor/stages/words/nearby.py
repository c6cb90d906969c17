"""Searches for words a few letters from a non-word: noise on a bad scan garbles letters beyond
what the error model learned ("obwokl", "Deutschlaiid", "Teilnmehmer", "Verfiiguag"). Each search
takes the decoder ``d`` and returns candidate words with their channel scores."""

from __future__ import annotations

import math
import os.path
from typing import TYPE_CHECKING

import regex

from .tokens import MAX_TOKEN_LENGTH
from .umlauts import MIN_WEIGHT_COMPOUND_TWINS, twins

if TYPE_CHECKING:
    from .decoder import Decoder


# ln P(one letter misread, lost or added by noise the error model has no rule for), the shortest
# token this is tried on, and how often the word must have been seen
ONE_EDIT_COST = math.log(1e-5)
MIN_ONE_EDIT_LENGTH = 4
MIN_ONE_EDIT_LENGTH_CAPITAL = 8
MIN_ONE_EDIT_COUNT = 200
# ... for a token of ten letters or more, rarer words too, at a lower cost: a long token has more
# letters to garble, and few long words the lexicon lacks are one letter from a stored one
# (bench eng +5 characters, deu +2, manuals +1)
MIN_ONE_EDIT_LENGTH_LONG = 10
MIN_ONE_EDIT_COUNT_LONG = 5
ONE_EDIT_COST_LONG = math.log(1e-4)
# ... and to a compound the corpus never wrote ("Sitznachbarinuen"), which the bigram model scores
# as barely likelier than an unknown word: the channel decides almost alone, and a cost this low
# keeps unknown compounds safe (measured on the bench and the outside pages: 1e-3 gains 3
# characters and loses none, 1e-2 gains 7 and loses 2, e^-3 loses 18 net, "Profilbildungen" →
# "Profilbindungen")
COMPOUND_ONE_EDIT_COST = math.log(1e-3)
# Lost umlauts and one letter garbled besides ("Verfiiguag" → "Verfügung"): the shortest token
# searched, how many of its readings with umlauts restored (the likeliest first) are searched one
# letter further, and how unlike German its letters must be (see ..charmodel: a token spelt like
# German, "Kinderlein" −3.6, is left alone); the gates keep the search at 0.15 s of a 5 s pass
# over the eng pages (0.43 s without the last, 1.8 s with pairs of umlauts and every reading)
MIN_UMLAUT_EDIT_LENGTH = 8
MAX_UMLAUT_EDIT_READINGS = 6
MAX_UMLAUT_EDIT_WORST = -5.5
# ln P(two letters garbled by such noise), and the search for frequent words one or two letters
# from a non-word that nothing else explains: the shortest token (a capitalised one, perhaps a
# name, longer), how often the word must have been seen (rarer words are too many to tell from a
# rare word or name the lexicon lacks), and what an edit may not be confined to: the last letters
# of the word, if the token ends there in letters of German endings ("-em", "-en", "-er", "-es")
TWO_EDIT_COST = math.log(1e-7)
MAX_NEAR_EDITS = 2
MIN_NEAR_LENGTH = 5
MIN_NEAR_LENGTH_CAPITAL = 6
MIN_NEAR_COUNT = 500
ENDING_LENGTH = 2
_ENDING_RE = regex.compile(r"[emnrs]{0,2}")
# ... and for the rarer words one letter from a long token, verb endings too ("verhaltend",
# "abstottert")
LONG_ENDING_RE = regex.compile(r"[demnrst]{0,2}")
# ... and for long tokens that put letters together as no German word does (see ..charmodel:
# "Teilnmehmer", "Radikalisieryng"), rarer words too: the letters that are damage are that spot,
# so a word found must be spelt like German there (its worst spot this much likelier). A long word
# the lexicon lacks but that is spelt like German ("Sitznachbarinnen") is no such token.
MIN_FAR_LENGTH = 9
MIN_FAR_COUNT = 20
MAX_FAR_WORST = -9.0
MIN_FAR_GAIN = 3.0

# ... and for lower-case tokens of two or three letters ("uid", "ict", "zi"), where one letter
# reaches many words, only the most frequent words, which such tokens mostly are; not without a
# vowel: those are abbreviations ("vs", "bzw")
MIN_ONE_EDIT_LENGTH_SHORT = 2
MIN_ONE_EDIT_COUNT_SHORT = 20_000
_VOWELS = frozenset("aeiouyäöü")
_ALPHABET = "abcdefghijklmnopqrstuvwxyzäöüß"


def corpus_only(d: Decoder, cands: list[tuple]) -> list[tuple]:
    """The candidates made of corpus words only. A supplementary form is there to be restored
    from its umlaut-less reading, what it was taken in for; reached by other confusions
    ("Umlaute", a word the corpus lacks, read as a damaged "Umläufe") or put in place of a
    known word, it is a guess. So is a word in the spelling before 1996, restored from a
    glyph read for its ß ("FluB") and not from others ("MiB", a unit, is no "Miß"). (Each
    candidate is a tuple whose first item is the word.)"""
    is_supplement, old_spelling = d.lex.is_supplement, d.lex.old_spelling
    return [c for c in cands
            if not any(is_supplement(p) or old_spelling(p) for p in c[0].split(" "))]


def one_edit_away(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Frequent words one letter away from a non-word ("obwokl", "reagieien",
    "Bundeskangzlerin"): noise on a bad scan makes confusions the error model never saw.
    German writes names with a capital, and the lexicon may well not know them: a capitalised
    token must be long (a long name one letter from a frequent word is rare), keeps its first
    letter and a final s (a name's genitive, "Giffeys")."""
    if not (MIN_ONE_EDIT_LENGTH_SHORT <= len(core) <= MAX_TOKEN_LENGTH and core.isalpha()):
        return []
    capital = core[0].isupper() and core[1:].islower() and len(core) >= MIN_ONE_EDIT_LENGTH_CAPITAL
    if not (core.islower() or capital):
        return []
    min_count = MIN_ONE_EDIT_COUNT
    if len(core) < MIN_ONE_EDIT_LENGTH:
        if _VOWELS.isdisjoint(core):
            return []
        min_count = MIN_ONE_EDIT_COUNT_SHORT
    count = d.lex.count
    score = identity + ONE_EDIT_COST
    prefixes = d.lex.prefix_set
    found = set()
    for i in range(1 if capital else 0, len(core) + 1):
        head, tail = core[:i], core[i:]
        if head and head not in prefixes:
            break  # every word an edit from here on reaches starts with ``head``
        # only letters some stored word goes on with
        letters = [ch for ch in _ALPHABET if head + ch in prefixes]
        if tail and not (capital and tail == "s"):  # a name's genitive s is no letter too many
            found.add(head + tail[1:])  # a letter too many
            found.update(head + ch + tail[1:] for ch in letters)  # a letter misread
        found.update(head + ch + tail for ch in letters)  # a letter lost
    found.discard(core)
    long = len(core) >= MIN_ONE_EDIT_LENGTH_LONG
    if long:
        # a long token one letter from a rarer word too, and likelier so: few words the
        # lexicon lacks are one letter from a stored one, unless they differ in the ending
        # ("verhaltend", "abstottert": forms the lexicon lacks)
        min_count = MIN_ONE_EDIT_COUNT_LONG
        score = identity + ONE_EDIT_COST_LONG
    words = [w for w in found if count(w) >= min_count
             and not (long and other_ending(core, w, LONG_ENDING_RE))]
    return sorted(((w, score) for w in words), key=lambda x: -count(x[0]))[:8]


def compounds_one_edit_away(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Compounds one letter from a long non-word, the edit inside one part, not in the
    ending ("Toktzeiten" → "Taktzeiten", "Atbeitsablauf" → "Arbeitsablauf"): the corpus
    never wrote most compounds, so :func:`one_edit_away` cannot find them."""
    if not (MIN_ONE_EDIT_LENGTH_LONG <= len(core) <= MAX_TOKEN_LENGTH and core.isalpha()):
        return []
    if not (core.islower() or (core[0].isupper() and core[1:].islower())):
        return []
    return [(w, identity + COMPOUND_ONE_EDIT_COST)
            for w in d.lex.compounds_one_edit_away(core, _ALPHABET)
            if not other_ending(core, w, LONG_ENDING_RE)]


def one_edit_after_umlauts(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Lost umlauts and one letter garbled besides in a long non-word ("Verfiiguag" →
    "Verfügung", "dariitber" → "darüber"): the one-letter search of :func:`one_edit_away`
    on the likeliest readings of the token with one umlaut restored, on a page with a real
    share of the no-umlauts profile (see MIN_UMLAUT_EDIT_LENGTH)."""
    if not (len(core) >= MIN_UMLAUT_EDIT_LENGTH and d.profile.weight >= MIN_WEIGHT_COMPOUND_TWINS
            and d.chars.worst(core) <= MAX_UMLAUT_EDIT_WORST):
        return []
    found: dict[str, float] = {}
    readings = twins(d, core, identity, depth=1, reach="readings")[:MAX_UMLAUT_EDIT_READINGS]
    for reading, score in readings:
        for w, lp in corpus_only(d, one_edit_away(d, reading, score)):
            if w != core and lp > found.get(w, -math.inf):
                found[w] = lp
    return sorted(found.items(), key=lambda x: -x[1])[:8]


def near_words(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Frequent words one or two letters from a non-word that nothing else explains
    ("Deutschlaiid", "selbstbestinnmtes", "Probleiie"): a bad scan garbles letters beyond
    what the error model learned. Only frequent words, not a word's ending ("hessischem" is
    no damaged "hessischen", "Giffeys" no "Giffey": a rarer form the lexicon lacks), and, as in
    :func:`one_edit_away`, names are spared: a capitalised token must be longer."""
    if not (MIN_NEAR_LENGTH <= len(core) <= MAX_TOKEN_LENGTH and core.isalpha()):
        return []
    capital = core[0].isupper() and core[1:].islower()
    if not (core.islower() or (capital and len(core) >= MIN_NEAR_LENGTH_CAPITAL)):
        return []
    return similar_words(d, core, identity, MIN_NEAR_COUNT)


def similar_words(d: Decoder, core: str, identity: float, min_count: int) -> list[tuple[str, float]]:
    """Stored words seen ``min_count`` times one or two letters from ``core``, with their
    channel scores, but not another ending of it: an inflected form the lexicon lacks."""
    return [(word, identity + (ONE_EDIT_COST if edits == 1 else TWO_EDIT_COST))
            for word, edits in d.lex.similar_forms(core, MAX_NEAR_EDITS, min_count)
            if not other_ending(core, word)]


def far_words(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Words seen at least MIN_FAR_COUNT times one or two letters from a long non-word whose
    letters no German word puts together, and spelt like German where it is not
    ("Teilnmehmer" → "Teilnehmer", "Radikalisieryng" → "Radikalisierung"). Not for a token with
    an ß, which an engine that reads ß read, and which may be a word spelt as before 1996 that
    the lexicon lacks ("ausgepreßte"); not for another ending of a word (see
    :func:`near_words`)."""
    if not (MIN_FAR_LENGTH <= len(core) <= MAX_TOKEN_LENGTH and core.isalpha()) or "ß" in core:
        return []
    if not (core.islower() or (core[0].isupper() and core[1:].islower())):
        return []
    worst = d.chars.worst(core)
    if worst > MAX_FAR_WORST:
        return []
    return [(word, score) for word, score in similar_words(d, core, identity, MIN_FAR_COUNT)
            if d.chars.worst(word) - worst >= MIN_FAR_GAIN]


def other_ending(core: str, word: str, ending=_ENDING_RE) -> bool:
    """Does ``word`` differ from ``core`` only in the last letters, where ``core`` ends in letters
    of German endings ("hessischem"/"hessischen")? Then ``core`` may be a form the lexicon lacks."""
    shared = len(os.path.commonprefix([core, word]))
    return len(word) - shared <= ENDING_LENGTH and ending.fullmatch(core, shared) is not None
