"""The page's own confusions: a misreading the page repeats, learned from its non-words.

The error model knows the confusions of the fonts and engines it was trained on. A page set in
another font, or read by another engine, repeats confusions of its own: an old Antiqua whose e the
German model reads as c ("cin", "cs", "dic", "scin"), a Fraktur whose K the engine reads as fi
("fileidern", "finie"). One such token is a name or a rare word as likely as damage; several
non-words of the page that the same confusion turns into frequent words are the page's habit.

:func:`learn` finds them: each non-word of the page is tried with one letter (or two, read for
one) replaced; where that gives a frequent word, the token votes for the confusion, its vote
shared among all the confusions that explain it. A confusion that enough of the page's distinct
non-words vote for, and that the page shows far more often than the error model expects, is
learned, with the page's own rate as its probability. :class:`PageConfusionDecoder` then offers
every token the words that the learned confusions make of it, known words too ("sic" → "sie"
where the page reads e as c throughout), and the decoder weighs them like any other candidate.

A clean page has no such repeated pattern among its names and rare words, and learns nothing.

:func:`_explanations`, the learning of :func:`learn` after its non-words are explained,
:meth:`PageConfusionDecoder._rewrite` and the candidates' merge run in the compiled core
(``korrektor._core.page_explanations``, ``page_learn``, ``page_rewrite``, ``page_merge``: the same
answers bit for bit) where the decoder's lexicon is a :class:`korrektor.lexicon.Lexicon` (and, for
``_rewrite``, the error model's ``logp_identity`` is :class:`korrektor.errormodel.ErrorModel`'s);
else, and with ``KORREKTOR_PY_SEARCH=1``, in Python (``_py_explanations``, ``_py_learn``,
``_py_rewrite``, ``_py_merge``: the reference, checked by ``bench/core_page_confusions.py``).
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from ... import errormodel
from ...lexicon import answers_as_core
from ...memo import remember
from . import umlauts
from .decoder import Decision, Decoder
from .sources import LOST_UMLAUTS, Candidate
from .tokens import Token

PAGE_CONFUSION = "page_confusion"  # the rule of a correction by a learned confusion


@dataclass(frozen=True, slots=True)
class PageLearning:
    """When the page's non-words teach a confusion, and how it is used."""

    # how many of the page's distinct non-words must vote for the confusion (each non-word's vote
    # shared among the confusions that explain it): one or two are names or rare words as often
    min_votes: float = 2.5
    # rounds of sharing the votes (see learn)
    rounds: int = 3
    # how frequent the word a non-word reaches must be, by its length: a short token is one letter
    # from many words, so only the commonest count as its reading
    min_count_short: int = 20_000  # up to 3 letters
    min_count_medium: int = 1_000  # 4 or 5 letters
    min_count: int = 100
    # a non-word that a confusion this likely by the error model explains teaches nothing
    expected_logp: float = math.log(0.01)
    # how many times the error model's probability the page's rate must be: a confusion the model
    # expects already needs no learning
    min_gain: float = 3.0
    # the page's rate is shrunk by this much and capped: a page's few dozen tokens estimate it
    # roughly, and a learned confusion should not win against the language model by itself
    shrink: float = 0.5
    max_probability: float = 0.3
    # at most this many learned confusions per token (a token may show the habit twice: "vornchmc")
    max_per_token: int = 2


PAGE_LEARNING = PageLearning()

_LOWER = "abcdefghijklmnopqrstuvwxyzäöüß"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"

#: learned confusions: what the page reads (1 or 2 characters) -> ((true letter, ln P(read | true)), ...)
Learned = dict[str, tuple[tuple[str, float], ...]]


_core = errormodel._core


def _core_constants_agree() -> bool:
    """Does the compiled learning use PAGE_LEARNING's constants and these letters?"""
    if not hasattr(_core, "page_learn"):  # an extension built before the port
        return False
    here = {f.name: getattr(PAGE_LEARNING, f.name) for f in dataclasses.fields(PAGE_LEARNING)}
    here.update(ln_min_gain=math.log(PAGE_LEARNING.min_gain), _LOWER=_LOWER, _UPPER=_UPPER)
    there = _core.page_constants()
    return set(here) == set(there) and all(there[k] == v for k, v in here.items())


