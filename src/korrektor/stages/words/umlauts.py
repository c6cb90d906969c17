"""Searches for lost umlauts and ß: the errors an engine without a German model makes most.

:func:`twins` finds the known words that differ from a token by lost umlauts or ß, cheaply, by
the readings the error model knows for them; the other searches build on it: a ß or an l read as
a glyph (:func:`sz_glyphs`, :func:`l_glyphs`), words set in capitals, hyphenated words part by
part, compounds led by a word the corpus never used as a modifier, old ß spellings. Each search
takes the decoder ``d`` (language data, error model, page profile) and returns candidate words
with their channel scores, best first.

:func:`twins`, :func:`capitals_twins`, :func:`glyph_reading`, :func:`loose_compound_twins`,
:func:`hyphenated_parts`, :func:`sz_glyphs`, :func:`l_glyphs`, :func:`old_sz_spellings` and
:func:`lowercase_variants` run in the compiled core (``korrektor._core.umlaut_twins`` ..., the same
answers bit for bit) where the decoder's lexicon is a :class:`korrektor.lexicon.Lexicon`; else,
and with ``KORREKTOR_PY_SEARCH=1``, in Python (``_py_twins`` ..., the reference the core is checked
against: ``bench/core_umlauts.py``, ``bench/core_splits.py``). The other searches call these.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ... import errormodel
from ...lexicon import answers_as_core, modern_spelling
from ...twins import umlaut_readings
from .glyphs import GLYPHS, glyphs_core_agrees, l_readings, sz_reading
from .tokens import Token, is_known

if TYPE_CHECKING:
    from .decoder import Decoder


@dataclass(frozen=True, slots=True)
class UmlautSearch:
    """The search for lost umlauts and ß (:func:`twins`) and the searches built on it."""

    # pairs of lost umlauts are tried only in tokens with at most this many places to restore one
    # (the pairs grow with its square) ...
    max_paired_substitutions: int = 40
    # ... and in a token with more, only readings at least this likely (ln of the channel score's
    # change: a lost umlaut on a page without umlauts costs about 0.1, a rare misreading 5 or more)
    min_paired_gain: float = -5.0
    # in an unseen compound, whose every option costs a compound analysis, only readings this
    # likely pair, and where there are at most max_tripled_substitutions of them, three go together
    min_compound_paired_gain: float = -2.0
    max_tripled_substitutions: int = 10
    # ln of the extra channel cost of reading a lower-case initial as a capital: Tesseract without a
    # German model reads an initial ü as "U" about 6 % of the time, Ü as "U" almost always
    case_cost: float = math.log(0.06)
    # a token in capitals this long may be a word set so, not an acronym (see capitals_twins)
    min_capitals_word_length: int = 3
    # lost umlauts inside compounds the lexicon does not store are looked for only on pages where
    # the engine's share of the no-umlauts profile is at least this: an engine that emits umlauts
    # rarely loses one, and the full channel search still runs (a compound's analysis costs ~15 us
    # a try) ...
    min_weight_compound_twins: float = 0.1
    # ... and only in tokens this long: shorter ones are rarely compounds the corpus never wrote
    min_compound_length: int = 8


UMLAUT_SEARCH = UmlautSearch()


_core = errormodel._core


def _core_constants_agree() -> bool:
    """Does the compiled search use UMLAUT_SEARCH's constants?"""
    if not hasattr(_core, "umlaut_twins"):  # an extension built before the search
        return False
    there = _core.umlaut_constants()
    return all(getattr(UMLAUT_SEARCH, k) == v for k, v in there.items())


#: the compiled search, unless KORREKTOR_PY_SEARCH=1 (read at import, as the error model's)
_USE_CORE = not errormodel._PY_SEARCH and _core_constants_agree()
#: the compiled glyph searches (sz_glyphs, l_glyphs) read glyphs as glyphs.py does
_GLYPHS_AGREE = _USE_CORE and glyphs_core_agrees()
#: the constants as checked against the core at import: one replaced since (a test's) is read by
#: the Python searches
_CHECKED = (UMLAUT_SEARCH, GLYPHS)


