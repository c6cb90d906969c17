"""What korrektor knows about German text that more than one stage uses, each piece once.

What belongs here: facts about how German prose is written that hold whatever stage asks —
what a word is, which abbreviations take a full stop, which units follow a count, which
conjunctions join suspended compounds or keep a sentence open, which marks end one — and what
in a German text is *not* prose and is left alone by every stage (URLs, e-mail addresses, lines of
source code, list items). A stage's own judgement (its regexes for OCR debris, its thresholds,
its statistics) stays in the stage.

Where two stages need slightly different variants of one fact, both live here, named for what
they are (``URL_IN_TEXT_RE`` and ``URL_LINE_RE``; ``CONJUNCTIONS`` and
``SUSPENDED_COMPOUND_CONJUNCTIONS``), so that the difference is visible and deliberate.
"""

from __future__ import annotations

import bisect
import math

import regex

__all__ = [
    "WORD", "WORD_RE", "ABBREV", "ABBREVIATIONS_BEFORE_COMMA", "ABBREVIATIONS_LEFT_ALONE", "is_abbreviation",
    "umlaut_twin", "UNIT_LETTERS",
    "CONJUNCTIONS", "SUSPENDED_COMPOUND_CONJUNCTIONS", "SUSPENDED_COMPOUND_CONJUNCTION_ALTERNATION",
    "SENTENCE_MARKS", "LINE_END_OF_SENTENCE", "LETTER_SPACED_RE", "URL_IN_TEXT_RE", "URL_LINE_RE",
    "is_list_item", "looks_like_code", "code_line_spans", "url_spans", "protected_spans", "inside",
]

# ---------------------------------------------------------------------------------------------
# words

#: A word as the corpus statistics count it: letters, with inner hyphens and apostrophes. The
#: lexicon tokenizes with it and the layout stage finds a line's first and last word with it; keep
#: in sync with scripts/build_langdata.py (the statistics were counted with it).
WORD = r"[^\W\d_]+(?:[-'’][^\W\d_]+)*"
WORD_RE = regex.compile(WORD)

# three single letters or more, one space apart: a letter-spaced word ("g e s p e r r t"), perhaps
# in quotes or brackets. The typography stage leaves such a row of letters alone (it is no row of
# specks), the words stage joins it.
LETTER_SPACED_RE = regex.compile(r"(?<![\p{L}\p{N}])\p{L}(?: \p{L}){2,}(?![\p{L}\p{N}])")

# ---------------------------------------------------------------------------------------------
# abbreviations: after their full stop no sentence ends, and a comma may follow it

#: The abbreviations the lexicon's sentence splitter and the words stage know (case-sensitive).
ABBREV = frozenset(
    "Abs Art Bd bspw bzw ca Dr evtl f ff gem ggf Hr Hrn inkl Jh Kap lt Mio Mrd Nr Prof S "
    "sog St Std Tsd u usw vgl z zB zz".split()
)
# ... and, in any case, the longer ones of legal and bibliographic prose
_ABBREVIATIONS_FOLDED = frozenset(a.lower() for a in ABBREV) | frozenset(
    """inkl evtl zzgl insb bspw bzgl prof dipl ziff hrsg abschn kap anm mio mrd tsd
    nachf verf aufl bearb anl stellv vors gegr jhdt""".split())
#: The typography stage's test of the word before ".," (case-sensitive, as written): ABBREV and
#: those of historical and address prose ("etc.,", "Chr.,", "Jhd.,", "Str.,").
ABBREVIATIONS_BEFORE_COMMA = ABBREV | {"etc", "Chr", "Jhd", "Str"}


#: Abbreviations a token followed by its full stop is left alone as: forms of address and titles,
#: days and months, and those above ("Fr. Müller", "Hr. Weber", "Mag. Huber", "Fr. 12.50" in Swiss
#: francs, "Mi., 3. Jan."). Without the full stop they are words, or damage, like any other token.
ABBREVIATIONS_LEFT_ALONE = ABBREV | frozenset(
    "Fr Frl Hr Hrn Sr Jr Mag Ing Dipl Dkfm Tel Fa Abt Gebr Pfr Univ Kt Bez Jan Feb Apr Aug Sept Okt "
    "Nov Dez Mo Di Mi Do Sa So geb gest verh ebd usf".split())


_WITHOUT_UMLAUTS = str.maketrans("äöüÄÖÜ", "aouAOU")


def umlaut_twin(word: str, of: str) -> bool:
    """Is ``word`` the word ``of`` with one or more umlauts put in ("möchte" of "mochte")?"""
    return word != of and word.translate(_WITHOUT_UMLAUTS) == of


def is_abbreviation(word: str) -> bool:
    """Is ``word`` (without its full stop) an abbreviation, after which no sentence ends?"""
    return word.lower() in _ABBREVIATIONS_FOLDED


# ---------------------------------------------------------------------------------------------
# units

#: What follows a count without a space (lower-cased): units, and the suffixes of ordinals and
#: numerals ("2m", "10kg", "3er", "2nd"); a digit before other letters was most often a letter.
UNIT_LETTERS = frozenset(
    "a b c d g h k l m s t v w x ct cl cm dl el er km kg mg ml mm ha kw mw gw kwh kj db hz khz mhz ghz "
    "bit min sek std mio mrd tsd qm jh gb mb kb tb px pt st th nd rd ps pf tl bar eur kcal".split())

# ---------------------------------------------------------------------------------------------
# conjunctions

