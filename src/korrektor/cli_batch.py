"""``korrektor batch`` and ``korrektor score``: corpus-scale commands over :mod:`korrektor.batch`."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from .batch import Options, Stats, parse_on_error, run_directory, run_jsonl
from .cli_common import config_from_options as _config
from .cli_common import config_options as _config_options
from .cli_common import errors_option
from .exitcodes import ExitCode, Interrupted
from .io import InputError

__all__ = ["COMMANDS", "batch", "score"]


#: what ``-o`` may be, for the help of a command that reads JSONL only and one that reads directories too
_OUTPUT_HELP = "Output JSONL (.gz/.zst/.bz2/.xz compress; - for standard output)"


def _dask_value(ctx, param, value: str | None) -> str | None:
    """Check ``--dask`` before any work: a one-line usage error (exit 2), not a hang (``local[0]``)
    or Dask's traceback (``local[x]``)."""
    if value is None:
        return None
    from .dask import check_scheduler

    try:
        return check_scheduler(value)
    except ValueError as e:
        raise click.BadParameter(str(e), ctx=ctx, param=param) from None


def _run_options(directories: bool):
    """Options shared by ``batch`` and ``score``: parallelism, resuming, errors. ``directories``:
    the command also reads a directory of text files (``-o`` is then a directory)."""
    output_help = _OUTPUT_HELP + (", or a directory when the input is one." if directories else ".")
    return lambda f: _add_run_options(f, output_help)


