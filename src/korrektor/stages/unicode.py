"""Stage *unicode*: encoding damage that hides the real characters.

Each fix is a small named function returning changes against the stage input. They run one after
another on the running text, so later fixes see the earlier ones' output.
"""

from __future__ import annotations

import operator
import unicodedata

import regex

from .. import _core
from ..edits import Edit, run_fixes
from ..errormodel import _PY_SEARCH
from ..rules import Kind, Rule
from . import StageResult

KIND = Kind.UNICODE

# Ligatures that PDF extraction leaves in the text; Unicode calls them compatibility characters.
LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}
_LIGATURE_RE = regex.compile("[" + "".join(LIGATURES) + "]")

# C0/C1 controls other than tab, newline, carriage return and form feed (handled on their own),
# plus zero-width characters that OCR and PDF tools leave between letters.
_CONTROL_RE = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff]+")

# A soft hyphen at a line end marks a hyphenation break: the layout stage joins those lines.
_SOFT_HYPHEN_RE = regex.compile(r"\u00ad(?![ \t]*\n)")

_FORM_FEED_RE = regex.compile(r"\s*\f[\s\f]*")
# three full stops with single spaces between them (and the space TeX sets before a closing bracket)
_SPACED_ELLIPSIS_RE = regex.compile(r"(?<!\.)\. \. \.(?! ?\.)(?: (?=[)\]]))?")

# Mojibake: UTF-8 read as Latin-1/cp1252 leaves "Ã" or "Â" followed by another high character.
_MOJIBAKE_HINT_RE = regex.compile(r"[ÃÂâ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                                  r"\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
                                  r"\u2039\u203a\u20ac\u2122]")
_LINE_RE = regex.compile(r"[^\n]+")


def fix_line_breaks(text: str) -> list[Edit]:
    """Windows and old Mac line ends become ``\\n``."""
    return [Edit(m.start(), m.end(), m.group(), "\n", KIND, "fix_line_breaks")
            for m in regex.finditer(r"\r\n?", text)]


def remove_control_characters(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), m.group(), "", KIND, "remove_control_characters")
            for m in _CONTROL_RE.finditer(text)]


def fix_form_feeds(text: str) -> list[Edit]:
    """A page break is a paragraph break (layout decides later whether it tore a sentence)."""
    out = []
    for m in _FORM_FEED_RE.finditer(text):
        if m.start() == 0:
            after = ""
        elif m.end() == len(text):
            after = "\n" if "\n" in m.group() else ""
        else:
            after = "\n\n"
        if m.group() != after:
            out.append(Edit(m.start(), m.end(), m.group(), after, KIND, "fix_form_feeds"))
    return out


def join_spaced_ellipsis(text: str) -> list[Edit]:
    """``. . .`` → ``…``: TeX sets an ellipsis as three spaced full stops (``\\ldots``), which
    extraction gives as such, and a later stage would take two of them for specks."""
    return [Edit(m.start(), m.end(), m.group(), "…", KIND, "join_spaced_ellipsis")
            for m in _SPACED_ELLIPSIS_RE.finditer(text)]


def remove_soft_hyphens(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), m.group(), "", KIND, "remove_soft_hyphens")
            for m in _SOFT_HYPHEN_RE.finditer(text)]


def expand_ligatures(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), m.group(), LIGATURES[m.group()], KIND, "expand_ligatures")
            for m in _LIGATURE_RE.finditer(text)]


# The long s of blackletter and older Antiqua, which a Fraktur OCR model keeps: an s (as Unicode's
# compatibility mapping has it), and with z the ligature that German prints for ß ("daſz")
_LONG_S_RE = regex.compile("\u017fz|\u017f")


def expand_long_s(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), m.group(), "ß" if len(m.group()) == 2 else "s", KIND, "expand_long_s")
            for m in _LONG_S_RE.finditer(text)]


