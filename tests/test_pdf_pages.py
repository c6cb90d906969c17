"""bench/pdf_pages.py: the sources it writes for LaTeX, LibreOffice and groff set exactly the ground
truth (special characters escaped, paragraphs kept), the layouts are spread evenly, and the records
are what bench/accuracy.py reads. The producers themselves (pdflatex, soffice, groff) and the
extractors are Debian packages CI does not have: the tests that run them skip without them."""

import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import load_bench_script

SPECIAL = "Preis 50 % & $ 3 # 1 a_b {x} ~ ^ \\ 'x' `y` a--b ,,c <<d>> | „Zitat“ ‚ein‘ »Buch« ›x‹ … € 5 °C · – — ’ ”"
TEXT = ("Die Straße führt über die Brücke.  Sie ist\nlang.\n\n\n"
        ".Punkt am Anfang und 'Apostroph' – „Zitat“.\n\n" + SPECIAL)


@pytest.fixture(scope="module")
def pp():
    return load_bench_script("pdf_pages")


def test_typeset_text_is_paragraphs_with_single_spaces(pp):
    assert pp.typeset_text(TEXT) == ("Die Straße führt über die Brücke. Sie ist lang.\n\n"
                                     ".Punkt am Anfang und 'Apostroph' – „Zitat“.\n\n" + SPECIAL)
    assert pp.paragraphs("  \n\n ") == []


def test_typeset_text_sets_german_quotes_and_the_ellipsis(pp):
    assert pp.typeset_text('Er sagte "ja" und "nein"...\n\nEin "Zoll\u00a0mehr.') == (
        "Er sagte „ja“ und „nein“…\n\nEin \"Zoll mehr.")


def test_settable_refuses_characters_a_producer_would_change(pp):
    assert pp.settable(pp.typeset_text(TEXT)) and pp.settable(pp.typeset_text('Er sagte "ja".'))
    assert not pp.settable(pp.typeset_text('Ein " allein'))  # babel's shorthand; OT1 sets ”
    assert not pp.settable("Ελλάδα")


def test_latex_escape_sets_every_special_character_as_itself(pp):
    src = pp.latex_escape(SPECIAL, "T1")
    # no special character is left bare: strip the commands and braces LaTeX reads as commands
    bare = re.sub(r"\\[A-Za-z]+\{\}|\\[#$%&_{}]|\{\}", "", src)
    assert not set(bare) & set("\\{}#$%&_~^'`<>|")
    assert "a-{}-b" in src and ",{}," in src  # the --- and ,, ligatures broken
    assert r"50 \% \& \$ 3 \# 1 a\_b \{x\}" in src
    assert "„Zitat“ ‚ein‘ »Buch«" in src  # T1 has them: UTF-8 for inputenc
    assert r"\textellipsis{}" in src and r"\texteuro{}" in src


def test_latex_escape_ot1_writes_babels_quotes(pp):
    src = pp.latex_escape("„Zitat“ ‚ein‘ »Buch« «x»", "OT1")
    assert src == r"\glqq{}Zitat\grqq{} \glq{}ein\grq{} \frqq{}Buch\flqq{} \flqq{}x\frqq{}"


def test_latex_source_has_the_paragraphs_the_encoding_and_the_furniture(pp):
    text = pp.typeset_text(TEXT)
    with_headers = pp.Layout("latex-ot1", 2, True, title="Nachrichten · Österreich", date="Freitag, 15. November 2015")
    src = pp.latex_source(text, with_headers)
    assert r"\usepackage[OT1]{fontenc}" in src and r"\usepackage[ngerman]{babel}" in src
    assert "twocolumn" in src and r"\pagestyle{fancy}" in src
    assert "Nachrichten \\textperiodcentered{} Österreich" in src and "Freitag, 15. November 2015" in src
    body = src.split("\\begin{document}\n", 1)[1].split("\\end{document}")[0]
    assert body.strip().split("\n\n") == [pp.latex_escape(p, "OT1") for p in text.split("\n\n")]
    plain = pp.latex_source(text, pp.Layout("latex-t1", 1, False))
    assert r"\usepackage[T1]{fontenc}" in plain and "lmodern" in plain
    assert r"\pagestyle{empty}" in plain and "twocolumn" not in plain and "fancyhead" not in plain


