"""The quick versions of ``bench/reliability`` (see RELIABILITY.md): bounded memory and time per
document, SIGKILL and --resume, a full disk and unwritable outputs, the service under load.

Each test runs one part and fails on any expectation the part reports as failed, except for the
known bugs listed with it: those make the test xfail, and once they are fixed the test fails
until they are taken off the list (so the list stays true)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: bench/ is there

from bench.reliability import disk, kill, load, memory, pathological  # noqa: E402
from bench.reliability.common import Report  # noqa: E402


def _judge(report: Report, known: dict[str, str] | None = None) -> None:
    """Fail on every failed row that is not a known bug; xfail if known bugs showed; fail if a
    known bug no longer shows."""
    known = known or {}
    report.print()  # shown by pytest when the test fails
    failed = report.failures
    unexpected = [r for r in failed if not any(r.what.startswith(k) for k in known)]
    assert not unexpected, "\n".join(f"{r.what}: {r.value} (expected {r.expect})" for r in unexpected)
    showing = [k for k in known if any(r.what.startswith(k) for r in failed)]
    fixed = [k for k in known if k not in showing]
    assert not fixed, f"fixed, take off the known bugs in this test: {fixed}"
    if showing:
        reasons = {known[k]: [x for x in showing if known[x] == known[k]] for k in showing}
        pytest.xfail("known bugs: " + "; ".join(f"{why} ({', '.join(rows)})" for why, rows in reasons.items()))


def test_memory_of_batch_does_not_grow_with_the_input():
    report = memory.run(**memory.QUICK)
    runs = report.data["batch"]
    assert [r["jobs"] for r in runs] == [2, 2] and runs[1]["bytes"] > 3 * runs[0]["bytes"]
    assert runs[1]["peak_tree_pss_mb"] <= 1.25 * runs[0]["peak_tree_pss_mb"] + 30
    _judge(report)


def test_time_per_document_is_linear_on_pathological_text():
    report = pathological.run(**pathological.QUICK)
    assert {r.what: r for r in report.rows}["unknown token of 100,000 chars"].ok
    _judge(report)


def test_killed_batch_resumes_to_the_clean_output():
    report = kill.run(**kill.QUICK)
    d = report.data
    assert d["kills"] == kill.QUICK["kills"] and d["identical"] == d["trials"] >= 2 and d["stray"] == 0
    _judge(report)


@pytest.mark.skipif(not disk.can_mount() and not disk.dev_full_usable(),
                    reason="needs a tmpfs mount (root) or a usable /dev/full")
def test_full_disk_and_unwritable_output_fail_cleanly():
    report = disk.run(**disk.QUICK)
    cases = {c["case"]: c for c in report.data["cases"]}
    # a failure is reported by the exit status and leaves no wrong output behind, and a batch
    # stopped by a full disk resumes to the clean output
    assert all(c["returncode"] != 0 for c in cases.values()), cases
    if report.data["tmpfs"]:
        assert cases["correct -o <full disk>"]["files_ok"] and cases["batch -o <full disk>"]["files_ok"]
        assert report.data["resume_after_freeing"]["identical"], report.data["resume_after_freeing"]
    _judge(report)


def test_service_under_load():
    for module in ("fastapi", "uvicorn", "httpx"):  # the service extra
        pytest.importorskip(module)
    report = load.run(**load.QUICK)
    total = report.data["total"]
    assert not any(isinstance(s, int) and s >= 500 and s not in (503, 504) for s in total), total
    assert total.get(503, 0) > 0, "a queue shorter than the clients must meet 503 (with Retry-After)"
    _judge(report)
