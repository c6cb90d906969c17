"""``korrektor ocr``: Tesseract on page images and scanned PDFs, then korrektor."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from korrektor.cli import main
from test_formats_util import have_tesseract, render_page

pytestmark = pytest.mark.skipif(not have_tesseract("eng"), reason="tesseract with eng not installed")


@pytest.fixture(scope="module")
def image(tmp_path_factory):
    return render_page(tmp_path_factory.mktemp("img") / "page.png")


def test_ocr_image_to_text(image, tmp_path):
    r = CliRunner().invoke(main, ["ocr", str(image), "-l", "eng"])
    assert r.exit_code == 0, r.output
    for word in ["für", "nächste", "Maßnahmen", "öffentlich"]:
        assert word in r.stdout
    raw = CliRunner().invoke(main, ["ocr", str(image), "-l", "eng", "--raw"])
    assert "nachste" in raw.stdout


@pytest.mark.parametrize("fmt,marker", [("hocr", "ocrx_word"), ("alto", "<String")])
def test_ocr_to_hocr_and_alto(image, tmp_path, fmt, marker):
    pytest.importorskip("lxml")
    out = tmp_path / f"out.{fmt}"
    r = CliRunner().invoke(main, ["ocr", str(image), "-l", "eng", "--output-format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert marker in text and "nächste" in text


@pytest.mark.skipif(not (shutil.which("pdftoppm") or shutil.which("gs")), reason="no PDF rasteriser")
def test_ocr_scanned_pdf(image, tmp_path):
    from PIL import Image

    pdf = tmp_path / "scan.pdf"
    Image.open(image).convert("RGB").save(pdf, resolution=300)
    r = CliRunner().invoke(main, ["ocr", str(pdf), "-l", "eng"])
    assert r.exit_code == 0, r.output
    assert "Maßnahmen" in r.stdout


def test_ocr_errors(tmp_path):
    r = CliRunner().invoke(main, ["ocr", str(tmp_path / "missing.png")])
    assert r.exit_code == 2 and "no such file" in r.output
    junk = tmp_path / "notes.txt"
    junk.write_text("hallo", encoding="utf-8")
    r = CliRunner().invoke(main, ["ocr", str(junk)])
    assert r.exit_code == 2 and "not an image" in r.output
    r = CliRunner().invoke(main, ["ocr", str(junk), "-l", "xx_nope"])
    assert r.exit_code == 2


@pytest.fixture(scope="module")
def two_page_pdf(image, tmp_path_factory):
    """A scanned PDF of two pages, with a name that needs escaping in XML."""
    from PIL import Image

    page = Image.open(image).convert("RGB")
    pdf = tmp_path_factory.mktemp("pdf") / "scan & 'copy'.pdf"
    page.save(pdf, save_all=True, append_images=[page.copy()], resolution=300)
    return pdf


def _hocr_pages(text: str) -> list[tuple[str, str]]:
    """(image, ppageno) from the title of every ocr_page of an hOCR document."""
    from lxml import etree

    root = etree.fromstring(text.encode("utf-8"))
    titles = [el.get("title") for el in root.iter() if el.get("class") == "ocr_page"]
    return [(re.search(r'image "([^"]*)"', t)[1], re.search(r"ppageno (\d+)", t)[1]) for t in titles]


@pytest.mark.skipif(not (shutil.which("pdftoppm") or shutil.which("gs")), reason="no PDF rasteriser")
@pytest.mark.parametrize("fmt", ["hocr", "alto"])
def test_ocr_output_names_the_input_not_a_deleted_image(two_page_pdf, image, tmp_path, fmt):
    pytest.importorskip("lxml")
    out = tmp_path / f"out.{fmt}"
    r = CliRunner().invoke(main, ["ocr", str(two_page_pdf), str(image), "-l", "eng", "--output-format", fmt,
                                  "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    if fmt == "hocr":
        # each page of the PDF by the PDF and its page in it (from 0); the image file by itself
        assert _hocr_pages(text) == [(str(two_page_pdf.resolve()), "0"), (str(two_page_pdf.resolve()), "1"),
                                     (str(image.resolve()), "2")]
    else:  # ALTO has one source image for the document: the first input
        from lxml import etree

        names = [el.text for el in etree.fromstring(text.encode("utf-8")).iter("{*}fileName")]
        assert names == [str(two_page_pdf.resolve())]
