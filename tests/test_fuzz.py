"""Fuzzing: the corpus of interesting inputs (fuzz/corpus/) replayed through every fuzz target, a
short coverage-guided session per target when atheris is installed (the CI's bounded fuzz run),
and property tests of the JSONL reader and the XML readers (those of correct() are in test_edits)."""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from korrektor.io import InputError, Overlong, iter_lines, parse_jsonl_line

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
TARGETS = ("correct", "jsonl", "xml")
#: seconds of coverage-guided fuzzing per target in the test run (fuzz/run.py -t N for longer)
SESSION_SECONDS = 20


def _target(name: str):
    spec = importlib.util.spec_from_file_location(f"fuzz_{name}", FUZZ / f"fuzz_{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", TARGETS)
def test_corpus_replays_through_every_target(name):
    if name == "xml":
        pytest.importorskip("lxml")
    target = _target(name)
    files = sorted(p for p in (FUZZ / "corpus").rglob("*") if p.is_file())
    assert len([p for p in files if p.parent.name == name]) >= 10, "the target has a seed corpus"
    for path in files:
        try:
            target.test_one_input(path.read_bytes())
        except Exception as e:  # name the input: it is the reproducer
            raise AssertionError(f"fuzz/{path.relative_to(FUZZ)}: {type(e).__name__}: {e}") from e


def test_corpus_stays_small():
    assert sum(p.stat().st_size for p in (FUZZ / "corpus").rglob("*") if p.is_file()) < 1024 * 1024


@pytest.mark.parametrize("name", TARGETS)
def test_bounded_fuzz_session(name, tmp_path):
    pytest.importorskip("atheris")
    if name == "xml":
        pytest.importorskip("lxml")
    p = subprocess.run([sys.executable, str(FUZZ / "run.py"), "-t", str(SESSION_SECONDS), "--artifacts",
                        str(tmp_path), name], capture_output=True, text=True, timeout=SESSION_SECONDS + 300)
    crashes = sorted(tmp_path.iterdir())
    assert p.returncode == 0 and not crashes, (
        f"fuzz_{name} found a crash; its input is in {crashes}:\n{p.stderr[-4000:]}")
    assert "Done" in p.stderr and "stat::number_of_executed_units" in p.stderr, p.stderr[-2000:]


# --------------------------------------------------------------------------------------------
# Properties of the JSONL reader

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)
records = st.dictionaries(st.text(max_size=10), json_values, max_size=6)


@settings(max_examples=300, deadline=None)
@given(records, st.booleans(), st.sampled_from(["\n", "\r\n", ""]))
def test_a_json_object_reads_back_as_itself(record, ascii_only, end):
    try:
        line = (json.dumps(record, ensure_ascii=ascii_only) + end).encode("utf-8")
    except UnicodeEncodeError:  # st.text() draws lone surrogates; they are refused, as tested below
        line = None
    if line is None:
        with pytest.raises(InputError, match="lone surrogate"):
            parse_jsonl_line((json.dumps(record) + end).encode(), 1)
        return
    assert parse_jsonl_line(line, 1) == record
    assert parse_jsonl_line(line, 7, "replace") == record


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200), st.integers(1, 3), st.sampled_from(["strict", "replace"]))
def test_any_bytes_give_a_record_or_an_input_error(raw, lineno, errors):
    warnings = []
    try:
        record = parse_jsonl_line(raw, lineno, errors, warnings.append)
    except InputError as e:
        assert str(e)
        return
    assert isinstance(record, dict)
    json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")  # and it can be written back
    assert bool(warnings) == (errors == "replace" and not _is_utf8(raw))


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=8), st.booleans(),
       st.integers(1, 30))
