import json
import re

import pytest
from click.testing import CliRunner

from korrektor.cli import main

from conftest import DATA


def test_correct_text_and_json(run, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("Der Integra-\ntionsplan ist ,gut“.\n", encoding="utf-8")
    r = run("correct", src)
    assert r.exit_code == 0 and r.output == "Der Integrationsplan ist „gut“.\n"
    r = run("correct", src, "--format", "json")
    doc = json.loads(r.output)
    assert doc["text"] == "Der Integrationsplan ist „gut“.\n"
    assert {e["kind"] for e in doc["edits"]} >= {"hyphenation", "quote"}


def test_correct_stdin_and_output_file(run, tmp_path):
    out = tmp_path / "out.txt"
    r = run("correct", "-", "-o", out, input="Zeile eins\nZeile zwei.\n")
    assert r.exit_code == 0 and out.read_text(encoding="utf-8") == "Zeile eins Zeile zwei.\n"


def test_explain_lists_edits(run, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("Der Integra-\ntionsplan\n", encoding="utf-8")
    r = run("explain", src)
    assert "join_hyphenated_word" in r.output and "'-\\n' → ''" in r.output


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe\xfa broken", "not valid UTF-8: byte 0xff at offset 0"),
    (b"", "the input is empty"),
    (b"abc\x00def", "binary"),
])
def test_bad_input_is_reported(run, tmp_path, content, message):
    src = tmp_path / "bad.txt"
    src.write_bytes(content)
    out = tmp_path / "out.txt"
    r = CliRunner().invoke(main, ["correct", str(src), "-o", str(out)])
    assert r.exit_code == 2
    assert message in r.output
    assert not out.exists()


def test_missing_file(run):
    r = CliRunner().invoke(main, ["correct", "/no/such/file.txt"])
    assert r.exit_code == 2 and "no such file" in r.output


def test_batch_keeps_order_and_fields(run, tmp_path):
    src = tmp_path / "in.jsonl"
    recs = [{"id": i, "text": f"Zeile {i}\nund weiter.", "meta": {"k": i}} for i in range(5)]
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run("batch", src, "-o", out)
    assert r.exit_code == 0
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in got] == list(range(5))
    assert got[3] == {"id": 3, "text": "Zeile 3 und weiter.", "meta": {"k": 3}}


@pytest.mark.parametrize("lines, message", [
    (['{"id": 1, "text": "a"}', "", '{"id": 2, "text": "b"}'], "line 2: empty line"),
    (['{"id": 1, "text": "a"}', '{"id": 2, "text": '], "line 2: malformed JSON"),
    (['{"id": 1, "text": 5}'], "line 1: the record holds a number, not a string, in its field 'text'"),
    (['[1, 2]'], "line 1: expected a JSON object"),
])
def test_batch_bad_records_name_the_line(tmp_path, lines, message):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--on-error", "fail"])
    assert r.exit_code == 2, r.output
    assert message in r.output
    assert not out.exists(), "a failed run must not leave a half-written output"


def test_eval_reports_groups_and_reduction(run, tmp_path):
    js = tmp_path / "m.json"
    r = run("eval", DATA / "pairs.jsonl", "--json", js)
    assert r.exit_code == 0
    assert "eng" in r.output and "deu" in r.output and "korrektor" in r.output
    m = json.loads(js.read_text(encoding="utf-8"))
    assert m["ALL"]["korrektor"]["cer"] < m["ALL"]["ocr"]["cer"]
    assert m["ALL"]["korrektor"]["categories"]["hyph"] < 0.2 * m["ALL"]["ocr"]["categories"]["hyph"]


def test_eval_hyp_field(run, tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps({"lang": "x", "ocr": "Hande", "gt": "Hände", "fixed": "Hände"}) + "\n", encoding="utf-8")
    r = run("eval", src, "--hyp", "fixed")
    assert r.exit_code == 0
    assert "100.0" in r.output  # CER reduction