def test_fodt_source_is_xml_whose_paragraphs_are_the_ground_truth(pp):
    text = pp.typeset_text(TEXT + " <b>&amp;</b>")
    layout = pp.Layout("writer", 2, True, title="Wirtschaft · Märkte & Unternehmen", date="Montag, 1. März 2010")
    root = ET.fromstring(pp.fodt_source(text, layout).encode("utf-8"))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
          "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"}
    body = root.find("office:body/office:text", ns)
    assert "\n\n".join("".join(p.itertext()) for p in body.findall("text:p", ns)) == text
    fo = "{%s}" % ns["fo"]
    cols = root.find(".//style:columns", ns)
    assert cols.get(fo + "column-count") == "2"
    default = root.find(".//style:default-style/style:text-properties", ns)
    props = (default.get(fo + "language"), default.get(fo + "country"), default.get(fo + "hyphenate"))
    assert props == ("de", "DE", "true")
    header = "".join(root.find(".//style:header", ns).itertext())
    assert "Wirtschaft · Märkte & Unternehmen" in header and "Montag, 1. März 2010" in header
    assert root.find(".//text:page-number", ns) is not None
    bare = ET.fromstring(pp.fodt_source(text, pp.Layout("writer", 1, False)).encode("utf-8"))
    assert bare.find(".//style:header", ns) is None and bare.find(".//text:page-number", ns) is None


def test_groff_escape_and_source(pp):
    assert pp.groff_escape(".Punkt") == r"\&.Punkt"
    assert pp.groff_escape("'x' `y` a\\b ~^") == r"\[aq]x\[aq] \[ga]y\[ga] a\eb \[ti]\[ha]"
    text = pp.typeset_text(TEXT)
    layout = pp.Layout("groff", 2, True, title="Politik · Bundesländer", date="Ausgabe 3 · 17.01.2001")
    src = pp.groff_source(text, layout)
    lines = src.splitlines()
    assert ".2C" in lines and ".P1" in lines and ".ds LH Politik · Bundesländer" in lines
    body = lines[lines.index(".LP") + 1:]
    pars = [line for line in body if not line.startswith(".")]
    assert pars == [pp.groff_escape(p) for p in text.split("\n\n")]
    assert all(not line.startswith((".", "'")) or line in (".2C", ".PP") for line in body)
    plain = pp.groff_source(text, pp.Layout("groff", 1, False)).splitlines()
    assert ".2C" not in plain and ".P1" not in plain and ".ds LH " in plain and ".ds CF " in plain


def test_layouts_spread_producers_and_columns_evenly(pp):
    plan = pp.layouts([f"p{i}" for i in range(48)])
    counts = {}
    for lay in plan:
        counts[lay.key] = counts.get(lay.key, 0) + 1
    assert len(counts) == 8 and set(counts.values()) == {6}
    for key in counts:
        headers = [lay.headers for lay in plan if lay.key == key]
        assert headers.count(True) == 4  # two in three with headers
    assert all(lay.title and re.search(r"\d{4}$", lay.date) for lay in plan)
    assert plan == pp.layouts([f"p{i}" for i in range(48)])
    assert {lay.producer for lay in pp.layouts(["a", "b", "c"], producers=("groff",))} == {"groff"}


