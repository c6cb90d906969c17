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
``lexicon_head.marisa``    compound heads (lowercase) ; flags in ``lexicon_head_flags.npy``
``bigram_*.npy``           CSR bigram table over word ids (24-bit ids), uint8 log-quantised counts
``lexicon_meta.json``      totals, discounts, thresholds, build info
"""
from __future__ import annotations

import argparse
import collections
import datetime as _dt
import gzip
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
from korrektor.lexicon import HYPHEN_TABLE, SENT_START, tokenize  # noqa: E402
from korrektor.lexicon import _twins as umlaut_twins  # noqa: E402

# Truncated first parts of coordinated compounds ("Lern- und Arbeitsbedingungen"): the word
# tokenizer yields "Lern" for them, which must not become a compound head.
TRUNC_RE = regex.compile(r"([^\W\d_]+(?:[-'’][^\W\d_]+)*)-(?![^\W\d_])")

HOLDOUT_WP, HOLDOUT_MIN_SESSION = 20, 200

CACHE_VERSION = 4


# --------------------------------------------------------------------------------------
# Counting (one worker per corpus file; that is both cores for the two shipped files)
# --------------------------------------------------------------------------------------
def _count_file(args):
    path, holdout = args
    uni: collections.Counter = collections.Counter()
    bi: collections.Counter = collections.Counter()
    trunc: collections.Counter = collections.Counter()
    n_sent = 0
    held = []  # held-out speeches (only in --eval-holdout mode), kept for evaluation
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if holdout and doc["wp"] == HOLDOUT_WP and doc["session"] >= HOLDOUT_MIN_SESSION:
                held.append(doc["text"])
                continue
            pairs = []
            trunc.update(TRUNC_RE.findall(doc["text"].translate(HYPHEN_TABLE)))
            for toks in tokenize(doc["text"]):
                uni.update(toks)
                pairs.extend(zip([SENT_START, *toks[:-1]], toks))
                n_sent += 1
            bi.update(pairs)
    return uni, bi, trunc, n_sent, held


def count_corpus(corpus: Path, holdout: bool, cache_dir: Path | None, jobs: int):
    files = sorted(corpus.glob("*.jsonl.gz"))
    if not files:
        sys.exit(f"no *.jsonl.gz in {corpus}")
    key = hashlib.sha1(
        repr([CACHE_VERSION, holdout, [(f.name, f.stat().st_size) for f in files]]).encode()
    ).hexdigest()[:12]
    cache = cache_dir / f"counts-{key}.pkl" if cache_dir else None
    if cache and cache.exists():
        log(f"using cached counts {cache}")
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    t0 = time.time()
    uni: collections.Counter = collections.Counter()
    bi: collections.Counter = collections.Counter()
    trunc: collections.Counter = collections.Counter()
    n_sent = 0
    held: list[str] = []
    with mp.Pool(min(jobs, len(files))) as pool:
        for u, b, t, n, h in pool.imap(_count_file, [(f, holdout) for f in files]):
            uni.update(u)
            bi.update(b)
            trunc.update(t)
            n_sent += n
            held.extend(h)
            del u, b
    log(f"counted {sum(uni.values()):,} tokens, {len(uni):,} forms, {len(bi):,} bigram types, "
        f"{n_sent:,} sentences in {time.time() - t0:.0f}s")
    res = (uni, bi, trunc, n_sent, held, [f.name for f in files])
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with open(cache, "wb") as fh:
            pickle.dump(res, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return res


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)



# --------------------------------------------------------------------------------------
# Thresholds (chosen by --eval-holdout measurements, see PROVENANCE.md)
# --------------------------------------------------------------------------------------
UNIGRAM_MIN = 2          # forms seen once: +0.14 pt held-out coverage, but twice the vocabulary
                         # and memory, and OCR-like junk ("fiirnsiinj"); see PROVENANCE.md
BIGRAM_MIN = 1           # all bigrams: singletons still improve the umlaut decisions (+0.5 pt)
N_LEVELS = 256           # uint8 bigram count codes
EXACT_LEVELS = 96        # codes < EXACT_LEVELS store the count exactly, above log-spaced
MIN_PART = 3             # shortest compound part
HEAD_MIN_COUNT = 3       # a head must be a word seen standalone at least this often (lowercased)
MOD_BASE_MIN_COUNT = 3   # same for the word a modifier is derived from
MOD_MIN_PRODUCTIVITY = 2  # distinct known compounds "modifier+head" needed to keep a modifier
LONG_MODIFIER = 8        # candidates this long are modifiers even if not seen productive
LONG_MODIFIER = 8        # candidates this long are modifiers even without attested compounds

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


def kn_discounts(bi: collections.Counter) -> tuple[float, float, float]:
    """Modified Kneser-Ney discounts D1, D2, D3+ (Chen & Goodman) from count-of-counts."""
    n = collections.Counter(c for c in bi.values() if c <= 4)
    y = n[1] / (n[1] + 2 * n[2])
    return 1 - 2 * y * n[2] / n[1], 2 - 3 * y * n[3] / n[2], 3 - 4 * y * n[4] / n[3]


def discount_table(levels: np.ndarray, discounts) -> np.ndarray:
    """c - D(c) per count code (modified KN: D1, D2, D3+). Mirrored in korrektor.lexicon."""
    d1, d2, d3 = discounts
    lv = levels.astype(np.float64)
    return lv - np.where(lv >= 3, d3, np.where(lv >= 2, d2, d1))


def build_unigrams(uni: collections.Counter):
    """Forms with count >= UNIGRAM_MIN; a form seen only once is dropped when restoring one
    umlaut/ß gives a form seen at least twice ("Dafur", "Terroranschlage", "Lander"):
    a corpus typo like that would make the same OCR damage look like a known word."""
    def keep(w: str, c: int) -> bool:
        if c >= max(UNIGRAM_MIN, 2):
            return True
        if c < UNIGRAM_MIN:
            return False
        return not any(uni.get(t, 0) >= 2 for t in umlaut_twins(w))

    words = sorted(w for w, c in uni.items() if keep(w, c))
    counts = np.fromiter((uni[w] for w in words), dtype=np.uint32, count=len(words))
    return words, counts


def build_bigrams(bi: collections.Counter, words: list[str], n_sent: int):
    """CSR table of kept bigrams over word ids plus per-word KN statistics.

    Row V (one past the last word id) is the sentence-start history "<s>".
    The back-off weight is not stored: the reader derives it from the stored (quantised)
    counts, so the shipped model is normalised with respect to what it actually contains.
    """
    V = len(words)
    ids = {w: i for i, w in enumerate(words)}
    ids[SENT_START] = V
    hist = np.zeros(V + 1, dtype=np.uint64)     # c(v .) over all bigrams, also pruned ones
    cont = np.zeros(V, dtype=np.uint32)         # N1+(. w): distinct left contexts
    rows, cols, vals = [], [], []
    for (v, w), c in bi.items():
        vi = ids.get(v)
        wi = ids.get(w)
        if vi is not None:
            hist[vi] += c
        if wi is not None:
            cont[wi] += 1
            if vi is not None and c >= BIGRAM_MIN:
                rows.append(vi)
                cols.append(wi)
                vals.append(c)
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.uint32)
    vals = np.asarray(vals, dtype=np.int64)
    order = np.lexsort((cols, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    offsets = np.zeros(V + 2, dtype=np.uint32)
    np.cumsum(np.bincount(rows, minlength=V + 1), out=offsets[1:])
    levels = quant_levels()
    codes = quantize(vals, levels)
    assert hist.max() < 2 ** 32
    # Back-off weight gamma(v) = 1 - sum_w (c(v,w) - D(c)) / c(v .) over the *stored*
    # (quantised) counts, so the shipped model is normalised with what it contains; the mass
    # of pruned bigrams moves to the continuation distribution.
    discounts = kn_discounts(bi)
    dtab = discount_table(levels, discounts)
    kept_mass = np.bincount(rows, weights=dtab[codes], minlength=V + 1)
    histf = hist.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        gamma = np.where(histf > 0, 1.0 - kept_mass / histf, 1.0)
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
        "n_types": len(bi),
    }


HEAD_NOUN, HEAD_LOWER = 1, 2   # head flags: may end a capitalised / a lowercase compound


def build_compounds(uni: collections.Counter, bi: collections.Counter,
                    trunc: collections.Counter):
    """Learn compound heads and modifiers from the corpus vocabulary itself.

    Heads are frequent standalone words (lowercased: inside a compound the head is
    written in lower case). Modifiers are words, words + linking element, or e-/en-stems
    ("Schul", "Fahr") that are *productive*: at least MOD_MIN_PRODUCTIVITY distinct corpus
    words are that modifier followed by a known head. Productivity rather than a plain
    word list keeps junk first parts out ("Hand"+"e" is a possible stem but is never
    followed by a head in real words), and the stop-word list keeps lost spaces
    ("undwir") from looking like compounds.
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
    for (v, w), c in bi.items():
        if v != SENT_START and w.isalpha():
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
        share = cap_share(lw)
        flags = (HEAD_NOUN if share >= 0.5 else 0) | (HEAD_LOWER if share <= 0.8 else 0)
        # three-letter heads only if nouns ("Amt", "Rat", "Tag"): short function-ish
        # words as heads produce most of the nonsense splits
        if len(lw) < MIN_PART or (len(lw) == MIN_PART and not (flags & HEAD_NOUN and c >= 50)):
            continue
        if len(lw) == MIN_PART + 1 and c < 20:  # "isch", "lern": rare short heads are noise
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
                or lc_caps[lw] * 2 >= c):
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
                if a in candidates:
                    productivity[a] += 1

    def keep(a: str, p: int) -> bool:
        # short first parts make most nonsense splits: they must be frequent words and
        # clearly productive
        if len(a) == MIN_PART:
            return p >= 5 * MOD_MIN_PRODUCTIVITY and lc[a] >= 50
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
def write_artifact(out: Path, words, counts, bigrams, heads, mods, meta) -> dict[str, int]:
    import marisa_trie

    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("lexicon*")) + list(out.glob("bigram*")):
        old.unlink()
    (out / "lexicon_words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    np.save(out / "lexicon_counts.npy", counts)
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

    head_trie = marisa_trie.Trie(sorted(heads))
    head_flags = np.zeros(len(head_trie), dtype=np.uint8)
    head_count = np.zeros(len(head_trie), dtype=np.uint32)
    for h, (f, c) in heads.items():
        i = head_trie[h]
        head_flags[i] = f
        head_count[i] = min(c, 2 ** 32 - 1)
    head_trie.save(str(out / "lexicon_head.marisa"))
    np.save(out / "lexicon_head_flags.npy", head_flags)
    np.save(out / "lexicon_head_count.npy", head_count)

    (out / "lexicon_meta.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return {p.name: p.stat().st_size for p in sorted(out.iterdir())
            if p.name.startswith(("lexicon", "bigram"))}


def build(corpus: Path, out: Path, holdout: bool, cache_dir: Path | None, jobs: int,
          build_date: str):
    uni, bi, trunc, n_sent, held, files = count_corpus(corpus, holdout, cache_dir, jobs)
    t0 = time.time()
    words, counts = build_unigrams(uni)
    total = int(sum(uni.values()))
    log(f"unigrams: {len(words):,} forms with count >= {UNIGRAM_MIN} "
        f"covering {counts.sum() / total:.4%} of {total:,} tokens")
    bigrams = build_bigrams(bi, words, n_sent)
    d1, d2, d3 = bigrams["discounts"]
    log(f"bigrams: kept {len(bigrams['next']):,} of {bigrams['n_types']:,} types, "
        f"D = {d1:.3f} {d2:.3f} {d3:.3f}")
    heads, mods = build_compounds(uni, bi, trunc)
    meta = {
        "format": 1,
        "source": "Deutscher Bundestag, Plenarprotokolle (WP 19 sessions 1-219, WP 20)",
        "corpus_files": files,
        "holdout_excluded": (f"wp{HOLDOUT_WP} sessions >= {HOLDOUT_MIN_SESSION}"
                             if holdout else None),
        "build_date": build_date,
        "total_tokens": total,
        "sentences": n_sent,
        "vocab_size": len(words),
        "bigram_types_total": bigrams["n_types"],
        "bigrams_kept": int(len(bigrams["next"])),
        "kn_discounts": [d1, d2, d3],
        "continuation_total": bigrams["n_types"],
        "thresholds": {
            "unigram_min": UNIGRAM_MIN, "bigram_min": BIGRAM_MIN, "min_part": MIN_PART,
            "head_min_count": HEAD_MIN_COUNT, "mod_base_min_count": MOD_BASE_MIN_COUNT,
            "mod_min_productivity": MOD_MIN_PRODUCTIVITY,
        },
        "compound_heads": len(heads),
        "compound_modifiers": len(mods),
    }
    sizes = write_artifact(out, words, counts, bigrams, heads, mods, meta)
    log(f"model built in {time.time() - t0:.0f}s; artifact {sum(sizes.values()) / 1e6:.1f} MB")
    for name, size in sizes.items():
        log(f"  {name:28s} {size / 1e6:8.2f} MB")
    return meta, sizes, held


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
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
    ap.add_argument("--unigram-min", type=int, default=UNIGRAM_MIN)
    ap.add_argument("--bigram-min", type=int, default=BIGRAM_MIN)
    args = ap.parse_args(argv)
    globals().update(UNIGRAM_MIN=args.unigram_min, BIGRAM_MIN=args.bigram_min)
    build_date = args.build_date or _dt.datetime.now(_dt.timezone.utc).date().isoformat()
    if args.eval_holdout:
        explicit_out = any(a == "--out" or a.startswith("--out=") for a in (argv or sys.argv[1:]))
        out = args.out if explicit_out else Path(tempfile.mkdtemp(prefix="korrektor-holdout-"))
        meta, sizes, held = build(args.corpus, out, True, args.cache, args.jobs, build_date)
        evaluate(out, held)
    else:
        build(args.corpus, args.out, False, args.cache, args.jobs, build_date)


# --------------------------------------------------------------------------------------
# Held-out evaluation (--eval-holdout)
# --------------------------------------------------------------------------------------
# Typical OCR damage of umlauts/ß, used to check that damaged forms stay unknown.
DAMAGE = [("ü", "ii"), ("ü", "u"), ("ä", "a"), ("ä", "é"), ("ö", "é"), ("ö", "o"),
          ("ß", "B"), ("ä", "d"), ("Ü", "U"), ("Ä", "A"), ("Ö", "O")]
STRIP = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"})


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
