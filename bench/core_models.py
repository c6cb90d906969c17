#!/usr/bin/env python3
"""The Rust ports of the other language data (issue 26) against the Python modules: the character
model, the context model, the twin readings and ``Lexicon.similar_forms``.

    python bench/core_models.py [PAGES.jsonl] [--repeat N] [--json OUT] [--quick]
    python bench/core_models.py --dump-words FILE   # for rust/examples/bench_models.rs

Queries, from the OCR pages and their ground truth (fields ``ocr`` and ``gt``): every token, as
``korrektor.german.WORD_RE`` finds them (what the word stage sees) and as whitespace splits them
(with their punctuation: odd characters too); in the order of the pages, repeats kept.

* parity (must be bit-identical; exit status 1 otherwise):
  - ``CharModel.letter_logps`` and ``worst`` on every distinct token (``float.hex``);
  - ``ContextModel.knows`` for every adjacent pair of tokens, every token and its umlaut twin,
    every token and each pair partner; ``log_ratio`` for every token that is a member of a
    known pair against its partner (both ways), in its sentence's context as the word stage
    builds it (``passes._sentence_context``: the sentence's other words lower-cased, and the
    clause end's features), and every pair of the model in the contexts of the first sentences;
    ``clause_end_features`` at every token; ``CLAUSE_BREAK_RE.search`` between every two
    adjacent tokens of a page (``clause_break``);
  - the twin readings: ``twin_filter`` (the shipped list, the header check), membership of every
    token, ``umlaut_readings`` of the channel tables of eleven profile weights (order and bits),
    ``twin_readings`` computed again (the list the data build writes) against Python's;
  - ``Lexicon.similar_forms(token, max_edits, min_count)`` for every distinct token of two or
    more letters with the word stage's parameters (2 edits, 500 and 20 times) and 1 edit, 200;
* speed, one thread, calls per second (best of ``--repeat`` passes): Python's method, Rust a call
  per query (and a call per list where there is one);
* load time and peak memory of each model: fresh interpreters (median of 5; ``VmHWM``) that import
  korrektor, then load the Python or the Rust model.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import DEV_BENCH, LOAD_END, finish, fresh, page_texts, parser, print_loads, rate  # noqa: E402

#: the word stage's calls of similar_forms (nearby.NEAR_WORDS, FAR_WORDS), and one more
SIMILAR_PARAMS = ((2, 500), (2, 20), (1, 200))
WEIGHTS = tuple(i / 10 for i in range(11))

LOAD = """
import sys, time
mode = sys.argv[1]
import korrektor
from korrektor import _core
d = str(korrektor.__path__[0]) + "/data"
if mode.startswith("python-similar"):
    from korrektor.lexicon import Lexicon
    lex = Lexicon.load()
    import gc; gc.collect()
t = time.perf_counter()
if mode == "python-charmodel":
    from korrektor.charmodel import CharModel
    m = CharModel.load()
elif mode == "rust-charmodel":
    m = _core.CharModel.load(d)
elif mode == "python-context":
    from korrektor.context import ContextModel
    m = ContextModel.load()
elif mode == "rust-context":
    m = _core.ContextModel.load(d)
elif mode == "python-twins":
    from korrektor.twins import _shipped_twin_readings
    m = _shipped_twin_readings()
elif mode == "rust-twins":
    m = _core.TwinReadings.load(d)
elif mode == "python-similar":  # the first queries build the indexes of both min_counts
    lex.similar_forms("Bundesregierung", 2, 500)
    lex.similar_forms("Bundesregierung", 2, 20)
elif mode == "rust-similar":
    m = _core.SimilarForms.load(d)
    m.similar_forms("Bundesregierung", 2, 500)
    m.similar_forms("Bundesregierung", 2, 20)
elif mode == "rust-similar-load":
    m = _core.SimilarForms.load(d)
""" + LOAD_END
LOAD_MODES = ("bare", "python-charmodel", "rust-charmodel", "python-context", "rust-context", "python-twins",
              "rust-twins", "python-similar-bare", "python-similar", "rust-similar-load", "rust-similar")


def pages(path: Path) -> list[str]:
    """Every page's OCR and ground truth."""
    return page_texts(path)