def fix_mojibake(text: str) -> list[Edit]:
    """``fÃ¼r`` → ``für``: only lines that show the pattern are handed to ftfy."""
    if not _MOJIBAKE_HINT_RE.search(text):
        return []
    import ftfy

    out = []
    for m in _LINE_RE.finditer(text):
        line = m.group()
        if not _MOJIBAKE_HINT_RE.search(line):
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed == line:
            continue
        # report the smallest differing span, not the whole line
        p = 0
        while p < min(len(line), len(fixed)) and line[p] == fixed[p]:
            p += 1
        q = 0
        while q < min(len(line), len(fixed)) - p and line[-1 - q] == fixed[-1 - q]:
            q += 1
        out.append(Edit(m.start() + p, m.end() - q, line[p:len(line) - q], fixed[p:len(fixed) - q],
                        KIND, "fix_mojibake", 0.95))
    return out


def normalize_nfc(text: str) -> list[Edit]:
    """Compose decomposed characters (``u`` + combining diaeresis → ``ü``) per grapheme cluster."""
    if unicodedata.is_normalized("NFC", text):
        return []
    out = []
    for m in regex.finditer(r"\X", text):
        g = m.group()
        n = unicodedata.normalize("NFC", g)
        if n != g:
            out.append(Edit(m.start(), m.end(), g, n, KIND, "normalize_nfc"))
    return out


# PDF extraction of text set with TeX's accent commands (\"u) or with a font that draws the
# accent as a glyph of its own leaves the accent as a spacing character beside its letter:
# "Gr¨unen", "m¨ussen", "¨Ubung" (pdftotext), sometimes after it ("Gru¨nen"); other tools leave
# a combining accent after a space ("fu ̈r"). No German text writes a diaeresis on its own; an
# acute it does, typed for an apostrophe ("geht´s", "wie´s", "hol ´ne"), so an acute goes only
# onto the vowel after it inside a word ("Caf´e").
SPACING_ACCENTS = {"\u00a8": "\u0308", "\u00b4": "\u0301"}  # diaeresis, acute
_VOWELS = frozenset("aeiouyAEIOUY")
_ACUTE_CONSONANTS = frozenset("nczNCZ")
# an acronym's last letter with its diaeresis, which the extractor set apart after a space
# ("FP ¨O", "SP ¨O-Chef"): not before a word's other letters ("die ¨Anderungen")
_ACRONYM_BEFORE_RE = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}{1,4} $")
_LOOSE_ACCENT_RE = regex.compile(r"(\p{L})?([\u00a8\u00b4])(\p{L})?")
_COMBINING_AFTER_SPACE_RE = regex.compile(r"(\p{L}) (\p{Mn})")


def _composed(letter: str | None, accent: str) -> str | None:
    """The one letter that the vowel ``letter`` with the combining ``accent`` makes, if any; with
    an acute, the consonants of Polish names too ("Kaczy´nski"), not an s ("Wie´s geht")."""
    if letter not in _VOWELS and not (accent == "\u0301" and letter in _ACUTE_CONSONANTS):
        return None
    one = unicodedata.normalize("NFC", letter + accent)
    return one if len(one) == 1 else None


