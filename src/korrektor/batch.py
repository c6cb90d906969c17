"""Corpus-scale correction: streaming JSONL (plain, gzip, zstd, bzip2, xz) and directories of
``.txt`` files, on all cores, in input order, with bounded memory, per-record errors and
resumable output.

The library entry points are :func:`run_jsonl` and :func:`run_directory`; ``korrektor batch`` and
``korrektor score`` (``korrektor/cli_batch.py``) are thin layers over them.

How the pieces fit:

* the parent process reads the input line by line and groups lines into small chunks;
* chunks go to an executor (worker processes forked after the language data was loaded, so the
  workers share its pages copy-on-write; or a Dask cluster) with at most ``window`` chunks in
  flight, which bounds memory whatever the input size;
* results come back in submission order and are appended to ``OUT.partial``; every second the
  partial file is fsynced and a small state file records how many input lines are done and how
  long the partial output was at that point (also once before the work, and a last time when
  Ctrl-C or SIGTERM stops the run). ``--resume`` truncates the partial output to that length,
  skips that many input lines and carries on; the output is byte-identical to an uninterrupted
  run because the correction is deterministic and the order is kept;
* at the end the partial output is moved (or compressed) into place atomically, and the state
  file goes: an output without a state file is a finished one.
"""

from __future__ import annotations

import bz2
import contextlib
import gc
import gzip
import io
import json
import lzma
import os
import signal
import sys
import threading
import time
import zlib
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, BinaryIO, Callable, Iterable, Iterator

from .config import Config
from .exitcodes import Interrupted
from .io import MAX_TEXT_BYTES, InputError, atomic_writer, check_writable, iter_lines, open_binary, parse_jsonl_line, text_field
from .pipeline import correct

__all__ = ["Options", "Stats", "run_jsonl", "run_directory", "process_chunk", "process_record",
           "load_language_data", "open_input", "default_jobs"]

# Outcome kinds of one input record (EMPTY: an empty file of a directory, copied unchanged).
OK, ERROR, DROP, EMPTY = "ok", "error", "drop", "empty"

#: A chunk sent to a worker holds at most this many records or this many bytes of input:
#: big enough that the per-task overhead (pickling, IPC) vanishes, small enough to balance
#: the load and bound memory.
CHUNK_RECORDS = 16
CHUNK_BYTES = 256 * 1024
#: fsync the partial output and write the resume state at most this often (seconds); the
#: environment variable lets tests checkpoint often enough to interrupt a short run.
CHECKPOINT_SECONDS = float(os.environ.get("KORREKTOR_CHECKPOINT_SECONDS", "1.0"))
STATE_VERSION = 1


@dataclass(frozen=True)
class Options:
    """What to do with each record (sent to the workers, so small and picklable)."""

    config: Config = field(default_factory=Config)
    field: str = "text"
    with_edits: bool = False
    #: ``score``: add the quality estimate and leave the text as it is (``korrektor score``)
    score_only: bool = False
    #: keep documents whose estimated quality after correction (1 - CER) is at least this
    min_quality: float | None = None
    #: what to do with documents below ``min_quality``: "flag" or "drop"
    low_quality: str = "flag"
    #: the input's name, for messages
    source: str = "<stdin>"
    #: bytes that are not UTF-8: "strict" (a bad record) or "replace" (read as U+FFFD), see korrektor.io
    errors: str = "strict"


@dataclass
class Stats:
    records: int = 0
    chars: int = 0
    errors: int = 0
    dropped: int = 0
    seconds: float = 0.0
    error_file: str | None = None
    resumed_at: int = 0
    #: records (or files) with undecodable bytes read as U+FFFD (``errors="replace"``)
    replaced: int = 0
    #: directory mode: empty or whitespace-only files, copied unchanged (not in ``records``)
    empty: int = 0
    #: ``resume``: the output was already complete, nothing was done
    already_complete: bool = False

    @property
    def failed(self) -> bool:
        """Did any record (or file) fail? Dropped low-quality records are no failures."""
        return self.errors > 0

    def to_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------------------------
# Language data: load once per process, before forking.

_load_lock = threading.Lock()


