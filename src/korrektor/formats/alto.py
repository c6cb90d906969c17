"""ALTO v2, v3 and v4 (Library of Congress): ``Page`` → ``TextBlock`` → ``TextLine`` → ``String``.

Reading: the blocks of a page are its ``TextBlock`` elements in document order (also inside
``ComposedBlock``); a line's ``HYP`` (printed line-end hyphen) counts as the end of the line's text
but belongs to no word.

Writing: a changed ``String`` gets the new ``CONTENT``, the OCR text as its first
``<ALTERNATIVE>`` and the correction status ``CS="true"`` (ALTO v3/v4 have ``CS`` on ``String``;
ALTO v2.0 only on ``TextLine``, so for the v2 namespace it is set there). ``Glyph`` children of a
changed word are dropped (they no longer match its characters), a ``Shape`` only when the box
changes. Split words get new ``String`` elements (``ID`` + ``_k1``…) with an ``<SP/>`` between;
joined words lose the later ``String`` and the ``SP`` before it. Coordinates are written in the
file's own units, as integers when the file used integers.
"""

from __future__ import annotations

from typing import Optional

from ..io import InputError
from ._base import XmlFormat, fmt_num, set_attrs
from ._xml import esc_text, get_attr_src, local
from .common import Block, Box, Line, LineChange, NewWord, Page, Word, make_box

__all__ = ["AltoFormat"]


def _box(el) -> Optional[Box]:
    try:
        x, y = float(el.get("HPOS")), float(el.get("VPOS"))
        w, h = float(el.get("WIDTH")), float(el.get("HEIGHT"))
    except (TypeError, ValueError):
        return None
    return make_box(x, y, x + w, y + h)


class AltoFormat(XmlFormat):
    name = "alto"

    def check(self) -> None:
        if local(self.root.tag) != "alto":
            raise InputError(f"{self.source_name}: not ALTO (the root element is not <alto>)")
        ns = self.root.tag[1:].partition("}")[0] if self.root.tag.startswith("{") else ""
        self.version = 2 if "ns-v2#" in ns else 3 if "ns-v3#" in ns else 4 if "ns-v4#" in ns else 0
        self.integral = all("." not in (el.get(a) or "") for el in self.spans
                            if local(el.tag) == "String" for a in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))

    def pages(self) -> list[Page]:
        pages = []
        for page_el in (el for el in self.root.iter() if local(el.tag) == "Page"):
            blocks = []
            for block_el in (el for el in page_el.iter() if local(el.tag) == "TextBlock"):
                lines = []
                for line_el in (el for el in block_el if local(el.tag) == "TextLine"):
                    words = [Word(s, s.get("CONTENT") or "", _box(s))
                             for s in line_el if local(s.tag) == "String"]
                    hyp = "".join(h.get("CONTENT") or "" for h in line_el if local(h.tag) == "HYP")
                    lines.append(Line(line_el, words, _box(line_el), hyp=hyp))
                blocks.append(Block(block_el, lines))
            pages.append(Page(page_el, blocks))
        return pages

    def _start_tag(self, el, nw: NewWord, box_changed: bool, new_id: Optional[str] = None) -> str:
        values = {"CONTENT": nw.text}
        if box_changed and nw.box is not None:
            x0, y0, x1, y1 = nw.box
            values.update(HPOS=fmt_num(x0, self.integral), VPOS=fmt_num(y0, self.integral),
                          WIDTH=fmt_num(x1 - x0, self.integral), HEIGHT=fmt_num(y1 - y0, self.integral))
        if new_id:
            values["ID"] = new_id
        tag = self.tag_src(el)
        if new_id and get_attr_src(tag, "ID") is None:
            del values["ID"]
        if nw.text_changed and self.version != 2:
            values["CS"] = "true"
        return set_attrs(tag, **values)

    def _alternative(self, el, nw: NewWord) -> str:
        name = self.prefixed(el, "ALTERNATIVE")
        return f"<{name}>{esc_text(nw.original)}</{name}>" if nw.original else ""

    def rewrite(self, word: Word, nw: NewWord) -> str:
        el = word.el
        tag = self._start_tag(el, nw, nw.box_changed)
        sp = self.spans[el]
        changes = []
        first_alt = None
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = local(child.tag)
            csp = self.spans[child]
            if (name == "Glyph" and nw.text_changed) or (name == "Shape" and nw.box_changed):
                start = csp.start - len(self.whitespace_before(child))
                changes.append((max(start, sp.tag_end), csp.end, ""))
            elif name == "ALTERNATIVE" and first_alt is None:
                first_alt = csp.start
        if nw.text_changed:
            alt = self._alternative(el, nw)
            if first_alt is not None:
                changes.append((first_alt, first_alt, alt))
            else:  # after a kept Shape, else first
                shape = next((c for c in el if local(c.tag) == "Shape" and not nw.box_changed), None)
                at = self.spans[shape].end if shape is not None else sp.tag_end
                changes.append((at, at, alt))
        return self.sub_splice(el, changes, tag)

    def create(self, template: Word, nw: NewWord, new_id: str) -> str:
        tag = self._start_tag(template.el, nw, True, new_id)
        return self.element(template.el, tag, self._alternative(template.el, nw))

    def gap(self, template: Word, left: Optional[Box], right: Optional[Box]) -> str:
        ws = self.whitespace_before(template.el)
        sp_name = self.prefixed(template.el, "SP")
        if left is None or right is None:
            return f"<{sp_name}/>" + ws
        width = max(0.0, right[0] - left[2])
        return (f'<{sp_name} WIDTH="{fmt_num(width, self.integral)}" VPOS="{fmt_num(left[1], self.integral)}" '
                f'HPOS="{fmt_num(left[2], self.integral)}"/>' + ws)

    def line_extra(self, change: LineChange) -> list[tuple[int, int, str]]:
        if self.version == 2 and any(w.text_changed for w in change.words):
            el = change.line.el
            sp = self.spans[el]
            return [(sp.start, sp.tag_end, set_attrs(self.tag_src(el), CS="true"))]
        return []
