#!/usr/bin/env python3
"""Build korrektor's language data from the Bundestag corpus.

Run from the repository root::

    python scripts/build_langdata.py                    # full build into src/korrektor/data
    python scripts/build_langdata.py --eval-holdout     # build without wp20 sessions >= 200
                                                        # into a temp dir and report coverage
                                                        # and bigram quality on those sessions

Only derived counts leave this script; no corpus text is written into the artifact.
Output is deterministic: every list is sorted before it is written, arrays are saved as
plain ``.npy`` (no zip timestamps), marisa tries are built from sorted keys.

Artifact layout (all in the data directory, see ``korrektor.lexicon`` for the reader):

``lexicon_words.txt``      sorted case-sensitive word forms, one per line (id = line number)
``lexicon_counts.npy``     uint32 corpus count per word id
``lexicon_cont.npy``       uint32 N1+(. w) Kneser-Ney continuation count per word id
``lexicon_mod.marisa``     compound modifiers (lowercase, incl. linking elements)
``lexicon_head.txt``       compound heads (lowercase, sorted); flags and counts in
                           ``lexicon_head_flags.npy``, ``lexicon_head_count.npy``
``lexicon_compounds.core`` the heads and modifiers with their scores, for the Rust core
                           (``scripts/build_compounds_core.py``)
``lexicon_varieties.npy``  uint8 per word id: where the form was seen (MODERN, HISTORIC, SWISS,
                           AUSTRIAN) and SWISS_SS; see ``korrektor.lexicon.varieties``
``bigram_*.npy``           CSR bigram table over word ids (24-bit ids), uint8 log-quantised counts
``lexicon_meta.json``      totals, discounts, thresholds, build info
"""
from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime as _dt
import hashlib
import json
import math
import multiprocessing as mp
import pickle
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import regex

# --------------------------------------------------------------------------------------
# Tokenisation: the runtime's own (korrektor.lexicon), so the corrector tokenises exactly as the
# statistics were counted. Importing the module reads no data, so this works before a build.
# --------------------------------------------------------------------------------------
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from korrektor.lexicon import HYPHEN_TABLE, SENT_START, modern_spelling, tokenize  # noqa: E402
from korrektor.compounds import _twins as umlaut_twins  # noqa: E402
from korrektor.spelling import sz_spellings  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

# Truncated first parts of coordinated compounds ("Lern- und Arbeitsbedingungen"): the word
# tokenizer yields "Lern" for them, which must not become a compound head.
TRUNC_RE = regex.compile(r"([^\W\d_]+(?:[-'’][^\W\d_]+)*)-(?![^\W\d_])")

HOLDOUT_WP, HOLDOUT_MIN_SESSION = 20, 200

CACHE_VERSION = 6  # 6: documents per form (SourceCounts.docs)


# --------------------------------------------------------------------------------------
# Counting: one worker per corpus source. Each returns its own counts over its own word ids
# (bigrams as numpy arrays of packed id pairs: a Counter of string pairs for the whole corpus
# would take gigabytes), cached per source, so that re-weighting the sources costs no recount.
# --------------------------------------------------------------------------------------
@dataclasses.dataclass
class SourceCounts:
    source: str
    forms: list[str]            # local id -> form; id 0 is SENT_START
    uni: np.ndarray             # int64 count per local id
    bi_keys: np.ndarray         # uint64 (first local id << 32 | second local id)
    bi_counts: np.ndarray       # int64 count per pair
    trunc: collections.Counter  # truncated first parts ("Lern-")
    sentences: int
    characters: int
    docs: np.ndarray            # int64 per local id: documents of the source it was seen in
    n_docs: int                 # documents counted


def _document_texts(source: corpus.Source, corpus_dir: Path, holdout: bool, held: list[str]):
    """The source's counted documents, one paragraph per line. In --eval-holdout mode the late
    Bundestag sessions are set aside into ``held`` (the other sources hold out by corpus.py)."""
    for doc in corpus.documents(source, corpus_dir):
        if (holdout and doc.get("wp") == HOLDOUT_WP
                and doc.get("session", 0) >= HOLDOUT_MIN_SESSION):
            held.append(doc["text"])
            continue
        yield corpus.one_paragraph_per_line(source, doc["text"])


def _count_source(args) -> tuple[SourceCounts, list[str]]:
    source, corpus_dir, holdout = args
    ids: dict[str, int] = {SENT_START: 0}
    uni: collections.Counter = collections.Counter()
    bi: collections.Counter = collections.Counter()
    trunc: collections.Counter = collections.Counter()
    docs: collections.Counter = collections.Counter()
    n_sent = n_chars = n_docs = 0
    held: list[str] = []
    for text in _document_texts(source, corpus_dir, holdout, held):
        n_chars += len(text)
        n_docs += 1
        trunc.update(TRUNC_RE.findall(text.translate(HYPHEN_TABLE)))
        seen: set[int] = set()
        for toks in tokenize(text):
            seq = [0, *(ids.setdefault(t, len(ids)) for t in toks)]
            uni.update(seq[1:])
            seen.update(seq[1:])
            bi.update((a << 32) | b for a, b in zip(seq, seq[1:]))
            n_sent += 1
        docs.update(seen)
    forms = list(ids)
    uni_arr = np.zeros(len(forms), dtype=np.int64)
    uni_arr[np.fromiter(uni.keys(), dtype=np.int64)] = np.fromiter(uni.values(), dtype=np.int64)
    doc_arr = np.zeros(len(forms), dtype=np.int64)
    doc_arr[np.fromiter(docs.keys(), dtype=np.int64)] = np.fromiter(docs.values(), dtype=np.int64)
    keys = np.fromiter(bi.keys(), dtype=np.uint64, count=len(bi))
    vals = np.fromiter(bi.values(), dtype=np.int64, count=len(bi))
    order = np.argsort(keys)
    return SourceCounts(source.file, forms, uni_arr, keys[order], vals[order], trunc, n_sent,
                        n_chars, doc_arr, n_docs), held


def count_corpus(corpus_dir: Path, holdout: bool, cache_dir: Path | None, jobs: int):
    """Counts per source (cached per source file), and the held-out Bundestag speeches."""
    todo, results = [], {}
    for source in corpus.sources(corpus_dir):
        size = (corpus_dir / source.file).stat().st_size
        mode = holdout and source.domain == "parliament"
        key = hashlib.sha1(repr([CACHE_VERSION, mode, source.file, size]).encode()).hexdigest()[:12]
        cache = cache_dir / f"counts-{source.file.split('.')[0]}-{key}.pkl" if cache_dir else None
        if cache and cache.exists():
            with open(cache, "rb") as fh:
                results[source.file] = pickle.load(fh)
            log(f"using cached counts {cache}")
        else:
            todo.append((source, cache))
    t0 = time.time()
    if todo:
        # the largest sources first, so that the two workers finish together
        todo.sort(key=lambda t: -(corpus_dir / t[0].file).stat().st_size)
        with mp.Pool(min(jobs, len(todo))) as pool:
            args = [(src, corpus_dir, holdout and src.domain == "parliament") for src, _ in todo]
            for (src, cache), res in zip(todo, pool.imap(_count_source, args)):
                n_tokens, n_forms = res[0].uni.sum(), len(res[0].forms)
                log(f"counted {src.file}: {n_tokens:,} tokens, {n_forms:,} forms, "
                    f"{len(res[0].bi_keys):,} bigram types ({time.time() - t0:.0f}s)")
                results[src.file] = res
                if cache:
                    cache.parent.mkdir(parents=True, exist_ok=True)
                    with open(cache, "wb") as fh:
                        pickle.dump(res, fh, protocol=pickle.HIGHEST_PROTOCOL)
    counts = [results[f][0] for f in sorted(results)]
    held = [t for f in sorted(results) for t in results[f][1]]
    return counts, held


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)



