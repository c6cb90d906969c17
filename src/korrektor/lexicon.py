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

The statistics are answered by the compiled core: :class:`Lexicon` is a Python subclass of
:class:`korrektor._core.Lexicon` (``rust/src/language.rs``), which maps the data build's images
(``lexicon.core``, ``lexicon_compounds.core``, the bigram arrays) into memory instead of parsing
them, so loading takes milliseconds, and a call reaches compiled code with no Python frame
between. The object is read-only (a bounded cache of compound splits aside) and shared by
threads.

API summary (all methods are cheap unless noted):

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
  frequent form) are rejected. Only for words not stored, but works on any word. Cached.
* ``similar_forms(w, max_edits, min_count)``: frequent stored forms a few edits from ``w``,
  with the same first letter (Levenshtein over a per-letter, per-length index, 5-50 us).
* ``has_prefix(p)``, ``is_prefix(p)``: does a stored form start with ``p``? (``is_prefix``: the
  searches' test, false for the empty string.) A walk down the forms' transducer.
* ``varieties(w)``: where a stored form was seen (bits :data:`MODERN`, :data:`HISTORIC`,
  :data:`SWISS`, :data:`AUSTRIAN`), to tell the spelling of an era or country.
* ``logp(w)`` unigram, ``logp_bigram(prev, w)`` interpolated modified Kneser-Ney (< 1 us).
* A string with a lone surrogate (which Python allows and UTF-8 cannot encode) is an unknown
  word that is no compound.
"""
from __future__ import annotations

import functools
import json
import os
import unicodedata
from importlib import resources
from pathlib import Path

import regex

from . import _core
from .german import ABBREV, WORD_RE, is_abbreviation  # noqa: F401  (shared German knowledge; re-exported)

__all__ = ["Lexicon", "default_lexicon", "modern_spelling", "tokenize", "WORD_RE", "SENT_START"]

# Keep in sync with scripts/build_langdata.py (the statistics were counted with these, and with
# korrektor.german's WORD_RE and ABBREV).
HYPHEN_TABLE = str.maketrans({"\u2011": "-", "\u2010": "-", "\u00ad": ""})
SENT_SPLIT_RE = regex.compile(r"(?<=[.!?…][“”\"»)]*)\s+")
_LAST_TOKEN_RE = regex.compile(r"(\w+)\.[“”\"»)]*$")
SENT_START = "<s>"


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


def _data_dir() -> Path:
    return Path(str(resources.files("korrektor") / "data"))


#: Where a stored form was seen often enough to count (:meth:`Lexicon.varieties`, a bitmask):
#: in modern German from Germany (parliament, encyclopedias, federal law), in the fiction,
#: plays and poems of 1750-1950 (spellings before the 1901 and 1996 reforms), in Swiss law
#: (no ß) or in Austrian law. A form seen in several carries several bits.
MODERN, HISTORIC, SWISS, AUSTRIAN = 1, 2, 4, 8
#: ... and a form with ss that only the Swiss write so: outside Swiss sources its ß spelling is
#: far more frequent ("Massnahmen", "gemäss"; not "Masse", a word of its own)
SWISS_SS = 16


class Lexicon(_core.Lexicon):
    """Read-only word statistics of the data directory ``path``; the methods are the compiled
    core's (:class:`korrektor._core.Lexicon`), which loads in milliseconds. Construct with
    :meth:`load`."""

    def __init__(self, path: str | os.PathLike, supplement: bool = True):
        # (the core's constructor has loaded the data from the same arguments)
        self.path = Path(path)
        self.meta = json.loads((self.path / "lexicon_meta.json").read_text(encoding="utf-8"))
        self.sentences: int = int(self.meta["sentences"])
        self._forms: tuple[str, ...] | None = None
        self._similar: _core.SimilarForms | None = None

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, supplement: bool = True) -> "Lexicon":
        """Load the artifact from ``path`` (default: the package's data directory); with
        ``supplement=False`` without the supplementary forms (see the module notes)."""
        path = Path(path) if path is not None else _data_dir()
        return cls(path, supplement)

    @property
    def forms(self) -> tuple[str, ...]:
        """The stored corpus forms, sorted (their ids are their positions); read on first use."""
        if self._forms is None:
            words = (self.path / "lexicon_words.txt").read_text(encoding="utf-8").split("\n")
            if words and words[-1] == "":
                words.pop()
            self._forms = tuple(words)
        return self._forms

    @property
    def fingerprint(self) -> str:
        """Identifies the built data: artifacts derived from it record this to detect staleness."""
        return f"{len(self)}:{self.total}"

    def similar_forms(self, word: str, max_edits: int, min_count: int) -> list[tuple[str, int]]:
        """Stored forms seen at least ``min_count`` times that are at most ``max_edits``
        letters (Levenshtein) from ``word`` and start with its first letter, nearest first:
        ``[(form, edits), ...]`` (at most 8). The first letter is kept because an OCR engine
        reads a word's first letter best, and keeping it makes the search cheap. (The core's
        ``SimilarForms``, mapped on first use.)"""
        similar = self._similar
        if similar is None:
            similar = self._similar = _core.SimilarForms.load(self.path)
        return similar.similar_forms(word, max_edits, min_count)


def answers_as_core(lexicon, asked: tuple[str, ...]) -> bool:
    """Is ``lexicon`` a :class:`korrektor._core.Lexicon` (a :class:`Lexicon` is one) whose methods
    named in ``asked`` are the core's own? Then a compiled search may ask the core directly;
    a test double, or a subclass or instance that answers one of them otherwise, is asked
    through Python."""
    if not isinstance(lexicon, _core.Lexicon):
        return False
    cls, own = type(lexicon), getattr(lexicon, "__dict__", ())
    return all(getattr(cls, name) is getattr(_core.Lexicon, name) and name not in own for name in asked)


@functools.lru_cache(maxsize=None)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process."""
    return Lexicon.load()
