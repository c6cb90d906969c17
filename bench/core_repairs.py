#!/usr/bin/env python3
"""The words stage's compiled repairs around the decoder (issue 26) against the Python references:
fixes.py's sentence_punctuation, lower_case_i, capital_inside_sentence (rust/src/word_fixes.rs);
noise.py's clean_page, held_on_a_clean_page (rust/src/noise.rs); joins.py's join_letter_spaced,
spaced_words (rust/src/letter_spaced.rs); spelling.py's detect, swiss_word, sz_spellings,
Spelling.known_variant, Spelling.allows and tokens.protect_spelling (rust/src/spelling.rs).

    PYTHONPATH=src python bench/core_repairs.py [PAIRS.jsonl ...] [--repeat N] [--json OUT]

Queries: every call the pipeline makes to the ported functions while ``korrektor.correct`` corrects
the pages' OCR and ground-truth texts of the seven development sets (the default), recorded by
wrapping them where the stage holds them (``korrektor.stages.words``, ``korrektor.spelling``,
``Spelling``); each distinct call once, the tokens kept as their fields. The functions the compiled
ones call inside themselves (``spaced_words`` inside ``join_letter_spaced``, ``swiss_word`` and
``sz_spellings`` inside ``detect``, ``known_variant`` inside ``protect_spelling``) are recorded
while the Python references of those run on the recorded queries.

``held_on_a_clean_page``, ``Spelling.allows`` and ``tokens.protect_spelling`` are compiled for the
compiled words stage but not called from Python (a call into the core costs more than their one
comparison, or than Python's loop that reads one attribute of most tokens): the core's function is
compared and timed directly.

* parity (exit status 1 on any difference): the answer (edits with their confidences' bits, sets
  of indices, the tokens after a join with their fields, a verdict, the protected flags), and the
  offsets ``openers_before`` was asked about, in order, Python (``_py_*``) against the compiled
  function through the Python wrapper;
* speed, one thread: each function over its queries (best of ``--repeat`` passes), µs per call.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import core_common as cc  # noqa: E402

#: name -> the module attribute (or class) that holds it, in the order of the stage
FUNCTIONS = ("join_letter_spaced", "spaced_words", "protect_spelling", "known_variant", "sentence_punctuation",
             "lower_case_i", "capital_inside_sentence", "allows", "clean_page", "held_on_a_clean_page",
             "detect", "swiss_word", "sz_spellings")


def _fields(t):
    return (t.start, t.end, t.core, t.sentence_end, t.known, t.protected, t.best, t.acronym, t.lower_noun,
            t.merged, t.spaced, t.paragraph_end)


def _hexed(fields):
    return tuple(x.hex() if isinstance(x, float) else x for x in fields)


def _tokens(fields):
    from korrektor.stages.words.tokens import Token

    return [Token(*f) for f in fields]


def _edit(e):
    return (e.start, e.end, e.before, e.after, e.kind.value, e.rule, e.confidence.hex(), tuple(e.alternatives))


class Recorder:
    """The distinct calls, (name, key) -> the arguments to replay (tokens as their fields)."""

    def __init__(self) -> None:
        self.calls: dict[tuple, tuple] = {}
        self._fields: dict[tuple, tuple] = {}  # one copy of a token list's fields for all calls

    def fields(self, tokens) -> tuple:
        f = tuple(map(_fields, tokens))
        return self._fields.setdefault(f, f)

    def add(self, name, key, args) -> None:
        self.calls.setdefault((name, key), (name, *args))


def _stage():
    from korrektor.stages import words

    return words


def record(pairs: list[Path]) -> list[tuple]:
    """The distinct calls the pipeline makes, in order of first use."""
    from korrektor import spelling
    from korrektor.spelling import Spelling

    words = _stage()
    rec = Recorder()
    undo = []

    def wrap(holder, name, make_key):
        original = getattr(holder, name)

        def wrapped(*args):
            key, kept = make_key(*args)
            rec.add(name, key, kept)
            return original(*args)
        setattr(holder, name, wrapped)
        undo.append((holder, name, original))

    def tokens_call(*args):
        # (text, tokens, ...rest): the rest's sets sorted
        text, tokens, *rest = args
        f = rec.fields(tokens)
        key = (text, f, *(tuple(sorted(x)) if isinstance(x, set) else id(x) for x in rest))
        return key, (text, f, *rest)

    wrap(words, "join_letter_spaced", tokens_call)
    wrap(words, "sentence_punctuation", tokens_call)
    wrap(words, "lower_case_i", tokens_call)
    wrap(words, "capital_inside_sentence", tokens_call)
    wrap(words, "clean_page", lambda text, changes: ((text, tuple(map(_edit, changes))), (text, list(changes))))
    wrap(words, "held_on_a_clean_page", lambda e: (_edit(e), (e,)))

    def protect_call(tokens, spelling, lexicon):
        f = rec.fields(tokens)
        # the document's spelling as the stage would find it (a cached property: asking it here
        # changes nothing), kept so that the replay asks the same one
        doc = spelling()
        return (f, doc.swiss, doc.evidence, id(lexicon)), (f, doc, lexicon)
    wrap(words, "protect_spelling", protect_call)
    wrap(spelling, "detect", lambda text, lexicon: ((text, id(lexicon)), (text, lexicon)))
    wrap(Spelling, "allows", lambda self, before, after: ((self.swiss, before, after), (self, before, after)))
    try:
        cc.correct_pages(pairs)
    finally:
        for holder, name, original in reversed(undo):
            setattr(holder, name, original)
    return list(rec.calls.values())


def inner_calls(queries: list[tuple]) -> list[tuple]:
    """The calls the compiled functions make inside themselves, recorded while the Python
    references run the recorded queries."""
    from korrektor import spelling
    from korrektor.spelling import Spelling
    from korrektor.stages.words import joins, tokens

    rec = Recorder()
    undo = []

    def wrap(holder, name, make_key):
        # the Python reference answers, so that the calls it makes inside are recorded too
        original = getattr(holder, name)
        reference = getattr(holder, "_py_" + name, original)

        def wrapped(*args):
            key, kept = make_key(*args)
            rec.add(name, key, kept)
            return reference(*args)
        setattr(holder, name, wrapped)
        undo.append((holder, name, original))

    wrap(joins, "spaced_words", lambda letters, lexicon: ((letters, id(lexicon)), (letters, lexicon)))
    wrap(spelling, "swiss_word", lambda word, lexicon: ((word, id(lexicon)), (word, lexicon)))
    wrap(spelling, "sz_spellings", lambda word: ((word,), (word,)))
    wrap(Spelling, "known_variant",
         lambda self, word, lexicon: ((self.swiss, word, id(lexicon)), (self, word, lexicon)))
    try:
        for q in queries:
            if q[0] == "join_letter_spaced":
                getattr(joins, "_py_join_letter_spaced", joins.join_letter_spaced)(q[1], _tokens(q[2]), q[3])
            elif q[0] == "detect":
                getattr(spelling, "_py_detect", spelling.detect)(q[1], q[2])
            elif q[0] == "protect_spelling":
                tokens.protect_spelling(_tokens(q[1]), lambda: q[2], q[3])
    finally:
        for holder, name, original in reversed(undo):
            setattr(holder, name, original)
    return list(rec.calls.values())


def spaced_queries(queries: list[tuple], limit: int = 20_000) -> list[tuple]:
    """Letter-spaced text is rare in the sets (one text in seven sets has a run): made-up calls
    of ``join_letter_spaced`` (each recorded text's first 400 characters with every fourth word
    letter-spaced, and with all of them) and of ``spaced_words`` (one to three words of a recorded
    text run together, as a run whose word gaps are lost), so that both are compared on many runs."""
    from korrektor.lexicon import default_lexicon
    from korrektor.stages.words.tokens import tokenize

    lex = default_lexicon()
    out: list[tuple] = []
    seen: set[str] = set()
    for q in queries:
        if q[0] != "sentence_punctuation" or len(out) >= limit:
            continue
        words = q[1][:400].split(" ")
        for every in (4, 1):
            text = " ".join(" ".join(w) if k % every == 0 else w for k, w in enumerate(words))
            if text not in seen:
                seen.add(text)
                out.append(("join_letter_spaced", text, tuple(map(_fields, tokenize(text, lex))), lex))
        cores = [f[2] for f in q[2]]
        for k in range(0, len(cores), 3):
            for n in (1, 2, 3):
                letters = "".join(cores[k:k + n])
                if letters not in seen:
                    seen.add(letters)
                    out.append(("spaced_words", letters, lex))
    return out


class Openers:
    """``fixes.openers_before`` replaced by one that notes the offsets asked about."""

    def __init__(self) -> None:
        from korrektor.stages.words import fixes

        self.fixes, self.asked = fixes, []
        self.original = fixes.openers_before

    def __enter__(self):
        def asking(text, i):
            self.asked.append(i)
            return self.original(text, i)
        self.fixes.openers_before = asking
        return self

    def __exit__(self, *exc):
        self.fixes.openers_before = self.original


def functions(python: bool):
    """name -> the function (the Python reference, or the wired one)."""
    from korrektor import spelling
    from korrektor.spelling import Spelling
    from korrektor.stages.words import fixes, joins, noise, tokens

    p = "_py_" if python else ""
    out = {}
    for name, home in (("sentence_punctuation", fixes), ("lower_case_i", fixes), ("capital_inside_sentence", fixes),
                       ("clean_page", noise), ("held_on_a_clean_page", noise), ("join_letter_spaced", joins),
                       ("spaced_words", joins), ("protect_spelling", tokens), ("detect", spelling),
                       ("swiss_word", spelling), ("sz_spellings", spelling), ("known_variant", Spelling),
                       ("allows", Spelling)):
        fn = getattr(home, p + name, None)
        if fn is not None:
            out[name] = fn
    out.update(_direct() if not python else {name: getattr(home, name) for name, home in
                                          (("held_on_a_clean_page", noise), ("allows", Spelling),
                                           ("protect_spelling", tokens))})
    return out


def _direct():
    """Compiled but not called from the stage (a call into the core costs more than the one
    comparison): the core's function compared and timed directly."""
    from korrektor import _core
    from korrektor.rules import Kind

    return {"held_on_a_clean_page": lambda e: _core.held_on_a_clean_page(e, Kind.WORD),
            "allows": lambda self, before, after: _core.spelling_allows(self.swiss, before, after),
            "protect_spelling": _core_protect_spelling}