#: the compiled learning, unless KORREKTOR_PY_SEARCH=1 (read at import, as the searches')
_USE_CORE = not errormodel._PY_SEARCH and _core_constants_agree()
#: PAGE_LEARNING as checked against the core at import: replaced since (a test's), it is read by
#: Python
_CHECKED_LEARNING = PAGE_LEARNING


def _compiled_now() -> bool:
    """Does the compiled learning run now (not switched off, its constants not replaced)?"""
    return _USE_CORE and PAGE_LEARNING is _CHECKED_LEARNING
#: the lexicon methods _explanations asks: a lexicon answering either otherwise is asked in Python
_ASKED = ("count", "is_prefix")


def _min_count(word: str) -> int:
    if len(word) <= 3:
        return PAGE_LEARNING.min_count_short
    return PAGE_LEARNING.min_count_medium if len(word) <= 5 else PAGE_LEARNING.min_count


def _explanations(core: str, lexicon) -> tuple[tuple[str, str], ...]:
    """:func:`_py_explanations` in the compiled core where the lexicon is the core's (see the
    module notes), else in Python."""
    if _compiled_now() and answers_as_core(lexicon, _ASKED):
        found = _core.page_explanations(core, lexicon)
        if found is not None:  # None: not valid Unicode text (a lone surrogate)
            return found
    return _py_explanations(core, lexicon)


def _py_explanations(core: str, lexicon) -> tuple[tuple[str, str], ...]:
    """The confusions (true letter, what was read) that turn ``core`` into a frequent word by
    one replacement: a letter read as another, or as two characters; each once, in the order
    found (not a set's: :func:`learn` sums over them, and a set's order follows the strings'
    hashes, which change from process to process)."""
    is_prefix, count = lexicon.is_prefix, lexicon.count
    found: dict[tuple[str, str], None] = {}
    n = len(core)
    for i in range(n):
        head = core[:i]
        if head and not is_prefix(head):
            break  # every word reached from here on starts with ``head``
        letters = _UPPER + _LOWER if i == 0 else _LOWER  # "Aopf", "fileider": a capital misread
        for width in (1, 2):
            if i + width > n:
                break
            read, tail = core[i:i + width], core[i + width:]
            for ch in letters:
                if ch == read or (i == 0 and ch.lower() == read.lower()):
                    continue  # a word's first letter's case is the sentence's business
                if is_prefix(head + ch):
                    word = head + ch + tail
                    if count(word) >= _min_count(word):
                        found[(ch, read)] = None
    return tuple(found)


def _explained(core: str, lexicon) -> tuple[tuple[str, str], ...]:
    """:func:`_explanations`, remembered per process: a corpus repeats its damaged words too."""
    cache = _EXPLANATIONS.setdefault(id(lexicon), {})
    found = cache.get(core)
    if found is None:
        found = remember(cache, core, _explanations(core, lexicon), _EXPLANATIONS_MAX)
    return found


_EXPLANATIONS: dict[int, dict[str, tuple[tuple[str, str], ...]]] = {}
_EXPLANATIONS_MAX = 100_000

#: the searches that restore the commonest confusions of the error model: a non-word they corrected
#: is the model's, and teaches nothing new (the channel search, "ocr_confusions", may have reached
#: a word by rare confusions where the page has a habit of its own: "cin" → "cm")
_MODEL_RESTORATIONS = frozenset((LOST_UMLAUTS, "sz_read_as_symbols", "l_read_as_capital_i", "lost_umlauts_in_compound",
                          "lost_umlauts_in_hyphenated_word"))


def learn(tokens: list[Token], decoder: Decoder, decisions: dict[int, Decision]) -> Learned:
    """The confusions the page's non-words repeat beyond what the error model expects, with the
    page's rate of each (see :class:`PageLearning`); ``decisions``: the passes' so far. The
    votes and the rates are counted in the compiled core (see the module notes), else by
    :func:`_py_learned`."""
    if not _compiled_now():
        return _py_learn(tokens, decoder, decisions)
    non_words, explained, expected = _explained_non_words(tokens, decoder, decisions)
    if not explained:
        return {}
    found = _core.page_learn([(non_words[core], f) for core, f in explained.items()], expected,
                             lambda: "".join(t.core for t in tokens if t.known))
    return found if found is not None else _py_learned(tokens, non_words, explained, expected)


