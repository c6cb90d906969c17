"""Reading and writing files the careful way: clear errors that say what and where, and atomic
writes, so that a failed run never leaves a half-written output behind.

Decoding has one policy for every door (``errors``): ``"strict"`` (the default) refuses bytes that
are not UTF-8 with an :class:`InputError` that names the byte offset and line; ``"replace"`` reads
each undecodable sequence as U+FFFD and goes on, and tells ``on_replace`` how many there were."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import math
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterator, Optional

__all__ = ["InputError", "STDOUT", "naming_stdout", "ERRORS", "MAX_TEXT_BYTES", "decode", "open_binary", "read_bytes", "read_text",
           "atomic_writer", "check_writable", "Overlong", "iter_lines", "parse_jsonl_line", "iter_jsonl", "text_field"]

#: how messages name standard output
STDOUT = "standard output"

#: the decoding policies: refuse undecodable bytes, or read them as U+FFFD
ERRORS = ("strict", "replace")

#: The largest text corrected at once (a file for ``correct``, ``explain`` and ``diff``, one JSONL
#: record): correction needs about 50 bytes of memory per character, so 64 MiB take about 3.5 GB
#: (and two minutes). Larger inputs are refused before they are read; a corpus belongs in JSONL or
#: a directory.
MAX_TEXT_BYTES = 64 * 1024 * 1024

#: a warning about replaced bytes, for the caller to show (e.g. on standard error)
OnReplace = Optional[Callable[[str], None]]


class InputError(ValueError):
    """Bad input: the message says what is wrong and where."""


def _check_policy(errors: str) -> None:
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {', '.join(ERRORS)}, not {errors!r}")


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(data: bytes, errors: str) -> tuple[str, int, int]:
    """``(text, undecodable sequences read as U+FFFD, offset of the first)``; with ``strict``, the
    first undecodable byte raises :class:`UnicodeDecodeError`."""
    _check_policy(errors)
    try:
        return data.decode("utf-8"), 0, -1
    except UnicodeDecodeError as e:
        if errors == "strict":
            raise
        text = data.decode("utf-8", "replace")
        # each undecodable sequence became one U+FFFD; those the input spelled itself do not count
        return text, text.count("\ufffd") - data.count("\ufffd".encode()), e.start


def decode(data: bytes, name: str, errors: str = "strict", on_replace: OnReplace = None) -> str:
    """UTF-8 bytes as text, without a leading byte order mark.

    ``strict``: bytes that are not UTF-8, or a NUL byte (a binary file), are an :class:`InputError`
    that names ``name``, the byte offset and the line. ``replace``: each undecodable sequence becomes
    U+FFFD and ``on_replace`` gets a one-line warning; NUL bytes are kept (they are valid UTF-8,
    and correction removes control characters with an edit that says so)."""
    if errors == "strict" and (nul := data.find(b"\x00")) >= 0:
        hint = ("; it looks like UTF-16: convert it to UTF-8 first (e.g. iconv -f utf-16 -t utf-8)"
                if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ": a binary file, not text")
        raise InputError(f"{name}: NUL byte at offset {nul} (line {_line(data, nul)}){hint}")
    try:
        text, replaced, first = _decode(data, errors)
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: not valid UTF-8: byte 0x{data[e.start]:02x} at offset {e.start} "
            f"(line {_line(data, e.start)}); convert the file to UTF-8 first "
            "(e.g. iconv -f latin1 -t utf-8) or let korrektor read such bytes as U+FFFD (--errors replace)") from None
    if replaced and on_replace is not None:
        on_replace(f"{name}: {replaced} undecodable byte sequence(s) read as U+FFFD "
                   f"(the first at offset {first}, line {_line(data, first)})")
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


def _regular_size(f: IO[bytes]) -> int:
    """The size of a regular file; -1 for a pipe or terminal (read to find out)."""
    try:
        st = os.fstat(f.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # e.g. a test's in-memory stdin
        return -1
    return st.st_size if stat.S_ISREG(st.st_mode) else -1


def read_bytes(path: str | os.PathLike, limit: Optional[int] = None) -> bytes:
    """All bytes of a file (``-`` is standard input); more than ``limit`` bytes are an error,
    found before they are read (at most ``limit + 1`` bytes of a pipe are read)."""
    f = open_binary(path)
    with contextlib.nullcontext(f) if f is sys.stdin.buffer else f:
        if limit is None:
            return f.read()
        too_large = _regular_size(f) > limit
        data = b"" if too_large else f.read(limit + 1)
    if too_large or len(data) > limit:
        name = "<stdin>" if str(path) == "-" else str(path)
        raise InputError(f"{name}: too large: more than {limit:,} bytes, the limit for one document; "
                         "split it, or give a corpus to korrektor batch as JSONL or a directory")
    return data


def read_text(path: str | os.PathLike, *, allow_empty: bool = False, errors: str = "strict",
              on_replace: OnReplace = None, limit: Optional[int] = MAX_TEXT_BYTES) -> str:
    """Read a UTF-8 text file (``-`` is standard input) with the ``errors`` policy (see :func:`decode`)."""
    name = "<stdin>" if str(path) == "-" else str(path)
    _check_policy(errors)
    text = decode(read_bytes(path, limit), name, errors, on_replace)
    if not allow_empty and not text.strip():
        raise InputError(f"{name}: the input is empty")
    return text


def check_writable(path: str | os.PathLike | None) -> None:
    """Fail now, before any work, if ``path`` (``None`` or ``-``: standard output) cannot be
    written: a directory, a missing directory, a read-only or forbidden place."""
    if path is None or str(path) == "-":
        return
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path}: is a directory; give a file name for the output")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: the output directory {folder} does not exist")
    try:  # what atomic_writer will do: a temporary file beside the target
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:
        raise InputError(f"{path}: cannot write there: {e.strerror or e}") from None


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike | None) -> Iterator[IO[str]]:
    """Write to a temporary file beside ``path`` and move it into place only on success.

    ``None`` or ``-`` writes to standard output.
    """
    if path is None or str(path) == "-":
        with naming_stdout():
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


@contextlib.contextmanager
def naming_stdout() -> Iterator[None]:
    """An error while writing standard output (a full disk behind ``> file``, ``/dev/full``)
    names it, as an error while writing a file names the file."""
    try:
        yield
    except OSError as e:
        if e.filename is None and not isinstance(e, BrokenPipeError):
            e.filename = STDOUT
        raise


class Overlong(bytes):
    """The first bytes of a line longer than the limit (the rest was read past, never held in
    memory); ``size`` is the line's length. :func:`parse_jsonl_line` reports it as a bad record."""

    KEEP = 1024  # bytes kept, enough to recognise the record in an error report

    def __new__(cls, head: bytes, size: int, limit: int):
        self = super().__new__(cls, head[:cls.KEEP])
        self.size, self.limit = size, limit
        return self

    def __reduce__(self):  # batch sends lines to worker processes
        return Overlong, (bytes(self), self.size, self.limit)


