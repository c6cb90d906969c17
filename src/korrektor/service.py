"""korrektor as an HTTP service: a JSON API and the review page.

    korrektor serve [--host 127.0.0.1] [--port 8000] [--token TOKEN]

Endpoints (OpenAPI at ``/openapi.json``, interactive docs at ``/docs``):

* ``POST /v1/correct``  ``{"text", "config"?}`` → ``{"text", "edits", "doubts"}`` (as ``Result.to_dict()``)
* ``POST /v1/correct/batch``  ``{"texts": [...], "config"?}`` → ``{"results": [...]}`` in order
* ``POST /v1/upload``  a file (multipart; ``errors=strict|replace`` as a form field or query parameter
  decides what bytes that are not UTF-8 do: a 400 with the byte offset, or U+FFFD and a ``warning``)
  → ``{"text", "format", "name"}``: the text to correct
* ``GET /healthz``  liveness, limits, load and whether the API needs a token (always open)
* ``GET /``  the review page (``korrektor/web/``; open: it asks for the token itself)

With a token (``create_app(token=...)``, ``$KORREKTOR_TOKEN``, ``korrektor serve --token``), every
request to ``/v1/...`` needs ``Authorization: Bearer TOKEN``; without it the answer is 401.

Offsets in ``edits`` and ``doubts`` are Unicode code points into the request's text (Python string
indices), not UTF-16 code units as in JavaScript: see ``docs/service.md``.

Limits, all in :class:`Limits`: the request body (413), the number of texts in a batch (413), the
time one request may take (504), and the work done at once: at most ``workers`` corrections run
at a time, at most ``queue`` more wait for a worker; a request beyond that is answered 503 at
once, with ``Retry-After``. Every error is JSON: ``{"error": "message", "code": "too_large", ...}``: the
message in English for people, the code for programs (the review page shows German words by it).

Correction runs in a thread pool. A thread cannot be stopped from outside, so a request that
times out while its correction runs gets its 504, but the correction keeps its worker slot until
it finishes (a batch stops between texts); the slot counts against the limits until then, which
keeps the promise "at most ``workers`` corrections at once" true under any load.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
import ipaddress
import json
import logging
import os
import threading
from concurrent.futures import CancelledError as FutureCancelled
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Literal, Optional

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from pydantic import BaseModel, ConfigDict, Field, create_model

from . import __version__
from .config import Config
from .io import InputError, decode
from .pipeline import Result
from .pipeline import correct as correct_text

__all__ = ["Limits", "create_app", "exposure_warning", "serve"]

log = logging.getLogger("korrektor.service")

ENV_LIMITS = "KORREKTOR_SERVICE_LIMITS"
#: the API token, read from the environment so that it need not stand on a command line (``ps``)
ENV_TOKEN = "KORREKTOR_TOKEN"


@dataclass(frozen=True)
class Limits:
    """What one service process accepts and how much work it does at once."""

    #: largest request body in bytes (JSON or upload); larger → 413
    max_body_bytes: int = 2 * 1024 * 1024
    #: most texts in one batch request; more → 413
    max_batch_items: int = 100
    #: seconds a request may take, waiting for a worker included; longer → 504 (or 503 if it never started)
    timeout: float = 30.0
    #: corrections that run at once (threads)
    workers: int = 2
    #: requests that may wait for a worker; beyond workers + queue → 503 at once
    queue: int = 64

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or v < (0 if f.name == "queue" else 1e-9):
                raise ValueError(f"service limit {f.name} must be a positive number, not {v!r}")

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Limits":
        unknown = set(d) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ValueError(f"unknown service limits: {', '.join(sorted(unknown))}")
        return cls(**d)


# ---------------------------------------------------------------------------------------------
# Request and response models (they make the OpenAPI schema; validation errors become 422)


def _config_model() -> type[BaseModel]:
    """The ``config`` object of a request, made from :class:`Config`'s fields so that the two never
    disagree: every field optional, its type that of the default, unknown keys refused."""
    spec: dict[str, Any] = {}
    for f in dataclasses.fields(Config):
        if f.name == "skip_rules":  # a JSON array of names (a set in Config)
            spec[f.name] = (Optional[list[str]], Field(
                default=None, description="names of rules switched off (docs/rules.md); default: none"))
            continue
        kind = type(f.default)
        constraint = {"ge": 0.0, "le": 1.0} if kind is float else {}
        spec[f.name] = (Optional[kind], Field(default=None, description=f"default: {f.default!r}", **constraint))
    return create_model("CorrectionConfig", __config__=ConfigDict(extra="forbid", strict=True), **spec)


ConfigModel = _config_model()


class CorrectRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={
        "examples": [{"text": "Die Forderung fiir Schiler ist grofe Klasse.", "config": {"min_confidence": 0.5}}]})
    text: str = Field(description="The text to correct (UTF-8 JSON string).")
    config: Optional[ConfigModel] = Field(default=None, description="Stages and thresholds; omitted keys keep their defaults.")  # type: ignore[valid-type]


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={
        "examples": [{"texts": ["Die Prufung ist schwer.", "Er lauft uber die Brucke."]}]})
    texts: list[str] = Field(description="The texts to correct; answered in the same order.")
    config: Optional[ConfigModel] = None  # type: ignore[valid-type]


class EditModel(BaseModel):
    start: int = Field(description="Code-point offset into the request's text (inclusive).")
    end: int = Field(description="Code-point offset into the request's text (exclusive).")
    before: str
    after: str
    kind: str = Field(description="word, punctuation, speck, glyph, furniture, layout, hyphenation, quote, dash, unicode, ... or a combination (hyphenation+word).")
    rule: str
    confidence: float
    alternatives: list[str]


class CorrectResponse(BaseModel):
    text: str
    edits: list[EditModel] = Field(description="Applied edits, sorted, non-overlapping: apply(input, edits) == text.")
    doubts: list[EditModel] = Field(description="Corrections considered but not applied (below min_confidence, or suggest mode).")


class BatchResponse(BaseModel):
    results: list[CorrectResponse]


class UploadResponse(BaseModel):
    name: str
    format: str = Field(description="'text', or the OCR format a korrektor.formats reader recognised.")
    text: str
    warning: Optional[str] = Field(default=None, description="With errors=replace: how many undecodable "
                                                             "byte sequences were read as U+FFFD, and where.")


#: the decoding policy of uploads (korrektor.io.ERRORS), as a form field or query parameter
ErrorsPolicy = Literal["strict", "replace"]
_ERRORS_POLICY = "Bytes that are not UTF-8: strict (a 400 with the byte offset) or replace (U+FFFD and a warning)."


class ErrorResponse(BaseModel):
    error: str = Field(description="What went wrong, in English.")
    code: str = Field(description="The same as a stable word for programs: bad_request, unauthorized, not_found, "
                                  "too_large, not_json, invalid_request, busy, timeout; for uploads empty_file, "
                                  "not_utf8, binary_file, unreadable_xml, xml_unsupported.")


_ERRORS = {
    400: {"model": ErrorResponse, "description": "Malformed JSON or an unreadable upload."},
    401: {"model": ErrorResponse, "description": "The service has a token and the request did not send it "
                                                 "(Authorization: Bearer TOKEN)."},
    415: {"model": ErrorResponse, "description": "The body is not JSON (Content-Type must be application/json)."},
    413: {"model": ErrorResponse, "description": "The body (or the batch) is larger than the limit."},
    422: {"model": ErrorResponse, "description": "Valid JSON of the wrong shape: a missing or mistyped field, an unknown config key."},
    503: {"model": ErrorResponse, "description": "Every worker is busy and the queue is full (see Retry-After), or no worker became free in time."},
    504: {"model": ErrorResponse, "description": "The correction did not finish within the time limit."},
}


# ---------------------------------------------------------------------------------------------
# Errors


#: the ``code`` of an error answer by its status. Messages are English sentences that may change;
#: a client that shows its own words (the review page shows German ones) goes by the code. A status
#: with several causes a client tells apart has more specific codes where it is raised (uploads).
_CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
          415: "not_json", 422: "invalid_request", 500: "internal_error", 503: "busy", 504: "timeout"}


def _error_body(status: int, message: str, code: str | None = None, **extra) -> dict:
    return {"error": message, "code": code or _CODES.get(status, "error"), **extra}


class ServiceError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None, code: str | None = None, **extra):
        super().__init__(message)
        self.status, self.message, self.headers, self.code, self.extra = status, message, headers or {}, code, extra


def _error(status: int, message: str, headers: dict | None = None, code: str | None = None, **extra) -> JSONResponse:
    return JSONResponse(_error_body(status, message, code, **extra), status_code=status, headers=headers)


async def _send_error(send, status: int, message: str, headers: tuple = (), close: bool = False, **extra) -> None:
    """An error answer sent from ASGI middleware, outside FastAPI's handlers."""
    body = json.dumps(_error_body(status, message, **extra)).encode()
    head = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]
    if close:
        head.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


