"""German word statistics: unigram counts, compound analysis and a Kneser-Ney bigram model.

The data is built by ``scripts/build_langdata.py`` from every source of the corpus: the Bundestag's
plenary protocols, novels, plays, poems, encyclopedias, German, Swiss and Austrian law, weighted
by domain (see ``data/PROVENANCE.md``). Typical use::

    from korrektor.lexicon import default_lexicon
    lex = default_lexicon()
    lex.count("für"), lex.known("Migrantenselbstorganisationen"), lex.logp_bigram("wir", "müssen")

Conventions
-----------
* Tokens are what :data:`WORD_RE` matches: letters with internal hyphens/apostrophes,
  case kept, U+2011 normalised to "-". Numbers and punctuation are not tokens and do not
  break bigram context; sentence ends (``. ! ?``, not after abbreviations/ordinals) do.
  :func:`tokenize` reproduces the build's tokenisation.
* Apostrophes are stored as the corpus writes them (U+2019 "’"); lookups map ASCII "'" to it.
* All probabilities are natural logarithms.

API summary (all methods are cheap unless noted; the object is read-only apart from
memo caches, so one instance can be shared):

* ``count(w)`` exact-form corpus count (forms seen >= 2 times), ``count_ci(w)`` summed over
  as-is/lower/Capitalised/UPPER, ``total`` tokens counted.
* The *supplement* (``data/lexicon_supplement.tsv``, built by ``scripts/build_supplement.py``):
  forms with an umlaut or ß that the corpus lacks ("Hörbüchern"), from wordfreq and hunspell,
  with an estimated count. ``count``/``known`` include them, so a damaged "Horbichern" can be
  restored; they have no bigrams (the language model scores them by their count), and
  ``is_supplement(w)`` tells them apart: the decoder never puts one in place of a word the
  corpus knows. ``Lexicon.load(supplement=False)`` reads the corpus data alone.
* The *protected forms* (``data/lexicon_protected.txt``, built by the same script): words of at
  least five letters, without an umlaut to restore, that wordfreq lists and hunspell accepts but
  the corpus and the compound analysis do not know ("braten", "garen", "gestickt", "zuviel"):
  everyday and older German a parliament does not speak. They are known, so left alone, but have
  no count: the language model scores them as unknown words. Loaded with the supplement.
* ``known(w)``: exact form, or a *case variant* of a stored form (capitalised lowercase word at
  sentence start, ALL CAPS), or an *old spelling* of one (the ß that the 1996 reform made ss:
  "daß", "Fluß", "mußt"; see :func:`modern_spelling`), or ``compound_split(w)`` succeeds. A
  lowercase noun is not known via its capitalised form. Variants are scored by the language
  model as the form they stand in for.
* ``compound_split(w)``: fewest-parts split into a productive modifier chain + head word (a
  word the corpus uses as a compound's head, or any stored noun of at least five letters); a
  noun compound may also start with a protected noun and a linking element ("Salbei|blätter"),
  conservative: OCR-damaged forms (a part or the whole word is the umlaut-less twin of a more
  frequent form) are rejected. Only for words not stored, but works on any word. Memoised.
* ``similar_forms(w, max_edits, min_count)``: frequent stored forms a few edits from ``w``,
  with the same first letter (rapidfuzz over a per-letter, per-length index, ~0.1 ms).
* ``has_prefix(p)``, ``is_prefix(p)``: does a stored form start with ``p``? (``is_prefix``: the
  searches' test, false for the empty string.) Answered by the compiled core
  (:attr:`Lexicon.core`, a :class:`korrektor._core.Lexicon` over the memory-mapped
  ``lexicon.core``), not by a set of a million and a half prefixes.
* ``varieties(w)``: where a stored form was seen (bits :data:`MODERN`, :data:`HISTORIC`,
  :data:`SWISS`, :data:`AUSTRIAN`), to tell the spelling of an era or country.
* ``logp(w)`` unigram, ``logp_bigram(prev, w)`` interpolated modified Kneser-Ney (~1-2 us).
"""
from __future__ import annotations

