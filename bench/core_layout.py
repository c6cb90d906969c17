#!/usr/bin/env python3
"""The compiled layout stage (korrektor._core.layout, rust/src/layout/; issue 26) against the
Python reference (stages/layout.py's _py_run).

    PYTHONPATH=src python bench/core_layout.py [PAIRS.jsonl ...] [--repeat N] [--json OUT]

Queries: every text the pipeline hands the layout stage while ``korrektor.correct`` corrects the
pages' OCR and ground-truth texts (recorded by wrapping the stage in ``pipeline.STAGES``), each
distinct text once, with its ``keep_lines``. Default sets: the seven development sets.

* parity (exit status 1 on any difference): the stage's changes (offsets, texts, kind, rule,
  the confidence's bits, alternatives), compiled against Python, with the packaged lexicon and
  again without one (the stage without language data);
* speed, one thread: the stage over its texts both ways (best of ``--repeat`` passes), µs per call.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

import core_common as cc  # noqa: E402


def record(paths: list[Path]) -> list[tuple[str, bool]]:
    """The distinct (text, keep_lines) the layout stage is given while the pages are corrected."""
    return cc.stage_calls(paths, "layout", lambda text, ctx: (text, ctx.config.keep_lines))


def rows(result) -> list[tuple]:
    """The changes (and doubts) with the confidences' bits."""
    return cc.edit_rows(result.changes + result.doubts)


def main() -> int:
    ap = cc.parser(__doc__, defaults=cc.SEVEN_SETS)
    args = ap.parse_args()
    from korrektor.lexicon import default_lexicon
    from korrektor.stages import layout

    assert layout._CORE_AGREES, "the compiled layout stage disagrees with the module (or is off)"
    report: dict = {"sets": {}, "speed": {}}
    queries = cc.record_sets(args.pairs, record, report, "distinct texts")
    lexicon = default_lexicon()

    def ctx(keep_lines: bool, lex):
        return SimpleNamespace(config=SimpleNamespace(keep_lines=keep_lines), lexicon=lex)

    bad = 0
    for name, lex in (("lexicon", lexicon), ("no lexicon", None)):
        diff = 0
        for text, keep in queries:
            c = ctx(keep, lex)
            got, want = rows(layout.run(text, c)), rows(layout._py_run(text, c))
            if got != want:
                diff += 1
                if diff <= 5:
                    print(f"DIFF ({name}) {text[:200]!r}\n  core   {got}\n  python {want}")
        print(f"{name}: {len(queries):,} texts, {diff} differing")
        bad += diff

    contexts = [(text, ctx(keep, lexicon)) for text, keep in queries]
    chars = sum(len(t) for t, _ in queries)
    print(f"\nspeed, {len(queries):,} texts ({chars:,} characters):")
    cc.speed_rows([("compiled", lambda q: layout.run(*q)), ("python", lambda q: layout._py_run(*q))],
                  contexts, args.repeat, report, 10)
    return cc.finish(report, args.json, bad)


if __name__ == "__main__":
    sys.exit(main())
