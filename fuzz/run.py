#!/usr/bin/env python3
"""Run korrektor's fuzz targets for a bounded time, and the huge-input checks.

    python3 fuzz/run.py                        # every target for 60 s, one after another
    python3 fuzz/run.py -t 300 xml             # one target for 5 minutes
    python3 fuzz/run.py -t 300 --save          # ... and merge new interesting inputs into fuzz/corpus/
    python3 fuzz/run.py --big                  # a 200 MB line at every door that reads files

Each target starts from its seed corpus ``fuzz/corpus/<target>/`` (read-only unless ``--save``:
then libFuzzer's ``-merge=1`` adds only the inputs that reach new code, so the corpus stays small;
the merge re-runs the target script itself, which is why the targets are executable).
A crash stops that target and leaves its input in the artifacts directory (``crash-…``); replay it
with ``python3 fuzz/fuzz_<target>.py ARTIFACT``, then add it to the corpus as a regression input.
Exit status: 0 if no target crashed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: per target: the longest input tried (longer inputs mostly cost time) and extra libFuzzer flags;
#: -len_control=0 lets mutations use that length at once (the seeds are whole documents, which
#: libFuzzer's slow default growth of the length would cut short for a long time)
TARGETS = {
    "correct": ["-max_len=2048", "-len_control=0"],
    "jsonl": ["-max_len=4096", "-len_control=0"],
    "xml": ["-max_len=16384", "-len_control=0", f"-dict={HERE / 'xml.dict'}"],
}
#: an input that takes longer than this (seconds) is reported as a hang
TIMEOUT = 60


def fuzz(target: str, seconds: int, save: bool, artifacts: Path) -> int:
    """Fuzz one target; its exit status (0: no crash)."""
    script = HERE / f"fuzz_{target}.py"
    corpus = HERE / "corpus" / target
    corpus.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"korrektor-fuzz-{target}-") as new:
        # libFuzzer writes new inputs into the first directory and reads all of them
        status = subprocess.run([sys.executable, str(script), new, str(corpus), *TARGETS[target],
                                 f"-max_total_time={seconds}", f"-timeout={TIMEOUT}", "-rss_limit_mb=4096",
                                 f"-artifact_prefix={artifacts}/{target}-", "-print_final_stats=1"]).returncode
        if save and status == 0:  # -use_counters=0: an input must reach a new edge, not only hit
            # a known one more often, which keeps the corpus at a few hundred small files
            subprocess.run([sys.executable, str(script), "-merge=1", "-use_counters=0", str(corpus), new], check=True)
    return status


# --------------------------------------------------------------------------------------------
# Huge inputs: too slow for the test suite (which checks the same doors with smaller files)

BIG = 200 * 1024 * 1024


def _write_big(path: Path, head: bytes, tail: bytes, size: int = BIG) -> None:
    block = b"Wort " * (1 << 18)
    with open(path, "wb") as f:
        f.write(head)
        for _ in range(size // len(block)):
            f.write(block)
        f.write(tail)


def _door(args: list, expect: int, needle: str, stdin: Path | None = None) -> bool:
    """Run ``korrektor ARGS``; did it exit with ``expect`` and say ``needle``?"""
    start = time.monotonic()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as f:
        p = subprocess.run([sys.executable, "-m", "korrektor.cli", *map(str, args)], stdin=f,
                           capture_output=True, text=True)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    ok = p.returncode == expect and needle in p.stderr and "Traceback" not in p.stderr
    print(f"{'ok  ' if ok else 'FAIL'} korrektor {' '.join(map(str, args))}{' < ' + str(stdin) if stdin else ''}: "
          f"exit {p.returncode}, {time.monotonic() - start:.1f} s, peak RSS so far {rss} MB\n     "
          f"{p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ''}")
    return ok


def big() -> int:
    with tempfile.TemporaryDirectory(prefix="korrektor-big-") as d:
        d = Path(d)
        text, jsonl, hocr, hocr2 = d / "line.txt", d / "in.jsonl", d / "page.hocr", d / "half.hocr"
        _write_big(text, b"", b"\n")
        _write_big(jsonl, b'{"id": 1, "text": "Die Prufung"}\n{"id": 2, "text": "', b'"}\n{"id": 3, "text": "gut"}\n')
        head = b'<html xmlns="http://www.w3.org/1999/xhtml"><body><div class="ocr_page">'
        _write_big(hocr, head, b"</div></body></html>")
        _write_big(hocr2, head, b"</div></body></html>", BIG // 2)  # under the XML size limit
        out = d / "out"
        checks = [
            _door(["correct", text, "-o", out], 2, "too large"),
            _door(["correct", "-", "-o", out], 2, "too large", stdin=text),
            _door(["explain", text], 2, "too large"),
            _door(["diff", text, "-o", out], 2, "too large"),
            _door(["correct", hocr, "-o", out], 2, "too large"),
            _door(["correct", hocr2, "-o", out], 2, "Text node too long"),
            _door(["eval", jsonl, "--ocr-field", "text", "--gt-field", "text"], 2, "line 2: the line is"),
            _door(["batch", jsonl, "-o", d / "out.jsonl", "-j", "1"], 0, "1 bad record"),
            _door(["score", jsonl, "-o", d / "scores.jsonl", "-j", "1"], 0, "1 bad record"),
        ]
        batch_out = (d / "out.jsonl").read_text(encoding="utf-8").splitlines() if (d / "out.jsonl").exists() else []
        checks.append(len(batch_out) == 2)
        print(f"{'ok  ' if checks[-1] else 'FAIL'} batch kept the 2 good records")
        checks.append(not out.exists())
        print(f"{'ok  ' if checks[-1] else 'FAIL'} no output file from the refused runs")
    return 0 if all(checks) else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("targets", nargs="*", metavar="TARGET", help=f"{', '.join(TARGETS)} (default: all)")
    ap.add_argument("-t", "--seconds", type=int, default=60, help="fuzzing time per target")
    ap.add_argument("--save", action="store_true", help="merge new interesting inputs into fuzz/corpus/<target>/")
    ap.add_argument("--artifacts", type=Path, default=Path(tempfile.gettempdir()) / "korrektor-fuzz-artifacts",
                    help="where crashing inputs are written")
    ap.add_argument("--big", action="store_true", help="run the 200 MB checks instead of fuzzing")
    args = ap.parse_args()
    if args.big:
        return big()
    unknown = set(args.targets) - set(TARGETS)
    if unknown:
        ap.error(f"unknown target(s): {', '.join(sorted(unknown))}")
    args.artifacts.mkdir(parents=True, exist_ok=True)
    failed = [t for t in (args.targets or TARGETS) if fuzz(t, args.seconds, args.save, args.artifacts) != 0]
    if failed:
        print(f"crashed: {', '.join(failed)}; inputs in {args.artifacts}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
