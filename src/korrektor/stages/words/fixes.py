"""Repairs between and of the decided words: sentence punctuation read as its look-alike
("Herren, Aber" → "Herren. Aber"), a speck read as a mark or a dash where the corpus never writes
one ("der. Bundestag", "nicht, mehr", "und – Kollegen"; ``korrektor.marks``), an I read as i at a
sentence start, a capital read for a lower-case letter of the same shape ("wir Sollten")."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ... import _core
from ...edits import Edit
from ...errormodel import _PY_SEARCH
from ...german import _ABBREVIATIONS_FOLDED, ABBREV, is_abbreviation
from ...lexicon import HISTORIC, MODERN, answers_as_core
from ...marks import MarkStats, default_core_mark_stats, default_mark_stats
from ...rules import Kind
from ..typography import openers_before
from .tokens import SENTENCE_STARTS, Token, sentence_start_word


# the rules of the case repairs (see :func:`lower_case_i`, :func:`capital_inside_sentence`)
CAPITAL_I_AT_SENTENCE_START = "capital_i_at_sentence_start"
CAPITAL_INSIDE_SENTENCE = "capital_inside_sentence"


@dataclass(frozen=True, slots=True)
class MarkRepairs:
    """Sentence punctuation read as its look-alike (',' for '.' and back), decided by the words
    around it: German writes a function word with a capital only at a sentence start ("Herren,
    Aber" was "Herren. Aber", see .tokens.sentence_start_word), and after a full stop only an
    abbreviation lets a lower-case word follow."""

    # a full stop is taken for a comma only between a word of this length (shorter ones may be
    # abbreviations) ...
    min_word_before_stop: int = 4
    # ... and a word this frequent (rarer ones may be names or terms that start an item); a
    # capitalised word this frequent has no apostrophe glued to its end
    min_word_after_stop: int = 100
    # how far (in characters) the other dash of a parenthesis is looked for around a dash
    max_parenthesis: int = 300
    # an apostrophe after a word the old books write often is a spoken elision of its final e
    # when the word with that e is this frequent ("hab’" for "habe"; not "der’": a play's "dere")
    min_elided_count: int = 100


MARK_REPAIRS = MarkRepairs()

# a dash standing alone between two words
_DASHES = frozenset("-–—")


# a comma, then a paragraph break: prose ends a paragraph with a comma only where the page breaks
# a sentence, and then the next paragraph goes on in lower case ("Kollegen,\n\nDer zweite Punkt")
_PARAGRAPH_AFTER_COMMA_RE = regex.compile(r",[ \t]*\n[ \t]*\n\s*")
# a letter's salutation: a paragraph of one short line that opens with a word of address and ends
# in a comma ("Herr Bundesrat,¶¶Ich beehre mich"); its comma is no full stop
_SALUTATION_MAX_LENGTH = 60
_SALUTATION_OPENERS = frozenset("Sehr Herr Frau Liebe Lieber Liebes Hallo Guten Geehrte Geehrter Verehrte "
                                "Verehrter Hochverehrte Werte Werter Meine Grüezi Servus".split())


def _salutation(text: str, comma: int) -> bool:
    """Is the paragraph that ends at ``comma`` (with the comma) a letter's salutation?"""
    before = text.rfind("\n\n", 0, comma)
    paragraph = text[0 if before < 0 else before + 2:comma].strip()
    return (len(paragraph) <= _SALUTATION_MAX_LENGTH and "\n" not in paragraph
            and paragraph.split(" ", 1)[0] in _SALUTATION_OPENERS)


# a full stop, then a space or a paragraph break
_STOP_GAP_RE = regex.compile(r"\.(?: |[ \t]*\n[ \t]*\n\s*)")

# the words that open a relative clause, which a comma always precedes
_RELATIVE_PRONOUNS = frozenset("der die das dem den dessen deren denen "
                               "welcher welche welches welchem welchen".split())


def sentence_punctuation(text: str, tokens: list[Token], lexicon, marks: MarkStats, skip: set[int]
                         ) -> list[Edit]:
    """The marks between the tokens that are specks or look-alikes of the right mark, as edits
    (see :func:`_py_sentence_punctuation`): the compiled repair (``_core.sentence_punctuation``,
    ``rust/src/word_fixes.rs``; it calls ``openers_before`` back) where it can run, else Python."""
    if _fixes_in_core(lexicon, marks) and type(tokens) is list and type(skip) is set:
        rows = _core.sentence_punctuation(text, tokens, lexicon, default_core_mark_stats(), skip, openers_before)
        if rows is not None:  # None: a lone surrogate
            return [_edit_from_row(*row) for row in rows]
    return _py_sentence_punctuation(text, tokens, lexicon, marks, skip)


def _edit_from_row(start: int, end: int, before: str, after: str, kind: str, rule: str, confidence: float,
                   alternatives: list[str]) -> Edit:
    """An edit as the core hands it over (``rust/src/python/edits.rs``: the kind as its value)."""
    kind = Kind(kind)
    return Edit(start, end, before, after, kind, rule, confidence, tuple(alternatives))


def _py_sentence_punctuation(text: str, tokens: list[Token], lexicon, marks: MarkStats, skip: set[int]
                             ) -> list[Edit]:
    """The marks between the tokens that are specks or look-alikes of the right mark, as edits."""
    out = []
    for i in range(len(tokens) - 1):
        t, u = tokens[i], tokens[i + 1]
        gap = text[t.end:u.start]
        if gap == " " and u.core not in _DASHES:
            continue  # the common case: nothing between two words
        if i in skip or i + 1 in skip or t.protected or not t.core.isalpha():
            continue
        if u.core in _DASHES:
            if gap == " " and _dash_speck(text, tokens, i, marks, skip):
                out.append(Edit(t.end, u.end, text[t.end:u.end], "", Kind.PUNCTUATION, "dash_between_neighbours", 0.8))
            continue
        if u.protected:
            continue
        if len(gap) == 2 and gap[0] in ".,:;" and gap[1] == " " and f"{t.core} {u.core}" in marks.no_mark_between:
            # "nicht, mehr", "dem: Parlament": neighbours that prose never parts
            out.append(Edit(t.end, t.end + 1, gap[0], "", Kind.PUNCTUATION, "mark_between_neighbours", 0.8))
        elif ((gap == ", " or (_PARAGRAPH_AFTER_COMMA_RE.fullmatch(gap) and not _salutation(text, t.end)))
              and sentence_start_word(u.core)):
            out.append(Edit(t.end, t.end + 1, ",", ".", Kind.PUNCTUATION, "comma_before_sentence_start", 0.8))
        elif gap == ". " and t.core in marks.no_sentence_end_after and u.core.isalpha():
            # no sentence ends with "der" or "zum": the stop is a speck ("der. Bundestag")
            out.append(Edit(t.end, t.end + 1, ".", "", Kind.PUNCTUATION, "stop_after_function_word", 0.8))
        elif (gap == ", " and t.core in marks.no_comma_after and u.core.isalpha()
              and u.core.lower() not in _RELATIVE_PRONOUNS and not t.core.endswith(".")):
            # nor does a comma follow them ("Sehr, geehrte", "bis zum, Nullpunkt"), unless a
            # relative clause opens ("mein Herr, der", "Der, der einen Rat"): the corpus's
            # "Herr" is always followed by a name, other prose's is not
            out.append(Edit(t.end, t.end + 1, ",", "", Kind.PUNCTUATION, "comma_after_function_word", 0.8))
        elif (gap == ". " and u.core.islower() and u.core.isalpha() and after_sentence_end(t, lexicon)
              and lexicon.count(u.core) >= MARK_REPAIRS.min_word_after_stop and not u.core.startswith("i")):
            out.append(Edit(t.end, t.end + 1, ".", ",", Kind.PUNCTUATION, "stop_before_lower_case", 0.7))
        elif gap in ("’ ", "' ") and _apostrophe_speck(text, t, lexicon):
            out.append(Edit(t.end, t.end + 1, gap[0], "", Kind.PUNCTUATION, "apostrophe_after_word", 0.8))
    return out


# a dash between words, and a sentence's end, where the other dash of a parenthesis is looked for
_DASH_GAP_RE = regex.compile(r"\s[-–—]\s")
_SENTENCE_BREAK_RE = regex.compile(r"[.!?…][“”\"»«’]?\s|\n\s*\n")


def _dash_speck(text: str, tokens: list[Token], i: int, marks: MarkStats, skip: set[int]) -> bool:
    """Is the dash token after token i a speck ("und – Kollegen", "mit dieser – Situation",
    "des – Engagements"): standing between two neighbours that prose never parts, or after a word
    that prose never follows with a dash (an article, a preposition)?"""
    if i + 2 >= len(tokens) or i + 2 in skip:
        return False
    t, dash, v = tokens[i:i + 3]
    if v.protected or text[dash.end:v.start] != " ":
        return False
    if f"{t.core} {v.core}" in marks.no_mark_between:
        return True
    # after such a word a dash may still open or close a parenthesis ("die – meistens in
    # Privatinitiativen –", "oder – sagen wir gar –"): only a dash left alone is a speck
    if t.core not in marks.no_dash_after:
        return False
    ahead = _SENTENCE_BREAK_RE.split(text[v.start:v.start + MARK_REPAIRS.max_parenthesis], 1)[0]
    behind = _SENTENCE_BREAK_RE.split(text[max(0, t.start - MARK_REPAIRS.max_parenthesis):t.start])[-1]
    return not (_DASH_GAP_RE.search(ahead) or _DASH_GAP_RE.search(behind))


def _apostrophe_speck(text: str, t: Token, lexicon) -> bool:
    """Is an apostrophe glued to the end of ``t`` a speck ("der’ Besatzung", "Regierung’
    eingesetzt")? The corpus writes one there 75 times in 87 M characters: after the genitive of
    a name in s, x or z ("Maas’") and in spoken elisions ("hab’", "mach’"), words that are rare or
    end so; a frequent word or a stored noun ending otherwise has none, unless a single quotation
    opened shortly before closes there."""
    word = t.core
    if len(word) < 2 or word[-1] in "sxzßSXZ" or _spoken_elision(word, lexicon):
        return False
    frequent = lexicon.count(word) >= (MARK_REPAIRS.min_word_after_stop if word[0].isupper()
                                       else SENTENCE_STARTS.min_count)
    if not frequent:
        return False
    return not openers_before(text, t.end)  # the token too: an opener is seen before a letter


def _spoken_elision(word: str, lexicon) -> bool:
    """Is ``word`` a form that drops its final e in speech ("hab’", "geh’", "wär’")? One the
    old books write often and modern prose hardly does, whose form with the e is frequent."""
    return (lexicon.has_varieties and not lexicon.varieties(word) & MODERN
            and lexicon.count(word + "e") >= MARK_REPAIRS.min_elided_count)


def after_sentence_end(t: Token, lexicon) -> bool:
    """Does the full stop after ``t`` end a sentence (``t`` is a word, not an abbreviation)? Not
    after a form that only the Swiss or Austrian laws write: those are mostly their abbreviations
    ("Febr.", "Vereinb.")."""
    return (t.core.isalpha() and len(t.core) >= MARK_REPAIRS.min_word_before_stop and not is_abbreviation(t.core)
            and lexicon.count(t.core) > 0
            and (not lexicon.has_varieties or bool(lexicon.varieties(t.core) & (MODERN | HISTORIC))))


def lower_case_i(text: str, tokens: list[Token], lexicon) -> set[int]:
    """Tokens that start a sentence with an "I" read as "i" (see :func:`_py_lower_case_i`): the
    compiled repair (``_core.lower_case_i``) where it can run, else Python."""
    if _fixes_in_core(lexicon, default_mark_stats()) and type(tokens) is list:
        found = _core.lower_case_i(text, tokens, lexicon, default_core_mark_stats())
        if found is not None:  # None: a lone surrogate
            return found
    return _py_lower_case_i(text, tokens, lexicon)


def _py_lower_case_i(text: str, tokens: list[Token], lexicon) -> set[int]:
    """Tokens that start a sentence with an "I" read as "i" ("Herren! ich werde"): OCR confuses
    I, l and i, and German capitalises every sentence start. After a full stop the stop may have
    been a comma instead ("Grundstoffindustrie. in der Automobilbranche"), but an I read as i
    explains a lower-case i-word after a sentence's full stop far more often (also across a
    paragraph break, "Leistung.¶ich", and after a frequent short word, "wir. ich"); the words
    that may follow an abbreviation are left alone."""
    out = set()
    for i in range(1, len(tokens)):
        t, u = tokens[i - 1], tokens[i]
        if not (u.core[:1] == "i" and u.core.isalpha() and u.core.islower() and t.sentence_end):
            continue
        gap = text[t.end:u.start]
        capital = "I" + u.core[1:]
        if gap in ("! ", "? ") and lexicon.count(capital) >= MARK_REPAIRS.min_word_after_stop:
            out.add(i)
        elif (_STOP_GAP_RE.fullmatch(gap) and sentence_start_word(capital)
              and (after_sentence_end(t, lexicon) or _frequent_short_word(t.core, lexicon))):
            out.add(i)
    return out


def _frequent_short_word(word: str, lexicon) -> bool:
    """A frequent lower-case word of three letters ("wir", "aus"), no abbreviation: a full stop
    after it ends a sentence."""
    return (len(word) == 3 and word.islower() and word not in ABBREV
            and lexicon.count(word) >= SENTENCE_STARTS.min_count)


# Capitals whose lower case an engine reads alike, only a size apart
_SIZE_ONLY_CAPITALS = frozenset("CKOSUVWXZ")


def capital_inside_sentence(text: str, tokens: list[Token], marks: MarkStats, skip: set[int]) -> set[int]:
    """Tokens written with a capital only a sentence start has, inside a sentence (see
    :func:`_py_capital_inside_sentence`): the compiled repair (``_core.capital_inside_sentence``)
    where it can run, else Python."""
    if _CORE_FIXES_AGREE and marks is default_mark_stats() and type(tokens) is list and type(skip) is set:
        found = _core.capital_inside_sentence(text, tokens, default_core_mark_stats(), skip)
        if found is not None:  # None: a lone surrogate
            return found
    return _py_capital_inside_sentence(text, tokens, marks, skip)


def _py_capital_inside_sentence(text: str, tokens: list[Token], marks: MarkStats, skip: set[int]) -> set[int]:
    """Tokens that the corpus writes with a capital (almost) only at a sentence start ("Sollten",
    "Zu"), standing right after a lower-case word with no mark between ("wir Sollten nicht"): an
    engine read a lower-case initial as its capital, which looks the same but for its size. Not
    after a capitalised word, which may end a heading ("Linux Airlines¶Wir sammeln"), nor before a
    colon (a label: "Wichtig:")."""
    out = set()
    for i in range(1, len(tokens)):
        t, u = tokens[i - 1], tokens[i]
        if (u.core[:1] in _SIZE_ONLY_CAPITALS and u.core in marks.capital_only_first and i not in skip
                and not t.sentence_end and t.known and t.core.isalpha() and t.core.islower()
                and text[t.end:u.start] == " " and text[u.end:u.end + 1] != ":"):
            out.add(i)
    return out


#: the lexicon methods the compiled repairs ask: a lexicon answering any of them otherwise is
#: asked through Python
_ASKED = ("count", "varieties", "has_varieties")


def _core_agrees() -> bool:
    """Do the compiled repairs use MARK_REPAIRS, SENTENCE_STARTS.min_count, the word lists and
    the patterns here? Not with ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "word_fixes_constants"):
        return False
    there = _core.word_fixes_constants()
    ours = {"paragraph_after_comma": _PARAGRAPH_AFTER_COMMA_RE, "stop_gap": _STOP_GAP_RE, "dash_gap": _DASH_GAP_RE,
            "sentence_break": _SENTENCE_BREAK_RE}
    same_set = lambda name, here: set(there[name]) == set(here) and len(there[name]) == len(here)  # noqa: E731
    return (all(there[k] == getattr(MARK_REPAIRS, k)
                for k in ("min_word_before_stop", "min_word_after_stop", "max_parenthesis", "min_elided_count"))
            and there["sentence_start_min_count"] == SENTENCE_STARTS.min_count
            and there["salutation_max_length"] == _SALUTATION_MAX_LENGTH
            and there["historic"] == HISTORIC and there["modern"] == MODERN
            and same_set("dashes", _DASHES) and same_set("salutation_openers", _SALUTATION_OPENERS)
            and same_set("relative_pronouns", _RELATIVE_PRONOUNS)
            and same_set("size_only_capitals", _SIZE_ONLY_CAPITALS)
            and same_set("abbrev", ABBREV) and same_set("abbreviations_folded", _ABBREVIATIONS_FOLDED)
            and all(there["patterns"].get(k) == p.pattern and not p.flags & regex.I for k, p in ours.items()))


#: the compiled repairs agree with the constants here (read at import)
_CORE_FIXES_AGREE = _core_agrees()
#: MARK_REPAIRS and SENTENCE_STARTS as checked against the core at import: replaced since (a
#: test's), Python answers with the new ones
_CHECKED = (MARK_REPAIRS, SENTENCE_STARTS)


def _fixes_in_core(lexicon, marks) -> bool:
    """May the compiled repairs answer for ``lexicon`` and ``marks``? The packaged statistics
    only (the core reads the same file), the constants as checked, the lexicon the core's."""
    return (_CORE_FIXES_AGREE and marks is default_mark_stats() and _CHECKED[0] is MARK_REPAIRS
            and _CHECKED[1] is SENTENCE_STARTS and answers_as_core(lexicon, _ASKED))
