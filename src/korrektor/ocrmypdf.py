"""OCRmyPDF plugin: correct Tesseract's text before OCRmyPDF renders the PDF's text layer.

    ocrmypdf --plugin korrektor.ocrmypdf -l eng in.pdf out.pdf

The plugin implements OCRmyPDF's documented ``get_ocr_engine`` hook with an engine that is
OCRmyPDF's own Tesseract engine plus one step: after Tesseract has written a page's hOCR,
korrektor corrects it in place (:mod:`korrektor.formats.hocr`: the page's text as one text for
the language model, every word on its own box, unchanged words byte for byte) and corrects the
sidecar text the same way. OCRmyPDF then renders the text layer from the corrected hOCR, so the
words stay on their boxes. Everything else (rasterising, deskew, PDF/A, optimisation, language
and Tesseract options) is OCRmyPDF's.

The ``sandwich`` renderer lets Tesseract write the PDF itself, with no hOCR to correct: with this
plugin it is refused (use the default renderer).

Requires OCRmyPDF 17 or later (``pip install 'korrektor[formats]'``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine
from ocrmypdf.exceptions import BadArgsError

from . import __version__
from .config import Config

__all__ = ["KorrektorTesseractEngine", "correct_hocr_file", "get_ocr_engine", "check_options"]

log = logging.getLogger(__name__)

_CONFIG = Config()


def correct_hocr_file(hocr: Path, text: Path | None = None, config: Config | None = None) -> int:
    """Correct an hOCR file (and its sidecar text file) in place; return the number of changed words."""
    from .formats import correct_bytes
    from .pipeline import correct as correct_text

    config = config or _CONFIG
    hocr = Path(hocr)
    data = hocr.read_bytes()
    out, result = correct_bytes(data, "hocr", config, str(hocr))
    if out != data:
        tmp = hocr.with_name(hocr.name + ".korrektor.tmp")
        tmp.write_bytes(out)
        tmp.replace(hocr)
    if text is not None and Path(text).exists():
        raw = Path(text).read_text(encoding="utf-8")
        if raw.strip():
            fixed = correct_text(raw, config.with_(keep_lines=True)).text
            if fixed != raw:
                Path(text).write_text(fixed, encoding="utf-8")
    return len(result.changes)


class KorrektorTesseractEngine(TesseractOcrEngine):
    """OCRmyPDF's Tesseract engine, with korrektor correcting each page's hOCR."""

    @staticmethod
    def creator_tag(options):
        return f"{TesseractOcrEngine.creator_tag(options)} + korrektor {__version__}"

    def __str__(self):
        return f"{TesseractOcrEngine.__str__(self)} + korrektor {__version__}"

    @staticmethod
    def generate_hocr(input_file, output_hocr, output_text, options):
        TesseractOcrEngine.generate_hocr(input_file, output_hocr, output_text, options)
        n = correct_hocr_file(Path(output_hocr), Path(output_text))
        log.debug("korrektor: %d word(s) corrected in %s", n, output_hocr)

    @staticmethod
    def generate_pdf(input_file, output_pdf, output_text, options):
        raise BadArgsError("korrektor corrects Tesseract's hOCR; the sandwich renderer has none: "
                           "use the default --pdf-renderer (auto or fpdf2)")


@hookimpl
def check_options(options):
    if getattr(options, "pdf_renderer", "auto") == "sandwich":
        raise BadArgsError("--plugin korrektor.ocrmypdf corrects Tesseract's hOCR and cannot work with "
                           "--pdf-renderer sandwich (Tesseract writes that PDF itself): use auto or fpdf2")


@hookimpl
def get_ocr_engine(options):
    if options is not None and getattr(options, "ocr_engine", "auto") not in ("auto", "tesseract"):
        return None
    return KorrektorTesseractEngine()
