"""The HTTP service, in process through its ASGI interface (httpx.AsyncClient + ASGITransport):
answers, limits (body size, batch size, time, concurrent work), malformed requests, the review
page's files and the OpenAPI docs."""

from __future__ import annotations

import asyncio
import json
import re
import sys
import threading
import time
from contextlib import asynccontextmanager

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")

import korrektor  # noqa: E402
from korrektor.edits import Edit, apply  # noqa: E402
from korrektor.service import Limits, create_app  # noqa: E402

pytestmark = pytest.mark.anyio

DAMAGED = "Die Forderung fiir Schiler der grofen Klassen ist ,,sehr wichtig\", sagte sie."
SENTENCES = [
    "Im Friihjahr hat der Stadtrat beschlossen, die Mittel zu erhdhen.",
    "Wir mochten, dass niemand zuriickbleibt.",
    "Die Biirgermeisterin sprach am Dienstag iiber die Schule.",
    "Er lauft uber die Brucke und ofnet das Tor.",
    "Das Madchen liest ein Buch fiber die Geschichte der Stadt.",
    "Die Lehrkrafte wollen neue Biicher fur die Bibliothek.",
    "Seit dem Friihjahr lasst das Archiv die Jahrgange scannen.",
    "Die grofte Schwierigkeit ist die Prufung der Lésungen.",
]


@pytest.fixture
def anyio_backend():
    return "asyncio"


