#!/usr/bin/env python3
"""Development sets of other kinds of German: pages of the corpus's held-out documents.

korrektor was tuned on Bundestag speeches; "one engine for German text of any kind" has to be
measured on novels and plays of the 19th century, encyclopedia articles, and German, Swiss and
Austrian law. ``scripts/corpus.py`` holds one document in twenty of each corpus source out of the
language data; this script cuts page-sized passages (3,000–4,000 characters, at paragraph
boundaries) from those held-out documents only, per *collection*:

* ``historic``: novels and plays first printed 1800–1930, spelled as in the source (``Thür``,
  ``seyn``, ``daß``);
* ``modern``: the encyclopedia and the children's encyclopedia;
* ``law-de``, ``swiss``, ``austrian``: German, Swiss (``ss`` for ``ß``) and Austrian federal law;
* ``swiss-spelled``: the ``modern`` pages with every ``ß`` written ``ss``, as Swiss writers do.

Each collection's pages go to ``OUT/docs.jsonl`` (``{"id", "text", "source", "doc_id", "year",
"variety", "work"}``; ``source`` is the corpus domain). The clean pages are harm sets: korrektor
should change almost nothing in them. Unless ``--docs-only``, ocrbench's ``gen.py`` then sets them
in type and reads them back (``OUT/pairs.jsonl``, one record per page and OCR model), with the
collection's fonts, OCR models and degradation levels (``GEN_OPTIONS``; override on the command
line). The text stays outside the repository: write to ``/work/work-data/COLLECTION``.

    # the historic set: Antiqua and blackletter fonts (bench/historic_fonts.json), read by deu,
    # frk (Fraktur) and eng; mostly lightly damaged pages
    apt-get install tesseract-ocr-frk tesseract-ocr-script-frak fonts-blankenburg fonts-adf-oldania \\
        fonts-ebgaramond fonts-oldstandard fonts-century-catalogue
    python bench/corpus_pages.py --collection historic --n-pages 40 --out /work/work-data/historic
    python bench/accuracy.py /work/work-data/historic/pairs.jsonl --letters-only

    # law of Switzerland and Austria (and the others): the bench's eight fonts, eng and deu
    python bench/corpus_pages.py --collection swiss --n-pages 40 --out /work/work-data/swiss
    python bench/corpus_pages.py --collection austrian --n-pages 40 --out /work/work-data/austrian
    python bench/accuracy.py /work/work-data/swiss/pairs.jsonl

    # a harm set only (no OCR): the clean pages, and what korrektor changes in them
    python bench/corpus_pages.py --collection swiss-spelled --n-pages 40 --docs-only --out /work/work-data/swiss-spelled
    python bench/corpus_pages.py --changes /work/work-data/swiss-spelled/docs.jsonl
    python bench/corpus_pages.py --changes /work/work-data/historic/docs.jsonl --letters-only
    # the word edits of korrektor that take light OCR pages further from the ground truth
    python bench/corpus_pages.py --changes /work/work-data/historic/pairs.jsonl --level light --letters-only

Time: the pages are cut in seconds. gen.py (``--jobs 1``: OCR is the bottleneck) takes about 10 s
a page with three OCR models and 7 s with two, on one core; korrektor a fraction of a second a
page. Deterministic: the same corpus, ``--n-pages`` and ``--seed`` give the same pages and OCR;
a collection's pages do not depend on its fonts or OCR models.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import corpus  # noqa: E402  (scripts/ is no package)


def _bench_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


outside_pages = _bench_module("outside_pages")  # GEN and sample() are shared with the other pages

PAGE_MIN, PAGE_MAX = 3000, 4000


@dataclass(frozen=True)
class Collection:
    files: tuple[str, ...]  # corpus sources (scripts/corpus.py)
    years: tuple[int, int] | None = None  # documents dated in this range only
    swiss_spelling: bool = False  # write every ß as ss


COLLECTIONS = {
    "historic": Collection(("fiction-1840-1920.jsonl.gz", "drama-1770-1950.jsonl.gz"), years=(1800, 1930)),
    "modern": Collection(("wikipedia-de-2021.jsonl.gz", "klexikon-2021.jsonl.gz")),
    "law-de": Collection(("legal-de-bundesrecht-2022.jsonl.gz",)),
    "swiss": Collection(("legal-ch-bundesrecht.jsonl.gz",)),
    "austrian": Collection(("legal-at-bundesrecht-2025.jsonl.gz",)),
    "swiss-spelled": Collection(("wikipedia-de-2021.jsonl.gz", "klexikon-2021.jsonl.gz"), swiss_spelling=True),
}

#: gen.py options per collection; the others get gen.py's defaults (the bench's eight fonts, eng
#: and deu, all four degradation levels)
GEN_OPTIONS = {
    "historic": {"fonts": str(REPO / "bench" / "historic_fonts.json"), "langs": "deu,frk,eng",
                 "levels": "light:0.6,medium:0.25,heavy:0.15"},
}


def passages(text: str, lo: int = PAGE_MIN, hi: int = PAGE_MAX) -> list[str]:
    """The document cut into consecutive passages of ``lo``–``hi`` characters at its paragraph
    boundaries (blank lines); a paragraph longer than ``hi`` ends the passage before it and is
    left out, as is a remainder shorter than ``lo``."""
    out: list[str] = []
    chunk: list[str] = []
    size = 0  # len("\n\n".join(chunk))
    for par in (p.strip() for p in text.split("\n\n")):
        if not par:
            continue
        if len(par) > hi:
            chunk, size = [], 0
            continue
        grown = size + len(par) + (2 if chunk else 0)
        if grown > hi:
            if size >= lo:
                out.append("\n\n".join(chunk))
            chunk, size = [par], len(par)
        else:
            chunk.append(par)
            size = grown
        if size >= lo:
            out.append("\n\n".join(chunk))
            chunk, size = [], 0
    return out


def spread(items: Sequence, k: int) -> list:
    """``k`` items evenly spaced over ``items`` (all of them if there are no more than ``k``)."""
    if len(items) <= k:
        return list(items)
    return [items[int((i + 0.5) * len(items) / k)] for i in range(k)]


def swiss_spelled(text: str) -> str:
    return text.replace("ß", "ss").replace("ẞ", "SS")


def held_out_documents(name: str, corpus_dir: Path = corpus.DEFAULT_CORPUS) -> list[tuple[corpus.Source, dict]]:
    """The collection's held-out documents (``corpus.documents(..., held_out=True)``) in its years."""
    coll = COLLECTIONS[name]
    out = []
    for file in coll.files:
        source = corpus.BY_FILE[file]
        for doc in corpus.documents(source, corpus_dir, held_out=True):
            year = doc.get("year")
            if coll.years and not (isinstance(year, int) and coll.years[0] <= year <= coll.years[1]):
                continue
            out.append((source, doc))
    return out


