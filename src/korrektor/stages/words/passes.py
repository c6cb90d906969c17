"""The decoding passes, in order: each decides some tokens with the decisions so far as context.

1. every token with an alternative, left to right (:class:`.decoder.Decoder`);
2. once more where a neighbour changed, so that two damaged neighbours help each other ("fiir
   Integration", "wir missen");
3. where the page repeats a confusion the error model does not expect, every token it explains,
   with that confusion learned (:mod:`.page_confusions`: "cin", "dic", "sic" on a page that reads
   e as c);
4. on a page spelt as before 1996 by an engine that loses the ß, again in today's spelling;
5. on a page without umlauts, the words still unknown with the German engine's habits (so that
   correcting twice gives what correcting once gave);
6. the words still unknown, among the document's own words (:mod:`.document`).

:func:`decode` runs whole in the compiled core (``korrektor._core.decode_passes``,
``rust/src/passes.rs``: the same decisions, float bits and ``best`` of every token) where every
decoder it makes would score and search compiled (see :func:`_core_decode`); else, and with
``KORREKTOR_PY_SEARCH=1``, in Python (:func:`_py_decode`, the reference, checked by
``bench/core_passes.py``).
"""

from __future__ import annotations

from ... import _core, errormodel
from ...context import CLAUSE_BREAK_RE, clause_end_features
from ...errormodel import GERMAN_TEXT
from ...lexicon import answers_as_core, modern_spelling
from . import decoder as decoder_module, document as document_module, page_confusions, sources, umlauts
from .decoder import Decision, Decoder
from .document import DocumentDecoder, document_word_length, document_words
from .page_confusions import PageConfusionDecoder, learn
from .tokens import Token
from dataclasses import dataclass


def decode(text: str, tokens: list[Token], decoder: Decoder, skip: set[int], terms: set[str]
           ) -> tuple[dict[int, Decision], set[int]]:
    """Run the passes over ``tokens`` (not those at ``skip``, nor the document's ``terms``): the
    decisions by token index, and the indices whose decision came from the document's words.
    Compiled where it can run (see :func:`_core_decode`), else :func:`_py_decode`."""
    found = _core_decode(text, tokens, decoder, skip, terms) if _USE_CORE else None
    return found if found is not None else _py_decode(text, tokens, decoder, skip, terms)


def _py_decode(text: str, tokens: list[Token], decoder: Decoder, skip: set[int], terms: set[str]
               ) -> tuple[dict[int, Decision], set[int]]:
    """:func:`decode` in Python: the reference."""
    lexicon, error_model, profile = decoder.lex, decoder.em, decoder.profile
    # only tokens with an alternative can change; most known words have none
    active = [i for i, t in enumerate(tokens)
              if not t.protected and i not in skip and t.core not in terms and len(decoder.candidates(t)) > 1]
    decisions: dict[int, Decision] = {}
    _decode(text, tokens, active, decoder, decisions)
    # a second look where a neighbour changed: "fiir Integration", "wir missen"
    _decode(text, tokens, [i for i in active if _changed_neighbour(tokens, i)], decoder, decisions)
    learned = learn(tokens, decoder, decisions)
    if learned:
        # a term the page repeats may be its repeated misreading ("cin"): what the confusion explains
        page = PageConfusionDecoder(decoder, learned)
        _decode(text, tokens, [i for i, t in enumerate(tokens) if not t.protected and i not in skip
                               and page.offers(t)], page, decisions)
    if (profile.name != GERMAN_TEXT.name
            and _old_spelling_evidence(tokens, decisions, lexicon) >= PASSES.min_old_spelling_words):
        # a page spelt as before 1996 by an engine that loses the ß: "da" may be "daß", which the
        # corpus, spelt as today, has only in a few quotations; decided again, in today's spelling
        old = Decoder(lexicon, error_model, profile, decoder.context_model, today=decoder,
                      past_bias=decoder.past_bias, historic_only_penalty=decoder.historic_only_penalty)
        _decode(text, tokens, [i for i in active if any(modern_spelling(w) for w, *_ in old.candidates(tokens[i]))],
                old, decisions)
    if profile.name != GERMAN_TEXT.name:
        # Words still unknown get a last look with the German engine's habits: that is how a
        # second run over the corrected text (whose profile is German) would see them, and
        # correcting twice must give what correcting once gave. Their letters still weigh as on
        # this page (see SCORING.damage_floor): what this look changes is a word then, which a second run
        # leaves alone ("sttebt" → "strebt", "gelangi" → "gelangt": confusions the German engine
        # makes, on tokens whose letters show damage)
        german = Decoder(lexicon, error_model, GERMAN_TEXT, page_profile=profile,
                         historic_only_penalty=decoder.historic_only_penalty)
        _decode(text, tokens, [i for i, t in enumerate(tokens) if not t.protected and i not in skip
                         and not t.known and t.best == t.core], german, decisions)

    # the document's own words for what is still unknown (see DOCUMENT.edit_cost)
    shortest = document_word_length(decoder)
    unresolved = [i for i, t in enumerate(tokens) if not t.known and len(t.core) >= shortest and not t.protected
                  and t.best == t.core and i not in skip and t.core not in terms]
    from_document: set[int] = set()
    if unresolved:
        here = document_words(tokens, lexicon)
        if here:
            found: dict[int, Decision] = {}
            _decode(text, tokens, unresolved, DocumentDecoder(decoder, here), found)
            from_document = {i for i, d in found.items() if d[0] != tokens[i].core}
            decisions.update((i, found[i]) for i in from_document)
    return decisions, from_document


