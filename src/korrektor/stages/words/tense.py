"""The document's tense: a story told in the past makes "hatte" likelier than "hätte".

An engine without a German model reads "hätte" as "hatte", so every "hatte" of such a page is a
real-word pair that the bigrams and the sentence's context words decide. Those were counted in
speeches, which speak in the present and wish in the subjunctive ("Ich möchte", "wir hätten");
a novel, a report or an anecdote tells in the past, where "hatte", "mochte" and "konnte" are the
plain past tense. The document's own verbs that no engine confuses say which kind of text it is:
preterites like "sagte", "ging", "kam", "war" against presents like "ist", "sagt", "geht". In a
text that tells in the past, the indicative of a twin pair gets a prior in its favour.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ... import _core
from ...errormodel import _PY_SEARCH
from ...german import umlaut_twin

# Frequent verb forms no OCR engine turns into another word of the pair: preterites without an
# umlaut twin, and presents. (Not "wurde", "waren", "konnte": twins themselves.)
_PRETERITES_LOWER = frozenset(
    "war sagte sagten ging gingen kam kamen sah sahen stand standen lag lagen fand fanden gab gaben "
    "nahm nahmen blieb blieben rief riefen hielt hielten trat traten schien schienen sprach sprachen "
    "fragte fragten antwortete meinte lachte lachten saß saßen wollte wollten sollte sollten".split())
_PRESENTS_LOWER = frozenset(
    "ist sind sagt sagen geht gehen kommt kommen sieht steht liegt gibt nimmt bleibt ruft hält "
    "spricht fragt meint will wollen soll sollen kann muss muß wird werden hat".split())

# ... as written, in lower case and at a sentence's start
_PRETERITES = _PRETERITES_LOWER | {w.capitalize() for w in _PRETERITES_LOWER}
_PRESENTS = _PRESENTS_LOWER | {w.capitalize() for w in _PRESENTS_LOWER}

# the indicative past of a twin pair: a weak verb's preterite ("hatte", "konnten", "musstest"),
# which its twin with an umlaut makes a subjunctive ("hätte", "könnten", "müsstest")
_PRETERITE_FORM_RE = regex.compile(r"\p{L}+(?:te|ten|test|tet)")


@dataclass(frozen=True)
class Tense:
    """When a document tells in the past, and what that is worth."""

    # the document's telling verbs must be this share preterites ...
    min_past_share: float = 0.6
    # ... of at least this many: a few verbs say nothing
    min_verbs: int = 8
    # ln of the prior odds for the indicative of a twin pair in such a document: a story's "hatte"
    # outnumbers its "hätte" by about this factor where the bigram model, from speeches, thinks
    # the two about even
    past_bias: float = 1.5


TENSE = Tense()


def past_bias(cores: list[str]) -> float:
    """The prior (ln odds) for the indicative of a twin pair in a document of these words: TENSE.past_bias
    in a text that tells in the past, 0 in any other. Compiled (``_core.past_bias``,
    ``rust/src/document.rs``) where the constants are the core's; :func:`_py_past_bias` the reference."""
    if TENSE is _CORE_TENSE and type(cores) is list:
        found = _core.past_bias(cores)
        if found is not None:  # None: a core with a lone surrogate
            return found
    return _py_past_bias(cores)


def _py_past_bias(cores: list[str]) -> float:
    """:func:`past_bias` in Python (the reference: ``bench/core_document.py``)."""
    past = sum(1 for core in cores if core in _PRETERITES)
    present = sum(1 for core in cores if core in _PRESENTS)
    verbs = past + present
    return TENSE.past_bias if verbs >= TENSE.min_verbs and past >= TENSE.min_past_share * verbs else 0.0


def subjunctive_of(word: str, token: str) -> bool:
    """Is ``word`` the subjunctive twin ("hätte") of the preterite ``token`` ("hatte")?"""
    return umlaut_twin(word, token) and _PRETERITE_FORM_RE.fullmatch(token) is not None


def _core_agrees() -> bool:
    """Does the compiled ``past_bias`` use TENSE and the word lists? Not with
    ``KORREKTOR_PY_SEARCH=1``."""
    if _PY_SEARCH or not hasattr(_core, "document_constants"):
        return False
    there = _core.document_constants()
    return (all(there[k] == getattr(TENSE, k) for k in ("min_past_share", "min_verbs", "past_bias"))
            and frozenset(there["preterites"]) == _PRETERITES_LOWER
            and len(there["preterites"]) == len(_PRETERITES_LOWER)
            and frozenset(there["presents"]) == _PRESENTS_LOWER and len(there["presents"]) == len(_PRESENTS_LOWER))


#: TENSE as checked against the compiled ``past_bias`` at import (None: Python answers); a test
#: that replaces TENSE gets Python's answers
_CORE_TENSE = TENSE if _core_agrees() else None
