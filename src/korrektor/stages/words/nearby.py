"""Searches for words a few letters from a non-word: noise on a bad scan garbles letters beyond
what the error model learned ("obwokl", "Deutschlaiid", "Teilnmehmer", "Verfiiguag"). Each search
takes the decoder ``d`` and returns candidate words with their channel scores.

Every function here runs in the compiled core (``korrektor._core.nearby_one_edit_away`` ...,
``rust/src/nearby.rs``: the same answers bit for bit) where the decoder's lexicon is a
:class:`korrektor.lexicon.Lexicon` and its character model the packaged one (the core's, see
:func:`korrektor.charmodel.default_core_char_model`); else, and with
``KORREKTOR_PY_SEARCH=1``, in Python (``_py_one_edit_away`` ..., the reference the core is
checked against: ``bench/core_nearby.py``)."""

from __future__ import annotations

import math
import os.path
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from ... import _core, errormodel
from ...charmodel import core_char_model
from ...lexicon import Lexicon, answers_as_core
from . import umlauts
from .tokens import LEFT_ALONE
from .umlauts import UMLAUT_SEARCH, twins

if TYPE_CHECKING:
    from .decoder import Decoder


@dataclass(frozen=True, slots=True)
class OneEdit:
    """Frequent words one letter from a non-word (:func:`one_edit_away`), and compounds one letter
    from a long one (:func:`compounds_one_edit_away`)."""

    # ln P(one letter misread, lost or added by noise the error model has no rule for)
    cost: float = math.log(1e-5)
    # the shortest token this is tried on: a shorter one is one letter from too many words ...
    min_length: int = 4
    # ... and a capitalised one, perhaps a name the lexicon lacks, must be long: a long name one
    # letter from a frequent word is rare
    min_length_capital: int = 8
    # how often the word must have been seen: rarer words are too many to tell from a rare word or
    # name the lexicon lacks
    min_count: int = 200
    # from this length, rarer words too, at a lower cost: a long token has more letters to garble,
    # and few long words the lexicon lacks are one letter from a stored one
    min_length_long: int = 10
    min_count_long: int = 5
    cost_long: float = math.log(1e-4)
    # ln P(a letter misread inside a part of a compound the corpus never wrote, "Sitznachbarinuen"),
    # which the bigram model scores as barely likelier than an unknown word: the channel decides
    # almost alone, and a cost this low keeps unknown compounds safe ("Profilbildungen" is no
    # damaged "Profilbindungen")
    compound_cost: float = math.log(1e-3)
    # lower-case tokens of two or three letters ("uid", "ict", "zi"), where one letter reaches many
    # words, reach only the most frequent words, which such tokens mostly are
    min_length_short: int = 2
    min_count_short: int = 20_000


@dataclass(frozen=True, slots=True)
class UmlautsAndOneEdit:
    """Lost umlauts and one letter garbled besides ("Verfiiguag" → "Verfügung",
    :func:`one_edit_after_umlauts`): the search is costly, so it is gated."""

    # the shortest token searched: a shorter one reaches too many words two changes away
    min_length: int = 8
    # how many of its readings with umlauts restored, the likeliest first, are searched further
    max_readings: int = 6
    # how unlike German its letters must be (see ..charmodel): a token spelt like German
    # ("Kinderlein") is more often a word the lexicon lacks
    max_worst: float = -5.5


@dataclass(frozen=True, slots=True)
class NearWords:
    """Frequent words one or two letters from a non-word that nothing else explains
    (:func:`near_words`)."""

    # ln P(two letters garbled by noise the error model has no rule for)
    two_edit_cost: float = math.log(1e-7)
    max_edits: int = 2
    # the shortest token: shorter ones are two letters from too many words; a capitalised one,
    # perhaps a name, must be longer
    min_length: int = 5
    min_length_capital: int = 6
    # how often the word must have been seen: rarer words are too many to tell from a rare word or
    # name the lexicon lacks
    min_count: int = 500
    # an edit may not be confined to this many last letters of the word where the token ends there
    # in letters of German endings ("-em", "-en", "-er", "-es"): another ending of a word is more
    # often a form the lexicon lacks ("hessischem") than damage
    ending_length: int = 2


