"""Stage *layout*: undo what the page layout did to the text.

OCR and PDF extraction give one line of text per printed line. This stage

* joins the lines of a paragraph (``join_lines``),
* removes line-end hyphenation where the joined word is right ("Integra-/tionsplan" →
  "Integrationsplan") and keeps the hyphen where it belongs ("UN-/Kommission", "Baden-/Württemberg",
  "Ein-/und Ausfuhr") (``join_hyphenated_word``, ``keep_hard_hyphen``, ``keep_suspended_hyphen``),
* rebuilds paragraphs: a blank line inside a sentence (before a lower-case word, or after a word
  no sentence ends with: "und¶¶Landwirte") is a column or page break, not a paragraph
  (``join_torn_paragraph``); a short line that ends a sentence ends a paragraph even when the page
  marked paragraphs by indentation only (``split_paragraph``),
* drops a speck in the page margin that was read as a dash at a line's end or start, where prose
  would not put a dash between the two words ("keine -¶Einigung", "junge¶- Mensch")
  (``margin_speck``), a speck read as a list's bullet before a line that goes on with the
  sentence of the line before ("und¶¶* Landwirte") (``bullet_speck``), and specks right of a
  paragraph's last line, read as marks, digits or a few letters after its last sentence
  ("gefördert werden. 2¶¶", "meine Damen und Herren. ress¶¶") (``paragraph_end_speck``).

Headings, list items, URL lines and verse keep their own lines. With ``Config.keep_lines`` the stage does
nothing.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable

import regex

from .. import _core, german
from ..edits import Edit
from ..errormodel import _PY_SEARCH
from ..german import (CONJUNCTIONS, LINE_END_OF_SENTENCE, URL_LINE_RE, WORD, WORD_RE, is_abbreviation, is_list_item,
                      looks_like_code)
from ..lexicon import answers_as_core
from ..marks import MarkStats, default_core_mark_stats, default_mark_stats
from ..rules import Kind, Rule
from . import StageResult

KIND = Kind.LAYOUT
HYPHENATION = Kind.HYPHENATION
SPECK = Kind.SPECK  # a speck in the margin, read as a dash, a bullet or marks

# A word fragment directly before a line-end hyphen; inner hyphens belong to it ("All-in-").
# the hyphens a line may end in: ASCII, Unicode's, a soft one, the "¬" some OCR engines write,
# and the double hyphen of blackletter type ("⸗"), which OCR also reads as "="
_HEAD_RE = regex.compile(r"([\p{L}\p{N}][\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*)([-\u2010\u00ad¬⸗=])$")
_HYPHENS = ("-", "\u2010", "\u00ad", "¬", "⸗", "=")
# Blackletter's double hyphen is also read as a dash ("ge—¶nügsame", "ei–¶nem"). A dash glued to a
# word's last letter at a line end, before a lower-case word, is such a hyphen where the joined word
# is known; a dash after a space is punctuation ("er kam —¶so sagte man")
_DASH_HEAD_RE = regex.compile(r"(\p{L}+)([—–])$")
_TAIL_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*")
# (what a line that ends a sentence ends in, and the conjunctions after which none ends, are
# korrektor.german's LINE_END_OF_SENTENCE and CONJUNCTIONS)


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    text: str  # stripped content
    indent: int  # leading blanks

    @property
    def blank(self) -> bool:
        return not self.text


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        out.append(_Line(pos + lead, pos + lead + len(stripped), stripped, lead))
        pos += len(raw) + 1
    return out


# OCR debris before the first word of a line: specks read as single quotes (‘ or ‚), or a speck
# read as punctuation standing before a lower-case word ("bestel-\n. den")
_DEBRIS = r"[‘‚]+(?=\p{{L}})|(?:[_°~'’‘{more}]{{1,2}}|\.(?!\.)) ?(?=\p{{Ll}})"
_LEADING_DEBRIS_RE = regex.compile(_DEBRIS.format(more=""))
# ... and after a line-end hyphen, a speck read as a double quote or a second hyphen too ("weni-\n“ger",
# "Büro-\n- kratie"): no quotation opens inside a word
_AFTER_HYPHEN_DEBRIS_RE = regex.compile(_DEBRIS.format(more="\"“”„-"))
# ... and after a line-end hyphen: specks read as punctuation or a second hyphen ("Ge- |",
# "Han-_.", "errei--"); taken only when the next line continues in lower case. Not a comma: "ein-,
# zwei- oder dreimal" lists suspended words
_TRAILING_DEBRIS_RE = regex.compile(r"(?<=\p{L}[-\u2010\u00ad¬⸗=]) ?[-.|°*”\"_‘’':~–]{1,2}$")


# A speck in the margin read as a dash: at a line's end after a word, or at a line's start before
# one (a word as the corpus statistics count it)
_MARGIN_DASHES = (" -", " --", " –", " —", " ~")
_LINE_DASHES = frozenset("-–—~")
_TRAILING_DASH_RE = regex.compile(rf"({WORD}) (?:--?|[–—~])")  # the last word and the dash
_LEADING_DASH_RE = regex.compile(rf"(?:--?|[–—~]) ({WORD})")
_FIRST_WORD_RE = regex.compile(rf"[„“\"»«‚‘'(]?({WORD})")
#: Such a dash is a speck where prose puts a dash between the two words at most e^-1.5 (a fifth)
#: as often as between average words. Measured on held-out corpus text (the rates counted on the
#: other half): 3 % of the real dashes between words score lower, and 48 % of the places between
#: two words where a speck could fall.
MARGIN_SPECK_BELOW = -1.5


# Specks right of a paragraph's last line, read as marks, digits or a few letters after the
# sentence that ends the paragraph: the sentence's last word (no abbreviation: "Abs. 3"), its end,
# then at most five short tokens. Prose puts nothing after its paragraph's last sentence; a speck
# is no bracket, quotation mark or dash (an attribution: "… sagen. -- B."), no number of three
# digits and no word (see _is_speck_token).
_PARAGRAPH_END_SPECK_RE = regex.compile(r"(?<!\p{L})(\p{L}{3,})[.!?…] ((?:\S{1,5} ){0,4}\S{1,5})$")
#: ... looked for in a line's last characters only (a paragraph may be one long line)
_PARAGRAPH_END_WINDOW = 80
_WORD_SENTENCE_END_RE = regex.compile(r"\p{L}[.!?…]$")
_NO_SPECK = frozenset("()[]<>„“”\"»«‚‘’'-–—/@")
#: ... but among other specks a dash or a quotation mark standing alone is one too
_NO_SPECK_BESIDE = _NO_SPECK - frozenset("-–—'‘’“”\"")
#: a token of two letters or more that the lexicon has seen this often is a word, not a speck
MIN_WORD_COUNT_NOT_SPECK = 20


_DIGIT_FOR_UMLAUT_RE = regex.compile(r"[0-9]\p{Ll}{2}")
_WIDE_GAP_RE = regex.compile(r"\S {3,}\S")


def _continues_lowercase(line: str, after_hyphen: bool = False) -> bool:
    """Does the line start with a lower-case word (looking past OCR debris; a digit read for a
    lower-case umlaut as in "6ffentlich" counts)?"""
    debris = (_AFTER_HYPHEN_DEBRIS_RE if after_hyphen else _LEADING_DEBRIS_RE).match(line)
    line = line[debris.end():] if debris else line
    return bool(line) and (line[0].islower() or bool(_DIGIT_FOR_UMLAUT_RE.match(line)))


def _is_code(line: _Line) -> bool:
    return line.indent >= 2 or looks_like_code(line.text)


def _paragraph_indent(cur: _Line, nxt: _Line, typical: float) -> bool:
    """Is ``cur``'s indentation a paragraph's first-line indent (``pdftotext -layout``, a page
    that marks paragraphs so), not code: a full line of prose, the next one not indented?"""
    return (cur.indent <= _MAX_PARAGRAPH_INDENT and nxt.indent == 0 and bool(typical)
            and cur.indent + len(cur.text) >= 0.8 * typical and not looks_like_code(cur.text))


#: a paragraph's first line is indented by a few blanks at most
_MAX_PARAGRAPH_INDENT = 8


def _is_table_row(line: str) -> bool:
    """Columns: cells separated by bars, tabs or wide gaps."""
    return " | " in line or "\t" in line or len(_WIDE_GAP_RE.findall(line)) >= 2


def _is_url_line(line: str) -> bool:
    m = URL_LINE_RE.match(line)
    return bool(m) and m.end() == len(line)


class DocumentSpellings:
    """How often a text writes each word form (a chunk between spaces, its punctuation stripped):
    where a word broken at a line end stands whole elsewhere in the text, its spelling there says
    whether the hyphen was the line's or the word's ("apt-cache", "E-Mail" against "Coronakrise").
    Counted on first use: most texts have no break the lexicon cannot decide."""

    def __init__(self, text: str):
        self._text = text
        self._counts: Counter[str] | None = None

    def __call__(self, form: str) -> int:
        if self._counts is None:
            self._counts = Counter(chunk.strip(_CHUNK_PUNCTUATION) for chunk in self._text.split())
        return self._counts[form]


_CHUNK_PUNCTUATION = "\"'„“”‚‘’»«›‹()[]{}.,;:!?…*"


def decide_hyphen(head: str, tail: str, lexicon, spellings: Callable[[str], int] | None = None
                  ) -> tuple[str, str, float]:
    """How to join ``head-`` at a line end with ``tail`` at the next line's start; ``spellings``
    (a :class:`DocumentSpellings`) tells how often the text writes a form elsewhere.

    Returns ``(joiner, rule, confidence)`` where joiner replaces the hyphen and the line break:
    ``""`` (a hyphenation break), ``"-"`` (a real hyphen) or ``"- "`` (a suspended hyphen).
    """
    last = head.rsplit("-", 1)[-1]
    joined, hyphenated = head + tail, f"{head}-{tail}"
    if tail.lower() in CONJUNCTIONS and not (lexicon is not None and lexicon.count(joined)):
        # "Ein- und Ausfuhr"; but "so-¶wie", "Den-¶noch", "Kür-¶bis" are words broken at a line end
        return "- ", "keep_suspended_hyphen", 0.95
    if tail[0].isupper() or last[-1].isdigit() or (len(last) > 1 and last.isupper()):
        # German never continues a word with a capital after a break: "UN-Kommission",
        # "Baden-Württemberg", "CDU-geführt", "100-prozentig"
        return "-", "keep_hard_hyphen", 0.95
    # the text's own spelling elsewhere outweighs the corpus's
    whole, with_hyphen = (spellings(joined), spellings(hyphenated)) if spellings is not None else (0, 0)
    if with_hyphen > whole:
        return "-", "keep_hard_hyphen", 0.9
    text_joins = whole > with_hyphen
    if lexicon is None:
        return "", "join_hyphenated_word", 0.95 if text_joins else 0.8
    n_joined = lexicon.count(joined) or lexicon.count(joined.lower())
    n_hyph = lexicon.count(hyphenated)
    if n_hyph > n_joined and not text_joins:
        return "-", "keep_hard_hyphen", 0.9
    if n_joined or lexicon.known(joined):
        return "", "join_hyphenated_word", 0.99
    # Neither form is known (often OCR damage inside the word): a lower-case continuation
    # is a hyphenation break far more often than a real hyphen.
    return "", "join_hyphenated_word", 0.95 if text_joins else 0.85


def _known_join(joined: str, lexicon, spellings) -> bool:
    """Is ``joined`` a word: the lexicon knows it, or the text writes it elsewhere?"""
    if spellings is not None and spellings(joined):
        return True
    return lexicon is not None and lexicon.known(joined)


# A word broken at a line end whose hyphen was lost (PDF extraction drops soft hyphens; OCR
# sometimes the hyphen): the two pieces make a word seen this often, and the second is no word
# of its own in lower case, or a noun far more often written with its capital ("regierung").
MIN_LOST_HYPHEN_WORD_COUNT = 20
_BROKEN_HEAD_RE = regex.compile(r"(?<![\p{L}\p{N}-])\p{L}+$")
_BROKEN_TAIL_RE = regex.compile(r"\p{Ll}+(?![\p{L}\p{N}-])")


def _lost_hyphen(a: str, b: str, lexicon) -> float | None:
    """The confidence that the word ending line ``a`` and the word opening line ``b`` are one
    word broken without a hyphen ("Bundes¶regierung", "Lo¶thar"); None where they are not."""
    if lexicon is None:
        return None
    head, tail = _BROKEN_HEAD_RE.search(a), _BROKEN_TAIL_RE.match(b)
    if head is None or tail is None:
        return None
    head, tail = head.group(), tail.group()
    joined = head + tail
    n_joined = lexicon.count(joined)
    if n_joined < MIN_LOST_HYPHEN_WORD_COUNT:
        return None
    n_tail = lexicon.count(tail)
    if n_tail == 0 and not lexicon.known(tail):
        return 0.9  # "die¶ser"
    if lexicon.noun_in_lower_case(tail) and lexicon.count(head) < n_joined:
        return 0.8  # "Bundes¶regierung", not "zu¶hause"
    return None


def _full_line_length(lines: list[_Line]) -> float:
    """The length of a full printed line: most lines are full, paragraph ends and headings are not."""
    lengths = sorted(len(ln.text) for ln in lines if len(ln.text) > 20)
    return lengths[round(0.8 * (len(lengths) - 1))] if lengths else 0.0


def run(text: str, ctx) -> StageResult:
    """The stage's changes: the compiled stage's (``_core.layout``, ``rust/src/layout/``) where its
    constants and patterns are the module's (compared at import; at each call, that none of them
    was replaced since: a test may replace one) and the lexicon is the core's or None; else
    :func:`_py_run`'s, the reference (also with ``KORREKTOR_PY_SEARCH=1``, and for a text with a
    lone surrogate)."""
    if ctx.config.keep_lines or "\n" not in text:
        return StageResult()
    lexicon = _lexicon(ctx)
    if _CORE_AGREES and (lexicon is None or answers_as_core(lexicon, _ASKED)) and _unchanged():
        rows = _core.layout(text, lexicon, default_core_mark_stats())
        if rows is not None:
            return StageResult(tuple(_edit(*row) for row in rows))
    return _py_run(text, ctx)


def _py_run(text: str, ctx) -> StageResult:
    """The stage in Python: the reference the compiled stage is checked against."""
    if ctx.config.keep_lines or "\n" not in text:
        return StageResult()
    lexicon = _lexicon(ctx)
    spellings = DocumentSpellings(text)
    marks = default_mark_stats()
    lines = _lines(text)
    typical = _full_line_length(lines)
    items = _lettered_items(lines)
    verse = _verse_lines(lines)
    changes: list[Edit] = []
    i = 0
    n = len(lines)
    while i < n:
        cur = lines[i]
        if cur.blank:
            i += 1
            continue
        j = i + 1
        while j < n and lines[j].blank:
            j += 1
        # the last line of a block, unless the sentence goes on after it ("ist. darn¶¶wundert es"):
        # a paragraph's end, perhaps with specks
        if j >= n or (j > i + 1 and not _continues_lowercase(lines[j].text)):
            speck = _paragraph_end_speck(text, cur, lexicon, lines[j].text if j < n else "")
            if speck is not None:
                changes.append(speck)
                cur = replace(cur, text=cur.text[:speck.start - cur.start])
        if j >= n:
            break
        nxt = lines[j]
        if j == i + 1 and i in verse and j in verse:
            i = j  # a verse line keeps its line
            continue
        # a line opening with a dash after a full line goes on with that line's sentence ("gesagt¶-
        # um zehn Jahre"), unless it is a list's item: after a colon, or with another item around
        dash_goes_on = (nxt.text[:1] in _LINE_DASHES and _LEADING_DASH_RE.match(nxt.text) is not None
                        and bool(typical) and len(cur.text) >= 0.7 * typical and not cur.text.endswith(":")
                        and not is_list_item(cur.text) and not _list_follows(lines, j))
        speck = (_bullet_speck(cur, nxt, lines, j)
                 or _margin_speck(text, cur, nxt, marks, dash_goes_on=dash_goes_on))
        leading = speck is not None and speck.start >= nxt.start
        # the lines as they are without the speck; the break between them stays where it is
        if leading:
            nxt = lines[j] = replace(nxt, text=nxt.text[speck.end - nxt.start:])
        elif speck is not None:
            cur = replace(cur, text=cur.text[:speck.start - cur.start])
            changes.append(speck)
        change = _join(text, cur, nxt, torn=j > i + 1, first_in_block=i == 0 or lines[i - 1].blank,
                       typical=typical, lexicon=lexicon, spellings=spellings, dash_goes_on=dash_goes_on,
                       item=j in items)
        if change is not None and change.before != change.after:
            changes.append(change)
        if leading:
            changes.append(speck)
        i = j
    return StageResult(tuple(changes))


def _bullet_speck(cur: _Line, nxt: _Line, lines: list[_Line], j: int) -> Edit | None:
    """The deletion of a speck read as a list's bullet ("Landwirtinnen und¶¶* Landwirte"): a line
    opening with "* " that goes on with the sentence of the line before, which ends in the middle
    of it, with no list around."""
    a, b = cur.text, nxt.text
    if not (b.startswith("* ") and b[2:3].isalpha() and a[-1:].isalnum()):
        return None
    if is_list_item(a) or _list_follows(lines, j) or _is_code(cur) or _is_table_row(a):
        return None
    return Edit(nxt.start, nxt.start + 2, "* ", "", SPECK, "bullet_speck", 0.8)


def _paragraph_end_speck(text: str, line: _Line, lexicon, next_paragraph: str = "") -> Edit | None:
    """The deletion of specks after the last sentence of the paragraph that ``line`` ends; not of a
    list's number where the next paragraph is the list's next item ("gewährt. 6.¶¶7. Georgien":
    an item with nothing left in it)."""
    pos = max(0, len(line.text) - _PARAGRAPH_END_WINDOW)
    # the last sentence end that only specks follow: a later one where an earlier one fails
    # ("dabei. Ende der Rede. 2")
    while (m := _PARAGRAPH_END_SPECK_RE.search(line.text, pos)) is not None:
        pos = m.start(2)
        word, tail = m.groups()
        if len(tail) > 14 or _WORD_SENTENCE_END_RE.search(tail):
            continue  # too long, or a sentence of its own ("Wirklich? Hm.", "in Ewigkeit. Amen.")
        if is_abbreviation(word) or word in default_mark_stats().no_sentence_end_after:
            continue  # no sentence ends there ("Abs. 3")
        tokens = tail.split(" ")
        # a dash or a quotation mark among other specks is one too ("sich! - &", "ist. - 3 2 i",
        # "morgen. ' 2 s"); alone it may be a quote's closer or the start of an interjection's
        # answer, which the typography stage judges, and a typed "--" leads an attribution ("-- B")
        no_speck = _NO_SPECK_BESIDE if len(tokens) > 1 and "--" not in tail else _NO_SPECK
        if all(_is_speck_token(token, lexicon, no_speck) for token in tokens):
            if _is_code(line) or _is_table_row(line.text):
                return None
            if is_list_item(tokens[-1] + " ") and is_list_item(next_paragraph):
                return None
            # counted from the line's end: a margin speck may have been cut from its start
            # already; the space before the specks goes with them
            start = line.end - (len(line.text) - m.start(2)) - 1
            return Edit(start, line.end, text[start:line.end], "", SPECK, "paragraph_end_speck", 0.8)
    return None


def _is_speck_token(token: str, lexicon, no_speck: frozenset[str] = _NO_SPECK) -> bool:
    """Can ``token``, after a paragraph's last sentence, be specks: none of ``no_speck`` (a bracket,
    quotation mark or dash), no number of three digits or more, no acronym, no capitalised word
    and no word the lexicon knows?"""
    if not no_speck.isdisjoint(token) or (token.isdigit() and len(token) > 2):
        return False
    letters = "".join(ch for ch in token if ch.isalpha())
    if len(letters) < 2:
        return True
    if letters.isupper() or (letters[0].isupper() and letters[1:].islower()):
        return False  # an acronym, or a word that starts a sentence ("Äh", "Amen")
    if lexicon is None:
        return False
    return max(lexicon.count(letters), lexicon.count(letters.lower())) < MIN_WORD_COUNT_NOT_SPECK


def _lexicon(ctx):
    try:
        return ctx.lexicon
    except (ImportError, OSError):  # language data not built: decide hyphenation by shape only
        return None


# An item of legal prose's lettered lists ("a. den Nachwuchs;¶¶b. die Chancengleichheit"): a
# lower-case letter and a full stop, not an abbreviation's ("z. B.", "d. h.")
_LETTERED_ITEM_RE = regex.compile(r"([a-z])\.\s+(?!\p{L}\.)")


def _lettered_items(lines: list[_Line]) -> set[int]:
    """The indices of the lines that start a lettered list's item: with a letter whose neighbour in
    the alphabet starts another such line of the text (a line read as "h. Der" alone is a torn
    sentence's rest, not a list)."""
    starts = {j: m.group(1) for j, ln in enumerate(lines)
              if ln.text[1:2] == "." and (m := _LETTERED_ITEM_RE.match(ln.text))}
    letters = set(starts.values())
    return {j for j, c in starts.items() if chr(ord(c) - 1) in letters or chr(ord(c) + 1) in letters}


# Verse: every line of the block starts with a capital (after an opening quote or dash), none ends
# in a hyphen, and most end with a mark (a verse line ends a phrase; a prose line ends where the
# line is full, mostly inside a phrase). German prose starts many lines with a capital (nouns), so
# the marks decide. A block of four or more such lines is verse; a shorter one where the text has
# such a block too (the speeches of a play in verse, short stanzas)
_VERSE_LINE_RE = regex.compile(r"[„“\"»«‚‘'(–—]?\p{Lu}")
_PHRASE_END = tuple(",.;:!?–—…\"“”»«'’)")
MIN_VERSE_BLOCK = 4
MIN_VERSE_PHRASE_ENDS = 0.6  # share of a block's lines (but its last) that end with a mark


def _verse_lines(lines: list[_Line]) -> set[int]:
    """The indices of the lines of verse blocks (see MIN_VERSE_BLOCK), which keep their lines."""
    blocks, block, prose = [], [], False
    for j, ln in enumerate(lines + [_Line(0, 0, "", 0)]):
        if ln.blank:
            inner = [lines[k].text for k in block[:-1]]
            if (len(block) >= 2 and not prose
                    and sum(text.endswith(_PHRASE_END) for text in inner) >= MIN_VERSE_PHRASE_ENDS * len(inner)):
                blocks.append(block)
            block, prose = [], False
        elif _VERSE_LINE_RE.match(ln.text) and not ln.text.endswith(_HYPHENS) and not is_list_item(ln.text):
            block.append(j)
        else:
            prose = True  # one prose line and the block is no verse
    if not any(len(b) >= MIN_VERSE_BLOCK for b in blocks):
        return set()
    return {j for b in blocks for j in b}


def _list_follows(lines: list[_Line], j: int) -> bool:
    """Is the next non-blank line after line ``j`` a list item?"""
    for ln in itertools.islice(lines, j + 1, None):
        if not ln.blank:
            return is_list_item(ln.text)
    return False


def _margin_speck(text: str, cur: _Line, nxt: _Line, marks: MarkStats, *, dash_goes_on: bool) -> Edit | None:
    """The deletion of a dash at the end of ``cur`` or the start of ``nxt`` that is a speck in the
    margin: between two words that prose (almost) never parts with a dash. A dash starting ``nxt``
    is looked at only where it is no list's bullet (``dash_goes_on``, see run)."""
    a, b = cur.text, nxt.text
    # the cheap tests first: this runs for every line break
    trailing = leading = None
    if a.endswith(_MARGIN_DASHES):
        tail = " ".join(a.rsplit(" ", 2)[-2:])  # the line's last word and what follows it
        trailing = _TRAILING_DASH_RE.fullmatch(tail)
    if dash_goes_on:
        leading = _LEADING_DASH_RE.match(b)
    if not (trailing or leading) or _is_code(cur) or _is_code(nxt) or _is_table_row(a) or _is_table_row(b):
        return None
    if trailing and not is_list_item(a):
        first = _FIRST_WORD_RE.match(b)
        if first and marks.dash_plausibility(trailing.group(1), first.group(1)) < MARGIN_SPECK_BELOW:
            start = cur.end - len(tail) + trailing.end(1)
            return Edit(start, cur.end, text[start:cur.end], "", SPECK, "margin_speck", 0.85)
    if leading:
        last = WORD_RE.fullmatch(a.rsplit(" ", 1)[-1])
        if last and marks.dash_plausibility(last.group(), leading.group(1)) < MARGIN_SPECK_BELOW:
            end = nxt.start + leading.start(1)
            return Edit(nxt.start, end, text[nxt.start:end], "", SPECK, "margin_speck", 0.85)
    return None


def _ends_mid_sentence(line: str) -> bool:
    """Does ``line`` end with a word after which no sentence ends: a conjunction, an article, a
    preposition ("Landwirtinnen und¶¶Landwirte", "für die¶¶Kinder")?"""
    last = line.rsplit(" ", 1)[-1]
    return last in CONJUNCTIONS or (last.islower() and last in default_mark_stats().no_sentence_end_after)


def _join(text: str, cur: _Line, nxt: _Line, *, torn: bool, first_in_block: bool,
          typical: float, lexicon, spellings: DocumentSpellings, dash_goes_on: bool = False,
          item: bool = False) -> Edit | None:
    """The change for the break between two non-blank lines (``torn``: blank lines between;
    ``dash_goes_on``: ``nxt`` opens with a dash that is no list's bullet; ``item``: ``nxt`` starts
    an item of a lettered list)."""
    a, b = cur.text, nxt.text
    gap_start, gap_end = cur.end, nxt.start
    if (((is_list_item(b) or item) and not dash_goes_on) or _is_url_line(a) or _is_url_line(b)
            or (_is_code(cur) and not _paragraph_indent(cur, nxt, typical))
            or _is_code(nxt) or _is_table_row(a) or _is_table_row(b)):
        return None
    starts_lower = _continues_lowercase(b)

    # only a line ending in a hyphen can be hyphenated; the pattern then looks at its last word
    trailing = _TRAILING_DEBRIS_RE.search(a) if starts_lower else None
    head = a[:trailing.start()] if trailing else a  # the debris goes with the break
    m = _HEAD_RE.search(head, max(0, head.rfind(" ") + 1)) if head.endswith(_HYPHENS) else None
    if m:
        starts_lower = starts_lower or _continues_lowercase(b, after_hyphen=True)
    debris = _AFTER_HYPHEN_DEBRIS_RE.match(b) if m else None
    tail = _TAIL_RE.match(b[debris.end():] if debris else b)
    if m and tail and (starts_lower or not torn):
        joiner, rule, conf = decide_hyphen(m.group(1), tail.group(), lexicon, spellings)
        if torn:
            conf = min(conf, 0.9)
        hyph_start = cur.start + len(head) - len(m.group(2))
        end = gap_end + (debris.end() if debris else 0)
        return Edit(hyph_start, end, text[hyph_start:end], joiner, HYPHENATION, rule, conf)

    dash = _DASH_HEAD_RE.search(head) if starts_lower and not torn and head.endswith(("—", "–")) else None
    if dash and tail and _known_join(dash.group(1) + tail.group(), lexicon, spellings):
        hyph_start = cur.start + len(head) - 1
        return Edit(hyph_start, gap_end, text[hyph_start:gap_end], "", HYPHENATION, "join_dash_hyphenated_word", 0.9)

    if not torn and starts_lower:
        lost = _lost_hyphen(a, b, lexicon)
        if lost is not None:
            return Edit(gap_start, gap_end, text[gap_start:gap_end], "", HYPHENATION, "join_word_without_hyphen", lost)

    if torn:
        # a blank line inside a sentence is a column or page break
        if not a.endswith(LINE_END_OF_SENTENCE) and (starts_lower or _ends_mid_sentence(a)):
            return Edit(gap_start, gap_end, text[gap_start:gap_end], " ", KIND, "join_torn_paragraph", 0.9)
        return None

    short = typical and len(a) < 0.7 * typical
    if short and a.endswith(LINE_END_OF_SENTENCE) and b[0].isupper():
        # the paragraph ended here; the page marked it by indentation only
        return Edit(gap_start, gap_end, text[gap_start:gap_end], "\n\n", KIND, "split_paragraph", 0.8)
    if short and first_in_block and not a.endswith(LINE_END_OF_SENTENCE + (",", ";")) and b[0].isupper():
        return None  # a heading keeps its own line
    return Edit(gap_start, gap_end, text[gap_start:gap_end], " ", KIND, "join_lines", 0.99)


#: The rules of this stage: the ``rule`` of every change ``run`` makes.
RULES = (
    Rule("join_lines", KIND, "The lines of a paragraph are joined with a space; headings, list items, "
         "table rows, URLs, code and verse keep their lines.",
         ("Der Ausschuss hat den Antrag\nam Montag beraten.", "Der Ausschuss hat den Antrag am Montag beraten."),
         "Tagesordnung:\n1. Begrüßung\n2. Bericht des Vorstands"),
    Rule("split_paragraph", KIND, "A short line that ends a sentence, before a line that starts with a "
         "capital, ends a paragraph that the page marked by indentation only: a blank line follows it.",
         ("Der Ausschuss hat den Antrag der Fraktion am Montag\nberaten und einstimmig angenommen, wie erwartet.\n"
          "Das war gut.\nDie Sitzung wurde danach um zehn Uhr geschlossen,\nund alle Mitglieder gingen nach Hause "
          "zurück.",
          "Der Ausschuss hat den Antrag der Fraktion am Montag beraten und einstimmig angenommen, wie erwartet. "
          "Das war gut.\n\nDie Sitzung wurde danach um zehn Uhr geschlossen, und alle Mitglieder gingen nach "
          "Hause zurück."),
         "Das war gut.\n\nDie Sitzung wurde danach geschlossen."),
    Rule("join_torn_paragraph", KIND, "A blank line inside a sentence (before a lower-case word, or after a "
         "word no sentence ends with) is a column or page break: the two parts are joined with a space.",
         ("Die Landwirtinnen und\n\nLandwirte sind da.", "Die Landwirtinnen und Landwirte sind da."),
         "Das ist das Ende.\n\nDer nächste Absatz beginnt."),
    Rule("join_hyphenated_word", HYPHENATION, "A word hyphenated at a line end is joined where the joined "
         "word is right (the lexicon, the text's own spellings), also across OCR debris around the break.",
         ("Der Integra-\ntionsplan wird beraten.", "Der Integrationsplan wird beraten."),
         "Der Integrations- und Aktionsplan wird beraten."),
    Rule("join_dash_hyphenated_word", HYPHENATION, "A dash glued to a word's last letter at a line end, "
         "before a lower-case word, is a hyphen (blackletter's double hyphen read as a dash): the word is "
         "joined where the joined word is known.",
         ("Er war ge—\nnügsam und lebte in ei—\nnem Haus.", "Er war genügsam und lebte in einem Haus."),
         "Er kam — so sagte man — nach Hause und blieb dort."),
    Rule("keep_hard_hyphen", HYPHENATION, "A hyphen at a line end that belongs to the word (before a capital, "
         "after an acronym or a digit, or so written elsewhere) stays when the lines are joined.",
         ("Die UN-\nKommission tagt.", "Die UN-Kommission tagt."), "Die UN-Kommission tagt."),
    Rule("keep_suspended_hyphen", HYPHENATION, "A line-end hyphen before a conjunction suspends a compound: "
         "it stays, followed by a space.",
         ("Die Ein-\nund Ausfuhr steigt.", "Die Ein- und Ausfuhr steigt."), "Die Ein- und Ausfuhr steigt."),
    Rule("join_word_without_hyphen", HYPHENATION, "A word broken at a line end whose hyphen was lost is "
         "joined where the pieces make a frequent word and the second piece is no word of its own.",
         ("Die Bundes\nregierung hat beschlossen.", "Die Bundesregierung hat beschlossen."),
         "Die Bundesregierung hat beschlossen."),
    Rule("margin_speck", SPECK, "A speck in the margin read as a dash at a line's end or start is removed "
         "where prose (almost) never puts a dash between the two words.",
         ("Wir haben keine -\nEinigung erzielt.", "Wir haben keine Einigung erzielt."),
         "Wir haben gewonnen - aber nur knapp."),
    Rule("bullet_speck", SPECK, "A speck read as a list's bullet (\"* \") before a line that goes on with the "
         "sentence of the line before, with no list around, is removed.",
         ("Die Landwirtinnen und\n\n* Landwirte sind da.", "Die Landwirtinnen und Landwirte sind da."),
         "Wir brauchen:\n\n* Landwirte\n* Bäcker"),
    Rule("paragraph_end_speck", SPECK, "Specks right of a paragraph's last line, read as marks, digits or a "
         "few letters after its last sentence, are removed (not after an abbreviation, not a word or number).",
         ("Das wird gefördert werden. 2\n\nDer nächste Absatz.", "Das wird gefördert werden.\n\nDer nächste Absatz."),
         "Das steht in Abs. 3\n\nDer nächste Absatz."),
)


# ---------------------------------------------------------------------------------------------
# the compiled stage

#: the lexicon methods the compiled stage asks: a lexicon answering any of them otherwise (a test
#: double) is asked through Python
_ASKED = ("count", "known", "noun_in_lower_case")


def _constants() -> dict:
    """The constants and patterns the compiled stage has its own copies of, as this module (and
    korrektor.german) hold them now, under the names ``_core.layout_constants()`` gives."""
    g = globals()
    patterns = {name: g[name].pattern for name in (
        "_HEAD_RE", "_DASH_HEAD_RE", "_TAIL_RE", "_LEADING_DEBRIS_RE", "_AFTER_HYPHEN_DEBRIS_RE",
        "_TRAILING_DEBRIS_RE", "_TRAILING_DASH_RE", "_LEADING_DASH_RE", "_FIRST_WORD_RE",
        "_PARAGRAPH_END_SPECK_RE", "_WORD_SENTENCE_END_RE", "_DIGIT_FOR_UMLAUT_RE", "_WIDE_GAP_RE",
        "_BROKEN_HEAD_RE", "_BROKEN_TAIL_RE", "_LETTERED_ITEM_RE", "_VERSE_LINE_RE")}
    patterns.update({"WORD": WORD, "URL_LINE_RE": URL_LINE_RE.pattern, "_LIST_ITEM_RE": german._LIST_ITEM_RE.pattern,
                     "_BLOCK_END_RE": german._BLOCK_END_RE.pattern, "_KEYWORD_RE": german._KEYWORD_RE.pattern,
                     "_CODE_SIGN_RE": german._CODE_SIGN_RE.pattern})
    flags = (URL_LINE_RE.flags & regex.I, german._LIST_ITEM_RE.flags & regex.I, german._KEYWORD_RE.flags & regex.I)
    return {
        "CONJUNCTIONS": sorted(CONJUNCTIONS), "LINE_END_OF_SENTENCE": list(LINE_END_OF_SENTENCE),
        "_ABBREVIATIONS_FOLDED": sorted(german._ABBREVIATIONS_FOLDED), "_HYPHENS": list(_HYPHENS),
        "_MAX_PARAGRAPH_INDENT": _MAX_PARAGRAPH_INDENT, "MIN_VERSE_BLOCK": MIN_VERSE_BLOCK,
        "MIN_VERSE_PHRASE_ENDS": MIN_VERSE_PHRASE_ENDS, "_PHRASE_END": list(_PHRASE_END),
        "MIN_LOST_HYPHEN_WORD_COUNT": MIN_LOST_HYPHEN_WORD_COUNT, "_CHUNK_PUNCTUATION": _CHUNK_PUNCTUATION,
        "MARGIN_SPECK_BELOW": MARGIN_SPECK_BELOW, "_PARAGRAPH_END_WINDOW": _PARAGRAPH_END_WINDOW,
        "MIN_WORD_COUNT_NOT_SPECK": MIN_WORD_COUNT_NOT_SPECK, "_NO_SPECK": sorted(_NO_SPECK),
        "_NO_SPECK_BESIDE": sorted(_NO_SPECK_BESIDE), "_MARGIN_DASHES": list(_MARGIN_DASHES),
        "_LINE_DASHES": sorted(_LINE_DASHES), "patterns": patterns, "flags": flags,
    }


def _core_constants() -> dict | None:
    """``_core.layout_constants()`` in the form of :func:`_constants`; None without the compiled
    stage."""
    if not hasattr(_core, "layout"):
        return None
    there = _core.layout_constants()
    for name in ("CONJUNCTIONS", "_ABBREVIATIONS_FOLDED", "_NO_SPECK", "_NO_SPECK_BESIDE", "_LINE_DASHES"):
        there[name] = sorted(set(there[name]))
    there["flags"] = (regex.I, 0, 0)
    return there


#: may the compiled stage run? (not with KORREKTOR_PY_SEARCH=1, nor where it disagrees)
_CORE_AGREES = not _PY_SEARCH and _core_constants() == _constants()

#: the names (here and in korrektor.german) of the objects :func:`_constants` reads
_WATCHED = ("CONJUNCTIONS", "LINE_END_OF_SENTENCE", "URL_LINE_RE", "WORD", "_HYPHENS", "_MAX_PARAGRAPH_INDENT",
            "MIN_VERSE_BLOCK", "MIN_VERSE_PHRASE_ENDS", "_PHRASE_END", "MIN_LOST_HYPHEN_WORD_COUNT",
            "_CHUNK_PUNCTUATION", "MARGIN_SPECK_BELOW", "_PARAGRAPH_END_WINDOW", "MIN_WORD_COUNT_NOT_SPECK",
            "_NO_SPECK", "_NO_SPECK_BESIDE", "_MARGIN_DASHES", "_LINE_DASHES", "_HEAD_RE", "_DASH_HEAD_RE",
            "_TAIL_RE", "_LEADING_DEBRIS_RE", "_AFTER_HYPHEN_DEBRIS_RE", "_TRAILING_DEBRIS_RE", "_TRAILING_DASH_RE",
            "_LEADING_DASH_RE", "_FIRST_WORD_RE", "_PARAGRAPH_END_SPECK_RE", "_WORD_SENTENCE_END_RE",
            "_DIGIT_FOR_UMLAUT_RE", "_WIDE_GAP_RE", "_BROKEN_HEAD_RE", "_BROKEN_TAIL_RE", "_LETTERED_ITEM_RE",
            "_VERSE_LINE_RE")
_WATCHED_GERMAN = ("_ABBREVIATIONS_FOLDED", "_LIST_ITEM_RE", "_BLOCK_END_RE", "_KEYWORD_RE", "_CODE_SIGN_RE")


_GET, _GET_GERMAN = operator.itemgetter(*_WATCHED), operator.itemgetter(*_WATCHED_GERMAN)
#: the objects compared at import: a call finds them all still in place (the tuples' comparison
#: looks at identity first: a cheap test) or leaves the stage to Python
_CHECKED, _CHECKED_GERMAN = _GET(globals()), _GET_GERMAN(vars(german))


def _unchanged() -> bool:
    return _GET(globals()) == _CHECKED and _GET_GERMAN(vars(german)) == _CHECKED_GERMAN


#: the kinds by their values (the rows give the value)
_KINDS = {kind.value: kind for kind in Kind}


def _edit(start: int, end: int, before: str, after: str, kind: str, rule: str, confidence: float,
          alternatives: tuple[str, ...]) -> Edit:
    """The edit of a row of ``_core.layout``."""
    kind = _KINDS[kind]
    return Edit(start, end, before, after, kind, rule, confidence, alternatives)
