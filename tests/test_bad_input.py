"""Bad input at every door: the CLI's text, JSONL and XML commands, the library API and the
service. Each must answer with a message that says what and where, exit 2 (the CLI's status for
bad input) or a 4xx, leave no output file behind, and never show a traceback.
The 200 MB versions of the huge inputs run in ``python3 fuzz/run.py --big``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import korrektor
from korrektor.cli import main
from korrektor.io import MAX_TEXT_BYTES, InputError, decode, iter_jsonl, parse_jsonl_line, read_text

GOOD = "Die Prufung ist ,gut\".\n".encode()

# what a plain-text door reads → what it must say (exit 2 with the default --errors strict)
BAD_TEXT = {
    "undecodable": (b"Die Pr\xfcfung\nist \xff", "not valid UTF-8: byte 0xfc at offset 6 (line 1)"),
    "undecodable-line-3": (b"eins\nzwei\ndrei \xe4", "byte 0xe4 at offset 15 (line 3)"),
    "nul": (b"Die Prufung\x00 ist gut", "NUL byte at offset 11 (line 1): a binary file"),
    "nul-late": (b"x" * 20000 + b"\n\x00", "NUL byte at offset 20001 (line 2)"),
    "utf-16": ("Die Prüfung".encode("utf-16"), "looks like UTF-16"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", "NUL byte at offset 8"),
    "empty": (b"", "the input is empty"),
    "blank": (b" \n\t\r\n", "the input is empty"),
}
TEXT_DOORS = {"correct": ["correct"], "explain": ["explain"], "diff": ["diff"]}


def _cli(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def _left_behind(directory, name="out"):
    """Files an interrupted write would leave: the output or its temporary file."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith((name, f".{name}")))


@pytest.mark.parametrize("door", TEXT_DOORS)
@pytest.mark.parametrize("case", BAD_TEXT)
def test_text_doors_refuse_bad_bytes(tmp_path, door, case):
    data, message = BAD_TEXT[case]
    src = tmp_path / "in.txt"
    src.write_bytes(data)
    out = tmp_path / "out.txt"
    r = _cli(*TEXT_DOORS[door], src, *(["-o", out] if door != "explain" else []))
    assert r.exit_code == 2, r.output
    assert r.output.startswith(f"korrektor: error: {src}: ") and message in r.output
    assert "Traceback" not in r.output and _left_behind(tmp_path) == []


@pytest.mark.parametrize("door", TEXT_DOORS)
def test_text_doors_read_undecodable_bytes_as_replacement_characters(tmp_path, door):
    src = tmp_path / "in.txt"
    src.write_bytes(b"Die Pr\xfcfung \xff\xfe ist gut.\n")
    out = tmp_path / "out.txt"
    r = _cli(*TEXT_DOORS[door], src, "--errors", "replace", *(["-o", out] if door != "explain" else []))
    assert r.exit_code == 0, r.output
    assert (f"korrektor: warning: {src}: 3 undecodable byte sequence(s) read as U+FFFD "
            "(the first at offset 6, line 1)") in r.stderr
    if door == "correct":
        assert out.read_text(encoding="utf-8") == "Die Pr\ufffdfung \ufffd\ufffd ist gut.\n"
    if door == "diff":
        assert "\ufffd" in out.read_text(encoding="utf-8")


