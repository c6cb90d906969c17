"""The OCR error model: how likely an OCR engine reads a true word w as the token t.

P(t | w) is a character channel model learned from real Tesseract output on rendered German pages
(``scripts/train_error_model.py`` -> ``data/errormodel.json``): confusion probabilities
P(ocr substring | true substring) for true substrings of 1–2 characters read as 1–3 characters
(ä→a, ü→ii, ü→iti, ß→B, ö→é, rn→m …)
and the probability that a character is read correctly, separately for two engine profiles:

* ``eng`` – Tesseract's English model, which cannot emit ä/ö/ü/ß at all (the common mistake);
* ``deu`` – the German model.

A document's :class:`Profile` (:func:`estimate_profile`) says how much of each to use: a long German
text without a single umlaut was read by an engine that cannot emit them ("no-umlauts"); otherwise
the evidence of tell-tale tokens ("fiir", "iiber", "é", "groBe" …) against real umlauts decides.

:meth:`ErrorModel.candidates` inverts the channel: it rewrites a token left to right with the
inverse confusions (observed substring -> true substring), pruned by the lexicon's prefix test, and
returns the lexicon words it reaches with ln P(token | word), best first. The search runs in the
compiled core (``korrektor._core.search_candidates``, the same answers bit for bit) where the
lexicon is a :class:`korrektor.lexicon.Lexicon` (see :func:`korrektor.lexicon.answers_as_core`); else,
and with the environment variable ``KORREKTOR_PY_SEARCH=1``, in Python (:meth:`ErrorModel._search`,
the reference the core is checked against: ``bench/core_search.py``).

Usage::

    em = default_error_model()
    prof = estimate_profile(page_text)                # once per document
    em.candidates("fiir", lexicon, prof)              # [("für", -0.83), ...]
    em.logp_identity("fiir", prof)                    # ln P("fiir" read correctly)

Both scores include the identity probability of the untouched characters, so a decoder compares
``lp_cand + lm(cand)`` with ``logp_identity(token) + lm(token)`` directly.  Results are memoised per
(token, profile weight, lexicon); a new token costs ~0.15 ms CPU (median; mean ~0.25 ms, long
unknown compounds up to a few ms), a repeated one ~0.3 us.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from . import _core
from .lexicon import answers_as_core
from .memo import remember

__all__ = ["Profile", "estimate_profile", "ErrorModel", "default_error_model", "FEATURES",
           "feature_counts", "GERMAN", "GERMAN_TEXT", "NO_UMLAUTS"]

DATA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "errormodel.json")

# ----------------------------------------------------------------------------- profiles

#: evidence features counted by :func:`feature_counts` (rates per letter are learned per profile)
FEATURES = ("uml", "ii", "eacute", "digit_in_word", "B_in_word", "tell")

_FEATURE_RE = regex.compile(
    r"(?P<uml>[äöüÄÖÜß])"
    r"|(?P<ii>(?<=\p{L})ii|ii(?=\p{Ll}))"
    r"|(?P<eacute>é)"
    r"|(?P<digit_in_word>(?<=\p{L})[0-9](?=\p{Ll}))"
    r"|(?P<B_in_word>(?<=\p{Ll})B(?=\p{Ll}))"
    r"|(?P<tell>\b(?:[Ff]i?ir|[Ii]i?ber|[Tt]iber|[Uu]ber|[Dd]afi?ir|[Dd]aftir|[Ww]iirde|[Kk]onnen|[Kk]énnen"
    r"|[Mm]ussen|[Mm]iissen|[Mm]ochte|[Mm]échte|[Ww]ahrend|[Nn]atiirlich|[Nn]aturlich|[Gg]rofe|[Gg]roBe"
    r"|[Mm]oglich|[Mm]églich|[Ss]chlieBlich|[Ss]chlieflich|[Ff]unf|[Ff]iinf|[Zz]uruck|[Zz]uriick|[Hh]ohe)\b)"
    r"|(?P<fw>\b(?:der|die|und|das|ist|nicht|den|mit|von|sich|auch|wir|ein|eine|zu|dass|es|im|auf)\b)"
)

# prior log-odds of "no-umlauts" against "german"
_PRIOR = -3.0
# the rate of a feature under a profile is never taken below this (a stray ü in an eng text)
_RATE_FLOOR = 2e-5


#: KORREKTOR_PY_SEARCH=1: the searches and the profile in Python even where the compiled core is
#: built
_PY_SEARCH = os.environ.get("KORREKTOR_PY_SEARCH", "") not in ("", "0")


def _core_profile_agrees() -> bool:
    """Does the compiled profile (``_core.feature_counts``, ``_core.estimate_profile``) use this
    module's constants and pattern?"""
    if not hasattr(_core, "profile_constants"):  # an extension built before the profile
        return False
    here = {"FEATURES": list(FEATURES), "_PRIOR": _PRIOR, "_RATE_FLOOR": _RATE_FLOOR,
            "_WEIGHT_STEPS": list(_WEIGHT_STEPS), "_FEATURE_RE": _FEATURE_RE.pattern}
    there = _core.profile_constants()
    return _FEATURE_RE.flags == regex.compile("").flags and all(there[k] == v for k, v in here.items())


