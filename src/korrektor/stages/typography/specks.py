"""Specks: punctuation the engine read where the page had none, and doubled marks."""

from __future__ import annotations

import bisect
from collections import Counter

import regex

from ...edits import Edit
from ...german import ABBREVIATIONS_BEFORE_COMMA, LETTER_SPACED_RE, inside, protected_spans
from .common import PUNCTUATION, SPECK, PageStyle, _replace_all, _table_rows, compiled_fix

# A chunk of nothing but these, standing alone after a word, is a speck the engine read: German
# prose attaches punctuation to a word, and none of these stands alone in a sentence. Quotes and
# commas count only before a word (a lone quote at a line end may be a real closing quote). Braces
# and backslashes stand alone in source code, whose lines are left alone (see protected_spans).
_SPECK_RE = regex.compile(
    # (not an ellipsis, typed text's "Und dann ... nichts", nor an empty quotation: see
    # attach_detached_openers)
    r"(?<=[\p{L}\p{N},.;:!?)“»«]) (?!\.\.\.(?:\s|$)|„“)"
    r"(?:[:;._|°©*‘{}\\]{1,3}(?=\s|$)|[:;._|°©*'‘’\"”“„,]{1,3}(?= [\p{L}„»(]))"
    # a lone lower-case letter, between words or after the last sentence of a paragraph ("… ernst.
    # i\n\nZunächst"): no German word, and an abbreviation has its full stop ("z. B."). The corpus
    # has about 50 in 87 M characters, besides "à", "a" (French, English) and "x" ("NO x"), which
    # stay, as does "n" between words, the count of technical prose ("ein Polygon mit n Punkten"),
    # and "o", the interjection of poetry and older prose ("o Mondschein, o Nacht")
    # Not the law's letters of a list ("Buchstabe b", "Buchstaben a bis d", "a, b und d")
    r"|(?<=[\p{L},.;:!?])(?<!\bBuchstaben?|\b[a-z] (?:bis|und|oder|sowie)|\b[a-z],) [b-mp-wyzé](?= \p{L})"
    r"|(?<=[.!?]) [b-np-wyzé](?=\n|\Z)"
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


def _py_remove_specks(text: str, style: PageStyle) -> list[Edit]:
    """"Wir haben : heute": drop punctuation standing alone between words (and one space)."""
    if not style.printed:
        return []
    tables = _table_rows(text)
    specks = _replace_all(_SPECK_RE, text, "", SPECK, "remove_specks", 0.8)
    spaced = [m.span() for m in LETTER_SPACED_RE.finditer(text)]
    if spaced:  # a letter-spaced word is no row of specks: the words stage joins it
        specks = [e for e in specks if not inside(spaced, e.end - 1)]
    if any(e.before == "." for e in specks):
        extensions = _Extensions(text)
        specks = [e for e in specks if not (e.before == "." and extensions.named(e.start))]
    return [e for e in specks if not inside(tables, e.start)]


# The full stop of a file name's extension (lower-case) glued to the front of a word. A speck falls
# where it will, a document repeats its terms: the name goes on with a dot or a hyphen
# (".tar.gz", ".dsc-Datei"), or the text names the same extension twice, or two of them close
# together (".dsc und .changes"; on the bench pages, no two of the full stops glued before a word,
# most of them specks, stand this near).


remove_specks = compiled_fix(_py_remove_specks)


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


# two marks after a word where prose writes one ("wichtig..", "einebnen,. Das"): a speck read as
# the second (not an ellipsis, and not in a URL or code)
_DOUBLED_MARK_RE = regex.compile(r"(?<=\p{L})(?:\.\.|,\.|\.,)(?![.,])(?P<next>\s*\S?)")


# the word before a full stop that abbreviates it, so that a comma may follow ("usw.,", "in M.,
# wo", "Chr.,"): a single letter or a known abbreviation (korrektor.german.ABBREVIATIONS_BEFORE_COMMA)
_WORD_BEFORE_RE = regex.compile(r"\p{L}+$")


def _py_remove_doubled_marks(text: str, style: PageStyle) -> list[Edit]:
    """"zusammenkommen..", "Expressdienste,. wie": keep one mark, the one the next word wants: a
    full stop before a capital or a paragraph's end, a comma before a lower-case word. An
    abbreviation's full stop before a comma is no doubled mark ("usw., alle")."""
    if not style.printed:
        return []
    protected = protected_spans(text)
    out = []
    for m in _DOUBLED_MARK_RE.finditer(text):
        if inside(protected, m.start()):
            continue
        if m.group().startswith(".,"):
            word = _WORD_BEFORE_RE.search(text, max(0, m.start() - 20), m.start())
            if word and (len(word.group()) == 1 or word.group() in ABBREVIATIONS_BEFORE_COMMA):
                continue
        nxt = m.group("next").strip()
        mark = "," if nxt[:1].islower() and m.group()[:2] != ".." else "."
        out.append(Edit(m.start(), m.start() + 2, m.group()[:2], mark, PUNCTUATION, "remove_doubled_marks", 0.8))
    return out


remove_doubled_marks = compiled_fix(_py_remove_doubled_marks)


