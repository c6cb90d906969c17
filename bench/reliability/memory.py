"""Memory on huge inputs: ``korrektor batch`` on JSONL of growing size (default up to 1 GB) with
--jobs 1 and 2, and ``korrektor correct`` on one large plain-text document.

The batch streams (bounded chunks in flight), so its peak memory must not grow with the input:
the peak of the whole process tree at the largest size must be within 25 % (+30 MB) of the peak at
the smallest, and within the largest run the last quarter must not peak more than 20 % above the
first. The tree's memory is the sum over the parent and its workers, sampled from /proc: RSS
counts the language data shared by the forked workers once per worker; PSS divides it among them
and adds up to what the tree really occupies, so PSS is what is judged.

``korrektor correct`` holds one document in memory (and its edits), so its peak grows with the
document; that growth is measured and reported (MB of memory per MB of input), not judged.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import time
from pathlib import Path

from .common import GermanText, Report, TreeSampler, cli, last_line, mb, source_fingerprint

FULL = {"sizes": "100M,1G", "jobs": "1,2", "text_sizes": "5M,20M,50M"}
# The quick run's smaller size is large enough for the workers' bounded caches to fill (below it
# they are still growing, which is no growth with the input); its runs are too short to compare
# their first and last quarters, which the caches' filling dominates.
QUICK = {"sizes": "2M,8M", "jobs": "2", "text_sizes": "0.5M", "quarters": False}
#: seconds at the start of a run during which the language data is loaded (excluded from the
#: first-quarter/last-quarter comparison: loading is not growth)
WARMUP = 4.0


def parse_sizes(sizes: str) -> list[int]:
    """``"100M,1G"`` → [100000000, 1000000000]; an empty string is no sizes."""
    out = []
    for s in filter(None, (x.strip().upper() for x in sizes.split(","))):
        factor = {"K": 1e3, "M": 1e6, "G": 1e9}.get(s[-1], 1)
        out.append(int(float(s.rstrip("KMG")) * factor))
    return out


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def measure(args: list[str], interval: float) -> dict:
    """Run one command; wall seconds and the peak memory of its process tree."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with TreeSampler(proc.pid, interval) as sampler:
        _, err = proc.communicate()
    seconds = time.monotonic() - start
    first, last = sampler.quarter_peaks(WARMUP) or (None, None)
    return {"returncode": proc.returncode, "stderr": last_line(err), "seconds": round(seconds, 1),
            "peak_tree_rss_mb": mb(sampler.peak_rss), "peak_tree_pss_mb": mb(sampler.peak_pss),
            "peak_process_rss_mb": sorted((mb(v) for v in sampler.per_pid.values()), reverse=True)[:3],
            "first_quarter_pss_mb": first and mb(first), "last_quarter_pss_mb": last and mb(last),
            "samples": len(sampler.series),
            # throughput means little when other work shares the cores: record how busy they were
            "load_avg_1m": round(os.getloadavg()[0], 2)}


def run(sizes: str = FULL["sizes"], jobs: str = FULL["jobs"], text_sizes: str = FULL["text_sizes"],
        seed: int = 1, workdir: str | None = None, interval: float = 0.5, quarters: bool = True) -> Report:
    report = Report("memory")
    gen = GermanText(seed)
    job_counts = [int(j) for j in jobs.split(",")]
    peaks: dict[int, list[float]] = {j: [] for j in job_counts}
    with tempfile.TemporaryDirectory(dir=workdir, prefix="korrektor-memory-") as tmp:
        tmp = Path(tmp)
        all_sizes = parse_sizes(sizes)
        for size in all_sizes:
            src = tmp / "in.jsonl"
            t = time.monotonic()
            info = gen.write_jsonl(src, size)
            info["generate_seconds"] = round(time.monotonic() - t, 1)
            digests = set()
            source = source_fingerprint()
            for j in job_counts:
                out = tmp / f"out{j}.jsonl"
                r = measure(cli("batch", src, "-o", out, "-j", j, "--no-progress"), interval)
                r |= info | {"jobs": j, "mb_per_s": round(info["bytes"] / 1e6 / r["seconds"], 2),
                             "chars_per_s": round(info["chars"] / r["seconds"])}
                report.data.setdefault("batch", []).append(r)
                label = f"batch {info['bytes'] / 1e6:,.0f} MB -j {j}"
                report.add(f"{label}: exit status", r["returncode"], "0", r["returncode"] == 0)
                report.add(f"{label}: peak tree PSS / RSS",
                           f"{r['peak_tree_pss_mb']:.0f} / {r['peak_tree_rss_mb']:.0f} MB "
                           f"(largest process {r['peak_process_rss_mb'][0]:.0f} MB)")
                report.add(f"{label}: throughput", f"{r['mb_per_s']} MB/s, {r['chars_per_s']:,} chars/s, "
                                                    f"{r['seconds']} s")
                if quarters and r["first_quarter_pss_mb"] is not None and size == max(all_sizes):
                    flat = r["last_quarter_pss_mb"] <= 1.2 * r["first_quarter_pss_mb"] + 10
                    report.add(f"{label}: PSS first → last quarter",
                               f"{r['first_quarter_pss_mb']:.0f} → {r['last_quarter_pss_mb']:.0f} MB",
                               "≤ +20 %", flat)
                peaks[j].append(r["peak_tree_pss_mb"])
                if r["returncode"] == 0:
                    digests.add(_sha(out))
                out.unlink(missing_ok=True)
            # an editable install runs the code on disk: if it changed between the runs, their
            # outputs may differ for that reason alone
            comparable = source_fingerprint() == source
            if len(job_counts) > 1:
                report.add(f"batch {info['bytes'] / 1e6:,.0f} MB: outputs of -j {jobs} identical",
                           len(digests) == 1 if comparable else "not comparable: korrektor's source changed "
                           "between the runs", "True", len(digests) == 1 if comparable else None)
            src.unlink()
        for j, p in peaks.items():
            if len(p) > 1:
                ok = p[-1] <= 1.25 * p[0] + 30
                report.add(f"batch -j {j}: peak PSS, smallest → largest input", f"{p[0]:.0f} → {p[-1]:.0f} MB",
                           "≤ +25 % (+30 MB)", ok)

        # One document: korrektor correct FILE -o OUT
        points = []
        for size in parse_sizes(text_sizes):
            src, out = tmp / "in.txt", tmp / "out.txt"
            chars = gen.write_text(src, size)
            r = measure(cli("correct", src, "-o", out), interval)
            mbytes = src.stat().st_size / 1e6
            r |= {"bytes": src.stat().st_size, "chars": chars, "chars_per_s": round(chars / r["seconds"])}
            report.data.setdefault("correct", []).append(r)
            report.add(f"correct {mbytes:,.1f} MB document: exit status", r["returncode"], "0", r["returncode"] == 0)
            report.add(f"correct {mbytes:,.1f} MB document: peak RSS, time",
                       f"{r['peak_tree_rss_mb']:.0f} MB, {r['seconds']} s ({r['chars_per_s']:,} chars/s)")
            points.append((mbytes, r["peak_tree_rss_mb"]))
            src.unlink()
            out.unlink(missing_ok=True)
        if len(points) > 1:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            slope = (y1 - y0) / (x1 - x0)
            report.data["correct_mb_per_input_mb"] = round(slope, 1)
            report.add("correct: memory growth per MB of document", f"{slope:.1f} MB/MB",
                       "grows (the text, its correction and its edits are held)")
    return report
