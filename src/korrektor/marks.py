"""Words that German prose never follows with a full stop, a comma or a dash, and pairs of words
it never parts with a mark.

A speck on a scan is read as a mark glued to the word before it ("der. Bundestag", "Sehr,
geehrte", "nicht, mehr"). After an article, a preposition or "zum" no sentence ends and no comma
stands, and between "nicht" and "mehr" no mark stands at all: such a mark is a speck.
``data/punctuation.json`` (built by ``scripts/build_punctuation.py`` from the corpus) lists the
frequent words after which the corpus writes each mark (or a dash between words) at most 1 time
in 2,000, the neighbours seen at least 500 times that a mark parts at most as rarely, and the
capitalised forms it writes only at a sentence start ("Sollten": inside a sentence, an initial
read by its size).

It also says how plausible a dash is between two words: a speck in the page margin is read as a
dash at a line's end or start ("keine -¶Einigung", "junge¶- Mensch"), and prose puts a dash after
"gesagt" or before "ich" far more often than after "junge" or before "Einigung". The file holds,
for each frequent word, how much more or less often than the average word it stands before and
after a dash (``before_dash``, ``after_dash``: natural logs of the ratio).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = ["MarkStats", "default_mark_stats", "default_core_mark_stats"]


@dataclass(frozen=True)
class MarkStats:
    no_sentence_end_after: frozenset[str]
    no_comma_after: frozenset[str]
    no_mark_between: frozenset[str]  # "first second": neighbours no mark ever parts
    capital_only_first: frozenset[str] = frozenset()  # capitalised only at a sentence start
    #: capitalised words that start sentences ("Aber", "Weil"): see .stages.words.tokens.SENTENCE_STARTS
    sentence_starts: frozenset[str] = frozenset()
    no_dash_after: frozenset[str] = frozenset()  # a dash between words never follows them
    #: ln(how often a dash follows the word / how often one follows the average word) ...
    before_dash: dict[str, float] = field(default_factory=dict, compare=False)
    #: ... and for a word too rare to be listed (rare words as a group)
    unlisted_before_dash: float = 0.0
    #: the same for a dash before the word
    after_dash: dict[str, float] = field(default_factory=dict, compare=False)
    unlisted_after_dash: float = 0.0

    @classmethod
    def load(cls) -> "MarkStats":
        data = json.loads((resources.files("korrektor") / "data" / "punctuation.json").read_text(encoding="utf-8"))
        return cls(frozenset(data["no_sentence_end_after"]), frozenset(data["no_comma_after"]),
                   frozenset(data["no_mark_between"]), frozenset(data["capital_only_first"]),
                   frozenset(data["sentence_starts"]), frozenset(data["no_dash_after"]),
                   _by_word(data["before_dash"]), data["unlisted_before_dash"],
                   _by_word(data["after_dash"]), data["unlisted_after_dash"])

    def dash_plausibility(self, before: str, after: str) -> float:
        """ln of how much more (> 0) or less (< 0) often than between two average words prose puts
        a dash between ``before`` and ``after`` (each word's rate, taken as independent)."""
        return (self.before_dash.get(before, self.unlisted_before_dash)
                + self.after_dash.get(after, self.unlisted_after_dash))


def _by_word(by_value: dict[str, list[str]]) -> dict[str, float]:
    return {w: float(v) for v, ws in by_value.items() for w in ws}


@lru_cache(maxsize=1)
def default_mark_stats() -> MarkStats:
    return MarkStats.load()


@lru_cache(maxsize=1)
def default_core_mark_stats():
    """The same statistics for the compiled stages (``korrektor._core.MarkStats``), read from the
    same file."""
    from . import _core

    return _core.MarkStats.load(resources.files("korrektor") / "data")
