"""Two words glued into one token: a lost space ("inder"), a space read as a hyphen
("Reihe-verschiedener") or as a speck of punctuation ("nicht.schlecht", "dazu.-Es"); and a
compound's hyphen that PDF extraction took away ("OnlinePlattform", :func:`lost_hyphen`).

:func:`splits` and :func:`lost_hyphen` run in the compiled core (``korrektor._core.splits``,
``korrektor._core.lost_hyphen``: the same answers bit for bit) where the umlaut searches do (see
:mod:`.umlauts`: the decoder's lexicon the core's) and the core's constants and patterns are this
module's; else, and with ``KORREKTOR_PY_SEARCH=1``, in Python
(``_py_splits``, ``_py_lost_hyphen``: the reference the core is checked against,
``bench/core_splits.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ...marks import default_mark_stats
from . import umlauts
from .tokens import is_known, sentence_start_word

if TYPE_CHECKING:
    from .decoder import Decoder


@dataclass(frozen=True, slots=True)
class Splits:
    """Two words glued into one token."""

    # ln P(OCR lost a space between two words | they were two words), and the same for a space read
    # as a hyphen ("Reihe-verschiedener"): rare, so the language model must clearly prefer the split
    cost: float = math.log(0.002)
    # a part must be a word seen this often, so that "inder" → "in der" but not "Kinder" → "Kind er"
    min_part_count: int = 50
    # before a capital, a hyphen parts two words only after a lower-case word this frequent (a
    # function word: "zur-Verfügung"); a hyphenated compound starts with a noun or is a name
    min_function_word_count: int = 1000
    # ln P(a speck read as punctuation took the place of a space | a word, one or two marks and a
    # word glued together: "nicht.schlecht", "Frage’der", "hat,-überhaupt", "zu:wenig"): prose
    # never writes them so. Before a capital not after a full stop ("dazu.-Es" ended a sentence)
    # unless no sentence ends with the first word ("von.Sozialleistungen"); a lone hyphen is a
    # compound's ("Bundes-Länder"), and a colon before "innen" or "in" is written so ("Schüler:innen")
    glued_mark_cost: float = math.log(0.05)
    # ln P(an extractor removed a compound's hyphen at a line break | a capital inside the token)
    lost_hyphen_cost: float = math.log(0.1)


SPLITS = Splits()
_GLUED_MARK_RE = regex.compile(r"(\p{L}{2,})([.,'’‘:;-]{1,2})(\p{L}{2,})")
_GENDER_SUFFIXES = frozenset({"in", "innen"})

# a sentence's end glued to the next sentence's first word by a speck ("dazu.-Es", "Kollegen!'Das")
_GLUED_STOP_RE = regex.compile(r"(\p{L}{2,})([.!?])[-'’‘.,_~](\p{Lu}\p{Ll}+)")

# the rules of the splits (see :func:`splits`)
SPLIT_GLUED_WORDS = "split_glued_words"  # "inder" → "in der"
SPLIT_AT_HYPHEN = "split_at_hyphen"  # "Reihe-verschiedener" → "Reihe verschiedener"
SPLIT_AT_SPECK = "split_at_speck"  # "nicht.schlecht" → "nicht schlecht"
SPLIT_GLUED_SENTENCES = "split_glued_sentences"  # "dazu.-Es" → "dazu. Es"


_core = umlauts._core


def _core_constants_agree() -> bool:
    """Does the compiled splitter use SPLITS' constants, the rules' names and the patterns of
    this module?"""
    if not hasattr(_core, "splits_constants"):  # an extension built before the splits
        return False
    there = dict(_core.splits_constants())
    rules, patterns = there.pop("rules"), there.pop("patterns")
    return (all(getattr(SPLITS, k) == v for k, v in there.items())
            and all(globals()[k] == v for k, v in rules.items())
            and patterns == {k: (globals()[k].pattern, bool(globals()[k].flags & regex.I))
                             for k in ("_GLUED_MARK_RE", "_GLUED_STOP_RE", "_LOST_HYPHEN_RE")})


#: default_mark_stats()'s sets as ``_core.WordSet``s, made once (with the stats they came from)
_CORE_MARKS: list[tuple] = []


def _core_marks() -> tuple:
    stats = default_mark_stats()
    if not _CORE_MARKS or _CORE_MARKS[0][0] is not stats:
        _CORE_MARKS[:] = [(stats, _core.WordSet(stats.sentence_starts),
                           _core.WordSet(stats.no_sentence_end_after))]
    return _CORE_MARKS[0][1:]


def splits(d: Decoder, core: str, identity: float) -> list[tuple[str, float, str]]:
    """Two words glued into one token: the compiled splitter where it can run (see the module
    notes), else :func:`_py_splits`."""
    forms = umlauts._compiled_forms(d) if _compiled_now() else None
    found = None if forms is None else _core.splits(core, forms, identity, *_core_marks())
    return found if found is not None else _py_splits(d, core, identity)


def _py_splits(d: Decoder, core: str, identity: float) -> list[tuple[str, float, str]]:
    """Two words that lost the space between them ("inder"), or had it read as a hyphen or
    as a speck of punctuation ("nicht.schlecht"), with their channel scores and the rule of the
    split (one of the SPLIT_ names above)."""
    count = d.lex.count
    out = []
    glued = _GLUED_MARK_RE.fullmatch(core)
    ended = _GLUED_STOP_RE.fullmatch(core)
    if glued and _speck_between(*glued.groups()):
        a, _, b = glued.groups()
        if is_known(a, d.lex) and count(b) >= SPLITS.min_part_count:
            out.append((f"{a} {b}", identity + SPLITS.glued_mark_cost, SPLIT_AT_SPECK))
    elif ended:
        # "dazu.-Es", "stattdessen?'Sie": a sentence ended, and a speck took the space
        a, stop, b = ended.groups()
        if (is_known(a, d.lex) and a not in default_mark_stats().no_sentence_end_after
                and count(b) >= SPLITS.min_part_count):
            out.append((f"{a}{stop} {b}", identity + SPLITS.glued_mark_cost, SPLIT_GLUED_SENTENCES))
    elif "-" in core:
        a, _, b = core.partition("-")
        # "Frauen-gesteinigt"; before a capital only after a frequent lower-case word
        # ("zur-Verfügung", "keine-Arbeit") or a word that starts sentences ("Das-Geld"): a
        # hyphenated compound starts with a noun or is a name ("ifo-"), so that shape is a
        # glued speck far more often than a word
        glued_before_noun = b[:1].isupper() and (
            (a.islower() and count(a) >= SPLITS.min_function_word_count)
            or sentence_start_word(a))  # "Das-Geld" at a sentence start
        if ((b[:1].islower() or glued_before_noun)
                and count(a) >= SPLITS.min_part_count and count(b) >= SPLITS.min_part_count):
            cost = SPLITS.glued_mark_cost if glued_before_noun else SPLITS.cost
            out.append((f"{a} {b}", identity + cost, SPLIT_AT_HYPHEN))
    elif 4 <= len(core) <= 30 and core.isalpha():
        for k in range(2, len(core) - 1):
            a, b = core[:k], core[k:]
            if count(a) >= SPLITS.min_part_count and count(b) >= SPLITS.min_part_count:
                out.append((f"{a} {b}", identity + SPLITS.cost, SPLIT_GLUED_WORDS))
    return out


# a hyphen that PDF extraction took away with a line break between a compound's capitalised parts
# ("Online-¶Plattform" read "OnlinePlattform", "UNIQA-¶Vorstandsdirektor"): an acronym or a
# capitalised word, then a capitalised word inside the token, a long one: brands join short words
# so ("PowerPoint", "LibreOffice", "BahnCard"), a German compound's second part is longer
_LOST_HYPHEN_RE = regex.compile(r"(\p{Lu}{2,}|\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}{6,})")
LOST_HYPHEN = "lost_hyphen"


def lost_hyphen(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"OnlinePlattform" → "Online-Plattform": the compiled search where it can run, else
    :func:`_py_lost_hyphen`."""
    forms = umlauts._compiled_forms(d) if _compiled_now() else None
    found = None if forms is None else _core.lost_hyphen(core, forms, identity)
    return found if found is not None else _py_lost_hyphen(d, core, identity)


