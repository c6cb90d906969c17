"""``korrektor correct`` for hOCR/ALTO/PAGE files and PDFs, and ``korrektor ocr`` (Tesseract, then korrektor)."""

from __future__ import annotations

import json
from typing import Optional

import click

from .cli_common import INPUT_FORMATS, correct_pdf_file, correct_xml_file, document_format, note_unapplied
from .cli_common import config_from_options as _config
from .cli_common import config_options as _config_options
from .config import Config
from .io import atomic_writer, check_writable

__all__ = ["COMMANDS", "INPUT_FORMATS", "dispatch_correct", "ocr"]


def dispatch_correct(file: str, output: Optional[str], out_format: str, input_format: str,
                     config: Config) -> bool:
    """Correct ``file`` if it is hOCR/ALTO/PAGE or a PDF (given or detected); False: it is plain text."""
    fmt = document_format(file, input_format)
    if fmt is None:
        return False
    if fmt == "pdf":
        _correct_pdf(file, output, out_format, config)
        return True
    out, result = correct_xml_file(file, fmt, config)
    if out_format == "json":
        out = (json.dumps(result.to_dict() | {"document": result.text}, ensure_ascii=False) + "\n").encode("utf-8")
    _write_bytes(output, out)
    click.echo(f"{result.format}: {result.pages} page(s), {len(result.changes)} word change(s)", err=True)
    if out_format != "json":  # JSON lists the doubts itself
        note_unapplied(len(result.doubts), config, file)
    return True


def _correct_pdf(file: str, output: Optional[str], out_format: str, config: Config) -> None:
    """The corrected text of a PDF's text layer; as JSON with ``input``, the extracted text that
    the edits' offsets refer to."""
    result = correct_pdf_file(file, config)
    with atomic_writer(output) as out:
        if out_format == "json":
            out.write(json.dumps(result.to_dict(with_input=True), ensure_ascii=False) + "\n")
        else:
            out.write(result.text)
    if out_format != "json":
        note_unapplied(len(result.doubts), config, file)


def _write_bytes(output: Optional[str], data: bytes) -> None:
    """Write ``data`` as it is (the document's own encoding) to ``output`` or standard output."""
    with atomic_writer(output) as f:
        f.buffer.write(data)  # flushed with the text layer when the writer closes


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