def attach_loose_accents(text: str) -> list[Edit]:
    """``Gr¨unen`` → ``Grünen``, ``Gru¨nen`` → ``Grünen``, ``fu ̈r`` → ``für``: an accent that PDF
    extraction set beside its letter goes back onto it, where the two make one letter.

    A spacing accent that makes a letter with both neighbours ("Ba¨ume") goes to the side the
    document's other loose accents go to where only one side makes a letter ("¨Ubung",
    "Gru¨nen"); before the letter when nothing tells (TeX's order, the usual one)."""
    out = []
    if "\u00a8" in text or "\u00b4" in text:
        found = []  # (match, letter with the accent after it, letter with the accent before it)
        for m in _LOOSE_ACCENT_RE.finditer(text):
            accent = SPACING_ACCENTS[m.group(2)]
            if accent == "\u0308":
                found.append((m, _composed(m.group(3), accent), _composed(m.group(1), accent)))
            elif m.group(1):  # an acute inside a word, never at its start ("hol ´ne", "gib ´em")
                found.append((m, _composed(m.group(3), accent), None))
        first = sum(1 for _, nxt, prev in found if nxt and not prev)
        last = sum(1 for _, nxt, prev in found if prev and not nxt)
        for m, nxt, prev in found:
            if nxt and (first >= last or not prev):
                start = m.start(2)
                if (nxt.isupper() and not text[m.end(3):m.end(3) + 1].isalpha()
                        and _ACRONYM_BEFORE_RE.search(text, max(0, start - 6), start)):
                    start -= 1  # the space the extractor set between the acronym's letters
                out.append(Edit(start, m.end(3), text[start:m.end(3)], nxt, KIND, "attach_loose_accents"))
            elif prev:
                out.append(Edit(m.start(1), m.end(2), text[m.start(1):m.end(2)], prev, KIND, "attach_loose_accents"))
    for m in _COMBINING_AFTER_SPACE_RE.finditer(text):
        letter = _composed(m.group(1), m.group(2))
        if letter is not None:
            out.append(Edit(m.start(), m.end(), m.group(), letter, KIND, "attach_loose_accents"))
    # the two kinds share a letter only in odd input ("¨u ̈"): the first edit keeps it
    kept, end = [], -1
    for e in sorted(out, key=lambda e: e.start):
        if e.start >= end:
            kept.append(e)
            end = e.end
    return kept


#: The fixes in the order they run.
FIXES = (
    fix_mojibake,
    fix_line_breaks,
    remove_control_characters,
    fix_form_feeds,
    join_spaced_ellipsis,
    remove_soft_hyphens,
    expand_ligatures,
    expand_long_s,
    attach_loose_accents,
    normalize_nfc,
)


def run(text: str, ctx) -> StageResult:
    """The fixes' changes; none without running them where the compiled test
    (``_core.unicode_untouched``, ``rust/src/unicode.rs``) finds nothing for any fix to do (most
    texts), its patterns being the module's (compared at import; at each call, that none was
    replaced since, nor ``FIXES``). Else, and with ``KORREKTOR_PY_SEARCH=1``, :func:`_py_run`."""
    if _CORE_AGREES and _unchanged() and _core.unicode_untouched(text):
        return StageResult()
    return _py_run(text, ctx)


def _py_run(text: str, ctx) -> StageResult:
    """The fixes one after another (the reference the compiled test is checked against)."""
    return StageResult(tuple(run_fixes(text, FIXES, skip=ctx.config.skip_rules)))


# ---------------------------------------------------------------------------------------------
# the compiled test

#: the patterns the compiled test stands for, by name
_PATTERNS = ("_CONTROL_RE", "_SOFT_HYPHEN_RE", "_FORM_FEED_RE", "_SPACED_ELLIPSIS_RE", "_MOJIBAKE_HINT_RE",
             "_LONG_S_RE", "_LOOSE_ACCENT_RE", "_COMBINING_AFTER_SPACE_RE")


