import json

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