def feature_counts(text: str) -> dict:
    """Counts of the evidence features in ``text`` plus letters and tokens: the compiled count
    where it can run (not for a text with a lone surrogate), else :func:`_py_feature_counts`."""
    if _PROFILE_CORE:
        found = _core.feature_counts(text)
        if found is not None:
            return dict(zip(_COUNTS, found))
    return _py_feature_counts(text)


def _py_feature_counts(text: str) -> dict:
    """Counts of the evidence features in ``text`` plus letters and tokens.

    No feature spans or looks across white space, so the counts of the text are the sums of the
    counts of its space-separated chunks; chunks repeat, and each distinct one is scanned once
    per process.
    """
    chunks = text.split()
    c = dict.fromkeys(_COUNTED, 0)
    cache = _CHUNK_FEATURES
    for chunk, n in Counter(chunks).items():
        found = cache.get(chunk)
        if found is None:
            found = tuple(m.lastgroup for m in _FEATURE_RE.finditer(chunk))
            if len(chunk) <= _CHUNK_FEATURES_MAX_CHUNK:  # bounded in bytes too
                remember(cache, chunk, found, _CHUNK_FEATURES_MAX)
        for name in found:
            c[name] += n
    c["letters"] = sum(map(str.isalpha, text))
    c["tokens"] = len(chunks)
    return c


_COUNTED = FEATURES + ("fw",)
#: the keys of :func:`feature_counts`, in the order of ``_core.feature_counts``' values
_COUNTS = _COUNTED + ("letters", "tokens")
_CHUNK_FEATURES: dict[str, tuple[str, ...]] = {}
_CHUNK_FEATURES_MAX = 300_000
_CHUNK_FEATURES_MAX_CHUNK = 80


@dataclass(frozen=True)
class Profile:
    """Per-document error profile.

    ``name``: "no-umlauts" (the engine could not emit äöüß), "german" (it could), or "mixed"
    (not enough evidence either way).  ``weight``: the share of the no-umlauts ("eng") channel in
    the mixture used by the error model, 0..1.  ``log_odds``: the evidence, ln P(no-umlauts)/P(german).
    """

    name: str = "german"
    weight: float = 0.05
    log_odds: float = -3.0
    n_chars: int = 0

    @property
    def no_umlauts(self) -> bool:
        return self.name == "no-umlauts"


GERMAN = Profile("german", 0.05, -10.0, 0)
NO_UMLAUTS = Profile("no-umlauts", 0.97, 10.0, 0)

_WEIGHT_STEPS = (0.03, 0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.97)

#: the profile :func:`estimate_profile` gives a German text with its umlauts in place, as
#: correcting leaves it: a decision that must hold when the output is corrected again is
#: checked with it
GERMAN_TEXT = Profile("german", _WEIGHT_STEPS[0], -50.0, 0)


