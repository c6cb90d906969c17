"""hOCR, ALTO and PAGE XML corrected in place, on real Tesseract output made in the test."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("lxml")

from click.testing import CliRunner  # noqa: E402
from lxml import etree  # noqa: E402

from korrektor.cli import main  # noqa: E402
from korrektor.edits import Edit  # noqa: E402
from korrektor.formats import correct_document, correct_bytes, detect, load  # noqa: E402
from korrektor.formats.common import page_text, project  # noqa: E402
from korrektor.io import InputError  # noqa: E402
from test_formats_util import (ALTO_NS, alto_to_page, alto_version, check_alto, check_page,  # noqa: E402
                               have_tesseract, hocr, page_xsd, render_page, tesseract)

needs_tesseract = pytest.mark.skipif(not have_tesseract("eng"), reason="tesseract with eng not installed")

RESTORED = ["für", "nächste", "Maßnahmen", "öffentlich", "Über"]


@pytest.fixture(scope="module")
def ocr(tmp_path_factory):
    """Tesseract's hOCR and ALTO (English model: the umlauts are lost) of a page we wrote."""
    if not have_tesseract("eng"):
        pytest.skip("tesseract with eng not installed")
    d = tmp_path_factory.mktemp("ocr")
    image = render_page(d / "page.png")
    tesseract(image, d / "out", "hocr", "alto")
    return {"hocr": (d / "out.hocr").read_text(encoding="utf-8"),
            "alto": (d / "out.xml").read_text(encoding="utf-8"), "image": image}


def _words_hocr(text):
    root = etree.fromstring(text.encode("utf-8"))
    return {el.get("id"): ("".join(el.itertext()), re.search(r"bbox [\d ]+", el.get("title")).group(0))
            for el in root.iter() if "ocrx_word" in (el.get("class") or "")}


def _word_lines(text: str, marker: str) -> dict[str, str]:
    """The source line of each word element (Tesseract writes one word per line)."""
    out = {}
    for line in text.splitlines():
        m = re.search(marker, line)
        if m:
            out[m.group(1)] = line
    return out


# --- detection and safety ------------------------------------------------------------------

