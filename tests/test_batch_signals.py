"""``korrektor batch --jobs 2`` under signals, as a job scheduler, the OOM killer or Ctrl-C send
them: the workers never outlive the parent, SIGTERM and Ctrl-C end the run promptly with 143 and
130 and a line that says how to go on, and what was finished is checkpointed for --resume.

These run the real CLI in a subprocess (its own session, so that a failed test can clean up the
whole group) and find the worker processes in /proc."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import korrektor
from korrektor.cli import main

from conftest import DATA

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux: prctl and /proc")


def _records(n: int, size: int) -> list[dict]:
    pages = [json.loads(line) for line in (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    return [{"id": i, "text": pages[i % len(pages)]["ocr"][:size]} for i in range(n)]


def _input(tmp_path: Path, n: int = 400, size: int = 500) -> tuple[Path, list[dict]]:
    """Enough work that the workers are busy for a few seconds after the first chunk is written."""
    recs = _records(n, size)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return src, recs


def _start(*args) -> subprocess.Popen:
    # checkpoints only when the run ends or stops: a state file after a signal is the final one
    env = dict(os.environ, KORREKTOR_CHECKPOINT_SECONDS="1000")
    cmd = [sys.executable, "-c", "import sys; from korrektor.cli import main; sys.exit(main())", *map(str, args)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=env)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc/N/stat: after "(name)": state, ppid)."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        fields = _stat(int(entry))
        if fields and int(fields[1]) == pid:
            found.append(int(entry))
    return found


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _alive(pid: int) -> bool:
    """Running (a zombie holds no memory: it only waits for PID 1 to reap it)."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _busy_workers(proc: subprocess.Popen, partial: Path, jobs: int = 2, wait: float = 60) -> list[int]:
    """Wait until the run has written its first results (the workers are at work) and return the
    worker PIDs."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= jobs and partial.exists() and partial.stat().st_size > 0:
            return workers
        time.sleep(0.02)
    raise AssertionError(f"the run ended or never got busy: exit {proc.poll()}; make the input longer")


def _gone(pids: list[int], wait: float = 10) -> list[int]:
    """The PIDs still alive after waiting up to ``wait`` seconds for them to end."""
    deadline = time.monotonic() + wait
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in pids if _alive(p)]


def _cleanup(proc: subprocess.Popen, pids: list[int]) -> None:
    """Whatever the test found: no process of it may outlive the test."""
    for pid in [proc.pid, *pids]:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    proc.wait()
    if proc.stderr:
        proc.stderr.close()


def _expected(recs: list[dict]) -> str:
    return "".join(json.dumps(dict(r, text=korrektor.correct(r["text"]).text), ensure_ascii=False) + "\n"
                   for r in recs)


@contextlib.contextmanager
def _busy_batch(tmp_path):
    """``batch --jobs 2`` with its workers at work: ``(process, worker pids, input, records,
    output)``; afterwards nothing it started is left running, whatever the test found."""
    src, recs = _input(tmp_path)
    out = tmp_path / "out.jsonl"
    proc = _start("batch", src, "-o", out, "--jobs", 2)
    workers: list[int] = []
    try:
        workers += _busy_workers(proc, tmp_path / "out.jsonl.partial")
        yield proc, workers, src, recs, out
    finally:
        _cleanup(proc, workers)


def test_workers_die_with_a_parent_killed_by_sigkill(tmp_path):
    with _busy_batch(tmp_path) as (proc, workers, *_):
        os.kill(proc.pid, signal.SIGKILL)  # the parent only, as the OOM killer does
        proc.wait()
        assert _gone(workers) == [], "workers outlived their parent (re-parented to PID 1)"


def test_sigterm_stops_the_pool_checkpoints_and_resumes(tmp_path):
    with _busy_batch(tmp_path) as (proc, workers, src, recs, out):
        os.kill(proc.pid, signal.SIGTERM)  # the parent only, as a job scheduler does
        _, stderr = proc.communicate(timeout=20)
        assert proc.returncode == 143, stderr
        assert stderr.strip().splitlines()[-1] == \
            "korrektor: terminated; run the same command with --resume to continue"
        assert "Traceback" not in stderr, stderr
        assert _gone(workers) == [], "the workers must end with the run"
        assert not out.exists(), "a stopped run leaves no final output"
        # the final checkpoint (the periodic ones are off here) keeps what was finished
        state = json.loads((tmp_path / "out.jsonl.partial.json").read_text())
        assert 0 < state["lines_done"] < len(recs)

    r = subprocess.run([sys.executable, "-m", "korrektor.cli", "batch", str(src), "-o", str(out), "-j", "2",
                        "--resume"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == _expected(recs)
    assert not list(tmp_path.glob("*.partial*"))


def test_ctrl_c_on_the_process_group_is_130_with_the_resume_hint(tmp_path):
    with _busy_batch(tmp_path) as (proc, workers, *_):
        os.killpg(proc.pid, signal.SIGINT)  # a terminal sends Ctrl-C to the whole foreground group
        _, stderr = proc.communicate(timeout=20)
        assert proc.returncode == 130, stderr
        assert stderr.strip().splitlines()[-1] == \
            "korrektor: interrupted; run the same command with --resume to continue"
        assert "Traceback" not in stderr and "Aborted!" not in stderr, stderr  # no worker's either
        assert _gone(workers) == []
        assert json.loads((tmp_path / "out.jsonl.partial.json").read_text())["lines_done"] > 0


# In-process: the message of an interrupted run, with and without a place to resume.

@pytest.mark.parametrize("raised, code, message", [
    (KeyboardInterrupt(), 130, "interrupted"),
    (korrektor.exitcodes.Interrupted("terminated", korrektor.exitcodes.ExitCode.TERMINATED), 143, "terminated"),
])
@pytest.mark.parametrize("command", ["batch", "score"])
def test_an_interrupted_run_says_how_to_resume_where_it_can(tmp_path, monkeypatch, raised, code, message, command):
    import korrektor.cli_batch as cli_batch

    def stopped(*args, **kwargs):
        raise raised

    monkeypatch.setattr(cli_batch, "run_jsonl", stopped)
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "gut"}\n', encoding="utf-8")
    r = CliRunner().invoke(main, [command, str(src), "-o", str(tmp_path / "out.jsonl")])
    assert r.exit_code == code
    assert r.output.strip() == f"korrektor: {message}; run the same command with --resume to continue"
    r = CliRunner().invoke(main, [command, str(src), "-o", "-"])  # standard output: nothing to resume
    assert r.exit_code == code and r.output.strip() == f"korrektor: {message}"
