"""The exit statuses of docs/exit-codes.md, seen as a shell sees them: real processes, real
signals, a real full disk (/dev/full). ``batch`` has its own signal tests (test_batch_signals.py)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from korrektor.exitcodes import ExitCode

KORREKTOR = [sys.executable, "-m", "korrektor"]


def _catches(pid: int, signum: int) -> bool:
    """Has process ``pid`` installed a handler for ``signum`` (its SigCgt mask in /proc)?"""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    return False


def _wait_until_catching(proc: subprocess.Popen, signum: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not _catches(proc.pid, signum):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the command never got ready"
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("signum, status, said", [
    (signal.SIGINT, ExitCode.INTERRUPTED, "korrektor: interrupted"),
    (signal.SIGTERM, ExitCode.TERMINATED, "korrektor: terminated"),
])
def test_a_signal_ends_a_command_with_its_status_and_a_line(signum, status, said):
    # `correct -` waits for standard input: the signal arrives while the command runs
    proc = subprocess.Popen(KORREKTOR + ["correct", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        _wait_until_catching(proc, signal.SIGTERM)  # installed when the command starts
        proc.send_signal(signum)
        # standard input stays open: an end of input racing the signal would end the command as
        # an empty input (2) before the signal's handler runs
        proc.wait(timeout=60)
        err = proc.stderr.read().decode()
    finally:
        proc.kill()
        proc.stdin.close()
    assert proc.returncode == status, err
    assert said in err and "Traceback" not in err and "Aborted!" not in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_behind_standard_output_is_named(tmp_path):
    page = tmp_path / "seite.txt"
    page.write_text("Die Prufung ist gut.\n" * 2000, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(KORREKTOR + ["correct", str(page)], stdout=full, stderr=subprocess.PIPE, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == ExitCode.FAILED
    assert "korrektor: error: standard output: No space left on device" in err
    assert "Traceback" not in err and "Exception ignored" not in err


def test_a_closed_pipe_ends_quietly(tmp_path):
    page = tmp_path / "seite.txt"
    page.write_text("Die Prufung ist gut.\n" * 20000, encoding="utf-8")
    proc = subprocess.Popen(KORREKTOR + ["correct", str(page)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away, as `| head -c 10` does
    err = proc.stderr.read().decode()
    # 1 where the write fails; a reader that leaves during one large write may instead be reported
    # by the system as a short write, which Python does not treat as an error: then 0
    assert proc.wait(timeout=120) in (ExitCode.OK, ExitCode.FAILED)
    assert err == "", "no traceback, no message: the reader went away, nothing was wrong"


def test_bad_usage_and_bad_input_end_with_2(run, tmp_path):
    empty = tmp_path / "leer.txt"
    empty.write_bytes(b"")
    from click.testing import CliRunner

    from korrektor.cli import main

    for args in (["correct", str(empty)], ["correct", "--min-confidence", "2", str(empty)],
                 ["correct", str(tmp_path / "fehlt.txt")], ["no-such-command"],
                 ["correct", str(empty), "-o", str(tmp_path / "kein" / "ordner.txt")]):
        assert CliRunner().invoke(main, args).exit_code == ExitCode.USAGE, args


def test_a_signal_during_an_import_still_ends_with_its_status(monkeypatch, tmp_path):
    # a SIGTERM that strikes while a module's class is created reaches the command as a
    # RuntimeError caused by it (seen when the signal came during the format detection's import)
    from click.testing import CliRunner

    import korrektor.cli_formats
    from korrektor.cli import main
    from korrektor.exitcodes import Interrupted

    def struck(*args, **kwargs):
        try:
            raise Interrupted("terminated", ExitCode.TERMINATED)
        except Interrupted as e:
            raise RuntimeError("Error calling __set_name__ on 'Field' instance") from e

    monkeypatch.setattr(korrektor.cli_formats, "dispatch_correct", struck)
    page = tmp_path / "seite.txt"
    page.write_text("Die Prufung ist gut.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["correct", str(page)])
    assert r.exit_code == ExitCode.TERMINATED and "korrektor: terminated" in r.output


def test_a_signal_whose_exception_was_lost_still_ends_the_command_with_its_status():
    # an extension module may run Python code and ignore its errors: a signal's exception raised
    # there vanishes, and the command goes on to its end
    from click.testing import CliRunner

    from korrektor import cli, exitcodes

    group = cli._Group()

    @group.command()
    def work():
        exitcodes.STOPS.append(exitcodes.Interrupted("terminated", ExitCode.TERMINATED))  # as the handler does

    result = CliRunner().invoke(group, ["work"])
    assert result.exit_code == ExitCode.TERMINATED
    assert "korrektor: terminated" in result.output


def test_a_wait_for_input_ends_when_a_signal_asked_to_stop(monkeypatch):
    from korrektor import cli_common, exitcodes

    read_end, write_end = os.pipe()  # no input ever comes
    try:
        monkeypatch.setattr(exitcodes, "STOPS", [KeyboardInterrupt()])
        with os.fdopen(read_end, "rb", closefd=False) as stream, pytest.raises(KeyboardInterrupt):
            cli_common._wait_for_input(stream, poll_seconds=0.01)
    finally:
        os.close(read_end)
        os.close(write_end)