def word_tokens(text: str):
    """The word tokens of ``text`` as match objects, with whether a sentence ends after each."""
    from korrektor.german import WORD_RE

    ms = list(WORD_RE.finditer(text))
    ends = [any(c in ".!?" for c in text[m.end():n.start()]) for m, n in zip(ms, ms[1:])] + [True]
    return ms, ends


def tokens_of(texts: list[str]) -> list[str]:
    out = []
    for text in texts:
        out += [m.group() for m in word_tokens(text)[0]]
        out += [w for w in text.split()]
    return out


def sentence_contexts(texts: list[str]):
    """(word, context) for every word token, the context as ``passes._sentence_context`` builds it
    (the token's own form standing for its decision); and (text, pos, endpos) between adjacent
    tokens, the clause-break queries."""
    from korrektor.context import CLAUSE_BREAK_RE, clause_end_features

    contexts, breaks, rests = [], [], []
    for text in texts:
        ms, ends = word_tokens(text)
        words = [m.group() for m in ms]
        for k in range(len(ms) - 1):
            breaks.append((text, ms[k].end(), ms[k + 1].start()))
        start = 0
        for i in range(len(ms)):
            if i > 0 and ends[i - 1]:
                start = i
            end = i
            while end < len(ms) - 1 and not ends[end]:
                end += 1
            clause_end = i
            while clause_end < end and not CLAUSE_BREAK_RE.search(text, ms[clause_end].end(), ms[clause_end + 1].start()):
                clause_end += 1
            rest = words[i + 1:clause_end + 1]
            rests.append(rest)
            ctx = {words[j].lower() for j in range(start, end + 1) if abs(j - i) > 1} | clause_end_features(rest)
            contexts.append((words[i], ctx))
    return contexts, breaks, rests


def hexes(xs) -> list[str]:
    return [x.hex() for x in xs]


def strip_umlauts(w: str) -> str:
    return w.translate(str.maketrans("äöüÄÖÜß", "aouAOUs"))