def _add_run_options(f, output_help: str):
    options = [
        click.option("-o", "--output", required=True, help=output_help),
        click.option("--field", default="text", show_default=True, help="The record field holding the text."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: all cores)."),
        click.option("--resume", is_flag=True,
                     help="Continue an interrupted run with the same input and options."),
        click.option("--on-error", default="file", metavar="skip|fail|file:PATH",
                     help="Bad records: skip them, stop the run, or write them to PATH "
                          "(default: OUT.errors.jsonl beside the output)."),
        click.option("--dask", "dask_scheduler", default=None, metavar="SCHEDULER", callback=_dask_value,
                     help="Run on a Dask cluster: a scheduler address (tcp://host:8786) "
                          "or local[N] for a local cluster of N workers."),
        click.option("--progress/--no-progress", default=None,
                     help="Show a progress line (default: only on a terminal)."),
        errors_option,
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _on_error(value: str) -> tuple[str, str | None]:
    try:
        return parse_on_error(value)
    except InputError as e:
        raise click.BadParameter(str(e).split(": ", 1)[1], param_hint="--on-error") from None


@contextlib.contextmanager
def _executor(scheduler: str | None, jobs: int | None):
    """A Dask client's executor for ``--dask``, else ``None`` (local worker processes)."""
    if scheduler is None:
        yield None
        return
    from .dask import client_for

    with client_for(scheduler, jobs) as client:
        yield client.get_executor()


def _run(infile, output, opts: Options, jobs, resume, on_error, dask_scheduler, progress) -> Stats:
    mode, error_path = _on_error(on_error)
    with _resume_hint(output), _executor(dask_scheduler, jobs) as executor:
        if infile != "-" and Path(infile).is_dir():
            if output == "-":
                raise InputError(f"{infile}: a directory input needs an output directory (-o DIR)")
            return run_directory(infile, output, opts, jobs=jobs, on_error=mode, error_path=error_path,
                                 resume=resume, progress=progress, executor=executor)
        return run_jsonl(infile, output, opts, jobs=jobs, on_error=mode, error_path=error_path,
                         resume=resume, progress=progress, executor=executor)


@contextlib.contextmanager
def _resume_hint(output: str):
    """Ctrl-C (130) and SIGTERM (143) end the run with a line that says how to go on: the batch
    run checkpointed what it finished, so the same command with --resume continues it. Standard
    output cannot be resumed; there the line only says what happened."""
    try:
        yield
    except KeyboardInterrupt:
        raise Interrupted(_with_hint("interrupted", output), ExitCode.INTERRUPTED) from None
    except Interrupted as e:
        raise Interrupted(_with_hint(str(e), output), e.code) from None


def _with_hint(message: str, output: str) -> str:
    if str(output) == "-":
        return message
    return f"{message}; run the same command with --resume to continue"


def _report(stats: Stats, verbose: bool) -> None:
    """Errors, drops and empty files are always worth a line on stderr; the rest only on a
    terminal."""
    if stats.errors:
        where = f", written to {stats.error_file}" if stats.error_file else ""
        click.echo(f"korrektor: {stats.errors} bad record(s){where}", err=True)
    if stats.replaced:
        click.echo(f"korrektor: warning: {stats.replaced} record(s) with undecodable bytes, read as U+FFFD",
                   err=True)
    if stats.empty:
        click.echo(f"korrektor: {stats.empty} empty file(s) copied unchanged", err=True)
    if verbose or stats.dropped:
        rate = stats.chars / stats.seconds / 1000 if stats.seconds else 0.0
        click.echo(f"korrektor: {stats.records} done, {stats.dropped} dropped, {stats.errors} bad, "
                   f"{stats.seconds:.1f} s, {rate:.1f}k chars/s", err=True)


def _finish(stats: Stats, progress: bool | None) -> None:
    """Report, then end with 1 (ExitCode.FAILED) if any record or file failed: the output and the
    error file are written, but a script must not take the run for a clean one."""
    _report(stats, bool(progress) or (progress is None and _stderr_tty()))
    if stats.failed:
        click.get_current_context().exit(ExitCode.FAILED)


@click.command()
@click.argument("infile")
@_run_options(directories=True)
@click.option("--with-edits", is_flag=True, help="Add the edit log to each record as 'edits'.")
@click.option("--min-quality", type=click.FloatRange(0, 1), default=None,
              help="Flag or drop documents whose estimated quality after correction "
                   "(1 - estimated character error rate) is below this.")
@click.option("--low-quality", type=click.Choice(["flag", "drop"]), default="flag", show_default=True,
              help="With --min-quality: add 'quality' with ok=false, or leave the document out.")
@_config_options
def batch(infile, output, field, jobs, resume, on_error, dask_scheduler, progress, errors, with_edits,
          min_quality, low_quality, **opts):
    """Correct the FIELD of every record of a JSONL file (.gz/.zst/.bz2/.xz too; - for standard
    input), or every .txt file and PDF of a directory into a mirrored output directory (a PDF: its text
    layer, as correct reads it, into NAME.txt).

    Records keep their order and their other fields. A bad record is reported with its line
    number and does not stop the run (the exit status is then 1); an interrupted run continues
    with --resume and gives exactly the output of an uninterrupted one.
    """
    options = Options(config=_config(**opts), field=field, with_edits=with_edits,
                      min_quality=min_quality, low_quality=low_quality, source=_source(infile), errors=errors)
    stats = _run(infile, output, options, jobs, resume, on_error, dask_scheduler, progress)
    _finish(stats, progress)


@click.command()
@click.argument("infile")
@_run_options(directories=False)
@_config_options
def score(infile, output, field, jobs, resume, on_error, dask_scheduler, progress, errors, **opts):
    """Add an estimated OCR error rate to every record of a JSONL file: ``quality`` holds
    ``cer_before`` (the text as it is), ``cer_after`` (after korrektor's correction) and
    ``quality_after`` (1 - cer_after). The text itself is left unchanged."""
    options = Options(config=_config(**opts), field=field, score_only=True, source=_source(infile), errors=errors)
    if infile != "-" and Path(infile).is_dir():
        raise InputError(f"{infile}: score reads JSONL, not a directory")
    stats = _run(infile, output, options, jobs, resume, on_error, dask_scheduler, progress)
    _finish(stats, progress)


def _source(infile: str) -> str:
    return "<stdin>" if infile == "-" else os.fspath(infile)


def _stderr_tty() -> bool:
    return sys.stderr.isatty()


COMMANDS = [batch, score]
