#!/usr/bin/env python3
"""Learn korrektor's OCR error model (character confusions) from OCR/ground-truth page pairs.

Input: JSONL records as written by ocrbench's gen.py (``lang``, ``ocr``, ``gt``), made from the
corpus by ``scripts/make_training_pairs.py`` (never from ``shared/bench``).  Output: the small
JSON artifact ``src/korrektor/data/errormodel.json`` read by ``korrektor.errormodel``.

Per page:
1. NFC + every whitespace run -> one space on both sides; character alignment with rapidfuzz
   Levenshtein opcodes.
2. Word alignment: ground-truth spaces aligned to OCR spaces are anchors; the text between two
   anchors is one aligned segment.  Segments with one ground-truth word give a word pair; a line-end
   hyphen left in the OCR ("Ver- wechslungen") is removed (or kept as a hard hyphen) whichever is
   closer to the ground truth.  Leading/trailing punctuation is cut off both sides.
3. Character rules: adjacent non-equal opcodes are merged into blocks (true substring -> OCR
   substring, e.g. ü -> ii, ß -> f&); a pure deletion or insertion of one character gets one
   character of context (``aß -> a``, ``e -> e'``) so that no rule has an empty OCR side.  Blocks
   with at most 2 characters on the true side and 3 on the OCR side are counted (ü -> iti,
   üß -> iiB); longer blocks of equal length are split into 1:1 substitutions, the rest is
   counted as unmodelled.
4. P(ocr β | true α) = (c(α→β) + k) / (N(α) + k·(r(α)+1)) with N(α) the occurrences of α in the
   ground-truth words, r(α) the number of distinct observed β (add-k smoothing, k = 0.5);
   P(c correct) = (equal(c) + k) / (N(c) + 2k).  Rules seen fewer than --min-count times are dropped.
5. Separately per OCR engine profile: "eng" (Tesseract's English model: cannot emit äöüß) and
   "deu" (German model).  Also per-profile rates of a few evidence features used by
   ``estimate_profile`` (umlauts, "ii", "é", digits inside words, B inside lower-case words, ...).

Usage::

    python3 scripts/train_error_model.py --pairs /work/work-data/train_pairs.jsonl \
        /work/work-data/train_pairs2.jsonl /work/work-data/train_pairs3.jsonl \
        --out src/korrektor/data/errormodel.json
    # the many-font candidate (measured, not shipped: BENCHMARKS.md, "Tried and left out")
    python3 scripts/train_error_model.py --pairs /work/work-data/em/train_pairs_fonts.jsonl \
        --out /work/work-data/em/errormodel_fonts.json
    python3 scripts/build_twin_readings.py   # the twin index depends on the model
    # held-out check (writes the model elsewhere): train on all but 50 pages, measure on those
    python3 scripts/train_error_model.py --holdout 50 --out /work/work-data/em/holdout.json \
        --lexicon PATH/TO/LEXICON_DATA
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "src"))

from korrektor.errormodel import FEATURES, feature_counts  # noqa: E402

PUNCT = "\"'„“”‚‘’»«›‹,.;:!?()[]{}<>–—-…*"
PROFILE_OF_LANG = {"eng": "eng", "deu": "deu"}
# the longest OCR side of a rule: an engine without German glyphs reads ü as "iti" too
MAX_OCR_SIDE = 3


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def strip_punct(w: str) -> str:
    return w.strip(PUNCT)


def segments(gt: str, ocr: str):
    """Yield (gt_segment, ocr_segment) between aligned spaces."""
    anchors = []
    for op in Levenshtein.opcodes(gt, ocr):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                if gt[op.src_start + k] == " ":
                    anchors.append((op.src_start + k, op.dest_start + k))
    pi, pj = -1, -1
    for i, j in anchors + [(len(gt), len(ocr))]:
        yield gt[pi + 1:i], ocr[pj + 1:j]
        pi, pj = i, j


def fix_hyphen(g: str, o: str) -> str:
    if " " not in o or "-" not in o:
        return o
    opts = [o, re.sub(r"(?<=\w)- +(?=\w)", "", o), re.sub(r"(?<=\w)- +(?=\w)", "-", o)]
    return min(opts, key=lambda x: (Levenshtein.distance(g, x), opts.index(x)))


def blocks(a: str, b: str):
    """Merged non-equal opcode blocks: list of (i1, i2, j1, j2)."""
    out = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        if out and out[-1][1] == op.src_start and out[-1][3] == op.dest_start:
            out[-1] = (out[-1][0], op.src_end, out[-1][2], op.dest_end)
        else:
            out.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    return out


class Stats:
    def __init__(self):
        self.rules = Counter()          # (true, ocr) -> count
        self.sub_n = Counter()          # true substring (len 1-2) -> occurrences in gt words
        self.char_equal = Counter()     # char -> times read correctly
        self.unmodelled = 0
        self.n_words = 0
        self.n_err_words = 0
        self.n_seg_errors = 0
        self.n_pages = 0
        self.n_chars_ocr = 0
        self.features = Counter()

    def add_word(self, g: str, o: str):
        self.n_words += 1
        for i in range(len(g)):
            self.sub_n[g[i]] += 1
            if i + 1 < len(g):
                self.sub_n[g[i:i + 2]] += 1
        if g == o:
            self.char_equal.update(g)
            return
        self.n_err_words += 1
        bl = blocks(g, o)
        touched = set()
        for i1, i2, j1, j2 in bl:
            touched.update(range(i1, i2))
            a, b = g[i1:i2], o[j1:j2]
            if not a and len(b) == 1:       # OCR inserted one char: attach context
                if i1 > 0:
                    self.rules[(g[i1 - 1], g[i1 - 1] + b)] += 1
                    touched.add(i1 - 1)
                elif i1 < len(g):
                    self.rules[(g[i1], b + g[i1])] += 1
                    touched.add(i1)
                continue
            if not b and len(a) == 1:       # OCR dropped one char
                if i1 > 0:
                    self.rules[(g[i1 - 1] + a, g[i1 - 1])] += 1
                    touched.add(i1 - 1)
                elif i2 < len(g):
                    self.rules[(a + g[i2], g[i2])] += 1
                    touched.add(i2)
                continue
            if a and b and len(a) <= 2 and len(b) <= MAX_OCR_SIDE:
                self.rules[(a, b)] += 1
            elif len(a) == len(b) and a:
                for x, y in zip(a, b):
                    self.rules[(x, y)] += 1
            else:
                self.unmodelled += 1
        for i, c in enumerate(g):
            if i not in touched:
                self.char_equal[c] += 1


def train(paths, min_count=2, k=0.5, max_pages=0):
    stats = defaultdict(Stats)
    n = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError:   # partially written last line of a running job
                    continue
                prof = PROFILE_OF_LANG.get(r["lang"])
                if prof is None:
                    continue
                n += 1
                if max_pages and n > max_pages:
                    break
                st = stats[prof]
                st.n_pages += 1
                gt, ocr = norm(r["gt"]), norm(r["ocr"])
                st.n_chars_ocr += len(ocr)
                st.features.update(feature_counts(r["ocr"]))
                for gs, os_ in segments(gt, ocr):
                    if not gs or " " in gs:
                        st.n_seg_errors += bool(gs)
                        continue
                    os_ = fix_hyphen(gs, os_)
                    if " " in os_ or not os_:
                        st.n_seg_errors += 1
                        continue
                    g, o = strip_punct(gs), strip_punct(os_)
                    if not g or not o or not any(ch.isalpha() for ch in g):
                        continue
                    st.add_word(g, o)
    out = {}
    for prof, st in sorted(stats.items()):
        distinct = Counter(a for (a, _b) in st.rules)
        rules = []
        for (a, b), c in st.rules.items():
            if c < min_count:
                continue
            na = max(st.sub_n[a], c)
            p = (c + k) / (na + k * (distinct[a] + 1))
            rules.append([a, b, c, round(math.log(p), 4)])
        rules.sort(key=lambda r: (-r[2], r[0], r[1]))
        ident = {}
        for ch, nch in st.sub_n.items():
            if len(ch) != 1 or nch < 1:
                continue
            p = (st.char_equal[ch] + k) / (nch + 2 * k)
            ident[ch] = round(math.log(min(p, 0.99999)), 5)
        tot_eq = sum(st.char_equal.values())
        tot_n = sum(v for s, v in st.sub_n.items() if len(s) == 1)
        feats = {f: st.features[f] for f in (*FEATURES, "fw", "letters", "tokens")}
        out[prof] = {
            "n_pages": st.n_pages, "n_words": st.n_words, "n_err_words": st.n_err_words,
            "n_seg_errors": st.n_seg_errors, "n_unmodelled_blocks": st.unmodelled,
            "n_rules_seen": len(st.rules), "n_chars_ocr": st.n_chars_ocr,
            "char_accuracy": round(tot_eq / max(1, tot_n), 5),
            "ident_default": round(math.log((tot_eq + k) / (tot_n + 2 * k)), 5),
            "features": feats,
            "ident": dict(sorted(ident.items())),
            "rules": rules,
        }
    return out


def word_pairs(rec):
    """(gt word, ocr word) pairs of one record, aligned as in training (punctuation stripped)."""
    gt, ocr = norm(rec["gt"]), norm(rec["ocr"])
    for gs, os_ in segments(gt, ocr):
        if not gs or " " in gs:
            continue
        os_ = fix_hyphen(gs, os_)
        if " " in os_ or not os_:
            continue
        g, o = strip_punct(gs), strip_punct(os_)
        if g and o and g.isalpha():
            yield g, o


def evaluate(model_data, records, lexicon_path=None):
    """Candidate recall on held-out records: for every wrong word whose truth the lexicon knows,
    is the truth the best candidate / among the candidates?  Also CPU time per lookup."""
    import time

    from korrektor.errormodel import ErrorModel, estimate_profile
    from korrektor.lexicon import Lexicon

    lex = Lexicon.load(lexicon_path)
    em = ErrorModel(model_data)
    res = defaultdict(Counter)
    cpu = defaultdict(float)
    for r in records:
        prof = estimate_profile(r["ocr"], em)
        s = res[r["lang"]]
        s["profile_" + prof.name] += 1
        for g, o in word_pairs(r):
            if g == o and lex.count(o):
                continue
            t0 = time.process_time()
            cands = [w for w, _ in em.candidates(o, lex, prof)]
            cpu[r["lang"]] += time.process_time() - t0
            s["lookups"] += 1
            if g == o:
                continue
            s["wrong"] += 1
            if not lex.known(g):
                continue
            s["wrong_truth_known"] += 1
            s["top1"] += bool(cands) and cands[0] == g
            s["found"] += g in cands
    for lang, s in sorted(res.items()):
        print(f"eval {lang}: {dict(s)}  cpu/lookup {cpu[lang] / max(1, s['lookups']) * 1e6:.0f} us")
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", nargs="+", default=["/work/work-data/train_pairs.jsonl"])
    ap.add_argument("--out", default=os.path.join(REPO, "src", "korrektor", "data", "errormodel.json"))
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--k", type=float, default=0.5)
    ap.add_argument("--max-pages", type=int, default=0)
    ap.add_argument("--trained-on", default="ocrbench gen.py pages of corpus documents (shared/corpus), "
                    "Tesseract 5.3.0 eng+deu",
                    help="the model's note on its training pages (PROVENANCE.md has the details)")
    ap.add_argument("--top", type=int, default=25, help="print the top confusions per profile")
    ap.add_argument("--holdout", type=int, default=0,
                    help="train on all but the last N pages and report candidate recall on them")
    ap.add_argument("--lexicon", default=None, help="lexicon data dir for --holdout (default: packaged)")
    args = ap.parse_args(argv)
    for p in args.pairs:
        if "shared/bench" in os.path.abspath(p):
            sys.exit("refusing to train on bench pages")
    held = []
    if args.holdout:
        recs = []
        for p in args.pairs:
            with open(p, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        recs.append(json.loads(line))
                    except json.JSONDecodeError:
                        pass
        page_ids = sorted({r["page_id"] for r in recs})
        held_ids = set(page_ids[-args.holdout:])
        held = [r for r in recs if r["page_id"] in held_ids]
        tmp = args.out + ".trainpart.jsonl"
        with open(tmp, "w", encoding="utf-8") as fo:
            for r in recs:
                if r["page_id"] not in held_ids:
                    fo.write(json.dumps(r, ensure_ascii=False) + "\n")
        args.pairs = [tmp]
    profiles = train(args.pairs, args.min_count, args.k, args.max_pages)
    model = {"format": "korrektor-errormodel", "version": 1, "smoothing_k": args.k,
             "min_count": args.min_count,
             "trained_on": args.trained_on,
             "profiles": profiles}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fo:
        json.dump(model, fo, ensure_ascii=False, separators=(",", ":"))
        fo.write("\n")
    for prof, d in profiles.items():
        print(f"== {prof}: {d['n_pages']} pages, {d['n_words']} words, {d['n_err_words']} wrong words, "
              f"{len(d['rules'])} rules kept of {d['n_rules_seen']}, char acc {d['char_accuracy']}, "
              f"seg errors {d['n_seg_errors']}, unmodelled {d['n_unmodelled_blocks']}")
        for a, b, c, lp in d["rules"][:args.top]:
            print(f"   {a!r:>6} -> {b!r:<6} {c:6d}  p={math.exp(lp):.4f}")
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes)")
    if held:
        os.remove(args.pairs[0])
        evaluate(model, held, args.lexicon)


if __name__ == "__main__":
    main()
