"""Words that German prose never follows with a full stop or with a comma.

A speck on a scan is read as a mark glued to the word before it ("der. Bundestag", "Sehr,
geehrte"). After an article, a preposition or "zum" no sentence ends and no comma stands: such a
mark is a speck. ``data/punctuation.json`` (built by ``scripts/build_punctuation.py`` from the
corpus) lists the frequent words after which the corpus writes either mark at most 1 time in 2,000.
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

    @classmethod
    def load(cls) -> "MarkStats":
        data = json.loads((resources.files("korrektor") / "data" / "punctuation.json").read_text(encoding="utf-8"))
        return cls(frozenset(data["no_sentence_end_after"]), frozenset(data["no_comma_after"]))


@lru_cache(maxsize=1)
def default_mark_stats() -> MarkStats:
    return MarkStats.load()