# --------------------------------------------------------------------------------------
# Thresholds (chosen by --eval-holdout measurements, see PROVENANCE.md)
# --------------------------------------------------------------------------------------
UNIGRAM_MIN = 3          # forms seen 3 times (as counted, before weighting): twice would be 43 %
                         # more forms for +0.2-0.6 pt held-out coverage, a slower start-up, and
                         # more OCR damage in the sources' own texts taken for words ("Uberzeugung")
BIGRAM_MIN = 2           # pairs seen twice (as counted, before weighting): the whole corpus's
                         # singletons would be 10 M pairs more, ~3x the data and start-up
TWIN_SHADOW = 100        # a form whose umlaut/ß twin is this much more frequent is not stored
N_LEVELS = 256           # uint8 bigram count codes
EXACT_LEVELS = 96        # codes < EXACT_LEVELS store the count exactly, above log-spaced
MIN_PART = 3             # shortest compound part
HEAD_MIN_COUNT = 6       # a head must be a word seen standalone at least this often (lowercased,
                         # weighted: 3 in the Bundestag corpus alone, doubled with the corpus)
MOD_BASE_MIN_COUNT = 6   # same for the word a modifier is derived from
SHORT_PART_MIN = 100     # 3-letter heads (nouns) and modifiers: words seen this often (weighted;
                         # 50 in the Bundestag corpus alone: names like "Jon" made "Kommiss|jon")
FOUR_LETTER_HEAD_MIN = 40  # 4-letter heads (20 in the Bundestag corpus alone)
MOD_MIN_PRODUCTIVITY = 2  # distinct known compounds "modifier+head" needed to keep a modifier
LONG_MODIFIER = 8        # candidates this long are modifiers even without attested compounds
LINKS = ("en", "n", "es", "s", "er", "e")  # linking elements after a compound's first part

# Function words are never compound parts: "und"+"wir" or "der"+"Staat" are lost spaces,
# not compounds, and the consumer must see them as unknown.
STOPWORDS = frozenset("""
der die das den dem des ein eine einer eines einem einen kein keine keiner keines keinem keinen
und oder aber doch denn sondern weil dass wenn als wie ob sowie bzw
ich du er sie es wir ihr man sich mich mir dich dir uns euch ihn ihm ihnen
mein meine meinen meinem meiner meines dein deine sein seine seinen seinem seiner seines
ihre ihren ihrem ihrer ihres unser unsere unseren unserem unserer euer eure
dies diese dieser dieses diesem diesen jene jener jenes jenem jenen welche welcher welches
hat haben habe hatte hatten ist sind war waren wird werden wurde wurden sei seien
auch noch nur schon sehr mal nicht nichts kein ganz gar etwa eben
""".split())


def quant_levels() -> np.ndarray:
    """Decode table for uint8 count codes: exact for small counts, ~5 % steps above."""
    exact = np.arange(EXACT_LEVELS, dtype=np.float64)  # code 0 unused (count 0)
    top = 2.0 ** 24
    geo = np.geomspace(EXACT_LEVELS, top, N_LEVELS - EXACT_LEVELS)
    return np.concatenate([exact, geo]).astype(np.float32)