#: Conjunctions before which a line-end hyphen is a suspended compound's ("Ein-¶und Ausfuhr"), and
#: after which no sentence ends at a line's end (the layout stage).
CONJUNCTIONS = frozenset("und oder bzw sowie bis noch als wie beziehungsweise".split())
#: The typography stage's: a hyphen and a space before these (and glued to a word after these) is
#: a suspended compound's, within a line, where "statt" joins the two parts as well ("Ein- statt
#: Ausfuhr"); not in CONJUNCTIONS, which would change how the layout stage joins lines.
SUSPENDED_COMPOUND_CONJUNCTIONS = CONJUNCTIONS | {"statt"}
#: The same as a regex alternation (longest first; the stage uses it only in lookarounds followed
#: by ``\b``, where the order of the alternatives does not change what matches).
SUSPENDED_COMPOUND_CONJUNCTION_ALTERNATION = "|".join(
    sorted(SUSPENDED_COMPOUND_CONJUNCTIONS, key=lambda w: (-len(w), w)))

# ---------------------------------------------------------------------------------------------
# sentence ends

#: The marks that end a sentence inside a line: a token whose trailing punctuation holds one ends
#: its sentence (the words stage).
SENTENCE_MARKS = frozenset(".!?")
#: What a line that ends a sentence ends in (the layout stage): the marks, a colon, an ellipsis, or
#: a closing quote or bracket after one of them.
LINE_END_OF_SENTENCE = tuple(".!?:…\"“”«»)")

# ---------------------------------------------------------------------------------------------
# what is no prose: URLs, e-mail addresses, source code, list items

#: A URL or e-mail address anywhere in a text (the typography stage changes no quote or dash
#: inside one): a scheme or "www." and what follows up to a space, or a whole address.
URL_IN_TEXT_RE = regex.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+", regex.I)
#: A line that is a URL or e-mail address keeps its line (the layout stage, with ``match`` and a
#: full-length check): also a bare scheme or an address cut at a line's end ("name@example." whose
#: domain went on the next line), which URL_IN_TEXT_RE would not take whole.
URL_LINE_RE = regex.compile(r"(?:https?://|www\.|[\w.+-]+@[\w-]+\.)\S*", regex.I)

_LIST_ITEM_RE = regex.compile(r"(?:[-•*–·▪◦]|\d{1,3}[.)]|[a-zA-Z][)])\s")


def is_list_item(line: str) -> bool:
    """Does the stripped ``line`` start like a list's item (a bullet, "1.", "a)")?"""
    return bool(_LIST_ITEM_RE.match(line))


# Source code keeps its lines: indented lines, lines ending in a block opener or closer or in a
# statement end that follows code ("x = f(y);", not a prose clause that ends in a semicolon), and
# lines that start with a keyword of a common language. (Tested piece by piece, in time linear in
# the line: one pattern with ".*" between two signs backtracks quadratically on a long line.)
_BLOCK_END_RE = regex.compile(r"\)\s*:$")
_CODE_SIGN_RE = regex.compile(r"=|\w\(")  # an assignment or a call
_KEYWORD_RE = regex.compile(r"(?:def|class|return|import|from|if|for|while|#include|function|var|let|const|"
                            r"public|private)\b")
# where a code line may be: indented, ending in one of these, or starting with a keyword
_CODE_CANDIDATE_RE = regex.compile(r"^[ \t]{2,}\S|[{};:][ \t]*$|^[ \t]*" + _KEYWORD_RE.pattern, regex.MULTILINE)


def looks_like_code(text: str) -> bool:
    """Does a stripped line look like source code (see the comment above _BLOCK_END_RE)?"""
    if text.endswith(("{", "}")) or _BLOCK_END_RE.search(text):
        return True
    if text.endswith(";") and _CODE_SIGN_RE.search(text):
        return True
    return bool(_KEYWORD_RE.match(text)) and text.endswith((":", "(", "{", "=", ";"))


def code_line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that look like source code, which the stages leave alone.

    Looks only at the lines a cheap pattern finds (typography asks for every text it fixes, so
    splitting the whole text into lines each time would cost more than the fixes)."""
    spans: list[tuple[int, int]] = []
    for m in _CODE_CANDIDATE_RE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if spans and start < spans[-1][1]:
            continue  # a line already looked at
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        raw = text[start:end]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        if stripped and (lead >= 2 or looks_like_code(stripped)):
            spans.append((start + lead, start + lead + len(stripped)))
        else:
            spans.append((end, end))  # looked at, no code: an empty span keeps the order
    return [span for span in spans if span[0] < span[1]]


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the URLs and e-mail addresses in ``text`` (URL_IN_TEXT_RE)."""
    if "@" not in text and "://" not in text and "www." not in text:
        return []  # the common case, without a regex scan of the whole text
    return [m.span() for m in URL_IN_TEXT_RE.finditer(text)]


# the fixes of one run mostly see the same text: the last answer is kept (one tuple, so that
# threads never see a text with another text's spans)
_LAST_PROTECTED: tuple = (None, [])


def protected_spans(text: str) -> list[tuple[int, int]]:
    """URLs, e-mail addresses and lines of source code (``print("x")``, ``.then(f)``): sorted,
    merged where they overlap."""
    global _LAST_PROTECTED
    last_text, last_spans = _LAST_PROTECTED
    if last_text is text:
        return last_spans
    spans = sorted(url_spans(text) + code_line_spans(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    _LAST_PROTECTED = (text, merged)
    return merged


def inside(spans: list[tuple[int, int]], i: int) -> bool:
    """Is ``i`` inside one of the sorted, non-overlapping ``spans``?"""
    k = bisect.bisect_right(spans, (i, math.inf)) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]