def _compiled_now() -> bool:
    """Do the compiled searches run now (not switched off, their constants not replaced)?"""
    return _USE_CORE and UMLAUT_SEARCH is _CHECKED[0] and GLYPHS is _CHECKED[1]

#: per error-model table (by id, the table kept): its readings as a ``_core.UmlautReadings``
_CORE_READINGS: dict[int, tuple] = {}
#: per twin filter (by id, the set kept): the same set as a ``_core.WordSet``
_CORE_FILTERS: dict[int, tuple] = {}
#: the lexicon methods the search asks: a lexicon answering any of them otherwise is searched
#: in Python
_ASKED = ("count", "count_ci", "known", "word_and_head", "old_spelling", "has_prefix", "is_prefix")


def _core_forms(lex):
    """The lexicon itself where the compiled search can ask it directly (see
    :func:`korrektor.lexicon.answers_as_core`), else None: the search runs in Python."""
    return lex if answers_as_core(lex, _ASKED) else None


def _core_readings(table):
    found = _CORE_READINGS.get(id(table))
    if found is None or found[0] is not table:
        try:
            readings = _core.UmlautReadings(umlaut_readings(table), table.ident, table.ident_default)
        except (TypeError, ValueError, UnicodeError):  # not a table the core can hold
            readings = None
        found = _CORE_READINGS[id(table)] = (table, readings)
    return found[1]


def _core_filter(twin_filter):
    if twin_filter is None:
        return None
    found = _CORE_FILTERS.get(id(twin_filter))
    if found is None or found[0] is not twin_filter:
        found = _CORE_FILTERS[id(twin_filter)] = (twin_filter, _core.WordSet(twin_filter))
    return found[1]


def _core_state(d: Decoder):
    """(core forms, core readings, core twin filter, whether the error model's
    ``logp_identity`` is :class:`ErrorModel`'s) for the decoder, or None where the search runs
    in Python; kept on the decoder (``_umlauts_core``) with what it was made from."""
    lex, em, profile, twin_filter = d.lex, d.em, d.profile, d.twin_filter
    st = getattr(d, "_umlauts_core", None)
    if (st is not None and st[0] is lex and st[1] is em and st[2] is profile
            and st[3] is twin_filter):
        return st[4]
    state = None
    forms = _core_forms(lex)
    if forms is not None:
        readings = _core_readings(em.table(profile))
        if readings is not None:
            plain = (getattr(type(em), "logp_identity", None) is errormodel.ErrorModel.logp_identity
                     and "logp_identity" not in getattr(em, "__dict__", {}))
            state = (forms, readings, _core_filter(twin_filter), plain)
    try:
        d._umlauts_core = (lex, em, profile, twin_filter, state)
    except AttributeError:  # a frozen test double: made again next time
        pass
    return state


def _compiled(d: Decoder, search: str, token: str, *args, plain_identity: bool = False):
    """The core's ``search`` (a function of ``korrektor._core``) of ``token`` on ``d``'s page, or
    None where Python answers: no compiled state for the decoder (see :func:`_core_state`), an
    error model whose ``logp_identity`` is its own where ``plain_identity`` asks for the class's,
    or a token the core declines (a lone surrogate, a reach it does not name)."""
    if not _compiled_now():
        return None
    state = _core_state(d)
    if state is None or (plain_identity and not state[3]):
        return None
    forms, readings, twin_filter, _plain = state
    return getattr(_core, search)(token, forms, readings, *args, d.today is not None, twin_filter)


def _compiled_forms(d: Decoder):
    """The decoder's lexicon as the core asks it (a ``_core.Lexicon``) where the compiled
    searches run on its page (see :func:`_compiled`), else None: for the searches that ask the
    lexicon only (``lowercase_variants``, the splits)."""
    if not _compiled_now():
        return None
    state = _core_state(d)
    return None if state is None else state[0]


