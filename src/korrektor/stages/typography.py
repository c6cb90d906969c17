"""Stage *typography*: German quotation marks and dashes from OCR debris.

OCR engines without a German model read „ as ``,`` or ``,,`` and “ as ``"``, ``”``, ``*`` or ``®``;
they read the en dash – as ``-``, ``—`` or ``~``. This stage first decides which style the page
used — „…“, »…« or straight "…" quotes; en dashes or hyphens — from the evidence the whole text
gives, then restores only what fits that style. Straight quotes stay straight, and a page that never
shows an en dash keeps its hyphens. Quotes inside URLs, words (``Bürger*innen``, ``geht's``) and
after numbers (``12"``) are never touched. Three dots stay three dots: an engine reads an ellipsis
so, but typed text writes one so too (the fortune cookies, 70 times; the bench pages set 4 "…").
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain

import regex

from ..edits import Edit, run_fixes
from ..lexicon import ABBREV
from ..rules import Kind, Rule
from . import StageResult
from .layout import code_line_spans, is_list_item

QUOTE, DASH, PUNCTUATION = Kind.QUOTE, Kind.DASH, Kind.PUNCTUATION
SPECK = Kind.SPECK  # OCR debris removed: a mark the page did not have
GLYPH = Kind.GLYPH  # a look-alike glyph read back: § for $, 0 for O in a number, l for |

_URL_RE = regex.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+", regex.I)
# Characters an OCR engine leaves where a double quotation mark was printed.
_QUOTE_CANDIDATE_RE = regex.compile(r",,|''|[„“”\"»«*®]|(?<![\p{L}\p{N}]),(?=\p{L})")
_OPEN_CONTEXT = set(" \t\n([{/–—-")
_CLOSE_CONTEXT = set(" \t\n.,;:!?)]}–—-…")
# A spaced dash read as hyphen, em dash or tilde; also before a comma ("tun -, dann"). At a line's
# start an em dash ("¶— Seien Sie doch mal leise!"); a hyphen or tilde there may be a list's
# bullet (see _LINE_OPENING_HYPHEN_RE).
_DASH_RE = regex.compile(r"(?<=[^\s][ \t])(?:--|[-—~‒―])(?=\s|[,.;:](?:\s|$))|^[ \t]*\K[—―](?=\s)",
                         regex.MULTILINE)
_COMMA_OPENER_RE = regex.compile(r"(?<![\p{L}\p{N}]),(?=\p{L})")
_PARAGRAPH_RE = regex.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


_SPACED_HYPHEN_RE = regex.compile(r"(?<=\s)-(?=\s|[,.;:](?:\s|$))")
_SPACED_DASH_RE = regex.compile(r"–|(?<=\s)[—~](?=\s|[,.;:](?:\s|$))")

# How a page's spaced dashes come out of OCR, and how often a page sets them as en dashes.
# German typesetting sets the Gedankenstrich as an en dash (the corpus has 11,625 spaced en
# dashes and no spaced hyphen in 3,000 speeches); typed text uses " - ". OCR engines read the en
# dash as a hyphen most of the time (Tesseract: 60–80 %), as an em dash or tilde otherwise, and a
# real hyphen almost always as a hyphen.
PRIOR_EN_DASH = 0.8
P_HYPHEN_READ = {"en": 0.7, "hyphen": 0.97}
P_DASH_READ = {"en": 0.3, "hyphen": 0.03}


@dataclass(frozen=True)
class PageStyle:
    quotes: str  # "german", "guillemets", "straight" or "unknown"
    en_dashes: float  # probability that the page set its spaced dashes as en dashes
    dash_threshold: float = 0.5  # restore en dashes above this probability
    printed: bool = True  # the input has the line layout of a printed page (OCR/PDF output)


def _opening(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _OPEN_CONTEXT


def _closing(text: str, j: int) -> bool:
    return j >= len(text) or text[j] in _CLOSE_CONTEXT


# How the engine without a German model reads a page's en dashes depends on the page's font: on
# the bench pages that set en dashes, it read all of them as hyphens or all as em dashes or tildes
# on 44 of 68 pages, and mixed on the rest. A page's hyphens are then one piece of evidence, not
# one each: they count at most this many times.
MAX_CORRELATED_HYPHENS = 2


def en_dash_probability(text: str, printed: bool, correlated: bool = False) -> float:
    """Posterior that the page's spaced dashes are en dashes, from how they were read.

    Text without the line layout of a printed page is taken as typed: its dashes stay as they are.
    ``correlated``: the engine reads all dashes of a page alike (see MAX_CORRELATED_HYPHENS).
    """
    hyphens = len(_SPACED_HYPHEN_RE.findall(text))
    dashes = len(_SPACED_DASH_RE.findall(text))
    if not printed:
        return 0.0
    if correlated:
        hyphens = min(hyphens, MAX_CORRELATED_HYPHENS)
    # in log space: a long document's thousands of readings would underflow both likelihoods
    log_en = math.log(PRIOR_EN_DASH) + hyphens * math.log(P_HYPHEN_READ["en"]) + dashes * math.log(P_DASH_READ["en"])
    log_hy = (math.log(1 - PRIOR_EN_DASH) + hyphens * math.log(P_HYPHEN_READ["hyphen"])
              + dashes * math.log(P_DASH_READ["hyphen"]))
    return 1.0 / (1.0 + math.exp(min(log_hy - log_en, 700.0)))


# a curly quote closing a word, and one opening a word (English quotes open with “)
_CURLY_CLOSER_RE = regex.compile(r"(?<=[\p{L}.,!?])[”“](?=[\s.,;:!?]|$)")
_CURLY_OPENER_RE = regex.compile(r"(?:(?<=\s)|^)[“”](?=\p{L})", regex.MULTILINE)


def detect_style(text: str, printed: bool = True, correlated: bool = False) -> PageStyle:
    german = text.count("„") + text.count(",,")
    german += sum(1 for m in _COMMA_OPENER_RE.finditer(text) if _opening(text, m.start()))
    if "," in text or "„" in text:
        german += sum(1 for _ in _DETACHED_OPENER_RE.finditer(text))
    guillemets = text.count("»") + text.count("«")
    straight = text.count('"')
    if german and german >= guillemets:
        quotes = "german"
    elif guillemets:
        quotes = "guillemets"
    elif straight:
        quotes = "straight"
    elif printed and _CURLY_CLOSER_RE.search(text) and not _CURLY_OPENER_RE.search(text):
        # only closing quotes after words: the page's openers („) were lost or read as a comma
        # or full stop; English quotes would show their opener (“) before a word
        quotes = "german"
    else:
        quotes = "unknown"
    en = en_dash_probability(text, printed, correlated)
    return PageStyle(quotes, en, printed=printed)


def _lacks_umlauts(ctx) -> bool:
    """Was the text read by an engine that could not even emit umlauts?"""
    try:
        return ctx.profile.name == "no-umlauts"
    except (ImportError, OSError):  # no error model: be cautious
        return False


def _dash_threshold(lacks_umlauts: bool) -> float:
    """How sure we must be to restore en dashes: text read by an engine that could not even emit
    umlauts is damaged throughout, so the likelier reading wins; on good OCR we change a dash the
    page itself does not show only on strong evidence (and count its readings as independent,
    which is the cautious view: on the bench, converting the German engine's all-hyphen pages
    would make pages that set hyphens worse)."""
    return 0.5 if lacks_umlauts else 0.9


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "@" not in text and "://" not in text and "www." not in text:
        return []  # the common case, without a regex scan of the whole text
    return [m.span() for m in _URL_RE.finditer(text)]


# the fixes of one run mostly see the same text: the last answer is kept (one tuple, so that
# threads never see a text with another text's spans)
_LAST_PROTECTED: tuple = (None, [])


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """URLs, e-mail addresses and lines of source code (``print("x")``, ``.then(f)``): sorted,
    merged where they overlap."""
    global _LAST_PROTECTED
    last_text, last_spans = _LAST_PROTECTED
    if last_text is text:
        return last_spans
    spans = sorted(_url_spans(text) + code_line_spans(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    _LAST_PROTECTED = (text, merged)
    return merged


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    """Is ``i`` inside one of the sorted, non-overlapping ``spans``?"""
    k = bisect.bisect_right(spans, (i, math.inf)) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _replace_all(pattern, text: str, after: str | Callable[[str], str], kind: Kind, rule: str,
                 confidence: float) -> list[Edit]:
    """Every match of ``pattern`` outside URLs, e-mail addresses and code, replaced by ``after``
    (or by what ``after`` makes of the matched text)."""
    protected = _protected_spans(text)
    make = after if callable(after) else (lambda _: after)
    return [Edit(m.start(), m.end(), m.group(), make(m.group()), kind, rule, confidence)
            for m in pattern.finditer(text) if not _inside(protected, m.start())]


# A double quote opening a word, and one closing a word (an engine reads a closing quote as * or ®
# too, and a quote may close before a hyphen: "„Alle akzeptieren“-Button")
_DOUBLE_OPENER_RE = regex.compile(r'(?:(?<=\s)|^)(?:,,|["“”„»])(?=\p{L})', regex.MULTILINE)
# a closer after a word or its punctuation, or after a damaged one (the engine's star for a closing
# quote, "Telefon*horer*“"); or a closer standing apart at a line's end ("außen «")
_DOUBLE_CLOSER_RE = regex.compile(r'(?<=[\p{L}\p{N}.,!?;:…*\'’)])(?:["“”«*®]|\'\')(?=[\s.,;:!?)\-]|$)'
                                  r'|(?<=\S[ \t])[«“”"](?=[ \t]*$)', regex.MULTILINE)


@dataclass
class QuoteMark:
    """A double quotation mark in a paragraph: does it open or close a quotation, and is its
    partner the mark next to it (see pair_double_quotes)?"""
    match: regex.Match
    opener: bool
    paired: bool = False


def pair_double_quotes(candidates: Iterable[regex.Match],
                       role: Callable[[regex.Match, bool], bool | None]) -> list[QuoteMark]:
    """The double quotation marks among one paragraph's ``candidates`` (matches in text order),
    each an opener or a closer as ``role(match, after_opener)`` says (None: not a quotation mark).

    An opener pairs with a closer right after it: one that meets another opener or the
    paragraph's end first is unpaired, as is a closer after a closer. German double quotes nest
    only where a quotation names a title or term in quotes, and then as a whole: the opener before
    a pair pairs with the closer right after it ("»Was ist mit »Sid«?«"). ``role`` learns whether
    the previous mark opened, because whether a mark closes can depend on it (a star after a word
    is a closer only while a quotation is open)."""
    marks: list[QuoteMark] = []
    for m in candidates:
        after_opener = bool(marks) and marks[-1].opener
        opener = role(m, after_opener)
        if opener is None:
            continue
        paired = after_opener and not opener
        if paired:
            marks[-1].paired = True
        elif (not opener and len(marks) >= 3 and marks[-3].opener and not marks[-3].paired
              and marks[-2].opener and marks[-2].paired and not marks[-1].opener):
            # the outer pair around a nested one: opener, opener, closer, closer
            marks[-3].paired = paired = True
        marks.append(QuoteMark(m, opener, paired=paired))
    return marks


def _double_quote_role(m: regex.Match, after_opener: bool) -> bool:
    """An opener if _DOUBLE_OPENER_RE found ``m``, a closer if _DOUBLE_CLOSER_RE did: their word
    context alone decides, the two never match the same characters."""
    return m.re is _DOUBLE_OPENER_RE


def _opens_direct_speech(text: str, m: regex.Match) -> bool:
    """Does the quote ``m`` stand after a colon in the same paragraph and before a capital?"""
    if not text[m.end():m.end() + 1].isupper():
        return False
    before = text[max(0, m.start() - 8):m.start()]
    said = before.rstrip()
    return said.endswith(":") and before.count("\n", len(said)) <= 1


def remove_unpaired_openers(text: str, style: PageStyle) -> list[Edit]:
    """A double quote before a word that no quote closes in the same paragraph is a speck the
    engine read ("brauchen. "Liebe Kolleginnen", "verhöhnt "den Einsatz"): on the bench pages
    such openers were specks 46 times and real 16 times (most of those closed by a quote the
    engine lost). Not after a colon, before a capital: that opens direct speech (``sagt er: „Ich
    kenne …``), whose closer the engine lost or misread (in the fortune cookies' dialogues 25 such
    openers were real and one a speck; the bench pages have none)."""
    if not style.printed:
        return []
    protected = _protected_spans(text)
    out = []
    for para in _PARAGRAPH_RE.finditer(text):
        candidates = sorted(chain(_DOUBLE_OPENER_RE.finditer(text, para.start(), para.end()),
                                  _DOUBLE_CLOSER_RE.finditer(text, para.start(), para.end())),
                            key=lambda m: m.start())
        # unlike restore_german_quotes, a quote in a URL or code still takes part in the pairing
        # here: it is only never removed
        for mark in pair_double_quotes(candidates, _double_quote_role):
            m = mark.match
            if (mark.opener and not mark.paired and not _inside(protected, m.start())
                    and not _opens_direct_speech(text, m)):
                out.append(Edit(m.start(), m.end(), m.group(), "", QUOTE, "remove_unpaired_openers", 0.7))
    return out


def _german_quote_role(text: str, m: regex.Match, after_opener: bool) -> bool | None:
    """Does the OCR debris ``m`` (a _QUOTE_CANDIDATE_RE match) open a German quotation (True),
    close one (False), or neither (None)? Its neighbours say which: a quote at a word's start
    opens, one at its end closes."""
    s, e, q = m.start(), m.end(), m.group()
    opening, closing = _opening(text, s), _closing(text, e)
    if opening == closing:
        return None  # inside a word or standing alone: the context does not place it
    if opening:
        # « and » belong to the guillemet style; *, ® and '' stand only for a closing quote
        return None if q in ("«", "»", "*", "®", "''") else True
    if q in ("«", "»", ",", ",,", "„"):
        return None
    if not after_opener and (q in ("*", "®", "''") or (s > 0 and text[s - 1].isdigit())):
        return None  # nothing open to close: a footnote star, a trademark, inches or seconds (12")
    return False


# A guillemet opening a quotation that a star closes in the same paragraph: the engine without a
# German model reads a closing « or “ as a star, and on a page that sets „…“ it reads the opener
# „ as » now and then too ("vom »Wir* als", "C-Programm »Falsch* bedeutet" for „Wir“, „Falsch“);
# on such a page a German closer (or a curly or straight one) may close it as well ("lagert.
# »Was?“, denken Sie"). No other quote or paragraph break between the two. (Not ®, which the
# engine reads for a closing quote but also for a ß: "Prinzessin, kü® mich")
_GUILLEMET_OPENING = (r"(?:(?<=\s)|^)»(?=\p{L})(?:[^»«„“”\"*®\n]|\n(?!\s*\n)){1,200}?"
                      r"(?<=[\p{L}\p{N}.,!?])")
_CLOSED_AFTER = r"(?=[\s.,;:!?)\-]|$)"
_STAR_CLOSED_GUILLEMET_RE = regex.compile(_GUILLEMET_OPENING + r"(\*)" + _CLOSED_AFTER, regex.MULTILINE)
_GERMAN_CLOSED_GUILLEMET_RE = regex.compile(_GUILLEMET_OPENING + r"([*“”\"])" + _CLOSED_AFTER,
                                          regex.MULTILINE)


def restore_misread_guillemets(text: str, style: PageStyle) -> list[Edit]:
    """"»Wir* als": the star closes the quotation the guillemet opens. On a page that sets German
    quotes („…“) both marks take that form (also where a German closer closes it: "»Was?“"),
    elsewhere the star becomes «."""
    if "»" not in text or style.quotes not in ("german", "guillemets"):
        return []
    german = style.quotes == "german"
    closer = "“" if german else "«"
    protected = _protected_spans(text)
    out = []
    for m in (_GERMAN_CLOSED_GUILLEMET_RE if german else _STAR_CLOSED_GUILLEMET_RE).finditer(text):
        if _inside(protected, m.start()):
            continue
        if german:
            out.append(Edit(m.start(), m.start() + 1, "»", "„", QUOTE, "restore_misread_guillemets", 0.8))
        if m.group(1) != closer:
            out.append(Edit(m.start(1), m.end(1), m.group(1), closer, QUOTE,
                            "restore_misread_guillemets", 0.8))
    return out


def restore_german_quotes(text: str, style: PageStyle) -> list[Edit]:
    """Pair openers and closers within each paragraph and give them the page's German form."""
    if style.quotes != "german":
        return []
    protected = _protected_spans(text)
    role = partial(_german_quote_role, text)
    out: list[Edit] = []
    for para in _PARAGRAPH_RE.finditer(text):
        # a quote in a URL or code is no quotation mark: it is neither changed nor paired
        candidates = (m for m in _QUOTE_CANDIDATE_RE.finditer(text, para.start(), para.end())
                      if not _inside(protected, m.start()))
        for mark in pair_double_quotes(candidates, role):
            m = mark.match
            new = "„" if mark.opener else "“"
            if m.group() != new:
                out.append(Edit(m.start(), m.end(), m.group(), new, QUOTE, "restore_german_quotes",
                                0.95 if mark.paired else 0.75))
    return out


