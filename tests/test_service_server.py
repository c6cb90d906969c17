"""The service behind a real uvicorn server on 127.0.0.1 (a free port, in a thread): 50 concurrent
clients over TCP, and the limits as a client on the network meets them."""

from __future__ import annotations

import asyncio
import time

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")
pytest.importorskip("uvicorn")

import korrektor  # noqa: E402
from korrektor.service import Limits, create_app  # noqa: E402

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="module")
def server(serve_in_thread):
    with serve_in_thread(create_app(Limits(max_body_bytes=64 * 1024, workers=2, queue=64, timeout=60))) as url:
        yield url


async def test_fifty_concurrent_clients_over_tcp(server, pairs):
    sentences = ["Die Prufung der Lésungen dauert lange.", "Wir mochten, dass niemand zuriickbleibt.",
                 "Er lauft uber die Brucke.", "Die Biirgermeisterin sprach iiber die Schule."]
    texts = [p["ocr"] for p in pairs[:6]] + [f"{sentences[i % 4]} Nummer {i}." for i in range(44)]
    expected = [korrektor.correct(t).to_dict() for t in texts]

    async def one_client(text):  # each client its own connection
        async with httpx.AsyncClient(base_url=server, timeout=60) as c:
            return await c.post("/v1/correct", json={"text": text})

    t0 = time.monotonic()
    responses = await asyncio.gather(*(one_client(t) for t in texts))
    assert time.monotonic() - t0 < 40
    assert [r.status_code for r in responses] == [200] * 50
    assert [r.json() for r in responses] == expected


async def test_limits_over_tcp(server):
    async with httpx.AsyncClient(base_url=server, timeout=30) as c:
        assert (await c.get("/healthz")).json()["status"] == "ok"
        r = await c.post("/v1/correct", json={"text": "x" * 70_000})
        assert r.status_code == 413 and "limit is 65536 bytes" in r.json()["error"]

        async def chunks():
            for _ in range(100):
                yield b"x" * 1000

        r = await c.post("/v1/correct", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
    async with httpx.AsyncClient(base_url=server, timeout=30) as c:  # a fresh connection after the 413
        r = await c.post("/v1/correct", content=b'{"text": "Die', headers={"content-type": "application/json"})
        assert r.status_code == 400 and r.json()["error"].startswith("malformed JSON")
        r = await c.post("/v1/correct", json={"text": "Die Prufung."})
        assert r.status_code == 200 and r.json()["text"] == "Die Prüfung."
