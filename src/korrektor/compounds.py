"""The compound analysis of :class:`korrektor.lexicon.Lexicon`: a word the corpus never wrote
whole may still be a word, made of stored parts ("Kinderbetreuungsplatzausbau" =
"Kinderbetreuungs" + "platz" + "ausbau"), and a compound one misread letter away from a stored
word is that word damaged rather than a new one.

:class:`CompoundAnalysis` is a mixin: it reads the lexicon's counts, compound heads and
modifiers, which :class:`~korrektor.lexicon.Lexicon` loads.
"""

from __future__ import annotations

import math

import marisa_trie

from .memo import remember

_HEAD_NOUN, _HEAD_LOWER = 1, 2
_SPLIT_CACHE_MAX = 200_000  # words whose compound split is kept
_MIN_STORED_HEAD = 5  # letters of a stored noun that heads a compound without being in the head list

# OCR loses umlauts ("ü" -> "u") or misreads them as "é": the forms a damaged letter may
# have come from.
_UMLAUT = {"a": ("ä",), "o": ("ö",), "u": ("ü",), "A": ("Ä",), "O": ("Ö",), "U": ("Ü",),
           "é": ("ä", "ö")}
_MIN_PART = 3
# Common OCR letter confusions, as (as read, original). A compound candidate that turns into
# a stored form by undoing one of them ("Rentenvorsicherung" -> "Rentenversicherung",
# "Kreislautwirtschaft" -> "Kreislaufwirtschaft") is rejected: that form, damaged, is far
# more likely than a new word one letter away from it.
_OCR_CONFUSIONS = (
    ("o", "e"), ("e", "o"), ("c", "e"), ("e", "c"), ("rn", "m"), ("m", "rn"), ("l", "i"),
    ("i", "l"), ("I", "l"), ("l", "I"), ("t", "f"), ("f", "t"), ("b", "h"), ("h", "b"),
    ("u", "n"), ("n", "u"), ("cl", "d"), ("li", "h"), ("ii", "ü"), ("a", "s"), ("s", "a"),
    ("B", "ß"), ("ll", "li"), ("d", "ä"),
)


# a protected noun leading a compound: at least this long, with a linking element or none
_MIN_PROTECTED_MODIFIER = 4
_LINKING_ELEMENTS = ("", "s", "n", "en", "es")


def _protected_modifiers(low: str, nouns: marisa_trie.Trie):
    """Where the modifier ends for each way the lower-cased ``low`` starts with a protected noun
    (from ``nouns``, lower-cased) and a linking element (not the noun's own last letter again:
    "Deltas|s|variante" is no word)."""
    for noun in nouns.prefixes(low):
        j = len(noun)
        if j < _MIN_PROTECTED_MODIFIER:
            continue
        for link in _LINKING_ELEMENTS:
            if (low.startswith(link, j) and noun[-1] != link[:1]
                    and len(low) - j - len(link) >= _MIN_PART):
                yield j + len(link)


# A word the corpus writes capitalised at least this share of its lower-case count is a noun
# as well (sentence starts alone give a few per cent).
_MIN_NOUN_SHARE = 0.25
# Noun suffixes whose plural is always regular: the plural of a stored singular is a word even
# where the corpus never wrote it ("Abbremsungen", "Bedürftigkeiten", "Fanatikerinnen").
_REGULAR_PLURALS = (("ungen", "ung"), ("heiten", "heit"), ("keiten", "keit"),
                    ("schaften", "schaft"), ("innen", "in"))
_REGULAR_PLURAL_ENDINGS = tuple(plural for plural, _ in _REGULAR_PLURALS)


def _singular_of_regular_plural(low: str) -> str:
    """The capitalised singular of the lower-cased plural of a noun with a suffix of regular
    plural (see _REGULAR_PLURALS), or "". The suffix must follow three letters or more: "spinnen"
    and "zungen" are no plurals of a "Spin" or a "Zung"."""
    if not low.endswith(_REGULAR_PLURAL_ENDINGS):  # most heads tried: one test
        return ""
    for plural, singular in _REGULAR_PLURALS:
        if low.endswith(plural) and len(low) - len(plural) >= 3:
            return low[0].upper() + low[1:-len(plural)] + singular
    return ""