def load_language_data(config: Config | None = None) -> None:
    """Load the lexicon and the error model, and run one tiny correction so that every lazily
    built table exists. Called in the parent before forking (workers then share the pages) and
    again, as a cheap no-op, in every worker; the lock keeps threaded workers (Dask) from
    loading twice."""
    with _load_lock:
        from .errormodel import default_error_model
        from .lexicon import default_lexicon

        default_lexicon().warm()
        default_error_model()
        correct("Die Prufung der L6sung ist ,gut\".", config or Config())


def default_jobs() -> int:
    """The cores this process may use (honours CPU affinity, e.g. in containers)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# --------------------------------------------------------------------------------------------
# Per-record work (runs in the workers).

def _error(lineno: int, message: str, raw: str) -> tuple:
    return (lineno, ERROR, message, raw, None)


def process_record(opts: Options, record: dict) -> tuple[str, dict | None]:
    """Correct (or score) one parsed record in place; returns (kind, record or None if dropped).

    Raises :class:`InputError` for a record whose text field is missing or not a string."""
    result = correct(text_field(record, opts.field), opts.config)
    if opts.score_only or opts.min_quality is not None:
        from .quality import estimate

        q = estimate(result)
        if opts.min_quality is not None:
            ok = q.quality_after >= opts.min_quality
            if not ok and opts.low_quality == "drop":
                return DROP, None
            record["quality"] = q.to_dict() | {"ok": ok}
        else:
            record["quality"] = q.to_dict()
    if not opts.score_only:
        record[opts.field] = result.text
        if opts.with_edits:
            record["edits"] = [e.to_dict() for e in result.edits]
    return OK, record


def _process_line(opts: Options, lineno: int, raw: bytes) -> tuple:
    """One input line → ``(lineno, kind, output line (bytes) or error message, chars or raw text,
    a warning about bytes read as U+FFFD or None)``.
    Never raises for bad input: a bad record becomes an error outcome that names the line."""
    line = raw.decode("utf-8", "replace").rstrip("\r\n")  # as the error report shows it
    notes: list[str] = []
    try:
        record = parse_jsonl_line(raw, lineno, opts.errors, notes.append)
    except InputError as e:
        return _error(lineno, str(e), line)
    try:
        kind, record = process_record(opts, record)
    except InputError as e:
        return _error(lineno, str(e), line)
    except Exception as e:  # a bug must not stop a corpus run: report it like a bad record
        return _error(lineno, f"internal error: {type(e).__name__}: {e}", line)
    if kind == DROP:
        return (lineno, DROP, None, None, None)
    text = record.get(opts.field)
    return (lineno, OK, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"),
            len(text) if isinstance(text, str) else 0, notes[0] if notes else None)


def process_chunk(opts: Options, chunk: list[tuple[int, bytes]]) -> list[tuple]:
    """Process a chunk of ``(line number, raw line)``; the unit of work sent to an executor."""
    load_language_data(opts.config)
    return [_process_line(opts, lineno, raw) for lineno, raw in chunk]


# --------------------------------------------------------------------------------------------
# Executors and the ordered, bounded map.

#: prctl(2) option (Linux): the signal the kernel sends a process when its parent dies
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this worker when its parent dies, however it dies (kill -9, the
    OOM killer): otherwise the workers live on, re-parented to PID 1, ~200 MB each, forever.

    Strictly, the signal comes when the parent's *thread* that forked the worker ends; a forking
    pool starts all its workers at the first submit, from the thread that runs the batch, which
    outlives the pool."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux (no prctl)
        return
    if os.getppid() != parent:  # the parent died between the fork and the prctl: nobody to warn us
        os._exit(1)


def _worker_init(parent: int) -> None:
    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group; the parent alone handles it (it stops the pool and
    # writes a checkpoint), a worker must not die with a traceback of its own. SIGTERM is the
    # parent's way to end a worker at once, so it keeps its default action (a fork inherits the
    # CLI's handler, which would raise inside the worker instead).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # The parent loaded the data before forking; with a spawn start method this loads it here.
    load_language_data()


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """Stop a pool without waiting for its work: cancel what is queued and end the workers. An
    interrupted or failed run must exit promptly; what the workers were doing is done again on
    --resume (it was not yet written)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # gone after shutdown
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():  # pragma: no cover - SIGTERM is never ignored in a worker
            process.kill()
            process.join(timeout=5)


