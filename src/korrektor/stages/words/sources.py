"""Where a token's candidate words come from: the searches, and the order in which they are asked.

A candidate is ``(word, ln P(token | word), maker)``: the maker is the name of the search that
proposed it, and becomes the ``rule`` of the edit where the candidate wins. The token itself comes
first, made by no search (:data:`IDENTITY`).

A known word gets its lost-umlaut twins only ("wurde"/"würde"), plus, where the lexicon knows it
only as a compound, two words whose space was read as a hyphen or a frequent word one letter
away. An acronym gets its lost umlauts. A non-word asks the searches of :data:`NON_WORD_SEARCHES`
in turn, the cheapest and likeliest first, and takes the first that finds anything; lost spaces
are candidates besides. The searches themselves live in :mod:`.umlauts` (lost umlauts, ß and l
read as glyphs), :mod:`.nearby` (letters garbled beyond the error model) and :mod:`.splits` (lost
spaces).

:func:`candidates` runs in the compiled core (``korrektor._core.Sources``, ``rust/src/sources.rs``:
the same candidates in the same order, bit for bit) where every search it asks runs there (see
:func:`_core_sources`); else, and with ``KORREKTOR_PY_SEARCH=1``, in Python
(:func:`_py_candidates`, the reference, which asks each search's own wrapper).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ... import _core, errormodel
from ...lexicon import answers_as_core, modern_spelling
from . import nearby, splits as splits_module, umlauts
from .era import historic_only
from .nearby import compounds_one_edit_away, corpus_only, far_words, near_words, one_edit_after_umlauts, one_edit_away
from .splits import LOST_HYPHEN, lost_hyphen, splits
from .tokens import Token
from .umlauts import (UMLAUT_SEARCH, capitals_twins, hyphenated_parts, l_glyphs, loose_compound_twins,
                      lowercase_variants, old_sz_spellings, sz_glyphs, twins)

if TYPE_CHECKING:
    from .decoder import Decoder

#: A candidate: the word, ln P(token | word), the name of the search that proposed it
Candidate = tuple[str, float, str]
#: A search: (decoder, token's core, ln P(token | token)) → candidate words with their scores, best first
Search = Callable[["Decoder", str, float], list[tuple[str, float]]]

IDENTITY = ""  # the token read as itself
LOST_UMLAUTS = "lost_umlauts"
LOST_UMLAUTS_IN_CAPITALS = "lost_umlauts_in_capitals"
OCR_CONFUSIONS = "ocr_confusions"
ONE_EDIT_AWAY = "one_edit_away"
OLD_SZ_SPELLING = "old_sz_spelling"
LOWER_CASE_INITIAL_UMLAUT = "lower_case_initial_umlaut"


def _sz_glyphs(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    return sz_glyphs(d, core)


def _lost_umlauts(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    return twins(d, core, identity, depth=2)


def _lost_umlauts_in_compound(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    if len(core) >= UMLAUT_SEARCH.min_compound_length and d.profile.weight >= UMLAUT_SEARCH.min_weight_compound_twins:
        return twins(d, core, identity, depth=2, reach="compounds")
    return []


def _ocr_confusions(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    return corpus_only(d, d.em.candidates(core, d.lex, d.profile, max_edits=3, limit=8))


def _one_edit_away(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    return corpus_only(d, one_edit_away(d, core, identity))


#: The searches for a non-word, in the order they are asked; the first that finds anything
#: answers (unless it found uncommon words only, see _uncommon). A ß read as symbols first, then
#: lost umlauts: cheap, and what an engine without a German model gets wrong most; the error
#: model's full channel search only where they explain nothing. The searches from
#: "ocr_confusions" on may reach any word: a supplementary form only by the restorations before
#: them.
NON_WORD_SEARCHES: tuple[tuple[str, Search], ...] = (
    ("sz_read_as_symbols", _sz_glyphs),  # "heif$t" → "heißt"
    ("l_read_as_capital_i", l_glyphs),  # "MitteIn" → "Mitteln"
    (LOST_UMLAUTS, _lost_umlauts),  # "fiir" → "für"
    ("lost_umlauts_in_compound", _lost_umlauts_in_compound),  # "Grunflachenamter" → "Grünflächenämter"
    ("lost_umlauts_in_hyphenated_word", hyphenated_parts),  # "90-Jahrige" → "90-Jährige"
    (LOST_HYPHEN, lost_hyphen),  # "OnlinePlattform" → "Online-Plattform"
    (OCR_CONFUSIONS, _ocr_confusions),  # the error model's channel search: "Stattclessen"
    (ONE_EDIT_AWAY, _one_edit_away),  # "obwokl" → "obwohl"
    ("compound_one_edit_away", compounds_one_edit_away),  # "Wiudparkanlagen" → "Windparkanlagen"
    ("near_word", near_words),  # "Deutschlaiid" → "Deutschland"
    ("far_word", far_words),  # "Teilnmehmer" → "Teilnehmer"
    ("lost_umlauts_before_compound_head", loose_compound_twins),  # "Binarpakete" → "Binärpakete"
    ("lost_umlauts_and_one_edit", one_edit_after_umlauts),  # "Verfiiguag" → "Verfügung"
)


#: a token of two letters may be read as a word this frequent only
SHORT_TOKEN_MIN_COUNT = 1000

#: the searches that find stored words only, ...
_WORD_SEARCHES = frozenset((LOST_UMLAUTS, OCR_CONFUSIONS))
#: ... when they find words rarer than this (in today's spelling) ...
RARE_TWIN_COUNT = 100


def _uncommon(d: Decoder, word: str) -> bool:
    """... or forms the old books alone write ("wit" → "wißt", "witt"), leave the token to
    the later searches too ("wir"); the decoder weighs all their words by the page (see .era)."""
    return historic_only(d.lex, word) or d.lex.count(modern_spelling(word) or word) < RARE_TWIN_COUNT


def candidates(d: Decoder, t: Token) -> list[Candidate]:
    """Candidate words for ``t`` with ln P(token | word) and their makers, the token itself first:
    the compiled searches where they can run (see :func:`_core_sources`), else
    :func:`_py_candidates`."""
    sources = _core_sources(d) if d.today is None else None
    found = None if sources is None else sources.candidates(t.core, t.known, t.acronym)
    return found if found is not None else _py_candidates(d, t)


def _py_candidates(d: Decoder, t: Token) -> list[Candidate]:
    """:func:`candidates` in Python, each search asked through its module's function."""
    if d.today is not None:
        today = d.today.candidates(t)
        return today + [(w, lp, OLD_SZ_SPELLING) for w, lp in old_sz_spellings(d, t, today)]
    identity = d.em.logp_identity(t.core, d.profile)
    c: list[Candidate] = [(t.core, identity, IDENTITY)]
    if t.acronym:
        found, maker = twins(d, t.core, identity), LOST_UMLAUTS
        if not found:
            found, maker = capitals_twins(d, t.core, identity), LOST_UMLAUTS_IN_CAPITALS
        c += [(w, lp, maker) for w, lp in found]
    elif t.known:
        # a word known only as a compound may be a stored word with two lost umlauts
        # ("Auslanderbehorde" splits as Ausland|erbe|horde)
        stored = d.lex.count(t.core) > 0
        c += [(w, lp, LOST_UMLAUTS) for w, lp in twins(d, t.core, identity, depth=1 if stored else 2)]
        if "-" in t.core and not stored:
            # "Reihe-verschiedener": known only as a compound of its parts, so perhaps
            # two words whose space was read as a hyphen
            c += splits(d, t.core, identity)
        elif stored and d.lex.shadowed(t.core):
            # "dern": a form a play wrote a few times, and one confusion from "dem"
            c += [(w, lp, OCR_CONFUSIONS) for w, lp in _ocr_confusions(d, t.core, identity) if w != t.core]
        elif not stored and t.core.islower() and d.lex.compound_split(t.core) is not None:
            # "engegieren" (enge|gieren): known only as a compound of its parts, so perhaps a
            # frequent stored word with one letter misread ("engagieren"). Not for a
            # capitalised one: most such are nouns the corpus never wrote, and their search is
            # costly and rarely finds the word
            c += [(w, lp, ONE_EDIT_AWAY) for w, lp in _one_edit_away(d, t.core, identity)]
    else:
        offered = {t.core}
        for maker, search in NON_WORD_SEARCHES:
            found = search(d, t.core, identity)
            c += [(w, lp, maker) for w, lp in found if w not in offered]
            offered.update(w for w, _lp in found)
            if found and not (maker in _WORD_SEARCHES and all(_uncommon(d, w) for w, _lp in found)):
                break
        c += splits(d, t.core, identity)
    c += [(w, lp, LOWER_CASE_INITIAL_UMLAUT) for w, lp in lowercase_variants(d, c)]
    if len(t.core) <= 2 and not t.core.isupper():
        # two letters, one of them lower case, are no acronym's damage ("Pl" is no "PI",
        # "ii" no "II"), nor a rare word's ("ii" is no Italian "il"): too short to tell
        c = c[:1] + [x for x in c[1:] if not x[0].isupper() and d.lex.count(x[0]) >= SHORT_TOKEN_MIN_COUNT]
    if t.known or t.acronym:
        # a word from the supplement restores a non-word; in place of a word the corpus
        # knows it would be a guess without context ("blasser" → "blässer")
        c = c[:1] + corpus_only(d, c[1:])
    return c


