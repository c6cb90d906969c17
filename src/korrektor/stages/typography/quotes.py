"""Double and single quotation marks: German „…“ restored from OCR debris, straight quotes kept
straight, and quotes that no quotation explains removed as specks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from itertools import chain

import regex

from ...edits import Edit
from ...german import inside, protected_spans
from .common import _PARAGRAPH_RE, QUOTE, PageStyle, _closing, _opening, _replace_all, compiled_fix

# Characters an OCR engine leaves where a double quotation mark was printed.
_QUOTE_CANDIDATE_RE = regex.compile(r",,|''|[„“”\"»«*®]|(?<![\p{L}\p{N}]),(?=\p{L})")


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


def _py_remove_unpaired_openers(text: str, style: PageStyle) -> list[Edit]:
    """A double quote before a word that no quote closes in the same paragraph is a speck the
    engine read ("brauchen. "Liebe Kolleginnen", "verhöhnt "den Einsatz"): on the bench pages
    such openers were specks 46 times and real 16 times (most of those closed by a quote the
    engine lost). Not after a colon, before a capital: that opens direct speech (``sagt er: „Ich
    kenne …``), whose closer the engine lost or misread (in the fortune cookies' dialogues 25 such
    openers were real and one a speck; the bench pages have none)."""
    if not style.printed:
        return []
    protected = protected_spans(text)
    out = []
    for para in _PARAGRAPH_RE.finditer(text):
        candidates = sorted(chain(_DOUBLE_OPENER_RE.finditer(text, para.start(), para.end()),
                                  _DOUBLE_CLOSER_RE.finditer(text, para.start(), para.end())),
                            key=lambda m: m.start())
        # unlike restore_german_quotes, a quote in a URL or code still takes part in the pairing
        # here: it is only never removed
        for mark in pair_double_quotes(candidates, _double_quote_role):
            m = mark.match
            if (mark.opener and not mark.paired and not inside(protected, m.start())
                    and not _opens_direct_speech(text, m)):
                out.append(Edit(m.start(), m.end(), m.group(), "", QUOTE, "remove_unpaired_openers", 0.7))
    return out


remove_unpaired_openers = compiled_fix(_py_remove_unpaired_openers)


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


def _py_restore_misread_guillemets(text: str, style: PageStyle) -> list[Edit]:
    """"»Wir* als": the star closes the quotation the guillemet opens. On a page that sets German
    quotes („…“) both marks take that form (also where a German closer closes it: "»Was?“"),
    elsewhere the star becomes «."""
    if "»" not in text or style.quotes not in ("german", "guillemets"):
        return []
    german = style.quotes == "german"
    closer = "“" if german else "«"
    protected = protected_spans(text)
    out = []
    for m in (_GERMAN_CLOSED_GUILLEMET_RE if german else _STAR_CLOSED_GUILLEMET_RE).finditer(text):
        if inside(protected, m.start()):
            continue
        if german:
            out.append(Edit(m.start(), m.start() + 1, "»", "„", QUOTE, "restore_misread_guillemets", 0.8))
        if m.group(1) != closer:
            out.append(Edit(m.start(1), m.end(1), m.group(1), closer, QUOTE,
                            "restore_misread_guillemets", 0.8))
    return out


restore_misread_guillemets = compiled_fix(_py_restore_misread_guillemets)


def _py_restore_german_quotes(text: str, style: PageStyle) -> list[Edit]:
    """Pair openers and closers within each paragraph and give them the page's German form."""
    if style.quotes != "german":
        return []
    protected = protected_spans(text)
    role = partial(_german_quote_role, text)
    # typed text (no printed page's line layout) that sets „ and “ itself chose its straight
    # quotes: a file name, a command, a value ("disk.img", "0"), which are neither changed nor paired
    typed_straight = style.typed_german_quotes
    out: list[Edit] = []
    for para in _PARAGRAPH_RE.finditer(text):
        # a quote in a URL or code is no quotation mark: it is neither changed nor paired
        candidates = (m for m in _QUOTE_CANDIDATE_RE.finditer(text, para.start(), para.end())
                      if not inside(protected, m.start()) and not (typed_straight and m.group() == '"'))
        for mark in pair_double_quotes(candidates, role):
            m = mark.match
            new = "„" if mark.opener else "“"
            if m.group() != new:
                out.append(Edit(m.start(), m.end(), m.group(), new, QUOTE, "restore_german_quotes",
                                0.95 if mark.paired else 0.75))
    return out