def test_detect(ocr):
    assert detect(ocr["hocr"]) == "hocr"
    assert detect(ocr["alto"]) == "alto"
    assert detect(alto_to_page(ocr["alto"], "2019")) == "page"
    assert detect("Die Gemeinde plant <nicht> viel.") is None
    assert detect("<html><body><p>kein hOCR</p></body></html>") is None


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page><PrintSpace><TextBlock ID="b">
<TextLine ID="l"><String ID="s" CONTENT="&lol2;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE PcGts [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page><TextRegion id="r">
<TextLine id="l"><TextEquiv><Unicode>&xxe;</Unicode></TextEquiv></TextLine></TextRegion></Page></PcGts>"""

PARAM = """<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/x.dtd"> %remote;]>
<html xmlns="http://www.w3.org/1999/xhtml"><body><div class='ocr_page' id='p' title='bbox 0 0 9 9'>
<span class='ocr_line' id='l' title='bbox 0 0 9 9'><span class='ocrx_word' id='w' title='bbox 0 0 9 9'>fur</span>
</span></div></body></html>"""


@pytest.mark.parametrize("doc", [BOMB, XXE, PARAM], ids=["billion-laughs", "xxe", "parameter-entity"])
def test_malicious_xml_is_refused(doc, tmp_path):
    with pytest.raises(InputError, match="refused"):
        correct_document(doc)
    path = tmp_path / "evil.xml"
    path.write_text(doc, encoding="utf-8")
    out = tmp_path / "out.xml"
    r = CliRunner().invoke(main, ["correct", str(path), "-o", str(out)])
    assert r.exit_code == 2
    assert "refused" in r.output and "entit" in r.output
    assert not out.exists()


def test_undefined_entity_and_broken_xml_are_clear_errors():
    with pytest.raises(InputError, match="not well-formed"):
        correct_document("<alto xmlns='http://www.loc.gov/standards/alto/ns-v3#'><Layout>&nbsp;</Layout></alto>", "alto")
    with pytest.raises(InputError, match="not well-formed"):
        correct_document("<alto><Layout></alto>", "alto")
    with pytest.raises(InputError, match="not PAGE"):
        correct_document("<alto/>", "page")


# --- hOCR -------------------------------------------------------------------------------------

def test_hocr_from_tesseract(ocr):
    src = ocr["hocr"]
    result = correct_document(src)
    out = result.text
    before, after = _words_hocr(src), _words_hocr(out)
    assert before.keys() == after.keys()
    assert all(before[k][1] == after[k][1] for k in before), "every box stays where it was"
    texts = " ".join(t for t, _ in after.values())
    for word in RESTORED:
        assert word in texts
    old_lines, new_lines = _word_lines(src, r"id='(word_[\d_]+)'"), _word_lines(out, r"id='(word_[\d_]+)'")
    changed = {c.word_id for c in result.changes}
    assert changed and len(changed) < len(old_lines)
    for wid, line in old_lines.items():
        if wid in changed:
            assert "x_korrektor" in new_lines[wid]
            assert f'x_korrektor &quot;{before[wid][0]}&quot;' in new_lines[wid] or \
                   f'x_korrektor "{before[wid][0].replace("&", "&amp;")}"' in new_lines[wid]
        else:
            assert new_lines[wid] == line, "unchanged words stay byte-identical"
    # everything outside the changed words is untouched
    strip = lambda t: re.sub(r"<span class='ocrx_word'[^>]*>[^<]*</span>", "", t)  # noqa: E731
    assert strip(src) == strip(out)
    # a second run finds nothing more to do
    assert correct_document(out).changes == []


def test_hocr_split_and_speck_boxes():
    src = hocr([["Die", "Forde-"], ["rung", "der", "Gemeinde", "fur", "die"],
                ["Integra-"], ["tionsplane", "inder", "Stadt"], ["uber", "die", "Zukunft", "."]])
    result = correct_document(src)
    out = _words_hocr(result.text)
    # inder → in der: the box is split by character count (2 : 3), both halves on the same line
    assert out["w10"] == ("in", "bbox 225 160 265 200")
    assert out["w10_k1"] == ("der", "bbox 265 160 325 200")
    # hyphenated words keep both parts on their lines, the hyphen stays; the correction of the
    # joined word lands in the part holding the letters
    assert out["w8"][0] == "Integra-" and out["w9"][0] == "tionspläne"
    # ("Forderung"/"Förderung der Gemeinde" is a real-word choice either way)
    assert out["w2"][0] in ("Forde-", "Förde-") and out["w3"][0] == "rung"
    assert out["w6"][0] == "für"
    # the OCR speck at the end of the last line is gone, with its element
    assert "w15" not in out and out["w14"][0] == "Zukunft"
    actions = {c.action for c in result.changes}
    assert {"replace", "split", "remove"} <= actions


def _project(src: str, edits: list[Edit]):
    doc = load(src)
    page = doc.pages()[0]
    info = page_text(page)
    for e in edits:
        assert info.text[e.start:e.end] == e.before, (info.text, e)
    return doc, page, info, project(page, info, edits)


def test_projection_join_unions_boxes():
    src = hocr([["eine", "Ver", "einbarung", "mit"]])
    text = "eine Ver einbarung mit"
    i = text.index("Ver einbarung")
    edits = [Edit(i, i + len("Ver einbarung"), "Ver einbarung", "Vereinbarung", "word", "join_words", 0.9)]
    doc, page, info, changes = _project(src, edits)
    (change,) = changes
    words = [(w.text, w.box) for w in change.words]
    assert words[1] == ("Vereinbarung", (105.0, 10.0, 360.0, 50.0))  # union of both boxes
    assert [w.text for w in change.removed] == ["einbarung"]
    out = correct_document(src, config=None).text  # korrektor itself joins them the same way
    assert "bbox 105 10 360 50; x_wconf 90; x_korrektor &quot;Ver einbarung&quot;" in out or \
        "bbox 105 10 360 50; x_wconf 90; x_korrektor \"Ver einbarung\"" in out
    assert ">Vereinbarung</span>" in out and "id='w3'" not in out
    from korrektor.formats._xml import splice
    result = _words_hocr(splice(src, doc.render_line(change)))
    assert result["w2"] == ("Vereinbarung", "bbox 105 10 360 50")
    assert "w3" not in result and result["w4"][0] == "mit"


def test_projection_hyphen_join_keeps_lines():
    src = hocr([["die", "Forde-"], ["rung", "ist"]])
    text = "die Forde-\nrung ist"
    s = text.index("Forde-")
    edits = [Edit(s, s + len("Forde-\nrung"), "Forde-\nrung", "Förderung", "hyphenation+word", "x", 0.8)]
    _, _, _, changes = _project(src, edits)
    got = {w.text for c in changes for w in c.words if w.changed}
    assert got == {"Förde-"}  # the hyphen and the line break stay; "rung" is unchanged
    edits = [Edit(s + 5, s + 7, "-\n", "", "hyphenation", "join_hyphenated_word", 0.99)]
    _, _, _, changes = _project(src, edits)
    assert changes == []  # a pure hyphenation join changes nothing in a file that keeps its lines


def test_projection_merge_and_split_many_to_many():
    src = hocr([["ind", "erStadt"]])
    edits = [Edit(0, 11, "ind erStadt", "in der Stadt", "word", "x", 0.7)]
    _, _, _, (change,) = _project(src, edits)
    assert [w.text for w in change.words] == ["in", "der", "Stadt"]
    boxes = [w.box for w in change.words]
    assert boxes[0][0] == 10 and boxes[-1][2] == 10 + 60 + 15 + 140
    assert all(b[0] <= b[2] for b in boxes)
    assert [w.reuse is not None for w in change.words] == [True, True, False]


# --- ALTO ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("version", [2, 3, 4])
def test_alto_versions(ocr, version):
    src = alto_version(ocr["alto"], version)
    assert check_alto(src) == []
    result = correct_document(src)
    out = result.text
    assert result.format == "alto" and check_alto(out) == []
    ns = ALTO_NS[version]
    old = {s.get("ID"): s for s in etree.fromstring(src.encode()).iter(f"{{{ns}}}String")}
    new = {s.get("ID"): s for s in etree.fromstring(out.encode()).iter(f"{{{ns}}}String")}
    assert old.keys() == new.keys()
    for sid, s in new.items():
        o = old[sid]
        assert [s.get(a) for a in ("HPOS", "VPOS", "WIDTH", "HEIGHT", "WC")] == \
               [o.get(a) for a in ("HPOS", "VPOS", "WIDTH", "HEIGHT", "WC")]
        if s.get("CONTENT") != o.get("CONTENT"):
            alt = s.find(f"{{{ns}}}ALTERNATIVE")
            assert alt is not None and alt.text == o.get("CONTENT")
            if version == 2:
                assert s.get("CS") is None and s.getparent().get("CS") == "true"
            else:
                assert s.get("CS") == "true"
    contents = " ".join(s.get("CONTENT") for s in new.values())
    for word in RESTORED:
        assert word in contents
    old_lines = _word_lines(src, r'<String ID="(string_\d+)"')
    new_lines = _word_lines(out, r'<String ID="(string_\d+)"')
    changed = {c.word_id for c in result.changes}
    assert all(new_lines[k] == v for k, v in old_lines.items() if k not in changed)


ALTO_HYP = """<?xml version="1.0" encoding="ISO-8859-1"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">
<Layout><Page ID="p" WIDTH="900" HEIGHT="300" PHYSICAL_IMG_NR="1"><PrintSpace HPOS="0" VPOS="0" WIDTH="900" HEIGHT="300">
<TextBlock ID="b1" HPOS="10" VPOS="10" WIDTH="800" HEIGHT="100">
<TextLine ID="l1" HPOS="10" VPOS="10" WIDTH="800" HEIGHT="40"><String ID="s1" HPOS="10" VPOS="10" WIDTH="60" HEIGHT="40" CONTENT="Die"/><SP WIDTH="10" HPOS="70" VPOS="10"/><String ID="s2" HPOS="80" VPOS="10" WIDTH="120" HEIGHT="40" CONTENT="grosse"/><SP WIDTH="10" HPOS="200" VPOS="10"/><String ID="s3" HPOS="210" VPOS="10" WIDTH="150" HEIGHT="40" CONTENT="Forde" SUBS_TYPE="HypPart1" SUBS_CONTENT="Förderung"><Glyph ID="g1" HPOS="210" VPOS="10" WIDTH="30" HEIGHT="40" CONTENT="F"/></String><HYP CONTENT="-" HPOS="360" VPOS="10" WIDTH="10"/></TextLine>
<TextLine ID="l2" HPOS="10" VPOS="60" WIDTH="800" HEIGHT="40"><String ID="s4" HPOS="10" VPOS="60" WIDTH="80" HEIGHT="40" CONTENT="rung" SUBS_TYPE="HypPart2" SUBS_CONTENT="Förderung"/><SP WIDTH="10" HPOS="90" VPOS="60"/><String ID="s5" HPOS="100" VPOS="60" WIDTH="60" HEIGHT="40" CONTENT="fur"/><SP WIDTH="10" HPOS="160" VPOS="60"/><String ID="s6" HPOS="170" VPOS="60" WIDTH="100" HEIGHT="40" CONTENT="Bürger."/></TextLine>
</TextBlock></PrintSpace></Page></Layout></alto>
"""


def test_alto_hyp_glyphs_and_encoding(tmp_path):
    data = ALTO_HYP.encode("iso-8859-1")
    out, result = correct_bytes(data, name="hyp.xml")
    assert out.startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?>')
    text = out.decode("iso-8859-1")
    assert check_alto(text) == []
    root = etree.fromstring(out)
    ns = ALTO_NS[4]
    s = {e.get("ID"): e for e in root.iter(f"{{{ns}}}String")}
    assert s["s5"].get("CONTENT") == "für"
    assert root.find(f".//{{{ns}}}HYP") is not None  # the printed hyphen stays
    assert s["s4"].get("CONTENT") == "rung"
    # a changed word loses Glyphs that no longer match it
    if s["s3"].get("CONTENT") != "Forde":
        assert s["s3"].find(f"{{{ns}}}Glyph") is None
    assert '<String ID="s1" HPOS="10" VPOS="10" WIDTH="60" HEIGHT="40" CONTENT="Die"/>' in text


# --- PAGE ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("version,prefix", [("2013", False), ("2019", True)])
def test_page_versions(ocr, version, prefix):
    src = alto_to_page(ocr["alto"], version, prefix=prefix)
    assert check_page(src) == []
    result = correct_document(src)
    out = result.text
    assert result.format == "page" and check_page(out) == []
    schema = page_xsd()
    if schema is not None and version == "2019":
        assert schema.validate(etree.fromstring(out.encode())), schema.error_log
    root = etree.fromstring(out.encode())
    ns = root.tag[1:].partition("}")[0]
    q = lambda n: f"{{{ns}}}{n}"  # noqa: E731
    old_root = etree.fromstring(src.encode())
    old_words = {w.get("id"): w for w in old_root.iter(q("Word"))}
    changed = 0
    for w in root.iter(q("Word")):
        o = old_words[w.get("id")]
        assert w.find(q("Coords")).get("points") == o.find(q("Coords")).get("points")
        eqs = w.findall(q("TextEquiv"))
        old_text = o.find(q("TextEquiv")).find(q("Unicode")).text
        if len(eqs) == 2:
            changed += 1
            assert eqs[0].get("index") == "1" and 0 <= float(eqs[0].get("conf")) <= 1
            assert eqs[1].get("index") == "2" and eqs[1].find(q("Unicode")).text == old_text
            assert eqs[1].get("conf") == o.find(q("TextEquiv")).get("conf")
        else:
            assert eqs[0].find(q("Unicode")).text == old_text
    assert changed >= 5
    # line and region texts follow their words
    for line in root.iter(q("TextLine")):
        words = " ".join(w.find(q("TextEquiv")).find(q("Unicode")).text for w in line.findall(q("Word")))
        assert line.find(q("TextEquiv")).find(q("Unicode")).text == words
    region_text = "\n".join(u.text for u in root.iterfind(f".//{q('TextRegion')}/{q('TextEquiv')}/{q('Unicode')}"))
    for word in RESTORED:
        assert word in region_text


def test_page_line_level(ocr):
    src = alto_to_page(ocr["alto"], "2019", words=False)
    result = correct_document(src)
    assert check_page(result.text) == []
    root = etree.fromstring(result.text.encode())
    ns = root.tag[1:].partition("}")[0]
    lines = root.findall(f".//{{{ns}}}TextLine")
    first = lines[0].findall(f"{{{ns}}}TextEquiv")
    assert "für" in first[0].find(f"{{{ns}}}Unicode").text and first[0].get("index") == "1"
    assert "fur" in first[1].find(f"{{{ns}}}Unicode").text and first[1].get("index") == "2"


# --- command line -----------------------------------------------------------------------------

def test_cli_correct_hocr_alto_page(ocr, tmp_path):
    runner = CliRunner()
    for name, text in [("page.hocr", ocr["hocr"]), ("page.xml", ocr["alto"]),
                       ("page.page.xml", alto_to_page(ocr["alto"], "2019"))]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        out = tmp_path / ("out-" + name)
        r = runner.invoke(main, ["correct", str(path), "-o", str(out)])
        assert r.exit_code == 0, r.output
        assert "für" in out.read_text(encoding="utf-8")
        r = runner.invoke(main, ["correct", str(path), "--format", "json"])
        assert r.exit_code == 0
        assert '"after": "für"' in r.stdout
    # --input-format text treats the file as plain text
    r = runner.invoke(main, ["correct", str(tmp_path / "page.hocr"), "--input-format", "text", "--no-words"])
    assert r.exit_code == 0 and "ocr_page" in r.stdout
    # a wrong explicit format is a clear error
    r = runner.invoke(main, ["correct", str(tmp_path / "page.hocr"), "--input-format", "alto"])
    assert r.exit_code == 2 and "not ALTO" in r.output
    # plain text still works as before
    plain = tmp_path / "plain.txt"
    plain.write_text("Die Gemeinde plant fur das nachste Jahr.\n", encoding="utf-8")
    r = runner.invoke(main, ["correct", str(plain)])
    assert r.exit_code == 0 and "für das nächste" in r.stdout


# --- what fuzzing found (fuzz/): each a clear InputError or a correct answer, not a crash --------

def _alto_with(string: str, enc: str = "UTF-8") -> str:
    return (f'<?xml version="1.0" encoding="{enc}"?><alto xmlns="{ALTO_NS[3]}"><Layout><Page><PrintSpace>'
            f'<TextBlock ID="b"><TextLine ID="l">{string}</TextLine></TextBlock></PrintSpace></Page></Layout></alto>')


@pytest.mark.parametrize("data, message", [
    # a UTF-16 file cut in the middle of a character (was: UnicodeDecodeError)
    ("<alto/>".encode("utf-16") + b"<", r"not valid utf-16: byte 0x3c at offset 16 \(line 1\): truncated data"),
    # a declaration naming a Python codec that is no character set (was: UnicodeError)
    (_alto_with("", "undefined").encode(), "unknown encoding 'undefined'"),
    (_alto_with("", "idna").encode(), "unknown encoding 'idna'"),
    # words nested in words, or pages in pages, would be rewritten twice (was: ValueError: overlapping changes)
    (b"<html><body><div class='ocr_page'><span class='ocr_line'><span class='ocrx_word' id='a'>fiir "
     b"<span class='ocrx_word' id='b'>Schiler</span></span></span></div></body></html>",
     r"<input>, line 1: the word 'b' is inside another word \('a'\)"),
    (b"<html><body><div class='ocr_page'><p class='ocr_par'><p class='ocr_par'><span class='ocr_line'>"
     b"<span class='ocrx_word' id='w'>fiir</span></span></p></p></div></body></html>", "the word 'w' belongs to two"),
    (_alto_with('<String ID="s" CONTENT="fiir"/>').replace("<Page>", "<Page><Page>").replace("</Page>", "</Page></Page>")
     .encode(), "the word 's' belongs to two lines or pages"),
    # a line inside another line, as an unclosed span makes one (was: ValueError: overlapping changes)
    (b"<html><body><div class='ocr_page'><span class='ocr_line' id='l1'><span>"
     b"<span class='ocrx_word' id='a'>,</span><span class='ocr_line' id='l2'>Uberschrift</span>"
     b"<span class='ocrx_word' id='b'>,</span></span></span></div></body></html>",
     r"the line 'l2' is inside another line \('l1'"),
    # with a DOCTYPE, libxml2 only warns about an undeclared entity, drops it from an attribute and
    # lets a bad namespace pass: the output was then not well-formed (was: accepted)
    (b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd"><html xmlns="a b"><body>'
     b"<div class='ocr_page' title='bbox 0 0 9 9&lol;'><span class='ocrx_word'>fiir</span></div></body></html>",
     r"line 1: refused: unresolved entity reference \(Entity 'lol' not defined\)"),
], ids=["truncated-utf-16", "codec-undefined", "codec-idna", "hocr-word-in-word", "hocr-par-in-par", "alto-page-in-page",
        "hocr-line-in-line", "entity-in-attribute"])
def test_fuzz_found_errors_are_input_errors(data, message):
    with pytest.raises(InputError, match=message):
        correct_bytes(data)


@pytest.mark.parametrize("string", [
    # coordinates that are no page's: splitting the word's box made NaN of them
    # (was: ValueError: cannot convert float NaN to integer)
    '<String ID="s" HPOS="inf" VPOS="0" WIDTH="10" HEIGHT="10" CONTENT="Er ging inder Stadt"/>',
    '<String ID="s" HPOS="1e308" VPOS="0" WIDTH="1e308" HEIGHT="nan" CONTENT="Er ging inder Stadt"/>',
], ids=["inf", "overflow"])
def test_implausible_alto_coordinates_are_no_box(string):
    out, result = correct_bytes(_alto_with(string).encode())
    assert {c.action for c in result.changes} == {"split"} and all(c.box is None for c in result.changes)
    assert load(out.decode(), "alto").pages()  # written back well-formed


@pytest.mark.parametrize("coords, index", [
    ('points="1"', "²"),                 # a point without its comma (was: IndexError); "²".isdigit() (ValueError)
    ('points="  "', "9" * 5000),          # no points at all (was: ValueError from min()); too many digits
    ('points="0,0 nan,inf"', "-1"),
], ids=["no-comma", "no-points", "not-finite"])
def test_page_with_odd_coords_and_index_is_read(coords, index):
    doc = (f'<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page>'
           f'<TextRegion id="r"><TextLine id="l"><Word id="w"><Coords {coords}/>'
           f'<TextEquiv index="{index}"><Unicode>fiir</Unicode></TextEquiv></Word></TextLine></TextRegion></Page></PcGts>')
    out, result = correct_bytes(doc.encode())
    assert [(c.before, c.after, c.box) for c in result.changes] == [("fiir", "für", None)]
    assert load(out.decode(), "page").pages()  # written back well-formed


@pytest.mark.parametrize("bom, codec", [(b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")])
def test_utf16_keeps_its_byte_order(bom, codec):
    for word, changed in (("gut", False), ("fiir", True)):
        data = bom + _alto_with(f'<String ID="s" CONTENT="{word}"/>', "UTF-16").encode(codec)
        out, result = correct_bytes(data)
        assert bool(result.changes) == changed
        assert out == data if not changed else out.startswith(bom) and "für" in out[2:].decode(codec)


def test_hocr_detached_opening_quote_joins_its_word():
    # attach_detached_openers: a comma read apart from the word it opens, with the closer after it,
    # was deleted as a speck, and the PDF text layer read "statt. Wir müssen … schützen“"
    src = hocr([["Er", "sagte", "statt."], [",", "Wir", "müssen", "die", "Umwelt"], ["schützen“,", "sagte", "er."]])
    out = _words_hocr(correct_document(src).text)
    assert out["w4"] == ("„Wir", "bbox 10 60 105 100")  # the comma's box and the word's, one word
    assert "w5" not in out and out["w9"][0] == "schützen“,"
