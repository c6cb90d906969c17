"""hOCR (XHTML with ``ocr_*`` classes, as Tesseract, OCRmyPDF and others write it).

Reading: every ``ocr_page`` is a page; its paragraphs (``ocr_par``, else ``ocr_carea``) are the
blocks; lines are ``ocr_line``/``ocr_header``/``ocr_caption``/``ocr_textfloat``/``ocrx_line``;
words are ``ocrx_word`` (a line without words is corrected as one unit).

Writing: a changed word keeps its element, id and every other title property; its text is
replaced, ``bbox`` changes only when the word was split or joined, and a custom property
``x_korrektor "<OCR text>" <confidence>`` records what the OCR read (hOCR reserves the ``x_``
prefix for such engine-specific properties). hOCR must be well-formed XHTML (Tesseract's is).
"""

from __future__ import annotations

from html import unescape
from typing import Optional

from ..io import InputError
from ._base import XmlFormat, set_attrs
from ._xml import esc_text, get_attr_src, local
from .common import Block, Box, Line, NewWord, Page, Word, make_box

__all__ = ["HocrFormat", "parse_title", "format_title"]

LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat", "ocrx_line"}


def parse_title(title: str) -> list[tuple[str, str]]:
    """``'bbox 1 2 3 4; x_wconf 96'`` → ``[('bbox', '1 2 3 4'), ('x_wconf', '96')]``."""
    props = []
    for part in _split_props(title):
        part = part.strip()
        if part:
            name, _, value = part.partition(" ")
            props.append((name, value.strip()))
    return props


def _split_props(title: str) -> list[str]:
    parts, cur, quote = [], [], False
    i = 0
    while i < len(title):
        c = title[i]
        if c == "\\" and quote and i + 1 < len(title):
            cur.append(title[i:i + 2])
            i += 2
            continue
        if c == '"':
            quote = not quote
        if c == ";" and not quote:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    parts.append("".join(cur))
    return parts


def format_title(props: list[tuple[str, str]]) -> str:
    return "; ".join(f"{k} {v}".rstrip() for k, v in props)


def quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _bbox(el) -> Optional[Box]:
    for k, v in parse_title(el.get("title") or ""):
        if k == "bbox":
            try:
                x0, y0, x1, y1 = (float(n) for n in v.split()[:4])
            except ValueError:
                return None
            return make_box(x0, y0, x1, y1)
    return None


class HocrFormat(XmlFormat):
    name = "hocr"

    def check(self) -> None:
        if local(self.root.tag) != "html" or not any("ocr_page" in _classes(el) for el in self.spans):
            raise InputError(f"{self.source_name}: not hOCR (no element of class ocr_page)")

    def pages(self) -> list[Page]:
        pages = []
        for page_el in (el for el in self.root.iter() if isinstance(el.tag, str) and "ocr_page" in _classes(el)):
            blocks = []
            pars = [el for el in page_el.iter() if isinstance(el.tag, str) and "ocr_par" in _classes(el)]
            if not pars:
                pars = [el for el in page_el.iter() if isinstance(el.tag, str) and "ocr_carea" in _classes(el)]
            for block_el in pars or [page_el]:
                lines = []
                for line_el in block_el.iter():
                    if not isinstance(line_el.tag, str) or not (_classes(line_el) & LINE_CLASSES):
                        continue
                    words = [Word(w, "".join(w.itertext()).strip(), _bbox(w))
                             for w in line_el.iter()
                             if isinstance(w.tag, str) and "ocrx_word" in _classes(w)]
                    if not words:
                        text = " ".join("".join(line_el.itertext()).split())
                        words = [Word(line_el, text, _bbox(line_el), line_level=True)] if text else []
                    lines.append(Line(line_el, words, _bbox(line_el)))
                blocks.append(Block(block_el, lines))
            pages.append(Page(page_el, blocks))
        return pages

    def _tag(self, el, nw: NewWord, new_id: Optional[str] = None, template_box=None) -> str:
        tag = self.tag_src(el)
        raw = get_attr_src(tag, "title")
        props = parse_title(unescape(raw[0])) if raw else []
        props = [(k, v) for k, v in props if k != "x_korrektor"]
        if nw.box is not None and (new_id or nw.box != template_box):
            bbox = " ".join(str(int(round(c))) for c in nw.box)
            if any(k == "bbox" for k, _ in props):
                props = [(k, bbox if k == "bbox" else v) for k, v in props]
            else:
                props.insert(0, ("bbox", bbox))
        if nw.text_changed or new_id:
            props.append(("x_korrektor", f"{quote(nw.original)} {nw.confidence:.2f}"))
        values = {"title": format_title(props)}
        if new_id:
            values["id"] = new_id
        return set_attrs(tag, **values)

    def _content(self, el, text: str) -> str:
        # keep inline markup around the text (<strong>, <em>): descend single-child chains
        chain = []
        cur = el
        while len(cur) == 1 and not (cur.text or "").strip() and isinstance(cur[0].tag, str):
            cur = cur[0]
            chain.append(cur)
        if len(cur):  # mixed content we cannot map: plain text
            chain = []
        inner = esc_text(text)
        for c in reversed(chain):
            inner = self.open_tag(c) + inner + self.close_src(c)
        return inner

    def rewrite(self, word: Word, nw: NewWord) -> str:
        tag = self._tag(word.el, nw, template_box=word.box)
        if word.line_level:
            return self._rewrite_line(word, nw, tag)
        return self.open_tag(word.el, tag) + self._content(word.el, nw.text) + self.close_src(word.el)

    def _rewrite_line(self, word: Word, nw: NewWord, tag: str) -> str:
        # a line without word elements: replace its text children, keep any other markup
        return self.open_tag(word.el, tag) + self._content(word.el, nw.text) + self.close_src(word.el)

    def create(self, template: Word, nw: NewWord, new_id: str) -> str:
        tag = self._tag(template.el, nw, new_id=new_id)
        return self.open_tag(template.el, tag) + self._content(template.el, nw.text) + self.close_src(template.el)