#: The names of all searches, in the order above
MAKERS = (tuple(name for name, _ in NON_WORD_SEARCHES)
          + (LOST_UMLAUTS_IN_CAPITALS, OLD_SZ_SPELLING, LOWER_CASE_INITIAL_UMLAUT))


def _core_constants_agree() -> bool:
    """Does the compiled core name the makers and use the constants given here?"""
    if not hasattr(_core, "sources_constants"):  # an extension built before the candidates
        return False
    here = {"IDENTITY": IDENTITY, "LOST_UMLAUTS": LOST_UMLAUTS, "LOST_UMLAUTS_IN_CAPITALS": LOST_UMLAUTS_IN_CAPITALS,
            "OCR_CONFUSIONS": OCR_CONFUSIONS, "ONE_EDIT_AWAY": ONE_EDIT_AWAY,
            "LOWER_CASE_INITIAL_UMLAUT": LOWER_CASE_INITIAL_UMLAUT, "LOST_HYPHEN": LOST_HYPHEN,
            "SHORT_TOKEN_MIN_COUNT": SHORT_TOKEN_MIN_COUNT, "RARE_TWIN_COUNT": RARE_TWIN_COUNT,
            "NON_WORD_SEARCHES": [name for name, _ in NON_WORD_SEARCHES], "_WORD_SEARCHES": sorted(_WORD_SEARCHES)}
    return dict(_core.sources_constants()) == here


