"""Faults on the output side: a full disk and outputs that cannot be written, for
``korrektor correct -o`` and ``korrektor batch -o``.

Expected of every case: a non-zero exit status; a message of one line that names the cause (no
Python traceback); no output file, or the earlier output unchanged; and failing fast, i.e. before
doing the work where the problem can be seen up front (an unwritable output), or at the first
write that does not fit (a full disk). A batch that met a full disk must be resumable: once space
is freed, ``--resume`` ends with exactly the output of a clean run.

The full disk is a small tmpfs mounted here (which needs root; without it, standard output
redirected to /dev/full is the full-disk case, and without that the full-disk cases are skipped).
A read-only tmpfs is the unwritable directory (root ignores file permissions; without root a
chmod 555 directory is used).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .common import GermanText, Report, cli, last_line, source_fingerprint

FULL = {"text_kb": 2000, "records": 3000}
QUICK = {"text_kb": 200, "records": 300}


@contextlib.contextmanager
def tmpfs(path: Path, size: str, read_only: bool = False):
    """Mount a tmpfs of ``size`` at ``path``; yields whether that worked."""
    path.mkdir(parents=True, exist_ok=True)
    opts = f"size={size}" + (",ro" if read_only else "")
    ok = os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)],
                                              capture_output=True).returncode == 0
    try:
        yield ok
    finally:
        if ok:
            subprocess.run(["umount", str(path)], capture_output=True)


def can_mount() -> bool:
    with tempfile.TemporaryDirectory() as d, tmpfs(Path(d) / "m", "64k") as ok:
        return ok


def dev_full_usable() -> bool:
    try:
        with open("/dev/full", "wb", buffering=0) as f:
            f.write(b"x")
    except OSError as e:
        return e.errno == 28  # ENOSPC: that is what it is for
    return False


def fill(directory: Path, leave: int = 0) -> Path:
    """Fill the file system of ``directory`` to the last block, then free ``leave`` bytes."""
    filler = directory / "filler"
    with open(filler, "wb", buffering=0) as f:
        with contextlib.suppress(OSError):
            while True:
                f.write(b"\0" * 4096)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


# checkpoints every 0.2 s instead of 1 s, so that a batch that meets the full disk half-way has
# checkpointed progress to resume from, even in the quick version (the code path is the same)
ENV = dict(os.environ, KORREKTOR_CHECKPOINT_SECONDS="0.2")


def _run(args: list, stdout=subprocess.DEVNULL) -> tuple[subprocess.CompletedProcess, float]:
    t = time.monotonic()
    r = subprocess.run(cli(*args), stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=600, env=ENV)
    return r, time.monotonic() - t


def _check(report: Report, name: str, r: subprocess.CompletedProcess, seconds: float, cause: str,
           limit: float | None, files_ok: bool, files_what: str) -> None:
    """The rows every case has: status, message, files, time."""
    msg = last_line(r.stderr)
    report.data.setdefault("cases", []).append({"case": name, "returncode": r.returncode, "message": msg,
                                                "seconds": round(seconds, 2), "files_ok": files_ok})
    report.add(f"{name}: exit status", r.returncode, "≠ 0", r.returncode != 0)
    clean = "Traceback" not in r.stderr and msg.startswith("korrektor:") and cause.lower() in msg.lower()
    report.add(f"{name}: message", msg[:90] or "(none)", f"one line naming '{cause}'", clean)
    report.add(f"{name}: files", files_what, "", files_ok)
    if limit is not None:
        report.add(f"{name}: time to failure", f"{seconds:.1f} s", f"≤ {limit:.1f} s", seconds <= limit)


def run(text_kb: int = FULL["text_kb"], records: int = FULL["records"]) -> Report:
    report = Report("disk")
    source = source_fingerprint()
    with tempfile.TemporaryDirectory(prefix="korrektor-disk-") as tmp:
        tmp = Path(tmp)
        gen = GermanText(5)
        text, jsonl = tmp / "in.txt", tmp / "in.jsonl"
        gen.write_text(text, text_kb * 1000)
        gen.write_jsonl(jsonl, records=records, paragraphs=1)
        ref = tmp / "ref"
        ref.mkdir()
        # reference runs: the right outputs, and how long start-up and the whole work take
        tiny = tmp / "tiny.txt"
        tiny.write_text("Die Prufung.\n", encoding="utf-8")
        _, startup = _run(["correct", tiny, "-o", ref / "tiny.txt"])
        _, t_correct = _run(["correct", text, "-o", ref / "out.txt"])
        _, t_batch = _run(["batch", jsonl, "-o", ref / "out.jsonl", "-j", 1])
        expected = (ref / "out.jsonl").read_bytes()
        report.add("reference runs", f"start-up {startup:.1f} s, correct {t_correct:.1f} s, "
                                     f"batch -j 1 {t_batch:.1f} s")
        # an unwritable output is visible before the work: failing later than this is not fast
        up_front = startup + 0.25 * (max(t_correct, t_batch) - startup) + 1.0

        mounted = can_mount()
        report.data["tmpfs"] = mounted
        if mounted:
            _full_disk(report, tmp, text, jsonl, expected, t_correct, t_batch)
        elif dev_full_usable():  # the fallback: only standard output can be pointed at /dev/full
            report.add("full disk on a tmpfs", "skipped: cannot mount a tmpfs (needs root)")
            for name, args in (("correct > /dev/full", ["correct", text]),
                               ("batch -o - > /dev/full", ["batch", jsonl, "-o", "-", "-j", 1])):
                with open("/dev/full", "wb") as full:
                    r, s = _run(args, stdout=full)
                _check(report, name, r, s, "space", t_batch + 2, True, "-")
        else:
            report.add("full disk", "skipped: cannot mount a tmpfs and /dev/full is not usable")

        # unwritable outputs
        ro = tmp / "ro"
        with tmpfs(ro, "1m", read_only=True) as ok:
            if not ok:
                ro.chmod(0o555)
            cause = "read-only" if ok else "permission"
            for name, args in ((f"correct -o <{cause} dir>", ["correct", text, "-o", ro / "out.txt"]),
                               (f"batch -o <{cause} dir>", ["batch", jsonl, "-o", ro / "out.jsonl", "-j", 1])):
                r, s = _run(args)
                _check(report, name, r, s, cause, up_front, not any(ro.iterdir()), "nothing written")
        outdir = tmp / "outdir"
        for name, args in (("correct -o <a directory>", ["correct", text, "-o", outdir]),
                           ("batch -o <a directory>", ["batch", jsonl, "-o", outdir, "-j", 1])):
            outdir.mkdir()
            (outdir / "keep").write_text("x")
            r, s = _run(args)
            stray = [p.name for p in tmp.iterdir() if p.name.startswith((".outdir", "outdir."))]
            intact = outdir.is_dir() and [p.name for p in outdir.iterdir()] == ["keep"]
            _check(report, name, r, s, "directory", up_front, intact and not stray,
                   f"directory intact: {intact}; left beside it: {stray or 'nothing'}")
            shutil.rmtree(outdir)
            for p in stray:
                (tmp / p).unlink()
    report.check_source(source)
    return report


def _full_disk(report: Report, tmp: Path, text: Path, jsonl: Path, expected: bytes, t_correct: float,
               t_batch: float) -> None:
    full = tmp / "full"
    # room for the whole output once the filler is gone (the resume at the end needs it)
    size_kb = 2 * (max(text.stat().st_size, len(expected)) // 1024) + 256
    with tmpfs(full, f"{size_kb}k"):
        # correct: the disk is full to the last block; an earlier output must survive
        (full / "out.txt").write_text("earlier output\n", encoding="utf-8")
        filler = fill(full)
        r, s = _run(["correct", text, "-o", full / "out.txt"])
        left = sorted(p.name for p in full.iterdir())
        ok = left == ["filler", "out.txt"] and (full / "out.txt").read_text() == "earlier output\n"
        _check(report, "correct -o <full disk>", r, s, "space", t_correct + 2, ok,
               f"earlier output intact, nothing else: {ok}")
        filler.unlink()
        (full / "out.txt").unlink()

        # batch: an earlier complete output exists; the new run meets a full disk half-way
        (full / "out.jsonl").write_text("earlier output\n", encoding="utf-8")
        filler = fill(full, leave=len(expected) // 2)
        r, s = _run(["batch", jsonl, "-o", full / "out.jsonl", "-j", 1])
        intact = (full / "out.jsonl").read_text() == "earlier output\n"
        _check(report, "batch -o <full disk>", r, s, "space", t_batch + 2, intact,
               f"earlier output intact: {intact}")
        # still full: --resume fails again, and must not destroy what the first run checkpointed
        r2, s2 = _run(["batch", jsonl, "-o", full / "out.jsonl", "-j", 1, "--resume"])
        _check(report, "batch --resume -o <still full disk>", r2, s2, "space", t_batch + 2,
               (full / "out.jsonl").read_text() == "earlier output\n", "earlier output intact")
        # space freed: --resume completes with exactly the clean output
        filler.unlink()
        r3, _ = _run(["batch", jsonl, "-o", full / "out.jsonl", "-j", 1, "--resume"])
        same = r3.returncode == 0 and (full / "out.jsonl").read_bytes() == expected
        resumed = "nothing to resume" not in r3.stderr  # else no checkpoint was written before the disk filled
        report.data["resume_after_freeing"] = {"returncode": r3.returncode, "identical": same,
                                               "resumed": resumed, "message": last_line(r3.stderr)}
        report.add("batch --resume after freeing space",
                   (f"identical to a clean run ({'resumed from a checkpoint' if resumed else 'started over'})"
                    if same else f"exit {r3.returncode}: {last_line(r3.stderr)[:90]}"), "identical", same)
