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
"""

from __future__ import annotations

from ...context import CLAUSE_BREAK_RE, clause_end_features
from ...errormodel import GERMAN_TEXT
from ...lexicon import modern_spelling
from .decoder import Decision, Decoder
from .document import DocumentDecoder, document_word_length, document_words
from .page_confusions import PageConfusionDecoder, learn
from .tokens import Token
from dataclasses import dataclass


def decode(text: str, tokens: list[Token], decoder: Decoder, skip: set[int], terms: set[str]
           ) -> tuple[dict[int, Decision], set[int]]:
    """Run the passes over ``tokens`` (not those at ``skip``, nor the document's ``terms``): the
    decisions by token index, and the indices whose decision came from the document's words."""
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
