"""The resume state of a JSONL run: a small JSON file beside the output (``OUT.partial.json``)
that says which job it belongs to (the fingerprint) and how far the run had got (a mark: the
end of a whole chunk). Its format is read by ``--resume`` of a later korrektor, so it does not
change without a new ``STATE_VERSION``."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..io import InputError
from .errors import _Errors
from .files import _write_json_atomic
from .records import Options, Stats

#: fsync the partial output and write the resume state at most this often (seconds); the
#: environment variable lets tests checkpoint often enough to interrupt a short run.
CHECKPOINT_SECONDS = float(os.environ.get("KORREKTOR_CHECKPOINT_SECONDS", "1.0"))
STATE_VERSION = 1

#: the counts a resumed run carries on from the state file
_RESUMED = ("records", "chars", "errors", "dropped", "replaced")


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


@dataclass(frozen=True)
class _Mark:
    """A consistent point of a JSONL run, to resume from: the input lines done, the lengths of
    the partial output and error file, and the counts, all at the end of the same chunk."""

    lines_done: int
    out_bytes: int
    err_bytes: int
    stats: dict


def _mark(lines_done: int, out: IO, errors: _Errors, stats: Stats, to_stdout: bool) -> _Mark:
    return _Mark(lines_done, 0 if to_stdout else out.tell(), errors.tell(),
                 {k: getattr(stats, k) for k in _RESUMED})


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


def _write_state(state_path: Path, fingerprint: dict, at: _Mark, finished: bool) -> None:
    """Record ``at`` atomically; ``finished``: all is written, only the moves into place are left."""
    _write_json_atomic(state_path, {
        "fingerprint": fingerprint, "lines_done": at.lines_done, "out_bytes": at.out_bytes,
        "err_bytes": at.err_bytes, "finished": finished, "stats": at.stats})