@asynccontextmanager
async def client_for(app, timeout: float = 30.0):
    """An httpx client talking to the app in process, with the app's start-up and shutdown run."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://korrektor.test", timeout=timeout) as c:
            yield c


@pytest.fixture
async def client():
    async with client_for(create_app(warm=False)) as c:
        yield c


def edits_of(body: dict, key: str = "edits") -> list[Edit]:
    return [Edit.from_dict(d) for d in body[key]]


# ---------------------------------------------------------------------------------------------
# answers


async def test_correct_returns_text_edits_and_doubts(client):
    r = await client.post("/v1/correct", json={"text": DAMAGED})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"text", "edits", "doubts"}
    assert body == korrektor.correct(DAMAGED).to_dict()
    assert "für Schüler der großen Klassen" in body["text"]
    assert "„sehr wichtig“" in body["text"]
    edits = edits_of(body)
    assert apply(DAMAGED, edits) == body["text"]  # offsets are code points into the input
    assert {"word", "quote"} <= {e.kind for e in edits}


async def test_offsets_are_code_points_also_beyond_the_bmp(client):
    text = "𝔄📚 " + DAMAGED  # two characters outside the BMP (two UTF-16 units each)
    body = (await client.post("/v1/correct", json={"text": text})).json()
    edits = edits_of(body)
    assert apply(text, edits) == body["text"]
    first = next(e for e in edits if e.before == "fiir")
    assert text[first.start:first.end] == "fiir"


async def test_config_is_honoured(client):
    body = (await client.post("/v1/correct", json={"text": DAMAGED, "config": {"words": False}})).json()
    assert "fiir" in body["text"] and all("word" not in e["kind"] for e in body["edits"])
    body = (await client.post("/v1/correct", json={"text": DAMAGED, "config": {"suggest": True}})).json()
    assert "fiir" in body["text"]
    assert any(d["before"] == "fiir" and d["after"] == "für" for d in body["doubts"])
    body = (await client.post("/v1/correct", json={"text": DAMAGED, "config": {"min_confidence": 1}})).json()
    assert body == korrektor.correct(DAMAGED, korrektor.Config(min_confidence=1.0)).to_dict()


async def test_rules_can_be_switched_off(client):
    config = {"skip_rules": ["restore_german_quotes", "lost_umlauts"]}
    body = (await client.post("/v1/correct", json={"text": DAMAGED, "config": config})).json()
    expected = korrektor.correct(DAMAGED, korrektor.Config(skip_rules=frozenset(config["skip_rules"])))
    assert body == expected.to_dict()
    assert "fiir" in body["text"] and not any(e["rule"] in config["skip_rules"] for e in body["edits"])
    assert body != korrektor.correct(DAMAGED).to_dict()
    r = await client.post("/v1/correct", json={"text": DAMAGED, "config": {"skip_rules": ["no_such_rule"]}})
    assert r.status_code == 422 and "no_such_rule" in r.text and "remove_specks" in r.text
    r = await client.post("/v1/correct", json={"text": DAMAGED, "config": {"skip_rules": "lost_umlauts"}})
    assert r.status_code == 422
    r = await client.post("/v1/correct/batch", json={"texts": [DAMAGED], "config": config})
    assert r.json()["results"] == [expected.to_dict()]


async def test_empty_text_is_fine(client):
    r = await client.post("/v1/correct", json={"text": ""})
    assert r.status_code == 200 and r.json() == {"text": "", "edits": [], "doubts": []}


async def test_batch_answers_in_order(client):
    r = await client.post("/v1/correct/batch", json={"texts": SENTENCES, "config": {"keep_lines": True}})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    config = korrektor.Config(keep_lines=True)
    assert results == [korrektor.correct(t, config).to_dict() for t in SENTENCES]


async def test_healthz_reports_limits_and_load(client):
    body = (await client.get("/healthz")).json()
    assert body["status"] == "ok" and body["version"] == korrektor.__version__
    assert body["limits"] == Limits().to_dict()
    assert body["load"]["running"] == 0


# ---------------------------------------------------------------------------------------------
# malformed requests: a clear JSON message, never a stack trace


@pytest.mark.parametrize("body, status, message", [
    (b'{"text": ', 400, "malformed JSON"),
    (b'{"text": "a",}', 400, "malformed JSON"),
    (b"\xff\xfe", 400, "malformed"),
    (b"[1, 2]", 422, "JSON object"),
    (b'"Text"', 422, "JSON object"),
    (b"{}", 422, "text: Field required"),
    (b'{"text": 42}', 422, "text: Input should be a valid string"),
    (b'{"text": "a", "extra": 1}', 422, "extra: unknown field"),
    (b'{"text": "a", "config": {"colour": true}}', 422, "config.colour: unknown field"),
    (b'{"text": "a", "config": {"words": "yes"}}', 422, "config.words"),
    (b'{"text": "a", "config": {"min_confidence": 1.5}}', 422, "config.min_confidence"),
    (b'{"text": "a", "config": [1]}', 422, "config"),
])
async def test_malformed_requests(client, body, status, message):
    r = await client.post("/v1/correct", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert message in r.json()["error"]


async def test_wrong_content_type(client):
    r = await client.post("/v1/correct", content=b"text=Hallo", headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415 and "application/json" in r.json()["error"]


async def test_unknown_paths_and_methods_answer_json(client):
    r = await client.get("/v1/nothing")
    assert r.status_code == 404 and r.json() == {"error": "Not Found", "code": "not_found"}
    r = await client.get("/v1/correct")
    assert r.status_code == 405 and "error" in r.json()


# ---------------------------------------------------------------------------------------------
# limits


async def test_body_too_large_by_content_length():
    async with client_for(create_app(Limits(max_body_bytes=1000), warm=False)) as c:
        r = await c.post("/v1/correct", json={"text": "Wort " * 400})
        assert r.status_code == 413
        assert r.json()["error"].startswith("request body too large: the limit is 1000 bytes")
        assert r.json()["limit"] == 1000
        small = await c.post("/v1/correct", json={"text": "Die Prufung."})
        assert small.status_code == 200


async def test_body_too_large_without_content_length():
    async def chunks():
        for _ in range(20):
            yield b'{"text": "' + b"x" * 100
            await asyncio.sleep(0)

    async with client_for(create_app(Limits(max_body_bytes=1000), warm=False)) as c:
        r = await c.post("/v1/correct", content=chunks(), headers={"content-type": "application/json"})
        assert "content-length" not in r.request.headers
        assert r.status_code == 413 and "limit is 1000 bytes" in r.json()["error"]


async def test_batch_too_many_texts():
    async with client_for(create_app(Limits(max_batch_items=3), warm=False)) as c:
        r = await c.post("/v1/correct/batch", json={"texts": SENTENCES[:4]})
        assert r.status_code == 413 and "the limit is 3 per batch, got 4" in r.json()["error"]
        assert (await c.post("/v1/correct/batch", json={"texts": SENTENCES[:3]})).status_code == 200


class Gate:
    """A correction function that waits until released: makes slow work on demand."""

    def __init__(self):
        self.release = threading.Event()
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, text, config):
        with self.lock:
            self.calls += 1
        assert self.release.wait(10), "test gate never released"
        return korrektor.correct(text, config)


async def wait_until(predicate, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.01)


async def test_saturated_server_answers_503_at_once():
    gate = Gate()
    app = create_app(Limits(workers=1, queue=1, timeout=10), correct=gate, warm=False)
    async with client_for(app) as c:
        first = asyncio.create_task(c.post("/v1/correct", json={"text": "Die Prufung."}))
        second = asyncio.create_task(c.post("/v1/correct", json={"text": "Die Lésung."}))
        await wait_until(lambda: app.state.workers.admitted == 2)
        t0 = time.monotonic()
        third = await c.post("/v1/correct", json={"text": "Das Madchen."})
        assert time.monotonic() - t0 < 1.0
        assert third.status_code == 503 and third.headers["retry-after"] == "1"
        assert "server busy" in third.json()["error"]
        load = (await c.get("/healthz")).json()["load"]
        assert load == {"running": 1, "waiting": 1, "finished": 0, "rejected_busy": 1, "timed_out": 0}
        gate.release.set()
        r1, r2 = await first, await second
        assert r1.status_code == r2.status_code == 200
        assert r1.json()["text"] == "Die Prüfung."
        await wait_until(lambda: app.state.workers.admitted == 0)
        assert (await c.post("/v1/correct", json={"text": "Das Madchen."})).status_code == 200


async def test_slow_correction_times_out_with_504_and_keeps_its_slot_until_done():
    gate = Gate()
    app = create_app(Limits(workers=1, queue=0, timeout=0.3), correct=gate, warm=False)
    async with client_for(app) as c:
        t0 = time.monotonic()
        r = await c.post("/v1/correct", json={"text": "Die Prufung."})
        assert 0.25 < time.monotonic() - t0 < 3
        assert r.status_code == 504 and "did not finish within 0.3 s" in r.json()["error"]
        # the thread still works: its slot is taken, so the next request is refused
        busy = await c.post("/v1/correct", json={"text": "Die Prufung."})
        assert busy.status_code == 503
        load = (await c.get("/healthz")).json()["load"]
        assert load["running"] == 1 and load["timed_out"] == 1
        gate.release.set()
        await wait_until(lambda: app.state.workers.admitted == 0)
        r = await c.post("/v1/correct", json={"text": "Die Prufung."})
        assert r.status_code == 200 and r.json()["text"] == "Die Prüfung."


async def test_waiting_too_long_for_a_worker_is_503_and_the_job_never_runs():
    gate = Gate()
    app = create_app(Limits(workers=1, queue=4, timeout=0.3), correct=gate, warm=False)
    async with client_for(app) as c:
        first = asyncio.create_task(c.post("/v1/correct", json={"text": "Eins."}))
        await wait_until(lambda: gate.calls == 1)
        waiting = await c.post("/v1/correct", json={"text": "Zwei."})
        assert waiting.status_code == 503 and "no worker became free" in waiting.json()["error"]
        assert (await first).status_code == 504
        gate.release.set()
        await wait_until(lambda: app.state.workers.admitted == 0)
        assert gate.calls == 1  # the queued job was cancelled before it started


async def test_batch_stops_between_texts_after_a_timeout():
    calls = []

    def slow(text, config):
        calls.append(text)
        time.sleep(0.1)
        return korrektor.correct(text, config)

    app = create_app(Limits(timeout=0.25), correct=slow)  # warm: the language data is loaded before
    async with client_for(app) as c:
        r = await c.post("/v1/correct/batch", json={"texts": SENTENCES})
        assert r.status_code == 504
        await wait_until(lambda: app.state.workers.admitted == 0)
        assert 1 <= len(calls) <= 4 < len(SENTENCES)


async def test_fifty_concurrent_clients_get_correct_answers(pairs):
    texts = [p["ocr"] for p in pairs[:10]] + [f"{s} ({i})" for i, s in enumerate(SENTENCES * 5)]
    texts = texts[:50]
    assert len(texts) == 50
    expected = [korrektor.correct(t).to_dict() for t in texts]
    app = create_app(Limits(workers=2, queue=64, timeout=60))
    async with client_for(app, timeout=60) as c:
        t0 = time.monotonic()
        responses = await asyncio.gather(*(c.post("/v1/correct", json={"text": t}) for t in texts))
        elapsed = time.monotonic() - t0
    assert [r.status_code for r in responses] == [200] * 50
    assert [r.json() for r in responses] == expected
    assert elapsed < 30


# ---------------------------------------------------------------------------------------------
# uploads, the page, the docs


async def test_upload_plain_text(client):
    r = await client.post("/v1/upload", files={"file": ("seite.txt", "Die Prufung\n".encode(), "text/plain")})
    assert r.status_code == 200 and r.json() == {"name": "seite.txt", "format": "text", "text": "Die Prufung\n"}
    r = await client.post("/v1/upload", files={"file": ("bom.txt", "\ufeffDie Prufung".encode())})
    assert r.json()["text"] == "Die Prufung"


@pytest.mark.parametrize("data, message, code", [
    ("Die Prüfung".encode("latin-1"), "not valid UTF-8: byte 0xfc at offset 6", "not_utf8"),
    (b"", "the file is empty", "empty_file"),
    (b"PK\x03\x04\x00\x00", "binary file", "binary_file"),
])
async def test_upload_refuses_unreadable_files(client, data, message, code):
    r = await client.post("/v1/upload", files={"file": ("x.txt", data)})
    assert r.status_code == 400 and message in r.json()["error"]
    assert r.json()["code"] == code  # what the review page goes by to say it in German


async def test_upload_with_errors_replace_reads_latin1_with_a_warning(client):
    data = {"errors": "replace"}  # as the review page's checkbox sends it: a form field
    r = await client.post("/v1/upload", files={"file": ("alt.txt", "Die Prüfung".encode("latin-1"))}, data=data)
    assert r.status_code == 200, r.text
    assert r.json()["text"] == "Die Pr\ufffdfung" and "1 undecodable byte sequence" in r.json()["warning"]


async def test_errors_carry_a_code_by_status():
    async with client_for(create_app(Limits(max_body_bytes=1000, max_batch_items=1), warm=False)) as c:
        big = await c.post("/v1/correct", json={"text": "Wort " * 400})
        assert big.status_code == 413 and big.json()["code"] == "too_large"
        batch = await c.post("/v1/correct/batch", json={"texts": ["a", "b"]})
        assert batch.status_code == 413 and batch.json()["code"] == "too_large"
        bad = await c.post("/v1/correct", json={"text": 1})
        assert bad.status_code == 422 and bad.json()["code"] == "invalid_request"
        form = await c.post("/v1/correct", content=b"text=a", headers={"content-type": "text/plain"})
        assert form.status_code == 415 and form.json()["code"] == "not_json"


HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>
<div class="ocr_page" id="page_1" title="bbox 0 0 1000 1000">
<div class="ocr_carea" id="block_1_1" title="bbox 10 10 900 100"><p class="ocr_par" id="par_1_1">
<span class="ocr_line" id="line_1_1" title="bbox 10 10 900 50"><span class="ocrx_word" id="word_1_1"
 title="bbox 10 10 100 50; x_wconf 90">Die</span> <span class="ocrx_word" id="word_1_2"
 title="bbox 110 10 300 50; x_wconf 80">Prufung</span></span>
<span class="ocr_line" id="line_1_2" title="bbox 10 60 900 100"><span class="ocrx_word" id="word_1_3"
 title="bbox 10 60 100 100; x_wconf 90">fiir</span> <span class="ocrx_word" id="word_1_4"
 title="bbox 110 60 300 100; x_wconf 80">Schiler.</span></span>
</p></div></div></body></html>
"""


