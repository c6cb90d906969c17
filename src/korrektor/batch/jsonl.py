"""JSONL runs: :func:`run_jsonl` and the steps of one run (:class:`_JsonlRun`).

The order of a run: check the names (before any work, so a mistake costs nothing); open the
input and read the resume state; say what ``--resume`` found (perhaps that nothing is left to
do); correct the remaining chunks, appending to ``OUT.partial`` and checkpointing; move the
finished output into place and remove the state (an output without a state is a finished one).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import deque
from concurrent.futures import Executor
from pathlib import Path
from typing import Iterable, Iterator

from ..exitcodes import Interrupted
from ..io import InputError, check_writable
from .errors import _Errors, _replaced, click_echo, default_error_path
from .files import (_close_input, _finalize, _fsync, _numbered_lines, _open_partial, check_compression,
                    compression, open_input)
from .progress import Progress
from .records import DROP, OK, Options, Stats, default_jobs, process_chunk
from .state import _RESUMED, CHECKPOINT_SECONDS, _fingerprint, _mark, _read_state, _write_state
from .workers import local_executor, ordered_map

#: A chunk sent to a worker holds at most this many records or this many bytes of input:
#: big enough that the per-task overhead (pickling, IPC) vanishes, small enough to balance
#: the load and bound memory.
CHUNK_RECORDS = 16
CHUNK_BYTES = 256 * 1024


def run_jsonl(infile: str, output: str, opts: Options, *, jobs: int | None = None,
              on_error: str = "file", error_path: str | None = None, resume: bool = False,
              progress: bool | None = None, executor: Executor | None = None,
              window: int | None = None) -> Stats:
    """Correct (or score) every record of a JSONL file into ``output``.

    ``on_error`` is ``"file"`` (bad records go to ``error_path``, by default beside the output),
    ``"skip"`` or ``"fail"``. ``executor`` (e.g. a Dask client's) replaces the local workers.
    """
    run = _JsonlRun(infile, output, opts, jobs or default_jobs(), on_error, error_path, resume)
    return run.run(progress, executor, window)


class _JsonlRun:
    """One call of :func:`run_jsonl`: its names, error collector, counts and checkpoints."""

    def __init__(self, infile: str, output: str, opts: Options, jobs: int, on_error: str,
                 error_path: str | None, resume: bool):
        self.infile, self.output, self.opts, self.jobs, self.resume = infile, output, opts, jobs, resume
        self.to_stdout = str(output) == "-"
        self.on_error, error_path = self._check_names(on_error, error_path)
        self.errors = _Errors(self.on_error, Path(error_path) if self.on_error == "file" else None,
                              opts.source)
        self.stats = Stats(error_file=None)
        self.start = time.monotonic()
        self.target = None if self.to_stdout else Path(output)
        check_writable(self.target)
        if self.errors.path:
            check_compression(self.errors.path, "write")
            check_writable(self.errors.path)
        target = self.target
        self.partial = target.with_name(target.name + ".partial") if target else None
        self.state_path = target.with_name(target.name + ".partial.json") if target else None
        # has a checkpoint recorded progress that a later --resume would keep?
        self.resumable = False

    def _check_names(self, on_error: str, error_path: str | None) -> tuple[str, str | None]:
        """Refuse what cannot work before any work; returns the error mode and file to use."""
        check_compression(self.infile, "read")
        check_compression(self.output, "write")
        if self.resume and self.to_stdout:
            raise InputError("--resume needs an output file, not standard output")
        if self.to_stdout and compression(self.output):
            raise InputError(f"{self.output}: cannot compress standard output")  # pragma: no cover
        if on_error == "file" and error_path is None:
            if self.to_stdout:
                on_error = "skip"  # errors are still reported on stderr
            else:
                error_path = str(default_error_path(self.output))
        return on_error, error_path

    def run(self, progress: bool | None, executor: Executor | None, window: int | None) -> Stats:
        self.stream, self.raw = open_input(self.infile)
        self.fingerprint = _fingerprint(self.infile, self.opts, self.errors)
        state = _read_state(self.state_path, self.fingerprint) if self.resume else None
        if self._nothing_left(state):
            return self.stats
        self._correct(state, progress, executor, window)
        if self.target is not None:
            _finalize(self.partial, self.target)
            self.state_path.unlink(missing_ok=True)
        self.stats.seconds = time.monotonic() - self.start
        return self.stats

    def _nothing_left(self, state: dict | None) -> bool:
        """Say what --resume found and carry the counts on from the state. True when no work is
        left: the output is complete, or a killed run only had its finished files to move."""
        if state is None and self.resume and self.target.exists() and not self.partial.exists():
            # no interrupted run, but its output: a finished run (the state goes only at the very end)
            _close_input(self.stream)
            click_echo(f"korrektor: {self.output}: already complete, nothing to resume")
            self.stats.already_complete = True
            return True
        if state is None and self.resume:
            click_echo(f"korrektor: {self.output}: nothing to resume, starting from the beginning")
        elif state is None and self.partial is not None and self.partial.exists():
            click_echo(f"korrektor: {self.partial}: discarding an unfinished run (use --resume to continue it)")
        if not state:
            return False
        self.stats.resumed_at = state["lines_done"]
        for k in _RESUMED:
            setattr(self.stats, k, state["stats"].get(k, 0))
        self.errors.count = state["stats"]["errors"]
        if not state.get("finished"):
            return False
        # killed while moving finished files into place: finish that, nothing else is left
        _close_input(self.stream)
        _finish_moves(self.partial, self.target, self.errors)
        self.stats.error_file = str(self.errors.path) if self.errors.count and self.errors.path else None
        self.state_path.unlink(missing_ok=True)
        self.stats.seconds = time.monotonic() - self.start
        return True

    def _correct(self, state: dict | None, progress: bool | None, executor: Executor | None,
                 window: int | None) -> None:
        """Correct the input after the state's mark into the partial output; checkpoint before
        the work, every CHECKPOINT_SECONDS, on Ctrl-C or SIGTERM, and when all is written."""
        skip = state["lines_done"] if state else 0
        total = os.stat(self.infile).st_size if self.infile != "-" else None
        bar = Progress(progress, total)
        finished = bad_input = False
        self.resumable = state is not None
        self.out = sys.stdout.buffer if self.to_stdout else _open_partial(
            self.partial, state["out_bytes"] if state else None, "the partial output")
        try:
            self.errors.open(state["err_bytes"] if state else None)
            # the last point where output, error file, line count and stats agree: the end of a
            # whole chunk (a signal can strike between writing a record and counting it)
            self.mark = _mark(skip, self.out, self.errors, self.stats, self.to_stdout)
            # a state before any work: a run stopped from here on (a full disk, a signal) leaves
            # one, so that --resume can tell a stopped run from a finished one (whose state is gone)
            self._checkpoint(initial=True)
            try:
                self._map(skip, bar, total, executor, window)
            except (KeyboardInterrupt, Interrupted):
                # Ctrl-C or SIGTERM: keep what is finished, so that --resume loses only the chunks
                # that were in flight (the pool was already stopped without waiting for them)
                self._checkpoint()
                raise
            if self.mark.lines_done == 0:
                raise InputError(f"{self.opts.source}: the input is empty")
            if not self.to_stdout:
                self._checkpoint(finished=True)  # from here on, --resume only completes the moves
            finished = True
        except InputError:
            bad_input = True
            raise
        finally:
            bar.close()
            if not self.to_stdout:
                self.out.close()
            self.stats.error_file = self.errors.close(finished)
            if bad_input:
                self._discard()

    def _map(self, skip: int, bar: Progress, total: int | None, executor: Executor | None,
             window: int | None) -> None:
        """Send the chunks to the executor and write their results in input order."""
        with self.stream if self.stream is not sys.stdin.buffer else contextlib.nullcontext(), \
                (contextlib.nullcontext(executor) if executor is not None
                 else local_executor(self.jobs, self.opts.config)) as ex:
            positions: deque = deque()
            chunks = self._cut(skip, positions)
            last_checkpoint = time.monotonic()
            for results in ordered_map(process_chunk, self.opts, chunks, ex, window or 4 * self.jobs):
                position = positions.popleft()
                self._write(results)
                now = time.monotonic()
                if now - last_checkpoint >= CHECKPOINT_SECONDS:
                    self._checkpoint()
                    last_checkpoint = now
                s = self.stats
                bar.update(s.records + s.errors + s.dropped, s.chars, position if total else None)

    def _cut(self, skip: int, positions: deque) -> Iterator[list[tuple[int, bytes]]]:
        """The chunks after line ``skip``; for each, where the input stood when it was cut (the
        progress of the chunk in hand, not of the read-ahead; compressed input: the position
        in the compressed file) goes to ``positions``."""
        compressed = compression(self.infile)
        consumed = 0
        for chunk in _chunks(_numbered_lines(self.stream, self.opts.source, skip)):
            consumed += sum(len(r) for _, r in chunk)
            positions.append(self.raw.tell() if compressed else consumed)
            yield chunk

    def _write(self, results: list[tuple]) -> None:
        """Write one chunk's results and count them; the end of the chunk is the new mark."""
        lines_done = self.mark.lines_done
        for lineno, kind, payload, extra, note in results:
            if kind == OK:
                self.out.write(payload)
                self.stats.records += 1
                self.stats.chars += extra
                _replaced(self.stats, f"{self.opts.source}, line {lineno}", note)
            elif kind == DROP:
                self.stats.dropped += 1
            else:
                self.errors.add(self.opts.source, lineno, payload, extra)
                self.stats.errors = self.errors.count
            lines_done = lineno
        # flush per chunk: what was written survives a killed process
        self.out.flush()
        if self.errors.file:
            self.errors.file.flush()
        self.mark = _mark(lines_done, self.out, self.errors, self.stats, self.to_stdout)

    def _checkpoint(self, finished: bool = False, initial: bool = False) -> None:
        """fsync what is written, then record the mark (standard output has nothing to resume)."""
        if self.to_stdout:
            return
        _fsync(self.out)
        if self.errors.file:
            _fsync(self.errors.file)
        _write_state(self.state_path, self.fingerprint, self.mark, finished)
        self.resumable = self.resumable or not initial

    def _discard(self) -> None:
        """After bad input: a run stopped by a bad record, or by bad input before it recorded any
        progress (an empty input, a corrupt compressed file) leaves nothing behind: there is
        nothing to resume, the input must be fixed first."""
        if self.to_stdout or not (self.on_error == "fail" or not self.resumable):
            return
        for p in (self.partial, self.state_path, self.errors.partial):
            if p:
                p.unlink(missing_ok=True)


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


def _finish_moves(partial: Path, target: Path, errors: _Errors) -> None:
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

