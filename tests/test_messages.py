"""Error messages say what is wrong in the user's terms, and name each place once."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from korrektor.cli import main
from korrektor.io import InputError, text_field


@pytest.mark.parametrize("value, message", [
    (5, "the record holds a number, not a string, in its field 'text'"),
    (2.5, "the record holds a number, not a string, in its field 'text'"),
    (True, "the record holds a boolean (true), not a string, in its field 'text'"),
    (False, "the record holds a boolean (false), not a string, in its field 'text'"),
    (["Die", "Prufung"], "the record holds an array, not a string, in its field 'text'"),
    ({"de": "x"}, "the record holds an object, not a string, in its field 'text'"),
    (None, "the record holds null, not a string, in its field 'text'"),
])
def test_a_field_that_is_no_string_is_named_in_json_terms(value, message):
    with pytest.raises(InputError) as e:
        text_field({"text": value}, "text")
    assert str(e.value) == message


def test_eval_names_the_file_and_line_of_a_bad_record_once(tmp_path):
    src = tmp_path / "pairs.jsonl"
    src.write_text(json.dumps({"ocr": "a", "gt": "b"}) + "\n" + json.dumps({"ocr": 5, "gt": "b"}) + "\n",
                   encoding="utf-8")
    r = CliRunner().invoke(main, ["eval", str(src)])
    assert r.exit_code == 2
    assert r.output == (f"korrektor: error: {src}, line 2: the record holds a number, not a string, "
                        "in its field 'ocr'\n")
    r = CliRunner().invoke(main, ["eval", "-"], input=src.read_text(encoding="utf-8"))
    assert r.output.startswith("korrektor: error: <stdin>, line 2: the record holds")


@pytest.mark.parametrize("document, message", [
    # libxml2 says "…: span line 2 and div, line 2, column 70" after korrektor's "line 2:"
    ("<html><body>\n<div class='ocr_page'><span class='ocr_line'><span class='ocrx_word'>fur</span></div>\n"
     "</body></html>",
     "line 2, column 86: not well-formed XML: Opening and ending tag mismatch: <span> from line 2 and </div>"),
    ("<html><body>\n<div class='ocr_page'>\n<span class='ocrx_word'>fur</span>",
     "line 3, column 35: not well-formed XML: Premature end of data in tag <div> from line 2"),
    ("<alto xmlns='http://www.loc.gov/standards/alto/ns-v3#'>\n<Layout x=1/></alto>",
     "line 2, column 11: not well-formed XML: AttValue: \" or ' expected"),
], ids=["tag-mismatch", "premature-end", "attribute"])
def test_an_xml_syntax_error_names_its_place_once(tmp_path, document, message):
    pytest.importorskip("lxml")
    src = tmp_path / "page.xml"
    src.write_text(document, encoding="utf-8")
    r = CliRunner().invoke(main, ["correct", str(src), "--input-format", "alto" if "alto" in document else "hocr"])
    assert r.exit_code == 2
    assert r.output == f"korrektor: error: {src}, {message}\n"
    assert r.output.count(", column") == 1
