"""Look-alike glyphs read back: § for $ or 8, l for |, digits for letters inside a number."""

from __future__ import annotations

import regex

from ...edits import Edit
from ...german import inside
from .common import GLYPH, PageStyle, _replace_all, _table_rows, compiled_fix

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


def _py_restore_section_signs(text: str, style: PageStyle) -> list[Edit]:
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


restore_section_signs = compiled_fix(_py_restore_section_signs)


_LITRE_RE = regex.compile(r"(?<=(?:^|\s)\d+(?:[/,.]\d+)? )\|(?= \p{L})", regex.MULTILINE)


def _py_restore_litre_signs(text: str, style: PageStyle) -> list[Edit]:
    """"1/2 | Sahne" → "1/2 l Sahne"."""
    if "|" not in text:
        return []
    tables = _table_rows(text)
    return [e for e in _replace_all(_LITRE_RE, text, "l", GLYPH, "restore_litre_signs", 0.8)
            if not inside(tables, e.start)]


# A number with a letter read for a digit of the same shape ("2O22", "1OO", "1.2OO", "12:3O"): a
# digit, an O, o, I or l, three of them or more, nothing else but separators between digit
# groups; two stay ("O2" is a brand, "l0" may be a label), and so does a token with a letter no
# digit looks like ("B2O", "0x1F").


restore_litre_signs = compiled_fix(_py_restore_litre_signs)


_LETTER_IN_NUMBER_RE = regex.compile(
    r"(?<![\p{L}\p{N}.,:])(?=[OoIl.,:]*\d)(?=[\d.,:]*[OoIl])[\dOoIl]+(?:[.,:][\dOoIl]+)*(?![\p{L}\p{N}])")
MIN_NUMBER_LENGTH = 3
_DIGIT_FOR = str.maketrans("OoIl", "0011")
# ... but a Roman numeral before a section's number stays ("Anlage II.3", "III.2")
_ROMAN_SECTION_RE = regex.compile(r"I+\.\d")


def _py_restore_digits_in_numbers(text: str, style: PageStyle) -> list[Edit]:
    """"bis 2O22", "1.2OO Euro" → "bis 2022", "1.200 Euro": an O or o read for a zero, an I or l
    for a one, inside a number."""
    return [e for e in _replace_all(_LETTER_IN_NUMBER_RE, text, lambda number: number.translate(_DIGIT_FOR),
                                    GLYPH, "restore_digits_in_numbers", 0.9)
            if sum(ch.isalnum() for ch in e.before) >= MIN_NUMBER_LENGTH and not _ROMAN_SECTION_RE.match(e.before)]


restore_digits_in_numbers = compiled_fix(_py_restore_digits_in_numbers)