def quantize(counts: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Largest code whose level is <= the count: rounding down keeps the decoded counts of a
    history below its total, so the Kneser-Ney back-off weight stays positive."""
    codes = np.empty(len(counts), dtype=np.uint8)
    small = counts < EXACT_LEVELS
    codes[small] = counts[small]
    big = ~small
    if big.any():
        top = levels[EXACT_LEVELS:].astype(np.float64)
        i = np.searchsorted(top, counts[big].astype(np.float64), side="right") - 1
        codes[big] = EXACT_LEVELS + i
    return codes


def kn_discounts(counts: np.ndarray) -> tuple[float, float, float]:
    """Modified Kneser-Ney discounts D1, D2, D3+ (Chen & Goodman) from count-of-counts."""
    n = np.bincount(counts[counts <= 4], minlength=5).astype(np.float64)
    y = n[1] / (n[1] + 2 * n[2])
    return 1 - 2 * y * n[2] / n[1], 2 - 3 * y * n[3] / n[2], 3 - 4 * y * n[4] / n[3]


def discount_table(levels: np.ndarray, discounts) -> np.ndarray:
    """c - D(c) per count code (modified KN: D1, D2, D3+). Mirrored in korrektor.lexicon."""
    d1, d2, d3 = discounts
    lv = levels.astype(np.float64)
    return lv - np.where(lv >= 3, d3, np.where(lv >= 2, d2, d1))


# --------------------------------------------------------------------------------------
# Balancing the domains. Parliament speeches were the whole corpus once and are still its
# largest part; counted as they are, their phrasing decides the bigrams of every text. Each
# group of domains gets a weight (size_smallest / size_group) ** BALANCE, BALANCE chosen by
# the held-out measurements of --eval-holdout (PROVENANCE.md): 0 counts every token alike,
# 1 gives every group the same weight in all.
#
# Weights are at most 1, and a source's count c becomes max(1, round(w * c)): scaling down
# and rounding keeps counts integers, and keeping what was seen at least once keeps every
# singleton a singleton, so the count-of-counts from which Kneser-Ney takes its discounts
# still describe real rare events (scaling up would turn them into counts of 2 or 3 that no
# discount for a rare event ever touches).
# --------------------------------------------------------------------------------------
BALANCE = 0.5
WEIGHT_GROUPS = {"parliament": "parliament", "fiction": "literature", "drama": "literature",
                 "poetry": "literature", "encyclopedia": "encyclopedia",
                 "children": "encyclopedia", "law": "law"}


def group_of(file: str) -> str:
    return WEIGHT_GROUPS[corpus.BY_FILE[file].domain]


def group_weights(counts: list[SourceCounts], balance: float) -> dict[str, float]:
    tokens: collections.Counter = collections.Counter()
    for c in counts:
        tokens[group_of(c.source)] += int(c.uni.sum())
    smallest = min(tokens.values())
    return {g: round((smallest / n) ** balance, 3) for g, n in sorted(tokens.items())}


def scaled(counts: np.ndarray, weight: float) -> np.ndarray:
    """Counts times ``weight``, rounded, with everything seen kept at 1 at least."""
    if weight == 1:
        return counts
    return np.where(counts > 0, np.maximum(1, np.floor(counts * weight + 0.5)), 0).astype(np.int64)


# Where a form was seen often enough to count (lexicon_varieties.npy, korrektor.lexicon.MODERN ...):
# at least VARIETY_MIN times there, and at a rate (per token of that variety's sources) at least
# VARIETY_SHARE of its rate where it is most frequent (see variety_flags). Modern texts quote old
# books and name "Thür." (Thüringen); their "Thür", "daß", "muß" come at 1/1000 to 1/100 of the
# historic rate, while words of both eras ("Tür", "Thron", "Kutsche") stay above 1/30.
VARIETY_MIN = 2
VARIETY_SHARE = 0.025
MODERN, HISTORIC, SWISS, AUSTRIAN = 1, 2, 4, 8
# A form with ss is the Swiss spelling of a word (bit SWISS_SS) when, outside the Swiss sources,
# one of its ß spellings is seen at least SWISS_SS_MIN times and SWISS_SS_RATIO times as often:
# the spelling detector's evidence, which the Swiss law's own counts would hide ("Massnahmen"
# is half as frequent as "Maßnahmen" over all sources, 1/200 outside Switzerland)
SWISS_SS = 16
SWISS_SS_MIN = 20
SWISS_SS_RATIO = 20
VARIETY_NAMES = (("modern", MODERN), ("historic", HISTORIC), ("swiss", SWISS), ("austrian", AUSTRIAN),
                 ("swiss_ss", SWISS_SS))


def variety_bits(source: corpus.Source) -> int:
    if source.variety == "ch":
        return SWISS
    if source.variety == "at":
        return AUSTRIAN
    return HISTORIC if source.era == "historic" else MODERN


def variety_flags(by_bit: dict[int, np.ndarray], tokens: dict[int, int]) -> np.ndarray:
    """The variety bits per form from its count in each variety's sources (see VARIETY_SHARE).

    The two eras are compared with each other only: the Swiss and Austrian sources are law, and
    legal words ("gemäß") are far more frequent there than in any mix of modern texts, which says
    nothing about their era. A Swiss or Austrian bit is compared with every variety."""
    rate = {bit: by_bit[bit] / tokens[bit] if tokens[bit] else np.zeros(len(by_bit[bit]))
            for bit in by_bit}
    peers = {MODERN: (MODERN, HISTORIC), HISTORIC: (MODERN, HISTORIC),
             SWISS: tuple(rate), AUSTRIAN: tuple(rate)}
    flags = np.zeros(len(by_bit[MODERN]), dtype=np.uint8)
    for bit, others in peers.items():
        top = np.max([rate[o] for o in others], axis=0)
        flags[(by_bit[bit] >= VARIETY_MIN) & (rate[bit] >= VARIETY_SHARE * top)] |= bit
    return flags


def old_spelling_bits(forms: list[str], index: dict[str, int],
                      by_bit: dict[int, np.ndarray]) -> np.ndarray:
    """The bits a form written as before 1996 ("Schluß", "Kongreß") does not earn though seen
    there: where its modern spelling is VARIETY_SHARE^-1 times as frequent in the same sources.
    Modern texts quote old titles and old books ("Schluß" comes at 1/30 of its rate in them),
    which no comparison of eras tells from a word merely rare today ("Magd", at 1/100)."""
    clear = np.zeros(len(forms), dtype=np.uint8)
    for i, form in enumerate(forms):
        if "ß" not in form:
            continue
        modern = modern_spelling(form)
        j = index.get(modern) if modern else None
        if j is None:
            continue
        for bit, n in by_bit.items():
            if n[i] < VARIETY_SHARE * n[j]:
                clear[i] |= bit
    return clear


def swiss_ss_bits(forms: list[str], index: dict[str, int], by_bit: dict[int, np.ndarray]) -> np.ndarray:
    """SWISS_SS for the forms with ss that only the Swiss write so (see SWISS_SS_RATIO)."""
    elsewhere = by_bit[MODERN] + by_bit[HISTORIC] + by_bit[AUSTRIAN]
    bits = np.zeros(len(forms), dtype=np.uint8)
    for i, form in enumerate(forms):
        if "ss" not in form:
            continue
        for variant in sz_spellings(form):
            j = index.get(variant)
            if j is not None and elsewhere[j] >= SWISS_SS_MIN and elsewhere[j] >= SWISS_SS_RATIO * max(elsewhere[i], 1):
                bits[i] = SWISS_SS
                break
    return bits


@dataclasses.dataclass
class Combined:
    forms: list[str]          # every form seen, sorted; SENT_START has id len(forms)
    raw: np.ndarray           # int64 count per form, all sources as they are
    weighted: np.ndarray      # int64 count per form, weighted (see BALANCE)
    varieties: np.ndarray     # uint8 MODERN | HISTORIC | SWISS | AUSTRIAN | SWISS_SS per form
    bi_keys: np.ndarray       # uint64 packed (first id << 32 | second id), sorted
    bi_counts: np.ndarray     # int64 weighted count per pair
    bi_raw: np.ndarray        # int64 count per pair, as counted (what pruning asks)
    trunc: collections.Counter
    sentences: int
    weights: dict[str, float]
    docs: dict[str, np.ndarray]  # per source file: int64 documents per form it was seen in
    by_source: dict[str, np.ndarray]  # per source file: int64 count per form, as counted


def combine(counts: list[SourceCounts], weights: dict[str, float]) -> Combined:
    """All sources' counts over one vocabulary, each source's scaled by its group's weight."""
    t0 = time.time()
    forms = sorted(set().union(*(c.forms[1:] for c in counts)))
    index = {f: i for i, f in enumerate(forms)}
    sos = len(forms)
    raw = np.zeros(sos, dtype=np.int64)
    weighted = np.zeros(sos, dtype=np.int64)
    by_bit = {bit: np.zeros(sos, dtype=np.int64) for bit in (MODERN, HISTORIC, SWISS, AUSTRIAN)}
    keys, vals, raw_vals = [], [], []
    trunc: collections.Counter = collections.Counter()
    docs: dict[str, np.ndarray] = {}
    by_source: dict[str, np.ndarray] = {}
    for c in counts:
        w = weights[group_of(c.source)]
        gmap = np.fromiter((index[f] for f in c.forms[1:]), dtype=np.int64, count=len(c.forms) - 1)
        docs[c.source] = np.zeros(sos, dtype=np.int64)
        docs[c.source][gmap] = c.docs[1:]
        by_source[c.source] = np.zeros(sos, dtype=np.int64)
        by_source[c.source][gmap] = c.uni[1:]
        gmap = np.concatenate([[sos], gmap]).astype(np.uint64)
        raw[gmap[1:].astype(np.int64)] += c.uni[1:]
        weighted[gmap[1:].astype(np.int64)] += scaled(c.uni[1:], w)
        by_bit[variety_bits(corpus.BY_FILE[c.source])][gmap[1:].astype(np.int64)] += c.uni[1:]
        keys.append((gmap[c.bi_keys >> np.uint64(32)] << np.uint64(32))
                    | gmap[c.bi_keys & np.uint64(0xFFFFFFFF)])
        vals.append(scaled(c.bi_counts, w))
        raw_vals.append(c.bi_counts)
        for t, n in c.trunc.items():
            trunc[t] += max(1, int(n * w + 0.5))
    k = np.concatenate(keys)
    order = np.argsort(k, kind="stable")
    k = k[order]
    v = np.concatenate(vals)[order]
    r = np.concatenate(raw_vals)[order]
    del keys, vals, raw_vals, order
    starts = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]]))
    tokens = {bit: sum(int(c.uni.sum()) for c in counts
                       if variety_bits(corpus.BY_FILE[c.source]) == bit) for bit in by_bit}
    varieties = (variety_flags(by_bit, tokens) & ~old_spelling_bits(forms, index, by_bit)
                 | swiss_ss_bits(forms, index, by_bit))
    log(f"combined {len(counts)} sources: {raw.sum():,} tokens ({weighted.sum():,} weighted), "
        f"{sos:,} forms, {len(starts):,} bigram types in {time.time() - t0:.0f}s")
    return Combined(forms, raw, weighted, varieties, k[starts], np.add.reduceat(v, starts),
                    np.add.reduceat(r, starts), trunc, sum(c.sentences for c in counts), weights,
                    docs, by_source)