def _py_lost_hyphen(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """The hyphenated compound whose hyphen an extractor removed ("OnlinePlattform" →
    "Online-Plattform"), where the second part is a word: the first may be a name or an acronym."""
    m = _LOST_HYPHEN_RE.fullmatch(core)
    if m is None:
        return []
    first, head = m.groups()
    # the second part a stored word (a compound the corpus never wrote is as often damage:
    # "ZahlLungsausgang"), the first no function word, whose space was lost ("DasKonkurrenzverbot")
    if d.lex.count(head) < SPLITS.min_part_count or d.lex.count(first.lower()) >= SPLITS.min_function_word_count:
        return []
    return [(f"{first}-{head}", identity + SPLITS.lost_hyphen_cost)]


def _speck_between(a: str, marks: str, b: str) -> bool:
    """Can ``marks`` glued between the words ``a`` and ``b`` be a speck (see SPLITS.glued_mark_cost)?"""
    if marks == "-":
        return False  # a hyphenated compound: the split of "Reihe-verschiedener" decides
    if b[0].isupper():
        # a full stop ends a sentence, unless no sentence ends with ``a`` ("von.Sozialleistungen")
        return b[1:].islower() and ("." not in marks or a in default_mark_stats().no_sentence_end_after)
    return b.islower() and not (marks == ":" and b in _GENDER_SUFFIXES)


#: the compiled splits, unless KORREKTOR_PY_SEARCH=1 or the umlaut searches run in Python (set
#: here, after the patterns the check compares)
_USE_CORE = umlauts._USE_CORE and _core_constants_agree()
#: SPLITS as checked against the core at import: replaced since (a test's), it is read by Python
_CHECKED_SPLITS = SPLITS


def _compiled_now() -> bool:
    """Do the compiled splits run now (not switched off, their constants not replaced)?"""
    return _USE_CORE and SPLITS is _CHECKED_SPLITS