def test_replace_keeps_nul_bytes_for_correction_to_remove(tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes(b"Die\x00 Prufung\n")
    r = _cli("correct", src, "--errors", "replace", "--format", "json")
    assert r.exit_code == 0 and r.stderr == ""  # NUL is valid UTF-8: nothing was replaced
    doc = json.loads(r.stdout)
    assert doc["text"] == "Die Prüfung\n"
    assert any(e["before"] == "\x00" and e["rule"] == "remove_control_characters" for e in doc["edits"])


def test_errors_policy_is_checked():
    r = _cli("correct", "-", "--errors", "ignore", input="x")
    assert r.exit_code == 2 and "'ignore' is not one of 'strict', 'replace'" in r.output


def test_missing_file_directory_and_stdin(tmp_path):
    for args, message in ([str(tmp_path / "nope.txt")], "no such file"), ([str(tmp_path)], "is a directory"):
        r = _cli("correct", *args)
        assert r.exit_code == 2 and message in r.output
    r = _cli("correct", "-", input=b"a\xffb")
    assert r.exit_code == 2 and "<stdin>: not valid UTF-8: byte 0xff at offset 1" in r.output


def test_too_large_text_is_refused_before_it_is_read(tmp_path):
    src = tmp_path / "big.txt"
    with open(src, "wb") as f:  # sparse: the size is what is checked, before any byte is read
        f.truncate(MAX_TEXT_BYTES + 1)
    for door in ("correct", "explain", "diff"):
        r = _cli(door, src)
        assert r.exit_code == 2 and f"{src}: too large: more than {MAX_TEXT_BYTES:,} bytes" in r.output
    r = _cli("correct", "-", input=b"a" * (MAX_TEXT_BYTES + 1))  # a pipe: read up to the limit only
    assert r.exit_code == 2 and "<stdin>: too large" in r.output


def test_big_single_line_within_the_limit_is_corrected(tmp_path):
    # one line of half a million characters (no line break anywhere): corrected like any text
    src = tmp_path / "line.txt"
    src.write_text("Die Prufung der Lösung ist gut. " * 16384, encoding="utf-8")
    out = tmp_path / "out.txt"
    r = _cli("correct", src, "-o", out)
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == "Die Prüfung der Lösung ist gut. " * 16384


# --------------------------------------------------------------------------------------------
# Text that is right: other scripts, right-to-left, emoji, combining characters

SCRIPTS = [
    "Auf Hebräisch heißt Frieden שלום, auf Arabisch سلام.",
    "\u202bעברית\u202c und \u2067العربية\u2069 in einem deutschen Satz.",
    "Die Familie 👨\u200d👩\u200d👧 grüßt 👍🏽 aus 🇩🇪.",
    "Griechisch αβγ, Kyrillisch Москва, Chinesisch 北京 und Devanagari हिन्दी.",
]


@pytest.mark.parametrize("text", SCRIPTS)
def test_other_scripts_pass_every_door_unchanged(tmp_path, text):
    assert korrektor.correct(text).text == text
    src = tmp_path / "in.txt"
    src.write_text(text, encoding="utf-8")
    assert _cli("correct", src).stdout == text
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    r = _cli("batch", jsonl, "-o", "-", "-j", "1")
    assert r.exit_code == 0 and json.loads(r.stdout) == {"text": text}


def test_combining_characters_are_composed_with_an_edit_that_restores_them():
    text = "Pru\u0308fung, Cafe\u0301 und Zu\u0308rich"
    result = korrektor.correct(text)
    assert result.text == "Prüfung, Café und Zürich"
    assert result.restore() == text and {e.rule for e in result.edits} == {"normalize_nfc"}


# --------------------------------------------------------------------------------------------
# JSONL: batch and score (a bad record is reported and the run goes on), eval (stops)

BAD_RECORDS = [  # (line, what batch must say)
    (b'{"id": 1, "text": 5}', "the record holds a number, not a string, in its field 'text'"),
    (b'{"id": 1, "text": null}', "the record holds null, not a string, in its field 'text'"),
    (b'{"id": 1, "text": ["Die", "Prufung"]}', "the record holds an array, not a string, in its field 'text'"),
    (b'{"id": 1, "text": {"de": "x"}}', "the record holds an object, not a string, in its field 'text'"),
    (b'{"id": 1}', "the record has no field 'text'"),
    (b'"Die Prufung"', "expected a JSON object, not str"),
    (b'{"text": "Die Pr\xfcfung"}', "not valid UTF-8 (byte 0xfc at column 17)"),
    (b'{"text": "Die\x00Prufung"}', "malformed JSON: Invalid control character at column 14"),
    (b'{"text": "\\ud800 allein"}', "a string holds a lone surrogate (\\ud800), which is not Unicode"),
    (b'{"text": "x", "score": NaN}', "NaN is not valid JSON"),
    (b'{"text": "x", "score": 1e400}', "the number 1e400 is out of range"),
    (b'{"text": "x", "n": ' + b"7" * 5000 + b"}", "the number 77777777777777777777… has too many digits"),
    (b'{"text": "x", "deep": ' + b"[" * 100000 + b"]" * 100000 + b"}", "malformed JSON: nested too deeply"),
    (b"\x89PNG\r", "not valid UTF-8 (byte 0x89 at column 1)"),
]


@pytest.mark.parametrize("command", ["batch", "score"])
def test_bad_records_are_reported_with_their_line_and_the_run_goes_on(tmp_path, command):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join([b'{"id": 0, "text": "Die Prufung"}', *(line for line, _ in BAD_RECORDS),
                                b'{"id": 9, "text": "a\\u0000b"}']) + b"\n")
    out = tmp_path / "out.jsonl"
    r = _cli(command, src, "-o", out, "-j", "1")
    # the run goes on and writes the good records, and its status says that some failed
    assert r.exit_code == 1 and "Traceback" not in r.output, r.output
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in got] == [0, 9]
    if command == "batch":
        assert [g["text"] for g in got] == ["Die Prüfung", "ab"]  # an escaped NUL is text: removed
    errors = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["line"], e["error"]) for e in errors] == [(i, m) for i, (_, m) in enumerate(BAD_RECORDS, 2)]
    assert f"{len(BAD_RECORDS)} bad record(s)" in r.output