def _core_agrees() -> bool:
    """Does the compiled test stand for the module's patterns, ligatures and fixes? Not with
    ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "unicode_untouched"):
        return False
    there = _core.unicode_constants()
    here = {name: globals()[name].pattern for name in _PATTERNS}
    here["LIGATURES"] = "".join(LIGATURES)
    fixes = (fix_mojibake, fix_line_breaks, remove_control_characters, fix_form_feeds, join_spaced_ellipsis,
             remove_soft_hyphens, expand_ligatures, expand_long_s, attach_loose_accents, normalize_nfc)
    return (there == here and _LIGATURE_RE.pattern == "[" + "".join(LIGATURES) + "]" and FIXES == fixes
            and unicodedata.unidata_version == _core._pystr_unicode_version())


_CORE_AGREES = _core_agrees()
_WATCHED = ("FIXES", "LIGATURES", "_LIGATURE_RE") + _PATTERNS
_GET = operator.itemgetter(*_WATCHED)
#: the objects compared at import: a call finds them all still in place (the tuple's comparison
#: looks at identity first) or leaves the stage to Python
_CHECKED = _GET(globals())


def _unchanged() -> bool:
    return _GET(globals()) == _CHECKED


#: The rules of this stage (one per fix, named like it), in the order they run.
RULES = (
    Rule("fix_mojibake", KIND, "UTF-8 text that was read as Latin-1 or cp1252 (mojibake) is decoded again, "
         "line by line where the pattern shows (ftfy).",
         ("Mittel fÃ¼r die Schulen", "Mittel für die Schulen"), "Mittel für die Schulen in São Paulo"),
    Rule("fix_line_breaks", KIND, "Windows (CR LF) and old Mac (CR) line ends become a line feed.",
         ("Erste Zeile.\r\n\r\nZweiter Absatz.", "Erste Zeile.\n\nZweiter Absatz."),
         "Erste Zeile.\n\nZweiter Absatz."),
    Rule("remove_control_characters", KIND, "Control characters (but tab and line ends) and zero-width "
         "characters between letters are removed.",
         ("Der Antrag\x07 wird angenommen.", "Der Antrag wird angenommen."), "Der Antrag wird angenommen.\tJa."),
    Rule("fix_form_feeds", KIND, "A page break (form feed) becomes a paragraph break; layout decides later "
         "whether it tore a sentence.",
         ("Der Antrag wird angenommen.\n\fSeite zwei beginnt hier.",
          "Der Antrag wird angenommen.\n\nSeite zwei beginnt hier."),
         "Der Antrag wird angenommen.\n\nSeite zwei beginnt hier."),
    Rule("join_spaced_ellipsis", KIND, "Three full stops with spaces between them (TeX's ellipsis, as extracted from a "
         "PDF) become an ellipsis.",
         ("Er sagte (. . . ) nichts, und dann . . . ging er.", "Er sagte (…) nichts, und dann … ging er."),
         "Er sagte nichts ... und ging. Das Ende. Punkt. Aus."),
    Rule("remove_soft_hyphens", KIND, "Soft hyphens inside a line are removed (one at a line end is left "
         "for layout, which joins the word).",
         ("Die Ver\u00adwaltung arbeitet.", "Die Verwaltung arbeitet."), "Die Verwaltung arbeitet."),
    Rule("expand_ligatures", KIND, "Ligature characters that PDF extraction leaves (ﬁ, ﬂ, ﬀ, …) become "
         "their letters.",
         ("Die Deﬁnition ist oﬀen.", "Die Definition ist offen."), "Die Definition ist offen."),
    Rule("expand_long_s", KIND, "The long s (ſ) that a Fraktur OCR model keeps becomes s, and ſz, the "
         "blackletter ligature for ß, becomes ß.",
         ("Er wuſste, daſz es ſo iſt.", "Er wusste, daß es so ist."), "Das Maß ist voll, und es ist so."),
    Rule("attach_loose_accents", KIND, "An accent that PDF extraction set beside its vowel (¨ or ´ next "
         "to it, a combining mark after a space) goes back onto it, an acute onto the n, c or z of a Polish name "
         "too, and an acronym's last letter joins its others (FP ¨O → FPÖ); an acute typed for an apostrophe stays.",
         ("Die Gr¨unen stimmen zu.", "Die Grünen stimmen zu."), "Wie´s geht? Gibt´s was?"),
    Rule("normalize_nfc", KIND, "Decomposed characters (a letter and a combining mark) are composed (NFC).",
         ("Gru\u0308ße aus Ko\u0308ln", "Grüße aus Köln"), "Grüße aus Köln"),
)