def pages(name: str, n_pages: int, seed: str = "1", corpus_dir: Path = corpus.DEFAULT_CORPUS) -> list[dict]:
    """``n_pages`` pages of the collection: from each held-out document up to twice its share,
    ``ceil(2 * n_pages / documents)`` passages spread over it, then a sample spread over the
    sources (``outside_pages.sample``: deterministic for a seed)."""
    coll = COLLECTIONS[name]
    docs = held_out_documents(name, corpus_dir)
    per_doc = max(1, math.ceil(2 * n_pages / max(len(docs), 1)))
    candidates = []
    for source, doc in docs:
        cut = passages(doc["text"])
        for index in spread(range(len(cut)), per_doc):
            text = cut[index]
            candidates.append({
                "id": f"{doc['id']}:{index}",
                "text": swiss_spelled(text) if coll.swiss_spelling else text,
                "source": source.domain, "doc_id": doc["id"], "year": doc.get("year"),
                "variety": "ch" if coll.swiss_spelling else source.variety, "work": doc.get("source", ""),
            })
    # sampled by document and passage, so that swiss-spelled gets the pages modern gets
    chosen = outside_pages.sample(candidates, n_pages, seed)
    return sorted(({**p, "id": f"{name}:{p['id']}"} for p in chosen), key=lambda p: p["id"])


# ----------------------------------------------------------------------------- what korrektor changes

def word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the whole words (whitespace-delimited) it touches."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def word_edit(text: str, edit) -> str:
    """An edit as its words before and after: ``Thür → Tür``."""
    start, end = word_span(text, edit.start, edit.end)
    before = text[start:end]
    after = text[start:edit.start] + edit.after + text[edit.end:end]
    return f"{' '.join(before.split())} → {' '.join(after.split())}"