# --------------------------------------------------------------------------------------
# Admission: which forms become words. A form counted 3 times in the whole corpus may be one
# article's typo, one play's dialect ("heeßt"), a law's enumeration ("ee", "Art. 5ter"), a
# foreign phrase ("heeft") or OCR damage in the sources' own scans; stored, each of them would
# hide the same damage in a scan. A word recurs in unrelated documents, so outside the
# Bundestag's transcripts (edited modern standard German, the lexicon's origin) the bar is a
# number of documents: higher where the text is less standard (old novels, plays, poems) and
# for short forms, of which OCR junk, abbreviations and dialect are mostly made.
# --------------------------------------------------------------------------------------
PARLIAMENT_MIN = 2       # a form the Bundestag transcripts hold this often is a word (as counted)
DOC_MIN = 2              # otherwise: documents it was seen in (all sources, each at least once)
HISTORIC_DOC_MIN = 3     # ... if seen in the historic sources (novels, plays, poems) only
VERSE_DOC_MIN = 5        # ... if seen in plays and poems only
SHORT = 3                # forms of at most this many letters, unless the Bundestag's (single
                         # letters only then), need:
SHORT_DOC_MIN = 20       # ... documents outside the Bundestag
SHORT_GROUPS = 2         # ... in this many weight groups (with SHORT_GROUP_DOCS documents each)
SHORT_GROUP_DOCS = 20
SHORT_LITERATURE_DOCS = 50  # ... or this many documents of novels, plays and poems: short forms
                         # there are words ("Roß", "thu", "'nem"); seen only in law or encyclopedias
                         # they are enumerations and abbreviations ("ee", "ii", "5ter", "Bst").
                         # Not with an ß: OCR reads ß as "f" or "B", and "deß", "Baß" would take
                         # "def", "BAF"; old ß spellings are the old_sz_spelling rule's business
PART_DOC_MIN = 3         # compound heads and modifier bases: documents (or a Bundestag word)


def admitted(comb: Combined) -> np.ndarray:
    """Forms that are words by the rule above (before the umlaut-twin check of build_unigrams)."""
    n = len(comb.forms)
    parl = np.zeros(n, dtype=np.int64)
    docs = np.zeros(n, dtype=np.int64)
    other_docs = np.zeros(n, dtype=np.int64)
    modern = np.zeros(n, dtype=bool)     # seen in a modern source (the Bundestag's too)
    prose = np.zeros(n, dtype=bool)      # seen outside plays and poems
    group_docs: dict[str, np.ndarray] = {}
    for file, d in comb.docs.items():
        src = corpus.BY_FILE[file]
        docs += d
        if src.domain == "parliament":
            parl += comb.by_source[file]
            modern |= d > 0
            prose |= d > 0
            continue
        other_docs += d
        g = group_of(file)
        group_docs[g] = group_docs.get(g, np.zeros(n, dtype=np.int64)) + d
        if src.era != "historic":
            modern |= d > 0
        if src.domain not in ("drama", "poetry"):
            prose |= d > 0
    need = np.where(~prose, VERSE_DOC_MIN, np.where(~modern, HISTORIC_DOC_MIN, DOC_MIN))
    keep = (comb.raw >= UNIGRAM_MIN) & (docs >= need)
    length = np.fromiter((sum(ch.isalpha() for ch in f) for f in comb.forms), dtype=np.int64,
                         count=n)
    groups = sum((d >= SHORT_GROUP_DOCS).astype(np.int64) for d in group_docs.values())
    literature = group_docs.get("literature", np.zeros(n, dtype=np.int64))
    sharp_s = np.fromiter(("ß" in f for f in comb.forms), dtype=bool, count=n)
    short_ok = (((other_docs >= SHORT_DOC_MIN) & (groups >= SHORT_GROUPS))
                | ((literature >= SHORT_LITERATURE_DOCS) & ~sharp_s)) & (length > 1)
    keep &= (length > SHORT) | short_ok
    return keep | (parl >= PARLIAMENT_MIN)


def compound_part_forms(comb: Combined, keep: np.ndarray) -> set[str]:
    """Lowercase forms that may be compound heads or modifier bases: stored words seen in
    PART_DOC_MIN documents, or the Bundestag's: a name or a dialect form of one or two documents
    would otherwise split damaged compounds into parts (as "Flach|enver|siegelungen" does)."""
    docs = sum(comb.docs.values())
    parl = sum(n for f, n in comb.by_source.items() if corpus.BY_FILE[f].domain == "parliament")
    ok = keep & ((docs >= PART_DOC_MIN) | (parl >= PARLIAMENT_MIN))
    return {comb.forms[i].lower() for i in np.flatnonzero(ok)}


def build_unigrams(comb: Combined) -> np.ndarray:
    """Which forms are stored: admitted (see admitted), unless
    restoring one umlaut or ß gives a form seen TWIN_SHADOW times as often ("konnen", "Hande",
    "Uberzeugung"): dialect, a typesetter's capital without its umlaut, or OCR damage in the
    sources themselves; stored, the same damage in a scan would look like a known word. A form
    seen once is dropped when a twin is seen twice."""
    raw = dict(zip(comb.forms, comb.raw.tolist()))
    keep = admitted(comb)
    for i in np.flatnonzero(keep):
        form = comb.forms[i]
        c = raw[form]
        bar = 2 if c == 1 else TWIN_SHADOW * c
        if any(raw.get(t, 0) >= bar for t in umlaut_twins(form)):
            keep[i] = False
    return keep


