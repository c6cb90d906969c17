#!/usr/bin/env python3
"""The Rust lexicon core (korrektor._core.Lexicon, issue 26 step 1) against the Python Lexicon.

    python bench/core_lexicon.py [PAIRS.jsonl] [--repeat N] [--json OUT]

Words: every whitespace-separated token of the OCR pages (field ``ocr``), stripped of the
punctuation at its ends, and every prefix of them (code points); the queries are these, once
each, in the order of the pages.

* parity (must be identical; exit status 1 otherwise):
  - ``count(w)``: Python ``Lexicon.count`` vs Rust ``count``;
  - exact membership: ``w in Lexicon._counts`` (the ASCII apostrophe read as U+2019, as in
    ``Lexicon.is_form``/``known``'s first test) vs Rust ``contains``;
  - the word id (``Lexicon._ids``, the bigram row) vs Rust ``word_id``;
  - ``has_prefix(p)`` on the words and their prefixes, against a set of every prefix of every
    form built here (what the Python lexicon held before the core answered the prefix test);
  - and exhaustively: every key of the Python dict of counts, every element of that set;
* speed, one thread, lookups per second: Python's ``count``, the dict and the set themselves
  (``_counts.get``, ``__contains__``); Rust called
  once per word, and once per list (``*_many``, GIL released);
* load time and resident memory: fresh interpreters that import korrektor and load (median of
  5; peak resident memory, ``VmHWM``), against one that only imports (``bare``): Python (the time includes importing
  korrektor.lexicon; it loads the core too), Rust mapped (``lexicon.core``) and built
  from the text sources.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import DEV_BENCH, EDGE_PUNCT, LOAD_END, finish, fresh, parser, print_loads, rate  # noqa: E402

LOAD = """
import sys, time
mode = sys.argv[1]
import korrektor
from korrektor import _core
d = str(korrektor.__path__[0]) + "/data"
t = time.perf_counter()
if mode == "python":  # the Python lexicon of the commit before the port
    sys.path.insert(0, sys.argv[2])
    from reference import package
    lex = package().lexicon.Lexicon.load()
elif mode == "rust":
    lex = _core.Lexicon(d)
    assert lex.origin == "mapped", lex.origin
elif mode == "rust-built":
    lex = _core.Lexicon.build(d)
