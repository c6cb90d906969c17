"""Context words for real-word umlaut errors ("hatte"/"hätte", "fordern"/"fördern").

The bigram model sees only a word's neighbours; which member of such a pair a sentence wants is
often said further away ("wenn", "gern", "sonst" for the subjunctive), or at the end of the
word's clause, where German puts the rest of the verb: "würde" wants an infinitive there ("würde
der Assistent viel bringen"), "wurde" a participle ("wurde ich skeptisch beäugt").
``data/context.json`` (built by ``scripts/build_context_model.py`` from the corpus) holds, per
pair, the context words and clause ends that speak for one member or the other, as naive-Bayes
log ratios. A clause end is a feature of its own, marked with "»": the word ("»bringen") and its
ending ("»*n").
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex

__all__ = ["CLAUSE_BREAK_RE", "ContextModel", "clause_end_features", "default_context_model"]

#: naive Bayes over-counts correlated context words: damp the sum and cap it
WEIGHT = 0.5
CAP = 4.0

#: what ends a clause inside a sentence: a comma, semicolon, colon, bracket or a spaced dash
CLAUSE_BREAK_RE = regex.compile(r"[,;:()–—]|(?<!\S)-(?!\S)")
#: the endings a clause's last word is told by: "t" for a participle ("beäugt"), "n" for an
#: infinitive ("bringen", "ändern", "sammeln") or a strong verb's participle ("gefunden")
_VERB_ENDINGS = ("t", "n")


def clause_end_features(rest: list[str]) -> set[str]:
    """The features of a clause's end for the word before ``rest``, the words after it up to
    the clause's end: its last word and that word's ending; none where the clause ends with
    the word itself or its right neighbour, which the bigram model scores already."""
    if len(rest) < 2:
        return set()
    last = rest[-1].lower()
    ending = next((e for e in _VERB_ENDINGS if last.endswith(e)), "")
    return {"»" + last, "»*" + ending}


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
        source = resources.files("korrektor") / "data" / "context.json" if path is None else Path(path)
        return cls(json.loads(source.read_text(encoding="utf-8")))

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
        # summed in a fixed order: a set's order follows the strings' hashes, which differ from
        # process to process, and so would the sum's last bits (and a confidence's)
        total = sum(ratios.get(c, 0.0) for c in sorted(context))
        return sign * max(-CAP, min(CAP, WEIGHT * total))


@lru_cache(maxsize=1)
def default_context_model() -> ContextModel:
    return ContextModel.load()


@lru_cache(maxsize=1)
def default_core_context_model():
    """The packaged model as the compiled core holds it (``korrektor._core.ContextModel``, the
    same answers bit for bit), for the core's own callers (the words stage's scorer); None where
    the core cannot read it, or reads another model than :func:`default_context_model` (by its
    sizes)."""
    from . import _core

    try:
        model = _core.ContextModel.load(Path(str(resources.files("korrektor") / "data")))
    except (OSError, ValueError):
        return None
    python = default_context_model()
    sizes = (len(python._pairs), sum(len(r) for r in python._pairs.values()))
    return model if model.sizes() == sizes else None


def core_context_model(model):
    """The compiled model that answers as ``model`` does: :func:`default_core_context_model`
    where ``model`` is the packaged model with its class's methods; None for any other."""
    if (model is not default_context_model() or type(model).knows is not ContextModel.knows
            or type(model).log_ratio is not ContextModel.log_ratio
            or not {"knows", "log_ratio"}.isdisjoint(vars(model))):
        return None
    return default_core_context_model()
