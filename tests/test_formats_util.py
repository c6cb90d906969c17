"""Helpers for the format tests: render a German page we wrote, OCR it with Tesseract, make PAGE XML
from Tesseract's ALTO, and check the structure the ALTO/PAGE schemas prescribe (the official XSDs
cannot be downloaded at test time and no small package ships them; see docs/formats.md)."""

from __future__ import annotations

import shutil
import subprocess
from html import escape
from pathlib import Path

from lxml import etree

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

# Our own text (not from any corpus): umlauts and ß that Tesseract's English model loses.
PAGE_TEXT = """Die Gemeinde plant für das nächste Jahr
eine größere Förderung der Bürgerhäuser.
Über die Maßnahmen berät der Ausschuss
am Dienstag; die Sitzung ist öffentlich."""

PAGE_NS = {"2013": "http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15",
           "2019": "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"}
ALTO_NS = {2: "http://www.loc.gov/standards/alto/ns-v2#", 3: "http://www.loc.gov/standards/alto/ns-v3#",
           4: "http://www.loc.gov/standards/alto/ns-v4#"}


def have_tesseract(lang: str = "eng") -> bool:
    if not shutil.which("tesseract"):
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return lang in out.stdout.split()


def render_page(path: Path, text: str = PAGE_TEXT, size: int = 40) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, size)
    lines = text.split("\n")
    img = Image.new("L", (1500, 80 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((60, 40 + 70 * i), line, font=font, fill=0)
    img.save(path, dpi=(300, 300))
    return path


def tesseract(image: Path, base: Path, *configs: str, lang: str = "eng") -> None:
    subprocess.run(["tesseract", str(image), str(base), "-l", lang, *configs], check=True,
                   capture_output=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})


def alto_version(alto: str, version: int) -> str:
    """Tesseract writes ALTO v3; the same document in the v2 or v4 namespace."""
    return alto.replace(ALTO_NS[3], ALTO_NS[version]).replace(
        "http://www.loc.gov/alto/v3/alto-3-0.xsd", f"http://www.loc.gov/alto/v{version}/alto-{version}-0.xsd")


def alto_to_page(alto: str, version: str, prefix: bool = False, words: bool = True) -> str:
    """PAGE XML with Tesseract's regions, lines, words and boxes (ALTO → PAGE)."""
    root = etree.fromstring(alto.encode("utf-8"))
    a = root.tag[1:].partition("}")[0]
    q = lambda n: f"{{{a}}}{n}"  # noqa: E731
    ns = PAGE_NS[version]
    p = (lambda n: f"pc:{n}") if prefix else (lambda n: n)

    def pts(el):
        x, y = int(float(el.get("HPOS"))), int(float(el.get("VPOS")))
        w, h = int(float(el.get("WIDTH"))), int(float(el.get("HEIGHT")))
        return f"{x},{y} {x + w},{y} {x + w},{y + h} {x},{y + h}"

    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    page = root.find(f".//{q('Page')}")
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    xmlns = f'xmlns:pc="{ns}"' if prefix else f'xmlns="{ns}"'
    out.append(f'<{p("PcGts")} {xmlns}>\n')
    out.append(f'  <{p("Metadata")}>\n    <{p("Creator")}>korrektor tests</{p("Creator")}>\n'
               f'    <{p("Created")}>2024-01-01T00:00:00</{p("Created")}>\n'
               f'    <{p("LastChange")}>2024-01-01T00:00:00</{p("LastChange")}>\n  </{p("Metadata")}>\n')
    out.append(f'  <{p("Page")} imageFilename="page.png" imageWidth="{page.get("WIDTH")}" '
               f'imageHeight="{page.get("HEIGHT")}">\n')
    for bi, block in enumerate(root.iter(q("TextBlock"))):
        out.append(f'    <{p("TextRegion")} id="r{bi}">\n      <{p("Coords")} points="{pts(block)}"/>\n')
        line_texts = []
        for li, line in enumerate(block.iter(q("TextLine"))):
            out.append(f'      <{p("TextLine")} id="r{bi}l{li}">\n        <{p("Coords")} points="{pts(line)}"/>\n')
            strings = list(line.iter(q("String")))
            text = " ".join(s.get("CONTENT") for s in strings)
            line_texts.append(text)
            if words:
                for wi, s in enumerate(strings):
                    out.append(f'        <{p("Word")} id="r{bi}l{li}w{wi}">\n'
                               f'          <{p("Coords")} points="{pts(s)}"/>\n'
                               f'          <{p("TextEquiv")} conf="{s.get("WC")}">\n'
                               f'            <{p("Unicode")}>{esc(s.get("CONTENT"))}</{p("Unicode")}>\n'
                               f'          </{p("TextEquiv")}>\n        </{p("Word")}>\n')
            out.append(f'        <{p("TextEquiv")}>\n          <{p("Unicode")}>{esc(text)}</{p("Unicode")}>\n'
                       f'        </{p("TextEquiv")}>\n      </{p("TextLine")}>\n')
        out.append(f'      <{p("TextEquiv")}>\n        <{p("Unicode")}>{esc(chr(10).join(line_texts))}'
                   f'</{p("Unicode")}>\n      </{p("TextEquiv")}>\n    </{p("TextRegion")}>\n')
    out.append(f'  </{p("Page")}>\n</{p("PcGts")}>\n')
    return "".join(out)


def hocr(lines: list[list[str]]) -> str:
    """A small hOCR page with the given lines of words (escaped) on a regular grid (20 px per character)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">\n<body>\n'
           "<div class='ocr_page' id='page_1' title='bbox 0 0 2000 1000'>\n<p class='ocr_par' id='par_1'>"]
    y, n = 10, 0
    for li, words in enumerate(lines):
        out.append(f"\n <span class='ocr_line' id='line_{li}' title='bbox 10 {y} 1900 {y + 40}'>")
        x = 10
        for w in words:
            n += 1
            wd = len(w) * 20
            out.append(f"\n  <span class='ocrx_word' id='w{n}' title='bbox {x} {y} {x + wd} {y + 40}; "
                       f"x_wconf 90'>{escape(w, quote=False)}</span>")
            x += wd + 15
        out.append("\n </span>")
        y += 50
    out.append("\n</p>\n</div>\n</body>\n</html>\n")
    return "".join(out)


# --- structural checks (what the schemas require of the parts korrektor writes) --------------

def local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _order_ok(el, order: list[str]) -> bool:
    rank = {n: i for i, n in enumerate(order)}
    seq = [rank.get(local(c.tag), -1) for c in el if isinstance(c.tag, str)]
    return -1 not in seq and seq == sorted(seq)


def check_alto(text: str) -> list[str]:
    """Problems with the ALTO structure korrektor touches (String, SP, HYP, ALTERNATIVE, CS)."""
    root = etree.fromstring(text.encode("utf-8"))
    ns = root.tag[1:].partition("}")[0]
    v2 = "ns-v2#" in ns
    problems = []
    ids = [el.get("ID") for el in root.iter() if el.get("ID")]
    if len(ids) != len(set(ids)):
        problems.append("duplicate IDs")
    for line in root.iter(f"{{{ns}}}TextLine"):
        kids = [local(c.tag) for c in line if isinstance(c.tag, str)]
        body = [k for k in kids if k in ("String", "SP", "HYP")]
        if not body or body[0] != "String":
            problems.append(f"line {line.get('ID')}: must start with a String")
        if "HYP" in body and body.index("HYP") != len(body) - 1:
            problems.append(f"line {line.get('ID')}: HYP not last")
        if any(a == b == "SP" for a, b in zip(body, body[1:])):
            problems.append(f"line {line.get('ID')}: two SP in a row")
        if line.get("CS") not in (None, "true", "false"):
            problems.append("bad CS")
    for s in root.iter(f"{{{ns}}}String"):
        if s.get("CONTENT") is None:
            problems.append(f"String {s.get('ID')} without CONTENT")
        if v2 and s.get("CS") is not None:
            problems.append(f"String {s.get('ID')}: CS on String is not ALTO v2.0")
        for a in ("HPOS", "VPOS", "WIDTH", "HEIGHT", "WC"):
            if s.get(a) is not None:
                float(s.get(a))
        if s.get("WC") is not None and not 0 <= float(s.get("WC")) <= 1:
            problems.append("WC out of range")
        if not _order_ok(s, ["Shape", "ALTERNATIVE", "Glyph"]):
            problems.append(f"String {s.get('ID')}: children out of order")
        for alt in s:
            if local(alt.tag) == "ALTERNATIVE" and len(alt):
                problems.append("ALTERNATIVE must be simple text")
    return problems


def check_page(text: str) -> list[str]:
    """Problems with the PAGE structure korrektor touches (Word, TextLine, TextRegion, TextEquiv)."""
    root = etree.fromstring(text.encode("utf-8"))
    ns = root.tag[1:].partition("}")[0]
    problems = []
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    if len(ids) != len(set(ids)):
        problems.append("duplicate ids")
    orders = {
        "Word": ["AlternativeImage", "Coords", "Glyph", "TextEquiv", "TextStyle", "UserDefined", "Labels"],
        "TextLine": ["AlternativeImage", "Coords", "Baseline", "Word", "TextEquiv", "TextStyle",
                     "UserDefined", "Labels"],
        "TextEquiv": ["PlainText", "Unicode"],
    }
    for name, order in orders.items():
        for el in root.iter(f"{{{ns}}}{name}"):
            if not _order_ok(el, order):
                problems.append(f"{name} {el.get('id')}: children out of order")
    for eq in root.iter(f"{{{ns}}}TextEquiv"):
        if eq.get("index") is not None and int(eq.get("index")) < 0:
            problems.append("negative index")
        if eq.get("conf") is not None and not 0 <= float(eq.get("conf")) <= 1:
            problems.append("conf out of range")
        if sum(local(c.tag) == "Unicode" for c in eq) != 1:
            problems.append("TextEquiv needs one Unicode")
    for w in root.iter(f"{{{ns}}}Word"):
        coords = [c for c in w if local(c.tag) == "Coords"]
        if len(coords) != 1 or not coords[0].get("points"):
            problems.append(f"Word {w.get('id')}: needs Coords with points")
        if not w.get("id"):
            problems.append("Word without id")
    return problems


def page_xsd():
    """An XSD for PAGE 2019 if one is installed (the OCR-D package ships one), else None."""
    try:
        import importlib.resources as res

        path = res.files("ocrd_validators") / "page.xsd"
        return etree.XMLSchema(etree.parse(str(path)))
    except Exception:
        return None
