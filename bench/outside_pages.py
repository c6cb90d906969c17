#!/usr/bin/env python3
"""OCR pages of German text from outside the Bundestag: more development sets.

The language data and every rule were built and tuned on Bundestag speeches; the documents
korrektor meets (manuals, press releases, news, an archive's older papers) use other words, names,
foreign terms and spellings. This script makes OCR/ground-truth pairs from free German text in
Debian's packages with the same generator as the bench, so that generalisation and harm can be
measured. Two collections:

* ``manuals`` (the default): the German prose of Debian's documentation packages, user manuals
  and technical guides full of English terms, commands and names;
* ``fortunes``: the German fortune cookies (quotations, anecdotes, jokes, proverbs): everyday
  and literary language, names, dialogue, and much of it in the spelling before 1996 (``daß``,
  ``muß``, ``Schiffahrt``), as in the archives' older documents.

    apt-get install debian-edu-doc-de gimp-help-de debian-faq-de debian-reference-de \\
        maint-guide-de developers-reference-de fortunes-de    # the texts
    bash ../shared/tools/ocrbench/install.sh            # Tesseract eng+deu, fonts, Python packages
    python bench/outside_pages.py [--collection manuals] [--n-docs 100] [--out /work/work-data/outside]
    python bench/outside_pages.py --collection fortunes --out /work/work-data/fortunes
    python bench/accuracy.py /work/work-data/outside/pairs.jsonl

Step 1 takes the passages of a collection that read as German prose (the ``<p>`` paragraphs of
each manual's HTML pages; the fortunes of each file) and groups a file's passages into documents
of about 4,000 characters (``docs.jsonl``); step 2 runs ocrbench's ``gen.py`` on a deterministic
sample of them (``--set outside`` or ``--set fortunes``), writing one record per page and OCR
language (``pairs.jsonl``). The generated text stays outside the repository.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from lxml import html

REPO = Path(__file__).resolve().parents[1]
GEN = REPO.parent / "shared" / "tools" / "ocrbench" / "gen.py"

#: package -> the HTML pages holding its German prose (one version of each manual)
MANUALS = {
    "debian-edu-doc-de": "/usr/share/doc/debian-edu-doc-de/debian-edu-bookworm-manual.html",
    "gimp-help-de": "/usr/share/gimp/2.0/help/de/*.html",
    "debian-faq-de": "/usr/share/doc/debian/FAQ/de/*.html",
    "debian-reference-de": "/usr/share/debian-reference/*.de.html",
    "maint-guide-de": "/usr/share/doc/maint-guide-de/html/*.de.html",
    "developers-reference-de": "/usr/share/developers-reference/de/*.html",
}
#: the fortune files (one source each); the plain-text ones are Latin-1, the .u8 copies UTF-8
FORTUNES = "/usr/share/games/fortunes/de/*.u8"
DOC_CHARS = 4000
MIN_PARAGRAPH = 120
_FUNCTION_WORDS = frozenset("der die das und ist nicht mit von sich auch ein eine zu es im auf für "
                            "werden wird kann sie den dem des in".split())
_CODE_RE = re.compile(r"[/$_=<>{}\\|#@]|\.\w+\(|--\w")


def is_prose(text: str) -> bool:
    """German running text: long enough, mostly words, German function words, little code."""
    words = text.split()
    if len(text) < MIN_PARAGRAPH or len(words) < 15:
        return False
    german = sum(w.lower().strip(",.;:!?()") in _FUNCTION_WORDS for w in words)
    return german >= 0.12 * len(words) and len(_CODE_RE.findall(text)) <= len(words) // 25


def paragraphs(path: str) -> list[str]:
    """The German prose paragraphs of a manual's HTML page."""
    try:
        tree = html.parse(path)
    except (OSError, ValueError):
        return []
    out = []
    for p in tree.iter("p"):
        text = " ".join(p.text_content().split())
        if is_prose(text):
            out.append(text)
    return out


def fortunes(path: str) -> list[str]:
    """The fortunes of a fortune file that read as German prose, each one paragraph."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return []
    out = []
    for entry in re.split(r"^%$", text, flags=re.M):
        passage = " ".join(entry.split())
        if is_prose(passage):
            out.append(passage)
    return out


#: collection -> (source name -> file pattern, passages of one file)
COLLECTIONS = {
    "manuals": (MANUALS, paragraphs),
    "fortunes": ({os.path.basename(p)[:-3]: p for p in sorted(glob.glob(FORTUNES))}, fortunes),
}


def documents(collection: str = "manuals") -> list[dict]:
    sources, passages = COLLECTIONS[collection]
    docs = []
    for source, pattern in sources.items():
        for path in sorted(glob.glob(pattern)):
            chunk: list[str] = []
            for par in passages(path):
                chunk.append(par)
                if sum(map(len, chunk)) >= DOC_CHARS:
                    docs.append({"id": f"{source}:{os.path.basename(path)}:{len(docs)}",
                                 "text": "\n\n".join(chunk), "source": source})
                    chunk = []
    return docs


def sample(docs: list[dict], n: int, seed: str) -> list[dict]:
    """At most ``n`` documents, spread over the sources (deterministic)."""
    key = lambda d: hashlib.sha256(f"{seed}|{d['id']}".encode()).hexdigest()  # noqa: E731
    by_source: dict[str, list[dict]] = {}
    for d in sorted(docs, key=key):
        by_source.setdefault(d["source"], []).append(d)
    out: list[dict] = []
    while len(out) < n and any(by_source.values()):
        for lst in by_source.values():
            if lst and len(out) < n:
                out.append(lst.pop(0))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--collection", choices=sorted(COLLECTIONS), default="manuals")
    ap.add_argument("--out", default="/work/work-data/outside")
    ap.add_argument("--n-docs", type=int, default=100)
    ap.add_argument("--seed", default="1", help="sampling and gen.py seed")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--docs-only", action="store_true")
    args = ap.parse_args()

    docs = documents(args.collection)
    if not docs:
        print("no German prose found: install the packages named in this script's docstring", file=sys.stderr)
        return 2
    chosen = sample(docs, args.n_docs, args.seed)
    os.makedirs(args.out, exist_ok=True)
    docs_path = os.path.join(args.out, "docs.jsonl")
    with open(docs_path, "w", encoding="utf-8") as fh:
        for d in chosen:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    counts = {}
    for d in chosen:
        counts[d["source"]] = counts.get(d["source"], 0) + 1
    print(f"{len(docs)} documents found, {len(chosen)} chosen: {counts}")
    if args.docs_only:
        return 0
    # the manuals' pages keep the ids they had before there were two collections
    set_name = "outside" if args.collection == "manuals" else args.collection
    return subprocess.call([sys.executable, str(GEN), "--input", docs_path, "--set", set_name,
                            "--out", os.path.join(args.out, "pairs.jsonl"), "--seed", args.seed,
                            "--jobs", str(args.jobs)])


if __name__ == "__main__":
    sys.exit(main())
