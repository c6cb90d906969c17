"""Where a token's candidate words come from: the searches, and the order in which they are asked.

A known word gets its lost-umlaut twins only ("wurde"/"würde"), plus, where the lexicon knows it
only as a compound, two words whose space was read as a hyphen or a frequent word one letter
away. An acronym gets its lost umlauts. A non-word asks the searches below in turn, the cheapest
and likeliest first, and takes the first that finds anything; lost spaces are candidates besides.
The searches themselves live in :mod:`.umlauts` (lost umlauts, ß and l read as glyphs),
:mod:`.nearby` (letters garbled beyond the error model) and :mod:`.splits` (lost spaces).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .nearby import (compounds_one_edit_away, corpus_only, far_words, near_words, one_edit_after_umlauts,
                     one_edit_away)
from .splits import splits
from .tokens import Token
from .umlauts import (MIN_WEIGHT_COMPOUND_TWINS, capitals_twins, hyphenated_parts, l_glyphs, loose_compound_twins,
                      lowercase_variants, sz_glyphs, twins, with_old_spellings)

if TYPE_CHECKING:
    from .decoder import Decoder


def candidates(d: Decoder, t: Token) -> list[tuple[str, float]]:
    """Candidate words for ``t`` with ln P(token | word), the token itself first."""
    if d.today is not None:
        return with_old_spellings(d, t)
    identity = d.em.logp_identity(t.core, d.profile)
    if t.acronym:
        c = [(t.core, identity)] + (twins(d, t.core, identity) or capitals_twins(d, t.core, identity))
    elif t.known:
        # a word known only as a compound may be a stored word with two lost umlauts
        # ("Auslanderbehorde" splits as Ausland|erbe|horde)
        stored = d.lex.count(t.core) > 0
        c = [(t.core, identity)] + twins(d, t.core, identity, depth=1 if stored else 2)
        if "-" in t.core and not stored:
            # "Reihe-verschiedener": known only as a compound of its parts, so perhaps
            # two words whose space was read as a hyphen
            c += splits(d, t.core, identity)
        elif not stored and t.core.islower() and d.lex.compound_split(t.core) is not None:
            # "teilgaben": known only as a compound of its parts, so perhaps a frequent
            # stored word with one letter misread ("teilhaben"). Not for a capitalised
            # one: most such are nouns the corpus never wrote, and their search cost
            # 0.15 s of a 3.3 s pass over the eng pages for one word found
            c += corpus_only(d, one_edit_away(d, t.core, identity))
    else:
        # a ß read as symbols first, then lost umlauts: cheap, and what an engine without
        # a German model gets wrong most; the full channel search only where they explain
        # nothing
        found = (sz_glyphs(d, t.core)
                 or l_glyphs(d, t.core, identity)
                 or twins(d, t.core, identity, depth=2)
                 or (len(t.core) >= 8 and d.profile.weight >= MIN_WEIGHT_COMPOUND_TWINS
                     and twins(d, t.core, identity, depth=2, reach="compounds"))
                 or hyphenated_parts(d, t.core, identity)
                 # the searches below may reach any word: a supplementary form only by
                 # the restorations above
                 or corpus_only(d, d.em.candidates(t.core, d.lex, d.profile, max_edits=3, limit=8))
                 or corpus_only(d, one_edit_away(d, t.core, identity))
                 or compounds_one_edit_away(d, t.core, identity)
                 or near_words(d, t.core, identity)
                 or far_words(d, t.core, identity)
                 or loose_compound_twins(d, t.core, identity)
                 or one_edit_after_umlauts(d, t.core, identity))
        c = [(t.core, identity)] + [(w, lp) for w, lp in found if w != t.core]
        c += splits(d, t.core, identity)
    c += lowercase_variants(d, c)
    if len(t.core) <= 2 and not t.core.isupper():
        # two letters, one of them lower case, are no acronym's damage ("Pl" is no "PI",
        # "ii" no "II"): too short to tell
        c = c[:1] + [(w, lp) for w, lp in c[1:] if not w.isupper()]
    if t.known or t.acronym:
        # a word from the supplement restores a non-word; in place of a word the corpus
        # knows it would be a guess without context ("blasser" → "blässer")
        c = c[:1] + corpus_only(d, c[1:])
    return c

