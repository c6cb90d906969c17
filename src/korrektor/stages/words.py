"""Stage *words*: damaged words (lost umlauts, look-alike glyphs, real-word errors).

A noisy-channel decoder. For each token it weighs every candidate word w — the token itself
included — by

    ln P(token | w)                      the OCR error model, adapted to the document's profile
  + ln P(w | previous) + ln P(next | w)  the bigram language model around it

  + for real-word pairs (hatte/hätte), the context words of the sentence (``korrektor.context``)

and replaces the token when another word wins clearly. The posterior of the winner among the
candidates is the edit's confidence; the runners-up are its alternatives. Candidates come from a
cheap search for lost umlauts first and from the error model's full channel search where that finds
nothing; lost spaces ("inder") and spaces read as hyphens ("Reihe-verschiedener") are candidates
too. Tokens are decided left to right, then once more where a neighbour changed, so that two
damaged neighbours ("fiir Integration", "wir missen") help each other. Between the words, sentence
punctuation read as its look-alike is repaired from what the language data knows about sentence
starts ("Herren, Aber" → "Herren. Aber"), and so is an I read as i at a sentence start; a speck
read as a mark or a dash is dropped where the corpus never writes one ("der. Bundestag", "nicht,
mehr", "und – Kollegen"; ``korrektor.marks``).

Do no harm: URLs, e-mail addresses, numbers, all-caps acronyms, tokens with code characters and
sentences that are mostly not German are left alone; a known word is only replaced by another
one when the context and the document's error profile together make that clearly more likely.
"""

from __future__ import annotations

import bisect
import itertools
import math
import os.path
from collections import Counter
from dataclasses import dataclass

import regex
from rapidfuzz import process as fuzz_process
from rapidfuzz.distance import Levenshtein

from ..charmodel import default_char_model
from ..context import CLAUSE_BREAK_RE, clause_end_features
from ..edits import Edit
from ..errormodel import GERMAN_TEXT, UMLAUTS
from ..lexicon import ABBREV, SENT_START, is_abbreviation, modern_spelling
from ..marks import MarkStats, default_mark_stats
from ..twins import twin_filter, umlaut_readings
from .typography import LETTER_SPACED_RE, PUNCTUATION, openers_before

KIND = "word"

_CHUNK_RE = regex.compile(r"\S+")
# Punctuation that may stand around a word; what remains is the token's core.
_LEAD = "\"'„“”‚‘’»«›‹([{*¿¡"
_TRAIL = "\"'„“”‚‘’»«›‹)]}.,;:!?…*"
_PROTECTED_RE = regex.compile(r"@|://|^www\.|\.(?:de|com|org|net|eu)$|[<>{}\\/=_#|$%^~]", regex.I)
_SENTENCE_END = frozenset(".!?")

# ln of how much less likely an unknown token is as the true word than the language model's
# estimate for unseen words says: a token the lexicon does not know, for which the error model
# offers a known word, is usually damaged (the lexicon covers 99.4 % of corpus tokens).
NON_WORD_PENALTY = -2.0
# ... but half that on a page whose engine read its umlauts: a German model damages fewer words,
# so more of the tokens the lexicon lacks are names, terms and words of other domains ("Sid",
# "init", "Prozessor"). On pages of Debian's German manuals (bench/outside_pages.py) this cuts the
# characters korrektor changes in their correct text by a third; on the bench pages it moves one word.
NON_WORD_PENALTY_GERMAN = -1.0
# On such a page a word that is itself a word is rarely a damaged other word ("hatten" read for
# "hätten"): there, a real-word correction below this confidence is reported as a doubt, not
# applied (on the bench and the outside pages read with the German model, all 5 such corrections
# below it were wrong).
MIN_REAL_WORD_CONFIDENCE_GERMAN = 0.9
# ... and more for a non-word that shows damage no German word has: a capital after a lower-case
# letter inside it ("TarifverbUnden"), an accented vowel next to German letters
# ("Qualitaétsproblem"), a digit between letters ("Steuereinbu8en")
DAMAGED_PENALTY = -4.0
_DAMAGED_RE = regex.compile(r"\p{Ll}\p{Lu}\p{Ll}|[a-zäöü][éè]|[éè][a-zäöü]{2}|\p{L}\d\p{L}")
# ln P(OCR lost a space between two words | they were two words), and the same for a space
# read as a hyphen ("Reihe-verschiedener"); rare, so the language model must clearly prefer the split.
SPLIT_COST = math.log(0.002)
# A split part must be a word seen this often, so that "inder" → "in der" but not "Ge sellschaft".
MIN_SPLIT_PART_COUNT = 50
MIN_SPLIT_FUNCTION_WORD_COUNT = 1000
# ln P(a speck read as punctuation took the place of a space | a word, one or two marks and a word
# glued together: "nicht.schlecht", "Frage’der", "hat,-überhaupt", "zu:wenig", "und’Betriebe");
# prose never writes them so. Before a capital not after a full stop ("dazu.-Es" ended a
# sentence) unless no sentence ends with the first word ("von.Sozialleistungen"); a lone hyphen is
# a compound's ("Bundes-Länder"), and a colon before "innen" or "in" is written so ("Schüler:innen").
GLUED_MARK_COST = math.log(0.05)
_GLUED_MARK_RE = regex.compile(r"(\p{L}{2,})([.,'’‘:;-]{1,2})(\p{L}{2,})")
_GENDER_SUFFIXES = frozenset({"in", "innen"})
# the words that open a relative clause, which a comma always precedes
_RELATIVE_PRONOUNS = frozenset("der die das dem den dessen deren denen "
                               "welcher welche welches welchem welchen".split())
# a sentence's end glued to the next sentence's first word by a speck ("dazu.-Es", "Kollegen!'Das")
_GLUED_STOP_RE = regex.compile(r"(\p{L}{2,})([.!?])[-'’‘.,_~](\p{Lu}\p{Ll}+)")
# ln P(OCR inserted a space inside a word), and how often the joined word must have been seen
MERGE_COST = math.log(0.002)
MIN_MERGE_COUNT = 5
# ln P(one letter misread, lost or added by noise the error model has no rule for), the shortest
# token this is tried on, and how often the word must have been seen
ONE_EDIT_COST = math.log(1e-5)
MIN_ONE_EDIT_LENGTH = 4
MIN_ONE_EDIT_LENGTH_CAPITAL = 8
MIN_ONE_EDIT_COUNT = 200
# ... for a token of ten letters or more, rarer words too, at a lower cost: a long token has more
# letters to garble, and few long words the lexicon lacks are one letter from a stored one
# (bench eng +5 characters, deu +2, manuals +1)
MIN_ONE_EDIT_LENGTH_LONG = 10
MIN_ONE_EDIT_COUNT_LONG = 5
ONE_EDIT_COST_LONG = math.log(1e-4)
# ... and to a compound the corpus never wrote ("Sitznachbarinuen"), which the bigram model scores
# as barely likelier than an unknown word: the channel decides almost alone, and a cost this low
# keeps unknown compounds safe (measured on the bench and the outside pages: 1e-3 gains 3
# characters and loses none, 1e-2 gains 7 and loses 2, e^-3 loses 18 net, "Profilbildungen" →
# "Profilbindungen")
COMPOUND_ONE_EDIT_COST = math.log(1e-3)
# Lost umlauts and one letter garbled besides ("Verfiiguag" → "Verfügung"): the shortest token
# searched, how many of its readings with umlauts restored (the likeliest first) are searched one
# letter further, and how unlike German its letters must be (see ..charmodel: a token spelt like
# German, "Kinderlein" −3.6, is left alone); the gates keep the search at 0.15 s of a 5 s pass
# over the eng pages (0.43 s without the last, 1.8 s with pairs of umlauts and every reading)
MIN_UMLAUT_EDIT_LENGTH = 8
MAX_UMLAUT_EDIT_READINGS = 6
MAX_UMLAUT_EDIT_WORST = -5.5
# ln P(two letters garbled by such noise), and the search for frequent words one or two letters
# from a non-word that nothing else explains: the shortest token (a capitalised one, perhaps a
# name, longer), how often the word must have been seen (rarer words are too many to tell from a
# rare word or name the lexicon lacks), and what an edit may not be confined to: the last letters
# of the word, if the token ends there in letters of German endings ("-em", "-en", "-er", "-es")
TWO_EDIT_COST = math.log(1e-7)
MAX_NEAR_EDITS = 2
MIN_NEAR_LENGTH = 5
MIN_NEAR_LENGTH_CAPITAL = 6
MIN_NEAR_COUNT = 500
ENDING_LENGTH = 2
_ENDING_RE = regex.compile(r"[emnrs]{0,2}")
# ... and for the rarer words one letter from a long token, verb endings too ("verhaltend",
# "abstottert")
_LONG_ENDING_RE = regex.compile(r"[demnrst]{0,2}")
# ... and for long tokens that put letters together as no German word does (see ..charmodel:
# "Teilnmehmer", "Radikalisieryng"), rarer words too: the letters that are damage are that spot,
# so a word found must be spelt like German there (its worst spot this much likelier). A long word
# the lexicon lacks but that is spelt like German ("Sitznachbarinnen") is no such token.
MIN_FAR_LENGTH = 9
MIN_FAR_COUNT = 20
MAX_FAR_WORST = -9.0
MIN_FAR_GAIN = 3.0
# On a page from an engine that cannot read umlauts, a non-word pays this much more per nat by
# which its worst spot falls below DAMAGE_FLOOR: such a token is damage, not a word the lexicon
# lacks, and the reading found for it wins more readily ("Stattclessen" → "Stattdessen"). Not on a
# page read with umlauts, where unknown words are more often names and terms (the ground truth of
# the development sets: 0.0088 → 0.0106 % changed on the manuals).
DAMAGE_FLOOR = -8.0
DAMAGE_SCALE = 0.5
# ... and for lower-case tokens of two or three letters ("uid", "ict", "zi"), where one letter
# reaches many words, only the most frequent words, which such tokens mostly are; not without a
# vowel: those are abbreviations ("vs", "bzw")
MIN_ONE_EDIT_LENGTH_SHORT = 2
MIN_ONE_EDIT_COUNT_SHORT = 20_000
_VOWELS = frozenset("aeiouyäöü")
_ALPHABET = "abcdefghijklmnopqrstuvwxyzäöüß"
# ln of the extra channel cost of reading a lower-case initial as a capital: Tesseract without a
# German model reads an initial ü as "U" about 6 % of the time, Ü as "U" almost always.
CASE_COST = math.log(0.06)
# A token in capitals this long may be a word set so, not an acronym (see _capitals_twins)
MIN_CAPITALS_WORD_LENGTH = 3
# Lost umlauts inside compounds the lexicon does not store are looked for only on pages where the
# engine's share of the no-umlauts profile is at least this: an engine that emits umlauts rarely
# loses one, and the full channel search still runs (a compound's analysis costs ~15 us a try).
MIN_WEIGHT_COMPOUND_TWINS = 0.1
# Sentences in which fewer than this share of the words are known are taken as foreign or not
# prose (a table, code, a list of names) and left alone. Not higher: on a badly damaged page a
# German sentence may have half its words garbled (foreign prose is caught by its function words).
MIN_KNOWN_SHARE = 0.35
# ... counting words with misread umlauts as known where at least this share is known already
MIN_KNOWN_SHARE_BEFORE_SEARCH = 0.1


