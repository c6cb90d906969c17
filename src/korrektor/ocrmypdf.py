"""OCRmyPDF plugin: correct Tesseract's text before OCRmyPDF renders the PDF's text layer.

    ocrmypdf --plugin korrektor.ocrmypdf -l eng in.pdf out.pdf

The plugin implements OCRmyPDF's documented ``get_ocr_engine`` hook with an engine that is
OCRmyPDF's own Tesseract engine plus one step: after Tesseract has written a page's hOCR,
korrektor corrects it in place (:mod:`korrektor.formats.hocr`: the page's text as one text for
the language model, every word on its own box, unchanged words byte for byte) and corrects the
sidecar text the same way. OCRmyPDF then renders the text layer from the corrected hOCR, so the
words stay on their boxes. Everything else (rasterising, deskew, PDF/A, optimisation, language
and Tesseract options) is OCRmyPDF's.

Options of its own (``add_options``, checked in ``check_options``), as ``korrektor correct`` has them:

    --korrektor-min-confidence X   word corrections below X (0 to 1, default 0.5) are not applied
    --korrektor-suggest            word corrections are logged, not applied
    --korrektor-keep-lines         correct line by line: no word joined across a line-end hyphen
    --korrektor-no-words           no word corrections: only quotes, dashes, hyphenation, characters

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
from .edits import format_confidence

__all__ = ["KorrektorTesseractEngine", "add_options", "check_options", "config_from_options", "correct_hocr_file",
           "get_ocr_engine"]

log = logging.getLogger(__name__)

_CONFIG = Config()

#: the plugin's own options: (flag, argparse keyword arguments). Their values reach the engine as
#: attributes of OCRmyPDF's options (``options.korrektor_min_confidence``), also in its worker processes.
_OPTIONS = (
    ("--korrektor-min-confidence", dict(type=float, default=None, metavar="X",
                                        help="Word corrections below this confidence (0 to 1) are not applied "
                                             f"but logged (default {Config.min_confidence}).")),
    ("--korrektor-suggest", dict(action="store_true",
                                 help="Apply no word correction: log each one with its confidence. Quotes, "
                                      "dashes, hyphenation and characters are still repaired.")),
    ("--korrektor-keep-lines", dict(action="store_true",
                                    help="Correct each line on its own, as korrektor correct --keep-lines: a "
                                         "word hyphenated at a line end is not joined to be corrected as a "
                                         "whole. (The text layer and the --sidecar text keep their lines "
                                         "either way.)")),
    ("--korrektor-no-words", dict(action="store_true",
                                  help="No word corrections: only quotes, dashes, hyphenation and characters.")),
)


def _option(options, name: str, default=None):
    """A korrektor option from OCRmyPDF's options: absent when the plugin was loaded without its
    parser (OCRmyPDF's Python API given no such keyword)."""
    if options is None:
        return default
    value = getattr(options, f"korrektor_{name}", default)
    return default if value is None else value


def config_from_options(options) -> Config:
    """The correction settings the command line asked for (the defaults without options)."""
    min_confidence = _option(options, "min_confidence", Config.min_confidence)
    return Config(min_confidence=float(min_confidence), suggest=bool(_option(options, "suggest", False)),
                  keep_lines=bool(_option(options, "keep_lines", False)),
                  words=not _option(options, "no_words", False))


def _log_doubts(hocr: Path, doubts, config: Config) -> None:
    """Say which corrections were not applied: each one when the user asked for suggestions (that is
    the point of --korrektor-suggest), else only with -v (below --korrektor-min-confidence)."""
    if not doubts:
        return
    level = logging.INFO if config.suggest else logging.DEBUG
    listed = ", ".join(f"{d.before!r} → {d.after!r} ({format_confidence(d.confidence)})" for d in doubts)
    log.log(level, "korrektor: %d correction(s) not applied in %s: %s", len(doubts), hocr.name, listed)


def correct_hocr_file(hocr: Path, text: Path | None = None, config: Config | None = None) -> int:
    """Correct an hOCR file (and its sidecar text file) in place; return the number of changed words."""
    from .formats import correct_bytes
    from .pipeline import correct as correct_text

    config = config or _CONFIG
    hocr = Path(hocr)
    data = hocr.read_bytes()
    out, result = correct_bytes(data, "hocr", config, str(hocr))
    _log_doubts(hocr, result.doubts, config)
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
        n = correct_hocr_file(Path(output_hocr), Path(output_text), config_from_options(options))
        log.debug("korrektor: %d word(s) corrected in %s", n, output_hocr)

    @staticmethod
    def generate_pdf(input_file, output_pdf, output_text, options):
        raise BadArgsError("korrektor corrects Tesseract's hOCR; the sandwich renderer has none: "
                           "use the default --pdf-renderer (auto or fpdf2)")


@hookimpl
def add_options(parser):
    group = parser.add_argument_group("korrektor", "How korrektor corrects Tesseract's text "
                                                   "(with --plugin korrektor.ocrmypdf)")
    for flag, kwargs in _OPTIONS:
        group.add_argument(flag, **kwargs)


@hookimpl
def check_options(options):
    if getattr(options, "pdf_renderer", "auto") == "sandwich":
        raise BadArgsError("--plugin korrektor.ocrmypdf corrects Tesseract's hOCR and cannot work with "
                           "--pdf-renderer sandwich (Tesseract writes that PDF itself): use auto or fpdf2")
    min_confidence = _option(options, "min_confidence")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:  # NaN fails both
        raise BadArgsError(f"--korrektor-min-confidence must be between 0 and 1, not {min_confidence}")
    if _option(options, "no_words", False) and (_option(options, "suggest", False) or min_confidence is not None):
        raise BadArgsError("--korrektor-no-words turns word corrections off: --korrektor-suggest and "
                           "--korrektor-min-confidence would have nothing to do")


@hookimpl
def get_ocr_engine(options):
    if options is not None and getattr(options, "ocr_engine", "auto") not in ("auto", "tesseract"):
        return None
    return KorrektorTesseractEngine()
