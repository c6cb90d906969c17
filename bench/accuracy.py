#!/usr/bin/env python3
"""Accuracy benchmark: korrektor on OCR/ground-truth pairs, by OCR language and degradation level.

    python bench/accuracy.py                       # ../shared/bench/dev.jsonl
    python bench/accuracy.py PAIRS.jsonl ... [--json out.json]
    python bench/accuracy.py --by rule             # what each rule's edits help and harm
    python bench/accuracy.py --without RULE ...    # ablation: the run with RULE switched off
    python bench/accuracy.py PAIRS --letters-only  # historic pages: letters and digits only

Prints the table (raw OCR vs. korrektor: CER, WER, error categories, pages made worse) by `lang`
and by `lang/degradation.level`, the calibration of the confidences, and how much korrektor changes
the ground-truth texts themselves (it should change almost nothing). With `--by rule`, instead of
the tables by lang: per rule, the characters its edits helped and harmed, each edit applied alone
to the OCR text, and how many ground-truth texts the rule changed. Paste the output into
BENCHMARKS.md with the command.

With `--letters-only` the tables and the ground-truth run score letters and digits only, the way
pages of the 19th century are scored: line-end hyphens joined, case and punctuation ignored
(:func:`letters_only` on both texts). The calibration and `--by rule` keep the standard scoring.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import time
from collections import defaultdict
from pathlib import Path

import korrektor
from korrektor.evaluate import format_table, pages_worse, score_page, summarize

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "dev.jsonl"


def get(rec, path):
    for k in path.split("."):
        rec = rec.get(k) if isinstance(rec, dict) else None
    return rec


BINS = (0.5, 0.7, 0.9, 0.99, 1.01)

# a hyphen (also Fraktur's double hyphen, and "=" and "¬" as OCR reads it) between a letter and the
# end of a line, and the letter that begins the next line
_LINE_END_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011\u00ac\u2e17=][ \t]*\n\s*(?=\w)")
_NOT_LETTER_OR_DIGIT = re.compile(r"[^\w\s]|_")


def letters_only(text: str) -> str:
    """The text as scored on letters and digits only: NFC, hyphens at line ends joined (``Ver-⏎
    fassung`` is ``verfassung``), every other character that is no letter, digit or whitespace
    dropped, lower case (``ß`` stays ``ß``), whitespace runs as one space."""
    text = _LINE_END_HYPHEN.sub("", unicodedata.normalize("NFC", text or ""))
    return " ".join(_NOT_LETTER_OR_DIGIT.sub("", text).lower().split())


def scorer(letters: bool):
    """``score_page``, or with ``letters`` the score of both texts as :func:`letters_only`."""
    if not letters:
        return score_page
    return lambda gt, hyp: score_page(letters_only(gt), letters_only(hyp))


def edit_effects(ocr: str, gt: str, edits, *, alone: bool, norm=None) -> list[tuple[int, int]]:
    """Per edit: the Levenshtein distance to the ground truth (both normalised by ``norm``, by
    default ``korrektor.evaluate.normalize``: NFC, whitespace runs as one space; or
    :func:`letters_only`) without and with that edit.

    ``alone=True``: the OCR text vs. the OCR text with only this edit (every other edit left out).
    ``alone=False``: the text with every other edit vs. the text with every edit. ``without - with``
    is the number of characters the edit helped (negative: harmed); whitespace-only edits are 0.
    """
    from rapidfuzz.distance import Levenshtein

    from korrektor.edits import apply
    from korrektor.evaluate import normalize

    norm = norm or normalize
    gt = norm(gt)

    def dist(text: str) -> int:
        return Levenshtein.distance(gt, norm(text))

    edits = list(edits)
    if alone:
        base = dist(ocr)
        return [(base, dist(ocr[:e.start] + e.after + ocr[e.end:])) for e in edits]
    full = dist(apply(ocr, edits))
    return [(dist(apply(ocr, edits[:k] + edits[k + 1:])), full) for k in range(len(edits))]


def calibration(records, results) -> str:
    """Per kind and confidence bin: how many edits made the page closer to the ground truth.

    An edit helps when the page with every edit is closer to the ground truth (normalised
    Levenshtein distance) than the page with every edit but this one; edits that change only
    whitespace count as neutral. A calibrated confidence c means about c of the edits in its
    bin that are not neutral help.
    """
    from korrektor.rules import Kind

    table = defaultdict(lambda: [0, 0, 0])  # (kind, bin) -> helped, hurt, neutral
    for r, res in zip(records, results):
        for e, (without, full) in zip(res.edits, edit_effects(r["ocr"], r["gt"], res.edits, alone=False)):
            kind = str(e.kind).rsplit("+", 1)[-1]  # a composed edit counts as its last step's kind
            b = next(i for i, hi in enumerate(BINS[1:]) if e.confidence < hi)
            table[kind, b][0 if without > full else 1 if without < full else 2] += 1
    lines = [f"{'kind':<12}{'confidence':>12}{'edits':>8}{'helped':>8}{'hurt':>6}{'neutral':>8}{'precision':>10}"]
    # the kinds in the order of korrektor.rules.Kind (speck and glyph among them), then any other
    order = {k.value: i for i, k in enumerate(Kind)}
    for (kind, b), (helped, hurt, neutral) in sorted(table.items(),
                                                     key=lambda it: (order.get(it[0][0], len(order)), it[0])):
        decided = helped + hurt
        prec = f"{helped / decided:>10.3f}" if decided else f"{'-':>10}"
        lines.append(f"{kind:<12}{f'{BINS[b]:.2f}–{min(BINS[b + 1], 1):.2f}':>12}{helped + hurt + neutral:>8}"
                     f"{helped:>8}{hurt:>6}{neutral:>8}{prec}")
    return "\n".join(lines)


def by_rule(records, results, gt_results) -> list[dict]:
    """Per rule (an edit's ``rule``; an edit two stages made together keeps its joined name,
    ``a+b``): its edits in ``results``, the characters they helped and harmed, each applied alone
    to the OCR text (:func:`edit_effects`), and how many of the ground-truth texts its edits
    changed in ``gt_results`` (korrektor run on the ``gt`` field) and by how many characters
    (each edit alone; whitespace-only changes count 0). Sorted by net, best first."""
    rows: dict[str, dict] = defaultdict(lambda: {"edits": 0, "helped": 0, "harmed": 0, "gt_texts": 0,
                                                 "gt_chars": 0})
    for r, res in zip(records, results):
        for e, (before, after) in zip(res.edits, edit_effects(r["ocr"], r["gt"], res.edits, alone=True)):
            row = rows[e.rule]
            row["edits"] += 1
            row["helped"] += max(before - after, 0)
            row["harmed"] += max(after - before, 0)
    for r, res in zip(records, gt_results):
        for rule in {e.rule for e in res.edits}:
            rows[rule]["gt_texts"] += 1
        for e, (before, after) in zip(res.edits, edit_effects(r["gt"], r["gt"], res.edits, alone=True)):
            rows[e.rule]["gt_chars"] += after - before
    out = [{"rule": rule, **row, "net": row["helped"] - row["harmed"]} for rule, row in rows.items()]
    return sorted(out, key=lambda row: (-row["net"], row["harmed"], row["rule"]))


def format_by_rule(rows: list[dict], n_gt: int) -> str:
    width = max([len("rule")] + [len(row["rule"]) for row in rows]) + 2
    lines = [f"{'rule':<{width}}{'edits':>7}{'helped':>8}{'harmed':>8}{'net':>8}{'gt texts':>10}{'gt chars':>10}"]
    for row in rows:
        lines.append(f"{row['rule']:<{width}}{row['edits']:>7}{row['helped']:>8}{row['harmed']:>8}"
                     f"{row['net']:>8}{row['gt_texts']:>10}{row['gt_chars']:>10}")
    total = {k: sum(row[k] for row in rows) for k in ("edits", "helped", "harmed", "net", "gt_chars")}
    lines.append(f"{'(all rules)':<{width}}{total['edits']:>7}{total['helped']:>8}{total['harmed']:>8}"
                 f"{total['net']:>8}{'':>10}{total['gt_chars']:>10}")
    lines.append(f"(helped/harmed: characters of Levenshtein distance to the ground truth, each edit applied alone "
                 f"to the OCR text; gt texts / gt chars: of the {n_gt} ground-truth texts, how many korrektor "
                 f"changed with this rule, and how many characters, whitespace-only changes counting 0)")
    return "\n".join(lines)


def make_config(without):
    """The korrektor configuration of the run: the default, or with the rules ``without`` skipped."""
    if not without:
        return None
    try:
        return korrektor.Config(skip_rules=frozenset(without))
    except TypeError as exc:
        raise SystemExit(f"accuracy.py: --without needs korrektor.Config(skip_rules=...), which this korrektor "
                         f"({korrektor.__file__}) does not have yet ({exc})") from None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="*", default=[str(DEFAULT)])
    ap.add_argument("--json", default=None, help="write the summaries here")
    ap.add_argument("--by", choices=("lang", "rule"), default="lang",
                    help="lang (default): tables by OCR language and degradation level, and calibration; "
                         "rule: characters helped and harmed per rule")
    ap.add_argument("--without", action="append", default=[], metavar="RULE",
                    help="skip this rule (repeatable): an ablation run, Config(skip_rules=...)")
    ap.add_argument("--letters-only", action="store_true",
                    help="score letters and digits only: line-end hyphens joined, case and punctuation "
                         "ignored (for historic pages)")
    args = ap.parse_args(argv)
    score = scorer(args.letters_only)

    config = make_config(args.without)
    if config is not None:
        print(f"config: skip_rules={', '.join(sorted(args.without))}\n")
    if args.letters_only:
        print("scoring: letters and digits only (line-end hyphens joined, case and punctuation ignored)\n")
    records = [json.loads(line) for p in args.pairs for line in open(p, encoding="utf-8") if line.strip()]
    t0 = time.perf_counter()
    results = [korrektor.correct(r["ocr"], config) for r in records]
    elapsed = time.perf_counter() - t0
    corrected = [res.text for res in results]
    chars = sum(len(r["ocr"]) for r in records)
    # korrektor on the ground truth itself: how much of correct text does it change?
    gt_results = [korrektor.correct(r["gt"], config) for r in records]

    if args.without:
        left = sorted({e.rule for res in results + gt_results for e in res.edits if e.rule in set(args.without)})
        if left:
            print(f"warning: edits of skipped rules remain: {', '.join(left)} (is skip_rules honoured?)\n",
                  file=sys.stderr)

    out = {}
    if args.by == "rule":
        rows = by_rule(records, results, gt_results)
        print("## by rule: characters helped and harmed (each edit applied alone to the OCR text)\n")
        print(format_by_rule(rows, len(records)))
        print()
        out["by_rule"] = rows
    else:
        for grouping in ("lang", "lang,degradation.level"):
            raw, fixed = defaultdict(list), defaultdict(list)
            for r, hyp in zip(records, corrected):
                key = "/".join(str(get(r, k)) for k in grouping.split(","))
                for g in (key, "ALL"):
                    raw[g].append(score(r["gt"], r["ocr"]))
                    fixed[g].append(score(r["gt"], hyp))
            order = sorted(k for k in raw if k != "ALL") + ["ALL"]
            groups = {g: {"ocr": summarize(raw[g]), "korrektor": summarize(fixed[g])} for g in order}
            worse = {g: pages_worse(raw[g], fixed[g]) for g in order}
            print(f"## by {grouping}\n")
            print(format_table(groups, worse))
            print()
            out[grouping] = {g: {s: v.to_dict() for s, v in d.items()} | {"pages_worse": worse[g]}
                             for g, d in groups.items()}

        print("## calibration: does each edit help? (edit applied vs. all other edits applied)\n")
        print(calibration(records, results))
        print()

    gt_scores = [score(r["gt"], res.text) for r, res in zip(records, gt_results)]
    gt_changed = sum(s.char_errors for s in gt_scores) / max(sum(s.chars for s in gt_scores), 1)
    print(f"ground-truth run: {100 * gt_changed:.4f}% of ground-truth characters changed "
          f"({sum(s.char_errors > 0 for s in gt_scores)} of {len(gt_scores)} pages touched)")
    print(f"speed (single process, incl. start-up of the language data): {chars / elapsed:,.0f} chars/s "
          f"over {chars:,} chars")
    out["gt_run_changed"] = gt_changed
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
