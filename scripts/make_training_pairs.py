#!/usr/bin/env python3
"""Make OCR training pairs (real Tesseract errors) from the speech corpus.

1. Deterministically sample N documents (default 400) of the sources of ``--domains`` (default
   the parliament speeches) from ``../shared/corpus`` through ``scripts/corpus.py``, never a
   held-out document (documents ordered by sha256(seed|id); shorter than --min-chars skipped).
   Paragraphs are joined with blank lines, the paragraph convention of ocrbench's gen.py, and written as JSONL ``{"id", "text", "source"}`` to
   ``/work/work-data/train_docs.jsonl``.
2. Run ocrbench's gen.py on them (``--set train --seed 7 --jobs 1 --langs eng,deu``), which
   renders each document to a degraded A4 page and OCRs it with Tesseract eng and deu, writing
   one record per (page, lang) to ``/work/work-data/train_pairs.jsonl``.

Generated data stays outside the repository (it contains corpus text). Never use
``../shared/bench`` pages here. About 4–8 s per page per core; 400 pages took 29 min on one core (--jobs 1).

Usage (from the repository root)::

    nohup python3 scripts/make_training_pairs.py --n-docs 400 \
        > /work/work-data/make_training_pairs.log 2>&1 &
    # quick check first:
    python3 scripts/make_training_pairs.py --n-docs 10 --out /work/work-data/train_pairs_check.jsonl

    # many fonts, every corpus domain (the domains taking turns); bench/heldout_fonts.json stays
    # out of training, to measure on fonts the model never saw
    nohup python3 scripts/make_training_pairs.py --domains all --balance --fonts bench/train_fonts.json \
        --n-docs 640 --out /work/work-data/em/train_pairs_fonts.jsonl > /work/work-data/em/train_fonts.log 2>&1 &

Options: --docs-only (write the docs JSONL, skip OCR), --jobs, --seed (gen.py), --sample-seed,
--fonts (gen.py's), --domains, --balance.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(REPO, "..", "shared"))
WORK_DATA = "/work/work-data"

sys.path.insert(0, HERE)
import corpus  # noqa: E402


def sample_docs(corpus_dir: str, n: int, sample_seed: int, min_chars: int,
                domains: set[str] | None, balance: bool = False) -> list[dict]:
    """Deterministic sample: the n documents with the smallest sha256(seed|id) (length >=
    min_chars) of the sources in ``domains`` (all if None), never a held-out document. With
    ``balance``, the domains take turns (each in its hash order), so that the speeches, which
    outnumber the rest, do not make up most of the sample."""
    scored = []
    for src in corpus.sources(corpus_dir):
        if domains is not None and src.domain not in domains:
            continue
        for d in corpus.documents(src, corpus_dir):
            text = d.get("text") or ""
            if len(text) < min_chars:
                continue
            key = hashlib.sha256(f"{sample_seed}|{d['id']}".encode()).hexdigest()
            scored.append((key, d["id"], src, text))
    scored.sort(key=lambda x: (x[0], x[1]))
    if balance:
        by_domain: dict[str, list] = {}
        for item in scored:
            by_domain.setdefault(item[2].domain, []).append(item)
        queues = [by_domain[d] for d in sorted(by_domain)]
        scored = [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]
    out, seen = [], set()
    for _key, doc_id, src, text in scored:
        if doc_id in seen:
            continue
        seen.add(doc_id)
        # gen.py's paragraph convention: a blank line between paragraphs
        paras = [p.strip() for p in corpus.paragraphs(src, text)]
        out.append({"id": doc_id, "text": "\n\n".join(paras), "source": src.file.split(".")[0]})
        if len(out) >= n:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(corpus.DEFAULT_CORPUS), help="corpus directory")
    ap.add_argument("--domains", default="parliament",
                    help="comma-separated corpus domains to sample (scripts/corpus.py), or 'all'; "
                         "the shipped error model was trained on parliament speeches")
    ap.add_argument("--balance", action="store_true",
                    help="the domains take turns in the sample (default: hash order over all documents)")
    ap.add_argument("--fonts", default=None,
                    help="gen.py --fonts: a JSON {name: [regular, bold, kind]} (default: gen.py's 8 fonts)")
    ap.add_argument("--ocrbench", default=os.path.join(SHARED, "tools", "ocrbench"))
    ap.add_argument("--n-docs", type=int, default=400)
    ap.add_argument("--min-chars", type=int, default=1500)
    ap.add_argument("--sample-seed", type=int, default=7)
    ap.add_argument("--seed", type=int, default=7, help="gen.py seed")
    ap.add_argument("--set", default="train")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--langs", default="eng,deu")
    ap.add_argument("--docs-out", default=None, help="default: WORK_DATA/train_docs.jsonl (or *_docs for --out)")
    ap.add_argument("--out", default=os.path.join(WORK_DATA, "train_pairs.jsonl"))
    ap.add_argument("--docs-only", action="store_true")
    args = ap.parse_args(argv)

    if "shared/bench" in os.path.abspath(args.corpus):
        sys.exit("refusing to use bench pages for training")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    docs_out = args.docs_out or os.path.splitext(args.out)[0].replace("_pairs", "") + "_docs.jsonl"
    domains = None if args.domains == "all" else set(args.domains.split(","))
    docs = sample_docs(args.corpus, args.n_docs, args.sample_seed, args.min_chars, domains, args.balance)
    with open(docs_out, "w", encoding="utf-8") as fo:
        for d in docs:
            fo.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"wrote {len(docs)} docs -> {docs_out}", file=sys.stderr, flush=True)
    if args.docs_only:
        return 0
    cmd = [sys.executable, os.path.join(args.ocrbench, "gen.py"), "--input", docs_out,
           "--set", args.set, "--out", args.out, "--seed", str(args.seed),
           "--jobs", str(args.jobs), "--langs", args.langs]
    if args.fonts:
        cmd += ["--fonts", args.fonts]
    print(" ".join(cmd), file=sys.stderr, flush=True)
    return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())