@dataclass(frozen=True, slots=True)
class FarWords:
    """Rarer words one or two letters from a long token that puts letters together as no German
    word does ("Teilnmehmer", "Radikalisieryng"; :func:`far_words`): the letters that are damage
    are that spot, so a word found must be spelt like German there."""

    # the shortest token: a long token's bad spot is damage more surely
    min_length: int = 9
    # rarer words than the near-word search takes: the bad spot is evidence enough
    min_count: int = 20
    # how bad the token's worst spot must be (ln, see ..charmodel): a long word the lexicon lacks
    # but that is spelt like German ("Sitznachbarinnen") is no such token
    max_worst: float = -9.0
    # how much likelier the word's worst spot must be than the token's
    min_gain: float = 3.0


ONE_EDIT = OneEdit()
UMLAUTS_AND_ONE_EDIT = UmlautsAndOneEdit()
NEAR_WORDS = NearWords()
FAR_WORDS = FarWords()
# the letters of German endings (see NearWords.ending_length), and for the rarer words one
# letter from a long token, verb endings too ("verhaltend", "abstottert")
_ENDING_RE = regex.compile(r"[emnrs]{0,2}")
LONG_ENDING_RE = regex.compile(r"[demnrst]{0,2}")
# a token without a vowel is an abbreviation ("vs", "bzw")
_VOWELS = frozenset("aeiouyäöü")
_ALPHABET = "abcdefghijklmnopqrstuvwxyzäöüß"


def _core_constants_agree() -> bool:
    """Does the compiled search use the same constants (every field of the dataclasses above,
    and the letters) as this module?"""
    if not hasattr(_core, "nearby_constants"):  # an extension built before the search
        return False
    there = _core.nearby_constants()
    objects = {"ONE_EDIT": ONE_EDIT, "UMLAUTS_AND_ONE_EDIT": UMLAUTS_AND_ONE_EDIT, "NEAR_WORDS": NEAR_WORDS,
               "FAR_WORDS": FAR_WORDS, "LEFT_ALONE": LEFT_ALONE, "UMLAUT_SEARCH": UMLAUT_SEARCH}
    for name, obj in objects.items():
        values = there.get(name, {})
        if name in ("ONE_EDIT", "UMLAUTS_AND_ONE_EDIT", "NEAR_WORDS", "FAR_WORDS") and (
                set(values) != {f.name for f in fields(obj)}):
            return False
        if not all(getattr(obj, k) == v and type(getattr(obj, k)) is type(v) for k, v in values.items()):
            return False
    n = there["ending_max"]
    return (there["alphabet"] == _ALPHABET and set(there["vowels"]) == _VOWELS
            and _ENDING_RE.pattern == f"[{there['ending']}]{{0,{n}}}"
            and LONG_ENDING_RE.pattern == f"[{there['long_ending']}]{{0,{n}}}")


#: the compiled searches, unless KORREKTOR_PY_SEARCH=1 (read at import, as the error model's)
_USE_CORE = not errormodel._PY_SEARCH and _core_constants_agree()
#: the constants as checked against the core at import: one replaced since (a test's) is read by
#: the Python searches
_CHECKED = (ONE_EDIT, UMLAUTS_AND_ONE_EDIT, NEAR_WORDS, FAR_WORDS, LEFT_ALONE, UMLAUT_SEARCH)


def _compiled_now() -> bool:
    """Do the compiled searches run now (not switched off, their constants not replaced)?"""
    return (_USE_CORE and ONE_EDIT is _CHECKED[0] and UMLAUTS_AND_ONE_EDIT is _CHECKED[1]
            and NEAR_WORDS is _CHECKED[2] and FAR_WORDS is _CHECKED[3] and LEFT_ALONE is _CHECKED[4]
            and UMLAUT_SEARCH is _CHECKED[5])
