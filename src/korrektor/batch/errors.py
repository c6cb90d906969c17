"""Bad records: the --on-error modes, the default error file, and the collector that counts,
shows and writes them; also the warning for bytes read as U+FFFD."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO

from ..io import InputError
from .files import COMPRESSIONS, _finalize, _open_partial
from .records import Stats

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


def _replaced(stats: Stats, place: str, note: str | None) -> None:
    """Count a record (or file) with bytes read as U+FFFD; the first few are shown."""
    if note:
        stats.replaced += 1
        if stats.replaced <= _Errors.SHOWN:
            click_echo(f"korrektor: warning: {place}: {note}")
