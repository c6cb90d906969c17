"""Stage *words*: damaged words (lost umlauts, look-alike glyphs, real-word errors).

A noisy-channel decoder: each token is replaced by the candidate word that the OCR error model,
the bigram language model around it and, for real-word pairs (hatte/hätte), the context words of
its sentence make most likely; the winner's posterior is the edit's confidence. Do no harm: URLs,
numbers, acronyms, code and sentences that are mostly not German are left alone; a known word is
only replaced by another one when the context and the document's error profile together make
that clearly more likely.

The stage, in the order :func:`run` goes (one module each):

``tokens``    the token, its shape, and what is protected and left alone
``joins``     words torn into tokens joined: "Ge sellschaft", "g e s p e r r t"
``sources``   where a token's candidate words come from, and the order of the searches:
              ``umlauts`` (lost umlauts, ß and l read as glyphs: "fiir", "heif$t", "MitteIn"),
              ``nearby`` (letters garbled beyond the error model: "Deutschlaiid"),
              ``splits`` (lost spaces: "inder", "nicht.schlecht"); ``glyphs`` reads the glyphs
``decoder``   the scorer: error model + bigrams + context + penalties → posterior
``passes``    the decoding passes in order; ``page_confusions`` the misreadings the page repeats
              beyond the error model, learned from its non-words ("cin", "dic": c read for e);
              ``document`` the document's own terms and words;
              ``tense`` whether the document tells in the past (its "hatte" is no "hätte");
              ``noise`` whether the page is clean text, where only the surest word edits apply
``fixes``     punctuation and case repairs between the decided words: "Herren, Aber",
              "der. Bundestag", "wir Sollten", an I read as i at a sentence start
"""

from __future__ import annotations

from ...edits import Edit
from ...marks import default_mark_stats
from ...rules import Kind
from .. import StageResult
from . import passes
from .decoder import Decoder
from .document import document_terms
from .era import historic_only_penalty
from .fixes import (CAPITAL_I_AT_SENTENCE_START, CAPITAL_INSIDE_SENTENCE, capital_inside_sentence, lower_case_i,
                    sentence_punctuation)
from .joins import JOIN_BROKEN_WORD, JOIN_LETTER_SPACED_WORD, join_broken_words, join_letter_spaced
from .noise import clean_page, held_on_a_clean_page
from .rules import RULES
from .tense import past_bias
from .tokens import foreign_sentences, protect_spelling, protect_units, tokenize

__all__ = ["RULES", "run"]


def run(text: str, ctx) -> StageResult:
    try:
        lexicon = ctx.lexicon
        error_model = ctx.error_model
        profile = ctx.profile
    except (ImportError, OSError):  # no language data: nothing to decide with
        return StageResult()
    tokens = tokenize(text, lexicon)
    if not tokens:
        return StageResult()
    cores = [t.core for t in tokens]
    decoder = Decoder(lexicon, error_model, profile, passes.context_model(), past_bias=past_bias(cores),
                      historic_only_penalty=historic_only_penalty(cores, lexicon))
    protect_units(text, tokens, decoder)
    protect_spelling(tokens, lambda: ctx.spelling, lexicon)
    tokens = join_letter_spaced(text, tokens, lexicon)
    tokens = join_broken_words(text, tokens, lexicon, foreign_sentences(tokens, decoder))
    skip = foreign_sentences(tokens, decoder)
    terms = document_terms(tokens, profile, decoder)
    decisions, from_document = passes.decode(text, tokens, decoder, skip, terms)

    changes: list[Edit] = []
    doubts: list[Edit] = []  # not applied: below min_confidence, suggest mode, or held back
    config = ctx.config
    marks = default_mark_stats()
    for edit in sentence_punctuation(text, tokens, lexicon, marks, skip):
        (doubts if config.suggest or edit.confidence < config.min_confidence else changes).append(edit)
    capital_i = lower_case_i(text, tokens, lexicon)
    lowered = capital_inside_sentence(text, tokens, marks, skip)
    for i, t in enumerate(tokens):
        word, confidence, alternatives, rule = decisions.get(i, (t.core, 1.0, [], ""))
        source = text[t.start:t.end]
        # a real-word correction of the passes may be held back on a page read with umlauts
        real_word_check = i not in from_document
        if word == source and i in capital_i and i not in skip:
            word, confidence, rule = "I" + word[1:], 0.8, CAPITAL_I_AT_SENTENCE_START
            real_word_check = False
        elif word == source and i in lowered:
            word, confidence, rule = word[0].lower() + word[1:], 0.8, CAPITAL_INSIDE_SENTENCE
            real_word_check = False
        if word == source or ("ß" in word and not ctx.spelling.allows(source, word)):
            continue
        if t.merged:
            joined = JOIN_LETTER_SPACED_WORD if t.spaced else JOIN_BROKEN_WORD
            rule = joined if word == t.core else f"{joined}+{rule}"
            confidence = min(confidence, t.merged)
            real_word_check = False
        edit = Edit(t.start, t.end, source, word, Kind.WORD, rule, confidence, tuple(alternatives))
        if (config.suggest or confidence < config.min_confidence
                or (real_word_check and decoder.held_back(t, word, confidence))):
            doubts.append(edit)
        else:
            changes.append(edit)
    if clean_page(text, changes):
        doubts += [e for e in changes if held_on_a_clean_page(e)]
        changes = [e for e in changes if not held_on_a_clean_page(e)]
    return StageResult(tuple(sorted(changes, key=lambda e: e.start)), tuple(doubts))