# the double quotes of a page that sets straight ones: each opens after a space or an opening
# bracket and closes otherwise
_ENGLISH_DOUBLE_RE = regex.compile(r'["“”]')


def straighten_quotes(text: str, style: PageStyle) -> list[Edit]:
    """On a printed page that sets straight double quotes, a curly one is the engine's reading of
    a straight one ("Stiftungsgesetz “Haus der Geschichte""), as long as most of the page's double
    quotes are straight and it is not paired with another curly one (“1.0”: a text that mixes the
    two styles on purpose)."""
    if style.quotes != "straight" or not style.printed:
        return []
    curly = text.count("“") + text.count("”")
    if not curly or text.count('"') < curly:
        return []
    protected = _protected_spans(text)
    out = []
    for para in _PARAGRAPH_RE.finditer(text):
        marks = pair_double_quotes(_ENGLISH_DOUBLE_RE.finditer(text, para.start(), para.end()),
                                   lambda m, _: _opening(text, m.start()))
        for k, mark in enumerate(marks):
            m = mark.match
            if m.group() not in ("“", "”") or _inside(protected, m.start()):
                continue
            if mark.paired and marks[k + 1 if mark.opener else k - 1].match.group() in ("“", "”"):
                continue
            out.append(Edit(m.start(), m.end(), m.group(), '"', QUOTE, "straighten_quotes", 0.8))
    return out