def twins(d: Decoder, core: str, identity: float, depth: int = 1, reach: str = "stored"
          ) -> list[tuple[str, float]]:
    """Known words that differ from the token by up to ``depth`` lost umlauts or ß: the
    compiled search where it can run (see the module notes), else :func:`_py_twins`."""
    found = _compiled(d, "umlaut_twins", core, identity, depth, reach)
    return found if found is not None else _py_twins(d, core, identity, depth, reach)


def _py_twins(d: Decoder, core: str, identity: float, depth: int = 1, reach: str = "stored"
              ) -> list[tuple[str, float]]:
    """Known words that differ from the token by up to ``depth`` lost umlauts or ß ("wurde"/
    "würde", "missen"/"müssen", "fiir"/"für", "Uberpriift"/"überprüft"): the errors OCR makes
    most, found by a cheap targeted search. For a known token they are its real-word
    alternatives; a full channel search on every known word would cost too much.
    ``reach`` says what counts as a word: "stored" forms; also unseen "compounds"
    ("Werbetatigkeit"); only a stored word before a compound head, "loose" (see
    :func:`loose_compound_twins`); or every reading, "readings", for a further search (see
    :func:`.nearby.one_edit_after_umlauts`). Beyond stored forms every place of the token is tried."""
    stored = reach == "stored"
    if (depth == 1 and d.twin_filter is not None and core not in d.twin_filter
            and stored and d.lex.count(core) and d.today is None):
        return []  # a stored form no stored word with an umlaut or ß is read as
    table = d.em.table(d.profile)
    readings = umlaut_readings(table)
    # A stored word starts with everything before its last substitution: where no stored
    # word starts so, no twin can be found (most known words have none). An unseen compound
    # need not start like a stored word, so the other reaches try every place.
    prefix_ok = d.lex.is_prefix if stored else (lambda p: True)  # noqa: E731
    prefix_closed = stored  # every prefix of a string prefix_ok takes passes it too (see _pairs)
    # every place where the token shows what an umlaut or ß is read as:
    # (start, end, true substring, change of the channel score)
    subs = []
    get = readings.get
    n = len(core)
    for i in range(n):
        for end in range(i + 1, min(i + 3, n) + 1):
            found = get(core[i:end])
            if found is not None:
                subs += [(i, end, true, gain) for true, gain in found]
    if not subs:
        return []
    accept = d.lex.count
    if reach == "readings":
        accept = lambda w: True  # noqa: E731
    elif reach == "loose":
        # a word before a compound head, where the token is none ("Binarpakete"), with its
        # umlauts restored in the word's case pattern
        word_and_head = d.lex.word_and_head
        if word_and_head(core):
            return []  # the token is such a word itself ("Deckelboden", not "Deckelböden")
        accept = lambda w: w[1:].islower() and word_and_head(w)  # noqa: E731
    elif reach == "compounds":
        lex_count, known = d.lex.count, d.lex.known
        accept = lambda w: lex_count(w) or known(w)  # noqa: E731
    elif d.today is not None or (len(core) > 3 and any(true == "ß" and core[i:end] and not core[i:end].islower()
                                                     for i, end, true, _gain in subs)):
        # an ß shown as a glyph no lower-case word has ("FluB", "mu&te") may be a word spelt
        # as before 1996 ("Fluß", "mußte"): it and the prefixes leading to it are checked in
        # the modern spelling. Shown as a letter or not at all ("wit") it is more likely
        # another word, and so is a short token ("MiB": a unit), except on a page that writes
        # as before 1996 throughout (the old-spelling decoder, which only adds such readings).
        is_prefix, lex_count, old_spelling = d.lex.is_prefix, d.lex.count, d.lex.old_spelling
        prefix_ok = lambda p: is_prefix(p) or ("ß" in p and is_prefix(modern_spelling(p) or ""))  # noqa: E731
        prefix_closed = False  # ("Fluß" passes as "Fluss", "Flu" would not as "Flu")
        accept = lambda w: lex_count(w) or old_spelling(w)  # noqa: E731
    found: dict[str, float] = {}
    def heads(subs):  # each substitution with the token before and through it, where a word may start so
        return [(k, a, b, core[:a] + true, gain) for k, (a, b, true, gain) in enumerate(subs)
                if prefix_ok(core[:a] + true)]

    firsts = heads(subs)
    options = [(head + core[b:], identity + gain) for _k, _a, b, head, gain in firsts]
    if depth > 1:
        # a long token shows many places ("Auslanderbeirate": 44), and the pairs grow with
        # the square of their number: only the likelier readings pair (see UMLAUT_SEARCH.min_paired_gain)
        floor = UMLAUT_SEARCH.min_paired_gain if stored else UMLAUT_SEARCH.min_compound_paired_gain
        paired = subs if len(subs) <= UMLAUT_SEARCH.max_paired_substitutions and stored else [
            sub for sub in subs if sub[3] >= floor]
        if len(paired) <= UMLAUT_SEARCH.max_paired_substitutions:
            options += _pairs(core, identity, firsts if paired is subs else heads(paired), paired,
                              prefix_ok, prefix_closed)
        if not stored and len(paired) <= UMLAUT_SEARCH.max_tripled_substitutions:
            # a compound has room for three ("Grunflachenamter" → "Grünflächenämter")
            options += [(_substituted(core, three), identity + sum(sub[3] for sub in three))
                        for three in itertools.combinations(paired, 3)
                        if three[0][1] <= three[1][0] and three[1][1] <= three[2][0]]
    for w, score in options:
        if score > found.get(w, -math.inf) and accept(w):
            found[w] = score
    found.pop(core, None)
    return sorted(found.items(), key=lambda x: -x[1])


