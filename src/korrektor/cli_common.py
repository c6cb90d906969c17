"""What the commands of the ``korrektor`` CLI share: the options that build a :class:`Config`,
reading an input as plain text or as an hOCR/ALTO/PAGE document, and the notes on standard error.

Its own module, so that the command modules of each area (``cli_batch``, ``cli_formats``,
``cli_service``) and ``cli`` itself can import it without importing each other.
"""

from __future__ import annotations

import select
import shlex
import sys
from dataclasses import dataclass
from typing import Optional

import click

from .config import Config
from .exitcodes import stop_requested
from .formats import decode, detect
from .io import ERRORS, InputError, read_bytes, read_text
from .pipeline import Result, join_results
from .pipeline import correct as correct_text

__all__ = ["config_options", "config_from_options", "errors_option", "input_format_option", "INPUT_FORMATS",
           "warn", "note", "note_unapplied", "document_format", "correct_xml_file", "correct_pdf_file", "Corrected",
           "correct_input"]

#: ``--input-format``: plain text, one of the XML formats, a PDF's text layer, or detect it from
#: the file's head (a PDF also from its name)
INPUT_FORMATS = ("auto", "text", "hocr", "alto", "page", "pdf")


#: ``--errors``: how the commands that read text decode bytes that are not UTF-8 (see korrektor.io)
errors_option = click.option(
    "--errors", type=click.Choice(ERRORS), default="strict", show_default=True,
    help="Bytes that are not UTF-8: stop with the offset (strict), or read them as U+FFFD and warn (replace).")


def input_format_option(help: str):
    """``--input-format`` (auto, text, hocr, alto, page), with the command's own ``help``."""
    return click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
                        help=help)


def warn(message: str) -> None:
    """A warning on standard error (e.g. about bytes read as U+FFFD)."""
    click.echo(f"korrektor: warning: {message}", err=True)


def note(message: str) -> None:
    """A note on standard error: something the user may want to know, no problem."""
    click.echo(f"korrektor: {message}", err=True)


def note_unapplied(doubts: int, config: Config, file: str) -> None:
    """Say that word corrections were found but not applied (``--suggest``, or below
    ``--min-confidence``), and where to see them: without the note, ``correct --suggest`` prints
    the text unchanged and looks as if it had found nothing."""
    if not doubts:
        return
    why = ("suggested, not applied (--suggest)" if config.suggest
           else f"not applied: below --min-confidence {config.min_confidence:g}")
    command = ["korrektor", "explain", "FILE" if file == "-" else file]  # standard input is gone by now
    if config.suggest:
        command.append("--suggest")
    if config.min_confidence != Config.min_confidence:
        command += ["--min-confidence", f"{config.min_confidence:g}"]
    for name in sorted(config.skip_rules):
        command += ["--skip-rule", name]
    note(f"{doubts} word correction(s) {why}; see them with: {shlex.join(command)} (or correct --format json)")


