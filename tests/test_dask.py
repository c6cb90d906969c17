"""korrektor.dask on a LocalCluster: the same output as the local run."""

import json

import pytest

import korrektor

from conftest import DATA

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")


def _texts(n=8, size=400):
    pages = [json.loads(line) for line in (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    return [pages[i % len(pages)]["ocr"][:size] for i in range(n)]


@pytest.fixture(scope="module")
def client():
    # two single-threaded worker processes, as `--dask local[2]` starts them
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def test_bag_of_strings_and_records(client):
    import korrektor.dask as kd

    texts = _texts()
    expected = [korrektor.correct(t).text for t in texts]
    assert kd.correct_bag(db.from_sequence(texts, npartitions=3)).compute() == expected
    recs = [{"id": i, "text": t} for i, t in enumerate(texts)]
    got = kd.correct_bag(db.from_sequence(recs, npartitions=3), with_edits=True).compute()
    assert [g["text"] for g in got] == expected and [g["id"] for g in got] == list(range(len(texts)))
    assert all("edits" in g for g in got) and recs[0] == {"id": 0, "text": texts[0]}, "input untouched"


def test_dataframe_column(client):
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    import korrektor.dask as kd

    texts = _texts()
    ddf = dd.from_pandas(pd.DataFrame({"id": range(len(texts)), "text": texts}), npartitions=3)
    got = kd.correct_dataframe(ddf, "text", out_column="fixed").compute()
    assert list(got["fixed"]) == [korrektor.correct(t).text for t in texts]
    assert list(got["text"]) == texts
    with pytest.raises(KeyError, match="no column 'body'"):
        kd.correct_dataframe(ddf, "body")


def test_batch_on_a_cluster_equals_local_run(client, tmp_path):
    from korrektor.batch import Options, run_jsonl

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                           for i, t in enumerate(_texts(20, 300))) + "[1]\n", encoding="utf-8")
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_jsonl(str(src), str(local), Options(source=str(src)), jobs=1)
    stats = run_jsonl(str(src), str(remote), Options(source=str(src)), executor=client.get_executor(), window=4)
    assert remote.read_bytes() == local.read_bytes()
    assert stats.records == 20 and stats.errors == 1
    assert (tmp_path / "dask.errors.jsonl").read_bytes() == (tmp_path / "local.errors.jsonl").read_bytes()


# ----------------------------------------------------------------------------------------------
# --dask values: checked before any work; an unreachable scheduler is one line, not a traceback.

from click.testing import CliRunner  # noqa: E402

from korrektor.cli import main  # noqa: E402


@pytest.mark.parametrize("value", ["local", "local[1]", "local[16]", "tcp://10.0.0.5:8786", "scheduler:8786",
                                   "tls://dask.example.org:8786", "inproc://10.0.0.5/4711/1", "[::1]:8786",
                                   "ws://host:8786"])
def test_scheduler_values_dask_can_use(value):
    from korrektor.dask import check_scheduler

    assert check_scheduler(value) == value


@pytest.mark.parametrize("value, reason", [
    ("local[0]", "a local cluster needs at least one worker"),
    ("local[x]", "expected local, local[N] or a scheduler address"),
    ("local[-1]", "expected local, local[N] or a scheduler address"),
    ("scheduler", "expected local, local[N] or a scheduler address"),
    ("host:99999", "expected local, local[N] or a scheduler address"),
    ("http://host:8786", "unknown protocol 'http'"),
])
@pytest.mark.parametrize("command", ["batch", "score"])
def test_a_bad_dask_value_is_a_usage_error(tmp_path, value, reason, command):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "Die Prufung"}\n', encoding="utf-8")
    r = CliRunner().invoke(main, [command, str(src), "-o", str(tmp_path / "out.jsonl"), "--dask", value])
    assert r.exit_code == 2, r.output
    assert f"Error: Invalid value for '--dask': {value!r}: {reason}" in r.output
    assert "Traceback" not in r.output and sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_local_0_ends_at_once_instead_of_waiting_for_workers(tmp_path):
    # the real CLI: before the check, a local cluster without workers waited for them forever
    import subprocess
    import sys

    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "Die Prufung"}\n', encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "korrektor.cli", "batch", str(src), "-o", str(tmp_path / "o.jsonl"),
                        "--dask", "local[0]"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "a local cluster needs at least one worker" in r.stderr


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, monkeypatch):
    import socket

    import korrektor.dask as kd

    monkeypatch.setattr(kd, "CONNECT_TIMEOUT", 1)  # Dask's default is 30 s, ours 10 s
    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "Die Prufung"}\n', encoding="utf-8")
    address = f"tcp://127.0.0.1:{port}"
    r = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "out.jsonl"), "--dask", address])
    assert r.exit_code == 2, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"korrektor: error: --dask {address}: cannot reach the Dask scheduler within 1 s"), r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
