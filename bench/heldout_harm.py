#!/usr/bin/env python3
"""Harm on clean text: what korrektor changes in correct German from every corpus source.

The documents held out of the language data (``scripts/corpus.py``) are clean text from novels,
plays, poems, encyclopedias and laws of several eras and countries. Every change korrektor makes
to them is a false correction. This script cuts pages of about ``--page-chars`` characters (at
paragraph boundaries) from the held-out documents of each source, corrects them, and counts per
source the pages touched, the edits, and the characters changed (before + after of each edit, so
a replaced letter counts 2), in all and for the word stage alone.

    python bench/heldout_harm.py [--pages 8] [--page-chars 3000] [--json out.json] [--show 5]

Deterministic: documents are taken in the order of a hash of their id, one page from each.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import corpus  # noqa: E402

import korrektor  # noqa: E402


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a corpus document: one per line in the Bundestag files, separated by a
    blank line elsewhere (where a single newline ends a verse line)."""
    if "\n\n" in text:
        return [p for p in text.split("\n\n") if p.strip()]
    return [p for p in text.split("\n") if p.strip()]


def cut_page(text: str, page_chars: int, where: float = 1 / 3) -> str | None:
    """About ``page_chars`` characters of whole paragraphs from ``where`` into the document."""
    paras = paragraphs(text)
    start = int(len(paras) * where)
    page: list[str] = []
    size = 0
    for p in paras[start:]:
        if size and size + len(p) > page_chars * 1.2:
            break
        page.append(p)
        size += len(p) + 2
        if size >= page_chars:
            break
    return "\n\n".join(page) if size >= page_chars // 2 else None


def pages_of(source: corpus.Source, n_pages: int, page_chars: int) -> list[tuple[str, str]]:
    """One page from each document, or several spread over each where the source holds out
    fewer documents than pages (a few novels, a few long laws)."""
    docs = sorted(corpus.documents(source, held_out=True),
                  key=lambda d: hashlib.sha256(d["id"].encode()).hexdigest())
    per_doc = -(-n_pages // max(1, len(docs)))
    out = []
    for doc in docs:
        for k in range(per_doc):
            page = cut_page(doc["text"], page_chars, (k + 1) / (per_doc + 2))
            if page and len(out) < n_pages:
                out.append((doc["id"], page))
    return out


def is_word_edit(edit) -> bool:
    return "word" in str(edit.kind).split("+")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pages", type=int, default=8, help="pages per source")
    ap.add_argument("--page-chars", type=int, default=3000)
    ap.add_argument("--json", type=Path, help="write per-source results and every edit here")
    ap.add_argument("--show", type=int, default=5, help="word edits to print per source")
    args = ap.parse_args(argv)

    rows = []
    all_edits = []
    print("| source | pages | chars | pages touched | edits | chars changed | word edits | "
          "word chars changed | word pages touched |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for source in corpus.sources():
        if not source.held_out:
            continue
        stats = collections.Counter()
        shown = []
        for doc_id, page in pages_of(source, args.pages, args.page_chars):
            result = korrektor.correct(page)
            words = [e for e in result.edits if is_word_edit(e)]
            stats["pages"] += 1
            stats["chars"] += len(page)
            stats["touched"] += bool(result.edits)
            stats["edits"] += len(result.edits)
            stats["changed"] += sum(len(e.before) + len(e.after) for e in result.edits)
            stats["word_edits"] += len(words)
            stats["word_changed"] += sum(len(e.before) + len(e.after) for e in words)
            stats["word_touched"] += bool(words)
            for e in result.edits:
                all_edits.append({"source": source.file, "doc": doc_id, **e.to_dict()})
            shown += [f"{e.before}→{e.after}" for e in words]
        rows.append({"source": source.file, **stats})
        print(f"| {source.file.removesuffix('.jsonl.gz')} | {stats['pages']} | {stats['chars']:,} | "
              f"{stats['touched']} | {stats['edits']} | {stats['changed']} | {stats['word_edits']} | "
              f"{stats['word_changed']} | {stats['word_touched']} |", flush=True)
        if args.show and shown:
            print(f"|   e.g. {', '.join(shown[:args.show])} | | | | | | | | |", flush=True)
    total = collections.Counter()
    for r in rows:
        total.update({k: v for k, v in r.items() if k != "source"})
    print(f"| **all** | {total['pages']} | {total['chars']:,} | {total['touched']} | {total['edits']} | "
          f"{total['changed']} | {total['word_edits']} | {total['word_changed']} | "
          f"{total['word_touched']} |")
    if args.json:
        args.json.write_text(json.dumps({"sources": rows, "total": dict(total), "edits": all_edits},
                                        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