import contextlib
import functools
import gc
import json
import math
import os
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import marisa_trie
import numpy as np
import regex
from rapidfuzz import process as fuzz_process
from rapidfuzz.distance import Levenshtein

from . import _core
from .german import ABBREV, WORD_RE, is_abbreviation  # noqa: F401  (shared German knowledge; re-exported)
from .compounds import CompoundAnalysis, confusion_twins
from .memo import remember

__all__ = ["Lexicon", "default_lexicon", "modern_spelling", "tokenize", "WORD_RE", "SENT_START"]

# Keep in sync with scripts/build_langdata.py (the statistics were counted with these, and with
# korrektor.german's WORD_RE and ABBREV).
HYPHEN_TABLE = str.maketrans({"\u2011": "-", "\u2010": "-", "\u00ad": ""})
SENT_SPLIT_RE = regex.compile(r"(?<=[.!?…][“”\"»)]*)\s+")
_LAST_TOKEN_RE = regex.compile(r"(\w+)\.[“”\"»)]*$")
SENT_START = "<s>"

# Effective counts for words without a stored count (see Lexicon.logp).
_COMPOUND_COUNT = 0.5
_UNKNOWN_COUNT = 0.1
_VARIANT_FACTOR = 0.5  # case variant (sentence-start capital, all caps) of a known form
_BIGRAM_CACHE_MAX = 200_000  # word pairs whose ln P is kept (~50 MB at most)
_BIGRAM_CACHE_MAX_PAIR = 128  # characters of both words


def _sentences(paragraph: str):
    buf = ""
    for piece in SENT_SPLIT_RE.split(paragraph):
        buf = f"{buf} {piece}" if buf else piece
        m = _LAST_TOKEN_RE.search(piece)
        if m and piece.endswith((".", ".“", ".”", '."', ".)")):
            last = m.group(1)
            if last.isdigit() or len(last) == 1 or last in ABBREV:
                continue
        yield buf
        buf = ""
    if buf:
        yield buf


def tokenize(text: str) -> list[list[str]]:
    """Word tokens per sentence, exactly as the statistics were counted."""
    text = unicodedata.normalize("NFC", text).translate(HYPHEN_TABLE)
    out = []
    for para in text.split("\n"):
        for sent in _sentences(para):
            toks = WORD_RE.findall(sent)
            if toks:
                out.append(toks)
    return out


# Before 1996 German wrote ß after a short vowel at a word's or syllable's end ("daß", "Fluß",
# "mußte"); the corpus is written after the reform, which made that ß an ss. An archive's older
# documents are full of such forms: the same words, spelt the old way. The reform's ss stands
# where no vowel follows: the ß before one stays ("Straße", "grüßen").
_VOWELS_AFTER_SZ = frozenset("aeiouyäöü")


#: A stored form with an ß that today's spelling makes ss is an old spelling when its modern form
#: is this many times as frequent (see Lexicon.spelt_before_1996).
OLD_FORM_RATIO = 100


def modern_spelling(word: str) -> str | None:
    """The spelling after the 1996 reform of a word with an ß that it would make ss ("Fluß" ->
    "Fluss", "mußte" -> "musste"), or ``None`` where the word has no such ß. Whether the result
    is a word is for the lexicon to say: after a long vowel the ß stays ("Fuß")."""
    if "ß" not in word:
        return None
    # string methods, not a regex substitution: the umlaut searches ask for every prefix they try
    pieces = word.split("ß")
    out = [pieces[0]]
    changed = False
    for after in pieces[1:]:
        if after[:1] in _VOWELS_AFTER_SZ:  # ("" is none: the word's end, or another ß)
            out.append("ß")
        else:
            out.append("ss")
            changed = True
        out.append(after)
    return "".join(out) if changed else None