# A hyphen or tilde opening a line before a word: a dash that goes on with the sentence of the line
# before ("gesagt¶- um zehn Jahre") or opens one (the answer to an interjection: "aus.¶¶- Das
# sind keine Mutmaßungen"), unless it is a list's bullet: one after a line ending in a colon, or
# with more bullets before or after it
_LINE_OPENING_HYPHEN_RE = regex.compile(r"(?<=\S[ \t]*\n\s*)[-~](?= [\p{L}„»\"])")
# how far before and after such a hyphen its neighbour lines are looked for
_NEIGHBOUR_REACH = 400


def _opens_sentence(text: str, hyphen: Edit) -> bool:
    """Is the line-opening ``hyphen`` no list's bullet: the line before does not open a list, and
    neither it nor the line after is a list item?"""
    before = text[max(0, hyphen.start - _NEIGHBOUR_REACH):hyphen.start].rstrip().rpartition("\n")[2].strip()
    after = text[hyphen.end:hyphen.end + _NEIGHBOUR_REACH].partition("\n")[2].lstrip()
    # the layout stage's test of a list item, which keeps such lines apart
    return not (before.endswith(":") or is_list_item(before) or is_list_item(after))


# A page that shows a spaced "--" more than once was typed so ("-- Goethe" under each quotation of
# a collection): the engine reads a dash as two hyphens now and then (once on 8 of the 400 bench
# pages, never twice), a typist writes one so every time; and whoever typed "--" typed a hyphen
# for a dash too, so the page's dashes all stay as they are.
_DOUBLE_HYPHEN_RE = regex.compile(r"(?<=\s)--(?=\s)")
MAX_DOUBLE_HYPHEN_READINGS = 1


