"""Time per document on pathological text: ``korrektor.correct`` on texts of one repeated character,
digits, one huge unknown token, punctuation, one word repeated, ... at growing sizes.

Scaling must be about linear: between the two largest sizes (×4) the time may grow at most like
size^1.3 (×6.1; a time under 0.25 s counts as 0.25 s there, since such short times are mostly
noise), and a megabyte may take at most 30 s. Every result must also be lossless
(``result.restore() == text``).

The cases run in a child process watched from here: one that takes longer than ``limit`` seconds
or grows the child's memory by more than ``memory_limit_mb`` is killed and recorded as a failure
(a quadratic case must not take the machine down with it), and the remaining cases go on in a new
child.
"""

from __future__ import annotations

import json
import math
import queue
import random
import subprocess
import sys
import threading
import time

from .common import ROOT, GermanText, Report, rss_pss_kb

FULL = {"sizes": "65536,262144,1048576"}
#: the quick run is the test suite's, on a machine that may be busy with other work (CI, a
#: developer's editor and builds): it judges the growth as the full run does, but allows twice
#: the seconds per megabyte (one-letter lines take ~19 s per MB on a quiet development machine)
QUICK = {"sizes": "32768,131072", "max_seconds_per_mb": 60.0, "passes": 3}
LIMIT_SECONDS = 120.0
MEMORY_LIMIT_MB = 1000
MAX_EXPONENT = 1.3
MAX_SECONDS_PER_MB = 30.0
#: a smaller time than this counts as this much when the growth is judged: short times are mostly
#: noise (a shared machine; one-time costs of a few tenths of a second, such as the first
#: mojibake check importing its tables, that a small size may or may not meet)
FLOOR = 0.25


def _repeat(s: str):
    return lambda n: (s * (n // len(s) + 1))[:n]


def _random(alphabet: str, seed: int, first: str = ""):
    return lambda n: first + "".join(random.Random(seed).choices(alphabet, k=n - len(first)))


def _prose(layout: bool):
    def make(n: int) -> str:
        gen, parts, size = GermanText(seed=3), [], 0
        while size < n:
            parts.append(gen.document())
            size += len(parts[-1]) + 2
        text = "\n\n".join(parts)[:n]
        return text if layout else " ".join(text.split())
    return make


LOWER = "abcdefghijklmnopqrstuvwxyz"
#: name → (what it is, text of n characters)
CASES = {
    "char a": ("'a' × n (one token)", _repeat("a")),
    "char ä": ("'ä' × n", _repeat("ä")),
    "char -": ("'-' × n", _repeat("-")),
    'char "': ('\'"\' × n', _repeat('"')),
    "char space": ("' ' × n", _repeat(" ")),
    "char newline": ("'\\n' × n", _repeat("\n")),
    "char .": ("'.' × n", _repeat(".")),
    "digits": ("0123456789… (one token)", _repeat("0123456789")),
    "numbers": ("'1234 ' × n/5 (many numbers)", _repeat("1234 ")),
    "unknown token": ("random lower-case letters (one unknown token)", _random(LOWER, 1)),
    "Capitalised token": ("'X' + random letters (one token)", _random(LOWER, 2, first="X")),
    "letters+digits": ("random letters and digits, no space", _random(LOWER + LOWER.upper() + "0123456789", 4)),
    "punctuation": ("alternating ,.;:!?-\"'()…„“", _repeat(",.;:!?-\"'()…„“")),
    "word": ("'Prüfung ' repeated", _repeat("Prüfung ")),
    "damaged word": ("'Prufung ' repeated (every one corrected)", _repeat("Prufung ")),
    "short lines": ("'a\\n' repeated (many one-letter lines)", _repeat("a\n")),
    "hyphenation": ("'Prü-\\nfung ' repeated (line-end hyphens)", _repeat("Prü-\nfung ")),
    "quotes": ("',,Die\" ' repeated (OCR quote debris)", _repeat(',,Die" ')),
    "zero-width": ("'a\\u200b' repeated (zero-width spaces)", _repeat("a\u200b")),
    "combining": ("'a' + U+0308 × n (one grapheme)", lambda n: "a" + "\u0308" * (n - 1)),
    "mojibake": ("'fÃ¼r ' repeated", _repeat("fÃ¼r ")),
    "crlf": ("'Die Prufung\\r\\n' repeated", _repeat("Die Prufung\r\n")),
    "url": ("'http://' + 'ab/' × n (one URL)", lambda n: "http://" + _repeat("ab/")(n - 7)),
    "prose, one line": ("generated German prose without line breaks", _prose(layout=False)),
    "prose, page layout": ("generated German prose in OCR page layout", _prose(layout=True)),
    # all-caps tokens last: a case that is killed restarts the child for the cases after it
    "char A": ("'A' × n (one all-caps token)", _repeat("A")),
    "caps token": ("random capitals (one all-caps token)", _random(LOWER.upper(), 3)),
}

# The child: reads [[case, n], ...] from stdin, reports each measurement as a JSON line. Each
# text is timed once, on its first correction: korrektor caches per token, so a repeat of the
# same text would time the caches. The language data is loaded and warmed as batch and the
# service do it (the lexicon builds a prefix table on first use: 0.6 s, once), and a small text of
# the same case runs first, untimed, so that what every size of a case shares (its words, a
# lazily imported module) is warm for all sizes.
CHILD = f"""
import json, sys, time
sys.path.insert(0, {str(ROOT)!r})
import korrektor
from korrektor.batch import load_language_data
from bench.reliability.pathological import CASES
load_language_data()
warm = set()
for name, n in json.loads(sys.stdin.readline()):
    if name not in warm:
        korrektor.correct(CASES[name][1](1000))
        warm.add(name)
    text = CASES[name][1](n)
    print(json.dumps({{"start": [name, n]}}), flush=True)
    t = time.perf_counter()
    result = korrektor.correct(text)
    seconds = time.perf_counter() - t
    print(json.dumps({{"done": [name, n, seconds, result.restore() == text]}}), flush=True)
"""


def _measure(todo: list[tuple[str, int]], limit: float, memory_limit_mb: float) -> dict:
    """Run the measurements in watched children; {(case, n): {"seconds", "lossless"} or {"failed"}}."""
    results: dict = {}
    while todo:
        proc = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        proc.stdin.write(json.dumps(todo) + "\n")
        proc.stdin.close()
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(ln) for ln in proc.stdout] + [lines.put(None)],
                         daemon=True).start()
        current, started, baseline = None, 0.0, None
        while True:
            try:
                line = lines.get(timeout=0.05)
            except queue.Empty:
                line = ""
            if line is None:  # the child ended
                proc.wait()
                if current:  # ...in the middle of a case: it crashed
                    results[current] = {"failed": f"child died (status {proc.returncode}): "
                                                  f"{proc.stderr.read()[-200:]}"}
                break
            if line:
                msg = json.loads(line)
                if "start" in msg:
                    current, started = tuple(msg["start"]), time.monotonic()
                    if baseline is None:
                        baseline = rss_pss_kb(proc.pid, pss=False)[0] / 1024
                else:
                    name, n, seconds, lossless = msg["done"]
                    results[(name, n)] = {"seconds": seconds, "lossless": lossless}
                    current = None
            if current:
                m = rss_pss_kb(proc.pid, pss=False)
                grown = m[0] / 1024 - baseline if m else 0
                over = (f"over {limit:g} s" if time.monotonic() - started > limit else
                        f"memory grew by over {memory_limit_mb:g} MB" if grown > memory_limit_mb else None)
                if over:
                    proc.kill()
                    proc.wait()
                    results[current] = {"failed": f"killed: {over}"}
                    break
        done = set(results)
        failed = {k[0] for k, v in results.items() if "failed" in v}
        # larger sizes of a failed case would only fail slower
        todo = [t for t in todo if t not in done and t[0] not in failed]
    return results