#: the lexicon methods the searches ask: a lexicon answering any of them otherwise is searched in
#: Python (``similar_forms``, the Python class's, is checked apart)
_ASKED = ("count", "is_prefix", "is_supplement", "old_spelling", "compounds_one_edit_away")
#: per lexicon data directory: its frequent forms a few edits away (``_core.NearbyForms``, mapped on
#: first use)
_CORE_FORMS: dict[Path, object] = {}


def _core_similar(lex):
    """The core's forms for ``similar_forms``, or None where the lexicon's ``similar_forms`` is not
    :class:`Lexicon`'s (a subclass or instance answering otherwise)."""
    if (not isinstance(lex, Lexicon) or type(lex).similar_forms is not Lexicon.similar_forms
            or "similar_forms" in vars(lex)):
        return None
    key = Path(lex.path)
    found = _CORE_FORMS.get(key)
    if found is None:
        found = _CORE_FORMS[key] = _core.NearbyForms(key)
    return found


def _core_state(d: Decoder):
    """(the lexicon, its core forms for ``similar_forms`` or None, the core's character model or
    None) where the compiled searches can run on ``d``, else None; kept on the decoder
    (``_nearby_core``) with what it was made from."""
    lex, chars = d.lex, getattr(d, "chars", None)
    st = getattr(d, "_nearby_core", None)
    if st is not None and st[0] is lex and st[1] is chars:
        return st[2]
    state = (lex, _core_similar(lex), core_char_model(chars)) if answers_as_core(lex, _ASKED) else None
    try:
        d._nearby_core = (lex, chars, state)
    except AttributeError:  # a frozen test double: made again next time
        pass
    return state


def corpus_only(d: Decoder, cands: list[tuple]) -> list[tuple]:
    """The candidates made of corpus words only: the compiled search where it can run (see the
    module notes), else :func:`_py_corpus_only`."""
    st = _core_state(d) if _compiled_now() else None
    found = None if st is None else _core.nearby_corpus_only(st[0], cands)
    return found if found is not None else _py_corpus_only(d, cands)


def _py_corpus_only(d: Decoder, cands: list[tuple]) -> list[tuple]:
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
    """"obwokl" → "obwohl": the compiled search where it can run, else :func:`_py_one_edit_away`."""
    st = _core_state(d) if _compiled_now() else None
    found = None if st is None else _core.nearby_one_edit_away(core, st[0], identity)
    return found if found is not None else _py_one_edit_away(d, core, identity)