@contextlib.contextmanager
def _collector_paused():
    """The garbage collector held back while the data loads: loading makes a few hundred
    thousand tuples and lists, the kind of object that counts towards a collection, and every
    few hundred of them would start one that finds nothing to free (all of it stays). Left as
    it was found: a program that has turned the collector off keeps it off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _data_dir() -> Path:
    return Path(str(resources.files("korrektor") / "data"))


#: see :meth:`Lexicon.noun_in_lower_case`
NOUN_CAPITAL_RATIO = 100


@dataclass(frozen=True)
class Shadowed:
    """A stored form rarer than ``max_count``, not seen in modern German, whose OCR-confusion
    twin is ``ratio`` times as frequent (see :meth:`Lexicon.shadowed`). The old books store
    dialect, elisions and their own misprints a few times each ("dern", "solten", "wellte")."""

    max_count: int = 20
    ratio: float = 100.0


SHADOWED = Shadowed()
_SHADOWED_CACHE_MAX = 100_000

#: Where a stored form was seen often enough to count (:meth:`Lexicon.varieties`, a bitmask):
#: in modern German from Germany (parliament, encyclopedias, federal law), in the fiction,
#: plays and poems of 1750-1950 (spellings before the 1901 and 1996 reforms), in Swiss law
#: (no ß) or in Austrian law. A form seen in several carries several bits.
MODERN, HISTORIC, SWISS, AUSTRIAN = 1, 2, 4, 8
#: ... and a form with ss that only the Swiss write so: outside Swiss sources its ß spelling is
#: far more frequent ("Massnahmen", "gemäss"; not "Masse", a word of its own)
SWISS_SS = 16


class Lexicon(CompoundAnalysis):
    """Read-only word statistics (the compound analysis in :mod:`.compounds`). Construct with :meth:`load` (cheap: < 1 s, ~100 MB)."""

    def __init__(self, path: Path, supplement: bool = True):
        self.path = Path(path)
        meta = json.loads((self.path / "lexicon_meta.json").read_text(encoding="utf-8"))
        self.meta = meta
        self.total: int = int(meta["total_tokens"])
        self.sentences: int = int(meta["sentences"])

        # Word forms (sorted; id = position) with plain dicts on top: count()/known() are the
        # corrector's hot path and a dict lookup is the cheapest thing Python has.
        words = (self.path / "lexicon_words.txt").read_text(encoding="utf-8").split("\n")
        if words and words[-1] == "":
            words.pop()
        # The long sequences the lexicon keeps are tuples: the garbage collector stops tracking
        # a tuple of strings or numbers after its first look, while it visits every item of a
        # list on each full collection.
        self._words: tuple[str, ...] = tuple(words)
        words = self._words  # (the list goes)
        self._ids: dict[str, int] = dict(zip(words, range(len(words))))
        counts = np.load(self.path / "lexicon_counts.npy")
        varieties_file = self.path / "lexicon_varieties.npy"
        self.has_varieties = varieties_file.exists()  # data built before session 16 has none
        self._varieties = (np.load(varieties_file).tobytes() if self.has_varieties
                           else bytes(len(words)))
        # the same keys as _ids: a copy of that dict with the counts put in skips hashing and
        # growing a second table of every form
        self._counts: dict[str, int] = self._ids.copy()
        self._counts.update(zip(words, counts.tolist()))
        self._supplement: dict[str, int] = {}
        supplement_file = self.path / "lexicon_supplement.tsv"
        if supplement and supplement_file.exists():
            # lines of "form<TAB>count": split into one flat list, not a list per line
            fields = supplement_file.read_text(encoding="utf-8").replace("\t", "\n").split("\n")
            if fields[-1] == "":
                fields.pop()
            stored = self._counts
            self._supplement = {word: int(count) for word, count in zip(fields[0::2], fields[1::2])
                                if word not in stored}
            self._counts.update(self._supplement)
        # words to leave alone that the corpus lacks: known, without a count (see the module notes)
        protected_file = self.path / "lexicon_protected.txt"
        self._protected: frozenset[str] = frozenset(
            protected_file.read_text(encoding="utf-8").split("\n")[:-1]
            if supplement and protected_file.exists() else ())

        # Kneser-Ney bigram model (see build_langdata.build_bigrams for the layout).
        self._cont = np.load(self.path / "lexicon_cont.npy").astype(np.float64)
        self._hist = np.load(self.path / "bigram_hist.npy").astype(np.float64)
        self._offsets = np.load(self.path / "bigram_offsets.npy").astype(np.int64)
        b = np.load(self.path / "bigram_next24.npy")  # (E, 3) little-endian 24-bit ids
        nxt = np.zeros((len(b), 4), dtype=np.uint8)
        nxt[:, :3] = b
        self._next = nxt.view("<u4").ravel()
        levels = np.load(self.path / "bigram_levels.npy").astype(np.float64)
        self._levels = levels
        self._codes = np.load(self.path / "bigram_codes.npy")
        d1, d2, d3 = meta["kn_discounts"]
        # c - D(c) per count code, as a list: indexing it is cheaper than a numpy scalar
        self._dtab: list[float] = (levels - np.where(levels >= 3, d3, np.where(levels >= 2, d2, d1))).tolist()
        self._gamma = np.load(self.path / "bigram_gamma.npy").astype(np.float64)
        self._cont_total = float(meta["continuation_total"])
        self._sos = len(words)  # history row of "<s>"
        # memoryviews index to plain Python numbers and work with bisect: ~10x faster per
        # lookup than numpy scalar indexing / np.searchsorted on a slice
        self._mv_cont = memoryview(self._cont)
        self._mv_hist = memoryview(self._hist)
        self._mv_gamma = memoryview(self._gamma)
        self._mv_off = memoryview(self._offsets)
        self._mv_next = memoryview(self._next)
        self._mv_codes = memoryview(self._codes)

        # Compound analysis
        self._mods = marisa_trie.Trie()
        self._mods.load(str(self.path / "lexicon_mod.marisa"))
        self._mod_score = tuple(np.log1p(np.load(self.path / "lexicon_mod_score.npy")).tolist())
        flags = np.load(self.path / "lexicon_head_flags.npy").tolist()
        hcount = np.log1p(np.load(self.path / "lexicon_head_count.npy")).tolist()
        self._heads: dict[str, tuple[int, float]] = dict(zip(self._head_words(), zip(flags, hcount)))
        self._split_cache: dict[str, tuple[str, ...] | None] = {}
        # The forms in compiled code: for now the prefix test (the rest follows, issue 26). A
        # search calls ``core.is_prefix`` itself, without a Python frame between.
        self.core = _core.Lexicon.load(self.path, supplement)
        self._protected_noun_trie: marisa_trie.Trie | None = None
        self._similar_index: dict[int, dict[tuple[str, int], list[str]]] = {}
        self._similar_pools: dict[tuple[int, str, int, int], tuple[str, ...]] = {}
        # the decoder asks for the same word pairs again and again (every "der Bundesregierung"
        # of a corpus): answers are kept, bounded
        self._bigram_cache: dict[tuple[str, str], float] = {}
        self._shadowed_cache: dict[str, bool] = {}

    def _head_words(self) -> list[str]:
        """The compound heads in the order of their flags and counts (a sorted text file)."""
        return (self.path / "lexicon_head.txt").read_text(encoding="utf-8").split("\n")[:-1]

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | os.PathLike | None = None, supplement: bool = True) -> "Lexicon":
        """Load the artifact from ``path`` (default: the package's data directory); with
        ``supplement=False`` without the supplementary forms (see the module notes)."""
        with _collector_paused():
            return cls(Path(path) if path is not None else _data_dir(), supplement)

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: str) -> bool:
        return self.known(word)

    @property
    def forms(self) -> tuple[str, ...]:
        """The stored word forms, sorted (read-only: do not modify)."""
        return self._words

    @property
    def fingerprint(self) -> str:
        """Identifies the built data: artifacts derived from it record this to detect staleness."""
        return f"{len(self._words)}:{self.total}"

    # ------------------------------------------------------------------ unigrams
    def count(self, word: str) -> int:
        """Corpus count of exactly this form (case-sensitive); 0 if unknown or pruned. For a
        supplementary form, its estimated count."""
        c = self._counts.get(word)
        if c is not None:
            return c
        if "'" in word:
            return self._counts.get(word.replace("'", "’"), 0)
        return 0

    def shadowed(self, word: str) -> bool:
        """Is the stored form ``word`` rare, of the old books only, and one OCR confusion from a
        form far more frequent ("dern" and "dem": see SHADOWED)? Seen a few times in a play, it
        is on a page far more likely that form, misread: the word stage offers that form."""
        if not (self.has_varieties and 0 < self.count(word) < SHADOWED.max_count and word.isalpha()):
            return False
        if self.varieties(word) & MODERN:
            return False
        hit = self._shadowed_cache.get(word)
        if hit is None:
            # counted in any case ("Trafen" is "trafen" at a verse line's start)
            need = SHADOWED.ratio * max(self.count(word), self.count_ci(word))
            hit = remember(self._shadowed_cache, word, any(
                self.count_ci(t) >= need for t in confusion_twins(word)), _SHADOWED_CACHE_MAX)
        return hit

    def count_ci(self, word: str) -> int:
        """Count summed over the case variants as-is, lower, Capitalised and UPPER."""
        if "'" in word:
            word = word.replace("'", "’")
        get = self._counts.get
        variants = {word, word.lower(), word[:1].upper() + word[1:].lower(), word.upper()}
        return sum(get(v, 0) for v in variants)

    def _variant(self, word: str) -> str | None:
        """The stored form standing in for ``word`` if only its case or its spelling is unusual.

        A capitalised word may be a lowercase word at sentence start ("Gegenwärtig"); an
        all-caps word may be any form ("FÜR"). A lowercase word is *not* mapped to a noun:
        "hände" is not a spelling the corpus would produce. A word in the spelling before 1996
        stands for its modern form ("Fluß" for "Fluss", see :func:`modern_spelling`).
        """
        if "ß" in word:
            modern = modern_spelling(word)
            if modern is not None:
                return modern if modern in self._counts else self._variant(modern)
        if not word[:1].isupper():
            return None
        low = word[0].lower() + word[1:]
        if low in self._counts:
            return low
        if len(word) > 1 and word.isupper():
            # the likelier of the lower-case and the title-case form ("PRÜFUNG" is "Prüfung",
            # though the corpus has a "prüfung" or two)
            forms = [v for v in (word.lower(), word[0] + word[1:].lower()) if v in self._counts]
            return max(forms, key=self._counts.__getitem__) if forms else None
        return None

    def varieties(self, word: str) -> int:
        """Where the stored form ``word`` (or, if it is not stored, its lower-case or title-case
        variant) was seen often enough to count: a bitmask of :data:`MODERN`, :data:`HISTORIC`,
        :data:`SWISS` and :data:`AUSTRIAN`; 0 for a word that is not a stored form (a supplement
        form, a compound). Old spellings are not mapped to modern ones: "Thür" and "daß" have
        flags of their own, "HISTORIC" where old books wrote them."""
        if "'" in word:
            word = word.replace("'", "’")
        ids = self._ids
        for form in (word, word[:1].lower() + word[1:], word.lower(), word[:1] + word[1:].lower()):
            i = ids.get(form)
            if i is not None:
                return self._varieties[i]
        return 0

    def noun_in_lower_case(self, word: str) -> bool:
        """Is the lower-case ``word`` a noun (or a noun's form) the corpus writes with its
        capital at least NOUN_CAPITAL_RATIO times as often ("regierung")? Standing after another
        word, it is most often the second half of a word broken in two ("Bundes regierung")."""
        get = self._counts.get  # called for most pairs of words: plain lookups
        capital = get(word[:1].upper() + word[1:])
        return capital is not None and get(word, 0) * NOUN_CAPITAL_RATIO <= capital and word.islower()

    def is_supplement(self, word: str) -> bool:
        """``word`` (or the form its case stands in for) is a supplementary form: known from
        wordfreq and hunspell, not from the corpus."""
        supplement = self._supplement
        return bool(supplement) and (word in supplement or self._variant(word) in supplement)

    def is_form(self, word: str) -> bool:
        """Stored form or case variant of one: :meth:`known` without compound analysis,
        i.e. the word itself was seen in the corpus (the stronger evidence)."""
        if word in self._counts:
            return True
        if "'" in word and word.replace("'", "’") in self._counts:
            return True
        return self._variant(word) is not None

    def known(self, word: str) -> bool:
        """Exact form known, or a case or spelling variant of one (see :meth:`_variant`), or a
        compound (in either spelling), or the old spelling of a protected word ("Einschuß")."""
        if word in self._counts:
            return True
        if "'" in word and word.replace("'", "’") in self._counts:
            return True
        if (self._variant(word) is not None or self._is_protected(word)
                or self.compound_split(word) is not None):
            return True
        modern = modern_spelling(word) if "ß" in word else None
        return modern is not None and (self._is_protected(modern) or self.compound_split(modern) is not None)

    def _is_protected(self, word: str) -> bool:
        """A protected form, or one capitalised at a sentence's start."""
        protected = self._protected
        if not protected:
            return False
        return word in protected or (word[:1].isupper() and word[0].lower() + word[1:] in protected)

    def old_spelling(self, word: str) -> bool:
        """Is ``word`` not stored itself but a stored form (or a case variant of one) written as
        before 1996 ("Fluß", "mußt")? See :func:`modern_spelling`."""
        return ("ß" in word and word not in self._counts and modern_spelling(word) is not None
                and self._variant(word) is not None)

    def spelt_before_1996(self, word: str) -> bool:
        """Is ``word`` spelt as before 1996: an :meth:`old_spelling`, or a stored form seen in old
        books but not in modern German (see :meth:`varieties`) whose modern form is a word, or one
        whose modern form is OLD_FORM_RATIO times as frequent (modern texts quote a few "daß")?"""
        if "ß" not in word:
            return False
        if self.old_spelling(word):
            return True
        modern = modern_spelling(word)
        if modern is None:
            return False
        # the old books store "daß" and "Fluß" by the thousand: a stored form not seen in modern
        # German (no MODERN bit), whose modern form is a word, is spelt as before
        if (self.has_varieties and self.is_form(word) and not self.varieties(word) & MODERN
                and self.is_form(modern)):
            return True
        return self.count(modern) >= OLD_FORM_RATIO * max(self.count(word), 1)

    def has_prefix(self, prefix: str) -> bool:
        """Some stored form (case-sensitive) starts with ``prefix`` (the empty prefix too)."""
        return self.core.has_prefix(prefix)

    def is_prefix(self, prefix: str) -> bool:
        """``prefix`` is a non-empty start of a stored form: the searches' test (which call
        ``core.is_prefix`` directly)."""
        return self.core.is_prefix(prefix)

    @property
    def protected_nouns(self) -> marisa_trie.Trie:
        """The protected forms with a capital initial only, lower-cased: nouns that may lead a
        compound (built on first use, ~0.06 s)."""
        trie = self._protected_noun_trie
        if trie is None:
            trie = self._protected_noun_trie = marisa_trie.Trie(
                sorted(w.lower() for w in self._protected if w[:1].isupper() and w[1:].islower()))
        return trie

    def similar_forms(self, word: str, max_edits: int, min_count: int) -> list[tuple[str, int]]:
        """Stored forms seen at least ``min_count`` times that are at most ``max_edits``
        letters (Levenshtein) from ``word`` and start with its first letter, nearest first:
        ``[(form, edits), ...]`` (at most 8). The first letter is kept because an OCR engine
        reads a word's first letter best, and keeping it makes the search cheap."""
        index = self._similar_index.get(min_count)
        if index is None:
            index = self._similar_index[min_count] = {}
            words = self._words
            counts = np.load(self.path / "lexicon_counts.npy")  # by form id: numpy picks the frequent ones
            for i in np.flatnonzero(counts >= min_count).tolist():  # in the forms' order
                w = words[i]
                index.setdefault((w[:1], len(w)), []).append(w)
        n = len(word)
        key = (min_count, word[:1], n, max_edits)
        pool = self._similar_pools.get(key)
        if pool is None:  # the words of the lengths within reach, joined once per first letter and length
            pool = self._similar_pools[key] = tuple([w for length in range(n - max_edits, n + max_edits + 1)
                                                     for w in index.get((word[:1], length), ())])
        found = fuzz_process.extract(word, pool, scorer=Levenshtein.distance, score_cutoff=max_edits, limit=8)
        return [(w, d) for w, d, _ in found if w != word]

    def logp(self, word: str) -> float:
        """ln P(word), relative frequency of the exact form.

        Words without a stored count get an effective count: a case variant of a known form
        half its count, a compound 0.5, anything else 0.1 (below every stored form, whose
        counts are >= 2). Not renormalised: meant for comparing candidates.
        """
        c = self.count(word)
        if not c:
            v = self._variant(word)
            if v is not None:
                c = self._counts[v] * _VARIANT_FACTOR
            elif self.compound_split(word) is not None:
                c = _COMPOUND_COUNT
            else:
                c = _UNKNOWN_COUNT
        return math.log(c / self.total)

    # ------------------------------------------------------------------ bigrams
    def _id(self, word: str) -> int | None:
        i = self._ids.get(word)
        if i is None:
            if "'" in word:
                i = self._ids.get(word.replace("'", "’"))
            if i is None:
                v = self._variant(word)
                if v is not None:
                    i = self._ids.get(v)  # None for a supplementary form
        return i

    def _p_cont(self, wid: int | None, word: str) -> float:
        """Kneser-Ney lowest order: share of bigram types that end in ``word``."""
        if wid is not None:
            return self._mv_cont[wid] / self._cont_total
        if self._supplement:
            # a rare word follows about as many different words as it occurs
            c = self._supplement.get(word) or self._supplement.get(self._variant(word) or "")
            if c:
                return c / self._cont_total
        c = _COMPOUND_COUNT if self.compound_split(word) is not None else _UNKNOWN_COUNT
        return c / self._cont_total

    def _bigram_index(self, hid: int, wid: int) -> int:
        """Position of (hid, wid) in the bigram table, -1 if not stored."""
        lo, hi = self._mv_off[hid], self._mv_off[hid + 1]
        nxt = self._mv_next
        k = bisect_left(nxt, wid, lo, hi)
        return k if k < hi and nxt[k] == wid else -1

    def logp_bigram(self, prev: str, word: str) -> float:
        """ln P(word | prev), interpolated modified Kneser-Ney. ``prev`` may be ``"<s>"``.

        Unknown words (and case variants, see :meth:`known`) are handled like in
        :meth:`logp`: variants use their stored form, compounds and unknown words get a
        small continuation count (0.5 / 0.1). Cost ~1-2 us; ~0.1 us for a pair asked before.
        """
        key = (prev, word)
        lp = self._bigram_cache.get(key)
        if lp is None:
            lp = self._logp_bigram(prev, word)
            if len(prev) + len(word) <= _BIGRAM_CACHE_MAX_PAIR:  # bounded in bytes too
                remember(self._bigram_cache, key, lp, _BIGRAM_CACHE_MAX)
        return lp

    def _logp_bigram(self, prev: str, word: str) -> float:
        wid = self._id(word)
        p = self._p_cont(wid, word)
        hid = self._sos if prev == SENT_START else self._id(prev)
        if hid is not None:
            h = self._mv_hist[hid]
            if h > 0:
                p *= self._mv_gamma[hid]
                if wid is not None:
                    k = self._bigram_index(hid, wid)
                    if k >= 0:
                        p += self._dtab[self._mv_codes[k]] / h
        return math.log(p)

    def bigram_count(self, prev: str, word: str) -> float:
        """Stored count of the exact bigram (quantised: exact below 96, <= 5 % low above);
        0.0 if either word is not a stored form."""
        wid = self._ids.get(word)
        hid = self._sos if prev == SENT_START else self._ids.get(prev)
        if wid is None or hid is None:
            return 0.0
        k = self._bigram_index(hid, wid)
        return float(self._levels[self._mv_codes[k]]) if k >= 0 else 0.0


@functools.lru_cache(maxsize=None)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process."""
    return Lexicon.load()