def restore_en_dashes(text: str, style: PageStyle) -> list[Edit]:
    """A spaced hyphen, em dash or tilde is an en dash on a page that uses en dashes; so is a hyphen
    or tilde opening a line, unless a list's bullet (see _opens_sentence)."""
    if style.en_dashes <= style.dash_threshold:
        return []
    if "--" in text and len(_DOUBLE_HYPHEN_RE.findall(text)) > MAX_DOUBLE_HYPHEN_READINGS:
        return []
    edits = _replace_all(_DASH_RE, text, "–", DASH, "restore_en_dashes", style.en_dashes)
    if "-" in text or "~" in text:
        opening = [e for e in _replace_all(_LINE_OPENING_HYPHEN_RE, text, "–", DASH, "restore_en_dashes",
                                           style.en_dashes) if _opens_sentence(text, e)]
        edits = sorted(edits + opening, key=lambda e: e.start) if opening else edits
    return edits


_CONJUNCTIONS = "und|oder|bis|bzw|wie|als|noch|sowie|statt|beziehungsweise"
# ... except between two capitalised words inside a sentence ("alle Mainframe- Hersteller",
# "Device- Name"): there it is most often a compound's hyphen whose line break was joined with a
# space (text extracted from PDFs, re-flowed files), and the space goes (join_compound_hyphens).
# The specks the engine reads follow function words, verbs and adjectives ("ein- Treffen",
# "bindet- Recht").
_NOUN_INSIDE_SENTENCE = r"(?<![.!?:…][\"“”»«’]?\s*|\A\s*)\b\p{Lu}\p{Ll}{3,}"
_STRAY_HYPHEN_RE = regex.compile(
    rf"(?<=\p{{Ll}})(?!(?<={_NOUN_INSIDE_SENTENCE})- \p{{Lu}}\p{{Ll}})"
    rf"- (?!(?:{_CONJUNCTIONS})\b)(?=\p{{L}})")
_COMPOUND_HYPHEN_SPACE_RE = regex.compile(
    rf"(?<=(?<={_NOUN_INSIDE_SENTENCE})-) (?!(?i:{_CONJUNCTIONS})\b)(?=\p{{Lu}}\p{{Ll}})")
_STRAY_OPENER_RE = regex.compile(r"(?<=\s|^|\p{L})‘(?=\p{L})")


# A hyphen glued to the front of a noun after a lower-case word ("die -Zertifikate") or of a
# lower-case word ("wo -sich", "umsetzt, -wenn") opens the second part of a suspended compound
# only after a conjunction ("Bundes- und -Länderebene"); nor does a sentence start with one
# ("habe. -Deswegen").
_GLUED_HYPHEN_RE = regex.compile(
    rf"(?<=(?<!\b(?:{_CONJUNCTIONS}))(?<=\p{{Ll}}) )-(?=\p{{Lu}}\p{{Ll}})"
    rf"|(?<=(?<!\b(?:{_CONJUNCTIONS}))(?<=[\p{{L}},;:]) )-(?=\p{{Ll}}{{2,}}\b)"
    r"|(?<=[.!?] )-(?=\p{Lu}\p{Ll})")


def join_compound_hyphens(text: str, style: PageStyle) -> list[Edit]:
    """"alle Mainframe- Hersteller" -> "Mainframe-Hersteller": a hyphen between two capitalised
    words inside a sentence, followed by a space, joins a compound whose line break became a
    space."""
    if "- " not in text:
        return []
    return _replace_all(_COMPOUND_HYPHEN_SPACE_RE, text, "", DASH, "join_compound_hyphens", 0.7)


def remove_stray_hyphens(text: str, style: PageStyle) -> list[Edit]:
    """"ein- Treffen": a hyphen with a space after it is a suspended compound only before a
    conjunction ("Ein- und Ausfuhr"); elsewhere it is a speck the OCR engine read, as is one glued
    to the front of a noun ("die -Zertifikate")."""
    return sorted(_replace_all(_STRAY_HYPHEN_RE, text, " ", SPECK, "remove_stray_hyphens", 0.7)
                  + _replace_all(_GLUED_HYPHEN_RE, text, "", SPECK, "remove_stray_hyphens", 0.7),
                  key=lambda e: e.start)


# An opening quote the engine set apart from its word: a low comma, two of them or a „ standing
# alone before a word ("sagte: , Wir müssen … schützen“", "dass ,, die Vielfalt“"), which a closer
# after a word closes in the same paragraph with no other quotation mark between. Standing alone,
# such a mark looks like a speck (remove_specks would drop it, and the quotation with it); the
# closer shows what it was. A single comma has a space before it in OCR output often enough ("Haus
# , und"): it counts only after a colon (direct speech) or before a capital.
_QUOTED_RUN = r"(?:[^,„“”\"»«*®\n]|,(?!,)|\n(?![ \t]*\n)){0,300}?(?<=[\p{L}\p{N}.,!?…])[“”\"*®](?=[\s.,;:!?)\-]|$)"
_DETACHED_OPENER_RE = regex.compile(
    r"(?:(?<=\s)|^)(?:,,|„|(?<=:[ \t]*),|,(?=[ \t]\p{Lu}))[ \t](?=\p{L}" + _QUOTED_RUN + ")", regex.MULTILINE)
