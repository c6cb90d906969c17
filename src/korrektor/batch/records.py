"""What one record (a JSONL line) becomes: the options sent to the workers, the counts of a run,
and the per-record work the workers do. Everything here runs in worker processes too, so it stays
small and picklable."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, field

from ..config import Config
from ..io import InputError, parse_jsonl_line, text_field
from ..pipeline import correct

# Outcome kinds of one input record (EMPTY: an empty file of a directory, copied unchanged).
OK, ERROR, DROP, EMPTY = "ok", "error", "drop", "empty"


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
        from ..errormodel import default_error_model
        from ..lexicon import default_lexicon

        # the mapped language data made resident here, before the workers fork: they share all
        # of it from the start instead of paging it in each as their words need it
        default_lexicon().prefetch()
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
        from ..quality import estimate

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