def _core_protect_spelling(tokens, spelling, lexicon):
    from korrektor import _core
    from korrektor.spelling import Spelling

    assert _core.protect_spelling(tokens, spelling, lexicon, Spelling)


def replay_args(q):
    """The arguments of the query ``q`` as the function takes them (fresh tokens)."""
    name = q[0]
    if name in ("sentence_punctuation", "lower_case_i", "capital_inside_sentence", "join_letter_spaced"):
        return (q[1], _tokens(q[2]), *q[3:])
    if name == "protect_spelling":
        doc = q[2]
        return (_tokens(q[1]), lambda: doc, q[3])
    return q[1:]


def answer(q, fn):
    """What ``fn`` answers to ``q``: comparable (floats as bits, tokens as fields)."""
    name = q[0]
    args = replay_args(q)
    if name == "sentence_punctuation":
        with Openers() as o:
            found = fn(*args)
        return [_edit(e) for e in found], o.asked
    if name in ("lower_case_i", "capital_inside_sentence"):
        return sorted(fn(*args))
    if name == "join_letter_spaced":
        return [_hexed(_fields(t)) for t in fn(*args)]
    if name == "protect_spelling":
        fn(*args)
        return [t.protected for t in args[0]]
    if name == "detect":
        found = fn(*args)
        return (found.swiss, found.evidence)
    return fn(*args)


