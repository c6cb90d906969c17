"""What the parity and speed scripts of the compiled core (bench/core_*.py, issue 26) share: the
default sets, correcting the pages while a function is recorded, patching a function wherever
the words stage holds it, the best-of-N timings, the CPU time of the pipeline (``--pipeline``),
the load measurements in a fresh process, and the report's end (JSON, the "parity:" line, the
exit status).

The scripts are no package: each puts its own folder on ``sys.path`` and imports this module.
Everything here keeps the scripts' output as it was before it moved (the same lines, the same
numbers), so that their reports stay comparable across the port's steps.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import regex

ROOT = Path(__file__).resolve().parents[1]
_WORK = Path("/work/work-data")


def _dev_bench() -> Path:
    """The dev bench beside the checkout (a worktree's sibling ``shared``), else the shared one."""
    near = ROOT.parent / "shared" / "bench" / "dev.jsonl"
    return near if near.exists() else Path("/work/shared/bench/dev.jsonl")


#: the dev bench (OCR pages with their ground truth)
DEV_BENCH = _dev_bench()
#: the default sets of the recording scripts: the dev bench and the historic set
DEFAULTS = [DEV_BENCH, _WORK / "historic" / "pairs.jsonl"]
#: the seven development sets (the whole-output parity's)
SEVEN_SETS = [DEV_BENCH, _WORK / "historic" / "pairs.jsonl", _WORK / "em" / "unseen_fonts" / "pairs.jsonl",
              _WORK / "pdf" / "pairs.jsonl", Path("/tmp/fortunes/pairs.jsonl"), Path("/tmp/manuals/pairs.jsonl"),
              _WORK / "swiss" / "pairs.jsonl"]
#: punctuation and symbols at a token's ends (the lexicon scripts strip them)
EDGE_PUNCT = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")


# ---------------------------------------------------------------------------- options
def parser(doc: str | None, defaults: Sequence[Path] | Path | None = DEFAULTS, repeat: int = 3,
           json_out: bool = True) -> argparse.ArgumentParser:
    """The scripts' parser: the docstring as help, the PAIRS files (a list of ``defaults``, or
    one optional file where ``defaults`` is a single path), ``--repeat`` and ``--json``."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    if isinstance(defaults, Path):
        ap.add_argument("pairs", nargs="?", default=str(defaults))
    elif defaults is not None:
        ap.add_argument("pairs", nargs="*", default=[str(p) for p in defaults])
    ap.add_argument("--repeat", type=int, default=repeat)
    if json_out:
        ap.add_argument("--json", help="write the numbers here too")
    return ap


def add_pipeline_options(ap: argparse.ArgumentParser, switch: str, help_switch: str) -> None:
    """``--pipeline``, the switch that runs the ported functions in Python (``--py-…``), ``--lang``."""
    ap.add_argument("--pipeline", action="store_true", help="CPU time of the pipeline instead (see above)")
    ap.add_argument(switch, action="store_true", help=help_switch)
    ap.add_argument("--lang", default="eng")


# ---------------------------------------------------------------------------- the pages
def page_records(path: Path, limit: int | None = None) -> Iterator[dict]:
    """The records of a PAIRS file (JSON lines), the first ``limit`` ones if given."""
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            yield json.loads(line)


def page_texts(path: Path) -> list[str]:
    """Every page's OCR and ground truth, in that order."""
    return [text for rec in page_records(path) for text in (rec["ocr"], rec["gt"])]


def correct_pages(paths: Iterable[Path], limit: int | None = None) -> None:
    """``korrektor.correct`` on every page's OCR and ground truth (as ``bench/compare_outputs.py
    run`` does): what the recording scripts watch."""
    import korrektor

    for path in paths:
        for rec in page_records(path, limit):
            korrektor.correct(rec["ocr"])
            korrektor.correct(rec["gt"])


def correct_with(restore: Callable[[], None], paths: Iterable[Path]) -> None:
    """``correct_pages`` with a patch in place, undone after it by ``restore`` (what
    ``patch_everywhere`` returns)."""
    try:
        correct_pages(paths)
    finally:
        restore()


def first_arguments(owner: Any, name: str, path: Path, limit: int | None) -> list[str]:
    """The first argument (a text) of every call to ``owner.name`` while ``correct_pages`` runs
    on the first ``limit`` pages of ``path``."""
    seen: list[str] = []
    original = getattr(owner, name)

    def wrapped(text: str, *args: Any, **kw: Any) -> Any:
        seen.append(text)
        return original(text, *args, **kw)

    setattr(owner, name, wrapped)
    try:
        correct_pages([path], limit)
    finally:
        setattr(owner, name, original)
    return seen


def stage_calls(paths: Iterable[Path], stage_name: str, key: Callable[[str, Any], Any]) -> list:
    """The distinct ``key(text, ctx)`` of the calls the pipeline makes to the stage ``stage_name``
    while the pages at ``paths`` are corrected (the stage wrapped in ``pipeline.STAGES``)."""
    from korrektor import pipeline

    seen: dict[Any, None] = {}
    stages = pipeline.STAGES

    def wrap(stage):
        def wrapped(text, ctx):
            seen.setdefault(key(text, ctx))
            return stage(text, ctx)
        return wrapped

    pipeline.STAGES = tuple((name, wrap(stage) if name == stage_name else stage) for name, stage in stages)
    try:
        correct_pages(paths)
    finally:
        pipeline.STAGES = stages
    return list(seen)


def edit_rows(edits: Iterable[Any]) -> list[tuple]:
    """Edits as comparable rows, the confidences' bits included."""
    return [(e.start, e.end, e.before, e.after, str(e.kind), e.rule, float.hex(e.confidence),
             tuple(e.alternatives)) for e in edits]


def record_sets(paths: Iterable[str], record: Callable[[list[Path]], list], report: dict,
                what: str = "distinct calls") -> list:
    """``record`` on each set in turn, its count printed and kept in ``report["sets"]``; all the
    queries, the sets' in order."""
    queries: list = []
    for path in map(Path, paths):
        t = time.perf_counter()
        q = record([path])
        print(f"{path}: {len(q):,} {what} recorded in {time.perf_counter() - t:.1f} s")
        report["sets"][str(path)] = len(q)
        queries += q
    return queries


class DecoderStates:
    """The decoder states seen while recording, one namespace per distinct state (lexicon, error
    model, profile weight, ``today`` given or not, twin filter, and the character model with
    ``chars``), so that a recorded call keeps what it needs and not the whole page's decoder."""

    def __init__(self, chars: bool = False) -> None:
        self.chars = chars
        self._states: dict[tuple, SimpleNamespace] = {}

    def of(self, d: Any) -> tuple[tuple, SimpleNamespace]:
        """The key of ``d``'s state and the namespace standing for it."""
        key: tuple = (id(d.lex), id(d.em), d.profile.weight, d.today is not None, id(d.twin_filter))
        if self.chars:
            key += (id(d.chars),)
        state = self._states.get(key)
        if state is None:
            state = self._states[key] = SimpleNamespace(
                lex=d.lex, em=d.em, profile=d.profile, today=d.today is not None or None, twin_filter=d.twin_filter)
            if self.chars:
                state.chars = d.chars
        return key, state


class TokenCopy:
    """What the scorer and the candidate sources read of a token, copied (the passes change the
    token afterwards)."""

    __slots__ = ("core", "known", "acronym")

    def __init__(self, t: Any) -> None:
        self.core, self.known, self.acronym = t.core, t.known, t.acronym


# ---------------------------------------------------------------------------- patching
def patch_everywhere(functions: Iterable[tuple[str, Callable]], fn_for: Callable[[str, Callable], Callable],
                     modules: Sequence[ModuleType]) -> Callable[[], None]:
    """Replace each ``(name, original)`` by ``fn_for(name, original)`` in every module of
    ``modules`` that holds the original, and in ``sources.NON_WORD_SEARCHES``; returns the
    function that undoes it."""
    from korrektor.stages.words import sources

    undo: list[tuple[Any, str, Any]] = []
    for name, original in functions:
        new = fn_for(name, original)
        for m in modules:
            if getattr(m, name, None) is original:
                setattr(m, name, new)
                undo.append((m, name, original))
        searches = sources.NON_WORD_SEARCHES
        sources.NON_WORD_SEARCHES = tuple((n, new if f is original else f) for n, f in searches)
        undo.append((sources, "NON_WORD_SEARCHES", searches))

    def restore() -> None:
        for m, name, original in reversed(undo):
            setattr(m, name, original)
    return restore


@contextmanager
def in_python(*modules: ModuleType) -> Iterator[None]:
    """The modules' compiled paths off (``_USE_CORE``) inside the block: the Python references,
    with the searches they call in Python too; on again after it."""
    for m in modules:
        m._USE_CORE = False
    try:
        yield
    finally:
        for m in modules:
            m._USE_CORE = True


def hex_scores(res: list[tuple[str, float]] | None) -> list[tuple[str, str]] | None:
    """A list of (word, score) with the scores as ``float.hex`` (bit for bit); None stays None."""
    return None if res is None else [(w, float.hex(lp)) for w, lp in res]


# ---------------------------------------------------------------------------- timing
def timed(fn: Callable[[Any], object], items: Sequence, repeat: int,
          before: Callable[[], object] | None = None) -> float:
    """The best of ``repeat`` passes of ``fn`` over ``items``, in seconds of the wall clock
    (``before``, if given, runs before each pass and is not timed)."""
    best = float("inf")
    for _ in range(repeat):
        if before:
            before()
        t = time.perf_counter()
        for x in items:
            fn(x)
        best = min(best, time.perf_counter() - t)
    return best


def rate(fn: Callable[[], object], n: int, repeat: int) -> float:
    """Calls per second: ``n`` over the best of ``repeat`` runs of ``fn`` (which makes ``n`` calls)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return n / best


def speed_rows(rows: Iterable[tuple[str, Callable[[Any], object]]], items: Sequence, repeat: int, report: dict,
               width: int, unit: str = "call", digits: int = 2) -> dict:
    """Time each ``(name, fn)`` over ``items`` (``timed``), keep the seconds in
    ``report["speed"]`` and print a line each: name, ms in all, µs per item; returns
    ``report["speed"]``."""
    for name, fn in rows:
        s = timed(fn, items, repeat)
        report["speed"][name] = s
        print(f"  {name:{width}} {s * 1000:9.1f} ms   {s / len(items) * 1e6:7.{digits}f} µs/{unit}")
    return report["speed"]


# ---------------------------------------------------------------------------- --pipeline
class Spent:
    """CPU time (``time.process_time``) and calls spent in the wrapped functions; with
    ``outermost``, a call made inside another wrapped one is counted in the outer call only."""

    def __init__(self, outermost: bool = True) -> None:
        self.outermost = outermost
        self.seconds = 0.0
        self.calls = 0
        self._depth = 0

    def reset(self) -> None:
        self.seconds, self.calls = 0.0, 0

    def wrap(self, fn: Callable) -> Callable:
        """``fn`` with its CPU time counted."""
        def wrapped(*args, **kw):
            self._depth += 1
            t = time.process_time()
            try:
                return fn(*args, **kw)
            finally:
                self._depth -= 1
                if not (self.outermost and self._depth):
                    self.seconds += time.process_time() - t
                    self.calls += 1
        return wrapped


def pipeline_pages(pairs: Path, lang: str) -> list[str]:
    """The OCR pages of ``lang`` in ``pairs``; the lexicon and models loaded (one warm-up call)."""
    import korrektor

    pages = [r["ocr"] for r in page_records(pairs) if r["lang"] == lang]
    korrektor.correct("Warm-up: Lexikon laden.")
    return pages


def measure_pipeline(pairs: Path, lang: str, patch: Callable, which: str, where: str = "the searches",
                     outermost: bool = True, inner: Callable[[str, Callable], Callable] | None = None) -> None:
    """``--pipeline``: the ported functions' CPU time counted (``Spent``) through ``patch`` (a
    script's, taking ``fn_for(name, original)``), each wrapping ``inner(name, original)`` if given
    (the Python reference, say), then ``cpu_passes`` over the pages of ``lang``."""
    pages = pipeline_pages(pairs, lang)
    spent = Spent(outermost)
    patch(lambda name, original: spent.wrap(inner(name, original) if inner else original))
    cpu_passes(pages, lang, which, spent, where)


def cpu_passes(pages: list[str], lang: str, which: str, spent: Spent, where: str) -> None:
    """The pipeline's CPU time as ``bench/speed.py`` measures it (cold: the even-numbered pages in
    this fresh process, unseen: then the odd-numbered ones), and the part ``spent`` in the
    wrapped functions (``where``: "the searches", …); a line each."""
    import korrektor

    print(f"{which}; {len(pages)} {lang!r} pages")
    for name, texts in (("cold", pages[0::2]), ("unseen", pages[1::2])):
        spent.reset()
        t = time.process_time()
        for p in texts:
            korrektor.correct(p)
        cpu = time.process_time() - t
        chars = sum(map(len, texts))
        print(f"  {name:7} CPU {cpu:6.2f} s ({chars / cpu:,.0f} chars/s); in {where} {spent.seconds:5.2f} s "
              f"({spent.calls:,} calls, {spent.seconds / max(spent.calls, 1) * 1e6:.1f} µs/call, "
              f"{spent.seconds / cpu:.0%})")


# ---------------------------------------------------------------------------- load in a fresh process
#: the end of a LOAD program: the time taken and the process's peak memory (VmHWM: ru_maxrss
#: would carry over the parent's peak across fork and exec on Linux), printed
LOAD_END = """
t = time.perf_counter() - t
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1]
print(t, int(hwm) * 1024)
"""


def fresh(program: str, mode: str, *argv: str, runs: int = 5) -> tuple[float, int]:
    """Median load time and peak memory of ``runs`` fresh interpreters running ``program`` (which
    prints both) with the arguments ``mode`` and ``argv``."""
    out = [subprocess.run([sys.executable, "-c", program, mode, *argv], check=True, capture_output=True,
                          text=True).stdout.split()
           for _ in range(runs)]
    return statistics.median(float(o[0]) for o in out), int(statistics.median(int(o[1]) for o in out))


def print_loads(load: dict[str, tuple[float, int]], report: dict, width: int, ms: str = "8.1f") -> None:
    """The fresh processes' load times and peak memory (``fresh``), a line each, kept in
    ``report["load"]``."""
    for mode, (t, rss) in load.items():
        report["load"][mode] = {"seconds": t, "rss_bytes": rss}
        print(f"  {mode:{width}} {t * 1000:{ms}} ms {rss / 2**20:8.1f} MB")


# ---------------------------------------------------------------------------- the end
def write_report(path: str | None, report: dict, ensure_ascii: bool = True) -> None:
    """The numbers as JSON where ``--json`` asks for them."""
    if path:
        Path(path).write_text(json.dumps(report, indent=1, ensure_ascii=ensure_ascii), encoding="utf-8")


def verdict(bad: int, same: str = "identical", different: str | None = None) -> int:
    """The last line, "parity: identical" or "parity: N DIFFERENCES", and the exit status (1 on
    any difference)."""
    print("\nparity:", same if not bad else different or f"{bad} DIFFERENCES")
    return 1 if bad else 0


def finish(report: dict, json_path: str | None, bad: int, **kw: Any) -> int:
    """``write_report`` then ``verdict``."""
    write_report(json_path, report)
    return verdict(bad, **kw)