def test_lines_are_read_whole_or_as_overlong(parts, final_newline, limit):
    data = b"\n".join(parts) + (b"\n" if final_newline and parts else b"")
    lines = list(iter_lines(io.BytesIO(data), limit))
    *whole, last = data.split(b"\n")  # (bytes.splitlines would also split at \r)
    expected = [line + b"\n" for line in whole] + ([last] if last else [])
    assert [n for n, _ in lines] == list(range(1, len(expected) + 1))
    for (_, got), want in zip(lines, expected):
        if len(want) > limit:
            assert isinstance(got, Overlong) and got.size == len(want) and want.startswith(got)
            with pytest.raises(InputError, match=f"the line is {len(want):,} bytes long"):
                parse_jsonl_line(got, 1)
        else:
            assert got == want and not isinstance(got, Overlong)


# --------------------------------------------------------------------------------------------
# Properties of the XML readers: any words, correctly escaped, make a document that is read,
# corrected and written back well-formed; any damage to it is an InputError, nothing else

LETTERS = "abcdefghiklmnoprstuüöäßUI16lL &<>\"'-,.„“»«é\u0301שׁ😀"  # OCR debris, markup, other scripts
DAMAGED = ["Prufung", "fiir", "Schiler", "inder", "Integra-", "tionsplan", "Ver", "einbarung", ",", "L6sung", "-"]
WORDS = st.text(st.sampled_from(LETTERS), min_size=1, max_size=9).map(str.strip).filter(bool) \
    | st.sampled_from(DAMAGED)  # words korrektor changes, splits, joins and removes
PAGES = st.lists(st.lists(WORDS, min_size=1, max_size=5), min_size=1, max_size=4)  # lines of words


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _alto(lines) -> str:
    body = "".join(
        f'<TextLine ID="l{i}">' + "<SP/>".join(
            f'<String ID="s{i}_{j}" HPOS="{j * 100}" VPOS="{i * 50}" WIDTH="90" HEIGHT="40" CONTENT="{_esc(w)}"/>'
            for j, w in enumerate(words)) + "</TextLine>\n"
        for i, words in enumerate(lines))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout>'
            f'<Page ID="p"><PrintSpace><TextBlock ID="b">\n{body}</TextBlock></PrintSpace></Page></Layout></alto>')


def _page(lines) -> str:
    body = "".join(
        f'<TextLine id="l{i}">' + "".join(
            f'<Word id="w{i}_{j}"><Coords points="{j * 100},{i * 50} {j * 100 + 90},{i * 50 + 40}"/>'
            f"<TextEquiv><Unicode>{_esc(w)}</Unicode></TextEquiv></Word>" for j, w in enumerate(words))
        + "</TextLine>\n" for i, words in enumerate(lines))
    return ('<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page>'
            f'<TextRegion id="r">\n{body}</TextRegion></Page></PcGts>')


def _hocr(lines) -> str:
    from test_formats_util import hocr  # the format tests' page builder (it imports lxml)

    return hocr(lines)


MAKERS = {"alto": _alto, "hocr": _hocr, "page": _page}


def _words(doc) -> list[str]:
    return [w.text for page in doc.pages() for block in page.blocks for line in block.lines for w in line.words]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(MAKERS)), PAGES)
def test_any_words_make_a_document_that_is_read_and_written_back(fmt, lines):
    pytest.importorskip("lxml")
    from korrektor.formats import correct_document, load

    src = MAKERS[fmt](lines)
    doc = load(src)
    assert doc.name == fmt and _words(doc) == [w for line in lines for w in line]
    result = correct_document(src)
    again = load(result.text, fmt)  # well-formed, and still this format
    if not result.changes:
        assert result.text == src
    else:
        after = _words(again)
        assert all(c.after in after for c in result.changes if c.action != "remove")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(MAKERS)), PAGES, st.data())
def test_damaged_documents_are_an_input_error_or_read(fmt, lines, data):
    pytest.importorskip("lxml")
    from korrektor.formats import correct_bytes

    raw = MAKERS[fmt](lines).encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    cut = data.draw(st.integers(0, 8))
    junk = data.draw(st.binary(max_size=6) | st.sampled_from([b"<", b"&", b"]]>", b"<!ENTITY x 'y'>", b"\xff"]))
    damaged = raw[:at] + junk + raw[at + cut:]
    try:
        correct_bytes(damaged, data.draw(st.sampled_from([None, fmt])))
    except InputError as e:
        assert str(e).startswith("<input>")