def _describe(errors: list[dict]) -> str:
    parts = []
    for e in errors:
        loc = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
        msg = e.get("msg", "invalid")
        if e.get("type") == "extra_forbidden":
            msg = "unknown field"
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts) or "invalid request"


# ---------------------------------------------------------------------------------------------
# Body size limit (pure ASGI, before anything reads the body)


class BodyLimit:
    """Answer 413 when a request body is larger than ``limit`` bytes: at once from Content-Length,
    or while reading a body sent without one (chunked). The body is read here and handed on.

    Before the 413, the rest of a too-large body is read and dropped, up to ``drain`` bytes: a server
    that closes a connection with unread data in it makes the kernel reset the connection, and the
    client may then see the reset instead of the 413. A client that sent ``Expect: 100-continue``
    has sent no body yet and gets the 413 at once, as does a body declared larger than ``drain``."""

    def __init__(self, app, limit: int, drain: int = 8 * 1024 * 1024):
        self.app, self.limit, self.drain = app, limit, drain

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or ())
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                return await self._send(send, 400, "invalid Content-Length header")
            if size > self.limit:
                if size <= self.limit + self.drain and b"100-continue" not in headers.get(b"expect", b"").lower():
                    if not await self._discard(receive, True):
                        return
                return await self._too_large(send, size)
        chunks, total = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            more = message.get("more_body", False)
            if total > self.limit:
                if more and not await self._discard(receive, True):
                    return
                return await self._too_large(send, None)
            chunks.append(chunk)
            if not more:
                break
        body = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _discard(self, receive, more: bool) -> bool:
        """Read and drop the rest of the body, at most ``drain`` bytes; False if the client left."""
        dropped = 0
        while more and dropped <= self.drain:
            message = await receive()
            if message["type"] == "http.disconnect":
                return False
            dropped += len(message.get("body", b""))
            more = message.get("more_body", False)
        return True

    async def _too_large(self, send, size):
        got = f"{size} bytes" if size is not None else "more than that"
        await self._send(send, 413, f"request body too large: the limit is {self.limit} bytes, got {got}",
                         limit=self.limit)

    @staticmethod
    async def _send(send, status, message, **extra):
        await _send_error(send, status, message, close=True, **extra)