def _decode(text, tokens, indices, decoder, decisions) -> None:
    """Decide the tokens at ``indices`` left to right, with the latest decisions as context."""
    last = len(tokens) - 1
    for i in indices:
        t = tokens[i]
        prev = "<s>" if i == 0 or tokens[i - 1].sentence_end or tokens[i - 1].paragraph_end else tokens[i - 1].best
        nxt = None if t.sentence_end or i == last else tokens[i + 1].best
        decisions[i] = decision = decoder.decide(t, prev, nxt, lambda: _sentence_context(text, tokens, i))
        t.best = t.core if decoder.held_back(t, *decision[:2]) else decision[0].rpartition(" ")[2]


@dataclass(frozen=True, slots=True)
class Passes:
    """When the passes after the first two run."""

    # a document with this many words in the spelling before 1996 is taken to write so throughout
    # (one may be a quotation)
    min_old_spelling_words: int = 2


PASSES = Passes()


def _old_spelling_evidence(tokens, decisions, lexicon) -> int:
    """How many of the document's words, as decided, are spelt as before 1996 ("daß", "muß")."""
    spelt_before_1996 = lexicon.spelt_before_1996
    return sum(1 for i, t in enumerate(tokens) if spelt_before_1996(decisions.get(i, (t.core,))[0]))


def _sentence_context(text, tokens, i) -> set[str]:
    """The lower-cased words of token i's sentence, without i and its direct neighbours, and
    the features of its clause's end (see :func:`..context.clause_end_features`)."""
    start = i
    while start > 0 and not tokens[start - 1].sentence_end:
        start -= 1
    end = i
    while end < len(tokens) - 1 and not tokens[end].sentence_end:
        end += 1
    clause_end = i
    while clause_end < end and not CLAUSE_BREAK_RE.search(text, tokens[clause_end].end, tokens[clause_end + 1].start):
        clause_end += 1
    return ({tokens[j].best.lower() for j in range(start, end + 1) if abs(j - i) > 1}
            | clause_end_features([tokens[j].best for j in range(i + 1, clause_end + 1)]))


def _changed_neighbour(tokens, i) -> bool:
    return any(0 <= j < len(tokens) and tokens[j].best != tokens[j].core for j in (i - 1, i + 1))


def context_model():
    try:
        from ...context import default_context_model

        return default_context_model()
    except OSError:  # not built: the bigram model decides alone
        return None


# ---------------------------------------------------------------- the compiled passes

#: the compiled candidate caches, per key of ``decoder._CANDIDATE_CACHE`` (their content changes
#: no answer: a token's candidates are a function of its core)
_CORE_CANDIDATES: dict[tuple, object] = {}
#: the page confusions' explanations, per lexicon (as ``page_confusions._EXPLANATIONS``)
_CORE_EXPLANATIONS: dict[int, object] = {}
#: the compiled searches as ``sources._core_sources`` keeps them on a decoder, by the profile's
#: weight (all they take of the profile: the error model's tables are made by weight), for the
#: next page's decoders of that weight
_SOURCES_KEPT: dict[float, tuple] = {}
#: the lexicon methods the compiled passes ask besides the scorer's and the searches'
_ASKED = ("count", "count_ci", "known", "spelt_before_1996", "is_prefix")


def _core_constants_agree() -> bool:
    """Do the compiled passes name the makers and use the constants given here?"""
    if not hasattr(_core, "passes_constants"):  # an extension built before the port
        return False
    from .sources import OLD_SZ_SPELLING

    here = {"OLD_SZ_SPELLING": OLD_SZ_SPELLING, "PAGE_CONFUSION": page_confusions.PAGE_CONFUSION,
            "WORD_OF_THE_DOCUMENT": document_module.WORD_OF_THE_DOCUMENT,
            "_MODEL_RESTORATIONS": sorted(page_confusions._MODEL_RESTORATIONS),
            "_CANDIDATE_CACHE_MAX": decoder_module._CANDIDATE_CACHE_MAX,
            "_EXPLANATIONS_MAX": page_confusions._EXPLANATIONS_MAX, "SENT_START": "<s>",
            "non_word_penalty_german": decoder_module.SCORING.non_word_penalty_german}
    return dict(_core.passes_constants()) == here


