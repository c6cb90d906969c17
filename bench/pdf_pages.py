#!/usr/bin/env python3
"""Development set of issue 25, text from PDFs: held-out corpus pages typeset as PDFs the way German
documents are, and read back by the extractors people use.

Half of the damage korrektor exists for comes from PDF text extraction: running headers and page
numbers glued into the sentence they interrupt, two columns read side by side or out of order,
hyphens the extractor removed or kept, accents set beside their letter (``¨O``), LaTeX's ellipsis
(``. . .``) and the „ that pdflatex's old OT1 encoding builds from a lowered ”. This script makes
such text from the corpus's held-out documents (``bench/corpus_pages.py``: passages of
3,000–4,000 characters of documents the language data was not built from; by default 45 % from
``modern``, 40 % from ``law-de``, 15 % from ``historic``; passages with characters outside
:data:`ALLOWED` are passed over; straight double quotes are set as German ones and ``...`` as an
ellipsis, as German authors typeset them: ``typeset_text``):

* every passage is typeset by one *producer* (spread evenly, in turn): ``latex-ot1`` (pdflatex,
  ``\\usepackage[OT1]{fontenc}`` and babel ``ngerman``, Computer Modern: umlauts built from
  accents, „ from a lowered ”, quotes written ``\\glqq``/``\\grqq``), ``latex-t1`` (pdflatex, T1,
  Latin Modern, babel ``ngerman``, UTF-8 quotes), ``writer`` (LibreOffice Writer headless from a
  flat ODT, language de-DE, automatic hyphenation) or ``groff`` (``-ms -mde -Kutf8 -Tpdf``: German
  hyphenation patterns); in one column or two, on A5 paper so that a passage spans two pages or
  more (page breaks inside sentences); justified, with line-end hyphens;
* two thirds of the documents have running headers (a title line and a date line, as on
  newspapers and reports: ``Nachrichten · Österreich`` / ``Freitag, 15. November 2015``) and page
  numbers in the header or footer; the other third has no page furniture at all;
* every PDF is read by four *extractors*: ``pdftotext``, ``pdftotext-layout`` (``-layout``),
  ``pdfminer`` (``pdfminer.high_level.extract_text``) and ``mutool`` (``mutool draw -F txt``).

Output (keep it outside the repository, e.g. ``/work/work-data/pdf``):

* ``OUT/pairs.jsonl``: one record per page and extractor, in the format of ``bench/accuracy.py``:
  ``ocr`` is the extracted text (form feeds and all), ``gt`` the text as typeset (paragraphs
  separated by a blank line; no headers, footers, page numbers or hyphenation); ``lang`` is the
  extractor and ``degradation.level`` the producer and columns (``latex-ot1/2col``), so that
  ``accuracy.py`` prints its tables by extractor and by extractor/producer/columns; also
  ``producer``, ``extractor``, ``columns``, ``headers``, ``header_lines``, ``pdf``, ``pdf_pages``,
  ``page_id``, ``doc_id``, ``source``;
* ``OUT/docs.jsonl``: the typeset texts, one per PDF (``text`` = the ``gt``), with the same
  fields, for measuring PDFs read directly;
* ``OUT/pdf/NNN-PRODUCER-Ccol.pdf`` and its source (``.tex``, ``.fodt``, ``.ms``) and extracted
  texts (``OUT/text/NNN-PRODUCER-Ccol.EXTRACTOR.txt``).

The tools (Debian 12; not needed by the tests, nor in CI)::

    apt-get install texlive-latex-recommended texlive-lang-german texlive-fonts-recommended lmodern \\
        libreoffice-writer-nogui hyphen-de groff mupdf-tools poppler-utils
    # pdfminer.six is a Python dependency of korrektor (extra formats)

Commands run per document (see the ``produce_*`` and ``extract_*`` functions)::

    pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape NNN.tex
    soffice --headless -env:UserInstallation=file://OUT/.lo-profile --convert-to pdf --outdir OUT/pdf NNN.fodt
    groff -ms -mde -Kutf8 -Tpdf -dpaper=a5 -P-pa5 NNN.ms > NNN.pdf
    pdftotext -enc UTF-8 [-layout] NNN.pdf -
    mutool draw -q -F txt -o NNN.mutool.txt NNN.pdf
    python -c 'from pdfminer.high_level import extract_text; print(extract_text("NNN.pdf"))'

Run, measure, and the table by producer and columns alone::

    python bench/pdf_pages.py --out /work/work-data/pdf --n-pages 45
    python bench/accuracy.py /work/work-data/pdf/pairs.jsonl --json /work/work-data/pdf/accuracy_base.json
    python bench/pdf_pages.py --table /work/work-data/pdf/pairs.jsonl
    python bench/pdf_pages.py --table /work/work-data/pdf/pairs.jsonl --by columns,headers

Time: 45 documents in about 50 s on one core (pdflatex and groff well under a second a document,
LibreOffice about 3 s, the four extractors together under a second); ``accuracy.py`` on the 180
pairs 16 s. Deterministic: the same corpus, ``--n-pages`` and ``--seed``
give the same passages, producers, layouts and headers (the PDFs themselves carry the tools' dates).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

REPO = Path(__file__).resolve().parents[1]


def _bench_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


PRODUCERS = ("latex-ot1", "latex-t1", "writer", "groff")
EXTRACTORS = ("pdftotext", "pdftotext-layout", "pdfminer", "mutool")
COLUMNS = (1, 2)

#: the command-line tool each producer and extractor needs, and the Debian packages that have it
TOOLS = {
    "latex-ot1": "pdflatex", "latex-t1": "pdflatex", "writer": "soffice", "groff": "groff",
    "pdftotext": "pdftotext", "pdftotext-layout": "pdftotext", "mutool": "mutool",
}
PACKAGES = {
    "pdflatex": "texlive-latex-recommended texlive-lang-german texlive-fonts-recommended lmodern",
    "soffice": "libreoffice-writer-nogui hyphen-de",
    "groff": "groff", "gropdf": "groff (groff-base has no -Tpdf)",
    "kpsewhich": "texlive-latex-recommended texlive-lang-german texlive-fonts-recommended lmodern",
    "pdftotext": "poppler-utils",
    "mutool": "mupdf-tools",
}

#: the collections the passages come from and their shares
COLLECTIONS = (("modern", 0.45), ("law-de", 0.40), ("historic", 0.15))

#: the characters a typeset passage may have: what all four producers set as written (ASCII but
#: the straight double quote, which babel ngerman makes a shorthand and OT1 sets as ”)
ALLOWED = frozenset(
    "\n !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    "ÄÖÜäöüßàáâèéêëìíîïòóôùúûçñÀÁÂÈÉÊËÇÑåÅæÆøØœŒ"
    "„“”‚‘’»«›‹–—…§°·€"
)

HEADER_TITLES = (
    "Nachrichten · Österreich", "Wirtschaft · Märkte und Unternehmen", "Amtsblatt · Gesetze und Verordnungen",
    "Rundschau · Süddeutsche Ausgabe", "Feuilleton · Bücher und Bühne", "Bericht · Landesamt für Statistik",
    "Kultur · Übersicht der Woche", "Politik · Bundesländer", "Mitteilungen · Verband für Weiterbildung",
)
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")


class ToolMissing(RuntimeError):
    pass


def need(tool: str) -> str:
    """The path of ``tool``, or :class:`ToolMissing` naming the Debian packages to install."""
    path = shutil.which(tool)
    if not path:
        raise ToolMissing(f"{tool} not found: apt-get install {PACKAGES.get(tool, tool)}")
    return path


def _hash(*parts) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest(), 16)


# ----------------------------------------------------------------------------- the texts and layouts

def german_quotes(par: str) -> str:
    """Straight double quotes as German ones, „ and “ in turn, as a German author sets them
    (babel's ``"` "'``, Writer's autocorrection); a paragraph with an odd number keeps them."""
    if par.count('"') % 2:
        return par
    parts = par.split('"')
    return "".join(part + ("" if k == len(parts) - 1 else "„" if k % 2 == 0 else "“") for k, part in enumerate(parts))


def typeset_text(text: str) -> str:
    """The text as typeset, the ground truth: paragraphs (split at blank lines) with their
    whitespace runs (no-break spaces too) as one space, separated by a blank line; straight double
    quotes as German ones (:func:`german_quotes`) and ``...`` as an ellipsis, as typesetting
    authors write them (``\\dots``, Writer's autocorrection)."""
    pars = (german_quotes(" ".join(p.split())).replace("...", "…") for p in text.split("\n\n"))
    return "\n\n".join(p for p in pars if p)


def paragraphs(text: str) -> list[str]:
    return typeset_text(text).split("\n\n") if text.strip() else []


def settable(text: str) -> bool:
    """Whether every producer sets the typeset ``text`` as written: its characters in :data:`ALLOWED`."""
    return all(ch in ALLOWED for ch in text)


@dataclass(frozen=True)
class Layout:
    producer: str
    columns: int
    headers: bool  # running header and page numbers; False: no page furniture at all
    title: str = ""
    date: str = ""
    two_lines: bool = False  # title and date on two lines (groff: ms has one, "title — date"), number below
    number_in_header: bool = False  # with one-line headers: the page number in the header

    @property
    def header_lines(self) -> list[str]:
        """The page furniture's texts (without the page number)."""
        return [self.title, self.date] if self.headers else []

    @property
    def key(self) -> str:
        return f"{self.producer}-{self.columns}col"


def german_date(seed: str, page_id: str) -> str:
    """A date line: ``Freitag, 15. November 2015`` or ``Ausgabe 47 · 15.11.2015``."""
    h = _hash(seed, page_id, "date")
    day = datetime.date(1995, 1, 1) + datetime.timedelta(days=h % (31 * 365))
    if h // 7 % 3:
        return f"{WEEKDAYS[day.weekday()]}, {day.day}. {MONTHS[day.month - 1]} {day.year}"
    return f"Ausgabe {day.isocalendar()[1]} · {day.day:02d}.{day.month:02d}.{day.year}"


def layouts(page_ids: list[str], producers=PRODUCERS, columns=COLUMNS, seed: str = "1") -> list[Layout]:
    """One layout per page: producer and columns in turn (evenly spread), headers on two pages
    in three of each producer and columns, the header's texts and kind from a hash."""
    kinds = [(p, c) for p in producers for c in columns]
    out = []
    for i, pid in enumerate(page_ids):
        producer, cols = kinds[i % len(kinds)]
        turn = i // len(kinds)
        h = _hash(seed, pid, "layout")
        out.append(Layout(producer, cols, headers=turn % 3 != 2, title=HEADER_TITLES[h % len(HEADER_TITLES)],
                          date=german_date(seed, pid), two_lines=bool(h // 11 % 2),
                          number_in_header=bool(h // 13 % 2)))
    return out


def choose_pages(n_pages: int, seed: str = "1", collections=COLLECTIONS, corpus_dir=None) -> list[dict]:
    """``n_pages`` passages of the held-out documents (``corpus_pages.pages``), shared among the
    collections by their shares, only passages that every producer sets as written
    (:func:`settable` once typeset: :func:`typeset_text`), spread over each collection's
    settable candidates; in the order of a hash, so that each producer gets some of each."""
    corpus_pages = _bench_module("corpus_pages")
    kw = {} if corpus_dir is None else {"corpus_dir": corpus_dir}
    counts = [round(n_pages * share) for _, share in collections]
    counts[0] += n_pages - sum(counts)
    chosen = []
    for (name, _), k in zip(collections, counts):
        if k <= 0:
            continue
        candidates = [p for p in corpus_pages.pages(name, 3 * k, seed, **kw) if settable(typeset_text(p["text"]))]
        chosen.append(corpus_pages.spread(candidates, k))
    # interleave the collections, then the order of a hash (producers come in turn)
    mixed = [p for group in chosen for p in group]
    return sorted(mixed, key=lambda p: _hash(seed, p["id"], "order"))


# ----------------------------------------------------------------------------- LaTeX

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$", "%": r"\%", "&": r"\&",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "'": r"\textquotesingle{}",
    "`": r"\textasciigrave{}", "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
    "…": r"\textellipsis{}", "€": r"\texteuro{}", "°": r"\textdegree{}", "·": r"\textperiodcentered{}",
    "–": r"\textendash{}", "—": r"\textemdash{}", "’": r"\textquoteright{}", "”": r"\textquotedblright{}",
}
#: OT1 has no German quotes nor guillemets: babel's commands, as authors of the old encoding write them
_LATEX_OT1 = {"„": r"\glqq{}", "“": r"\grqq{}", "‚": r"\glq{}", "‘": r"\grq{}", "»": r"\frqq{}", "«": r"\flqq{}",
              "›": r"\frq{}", "‹": r"\flq{}"}


def latex_escape(text: str, encoding: str = "T1") -> str:
    """``text`` as LaTeX source that sets exactly these characters: the special characters as
    commands, the ligatures ``--``, ``,,``, ``<<`` and ``!``` broken, and with ``OT1`` the German
    quotes as babel's ``\\glqq``, ``\\grqq`` … (the others stay UTF-8 for inputenc)."""
    table = _LATEX_SPECIAL | (_LATEX_OT1 if encoding == "OT1" else {})
    out = []
    for i, ch in enumerate(text):
        out.append(table.get(ch, ch))
        nxt = text[i + 1:i + 2]
        if ch in "-," and nxt == ch:  # -- and ,, are ligatures (en dash, „ in T1)
            out.append("{}")
    return "".join(out)


def latex_source(text: str, layout: Layout) -> str:
    encoding = "OT1" if layout.producer == "latex-ot1" else "T1"
    size = "11pt" if layout.columns == 1 else "10pt"
    opts = f"a5paper,{size}" + (",twocolumn" if layout.columns == 2 else "")
    lines = [
        f"\\documentclass[{opts}]{{article}}",
        "\\usepackage[utf8]{inputenc}",
        f"\\usepackage[{encoding}]{{fontenc}}",
    ]
    if encoding == "T1":
        lines.append("\\usepackage{lmodern}")
    lines += [
        "\\usepackage[ngerman]{babel}",
        "\\usepackage[a5paper,top=20mm,bottom=18mm,left=14mm,right=14mm,headheight=24pt,headsep=5mm,"
        "footskip=9mm,columnsep=5mm]{geometry}",
        "\\usepackage{fancyhdr}",
        "\\setlength{\\emergencystretch}{1.5em}",
    ]
    if layout.headers:
        title, date = (latex_escape(s, encoding) for s in (layout.title, layout.date))
        lines += ["\\pagestyle{fancy}", "\\fancyhf{}", "\\renewcommand{\\headrulewidth}{0.4pt}"]
        if layout.two_lines:
            lines += [f"\\fancyhead[C]{{{title}\\\\{date}}}", "\\fancyfoot[C]{\\thepage}"]
        elif layout.number_in_header:
            lines += [f"\\fancyhead[L]{{{title}}}", f"\\fancyhead[C]{{{date}}}", "\\fancyhead[R]{\\thepage}"]
        else:
            lines += [f"\\fancyhead[L]{{{title}}}", f"\\fancyhead[R]{{{date}}}", "\\fancyfoot[C]{\\thepage}"]
    else:
        lines.append("\\pagestyle{empty}")
    lines.append("\\begin{document}")
    for par in paragraphs(text):
        lines += [latex_escape(par, encoding), ""]
    lines.append("\\end{document}")
    return "\n".join(lines) + "\n"


def produce_latex(text: str, layout: Layout, stem: Path) -> Path:
    """pdflatex on ``STEM.tex``: ``STEM.pdf``."""
    tex = stem.with_suffix(".tex")
    tex.write_text(latex_source(text, layout), encoding="utf-8")
    cmd = [need("pdflatex"), "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
           f"-output-directory={stem.parent}", tex.name]
    run(cmd, cwd=stem.parent, timeout=300)
    for ext in (".aux", ".log", ".out"):
        stem.with_suffix(ext).unlink(missing_ok=True)
    return stem.with_suffix(".pdf")


# ----------------------------------------------------------------------------- LibreOffice Writer

_FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"
   style:font-family-generic="roman"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="{size}" fo:language="de" fo:country="DE"
    fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/>
  </style:default-style>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:margin-top="0cm" fo:margin-bottom="0.12cm"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph">
   <style:paragraph-properties fo:text-align="{header_align}">
    <style:tab-stops><style:tab-stop style:position="{width}" style:type="right"/></style:tab-stops>
   </style:paragraph-properties>
   <style:text-properties fo:font-size="8pt" fo:hyphenate="false"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="9pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm" fo:margin-top="1.2cm"
    fo:margin-bottom="1.2cm" fo:margin-left="1.4cm" fo:margin-right="1.4cm">
    <style:columns fo:column-count="{columns}" fo:column-gap="0.5cm"/>
   </style:page-layout-properties>
   <style:header-style>
    <style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/>
   </style:header-style>
   <style:footer-style>
    <style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/>
   </style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">{furniture}</style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
"""
_FODT_TAIL = """  </office:text>
 </office:body>
</office:document>
"""
_PAGE_NUMBER = '<text:page-number text:select-page="current">1</text:page-number>'


def fodt_source(text: str, layout: Layout) -> str:
    """A flat ODT document of ``text``: A5, justified, German with automatic hyphenation, the
    layout's columns and page furniture (header paragraphs and a page-number field)."""
    furniture = ""
    if layout.headers:
        title, date = xml_escape(layout.title), xml_escape(layout.date)
        if layout.two_lines:
            header = "".join(f'<text:p text:style-name="Header">{line}</text:p>' for line in (title, date))
            footer = f'<text:p text:style-name="Footer">{_PAGE_NUMBER}</text:p>'
        elif layout.number_in_header:
            header = f'<text:p text:style-name="Header">{title} · {date}<text:tab/>{_PAGE_NUMBER}</text:p>'
            footer = ""
        else:
            header = f'<text:p text:style-name="Header">{title}<text:tab/>{date}</text:p>'
            footer = f'<text:p text:style-name="Footer">{_PAGE_NUMBER}</text:p>'
        furniture = f"<style:header>{header}</style:header>"
        furniture += f"<style:footer>{footer}</style:footer>" if footer else ""
    head = (_FODT_HEAD.replace("{size}", "11pt" if layout.columns == 1 else "10.5pt")
            .replace("{columns}", str(layout.columns)).replace("{width}", "12cm")
            .replace("{header_align}", "center" if layout.two_lines else "start")
            .replace("{furniture}", furniture))
    body = "".join(f'   <text:p text:style-name="Text_20_body">{xml_escape(p)}</text:p>\n' for p in paragraphs(text))
    return head + body + _FODT_TAIL


def produce_writer(text: str, layout: Layout, stem: Path) -> Path:
    """LibreOffice Writer, headless, on ``STEM.fodt``: ``STEM.pdf`` (a profile of its own beside
    the output, so that a running LibreOffice does not get in the way)."""
    fodt = stem.with_suffix(".fodt")
    fodt.write_text(fodt_source(text, layout), encoding="utf-8")
    profile = (stem.parent.parent / ".lo-profile").resolve()
    cmd = [need("soffice"), "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
           "--convert-to", "pdf", "--outdir", str(stem.parent), str(fodt)]
    run(cmd, timeout=300)
    pdf = stem.with_suffix(".pdf")
    if not pdf.exists():
        raise RuntimeError(f"soffice wrote no {pdf}")
    return pdf


# ----------------------------------------------------------------------------- groff

_GROFF_SPECIAL = {"\\": r"\e", "'": r"\[aq]", "`": r"\[ga]", "~": r"\[ti]", "^": r"\[ha]"}


def groff_escape(text: str) -> str:
    """``text`` as one groff input line that sets exactly these characters: the backslash as
    ``\\e``, the straight quote, the grave accent, tilde and caret as themselves (not ’, ‘, ˜, ˆ), and ``\\&``
    before a leading ``.`` or ``'`` (a request otherwise)."""
    out = "".join(_GROFF_SPECIAL.get(ch, ch) for ch in text)
    return "\\&" + out if out[:1] in (".", "'") else out


def groff_source(text: str, layout: Layout) -> str:
    """A ``-ms`` document of ``text``: justified, hyphenated with German patterns (``-mde``), the
    layout's columns (``.2C``) and headers (``LH``/``CH``/``RH``, page number ``%``)."""
    lines = [".\\\" -*- nroff -*-", ".nr PS 11" if layout.columns == 1 else ".nr PS 9.5",
             ".nr VS 13.5p" if layout.columns == 1 else ".nr VS 11.5p",
             ".nr PO 1.4c", ".nr LL 12c", ".nr HM 1.8c", ".nr FM 1.8c", ".nr PD 0.3v", ".nr PI 1.2m"]
    names = ("LH", "CH", "RH", "LF", "CF", "RF")
    if layout.headers:
        title, date = groff_escape(layout.title), groff_escape(layout.date)
        if layout.two_lines:
            values = ("", f"{title} \\(em {date}", "", "", "%", "")  # ms has one header line
        elif layout.number_in_header:
            values = (title, date, "%", "", "", "")
        else:
            values = (title, "", date, "", "\\(en % \\(en", "")
    else:
        values = ("",) * 6
    lines += [f".ds {n} {v}" for n, v in zip(names, values)]
    if layout.headers:
        lines.append(".P1")  # ms leaves the header off the first page otherwise
    lines += [".hy 4", ".LP"]
    if layout.columns == 2:
        lines.append(".2C")
    for k, par in enumerate(paragraphs(text)):
        if k:
            lines.append(".PP")
        lines.append(groff_escape(par))
    return "\n".join(lines) + "\n"


def produce_groff(text: str, layout: Layout, stem: Path) -> Path:
    """groff ``-ms -mde`` to PDF (gropdf) on A5: ``STEM.pdf``."""
    ms = stem.with_suffix(".ms")
    ms.write_text(groff_source(text, layout), encoding="utf-8")
    pdf = stem.with_suffix(".pdf")
    cmd = [need("groff"), "-ms", "-mde", "-Kutf8", "-Tpdf", "-dpaper=a5", "-P-pa5", str(ms)]
    pdf.write_bytes(run(cmd, timeout=120, binary=True))
    return pdf


PRODUCE = {"latex-ot1": produce_latex, "latex-t1": produce_latex, "writer": produce_writer, "groff": produce_groff}


# ----------------------------------------------------------------------------- extractors

def run(cmd: list[str], *, cwd=None, timeout: int = 120, binary: bool = False):
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout)
    if proc.returncode != 0:
        err = (proc.stderr or proc.stdout).decode("utf-8", "replace")[-1500:]
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{err}")
    return proc.stdout if binary else proc.stdout.decode("utf-8", "replace")


def extract_pdftotext(pdf: Path) -> str:
    return run([need("pdftotext"), "-enc", "UTF-8", str(pdf), "-"])


def extract_pdftotext_layout(pdf: Path) -> str:
    return run([need("pdftotext"), "-enc", "UTF-8", "-layout", str(pdf), "-"])


def extract_pdfminer(pdf: Path) -> str:
    try:
        from pdfminer.high_level import extract_text
    except ImportError:
        raise ToolMissing("pdfminer.six not installed: pip install pdfminer.six (korrektor's extra formats)") from None
    return extract_text(str(pdf))


def extract_mutool(pdf: Path) -> str:
    out = pdf.with_suffix(".mutool.tmp")
    run([need("mutool"), "draw", "-q", "-F", "txt", "-o", str(out), str(pdf)])
    text = out.read_text(encoding="utf-8")
    out.unlink()
    return text


EXTRACT = {"pdftotext": extract_pdftotext, "pdftotext-layout": extract_pdftotext_layout,
           "pdfminer": extract_pdfminer, "mutool": extract_mutool}


#: what else a producer needs: LaTeX packages (kpsewhich), groff's PDF device (groff-base lacks it)
LATEX_FILES = ("babel.sty", "ngerman.ldf", "lmodern.sty", "fancyhdr.sty", "geometry.sty")


def need_producer(producer: str) -> None:
    """:class:`ToolMissing` unless the producer's tools are all installed."""
    need(TOOLS[producer])
    if producer.startswith("latex"):
        missing = [f for f in LATEX_FILES if not subprocess.run(
            [need("kpsewhich"), f], capture_output=True, text=True).stdout.strip()]
        if missing:
            raise ToolMissing(f"LaTeX lacks {', '.join(missing)}: apt-get install {PACKAGES['pdflatex']}")
    elif producer == "groff":
        need("gropdf")


def check_tools(producers, extractors) -> None:
    """:class:`ToolMissing` for the first tool that is not installed."""
    for name in producers:
        need_producer(name)
    for name in extractors:
        if name in TOOLS:
            need(TOOLS[name])
        elif name == "pdfminer":
            if importlib.util.find_spec("pdfminer") is None:
                raise ToolMissing("pdfminer.six not installed: pip install pdfminer.six")


def pdf_pages(pdf: Path) -> int | None:
    """The PDF's number of pages (``pdfinfo``), or None without it or for a broken file."""
    if not shutil.which("pdfinfo"):
        return None
    try:
        info = run(["pdfinfo", str(pdf)])
    except RuntimeError:
        return None
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


# ----------------------------------------------------------------------------- the set

def records(page: dict, layout: Layout, pdf: Path, texts: dict[str, str], out: Path) -> tuple[dict, list[dict]]:
    """The document record (docs.jsonl) and one pair per extractor (pairs.jsonl)."""
    gt = typeset_text(page["text"])
    common = {
        "page_id": page["id"], "set": "pdf", "doc_id": page["doc_id"], "source": page["source"],
        "producer": layout.producer, "columns": layout.columns, "headers": layout.headers,
        "header_lines": layout.header_lines, "pdf": str(pdf.relative_to(out)), "pdf_pages": pdf_pages(pdf),
    }
    doc = {"id": page["id"], **common, "text": gt}
    pairs = [{"id": f"{page['id']}.{ex}", **common, "extractor": ex, "lang": ex,
              "degradation": {"level": f"{layout.producer}/{layout.columns}col"}, "ocr": text, "gt": gt}
             for ex, text in texts.items()]
    return doc, pairs


def make_set(out: Path, n_pages: int, seed: str, producers, extractors, corpus_dir=None, log=print) -> int:
    check_tools(producers, extractors)
    chosen = choose_pages(n_pages, seed, corpus_dir=corpus_dir)
    if not chosen:
        log("no held-out passages found")
        return 2
    plan = layouts([p["id"] for p in chosen], producers, COLUMNS, seed)
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    (out / "text").mkdir(exist_ok=True)
    docs, pairs = [], []
    t0 = time.perf_counter()
    for i, (page, layout) in enumerate(zip(chosen, plan)):
        stem = out / "pdf" / f"{i:03d}-{layout.key}"
        t = time.perf_counter()
        pdf = PRODUCE[layout.producer](typeset_text(page["text"]), layout, stem)
        texts = {ex: EXTRACT[ex](pdf) for ex in extractors}
        for ex, text in texts.items():
            (out / "text" / f"{stem.name}.{ex}.txt").write_text(text, encoding="utf-8")
        doc, recs = records(page, layout, pdf, texts, out)
        docs.append(doc)
        pairs += recs
        log(f"{stem.name}: {page['id']} ({len(doc['text']):,} chars, {doc['pdf_pages']} pages, "
            f"headers {layout.headers}) {time.perf_counter() - t:.1f} s")
    for name, rows in (("docs.jsonl", docs), ("pairs.jsonl", pairs)):
        with open(out / name, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    log(f"{len(docs)} documents, {len(pairs)} pairs, {sum(len(d['text']) for d in docs):,} characters, "
        f"{sum(d['pdf_pages'] or 0 for d in docs)} PDF pages -> {out} ({time.perf_counter() - t0:.0f} s)")
    return 0


def table(pairs_path: str, field: str = "degradation.level") -> str:
    """``accuracy.py``'s table grouped by one field alone (by default producer/columns; also
    ``headers`` or ``columns``): raw extracted text vs. korrektor."""
    import korrektor
    from korrektor.evaluate import format_table, pages_worse, score_page, summarize

    accuracy = _bench_module("accuracy")
    recs = [json.loads(line) for line in open(pairs_path, encoding="utf-8") if line.strip()]
    raw, fixed = {}, {}
    for r in recs:
        hyp = korrektor.correct(r["ocr"]).text
        key = "/".join(str(accuracy.get(r, f)) for f in field.split(","))
        for g in (key, "ALL"):
            raw.setdefault(g, []).append(score_page(r["gt"], r["ocr"]))
            fixed.setdefault(g, []).append(score_page(r["gt"], hyp))
    order = sorted(k for k in raw if k != "ALL") + ["ALL"]
    groups = {g: {"ocr": summarize(raw[g]), "korrektor": summarize(fixed[g])} for g in order}
    return f"## by {field}\n\n" + format_table(groups, {g: pages_worse(raw[g], fixed[g]) for g in order})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="/work/work-data/pdf", help="directory (outside the repository)")
    ap.add_argument("--n-pages", type=int, default=45, help="passages, one PDF each")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--producers", default=",".join(PRODUCERS), help=f"of {', '.join(PRODUCERS)}")
    ap.add_argument("--extractors", default=",".join(EXTRACTORS), help=f"of {', '.join(EXTRACTORS)}")
    ap.add_argument("--table", metavar="PAIRS", help="instead: the accuracy table by producer/columns alone")
    ap.add_argument("--by", default="degradation.level", help="with --table: the field(s) to group by")
    args = ap.parse_args(argv)
    if args.table:
        print(table(args.table, args.by))
        return 0
    producers = [p for p in args.producers.split(",") if p]
    extractors = [e for e in args.extractors.split(",") if e]
    unknown = [p for p in producers if p not in PRODUCERS] + [e for e in extractors if e not in EXTRACTORS]
    if unknown:
        ap.error(f"unknown producer or extractor: {', '.join(unknown)}")
    try:
        return make_set(Path(args.out).resolve(), args.n_pages, args.seed, producers, extractors)
    except ToolMissing as exc:
        print(f"pdf_pages.py: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
