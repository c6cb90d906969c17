"""The scorer: which candidate word a token most likely was, and how sure that is.

For each token it weighs every candidate word w — the token itself included — by

    ln P(token | w)                      the OCR error model, adapted to the document's profile
  + ln P(w | previous) + ln P(next | w)  the bigram language model around it
  + for real-word pairs (hatte/hätte), the context words of the sentence (``korrektor.context``)

plus, for the token itself where it is no word, the penalties below. The posterior of the winner
among the candidates is the edit's confidence; the runners-up are its alternatives.

The scoring runs in the compiled core (``korrektor._core.Scorer``, ``rust/src/decoder.rs``: the
same decisions bit for bit) where the decoder's lexicon and models are the packaged ones; else,
and with ``KORREKTOR_PY_SEARCH=1``, in Python (:meth:`Decoder._py_decide`, the reference).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import regex

from ... import _core, errormodel
from ...charmodel import core_char_model, default_char_model
from ...context import core_context_model
from ...errormodel import GERMAN_TEXT
from ...german import umlaut_twin
from ...lexicon import HISTORIC, SENT_START, answers_as_core, modern_spelling
from ...memo import remember
from ...twins import twin_filter
from . import sources
from .era import historic_only
from .tense import subjunctive_of
from .tokens import SENTENCE_END, Token
from .umlauts import sz_glyphs, twins

#: A decision: the word, its posterior, the runners-up, the name of the search that proposed it
Decision = tuple[str, float, list[str], str]


@dataclass(frozen=True, slots=True)
class Scoring:
    """What the decoder adds to the token's own score where it is no word."""

    # ln of how much less likely an unknown token is as the true word than the language model's
    # estimate for unseen words says: a token the lexicon does not know, for which the error model
    # offers a known word, is usually damaged (the lexicon covers 99.4 % of corpus tokens)
    non_word_penalty: float = -2.0
    # ... but half that on a page whose engine read its umlauts: a German model damages fewer
    # words, so more of the tokens the lexicon lacks are names, terms and words of other domains
    # ("Sid", "init", "Prozessor")
    non_word_penalty_german: float = -1.0
    # on such a page a word that is itself a word is rarely a damaged other word ("hatten" read
    # for "hätten"): there, a real-word correction below this confidence is reported as a doubt,
    # not applied
    min_real_word_confidence_german: float = 0.9
    # ... and more for a non-word that shows damage no German word has (see _DAMAGED_RE)
    damaged_penalty: float = -4.0
    # on a page from an engine that cannot read umlauts, a non-word pays ``damage_scale`` more per
    # nat by which its worst spot (..charmodel) falls below this: such a token is damage, not a
    # word the lexicon lacks, and the reading found for it wins more readily ("Stattclessen" →
    # "Stattdessen"). Not on a page read with umlauts, where unknown words are more often names
    # and terms
    damage_floor: float = -8.0
    damage_scale: float = 0.5


SCORING = Scoring()
# damage no German word has: a capital after a lower-case letter inside a word
# ("TarifverbUnden"), an accented vowel next to German letters ("Qualitaétsproblem"), a digit
# between letters ("Steuereinbu8en")
_DAMAGED_RE = regex.compile(r"\p{Ll}\p{Lu}\p{Ll}|[a-zäöü][éè]|[éè][a-zäöü]{2}|\p{L}\d\p{L}")

# Candidate lists per (language data, error model, profile weight, token): a corpus repeats its
# words, so they are computed once per process. Bounded: emptied when full.
_CANDIDATE_CACHE: dict[tuple, dict[str, list[tuple[str, float]]]] = {}
_CANDIDATE_CACHE_MAX = 300_000  # tokens per profile


def _core_constants_agree() -> bool:
    """Does the compiled scorer use this module's constants?"""
    if not hasattr(_core, "scorer_constants"):  # an extension built before the scorer
        return False
    here = {f"SCORING.{k}": getattr(SCORING, k) for k in ("non_word_penalty", "non_word_penalty_german",
                                                          "damaged_penalty", "damage_floor", "damage_scale")}
    here.update({"HISTORIC": HISTORIC, "SENTENCE_END": "".join(sorted(SENTENCE_END)),
                 "_DAMAGED_RE": _DAMAGED_RE.pattern, "SENT_START": SENT_START})
    return _core.scorer_constants() == here