def main() -> int:
    ap = parser(__doc__, None, repeat=5, json_out=False)
    ap.add_argument("pages", nargs="?", default=str(DEV_BENCH))
    ap.add_argument("--quick", action="store_true", help="no load measurements, one speed pass")
    ap.add_argument("--json", help="write the numbers here too")
    ap.add_argument("--dump-words", metavar="FILE",
                    help="write the tokens, one a line, for rust/examples/bench_models.rs and stop")
    args = ap.parse_args()
    if args.dump_words:
        words = [w for w in tokens_of(pages(Path(args.pages))) if "\n" not in w and "\r" not in w]
        Path(args.dump_words).write_text("".join(w + "\n" for w in words), encoding="utf-8")
        return 0
    repeat = 1 if args.quick else args.repeat

    load = {} if args.quick else {mode: fresh(LOAD, mode) for mode in LOAD_MODES}

    from korrektor import _core
    from korrektor.charmodel import CharModel
    from korrektor.context import CLAUSE_BREAK_RE, ContextModel, clause_end_features
    from korrektor.errormodel import Profile, default_error_model
    from korrektor.lexicon import _data_dir, default_lexicon
    from korrektor.twins import twin_filter, twin_readings, umlaut_readings

    data = str(_data_dir())
    texts = pages(Path(args.pages))
    tokens = tokens_of(texts)
    distinct = list(dict.fromkeys(tokens))
    print(f"{len(texts)} texts: {len(tokens):,} tokens ({len(distinct):,} distinct)")
    report: dict = {"tokens": len(tokens), "distinct": len(distinct), "parity": {}, "speed": {}, "load": {}}
    bad = 0

    def check(name, n, diffs):
        nonlocal bad
        bad += len(diffs)
        report["parity"][name] = {"queries": n, "differences": len(diffs)}
        print(f"parity {name}: {n:,} queries, {len(diffs)} differences" + (f" e.g. {diffs[:5]}" if diffs else ""))

    speed_rows = []

    def speed(group, what, fn, n):
        v = rate(fn, n, repeat)
        speed_rows.append((group, what, v))
        report["speed"][f"{group}: {what}"] = v

    # ------------------------------------------------------------------ character model
    py_cm, rs_cm = CharModel.load(), _core.CharModel.load(data)
    d = [w for w in distinct if hexes(py_cm.letter_logps(w)) != hexes(rs_cm.letter_logps(w))]
    check("CharModel.letter_logps", len(distinct), d)
    d = [w for w in distinct if py_cm.worst(w).hex() != rs_cm.worst(w).hex()]
    check("CharModel.worst", len(distinct), d)
    ok = rs_cm.worst_many(tokens) == [rs_cm.worst(w) for w in tokens]
    check("CharModel.worst_many vs single calls", len(tokens), [] if ok else ["different"])
    uncached = CharModel.load()
    speed("worst", "Python min(letter_logps(w)) (uncached)", lambda: [min(uncached.letter_logps(w)) for w in tokens],
          len(tokens))
    speed("worst", "Python worst(w), every token in its cache", lambda: [py_cm.worst(w) for w in tokens], len(tokens))
    rs_worst = rs_cm.worst
    speed("worst", "Rust worst, a call per token", lambda: [rs_worst(w) for w in tokens], len(tokens))
    speed("worst", "Rust worst_many, one call (GIL released)", lambda: rs_cm.worst_many(tokens), len(tokens))
    speed("letter_logps", "Python letter_logps", lambda: [uncached.letter_logps(w) for w in tokens], len(tokens))
    speed("letter_logps", "Rust letter_logps", lambda: [rs_cm.letter_logps(w) for w in tokens], len(tokens))

    # ------------------------------------------------------------------ context model
    py_cx, rs_cx = ContextModel.load(), _core.ContextModel.load(data)
    partners: dict[str, list[str]] = {}
    for a, b in py_cx._pairs:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    knows_q = list(zip(tokens, tokens[1:])) + [(w, strip_umlauts(w)) for w in tokens]
    knows_q += [(w, p) for w in tokens for p in partners.get(w, ())]
    d = [q for q in knows_q if py_cx.knows(*q) != rs_cx.knows(*q)]
    check("ContextModel.knows", len(knows_q), d)
    contexts, breaks, rests = sentence_contexts(texts)
    ratio_q = [(w, p, ctx) for w, ctx in contexts for p in partners.get(w, ())]
    ratio_q += [(p, w, ctx) for w, p, ctx in ratio_q]
    first = [ctx for _, ctx in contexts[:200:4]]
    ratio_q += [(a, b, ctx) for a, b in py_cx._pairs for ctx in first]
    ratio_q += [(b, a, ctx) for a, b in py_cx._pairs for ctx in first[:5]]
    nonzero = sum(1 for q in ratio_q if py_cx.log_ratio(*q) != 0.0)
    d = [q[:2] for q in ratio_q if py_cx.log_ratio(*q).hex() != rs_cx.log_ratio(*q).hex()]
    check(f"ContextModel.log_ratio ({nonzero:,} not 0)", len(ratio_q), d)
    d = [r for r in rests if clause_end_features(r) != _core.clause_end_features(r)]
    check("clause_end_features", len(rests), d)
    d = [(t[p - 5:e + 5], p, e) for t, p, e in breaks
         if (CLAUSE_BREAK_RE.search(t, p, e) is not None) != _core.clause_break(t, p, e)]
    check(f"clause_break ({sum(1 for q in breaks if _core.clause_break(*q)):,} breaks)", len(breaks), d)
    knows_many = knows_q * 1
    speed("knows", "Python knows", lambda: [py_cx.knows(a, b) for a, b in knows_many], len(knows_many))
    speed("knows", "Rust knows, a call per query", lambda: [rs_cx.knows(a, b) for a, b in knows_many], len(knows_many))
    speed("log_ratio", "Python log_ratio", lambda: [py_cx.log_ratio(*q) for q in ratio_q], len(ratio_q))
    speed("log_ratio", "Rust log_ratio (the set converted)", lambda: [rs_cx.log_ratio(*q) for q in ratio_q],
          len(ratio_q))
    some = [(text[:200], p % 200, e % 200) for text, p, e in breaks[:20000]]
    speed("clause_break", "Python CLAUSE_BREAK_RE.search", lambda: [CLAUSE_BREAK_RE.search(*q) for q in some],
          len(some))
    speed("clause_break", "Rust clause_break (texts of 200 characters)", lambda: [_core.clause_break(*q) for q in some],
          len(some))

    # ------------------------------------------------------------------ twins
    lex, em = default_lexicon(), default_error_model()
    py_filter = twin_filter(lex, em)
    rs_filter = _core.twin_filter(data, lex.fingerprint, em.fingerprint)
    d = [] if (py_filter is not None and rs_filter is not None and py_filter == rs_filter.forms()) else ["filter"]
    check("twin_filter (the shipped list, header matching)", 1, d)
    wrong = _core.twin_filter(data, lex.fingerprint + "x", em.fingerprint)
    check("twin_filter with another fingerprint is None", 1, [] if wrong is None else ["not None"])
    d = [w for w in distinct if (w in py_filter) != (w in rs_filter)]
    check("twin readings: membership", len(distinct), d)
    d = []
    for w in WEIGHTS:
        table = em.table(Profile(f"w{w}", w, 0.0, 0))
        want, got = umlaut_readings(table), _core.umlaut_readings(table)
        as_hex = lambda r: [(k, [(t, lp.hex()) for t, lp in v]) for k, v in r.items()]  # noqa: E731
        if as_hex(want) != as_hex(got):
            d.append(w)
    check("umlaut_readings (11 profile weights, order and bits)", len(WEIGHTS), d)
    t = time.perf_counter()
    want = twin_readings(lex, em)
    t_py = time.perf_counter() - t
    t = time.perf_counter()
    got = _core.twin_readings(list(lex.forms), dict(em.umlaut_confusions()), lex.count, lex.is_supplement)
    t_rs = time.perf_counter() - t
    check(f"twin_readings ({len(want):,} readings; Python {t_py:.2f} s, Rust with Python's lookups {t_rs:.2f} s)",
          1, [] if want == got else [len(want), len(got)])
    check("twin_readings == the shipped list", 1, [] if set(want) == py_filter else ["stale"])
    speed("twin membership", "Python w in frozenset", lambda: [w in py_filter for w in tokens], len(tokens))
    speed("twin membership", "Rust w in TwinReadings", lambda: [w in rs_filter for w in tokens], len(tokens))
    for w in (0.0, 1.0):
        table = em.table(Profile(f"w{w}", w, 0.0, 0))
        from korrektor.twins import _UMLAUT_READINGS
        _UMLAUT_READINGS.clear()
        speed("umlaut_readings", f"Python (weight {w}, uncached)",
              lambda: (_UMLAUT_READINGS.clear(), umlaut_readings(table)), 1)
        speed("umlaut_readings", f"Rust (weight {w})", lambda: _core.umlaut_readings(table), 1)

    # ------------------------------------------------------------------ similar_forms
    rs_sim = _core.SimilarForms.load(data)
    words = [w for w in distinct if len(w) >= 2]
    for max_edits, min_count in SIMILAR_PARAMS:
        d = [w for w in words
             if lex.similar_forms(w, max_edits, min_count) != rs_sim.similar_forms(w, max_edits, min_count)]
        found = sum(1 for w in words if rs_sim.similar_forms(w, max_edits, min_count))
        check(f"similar_forms(w, {max_edits}, {min_count}) ({found:,} with forms)", len(words), d)
    pick = words[:3000]
    for max_edits, min_count in SIMILAR_PARAMS[:2]:
        speed("similar_forms", f"Python ({max_edits}, {min_count}), pools cached",
              lambda: [lex.similar_forms(w, max_edits, min_count) for w in pick], len(pick))
        speed("similar_forms", f"Rust ({max_edits}, {min_count})",
              lambda: [rs_sim.similar_forms(w, max_edits, min_count) for w in pick], len(pick))

    print(f"\ncalls per second, one thread (best of {repeat} passes):")
    for group, what, v in speed_rows:
        print(f"  {group:16} {what:50} {v:>14,.0f}/s {1e6 / v:10.2f} µs")
    if load:
        print("\nfresh process that imports korrektor, load only (median of 5): load time, peak RSS")
        print_loads(load, report, 20, "9.2f")
    return finish(report, args.json, bad, same="bit-identical")


if __name__ == "__main__":
    sys.exit(main())
