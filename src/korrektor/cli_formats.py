"""``korrektor correct`` for hOCR/ALTO/PAGE files, and ``korrektor ocr`` (Tesseract, then korrektor)."""

from __future__ import annotations

import json
import sys
from typing import Optional

import click

from .cli_common import config_from_options as _config
from .cli_common import config_options as _config_options
from .config import Config
from .io import InputError, atomic_writer, check_writable, read_bytes

__all__ = ["COMMANDS", "INPUT_FORMATS", "dispatch_correct", "ocr"]

INPUT_FORMATS = ("auto", "text", "hocr", "alto", "page")


def _sniff(path: str) -> Optional[str]:
    """The XML format of ``path`` from its first bytes (standard input is peeked, not consumed)."""
    from .formats import decode, detect

    try:
        if path == "-":
            head = sys.stdin.buffer.peek(65536)[:65536] if hasattr(sys.stdin.buffer, "peek") else b""
        else:
            with open(path, "rb") as f:
                head = f.read(65536)
    except OSError:
        return None  # the plain-text path reports it
    try:
        text = decode(head, path)
    except (InputError, UnicodeDecodeError):
        text = head.decode("utf-8", errors="replace")
    return detect(text)


def dispatch_correct(file: str, output: Optional[str], out_format: str, input_format: str,
                     config: Config) -> bool:
    """Correct ``file`` if it is hOCR/ALTO/PAGE (given or detected); False: it is plain text."""
    if input_format == "text":
        return False
    fmt = _sniff(file) if input_format == "auto" else input_format
    if fmt is None:
        return False
    from .formats import correct_file
    from .formats._xml import MAX_BYTES

    name = "<stdin>" if file == "-" else file
    data = read_bytes(file, limit=MAX_BYTES)  # XML names its encoding: --errors does not apply
    if not data.strip():
        raise InputError(f"{name}: the input is empty")
    out, result = correct_file(data, fmt, config, name)
    if output is None or output == "-":
        target = sys.stdout.buffer
        if out_format == "json":
            target.write((json.dumps(result.to_dict() | {"document": result.text}, ensure_ascii=False)
                          + "\n").encode("utf-8"))
        else:
            target.write(out)
        target.flush()
    else:
        with atomic_writer(output) as f:
            if out_format == "json":
                f.write(json.dumps(result.to_dict() | {"document": result.text}, ensure_ascii=False) + "\n")
            else:
                f.buffer.write(out) if hasattr(f, "buffer") else f.write(out.decode("utf-8"))
    click.echo(f"{result.format}: {result.pages} page(s), {len(result.changes)} word change(s)", err=True)
    return True


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-l", "--lang", default="deu", show_default=True,
              help="Tesseract language(s), e.g. deu, deu+eng, frk.")
@click.option("-o", "--output", default=None, help="Write here (default: standard output).")
@click.option("--output-format", "out_format", type=click.Choice(["text", "hocr", "alto"]), default="text",
              show_default=True, help="Corrected plain text, or hOCR/ALTO with word boxes.")
@click.option("--psm", type=click.IntRange(0, 13), default=None, help="Tesseract page segmentation mode.")
@click.option("--raw", is_flag=True, help="Print Tesseract's output without correcting it.")
@_config_options
def ocr(inputs, lang, output, out_format, psm, raw, **opts):
    """OCR page images or scanned PDFs with Tesseract, then correct the result."""
    from .ocr import ocr_files
    from .pipeline import correct as correct_text

    config = _config(**opts)
    check_writable(output)
    result = ocr_files(inputs, lang=lang, output=out_format, psm=psm)
    if not raw:
        if out_format == "text":
            pages = result.split("\f")
            result = "\f".join(correct_text(p, config).text if p.strip() else p for p in pages)
        else:
            from .formats import correct_document

            result = correct_document(result, out_format, config, inputs[0]).text
    with atomic_writer(output) as out:
        out.write(result)


COMMANDS = [ocr]