#: the compiled candidates, unless KORREKTOR_PY_SEARCH=1 (read at import, as the searches')
_USE_CORE = not errormodel._PY_SEARCH and _core_constants_agree()
#: the searches as this module holds them at import: a search replaced since (a measurement
#: that records its calls) is asked through Python
_SEARCHES = NON_WORD_SEARCHES
#: the lexicon methods asked here besides the searches' own (see each search's ``_ASKED``)
_ASKED = ("count", "shadowed", "compound_split", "varieties", "spelt_before_1996", "is_supplement", "old_spelling")
_ORIGINAL = (twins, capitals_twins, splits, lowercase_variants, corpus_only, one_edit_away)


def _searches_compiled() -> bool:
    """Does every search :func:`candidates` asks run compiled now (each module's switch on, none
    of them replaced)? Asked for every token, so spelt out."""
    return (_USE_CORE and umlauts._compiled_now() and umlauts._GLYPHS_AGREE and nearby._compiled_now()
            and splits_module._compiled_now() and NON_WORD_SEARCHES is _SEARCHES and twins is _ORIGINAL[0]
            and capitals_twins is _ORIGINAL[1] and splits is _ORIGINAL[2] and lowercase_variants is _ORIGINAL[3]
            and corpus_only is _ORIGINAL[4] and one_edit_away is _ORIGINAL[5])


def _core_sources(d: Decoder):
    """The compiled searches for the page of ``d`` (a ``_core.Sources``), or None where Python
    answers: a search not compiled now (:func:`_searches_compiled`), or a decoder whose lexicon,
    error model or character model the core does not hold (see each search's ``_core_state``).
    Kept on the decoder with what it was made from."""
    if not _searches_compiled():
        return None
    st = getattr(d, "_sources_core", None)
    if (st is not None and st[0] is d.lex and st[1] is d.em and st[2] is d.profile and st[3] is d.twin_filter
            and st[4] is getattr(d, "chars", None)):
        return st[5]
    state = None
    found = umlauts._core_state(d)  # (core lexicon, readings, twin filter, identity is the class's)
    near = nearby._core_state(d)  # (lexicon, similar forms, character model)
    if (found is not None and found[3] and near is not None and near[1] is not None and near[2] is not None
            and getattr(d.em, "_use_core", False) and errormodel._core_lexicon(d.lex) is not None
            and answers_as_core(d.lex, _ASKED)):
        state = _core.Sources(found[0], found[1], d.em.core_table(d.profile), found[2], float(d.profile.weight),
                              *splits_module._core_marks(), near[1], near[2])
    try:
        d._sources_core = (d.lex, d.em, d.profile, d.twin_filter, getattr(d, "chars", None), state)
    except AttributeError:  # a frozen test double: made again next time
        pass
    return state