@pytest.mark.parametrize("command", ["batch", "score"])
@pytest.mark.parametrize("name, data, message", [
    ("in.jsonl", b"", "the input is empty"),
    ("in.jsonl.gz", b"\x1f\x8b\x08\x00 not really gzip", "cannot read the compressed input"),
    ("in.jsonl.zst", b"\x28\xb5\x2f\xfd broken", "cannot read the compressed input"),
])
def test_a_failed_run_leaves_nothing_behind(tmp_path, command, name, data, message):
    if name.endswith(".zst"):
        pytest.importorskip("zstandard")
    src = tmp_path / name
    src.write_bytes(data)
    r = _cli(command, src, "-o", tmp_path / "out.jsonl.gz", "-j", "1")
    assert r.exit_code == 2 and f"korrektor: error: {src}: {message}" in r.output, r.output
    assert _left_behind(tmp_path) == [], "no output, no partial output, no state, no error file"


def test_batch_reads_undecodable_records_with_replace_and_counts_them(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "Die Pr\xfcfung"}\n{"text": "gut"}\n{"text": "\xff\xfe"}\n')
    r = _cli("batch", src, "-o", "-", "-j", "1", "--errors", "replace")
    assert r.exit_code == 0, r.output
    assert [json.loads(x)["text"] for x in r.stdout.splitlines()] == ["Die Pr\ufffdfung", "gut", "\ufffd\ufffd"]
    assert (f"korrektor: warning: {src}, line 1: 1 undecodable byte sequence(s) read as U+FFFD "
            "(the first at column 17)") in r.stderr
    assert "2 record(s) with undecodable bytes, read as U+FFFD" in r.stderr


def test_batch_directory_applies_the_errors_policy_per_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "latin1.txt").write_bytes("Die Prüfung".encode("latin-1"))
    (src / "nul.txt").write_bytes(b"a\x00b")
    (src / "empty.txt").write_bytes(b"")
    r = _cli("batch", src, "-o", tmp_path / "out", "-j", "1", "--on-error", "skip")
    assert r.exit_code == 1 and "2 bad record(s)" in r.output
    assert "1 empty file(s) copied unchanged" in r.output
    assert "latin1.txt: not valid UTF-8: byte 0xfc at offset 6" in r.output and "nul.txt: NUL byte" in r.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["empty.txt"]
    r = _cli("batch", src, "-o", tmp_path / "out2", "-j", "1", "--on-error", "skip", "--errors", "replace")
    assert r.exit_code == 0 and "bad record" not in r.output
    assert (tmp_path / "out2" / "latin1.txt").read_text(encoding="utf-8") == "Die Pr\ufffdfung"
    assert (tmp_path / "out2" / "nul.txt").read_text(encoding="utf-8") == "ab"


