"""Stage *typography*: German quotation marks and dashes from OCR debris.

OCR engines without a German model read „ as ``,`` or ``,,`` and “ as ``"``, ``”``, ``*`` or ``®``;
they read the en dash – as ``-``, ``—`` or ``~``. This stage first decides which style the page
used — „…“, »…« or straight "…" quotes; en dashes or hyphens — from the evidence the whole text
gives, then restores only what fits that style. Straight quotes stay straight, and a page that never
shows an en dash keeps its hyphens. Quotes inside URLs, words (``Bürger*innen``, ``geht's``) and
after numbers (``12"``) are never touched. Three dots stay three dots: an engine reads an ellipsis
so, but typed text writes one so too (the fortune cookies, 70 times; the bench pages set 4 "…").

The fixes live in the package's modules: ``style`` (the page's style), ``quotes``, ``dashes``,
``specks`` (and doubled marks), ``glyphs`` (§, l, digits), and ``common`` (what they share). This
module runs them in the order of FIXES and registers their RULES; what the stage knows of German
text beyond itself (URLs, code lines, abbreviations, conjunctions) is korrektor.german's.

The stage runs compiled (``_core.typography``, ``rust/src/typography/``: the style and all the fixes
in one call, with the same edits to the confidence's bit), where the core's patterns and constants
are this package's (compared at import) and none of them was replaced since; else in Python
(``_py_run``, and each fix's ``_py_<name>``: the reference, also with ``KORREKTOR_PY_SEARCH=1``).
"""

from __future__ import annotations

import copy
import operator
from dataclasses import replace
from itertools import chain

import regex

from ... import _core, german
from ...edits import run_fixes
from ...errormodel import _PY_SEARCH
from ...german import LETTER_SPACED_RE  # noqa: F401  (imported from here before korrektor.german held it)
from ...rules import Rule
from .. import StageResult
from . import common, dashes, glyphs, quotes, specks
from . import style as _style
from .common import DASH, GLYPH, PUNCTUATION, QUOTE, SPECK, PageStyle, _edit  # noqa: F401
from .dashes import join_compound_hyphens, remove_stray_hyphens, restore_en_dashes
from .glyphs import restore_digits_in_numbers, restore_litre_signs, restore_section_signs
from .quotes import (QuoteMark, attach_detached_openers, openers_before, pair_double_quotes,  # noqa: F401
                     remove_glued_single_quotes, remove_stray_openers, remove_unpaired_low_quotes,
                     remove_unpaired_openers, restore_german_quotes, restore_misread_guillemets, straighten_quotes)
from .specks import remove_doubled_marks, remove_specks
from .style import _dash_threshold, _lacks_umlauts, detect_style, en_dash_probability  # noqa: F401

__all__ = ["FIXES", "RULES", "run", "PageStyle", "detect_style", "en_dash_probability", "openers_before",
           "pair_double_quotes", "QuoteMark", "LETTER_SPACED_RE"]

#: The fixes in the order they run; each sees the text as the previous ones left it.
FIXES = (attach_detached_openers, remove_stray_openers, remove_unpaired_low_quotes, restore_litre_signs, remove_specks,
         remove_doubled_marks, remove_glued_single_quotes, remove_unpaired_openers,
         restore_misread_guillemets, restore_german_quotes, straighten_quotes, restore_en_dashes,
         remove_stray_hyphens, join_compound_hyphens, restore_section_signs, restore_digits_in_numbers)


def run(text: str, ctx) -> StageResult:
    """The stage in one compiled call (``_core.typography``, ``rust/src/typography/``: the style
    and the sixteen fixes, no Python between them) where the core can answer, else
    :func:`_py_run`."""
    lacks_umlauts = _lacks_umlauts(ctx)
    printed = ctx.printed_layout
    skip = ctx.config.skip_rules
    if (type(text) is str and type(printed) is bool and type(lacks_umlauts) is bool and _compiled_now()
            and all(type(name) is str for name in skip)):
        rows = _core.typography(text, printed, lacks_umlauts, list(skip))
        if rows is not None:  # None: a lone surrogate
            return StageResult(tuple(_edit(*row) for row in rows))
    return _py_run(text, ctx)


def _py_run(text: str, ctx) -> StageResult:
    """The stage in Python: the page's style, then FIXES one after another (each of which asks
    the core itself where it can, see common.compiled_fix)."""
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
         "Der O2-Tarif, das Modell B2O und die Anlage II.3 bleiben."),
)



# ---------------------------------------------------------------------------------------------
# the compiled stage: its patterns and constants compared with this package's at import

#: what the compiled stage takes from the package's modules: each module's patterns, constants
#: and fixes as they were at import (a test or tuning run that replaces one gets Python's answers)
_MODULES = {"german": german, "common": common, "style": _style, "quotes": quotes, "dashes": dashes,
            "specks": specks, "glyphs": glyphs}
_CONSTANTS = ((_style, ("PRIOR_EN_DASH", "P_HYPHEN_READ", "P_DASH_READ", "MAX_CORRELATED_HYPHENS")),
              (dashes, ("MAX_DOUBLE_HYPHEN_READINGS", "_NEIGHBOUR_REACH", "_CONJUNCTIONS") + tuple(
                  f.__name__ for f in FIXES if f.__module__ == dashes.__name__)),
              (glyphs, ("MIN_NUMBER_LENGTH", "_DIGIT_FOR") + tuple(
                  f.__name__ for f in FIXES if f.__module__ == glyphs.__name__)),
              (quotes, ("_SINGLE_QUOTE_REACH", "_LOW_SINGLE_REACH", "_CLOSERS") + tuple(
                  f.__name__ for f in FIXES if f.__module__ == quotes.__name__)),
              (specks, ("_NEAR_EXTENSION", "ABBREVIATIONS_BEFORE_COMMA", "LETTER_SPACED_RE") + tuple(
                  f.__name__ for f in FIXES if f.__module__ == specks.__name__)),
              (common, ("_OPEN_CONTEXT", "_CLOSE_CONTEXT")),
              (german, ("SUSPENDED_COMPOUND_CONJUNCTION_ALTERNATION", "ABBREVIATIONS_BEFORE_COMMA", "protected_spans",
                        "is_list_item")))


