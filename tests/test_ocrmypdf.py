"""The OCRmyPDF plugin, for real: a scanned one-page PDF of a German page we wrote, OCR'd with
Tesseract's English model (which cannot read umlauts), with and without ``--plugin korrektor.ocrmypdf``."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

pytest.importorskip("ocrmypdf")
pytest.importorskip("lxml")

from test_formats_util import have_tesseract, render_page  # noqa: E402

pytestmark = pytest.mark.skipif(not (have_tesseract("eng") and shutil.which("gs")),
                                reason="needs tesseract (eng) and ghostscript")


def pdf_text(path) -> str:
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    except ImportError:
        from pdfminer.high_level import extract_text

        return extract_text(str(path))


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    from PIL import Image

    d = tmp_path_factory.mktemp("pdf")
    image = render_page(d / "page.png")
    Image.open(image).convert("RGB").save(d / "scan.pdf", resolution=300)
    return d


def run_ocrmypdf(*args):
    return subprocess.run([sys.executable, "-m", "ocrmypdf", *args], capture_output=True, text=True, timeout=300)


def test_plugin_corrects_the_text_layer(scan):
    plain, fixed = scan / "plain.pdf", scan / "fixed.pdf"
    r = run_ocrmypdf("-l", "eng", "--output-type", "pdf", "--jobs", "1", str(scan / "scan.pdf"), str(plain))
    assert r.returncode == 0, r.stderr
    r = run_ocrmypdf("--plugin", "korrektor.ocrmypdf", "-l", "eng", "--output-type", "pdf", "--jobs", "1",
                     "--sidecar", str(scan / "fixed.txt"), str(scan / "scan.pdf"), str(fixed))
    assert r.returncode == 0, r.stderr
    before, after = pdf_text(plain), pdf_text(fixed)
    assert "nachste" in before and "nächste" not in before  # the English model lost the umlauts
    for word in ["für", "nächste", "Maßnahmen", "öffentlich", "Über"]:
        assert word in after, after
    assert after.split() != before.split() and len(after.split()) == len(before.split())
    sidecar = (scan / "fixed.txt").read_text(encoding="utf-8")
    assert "nächste" in sidecar


def test_plugin_refuses_the_sandwich_renderer(scan):
    r = run_ocrmypdf("--plugin", "korrektor.ocrmypdf", "--pdf-renderer", "sandwich", "-l", "eng",
                     str(scan / "scan.pdf"), str(scan / "sandwich.pdf"))
    assert r.returncode != 0
    assert "sandwich" in r.stderr and "korrektor" in r.stderr


# ---------------------------------------------------------------------------------------------
# the plugin's own options


def parsed(*args):
    """OCRmyPDF's own command-line parsing with the plugin loaded, and its check_options hooks."""
    from ocrmypdf.cli import get_options_and_plugins

    options, plugins = get_options_and_plugins(["--plugin", "korrektor.ocrmypdf", *args, "in.pdf", "out.pdf"])
    return options, plugins


def test_options_reach_the_correction_settings():
    from korrektor import Config
    from korrektor.ocrmypdf import config_from_options

    options, _ = parsed()
    assert config_from_options(options) == Config()
    options, _ = parsed("--korrektor-min-confidence", "0.8", "--korrektor-suggest", "--korrektor-keep-lines")
    assert config_from_options(options) == Config(min_confidence=0.8, suggest=True, keep_lines=True)
    options, _ = parsed("--korrektor-no-words")
    assert config_from_options(options) == Config(words=False)
    assert config_from_options(None) == Config()  # the engine asked without options


@pytest.mark.parametrize("args, message", [
    (["--korrektor-min-confidence", "1.5"], "between 0 and 1"),
    (["--korrektor-min-confidence", "nan"], "between 0 and 1"),
    (["--korrektor-no-words", "--korrektor-suggest"], "nothing to do"),
])
def test_options_are_checked(scan, args, message):
    r = run_ocrmypdf("--plugin", "korrektor.ocrmypdf", *args, "-l", "eng", str(scan / "scan.pdf"),
                     str(scan / "refused.pdf"))
    assert r.returncode != 0 and message in r.stderr, r.stderr
    assert not (scan / "refused.pdf").exists()


def test_options_are_listed_in_help():
    r = run_ocrmypdf("--plugin", "korrektor.ocrmypdf", "--help")
    assert r.returncode == 0
    for flag in ("--korrektor-min-confidence", "--korrektor-suggest", "--korrektor-keep-lines", "--korrektor-no-words"):
        assert flag in r.stdout


def test_suggest_reports_word_corrections_and_applies_none(scan):
    out = scan / "suggested.pdf"
    r = run_ocrmypdf("--plugin", "korrektor.ocrmypdf", "--korrektor-suggest", "-l", "eng", "--output-type", "pdf",
                     "--jobs", "1", "--sidecar", str(scan / "suggested.txt"), str(scan / "scan.pdf"), str(out))
    assert r.returncode == 0, r.stderr
    text = pdf_text(out)
    assert "nachste" in text and "nächste" not in text  # not applied ...
    assert "'nachste' → 'nächste'" in r.stderr and "not applied" in r.stderr  # ... but reported
    assert "nächste" not in (scan / "suggested.txt").read_text(encoding="utf-8")


def test_no_words_leaves_the_words_alone(scan):
    out = scan / "no-words.pdf"
    r = run_ocrmypdf("--plugin", "korrektor.ocrmypdf", "--korrektor-no-words", "-l", "eng", "--output-type", "pdf",
                     "--jobs", "1", str(scan / "scan.pdf"), str(out))
    assert r.returncode == 0, r.stderr
    assert "nachste" in pdf_text(out) and "nächste" not in pdf_text(out)
