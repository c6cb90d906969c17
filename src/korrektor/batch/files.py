"""Input and output files: compression by file name, reading numbered lines, the partial files
a run appends to, and moving (or compressing) a finished partial file into place."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import sys
import zlib
from pathlib import Path
from typing import IO, BinaryIO, Iterator

from ..io import MAX_TEXT_BYTES, InputError, atomic_writer, iter_lines, open_binary

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


def _copy(src: BinaryIO, dst) -> None:
    while block := src.read(1 << 20):
        dst.write(block)


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


def _close_input(stream: BinaryIO) -> None:
    if stream is not sys.stdin.buffer:
        stream.close()