def _py_learn(tokens: list[Token], decoder: Decoder, decisions: dict[int, Decision]) -> Learned:
    """:func:`learn` in Python: the reference."""
    non_words, explained, expected = _explained_non_words(tokens, decoder, decisions)
    if not explained:
        return {}
    return _py_learned(tokens, non_words, explained, expected)


def _explained_non_words(tokens: list[Token], decoder: Decoder, decisions: dict[int, Decision]):
    """The page's non-words with how often it shows each, those of them that confusions the
    error model does not expect explain with their explanations, and ``expected``."""
    lexicon = decoder.lex
    non_words = Counter(t.core for i, t in enumerate(tokens)
                        if not t.known and not t.protected and not t.acronym and len(t.core) >= 2
                        and not t.core.isdigit() and not (t.best != t.core and decisions[i][3] in _MODEL_RESTORATIONS))

    def expected(confusion: tuple[str, str]) -> float:
        """ln P(read | true) by the error model for this page."""
        return decoder.em.logp_confusion(*confusion, decoder.profile)

    # a non-word that a confusion the model expects explains ("Stadte" on a page without
    # umlauts) is that confusion's, and teaches nothing new
    explained = {core: found for core in non_words if (found := _explained(core, lexicon))
                 and max(map(expected, found)) < PAGE_LEARNING.expected_logp}
    return non_words, explained, expected


def _py_learned(tokens: list[Token], non_words: Counter, explained: dict[str, tuple[tuple[str, str], ...]],
                expected) -> Learned:
    """The learning of :func:`learn` after the non-words are explained, in Python."""
    # each non-word's vote is shared among its explanations by how much the rest of the page
    # shows each of them (a few rounds of expectation-maximisation): "cin" is "ein" with a c read
    # for an e, not "an" with "ci" read for an a, where "cr", "dic" and "scin" show the c for e
    # (in the order the page's non-words show them: the sums below, and the order of ties among
    # the learned options, follow it)
    weights: dict[tuple[str, str], float] = dict.fromkeys((c for found in explained.values() for c in found), 1.0)
    for _ in range(PAGE_LEARNING.rounds):
        votes: dict[tuple[str, str], float] = defaultdict(float)
        seen: dict[tuple[str, str], float] = defaultdict(float)  # occurrences, not distinct tokens
        for core, found in explained.items():
            total = sum(weights[c] for c in found)
            for confusion in found:
                share = weights[confusion] / total
                votes[confusion] += share
                seen[confusion] += non_words[core] * share
        weights = votes
    taught = [c for c, v in votes.items() if v >= PAGE_LEARNING.min_votes]
    if not taught:
        return {}
    # how often the page shows each true letter read as itself: in its known words
    letters = Counter("".join(t.core for t in tokens if t.known))
    learned: dict[str, list[tuple[str, float]]] = {}
    for true, read in taught:
        rate = seen[(true, read)] / (letters[true] + seen[(true, read)])
        p = min(PAGE_LEARNING.max_probability, PAGE_LEARNING.shrink * rate)
        if math.log(p) >= expected((true, read)) + math.log(PAGE_LEARNING.min_gain):
            learned.setdefault(read, []).append((true, math.log(p)))
    return {read: tuple(options) for read, options in learned.items()}


