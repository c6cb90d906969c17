"""korrektor on Dask: correct a ``dask.bag`` of texts or records, or a column of a
``dask.dataframe``, partition by partition; and the client behind ``korrektor batch --dask``.

    >>> import dask.bag as db, korrektor.dask as kd
    >>> kd.correct_bag(db.read_text("pages/*.txt", linedelimiter="\\f")).compute()
    >>> kd.correct_dataframe(ddf, "text", out_column="text_fixed").to_parquet("out/")

Each worker process loads the language data once, on its first partition (it is cached in the
process; threads of one worker share it). See docs/scale.md for running on an existing cluster.

This module is named after the package it wraps; ``from __future__ import annotations`` and
absolute imports (``import dask.bag``) make sure that ``dask`` below is the real Dask.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any, Iterator

from .batch import Options, load_language_data, process_record
from .config import Config
from .pipeline import correct

__all__ = ["correct_bag", "correct_dataframe", "correct_partition", "client_for", "check_scheduler"]


def correct_partition(items: list, opts: Options) -> list:
    """Correct one partition: strings become corrected strings; records (dicts) get their
    ``opts.field`` corrected (and ``edits``/``quality`` as the options ask), other fields kept.
    A dropped record (``min_quality`` with ``low_quality="drop"``) is left out."""
    load_language_data(opts.config)
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(correct(item, opts.config).text)
            continue
        if not isinstance(item, dict):
            raise TypeError(f"korrektor.dask: expected str or dict items, not {type(item).__name__}")
        kind, record = process_record(opts, dict(item))
        if record is not None:
            out.append(record)
    return out


def correct_bag(bag, config: Config | None = None, *, field: str = "text", with_edits: bool = False,
                score_only: bool = False):
    """A bag of corrected texts (for a bag of strings) or records (for a bag of dicts)."""
    opts = Options(config=config or Config(), field=field, with_edits=with_edits, score_only=score_only)
    return bag.map_partitions(correct_partition, opts)


def _correct_frame(pdf, column: str, out_column: str, config: Config):
    load_language_data(config)
    pdf = pdf.copy()
    pdf[out_column] = [correct(t, config).text if isinstance(t, str) else t for t in pdf[column]]
    return pdf


def correct_dataframe(ddf, column: str = "text", config: Config | None = None, *,
                      out_column: str | None = None):
    """A dataframe whose ``column`` is corrected (into ``out_column``, if given, keeping the
    original). Missing values (NaN/None) pass through."""
    if column not in ddf.columns:
        raise KeyError(f"korrektor.dask: the dataframe has no column {column!r}")
    out_column = out_column or column
    meta = ddf._meta.copy()
    meta[out_column] = meta[column]
    return ddf.map_partitions(_correct_frame, column, out_column, config or Config(), meta=meta)


_LOCAL = re.compile(r"local(?:\[(\d+)\])?")
#: Dask's comm protocols (distributed.comm): an address is PROTOCOL://LOCATION
_PROTOCOLS = ("tcp", "tls", "inproc", "ucx", "ws", "wss")
_URL = re.compile(r"(?P<protocol>[A-Za-z][A-Za-z0-9+.-]*)://(?P<location>\S+)")
#: host:port without a protocol (Dask reads it as tcp://): a name, an IPv4 or a [bracketed] IPv6
_HOST_PORT = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):(\d{1,5})")
#: how long to try to reach a scheduler (seconds) before giving up with a message
CONNECT_TIMEOUT = 10


def check_scheduler(value: str) -> str:
    """``value`` if it is a ``--dask`` value Dask can use, else :class:`ValueError` with a one-line
    reason: ``local``, ``local[N]`` with N ≥ 1, or a scheduler address (``tcp://host:port``,
    ``host:port``, ``tls://…``, ``inproc://…``, …). Checked before any work: ``local[0]`` would
    start a cluster without workers and wait for them forever."""
    m = _LOCAL.fullmatch(value)
    if m:
        if m.group(1) is not None and int(m.group(1)) < 1:
            raise ValueError(f"{value!r}: a local cluster needs at least one worker (local[N], N ≥ 1)")
        return value
    url = _URL.fullmatch(value)
    if url:
        if url["protocol"].lower() not in _PROTOCOLS:
            raise ValueError(f"{value!r}: unknown protocol {url['protocol']!r} "
                             f"(Dask speaks {', '.join(_PROTOCOLS)})")
        return value
    port = _HOST_PORT.fullmatch(value)
    if port and 0 < int(port.group(1)) < 65536:
        return value
    raise ValueError(f"{value!r}: expected local, local[N] or a scheduler address "
                     "(tcp://host:8786, host:8786)")


@contextlib.contextmanager
def client_for(scheduler: str, jobs: int | None = None, *,
               connect_timeout: float | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: ``local[N]`` starts a local cluster of N single-threaded worker
    processes (``local``: ``jobs`` or all cores); anything else is a scheduler address, which
    must answer within ``connect_timeout`` seconds (default :data:`CONNECT_TIMEOUT`)."""
    from .io import InputError

    try:
        check_scheduler(scheduler)
    except ValueError as e:
        raise InputError(f"--dask {e}") from None
    try:
        from distributed import Client, LocalCluster
    except ModuleNotFoundError:
        raise InputError("--dask needs dask.distributed: pip install 'korrektor[scale]'") from None
    m = _LOCAL.fullmatch(scheduler)
    if m:
        from .batch import default_jobs

        n = int(m.group(1) or jobs or default_jobs())
        # one thread per worker: the correction is pure Python and holds the GIL
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    with _connect(Client, scheduler, connect_timeout or CONNECT_TIMEOUT) as client:
        yield client


def _connect(Client, address: str, timeout: float):
    """A client of the scheduler at ``address``; a scheduler that does not answer (nothing
    listens there, a firewall, a typo) is an :class:`~korrektor.io.InputError` of one line, like
    any other part of the command that cannot be used, rather than Dask's traceback."""
    from .io import InputError

    try:
        return Client(address, timeout=timeout)
    except (OSError, TimeoutError) as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputError(f"--dask {address}: cannot reach the Dask scheduler within {timeout:g} s "
                         f"({reason})") from None
    except ValueError as e:  # an address Dask cannot parse after all
        raise InputError(f"--dask {address}: {e}") from None