def changes(path: str, level: str | None = None, letters: bool = False, top: int = 20) -> str:
    """What korrektor changes. On clean pages (``docs.jsonl``: a ``text`` field): the share of
    characters changed (``korrektor.evaluate.score_page``: whitespace does not count), the pages
    touched and the most frequent word edits (all wrong). On OCR pairs (``pairs.jsonl``, of one
    ``degradation.level`` if given): the most frequent word edits that, applied alone, take the
    OCR text further from the ground truth. With ``letters``, both on letters and digits only
    (``accuracy.letters_only``: an edit of case or punctuation changes nothing)."""
    import korrektor
    from korrektor.evaluate import normalize

    accuracy = _bench_module("accuracy")
    norm = accuracy.letters_only if letters else normalize
    scoring = "letters and digits only" if letters else "the standard scoring"
    records = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    if level:
        records = [r for r in records if (r.get("degradation") or {}).get("level") == level]
    wrong: Counter[str] = Counter()
    if records and "ocr" in records[0]:
        n_edits = 0
        for r in records:
            res = korrektor.correct(r["ocr"])
            n_edits += len(res.edits)
            effects = accuracy.edit_effects(r["ocr"], r["gt"], res.edits, alone=True, norm=norm)
            wrong.update(word_edit(r["ocr"], e) for e, (before, after) in zip(res.edits, effects) if after > before)
        head = (f"{path}{f' ({level})' if level else ''}: {len(records)} OCR pages, {n_edits} edits, "
                f"{sum(wrong.values())} that harm on {scoring}; the most frequent:")
    else:
        score = accuracy.scorer(letters)
        scores = []
        for r in records:
            res = korrektor.correct(r["text"])
            scores.append(score(r["text"], res.text))
            wrong.update(word_edit(r["text"], e) for e in res.edits if norm(e.before) != norm(e.after))
        chars = max(sum(s.chars for s in scores), 1)
        head = (f"{path}: {100 * sum(s.char_errors for s in scores) / chars:.4f}% of {chars:,} characters "
                f"changed on {scoring}, {sum(s.char_errors > 0 for s in scores)} of {len(scores)} pages "
                f"touched, {sum(wrong.values())} word edits; the most frequent:")
    return "\n".join([head] + [f"{n:>5}  {edit}" for edit, n in wrong.most_common(top)])


# ----------------------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--collection", choices=sorted(COLLECTIONS), default="historic")
    ap.add_argument("--out", help="directory (default: /work/work-data/COLLECTION)")
    ap.add_argument("--n-pages", type=int, default=40)
    ap.add_argument("--seed", default="1", help="sampling and gen.py seed")
    ap.add_argument("--docs-only", action="store_true", help="write docs.jsonl, no OCR")
    ap.add_argument("--jobs", type=int, default=1, help="gen.py processes (OCR is the bottleneck)")
    ap.add_argument("--fonts", help="gen.py --fonts (default: the collection's, see GEN_OPTIONS)")
    ap.add_argument("--langs", help="gen.py --langs")
    ap.add_argument("--levels", help="gen.py --levels")
    ap.add_argument("--changes", metavar="JSONL",
                    help="instead: what korrektor changes in these clean pages (docs.jsonl) or OCR pairs")
    ap.add_argument("--level", help="with --changes on pairs: this degradation level only")
    ap.add_argument("--letters-only", action="store_true",
                    help="with --changes: judge the edits on letters and digits only")
    args = ap.parse_args(argv)

    if args.changes:
        print(changes(args.changes, args.level, args.letters_only))
        return 0
    chosen = pages(args.collection, args.n_pages, args.seed)
    if not chosen:
        print(f"{args.collection}: no held-out passages found in {corpus.DEFAULT_CORPUS}", file=sys.stderr)
        return 2
    out = args.out or f"/work/work-data/{args.collection}"
    os.makedirs(out, exist_ok=True)
    docs_path = os.path.join(out, "docs.jsonl")
    with open(docs_path, "w", encoding="utf-8") as fh:
        for p in chosen:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    counts = Counter(p["source"] for p in chosen)
    print(f"{args.collection}: {len(chosen)} pages from {len({p['doc_id'] for p in chosen})} documents "
          f"{dict(sorted(counts.items()))}, {sum(len(p['text']) for p in chosen):,} characters -> {docs_path}")
    if args.docs_only:
        return 0
    gen = GEN_OPTIONS.get(args.collection, {}) | {
        k: v for k, v in (("fonts", args.fonts), ("langs", args.langs), ("levels", args.levels)) if v}
    cmd = [sys.executable, str(outside_pages.GEN), "--input", docs_path, "--set", args.collection,
           "--out", os.path.join(out, "pairs.jsonl"), "--seed", args.seed, "--jobs", str(args.jobs)]
    for option, value in sorted(gen.items()):
        cmd += [f"--{option}", value]
    print(" ".join(cmd), flush=True)
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