# the double quotes of a page that sets straight ones: each opens after a space or an opening
# bracket and closes otherwise


restore_german_quotes = compiled_fix(_py_restore_german_quotes)


_ENGLISH_DOUBLE_RE = regex.compile(r'["“”]')


def _py_straighten_quotes(text: str, style: PageStyle) -> list[Edit]:
    """On a printed page that sets straight double quotes, a curly one is the engine's reading of
    a straight one ("Stiftungsgesetz “Haus der Geschichte""), as long as most of the page's double
    quotes are straight and it is not paired with another curly one (“1.0”: a text that mixes the
    two styles on purpose)."""
    if style.quotes != "straight" or not style.printed:
        return []
    curly = text.count("“") + text.count("”")
    if not curly or text.count('"') < curly:
        return []
    protected = protected_spans(text)
    out = []
    for para in _PARAGRAPH_RE.finditer(text):
        marks = pair_double_quotes(_ENGLISH_DOUBLE_RE.finditer(text, para.start(), para.end()),
                                   lambda m, _: _opening(text, m.start()))
        for k, mark in enumerate(marks):
            m = mark.match
            if m.group() not in ("“", "”") or inside(protected, m.start()):
                continue
            if mark.paired and marks[k + 1 if mark.opener else k - 1].match.group() in ("“", "”"):
                continue
            out.append(Edit(m.start(), m.end(), m.group(), '"', QUOTE, "straighten_quotes", 0.8))
    return out


# An opening quote the engine set apart from its word: a low comma, two of them or a „ standing
# alone before a word ("sagte: , Wir müssen … schützen“", "dass ,, die Vielfalt“"), which a closer
# after a word closes in the same paragraph with no other quotation mark between. Standing alone,
# such a mark looks like a speck (remove_specks would drop it, and the quotation with it); the
# closer shows what it was. A single comma has a space before it in OCR output often enough ("Haus
# , und"): it counts only after a colon (direct speech) or before a capital.


straighten_quotes = compiled_fix(_py_straighten_quotes)


_QUOTED_RUN = r"(?:[^,„“”\"»«*®\n]|,(?!,)|\n(?![ \t]*\n)){0,300}?(?<=[\p{L}\p{N}.,!?…])[“”\"*®](?=[\s.,;:!?)\-]|$)"
_DETACHED_OPENER_RE = regex.compile(
    r"(?:(?<=\s)|^)(?:,,|„|(?<=:[ \t]*),|,(?=[ \t]\p{Lu}))[ \t](?=\p{L}" + _QUOTED_RUN + ")", regex.MULTILINE)
# An opener and a closer with nothing between them ("ein ,,“ mit" for "ein „ü“ mit"): the engine
# lost what was quoted (a letter or a sign), not the quotation marks, which tell the reader so.
_EMPTY_QUOTATION_RE = regex.compile(r"(?:(?<=\s)|^)(?:,,[“”\"]|„[”\"])(?=\s|[.,;:!?)]|$)", regex.MULTILINE)


def _py_attach_detached_openers(text: str, style: PageStyle) -> list[Edit]:
    """"sagte: , Wir müssen … schützen“" → "sagte: „Wir müssen … schützen“"; "ein ,,“ mit" →
    "ein „“ mit". Runs before remove_specks, which would take either for specks."""
    if style.quotes not in ("german", "unknown"):
        return []
    return (_replace_all(_DETACHED_OPENER_RE, text, "„", QUOTE, "attach_detached_openers", 0.8)
            + _replace_all(_EMPTY_QUOTATION_RE, text, "„“", QUOTE, "attach_detached_openers", 0.8))


# A single quotation mark glued to a double one ("wirksam‘“") or ending an infinitive or plural
# ("haben’ ihre") is OCR debris unless a single quotation was opened shortly before: by ‚ or ‘,
# by a straight ', or by a comma standing for one (,Identitären’). Glued to a double quote it needs two openers
# before it, the double one's and its own („‚Herumdoktern‘“); OCR reads „ as a comma too.


