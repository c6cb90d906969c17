"""Dashes: en dashes restored on a page that sets them, stray hyphens removed, compounds joined."""

from __future__ import annotations

import regex

from ...edits import Edit
from ...german import SUSPENDED_COMPOUND_CONJUNCTION_ALTERNATION, is_list_item
from .common import DASH, SPECK, PageStyle, _replace_all, compiled_fix

# A spaced dash read as hyphen, em dash or tilde; also before a comma ("tun -, dann"). At a line's
# start an em dash ("¶— Seien Sie doch mal leise!"); a hyphen or tilde there may be a list's
# bullet (see _LINE_OPENING_HYPHEN_RE).
_DASH_RE = regex.compile(r"(?<=[^\s][ \t])(?:--|[-—~‒―])(?=\s|[,.;:](?:\s|$))|^[ \t]*\K[—―](?=\s)",
                         regex.MULTILINE)


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


def _py_restore_en_dashes(text: str, style: PageStyle) -> list[Edit]:
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


# A hyphen and a space is a suspended compound's before a conjunction ("Ein- und Ausfuhr", "Ein- statt
# Ausfuhr"), one glued to a word after one ("Bundes- und -Länderebene"); elsewhere a speck ...


restore_en_dashes = compiled_fix(_py_restore_en_dashes)


_CONJUNCTIONS = SUSPENDED_COMPOUND_CONJUNCTION_ALTERNATION
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


# A hyphen glued to the front of a noun after a lower-case word ("die -Zertifikate") or of a
# lower-case word ("wo -sich", "umsetzt, -wenn") opens the second part of a suspended compound
# only after a conjunction ("Bundes- und -Länderebene"); nor does a sentence start with one
# ("habe. -Deswegen").
_GLUED_HYPHEN_RE = regex.compile(
    rf"(?<=(?<!\b(?:{_CONJUNCTIONS}))(?<=\p{{Ll}}) )-(?=\p{{Lu}}\p{{Ll}})"
    rf"|(?<=(?<!\b(?:{_CONJUNCTIONS}))(?<=[\p{{L}},;:]) )-(?=\p{{Ll}}{{2,}}\b)"
    r"|(?<=[.!?] )-(?=\p{Lu}\p{Ll})")


def _py_join_compound_hyphens(text: str, style: PageStyle) -> list[Edit]:
    """"alle Mainframe- Hersteller" -> "Mainframe-Hersteller": a hyphen between two capitalised
    words inside a sentence, followed by a space, joins a compound whose line break became a
    space."""
    if "- " not in text:
        return []
    return _replace_all(_COMPOUND_HYPHEN_SPACE_RE, text, "", DASH, "join_compound_hyphens", 0.7)


join_compound_hyphens = compiled_fix(_py_join_compound_hyphens)


def _py_remove_stray_hyphens(text: str, style: PageStyle) -> list[Edit]:
    """"ein- Treffen": a hyphen with a space after it is a suspended compound only before a
    conjunction ("Ein- und Ausfuhr"); elsewhere it is a speck the OCR engine read, as is one glued
    to the front of a noun ("die -Zertifikate")."""
    return sorted(_replace_all(_STRAY_HYPHEN_RE, text, " ", SPECK, "remove_stray_hyphens", 0.7)
                  + _replace_all(_GLUED_HYPHEN_RE, text, "", SPECK, "remove_stray_hyphens", 0.7),
                  key=lambda e: e.start)


remove_stray_hyphens = compiled_fix(_py_remove_stray_hyphens)