def main() -> int:
    ap = cc.parser(__doc__, cc.SEVEN_SETS)
    args = ap.parse_args()
    report: dict = {"sets": {}, "speed": {}}
    queries = cc.record_sets(args.pairs, record, report)
    queries += inner_calls(queries)
    made_up = spaced_queries(queries)
    print(f"made up: {len(made_up):,} letter-spaced calls (see spaced_queries)")
    queries += made_up
    py, wired = functions(True), functions(False)
    diffs = []
    kinds: Counter = Counter()
    for q in queries:
        if q[0] not in py or q[0] not in wired or py[q[0]] is wired[q[0]]:
            continue
        kinds[q[0]] += 1
        want, got = answer(q, py[q[0]]), answer(q, wired[q[0]])
        if got != want:
            diffs.append((q[0], q[1] if isinstance(q[1], str) and len(q[1]) < 80 else "...", want, got))
    print(f"parity: {sum(kinds.values()):,} calls, {len(diffs)} differences"
          + (f" e.g. {diffs[:3]}" if diffs else ""))
    print("  by function:", ", ".join(f"{k}: {kinds[k]:,}" for k in FUNCTIONS if kinds[k]))
    report.update(queries=sum(kinds.values()), differences=len(diffs), kinds=dict(kinds))

    print("  python (_py_*) / compiled through the Python wrapper, µs per call")
    total_p = total_r = 0.0
    for name in FUNCTIONS:
        if not kinds[name]:
            continue
        items = [replay_args(q) for q in queries if q[0] == name]
        calls = [(py[name], wired[name])]
        p = cc.timed(lambda a: calls[0][0](*a), items, args.repeat)
        r = cc.timed(lambda a: calls[0][1](*a), items, args.repeat)
        total_p, total_r = total_p + p, total_r + r
        report["speed"][name] = [p / len(items) * 1e6, r / len(items) * 1e6]
        print(f"    {name:24} {len(items):8,}  {p / len(items) * 1e6:8.2f} / {r / len(items) * 1e6:7.2f}"
              f"  ({p / r:.1f}x; {p * 1000:.0f} / {r * 1000:.0f} ms in all)")
    if total_r:
        print(f"  all: {total_p * 1000:.0f} / {total_r * 1000:.0f} ms ({total_p / total_r:.1f}x)")
    return cc.finish(report, args.json, len(diffs))


if __name__ == "__main__":
    sys.exit(main())
