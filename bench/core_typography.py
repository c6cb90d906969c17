#!/usr/bin/env python3
"""The typography stage compiled (korrektor._core.typography, rust/src/typography/; issue 26)
against the Python stage (stages/typography/__init__.py's _py_run with every fix's _py_<name>).

    PYTHONPATH=src python bench/core_typography.py [PAIRS.jsonl ...] [--repeat N] [--json OUT]

Queries: every call the pipeline makes to the stage while ``korrektor.correct`` corrects the pages'
OCR and ground-truth texts (the text, ``ctx.printed_layout``, whether the engine lacked umlauts,
``Config.skip_rules``; each distinct call once), recorded by wrapping the stage in
``pipeline.STAGES``; and every fix call the Python stage makes on them (the fix's name, the text
it sees, the page's style). Default sets: the seven development sets.

* parity (exit status 1 on any difference): the stage's edits (offsets, texts, kinds, rules, the
  confidences' bits, alternatives), the page's style (the en-dash probability's bits) and each fix's
  changes, compiled against Python;
* speed, one thread: the stage per call (compiled, through ``typography.run``, against ``_py_run``
  with every fix in Python), the style, and each fix (``_core.typography_fix`` against
  ``_py_<name>``), best of ``--repeat`` passes, µs per call.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import SEVEN_SETS, edit_rows, finish, parser, record_sets, stage_calls, timed  # noqa: E402


def record(paths: list[Path]) -> list[tuple[str, bool, bool, tuple[str, ...]]]:
    """The distinct stage calls: (text, printed_layout, lacks_umlauts, skip_rules)."""
    from korrektor.stages import typography as T

    return stage_calls(paths, "typography", lambda text, ctx: (
        text, ctx.printed_layout, T._lacks_umlauts(ctx), tuple(sorted(ctx.config.skip_rules))))


_rows = edit_rows


def _core_rows(rows) -> list[tuple] | None:
    if rows is None:
        return None
    return [(s, e, b, a, k, r, c.hex(), tuple(alts)) for s, e, b, a, k, r, c, alts in rows]


def python_fixes():
    """Each fix's Python body (``_py_<name>``) under the fix's name (what ``run_fixes`` skips by)."""
    from korrektor.stages import typography as T

    out = []
    for fix in T.FIXES:
        py = getattr(sys.modules[fix.__module__], "_py_" + fix.__name__)

        def named(text, style, py=py):
            return py(text, style)

        named.__name__ = fix.__name__
        out.append(named)
    return out


def python_stage(text: str, printed: bool, lacks: bool, skip: tuple[str, ...], calls: list | None = None):
    """The stage all in Python (``_py_run``'s steps with every fix's ``_py_`` body); each fix call
    appended to ``calls`` as (name, text, style)."""
    from korrektor.edits import run_fixes
    from korrektor.stages.typography import style as S

    page = replace(S._py_detect_style(text, printed, correlated=lacks), dash_threshold=S._dash_threshold(lacks))
    fixes = python_fixes()
    if calls is not None:
        def noting(fix):
            def noted(current, style):
                calls.append((fix.__name__, current, style))
                return fix(current, style)
            noted.__name__ = fix.__name__
            return noted
        fixes = [noting(f) for f in fixes]
    return run_fixes(text, fixes, page, skip=skip)


def main() -> int:
    ap = parser(__doc__, SEVEN_SETS)
    args = ap.parse_args()
    from korrektor import _core
    from korrektor.stages import typography as T
    from korrektor.stages.typography import style as S

    if T._CHECKED is None:
        print("the compiled stage does not answer here (KORREKTOR_PY_SEARCH=1, or a core that differs)")
        return 1
    report: dict = {"sets": {}, "speed": {}}
    queries = record_sets(args.pairs, record, report, "distinct stage calls")
    report["calls"] = len(queries)
    bad = 0
    fix_calls: list[tuple] = []
    styles: set[tuple[str, bool, bool]] = set()
    for text, printed, lacks, skip in queries:
        want = _rows(python_stage(text, printed, lacks, skip, fix_calls))
        got = _core_rows(_core.typography(text, printed, lacks, list(skip)))
        if got is None:
            got = want  # a lone surrogate: Python answers it (the binding says so)
        if got != want:
            bad += 1
            if bad <= 5:
                print("DIFFERENT stage:", repr(text[:200]), printed, lacks, skip)
        styles.add((text, printed, lacks))
    for text, printed, lacks in styles:
        want = S._py_detect_style(text, printed, lacks)
        got = _core.typography_style(text, printed, lacks)
        if got is not None and (got[0], got[1].hex(), got[2], got[3]) != (
                want.quotes, want.en_dashes.hex(), want.printed, want.typed_german_quotes):
            bad += 1
            print("DIFFERENT style:", repr(text[:200]), printed, lacks)
    by_fix: dict[str, list] = defaultdict(list)
    for name, text, style in fix_calls:
        by_fix[name].append((text, style))
    py = {f.__name__: f for f in python_fixes()}
    fix_bad = 0
    for name, calls in by_fix.items():
        for text, style in calls:
            got = _core_rows(_core.typography_fix(name, text, style.quotes, style.en_dashes, style.dash_threshold,
                                                  style.printed, style.typed_german_quotes))
            if got is not None and got != _rows(py[name](text, style)):
                fix_bad += 1
                if fix_bad <= 5:
                    print(f"DIFFERENT {name}:", repr(text[:200]))
    bad += fix_bad
    print(f"{len(queries):,} stage calls, {len(styles):,} styles, {len(fix_calls):,} fix calls "
          f"({', '.join(f'{n} {len(c):,}' for n, c in by_fix.items())}): {bad} differences")
    report["fix_calls"] = {n: len(c) for n, c in by_fix.items()}

    # speed
    def ctx(printed, lacks, skip):
        from korrektor.config import Config
        return SimpleNamespace(printed_layout=printed, config=Config(skip_rules=frozenset(skip)),
                               profile=SimpleNamespace(name="no-umlauts" if lacks else "default"))

    stage_items = [(text, ctx(printed, lacks, skip)) for text, printed, lacks, skip in queries]
    n = len(stage_items)
    print(f"speed, {n:,} stage calls, best of {args.repeat}:")
    checked = T._CHECKED
    rows = [("stage compiled (typography.run)", lambda q: T.run(*q)),
            ("stage in Python (_py_run, _py_ fixes)", lambda q: T._py_run(*q))]
    for label, fn in rows:
        if "Python" in label:
            T._CHECKED = None  # every fix and the style in Python
        try:
            s = timed(fn, stage_items, args.repeat)
        finally:
            T._CHECKED = checked
        report["speed"][label] = s
        print(f"  {label:40} {s * 1000:9.1f} ms   {s / n * 1e6:8.1f} µs/call")
    style_items = list(styles)
    for label, fn in (("style compiled", lambda q: _core.typography_style(*q)),
                      ("style in Python", lambda q: S._py_detect_style(*q))):
        s = timed(fn, style_items, args.repeat)
        report["speed"][label] = s
        print(f"  {label:40} {s * 1000:9.1f} ms   {s / len(style_items) * 1e6:8.1f} µs/call")
    print("  per fix (µs/call: Python → compiled):")
    for name, calls in by_fix.items():
        f = py[name]
        p = timed(lambda q: f(*q), calls, args.repeat)
        c = timed(lambda q: _core.typography_fix(name, q[0], q[1].quotes, q[1].en_dashes, q[1].dash_threshold,
                                                 q[1].printed, q[1].typed_german_quotes), calls, args.repeat)
        report["speed"][name] = {"python": p, "compiled": c}
        print(f"    {name:28} {p / len(calls) * 1e6:8.1f} → {c / len(calls) * 1e6:7.1f}   ({len(calls):,} calls)")
    return finish(report, args.json, bad)


if __name__ == "__main__":
    sys.exit(main())
