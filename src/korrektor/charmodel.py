"""How German a string of letters looks: a character model of the lexicon's word forms.

A token the lexicon lacks is either damage ("Teilnmehmer", "Radikalisieryng", "Stattclessen") or
a word it does not store (a name, a term, a rare compound: "Prozessor", "Giffeys"). Both are
non-words to the decoder; what tells them apart is that OCR damage puts letters together as no
German word does ("lnm", "yng", "ttcl"), while an unstored word is still spelt like one. The
measure is the token's *worst spot*: the lowest ln P(letter | the three letters before it) over
the word, its end included, under an interpolated 4-gram model of the lexicon's forms
(lower-cased, each form counted once).

``data/char_model.json`` is built by ``scripts/build_char_model.py`` from the lexicon
(deterministic; see PROVENANCE.md). It stores, for every letter sequence of one to four letters
seen in the forms, its interpolated ln P(last letter | the ones before) and, for every history,
ln of the weight left to the shorter history for letters not seen after it.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .memo import remember

__all__ = ["CharModel", "default_char_model"]

#: letters of history (a 4-gram model)
HISTORY = 3
START, END = "^", "$"
#: ln P(a letter the forms never show): uniform over about 60 letters
UNSEEN = math.log(1 / 60)
_CACHE_MAX = 200_000


class CharModel:
    def __init__(self, data: dict):
        if data.get("format") != "korrektor-char-model" or data.get("history") != HISTORY:
            raise ValueError("not a korrektor character model")
        self._logp: dict[str, float] = data["logp"]
        self._backoff: dict[str, float] = data["backoff"]
        self._worst: dict[str, float] = {}

    @classmethod
    def load(cls, path=None) -> "CharModel":
        source = resources.files("korrektor") / "data" / "char_model.json" if path is None else Path(path)
        return cls(json.loads(source.read_text(encoding="utf-8")))

    def letter_logps(self, word: str) -> list[float]:
        """ln P(letter | up to three letters before it) for each letter of ``word`` (lower-cased)
        and for its end."""
        s = START * HISTORY + word.lower() + END
        logp, backoff = self._logp, self._backoff
        out = []
        for i in range(HISTORY, len(s)):
            acc = 0.0
            for k in range(HISTORY, -1, -1):  # the longest history first
                history = s[i - k:i]
                found = logp.get(history + s[i])
                if found is not None:
                    acc += found
                    break
                weight = backoff.get(history)
                if weight is not None:  # the history was seen, this letter after it not
                    acc += weight
            else:
                acc += UNSEEN
            out.append(acc)
        return out

    def worst(self, word: str) -> float:
        """The lowest ln P of a letter of ``word`` given the ones before it: about −2 to −6 for
        German words, stored or not; −9 and below where OCR put letters together ("Teilnmehmer":
        −13.2 at the second "m")."""
        found = self._worst.get(word)
        if found is None:
            found = remember(self._worst, word, min(self.letter_logps(word)), _CACHE_MAX)
        return found


@lru_cache(maxsize=1)
def default_char_model() -> CharModel:
    return CharModel.load()


@lru_cache(maxsize=1)
def default_core_char_model():
    """The packaged model as the compiled core holds it (``korrektor._core.CharModel``, the same
    answers bit for bit), for the core's own callers (the words stage's scorer); None where the
    core cannot read it, or reads another model than :func:`default_char_model` (by its sizes)."""
    from . import _core

    try:
        model = _core.CharModel.load(Path(str(resources.files("korrektor") / "data")))
    except (OSError, ValueError):
        return None
    python = default_char_model()
    return model if model.sizes() == (len(python._logp), len(python._backoff)) else None


def core_char_model(chars):
    """The compiled model that answers as ``chars`` does: :func:`default_core_char_model` where
    ``chars`` is the packaged model with its class's methods; None for any other (a test double,
    another file), which Python asks."""
    if (chars is not default_char_model() or type(chars).worst is not CharModel.worst
            or "worst" in vars(chars) or "letter_logps" in vars(chars)):
        return None
    return default_core_char_model()