# An opener and a closer with nothing between them ("ein ,,“ mit" for "ein „ü“ mit"): the engine
# lost what was quoted (a letter or a sign), not the quotation marks, which tell the reader so.
_EMPTY_QUOTATION_RE = regex.compile(r"(?:(?<=\s)|^)(?:,,[“”\"]|„[”\"])(?=\s|[.,;:!?)]|$)", regex.MULTILINE)


def attach_detached_openers(text: str, style: PageStyle) -> list[Edit]:
    """"sagte: , Wir müssen … schützen“" → "sagte: „Wir müssen … schützen“"; "ein ,,“ mit" →
    "ein „“ mit". Runs before remove_specks, which would take either for specks."""
    if style.quotes not in ("german", "unknown"):
        return []
    return (_replace_all(_DETACHED_OPENER_RE, text, "„", QUOTE, "attach_detached_openers", 0.8)
            + _replace_all(_EMPTY_QUOTATION_RE, text, "„“", QUOTE, "attach_detached_openers", 0.8))


# A chunk of nothing but these, standing alone after a word, is a speck the engine read: German
# prose attaches punctuation to a word, and none of these stands alone in a sentence. Quotes and
# commas count only before a word (a lone quote at a line end may be a real closing quote). Braces
# and backslashes stand alone in source code, whose lines are left alone (see _protected_spans).
_SPECK_RE = regex.compile(
    # (not an ellipsis, typed text's "Und dann ... nichts", nor an empty quotation: see
    # attach_detached_openers)
    r"(?<=[\p{L}\p{N},.;:!?)“»«]) (?!\.\.\.(?:\s|$)|„“)"
    r"(?:[:;._|°©*‘{}\\]{1,3}(?=\s|$)|[:;._|°©*'‘’\"”“„,]{1,3}(?= [\p{L}„»(]))"
    # a lone lower-case letter, between words or after the last sentence of a paragraph ("… ernst.
    # i\n\nZunächst"): no German word, and an abbreviation has its full stop ("z. B."). The corpus
    # has about 50 in 87 M characters, besides "à", "a" (French, English) and "x" ("NO x"), which
    # stay, as does "n" between words, the count of technical prose ("ein Polygon mit n Punkten")
    r"|(?<=[\p{L},.;:!?]) [b-mo-wyzé](?= \p{L})|(?<=[.!?]) [b-wyzé](?=\n|\Z)"
    # a dash after the last sentence of a paragraph ("schämen. -\n\nWenn"): a dash that follows a
    # sentence opens the next one, in the same paragraph (on the bench pages 20 such dashes were
    # specks, 5 real, those where the engine saw a paragraph break the page did not have)
    r"|(?<=[.!?…][“”\"»«’]?) [-–—~](?=[ \t]*(?:\n[ \t]*\n|\Z))"
    # the same at the start of a line: before a lower-case word, the rest of a sentence torn from
    # its line by the page layout ("wurde\n\n_ oder nicht"); before any word at the start of a
    # paragraph ("\n\n~ Da kann man"). A list bullet (*, -, •), a table's "|" and an ellipsis stay.
    r"|^[_|°©‘]{1,3} (?=\p{Ll})|(?:(?<=\n\n)|\A)(?:[_°~'’‘]{1,2}|\.(?!\.)) (?=\p{L})"
    # a full stop, an underscore or a tilde glued to the front of a word: no German word starts
    # with one (".der erste", "_Aber", "~entscheiden"); a file name's extension does (_Extensions)
    r"|(?<=[ \t])[._~](?=\p{Ll}{2}|\p{Lu}\p{Ll})",
    regex.MULTILINE)


# three single letters or more, one space apart: a letter-spaced word ("g e s p e r r t"), perhaps
# in quotes or brackets
LETTER_SPACED_RE = regex.compile(r"(?<![\p{L}\p{N}])\p{L}(?: \p{L}){2,}(?![\p{L}\p{N}])")


# a line with two or more "|" is a table row: its bars are cell borders, not specks
_TABLE_ROW_RE = regex.compile(r"(?m)^[^\n|]*\|[^\n|]*\|.*$")


