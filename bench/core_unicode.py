#!/usr/bin/env python3
"""The compiled test of the unicode stage (korrektor._core.unicode_untouched, rust/src/unicode.rs;
issue 26) against the Python reference (stages/unicode.py's _py_run): where the test finds nothing
for any fix to do, the fixes must change nothing.

    PYTHONPATH=src python bench/core_unicode.py [PAIRS.jsonl ...] [--repeat N] [--json OUT]

Queries: every text the pipeline hands the unicode stage while ``korrektor.correct`` corrects the
pages' OCR and ground-truth texts (recorded by wrapping the stage in ``pipeline.STAGES``), each
distinct text once. Default sets: the seven development sets.

* parity (exit status 1 on any difference): the stage's changes, ``run`` against ``_py_run``;
  how many texts the test lets through (no fix runs) and how many of those the fixes left alone;
* speed, one thread: the stage over its texts both ways (best of ``--repeat`` passes), µs per call.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

import core_common as cc  # noqa: E402


def record(paths: list[Path]) -> list[str]:
    """The distinct texts the unicode stage is given while the pages are corrected."""
    return cc.stage_calls(paths, "unicode", lambda text, ctx: text)


def rows(result) -> list[tuple]:
    """The changes (and doubts) with the confidences' bits."""
    return cc.edit_rows(result.changes + result.doubts)


def main() -> int:
    ap = cc.parser(__doc__, defaults=cc.SEVEN_SETS)
    args = ap.parse_args()
    from korrektor import _core
    from korrektor.config import Config
    from korrektor.stages import unicode

    assert unicode._CORE_AGREES, "the compiled test disagrees with the module (or is off)"
    report: dict = {"sets": {}, "speed": {}}
    texts = cc.record_sets(args.pairs, record, report, "distinct texts")
    ctx = SimpleNamespace(config=Config())
    bad = through = 0
    for text in texts:
        clean = _core.unicode_untouched(text)
        want = rows(unicode._py_run(text, ctx))
        if clean:
            through += 1
        if rows(unicode.run(text, ctx)) != want or (clean and want):
            bad += 1
            if bad <= 5:
                print(f"DIFF {text[:200]!r}\n  python {want}")
    print(f"{len(texts):,} texts: {through:,} found clean by the core (no fix runs), {bad} differing")
    chars = sum(map(len, texts))
    print(f"\nspeed, {len(texts):,} texts ({chars:,} characters):")
    cc.speed_rows([("compiled", lambda t: unicode.run(t, ctx)), ("python", lambda t: unicode._py_run(t, ctx))],
                  texts, args.repeat, report, 10)
    return cc.finish(report, args.json, bad)


if __name__ == "__main__":
    sys.exit(main())