async def test_upload_hocr_gives_its_text(client):
    pytest.importorskip("korrektor.formats")
    pytest.importorskip("lxml")
    r = await client.post("/v1/upload", files={"file": ("seite.hocr", HOCR.encode())})
    assert r.status_code == 200, r.text
    assert r.json() == {"name": "seite.hocr", "format": "hocr", "text": "Die Prufung\nfiir Schiler."}
    r = await client.post("/v1/upload", files={"file": ("kaputt.xml", b"<alto><Layout")})
    assert r.status_code == 400 and "kaputt.xml" in r.json()["error"]
    r = await client.post("/v1/upload", files={"file": ("notiz.txt", "<Notiz> Die Prufung".encode())})
    assert r.json() == {"name": "notiz.txt", "format": "text", "text": "<Notiz> Die Prufung"}


async def test_upload_of_xml_without_the_formats_module(client, monkeypatch):
    monkeypatch.setitem(sys.modules, "korrektor.formats", None)  # import fails as if not installed
    monkeypatch.delattr(korrektor, "formats", raising=False)
    r = await client.post("/v1/upload", files={"file": ("seite.hocr", HOCR.encode())})
    assert r.status_code == 400 and "plain text only" in r.json()["error"]


async def test_upload_too_large():
    async with client_for(create_app(Limits(max_body_bytes=2000), warm=False)) as c:
        r = await c.post("/v1/upload", files={"file": ("big.txt", b"Wort " * 1000)})
        assert r.status_code == 413