def run(sizes: str = FULL["sizes"], cases: str | None = None, limit: float = LIMIT_SECONDS,
        memory_limit_mb: float = MEMORY_LIMIT_MB, max_seconds_per_mb: float = MAX_SECONDS_PER_MB,
        passes: int = 1) -> Report:
    """With ``passes`` > 1, every text is corrected that many times, each time by a fresh child
    (a repeat in the same process would time its caches), and the fastest time counts: a busy
    machine slows a run down, never speeds it up."""
    report = Report("pathological")
    ns = sorted(int(s) for s in sizes.split(","))
    names = cases.split(",") if cases else list(CASES)
    # the issue's own case first: one unknown token of 100,000 characters
    todo = [("unknown token", 100_000)] + [(c, n) for c in names for n in ns]
    results: dict = {}
    for _ in range(passes):
        for key, found in _measure(todo, limit, memory_limit_mb).items():
            best = results.get(key)
            if best is None or "failed" in found:
                results[key] = found
            elif "failed" not in best:
                results[key] = {"seconds": min(best["seconds"], found["seconds"]),
                                "lossless": best["lossless"] and found["lossless"]}
    report.data["cases"] = {name: CASES[name][0] for name in names}
    report.data["results"] = [{"case": c, "chars": n, **v} for (c, n), v in sorted(results.items())]
    report.add("sizes (characters)", " / ".join(f"{n:,}" for n in ns))
    for name in names:
        rs = [results.get((name, n), {"failed": "not run: a smaller size failed"}) for n in ns]
        _judge(report, name, rs, ns, max_seconds_per_mb)
    _judge(report, "unknown token of 100,000 chars", [results[("unknown token", 100_000)]], [100_000],
           max_seconds_per_mb)
    return report


def _judge(report: Report, name: str, rs: list[dict], ns: list[int], max_seconds_per_mb: float) -> None:
    """One row: the times per size, seconds per MB and the growth exponent of the largest step."""
    bad = next((r["failed"] for r in rs if "failed" in r), None)
    times = " / ".join(f"{r['seconds']:.3f}" for r in rs if "seconds" in r)
    if bad:
        report.add(name, f"{times} s; {bad}" if times else bad, "finishes, bounded", False)
        return
    secs = [r["seconds"] for r in rs]
    per_mb = secs[-1] / (ns[-1] / 1e6)
    value = f"{times} s ({per_mb:.1f} s/MB)"
    ok = per_mb <= max_seconds_per_mb and all(r["lossless"] for r in rs)
    expect = f"≤ {max_seconds_per_mb:g} s/MB, lossless"
    if len(secs) > 1:
        ratios = [b / a for a, b in zip(secs, secs[1:])]
        exponent = math.log(ratios[-1]) / math.log(ns[-1] / ns[-2])
        value += f"; ×{' ×'.join(f'{r:.1f}' for r in ratios)}, exponent {exponent:.2f}"
        ok = ok and secs[-1] <= max(secs[-2], FLOOR) * (ns[-1] / ns[-2]) ** MAX_EXPONENT
        expect += f", exponent ≤ {MAX_EXPONENT}"
    report.add(name, value, expect, ok)
