"""The service under load: ``korrektor serve`` on a loopback port (its documented default limits),
concurrent clients for a bounded time and number of requests, normal requests mixed with
oversized, malformed, mistyped, slow and abandoned ones.

Expected: every answer is the status its kind of request must get (normal work 200, or 503/504
when the server is saturated, as documented; 400, 413, 415, 422 for the bad ones); no other 5xx;
no connection errors; the server is healthy and idle afterwards; and its memory is flat: after a
warm-up (the first fifth of the run), the peak RSS of the last quarter is at most 20 % (or
CACHE_FILL_MB) above that of the first quarter: the bounded caches (the core's compound splits, the
searches' memo tables) are still filling in a short run, which a small process shows as a large
share. Then a leak probe: ``probes`` requests one after the other, each a new
unknown word of 1,000,000 letters (valid, under the body limit); over the second half of
them (the first reuse memory the allocator already holds) the server may keep at most 5 % of what
each request sent (a cache that keeps every distinct token keeps all of it).
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import socket
import statistics
import subprocess
import time
from collections import Counter, defaultdict

from .common import GermanText, Report, TreeSampler, cli, mb, rss_pss_kb

# queue: requests that may wait for a worker (the documented default is 64); fewer than there are
# clients makes the server answer 503 under load, which the quick version wants to see
FULL = {"seconds": 60.0, "clients": 32, "max_requests": 20_000, "probes": 100, "queue": 64}
QUICK = {"seconds": 8.0, "clients": 16, "max_requests": 2_000, "probes": 30, "queue": 8}
#: growth of the server's RSS (MB) over the probes' second half that is taken for noise
PROBE_NOISE_MB = 4
#: characters of each leak probe (a new unknown word each time)
PROBE_CHARS = 1_000_000
MAX_BODY = 2 * 1024 * 1024  # the documented defaults, which the server below runs with (but --queue)
MAX_BATCH = 100
DOCUMENTED_5XX = {503, 504}

#: what the bounded caches may add while they fill in a short run (see the module notes)
CACHE_FILL_MB = 48


def _kinds(gen: GermanText, rnd: random.Random) -> dict:
    """kind → (weight in %, statuses it may get, request maker). A request maker returns the
    keyword arguments of ``client.request``."""
    docs = [gen.document(rnd.randint(1, 3)) for _ in range(200)]  # 570 characters on average
    big = gen.document(40)  # ~12,000 characters: a long page, a few tenths of a second of work
    oversized = b'{"text": "' + b"x" * MAX_BODY + b'"}'
    busy = {200, 503, 504}
    as_json = {"content-type": "application/json"}

    async def slowly(body: bytes):  # a client that sends its body in 5 pieces over 1 s (chunked)
        step = max(1, len(body) // 5)
        for i in range(0, len(body), step):
            yield body[i:i + step]
            await asyncio.sleep(0.2)

    def post(path="/v1/correct", **kw):
        return {"method": "POST", "url": path, **kw}

    def new_word(n: int) -> str:
        return "".join(rnd.choices("abcdefghij", k=n))

    mistyped = [{"text": 5}, {"texts": "a"}, {}, {"text": ["a"]}, {"text": "a", "config": {"words": "yes"}},
                {"text": "a", "config": {"colour": 1}}]
    return {
        "correct": (45, busy, lambda: post(json={"text": rnd.choice(docs)})),
        "correct, config": (5, busy, lambda: post(json={"text": rnd.choice(docs),
                                                        "config": {"min_confidence": 0.7, "keep_lines": True}})),
        "batch": (8, busy, lambda: post("/v1/correct/batch", json={"texts": rnd.sample(docs, rnd.randint(2, 8))})),
        "long text": (2, busy, lambda: post(json={"text": big})),
        "slow client": (2, busy, lambda: post(content=slowly(json.dumps({"text": rnd.choice(docs)}).encode()),
                                              headers=as_json)),
        # valid, but each a new 100,000-letter word: nothing may stay behind per request
        "long unknown token": (3, busy, lambda: post(json={"text": new_word(100_000)})),
        # the client gives up after 50 ms: the server must not mind
        "abandoned": (2, busy | {"gave up"}, lambda: post(json={"text": big}, timeout=0.05)),
        "healthz": (5, {200}, lambda: {"method": "GET", "url": "/healthz"}),
        "oversized body": (4, {413}, lambda: post(content=oversized, headers=as_json)),
        "oversized, chunked": (2, {413}, lambda: post(content=slowly(oversized), headers=as_json)),
        "too many texts": (2, {413}, lambda: post("/v1/correct/batch", json={"texts": ["a"] * (MAX_BATCH + 1)})),
        "malformed JSON": (6, {400}, lambda: post(content=b'{"text": "Die Prufung', headers=as_json)),
        "not UTF-8": (2, {400}, lambda: post(content=b'{"text": "\xff\xfe"}', headers=as_json)),
        "wrong types": (6, {422}, lambda: post(json=rnd.choice(mistyped))),
        "wrong content type": (4, {415}, lambda: post(content=b'{"text": "a"}',
                                                      headers={"content-type": "text/plain"})),
        "unknown path": (2, {404}, lambda: post("/v1/nothing", json={"text": "a"})),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _load(base: str, seconds: float, clients: int, max_requests: int, seed: int) -> dict:
    import httpx

    kinds = _kinds(GermanText(seed), random.Random(seed))
    names = list(kinds)
    weights = [kinds[k][0] for k in names]
    statuses: dict[str, Counter] = defaultdict(Counter)
    latency: list[float] = []
    count = 0
    deadline = time.monotonic() + seconds

    async def client(i: int) -> None:
        nonlocal count
        rnd = random.Random(seed * 1000 + i)
        async with httpx.AsyncClient(base_url=base, timeout=120) as c:
            while time.monotonic() < deadline and count < max_requests:
                count += 1
                kind = rnd.choices(names, weights)[0]
                t = time.monotonic()
                try:
                    r = await c.request(**kinds[kind][2]())
                    outcome = r.status_code
                    if outcome == 503 and r.headers.get("retry-after") != "1":
                        outcome = "503 without Retry-After"
                except httpx.TimeoutException:
                    outcome = "gave up"
                except httpx.TransportError as e:
                    outcome = f"connection error: {type(e).__name__}"
                statuses[kind][outcome] += 1
                if kind == "correct" and outcome == 200:
                    latency.append(time.monotonic() - t)

    t0 = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return {"statuses": statuses, "latency": latency, "requests": count, "seconds": time.monotonic() - t0,
            "expected": {k: v[1] for k, v in kinds.items()}}


def _probe(base: str, pid: int, probes: int, seed: int) -> list[float]:
    """RSS (MB) of the server after each of ``probes`` requests of a distinct long token."""
    import httpx

    rnd = random.Random(seed)
    series = []
    with httpx.Client(base_url=base, timeout=120) as c:
        for _ in range(probes):
            c.post("/v1/correct", json={"text": "".join(rnd.choices("abcdefghij", k=PROBE_CHARS))})
            series.append(rss_pss_kb(pid, pss=False)[0] / 1024)
    return series


def _health(base: str) -> tuple[int | str, dict | None]:
    """The status of ``/healthz`` and the load it reports (None if the server does not answer)."""
    import httpx

    try:
        r = httpx.get(f"{base}/healthz", timeout=10)
        return r.status_code, r.json().get("load")
    except (httpx.TransportError, ValueError) as e:
        return f"no answer ({type(e).__name__})", None


def run(seconds: float = FULL["seconds"], clients: int = FULL["clients"], max_requests: int = FULL["max_requests"],
        probes: int = FULL["probes"], queue: int = FULL["queue"], seed: int = 11) -> Report:
    import httpx

    report = Report("load")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(cli("serve", "--port", port, "--queue", queue, "--log-level", "warning"),
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:  # wait until it answers (it loads the language data first)
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                report.add("server start", server.stderr.read()[-300:] if server.poll() is not None else "timeout",
                           "answers /healthz", False)
                return report
            time.sleep(0.2)
        with TreeSampler(server.pid, 0.25, pss=False) as sampler:
            result = asyncio.run(_load(base, seconds, clients, max_requests, seed))
            # after the load: the abandoned work ends, the server must be healthy and idle
            settle = time.monotonic() + 30
            while True:
                status, load = _health(base)
                if load is None or (load["running"], load["waiting"]) == (0, 0) or time.monotonic() > settle:
                    break
                time.sleep(0.2)
        alive = server.poll() is None
        probe = _probe(base, server.pid, probes, seed) if alive and probes else []
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    statuses, expected = result["statuses"], result["expected"]
    total = Counter()
    for c in statuses.values():
        total.update(c)
    report.data |= {"requests": result["requests"], "seconds": round(result["seconds"], 1),
                    "statuses": {k: dict(v) for k, v in statuses.items()}, "total": dict(total),
                    "server_load_after": load}
    report.add("clients, duration, requests",
               f"{clients} clients, queue {queue}, {result['seconds']:.0f} s, {result['requests']:,} requests "
               f"({result['requests'] / result['seconds']:.0f}/s)")
    report.add("status codes", ", ".join(f"{k}: {v}" for k, v in sorted(total.items(), key=str)))
    undocumented = {k: v for k, v in total.items() if isinstance(k, int) and k >= 500 and k not in DOCUMENTED_5XX}
    report.add("5xx other than the documented 503/504", undocumented or 0, "0", not undocumented)
    wrong = {kind: {s: n for s, n in c.items() if s not in expected[kind]} for kind, c in statuses.items()}
    wrong = {k: v for k, v in wrong.items() if v}
    report.add("answers not of the kind's expected status", wrong or 0, "0", not wrong)
    for kind in sorted(statuses):
        report.add(f"  {kind}", ", ".join(f"{s}: {n}" for s, n in sorted(statuses[kind].items(), key=str)),
                   "/".join(map(str, sorted(expected[kind], key=str))))
    lat = sorted(result["latency"])
    if lat:
        q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [lat[0]] * 99
        report.data["latency"] = {"p50": q[49], "p95": q[94], "p99": q[98], "n": len(lat)}
        report.add("latency of 'correct' (200)", f"p50 {q[49]:.2f} s, p95 {q[94]:.2f} s, p99 {q[98]:.2f} s "
                                                 f"(n = {len(lat)})")
    idle = load is not None and (load["running"], load["waiting"]) == (0, 0)
    report.add("server after the load", f"alive: {alive}, /healthz {status}, load {load}",
               "alive, 200, idle", alive and status == 200 and idle)
    series = [v for _, v in sampler.series]
    warm = series[len(series) // 5:]
    report.data["rss_mb"] = [mb(v) for v in series]
    report.add("server RSS: start → peak → end",
               f"{mb(series[0]):.0f} → {mb(max(series)):.0f} → {mb(series[-1]):.0f} MB" if series else "no samples")
    if len(warm) >= 8:
        q = len(warm) // 4
        first, last = max(warm[:q]), max(warm[-q:])
        report.add("server RSS peak, first → last quarter (after warm-up)", f"{mb(first):.0f} → {mb(last):.0f} MB",
                   f"≤ +20 % or ≤ +{CACHE_FILL_MB} MB", last <= max(1.2 * first, first + CACHE_FILL_MB * 1024))  # (kB)
    if len(probe) >= 10:
        # the second half: the first requests reuse memory the allocator already holds. Growth from
        # its start to its end, against what its requests sent; RSS wanders by a megabyte or two
        # between samples, so growth below PROBE_NOISE_MB counts as none.
        half = probe[len(probe) // 2:]
        sent_mb = (len(half) - 1) * PROBE_CHARS / 2**20
        grown = half[-1] - half[0]
        kept = max(0.0, grown) / sent_mb
        report.data["probe_rss_mb"] = probe
        report.add(f"leak probe: {probes} new {PROBE_CHARS:,}-letter words, RSS",
                   f"{probe[0]:.0f} → {probe[-1]:.0f} MB; kept {kept:.0%} of each request (2nd half, "
                   f"{grown:+.1f} MB)", f"≤ 5 % or ≤ {PROBE_NOISE_MB} MB",
                   kept <= 0.05 or grown <= PROBE_NOISE_MB)
    return report