# ---------------------------------------------------------------------------------------------
# The token (pure ASGI, inside BodyLimit: a refused body has been read and so cannot reset the connection)


class BearerAuth:
    """Answer 401 to an API request (a path under ``/v1/``) that does not carry
    ``Authorization: Bearer TOKEN``. Everything else stays open: ``/healthz`` (for load balancers and
    probes; it tells nothing a request could not), the review page and its files (a browser sends no
    header when it opens a page: the page asks for the token and sends it with its API requests),
    and the API's description (``/docs``, ``/openapi.json``)."""

    def __init__(self, app, token: str, prefix: str = "/v1/"):
        self.app, self.token, self.prefix = app, token.encode(), prefix

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith(self.prefix) and not self._authorized(scope):
            return await _send_error(send, 401, "this service needs a token: send the header "
                                                "'Authorization: Bearer TOKEN'",
                                     headers=((b"www-authenticate", b"Bearer"),))
        await self.app(scope, receive, send)

    def _authorized(self, scope) -> bool:
        for name, value in scope.get("headers") or ():
            if name == b"authorization":
                scheme, _, given = value.strip().partition(b" ")
                # compare_digest: the time taken does not tell how much of a guess was right
                return scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(), self.token)
        return False


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (127.0.0.0/8, ::1, localhost). A name other
    than localhost may resolve to anything, so it counts as reachable from elsewhere."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, token: str | None) -> str | None:
    """The warning for a service others can reach without a token (None if there is nothing to say)."""
    if token or is_loopback(host):
        return None
    return (f"listening on {host or 'every address'} without a token: anyone who can reach it can use "
            "the service. Give --token (or set KORREKTOR_TOKEN), or keep to 127.0.0.1 behind a proxy "
            "that authenticates")


# ---------------------------------------------------------------------------------------------
# Bounded work


class Abandoned(Exception):
    """The request that asked for this work has given up (timed out)."""