@dataclass(slots=True)
class _Token:
    start: int  # offset of the core in the text
    end: int
    core: str
    sentence_end: bool  # the token ends a sentence (its trailing punctuation)
    known: bool
    protected: bool
    best: str = ""  # the decision of the latest pass
    acronym: bool = False  # all capitals: only a lost umlaut is repaired ("OPNV" → "ÖPNV")
    lower_noun: bool = False  # a noun written in lower case (see Lexicon.noun_in_lower_case)
    merged: float = 0.0  # > 0: two tokens joined into this one ("Ge sellschaft"), with this confidence
    spaced: bool = False  # joined from a letter-spaced word ("g e s p e r r t")
    paragraph_end: bool = False  # a paragraph break follows: the next token starts a sentence


def _tokens(text: str, lexicon) -> list[_Token]:
    out = []
    shapes = _SHAPE_CACHE.setdefault(id(lexicon), {})
    if len(shapes) > _SHAPE_CACHE_MAX:
        shapes.clear()
    for m in _CHUNK_RE.finditer(text):
        chunk = m.group()
        shape = shapes.get(chunk)
        if shape is None:
            shape = _shape(chunk, lexicon)
            if len(chunk) <= _SHAPE_CACHE_MAX_CHUNK:  # a long chunk is garbage or a URL: rare
                shapes[chunk] = shape
        if shape is not None:
            lead, core, sentence_end, known, protected, acronym, lower_noun = shape
            start = m.start() + lead
            out.append(_Token(start, start + len(core), core, sentence_end, known, protected, core, acronym,
                              lower_noun))
    # A sentence starts after a paragraph break, with a full stop before it or without: after a
    # heading ("ANFRAGE¶¶Uber die Frage"), a list's item, a line of a table (the layout stage
    # has joined the paragraphs a page break tore inside a sentence). The word before the break
    # keeps the next paragraph's first word as its right neighbour: the bigram model has no
    # sentence end to score instead.
    if "\n" in text:
        ends = [t.end for t in out]
        for m in _PARAGRAPH_BREAK_RE.finditer(text):
            k = bisect.bisect_right(ends, m.start()) - 1  # the last token before the break
            if k >= 0:
                out[k].paragraph_end = True
    return out


_PARAGRAPH_BREAK_RE = regex.compile(r"\n[ \t]*\n")


# What _tokens learns about a chunk of text between spaces, per language data: corpora repeat
# their words, so each distinct chunk is looked at once per process. Bounded: cleared when full.
_SHAPE_CACHE: dict[int, dict[str, tuple | None]] = {}
_SHAPE_CACHE_MAX = 300_000
_SHAPE_CACHE_MAX_CHUNK = 80  # characters: bounds the cache in bytes too


# a gender form with a capital I inside ("LehrerInnen", "DemonstrantIn")
_BINNEN_I_RE = regex.compile(r"\p{Lu}?\p{Ll}{2,}In(?:nen)?")


def _shape(chunk: str, lexicon) -> tuple | None:
    """(offset of the core, core, ends a sentence, known, protected, acronym, a noun in lower
    case); None: no core."""
    core = chunk.lstrip(_LEAD)
    lead = len(chunk) - len(core)
    core = core.rstrip(_TRAIL)
    if not core:
        return None
    trail = chunk[lead + len(core):]
    if lexicon.count(core) > 0 and core.isalpha() and not core.isupper():
        protected, known = False, True  # the common case, decided with one lookup
    elif trail[:1] in ("'", "’") and _elided(core, lexicon):
        protected, known = True, True  # "kenn’", "würd’": spoken German, not damage
    elif _BINNEN_I_RE.fullmatch(core) and _is_known(core.replace("I", "i"), lexicon):
        protected, known = True, True  # "DemonstrantInnen": a gender form, not a misread i
    else:
        # a ß read as a symbol makes a word look like code ("heif$t"): not if it reads as a word
        protected = _is_protected(core) and _sz_reading(core) is None
        known = not protected and _is_known(core, lexicon)
    # an acronym may still lose an umlaut ("OPNV"); a token too long to be a word stays protected
    acronym = (protected and len(core) <= MAX_TOKEN_LENGTH and core.isupper() and core.isalpha()
               and lexicon.count(core) == 0)
    sentence_end = bool(trail) and not _SENTENCE_END.isdisjoint(trail)
    lower_noun = known and lexicon.noun_in_lower_case(core)
    return lead, core, sentence_end, known, protected and not acronym, acronym, lower_noun


# Longer tokens are no German word ("Rindfleischetikettierungsüberwachungsaufgabenübertragungs-
# gesetz" has 63 letters) but garbage, a URL or a hash; their search would only cost time.
MAX_TOKEN_LENGTH = 64
# Pairs of lost umlauts are tried only in tokens with at most this many places to restore one
# (the pairs grow with its square).
MAX_PAIRED_SUBSTITUTIONS = 40
# ... and in a token with more, only readings at least this likely (ln of the channel score's
# change: a lost umlaut on a page without umlauts costs about 0.1, a rare misreading 5 or more);
# in an unseen compound, whose every option costs a compound analysis, only readings this likely
# pair, and where there are at most MAX_TRIPLED_SUBSTITUTIONS of them, three go together
MIN_PAIRED_GAIN = -5.0
MIN_COMPOUND_PAIRED_GAIN = -2.0
MAX_TRIPLED_SUBSTITUTIONS = 10


# A ß read as a symbol, alone or with an f or a B beside it ("grof%e", "heif$t", "schie&Ben",
# "naturgema§&", "Fu8"): an engine without a German model has no ß and reaches for a look-alike.
# The error model knows the single glyphs; these runs and the symbols that mark a token as code
# need a reading of their own.
_SZ_GLYPHS_RE = regex.compile(r"(?<=\p{Ll})(?:f?[&8®%$@§]{1,2}[BS]?|B[&8®%$@§])(?=\p{Ll}|$)")
# ln P(OCR reads ß as such a run | ß), as rare as the error model's rarer ß readings
SZ_GLYPHS_COST = math.log(0.01)


def _sz_reading(core: str) -> str | None:
    """The token with its symbol run read as ß, if that leaves a word of letters only."""
    m = _SZ_GLYPHS_RE.search(core)
    if m is None:
        return None
    word = core[:m.start()] + "ß" + core[m.end():]
    return word if word.isalpha() else None


# A capital I beside a lower-case letter: in a sans-serif font the lower-case l looks the same
# ("MitteIn", "EvaIuierung", "AIlerdings", "Ieben"). The error model, trained on pages set in
# fonts that tell them apart, rates the confusion as rare.
_CAPITAL_I_FOR_L_RE = regex.compile(r"(?<=\p{Ll})I|I(?=\p{Ll})")
MAX_I_FOR_L = 3  # capital I's read as l in one token (seven readings at most)
# ln P(OCR reads l as I | l) in a font that draws them alike
I_FOR_L_COST = math.log(0.01)


def _l_readings(core: str) -> list[tuple[str, int]]:
    """The token with some of its capital I's beside lower-case letters read as l, and how many:
    every combination, fewest first."""
    if len(core) < 3:  # "Ir" is "Im" as likely as "lr" anything
        return []
    spots = [m.start() for m in _CAPITAL_I_FOR_L_RE.finditer(core)]
    if not spots or len(spots) > MAX_I_FOR_L:
        return []
    out = []
    for mask in range(1, 1 << len(spots)):
        chars = list(core)
        for k, i in enumerate(spots):
            if mask >> k & 1:
                chars[i] = "l"
        out.append(("".join(chars), mask.bit_count()))
    return sorted(out, key=lambda x: x[1])


_DIGIT_FOR_LETTER_RE = regex.compile(r"[0-9]\p{Ll}{1,3}")
# what follows a count without a space: units, and the suffixes of ordinals and numerals
_UNIT_LETTERS = frozenset(
    "a b c d g h k l m s t v w x ct cl cm dl el er km kg mg ml mm ha kw mw gw kwh kj db hz khz mhz ghz "
    "bit min sek std mio mrd tsd qm jh gb mb kb tb px pt st th nd rd ps pf tl bar eur kcal".split())


def _is_protected(core: str) -> bool:
    if len(core) > MAX_TOKEN_LENGTH:
        return True
    if _DIGIT_FOR_LETTER_RE.fullmatch(core) and core[1:] not in _UNIT_LETTERS:
        # a digit before one to three lower-case letters that are no unit (2m, 10kg) nor a
        # numeral's suffix (3er, 2nd) was most often a letter ("2u", "2ur": "zu", "zur")
        return False
    letters = sum(c.isalpha() for c in core)
    if letters < 2 or _PROTECTED_RE.search(core):
        return True
    if core.isupper():
        return True  # acronyms: BAF, HJR, NATO
    digits = sum(c.isdigit() for c in core)
    return digits > 0 and (digits > 2 or letters < 3)  # numbers, units, model names: 5G, A380


