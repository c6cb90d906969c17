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

The modules, in the order a reader meets them:

* ``records``: the options, the counts, and what a worker does with one record or chunk;
* ``workers``: the local executor (fork, dying with the parent, stopping at once) and
  ``ordered_map``;
* ``files``: compression, reading lines, partial files, moving a finished file into place;
* ``errors``: ``--on-error`` and the collector of bad records;
* ``state``: the resume state (fingerprint, the mark of a finished chunk, read and write);
* ``progress``: the status line on a terminal;
* ``jsonl``: :func:`run_jsonl`, one run as a short sequence of steps;
* ``directory``: :func:`run_directory`.

This module keeps every name the rest of korrektor, the tests, the benchmarks and the fuzzers
import from ``korrektor.batch``.
"""

from __future__ import annotations

# Re-exports only. The modules import each other's names directly, so replacing a function here
# (a test's monkeypatch) changes nothing: patch it where it is used, e.g. batch.jsonl._finalize.
from .directory import process_files, run_directory
from .errors import _Errors, _replaced, click_echo, default_error_path, parse_on_error
from .files import (COMPRESSIONS, UNSUPPORTED, _finalize, _open_partial, check_compression, compression,
                    open_input)
from .jsonl import CHUNK_BYTES, CHUNK_RECORDS, _finish_moves, run_jsonl
from .progress import Progress
from .records import (DROP, EMPTY, ERROR, OK, Options, Stats, _process_line, default_jobs,
                      load_language_data, process_chunk, process_record)
from .state import CHECKPOINT_SECONDS, STATE_VERSION, _fingerprint, _read_state
from .workers import local_executor, ordered_map

__all__ = ["Options", "Stats", "run_jsonl", "run_directory", "process_chunk", "process_record",
           "load_language_data", "open_input", "default_jobs"]
