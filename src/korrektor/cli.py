"""The ``korrektor`` command: a thin layer over the library API."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections import defaultdict

import click

from . import __version__
from .cli_common import config_from_options as _config
from .cli_common import config_options as _config_options
from .cli_common import correct_input, errors_option, input_format_option, note_unapplied, warn
from .edits import Edit, format_confidence, line_finder
from .exitcodes import STOPS, ExitCode, Interrupted
from .evaluate import format_table, pages_worse, score_page, summarize
from .io import STDOUT, InputError, atomic_writer, check_writable, iter_jsonl, read_text, text_field
from .pipeline import Result
from .pipeline import correct as correct_text


class _Group(click.Group):
    """Every command ends with a status from :class:`ExitCode` (docs/exit-codes.md): bad input is
    a one-line message and 2, a failure of the machine (a full disk while writing) a one-line
    message that names the file and 1, Ctrl-C 130 and SIGTERM 143, each with a line that says so."""

    def invoke(self, ctx):
        STOPS.clear()
        previous = _on_signals(_terminate, _interrupt)
        try:
            done = super().invoke(ctx)
            if STOPS:  # the signal's exception was lost on the way (see exitcodes.STOPS)
                raise STOPS[-1]
            return done
        except InputError as e:
            click.echo(f"korrektor: error: {e}", err=True)
            ctx.exit(ExitCode.USAGE)
        except (KeyboardInterrupt, Interrupted) as e:
            _stopped(ctx, e)
        except BrokenPipeError:  # the reader went away (korrektor … | head): nothing to report
            _silence_stdout()
            sys.stderr.close()
            ctx.exit(ExitCode.FAILED)
        except OSError as e:
            if e.filename == STDOUT:
                _silence_stdout()
            where = f"{e.filename}: " if e.filename else ""
            click.echo(f"korrektor: error: {where}{e.strerror or e}", err=True)
            ctx.exit(ExitCode.FAILED)
        except Exception as e:
            # a signal that strikes while a module is imported comes wrapped: Python reports an
            # exception raised in a class's creation as a RuntimeError caused by it
            stop = _signal_behind(e)
            if stop is None:
                raise
            _stopped(ctx, stop)
        finally:
            _on_signals(*previous)


def _stopped(ctx, e: BaseException):
    """End with 130 (Ctrl-C) or the status an :class:`Interrupted` carries, and a line that says so."""
    if isinstance(e, Interrupted):
        click.echo(f"\nkorrektor: {e}", err=True)
        ctx.exit(e.code)
    click.echo("\nkorrektor: interrupted", err=True)
    ctx.exit(ExitCode.INTERRUPTED)


def _signal_behind(e: BaseException) -> BaseException | None:
    """The Ctrl-C or SIGTERM among the causes of ``e``, if a signal is what went wrong."""
    seen = set()
    while e is not None and id(e) not in seen:
        if isinstance(e, (KeyboardInterrupt, Interrupted)):
            return e
        seen.add(id(e))
        e = e.__cause__ or e.__context__
    return None


def _terminate(signum, frame):
    STOPS.append(Interrupted("terminated", ExitCode.TERMINATED))
    raise STOPS[-1]


def _interrupt(signum, frame):
    STOPS.append(KeyboardInterrupt())
    raise STOPS[-1]


def _on_signals(on_sigterm, on_sigint):
    """Install the handlers for SIGTERM and SIGINT and return the ones before (None where signals
    cannot be set: outside the main thread, e.g. a test runner's worker thread)."""
    if on_sigterm is None or threading.current_thread() is not threading.main_thread():
        return None, None
    before_sigint = signal.getsignal(signal.SIGINT)
    if before_sigint is signal.default_int_handler or before_sigint is _interrupt:
        signal.signal(signal.SIGINT, on_sigint)  # (a Ctrl-C the shell ignores stays ignored)
    return signal.signal(signal.SIGTERM, on_sigterm), before_sigint


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's own flush at exit does not fail
    a second time on the same broken or full output."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
        pass


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="korrektor")
def main():
    """Restore German text damaged by OCR and PDF extraction."""


@main.command()
@click.argument("file", default="-")
@click.option("-o", "--output", default=None, help="Write here (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@input_format_option("hOCR, ALTO and PAGE XML are corrected in place; a PDF's text layer is read as text "
                     "(detected by default).")
@errors_option
@_config_options
def correct(file, output, fmt, input_format, errors, **opts):
    """Correct FILE (or standard input) and print the corrected text.

    A PDF is read from its text layer: columns in reading order, without running headers, footers
    and page numbers; the corrected text is printed, and the edits (--format json, explain) refer
    to the text read from the PDF (JSON: "input"). A scanned PDF has no text: korrektor ocr reads
    it."""
    from .cli_formats import dispatch_correct

    config = _config(**opts)
    check_writable(output)
    if dispatch_correct(file, output, fmt, input_format, config):
        return
    result = correct_text(read_text(file, errors=errors, on_replace=warn), config)
    with atomic_writer(output) as out:
        if fmt == "json":
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        else:
            out.write(result.text)
    if fmt != "json":  # JSON lists the doubts itself
        note_unapplied(len(result.doubts), config, file)


