"""Reading and writing files the careful way: clear errors that say what and where, and atomic
writes, so that a failed run never leaves a half-written output behind."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterator

__all__ = ["InputError", "open_binary", "read_bytes", "read_text", "atomic_writer", "parse_jsonl_line",
           "iter_jsonl"]


class InputError(ValueError):
    """Bad input: the message says what is wrong and where."""


def _decode(data: bytes, name: str) -> str:
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise InputError(f"{name}: looks like a binary file (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(
            f"{name}: not valid UTF-8: byte 0x{data[e.start]:02x} at offset {e.start} (line {line}); "
            "convert the file to UTF-8 first (e.g. iconv -f latin1 -t utf-8)"
        ) from None
    return text.removeprefix("\ufeff")


def open_binary(path: str | os.PathLike) -> IO[bytes]:
    """Open a file for reading bytes (``-`` is standard input), with errors that say what."""
    name = str(path)
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None


def read_bytes(path: str | os.PathLike) -> bytes:
    """All bytes of a file (``-`` is standard input)."""
    f = open_binary(path)
    if f is sys.stdin.buffer:
        return f.read()
    with f:
        return f.read()


def read_text(path: str | os.PathLike, *, allow_empty: bool = False) -> str:
    """Read a UTF-8 text file (``-`` is standard input)."""
    name = "<stdin>" if str(path) == "-" else str(path)
    text = _decode(read_bytes(path), name)
    if not allow_empty and not text.strip():
        raise InputError(f"{name}: the input is empty")
    return text


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike | None) -> Iterator[IO[str]]:
    """Write to a temporary file beside ``path`` and move it into place only on success.

    ``None`` or ``-`` writes to standard output.
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{path}: the output directory {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes owner-only files; an output is an ordinary file
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def parse_jsonl_line(raw: bytes, lineno: int) -> dict:
    """One JSONL line as a record; :class:`InputError` (without the location) if it is not valid
    UTF-8, blank, malformed or not a JSON object."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})") from None
    line = line.rstrip("\r\n")  # so that an error's column counts within the line
    if lineno == 1:
        line = line.removeprefix("\ufeff")
    if not line.strip():
        raise InputError("empty line")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"malformed JSON: {e.msg} at column {e.colno}") from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, not {type(record).__name__}")
    return record


def iter_jsonl(path: str | os.PathLike) -> Iterator[tuple[int, dict]]:
    """Yield ``(line number, record)`` one line at a time; a blank, malformed or non-object line
    is an error that names the line."""
    name = "<stdin>" if str(path) == "-" else str(path)
    f = open_binary(path)
    seen = False
    with contextlib.nullcontext(f) if f is sys.stdin.buffer else f:
        for lineno, raw in enumerate(f, 1):
            seen = True
            try:
                record = parse_jsonl_line(raw, lineno)
            except InputError as e:
                raise InputError(f"{name}, line {lineno}: {e}") from None
            yield lineno, record
    if not seen:
        raise InputError(f"{name}: the input is empty")