attach_detached_openers = compiled_fix(_py_attach_detached_openers)


_GLUED_SINGLE_RE = regex.compile(r"(?P<glued>‘(?=[“”\"])|(?<=[“”\"])‘)|(?<=\p{Ll}\p{Ll}en)’(?=\s)")
_OPENER_RE = regex.compile(r",,|[„‚‘»]|(?<![\p{L}\p{N}])[,'](?=\p{L})")
# how far back (within the paragraph) an opener is looked for
_SINGLE_QUOTE_REACH = 120


def openers_before(text: str, i: int) -> int:
    """How many quotations may have opened shortly before offset ``i``, in its paragraph: a single
    quotation mark there may close one of them (see _OPENER_RE)."""
    before = text[max(0, i - _SINGLE_QUOTE_REACH):i].rpartition("\n\n")[2]
    return len(_OPENER_RE.findall(before))


def _py_remove_glued_single_quotes(text: str, style: PageStyle) -> list[Edit]:
    """Drop ‘ and ’ that no single quotation explains (see _GLUED_SINGLE_RE)."""
    if not style.printed:
        return []
    protected = protected_spans(text)
    out = []
    for m in _GLUED_SINGLE_RE.finditer(text):
        s = m.start()
        if inside(protected, s) or openers_before(text, s) >= (2 if m.group("glued") else 1):
            continue
        out.append(Edit(s, m.end(), m.group(), "", QUOTE, "remove_glued_single_quotes", 0.8))
    return out


# A low single quote opens a quotation within a quotation, which closes with ‘ in the same
# paragraph; one that nothing closes is a speck the engine read ("dieser ‚Impfung", "Impf‚stoff").


remove_glued_single_quotes = compiled_fix(_py_remove_glued_single_quotes)


_LOW_SINGLE_RE = regex.compile(r"‚(?:(?<=(?:^|\s)‚) (?=\p{L}))?")
_SINGLE_CLOSER_RE = regex.compile(r"[‘’']")
# how far (within the paragraph) a closing ‘ is looked for
_LOW_SINGLE_REACH = 400


def _py_remove_unpaired_low_quotes(text: str, style: PageStyle) -> list[Edit]:
    if "‚" not in text:
        return []
    protected = protected_spans(text)
    out = []
    for m in _LOW_SINGLE_RE.finditer(text):
        after = text[m.end():m.end() + _LOW_SINGLE_REACH].partition("\n\n")[0]
        if not inside(protected, m.start()) and not _SINGLE_CLOSER_RE.search(after):
            out.append(Edit(m.start(), m.end(), m.group(), "", QUOTE, "remove_unpaired_low_quotes", 0.8))
    return out


# a ‘ before or inside a word (see remove_stray_openers)


remove_unpaired_low_quotes = compiled_fix(_py_remove_unpaired_low_quotes)


_STRAY_OPENER_RE = regex.compile(r"(?<=\s|^|\p{L})‘(?=\p{L})")
# a ’ closing an English-style quotation: after a word or its punctuation, not inside a word
_SINGLE_CLOSING_RE = regex.compile(r"(?<=[\p{L}\p{N}.,;:!?])’(?!\p{L})")


# On a printed page, a straight single quote or a square bracket before a word that nothing closes
# in the same paragraph is a speck as well ("diesen Anträgen 'getan", "[Ihnen"); what closes each:
# (not the apostrophe of a spoken elision: "nach 'ner Stunde", "so 's eben")
_STRAIGHT_SINGLE_OPENER_RE = regex.compile(r"(?:(?<=\s)|^)(?:'(?!(?:s|n|ne|nem|nen|ner|nes)\b)|\[)(?=\p{L})",
                                           regex.MULTILINE)
_CLOSERS = {"'": regex.compile(r"(?<=[\p{L}\p{N}.,;:!?])'(?!\p{L})"), "[": regex.compile(r"\]")}


def _py_remove_stray_openers(text: str, style: PageStyle) -> list[Edit]:
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


remove_stray_openers = compiled_fix(_py_remove_stray_openers)