_KNOWN_CACHE: dict[tuple[int, str], bool] = {}


def _is_known(core: str, lexicon) -> bool:
    if lexicon.count(core) > 0:
        return True
    key = (id(lexicon), core)
    hit = _KNOWN_CACHE.get(key)
    if hit is None:
        if len(_KNOWN_CACHE) > 200_000:
            _KNOWN_CACHE.clear()
        # "Landtags-" in "Landtags- und Kommunalwahlen": the first part of a suspended compound
        hit = _KNOWN_CACHE[key] = bool(lexicon.known(core) or (
            core.endswith("-") and len(core) > 3 and lexicon.known(core[:-1])))
    return hit


# Frequent English, French, Italian, Spanish and Dutch words that are not German words: a sentence
# full of them is in one of those languages. (Not "was" and "will", frequent German words too: a
# German question of four words, "Was heißt denn Nachhaltigkeit?", was taken for English.)
_FOREIGN = frozenset("the of and to is that it for on with as are this be by at from or have not "
                     "but they which you were their has would can there been its "
                     "what when who we my your our it's don't "
                     "le la les et est que qui pour dans une avec sur pas nous vous "
                     "il di della che sono gli el los las del y por para con una "
                     "het een voor niet zijn".split())


def _foreign_sentences(tokens: list[_Token], decoder: _Decoder) -> set[int]:
    """Indices of tokens in sentences that are not German prose: mostly unknown words or many
    foreign function words. A sentence too short to judge shares the verdict of the one before.
    A lower-case word with its umlauts misread ("fiir", "miissen") counts as German: a sentence of
    a manual names many terms the lexicon lacks ("Sie miissen ibus iiber GNOME Tweaks
    konfigurieren"); a capitalised one may be a name in a list of names ("Sarge", "Särge")."""
    out: set[int] = set()
    start = 0
    foreign = False
    for i, t in enumerate(tokens):
        if t.sentence_end or i == len(tokens) - 1:
            words = [x for x in tokens[start:i + 1] if not x.protected]
            if len(words) >= 4:
                function_words = sum(x.core.lower() in _FOREIGN for x in words)
                need = MIN_KNOWN_SHARE * len(words)
                known = sum(x.known for x in words)
                # the umlaut search only where the verdict depends on it, and not in a sentence
                # of junk (fewer than a tenth of its words known: each search costs ~0.1 ms)
                if MIN_KNOWN_SHARE_BEFORE_SEARCH * len(words) <= known < need:
                    for x in words:
                        if not x.known and x.core.islower() and decoder.lost_umlauts(x):
                            known += 1
                            if known >= need:
                                break
                foreign = known < need or function_words >= 0.2 * len(words)
            if foreign:
                out.update(range(start, i + 1))
            start = i + 1
    return out


# Candidate lists per (language data, error model, profile weight, token): a corpus repeats its
# words, so they are computed once per process. Bounded: cleared when full.
_CANDIDATE_CACHE: dict[tuple, dict[str, list[tuple[str, float]]]] = {}
_CANDIDATE_CACHE_MAX = 300_000  # tokens per profile