async def test_review_page_and_its_files_are_served_without_external_resources(client):
    page = await client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'id="input"' in page.text and 'src="/static/review.js"' in page.text
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        r = await client.get(path)
        assert r.status_code == 200, path
        assert not re.search(r"(?:src|href|url)\s*[=(]\s*[\"']?(?:https?:)?//", r.text), path
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page.text)


async def test_openapi_and_local_docs(client):
    spec = (await client.get("/openapi.json")).json()
    assert {"/v1/correct", "/v1/correct/batch", "/v1/upload", "/healthz"} <= set(spec["paths"])
    responses = spec["paths"]["/v1/correct"]["post"]["responses"]
    assert {"200", "400", "413", "422", "503", "504"} <= set(responses)
    config = spec["components"]["schemas"]["CorrectionConfig"]["properties"]
    assert set(config) == set(korrektor.Config().to_dict())
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "/openapi.json" in docs.text
    for url in re.findall(r"""(?:src|href)=['"]([^'"]+)['"]""", docs.text):
        if url.startswith("/docs/static/"):
            assert (await client.get(url)).status_code == 200, url


def test_limits_are_validated():
    with pytest.raises(ValueError, match="workers"):
        Limits(workers=0)
    with pytest.raises(ValueError, match="unknown service limits: nope"):
        Limits.from_dict({"nope": 1})
    assert Limits.from_dict(Limits(queue=0).to_dict()) == Limits(queue=0)


