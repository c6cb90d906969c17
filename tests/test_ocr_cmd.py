"""``korrektor ocr``: Tesseract on page images and scanned PDFs, then korrektor."""

from __future__ import annotations

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