def _patterns() -> list[tuple[object, str]]:
    """(module, name) of each pattern the core matches by hand."""
    return [(_MODULES[module], name) for module, name, *_ in _core.typography_patterns()]


def _snapshot() -> tuple:
    """The objects the compiled stage was checked against: FIXES, the patterns, the constants and
    the fixes themselves (compared by identity)."""
    return (FIXES, detect_style, *chain.from_iterable(getter(module) for module, getter in _GETTERS))


def _contents() -> tuple:
    """The constants that are containers (compared by value: they may change in place)."""
    return (_style.P_HYPHEN_READ, _style.P_DASH_READ, glyphs._DIGIT_FOR, common._OPEN_CONTEXT, common._CLOSE_CONTEXT,
            quotes._CLOSERS, german.ABBREVIATIONS_BEFORE_COMMA)


def _core_agrees() -> bool:
    """Are the compiled stage's patterns and constants this package's? Not with
    ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "typography_patterns"):
        return False
    for module, name, pattern, multiline, ignorecase in _core.typography_patterns():
        here = getattr(_MODULES[module], name, None)
        if (not isinstance(here, regex.Pattern) or here.pattern != pattern
                or bool(here.flags & regex.MULTILINE) != multiline
                or bool(here.flags & regex.IGNORECASE) != ignorecase):
            return False
    there = dict(_core.typography_constants())
    style = _style
    return (there["FIXES"] == [f.__name__ for f in FIXES]
            and there["PRIOR_EN_DASH"] == [repr(style.PRIOR_EN_DASH)]
            and set(style.P_HYPHEN_READ) == set(style.P_DASH_READ) == {"en", "hyphen"}
            and there["P_HYPHEN_READ"] == [repr(style.P_HYPHEN_READ["en"]), repr(style.P_HYPHEN_READ["hyphen"])]
            and there["P_DASH_READ"] == [repr(style.P_DASH_READ["en"]), repr(style.P_DASH_READ["hyphen"])]
            and there["MAX_CORRELATED_HYPHENS"] == [str(style.MAX_CORRELATED_HYPHENS)]
            and there["MAX_DOUBLE_HYPHEN_READINGS"] == [str(dashes.MAX_DOUBLE_HYPHEN_READINGS)]
            and there["MIN_NUMBER_LENGTH"] == [str(glyphs.MIN_NUMBER_LENGTH)]
            and there["_SINGLE_QUOTE_REACH"] == [str(quotes._SINGLE_QUOTE_REACH)]
            and there["_LOW_SINGLE_REACH"] == [str(quotes._LOW_SINGLE_REACH)]
            and there["_NEIGHBOUR_REACH"] == [str(dashes._NEIGHBOUR_REACH)]
            and there["_NEAR_EXTENSION"] == [str(specks._NEAR_EXTENSION)]
            and set(there["_OPEN_CONTEXT"][0]) == common._OPEN_CONTEXT
            and set(there["_CLOSE_CONTEXT"][0]) == common._CLOSE_CONTEXT
            and there["SUSPENDED_COMPOUND_CONJUNCTION_ALTERNATION"]
            == [german.SUSPENDED_COMPOUND_CONJUNCTION_ALTERNATION]
            and dashes._CONJUNCTIONS == german.SUSPENDED_COMPOUND_CONJUNCTION_ALTERNATION
            and there["ABBREVIATIONS_BEFORE_COMMA"] == sorted(german.ABBREVIATIONS_BEFORE_COMMA)
            and specks.ABBREVIATIONS_BEFORE_COMMA is german.ABBREVIATIONS_BEFORE_COMMA
            and specks.LETTER_SPACED_RE is german.LETTER_SPACED_RE
            and glyphs._DIGIT_FOR == str.maketrans("OoIl", "0011")
            and set(quotes._CLOSERS) == {"'", "["} and quotes._CLOSERS["["].pattern == r"\]"
            and quotes._CLOSERS["'"].pattern == r"(?<=[\p{L}\p{N}.,;:!?])'(?!\p{L})")


def _getters() -> list[tuple[object, operator.attrgetter]]:
    """One attrgetter per module for the names _snapshot reads of it (the patterns, the constants)."""
    names: dict[object, list[str]] = {}
    for module, name in _patterns():
        names.setdefault(module, []).append(name)
    for module, more in _CONSTANTS:
        names.setdefault(module, []).extend(more)
    # (a trailing None name-less getter keeps each answer a tuple, one name or more)
    return [(module, operator.attrgetter(*found, "__name__")) for module, found in names.items()]


_GETTERS = _getters() if hasattr(_core, "typography_patterns") else []
#: the objects (and copies of the containers' contents) checked at import (None: Python answers)
_CHECKED = (_snapshot(), tuple(copy.copy(c) for c in _contents())) if _core_agrees() else None


def _compiled_now() -> bool:
    """May the compiled stage answer: it agreed at import, and nothing it was checked against
    was replaced or changed since?"""
    if _CHECKED is None:
        return False
    objects, contents = _CHECKED
    return all(map(operator.is_, _snapshot(), objects)) and _contents() == contents


common._COMPILED_NOW[0] = _compiled_now
