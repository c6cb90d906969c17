"""Running Tesseract: page images (or the pages of a scanned PDF) to text, hOCR or ALTO.

Tesseract is an external program (Debian: ``tesseract-ocr`` with ``tesseract-ocr-deu``). A PDF is
rasterised first, with ``pdftoppm`` (poppler-utils) or else Ghostscript, at 300 dpi.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path
from typing import Sequence

from .io import InputError

__all__ = ["tesseract_available", "languages", "run_tesseract", "pdf_to_images", "ocr_files", "OUTPUTS"]

OUTPUTS = {"text": ("txt", ".txt"), "hocr": ("hocr", ".hocr"), "alto": ("alto", ".xml")}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".pnm", ".pbm", ".pgm",
                  ".ppm", ".webp", ".jp2"}


def _tesseract() -> str:
    exe = shutil.which("tesseract")
    if not exe:
        raise InputError("tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-deu)")
    return exe


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def languages() -> set[str]:
    out = subprocess.run([_tesseract(), "--list-langs"], capture_output=True, text=True, check=False)
    return {ln.strip() for ln in out.stdout.splitlines()[1:] if ln.strip()}


def _check_lang(lang: str) -> None:
    have = languages()
    missing = [part for part in lang.split("+") if part not in have]
    if missing:
        raise InputError(f"tesseract has no language data for {', '.join(missing)} "
                         f"(installed: {', '.join(sorted(have)) or 'none'}; "
                         f"Debian: apt-get install tesseract-ocr-{missing[0]})")


def run_tesseract(images: Sequence[Path], lang: str = "deu", output: str = "text",
                  psm: int | None = None, timeout: float = 600) -> str:
    """OCR ``images`` (one multi-page result) and return the text, hOCR or ALTO as a string."""
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {', '.join(OUTPUTS)}")
    exe = _tesseract()
    _check_lang(lang)
    config, suffix = OUTPUTS[output]
    with tempfile.TemporaryDirectory(prefix="korrektor-ocr-") as tmp:
        if len(images) == 1:
            source = str(images[0])
        else:
            listing = Path(tmp, "pages.txt")
            listing.write_text("".join(f"{p}\n" for p in images), encoding="utf-8")
            source = str(listing)
        base = Path(tmp, "out")
        cmd = [exe, source, str(base), "-l", lang]
        if psm is not None:
            cmd += ["--psm", str(psm)]
        cmd.append(config)
        env = dict(os.environ, OMP_THREAD_LIMIT=os.environ.get("OMP_THREAD_LIMIT", "1"))
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(f"tesseract took longer than {timeout:.0f} s") from None
        result = base.with_suffix(suffix)
        if proc.returncode != 0 or not result.exists():
            msg = (proc.stderr or "").strip().splitlines()
            raise InputError(f"tesseract failed on {images[0]}: {msg[-1] if msg else f'exit {proc.returncode}'}")
        return result.read_text(encoding="utf-8")


def pdf_to_images(pdf: Path, directory: Path, dpi: int = 300) -> list[Path]:
    """Rasterise every page of ``pdf`` into ``directory``; return the images in page order."""
    if shutil.which("pdftoppm"):
        cmd = ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(directory / "page")]
    elif shutil.which("gs"):
        cmd = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m", f"-r{dpi}",
               f"-sOutputFile={directory / 'page-%04d.png'}", str(pdf)]
    else:
        raise InputError("reading a PDF needs pdftoppm (poppler-utils) or Ghostscript (gs)")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    pages = sorted(directory.glob("page*.png"))
    if proc.returncode != 0 or not pages:
        raise InputError(f"{pdf}: cannot rasterise the PDF: {(proc.stderr or '').strip()[-300:]}")
    return pages


def ocr_files(paths: Sequence[str], lang: str = "deu", output: str = "text", psm: int | None = None) -> str:
    """OCR image files and PDFs (in the order given) into one text/hOCR/ALTO result.

    The image a page names (hOCR ``image`` and ``ppageno``, ALTO ``fileName``) is an input file:
    for a page of a PDF the PDF and the page's number in it (from 0, as hOCR counts), never the
    temporary image Tesseract read, which is gone when this returns."""
    with tempfile.TemporaryDirectory(prefix="korrektor-pdf-") as tmp:
        images: list[Path] = []
        sources: dict[str, tuple[Path, int]] = {}  # a rasterised page: its PDF and page number
        for i, name in enumerate(paths):
            p = Path(name)
            if not p.exists():
                raise InputError(f"{name}: no such file")
            if p.is_dir():
                raise InputError(f"{name}: is a directory, not a file")
            with open(p, "rb") as f:
                head = f.read(5)
            if head == b"%PDF-":
                d = Path(tmp, f"doc{i}")
                d.mkdir()
                pages = pdf_to_images(p, d)
                sources.update({str(page): (p.resolve(), n) for n, page in enumerate(pages)})
                images += pages
            elif p.suffix.lower() in IMAGE_SUFFIXES or head[:4] in (b"\x89PNG", b"II*\x00", b"MM\x00*") \
                    or head[:2] == b"\xff\xd8":
                images.append(p.resolve())
            else:
                raise InputError(f"{name}: not an image or a PDF")
        result = run_tesseract(images, lang=lang, output=output, psm=psm)
        return _name_sources(result, output, sources)


#: the title of an hOCR page as Tesseract writes it: image "…"; bbox …; ppageno N; …
_HOCR_PAGE_IMAGE = re.compile(r"""(?P<head>class=(?P<q>['"])ocr_page(?P=q)[^>]*?title=['"]image ")"""
                              r"""(?P<image>[^"]*)(?P<rest>"[^>]*?ppageno )(?P<page>\d+)""")
_ALTO_FILE_NAME = re.compile(r"(<fileName>)([^<]*)(</fileName>)")


def _name_sources(result: str, output: str, sources: dict[str, tuple[Path, int]]) -> str:
    """Tesseract's hOCR or ALTO with every rasterised PDF page named by its PDF (see
    :func:`ocr_files`); text names no files."""
    if not sources or output == "text":
        return result
    by_image = {escape(image): (escape(str(pdf)), page) for image, (pdf, page) in sources.items()}

    def hocr_page(m: re.Match) -> str:
        if m["image"] not in by_image:  # an image file the user gave: it exists
            return m[0]
        pdf, page = by_image[m["image"]]
        return f"{m['head']}{pdf}{m['rest']}{page}"

    def alto_file(m: re.Match) -> str:
        pdf = by_image.get(m[2])
        return f"{m[1]}{pdf[0]}{m[3]}" if pdf else m[0]

    if output == "hocr":
        return _HOCR_PAGE_IMAGE.sub(hocr_page, result)
    return _ALTO_FILE_NAME.sub(alto_file, result, count=1)