def _feature_rates(model_data: dict) -> dict:
    out = {}
    for prof, d in model_data["profiles"].items():
        letters = max(1, int(d.get("features", {}).get("letters", 0)) or d.get("n_chars_ocr", 1))
        f = d.get("features", {})
        out[prof] = {k: max(_RATE_FLOOR, (f.get(k, 0) + 0.5) / letters) for k in FEATURES}
    return out


def estimate_profile(text: str, model: "ErrorModel | None" = None) -> Profile:
    """Estimate the document's error profile from its text (one cheap pass): the compiled
    estimate where it can run (the model's rates plain floats, a text without a lone
    surrogate), else :func:`_py_estimate_profile`."""
    if _PROFILE_CORE:
        found = _core.estimate_profile(text, (model or default_error_model()).feature_rates)
        if found is not None:
            return Profile(*found)
    return _py_estimate_profile(text, model)


def _py_estimate_profile(text: str, model: "ErrorModel | None" = None) -> Profile:
    """Estimate the document's error profile from its text (one cheap pass).

    Naive-Bayes (Poisson) log-likelihood ratio of the feature counts under the two engine
    profiles, with per-letter rates learned from the training pages, plus a prior for "german".
    Absence of umlauts only counts as evidence when the text looks German (function words).
    """
    rates = (model or default_error_model()).feature_rates
    c = _py_feature_counts(text)
    L = c["letters"]
    if L == 0 or "eng" not in rates or "deu" not in rates:
        return Profile("german", 0.05, _PRIOR, len(text))
    re_, rd = rates["eng"], rates["deu"]
    german_like = c["tokens"] >= 20 and c["fw"] >= 0.05 * c["tokens"]
    llr = _PRIOR
    for k in FEATURES:
        llr += c[k] * math.log(re_[k] / rd[k])
        if german_like:
            # Poisson term for the expected counts: only when the text is German (in another
            # language the absence of umlauts says nothing)
            llr -= L * (re_[k] - rd[k])
    llr = max(-50.0, min(50.0, llr))
    p = 1.0 / (1.0 + math.exp(-llr))
    name = "no-umlauts" if p >= 0.9 else ("german" if p <= 0.1 else "mixed")
    w = min(_WEIGHT_STEPS, key=lambda s: abs(s - p))
    return Profile(name, w, round(llr, 3), len(text))


#: the compiled profile, unless KORREKTOR_PY_SEARCH=1 (read at import, as the searches')
_PROFILE_CORE = not _PY_SEARCH and _core_profile_agrees()


# ----------------------------------------------------------------------------- model

_PUNCT = "\"'„“”‚‘’»«›‹,.;:!?()[]{}<>–—…*"
#: the letters an engine without a German model cannot emit
UMLAUTS = frozenset("äöüßÄÖÜ")
_MIN_P = 1e-4          # inverse confusions below this probability are not tried ...
#: ... unless what the engine read has a glyph no German word has (a dotless ı: "ıst", "kanrı",
#: "Nettokreditaufnahnıen"): nothing but a confusion explains it, however rare
_FOREIGN_GLYPH_RE = regex.compile(r"[^\p{Script=Latin}\p{M}\p{N}\p{P}\p{S}\s]|[ıİ¢®©]")
_MAX_PER_OBS = 8       # at most this many true substrings per observed substring
_MAX_NODES = 2000      # search budget per call (nodes expanded)
_MAX_NODES_COMPOUND = 600
_MIN_LOGP = -20.0      # paths below this channel log-probability are dropped
_CACHE_MAX = 200_000
_RARE = 100            # edit-count unit of a rare confusion (see ErrorModel._options)
_RARE_LOGP = math.log(0.01)
_MARGIN = 8.0         # candidates this far (nats) below the best one found are not pursued