def _pairs(core: str, identity: float, firsts: list[tuple], paired: list[tuple], prefix_ok, closed: bool
           ) -> list[tuple[str, float]]:
    """The readings of ``core`` with two substitutions, one of ``firsts`` (its index in
    ``paired``, start, end, the token through it, gain) and a later one of ``paired`` (start,
    end, true substring, gain; in the order of the token's places), where ``prefix_ok`` says a
    word may start as the token does through the second, with their channel scores.

    ``closed``: ``prefix_ok`` holds for every prefix of a string it holds for (the lexicon's
    prefix set). Then where no word starts as the token does up to a place, none starts so with
    a substitution there or later, and the search for that first substitution ends: most of
    the pairs of a long token are never built."""
    out = []
    for k, _a, b, head, g1 in firsts:
        checked = -1  # the last place up to which the token after ``head`` was found to start a word
        for c, d, t2, g2 in paired[k + 1:]:
            if c < b:
                continue
            if closed and c != checked:
                if not prefix_ok(head + core[b:c]):
                    break
                checked = c
            if prefix_ok(head + core[b:c] + t2):
                out.append((head + core[b:c] + t2 + core[d:], identity + g1 + g2))
    return out


def old_sz_spellings(d: Decoder, t: Token, today: list[tuple]) -> list[tuple[str, float]]:
    """"wute" → "mußte": the compiled search where it can run, else :func:`_py_old_sz_spellings`."""
    found = _compiled(d, "umlaut_old_sz_spellings", t.core, bool(t.acronym), today)
    return found if found is not None else _py_old_sz_spellings(d, t, today)