class Workers:
    """A thread pool that admits at most ``workers + queue`` jobs; a job counts until it has
    really finished (or was cancelled before it started)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.pool = ThreadPoolExecutor(max_workers=limits.workers, thread_name_prefix="korrektor")
        self._lock = threading.Lock()
        self.admitted = 0  # queued + running
        self.running = 0
        self.finished = 0
        self.rejected = 0
        self.timed_out = 0

    @property
    def capacity(self) -> int:
        return self.limits.workers + self.limits.queue

    async def run(self, fn: Callable[[threading.Event], Any]) -> Any:
        """Run ``fn(abandoned)`` in a worker; ``abandoned`` is set when the request times out."""
        with self._lock:
            if self.admitted >= self.capacity:
                self.rejected += 1
                raise ServiceError(503, f"server busy: {self.limits.workers} corrections running and "
                                        f"{self.limits.queue} waiting; try again shortly",
                                   headers={"Retry-After": "1"})
            self.admitted += 1
        abandoned = threading.Event()

        def job():
            with self._lock:
                self.running += 1
            try:
                if abandoned.is_set():
                    raise Abandoned()
                return fn(abandoned)
            finally:
                with self._lock:
                    self.running -= 1

        try:
            future: Future = self.pool.submit(job)
        except BaseException:
            self._release(None)
            raise
        future.add_done_callback(self._release)
        waiter = asyncio.wrap_future(future)
        try:
            return await asyncio.wait_for(asyncio.shield(waiter), self.limits.timeout)
        except asyncio.TimeoutError:
            abandoned.set()
            waiter.add_done_callback(_consume)
            with self._lock:
                self.timed_out += 1
            if future.cancel():
                raise ServiceError(503, f"server busy: no worker became free within {self.limits.timeout:g} s; "
                                        "try again shortly", headers={"Retry-After": "1"}) from None
            raise ServiceError(504, f"the correction did not finish within {self.limits.timeout:g} s; "
                                    "send a shorter text") from None
        except asyncio.CancelledError:  # the client went away
            abandoned.set()
            future.cancel()
            waiter.add_done_callback(_consume)
            raise

    def _release(self, _future) -> None:
        with self._lock:
            self.admitted -= 1
            self.finished += 1

    def stats(self) -> dict:
        with self._lock:
            return {"running": self.running, "waiting": self.admitted - self.running, "finished": self.finished,
                    "rejected_busy": self.rejected, "timed_out": self.timed_out}

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def _consume(waiter: asyncio.Future) -> None:
    """Collect the outcome of work nobody waits for any more (a timed-out request)."""
    if waiter.cancelled():
        return
    exc = waiter.exception()
    if exc is not None and not isinstance(exc, (Abandoned, FutureCancelled)):
        log.error("abandoned correction failed: %r", exc)


# ---------------------------------------------------------------------------------------------
# Uploads


def _decode_upload(data: bytes, name: str, errors: str = "strict", on_replace=None) -> str:
    """Plain text, decoded as every door decodes it (:func:`korrektor.io.decode`)."""
    if not data.strip():
        raise ServiceError(400, f"{name}: the file is empty", code="empty_file")
    try:
        return decode(data, name, errors, on_replace)
    except InputError as e:  # the CLI's hint, in the words of this API
        raise ServiceError(400, str(e).replace("(--errors replace)", "(errors=replace)"),
                           code=_decode_error_code(data, errors)) from None


def _decode_error_code(data: bytes, errors: str) -> str:
    """Why :func:`korrektor.io.decode` refused ``data``: a NUL byte (binary, or UTF-16) or bytes that
    are not UTF-8. Only the second is helped by errors=replace, so a client must tell them apart."""
    return "binary_file" if errors == "strict" and b"\x00" in data else "not_utf8"


def _extract(data: bytes, name: str, errors: str = "strict", on_replace=None) -> tuple[str, str]:
    """The text of an uploaded file and its format: hOCR, ALTO and PAGE XML through
    ``korrektor.formats`` (when it is installed), anything else as plain UTF-8 text decoded with
    the ``errors`` policy (XML names its own encoding: bytes that do not fit it are an error).

    Uses ``korrektor.formats.extract_text(data, name) -> (text, format)`` if the module offers it,
    else its ``decode``/``detect``/``load`` and the page text of :mod:`korrektor.formats.common`."""
    if data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] != b"<":
        return _decode_upload(data, name, errors, on_replace), "text"
    plain_only = ServiceError(400, f"{name}: looks like XML or HTML (hOCR, ALTO, PAGE); this installation "
                                   "reads plain text only (korrektor.formats is not available)",
                              code="xml_unsupported")
    try:
        from . import formats  # type: ignore[attr-defined]
    except ImportError:
        raise plain_only from None
    try:
        if hasattr(formats, "extract_text"):
            return formats.extract_text(data, name)
        from .formats.common import page_text

        xml = formats.decode(data, name)
        fmt = formats.detect(xml)
        if fmt is None:  # text that happens to start with "<"
            return _decode_upload(data, name, errors, on_replace), "text"
        doc = formats.load(xml, fmt, name)
        return "\n\n".join(page_text(p).text for p in doc.pages()), fmt
    except InputError as e:
        raise ServiceError(400, str(e), code="unreadable_xml") from None
    except (ImportError, AttributeError) as e:  # formats without lxml, or without the pieces used here
        log.warning("cannot read OCR formats: %r", e)
        raise plain_only from None


# ---------------------------------------------------------------------------------------------
# The app


def _web_dir() -> Path:
    return Path(str(resources.files("korrektor") / "web"))


def _swagger_dir() -> Optional[Path]:
    try:
        import swagger_ui_bundle  # swagger-ui-bundle-v2 on PyPI: Swagger UI's files, served locally
    except ImportError:
        return None
    path = Path(swagger_ui_bundle.swagger_ui_path)
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def _check_unicode(text: str, field: str) -> None:
    """JSON can escape a lone surrogate ("\\ud800"): it is no character, and no UTF-8 answer could
    carry it back, so it is a 422 rather than a failure while answering."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ServiceError(422, f"{field}: a lone surrogate (\\u{ord(text[e.start]):04x}) at character "
                                f"{e.start} is not Unicode") from None