@contextlib.contextmanager
def local_executor(jobs: int, config: Config) -> Iterator[Executor | None]:
    """Worker processes that share the language data: load it in the parent, freeze the
    garbage collector's view of it (so collections in the workers do not touch, and thereby
    copy, those pages), then fork. ``jobs == 1`` runs in this process (``None``).

    The workers die with the parent (see :func:`_die_with_parent`); when the run stops early (an
    error, Ctrl-C, SIGTERM) the pool is stopped without waiting for the work in flight."""
    load_language_data(config)
    if jobs <= 1:
        yield None
        return
    import multiprocessing

    gc.collect()
    gc.freeze()
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        ctx = multiprocessing.get_context()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init,
                               initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        _stop_now(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        gc.unfreeze()


def ordered_map(fn: Callable, opts: Options, chunks: Iterable, executor: Executor | None,
                window: int) -> Iterator:
    """``fn(opts, chunk)`` for every chunk, results in input order, at most ``window`` chunks
    in flight (so memory stays bounded however long the input is)."""
    if executor is None:
        for chunk in chunks:
            yield fn(opts, chunk)
        return
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(executor.submit(fn, opts, chunk))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for f in pending:  # an error or an early stop: do not leave work queued
            f.cancel()


def _chunks(lines: Iterable[tuple[int, bytes]]) -> Iterator[list[tuple[int, bytes]]]:
    chunk: list = []
    size = 0
    for item in lines:
        chunk.append(item)
        size += len(item[1])
        if len(chunk) >= CHUNK_RECORDS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


# --------------------------------------------------------------------------------------------
# Input and output files.

#: compressed JSONL, by file name: the suffixes read and written (stdlib gzip, bz2, lzma; zstd
#: with the zstandard package)
COMPRESSIONS = {".gz": "gz", ".zst": "zst", ".zstd": "zst", ".bz2": "bz2", ".xz": "xz"}
#: suffixes of other compressors and archives: refused up front, for input and output, rather than
#: read as garbage records or written as plain JSONL under a name that promises otherwise
UNSUPPORTED = (".lzma", ".lz", ".lz4", ".z", ".zz", ".br", ".sz", ".snappy", ".zip", ".7z",
               ".tgz", ".tbz", ".tbz2", ".txz", ".tar")


def compression(path: str | os.PathLike) -> str | None:
    """``"gz"``, ``"zst"``, ``"bz2"``, ``"xz"`` or ``None``, from the file name."""
    name = str(path).lower()
    return next((kind for suffix, kind in COMPRESSIONS.items() if name.endswith(suffix)), None)


def check_compression(path: str | os.PathLike, what: str) -> None:
    """Refuse a file name whose suffix asks for a compression korrektor cannot read or write."""
    name = str(path)
    suffix = next((s for s in UNSUPPORTED if name.lower().endswith(s)), None)
    if suffix is not None and name != "-":
        raise InputError(f"{name}: cannot {what} {suffix} files; use .gz, .zst, .bz2 or .xz "
                         "(or no compression suffix)")


def _zstandard():
    try:
        import zstandard
    except ModuleNotFoundError:
        raise InputError("zstd-compressed files need the zstandard package: "
                         "pip install 'korrektor[scale]'") from None
    return zstandard


def open_input(path: str | os.PathLike) -> tuple[BinaryIO, BinaryIO]:
    """Open a JSONL input for reading bytes: ``(decompressed stream, underlying file)``; the
    underlying file's position measures progress. ``-`` is standard input."""
    name = str(path)
    raw = open_binary(path)
    if raw is sys.stdin.buffer:
        return raw, raw
    kind = compression(name)
    if kind == "gz":
        return gzip.GzipFile(fileobj=raw, mode="rb"), raw
    if kind == "zst":
        reader = _zstandard().ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        return io.BufferedReader(reader, buffer_size=1 << 20), raw
    if kind == "bz2":
        return bz2.BZ2File(raw, mode="rb"), raw
    if kind == "xz":
        return lzma.LZMAFile(raw, mode="rb"), raw
    return raw, raw


def _numbered_lines(stream: BinaryIO, name: str, skip: int = 0) -> Iterator[tuple[int, bytes]]:
    """``(line number, raw bytes)`` for every line after the first ``skip``; a line longer than
    ``MAX_TEXT_BYTES`` comes as :class:`korrektor.io.Overlong` (and becomes a bad record)."""
    try:
        for lineno, raw in iter_lines(stream, MAX_TEXT_BYTES):
            if lineno > skip:
                yield lineno, raw
    except (OSError, EOFError, zlib.error, lzma.LZMAError) as e:  # a truncated or corrupt stream
        raise InputError(f"{name}: cannot read the compressed input: {e}") from None
    except Exception as e:
        if type(e).__name__ == "ZstdError":
            raise InputError(f"{name}: cannot read the compressed input: {e}") from None
        raise


def _fsync(f: IO) -> None:
    f.flush()
    os.fsync(f.fileno())


def _write_json_atomic(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f)
        _fsync(f)
    os.replace(tmp, path)


def _finalize(partial: Path, target: Path) -> None:
    """Move the finished partial output into place, compressing it if the name asks for it."""
    kind = compression(target)
    if kind is None:
        with open(partial, "rb") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
        return
    with atomic_writer(target) as out, open(partial, "rb") as src:
        out.flush()
        sink = out.buffer
        # every writer below gives the same bytes for the same content (a resumed run equals a
        # clean one): gzip needs mtime=0 and no file name, bz2 and xz store neither
        if kind == "gz":
            with gzip.GzipFile(fileobj=sink, mode="wb", mtime=0, filename="") as z:
                _copy(src, z)
        elif kind == "bz2":
            with bz2.BZ2File(sink, mode="wb", compresslevel=9) as z:
                _copy(src, z)
        elif kind == "xz":
            with lzma.LZMAFile(sink, mode="wb", preset=6) as z:
                _copy(src, z)
        else:
            with _zstandard().ZstdCompressor(level=3).stream_writer(sink, closefd=False) as z:
                _copy(src, z)
        sink.flush()
    partial.unlink()


def _finish_moves(partial: Path, target: Path, errors: "_Errors") -> None:
    """Move a finished run's partial output and error file into place, where a killed run had
    not yet done so (each move is atomic: a partial that is gone was moved)."""
    if partial.exists():
        _finalize(partial, target)
    elif not target.exists():
        raise InputError(f"{partial}: cannot resume: the finished output of the interrupted run is "
                         "missing; start again without --resume")
    if errors.partial is not None and errors.partial.exists():
        if errors.count:
            _finalize(errors.partial, errors.path)
        else:
            errors.partial.unlink()


def _copy(src: BinaryIO, dst) -> None:
    while block := src.read(1 << 20):
        dst.write(block)


# --------------------------------------------------------------------------------------------
# Errors: skip, fail, or write to a file.

def parse_on_error(value: str) -> tuple[str, str | None]:
    """``skip`` | ``fail`` | ``file`` (the default error file) | ``file:PATH`` → (mode, path)."""
    if value in ("skip", "fail", "file"):
        return value, None
    if value.startswith("file:") and len(value) > 5:
        return "file", value[5:]
    raise InputError(f"--on-error {value!r}: expected skip, fail or file:PATH")


def default_error_path(output: str | os.PathLike) -> Path:
    """``out.jsonl.gz`` → ``out.errors.jsonl``; ``outdir/`` → ``outdir.errors.jsonl``."""
    p = Path(output)
    name = p.name
    for suffix in (*COMPRESSIONS, ".jsonl", ".json"):
        name = name.removesuffix(suffix)
    return p.with_name(f"{name}.errors.jsonl")


class _Errors:
    """Collects per-record errors: counts them, shows the first few on stderr, and writes them
    (as JSONL: input, line, error, the raw record) where the user asked."""

    SHOWN = 5

    def __init__(self, mode: str, path: Path | None, source: str):
        self.mode, self.path, self.source = mode, path, source
        self.count = 0
        self.file: IO | None = None
        self.partial = path.with_name(path.name + ".partial") if path else None

    def open(self, resume_bytes: int | None) -> None:
        if self.mode != "file":
            return
        self.file = _open_partial(self.partial, resume_bytes, "the error file")

    def add(self, where: str, lineno: int | None, message: str, raw: str | None) -> None:
        self.count += 1
        place = f"{where}, line {lineno}" if lineno is not None else where
        if self.mode == "fail":
            raise InputError(f"{place}: {message}")
        if self.count <= self.SHOWN:
            click_echo(f"korrektor: {place}: {message}" + (" (skipped)" if self.mode == "skip" else ""))
        if self.file:
            rec = {"input": where, "line": lineno, "error": message, "record": raw}
            self.file.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))

    def tell(self) -> int:
        if not self.file:
            return 0
        self.file.flush()
        return self.file.tell()

    def close(self, finished: bool) -> str | None:
        """Close; when finished, move the error file into place if there were errors."""
        if not self.file:
            return None
        self.file.close()
        if not finished:
            return None
        if self.count == 0:
            self.partial.unlink(missing_ok=True)
            return None
        _finalize(self.partial, self.path)
        return str(self.path)