def _py_old_sz_spellings(d: Decoder, t: Token, today: list[tuple]) -> list[tuple[str, float]]:
    """The old ß spellings a lost ß may have made ("mußte" for "wute"), beyond ``today``'s
    candidates (the decoder for today's spelling offers those)."""
    if t.acronym:
        return []
    seen = {c[0] for c in today}
    depth = 1 if d.lex.count(t.core) else 2
    # only a lost ß restored: an umlaut besides would be a guess between two old forms
    # ("mußte", "müßte") that the modern scores do not decide
    umlauts = _umlaut_count(t.core)
    return [(w, lp) for w, lp in twins(d, t.core, today[0][1], depth=depth)
            if w not in seen and modern_spelling(w) and _umlaut_count(w) == umlauts]


def capitals_twins(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"PRUFUNG" → "PRÜFUNG": the compiled search where it can run, else
    :func:`_py_capitals_twins`."""
    found = _compiled(d, "umlaut_capitals_twins", core, identity)
    return found if found is not None else _py_capitals_twins(d, core, identity)


def _py_capitals_twins(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"PRUFUNG" → "PRÜFUNG", "FUR" → "FÜR": a word set in capitals (a heading) with its
    umlauts lost, found as its title-case form's twins, set in capitals again. Not for a token
    that is a word in title or lower case ("SCHON": a real-word pair needs more context than a
    heading gives), nor for one too short to tell from an acronym."""
    if len(core) < UMLAUT_SEARCH.min_capitals_word_length:
        return []
    if d.lex.count_ci(core):
        return []
    return [(w.upper(), lp) for w, lp in twins(d, core.capitalize(), identity, depth=2)
            if w.upper() != core]


def sz_glyphs(d: Decoder, core: str) -> list[tuple[str, float]]:
    """"heif$t" → "heißt": the compiled search where it can run (the error model's
    ``logp_identity`` its class's), else :func:`_py_sz_glyphs`."""
    found = (_compiled(d, "umlaut_sz_glyphs", core, plain_identity=True) if _GLYPHS_AGREE
             else None)
    return found if found is not None else _py_sz_glyphs(d, core)


def _py_sz_glyphs(d: Decoder, core: str) -> list[tuple[str, float]]:
    """"heif$t" → "heißt", "naturgema§&" → "naturgemäß" (a ß read as symbols, and perhaps
    lost umlauts besides)."""
    reading = sz_reading(core)
    if reading is None:
        return []
    # every other letter read as itself; the ß as the run, which the engine may not emit at all
    score = d.em.logp_identity(reading.replace("ß", ""), d.profile) + GLYPHS.sz_glyphs_cost
    return glyph_reading(d, reading, score)


def l_glyphs(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"MitteIn" → "Mitteln": the compiled search where it can run, else
    :func:`_py_l_glyphs`."""
    found = _compiled(d, "umlaut_l_glyphs", core, identity) if _GLYPHS_AGREE else None
    return found if found is not None else _py_l_glyphs(d, core, identity)


def _py_l_glyphs(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"MitteIn" → "Mitteln", "AIlerdings" → "Allerdings", "fuIlen" → "füllen": a lower-case l
    read as a capital I (see _CAPITAL_I_FOR_L_RE), and perhaps lost umlauts besides."""
    return [found for reading, n in l_readings(core)
            for found in glyph_reading(d, reading, identity + n * GLYPHS.i_for_l_cost)]


def glyph_reading(d: Decoder, reading: str, score: float) -> list[tuple[str, float]]:
    """The compiled search where it can run, else :func:`_py_glyph_reading`."""
    found = _compiled(d, "umlaut_glyph_reading", reading, score)
    return found if found is not None else _py_glyph_reading(d, reading, score)


def _py_glyph_reading(d: Decoder, reading: str, score: float) -> list[tuple[str, float]]:
    """A token with a misread glyph read back: the word it makes, or the words it makes with
    lost umlauts restored. The engine that misread a glyph may have lost an umlaut beside it
    even where the reading is a word: "la&t" is "läßt" as well as "laßt", and the language
    model chooses."""
    if not is_known(reading, d.lex):
        return twins(d, reading, score, depth=2)
    return [(reading, score)] + twins(d, reading, score)


def lowercase_variants(d: Decoder, cands: list[tuple]) -> list[tuple[str, float]]:
    """"Uberpriift" → "überprüft" besides "Überprüft": the compiled search where it can run, else
    :func:`_py_lowercase_variants`."""
    forms = _compiled_forms(d)
    found = None if forms is None else _core.umlaut_lowercase_variants(cands, forms)
    return found if found is not None else _py_lowercase_variants(d, cands)


def _py_lowercase_variants(d: Decoder, cands: list[tuple]) -> list[tuple[str, float]]:
    """An OCR engine reads a lower-case ü at a word's start as "U" ("Uberpriift"); the error
    model proposes the capitalised word, so offer its lower-case form too and let the
    language model, which knows the position in the sentence, choose. (``cands``: the token's
    candidates so far, the token first, each a word and its score first.)"""
    seen = {c[0] for c in cands}
    out = []
    for w, lp, *_ in cands[1:]:
        # only an initial umlaut can have been a lower-case letter read as a capital
        if w[:1] in "ÄÖÜ" and not w[1:2].isupper():
            low = w[0].lower() + w[1:]
            if low not in seen and d.lex.count(low) > 0:
                out.append((low, lp + UMLAUT_SEARCH.case_cost))
                seen.add(low)
    return out


def loose_compound_twins(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"Binarpakete" → "Binärpakete": the compiled search where it can run, else
    :func:`_py_loose_compound_twins`."""
    found = _compiled(d, "umlaut_loose_compound_twins", core, identity, float(d.profile.weight))
    return found if found is not None else _py_loose_compound_twins(d, core, identity)


def _py_loose_compound_twins(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """Lost umlauts in a long non-word that a stored word and a compound head make up once
    restored ("Binarpakete" → "binär|pakete": an adjective the corpus never used as a
    modifier), on a page with a real share of the no-umlauts profile; the last search, as
    the evidence is the weakest."""
    if not (len(core) >= UMLAUT_SEARCH.min_compound_length
            and d.profile.weight >= UMLAUT_SEARCH.min_weight_compound_twins):
        return []
    return twins(d, core, identity, depth=2, reach="loose")


def hyphenated_parts(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"90-Jahrige" → "90-Jährige": the compiled search where it can run (the error model's
    ``logp_identity`` its class's), else :func:`_py_hyphenated_parts`."""
    found = _compiled(d, "umlaut_hyphenated_parts", core, identity, float(d.profile.weight), plain_identity=True)
    return found if found is not None else _py_hyphenated_parts(d, core, identity)


def _py_hyphenated_parts(d: Decoder, core: str, identity: float) -> list[tuple[str, float]]:
    """"90-Jahrige", "Corona-Rekordumsatze": the whole is no stored word, so restore lost
    umlauts part by part (each part must become a word: stored, or a compound)."""
    if "-" not in core:
        return []
    parts = core.split("-")
    new_parts, score = [], identity
    for part in parts:
        best = None
        if len(part) >= 3 and not is_known(part, d.lex):
            part_identity = d.em.logp_identity(part, d.profile)
            found = (twins(d, part, part_identity, depth=2)
                     or twins(d, part, part_identity, depth=1, reach="compounds")
                     or loose_compound_twins(d, part, part_identity))
            best = found[0] if found else None
        if best is not None:
            new_parts.append(best[0])
            score += best[1] - part_identity
        else:
            new_parts.append(part)
    word = "-".join(new_parts)
    return [(word, score)] if word != core else []


def _substituted(core: str, subs) -> str:
    """``core`` with the (start, end, true substring, gain) substitutions made, in order."""
    out, at = [], 0
    for start, end, true, _gain in subs:
        out += [core[at:start], true]
        at = end
    return "".join(out) + core[at:]


def _umlaut_count(word: str) -> int:
    return sum(ch in "äöüÄÖÜ" for ch in word)
