"""PDFs read directly (``korrektor.formats.pdf``, ``korrektor correct file.pdf``): reading order,
page furniture, the scanned PDF without text. The fixtures under tests/data/pdf are made from the
``.tex`` beside them (invented text; see tests/data/SOURCES.md); the tests only read them."""

import json
import re
import shutil

import pytest

pytest.importorskip("pdfminer")

from korrektor.exitcodes import ExitCode
from korrektor.formats.pdf import Piece, find_gutters, order_lines, read_pdf

from conftest import DATA

PDF = DATA / "pdf"
ONE_COLUMN = PDF / "einspaltig.pdf"  # two pages, running header left and right, page number below
TWO_COLUMNS = PDF / "zweispaltig.pdf"  # a title across two columns
SCANNED = PDF / "gescannt.pdf"  # an image of a page, no text


def test_one_column_without_running_header_and_page_numbers():
    text = read_pdf(ONE_COLUMN)
    assert "Gemeindeblatt" not in text and "Ausgabe" not in text
    assert not re.search(r"(?m)^\s*\d+\s*$", text)  # no page number on a line of its own
    assert text.startswith("Der Kleingartenverein am Mühlbach lädt alle Nach-\n")
    assert text.rstrip().endswith("und dankt allen, die das Fest vorbereiten.")
    # the sentence the page break tore goes on in the next line: no paragraph break, no form feed
    assert "wer mit dem\nFahrrad kommt" in text and "\f" not in text
    # the line-end hyphens stay for the layout stage; paragraphs (indented) are apart
    assert "Sep-\ntember" in text and "probt.\n\nWer mithelfen" in text


def test_two_columns_are_read_one_after_the_other():
    text = read_pdf(TWO_COLUMNS)
    assert text.startswith("Neues aus der Stadtbücherei\n\n")  # the title across both, in its place
    left_first, left_last = text.index("Die Linke Spalte beginnt"), text.index("im Landkreis spie-\nlen.")
    right_first, right_last = text.index("Die Rechte Spalte erzählt"), text.index("gern treffen.")
    assert left_first < left_last < right_first < right_last
    # no line holds words of both columns (pdftotext -layout prints them side by side)
    assert "Nachricht über die Stadtbücherei, die\nab dem" in text
    assert not any("Lesesaals" in line and "Stadtbücherei" in line for line in text.splitlines())


def test_correct_a_pdf(run):
    r = run("correct", ONE_COLUMN)
    assert r.exit_code == 0
    assert "Der Kleingartenverein am Mühlbach lädt alle Nachbarinnen und Nachbarn zum Herbstfest ein." in r.output
    assert "wer mit dem Fahrrad kommt, kann es am Zaun des Gartens abstellen." in r.output
    assert "Gemeindeblatt" not in r.output and not re.search(r"\s[12]\s", r.output)
    r = run("correct", TWO_COLUMNS)
    assert r.exit_code == 0
    assert r.output.index("Romane spricht, die im Landkreis spielen.") < r.output.index("Die Rechte Spalte")


def test_json_edits_refer_to_the_text_read_from_the_pdf(run):
    doc = json.loads(run("correct", ONE_COLUMN, "--format", "json").output)
    assert doc["input"] == read_pdf(ONE_COLUMN)
    assert doc["edits"] and all(doc["input"][e["start"]:e["end"]] == e["before"] for e in doc["edits"])
    assert "Nachbarinnen" in doc["text"]


def test_explain_a_pdf(run):
    r = run("explain", TWO_COLUMNS)
    assert r.exit_code == 0 and "join_hyphenated_word" in r.output
    assert "in the text read from the PDF" in r.output


def test_a_pdf_is_known_by_its_first_bytes(run, tmp_path):
    copy = tmp_path / "bericht.dat"
    shutil.copy(TWO_COLUMNS, copy)
    assert "Die Rechte Spalte erzählt" in run("correct", copy).output


@pytest.mark.parametrize("command", ["correct", "explain"])
def test_a_scanned_pdf_points_to_korrektor_ocr(run, command):
    r = run(command, SCANNED)
    assert r.exit_code == ExitCode.USAGE == 2
    assert "gescannt.pdf: the PDF has no text layer" in r.output
    assert f"korrektor ocr {SCANNED}" in r.output


def test_a_pdf_name_on_something_else(run, tmp_path):
    fake = tmp_path / "brief.pdf"
    fake.write_text("Sehr geehrte Damen und Herren,\n", encoding="utf-8")
    r = run("correct", fake)
    assert r.exit_code == 2 and "not a PDF" in r.output
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(TWO_COLUMNS.read_bytes()[:300])
    r = run("correct", broken)
    assert r.exit_code == 2 and "kaputt.pdf" in r.output


def _piece(x0, y, x1, text, height=10.0):
    return Piece(x0, y, x1, y + height, text)


def test_columns_around_a_title_across_them():
    # a title across both columns, two columns of three lines, a footnote line across both
    pieces = [_piece(50, 500, 350, "Titel über beide Spalten")]
    pieces += [_piece(50, 480 - 12 * i, 190, f"links {i}") for i in range(3)]
    pieces += [_piece(210, 480 - 12 * i, 350, f"rechts {i}") for i in range(3)]
    pieces += [_piece(50, 400, 350, "Fußnote über beide Spalten")]
    gutters = find_gutters(pieces)
    assert len(gutters) == 1 and 190 <= gutters[0] <= 210
    order = [p.text for col in order_lines(pieces, gutters) for row in col for p in row]
    assert order == ["Titel über beide Spalten", "links 0", "links 1", "links 2",
                     "rechts 0", "rechts 1", "rechts 2", "Fußnote über beide Spalten"]


def test_one_column_has_no_gutter():
    # justified lines that pdfminer cut at wide spaces, at different places in each line
    pieces = [_piece(50, 500 - 12 * i, 150 + 20 * i, "a b") for i in range(8)]
    pieces += [_piece(160 + 20 * i, 500 - 12 * i, 350, "c d") for i in range(8)]
    assert find_gutters(pieces) == []


def test_batch_over_a_directory_with_pdfs(run, tmp_path):
    src, out = tmp_path / "eingang", tmp_path / "fertig"
    (src / "scans").mkdir(parents=True)
    shutil.copy(ONE_COLUMN, src / "fest.pdf")
    shutil.copy(SCANNED, src / "scans" / "seite.PDF")
    (src / "notiz.txt").write_text("Die Prufung ist gut.\n", encoding="utf-8")
    r = run("batch", src, "-o", out, "-j", "1")
    assert r.exit_code == 1  # the scanned PDF failed, the others are done
    text = (out / "fest.txt").read_text(encoding="utf-8")
    assert "wer mit dem Fahrrad kommt" in text and "Gemeindeblatt" not in text
    assert (out / "notiz.txt").read_text(encoding="utf-8") == "Die Prüfung ist gut.\n"
    assert not (out / "scans" / "seite.txt").exists()
    errors = [json.loads(x) for x in (tmp_path / "fertig.errors.jsonl").read_text().splitlines()]
    assert len(errors) == 1 and errors[0]["input"].endswith("seite.PDF")
    assert "no text layer" in errors[0]["error"] and "korrektor ocr" in errors[0]["error"]
    # a PDF and a text file of the same name would write one file: refused before any work
    (src / "fest.txt").write_text("Noch ein Fest.\n", encoding="utf-8")
    r = run("batch", src, "-o", tmp_path / "zwei", "-j", "1")
    assert r.exit_code == 2 and "fest.pdf and fest.txt would both be corrected into fest.txt" in r.output