def _to_config(model: Optional[BaseModel]) -> Config:
    if model is None:
        return Config()
    try:
        return Config.from_dict(model.model_dump(exclude_none=True))
    except (TypeError, ValueError) as e:
        raise ServiceError(422, f"config: {e}") from None


def create_app(limits: Limits | None = None, *, correct: Callable[[str, Config], Result] = correct_text,
               warm: bool = True, token: str | None = None) -> FastAPI:
    """The ASGI app. ``limits`` default to ``Limits()`` (or the JSON in ``$KORREKTOR_SERVICE_LIMITS``);
    ``correct`` is the correction function (tests may wrap it); ``warm`` loads the language data at
    start-up, so that the first request is not slow. ``token`` (default ``$KORREKTOR_TOKEN``; empty
    means none): the API then answers only requests with ``Authorization: Bearer TOKEN``."""
    if limits is None:
        env = os.environ.get(ENV_LIMITS)
        limits = Limits.from_dict(json.loads(env)) if env else Limits()
    if token is None:  # uvicorn's worker processes call create_app() without arguments
        token = os.environ.get(ENV_TOKEN)
    workers = Workers(limits)

    @asynccontextmanager
    async def lifespan(app):
        if warm:
            def load():
                from .lexicon import default_lexicon

                default_lexicon().prefetch()  # the mapped data resident now, not page by page under load
                correct("Die Prufung der L6sung ist ,gut\".", Config())

            await asyncio.get_running_loop().run_in_executor(workers.pool, load)
        yield
        workers.shutdown()

    swagger = _swagger_dir()
    app = FastAPI(
        title="korrektor", version=__version__, lifespan=lifespan,
        description="Restore German text damaged by OCR. Every edit is explained and reversible; offsets are "
                    "Unicode code points into the request's text. Review page at `/`.",
        docs_url=None if swagger else "/docs", redoc_url=None,
    )
    app.state.limits = limits
    app.state.workers = workers

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError):
        return _error(exc.status, exc.message, exc.headers, exc.code, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        bad_json = [e for e in errors if e.get("type") == "json_invalid"]
        if bad_json:
            e = bad_json[0]
            detail = (e.get("ctx") or {}).get("error", "")
            pos = e.get("loc", ("body", None))[-1]
            where = f" at character {pos}" if isinstance(pos, int) else ""
            return _error(400, f"malformed JSON: {detail or 'cannot parse'}{where}")
        if any(e.get("type") == "model_attributes_type" and tuple(e.get("loc", ())) == ("body",) for e in errors):
            content_type = request.headers.get("content-type", "")
            if "json" not in content_type.lower():
                return _error(415, f"send the body as JSON with Content-Type: application/json "
                                   f"(got {content_type or 'no Content-Type'})")
            return _error(422, "the body must be a JSON object", detail=_jsonable(errors))
        return _error(422, _describe(errors), detail=_jsonable(errors))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        message = str(exc.detail)
        if exc.status_code == 400 and message == "There was an error parsing the body":
            message = "malformed request body: not valid UTF-8 JSON (or form data)"
        return _error(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _internal_error(request: Request, exc: Exception):  # pragma: no cover - a bug
        log.exception("internal error on %s", request.url.path)
        return _error(500, f"internal error: {type(exc).__name__}")

    @app.get("/healthz", tags=["service"], summary="Liveness, limits and load")
    async def healthz() -> dict:
        return {"status": "ok", "version": __version__, "auth": "bearer" if token else "none",
                "limits": limits.to_dict(), "load": workers.stats()}

    @app.post("/v1/correct", response_model=CorrectResponse, responses=_ERRORS, tags=["correction"],
              summary="Correct one text")
    async def correct_one(body: CorrectRequest):
        config = _to_config(body.config)
        text = body.text
        _check_unicode(text, "text")
        result = await workers.run(lambda abandoned: correct(text, config).to_dict())
        return JSONResponse(result)

    @app.post("/v1/correct/batch", response_model=BatchResponse, responses=_ERRORS, tags=["correction"],
              summary="Correct several texts, answered in order")
    async def correct_batch(body: BatchRequest):
        if len(body.texts) > limits.max_batch_items:
            raise ServiceError(413, f"too many texts: the limit is {limits.max_batch_items} per batch, "
                                    f"got {len(body.texts)}", limit=limits.max_batch_items)
        config = _to_config(body.config)
        texts = body.texts
        for i, t in enumerate(texts):
            _check_unicode(t, f"texts.{i}")

        def job(abandoned: threading.Event):
            out = []
            for t in texts:
                if abandoned.is_set():
                    raise Abandoned()
                out.append(correct(t, config).to_dict())
            return {"results": out}

        return JSONResponse(await workers.run(job))

    @app.post("/v1/upload", response_model=UploadResponse, response_model_exclude_none=True, responses=_ERRORS,
              tags=["correction"],
              summary="Read an uploaded file (plain UTF-8 text; hOCR, ALTO, PAGE with korrektor.formats)")
    async def upload(file: UploadFile = File(...),
                     errors_form: Optional[ErrorsPolicy] = Form(None, alias="errors", description=_ERRORS_POLICY),
                     errors_query: ErrorsPolicy = Query("strict", alias="errors", description=_ERRORS_POLICY)):
        data = await file.read()
        name = file.filename or "upload"
        warnings: list[str] = []
        text, fmt = _extract(data, name, errors_form or errors_query, warnings.append)
        return {"name": name, "format": fmt, "text": text, "warning": warnings[0] if warnings else None}

    if swagger:
        from fastapi.openapi.docs import get_swagger_ui_html

        app.mount("/docs/static", StaticFiles(directory=swagger), name="swagger")

        @app.get("/docs", include_in_schema=False)
        async def docs():
            return get_swagger_ui_html(openapi_url=app.openapi_url, title="korrektor API",
                                       swagger_js_url="/docs/static/swagger-ui-bundle.js",
                                       swagger_css_url="/docs/static/swagger-ui.css",
                                       swagger_favicon_url="/docs/static/favicon-32x32.png")

    web = _web_dir()

    @app.get("/", include_in_schema=False)
    async def index():
        return FileResponse(web / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=web), name="web")
    if token:  # added first, so inside BodyLimit
        app.add_middleware(BearerAuth, token=token)
    app.add_middleware(BodyLimit, limit=limits.max_body_bytes)
    return app


def _jsonable(errors: list[dict]) -> list[dict]:
    out = []
    for e in errors:
        d = {k: e[k] for k in ("type", "loc", "msg") if k in e}
        d["loc"] = [p for p in d.get("loc", ())]
        out.append(d)
    return out


def serve(host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None, *, processes: int = 1,
          log_level: str = "info", token: str | None = None) -> None:
    """Run the service under uvicorn (blocks). With ``processes`` > 1, uvicorn starts that many
    worker processes, each with its own ``limits``. ``token``: see :func:`create_app`; callers warn
    with :func:`exposure_warning` when others can reach a service without one."""
    import uvicorn

    limits = limits or Limits()
    if processes > 1:  # the worker processes build their app from the environment
        os.environ[ENV_LIMITS] = json.dumps(limits.to_dict())
        if token:
            os.environ[ENV_TOKEN] = token
        uvicorn.run("korrektor.service:create_app", factory=True, host=host, port=port, workers=processes,
                    log_level=log_level, timeout_graceful_shutdown=5)
    else:
        uvicorn.run(create_app(limits, token=token), host=host, port=port, log_level=log_level,
                    timeout_graceful_shutdown=5)
