"""The rules korrektor's stages apply: each edit names its maker (``Edit.rule``) and says what kind
of repair it is (``Edit.kind``).

Every stage module lists its rules in ``RULES``, a tuple of :class:`Rule`: its name (the ``rule``
its edits carry), its kind, what it repairs, one text it repairs and one it must leave alone (as
LanguageTool keeps a correct and an incorrect example inside each rule). ``registry()`` gathers
them in the pipeline's order; docs/rules.md is generated from it, and the tests check that every
rule an edit can carry is registered and that its examples hold.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Kind", "Rule"]


class Kind(str, enum.Enum):
    """What kind of repair an edit is. A ``str`` enum, so that an edit's kind compares and
    serialises as its plain value (``"word"``); where a later stage changes what an earlier one
    made, the composed edit's kind joins both with ``+`` (``"hyphenation+word"``)."""

    UNICODE = "unicode"  # encoding damage: mojibake, control characters, ligatures, loose accents
    LAYOUT = "layout"  # line and paragraph breaks
    HYPHENATION = "hyphenation"  # a word broken at a line end
    QUOTE = "quote"  # quotation marks
    DASH = "dash"  # dashes and hyphens between words
    PUNCTUATION = "punctuation"  # full stops, commas, other marks
    SPECK = "speck"  # OCR debris removed: a mark or letter the page did not have
    GLYPH = "glyph"  # a look-alike glyph read back: § for $, 0 for O in a number, l for |
    WORD = "word"  # a damaged word corrected, joined or split

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Rule:
    """One named repair.

    ``fixes``: an input and what ``korrektor.correct`` (default settings) makes of it, with this
    rule among the edits; ``keeps``: a text ``korrektor.correct`` leaves unchanged although it
    looks like what the rule repairs."""

    name: str
    kind: Kind
    summary: str
    fixes: tuple[str, str]
    keeps: str
