"""Context words for real-word umlaut errors ("hatte"/"hätte", "fordern"/"fördern").

The bigram model sees only a word's neighbours; which member of such a pair a sentence wants is
often said further away ("wenn", "gern", "sonst" for the subjunctive). ``data/context.json``
(built by ``scripts/build_context_model.py`` from the corpus) holds, per pair, the context words
that speak for one member or the other, as naive-Bayes log ratios.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

__all__ = ["ContextModel", "default_context_model"]

#: naive Bayes over-counts correlated context words: damp the sum and cap it
WEIGHT = 0.5
CAP = 4.0


class ContextModel:
    def __init__(self, data: dict):
        if data.get("format") != "korrektor-context":
            raise ValueError("not a korrektor context model")
        self._pairs: dict[tuple[str, str], dict[str, float]] = {}
        for key, ratios in data["pairs"].items():
            a, b = key.split("|")
            self._pairs[a, b] = ratios

    @classmethod
    def load(cls, path=None) -> "ContextModel":
        if path is None:
            text = (resources.files("korrektor") / "data" / "context.json").read_text(encoding="utf-8")
        else:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        return cls(json.loads(text))

    def knows(self, a: str, b: str) -> bool:
        return (a, b) in self._pairs or (b, a) in self._pairs

    def log_ratio(self, word: str, other: str, context: set[str]) -> float:
        """How much more the sentence's other words (lower-cased) speak for ``word`` than for
        ``other`` (ln, damped and capped); 0 if the two are not a known pair."""
        ratios = self._pairs.get((word, other))
        sign = 1.0
        if ratios is None:
            ratios = self._pairs.get((other, word))
            sign = -1.0
            if ratios is None:
                return 0.0
        total = sum(ratios.get(c, 0.0) for c in context)
        return sign * max(-CAP, min(CAP, WEIGHT * total))


@lru_cache(maxsize=1)
def default_context_model() -> ContextModel:
    return ContextModel.load()