def _twins(x: str) -> list[str]:
    """Spellings with one a/o/u/é (A/O/U) turned into an umlaut, or one "ss" into "ß"."""
    out = [x[:i] + u + x[i + 1:] for i, ch in enumerate(x) if ch in _UMLAUT for u in _UMLAUT[ch]]
    if "ss" in x:
        out += [x[:i] + "ß" + x[i + 2:] for i in range(len(x) - 1) if x[i:i + 2] == "ss"]
    return out


def confusion_twins(x: str):
    """Spellings with one OCR confusion (see _OCR_CONFUSIONS) undone."""
    for seen, orig in _OCR_CONFUSIONS:
        i = x.find(seen)
        while i >= 0:
            yield x[:i] + orig + x[i + len(seen):]
            i = x.find(seen, i + 1)


def _misread(s: str, letters: str) -> set[str]:
    """Every string ``s`` with one letter replaced by another of ``letters``."""
    return {s[:i] + ch + s[i + 1:] for i in range(len(s)) for ch in letters if ch != s[i]}



class CompoundAnalysis:
    """Compound splits and the compounds one misread letter from a word, for a lexicon that has
    ``_counts``, ``_heads``, ``_mods``, ``_mod_score`` and ``_split_cache`` (see
    :class:`korrektor.lexicon.Lexicon`)."""

    def compound_split(self, word: str) -> tuple[str, ...] | None:
        """Split a compound into known parts, e.g. "Kinderbetreuungsplatzausbau" ->
        ("Kinderbetreuungs", "platz", "ausbau"); ``None`` if it is no compound of known parts.

        Parts are slices of ``word`` (``"".join(parts) == word``); the fewest parts win, so a
        known compound head is kept whole ("Migranten" + "selbstorganisationen").
        Hyphenated words are split at the hyphens (the hyphen stays on the left part:
        "UN-Kommission" -> ("UN-", "Kommission")) when every piece is known. Solid words need
        >= 2 parts of >= 3 letters: modifiers (words, stems, linking elements) followed by a
        head word whose case fits (a capitalised word must end in a noun, a lowercase word
        must not). Conservative against OCR damage: rejected when the word is one restored
        umlaut or one undone OCR confusion away from a stored form ("Portrat",
        "Rentenvorsicherung") or when a part's umlaut twin is the more frequent part
        ("Arbeitsausfalle"). Works for stored words too. Memoised.
        """
        try:
            return self._split_cache[word]
        except KeyError:
            pass
        res = self._split_hyphenated(word) if "-" in word else self._split_solid(word)
        return remember(self._split_cache, word, res, _SPLIT_CACHE_MAX)  # bounded: endless unique input

    def compounds_one_edit_away(self, word: str, letters: str) -> list[str]:
        """Compounds with one letter of ``word`` misread as another of ``letters``, inside one
        part: a modifier the corpus knows before a misread head ("Reduktions|zahien" →
        "Reduktionszahlen") or a misread modifier before a known head ("Atbeits|ablauf" →
        "Arbeitsablauf"); not where the misread part is a word itself ("trocken|tupfen" is no
        "trockenrupfen"), nor a letter lost or added (a linking s: "Kronshagen", a name, is no
        "Kronhagen"). Only solid words; each found word is a compound :meth:`compound_split`
        accepts, in ``word``'s case."""
        n = len(word)
        if n < 2 * _MIN_PART + 1 or not word.isalpha():
            return []
        low = word.lower()
        if len(low) != n:
            return []
        heads, mods = self._heads, self._mods

        def is_word(part: str) -> bool:  # a part that is a word itself is no misread other part
            return self.is_form(part) or self.is_form(part.capitalize()) or self._is_protected(part)

        found: set[str] = set()
        # a known modifier, then a head one letter off
        for a in mods.prefixes(low):
            i = len(a)
            if n - i >= _MIN_STORED_HEAD and not is_word(low[i:]):
                found.update(a + h for h in _misread(low[i:], letters) if h in heads)
        # a modifier one letter off, then a known head
        for i in range(_MIN_PART, n - _MIN_STORED_HEAD + 1):
            if low[i:] in heads and not is_word(low[:i]):
                found.update(m + low[i:] for m in _misread(low[:i], letters) if m in mods)
        found.discard(low)
        out = []
        for w in sorted(found):
            cased = w[0].upper() + w[1:] if word[0].isupper() else w
            if self.compound_split(cased) is not None:
                out.append(cased)
        return out

    def word_and_head(self, word: str) -> bool:
        """Is ``word`` a stored word (in any case) followed by a compound head ("binär|pakete")?
        Adjectives and other words the corpus never used as modifiers lead compounds too; a
        looser test than :meth:`compound_split`, for a caller that knows the word is damaged."""
        low, n = word.lower(), len(word)
        heads, counts = self._heads, self._counts
        need = _HEAD_NOUN if word[:1].isupper() else _HEAD_LOWER
        for i in range(_MIN_PART + 1, n - _MIN_STORED_HEAD + 1):
            h = heads.get(low[i:])
            if h is not None and h[0] & need:
                left = low[:i]
                if left in counts or left.capitalize() in counts:
                    return True
        return False

    def _split_hyphenated(self, word: str) -> tuple[str, ...] | None:
        pieces = word.split("-")
        if any(not p for p in pieces):
            return None
        out: list[str] = []
        for i, p in enumerate(pieces):
            if self._piece_known(p):
                parts: tuple[str, ...] = (p,)
            else:
                sub = self._split_solid(p)
                if sub is None:
                    return None
                parts = sub
            if i < len(pieces) - 1:
                parts = parts[:-1] + (parts[-1] + "-",)
            out.extend(parts)
        # the whole word's twins last: most words the umlaut search tries fail on a piece, and
        # the twins of a long word are many
        return None if self._shadowed(word) else tuple(out)

    def _piece_known(self, piece: str) -> bool:
        """A hyphen-separated piece is a stored form (or case variant) and not the rarer
        umlaut-less twin of a form ("Kraft-Warme-Kopplung") or an OCR misreading of a much
        more frequent one ("Milliarden-Eure-Kredit")."""
        c = self._counts.get(piece) or 0
        if not c:
            v = self._variant(piece)
            if v is None:
                return False
            c = self._counts[v]
        get = self._counts.get
        return not (any(get(t, 0) > c for t in _twins(piece))
                    or any(get(t, 0) > 10 * c for t in confusion_twins(piece)))

    def _split_solid(self, word: str) -> tuple[str, ...] | None:
        n = len(word)
        if n < 2 * _MIN_PART or not word.isalpha():
            return None
        if word.isupper():
            need = _HEAD_NOUN | _HEAD_LOWER
        elif word[0].isupper():
            # Capitalised compounds must end in a noun. Adjective compounds capitalised at
            # sentence start are missed, but "Konsumguter" (Konsum+guter, damaged
            # "Konsumgüter") must stay unknown.
            need = _HEAD_NOUN
            # (islower() first: it alone rules out a capital in most words, without a loop in Python)
            if not word[1:].islower() and any(ch.isupper() for ch in word[1:]):
                return None  # "derStaat": lost space, not a compound
        else:
            need = _HEAD_LOWER
            if not word.islower() and any(ch.isupper() for ch in word):
                return None
        low = word.lower()
        if len(low) != n:  # case mapping changed length (rare: "ẞ"), slices would not align
            return None
        mods, mod_score, heads = self._mods, self._mod_score, self._heads
        protected_nouns = self.protected_nouns if need & _HEAD_NOUN else None
        memo: dict[int, tuple[int, float, tuple[int, ...]] | None] = {}

        def best(i: int):
            # best segmentation of low[i:] into modifier* head: (parts, -score, cut points)
            if i in memo:
                return memo[i]
            res = None
            if i > 0:
                h = heads.get(low[i:])
                if (h is None or not h[0] & need) and need & _HEAD_NOUN and n - i >= _MIN_STORED_HEAD:
                    # any stored noun can end a compound, also one the corpus never used as a
                    # head ("Kinder|aufsätzen": "Aufsätzen" is stored, seen twice), or listed
                    # only as a lower-case head ("Gemeinnützigkeits|rechts"), or the regular
                    # plural of a stored noun ("Boden|abbremsungen")
                    c = self._noun_count(low[i:])
                    if c:
                        h = (_HEAD_NOUN, math.log1p(c))
                if h is not None and h[0] & need:
                    res = (1, -h[1], ())
            if i == 0 and protected_nouns:
                # a protected noun the corpus lacks leads a noun compound too ("Lakritze|stücke",
                # "Satin|bänder"): everyday words the corpus does not use, as modifiers
                for j in _protected_modifiers(low, protected_nouns):
                    sub = best(j)
                    if sub is not None:
                        cand = (sub[0] + 1, sub[1], (j,) + sub[2])
                        if res is None or cand[:2] < res[:2]:
                            res = cand
            for a, aid in mods.iter_prefixes_with_ids(low[i:]):
                j = i + len(a)
                # three-letter modifiers ("vor", "aus") only lead a word: inside one they
                # mostly come from a misread longer part ("Landes|vor|fassungs...")
                if n - j < _MIN_PART or (i and len(a) == _MIN_PART):
                    continue
                sub = best(j)
                if sub is not None:
                    cand = (sub[0] + 1, sub[1] - mod_score[aid], (j,) + sub[2])
                    if res is None or cand[:2] < res[:2]:
                        res = cand
            memo[i] = res
            return res

        r = best(0)
        if r is None or self._shadowed(word):
            return None
        cuts = (0, *r[2], n)
        # A part whose umlaut twin is a more frequent part of the same kind makes the word
        # a likely OCR-damaged compound ("Arbeitsausfalle": "fälle" beats "falle",
        # "Ruckverfolgung": "rück" beats "ruck").
        last = len(cuts) - 2
        for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
            part = low[a:b]
            if k == last:
                h = heads.get(part)
                own = h[1] if h is not None and h[0] & need else math.log1p(self._noun_count(part))
                if any((heads.get(t) or (0, -1.0))[1] > own for t in _twins(part)):
                    return None
            elif part in mods:  # (a protected modifier has no score to compare)
                own = mod_score[mods[part]]
                for t in _twins(part):
                    tid = mods.get(t)
                    if tid is not None and mod_score[tid] > own:
                        return None
        if len(cuts) > 3 and self._fewer_parts_restored(word, len(cuts) - 1):
            return None
        return tuple(word[a:b] for a, b in zip(cuts, cuts[1:]))

    def _fewer_parts_restored(self, word: str, parts: int) -> bool:
        """Does ``word`` with one umlaut restored make a compound of fewer parts? Then three or
        more parts are a lost umlaut's artefact ("Flach|enver|siegelungen" is "Flächen|
        versiegelungen" with a name for a middle part)."""
        for twin in _twins(word):
            split = self.compound_split(twin)
            if split is not None and len(split) < parts:
                return True
        return False

    def _noun_count(self, low: str) -> int:
        """How often the corpus writes the lower-cased ``low`` as a noun: its capitalised form's
        count, where that is no mere sentence start of a lower-case word ("Rechts" beside
        "rechts" is a noun, "Lange" beside "lange" is not), or its regular singular's."""
        counts = self._counts
        capital = counts.get(low[0].upper() + low[1:], 0)
        if capital and capital >= _MIN_NOUN_SHARE * counts.get(low, 0):
            return capital
        singular = _singular_of_regular_plural(low)
        return counts.get(singular, 0) if singular else 0

    def _shadowed(self, word: str) -> bool:
        """A stored form is one restored umlaut/ß ("Portrat" -> "Porträt") or one undone
        OCR confusion (see _OCR_CONFUSIONS) away: then the word is far more likely that
        form, damaged, than a new compound."""
        counts = self._counts
        return any(t in counts for t in _twins(word)) or any(
            t in counts for t in confusion_twins(word))