def test_records_are_what_accuracy_reads(pp, tmp_path):
    page = {"id": "modern:x:1", "text": "Ein Absatz\nmit Zeilen.\n\nZwei.", "source": "encyclopedia", "doc_id": "x"}
    layout = pp.Layout("latex-t1", 2, True, title="T", date="D")
    pdf = tmp_path / "pdf" / "000-latex-t1-2col.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.4\n")
    doc, pairs = pp.records(page, layout, pdf, {"pdftotext": "Ein Ab-\nsatz", "mutool": "x"}, tmp_path)
    assert doc["text"] == "Ein Absatz mit Zeilen.\n\nZwei." and doc["pdf"] == "pdf/000-latex-t1-2col.pdf"
    assert [p["lang"] for p in pairs] == [p["extractor"] for p in pairs] == ["pdftotext", "mutool"]
    assert all(p["gt"] == doc["text"] and p["degradation"]["level"] == "latex-t1/2col" for p in pairs)
    assert pairs[0]["ocr"] == "Ein Ab-\nsatz" and pairs[0]["headers"] is True and pairs[0]["columns"] == 2
    assert json.loads(json.dumps(pairs[0], ensure_ascii=False)) == pairs[0]


def test_a_missing_tool_names_its_packages(pp, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pp.ToolMissing, match="apt-get install libreoffice-writer-nogui hyphen-de"):
        pp.check_tools(["writer"], [])
    assert pp.main(["--out", "/nonexistent/never", "--producers", "groff"]) == 2


@pytest.mark.parametrize("producer", ["latex-ot1", "latex-t1", "writer", "groff"])
def test_the_producer_sets_the_text_over_two_pages(pp, tmp_path, producer):
    """With the tools installed: a page of text spans two PDF pages, and pdftotext reads the
    special characters back as written (but for what OT1 and LaTeX's ellipsis change)."""
    try:
        pp.check_tools([producer], ["pdftotext"])
    except pp.ToolMissing as exc:
        pytest.skip(str(exc))
    sentence = "Die Verwaltung prüft die Anträge der Gemeinden sorgfältig und entscheidet binnen dreier Monate. "
    text = pp.typeset_text("\n\n".join(sentence * 6 for _ in range(6)) + "\n\n" + SPECIAL)
    (tmp_path / "pdf").mkdir()
    layout = pp.Layout(producer, 1, True, title="Politik · Bundesländer", date="Freitag, 15. November 2015")
    pdf = pp.PRODUCE[producer](text, layout, tmp_path / "pdf" / f"000-{producer}")
    assert pp.pdf_pages(pdf) >= 2
    got = " ".join(pp.extract_pdftotext(pdf).split())
    assert "15. November 2015" in got
    if producer != "latex-ot1":
        want = SPECIAL.replace("…", ". . ." if producer == "latex-t1" else "…")
        assert want in got


def test_pages_come_from_held_out_documents_and_are_settable(pp, tmp_path, monkeypatch):
    pytest.importorskip("lxml")  # corpus_pages shares outside_pages's helpers
    from test_corpus_pages import write_corpus

    corpus = pp._bench_module("corpus_pages").corpus
    for file in ("wikipedia-de-2021.jsonl.gz", "klexikon-2021.jsonl.gz", "legal-de-bundesrecht-2022.jsonl.gz"):
        write_corpus(tmp_path, file, corpus, 3)
    shares = (("modern", 0.5), ("law-de", 0.5))
    chosen = pp.choose_pages(6, collections=shares, corpus_dir=tmp_path)
    assert len(chosen) == 6 and all(" held " in p["text"] and " used " not in p["text"] for p in chosen)
    assert sorted(p["id"].split(":")[0] for p in chosen) == ["law-de"] * 3 + ["modern"] * 3
    assert chosen == pp.choose_pages(6, collections=shares, corpus_dir=tmp_path)
    monkeypatch.setattr(pp, "settable", lambda text: "doc0 " not in text)  # a character no producer sets
    assert all("doc0 " not in p["text"] for p in pp.choose_pages(6, collections=shares, corpus_dir=tmp_path))
