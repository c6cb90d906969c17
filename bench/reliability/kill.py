"""Faults: ``korrektor batch`` killed with SIGKILL at random moments, then ``--resume``d, must end
with exactly the output (and error file) of a clean run.

A trial starts a run, kills it at a random moment, resumes it, perhaps kills the resumed run too
(1–3 kills per trial), and finally lets a resumed run finish; the output and the error file must
then be byte-identical to those of an uninterrupted run. The moments are seeded: half the kills
fall anywhere from the start-up to just after a clean run would have finished, half after the
run's first checkpoint, in the middle of the work (a run of a few seconds spends most of them
loading the language data). Trials alternate --jobs 1 and --jobs 2 (each run in its own session
and killed as a process group, workers included) and plain and gzip output. The input has a bad
record every 97 lines, so the error file is resumed as well. The checkpoint interval is 0.2 s
instead of 1 s, so that kills find checkpoints to resume from in runs of a few seconds (the code
path is the same).

After every kill: no final output may exist unless it is complete and right, and no process of
the killed run may survive.

One kill is aimed rather than random (full version only: it needs an output that takes a while
to compress): when a gzip run has checkpointed its last line, closed its error file and is
compressing the output into place.
"""

from __future__ import annotations

import json
import os
import random
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from .common import GermanText, Report, cli, last_line, source_fingerprint

FULL = {"kills": 50, "records": 3000, "finishing_records": 20000}
QUICK = {"kills": 4, "records": 300, "finishing_records": 0}
ENV = dict(os.environ, KORREKTOR_CHECKPOINT_SECONDS="0.2")
#: the status of a finished run of the main input: 1 (ExitCode.FAILED), for its bad records
DONE = 1


def _gone(pgid: int, wait: float = 5.0) -> bool:
    """Has every process of the group ended?"""
    deadline = time.monotonic() + wait
    while _alive_in_group(pgid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _alive_in_group(pgid: int) -> list[int]:
    """Processes of the group that are not zombies: the killed parent's workers are left to PID 1
    to reap, which a container's PID 1 may never do; a zombie holds no resources but its entry."""
    alive = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()  # after "(command name)": state, ppid, pgrp
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(pid))
    return alive


def _state_done(out: Path) -> int | None:
    """The lines a run has checkpointed (None before its first checkpoint)."""
    try:
        return json.loads(Path(f"{out}.partial.json").read_text())["lines_done"]
    except (OSError, ValueError, KeyError):
        return None


def _wait(rnd: random.Random, proc: subprocess.Popen, out: Path, total: float, work: float) -> None:
    """Wait for the moment of the kill: a random moment of the whole run (``total`` seconds), or,
    every other time, a random moment of the ``work`` after this run's first checkpoint."""
    if rnd.random() < 0.5:
        time.sleep(rnd.uniform(0, 1.05 * total))
        return
    before = _state_mtime(out)  # a resumed run starts with the state of the run it continues
    deadline = time.monotonic() + 2 * total
    while proc.poll() is None and _state_mtime(out) == before and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(rnd.uniform(0, work))


def _state_mtime(out: Path) -> int | None:
    try:
        return os.stat(f"{out}.partial.json").st_mtime_ns
    except FileNotFoundError:
        return None


