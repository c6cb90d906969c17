"""The local executor (forked worker processes that share the language data and die with the
parent) and the ordered, bounded map that feeds any executor, local or Dask."""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Callable, Iterable, Iterator

from ..config import Config
from .records import Options, load_language_data

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

