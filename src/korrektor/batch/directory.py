"""Directories of ``.txt`` files and PDFs: :func:`run_directory` mirrors every file below the input
directory into the output directory (a PDF's corrected text as ``NAME.txt``, read as
``korrektor correct NAME.pdf`` reads it: :mod:`korrektor.formats.pdf`). Each file is written
atomically, so ``--resume`` simply skips the files already there (and removes the temporary
files of writes a kill cut short)."""

from __future__ import annotations

import contextlib
import json
import re
import time
from concurrent.futures import Executor
from pathlib import Path

from ..io import InputError, atomic_writer, check_writable
from ..pipeline import correct
from .errors import _Errors, _replaced, click_echo, default_error_path
from .files import check_compression
from .progress import Progress
from .records import EMPTY, ERROR, OK, Options, Stats, default_jobs, load_language_data
from .workers import local_executor, ordered_map

#: the name of :func:`korrektor.io.atomic_writer`'s temporary file for ``NAME``
#: (``tempfile.mkstemp`` with prefix ``.NAME.`` and suffix ``.tmp``)
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def _correct_file(opts: Options, item: tuple[str, str, str]) -> tuple:
    """Correct one text file into its mirror; returns (rel, kind, message, chars, note).

    An empty or whitespace-only file is a page of the corpus like any other (a blank page of a
    scanned book), so it is mirrored, unchanged, and counted as ``EMPTY`` (the summary says so),
    where ``korrektor correct`` refuses it: one file given on purpose that holds nothing is a
    mistake, one blank page among thousands is not."""
    from ..io import read_text

    src, dst, rel = item
    notes: list[str] = []
    try:
        if _is_pdf(rel):
            from ..formats.pdf import read_pdf

            text = read_pdf(src)  # a scanned PDF is a failed file, whose message names korrektor ocr
        else:
            text = read_text(src, allow_empty=True, errors=opts.errors, on_replace=notes.append)
    except InputError as e:
        return (rel, ERROR, str(e).removeprefix(f"{src}: "), None, None)
    note = notes[0].removeprefix(f"{src}: ") if notes else None
    try:
        if not text.strip():
            _write_mirror(dst, text, [], opts.with_edits)
            return (rel, EMPTY, None, len(text), note)
        result = correct(text, opts.config)
        _write_mirror(dst, result.text, result.edits, opts.with_edits)
    except Exception as e:
        return (rel, ERROR, f"internal error: {type(e).__name__}: {e}", None, None)
    return (rel, OK, None, len(text), note)


def _is_pdf(rel: str) -> bool:
    return rel.lower().endswith(".pdf")


def _mirror(rel: str) -> str:
    """The output file of the input file ``rel``: the same path, a PDF's with ``.txt``."""
    return rel[:-4] + ".txt" if _is_pdf(rel) else rel


def _write_mirror(dst: str, text: str, edits: list, with_edits: bool) -> None:
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(dst) as f:
        f.write(text)
    if with_edits:
        with atomic_writer(Path(dst).with_suffix(".edits.json")) as f:
            json.dump([e.to_dict() for e in edits], f, ensure_ascii=False)


def process_files(opts: Options, chunk: list) -> list[tuple]:
    load_language_data(opts.config)
    return [_correct_file(opts, item) for item in chunk]