def test_limits_from_the_environment(monkeypatch):
    monkeypatch.setenv("KORREKTOR_SERVICE_LIMITS", json.dumps({"workers": 3, "timeout": 5}))
    app = create_app(warm=False)
    assert app.state.limits == Limits(workers=3, timeout=5)


# ---------------------------------------------------------------------------------------------
# the token


TOKEN = "geheim-0123456789"


@pytest.fixture
async def locked():
    async with client_for(create_app(warm=False, token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize("header", [None, "Bearer falsch", "Bearer " + TOKEN[:-1], "Basic " + TOKEN, TOKEN,
                                    "Bearer"])
async def test_token_refuses_api_requests_without_it(locked, header):
    headers = {"Authorization": header} if header else {}
    for method, path, kwargs in [("POST", "/v1/correct", {"json": {"text": DAMAGED}}),
                                 ("POST", "/v1/correct/batch", {"json": {"texts": [DAMAGED]}}),
                                 ("POST", "/v1/upload", {"files": {"file": ("a.txt", b"Die Prufung")}}),
                                 ("GET", "/v1/nothing", {})]:
        r = await locked.request(method, path, headers=headers, **kwargs)
        assert r.status_code == 401, (path, r.text)
        assert r.headers["www-authenticate"] == "Bearer"
        assert r.json()["code"] == "unauthorized" and "Authorization: Bearer" in r.json()["error"]


async def test_token_admits_api_requests_with_it(locked):
    for header in ("Bearer " + TOKEN, "bearer " + TOKEN):  # the scheme is case-insensitive (RFC 7235)
        r = await locked.post("/v1/correct", json={"text": DAMAGED}, headers={"Authorization": header})
        assert r.status_code == 200 and r.json() == korrektor.correct(DAMAGED).to_dict()


async def test_token_leaves_health_page_and_docs_open(locked, client):
    health = await locked.get("/healthz")
    assert health.status_code == 200 and health.json()["auth"] == "bearer"
    assert (await client.get("/healthz")).json()["auth"] == "none"
    for path in ("/", "/static/review.js", "/openapi.json", "/docs"):
        assert (await locked.get(path)).status_code == 200, path


async def test_token_from_the_environment(monkeypatch):
    monkeypatch.setenv("KORREKTOR_TOKEN", TOKEN)
    async with client_for(create_app(warm=False)) as c:
        assert (await c.post("/v1/correct", json={"text": "a"})).status_code == 401
        r = await c.post("/v1/correct", json={"text": "a"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200
    monkeypatch.setenv("KORREKTOR_TOKEN", "")  # set but empty: no token
    async with client_for(create_app(warm=False)) as c:
        assert (await c.post("/v1/correct", json={"text": "a"})).status_code == 200


@pytest.mark.parametrize("args, env, warned", [
    (["--host", "0.0.0.0"], None, True),
    (["--host", "::"], None, True),
    (["--host", "192.0.2.7"], None, True),
    (["--host", "example.org"], None, True),
    ([], None, False),
    (["--host", "localhost"], None, False),
    (["--host", "::1"], None, False),
    (["--host", "127.0.0.2"], None, False),
    (["--host", "0.0.0.0", "--token", TOKEN], None, False),
    (["--host", "0.0.0.0"], TOKEN, False),
])
def test_serve_warns_when_others_can_reach_it_without_a_token(monkeypatch, args, env, warned):
    from click.testing import CliRunner

    import korrektor.service
    from korrektor.cli import main

    calls = []
    monkeypatch.setattr(korrektor.service, "serve", lambda *a, **kw: calls.append((a, kw)))
    monkeypatch.delenv("KORREKTOR_TOKEN", raising=False)
    r = CliRunner().invoke(main, ["serve", *args], env={"KORREKTOR_TOKEN": env} if env else {})
    assert r.exit_code == 0, r.output
    assert ("without a token" in r.stderr) == warned, r.stderr
    assert calls[0][1]["token"] == (TOKEN if "--token" in args or env else None)
