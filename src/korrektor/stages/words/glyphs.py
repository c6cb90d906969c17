"""Glyphs an engine reads for letters it lacks: a ß read as symbols ("heif$t"), an l read as a
capital I beside lower-case letters ("MitteIn"). The readings here are plain string work; the
searches that make words of them are in :mod:`.umlauts`; those run compiled
(``rust/src/glyphs.rs``), with these readings matched by hand there: :func:`glyphs_core_agrees`
checks that the core reads the patterns and costs given here."""

from __future__ import annotations

import math
from dataclasses import dataclass

import regex

from ... import _core


# A ß read as a symbol, alone or with an f or a B beside it ("grof%e", "heif$t", "schie&Ben",
# "naturgema§&", "Fu8"): an engine without a German model has no ß and reaches for a look-alike.
# The error model knows the single glyphs; these runs and the symbols that mark a token as code
# need a reading of their own.
_SZ_GLYPHS_RE = regex.compile(r"(?<=\p{Ll})(?:f?[&8®%$@§]{1,2}[BS]?|B[&8®%$@§])(?=\p{Ll}|$)")


def sz_reading(core: str) -> str | None:
    """The token with its symbol run read as ß, if that leaves a word of letters only."""
    m = _SZ_GLYPHS_RE.search(core)
    if m is None:
        return None
    word = core[:m.start()] + "ß" + core[m.end():]
    return word if word.isalpha() else None


# A capital I beside a lower-case letter: in a sans-serif font the lower-case l looks the same
# ("MitteIn", "EvaIuierung", "AIlerdings", "Ieben"). The error model, trained on pages set in
# fonts that tell them apart, rates the confusion as rare.
_CAPITAL_I_FOR_L_RE = regex.compile(r"(?<=\p{Ll})I|I(?=\p{Ll})")


@dataclass(frozen=True, slots=True)
class Glyphs:
    """How likely an engine reads a letter as a glyph of another."""

    # ln P(OCR reads ß as a run of symbols | ß): as rare as the error model's rarer ß readings
    sz_glyphs_cost: float = math.log(0.01)
    # capital I's read as l in one token: seven readings at most; more is noise, not a word
    max_i_for_l: int = 3
    # ln P(OCR reads l as I | l) in a font that draws them alike
    i_for_l_cost: float = math.log(0.01)


GLYPHS = Glyphs()


def l_readings(core: str) -> list[tuple[str, int]]:
    """The token with some of its capital I's beside lower-case letters read as l, and how many:
    every combination, fewest first."""
    if len(core) < 3:  # "Ir" is "Im" as likely as "lr" anything
        return []
    spots = [m.start() for m in _CAPITAL_I_FOR_L_RE.finditer(core)]
    if not spots or len(spots) > GLYPHS.max_i_for_l:
        return []
    out = []
    for mask in range(1, 1 << len(spots)):
        chars = list(core)
        for k, i in enumerate(spots):
            if mask >> k & 1:
                chars[i] = "l"
        out.append(("".join(chars), mask.bit_count()))
    return sorted(out, key=lambda x: x[1])


def glyphs_core_agrees() -> bool:
    """Does the compiled core read glyphs with the patterns and costs given here?"""
    if not hasattr(_core, "glyph_constants"):  # an extension built before the glyph searches
        return False
    patterns = _core.token_patterns()
    return (all(getattr(GLYPHS, k) == v for k, v in _core.glyph_constants().items())
            and patterns["sz_glyphs"] == (_SZ_GLYPHS_RE.pattern, bool(_SZ_GLYPHS_RE.flags & regex.I))
            and patterns["capital_i_for_l"] == (_CAPITAL_I_FOR_L_RE.pattern,
                                                bool(_CAPITAL_I_FOR_L_RE.flags & regex.I)))