#: the compiled passes, unless KORREKTOR_PY_SEARCH=1 (read at import, as the searches')
_USE_CORE = not errormodel._PY_SEARCH and _core_constants_agree()
#: what the passes call, as at import: one replaced since (a test's, a measurement's) runs Python
def _now() -> tuple:
    """What the passes call and read, as it is now."""
    return (PASSES, Decoder, PageConfusionDecoder, DocumentDecoder, learn, document_words, document_word_length,
            decoder_module.SCORING, page_confusions.PAGE_LEARNING, document_module.DOCUMENT, modern_spelling,
            page_confusions._MODEL_RESTORATIONS, page_confusions._explanations, page_confusions._merge,
            sources.old_sz_spellings, Decoder.candidates, Decoder.decide, Decoder.held_back, Decoder.__init__,
            PageConfusionDecoder.candidates, PageConfusionDecoder._rewrite, DocumentDecoder.candidates,
            DocumentDecoder._document_words, document_module.other_ending)


#: what the passes call and read, as at import: one replaced since (a test's, a measurement's)
#: runs Python
_CHECKED = _now()


def _cache(key: tuple, caches: list, at: dict) -> int:
    """The index in ``caches`` of the compiled candidate cache for ``key`` (one per key)."""
    k = at.get(key)
    if k is None:
        cache = _CORE_CANDIDATES.get(key)
        if cache is None:
            if len(_CORE_CANDIDATES) >= 64:  # keys of lexicons long gone
                _CORE_CANDIDATES.clear()
            cache = _CORE_CANDIDATES[key] = _core.CandidateCache()
        k = at[key] = len(caches)
        caches.append(cache)
    return k


def _sources(d):
    """``sources._core_sources(d)``, made once per profile weight (with the same lexicon, error
    model, twin filter and character model) rather than once per page."""
    weight = float(d.profile.weight)
    kept = _SOURCES_KEPT.get(weight)
    if (kept is not None and getattr(d, "_sources_core", None) is None and kept[0] is d.lex and kept[1] is d.em
            and kept[3] is d.twin_filter and kept[4] is d.chars):
        d._sources_core = (d.lex, d.em, d.profile, d.twin_filter, d.chars, kept[5])
    found = sources._core_sources(d)
    if found is not None:
        if len(_SOURCES_KEPT) >= 16:
            _SOURCES_KEPT.clear()
        _SOURCES_KEPT[weight] = d._sources_core
    return found


def _core_decode(text, tokens, decoder, skip, terms):
    """:func:`_py_decode` in the compiled core, or None where Python answers: a decoder that is
    no plain :class:`Decoder`, a scorer, search or lexicon the core does not hold for one of the
    decoders the passes make, something they call replaced since import, a lone surrogate."""
    if type(decoder) is not Decoder or decoder.today is not None or type(tokens) is not list:
        return None
    if any(a is not b for a, b in zip(_now(), _CHECKED)):
        return None
    if (document_module._CORE_DOCUMENT is not document_module.DOCUMENT or not page_confusions._compiled_now()
            or not umlauts._compiled_now()):
        return None
    lexicon, error_model, profile = decoder.lex, decoder.em, decoder.profile
    if not answers_as_core(lexicon, _ASKED):
        return None
    scorer = decoder._scorer()
    found = None if scorer is None else _sources(decoder)
    state = None if found is None else umlauts._core_state(decoder)
    if state is None or not state[3]:  # the error model's logp_identity is not the class's
        return None
    caches: list = []
    at: dict = {}
    main_cache = _cache((id(lexicon), id(error_model), profile.weight, False), caches, at)
    old_cache = _cache((id(lexicon), id(error_model), profile.weight, True), caches, at)
    german = None
    if profile.name != GERMAN_TEXT.name:
        g = Decoder(lexicon, error_model, GERMAN_TEXT, page_profile=profile,
                    historic_only_penalty=decoder.historic_only_penalty)
        g_scorer = g._scorer()
        if g_scorer is None:
            return None
        g_sources = _sources(g)
        if g_sources is None:
            return None
        german = (g_scorer, g_sources, (g.german_page, g.min_real_word_confidence),
                  _cache((id(lexicon), id(error_model), GERMAN_TEXT.weight, False), caches, at))
    explanations = _CORE_EXPLANATIONS.get(id(lexicon))
    if explanations is None:
        if len(_CORE_EXPLANATIONS) >= 16:
            _CORE_EXPLANATIONS.clear()
        explanations = _CORE_EXPLANATIONS[id(lexicon)] = _core.ExplanationCache()

    def expected(true: str, read: str) -> float:
        return error_model.logp_confusion(true, read, profile)

    constants = (PASSES.min_old_spelling_words, document_word_length(decoder),
                 document_module.DOCUMENT.min_two_edits_length, document_module.DOCUMENT.edit_cost)
    return _core.decode_passes(text, tokens, scorer, found, (decoder.german_page, decoder.min_real_word_confidence),
                               german, caches, main_cache, old_cache, set(skip), set(terms), explanations,
                               expected, constants)