class PageConfusionDecoder(Decoder):
    """Decides tokens with the page's learned confusions among their candidates: the words they
    make of a token join what the other searches found (the likelier score where both found a
    word). :func:`.passes.decode` hands it the tokens :meth:`offers` something for."""

    def __init__(self, decoder: Decoder, learned: Learned):
        super().__init__(decoder.lex, decoder.em, decoder.profile, decoder.context_model,
                         past_bias=decoder.past_bias, historic_only_penalty=decoder.historic_only_penalty)
        self.base = decoder
        self.learned = learned
        self._cands = {}  # this page's: not the process-wide cache
        self._found: dict[str, list[tuple[str, float]]] = {}
        self._core_learned = None  # ``learned`` as the compiled _rewrite asks it, made on first use

    def offers(self, t: Token) -> bool:
        """Do the learned confusions make a word of ``t``?"""
        return bool(self._page_words(t))

    def candidates(self, t: Token) -> list[Candidate]:
        c = self._cands.get(t.core)
        if c is None:
            c = self._cands[t.core] = _merge(self.base.candidates(t), self._page_words(t))
        return c

    def _page_words(self, t: Token) -> list[tuple[str, float]]:
        found = self._found.get(t.core)
        if found is None:
            found = self._found[t.core] = self._rewrite(t)
        return found

    def _rewrite(self, t: Token) -> list[tuple[str, float]]:
        """:meth:`_py_rewrite` in the compiled core where it can run (see the module notes)."""
        if t.protected or t.acronym or not t.core.isalpha():
            return []
        if _compiled_now() and umlauts._compiled_now():
            state = umlauts._core_state(self)
            if state is not None and state[3]:  # the core's lexicon, the class's logp_identity
                learned = self._core_learned
                if learned is None:
                    try:
                        learned = _core.PageLearned(self.learned)
                    except (TypeError, ValueError, UnicodeError):  # not what the core can hold
                        learned = False
                    self._core_learned = learned
                if learned is not False:
                    found = _core.page_rewrite(t.core, bool(t.known), learned, state[0], state[1])
                    if found is not None:  # None: not valid Unicode text (a lone surrogate)
                        return found
        return self._py_rewrite(t)

    def _py_rewrite(self, t: Token) -> list[tuple[str, float]]:
        """The stored words (or, for a non-word, known ones) the learned confusions make of the
        token, up to PAGE_LEARNING.max_per_token of them, with ln P(token | word)."""
        if t.protected or t.acronym or not t.core.isalpha():
            return []
        core = t.core
        identity = self.em.logp_identity(core, self.profile)
        readings = {core: identity}
        frontier = [(core, 0, identity)]  # reading, where the next replacement may start, score
        for _ in range(PAGE_LEARNING.max_per_token):
            nxt = []
            for reading, start, score in frontier:
                for i in range(start, len(reading)):
                    for width in (1, 2):
                        read = reading[i:i + width]
                        options = self.learned.get(read, ())
                        if not options and i == 0 and read[:1].isupper():  # "Cin" at a sentence start
                            options = tuple((a.upper(), lp) for a, lp in self.learned.get(read.lower(), ()))
                        for true, lp in options:
                            if i == 0 and true.lower() == read.lower():
                                continue  # a capital at a word's start is the sentence's business
                            word = reading[:i] + true + reading[i + width:]
                            s = score + lp - self.em.logp_identity(read, self.profile)
                            if s > readings.get(word, -math.inf):
                                readings[word] = s
                                nxt.append((word, i + len(true), s))
            frontier = nxt
        count, known = self.lex.count, self.lex.known
        return sorted(((w, s) for w, s in readings.items()
                       if w != core and (count(w) > 0 or (not t.known and known(w)))), key=lambda x: -x[1])


def _merge(base: list[Candidate], page: list[tuple[str, float]]) -> list[Candidate]:
    """:func:`_py_merge` in the compiled core where it can run (see the module notes)."""
    if _compiled_now():
        found = _core.page_merge(base, page, PAGE_CONFUSION)
        if found is not None:  # None: entries of another shape, a lone surrogate
            return found
    return _py_merge(base, page)


def _py_merge(base: list[Candidate], page: list[tuple[str, float]]) -> list[Candidate]:
    """The base decoder's candidates of a token (itself first) with the words the learned
    confusions make of it (``page``): the likelier score where both found a word."""
    merged = {w: (lp, maker) for w, lp, maker in base}
    for w, lp in page:
        if lp > merged.get(w, (-math.inf,))[0]:
            merged[w] = (lp, PAGE_CONFUSION)
    itself = base[0][0]  # the token read as itself comes first
    return [(itself, *merged.pop(itself))] + [(w, lp, maker) for w, (lp, maker) in merged.items()]