def _kill_while_finishing(report: Report, tmp: Path, records: int, seed: int) -> None:
    """Kill a .gz run right after its last checkpoint, while it finishes; --resume must still work."""
    d = tmp / "finishing"
    d.mkdir()
    src = d / "in.jsonl"
    GermanText(seed + 1).write_jsonl(src, records=records, paragraphs=1)
    clean, out = d / "clean.jsonl.gz", d / "out.jsonl.gz"
    subprocess.run(cli("batch", src, "-o", clean, "-j", 2), capture_output=True, env=ENV, check=True)
    proc = subprocess.Popen(cli("batch", src, "-o", out, "-j", 2), env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    # finishing: the last line is checkpointed and the error file closed (this input has no bad
    # records, so its empty partial file is removed); what is left is compressing the output
    errors = d / "out.errors.jsonl.partial"
    while proc.poll() is None and (_state_done(out) != records or errors.exists()):
        time.sleep(0.001)
    caught = proc.poll() is None
    if caught:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    r = subprocess.run(cli("batch", src, "-o", out, "-j", 2, "--resume"), capture_output=True, text=True, env=ENV)
    same = r.returncode == 0 and out.read_bytes() == clean.read_bytes()
    report.data["finishing"] = {"caught": caught, "resume_returncode": r.returncode, "identical": same,
                                "message": last_line(r.stderr)}
    report.add(f"kill while finishing a .gz run ({records:,} records), then --resume",
               ("identical to a clean run" if same else f"exit {r.returncode}: {last_line(r.stderr)[:100]}")
               + ("" if caught else " (the run ended before the kill)"), "identical", same)


def run(kills: int = FULL["kills"], records: int = FULL["records"],
        finishing_records: int = FULL["finishing_records"], seed: int = 7) -> Report:
    report = Report("kill")
    source = source_fingerprint()
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="korrektor-kill-") as tmp:
        tmp = Path(tmp)
        src = tmp / "in.jsonl"
        info = GermanText(seed).write_jsonl(src, records=records, paragraphs=1, bad_every=97)
        report.add("input", f"{info['records']:,} records, {info['chars']:,} chars, a bad one every 97")

        # clean runs: the reference outputs, how long a run takes and how much of that is work
        # after the first checkpoint (the ranges of the kill moments)
        clean: dict[str, tuple[bytes, bytes]] = {}
        timing: dict[str, tuple[float, float]] = {}
        for suffix in (".jsonl", ".jsonl.gz"):
            d = tmp / f"clean{suffix}"
            d.mkdir()
            t = time.monotonic()
            proc = subprocess.Popen(cli("batch", src, "-o", d / f"out{suffix}", "-j", 2), env=ENV,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            first = None
            while proc.poll() is None:
                if first is None and _state_done(d / f"out{suffix}") is not None:
                    first = time.monotonic() - t
                time.sleep(0.02)
            total = time.monotonic() - t
            if proc.returncode != DONE:
                report.add(f"clean run {suffix}", last_line(proc.stderr.read()), f"exit {DONE}", False)
                return report
            clean[suffix] = ((d / f"out{suffix}").read_bytes(), (d / "out.errors.jsonl").read_bytes())
            timing[suffix] = (total, total - (first or 0))
        report.add("clean run -j 2 (total / after the first checkpoint)",
                   ", ".join(f"{s}: {a:.1f} / {b:.1f} s" for s, (a, b) in timing.items()))

        done_kills = trials = identical = finished_early = 0
        stray, problems, fractions = 0, [], []
        while done_kills < kills:
            jobs, suffix = (1, 2)[trials % 2], (".jsonl", ".jsonl.gz")[trials // 2 % 2]
            d = tmp / f"trial{trials}"
            d.mkdir()
            out = d / f"out{suffix}"
            planned = min(rnd.randint(1, 3), kills - done_kills)
            resume: list[str] = []
            for _ in range(planned):
                proc = subprocess.Popen(cli("batch", src, "-o", out, "-j", jobs, *resume), env=ENV,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                        start_new_session=True)
                _wait(rnd, proc, out, *timing[suffix])
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                    done_kills += 1
                    stray += not _gone(proc.pid)
                    lines = _state_done(out)
                    fractions.append((lines or 0) / info["records"])
                    if out.exists() and out.read_bytes() != clean[suffix][0]:
                        problems.append(f"trial {trials}: a killed run left a wrong {out.name}")
                else:  # it finished before the kill: then it must have succeeded
                    finished_early += 1
                    if proc.returncode != DONE:
                        problems.append(f"trial {trials}: exit {proc.returncode}: {last_line(proc.stderr.read())}")
                    break
                resume = ["--resume"]
            r = subprocess.run(cli("batch", src, "-o", out, "-j", jobs, "--resume"), capture_output=True,
                               text=True, env=ENV)
            # a kill after the run had finished (while the process exited) leaves a complete
            # output: --resume then says so and ends with 0, whatever the run's status was
            complete = r.returncode == 0 and "already complete, nothing to resume" in r.stderr
            if r.returncode != DONE and not complete:
                problems.append(f"trial {trials} (-j {jobs} {suffix}): the resume failed: {last_line(r.stderr)}")
            elif (out.read_bytes(), (d / "out.errors.jsonl").read_bytes()) == clean[suffix]:
                identical += 1
            else:
                problems.append(f"trial {trials} (-j {jobs} {suffix}): the output differs from a clean run")
            leftovers = [p.name for p in d.iterdir() if ".partial" in p.name]
            if (r.returncode == DONE or complete) and leftovers:
                problems.append(f"trial {trials}: partial files left: {leftovers}")
            trials += 1

        report.data |= {"kills": done_kills, "trials": trials, "identical": identical, "stray": stray,
                        "finished_before_kill": finished_early, "fraction_done_at_kill": fractions,
                        "problems": problems}
        report.add("kills (SIGKILL to the process group)", done_kills, f"{kills}", done_kills == kills)
        if fractions:
            report.add("progress at the kills (checkpointed share of lines)",
                       f"min {min(fractions):.0%}, median {statistics.median(fractions):.0%}, "
                       f"max {max(fractions):.0%}; {sum(f == 0 for f in fractions)} before the first checkpoint")
        report.add("runs that finished before their kill", finished_early)
        report.add("trials ending byte-identical to a clean run", f"{identical}/{trials}", "all", identical == trials)
        report.add("processes surviving a kill", stray, "0", stray == 0)
        for p in problems[:10]:
            report.add("problem", p, "", False)
        if finishing_records:
            _kill_while_finishing(report, tmp, finishing_records, seed)
    report.check_source(source)
    return report