def _table_rows(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that are table rows."""
    return [m.span() for m in _TABLE_ROW_RE.finditer(text)] if "|" in text else []


def remove_specks(text: str, style: PageStyle) -> list[Edit]:
    """"Wir haben : heute": drop punctuation standing alone between words (and one space)."""
    if not style.printed:
        return []
    tables = _table_rows(text)
    specks = _replace_all(_SPECK_RE, text, "", SPECK, "remove_specks", 0.8)
    spaced = [m.span() for m in LETTER_SPACED_RE.finditer(text)]
    if spaced:  # a letter-spaced word is no row of specks: the words stage joins it
        specks = [e for e in specks if not _inside(spaced, e.end - 1)]
    if any(e.before == "." for e in specks):
        extensions = _Extensions(text)
        specks = [e for e in specks if not (e.before == "." and extensions.named(e.start))]
    return [e for e in specks if not _inside(tables, e.start)]


# The full stop of a file name's extension (lower-case) glued to the front of a word. A speck falls
# where it will, a document repeats its terms: the name goes on with a dot or a hyphen
# (".tar.gz", ".dsc-Datei"), or the text names the same extension twice, or two of them close
# together (".dsc und .changes"; on the bench pages, no two of the full stops glued before a word,
# most of them specks, stand this near).
_GLUED_STOP_WORD_RE = regex.compile(r"(?<=\s)\.(\p{Ll}\w*)([.-]\w)?")
_NEAR_EXTENSION = 30  # characters between two glued full stops


class _Extensions:
    def __init__(self, text: str):
        found = [(m.start(), m.group(1), m.group(2) is not None) for m in _GLUED_STOP_WORD_RE.finditer(text)]
        counts = Counter(word for _, word, _ in found)
        self._starts = [start for start, _, _ in found]
        self._named = {start: goes_on or counts[word] >= 2 for start, word, goes_on in found}

    def named(self, start: int) -> bool:
        """Is the full stop at ``start`` an extension's (see above)?"""
        named = self._named.get(start)
        if named is None:
            return False  # not before a lower-case word
        k = bisect.bisect_left(self._starts, start)  # the full stop's own place in _starts
        return named or any(0 <= j < len(self._starts) and abs(self._starts[j] - start) <= _NEAR_EXTENSION
                            for j in (k - 1, k + 1))


# A single quotation mark glued to a double one ("wirksam‘“") or ending an infinitive or plural
# ("haben’ ihre") is OCR debris unless a single quotation was opened shortly before: by ‚ or ‘,
# by a straight ', or by a comma standing for one (,Identitären’). Glued to a double quote it needs two openers
# before it, the double one's and its own („‚Herumdoktern‘“); OCR reads „ as a comma too.
_GLUED_SINGLE_RE = regex.compile(r"(?P<glued>‘(?=[“”\"])|(?<=[“”\"])‘)|(?<=\p{Ll}\p{Ll}en)’(?=\s)")
_OPENER_RE = regex.compile(r",,|[„‚‘»]|(?<![\p{L}\p{N}])[,'](?=\p{L})")
# how far back (within the paragraph) an opener is looked for
_SINGLE_QUOTE_REACH = 120


def openers_before(text: str, i: int) -> int:
    """How many quotations may have opened shortly before offset ``i``, in its paragraph: a single
    quotation mark there may close one of them (see _OPENER_RE)."""
    before = text[max(0, i - _SINGLE_QUOTE_REACH):i].rpartition("\n\n")[2]
    return len(_OPENER_RE.findall(before))


def remove_glued_single_quotes(text: str, style: PageStyle) -> list[Edit]:
    """Drop ‘ and ’ that no single quotation explains (see _GLUED_SINGLE_RE)."""
    if not style.printed:
        return []
    protected = _protected_spans(text)
    out = []
    for m in _GLUED_SINGLE_RE.finditer(text):
        s = m.start()
        if _inside(protected, s) or openers_before(text, s) >= (2 if m.group("glued") else 1):
            continue
        out.append(Edit(s, m.end(), m.group(), "", QUOTE, "remove_glued_single_quotes", 0.8))
    return out


# A low single quote opens a quotation within a quotation, which closes with ‘ in the same
# paragraph; one that nothing closes is a speck the engine read ("dieser ‚Impfung", "Impf‚stoff").
_LOW_SINGLE_RE = regex.compile(r"‚(?:(?<=(?:^|\s)‚) (?=\p{L}))?")
_SINGLE_CLOSER_RE = regex.compile(r"[‘’']")
# how far (within the paragraph) a closing ‘ is looked for
_LOW_SINGLE_REACH = 400


def remove_unpaired_low_quotes(text: str, style: PageStyle) -> list[Edit]:
    if "‚" not in text:
        return []
    protected = _protected_spans(text)
    out = []
    for m in _LOW_SINGLE_RE.finditer(text):
        after = text[m.end():m.end() + _LOW_SINGLE_REACH].partition("\n\n")[0]
        if not _inside(protected, m.start()) and not _SINGLE_CLOSER_RE.search(after):
            out.append(Edit(m.start(), m.end(), m.group(), "", QUOTE, "remove_unpaired_low_quotes", 0.8))
    return out


# a ’ closing an English-style quotation: after a word or its punctuation, not inside a word
_SINGLE_CLOSING_RE = regex.compile(r"(?<=[\p{L}\p{N}.,;:!?])’(?!\p{L})")


# On a printed page, a straight single quote or a square bracket before a word that nothing closes
# in the same paragraph is a speck as well ("diesen Anträgen 'getan", "[Ihnen"); what closes each:
# (not the apostrophe of a spoken elision: "nach 'ner Stunde", "so 's eben")
_STRAIGHT_SINGLE_OPENER_RE = regex.compile(r"(?:(?<=\s)|^)(?:'(?!(?:s|n|ne|nem|nen|ner|nes)\b)|\[)(?=\p{L})",
                                           regex.MULTILINE)
_CLOSERS = {"'": regex.compile(r"(?<=[\p{L}\p{N}.,;:!?])'(?!\p{L})"), "[": regex.compile(r"\]")}


def remove_stray_openers(text: str, style: PageStyle) -> list[Edit]:
    """German typesetting never opens a quotation with ‘ (it opens with ‚ or „), and no word
    contains one; before or inside a word it is a speck the OCR engine read, unless a ’ closes it
    in the same paragraph (text that uses ‘…’ quotes itself). So is ' or [ before a word on a
    printed page, unless closed."""
    out = []
    for e in _replace_all(_STRAY_OPENER_RE, text, "", QUOTE, "remove_stray_openers", 0.8) if "‘" in text else []:
        after = text[e.end:e.end + _LOW_SINGLE_REACH].partition("\n\n")[0]
        if not _SINGLE_CLOSING_RE.search(after):
            out.append(e)
    if style.printed and ("'" in text or "[" in text):
        for e in _replace_all(_STRAIGHT_SINGLE_OPENER_RE, text, "", QUOTE, "remove_stray_openers", 0.7):
            after = text[e.end:e.end + _LOW_SINGLE_REACH].partition("\n\n")[0]
            if not _CLOSERS[e.before].search(after):
                out.append(e)
    return sorted(out, key=lambda e: e.start)


# The German engine reads the section sign as a dollar sign (7 of the 9 "§" on the bench pages it
# read). German prose puts no dollar sign before a spaced number ("100 $", "US-$"): "$ 219a" and
# "$$ 3 und 4" cite sections.
_SECTION_SIGN_RE = regex.compile(r"(?<![\p{L}\p{N}$/-])(?:\$\$|\$)(?= \d)")


# ... and as an 8: "8 96 des Bundesvertriebenengesetzes", "in 8 138 Telekommunikationsgesetz",
# "8 4 Absatz 7" (3 of the German engine's bench pages). A count is no section: the 8 must stand
# before a section's number that a paragraph, a sentence or a law follows.
_EIGHT_SECTION_RE = regex.compile(
    r"(?<=^|\s)(?:88|8)(?= \d+[a-z]?,? (?:Abs\.|Absatz|Satz|S\.|Nr\.|\p{Lu}{2,}\w*\b"
    r"|\p{Lu}\p{Ll}*(?:gesetz|ordnung|buch)\w*|des \p{Lu}\p{Ll}*(?:gesetzes|ordnung|buche?s)\b))",
    regex.MULTILINE)


def restore_section_signs(text: str, style: PageStyle) -> list[Edit]:
    """"$ 219a StGB", "8 4 Absatz 7" → "§ 219a StGB", "§ 4 Absatz 7"."""
    edits = []
    signs = lambda found: "§" * len(found)  # noqa: E731  ("$$", "88": §§)
    if "$" in text:
        edits += _replace_all(_SECTION_SIGN_RE, text, signs, GLYPH, "restore_section_signs", 0.9)
    if "8" in text:
        edits += _replace_all(_EIGHT_SECTION_RE, text, signs, GLYPH, "restore_section_signs", 0.8)
    return sorted(edits, key=lambda e: e.start)


# "1/2 | Sahne": a bar standing alone after a count and before a word is the unit litre, its l read
# as "|" (in the recipes of the fortune cookies every such bar was one; a speck read as a bar
# stands anywhere, and remove_specks drops it)
_LITRE_RE = regex.compile(r"(?<=(?:^|\s)\d+(?:[/,.]\d+)? )\|(?= \p{L})", regex.MULTILINE)


def restore_litre_signs(text: str, style: PageStyle) -> list[Edit]:
    """"1/2 | Sahne" → "1/2 l Sahne"."""
    if "|" not in text:
        return []
    tables = _table_rows(text)
    return [e for e in _replace_all(_LITRE_RE, text, "l", GLYPH, "restore_litre_signs", 0.8)
            if not _inside(tables, e.start)]


# two marks after a word where prose writes one ("wichtig..", "einebnen,. Das"): a speck read as
# the second (not an ellipsis, and not in a URL or code)
_DOUBLED_MARK_RE = regex.compile(r"(?<=\p{L})(?:\.\.|,\.|\.,)(?![.,])(?P<next>\s*\S?)")


# the word before a full stop that abbreviates it, so that a comma may follow ("usw.,", "in M.,
# wo", "Chr.,"): a single letter or a known abbreviation
_WORD_BEFORE_RE = regex.compile(r"\p{L}+$")
_ABBREVIATIONS = ABBREV | {"etc", "Chr", "Jhd", "Str"}


def remove_doubled_marks(text: str, style: PageStyle) -> list[Edit]:
    """"zusammenkommen..", "Expressdienste,. wie": keep one mark, the one the next word wants: a
    full stop before a capital or a paragraph's end, a comma before a lower-case word. An
    abbreviation's full stop before a comma is no doubled mark ("usw., alle")."""
    if not style.printed:
        return []
    protected = _protected_spans(text)
    out = []
    for m in _DOUBLED_MARK_RE.finditer(text):
        if _inside(protected, m.start()):
            continue
        if m.group().startswith(".,"):
            word = _WORD_BEFORE_RE.search(text, max(0, m.start() - 20), m.start())
            if word and (len(word.group()) == 1 or word.group() in _ABBREVIATIONS):
                continue
        nxt = m.group("next").strip()
        mark = "," if nxt[:1].islower() and m.group()[:2] != ".." else "."
        out.append(Edit(m.start(), m.start() + 2, m.group()[:2], mark, PUNCTUATION, "remove_doubled_marks", 0.8))
    return out


# A number with a letter read for a digit of the same shape ("2O22", "1OO", "1.2OO", "12:3O"): a
# digit, an O, o, I or l, three of them or more, nothing else but separators between digit
# groups; two stay ("O2" is a brand, "l0" may be a label), and so does a token with a letter no
# digit looks like ("B2O", "0x1F").
_LETTER_IN_NUMBER_RE = regex.compile(
    r"(?<![\p{L}\p{N}.,:])(?=[OoIl.,:]*\d)(?=[\d.,:]*[OoIl])[\dOoIl]+(?:[.,:][\dOoIl]+)*(?![\p{L}\p{N}])")
MIN_NUMBER_LENGTH = 3
_DIGIT_FOR = str.maketrans("OoIl", "0011")


def restore_digits_in_numbers(text: str, style: PageStyle) -> list[Edit]:
    """"bis 2O22", "1.2OO Euro" → "bis 2022", "1.200 Euro": an O or o read for a zero, an I or l
    for a one, inside a number."""
    return [e for e in _replace_all(_LETTER_IN_NUMBER_RE, text, lambda number: number.translate(_DIGIT_FOR),
                                    GLYPH, "restore_digits_in_numbers", 0.9)
            if sum(ch.isalnum() for ch in e.before) >= MIN_NUMBER_LENGTH]


#: The fixes in the order they run; each sees the text as the previous ones left it.
FIXES = (attach_detached_openers, remove_stray_openers, remove_unpaired_low_quotes, restore_litre_signs, remove_specks,
         remove_doubled_marks, remove_glued_single_quotes, remove_unpaired_openers,
         restore_misread_guillemets, restore_german_quotes, straighten_quotes, restore_en_dashes,
         remove_stray_hyphens, join_compound_hyphens, restore_section_signs, restore_digits_in_numbers)


def run(text: str, ctx) -> StageResult:
    lacks_umlauts = _lacks_umlauts(ctx)
    style = replace(detect_style(text, ctx.printed_layout, correlated=lacks_umlauts),
                    dash_threshold=_dash_threshold(lacks_umlauts))
    return StageResult(tuple(run_fixes(text, FIXES, style, skip=ctx.config.skip_rules)))


#: The rules of this stage (one per fix, named like it), in the order the fixes run.
RULES = (
    Rule("attach_detached_openers", QUOTE, "An opening quote set apart from its word („ or two commas, or a "
         "comma after a colon) becomes „ glued to the word, where a closer closes it in the paragraph.",
         ("Er sagte: , Wir müssen die Umwelt schützen“, und ging.\nDanach war es still.",
          "Er sagte: „Wir müssen die Umwelt schützen“, und ging. Danach war es still."),
         "Er sagte: „Wir müssen die Umwelt schützen“, und ging."),
    Rule("remove_stray_openers", QUOTE, "A ‘ before or inside a word that no ’ closes is a speck and is "
         "removed; on a printed page so are ' and [ before a word that nothing closes.",
         ("Wir sehen ‘unsere Aufgabe und\nmachen weiter.", "Wir sehen unsere Aufgabe und machen weiter."),
         "Wir sehen ‘unsere’ Aufgabe und machen weiter."),
    Rule("remove_unpaired_low_quotes", QUOTE, "A low single quote ‚ that no single quote closes in its "
         "paragraph is a speck and is removed.",
         ("Von dieser ‚Impfung profitiert nur die\nPharmalobby, sagte sie.",
          "Von dieser Impfung profitiert nur die Pharmalobby, sagte sie."),
         "Von dieser ‚Impfung‘ profitiert nur die Pharmalobby, sagte sie."),
    Rule("restore_litre_signs", GLYPH, "A bar standing alone after a count and before a word is the unit "
         "litre, its l read as |.",
         ("Dazu braucht man 250 g Joghurt und\n1/2 | Wasser, sagte sie.",
          "Dazu braucht man 250 g Joghurt und 1/2 l Wasser, sagte sie."),
         "Das ist die | Grenze."),
    Rule("remove_specks", SPECK, "On a printed page, OCR debris is removed: punctuation standing alone between "
         "words, a lone lower-case letter, a dash after a paragraph's last sentence, a mark glued to the front "
         "of a word (not an ellipsis, a file's extension or a letter-spaced word).",
         ("Wir haben : heute viel\nerreicht und wollen\nweiter.", "Wir haben heute viel erreicht und wollen weiter."),
         "Wir haben heute viel erreicht ... und wollen weiter."),
    Rule("remove_doubled_marks", PUNCTUATION, "Two marks after a word where prose writes one (\"..\", \",.\", "
         "\".,\") become the one the next word wants; an abbreviation's full stop before a comma stays.",
         ("Das wollen wir zusammen erreichen..\nDann gehen wir weiter und\nsehen uns wieder.",
          "Das wollen wir zusammen erreichen. Dann gehen wir weiter und sehen uns wieder."),
         "Das wollen wir erreichen, usw., sagte sie."),
    Rule("remove_glued_single_quotes", QUOTE, "A single quote glued to a double one, or ending an infinitive "
         "or plural, is removed unless a single quotation was opened shortly before.",
         ("Sie nannte das\n„kaum wirksam‘“ und\nging weiter.", "Sie nannte das „kaum wirksam“ und ging weiter."),
         "Er lehnt ein „‚Herumdoktern‘“ am Steuerrecht ab."),
    Rule("remove_unpaired_openers", QUOTE, "On a printed page, a double quote before a word that no quote "
         "closes in its paragraph is a speck and is removed (not one that opens direct speech after a colon).",
         ("Wir brauchen das. \"Liebe Kolleginnen und Kollegen,\nwir sehen das anders, sagte sie.",
          "Wir brauchen das. Liebe Kolleginnen und Kollegen, wir sehen das anders, sagte sie."),
         "Er sagte: „Ich komme morgen“, und ging."),
    Rule("restore_misread_guillemets", QUOTE, "A » whose quotation a star closes (\"»Wir*\") is restored: as "
         "„…“ on a page that sets German quotes, as »…« on one that sets guillemets.",
         ("Ich spreche vom »Wir* als Gesellschaft, und „das“ ist gut.",
          "Ich spreche vom „Wir“ als Gesellschaft, und „das“ ist gut."),
         "Ein Stern* hier bleibt, sagte sie."),
    Rule("restore_german_quotes", QUOTE, "On a page that sets German quotes, OCR readings of „ and “ (, ,, \" ” "
         "* ®) are paired within each paragraph and given their German form.",
         ("Er nannte es ,,einen Erfolg\" und\nlächelte dabei.", "Er nannte es „einen Erfolg“ und lächelte dabei."),
         "Er nannte es „einen Erfolg“ und lächelte dabei."),
    Rule("straighten_quotes", QUOTE, "On a printed page that sets straight double quotes, a curly one is the "
         "engine's reading of a straight one (unless paired with another curly one).",
         ("Das Gesetz heißt \"Haus der Zukunft\" und\nwir nennen es “Haus der Zukunft\", wie\ndas \"Amt\" es will.",
          "Das Gesetz heißt \"Haus der Zukunft\" und wir nennen es \"Haus der Zukunft\", wie das \"Amt\" es will."),
         "Er zitiert “1.0” und \"2.0\" zusammen."),
    Rule("restore_en_dashes", DASH, "A spaced hyphen, em dash or tilde becomes an en dash on a page that "
         "sets en dashes (judged from the whole page); typed text keeps its hyphens.",
         ("Das ist – wie gesagt – richtig,\nund das ist - wie gesagt -\nauch gut.",
          "Das ist – wie gesagt – richtig, und das ist – wie gesagt – auch gut."),
         "Das ist - wie gesagt - richtig."),
    Rule("remove_stray_hyphens", SPECK, "A hyphen followed by a space (not before a conjunction), or glued to "
         "the front of a word after a lower-case one, is a speck: it is removed.",
         ("Das ist ein- Treffen der Gruppe\nund die Ein- und Ausfuhr\nbleibt.",
          "Das ist ein Treffen der Gruppe und die Ein- und Ausfuhr bleibt."),
         "Die Ein- und Ausfuhr bleibt."),
    Rule("join_compound_hyphens", DASH, "A hyphen and a space between two capitalised words inside a sentence "
         "is a compound whose line break became a space: the space goes.",
         ("Alle Mainframe- Hersteller sind\nda, und wir sehen\ndas gerne.",
          "Alle Mainframe-Hersteller sind da, und wir sehen das gerne."),
         "Die Bundes- und Landesregierung ist da."),
    Rule("restore_section_signs", GLYPH, "A section sign read as a dollar sign before a spaced number, or as "
         "an 8 before a section's number that a paragraph or a law follows, becomes §.",
         ("Nach $ 219a StGB ist das verboten.", "Nach § 219a StGB ist das verboten."),
         "Das kostet 100 $ oder 5 US-$."),
    Rule("restore_digits_in_numbers", GLYPH, "An O or o read for a zero, an I or l for a one, inside a number "
         "of three characters or more, becomes the digit.",
         ("Im Jahr 2O2O wurden 1OO Stellen vergeben.", "Im Jahr 2020 wurden 100 Stellen vergeben."),
         "Der O2-Tarif und das Modell B2O bleiben."),
)