def test_a_line_longer_than_a_record_may_be_is_a_bad_record(tmp_path):
    src = tmp_path / "in.jsonl"
    with open(src, "wb") as f:
        f.write(b'{"id": 1, "text": "Die Prufung"}\n{"id": 2, "text": "')
        f.write(b"Wort " * (MAX_TEXT_BYTES // 5 + 1))
        f.write(b'"}\n{"id": 3, "text": "gut"}\n')
    out = tmp_path / "out.jsonl"
    r = _cli("batch", src, "-o", out, "-j", "1")
    assert r.exit_code == 1, r.output  # a bad record: the run goes on, and says so in its status
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == [1, 3]
    error, = (json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines())
    assert error["line"] == 2 and f"more than the limit of {MAX_TEXT_BYTES:,} bytes" in error["error"]
    assert error["record"].startswith('{"id": 2, "text": "Wort') and len(error["record"]) <= 1024
    r = _cli("eval", src, "--ocr-field", "text", "--gt-field", "text")
    assert r.exit_code == 2 and f"{src}, line 2: the line is" in r.output


@pytest.mark.parametrize("line, message", [
    (b'{"ocr": 5, "gt": "x"}', "line 1: the record holds a number, not a string, in its field 'ocr'"),
    (b'{"ocr": "x"}', "line 1: the record has no field 'gt'"),
    (b'{"ocr": "x", "gt": null}', "line 1: the record holds null, not a string, in its field 'gt'"),
    (b'{"ocr": "Pr\xfcfung", "gt": "x"}', "line 1: not valid UTF-8 (byte 0xfc at column 12)"),
    (b"", "the input is empty"),
])
def test_eval_stops_at_a_bad_record(tmp_path, line, message):
    src = tmp_path / "pairs.jsonl"
    src.write_bytes(line + b"\n" if line else b"")
    r = _cli("eval", src, "--json", tmp_path / "out.json")
    assert r.exit_code == 2 and f"korrektor: error: {src}" in r.output and message in r.output
    assert _left_behind(tmp_path) == []


def test_eval_reads_undecodable_bytes_with_replace(tmp_path):
    src = tmp_path / "pairs.jsonl"
    src.write_bytes(b'{"ocr": "Pr\xfcfung", "gt": "Pr\xc3\xbcfung"}\n')
    r = _cli("eval", src, "--errors", "replace")
    assert r.exit_code == 0 and f"{src}, line 1: 1 undecodable byte sequence(s)" in r.stderr


# --------------------------------------------------------------------------------------------
# XML (hOCR, ALTO, PAGE): the file names its encoding, so broken bytes are an XML error

ALTO = ('<?xml version="1.0" encoding="{enc}"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">'
        '<Layout><Page><PrintSpace><TextBlock ID="b"><TextLine ID="l"><String ID="s" CONTENT="{word}"/>'
        "</TextLine></TextBlock></PrintSpace></Page></Layout></alto>")
BAD_XML = {
    "undecodable": (ALTO.format(enc="UTF-8", word="Pr\udcfcfung").encode("utf-8", "surrogateescape"),
                    "not valid UTF-8: byte 0xfc at offset 180 (line 1)"),
    "truncated-utf-16": ("<alto/>".encode("utf-16") + b"\x00", "not valid utf-16"),
    "no-charset": (ALTO.format(enc="undefined", word="x").encode(), "unknown encoding 'undefined'"),
    "nested": (b"<alto>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</alto>",
               "refused: Excessive depth in document: 256"),
    "huge-text": (ALTO.format(enc="UTF-8", word="Wort " * 2_200_000).encode(), "(a safety limit for XML)"),
    "billion-laughs": (b'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                       b"<alto>&b;</alto>", "refused: the document declares entities"),
    "external-entity": (b'<!DOCTYPE alto [<!ENTITY x SYSTEM "file:///etc/passwd">]><alto>&x;</alto>',
                        "refused: the document declares entities"),
    "nul": (b"<alto>\x00</alto>", "not well-formed XML"),
}


@pytest.mark.parametrize("case", BAD_XML)
def test_xml_door_refuses_bad_documents(tmp_path, case):
    pytest.importorskip("lxml")
    data, message = BAD_XML[case]
    src = tmp_path / "in.xml"
    src.write_bytes(data)
    out = tmp_path / "out.xml"
    r = _cli("correct", src, "--input-format", "alto", "-o", out, "--errors", "replace")
    assert r.exit_code == 2 and f"korrektor: error: {src}" in r.output and message in r.output, r.output
    assert "Traceback" not in r.output and _left_behind(tmp_path) == []


def test_xml_in_a_declared_encoding_is_read_and_written_back_in_it(tmp_path):
    pytest.importorskip("lxml")
    src = tmp_path / "in.xml"
    src.write_bytes(ALTO.format(enc="ISO-8859-1", word="Prufung für").encode("latin-1"))
    out = tmp_path / "out.xml"
    r = _cli("correct", src, "-o", out)
    assert r.exit_code == 0, r.output
    assert b'CONTENT="Pr\xfcfung"' in out.read_bytes() and b'CONTENT="f\xfcr"' in out.read_bytes()


# --------------------------------------------------------------------------------------------
# The library API

def test_library_api_errors_policy(tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes(b"Die Pr\xfcfung")
    with pytest.raises(InputError, match=r"not valid UTF-8: byte 0xfc at offset 6 \(line 1\)"):
        read_text(src)
    warnings = []
    assert read_text(src, errors="replace", on_replace=warnings.append) == "Die Pr\ufffdfung"
    assert warnings == [f"{src}: 1 undecodable byte sequence(s) read as U+FFFD (the first at offset 6, line 1)"]
    assert decode("\ufffd schon da".encode(), "x", "replace", warnings.append) == "\ufffd schon da"
    assert len(warnings) == 1, "a U+FFFD the input spelled is not a replacement"
    with pytest.raises(ValueError, match="errors must be one of strict, replace"):
        read_text(src, errors="ignore")
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_bytes(b'{"text": "\xfc"}\n')
    assert list(iter_jsonl(jsonl, "replace")) == [(1, {"text": "\ufffd"})]
    with pytest.raises(InputError, match=r"in\.jsonl, line 1: not valid UTF-8 \(byte 0xfc at column 11\)"):
        list(iter_jsonl(jsonl))
    with pytest.raises(TypeError):
        korrektor.correct(b"Die Prufung")


def test_parse_jsonl_line_keeps_a_byte_order_mark_only_at_the_start():
    assert parse_jsonl_line(b'\xef\xbb\xbf{"a": 1}\n', 1) == {"a": 1}
    with pytest.raises(InputError, match="malformed JSON"):
        parse_jsonl_line(b'\xef\xbb\xbf{"a": 1}\n', 2)


# --------------------------------------------------------------------------------------------
# The service: JSON (UTF-8 checked by the framework) and uploads (the errors policy)

UPLOADS = [  # (params, file bytes, status, what the answer holds)
    ({}, "Die Prüfung".encode("latin-1"), 400, "not valid UTF-8: byte 0xfc at offset 6 (line 1)"),
    ({}, "Die Prüfung".encode("latin-1"), 400, "(errors=replace)"),
    ({"errors": "replace"}, "Die Prüfung".encode("latin-1"), 200, "Die Pr\ufffdfung"),
    ({}, b"a\x00b", 400, "NUL byte at offset 1"),
    ({}, "Prüfung".encode("utf-16"), 400, "looks like UTF-16"),
    ({}, b" \n", 400, "the file is empty"),
    ({"errors": "ignore"}, b"x", 422, "errors: Input should be 'strict' or 'replace'"),
    ({}, b"<alto>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</alto>", 400, "Excessive depth"),
    ({"errors": "replace"}, ALTO.format(enc="UTF-8", word="Pr\udcfcfung").encode("utf-8", "surrogateescape"),
     400, "not valid UTF-8: byte 0xfc at offset 180"),
    ({}, SCRIPTS[2].encode(), 200, SCRIPTS[2]),
]


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_service_doors():
    pytest.importorskip("fastapi")
    httpx = pytest.importorskip("httpx")
    from korrektor.service import Limits, create_app

    app = create_app(Limits(max_body_bytes=4 * 1024 * 1024), warm=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        for params, data, status, needle in UPLOADS:
            r = await c.post("/v1/upload", params=params, files={"file": ("x.txt", data)})
            assert r.status_code == status and needle in json.dumps(r.json(), ensure_ascii=False), (params, r.text)
        r = await c.post("/v1/upload", data={"errors": "replace"}, files={"file": ("x.txt", b"a\xffb")})
        assert r.json() == {"name": "x.txt", "format": "text", "text": "a\ufffdb",
                            "warning": "x.txt: 1 undecodable byte sequence(s) read as U+FFFD "
                                       "(the first at offset 1, line 1)"}

        async def post(path, body: bytes):
            return await c.post(path, content=body, headers={"content-type": "application/json"})

        for body, status, needle in [
            (b'{"text": "a\\ud800b"}', 422, "text: a lone surrogate (\\\\ud800) at character 1 is not Unicode"),
            # a number, {} and malformed JSON: tests/test_service.py::test_malformed_requests
            (b'{"text": null}', 422, "text: Input should be a valid string"),
            (b'{"text": ["a"]}', 422, "text: Input should be a valid string"),
            (b'{"text": "\xff"}', 400, "not valid UTF-8 JSON"),
            (b"[" * 100_000, 400, "malformed request body"),
        ]:
            r = await post("/v1/correct", body)
            assert r.status_code == status and needle in r.text, (body[:30], r.text)
        r = await post("/v1/correct/batch", b'{"texts": ["gut", "\\udc00"]}')
        assert r.status_code == 422 and "texts.1: a lone surrogate" in r.text
        r = await post("/v1/correct", json.dumps({"text": "a\x00b " + SCRIPTS[1]}).encode())
        assert r.status_code == 200 and r.json()["text"] == "ab " + SCRIPTS[1]