#: the compiled scorer, unless KORREKTOR_PY_SEARCH=1 (read at import, as the searches')
_USE_CORE = not errormodel._PY_SEARCH and _core_constants_agree()
#: SCORING as checked against the core at import: replaced since (a test's), it is read by Python
_CHECKED_SCORING = SCORING
#: the lexicon methods the scorer asks: a lexicon answering any of them otherwise is scored in Python
_ASKED = ("logp_bigram", "count", "varieties", "spelt_before_1996", "compound_split")


def _logaddexp(values: list[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))


class Decoder:
    """Decides a token between its neighbours: the candidates' channel scores (the OCR error
    model, adapted to the page's profile), the bigram model around each, for real-word pairs the
    sentence's context words, and the penalties of a non-word; the posterior of the winner is the
    edit's confidence."""

    def __init__(self, lexicon, error_model, profile, context_model=None, today: "Decoder | None" = None,
                 page_profile=None, past_bias: float = 0.0, historic_only_penalty: float = 0.0):
        self.lex = lexicon
        self.em = error_model
        self.profile = profile
        self.context_model = context_model
        #: given for a document that writes as before 1996: the decoder for today's spelling, whose
        #: candidates this one extends by old ß spellings ("mußte" for "wute"); words are scored
        #: in today's spelling, so that "daß", which the corpus has only in a few quotations,
        #: weighs as "dass" does
        self.today = today
        #: the prior (ln odds) for a preterite against its subjunctive twin in this document (see .tense)
        self.past_bias = past_bias
        #: the prior (ln) against a form of the old books as a token's reading on a page of today's
        #: German (see .era)
        self.historic_only_penalty = historic_only_penalty
        self._cands = _CANDIDATE_CACHE.setdefault(
            (id(lexicon), id(error_model), profile.weight, today is not None), {})
        self.twin_filter = twin_filter(lexicon, error_model)
        self._lost: dict[str, bool] = {}  # lost_umlauts, per document
        # decisions that did not depend on the sentence, by (token, previous, next word): a
        # document repeats them ("a¶a¶a", tables, lists), per document and bounded by its tokens
        self._decisions: dict[tuple[str, str, str | None], Decision] = {}
        german = profile.name == GERMAN_TEXT.name
        #: was the page read by an engine with a German model? (``page_profile``: the page's own
        #: profile where this decoder reads it with another engine's habits)
        self.german_page = (page_profile or profile).name == GERMAN_TEXT.name
        self.chars = default_char_model()
        self.non_word_penalty = SCORING.non_word_penalty_german if german else SCORING.non_word_penalty
        self.min_real_word_confidence = SCORING.min_real_word_confidence_german if german else 0.0
        self._core_scorer: tuple | None = None  # (the compiled scorer or None,), made on first use

    def _scorer(self):
        """The compiled scorer for this decoder, or None where Python scores: a lexicon, character
        or context model other than the packaged ones (test doubles), or KORREKTOR_PY_SEARCH=1.
        Made on the first decision: the decoder's models and attributes are set in ``__init__``
        and not changed after (a measurement that changes them makes a new decoder)."""
        if not _USE_CORE or SCORING is not _CHECKED_SCORING:
            return None
        if self._core_scorer is None:
            chars = core_char_model(self.chars)
            context = None
            if self.context_model is not None:
                context = core_context_model(self.context_model)
            scorer = None
            if (answers_as_core(self.lex, _ASKED) and chars is not None
                    and (self.context_model is None or context is not None)):
                scorer = _core.Scorer(self.lex, chars, context, self.today is not None, self.past_bias,
                                      self.historic_only_penalty, self.non_word_penalty, self.german_page)
            self._core_scorer = (scorer,)
        return self._core_scorer[0]

    def candidates(self, t: Token) -> list[sources.Candidate]:
        """Candidate words with ln P(token | word) and the names of the searches that found them, the
        token itself first (see :mod:`.sources`)."""
        c = self._cands.get(t.core)
        if c is None:
            c = remember(self._cands, t.core, sources.candidates(self, t), _CANDIDATE_CACHE_MAX)
        return c

    def lost_umlauts(self, t: Token) -> bool:
        """Is the token a known word whose umlauts or ß the engine misread ("fiir", "heif$t")?"""
        found = self._lost.get(t.core)
        if found is None:
            found = self._lost[t.core] = bool(
                sz_glyphs(self, t.core) or twins(self, t.core, self.em.logp_identity(t.core, self.profile), depth=2))
        return found

    def letter_damage(self, core: str) -> float:
        """ln of how much less likely ``core`` is a word the lexicon lacks than a damaged one, by
        its worst spot (see SCORING.damage_floor); 0 on a page read with umlauts."""
        if self.german_page or not core.isalpha():
            return 0.0
        return SCORING.damage_scale * min(0.0, self.chars.worst(core) - SCORING.damage_floor)

    def _modern_bigram(self, prev: str, word: str) -> float:
        """ln P(word | prev) with an ß spelt as before 1996 in either spelling: the speeches write
        "dass" and the old books "daß", one word whose bigrams the corpus counts apart ("sagt,
        daß er" in a novel, "sagt, dass er" in a debate); the two spellings of ``word`` add up,
        and ``prev`` counts in the spelling that knows it better."""
        lm = self.lex.logp_bigram
        return max(_logaddexp([lm(p, w) for w in self._spellings(word)]) for p in self._spellings(prev))

    def _spellings(self, word: str) -> tuple[str, ...]:
        modern = modern_spelling(word)
        return (word, modern) if modern is not None and self.lex.count(modern) else (word,)

    def held_back(self, t: Token, word: str, confidence: float) -> bool:
        """Is replacing the known word ``t`` by another word (not only its case, nor two words
        glued by a speck) too unsure to apply on this page (see SCORING.min_real_word_confidence_german)?"""
        if not t.known or t.merged or " " in word or word.lower() == t.core.lower():
            return False
        # an engine that reads umlauts does not drop one and leave another word behind: there, a
        # known word's umlaut twin ("mochte" → "möchte", "Falle" → "Fälle") is a doubt, however sure
        if self.german_page and umlaut_twin(word, t.core):
            return True
        return confidence < self.min_real_word_confidence

    def decide(self, t: Token, prev: str, nxt: str | None, sentence=lambda: set()) -> Decision:
        """The best word for ``t`` between ``prev`` and ``nxt``, its posterior, the runners-up and
        the name of the search that proposed it. ``sentence()`` gives the other words of its
        sentence, for real-word pairs."""
        key = (t.core, prev, nxt)
        hit = self._decisions.get(key)
        if hit is not None:
            return hit
        cands = self.candidates(t)
        if len(cands) == 1:
            return t.core, 1.0, [], sources.IDENTITY
        scorer = self._scorer()
        found = None if scorer is None else scorer.decide(t.core, t.known, t.acronym, cands, prev, nxt, sentence)
        if found is None:
            decision, in_context = self._py_decide(t, cands, prev, nxt, sentence)
        else:
            best, posterior, runners, in_context = found
            decision = cands[best][0], posterior, [cands[i][0] for i in runners], cands[best][2]
        if not in_context:
            self._decisions[key] = decision
        return decision

    def _py_decide(self, t: Token, cands, prev: str, nxt: str | None, sentence) -> tuple[Decision, bool]:
        """:meth:`decide` in Python, the reference the compiled scorer is checked against: the
        decision, and whether the sentence's other words weighed in."""
        lm = self.lex.logp_bigram if self.today is None else self._modern_bigram
        context_model = self.context_model
        in_context = False  # did the sentence's other words weigh in?
        scores = []
        for w, channel, _maker in cands:
            if " " in w:  # a split: score both words
                a, b = w.split(" ")
                if a[-1] in SENTENCE_END:  # a split between two sentences ("dazu. Es")
                    s = channel + lm(prev, a[:-1]) + lm(SENT_START, b)
                else:
                    s = channel + lm(prev, a) + lm(a, b)
                last = b
            else:
                s = channel + lm(prev, w)
                last = w
            if nxt is not None:
                s += lm(last, nxt)
            if context_model is not None and w != t.core and context_model.knows(w, t.core):
                s += context_model.log_ratio(w, t.core, sentence())
                in_context = True
            if self.past_bias and subjunctive_of(w, t.core):
                s -= self.past_bias
            if self.historic_only_penalty and historic_only(self.lex, w):
                s -= self.historic_only_penalty
            scores.append(s)
        if not t.known and not t.acronym:
            scores[0] += (self.non_word_penalty + self.letter_damage(t.core)
                          + (SCORING.damaged_penalty if _DAMAGED_RE.search(t.core) else 0.0))
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        # the likelier reading wins (the token itself on a tie: the sort is stable); caution is
        # the business of the calibrated confidence and Config.min_confidence
        order = sorted(range(len(cands)), key=lambda i: -scores[i])
        best = order[0]
        runners = [cands[i][0] for i in order if i != best and i != 0 and weights[i] / total >= 0.01]
        return (cands[best][0], weights[best] / total, runners[:3], cands[best][2]), in_context

