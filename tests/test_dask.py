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