def config_options(f):
    """The options every correcting command shares; they build a :class:`Config`."""
    options = [
        click.option("--keep-lines", is_flag=True, help="Keep the input's line breaks."),
        click.option("--no-layout", is_flag=True, help="Do not join lines or repair hyphenation."),
        click.option("--no-typography", is_flag=True, help="Do not restore quotes and dashes."),
        click.option("--no-words", is_flag=True, help="Do not correct words."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=Config.min_confidence,
                     show_default=True,
                     help="Report, but do not apply, word corrections below this. Confidences are shown cut "
                          "to two decimals, never rounded up, so an edit shown as 0.99 is applied with "
                          "--min-confidence 0.99 (a shown 1.00 is a sure 1)."),
        click.option("--suggest", is_flag=True, help="Report word corrections, do not apply them."),
        click.option("--skip-rule", "skip_rule", multiple=True, metavar="NAME", callback=_check_rule_names,
                     help="Switch a rule off (repeatable): its edits are not made. The rules are listed "
                          "in docs/rules.md."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _check_rule_names(ctx, param, names: tuple[str, ...]) -> tuple[str, ...]:
    """``--skip-rule``: an unknown name is a usage error (exit 2) that lists the known ones."""
    if names:
        from .rules import check_rule_names

        try:
            check_rule_names(names)
        except ValueError as e:
            raise click.BadParameter(str(e), ctx=ctx, param=param) from None
    return names


def config_from_options(keep_lines, no_layout, no_typography, no_words, min_confidence, suggest, skip_rule=(),
                        **_) -> Config:
    return Config(layout=not no_layout, keep_lines=keep_lines, typography=not no_typography,
                  words=not no_words, min_confidence=min_confidence, suggest=suggest,
                  skip_rules=frozenset(skip_rule))


def _wait_for_input(stream, poll_seconds: float = 0.25) -> None:
    """Wait until ``stream`` has input (or its end), ending the wait when a signal asked to stop
    even if its exception was lost (see :data:`korrektor.exitcodes.STOPS`)."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a file (a test's stand-in): nothing to wait for
    while not select.select([fd], [], [], poll_seconds)[0]:
        stop_requested()


def _sniff(path: str) -> Optional[str]:
    """The XML format of ``path`` from its first bytes, or ``"pdf"`` (standard input is peeked,
    not consumed)."""
    try:
        if path == "-":
            _wait_for_input(sys.stdin)
            head = sys.stdin.buffer.peek(65536)[:65536] if hasattr(sys.stdin.buffer, "peek") else b""
        else:
            with open(path, "rb") as f:
                head = f.read(65536)
    except OSError:
        return None  # the plain-text path reports it
    if head.lstrip()[:5] == b"%PDF-" or path.lower().endswith(".pdf"):
        return "pdf"  # (a .pdf that is none: the PDF reader says what it is not)
    try:
        text = decode(head, path)
    except (InputError, UnicodeDecodeError):
        text = head.decode("utf-8", errors="replace")
    return detect(text)


def document_format(file: str, input_format: str) -> Optional[str]:
    """The format ``file`` is read as (an XML format or ``"pdf"``): the one given, or the one
    detected from its head (``auto``); None: it is plain text."""
    if input_format == "text":
        return None
    return _sniff(file) if input_format == "auto" else input_format


def correct_xml_file(file: str, fmt: str, config: Config):
    """Read and correct an hOCR/ALTO/PAGE file (``-``: standard input); return the corrected
    bytes and the :class:`korrektor.formats.DocumentResult`."""
    from .formats import correct_bytes
    from .formats._xml import MAX_BYTES

    name = "<stdin>" if file == "-" else file
    data = read_bytes(file, limit=MAX_BYTES)  # XML names its encoding: --errors does not apply
    if not data.strip():
        raise InputError(f"{name}: the input is empty")
    return correct_bytes(data, fmt, config, name)


def correct_pdf_file(file: str, config: Config) -> Result:
    """Read the text layer of a PDF (``-``: standard input) in reading order, without its page
    furniture, and correct it; the result's edits refer to that extracted text (``Result.input``)."""
    from .formats.pdf import read_pdf

    return correct_text(read_pdf(file), config)


@dataclass(frozen=True)
class Corrected:
    """An input as ``explain`` and ``diff`` show it: the text korrektor corrected, page by page
    (plain text is one page; an XML document has the page texts its format module corrects)."""

    format: str  # "text", "hocr", "alto", "page" or "pdf" (one page: the text read from the PDF)
    pages: tuple[Result, ...]

    @property
    def edits(self) -> int:
        return sum(len(p.edits) for p in self.pages)

    @property
    def doubts(self) -> int:
        return sum(len(p.doubts) for p in self.pages)

    def joined(self) -> Result:
        """All pages as one result (pages separated by a blank line)."""
        return join_results(self.pages)


def correct_input(file: str, input_format: str, config: Config, errors: str) -> Corrected:
    """Correct ``file`` as ``correct`` would read it: plain text with the ``errors`` policy, an
    hOCR/ALTO/PAGE document (given or detected), whose page texts are what is corrected, or a
    PDF, whose text layer is read as text (:mod:`korrektor.formats.pdf`)."""
    fmt = document_format(file, input_format)
    if fmt is None:
        return Corrected("text", (correct_text(read_text(file, errors=errors, on_replace=warn), config),))
    if fmt == "pdf":
        return Corrected("pdf", (correct_pdf_file(file, config),))
    _, doc = correct_xml_file(file, fmt, config)
    return Corrected(doc.format, tuple(doc.page_results))