def _py_one_edit_away(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Frequent words one letter away from a non-word ("obwokl", "reagieien",
    "Bundeskangzlerin"): noise on a bad scan makes confusions the error model never saw.
    German writes names with a capital, and the lexicon may well not know them: a capitalised
    token must be long (a long name one letter from a frequent word is rare), keeps its first
    letter and a final s (a name's genitive, "Giffeys")."""
    if not (ONE_EDIT.min_length_short <= len(core) <= LEFT_ALONE.max_token_length and core.isalpha()):
        return []
    capital = core[0].isupper() and core[1:].islower() and len(core) >= ONE_EDIT.min_length_capital
    if not (core.islower() or capital):
        return []
    min_count = ONE_EDIT.min_count
    if len(core) < ONE_EDIT.min_length:
        if _VOWELS.isdisjoint(core):
            return []
        min_count = ONE_EDIT.min_count_short
    count = d.lex.count
    score = identity + ONE_EDIT.cost
    is_prefix = d.lex.is_prefix
    # the words in the order the edits make them (a dict: a set's order would follow the
    # strings' hashes, and the most frequent words' ties with it)
    found: dict[str, None] = {}
    for i in range(1 if capital else 0, len(core) + 1):
        head, tail = core[:i], core[i:]
        if head and not is_prefix(head):
            break  # every word an edit from here on reaches starts with ``head``
        # only letters some stored word goes on with
        letters = [ch for ch in _ALPHABET if is_prefix(head + ch)]
        if tail and not (capital and tail == "s"):  # a name's genitive s is no letter too many
            found[head + tail[1:]] = None  # a letter too many
            found.update(dict.fromkeys(head + ch + tail[1:] for ch in letters))  # a letter misread
        found.update(dict.fromkeys(head + ch + tail for ch in letters))  # a letter lost
    found.pop(core, None)
    long = len(core) >= ONE_EDIT.min_length_long
    if long:
        # a long token one letter from a rarer word too, and likelier so: few words the
        # lexicon lacks are one letter from a stored one, unless they differ in the ending
        # ("verhaltend", "abstottert": forms the lexicon lacks)
        min_count = ONE_EDIT.min_count_long
        score = identity + ONE_EDIT.cost_long
    words = [w for w in found if count(w) >= min_count
             and not (long and other_ending(core, w, LONG_ENDING_RE))]
    return sorted(((w, score) for w in words), key=lambda x: -count(x[0]))[:8]


def compounds_one_edit_away(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"Wiudparkanlagen" → "Windparkanlagen": the compiled search where it can run, else
    :func:`_py_compounds_one_edit_away`."""
    st = _core_state(d) if _compiled_now() else None
    found = None if st is None else _core.nearby_compounds_one_edit_away(core, st[0], identity)
    return found if found is not None else _py_compounds_one_edit_away(d, core, identity)


def _py_compounds_one_edit_away(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Compounds one letter from a long non-word, the edit inside one part, not in the
    ending ("Wiudparkanlagen" → "Windparkanlagen", "Wartchallen" → "Wartehallen"): the corpus
    never wrote most compounds, so :func:`one_edit_away` cannot find them."""
    if not (ONE_EDIT.min_length_long <= len(core) <= LEFT_ALONE.max_token_length and core.isalpha()):
        return []
    if not (core.islower() or (core[0].isupper() and core[1:].islower())):
        return []
    return [(w, identity + ONE_EDIT.compound_cost)
            for w in d.lex.compounds_one_edit_away(core, _ALPHABET)
            if not other_ending(core, w, LONG_ENDING_RE)]


def one_edit_after_umlauts(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"Verfiiguag" → "Verfügung": the compiled search where it can run (the umlaut search's
    compiled state too, see :func:`.umlauts._core_state`), else :func:`_py_one_edit_after_umlauts`."""
    st = _core_state(d) if _compiled_now() else None
    found = None
    if st is not None and st[2] is not None and umlauts._compiled_now():
        ust = umlauts._core_state(d)
        if ust is not None:
            found = _core.nearby_one_edit_after_umlauts(core, st[0], ust[1], st[2], identity, float(d.profile.weight))
    return found if found is not None else _py_one_edit_after_umlauts(d, core, identity)


def _py_one_edit_after_umlauts(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Lost umlauts and one letter garbled besides in a long non-word ("Verfiiguag" →
    "Verfügung", "dariiher" → "darüber"): the one-letter search of :func:`one_edit_away`
    on the likeliest readings of the token with one umlaut restored, on a page with a real
    share of the no-umlauts profile (see UMLAUTS_AND_ONE_EDIT.min_length)."""
    if not (len(core) >= UMLAUTS_AND_ONE_EDIT.min_length and d.profile.weight >= UMLAUT_SEARCH.min_weight_compound_twins
            and d.chars.worst(core) <= UMLAUTS_AND_ONE_EDIT.max_worst):
        return []
    found: dict[str, float] = {}
    readings = twins(d, core, identity, depth=1, reach="readings")[:UMLAUTS_AND_ONE_EDIT.max_readings]
    for reading, score in readings:
        for w, lp in corpus_only(d, one_edit_away(d, reading, score)):
            if w != core and lp > found.get(w, -math.inf):
                found[w] = lp
    return sorted(found.items(), key=lambda x: -x[1])[:8]


def near_words(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"Deutschlaiid" → "Deutschland": the compiled search where it can run, else
    :func:`_py_near_words`."""
    st = _core_state(d) if _compiled_now() else None
    found = None if st is None or st[1] is None else _core.nearby_near_words(core, st[1], identity)
    return found if found is not None else _py_near_words(d, core, identity)


def _py_near_words(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Frequent words one or two letters from a non-word that nothing else explains
    ("Deutschlaiid", "selbstbestinnmtes", "Probleiie"): a bad scan garbles letters beyond
    what the error model learned. Only frequent words, not a word's ending ("hessischem" is
    no damaged "hessischen", "Giffeys" no "Giffey": a rarer form the lexicon lacks), and, as in
    :func:`one_edit_away`, names are spared: a capitalised token must be longer."""
    if not (NEAR_WORDS.min_length <= len(core) <= LEFT_ALONE.max_token_length and core.isalpha()):
        return []
    capital = core[0].isupper() and core[1:].islower()
    if not (core.islower() or (capital and len(core) >= NEAR_WORDS.min_length_capital)):
        return []
    return similar_words(d, core, identity, NEAR_WORDS.min_count)


def similar_words(d: Decoder, core: str, identity: float, min_count: int) -> list[tuple[str, float]]:
    """Stored words seen ``min_count`` times a letter or two from ``core``: the compiled search
    where it can run, else :func:`_py_similar_words`."""
    st = _core_state(d) if _compiled_now() else None
    found = None if st is None or st[1] is None else _core.nearby_similar_words(core, st[1], identity, min_count)
    return found if found is not None else _py_similar_words(d, core, identity, min_count)


def _py_similar_words(d: Decoder, core: str, identity: float, min_count: int) -> list[tuple[str, float]]:
    """Stored words seen ``min_count`` times one or two letters from ``core``, with their
    channel scores, but not another ending of it: an inflected form the lexicon lacks."""
    return [(word, identity + (ONE_EDIT.cost if edits == 1 else NEAR_WORDS.two_edit_cost))
            for word, edits in d.lex.similar_forms(core, NEAR_WORDS.max_edits, min_count)
            if not other_ending(core, word)]


def far_words(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"Teilnmehmer" → "Teilnehmer": the compiled search where it can run, else
    :func:`_py_far_words`."""
    st = _core_state(d) if _compiled_now() else None
    found = (None if st is None or st[1] is None or st[2] is None
             else _core.nearby_far_words(core, st[1], st[2], identity))
    return found if found is not None else _py_far_words(d, core, identity)


def _py_far_words(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Words seen at least FAR_WORDS.min_count times one or two letters from a long non-word whose
    letters no German word puts together, and spelt like German where it is not
    ("Teilnmehmer" → "Teilnehmer", "Radikalisieryng" → "Radikalisierung"). Not for a token with
    an ß, which an engine that reads ß read, and which may be a word spelt as before 1996 that
    the lexicon lacks ("ausgepreßte"); not for another ending of a word (see
    :func:`near_words`)."""
    if not (FAR_WORDS.min_length <= len(core) <= LEFT_ALONE.max_token_length and core.isalpha()) or "ß" in core:
        return []
    if not (core.islower() or (core[0].isupper() and core[1:].islower())):
        return []
    worst = d.chars.worst(core)
    if worst > FAR_WORDS.max_worst:
        return []
    return [(word, score) for word, score in similar_words(d, core, identity, FAR_WORDS.min_count)
            if d.chars.worst(word) - worst >= FAR_WORDS.min_gain]


def other_ending(core: str, word: str, ending=_ENDING_RE) -> bool:
    """Does ``word`` differ from ``core`` only in the last letters, where ``core`` ends in letters
    of German endings? The core's answer for the module's two patterns (see the module notes),
    else :func:`_py_other_ending`."""
    found = None
    if _compiled_now() and (ending is _ENDING_RE or ending is LONG_ENDING_RE):
        found = _core.nearby_other_ending(core, word, ending is LONG_ENDING_RE)
    return found if found is not None else _py_other_ending(core, word, ending)


def _py_other_ending(core: str, word: str, ending=_ENDING_RE) -> bool:
    """Does ``word`` differ from ``core`` only in the last letters, where ``core`` ends in letters
    of German endings ("hessischem"/"hessischen")? Then ``core`` may be a form the lexicon lacks."""
    shared = len(os.path.commonprefix([core, word]))
    return len(word) - shared <= NEAR_WORDS.ending_length and ending.fullmatch(core, shared) is not None