def click_echo(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _open_partial(path: Path, resume_bytes: int | None, what: str) -> IO:
    """Open a partial output for appending; on resume, truncate it to the checkpointed length
    (records written after the last checkpoint are done again)."""
    if resume_bytes is None:
        return open(path, "wb")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: cannot resume: {what} of the interrupted run is missing; "
                         "start again without --resume") from None
    if size < resume_bytes:
        raise InputError(f"{path}: cannot resume: {what} is shorter ({size} bytes) than recorded "
                         f"({resume_bytes} bytes); start again without --resume")
    f = open(path, "r+b")
    if resume_bytes:
        f.seek(resume_bytes - 1)
        if f.read(1) != b"\n":
            f.close()
            raise InputError(f"{path}: cannot resume: the recorded end ({resume_bytes} bytes) is not "
                             "the end of a line; start again without --resume")
    f.truncate(resume_bytes)
    f.seek(resume_bytes)
    return f


# --------------------------------------------------------------------------------------------
# Progress on a terminal.

class Progress:
    """One status line on stderr (documents, characters/s, ETA), only when stderr is a
    terminal: pipes, logs and CI stay quiet."""

    def __init__(self, enabled: bool | None, total: int | None, unit: str = "docs"):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total, self.unit = total, unit
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, docs: int, chars: int, done: int | None = None, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        line = f"\r{docs:>9,} {self.unit}  {chars / elapsed / 1000:>7,.1f}k chars/s"
        if self.total and done:
            frac = min(done / self.total, 1.0)
            eta = elapsed * (1 - frac) / max(frac, 1e-9)
            line += f"  {frac:6.1%}  ETA {int(eta) // 3600}:{int(eta) // 60 % 60:02d}:{int(eta) % 60:02d}"
        sys.stderr.write(line + "  ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


# --------------------------------------------------------------------------------------------
# JSONL runs.

def _fingerprint(infile: str, opts: Options, errors: _Errors) -> dict:
    """What must match for a resumed run to continue the same job."""
    fp = {"version": STATE_VERSION, "input": str(infile), "options": {
        "config": opts.config.to_dict(), "field": opts.field, "with_edits": opts.with_edits,
        "score_only": opts.score_only, "min_quality": opts.min_quality,
        "low_quality": opts.low_quality, "errors": opts.errors, "on_error": errors.mode,
        "error_file": str(errors.path) if errors.path else None}}
    if infile != "-":
        st = os.stat(infile)
        fp["input_size"], fp["input_mtime_ns"] = st.st_size, st.st_mtime_ns
    return fp


#: the counts a resumed run carries on from the state file
_RESUMED = ("records", "chars", "errors", "dropped", "replaced")


def _replaced(stats: Stats, place: str, note: str | None) -> None:
    """Count a record (or file) with bytes read as U+FFFD; the first few are shown."""
    if note:
        stats.replaced += 1
        if stats.replaced <= _Errors.SHOWN:
            click_echo(f"korrektor: warning: {place}: {note}")


def _read_state(state_path: Path, fingerprint: dict) -> dict | None:
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise InputError(f"{state_path}: cannot resume: unreadable state ({e}); "
                         "start again without --resume") from None
    if state.get("fingerprint") != fingerprint:
        raise InputError(f"{state_path}: cannot resume: the input or the options differ from the "
                         "interrupted run; start again without --resume")
    return state


def run_jsonl(infile: str, output: str, opts: Options, *, jobs: int | None = None,
              on_error: str = "file", error_path: str | None = None, resume: bool = False,
              progress: bool | None = None, executor: Executor | None = None,
              window: int | None = None) -> Stats:
    """Correct (or score) every record of a JSONL file into ``output``.

    ``on_error`` is ``"file"`` (bad records go to ``error_path``, by default beside the output),
    ``"skip"`` or ``"fail"``. ``executor`` (e.g. a Dask client's) replaces the local workers.
    """
    jobs = jobs or default_jobs()
    to_stdout = str(output) == "-"
    check_compression(infile, "read")
    check_compression(output, "write")
    if resume and to_stdout:
        raise InputError("--resume needs an output file, not standard output")
    if to_stdout and compression(output):
        raise InputError(f"{output}: cannot compress standard output")  # pragma: no cover
    if on_error == "file" and error_path is None:
        if to_stdout:
            on_error = "skip"  # errors are still reported on stderr
        else:
            error_path = str(default_error_path(output))
    errors = _Errors(on_error, Path(error_path) if on_error == "file" else None, opts.source)
    stats = Stats(error_file=None)
    start = time.monotonic()

    target = None if to_stdout else Path(output)
    check_writable(target)
    if errors.path:
        check_compression(errors.path, "write")
        check_writable(errors.path)
    partial = target.with_name(target.name + ".partial") if target else None
    state_path = target.with_name(target.name + ".partial.json") if target else None

    stream, raw = open_input(infile)
    fingerprint = _fingerprint(infile, opts, errors)
    state = _read_state(state_path, fingerprint) if resume else None
    if state is None and resume and target.exists() and not partial.exists():
        # no interrupted run, but its output: a finished run (the state goes only at the very end)
        _close_input(stream)
        click_echo(f"korrektor: {output}: already complete, nothing to resume")
        stats.already_complete = True
        return stats
    if state is None and resume:
        click_echo(f"korrektor: {output}: nothing to resume, starting from the beginning")
    elif state is None and partial is not None and partial.exists():
        click_echo(f"korrektor: {partial}: discarding an unfinished run (use --resume to continue it)")
    skip = state["lines_done"] if state else 0
    if state:
        stats.resumed_at = skip
        for k in _RESUMED:
            setattr(stats, k, state["stats"].get(k, 0))
        errors.count = state["stats"]["errors"]
        if state.get("finished"):
            # killed while moving finished files into place: finish that, nothing else is left
            _close_input(stream)
            _finish_moves(partial, target, errors)
            stats.error_file = str(errors.path) if errors.count and errors.path else None
            state_path.unlink(missing_ok=True)
            stats.seconds = time.monotonic() - start
            return stats

    total = None
    if infile != "-":
        total = os.stat(infile).st_size
    bar = Progress(progress, total)
    finished = bad_input = False
    resumable = state is not None  # has a checkpoint recorded progress a later --resume would keep?
    out = sys.stdout.buffer if to_stdout else _open_partial(partial, state["out_bytes"] if state else None,
                                                             "the partial output")
    try:
        errors.open(state["err_bytes"] if state else None)
        # the last point where output, error file, line count and stats agree: the end of a whole
        # chunk (a signal can strike between writing a record and counting it)
        mark = _mark(skip, out, errors, stats, to_stdout)

        def checkpoint(at: _Mark, finished: bool = False, initial: bool = False) -> None:
            nonlocal resumable
            if to_stdout:
                return
            _fsync(out)
            if errors.file:
                _fsync(errors.file)
            _write_json_atomic(state_path, {
                "fingerprint": fingerprint, "lines_done": at.lines_done, "out_bytes": at.out_bytes,
                "err_bytes": at.err_bytes, "finished": finished, "stats": at.stats})
            resumable = resumable or not initial

        # a state before any work: a run stopped from here on (a full disk, a signal) leaves one,
        # so that --resume can tell a stopped run from a finished one (whose state is gone)
        checkpoint(mark, initial=True)

        try:
            with stream if stream is not sys.stdin.buffer else contextlib.nullcontext(), \
                    (contextlib.nullcontext(executor) if executor is not None
                     else local_executor(jobs, opts.config)) as ex:
                # where the input stood when each chunk was cut: the progress of the chunk in
                # hand, not of the read-ahead (compressed input: position in the compressed file)
                positions: deque = deque()
                consumed = 0

                def mark_positions(chunks):
                    nonlocal consumed
                    for chunk in chunks:
                        consumed += sum(len(r) for _, r in chunk)
                        positions.append(raw.tell() if compression(infile) else consumed)
                        yield chunk

                chunks = mark_positions(_chunks(_numbered_lines(stream, opts.source, skip)))
                last_checkpoint = time.monotonic()
                for results in ordered_map(process_chunk, opts, chunks, ex, window or 4 * jobs):
                    position = positions.popleft()
                    lines_done = mark.lines_done
                    for lineno, kind, payload, extra, note in results:
                        if kind == OK:
                            out.write(payload)
                            stats.records += 1
                            stats.chars += extra
                            _replaced(stats, f"{opts.source}, line {lineno}", note)
                        elif kind == DROP:
                            stats.dropped += 1
                        else:
                            errors.add(opts.source, lineno, payload, extra)
                            stats.errors = errors.count
                        lines_done = lineno
                    # flush per chunk: what was written survives a killed process
                    out.flush()
                    if errors.file:
                        errors.file.flush()
                    mark = _mark(lines_done, out, errors, stats, to_stdout)
                    now = time.monotonic()
                    if now - last_checkpoint >= CHECKPOINT_SECONDS:
                        checkpoint(mark)
                        last_checkpoint = now
                    bar.update(stats.records + stats.errors + stats.dropped, stats.chars,
                               position if total else None)
        except (KeyboardInterrupt, Interrupted):
            # Ctrl-C or SIGTERM: keep what is finished, so that --resume loses only the chunks
            # that were in flight (the pool was already stopped without waiting for them)
            checkpoint(mark)
            raise
        if mark.lines_done == 0:
            raise InputError(f"{opts.source}: the input is empty")
        if not to_stdout:
            checkpoint(mark, finished=True)  # from here on, --resume only completes the moves below
        finished = True
    except InputError:
        bad_input = True
        raise
    finally:
        bar.close()
        if not to_stdout:
            out.close()
        stats.error_file = errors.close(finished)
        if bad_input and not to_stdout and (on_error == "fail" or not resumable):
            # a run stopped by a bad record, or by bad input before it recorded any progress (an
            # empty input, a corrupt compressed file) leaves nothing behind: there is nothing to
            # resume, the input must be fixed first
            for p in (partial, state_path, errors.partial):
                if p:
                    p.unlink(missing_ok=True)
    if target is not None:
        _finalize(partial, target)
        state_path.unlink(missing_ok=True)
    stats.seconds = time.monotonic() - start
    return stats


@dataclass(frozen=True)
class _Mark:
    """A consistent point of a JSONL run, to resume from: the input lines done, the lengths of
    the partial output and error file, and the counts, all at the end of the same chunk."""

    lines_done: int
    out_bytes: int
    err_bytes: int
    stats: dict


def _mark(lines_done: int, out: IO, errors: "_Errors", stats: Stats, to_stdout: bool) -> _Mark:
    return _Mark(lines_done, 0 if to_stdout else out.tell(), errors.tell(),
                 {k: getattr(stats, k) for k in _RESUMED})


def _close_input(stream: BinaryIO) -> None:
    if stream is not sys.stdin.buffer:
        stream.close()


# --------------------------------------------------------------------------------------------
# Directories of text files.

def _correct_file(opts: Options, item: tuple[str, str, str]) -> tuple:
    """Correct one text file into its mirror; returns (rel, kind, message, chars, note).

    An empty or whitespace-only file is a page of the corpus like any other (a blank page of a
    scanned book), so it is mirrored, unchanged, and counted as ``EMPTY`` (the summary says so),
    where ``korrektor correct`` refuses it: one file given on purpose that holds nothing is a
    mistake, one blank page among thousands is not."""
    from .io import read_text

    src, dst, rel = item
    notes: list[str] = []
    try:
        text = read_text(src, allow_empty=True, errors=opts.errors, on_replace=notes.append)
    except InputError as e:
        return (rel, ERROR, str(e).removeprefix(f"{src}: "), None, None)
    note = notes[0].removeprefix(f"{src}: ") if notes else None
    try:
        if not text.strip():
            _write_mirror(dst, text, [], opts.with_edits)
            return (rel, EMPTY, None, len(text), note)
        result = correct(text, opts.config)
        _write_mirror(dst, result.text, result.edits, opts.with_edits)
    except Exception as e:
        return (rel, ERROR, f"internal error: {type(e).__name__}: {e}", None, None)
    return (rel, OK, None, len(text), note)


def _write_mirror(dst: str, text: str, edits: list, with_edits: bool) -> None:
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(dst) as f:
        f.write(text)
    if with_edits:
        with atomic_writer(Path(dst).with_suffix(".edits.json")) as f:
            json.dump([e.to_dict() for e in edits], f, ensure_ascii=False)


def process_files(opts: Options, chunk: list) -> list[tuple]:
    load_language_data(opts.config)
    return [_correct_file(opts, item) for item in chunk]


def run_directory(indir: str, outdir: str, opts: Options, *, jobs: int | None = None,
                  on_error: str = "file", error_path: str | None = None, resume: bool = False,
                  progress: bool | None = None, executor: Executor | None = None) -> Stats:
    """Correct every ``*.txt`` below ``indir`` into the same relative path below ``outdir``.

    Each output file is written atomically, so ``resume`` simply skips files already there."""
    jobs = jobs or default_jobs()
    src_root, dst_root = Path(indir), Path(outdir)
    if not src_root.is_dir():
        raise InputError(f"{indir}: not a directory")
    if dst_root.resolve() == src_root.resolve() or src_root.resolve() in dst_root.resolve().parents:
        raise InputError(f"{outdir}: the output directory must not be the input directory or inside it")
    _prepare_output_dir(dst_root)
    if on_error == "file" and error_path is None:
        error_path = str(default_error_path(dst_root))
    if on_error == "file":
        check_compression(error_path, "write")
        check_writable(error_path)
    errors = _Errors(on_error, Path(error_path) if on_error == "file" else None, indir)
    stats = Stats()
    start = time.monotonic()
    files = sorted(p.relative_to(src_root).as_posix() for p in src_root.rglob("*.txt") if p.is_file())
    if not files:
        raise InputError(f"{indir}: no .txt files in the directory")
    todo = [(str(src_root / rel), str(dst_root / rel), rel) for rel in files
            if not (resume and (dst_root / rel).exists())]
    stats.resumed_at = len(files) - len(todo)
    if resume and not todo:
        click_echo(f"korrektor: {outdir}: already complete (all {len(files)} files are there), "
                   "nothing to resume")
        stats.already_complete = True
        return stats
    if resume:
        click_echo(f"korrektor: {outdir}: resuming: {stats.resumed_at} of {len(files)} file(s) already there"
                   if stats.resumed_at else f"korrektor: {outdir}: nothing to resume, starting from the beginning")
    bar = Progress(progress, len(files), unit="files")
    errors.open(None)
    finished = False
    try:
        chunks = (todo[i:i + 4] for i in range(0, len(todo), 4))
        with (contextlib.nullcontext(executor) if executor is not None
              else local_executor(jobs, opts.config)) as ex:
            for results in ordered_map(process_files, opts, chunks, ex, 4 * jobs):
                for rel, kind, message, chars, note in results:
                    if kind in (OK, EMPTY):
                        if kind == OK:
                            stats.records += 1
                        else:
                            stats.empty += 1
                        stats.chars += chars
                        _replaced(stats, str(src_root / rel), note)
                    else:
                        errors.add(str(src_root / rel), None, message, None)
                        stats.errors = errors.count
                done = stats.records + stats.empty + stats.errors
                bar.update(done, stats.chars, stats.resumed_at + done)
        finished = True
    finally:
        bar.close()
        stats.error_file = errors.close(finished)
    stats.seconds = time.monotonic() - start
    return stats


def _prepare_output_dir(dst_root: Path) -> None:
    """Create the output directory and make sure files can be written in it, before any work;
    a place that cannot be written is the user's to fix (an :class:`InputError`, exit 2)."""
    if dst_root.exists() and not dst_root.is_dir():
        raise InputError(f"{dst_root}: exists and is not a directory")
    try:
        dst_root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"{dst_root}: cannot create the output directory: {e.strerror or e}") from None
    check_writable(dst_root / ".korrektor-check")