class _Table:
    """Inverse confusions by the length of the observed substring (inv1, inv2, inv3:
    observed -> ((true substring, ln P(observed | true)), ...), likeliest first) and the
    ln probability of reading each character as itself; ``core``: the same as a
    ``korrektor._core.ConfusionTable`` for the compiled search, built on its first use."""

    __slots__ = ("inv1", "inv2", "inv3", "ident", "ident_default", "core")

    def __init__(self, inv1, inv2, inv3, ident, ident_default):
        self.inv1 = inv1
        self.inv2 = inv2
        self.inv3 = inv3
        self.ident = ident
        self.ident_default = ident_default
        self.core = None


def _core_constants_agree() -> bool:
    """Does the compiled search use this module's constants?"""
    if not hasattr(_core, "search_candidates"):  # an extension built before the search
        return False
    here = {"_PUNCT": _PUNCT, "_MAX_NODES": _MAX_NODES, "_MAX_NODES_COMPOUND": _MAX_NODES_COMPOUND,
            "_MIN_LOGP": _MIN_LOGP, "_RARE": _RARE, "_RARE_LOGP": _RARE_LOGP, "_MARGIN": _MARGIN}
    there = _core.search_constants()
    return all(there[k] == v for k, v in here.items())


def _core_lexicon(lexicon):
    """The lexicon itself where the compiled search can ask it directly (see
    :func:`korrektor.lexicon.answers_as_core`), else None: the search runs in Python."""
    return lexicon if answers_as_core(lexicon, ("count", "has_prefix", "is_prefix", "known")) else None


