"""The token: a word between spaces, its shape, and what is protected and left alone.

A token is the core of a chunk between spaces, without the punctuation around it. Left alone
(``protected``): URLs, e-mail addresses, numbers, units after numbers ("100 ml", "5kg"), tokens
with code characters, gender forms ("LehrerInnen"), spoken elisions ("kenn’"), and every token of
a sentence that is mostly not German (:func:`foreign_sentences`). An all-caps acronym may only get
a lost umlaut back ("OPNV" → "ÖPNV").

:func:`tokenize` runs in the compiled core (``korrektor._core.tokenize``, ``rust/src/tokens.rs``:
the same tokens, offsets and flags) where the lexicon is a :class:`korrektor.lexicon.Lexicon`;
else, and with ``KORREKTOR_PY_SEARCH=1``, in Python (:func:`_py_tokenize`, the reference).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import regex

from ... import _core
from ...errormodel import _PY_SEARCH
from ...german import ABBREVIATIONS_LEFT_ALONE
from ...german import SENTENCE_MARKS as SENTENCE_END
from ...german import UNIT_LETTERS as _UNIT_LETTERS
from ...lexicon import answers_as_core
from ...marks import default_mark_stats
from ...memo import remember
from ..unicode import LIGATURES
from .glyphs import glyphs_core_agrees, sz_reading

if TYPE_CHECKING:
    from ...spelling import Spelling
    from .decoder import Decoder

_CHUNK_RE = regex.compile(r"\S+")
# Punctuation that may stand around a word; what remains is the token's core.
_LEAD = "\"'„“”‚‘’»«›‹([{*¿¡"
_TRAIL = "\"'„“”‚‘’»«›‹)]}.,;:!?…*"
# the typographic ligatures the unicode stage expands (ﬀ, ﬁ, …), read as their letters
_LIGATURE_LETTERS = str.maketrans(LIGATURES)
_PROTECTED_RE = regex.compile(r"@|://|^www\.|\.(?:de|com|org|net|eu)$|[<>{}\\/=_#|$%^~]", regex.I)


@dataclass(frozen=True, slots=True)
class LeftAlone:
    """What is left alone as no damaged German word."""

    # longer tokens are no German word ("Rindfleischetikettierungsüberwachungsaufgabenübertragungs-
    # gesetz" has 63 letters) but garbage, a URL or a hash; their search would only cost time
    max_token_length: int = 64
    # a short letter token after a number is a unit or a count's noun ("100 ml", "2 tb", "3 cn"),
    # whether or not the lexicon knows it; unless it is a word with its umlauts lost ("3 fir 2")
    max_unit_length: int = 3
    # sentences in which fewer than this share of the words are known are taken as foreign or not
    # prose (a table, code, a list of names). Not higher: on a badly damaged page a German sentence
    # may have half its words garbled (foreign prose is caught by its function words)
    min_known_share: float = 0.35
    # ... counting words with misread umlauts as known where at least this share is known already
    # (below it, a sentence of junk: the umlaut search costs ~0.1 ms a word)
    min_known_share_before_search: float = 0.1


@dataclass(frozen=True, slots=True)
class SentenceStarts:
    """German writes a function word with a capital only at a sentence start: a capitalised word
    counts as a sentence start when most of its occurrences follow a sentence end, it occurs often
    enough for that share to mean something, and inside a sentence it is mostly written in lower
    case (not so "Danke", a noun too). ``scripts/build_punctuation.py`` applies these to
    the speeches (``punctuation.json``: ``sentence_starts``)."""

    # the share of its occurrences that follow a sentence end: "Aber", "Zu" (capitalised) mostly
    # do, a noun or a name rarely
    min_share: float = 0.75
    # how often the capitalised word must have been seen for that share to mean something (also:
    # a word this frequent is no abbreviation when a full stop follows it)
    min_count: int = 1000
    # how many times as often in lower case as with a capital inside a sentence
    min_lower_case_ratio: float = 12.5


LEFT_ALONE = LeftAlone()
SENTENCE_STARTS = SentenceStarts()


@dataclass(slots=True)
class Token:
    """A word between spaces, without the punctuation around it (its core), and what the stage
    knows about it; the passes update ``best``."""

    start: int  # offset of the core in the text
    end: int
    core: str
    sentence_end: bool  # the token ends a sentence (its trailing punctuation)
    known: bool
    protected: bool
    best: str = ""  # the decision of the latest pass
    acronym: bool = False  # all capitals: only a lost umlaut is repaired ("OPNV" → "ÖPNV")
    lower_noun: bool = False  # a noun written in lower case (see Lexicon.noun_in_lower_case)
    merged: float = 0.0  # > 0: two tokens joined into this one ("Ge sellschaft"), with this confidence
    spaced: bool = False  # joined from a letter-spaced word ("g e s p e r r t")
    paragraph_end: bool = False  # a paragraph break follows: the next token starts a sentence


def tokenize(text: str, lexicon) -> list[Token]:
    """The tokens of ``text``: the compiled tokenizer where it can run (see :func:`_core_tables`;
    the same tokens, offsets and flags), else :func:`_py_tokenize`."""
    if _CORE_TABLES is not None and LEFT_ALONE is _CHECKED_LEFT_ALONE and answers_as_core(lexicon, _ASKED):
        found = _core.tokenize(text, lexicon, _CORE_TABLES, _core_shapes(lexicon))
        if found is not None:  # None: a lone surrogate in the text
            rows, paragraph_ends = found
            # (start, end, core, sentence_end, known, protected, best, acronym, lower_noun)
            out = [Token(*row) for row in rows]
            for k in paragraph_ends:
                out[k].paragraph_end = True
            return out
    return _py_tokenize(text, lexicon)


def _py_tokenize(text: str, lexicon) -> list[Token]:
    """The tokens of ``text`` (the reference the compiled tokenizer is checked against:
    ``bench/core_tokens.py``)."""
    out = []
    shapes = _SHAPE_CACHE.setdefault(id(lexicon), {})
    for m in _CHUNK_RE.finditer(text):
        chunk = m.group()
        shape = shapes.get(chunk)
        if shape is None:
            shape = _shape(chunk, lexicon)
            if len(chunk) <= _SHAPE_CACHE_MAX_CHUNK:  # a long chunk is garbage or a URL: rare
                remember(shapes, chunk, shape, _SHAPE_CACHE_MAX)
        if shape is not None:
            lead, core, sentence_end, known, protected, acronym, lower_noun = shape
            start = m.start() + lead
            out.append(Token(start, start + len(core), core, sentence_end, known, protected, core, acronym,
                              lower_noun))
    # A sentence starts after a paragraph break, with a full stop before it or without: after a
    # heading ("ANFRAGE¶¶Uber die Frage"), a list's item, a line of a table (the layout stage
    # has joined the paragraphs a page break tore inside a sentence). The word before the break
    # keeps the next paragraph's first word as its right neighbour: the bigram model has no
    # sentence end to score instead.
    if "\n" in text:
        ends = [t.end for t in out]
        for m in _PARAGRAPH_BREAK_RE.finditer(text):
            k = bisect.bisect_right(ends, m.start()) - 1  # the last token before the break
            if k >= 0:
                out[k].paragraph_end = True
    return out


_PARAGRAPH_BREAK_RE = regex.compile(r"\n[ \t]*\n")


# What tokenize learns about a chunk of text between spaces, per language data: corpora repeat
# their words, so each distinct chunk is looked at once per process. Bounded: emptied when full.
_SHAPE_CACHE: dict[int, dict[str, tuple | None]] = {}
_SHAPE_CACHE_MAX = 300_000
_SHAPE_CACHE_MAX_CHUNK = 80  # characters: bounds the cache in bytes too


# a gender form with a capital I inside ("LehrerInnen", "DemonstrantIn")
_BINNEN_I_RE = regex.compile(r"\p{Lu}?\p{Ll}{2,}In(?:nen)?")


def _shape(chunk: str, lexicon) -> tuple | None:
    """(offset of the core, core, ends a sentence, known, protected, acronym, a noun in lower
    case); None: no core."""
    core = chunk.lstrip(_LEAD)
    lead = len(chunk) - len(core)
    core = core.rstrip(_TRAIL)
    if not core:
        return None
    trail = chunk[lead + len(core):]
    if trail[:1] == "." and core in ABBREVIATIONS_LEFT_ALONE:
        protected, known = True, True  # "Fr. Müller": an abbreviation, not a misread "Er"
    elif lexicon.count(core) > 0 and core.isalpha() and not core.isupper():
        protected, known = False, True  # the common case, decided with one lookup
    elif trail[:1] in ("'", "’") and _elided(core, lexicon):
        protected, known = True, True  # "kenn’", "würd’": spoken German, not damage
    elif _BINNEN_I_RE.fullmatch(core) and is_known(core.replace("I", "i"), lexicon):
        protected, known = True, True  # "DemonstrantInnen": a gender form, not a misread i
    elif (letters := core.translate(_LIGATURE_LETTERS)) != core and is_known(letters, lexicon):
        protected, known = True, True  # "oﬀen" where the ligatures are kept: a word, not "oben"
    else:
        # a ß read as a symbol makes a word look like code ("heif$t"): not if it reads as a word
        protected = is_protected(core) and sz_reading(core) is None
        known = not protected and is_known(core, lexicon)
    # an acronym may still lose an umlaut ("OPNV"); a token too long to be a word stays protected
    acronym = (protected and len(core) <= LEFT_ALONE.max_token_length and core.isupper() and core.isalpha()
               and lexicon.count(core) == 0)
    sentence_end = bool(trail) and not SENTENCE_END.isdisjoint(trail)
    lower_noun = known and lexicon.noun_in_lower_case(core)
    return lead, core, sentence_end, known, protected and not acronym, acronym, lower_noun


_DIGIT_FOR_LETTER_RE = regex.compile(r"[0-9]\p{Ll}{1,3}")

#: the lexicon methods the compiled tokenizer asks: a lexicon answering any of them otherwise is
#: tokenized in Python
_ASKED = ("count", "known", "noun_in_lower_case")


def _core_tables():
    """The German knowledge the compiled tokenizer takes (``_core.TokenTables``), or None where
    Python tokenizes: ``KORREKTOR_PY_SEARCH=1``, an extension without the tokenizer, or
    patterns here other than those the core implements (``_core.token_patterns()``)."""
    if _PY_SEARCH or not hasattr(_core, "tokenize"):
        return None
    ours = {"chunk": _CHUNK_RE, "protected": _PROTECTED_RE, "binnen_i": _BINNEN_I_RE,
            "digit_for_letter": _DIGIT_FOR_LETTER_RE, "paragraph_break": _PARAGRAPH_BREAK_RE}
    theirs = _core.token_patterns()
    if any(theirs[k] != (p.pattern, bool(p.flags & regex.I)) for k, p in ours.items()):
        return None
    if not glyphs_core_agrees():  # the core's sz_reading
        return None
    return _core.TokenTables(_LEAD, _TRAIL, ABBREVIATIONS_LEFT_ALONE, SENTENCE_END, _UNIT_LETTERS,
                             LIGATURES, LEFT_ALONE.max_token_length)


def is_protected(core: str) -> bool:
    if len(core) > LEFT_ALONE.max_token_length:
        return True
    if _DIGIT_FOR_LETTER_RE.fullmatch(core) and core[1:] not in _UNIT_LETTERS:
        # a digit before one to three lower-case letters that are no unit (2m, 10kg) nor a
        # numeral's suffix (3er, 2nd) was most often a letter ("2u", "2ur": "zu", "zur")
        return False
    letters = sum(c.isalpha() for c in core)
    if letters < 2 or _PROTECTED_RE.search(core):
        return True
    if core.isupper():
        return True  # acronyms: BAF, HJR, NATO
    digits = sum(c.isdigit() for c in core)
    return digits > 0 and (digits > 2 or letters < 3)  # numbers, units, model names: 5G, A380


_KNOWN_CACHE: dict[tuple[int, str], bool] = {}
_KNOWN_CACHE_MAX = 200_000


def is_known(core: str, lexicon) -> bool:
    if lexicon.count(core) > 0:
        return True
    key = (id(lexicon), core)
    hit = _KNOWN_CACHE.get(key)
    if hit is None:
        # "Landtags-" in "Landtags- und Kommunalwahlen": the first part of a suspended compound
        hit = remember(_KNOWN_CACHE, key, bool(lexicon.known(core) or (
            core.endswith("-") and len(core) > 3 and lexicon.known(core[:-1]))), _KNOWN_CACHE_MAX)
    return hit


# Frequent English, French, Italian, Spanish and Dutch words that are not German words: a sentence
# full of them is in one of those languages. (Not "was" and "will", frequent German words too: a
# German question of four words, "Was heißt denn Nachhaltigkeit?", was taken for English.)
_FOREIGN = frozenset("the of and to is that it for on with as are this be by at from or have not "
                     "but they which you were their has would can there been its "
                     "what when who we my your our it's don't "
                     "le la les et est que qui pour dans une avec sur pas nous vous "
                     "il di della che sono gli el los las del y por para con una "
                     "het een voor niet zijn van te om ook maar".split())


def foreign_sentences(tokens: list[Token], decoder: Decoder) -> set[int]:
    """Indices of tokens in sentences that are not German prose (see :func:`_py_foreign_sentences`):
    the compiled pass (``_core.foreign_sentences``, ``rust/src/document.rs``; it calls
    ``decoder.lost_umlauts`` back where Python does) where it can run, else Python."""
    if _passes_in_core() and type(tokens) is list:
        found = _core.foreign_sentences(tokens, decoder.lost_umlauts)
        if found is not None:  # None: a core with a lone surrogate
            return found
    return _py_foreign_sentences(tokens, decoder)


def _py_foreign_sentences(tokens: list[Token], decoder: Decoder) -> set[int]:
    """Indices of tokens in sentences that are not German prose: mostly unknown words or many
    foreign function words. A sentence too short to judge shares the verdict of the one before.
    A lower-case word with its umlauts misread ("fiir", "miissen") counts as German: a sentence of
    a manual names many terms the lexicon lacks ("Sie miissen ibus iiber GNOME Tweaks
    konfigurieren"); a capitalised one may be a name in a list of names ("Sarge", "Särge")."""
    out: set[int] = set()
    start = 0
    foreign = False
    for i, t in enumerate(tokens):
        if t.sentence_end or i == len(tokens) - 1:
            words = [x for x in tokens[start:i + 1] if not x.protected]
            if len(words) >= 4:
                function_words = known = 0
                for x in words:  # one loop, not two generators: every sentence is asked twice a round
                    known += x.known
                    if x.core.lower() in _FOREIGN:
                        function_words += 1
                need = LEFT_ALONE.min_known_share * len(words)
                # the umlaut search only where the verdict depends on it, and not in a sentence
                # of junk (fewer than a tenth of its words known: each search costs ~0.1 ms)
                if LEFT_ALONE.min_known_share_before_search * len(words) <= known < need:
                    for x in words:
                        if not x.known and x.core.islower() and decoder.lost_umlauts(x):
                            known += 1
                            if known >= need:
                                break
                foreign = known < need or function_words >= 0.2 * len(words)
            if foreign:
                out.update(range(start, i + 1))
            start = i + 1
    return out


_NUMBER_BEFORE_RE = regex.compile(r"(?:^|(?<=[\s(]))[\d.,/½¼¾]*[\d½¼¾][ \t]\(?$")  # a number, not "x11"


def protect_units(text: str, tokens: list[Token], decoder: Decoder) -> None:
    """Mark the units after numbers protected (see LEFT_ALONE.max_unit_length). Compiled too
    (``_core.protect_units``, ``rust/src/document.rs``, for the compiled words stage), but not
    called from here: this loop reads one attribute of most tokens, which costs less than
    handing them to the core (``bench/core_document.py``)."""
    for t in tokens:
        if (not t.known and len(t.core) <= LEFT_ALONE.max_unit_length and t.core.isalpha()
                and _NUMBER_BEFORE_RE.search(text[max(0, t.start - 12):t.start])
                and not decoder.lost_umlauts(t)):
            t.protected = True


def protect_spelling(tokens: list[Token], spelling: Callable[[], Spelling], lexicon) -> None:
    """Mark protected the words the lexicon lacks that are right in the document's spelling
    ("Veräusserung" in a Swiss document): they are not damage (see :mod:`korrektor.spelling`).
    ``spelling()`` gives the document's spelling; it is asked only when a word with ss is
    unknown. Compiled too (``_core.protect_spelling``, ``rust/src/spelling.rs``, for the compiled
    words stage), but not called from here: this loop reads one attribute of most tokens, which
    costs less than handing them to the core (``bench/core_repairs.py``); the words with ss that
    it asks about go to the compiled ``Spelling.known_variant``."""
    unknown = [t for t in tokens if "ss" in t.core and not t.known and not t.protected]
    if not unknown:
        return
    document = spelling()
    for t in unknown:
        if document.known_variant(t.core, lexicon):
            t.protected = True


def _elided(word: str, lexicon) -> bool:
    """Is ``word``, followed by an apostrophe, a word whose final e the apostrophe stands for
    ("hab’", "kenn’", "würd’", "kürz’ ihn")?"""
    return word.isalpha() and lexicon.count(word + "e") > 0


def sentence_start_word(word: str) -> bool:
    """Is ``word`` one that the corpus writes with a capital only at a sentence start ("Aber")?
    Counted in the speeches (``punctuation.json``): verse starts its lines with capitals and the
    encyclopedias put headings before sentences, so the language data's own sentence starts
    would not tell ("Und", "Drittens")."""
    return word in default_mark_stats().sentence_starts


#: the compiled tokenizer's tables, None where Python tokenizes (read at import)
_CORE_TABLES = _core_tables()
#: LEFT_ALONE as the core was given it and checked against it at import: replaced since (a
#: test's), Python tokenizes and runs the passes, with the new one
_CHECKED_LEFT_ALONE = LEFT_ALONE


def _passes_core_agrees() -> bool:
    """Do the compiled passes (``foreign_sentences``, ``protect_units``) use LEFT_ALONE's
    constants, ``_FOREIGN`` and ``_NUMBER_BEFORE_RE``? Not with ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "document_constants"):
        return False
    there = _core.document_constants()
    return (all(there[k] == getattr(LEFT_ALONE, k)
                for k in ("max_unit_length", "min_known_share", "min_known_share_before_search"))
            and frozenset(there["foreign"]) == _FOREIGN and len(there["foreign"]) == len(_FOREIGN)
            and there["number_before"] == (_NUMBER_BEFORE_RE.pattern, bool(_NUMBER_BEFORE_RE.flags & regex.I)))


#: the compiled passes agree with the constants here (read at import)
_PASSES_AGREE = _passes_core_agrees()


def _passes_in_core() -> bool:
    """The compiled passes, unless LEFT_ALONE was replaced since import (a test's)."""
    return _PASSES_AGREE and LEFT_ALONE is _CHECKED_LEFT_ALONE


#: per lexicon (by id, the lexicon kept): the compiled tokenizer's shapes of the chunks seen
#: (a ``_core.ShapeCache``, bounded as _SHAPE_CACHE); a few lexicons at most
_CORE_SHAPES: dict[int, tuple] = {}


def _core_shapes(lexicon):
    found = _CORE_SHAPES.get(id(lexicon))
    if found is None or found[0] is not lexicon:
        if len(_CORE_SHAPES) >= 4:
            _CORE_SHAPES.clear()
        found = _CORE_SHAPES[id(lexicon)] = (lexicon, _core.ShapeCache())
    return found[1]