@main.command()
@click.argument("file", default="-")
@input_format_option("hOCR, ALTO and PAGE XML: explain the edits of each page's text, as correct "
                     "makes them; a PDF: of the text read from it (detected by default).")
@errors_option
@_config_options
def explain(file, input_format, errors, **opts):
    """Correct FILE and list every edit: where (line:offset), what, why and how sure.

    For hOCR, ALTO and PAGE XML, the edits of each page's text (its words joined by spaces, its
    lines by line breaks), under a line that names the page. For a PDF, the edits of the text
    read from its text layer (as correct reads it; line:offset count in that text)."""
    doc = correct_input(file, input_format, _config(**opts), errors)
    for pno, result in enumerate(doc.pages, 1):
        if doc.format not in ("text", "pdf") and (result.edits or result.doubts):
            click.echo(f"page {pno}")
        _explain_page(result)
    where = {"text": "", "pdf": " in the text read from the PDF"}.get(
        doc.format, f" on {len(doc.pages)} page(s) ({doc.format})")
    click.echo(f"{doc.edits} edits, {doc.doubts} doubts{where}", err=True)


def _explain_page(result: Result) -> None:
    line_of = line_finder(result.input)
    for e in result.edits:
        alts = f"  (or: {', '.join(map(repr, e.alternatives))})" if e.alternatives else ""
        click.echo(f"{_where(e, line_of)} {e.kind:<12} {e.before!r} → {e.after!r}  "
                   f"[{e.rule}, {format_confidence(e.confidence)}]{alts}")
    for e in result.doubts:
        click.echo(f"{_where(e, line_of)} {'doubt':<12} {e.before!r} → {e.after!r}?  "
                   f"[{e.rule}, {format_confidence(e.confidence)}] not applied")


def _where(e: Edit, line_of) -> str:
    return f"{line_of(e.start):>5}:{e.start:<7}"


@main.command(name="eval")
@click.argument("pairs", nargs=-1, required=True)
@click.option("--hyp", default=None, help="Score this field as the correction (default: run korrektor on the OCR).")
@click.option("--ocr-field", default="ocr", show_default=True)
@click.option("--gt-field", default="gt", show_default=True)
@click.option("--by", default="lang", show_default=True, help="Group by these fields (comma-separated, dotted paths).")
@click.option("--json", "json_out", default=None, help="Also write the summaries as JSON here.")
@errors_option
@_config_options
def evaluate(pairs, hyp, ocr_field, gt_field, by, json_out, errors, **opts):
    """Score OCR and its correction against ground truth: CER, WER, error categories, pages made worse."""
    config = _config(**opts)
    check_writable(json_out)
    keys = [k for k in by.split(",") if k]
    raw, fixed = defaultdict(list), defaultdict(list)
    for path in pairs:
        name = "<stdin>" if path == "-" else path  # as iter_jsonl names it
        for lineno, rec in iter_jsonl(path, errors, warn):
            for f in (ocr_field, gt_field) + ((hyp,) if hyp else ()):
                try:
                    text_field(rec, f)
                except InputError as e:  # text_field's message names no place
                    raise InputError(f"{name}, line {lineno}: {e}") from None
            group = "/".join(str(_get(rec, k)) for k in keys) or "all"
            hypothesis = rec[hyp] if hyp else correct_text(rec[ocr_field], config).text
            for g in (group, "ALL") if keys else ("all",):
                raw[g].append(score_page(rec[gt_field], rec[ocr_field]))
                fixed[g].append(score_page(rec[gt_field], hypothesis))
    name = hyp or "korrektor"
    order = sorted(k for k in raw if k != "ALL") + (["ALL"] if "ALL" in raw else [])
    groups = {g: {"ocr": summarize(raw[g]), name: summarize(fixed[g])} for g in order}
    worse = {g: pages_worse(raw[g], fixed[g]) for g in order}
    click.echo(format_table(groups, worse))
    if json_out:
        with atomic_writer(json_out) as out:
            json.dump({g: {s: v.to_dict() for s, v in d.items()} | {"pages_worse": worse[g]}
                       for g, d in groups.items()}, out, indent=1, ensure_ascii=False)


def _get(record: dict, path: str):
    for key in path.split("."):
        record = record.get(key) if isinstance(record, dict) else None
    return record


def _register_extensions() -> None:
    """Commands that live in their own modules (each area owns its module): a module
    ``korrektor.cli_<area>`` exposes ``COMMANDS``, a list of click commands."""
    import importlib

    for area in ("batch", "formats", "service"):
        try:
            module = importlib.import_module(f"korrektor.cli_{area}")
        except ModuleNotFoundError as e:
            if e.name != f"korrektor.cli_{area}":
                raise
            continue
        for command in module.COMMANDS:
            main.add_command(command)


_register_extensions()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