@pytest.mark.parametrize("command", ["correct", "batch", "diff"])
def test_an_output_that_is_a_directory_fails_before_the_work(tmp_path, command):
    src = tmp_path / ("in.jsonl" if command == "batch" else "in.txt")
    text = "Die Prufung der Losung ist gut."
    src.write_text(json.dumps({"id": 1, "text": text}) + "\n" if command == "batch" else text, encoding="utf-8")
    outdir = tmp_path / "out"
    outdir.mkdir()
    r = CliRunner().invoke(main, [command, str(src), "-o", str(outdir)])
    assert r.exit_code == 2 and "is a directory" in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl" if command == "batch" else "in.txt", "out"]
    assert not any(outdir.iterdir())


def test_a_failing_write_is_one_line_and_exit_status_1(tmp_path, monkeypatch):
    import korrektor.cli as cli

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "out.txt"))

    monkeypatch.setattr(cli, "atomic_writer", full_disk)
    src = tmp_path / "in.txt"
    src.write_text("Die Prufung der Losung ist gut.", encoding="utf-8")
    r = CliRunner().invoke(main, ["correct", str(src), "-o", str(tmp_path / "out.txt")])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.output.strip() == f"korrektor: error: {tmp_path / 'out.txt'}: No space left on device"


# --- explain, diff and correct on hOCR/ALTO/PAGE: the document's text, as correct reads it ---

#: the words of a page's lines: "fur", "nachste", "inder" need correcting, the page's lines joining
LINES = [["Die", "Gemeinde", "plant", "fur", "das"], ["nachste", "Jahr", "inder", "Stadt."]]


def _alto(pages: list[list[list[str]]]) -> str:
    """A small ALTO v3 document: one block per page, one TextLine per line of words."""
    from test_formats_util import ALTO_NS

    out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="{ALTO_NS[3]}"><Layout>']
    for pi, lines in enumerate(pages):
        out.append(f'\n<Page ID="p{pi}" WIDTH="2000" HEIGHT="1000"><PrintSpace><TextBlock ID="b{pi}" '
                   'HPOS="0" VPOS="0" WIDTH="2000" HEIGHT="1000">')
        for li, words in enumerate(lines):
            out.append(f'\n<TextLine ID="l{pi}_{li}" HPOS="10" VPOS="{10 + 50 * li}" WIDTH="1900" HEIGHT="40">')
            out += [f'<String ID="s{pi}_{li}_{wi}" HPOS="{10 + 200 * wi}" VPOS="{10 + 50 * li}" WIDTH="180" '
                    f'HEIGHT="40" WC="0.9" CONTENT="{w}"/>' for wi, w in enumerate(words)]
            out.append("</TextLine>")
        out.append("</TextBlock></PrintSpace></Page>")
    out.append("\n</Layout></alto>\n")
    return "".join(out)


def _xml_document(fmt: str) -> tuple[str, int]:
    """(document, pages) of each format; ALTO with two pages."""
    pytest.importorskip("lxml")
    from test_formats_util import alto_to_page, hocr

    if fmt == "hocr":
        return hocr(LINES), 1
    if fmt == "alto":
        return _alto([LINES, LINES]), 2
    return alto_to_page(_alto([LINES]), "2019"), 1


