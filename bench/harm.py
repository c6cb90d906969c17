#!/usr/bin/env python3
"""Harm on clean text: what korrektor changes in text that has nothing to correct.

    python bench/harm.py DOCS.jsonl ... [--top 20] [--without RULE] [--json out.json]

Each input line is a JSON object whose ``text`` (or, for OCR pairs, ``gt``) is correct German:
pages of held-out corpus documents (``bench/corpus_pages.py``), or the ground truth of any
development set. Every edit korrektor applies to such a text is harm. Per file it prints the
pages, the share of characters changed (the edits' longer side, summed, over all characters),
the share of pages touched, the rules that made the edits, and the most frequent edits, so that
a rule's harm on a kind of text is seen with the words it harmed.

The targets of "one engine for German text of any kind" are stated in these terms: at most
0.005 % of the characters changed and at most 3 % of the pages touched.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import korrektor
from korrektor.config import Config


def clean_texts(path: Path) -> list[tuple[str, str]]:
    """(id, clean text) of each record of a JSONL file."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec.get("text", rec.get("gt"))
            if not isinstance(text, str):
                raise SystemExit(f"{path}:{n}: the record has neither 'text' nor 'gt'")
            out.append((str(rec.get("id", n)), text))
    return out


def measure(texts: list[tuple[str, str]], config: Config) -> dict:
    """Characters, characters changed, pages touched, and the edits by rule and by words."""
    chars = changed = touched = 0
    rules: Counter[str] = Counter()
    edits: Counter[tuple[str, str, str]] = Counter()
    for _, text in texts:
        result = korrektor.correct(text, config=config)
        chars += len(text)
        if result.edits:
            touched += 1
        for e in result.edits:
            changed += max(len(e.before), len(e.after))
            rules[e.rule] += 1
            edits[(e.before, e.after, e.rule)] += 1
    return {"pages": len(texts), "chars": chars, "chars_changed": changed, "pages_touched": touched,
            "changed_pct": 100 * changed / max(chars, 1), "touched_pct": 100 * touched / max(len(texts), 1),
            "rules": dict(rules.most_common()), "edits": edits}


def report(name: str, m: dict, top: int) -> str:
    lines = [f"## {name}: {m['pages']} pages, {m['chars']:,} characters",
             f"changed {m['chars_changed']:,} characters ({m['changed_pct']:.4f} %), "
             f"touched {m['pages_touched']} pages ({m['touched_pct']:.1f} %)"]
    if m["rules"]:
        lines.append("by rule: " + ", ".join(f"{r} {n}" for r, n in m["rules"].items()))
    for (before, after, rule), n in m["edits"].most_common(top):
        lines.append(f"  {n:4d}  {before!r} -> {after!r}  ({rule})")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docs", nargs="+", type=Path)
    ap.add_argument("--top", type=int, default=20, help="show this many of the most frequent edits")
    ap.add_argument("--without", action="append", default=[], metavar="RULE",
                    help="switch this rule off (repeatable)")
    ap.add_argument("--json", type=Path, help="write the measurements here")
    args = ap.parse_args(argv)
    config = Config(skip_rules=frozenset(args.without))
    summary = {}
    for path in args.docs:
        m = measure(clean_texts(path), config)
        print(report(path.name, m, args.top), flush=True)
        summary[str(path)] = {k: v for k, v in m.items() if k != "edits"}
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
