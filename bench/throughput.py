"""Throughput of ``korrektor batch``: characters/s with --jobs 1 and --jobs 2 on the same input in
the same run, peak memory per worker process, and the Dask local cluster.

    python bench/throughput.py [--input PAIRS.jsonl] [--chars 1500000] [--json out.json]

The input is built from the ``ocr`` field of an OCR/ground-truth JSONL (default: the test
fixture pages), repeated until it has ``--chars`` characters. Each run is the real command in a
subprocess; while it runs, every process of its tree is sampled from /proc (smaps_rollup) for its
peak RSS, PSS (RSS with shared pages divided among the sharers) and private memory: the private
part is what each extra worker really costs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reliability.common import descendants  # bench/ is on the path when this runs as a script

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "import sys; from korrektor.cli import main; sys.exit(main())"]


def build_input(pairs: Path, chars: int, dest: Path) -> int:
    texts = [json.loads(line)["ocr"] for line in pairs.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = i = 0
    with open(dest, "w", encoding="utf-8") as f:
        while total < chars:
            t = texts[i % len(texts)]
            f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
            total += len(t)
            i += 1
    return total


def _memory(pid: int) -> dict[str, int] | None:
    """Rss, Pss and private (clean + dirty) in kB from /proc/PID/smaps_rollup."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            rows = dict(line.split(":", 1) for line in f if ":" in line and not line.startswith("0"))
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    kb = {k: int(v.split()[0]) for k, v in rows.items() if v.strip().endswith("kB")}
    return {"rss": kb.get("Rss", 0), "pss": kb.get("Pss", 0),
            "private": kb.get("Private_Clean", 0) + kb.get("Private_Dirty", 0)}


def _cpu_pressure() -> float | None:
    """Share of time in which runnable tasks waited for a CPU (Linux PSI): high means the
    machine was busy with other work and wall-clock speedups are not meaningful."""
    try:
        with open("/proc/pressure/cpu") as f:
            return float(f.readline().split()[1].split("=")[1])
    except (OSError, IndexError, ValueError):
        return None


def run(args: list[str], chars: int) -> dict:
    """Run one batch command; wall time, chars/s and the peak memory of each process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pressure = _cpu_pressure()
    start = time.monotonic()
    proc = subprocess.Popen(CLI + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, dict[str, int]] = {}
    while proc.poll() is None:
        for pid in [proc.pid] + descendants(proc.pid):
            m = _memory(pid)
            if m:
                peak = peaks.setdefault(pid, dict.fromkeys(m, 0))
                for k, v in m.items():
                    peak[k] = max(peak[k], v)
        time.sleep(0.1)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the whole process tree (workers are waited for, so they are counted):
    # equal CPU for --jobs 1 and 2 means no parallel overhead, whatever else runs on the machine
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode()}")
    workers = [m for pid, m in peaks.items() if pid != proc.pid and m["rss"] > 100_000]  # skip helpers
    mb = lambda kb: round(kb / 1024, 1)  # noqa: E731
    return {"args": " ".join(args[3:]), "seconds": round(seconds, 2), "chars_per_s": round(chars / seconds),
            "cpu_seconds": round(cpu, 2), "chars_per_cpu_s": round(chars / cpu),
            "cpu_pressure_some_avg10": pressure,
            "parent_peak_mb": {k: mb(v) for k, v in peaks.get(proc.pid, {}).items()},
            "worker_peak_mb": [{k: mb(v) for k, v in m.items()} for m in workers]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # distinct pages: repeating a few pages would measure korrektor's caches, not its speed
    ap.add_argument("--input", type=Path, default=ROOT / "tests" / "data" / "pairs.jsonl",
                    help="OCR/gt JSONL with an 'ocr' field; use one with more text than --chars")
    ap.add_argument("--chars", type=int, default=1_500_000)
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        chars = build_input(a.input, a.chars, src)
        runs = {}
        for name, extra in [("jobs1", ["-j", "1"]), ("jobs2", ["-j", "2"])] + (
                [] if a.no_dask else [("dask_local2", ["--dask", "local[2]"])]):
            out = Path(tmp) / f"{name}.jsonl"
            runs[name] = run(["batch", str(src), "-o", str(out), *extra], chars)
            print(f"{name}: {runs[name]}", file=sys.stderr)
        same = len({(Path(tmp) / f"{n}.jsonl").read_bytes() for n in runs}) == 1
    result = {"chars": chars, "cores": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
              "speedup_jobs2": round(runs["jobs2"]["chars_per_s"] / runs["jobs1"]["chars_per_s"], 2),
              "cpu_efficiency_jobs2": round(runs["jobs2"]["chars_per_cpu_s"] / runs["jobs1"]["chars_per_cpu_s"], 2),
              "outputs_identical": same, "runs": runs}
    print(json.dumps(result, indent=1))
    if a.json:
        a.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