XML_FORMATS = ["hocr", "alto", "page"]


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_explain_lists_the_edits_of_the_documents_text(tmp_path, fmt):
    text, pages = _xml_document(fmt)
    src = tmp_path / f"page.{fmt}"
    src.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["explain", str(src)])
    assert r.exit_code == 0, r.output
    assert [ln for ln in r.stdout.splitlines() if ln.startswith("page ")] == [f"page {n}" for n in range(1, pages + 1)]
    assert r.stdout.count("'fur' → 'für'") == pages and r.stdout.count("'inder' → 'in der'") == pages
    # the page's lines join (one join per page), and no edit touches the markup around the words
    assert r.stdout.count("join_lines") == pages and "<" not in r.stdout
    assert f"on {pages} page(s) ({fmt})" in r.stderr
    # --input-format text reads the file as plain text, markup and all (what explain did before)
    r = CliRunner().invoke(main, ["explain", str(src), "--input-format", "text"])
    assert r.exit_code == 0 and not r.stdout.startswith("page ") and "(" not in r.stderr


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_diff_reports_on_the_documents_text(tmp_path, fmt):
    text, pages = _xml_document(fmt)
    src, out = tmp_path / f"page.{fmt}", tmp_path / "report.html"
    src.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["diff", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.output
    report = out.read_text(encoding="utf-8")
    assert "Die Gemeinde plant" in report and "für" in report
    assert "&lt;" not in report, "the report shows the page text, not the markup"
    assert r.stderr.startswith(f"{4 * pages} edits")  # fur, nachste, inder and the line join, per page


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_correct_json_lists_the_edits_for_xml_as_for_text(tmp_path, fmt):
    text, pages = _xml_document(fmt)
    src, plain = tmp_path / f"page.{fmt}", tmp_path / "page.txt"
    src.write_text(text, encoding="utf-8")
    plain.write_text("\n".join(" ".join(line) for line in LINES) + "\n", encoding="utf-8")
    doc = json.loads(CliRunner().invoke(main, ["correct", str(src), "--format", "json"]).stdout)
    text_edits = json.loads(CliRunner().invoke(main, ["correct", str(plain), "--format", "json"]).stdout)["edits"]
    assert isinstance(doc["edits"], list) and len(doc["edits"]) == 4 * pages
    for edit in doc["edits"]:
        assert set(edit) == set(text_edits[0]) | {"page"}, "the schema of plain text's edits, with the page"
    assert {(e["page"], e["before"], e["after"]) for e in doc["edits"] if e["kind"] == "word"} == {
        (p, before, after) for p in range(1, pages + 1)
        for before, after in [("fur", "für"), ("nachste", "nächste"), ("inder", "in der")]}
    assert {"format", "pages", "changes", "doubts", "document"} <= set(doc) and doc["pages"] == pages


@pytest.mark.parametrize("fmt, args, note", [
    ("text", ["--suggest"], "3 word correction(s) suggested, not applied (--suggest); see them with: "
                            "korrektor explain {src} --suggest (or correct --format json)"),
    ("hocr", ["--suggest"], "3 word correction(s) suggested, not applied (--suggest); see them with: "
                            "korrektor explain {src} --suggest (or correct --format json)"),
    ("text", ["--min-confidence", "1"], "3 word correction(s) not applied: below --min-confidence 1; see them "
                                        "with: korrektor explain {src} --min-confidence 1 (or correct --format json)"),
    ("text", ["--suggest", "--format", "json"], None),  # the JSON lists them
    ("hocr", ["--suggest", "--format", "json"], None),
    ("text", [], None),  # all applied: nothing to say
], ids=["text-suggest", "hocr-suggest", "text-threshold", "text-json", "hocr-json", "text-all-applied"])
def test_correct_says_when_word_corrections_were_not_applied(tmp_path, fmt, args, note):
    src = tmp_path / ("page.txt" if fmt == "text" else f"page.{fmt}")
    src.write_text("\n".join(" ".join(line) for line in LINES) + "\n" if fmt == "text" else _xml_document(fmt)[0],
                   encoding="utf-8")
    r = CliRunner().invoke(main, ["correct", str(src), *args])
    assert r.exit_code == 0, r.output
    notes = [ln for ln in r.stderr.splitlines() if "not applied" in ln]
    assert notes == ([f"korrektor: {note.format(src=src)}"] if note else [])


def test_a_shown_confidence_given_as_threshold_applies_the_edit(tmp_path):
    """explain shows 0.99999… as 0.99, not 1.00: --min-confidence with the shown value applies it."""
    src = tmp_path / "in.txt"
    src.write_text("Im Friihjahr priifen die Schuler die Absatze.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["explain", str(src)])
    shown = re.findall(r"'(\w+)' → '(\w+)'  \[lost_umlauts, ([\d.]+)\]", r.stdout)
    assert len(shown) == 4 and all(float(c) < 1 for _, _, c in shown)
    for before, after, confidence in shown:
        out = CliRunner().invoke(main, ["correct", str(src), "--min-confidence", confidence]).stdout
        assert after in out and before not in out, (before, confidence)