def build_bigrams(comb: Combined, keep: np.ndarray):
    """CSR table of kept bigrams over word ids plus per-word KN statistics.

    Row V (one past the last word id) is the sentence-start history "<s>".
    The back-off weight is not stored: the reader derives it from the stored (quantised)
    counts, so the shipped model is normalised with respect to what it actually contains.
    """
    V = int(keep.sum())
    new_id = np.full(len(comb.forms) + 1, -1, dtype=np.int64)
    new_id[np.flatnonzero(keep)] = np.arange(V)
    new_id[len(comb.forms)] = V  # <s>
    v = new_id[(comb.bi_keys >> np.uint64(32)).astype(np.int64)]
    w = new_id[(comb.bi_keys & np.uint64(0xFFFFFFFF)).astype(np.int64)]
    c = comb.bi_counts
    # c(v .) over all bigrams, also pruned ones; N1+(. w): distinct left contexts
    hist = np.bincount(v[v >= 0], weights=c[v >= 0], minlength=V + 1)
    cont = np.bincount(w[w >= 0], minlength=V).astype(np.uint32)
    stored = (v >= 0) & (w >= 0) & (comb.bi_raw >= BIGRAM_MIN)
    rows, cols, vals = v[stored], w[stored].astype(np.uint32), c[stored]
    order = np.lexsort((cols, rows))  # (already sorted: ids keep the vocabulary's order)
    rows, cols, vals = rows[order], cols[order], vals[order]
    offsets = np.zeros(V + 2, dtype=np.uint32)
    np.cumsum(np.bincount(rows, minlength=V + 1), out=offsets[1:])
    levels = quant_levels()
    codes = quantize(vals, levels)
    assert hist.max() < 2 ** 32
    # Back-off weight gamma(v) = 1 - sum_w (c(v,w) - D(c)) / c(v .) over the *stored*
    # (quantised) counts, so the shipped model is normalised with what it contains; the mass
    # of pruned bigrams moves to the continuation distribution.
    discounts = kn_discounts(c)
    dtab = discount_table(levels, discounts)
    kept_mass = np.bincount(rows, weights=dtab[codes], minlength=V + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        gamma = np.where(hist > 0, 1.0 - kept_mass / hist, 1.0)
    assert gamma.min() > -1e-9, "quantisation must round down"
    return {
        "gamma": np.maximum(gamma, 1e-9).astype(np.float32),
        "discounts": discounts,
        "cont": cont,
        "hist": hist.astype(np.uint32),
        "offsets": offsets,
        "next": cols,
        "codes": codes,
        "levels": levels,
        "n_types": len(c),
    }


def mid_sentence_counts(comb: Combined) -> dict[str, int]:
    """How often each form was seen other than first in its sentence (sentence starts capitalise
    any word, so a form's capital share is measured without them)."""
    sos = np.uint64(len(comb.forms))
    mid = (comb.bi_keys >> np.uint64(32)) != sos
    n = np.bincount((comb.bi_keys[mid] & np.uint64(0xFFFFFFFF)).astype(np.int64),
                    weights=comb.bi_counts[mid], minlength=len(comb.forms))
    return {comb.forms[i]: int(n[i]) for i in np.flatnonzero(n)}


HEAD_NOUN, HEAD_LOWER = 1, 2   # head flags: may end a capitalised / a lowercase compound


def build_compounds(uni: dict[str, int], mid: dict[str, int], trunc: collections.Counter,
                    part_ok: set[str] | None = None):
    """Learn compound heads and modifiers from the corpus vocabulary itself.

    Heads are frequent standalone words (lowercased: inside a compound the head is
    written in lower case). Modifiers are words, words + linking element, or e-/en-stems
    ("Schul", "Fahr") that are *productive*: at least MOD_MIN_PRODUCTIVITY distinct corpus
    words are that modifier followed by a known head. Productivity rather than a plain
    word list keeps junk first parts out ("Hand"+"e" is a possible stem but is never
    followed by a head in real words), and the stop-word list keeps lost spaces
    ("undwir") from looking like compounds. With ``part_ok`` (lowercase forms), heads and the
    words modifiers derive from are taken from those forms only (see compound_part_forms).
    """
    lc: collections.Counter = collections.Counter()
    for w, c in uni.items():
        if w.isalpha():
            lc[w.lower()] += c
    # Acronyms ("LNG", "CDU") are compounded with a hyphen; as solid parts they only match
    # letter salad ("Backlng").
    lc_caps: collections.Counter = collections.Counter()
    for w, c in uni.items():
        if len(w) > 1 and w.isupper():
            lc_caps[w.lower()] += c
    lc_trunc: collections.Counter = collections.Counter()
    for w, c in trunc.items():
        lc_trunc[w.lower()] += c
    # Capitalisation share measured mid-sentence only: sentence starts capitalise anything.
    cap_mid: collections.Counter = collections.Counter()
    all_mid: collections.Counter = collections.Counter()
    for w, c in mid.items():
        if w.isalpha():
            lw = w.lower()
            all_mid[lw] += c
            if w[0].isupper():
                cap_mid[lw] += c

    def cap_share(lw: str) -> float:
        n = all_mid[lw]
        return cap_mid[lw] / n if n else 1.0

    heads: dict[str, tuple[int, int]] = {}
    for lw, c in lc.items():
        if c < HEAD_MIN_COUNT or lw in STOPWORDS or lc_trunc[lw] * 3 >= c or lc_caps[lw] * 2 >= c:
            continue
        if part_ok is not None and lw not in part_ok:
            continue
        share = cap_share(lw)
        flags = (HEAD_NOUN if share >= 0.5 else 0) | (HEAD_LOWER if share <= 0.8 else 0)
        # three-letter heads only if nouns ("Amt", "Rat", "Tag"): short function-ish
        # words as heads produce most of the nonsense splits
        if len(lw) < MIN_PART or (len(lw) == MIN_PART
                                  and not (flags & HEAD_NOUN and c >= SHORT_PART_MIN)):
            continue
        if len(lw) == MIN_PART + 1 and c < FOUR_LETTER_HEAD_MIN:  # "isch", "lern": noise
            continue
        heads[lw] = (flags, c)

    def is_noun(lw: str) -> bool:
        return cap_share(lw) >= 0.5

    # Modifier candidates. Linking elements other than -s- must produce a real inflected
    # form ("Migranten", "Kinder", "Bundes" as in "des Bundes"): that rules out "Wahler",
    # "Tater", "Lander" (damaged "Wähler", "Täter", "Länder") which a free -er- would allow.
    # The Fugen-s attaches to nouns freely ("Arbeits", "Staats").
    candidates: set[str] = set()
    for lw, c in lc.items():
        if (c < MOD_BASE_MIN_COUNT or lw in STOPWORDS or len(lw) < MIN_PART or not lw.isalpha()
                or lc_caps[lw] * 2 >= c or (part_ok is not None and lw not in part_ok)):
            continue
        candidates.add(lw)
        noun = is_noun(lw)
        if noun:
            candidates.add(lw + "s")
        # (not for -ie/-ee: "Demokratie" has no stem "Demokrati")
        if noun and lw.endswith("e") and not lw.endswith(("ie", "ee")) and len(lw) > MIN_PART + 1:
            candidates.add(lw[:-1])                        # Schule -> Schul-
            candidates.add(lw[:-1] + "s")                  # Hilfe -> Hilfs-
        if lw.endswith("en") and len(lw) >= 7 and cap_share(lw) < 0.2:
            candidates.add(lw[:-2])                        # fahren -> Fahr-, long stems only
    # (inflected forms with -n/-en/-er/-es/-ns/-ens links are in lc themselves)
    candidates -= STOPWORDS

    def linked_otherwise(lw: str, i: int, a: str) -> bool:
        """Is the part ``a`` at ``i`` better read as the previous part's linking element and a
        head? "Personen|verkehr", not "Person|enver|kehr": the name "Enver" would otherwise
        look productive in every "-en" + "ver-" compound."""
        return any(a.startswith(link) and lw[:i] + link in candidates and lw[i + len(link):] in heads
                   for link in LINKS)

    # Productivity: distinct corpus words containing "candidate + head" at the end, also
    # after further parts ("Schuldenmacher|partei" is evidence for "macher").
    productivity: collections.Counter = collections.Counter()
    for lw in lc:
        if lc[lw] < 2 or not lw.isalpha():  # evidence from repeated words only
            continue
        n = len(lw)
        for k in range(n - MIN_PART, MIN_PART - 1, -1):
            if lw[k:] not in heads:
                continue
            for i in range(0, k - MIN_PART + 1):
                if i and (i < MIN_PART or lw[:i] not in candidates):
                    continue
                a = lw[i:k]
                if a in candidates and not (i and linked_otherwise(lw, i, a)):
                    productivity[a] += 1

    def keep(a: str, p: int) -> bool:
        # short first parts make most nonsense splits: they must be frequent words and
        # clearly productive
        if len(a) == MIN_PART:
            return p >= 5 * MOD_MIN_PRODUCTIVITY and lc[a] >= SHORT_PART_MIN
        if len(a) == MIN_PART + 1:
            return p >= 2 * MOD_MIN_PRODUCTIVITY
        return p >= MOD_MIN_PRODUCTIVITY

    mods = {a: p for a, p in productivity.items() if keep(a, p)}
    # Long modifiers need no attested compound: an exact match of >= LONG_MODIFIER letters is
    # evidence enough ("Körperschafts|steuer"). Productivity 0 ranks them last.
    for a in candidates:
        if len(a) >= LONG_MODIFIER and a not in mods:
            mods[a] = 0

    # OCR turns "ü" into "u": a part whose umlaut twin is far more frequent ("uber",
    # "losung", "platze", "lucke") would make damaged compounds look valid
    # ("uberprüfen", "Beratungslosung"). Such rare twins are dropped as parts.
    def shadowed(x: str, freq) -> bool:
        c = freq(x)
        return any(freq(v) >= 10 * max(c, 1) for v in umlaut_twins(x))

    n_h, n_m = len(heads), len(mods)
    heads = {h: v for h, v in heads.items() if not shadowed(h, lambda x: lc.get(x, 0))}
    mods = {a: p for a, p in mods.items()
            if not shadowed(a, lambda x: productivity.get(x, 0) + lc.get(x, 0))}
    log(f"compounds: dropped {n_h - len(heads)} heads, {n_m - len(mods)} modifiers "
        f"shadowed by umlaut twins")
    log(f"compounds: {len(heads):,} heads, {len(mods):,} modifiers "
        f"(of {len(candidates):,} candidates)")
    return heads, mods


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------
def write_artifact(out: Path, words, counts, varieties, bigrams, heads, mods,
                   meta) -> dict[str, int]:
    import marisa_trie

    out.mkdir(parents=True, exist_ok=True)
    # (the supplement's two files are build_supplement.py's, built from these)
    for old in list(out.glob("lexicon*")) + list(out.glob("bigram*")):
        if old.name not in ("lexicon_supplement.tsv", "lexicon_protected.txt"):
            old.unlink()
    (out / "lexicon_words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    np.save(out / "lexicon_counts.npy", counts)
    np.save(out / "lexicon_varieties.npy", varieties)
    np.save(out / "lexicon_cont.npy", bigrams["cont"])
    np.save(out / "bigram_hist.npy", bigrams["hist"])
    np.save(out / "bigram_gamma.npy", bigrams["gamma"])
    np.save(out / "bigram_offsets.npy", bigrams["offsets"])
    # word ids fit in 24 bits: three bytes per stored bigram instead of four
    nxt = bigrams["next"]
    assert len(words) < 2 ** 24
    np.save(out / "bigram_next24.npy",
            nxt.astype("<u4").view(np.uint8).reshape(-1, 4)[:, :3].copy())
    np.save(out / "bigram_codes.npy", bigrams["codes"])
    np.save(out / "bigram_levels.npy", bigrams["levels"])

    mod_trie = marisa_trie.Trie(sorted(mods))
    mod_score = np.zeros(len(mod_trie), dtype=np.uint16)
    for a, p in mods.items():
        mod_score[mod_trie[a]] = min(p, 2 ** 16 - 1)
    mod_trie.save(str(out / "lexicon_mod.marisa"))
    np.save(out / "lexicon_mod_score.npy", mod_score)

    # heads as a plain sorted list, flags and counts in its order: the reader wants a dict, and
    # splitting a text is faster than walking a trie
    head_words = sorted(heads)
    head_flags = np.array([heads[h][0] for h in head_words], dtype=np.uint8)
    head_count = np.array([min(heads[h][1], 2 ** 32 - 1) for h in head_words], dtype=np.uint32)
    (out / "lexicon_head.txt").write_text("\n".join(head_words) + "\n", encoding="utf-8")
    np.save(out / "lexicon_head_flags.npy", head_flags)
    np.save(out / "lexicon_head_count.npy", head_count)
    # the same heads and modifiers for the Rust core (issue 26), which cannot read marisa
    from build_compounds_core import write_compounds_core
    write_compounds_core(out)

    (out / "lexicon_meta.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    # the Rust core's image of the forms and counts (issue 26), with the supplement there is;
    # build_supplement.py writes it again with its new supplement
    from korrektor import _core
    _core.build_lexicon_core(str(out), str(out / "lexicon.core"))
    return {p.name: p.stat().st_size for p in sorted(out.iterdir())
            if p.name.startswith(("lexicon", "bigram"))}


SOURCE_NOTE = ("Deutscher Bundestag, Plenarprotokolle (WP 19 sessions 1-219, WP 20); "
               "ELTeC-deu/TextGrid novels; GerDraCor plays; TextGrid poetry; German Wikipedia and "
               "Klexikon articles; German, Swiss and Austrian (RIS) federal law. "
               "See PROVENANCE.md and NOTICE.md")


def build(corpus_dir: Path, out: Path, holdout: bool, cache_dir: Path | None, jobs: int,
          build_date: str, balance: float):
    counts, held = count_corpus(corpus_dir, holdout, cache_dir, jobs)
    t0 = time.time()
    weights = group_weights(counts, balance)
    log(f"group weights (balance {balance}): {weights}")
    comb = combine(counts, weights)
    keep = build_unigrams(comb)
    words = [f for f, k in zip(comb.forms, keep.tolist()) if k]
    word_counts = comb.weighted[keep]
    assert word_counts.max() < 2 ** 32
    word_counts = word_counts.astype(np.uint32)
    log(f"unigrams: {len(words):,} forms admitted "
        f"covering {comb.raw[keep].sum() / comb.raw.sum():.4%} of {comb.raw.sum():,} tokens")
    bigrams = build_bigrams(comb, keep)
    d1, d2, d3 = bigrams["discounts"]
    log(f"bigrams: kept {len(bigrams['next']):,} of {bigrams['n_types']:,} types, "
        f"D = {d1:.3f} {d2:.3f} {d3:.3f}")
    uni = dict(zip(comb.forms, comb.weighted.tolist()))
    heads, mods = build_compounds(uni, mid_sentence_counts(comb), comb.trunc,
                                  compound_part_forms(comb, keep))
    del uni
    per_source = {c.source: {"group": group_of(c.source), "weight": weights[group_of(c.source)],
                             "characters": c.characters, "tokens": int(c.uni.sum()),
                             "sentences": c.sentences} for c in counts}
    meta = {
        "format": 1,
        "source": SOURCE_NOTE,
        "corpus_files": sorted(per_source),
        "sources": per_source,
        "balance": balance,
        "group_weights": weights,
        "holdout_excluded": (f"wp{HOLDOUT_WP} sessions >= {HOLDOUT_MIN_SESSION}; "
                             f"documents held out by scripts/corpus.py" if holdout
                             else "documents held out by scripts/corpus.py"),
        "build_date": build_date,
        "total_tokens": int(comb.weighted.sum()),
        "raw_tokens": int(comb.raw.sum()),
        "sentences": comb.sentences,
        "vocab_size": len(words),
        "bigram_types_total": bigrams["n_types"],
        "bigrams_kept": int(len(bigrams["next"])),
        "kn_discounts": [d1, d2, d3],
        "continuation_total": bigrams["n_types"],
        "thresholds": {
            "unigram_min": UNIGRAM_MIN, "bigram_min": BIGRAM_MIN, "min_part": MIN_PART,
            "head_min_count": HEAD_MIN_COUNT, "mod_base_min_count": MOD_BASE_MIN_COUNT,
            "mod_min_productivity": MOD_MIN_PRODUCTIVITY, "twin_shadow": TWIN_SHADOW,
            "short_part_min": SHORT_PART_MIN, "four_letter_head_min": FOUR_LETTER_HEAD_MIN,
            "variety_min": VARIETY_MIN, "variety_share": VARIETY_SHARE,
            "parliament_min": PARLIAMENT_MIN, "doc_min": DOC_MIN,
            "historic_doc_min": HISTORIC_DOC_MIN, "verse_doc_min": VERSE_DOC_MIN,
            "short": SHORT, "short_doc_min": SHORT_DOC_MIN, "short_groups": SHORT_GROUPS,
            "short_group_docs": SHORT_GROUP_DOCS,
            "short_literature_docs": SHORT_LITERATURE_DOCS, "part_doc_min": PART_DOC_MIN,
        },
        "varieties": {"bits": dict(VARIETY_NAMES),
                      "forms": {name: int(((comb.varieties[keep] & bit) > 0).sum())
                                for name, bit in VARIETY_NAMES}},
        "compound_heads": len(heads),
        "compound_modifiers": len(mods),
    }
    sizes = write_artifact(out, words, word_counts, comb.varieties[keep], bigrams, heads, mods,
                           meta)
    log(f"model built in {time.time() - t0:.0f}s; artifact {sum(sizes.values()) / 1e6:.1f} MB")
    for name, size in sizes.items():
        log(f"  {name:28s} {size / 1e6:8.2f} MB")
    return meta, sizes, held


def write_varieties_for(out: Path, corpus_dir: Path, cache_dir: Path | None, jobs: int) -> None:
    """Only ``lexicon_varieties.npy``, for the lexicon already in ``out`` (its word ids): where
    each of its forms was seen in the whole corpus. A form the corpus lacks gets no bit."""
    counts, _ = count_corpus(corpus_dir, False, cache_dir, jobs)
    comb = combine(counts, group_weights(counts, BALANCE))
    index = dict(zip(comb.forms, range(len(comb.forms))))
    words = (out / "lexicon_words.txt").read_text(encoding="utf-8").split("\n")[:-1]
    flags = np.array([comb.varieties[index[w]] if w in index else 0 for w in words], dtype=np.uint8)
    np.save(out / "lexicon_varieties.npy", flags)
    log(f"variety bits for {len(words):,} forms: " + ", ".join(
        f"{name} {int(((flags & bit) > 0).sum()):,}" for name, bit in VARIETY_NAMES))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=corpus.DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=Path("src/korrektor/data"))
    ap.add_argument("--cache", type=Path, default=None,
                    help="directory to cache raw counts in (speeds up threshold experiments)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--eval-holdout", action="store_true",
                    help=f"exclude wp{HOLDOUT_WP} sessions >= {HOLDOUT_MIN_SESSION}, build into "
                         "a temp dir (or --out if given explicitly) and evaluate on them")
    ap.add_argument("--build-date", default=None,
                    help="date recorded in lexicon_meta.json (default: today, UTC); pass a "
                         "fixed value for byte-identical rebuilds")
    ap.add_argument("--balance", type=float, default=BALANCE,
                    help="domain balance exponent: 0 counts all tokens alike, 1 weighs every "
                         "group of domains alike (see BALANCE)")
    ap.add_argument("--unigram-min", type=int, default=UNIGRAM_MIN)
    ap.add_argument("--bigram-min", type=int, default=BIGRAM_MIN)
    ap.add_argument("--head-min", type=int, default=HEAD_MIN_COUNT)
    ap.add_argument("--mod-base-min", type=int, default=MOD_BASE_MIN_COUNT)
    ap.add_argument("--varieties-only", action="store_true",
                    help="write only lexicon_varieties.npy, for the lexicon already in --out")
    ap.add_argument("--full-eval", action="store_true",
                    help="with --eval-holdout: also the slower checks on the Bundestag speeches "
                         "(damaged forms accepted, compound splits)")
    args = ap.parse_args(argv)
    globals().update(UNIGRAM_MIN=args.unigram_min, BIGRAM_MIN=args.bigram_min,
                     HEAD_MIN_COUNT=args.head_min, MOD_BASE_MIN_COUNT=args.mod_base_min)
    build_date = args.build_date or _dt.datetime.now(_dt.timezone.utc).date().isoformat()
    if args.varieties_only:
        write_varieties_for(args.out, args.corpus, args.cache, args.jobs)
    elif args.eval_holdout:
        explicit_out = any(a == "--out" or a.startswith("--out=") for a in (argv or sys.argv[1:]))
        out = args.out if explicit_out else Path(tempfile.mkdtemp(prefix="korrektor-holdout-"))
        meta, sizes, held = build(args.corpus, out, True, args.cache, args.jobs, build_date,
                                  args.balance)
        evaluate_sources(out, held, args.corpus)
        if args.full_eval:
            evaluate(out, held)
    else:
        build(args.corpus, args.out, False, args.cache, args.jobs, build_date, args.balance)


# --------------------------------------------------------------------------------------
# Held-out evaluation (--eval-holdout)
# --------------------------------------------------------------------------------------
# Typical OCR damage of umlauts/ß, used to check that damaged forms stay unknown.
DAMAGE = [("ü", "ii"), ("ü", "u"), ("ä", "a"), ("ä", "é"), ("ö", "é"), ("ö", "o"),
          ("ß", "B"), ("ä", "d"), ("Ü", "U"), ("Ä", "A"), ("Ö", "O")]
STRIP = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"})


EVAL_TOKENS = 100_000  # held-out tokens scored per source


def _held_out_sentences(held_speeches: list[str], corpus_dir: Path) -> dict[str, list[list[str]]]:
    """Up to EVAL_TOKENS held-out tokens per source, as sentences: the late Bundestag sessions
    and the documents scripts/corpus.py holds out of the other sources."""
    texts = {"bundestag (wp20 >= 200)": held_speeches}
    for source in corpus.sources(corpus_dir):
        if source.held_out:
            texts[source.file.split(".")[0]] = [
                corpus.one_paragraph_per_line(source, d["text"])
                for d in corpus.documents(source, corpus_dir, held_out=True)]
    out = {}
    for name, docs in texts.items():
        sents, n = [], 0
        for text in docs:
            for s in tokenize(text):
                sents.append(s)
                n += len(s)
            if n >= EVAL_TOKENS:
                break
        out[name] = sents
    return out


def _score_sentences(lex, sents: list[list[str]]) -> dict[str, float]:
    """Exact-form coverage, bigram log-loss per token, and how often the left+right bigram
    prefers a word to its reading without umlauts where that is a stored form too."""
    n = exact = 0
    lp = 0.0
    right = pairs = 0
    for s in sents:
        padded = [SENT_START, *s]
        for i, w in enumerate(s, start=1):
            n += 1
            exact += bool(lex.count(w))
            lp += lex.logp_bigram(padded[i - 1], w)
            v = w.translate(STRIP)
            if v != w and lex.count(v):
                nxt = padded[i + 1] if i + 1 < len(padded) else None

                def score(x):
                    return lex.logp_bigram(padded[i - 1], x) + (
                        lex.logp_bigram(x, nxt) if nxt is not None else 0.0)
                pairs += 1
                right += score(w) > score(v)
    return {"tokens": n, "coverage": exact / n, "logloss": -lp / n,
            "umlaut_pairs": pairs, "umlaut_right": right}


def evaluate_sources(out: Path, held_speeches: list[str], corpus_dir: Path) -> None:
    """Per held-out source: coverage, bigram perplexity, umlaut choice; and the summary the
    domain balance is chosen by: the mean over the weight groups of their log-perplexity."""
    from korrektor.lexicon import Lexicon

    lex = Lexicon.load(out, supplement=False)
    by_group: dict[str, list[dict]] = collections.defaultdict(list)
    print("| held-out source | tokens | exact form stored | bigram perplexity | umlaut choice |")
    print("|---|---:|---:|---:|---:|")
    for name, sents in _held_out_sentences(held_speeches, corpus_dir).items():
        if not sents:
            continue
        r = _score_sentences(lex, sents)
        file = name + ".jsonl.gz"
        if file not in corpus.BY_FILE:
            file = "bundestag-wp20.jsonl.gz"  # the held-out late sessions
        by_group[group_of(file)].append(r)
        print(f"| {name} | {r['tokens']:,} | {r['coverage']:.2%} | {math.exp(r['logloss']):.0f} | "
              f"{r['umlaut_right'] / max(1, r['umlaut_pairs']):.1%} of {r['umlaut_pairs']} |",
              flush=True)
    losses = {}
    for group, rs in sorted(by_group.items()):
        n = sum(r["tokens"] for r in rs)
        losses[group] = sum(r["logloss"] * r["tokens"] for r in rs) / n
        right = sum(r["umlaut_right"] for r in rs) / max(1, sum(r["umlaut_pairs"] for r in rs))
        print(f"| group {group} | {n:,} | | {math.exp(losses[group]):.0f} | {right:.1%} |")
    mean = sum(losses.values()) / len(losses)
    print(f"| **mean over groups** | | | **{math.exp(mean):.1f}** | |", flush=True)


def evaluate(out: Path, held: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from korrektor.lexicon import Lexicon

    t0 = time.time()
    lex = Lexicon.load(out)
    log(f"eval: loaded lexicon in {time.time() - t0:.2f}s; {len(held):,} held-out speeches")
    sents = [s for text in held for s in tokenize(text)]
    toks = [w for s in sents for w in s]
    n = len(toks)
    exact = sum(1 for w in toks if lex.count(w))
    known = sum(1 for w in toks if lex.known(w))
    unknown_types = {w for w in toks if not lex.count(w)}
    split_types = {w for w in unknown_types if lex.compound_split(w)}
    log(f"eval: {n:,} held-out tokens: exact form known {exact / n:.3%}, "
        f"known() {known / n:.3%}; {len(unknown_types):,} unseen types, "
        f"{len(split_types) / max(1, len(unknown_types)):.1%} of them split as compounds")
    rng = np.random.default_rng(0)
    sample = sorted(split_types)
    for w in rng.choice(sample, size=min(25, len(sample)), replace=False):
        log(f"    split {w} -> {'+'.join(lex.compound_split(w))}")
    rest = sorted(unknown_types - split_types)
    for w in rng.choice(rest, size=min(25, len(rest)), replace=False):
        log(f"    unsplit {w}")

    # damaged forms: how many does known() accept?
    def report_accepted(label, damaged):
        """How many damaged forms (not themselves corpus words) known() wrongly accepts."""
        nonwords = [d for d in sorted(damaged) if lex.count_ci(d) <= 1]
        fa = [d for d in nonwords if lex.known(d)]
        log(f"eval: {label} non-word forms accepted by known(): {len(fa)}/{len(nonwords)} "
            f"({len(fa) / max(1, len(nonwords)):.2%}); e.g. "
            + ", ".join(f"{d}={'+'.join(lex.compound_split(d) or (d,))}"
                        for d in rng.choice(fa, size=min(20, len(fa)), replace=False)))

    damaged = set()
    for w in sorted(set(toks)):
        for a, b in DAMAGE:
            if a in w:
                d = w.replace(a, b, 1)
                damaged.add(d)
    # A damaged form seen >= 2 times in the corpus is a real word (real-word error, out of
    # scope here); everything else should be unknown, singletons kept in the lexicon included.
    report_accepted("damaged", damaged)

    # same for other common OCR confusions, on words of >= 6 letters
    conf = [("m", "rn"), ("rn", "m"), ("l", "I"), ("e", "c"), ("c", "e"), ("h", "b"),
            ("n", "u"), ("u", "n"), ("d", "cl"), ("h", "li"), ("t", "f"), ("f", "t"),
            ("i", "l"), ("e", "o"), ("o", "e"), ("ie", "le")]
    damaged = set()
    for w in sorted({w for w in toks if len(w) >= 6}):
        for a, b in conf:
            i = w.find(a)
            while i >= 0:
                damaged.add(w[:i] + b + w[i + len(a):])
                i = w.find(a, i + 1)
    report_accepted("OCR-confusion", damaged)

    # bigram model: perplexity and umlaut real-word disambiguation
    t0 = time.time()
    lp = 0.0
    m = 0
    for s in sents:
        prev = SENT_START
        for w in s:
            lp += lex.logp_bigram(prev, w)
            prev = w
            m += 1
    log(f"eval: bigram perplexity {math.exp(-lp / m):.1f} over {m:,} tokens "
        f"({(time.time() - t0) / m * 1e6:.1f} us/call)")
    lp_uni = sum(lex.logp(w) for w in toks)
    log(f"eval: unigram perplexity {math.exp(-lp_uni / n):.1f}")

    right_uni = right_bi = total = 0
    confusions = collections.Counter()
    for s in sents:
        padded = [SENT_START, *s]
        for i, w in enumerate(s, start=1):
            v = w.translate(STRIP)
            if v == w or not lex.count(v):
                continue
            total += 1
            right_uni += lex.logp(w) > lex.logp(v)
            nxt = padded[i + 1] if i + 1 < len(padded) else None

            def score(x):
                sc = lex.logp_bigram(padded[i - 1], x)
                if nxt is not None:
                    sc += lex.logp_bigram(x, nxt) - lex.logp_bigram(SENT_START, nxt) * 0
                return sc
            ok = score(w) > score(v)
            right_bi += ok
            if not ok:
                confusions[(w, v)] += 1
    log(f"eval: umlaut real-word pairs ({total:,} tokens whose stripped form is a word): "
        f"unigram picks original {right_uni / max(1, total):.2%}, "
        f"bigram (left+right) {right_bi / max(1, total):.2%}")
    log("eval: most frequent bigram misses: "
        + ", ".join(f"{a}/{b}:{c}" for (a, b), c in confusions.most_common(15)))


if __name__ == "__main__":
    main()
