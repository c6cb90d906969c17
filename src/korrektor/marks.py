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
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["MarkStats", "default_mark_stats"]


@dataclass(frozen=True)
class MarkStats:
    no_sentence_end_after: frozenset[str]
    no_comma_after: frozenset[str]
    no_mark_between: frozenset[str]  # "first second": neighbours no mark ever parts
    capital_only_first: frozenset[str] = frozenset()  # capitalised only at a sentence start
    no_dash_after: frozenset[str] = frozenset()  # a dash between words never follows them

    @classmethod
    def load(cls) -> "MarkStats":
        data = json.loads((resources.files("korrektor") / "data" / "punctuation.json").read_text(encoding="utf-8"))
        return cls(frozenset(data["no_sentence_end_after"]), frozenset(data["no_comma_after"]),
                   frozenset(data["no_mark_between"]), frozenset(data["capital_only_first"]),
                   frozenset(data["no_dash_after"]))


@lru_cache(maxsize=1)
def default_mark_stats() -> MarkStats:
    return MarkStats.load()