""" + LOAD_END


def words_of(pairs: Path) -> tuple[list[str], list[str]]:
    tokens = []
    for line in pairs.read_text(encoding="utf-8").splitlines():
        for tok in json.loads(line)["ocr"].split():
            tok = EDGE_PUNCT.sub("", tok)
            if tok:
                tokens.append(tok)
    prefixes = list(dict.fromkeys(t[:i] for t in tokens for i in range(0, len(t) + 1)))
    return tokens, prefixes


def per_second(fn, items, repeat: int) -> float:
    """Lookups per second: best of ``repeat`` passes of ``fn`` over ``items`` (one call)."""
    return rate(lambda: fn(items), len(items), repeat)


def loop(method):
    def run(items):
        for w in items:
            method(w)
    return run


def main() -> int:
    ap = parser(__doc__, DEV_BENCH, repeat=5)
    ap.add_argument("--dump-words", metavar="FILE",
                    help="write the queries (t<TAB>token, p<TAB>prefix) for rust/examples/bench_lexicon.rs and stop")
    args = ap.parse_args()
    tokens, prefixes = words_of(Path(args.pairs))
    if args.dump_words:
        Path(args.dump_words).write_text("".join(f"t\t{w}\n" for w in tokens) + "".join(f"p\t{p}\n" for p in prefixes),
                                         encoding="utf-8")
        return 0

    # fresh processes first: this one's memory is still small (a child starts as its copy)
    load = {mode: fresh(LOAD, mode, str(Path(__file__).parent)) for mode in ("bare", "python", "rust", "rust-built")}

    from reference import package

    from korrektor import _core
    from korrektor.lexicon import _data_dir

    py = package().lexicon.Lexicon.load()  # the Python lexicon of the commit before the port
    # the reference for the prefix test: the set of every prefix of every form, which the Python
    # lexicon held before the core answered it (its has_prefix is now the core's)
    prefix_set = frozenset(w[:i] for w in (*py.forms, *py._supplement) for i in range(1, len(w) + 1))
    rs = _core.Lexicon(str(_data_dir()))
    print(f"{len(tokens):,} tokens ({len(set(tokens)):,} distinct), {len(prefixes):,} distinct prefixes; "
          f"Rust lexicon: {rs.origin}, {rs.stored_forms:,} forms")

    counts = py._counts
    ids = py._ids

    def py_contains(w):
        return w in counts or ("'" in w and w.replace("'", "’") in counts)

    def py_id(w):
        i = ids.get(w)
        return ids.get(w.replace("'", "’")) if i is None and "'" in w else i

    report: dict = {"tokens": len(tokens), "prefixes": len(prefixes), "parity": {}, "speed": {}, "load": {}}
    bad = 0
    checks = [
        ("count", tokens + prefixes, py.count, rs.count),
        ("contains", tokens + prefixes, py_contains, rs.contains),
        ("word_id", tokens + prefixes, py_id, rs.word_id),
        ("has_prefix", tokens + prefixes, lambda p: p in prefix_set or not p, rs.has_prefix),
        ("count, every stored form", list(counts), counts.__getitem__, rs.count),
        ("has_prefix, every prefix", list(prefix_set), lambda p: True, rs.has_prefix),
    ]
    for name, items, want, got in checks:
        diffs = [(w, want(w), got(w)) for w in items if want(w) != got(w)]
        bad += len(diffs)
        report["parity"][name] = {"queries": len(items), "differences": len(diffs)}
        print(f"parity {name}: {len(items):,} queries, {len(diffs)} differences" + (f" e.g. {diffs[:3]}" if diffs else ""))
    if rs.stored_forms != len(counts):
        bad += 1
        print(f"parity len: Python {len(counts):,} forms, Rust {rs.stored_forms:,}")
    batch_ok = (rs.count_many(tokens) == [rs.count(w) for w in tokens]
                and rs.has_prefix_many(prefixes) == [rs.has_prefix(p) for p in prefixes])
    bad += not batch_ok
    print(f"parity *_many vs single calls: {'identical' if batch_ok else 'DIFFERENT'}")

    r = args.repeat
    rows = [
        ("count", "Python Lexicon.count", per_second(loop(py.count), tokens, r)),
        ("count", "Python _counts.get (the dict itself)", per_second(loop(counts.get), tokens, r)),
        ("count", "Rust count, a call per word", per_second(loop(rs.count), tokens, r)),
        ("count", "Rust count_many, one call (GIL released)", per_second(rs.count_many, tokens, r)),
        ("contains", "Python `w in _counts`", per_second(loop(counts.__contains__), tokens, r)),
        ("contains", "Rust contains, a call per word", per_second(loop(rs.contains), tokens, r)),
        ("has_prefix", "Python set of prefixes, __contains__", per_second(loop(prefix_set.__contains__), prefixes, r)),
        ("has_prefix", "Rust has_prefix, a call per prefix", per_second(loop(rs.has_prefix), prefixes, r)),
        ("has_prefix", "Rust has_prefix_many, one call (GIL released)", per_second(rs.has_prefix_many, prefixes, r)),
    ]
    print("\nlookups per second, one thread (best of %d passes):" % r)
    for op, what, v in rows:
        report["speed"][what] = v
        print(f"  {op:10} {what:48} {v / 1e6:6.2f} M/s")

    print("\nfresh process, load only (median of 5): load time, peak RSS")
    print_loads(load, report, 16)
    return finish(report, args.json, bad)


if __name__ == "__main__":
    sys.exit(main())