class ErrorModel:
    """Channel model P(token | word) with per-profile confusion tables."""

    def __init__(self, data: dict):
        if data.get("format") != "korrektor-errormodel":
            raise ValueError("not a korrektor error model")
        self.data = data
        self.profiles = data["profiles"]
        self.feature_rates = _feature_rates(data)
        self._tables: dict[float, _Table] = {}
        self._cache: dict = {}
        # per lexicon: can this string be a compound's first part (see _is_part)?
        self._parts: dict[int, dict[str, bool]] = {}
        self._use_core = not _PY_SEARCH and _core_constants_agree()

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "ErrorModel":
        with open(path or DATA_PATH, encoding="utf-8") as fh:
            return cls(json.load(fh))

    # ------------------------------------------------------------------ tables

    def _probs(self, prof: str) -> tuple[dict, dict, float]:
        d = self.profiles.get(prof)
        if d is None:
            return {}, {}, math.log(0.999)
        rules = {(a, b): math.exp(lp) for a, b, _c, lp in d["rules"]}
        # case back-off: a capitalised true substring with no observed rules borrows the
        # lower-case rules at half the probability (Ö->O from ö->o, Ü->Ii is not invented when Ü
        # has its own observations)
        seen_true = {a for a, _b in rules}
        for (a, b), p in list(rules.items()):
            A, B = a[:1].upper() + a[1:], b[:1].upper() + b[1:]
            if A != a and A not in seen_true and (A, B) not in rules:
                rules[(A, B)] = p * 0.5
        ident = {ch: math.exp(lp) for ch, lp in d["ident"].items()}
        return rules, ident, math.exp(d["ident_default"])

    def table(self, profile: Profile) -> _Table:
        w = float(profile.weight)
        t = self._tables.get(w)
        if t is not None:
            return t
        re_, ie, de = self._probs("eng")
        rd, id_, dd = self._probs("deu")
        rules = {}
        for key in set(re_) | set(rd):
            p = w * re_.get(key, 0.0) + (1 - w) * rd.get(key, 0.0)
            if p >= _MIN_P or (p > 0.0 and _FOREIGN_GLYPH_RE.search(key[1])):
                rules[key] = p
        ident = {}
        for ch in set(ie) | set(id_):
            p = w * ie.get(ch, de) + (1 - w) * id_.get(ch, dd)
            ident[ch] = math.log(max(p, 1e-9))
        ident_default = math.log(w * de + (1 - w) * dd)
        inv: dict[str, list] = {}
        for (a, b), p in rules.items():
            inv.setdefault(b, []).append((a, math.log(p)))
        by_width: dict[int, dict] = {1: {}, 2: {}, 3: {}}
        for b, lst in inv.items():
            lst.sort(key=lambda x: -x[1])
            by_width[len(b)][b] = tuple(lst[:_MAX_PER_OBS])
        t = _Table(by_width[1], by_width[2], by_width[3], ident, ident_default)
        self._tables[w] = t
        return t

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the trained model: artifacts derived from it record this to detect staleness."""
        blob = json.dumps(self.profiles, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]

    def umlaut_confusions(self) -> dict[str, frozenset[str]]:
        """true substring with an umlaut or ß -> every OCR substring any profile mixture may read
        it as (a superset of what :meth:`table` offers for any weight: a mixture is never more
        probable than the likelier of its two profiles)."""
        re_, rd = self._probs("eng")[0], self._probs("deu")[0]
        out: dict[str, set[str]] = {}
        for (a, b) in set(re_) | set(rd):
            if max(re_.get((a, b), 0.0), rd.get((a, b), 0.0)) >= _MIN_P and not UMLAUTS.isdisjoint(a):
                out.setdefault(a, set()).add(b)
        return {a: frozenset(bs) for a, bs in out.items()}

    def table_size(self, profile: Profile) -> int:
        t = self.table(profile)
        return sum(len(options) for inv in (t.inv1, t.inv2, t.inv3) for options in inv.values())

    # ------------------------------------------------------------------ scores

    def logp_identity(self, token: str, profile: Profile = GERMAN) -> float:
        """ln P(token read correctly): every character read as itself."""
        t = self.table(profile)
        ident, dflt = t.ident, t.ident_default
        return sum(ident.get(ch, dflt) for ch in token)

    def logp_confusion(self, true: str, read: str, profile: Profile = GERMAN) -> float:
        """ln P(``read`` | ``true``): the channel's probability that the engine reads the true
        substring as ``read`` (1 or 2 characters), -inf where the model has no such confusion."""
        t = self.table(profile)
        inverse = (None, t.inv1, t.inv2, t.inv3)[len(read)]
        return max((lp for a, lp in inverse.get(read, ()) if a == true), default=-math.inf)

    # ------------------------------------------------------------------ search

    def candidates(self, token: str, lexicon, profile: Profile = GERMAN, max_edits: int = 3,
                   limit: int = 10) -> list[tuple[str, float]]:
        """Lexicon words w that the OCR could have read as ``token``, with ln P(token | w).

        Best first, at most ``limit``; the token itself is not included.  Leading and trailing
        punctuation is kept around the candidate.  All-caps tokens are left to the caller ([]).
        """
        key = (token, profile.weight, max_edits, limit, id(lexicon))
        hit = self._cache.get(key)
        if hit is not None:
            return list(hit)
        res = self._candidates(token, lexicon, profile, max_edits, limit)
        remember(self._cache, key, tuple(res), _CACHE_MAX)
        return res

    @staticmethod
    def _prefix_fn(lexicon):
        """The lexicon's prefix test: its ``is_prefix`` where it has one (the empty string is no
        prefix there), else its ``has_prefix``."""
        return getattr(lexicon, "is_prefix", None) or lexicon.has_prefix

    def _candidates(self, token, lexicon, profile, max_edits, limit):
        """The compiled search where it can run (see the module notes), else the Python one."""
        if self._use_core:
            core_lexicon = _core_lexicon(lexicon)
            if core_lexicon is not None:
                table = self.core_table(profile)
                # (known=True: the core's own test, no call back into Python)
                res = _core.search_candidates(token, core_lexicon, table, max_edits, limit, True)
                if res is not None:  # None: not valid Unicode text (a lone surrogate)
                    return res
        return self._py_candidates(token, lexicon, profile, max_edits, limit)

    def core_table(self, profile: Profile):
        """The table for ``profile`` as the compiled searches take it (a
        ``korrektor._core.ConfusionTable``), made on its first use."""
        t = self.table(profile)
        if t.core is None:
            t.core = _core.ConfusionTable(t.inv1, t.inv2, t.inv3, t.ident, t.ident_default)
        return t.core

    def _py_candidates(self, token, lexicon, profile, max_edits, limit):
        """The search in Python: the reference the compiled one gives the same answers as."""
        core = token.strip(_PUNCT)
        if len(core) < 2:
            return []
        i = token.find(core)
        lead, trail = token[:i], token[i + len(core):]
        letters = [ch for ch in core if ch.isalpha()]
        if len(letters) > 1 and all(ch.isupper() for ch in letters):
            return []
        t = self.table(profile)
        hp = self._prefix_fn(lexicon)
        found: dict[str, float] = {}
        self._search(core, lexicon, hp, t, max_edits, found)
        known = getattr(lexicon, "known", None)
        if not found and len(core) >= 9 and known is not None and not known(core):
            # compounds the lexicon does not store whole: prune on the current part only
            self._search(core, lexicon, hp, t, min(max_edits, 2), found, compound=True)
        found.pop(core, None)
        best = sorted(found.items(), key=lambda x: (-x[1], x[0]))[:limit]
        if lead or trail:
            # the punctuation is read as itself: keep scores comparable with logp_identity(token)
            extra = sum(t.ident.get(ch, t.ident_default) for ch in lead + trail)
            best = [(lead + w + trail, lp + extra) for w, lp in best]
        return best

    @staticmethod
    def _options(core, t, max_edits):
        """Per position: [(next_pos, true_substring, logp, edit_cost, lowered)], worst first.

        ``edit_cost``: 0 for reading a character as itself, 1 for a confusion, 1 + _RARE for a
        rare one (p < 1 %): at most one rare confusion per word keeps the search small.

        ``lowered``: the option reads a capitalised first letter as lower case (sentence start);
        the word found is capitalised again.
        """
        n = len(core)
        inv1, inv2, inv3, ident, dflt = t.inv1, t.inv2, t.inv3, t.ident, t.ident_default
        opts = []
        for pos in range(n):
            c = core[pos]
            o = [(pos + 1, c, ident.get(c, dflt), 0, 0)]
            if max_edits:
                o.extend((pos + 1, a, lp, _ecost(lp), 0) for a, lp in inv1.get(c, ()))
                if pos + 1 < n:
                    o.extend((pos + 2, a, lp, _ecost(lp), 0) for a, lp in inv2.get(core[pos:pos + 2], ()))
                if pos + 2 < n and inv3:
                    o.extend((pos + 3, a, lp, _ecost(lp), 0) for a, lp in inv3.get(core[pos:pos + 3], ()))
            if pos == 0 and c.isupper() and n > 1:
                # a capitalised token may be a lower-case word at the start of a sentence: search
                # the lower-case spelling too (same channel cost) and capitalise the result
                lo = c.lower()
                o.append((1, lo, ident.get(c, dflt), 0, 1))
                if max_edits:
                    o.extend((1, a, lp, _ecost(lp), 1) for a, lp in inv1.get(lo, ()) if a.islower())
                    o.extend((2, a, lp, _ecost(lp), 1) for a, lp in inv2.get(lo + core[1], ()) if a[:1].islower())
            o.sort(key=lambda x: x[2])          # worst first: pushed first, popped last
            opts.append(o)
        return opts

    def _search(self, core, lex, hp, t, max_edits, found, compound=False):
        """Depth-first, best-first search over rewrites of ``core``; adds reached words to ``found``.

        Bounded by ``max_edits``, a node budget, an absolute floor on the channel log-probability
        and a margin below the best candidate found so far.
        """
        n = len(core)
        count = lex.count
        known = getattr(lex, "known", None)
        opts = self._options(core, t, max_edits)
        ident, dflt = t.ident, t.ident_default
        tail = [0.0] * (n + 1)          # identity log-probability of core[i:]
        for i in range(n - 1, -1, -1):
            tail[i] = tail[i + 1] + ident.get(core[i], dflt)

        best_at: dict = {}
        parts = self._parts.setdefault(id(lex), {}) if compound else {}
        floor = _MIN_LOGP
        best = -1e9

        def reached(word, score, lowered):
            """Record a word the search reached; raise the floor below the best one."""
            nonlocal best, floor
            if lowered:
                word = word[0].upper() + word[1:]
            if word != core and score > found.get(word, -1e9):
                found[word] = score
                if score > best:
                    best = score
                    floor = max(_MIN_LOGP, best - _MARGIN)
        # state: (pos, prefix, score, edits, seg_start, n_segs, lowered)
        stack = [(0, "", 0.0, 0, 0, 0, 0)]
        nodes = 0
        budget = _MAX_NODES_COMPOUND if compound else _MAX_NODES
        while stack:
            pos, prefix, score, edits, seg, nseg, low = stack.pop()
            if score + tail[pos] < floor:
                continue
            nodes += 1
            if nodes > budget:
                break
            if pos == n:
                if not edits and prefix == core:
                    continue
                if compound:
                    ok = bool(known(prefix))
                else:
                    ok = count(prefix) > 0 or (known is not None and bool(known(prefix)))
                if ok:
                    reached(prefix, score, low)
                continue
            for p2, a, lp, e, lw in opts[pos]:
                s2 = score + lp
                if s2 + tail[p2] < floor:
                    continue
                e2 = edits + e
                if e2 % _RARE > max_edits or e2 >= 2 * _RARE:
                    continue
                pre2 = prefix + a
                # the prefix test first: it prunes most and is the cheaper one (inlined: the
                # hottest line of the search); in a compound, the current part must start a word
                if compound and seg:
                    part = pre2[seg:]
                    if not (hp(part) or hp(part[:1].upper() + part[1:])):
                        continue
                elif not hp(pre2):
                    continue
                low2 = low or lw
                k = (p2, pre2, low2, seg)
                prev = best_at.get(k)
                if prev is not None and prev[0] >= s2 and prev[1] <= e2:
                    continue
                best_at[k] = (s2, e2)
                if e2 % _RARE == max_edits and not compound:
                    # no edits left: only the identity tail remains, look the word up directly
                    w = pre2 + core[p2:]
                    s3 = s2 + tail[p2]
                    if s3 >= floor and w != core and (count(w) > 0 or (known is not None and bool(known(w)))):
                        reached(w, s3, low2)
                    continue
                stack.append((p2, pre2, s2, e2, seg, nseg, low2))
                # compound boundary after a known part of >= 4 letters (with or without Fugen-s)
                if compound and nseg < 2 and n - p2 >= 3 and p2 - seg >= 3:
                    part = pre2[seg:]
                    is_part = parts.get(part)
                    if is_part is None:
                        is_part = remember(parts, part, _is_part(part, count), _CACHE_MAX)
                    if is_part:
                        stack.append((p2, pre2, s2, e2, len(pre2), nseg + 1, low2))


def _ecost(lp: float) -> int:
    return 1 if lp >= _RARE_LOGP else 1 + _RARE


def _is_part(part: str, count) -> bool:
    """Could ``part`` be the first part of a compound: a stored word (any case), the word
    with a linking -s/-es/-n/-en, or a verb stem (``abstell`` + en)?"""
    low = part.lower()
    cap = low[:1].upper() + low[1:]
    if count(part) or count(low) or count(cap):
        return True
    for link in ("s", "es", "n", "en", "e"):
        if low.endswith(link) and len(low) - len(link) >= 3:
            stem = low[: -len(link)]
            if count(stem) or count(stem[:1].upper() + stem[1:]):
                return True
    return bool(count(low + "en") or count(low + "n"))


@lru_cache(maxsize=1)
def default_error_model() -> ErrorModel:
    return ErrorModel.load()
