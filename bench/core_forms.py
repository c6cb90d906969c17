#!/usr/bin/env python3
"""The compiled word-form layer and compound analysis (korrektor._core.Lexicon, issue 26) against
the Python Lexicon of the commit before the port (bench/reference.py).

    PYTHONPATH=src python3 bench/core_forms.py [PAIRS.jsonl] [--repeat N] [--json OUT] [--quick]

Words: every whitespace-separated token of the pages' OCR and ground truth (fields ``ocr`` and
``gt``), stripped of the punctuation at its ends (as bench/core_lexicon.py splits them), each
also lower-cased, capitalised and upper-cased; distinct, in the order of the pages. Every stored
form (corpus and supplement) and every protected form besides, for the cheap methods
(``--quick``: the tokens only).

* parity (must be identical; exit status 1 otherwise): every method of ``Forms`` against the
  Python method of the same name, on every word (``compound_split``: equal tuples or both
  ``None``); the protected nouns as sets; ``compounds_one_edit_away`` on the tokens with the
  letters the word stage passes;
* speed, one thread: per call, Python against Rust, for ``compound_split``, ``known`` and
  ``is_form`` over the distinct tokens: cold (a fresh Python Lexicon and a fresh Rust Forms, so
  that their memos of splits are empty) and warm (the same words again).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import DEV_BENCH, EDGE_PUNCT, parser, verdict, write_report  # noqa: E402

# the letters the word stage gives compounds_one_edit_away (stages/words: umlauts and the
# confusable letters); any set will do for parity
LETTERS = "aeiouäöülnrmthfcbs"


def tokens_of(pairs: Path) -> list[str]:
    tokens: dict[str, None] = {}
    for line in pairs.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        for field in ("ocr", "gt"):
            for tok in (page.get(field) or "").split():
                tok = EDGE_PUNCT.sub("", tok)
                if tok:
                    for v in (tok, tok.lower(), tok.capitalize(), tok.upper()):
                        tokens.setdefault(v)
    return list(tokens)


def per_call(fn, items) -> float:
    t = time.perf_counter()
    for w in items:
        fn(w)
    return (time.perf_counter() - t) / len(items)


def main() -> int:
    ap = parser(__doc__, DEV_BENCH)
    ap.add_argument("--quick", action="store_true", help="the tokens only, not every stored form")
    ap.add_argument("--dump-words", metavar="FILE",
                    help="write the tokens, one a line, for rust/examples/bench_forms.rs, and stop")
    args = ap.parse_args()
    if args.dump_words:
        Path(args.dump_words).write_text("".join(f"{w}\n" for w in tokens_of(Path(args.pairs))), encoding="utf-8")
        return 0

    from reference import package

    from korrektor import _core
    from korrektor.lexicon import _data_dir

    # the Python lexicon of the commit before the port (its code left the package)
    ref = package()
    Lexicon, modern_spelling, confusion_twins = ref.lexicon.Lexicon, ref.lexicon.modern_spelling, ref.compounds.confusion_twins

    t = time.perf_counter()
    py = Lexicon.load()
    t_py = time.perf_counter() - t
    t = time.perf_counter()
    rs = _core.Lexicon(str(_data_dir()))
    t_rs = time.perf_counter() - t
    print(f"load: Python Lexicon {t_py * 1000:.0f} ms, Rust Forms {t_rs * 1000:.1f} ms")

    tokens = tokens_of(Path(args.pairs))
    stored = [] if args.quick else list(dict.fromkeys([*py._counts, *sorted(py._protected)]))
    every = list(dict.fromkeys(tokens + stored))
    print(f"{len(tokens):,} distinct tokens and case variants, {len(stored):,} stored and protected forms")

    split = hasattr(rs, "compound_split")
    cheap = [
        ("count", py.count, rs.count),
        ("count_ci", py.count_ci, rs.count_ci),
        ("_variant", py._variant, rs._variant),
        ("is_form", py.is_form, rs.is_form),
        ("varieties", py.varieties, rs.varieties),
        ("_is_protected", py._is_protected, rs._is_protected),
        ("noun_in_lower_case", py.noun_in_lower_case, rs.noun_in_lower_case),
        ("is_supplement", py.is_supplement, rs.is_supplement),
        ("modern_spelling", modern_spelling, rs._modern_spelling),
        ("old_spelling", py.old_spelling, rs.old_spelling),
        ("spelt_before_1996", py.spelt_before_1996, rs.spelt_before_1996),
        ("shadowed", py.shadowed, rs.shadowed),
        ("confusion_twins", lambda w: list(confusion_twins(w)), rs._confusion_twins),
    ]
    dear = []
    if split:
        cheap += [
            ("word_and_head", py.word_and_head, rs.word_and_head),
            ("_noun_count", lambda w: py._noun_count(w) if w else None, lambda w: rs._noun_count(w) if w else None),
            ("_shadowed", py._shadowed, rs._shadowed),
            ("_piece_known", py._piece_known, rs._piece_known),
        ]
        dear = [
            ("compound_split", py.compound_split, rs.compound_split),
            ("known", py.known, rs.known),
            ("_fewer_parts_restored (3 parts)", lambda w: py._fewer_parts_restored(w, 3),
             lambda w: rs._fewer_parts_restored(w, 3)),
        ]
    report: dict = {"tokens": len(tokens), "stored": len(stored), "parity": {}, "speed": {}}
    bad = 0

    def compare(name, items, want, got):
        nonlocal bad
        diffs = []
        for w in items:
            a, b = want(w), got(w)
            if a != b:
                diffs.append((w, a, b))
        bad += len(diffs)
        report["parity"][name] = {"queries": len(items), "differences": len(diffs), "examples": diffs[:5]}
        print(f"parity {name}: {len(items):,} queries, {len(diffs)} differences" + (f" e.g. {diffs[:3]}" if diffs else ""))

    for name, want, got in cheap:
        compare(name, every, want, got)
    for name, want, got in dear:
        compare(name, every if name == "compound_split" else tokens, want, got)
    if split:
        compare("compounds_one_edit_away", tokens, lambda w: py.compounds_one_edit_away(w, LETTERS),
                lambda w: rs.compounds_one_edit_away(w, LETTERS))
    if split:
        scores = py._mod_score
        compare("modifier_prefixes (marisa's order)", list(dict.fromkeys(w.lower() for w in every)),
                lambda w: [(a, scores[i]) for a, i in py._mods.iter_prefixes_with_ids(w)], rs._modifier_prefixes)
        compare("head", list(py._heads), py._heads.get, rs._head)
        compare("modifier_score", py._mods.keys(), lambda k: scores[py._mods[k]], rs._modifier_score)
    nouns_ok = set(py.protected_nouns.keys()) == set(rs.protected_nouns)
    bad += not nouns_ok
    print(f"parity protected_nouns: {'identical' if nouns_ok else 'DIFFERENT'} ({len(rs.protected_nouns):,} nouns)")

    if split:
        print(f"\nper call, one thread, {len(tokens):,} distinct tokens (cold: a fresh Python Lexicon; best of {args.repeat}):")
        for name in ("compound_split", "known", "is_form"):
            cold = min(per_call(getattr(Lexicon.load(), name), tokens) for _ in range(args.repeat))
            lex = Lexicon.load()
            per_call(getattr(lex, name), tokens)
            warm = min(per_call(getattr(lex, name), tokens) for _ in range(args.repeat))
            rust_cold = min(per_call(getattr(_core.Lexicon(str(_data_dir())), name), tokens)
                            for _ in range(args.repeat))
            fresh = _core.Lexicon(str(_data_dir()))
            per_call(getattr(fresh, name), tokens)
            rust_warm = min(per_call(getattr(fresh, name), tokens) for _ in range(args.repeat))
            report["speed"][name] = {"python_cold_us": cold * 1e6, "python_warm_us": warm * 1e6,
                                     "rust_cold_us": rust_cold * 1e6, "rust_warm_us": rust_warm * 1e6}
            print(f"  {name:15} Python cold {cold * 1e6:6.2f} µs, warm {warm * 1e6:5.2f} µs; "
                  f"Rust cold {rust_cold * 1e6:5.2f} µs, warm {rust_warm * 1e6:5.2f} µs")
    write_report(args.json, report, ensure_ascii=False)
    return verdict(bad)


if __name__ == "__main__":
    sys.exit(main())