class _Decoder:
    def __init__(self, lexicon, error_model, profile, context_model=None, today: "_Decoder | None" = None,
                 page_profile=None):
        self.lex = lexicon
        self.em = error_model
        self.profile = profile
        self.context_model = context_model
        #: given for a document that writes as before 1996: the decoder for today's spelling, whose
        #: candidates this one extends by old ß spellings ("mußte" for "wute"); words are scored
        #: in today's spelling, so that "daß", which the corpus has only in a few quotations,
        #: weighs as "dass" does
        self.today = today
        self._cands = _CANDIDATE_CACHE.setdefault(
            (id(lexicon), id(error_model), profile.weight, today is not None), {})
        self._twin_filter = twin_filter(lexicon, error_model)
        self._lost: dict[str, bool] = {}  # lost_umlauts, per document
        # decisions that did not depend on the sentence, by (token, previous, next word): a
        # document repeats them ("a¶a¶a", tables, lists), per document and bounded by its tokens
        self._decisions: dict[tuple[str, str, str | None], tuple[str, float, list[str]]] = {}
        german = profile.name == GERMAN_TEXT.name
        #: was the page read by an engine with a German model? (``page_profile``: the page's own
        #: profile where this decoder reads it with another engine's habits)
        self.german_page = (page_profile or profile).name == GERMAN_TEXT.name
        self.chars = default_char_model()
        self.non_word_penalty = NON_WORD_PENALTY_GERMAN if german else NON_WORD_PENALTY
        self.min_real_word_confidence = MIN_REAL_WORD_CONFIDENCE_GERMAN if german else 0.0
        if len(self._cands) > _CANDIDATE_CACHE_MAX:
            self._cands.clear()

    def candidates(self, t: _Token) -> list[tuple[str, float]]:
        """Candidate words with ln P(token | word), the token itself first."""
        c = self._cands.get(t.core)
        if c is None and self.today is not None:
            c = self._cands[t.core] = self._with_old_spellings(t)
        elif c is None:
            identity = self.em.logp_identity(t.core, self.profile)
            if t.acronym:
                c = [(t.core, identity)] + (self._twins(t.core, identity) or self._capitals_twins(t.core, identity))
            elif t.known:
                # a word known only as a compound may be a stored word with two lost umlauts
                # ("Auslanderbehorde" splits as Ausland|erbe|horde)
                stored = self.lex.count(t.core) > 0
                c = [(t.core, identity)] + self._twins(t.core, identity, depth=1 if stored else 2)
                if "-" in t.core and not stored:
                    # "Reihe-verschiedener": known only as a compound of its parts, so perhaps
                    # two words whose space was read as a hyphen
                    c += self._splits(t.core, identity)
                elif not stored and t.core.islower() and self.lex.compound_split(t.core) is not None:
                    # "teilgaben": known only as a compound of its parts, so perhaps a frequent
                    # stored word with one letter misread ("teilhaben"). Not for a capitalised
                    # one: most such are nouns the corpus never wrote, and their search cost
                    # 0.15 s of a 3.3 s pass over the eng pages for one word found
                    c += self._corpus_only(self._one_edit_away(t.core, identity))
            else:
                # a ß read as symbols first, then lost umlauts: cheap, and what an engine without
                # a German model gets wrong most; the full channel search only where they explain
                # nothing
                found = (self._sz_glyphs(t.core)
                         or self._l_glyphs(t.core, identity)
                         or self._twins(t.core, identity, depth=2)
                         or (len(t.core) >= 8 and self.profile.weight >= MIN_WEIGHT_COMPOUND_TWINS
                             and self._twins(t.core, identity, depth=2, reach="compounds"))
                         or self._hyphenated_parts(t.core, identity)
                         # the searches below may reach any word: a supplementary form only by
                         # the restorations above
                         or self._corpus_only(self.em.candidates(t.core, self.lex, self.profile, max_edits=3, limit=8))
                         or self._corpus_only(self._one_edit_away(t.core, identity))
                         or self._compounds_one_edit_away(t.core, identity)
                         or self._near_words(t.core, identity)
                         or self._far_words(t.core, identity)
                         or self._loose_compound_twins(t.core, identity)
                         or self._one_edit_after_umlauts(t.core, identity))
                c = [(t.core, identity)] + [(w, lp) for w, lp in found if w != t.core]
                c += self._splits(t.core, identity)
            c += self._lowercase_variants(c)
            if len(t.core) <= 2 and not t.core.isupper():
                # two letters, one of them lower case, are no acronym's damage ("Pl" is no "PI",
                # "ii" no "II"): too short to tell
                c = c[:1] + [(w, lp) for w, lp in c[1:] if not w.isupper()]
            if t.known or t.acronym:
                # a word from the supplement restores a non-word; in place of a word the corpus
                # knows it would be a guess without context ("blasser" → "blässer")
                c = c[:1] + self._corpus_only(c[1:])
            self._cands[t.core] = c
        return c

    def _with_old_spellings(self, t: _Token) -> list[tuple[str, float]]:
        """Today's candidates and, after them, the old ß spellings a lost ß may have made."""
        c = self.today.candidates(t)
        if t.acronym:
            return c
        seen = {w for w, _ in c}
        depth = 1 if self.lex.count(t.core) else 2
        # only a lost ß restored: an umlaut besides would be a guess between two old forms
        # ("mußte", "müßte") that the modern scores do not decide
        umlauts = _umlaut_count(t.core)
        return c + [(w, lp) for w, lp in self._twins(t.core, c[0][1], depth=depth)
                    if w not in seen and modern_spelling(w) and _umlaut_count(w) == umlauts]

    def _capitals_twins(self, core: str, identity: float) -> list[tuple[str, float]]:
        """"PRUFUNG" → "PRÜFUNG", "FUR" → "FÜR": a word set in capitals (a heading) with its
        umlauts lost, found as its title-case form's twins, set in capitals again. Not for a token
        that is a word in title or lower case ("SCHON": a real-word pair needs more context than a
        heading gives), nor for one too short to tell from an acronym."""
        if len(core) < MIN_CAPITALS_WORD_LENGTH:
            return []
        if self.lex.count_ci(core):
            return []
        return [(w.upper(), lp) for w, lp in self._twins(core.capitalize(), identity, depth=2)
                if w.upper() != core]

    def _sz_glyphs(self, core: str) -> list[tuple[str, float]]:
        """"heif$t" → "heißt", "naturgema§&" → "naturgemäß" (a ß read as symbols, and perhaps
        lost umlauts besides)."""
        reading = _sz_reading(core)
        if reading is None:
            return []
        # every other letter read as itself; the ß as the run, which the engine may not emit at all
        score = self.em.logp_identity(reading.replace("ß", ""), self.profile) + SZ_GLYPHS_COST
        return self._glyph_reading(reading, score)

    def _l_glyphs(self, core: str, identity: float) -> list[tuple[str, float]]:
        """"MitteIn" → "Mitteln", "AIlerdings" → "Allerdings", "fuIlen" → "füllen": a lower-case l
        read as a capital I (see _CAPITAL_I_FOR_L_RE), and perhaps lost umlauts besides."""
        return [found for reading, n in _l_readings(core)
                for found in self._glyph_reading(reading, identity + n * I_FOR_L_COST)]

    def _glyph_reading(self, reading: str, score: float) -> list[tuple[str, float]]:
        """A token with a misread glyph read back: the word it makes, or the words it makes with
        lost umlauts restored. The engine that misread a glyph may have lost an umlaut beside it
        even where the reading is a word: "la&t" is "läßt" as well as "laßt", and the language
        model chooses."""
        if not _is_known(reading, self.lex):
            return self._twins(reading, score, depth=2)
        return [(reading, score)] + self._twins(reading, score)

    def lost_umlauts(self, t: _Token) -> bool:
        """Is the token a known word whose umlauts or ß the engine misread ("fiir", "heif$t")?"""
        found = self._lost.get(t.core)
        if found is None:
            found = self._lost[t.core] = bool(
                self._sz_glyphs(t.core) or self._twins(t.core, self.em.logp_identity(t.core, self.profile), depth=2))
        return found

    def _lowercase_variants(self, cands: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """An OCR engine reads a lower-case ü at a word's start as "U" ("Uberpriift"); the error
        model proposes the capitalised word, so offer its lower-case form too and let the
        language model, which knows the position in the sentence, choose."""
        seen = {w for w, _ in cands}
        out = []
        for w, lp in cands[1:]:
            # only an initial umlaut can have been a lower-case letter read as a capital
            if w[:1] in "ÄÖÜ" and not w[1:2].isupper():
                low = w[0].lower() + w[1:]
                if low not in seen and self.lex.count(low) > 0:
                    out.append((low, lp + CASE_COST))
                    seen.add(low)
        return out

    def _twins(self, core: str, identity: float, depth: int = 1, reach: str = "stored"
               ) -> list[tuple[str, float]]:
        """Known words that differ from the token by up to ``depth`` lost umlauts or ß ("wurde"/
        "würde", "missen"/"müssen", "fiir"/"für", "Uberpriift"/"überprüft"): the errors OCR makes
        most, found by a cheap targeted search. For a known token they are its real-word
        alternatives; a full channel search on every known word would cost too much.
        ``reach`` says what counts as a word: "stored" forms; also unseen "compounds"
        ("Werbetatigkeit"); only a stored word before a compound head, "loose" (see
        :meth:`_loose_compound_twins`); or every reading, "readings", for a further search (see
        :meth:`_one_edit_after_umlauts`). Beyond stored forms every place of the token is tried."""
        stored = reach == "stored"
        if (depth == 1 and self._twin_filter is not None and core not in self._twin_filter
                and stored and self.lex.count(core) and self.today is None):
            return []  # a stored form no stored word with an umlaut or ß is read as
        table = self.em.table(self.profile)
        readings = umlaut_readings(table)
        # A stored word starts with everything before its last substitution: where no stored
        # word starts so, no twin can be found (most known words have none). An unseen compound
        # need not start like a stored word, so the other reaches try every place.
        prefix_ok = self.lex.prefix_set.__contains__ if stored else (lambda p: True)  # noqa: E731
        # every place where the token shows what an umlaut or ß is read as:
        # (start, end, true substring, change of the channel score)
        subs = []
        get = readings.get
        n = len(core)
        for i in range(n):
            for end in range(i + 1, min(i + 3, n) + 1):
                found = get(core[i:end])
                if found is not None:
                    subs += [(i, end, true, gain) for true, gain in found]
        if not subs:
            return []
        accept = self.lex.count
        if reach == "readings":
            accept = lambda w: True  # noqa: E731
        elif reach == "loose":
            # a word before a compound head, where the token is none ("Binarpakete"), with its
            # umlauts restored in the word's case pattern
            word_and_head = self.lex.word_and_head
            if word_and_head(core):
                return []  # the token is such a word itself ("Deckelboden", not "Deckelböden")
            accept = lambda w: w[1:].islower() and word_and_head(w)  # noqa: E731
        elif reach == "compounds":
            lex_count, known = self.lex.count, self.lex.known
            accept = lambda w: lex_count(w) or known(w)  # noqa: E731
        elif self.today is not None or (len(core) > 3 and any(true == "ß" and core[i:end] and not core[i:end].islower()
                                                         for i, end, true, _gain in subs)):
            # an ß shown as a glyph no lower-case word has ("FluB", "mu&te") may be a word spelt
            # as before 1996 ("Fluß", "mußte"): it and the prefixes leading to it are checked in
            # the modern spelling. Shown as a letter or not at all ("wit") it is more likely
            # another word, and so is a short token ("MiB": a unit), except on a page that writes
            # as before 1996 throughout (the old-spelling decoder, which only adds such readings).
            prefixes, lex_count, old_spelling = self.lex.prefix_set, self.lex.count, self.lex.old_spelling
            prefix_ok = lambda p: p in prefixes or ("ß" in p and modern_spelling(p) in prefixes)  # noqa: E731
            accept = lambda w: lex_count(w) or old_spelling(w)  # noqa: E731
        found: dict[str, float] = {}
        def heads(subs):  # each substitution with the token before and through it, where a word may start so
            return [(k, a, b, core[:a] + true, gain) for k, (a, b, true, gain) in enumerate(subs)
                    if prefix_ok(core[:a] + true)]

        firsts = heads(subs)
        options = [(head + core[b:], identity + gain) for _k, _a, b, head, gain in firsts]
        if depth > 1:
            # a long token shows many places ("Auslanderbeirate": 44), and the pairs grow with
            # the square of their number: only the likelier readings pair (see MIN_PAIRED_GAIN)
            floor = MIN_PAIRED_GAIN if stored else MIN_COMPOUND_PAIRED_GAIN
            paired = subs if len(subs) <= MAX_PAIRED_SUBSTITUTIONS and stored else [
                sub for sub in subs if sub[3] >= floor]
            if len(paired) <= MAX_PAIRED_SUBSTITUTIONS:
                options += [(head + core[b:c] + t2 + core[d:], identity + g1 + g2)
                            for k, _a, b, head, g1 in (firsts if paired is subs else heads(paired))
                            for c, d, t2, g2 in paired[k + 1:]
                            if c >= b and prefix_ok(head + core[b:c] + t2)]
            if not stored and len(paired) <= MAX_TRIPLED_SUBSTITUTIONS:
                # a compound has room for three ("Grunflachenamter" → "Grünflächenämter")
                options += [(_substituted(core, three), identity + sum(sub[3] for sub in three))
                            for three in itertools.combinations(paired, 3)
                            if three[0][1] <= three[1][0] and three[1][1] <= three[2][0]]
        for w, score in options:
            if score > found.get(w, -math.inf) and accept(w):
                found[w] = score
        found.pop(core, None)
        return sorted(found.items(), key=lambda x: -x[1])

    def _corpus_only(self, cands: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """The candidates made of corpus words only. A supplementary form is there to be restored
        from its umlaut-less reading, what it was taken in for; reached by other confusions
        ("Umlaute", a word the corpus lacks, read as a damaged "Umläufe") or put in place of a
        known word, it is a guess. So is a word in the spelling before 1996, restored from a
        glyph read for its ß ("FluB") and not from others ("MiB", a unit, is no "Miß")."""
        is_supplement, old_spelling = self.lex.is_supplement, self.lex.old_spelling
        return [(w, lp) for w, lp in cands
                if not any(is_supplement(p) or old_spelling(p) for p in w.split(" "))]

    def _one_edit_away(self, core: str, identity: float) -> list[tuple[str, float]]:
        """Frequent words one letter away from a non-word ("obwokl", "reagieien",
        "Bundeskangzlerin"): noise on a bad scan makes confusions the error model never saw.
        German writes names with a capital, and the lexicon may well not know them: a capitalised
        token must be long (a long name one letter from a frequent word is rare), keeps its first
        letter and a final s (a name's genitive, "Giffeys")."""
        if not (MIN_ONE_EDIT_LENGTH_SHORT <= len(core) <= MAX_TOKEN_LENGTH and core.isalpha()):
            return []
        capital = core[0].isupper() and core[1:].islower() and len(core) >= MIN_ONE_EDIT_LENGTH_CAPITAL
        if not (core.islower() or capital):
            return []
        min_count = MIN_ONE_EDIT_COUNT
        if len(core) < MIN_ONE_EDIT_LENGTH:
            if _VOWELS.isdisjoint(core):
                return []
            min_count = MIN_ONE_EDIT_COUNT_SHORT
        count = self.lex.count
        score = identity + ONE_EDIT_COST
        prefixes = self.lex.prefix_set
        found = set()
        for i in range(1 if capital else 0, len(core) + 1):
            head, tail = core[:i], core[i:]
            if head and head not in prefixes:
                break  # every word an edit from here on reaches starts with ``head``
            # only letters some stored word goes on with
            letters = [ch for ch in _ALPHABET if head + ch in prefixes]
            if tail and not (capital and tail == "s"):  # a name's genitive s is no letter too many
                found.add(head + tail[1:])  # a letter too many
                found.update(head + ch + tail[1:] for ch in letters)  # a letter misread
            found.update(head + ch + tail for ch in letters)  # a letter lost
        found.discard(core)
        long = len(core) >= MIN_ONE_EDIT_LENGTH_LONG
        if long:
            # a long token one letter from a rarer word too, and likelier so: few words the
            # lexicon lacks are one letter from a stored one, unless they differ in the ending
            # ("verhaltend", "abstottert": forms the lexicon lacks)
            min_count = MIN_ONE_EDIT_COUNT_LONG
            score = identity + ONE_EDIT_COST_LONG
        words = [w for w in found if count(w) >= min_count
                 and not (long and _other_ending(core, w, _LONG_ENDING_RE))]
        return sorted(((w, score) for w in words), key=lambda x: -count(x[0]))[:8]

    def _compounds_one_edit_away(self, core: str, identity: float) -> list[tuple[str, float]]:
        """Compounds one letter from a long non-word, the edit inside one part, not in the
        ending ("Toktzeiten" → "Taktzeiten", "Atbeitsablauf" → "Arbeitsablauf"): the corpus
        never wrote most compounds, so :meth:`_one_edit_away` cannot find them."""
        if not (MIN_ONE_EDIT_LENGTH_LONG <= len(core) <= MAX_TOKEN_LENGTH and core.isalpha()):
            return []
        if not (core.islower() or (core[0].isupper() and core[1:].islower())):
            return []
        return [(w, identity + COMPOUND_ONE_EDIT_COST)
                for w in self.lex.compounds_one_edit_away(core, _ALPHABET)
                if not _other_ending(core, w, _LONG_ENDING_RE)]

    def _loose_compound_twins(self, core: str, identity: float) -> list[tuple[str, float]]:
        """Lost umlauts in a long non-word that a stored word and a compound head make up once
        restored ("Binarpakete" → "binär|pakete": an adjective the corpus never used as a
        modifier), on a page with a real share of the no-umlauts profile; the last search, as
        the evidence is the weakest."""
        if not (len(core) >= 8 and self.profile.weight >= MIN_WEIGHT_COMPOUND_TWINS):
            return []
        return self._twins(core, identity, depth=2, reach="loose")

    def _one_edit_after_umlauts(self, core: str, identity: float) -> list[tuple[str, float]]:
        """Lost umlauts and one letter garbled besides in a long non-word ("Verfiiguag" →
        "Verfügung", "dariitber" → "darüber"): the one-letter search of :meth:`_one_edit_away`
        on the likeliest readings of the token with one umlaut restored, on a page with a real
        share of the no-umlauts profile (see MIN_UMLAUT_EDIT_LENGTH)."""
        if not (len(core) >= MIN_UMLAUT_EDIT_LENGTH and self.profile.weight >= MIN_WEIGHT_COMPOUND_TWINS
                and self.chars.worst(core) <= MAX_UMLAUT_EDIT_WORST):
            return []
        found: dict[str, float] = {}
        readings = self._twins(core, identity, depth=1, reach="readings")[:MAX_UMLAUT_EDIT_READINGS]
        for reading, score in readings:
            for w, lp in self._corpus_only(self._one_edit_away(reading, score)):
                if w != core and lp > found.get(w, -math.inf):
                    found[w] = lp
        return sorted(found.items(), key=lambda x: -x[1])[:8]

    def _near_words(self, core: str, identity: float) -> list[tuple[str, float]]:
        """Frequent words one or two letters from a non-word that nothing else explains
        ("Deutschlaiid", "selbstbestinnmtes", "Probleiie"): a bad scan garbles letters beyond
        what the error model learned. Only frequent words, not a word's ending ("hessischem" is
        no damaged "hessischen", "Giffeys" no "Giffey": a rarer form the lexicon lacks), and, as in
        :meth:`_one_edit_away`, names are spared: a capitalised token must be longer."""
        if not (MIN_NEAR_LENGTH <= len(core) <= MAX_TOKEN_LENGTH and core.isalpha()):
            return []
        capital = core[0].isupper() and core[1:].islower()
        if not (core.islower() or (capital and len(core) >= MIN_NEAR_LENGTH_CAPITAL)):
            return []
        return self._similar_words(core, identity, MIN_NEAR_COUNT)

    def _similar_words(self, core: str, identity: float, min_count: int) -> list[tuple[str, float]]:
        """Stored words seen ``min_count`` times one or two letters from ``core``, with their
        channel scores, but not another ending of it: an inflected form the lexicon lacks."""
        return [(word, identity + (ONE_EDIT_COST if edits == 1 else TWO_EDIT_COST))
                for word, edits in self.lex.similar_forms(core, MAX_NEAR_EDITS, min_count)
                if not _other_ending(core, word)]

    def _far_words(self, core: str, identity: float) -> list[tuple[str, float]]:
        """Words seen at least MIN_FAR_COUNT times one or two letters from a long non-word whose
        letters no German word puts together, and spelt like German where it is not
        ("Teilnmehmer" → "Teilnehmer", "Radikalisieryng" → "Radikalisierung"). Not for a token with
        an ß, which an engine that reads ß read, and which may be a word spelt as before 1996 that
        the lexicon lacks ("ausgepreßte"); not for another ending of a word (see
        :meth:`_near_words`)."""
        if not (MIN_FAR_LENGTH <= len(core) <= MAX_TOKEN_LENGTH and core.isalpha()) or "ß" in core:
            return []
        if not (core.islower() or (core[0].isupper() and core[1:].islower())):
            return []
        worst = self.chars.worst(core)
        if worst > MAX_FAR_WORST:
            return []
        return [(word, score) for word, score in self._similar_words(core, identity, MIN_FAR_COUNT)
                if self.chars.worst(word) - worst >= MIN_FAR_GAIN]

    def letter_damage(self, core: str) -> float:
        """ln of how much less likely ``core`` is a word the lexicon lacks than a damaged one, by
        its worst spot (see DAMAGE_FLOOR); 0 on a page read with umlauts."""
        if self.german_page or not core.isalpha():
            return 0.0
        return DAMAGE_SCALE * min(0.0, self.chars.worst(core) - DAMAGE_FLOOR)

    def _hyphenated_parts(self, core: str, identity: float) -> list[tuple[str, float]]:
        """"90-Jahrige", "Corona-Rekordumsatze": the whole is no stored word, so restore lost
        umlauts part by part (each part must become a word: stored, or a compound)."""
        if "-" not in core:
            return []
        parts = core.split("-")
        new_parts, score = [], identity
        for part in parts:
            best = None
            if len(part) >= 3 and not _is_known(part, self.lex):
                part_identity = self.em.logp_identity(part, self.profile)
                found = (self._twins(part, part_identity, depth=2)
                         or self._twins(part, part_identity, depth=1, reach="compounds")
                         or self._loose_compound_twins(part, part_identity))
                best = found[0] if found else None
            if best is not None:
                new_parts.append(best[0])
                score += best[1] - part_identity
            else:
                new_parts.append(part)
        word = "-".join(new_parts)
        return [(word, score)] if word != core else []

    def _splits(self, core: str, identity: float) -> list[tuple[str, float]]:
        """Two words that lost the space between them ("inder"), or had it read as a hyphen or
        as a speck of punctuation ("nicht.schlecht")."""
        count = self.lex.count
        out = []
        glued = _GLUED_MARK_RE.fullmatch(core)
        ended = _GLUED_STOP_RE.fullmatch(core)
        if glued and _speck_between(*glued.groups()):
            a, _, b = glued.groups()
            if _is_known(a, self.lex) and count(b) >= MIN_SPLIT_PART_COUNT:
                out.append((f"{a} {b}", identity + GLUED_MARK_COST))
        elif ended:
            # "dazu.-Es", "stattdessen?'Sie": a sentence ended, and a speck took the space
            a, stop, b = ended.groups()
            if (_is_known(a, self.lex) and a not in default_mark_stats().no_sentence_end_after
                    and count(b) >= MIN_SPLIT_PART_COUNT):
                out.append((f"{a}{stop} {b}", identity + GLUED_MARK_COST))
        elif "-" in core:
            a, _, b = core.partition("-")
            # "Frauen-gesteinigt"; before a capital only after a frequent lower-case word
            # ("zur-Verfügung", "keine-Arbeit") or a word that starts sentences ("Das-Geld"): a
            # hyphenated compound starts with a noun or is a name ("ifo-"), so that shape is a
            # glued speck far more often than a word
            glued_before_noun = b[:1].isupper() and (
                (a.islower() and count(a) >= MIN_SPLIT_FUNCTION_WORD_COUNT)
                or _sentence_start_word(a, self.lex))  # "Das-Geld" at a sentence start
            if ((b[:1].islower() or glued_before_noun)
                    and count(a) >= MIN_SPLIT_PART_COUNT and count(b) >= MIN_SPLIT_PART_COUNT):
                out.append((f"{a} {b}", identity + (GLUED_MARK_COST if glued_before_noun else SPLIT_COST)))
        elif 4 <= len(core) <= 30 and core.isalpha():
            for k in range(2, len(core) - 1):
                a, b = core[:k], core[k:]
                if count(a) >= MIN_SPLIT_PART_COUNT and count(b) >= MIN_SPLIT_PART_COUNT:
                    out.append((f"{a} {b}", identity + SPLIT_COST))
        return out

    def _modern_bigram(self, prev: str, word: str) -> float:
        """ln P(word | prev) with both words in today's spelling: the corpus, written after 1996,
        has "daß" only in a few quotations, and "dass" in every debate."""
        return self.lex.logp_bigram(self._today_spelling(prev), self._today_spelling(word))

    def _today_spelling(self, word: str) -> str:
        modern = modern_spelling(word)
        return modern if modern is not None and self.lex.count(modern) else word

    def held_back(self, t: _Token, word: str, confidence: float) -> bool:
        """Is replacing the known word ``t`` by another word (not only its case, nor two words
        glued by a speck) too unsure to apply on this page (see MIN_REAL_WORD_CONFIDENCE_GERMAN)?"""
        return (confidence < self.min_real_word_confidence and t.known and not t.merged
                and " " not in word and word.lower() != t.core.lower())

    def decide(self, t: _Token, prev: str, nxt: str | None, sentence=lambda: set()
               ) -> tuple[str, float, list[str]]:
        """The best word for ``t`` between ``prev`` and ``nxt``, its posterior and the runners-up.
        ``sentence()`` gives the other words of its sentence, for real-word pairs."""
        key = (t.core, prev, nxt)
        hit = self._decisions.get(key)
        if hit is not None:
            return hit
        cands = self.candidates(t)
        if len(cands) == 1:
            return t.core, 1.0, []
        lm = self.lex.logp_bigram if self.today is None else self._modern_bigram
        context_model = self.context_model
        in_context = False  # did the sentence's other words weigh in?
        scores = []
        for w, channel in cands:
            if " " in w:  # a split: score both words
                a, b = w.split(" ")
                if a[-1] in _SENTENCE_END:  # a split between two sentences ("dazu. Es")
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
            scores.append(s)
        if not t.known and not t.acronym:
            scores[0] += (self.non_word_penalty + self.letter_damage(t.core)
                          + (DAMAGED_PENALTY if _DAMAGED_RE.search(t.core) else 0.0))
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        # the likelier reading wins (the token itself on a tie: the sort is stable); caution is
        # the business of the calibrated confidence and Config.min_confidence
        order = sorted(range(len(cands)), key=lambda i: -scores[i])
        best = order[0]
        runners = [cands[i][0] for i in order if i != best and i != 0 and weights[i] / total >= 0.01]
        decision = cands[best][0], weights[best] / total, runners[:3]
        if not in_context:
            self._decisions[key] = decision
        return decision


def _substituted(core: str, subs) -> str:
    """``core`` with the (start, end, true substring, gain) substitutions made, in order."""
    out, at = [], 0
    for start, end, true, _gain in subs:
        out += [core[at:start], true]
        at = end
    return "".join(out) + core[at:]


def _other_ending(core: str, word: str, ending=_ENDING_RE) -> bool:
    """Does ``word`` differ from ``core`` only in the last letters, where ``core`` ends in letters
    of German endings ("hessischem"/"hessischen")? Then ``core`` may be a form the lexicon lacks."""
    shared = len(os.path.commonprefix([core, word]))
    return len(word) - shared <= ENDING_LENGTH and ending.fullmatch(core, shared) is not None


def _umlaut_count(word: str) -> int:
    return sum(ch in "äöüÄÖÜ" for ch in word)


def _speck_between(a: str, marks: str, b: str) -> bool:
    """Can ``marks`` glued between the words ``a`` and ``b`` be a speck (see GLUED_MARK_COST)?"""
    if marks == "-":
        return False  # a hyphenated compound: the split of "Reihe-verschiedener" decides
    if b[0].isupper():
        # a full stop ends a sentence, unless no sentence ends with ``a`` ("von.Sozialleistungen")
        return b[1:].islower() and ("." not in marks or a in default_mark_stats().no_sentence_end_after)
    return b.islower() and not (marks == ":" and b in _GENDER_SUFFIXES)


def _join_broken_words(text: str, tokens: list[_Token], lexicon, skip: set[int]) -> list[_Token]:
    """"Ge sellschaft", "Zusammen halt", "Bundes regierung": two tokens, at least one no word (or
    a noun in lower case), that together make a known word, become one token when the language
    model prefers the word to the pieces."""
    lm = lexicon.logp_bigram
    out: list[_Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if i + 1 < len(tokens) and i not in skip and i + 1 not in skip:
            u = tokens[i + 1]
            if (not t.protected and not u.protected and not t.sentence_end
                    and u.core[:1].islower() and text[t.end:u.start] == " "
                    and (not t.known or not u.known or u.lower_noun)
                    # a stored word; or, where neither piece is a word, a compound whose parts
                    # the space cuts ("schuldenfinanzier ter": schulden|finanzierter)
                    and (lexicon.count(t.core + u.core) >= MIN_MERGE_COUNT
                         or (not t.known and not u.known and _cuts_a_part(t.core + u.core, len(t.core), lexicon)))):
                joined = t.core + u.core
                prev = "<s>" if not out or out[-1].sentence_end else out[-1].core
                nxt = tokens[i + 2].core if i + 2 < len(tokens) and not u.sentence_end else None
                apart = lm(prev, t.core) + lm(t.core, u.core) + (lm(u.core, nxt) if nxt else 0.0)
                apart += NON_WORD_PENALTY * ((not t.known) + (not u.known))
                together = lm(prev, joined) + (lm(joined, nxt) if nxt else 0.0) + MERGE_COST
                if together > apart:
                    confidence = 1.0 / (1.0 + math.exp(apart - together))
                    out.append(_Token(t.start, u.end, joined, u.sentence_end, True, False, joined,
                                      merged=confidence))
                    i += 2
                    continue
        out.append(t)
        i += 1
    return out


# Letter-spaced words ("g e s p e r r t", German emphasis in print, and what PDF extraction and
# OCR make of a wide tracking): runs of at least this many single letters, one space apart, that
# spell a known word, or known words of at least MIN_SPACED_PART letters seen MIN_SPACED_PART_COUNT
# times each where the word gaps are lost too ("W i r m ü s s e n"), become those words.
MIN_SPACED_LETTERS = 3  # as typography.LETTER_SPACED_RE finds them
MIN_SPACED_PART = 3
MIN_SPACED_PART_COUNT = 50
SPACED_WORD_CONFIDENCE = 0.9
SPACED_WORDS_CONFIDENCE = 0.8


def _join_letter_spaced(text: str, tokens: list[_Token], lexicon) -> list[_Token]:
    """Runs of single letters one space apart become the words they spell (see MIN_SPACED_LETTERS);
    a run that spells none stays as it is."""
    if LETTER_SPACED_RE.search(text) is None:
        return tokens  # the common case, told by one scan
    out: list[_Token] = []
    i, n = 0, len(tokens)
    while i < n:
        j = i
        while (j + 1 < n and _single_letter(tokens[j]) and _single_letter(tokens[j + 1])
               and not tokens[j].sentence_end and text[tokens[j].end:tokens[j + 1].start] == " "):
            j += 1
        run = tokens[i:j + 1]
        words = _spaced_words("".join(t.core for t in run), lexicon) if len(run) >= MIN_SPACED_LETTERS else None
        if not words:
            out += run
            i = j + 1
            continue
        confidence = SPACED_WORD_CONFIDENCE if len(words) == 1 else SPACED_WORDS_CONFIDENCE
        for word in words:
            first, last = run[0], run[len(word) - 1]
            out.append(_Token(first.start, last.end, word, last.sentence_end, True, False, word,
                              merged=confidence, spaced=True))
            run = run[len(word):]
        i = j + 1
    return out


def _single_letter(t: _Token) -> bool:
    return len(t.core) == 1 and t.core.isalpha()


def _spaced_words(letters: str, lexicon) -> list[str] | None:
    """The word ``letters`` spell, or the likeliest frequent words they spell one after another
    (each of MIN_SPACED_PART letters or more, a capital only first); None if neither."""
    if len(letters) > MAX_TOKEN_LENGTH:
        return None
    if _is_known(letters, lexicon) and (letters.islower() or letters[1:].islower()):
        return [letters]
    if letters.isupper() and len(letters) > MIN_SPACED_LETTERS:
        # a heading set in spaced capitals ("I N H A L T"): a word in lower or title case; not
        # three capitals, most often an acronym's letters ("E U")
        return [letters] if lexicon.count_ci(letters) else None
    count = lexicon.count
    # best[k]: (score, words) for letters[:k]; a part costs a constant, so fewer parts win ties
    best: list[tuple[float, list[str]] | None] = [None] * (len(letters) + 1)
    best[0] = (0.0, [])
    for k in range(MIN_SPACED_PART, len(letters) + 1):
        for start in range(0, k - MIN_SPACED_PART + 1):
            if best[start] is None:
                continue
            part = letters[start:k]
            c = count(part)
            if c < MIN_SPACED_PART_COUNT or not part[1:].islower():
                continue
            score = best[start][0] + math.log(c) + SPLIT_COST
            if best[k] is None or score > best[k][0]:
                best[k] = (score, best[start][1] + [part])
    found = best[len(letters)]
    return found[1] if found is not None and len(found[1]) > 1 else None


def _cuts_a_part(compound: str, at: int, lexicon) -> bool:
    """Does a cut at ``at`` fall inside a part of ``compound``'s analysis, not between two parts
    ("handisch zusammenzahlen" are two damaged words, hand|isch|zusammen|zahlen)?"""
    parts = lexicon.compound_split(compound)
    return parts is not None and at not in itertools.accumulate(map(len, parts))


# Sentence punctuation read as its look-alike (',' for '.' and back), decided by the words around
# it: German writes a function word with a capital only at a sentence start ("Herren, Aber" was
# "Herren. Aber"), and after a full stop only an abbreviation lets a lower-case word follow.
# a capitalised word counts as a sentence start when at least this share of its occurrences
# follow a sentence end, it occurs often enough for that share to mean something, and inside a
# sentence it is written in lower case at least this many times as often as with a capital
# (not so "Danke", "Liebe": nouns too)
MIN_SENTENCE_START_SHARE = 0.75
MIN_SENTENCE_START_COUNT = 1000
MIN_LOWER_CASE_RATIO = 12.5
# a full stop is taken for a comma only between a word of this length and a frequent word
MIN_WORD_BEFORE_STOP = 4
MIN_WORD_AFTER_STOP = 100
# a dash standing alone between two words
_DASHES = frozenset("-–—")


# a comma, then a paragraph break: prose ends a paragraph with a comma only where the page breaks
# a sentence, and then the next paragraph goes on in lower case ("Kollegen,\n\nDer zweite Punkt")
_PARAGRAPH_AFTER_COMMA_RE = regex.compile(r",[ \t]*\n[ \t]*\n\s*")
# a full stop, then a space or a paragraph break
_STOP_GAP_RE = regex.compile(r"\.(?: |[ \t]*\n[ \t]*\n\s*)")


def _sentence_start_word(word: str, lexicon) -> bool:
    if not (word[:1].isupper() and word[1:].islower() and word.isalpha()):
        return False
    count = lexicon.count(word)
    if count < MIN_SENTENCE_START_COUNT:
        return False
    starts = lexicon.bigram_count("<s>", word)
    return (starts >= MIN_SENTENCE_START_SHARE * count
            and lexicon.count(word.lower()) >= MIN_LOWER_CASE_RATIO * (count - starts))


def _sentence_punctuation(text: str, tokens: list[_Token], lexicon, marks: MarkStats, skip: set[int]
                          ) -> list[Edit]:
    out = []
    for i in range(len(tokens) - 1):
        t, u = tokens[i], tokens[i + 1]
        gap = text[t.end:u.start]
        if gap == " " and u.core not in _DASHES:
            continue  # the common case: nothing between two words
        if i in skip or i + 1 in skip or t.protected or not t.core.isalpha():
            continue
        if u.core in _DASHES:
            if gap == " " and _dash_speck(text, tokens, i, marks, skip):
                out.append(Edit(t.end, u.end, text[t.end:u.end], "", PUNCTUATION, "dash_between_neighbours", 0.8))
            continue
        if u.protected:
            continue
        if len(gap) == 2 and gap[0] in ".,:;" and gap[1] == " " and f"{t.core} {u.core}" in marks.no_mark_between:
            # "nicht, mehr", "dem: Parlament": neighbours that prose never parts
            out.append(Edit(t.end, t.end + 1, gap[0], "", PUNCTUATION, "mark_between_neighbours", 0.8))
        elif (gap == ", " or _PARAGRAPH_AFTER_COMMA_RE.fullmatch(gap)) and _sentence_start_word(u.core, lexicon):
            out.append(Edit(t.end, t.end + 1, ",", ".", PUNCTUATION, "comma_before_sentence_start", 0.8))
        elif gap == ". " and t.core in marks.no_sentence_end_after and u.core.isalpha():
            # no sentence ends with "der" or "zum": the stop is a speck ("der. Bundestag")
            out.append(Edit(t.end, t.end + 1, ".", "", PUNCTUATION, "stop_after_function_word", 0.8))
        elif (gap == ", " and t.core in marks.no_comma_after and u.core.isalpha()
              and u.core.lower() not in _RELATIVE_PRONOUNS and not t.core.endswith(".")):
            # nor does a comma follow them ("Sehr, geehrte", "bis zum, Nullpunkt"), unless a
            # relative clause opens ("mein Herr, der", "Der, der einen Rat"): the corpus's
            # "Herr" is always followed by a name, other prose's is not
            out.append(Edit(t.end, t.end + 1, ",", "", PUNCTUATION, "comma_after_function_word", 0.8))
        elif (gap == ". " and u.core.islower() and u.core.isalpha() and _after_sentence_end(t, lexicon)
              and lexicon.count(u.core) >= MIN_WORD_AFTER_STOP and not u.core.startswith("i")):
            out.append(Edit(t.end, t.end + 1, ".", ",", PUNCTUATION, "stop_before_lower_case", 0.7))
        elif gap in ("’ ", "' ") and _apostrophe_speck(text, t, lexicon):
            out.append(Edit(t.end, t.end + 1, gap[0], "", PUNCTUATION, "apostrophe_after_word", 0.8))
    return out


# a dash between words, and how far away (in its sentence) the other dash of a parenthesis is
# looked for
_DASH_GAP_RE = regex.compile(r"\s[-–—]\s")
_SENTENCE_BREAK_RE = regex.compile(r"[.!?…][“”\"»«’]?\s|\n\s*\n")
MAX_PARENTHESIS = 300


def _dash_speck(text: str, tokens: list[_Token], i: int, marks: MarkStats, skip: set[int]) -> bool:
    """Is the dash token after token i a speck ("und – Kollegen", "mit dieser – Situation",
    "des – Engagements"): standing between two neighbours that prose never parts, or after a word
    that prose never follows with a dash (an article, a preposition)?"""
    if i + 2 >= len(tokens) or i + 2 in skip:
        return False
    t, dash, v = tokens[i:i + 3]
    if v.protected or text[dash.end:v.start] != " ":
        return False
    if f"{t.core} {v.core}" in marks.no_mark_between:
        return True
    # after such a word a dash may still open or close a parenthesis ("die – meistens in
    # Privatinitiativen –", "oder – sagen wir gar –"): only a dash left alone is a speck
    if t.core not in marks.no_dash_after:
        return False
    ahead = _SENTENCE_BREAK_RE.split(text[v.start:v.start + MAX_PARENTHESIS], 1)[0]
    behind = _SENTENCE_BREAK_RE.split(text[max(0, t.start - MAX_PARENTHESIS):t.start])[-1]
    return not (_DASH_GAP_RE.search(ahead) or _DASH_GAP_RE.search(behind))


#: A short letter token after a number is a unit or a count's noun ("100 ml", "2 tb", "3 cn"),
#: whether or not the lexicon knows it; unless it is a word with its umlauts lost ("3 fir 2").
MAX_UNIT_LENGTH = 3
_NUMBER_BEFORE_RE = regex.compile(r"(?:^|(?<=[\s(]))[\d.,/½¼¾]*[\d½¼¾][ \t]\(?$")  # a number, not "x11"


def _protect_units(text: str, tokens: list[_Token], decoder: _Decoder) -> None:
    """Mark the units after numbers protected (see MAX_UNIT_LENGTH)."""
    for t in tokens:
        if (not t.known and len(t.core) <= MAX_UNIT_LENGTH and t.core.isalpha()
                and _NUMBER_BEFORE_RE.search(text[max(0, t.start - 12):t.start])
                and not decoder.lost_umlauts(t)):
            t.protected = True


def _elided(word: str, lexicon) -> bool:
    """Is ``word``, followed by an apostrophe, a word whose final e the apostrophe stands for
    ("hab’", "kenn’", "würd’", "kürz’ ihn")?"""
    return word.isalpha() and lexicon.count(word + "e") > 0


def _apostrophe_speck(text: str, t: _Token, lexicon) -> bool:
    """Is an apostrophe glued to the end of ``t`` a speck ("der’ Besatzung", "Regierung’
    eingesetzt")? The corpus writes one there 75 times in 87 M characters: after the genitive of
    a name in s, x or z ("Maas’") and in spoken elisions ("hab’", "mach’"), words that are rare or
    end so; a frequent word or a stored noun ending otherwise has none, unless a single quotation
    opened shortly before closes there."""
    word = t.core
    if len(word) < 2 or word[-1] in "sxzßSXZ":
        return False
    frequent = lexicon.count(word) >= (MIN_WORD_AFTER_STOP if word[0].isupper() else MIN_SENTENCE_START_COUNT)
    if not frequent:
        return False
    return not openers_before(text, t.end)  # the token too: an opener is seen before a letter


def _after_sentence_end(t: _Token, lexicon) -> bool:
    """Does the full stop after ``t`` end a sentence (``t`` is a word, not an abbreviation)?"""
    return (t.core.isalpha() and len(t.core) >= MIN_WORD_BEFORE_STOP and not is_abbreviation(t.core)
            and lexicon.count(t.core) > 0)


def _lower_case_i(text: str, tokens: list[_Token], lexicon) -> set[int]:
    """Tokens that start a sentence with an "I" read as "i" ("Herren! ich werde"): OCR confuses
    I, l and i, and German capitalises every sentence start. After a full stop the stop may have
    been a comma instead ("Grundstoffindustrie. in der Automobilbranche"), but on the bench pages
    an I read as i explains a lower-case i-word after a sentence's full stop 19 times in 20 (also
    across a paragraph break, "Leistung.¶ich", and after a frequent short word, "wir. ich"); the
    words that may follow an abbreviation are left alone."""
    out = set()
    for i in range(1, len(tokens)):
        t, u = tokens[i - 1], tokens[i]
        if not (u.core[:1] == "i" and u.core.isalpha() and u.core.islower() and t.sentence_end):
            continue
        gap = text[t.end:u.start]
        capital = "I" + u.core[1:]
        if gap in ("! ", "? ") and lexicon.count(capital) >= MIN_WORD_AFTER_STOP:
            out.add(i)
        elif (_STOP_GAP_RE.fullmatch(gap) and _sentence_start_word(capital, lexicon)
              and (_after_sentence_end(t, lexicon) or _frequent_short_word(t.core, lexicon))):
            out.add(i)
    return out


def _frequent_short_word(word: str, lexicon) -> bool:
    """A frequent lower-case word of three letters ("wir", "aus"), no abbreviation: a full stop
    after it ends a sentence."""
    return (len(word) == 3 and word.islower() and word not in ABBREV
            and lexicon.count(word) >= MIN_SENTENCE_START_COUNT)


# Capitals whose lower case an engine reads alike, only a size apart
_SIZE_ONLY_CAPITALS = frozenset("CKOSUVWXZ")


def _capital_inside_sentence(text: str, tokens: list[_Token], marks: MarkStats, skip: set[int]) -> set[int]:
    """Tokens that the corpus writes with a capital (almost) only at a sentence start ("Sollten",
    "Zu"), standing right after a lower-case word with no mark between ("wir Sollten nicht"): an
    engine read a lower-case initial as its capital, which looks the same but for its size. Not
    after a capitalised word, which may end a heading ("Linux Airlines¶Wir sammeln"), nor before a
    colon (a label: "Wichtig:")."""
    out = set()
    for i in range(1, len(tokens)):
        t, u = tokens[i - 1], tokens[i]
        if (u.core[:1] in _SIZE_ONLY_CAPITALS and u.core in marks.capital_only_first and i not in skip
                and not t.sentence_end and t.known and t.core.isalpha() and t.core.islower()
                and text[t.end:u.start] == " " and text[u.end:u.end + 1] != ":"):
            out.add(i)
    return out


def _decode(text, tokens, indices, decoder, decisions) -> None:
    """Decide the tokens at ``indices`` left to right, with the latest decisions as context."""
    last = len(tokens) - 1
    for i in indices:
        t = tokens[i]
        prev = "<s>" if i == 0 or tokens[i - 1].sentence_end or tokens[i - 1].paragraph_end else tokens[i - 1].best
        nxt = None if t.sentence_end or i == last else tokens[i + 1].best
        decisions[i] = decision = decoder.decide(t, prev, nxt, lambda: _sentence_context(text, tokens, i))
        t.best = t.core if decoder.held_back(t, *decision[:2]) else decision[0].rpartition(" ")[2]


#: A document with this many words in the spelling before 1996 is taken to write so throughout.
MIN_OLD_SPELLING_WORDS = 2


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


#: On a page whose engine read its umlauts, a non-word seen this often is a term or a name the
#: language data lacks ("Sid", "init"), not damage: such an engine's errors are scattered (on the
#: bench pages no such word was corrected), while the engine without a German model repeats
#: its own ("fiir" for "für" on every line). A word that only lost its umlauts or ß is still
#: restored: a font whose "ü" the text layer lacks loses it in every word ("Prufung").
MIN_TERM_REPEATS = 3
_PLAIN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})


def _document_terms(tokens: list[_Token], profile, decoder: _Decoder) -> set[str]:
    """The unknown words the document repeats, on a page read with a German model, unless one of
    their candidates is the word with umlauts or ß lost that the document has nowhere else (its
    font's text layer lacks them: "Prufung"); where it has them, "Sid" is no "Süd"."""
    if profile.name != GERMAN_TEXT.name:
        return set()
    seen = Counter(t.core.lower() for t in tokens if not t.known and not t.protected)
    first = {}
    for t in tokens:
        if seen[t.core.lower()] >= MIN_TERM_REPEATS:  # "Sid" at a sentence's start is "sid" too
            first.setdefault(t.core, t)
    if not first:
        return set()
    letters = set("".join(t.core for t in tokens).lower())
    return {core for core, t in first.items()
            if not any(w.translate(_PLAIN) == core and letters.isdisjoint(UMLAUTS.intersection(w.lower()))
                       for w, _ in decoder.candidates(t)[1:])}


# The document's own words, for a token nothing else explains ("Bartierefreiheit" on a page
# that writes "Barrierefreiheit" elsewhere): a text repeats its topic's words, so a word the page
# has is far likelier for a garbled token than one the corpus has (a cache language model, after
# Kuhn and De Mori). Tokens of at least MIN_DOCUMENT_WORD_LENGTH letters; up to one letter apart
# (two from MIN_DOCUMENT_TWO_EDITS_LENGTH letters), umlauts read as their plain letters, the first
# letter kept, not another ending of it; each letter costs DOCUMENT_EDIT_COST.
MIN_DOCUMENT_WORD_LENGTH = 5
MIN_DOCUMENT_WORD_LENGTH_GERMAN = 8
MIN_DOCUMENT_TWO_EDITS_LENGTH = 8
DOCUMENT_EDIT_COST = math.log(1e-3)


class _DocumentDecoder(_Decoder):
    """Decides the tokens still unknown after the other passes between themselves and the
    document's own words near them (see DOCUMENT_EDIT_COST); :func:`run` hands it only tokens
    long enough (:func:`_document_word_length`)."""

    def __init__(self, decoder: _Decoder, words: list[str]):
        super().__init__(decoder.lex, decoder.em, decoder.profile, decoder.context_model)
        self._cands = {}  # this document's: not the process-wide cache
        self._words = words
        self._plain = [w.translate(_PLAIN).lower() for w in words]

    def candidates(self, t: _Token) -> list[tuple[str, float]]:
        c = self._cands.get(t.core)
        if c is None:
            identity = self.em.logp_identity(t.core, self.profile)
            c = self._cands[t.core] = [(t.core, identity)] + self._document_words(t.core, identity)
        return c

    def _document_words(self, core: str, identity: float) -> list[tuple[str, float]]:
        if not core.isalpha() or not self._words:
            return []
        if not (core.islower() or (core[0].isupper() and core[1:].islower())):
            return []
        if self.lex.count_ci(core):
            return []  # a word in another case ("Ingwer- wurzel")
        plain = core.translate(_PLAIN).lower()
        max_edits = 2 if len(core) >= MIN_DOCUMENT_TWO_EDITS_LENGTH else 1
        found = []
        for _p, edits, k in fuzz_process.extract(plain, self._plain, scorer=Levenshtein.distance,
                                                 score_cutoff=max_edits, limit=4):
            word = self._words[k]
            if plain[0] != self._plain[k][0]:
                continue
            if core[0].isupper() != word[0].isupper():
                word = word[0].swapcase() + word[1:]  # at a sentence start, or inside one
                if not self.lex.known(word):
                    continue
            plain_word = word.translate(_PLAIN)
            if plain_word == core or _other_ending(core, plain_word, _LONG_ENDING_RE):
                continue  # the token with its umlauts (the other searches' business), or another ending
            found.append((word, identity + max(edits, 1) * DOCUMENT_EDIT_COST))
        return found


def _document_word_length(decoder: _Decoder) -> int:
    """The shortest token looked up among the document's words: longer on a page read with
    umlauts, whose unknown tokens are more often words the lexicon lacks ("eigner", "achteln")."""
    return MIN_DOCUMENT_WORD_LENGTH_GERMAN if decoder.german_page else MIN_DOCUMENT_WORD_LENGTH


def _document_words(tokens: list[_Token], lexicon) -> list[str]:
    """The distinct words of the document as decided, known ones of MIN_DOCUMENT_WORD_LENGTH
    letters or more."""
    # a token read as itself is known or not already; a corrected one is looked up
    seen = {t.best: t.known or (t.best != t.core and _is_known(t.best, lexicon)) for t in tokens
            if len(t.best) >= MIN_DOCUMENT_WORD_LENGTH and not t.protected and t.best.isalpha()}
    return [w for w, known in seen.items() if known]


def _context_model():
    try:
        from ..context import default_context_model

        return default_context_model()
    except OSError:  # not built: the bigram model decides alone
        return None


def run(text: str, ctx) -> list[Edit]:
    try:
        lexicon = ctx.lexicon
        error_model = ctx.error_model
        profile = ctx.profile
    except (ImportError, OSError):  # no language data: nothing to decide with
        return []
    tokens = _tokens(text, lexicon)
    if not tokens:
        return []
    decoder = _Decoder(lexicon, error_model, profile, _context_model())
    _protect_units(text, tokens, decoder)
    tokens = _join_letter_spaced(text, tokens, lexicon)
    tokens = _join_broken_words(text, tokens, lexicon, _foreign_sentences(tokens, decoder))
    skip = _foreign_sentences(tokens, decoder)
    terms = _document_terms(tokens, profile, decoder)
    # only tokens with an alternative can change; most known words have none
    active = [i for i, t in enumerate(tokens)
              if not t.protected and i not in skip and t.core not in terms and len(decoder.candidates(t)) > 1]
    decisions: dict[int, tuple[str, float, list[str]]] = {}
    _decode(text, tokens, active, decoder, decisions)
    # a second look where a neighbour changed: "fiir Integration", "wir missen"
    _decode(text, tokens, [i for i in active if _changed_neighbour(tokens, i)], decoder, decisions)
    if (profile.name != GERMAN_TEXT.name
            and _old_spelling_evidence(tokens, decisions, lexicon) >= MIN_OLD_SPELLING_WORDS):
        # a page spelt as before 1996 by an engine that loses the ß: "da" may be "daß", which the
        # corpus, spelt as today, has only in a few quotations; decided again, in today's spelling
        old = _Decoder(lexicon, error_model, profile, decoder.context_model, today=decoder)
        _decode(text, tokens, [i for i in active if any(modern_spelling(w) for w, _ in old.candidates(tokens[i]))],
                old, decisions)
    if profile.name != GERMAN_TEXT.name:
        # Words still unknown get a last look with the German engine's habits: that is how a
        # second run over the corrected text (whose profile is German) would see them, and
        # correcting twice must give what correcting once gave. Their letters still weigh as on
        # this page (see DAMAGE_FLOOR): what this look changes is a word then, which a second run
        # leaves alone ("sttebt" → "strebt", "gelangi" → "gelangt": confusions the German engine
        # makes, on tokens whose letters show damage)
        german = _Decoder(lexicon, error_model, GERMAN_TEXT, page_profile=profile)
        _decode(text, tokens, [i for i, t in enumerate(tokens) if not t.protected and i not in skip
                         and not t.known and t.best == t.core], german, decisions)

    # the document's own words for what is still unknown (see DOCUMENT_EDIT_COST)
    shortest = _document_word_length(decoder)
    unresolved = [i for i, t in enumerate(tokens) if not t.known and len(t.core) >= shortest and not t.protected
                  and t.best == t.core and i not in skip and t.core not in terms]
    from_document: set[int] = set()
    if unresolved:
        here = _document_words(tokens, lexicon)
        if here:
            found: dict[int, tuple[str, float, list[str]]] = {}
            _decode(text, tokens, unresolved, _DocumentDecoder(decoder, here), found)
            from_document = {i for i, d in found.items() if d[0] != tokens[i].core}
            decisions.update((i, found[i]) for i in from_document)

    changes = []
    config = ctx.config
    marks = default_mark_stats()
    for edit in _sentence_punctuation(text, tokens, lexicon, marks, skip):
        (ctx.doubts if config.suggest or edit.confidence < config.min_confidence else changes).append(edit)
    capital_i = _lower_case_i(text, tokens, lexicon)
    lowered = _capital_inside_sentence(text, tokens, marks, skip)
    for i, t in enumerate(tokens):
        word, confidence, alternatives = decisions.get(i, (t.core, 1.0, []))
        source = text[t.start:t.end]
        rule = "word_of_the_document" if i in from_document else "correct_word"
        if word == source and i in capital_i and i not in skip:
            word, confidence, rule = "I" + word[1:], 0.8, "capital_i_at_sentence_start"
        elif word == source and i in lowered:
            word, confidence, rule = word[0].lower() + word[1:], 0.8, "capital_inside_sentence"
        if word == source:
            continue
        if t.merged:
            joined = "join_letter_spaced_word" if t.spaced else "join_broken_word"
            rule = joined if word == t.core else joined + "+correct_word"
            confidence = min(confidence, t.merged)
        edit = Edit(t.start, t.end, source, word, KIND, rule, confidence, tuple(alternatives))
        if (config.suggest or confidence < config.min_confidence
                or (rule == "correct_word" and decoder.held_back(t, word, confidence))):
            ctx.doubts.append(edit)
        else:
            changes.append(edit)
    return sorted(changes, key=lambda e: e.start)