def run_directory(indir: str, outdir: str, opts: Options, *, jobs: int | None = None,
                  on_error: str = "file", error_path: str | None = None, resume: bool = False,
                  progress: bool | None = None, executor: Executor | None = None) -> Stats:
    """Correct every ``*.txt`` and ``*.pdf`` below ``indir`` into the same relative path below
    ``outdir`` (a PDF's text into ``NAME.txt``).

    Each output file is written atomically, so ``resume`` simply skips files already there."""
    jobs = jobs or default_jobs()
    src_root, dst_root = Path(indir), Path(outdir)
    _check_directories(src_root, dst_root, indir, outdir)
    if on_error == "file" and error_path is None:
        error_path = str(default_error_path(dst_root))
    if on_error == "file":
        check_compression(error_path, "write")
        check_writable(error_path)
    errors = _Errors(on_error, Path(error_path) if on_error == "file" else None, indir)
    stats = Stats()
    start = time.monotonic()
    files = sorted(p.relative_to(src_root).as_posix() for p in src_root.rglob("*")
                   if p.is_file() and (p.suffix == ".txt" or p.suffix.lower() == ".pdf"))
    if not files:
        raise InputError(f"{indir}: no .txt or .pdf files in the directory")
    _check_mirrors(indir, files)
    if resume:
        _remove_temporaries(dst_root, [_mirror(rel) for rel in files])
    todo = [(str(src_root / rel), str(dst_root / _mirror(rel)), rel) for rel in files
            if not (resume and (dst_root / _mirror(rel)).exists())]
    stats.resumed_at = len(files) - len(todo)
    if resume and _nothing_left(outdir, len(files), todo, stats):
        return stats
    bar = Progress(progress, len(files), unit="files")
    errors.open(None)
    finished = False
    try:
        chunks = (todo[i:i + 4] for i in range(0, len(todo), 4))
        with (contextlib.nullcontext(executor) if executor is not None
              else local_executor(jobs, opts.config)) as ex:
            for results in ordered_map(process_files, opts, chunks, ex, 4 * jobs):
                _count(results, src_root, errors, stats)
                done = stats.records + stats.empty + stats.errors
                bar.update(done, stats.chars, stats.resumed_at + done)
        finished = True
    finally:
        bar.close()
        stats.error_file = errors.close(finished)
    stats.seconds = time.monotonic() - start
    return stats


def _check_mirrors(indir: str, files: list[str]) -> None:
    """Refuse two input files with one output file (``a.txt`` and ``a.pdf``) before any work."""
    seen: dict[str, str] = {}
    for rel in files:
        other = seen.setdefault(_mirror(rel), rel)
        if other != rel:
            raise InputError(f"{indir}: {other} and {rel} would both be corrected into {_mirror(rel)}; "
                             "rename one of them")


def _check_directories(src_root: Path, dst_root: Path, indir: str, outdir: str) -> None:
    if not src_root.is_dir():
        raise InputError(f"{indir}: not a directory")
    if dst_root.resolve() == src_root.resolve() or src_root.resolve() in dst_root.resolve().parents:
        raise InputError(f"{outdir}: the output directory must not be the input directory or inside it")
    _prepare_output_dir(dst_root)


def _nothing_left(outdir: str, total: int, todo: list, stats: Stats) -> bool:
    """Say what --resume found; True when every file is already there."""
    if not todo:
        click_echo(f"korrektor: {outdir}: already complete (all {total} files are there), "
                   "nothing to resume")
        stats.already_complete = True
        return True
    click_echo(f"korrektor: {outdir}: resuming: {stats.resumed_at} of {total} file(s) already there"
               if stats.resumed_at else f"korrektor: {outdir}: nothing to resume, starting from the beginning")
    return False


def _count(results: list[tuple], src_root: Path, errors: _Errors, stats: Stats) -> None:
    """Count one chunk's files; a failed one goes to the error collector."""
    for rel, kind, message, chars, note in results:
        if kind in (OK, EMPTY):
            if kind == OK:
                stats.records += 1
            else:
                stats.empty += 1
            stats.chars += chars
            _replaced(stats, str(src_root / rel), note)
        else:
            errors.add(str(src_root / rel), None, message, None)
            stats.errors = errors.count


def _remove_temporaries(dst_root: Path, files: list[str]) -> None:
    """Remove the temporary files that workers killed mid-write (kill -9, the OOM killer, a
    SIGTERM to the pool) left beside the mirrors: ``.NAME.XXXXXXXX.tmp``. Only those of the
    files this run writes (the mirror and its ``.edits.json``) go; anything else is the user's."""
    mine = set()
    for rel in files:
        mirror = dst_root / rel
        mine.update((mirror, mirror.with_suffix(".edits.json")))
    for path in dst_root.rglob(".*.tmp"):
        match = _TEMPORARY.fullmatch(path.name)
        if match and path.parent / match["name"] in mine and path.is_file():
            path.unlink(missing_ok=True)



def _prepare_output_dir(dst_root: Path) -> None:
    """Create the output directory and make sure files can be written in it, before any work;
    a place that cannot be written is the user's to fix (an :class:`InputError`, exit 2)."""
    if dst_root.exists() and not dst_root.is_dir():
        raise InputError(f"{dst_root}: exists and is not a directory")
    try:
        dst_root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"{dst_root}: cannot create the output directory: {e.strerror or e}") from None
    check_writable(dst_root / ".korrektor-check")