def iter_lines(f: IO[bytes], limit: int = MAX_TEXT_BYTES) -> Iterator[tuple[int, bytes]]:
    """``(line number, raw line)``; a line longer than ``limit`` bytes comes as :class:`Overlong`,
    so that one huge line costs no more memory than ``limit``."""
    for lineno in itertools.count(1):
        raw = f.readline(limit + 1)
        if not raw:
            return
        if len(raw) > limit:
            size = len(raw)
            rest = raw
            while not rest.endswith(b"\n"):  # skip the rest of the line a block at a time
                rest = f.readline(1 << 20)
                if not rest:
                    break
                size += len(rest)
            raw = Overlong(raw, size, limit)
        yield lineno, raw


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _constant(name: str):
    raise InputError(f"{name} is not valid JSON")


def _float(s: str) -> float:
    value = float(s)
    if not math.isfinite(value):  # 1e999: json would read it as inf and write it as Infinity
        raise InputError(f"the number {s[:20]}{'…' if len(s) > 20 else ''} is out of range")
    return value


def _int(s: str) -> int:
    try:
        return int(s)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        raise InputError(f"the number {s[:20]}… has too many digits") from None


def parse_jsonl_line(raw: bytes, lineno: int, errors: str = "strict", on_replace: OnReplace = None) -> dict:
    """One JSONL line as a record; :class:`InputError` (without the location) if it is too long,
    not valid UTF-8 (with ``errors="strict"``; ``replace`` reads U+FFFD and tells ``on_replace``),
    blank, malformed or not a JSON object, or holds what JSON cannot carry over (NaN, a lone
    surrogate)."""
    if isinstance(raw, Overlong):
        raise InputError(f"the line is {raw.size:,} bytes long, more than the limit of {raw.limit:,} "
                         "bytes for one record")
    try:
        line, replaced, first = _decode(raw, errors)
    except UnicodeDecodeError as e:
        raise InputError(f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})") from None
    if replaced and on_replace is not None:
        on_replace(f"{replaced} undecodable byte sequence(s) read as U+FFFD (the first at column {first + 1})")
    line = line.rstrip("\r\n")  # so that an error's column counts within the line
    if lineno == 1:
        line = line.removeprefix("\ufeff")
    if not line.strip():
        raise InputError("empty line")
    try:
        record = json.loads(line, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except json.JSONDecodeError as e:
        # json says "Invalid control character at" (its own message ends with the position)
        raise InputError(f"malformed JSON: {e.msg.removesuffix(' at')} at column {e.colno}") from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, not {type(record).__name__}")
    if _SURROGATE_ESCAPE.search(raw):  # "\ud800" alone decodes, but is no character: refuse it here
        try:
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as e:
            raise InputError(f"a string holds a lone surrogate (\\u{ord(e.object[e.start]):04x}), "
                             "which is not Unicode") from None
    return record


def iter_jsonl(path: str | os.PathLike, errors: str = "strict", on_replace: OnReplace = None,
               limit: int = MAX_TEXT_BYTES) -> Iterator[tuple[int, dict]]:
    """Yield ``(line number, record)`` one line at a time; a blank, malformed, non-object or
    overlong line is an error that names the line."""
    name = "<stdin>" if str(path) == "-" else str(path)
    f = open_binary(path)
    seen = False
    with contextlib.nullcontext(f) if f is sys.stdin.buffer else f:
        for lineno, raw in iter_lines(f, limit):
            seen = True
            warn = None if on_replace is None else (lambda m: on_replace(f"{name}, line {lineno}: {m}"))
            try:
                record = parse_jsonl_line(raw, lineno, errors, warn)
            except InputError as e:
                raise InputError(f"{name}, line {lineno}: {e}") from None
            yield lineno, record
    if not seen:
        raise InputError(f"{name}: the input is empty")


def text_field(record: dict, field: str) -> str:
    """The string in ``record[field]``; :class:`InputError` (without the location) if the field is
    missing or holds something else."""
    value = record.get(field)
    if not isinstance(value, str):
        if field not in record:
            raise InputError(f"the record has no field {field!r}")
        raise InputError(f"the record holds {_json_kind(value)}, not a string, in its field {field!r}")
    return value


def _json_kind(value) -> str:
    """What a JSON value is, in JSON's words (the user wrote JSON, not Python: ``null``, not
    ``NoneType``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):  # before int: a bool is an int in Python
        return f"a boolean ({json.dumps(value)})"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"  # not from JSON: a caller's own record
