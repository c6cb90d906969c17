"""PAGE XML (PRImA, 2013-07-15 and 2019-07-15): ``Page`` → ``TextRegion`` → ``TextLine`` → ``Word``.

Reading: the blocks are the ``TextRegion`` elements in document order (nested ones too); a word's
text is its ``TextEquiv`` with the lowest ``index`` (the first when none has one). A ``TextLine``
without ``Word`` elements is corrected as one unit through its own ``TextEquiv``.

Writing: a changed word (or line) gets a new first ``TextEquiv index="1" conf="…"`` holding the
correction (``conf`` is korrektor's confidence); the OCR's ``TextEquiv`` stays, its ``index`` moved
up by one (the original reading is ``index="2"``), so "the lowest index is the main text" holds and a
reviewer sees both. ``Glyph`` children of a changed word are dropped; ``Coords`` change only when a
word is split or joined (to the rectangle of its new box). The ``TextEquiv`` of a changed line and
of its region are updated the same way, so the levels stay consistent.
"""

from __future__ import annotations

from typing import Optional

from ..io import InputError
from ._base import XmlFormat, fmt_num, set_attrs
from ._xml import esc_text, local
from .common import Block, Box, Line, LineChange, NewWord, Page, Word, make_box

__all__ = ["PageFormat"]


def _points_box(el) -> Optional[Box]:
    coords = next((c for c in el if local(c.tag) == "Coords"), None)
    if coords is None or not coords.get("points"):
        return None
    try:
        pts = [(float(x), float(y)) for x, y in (p.split(",") for p in coords.get("points").split())]
    except ValueError:  # not a number, or not an "x,y" pair
        return None
    if not pts:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return make_box(min(xs), min(ys), max(xs), max(ys))


def _equivs(el) -> list:
    return [c for c in el if local(c.tag) == "TextEquiv"]


def _main_equiv(el):
    eqs = _equivs(el)
    if not eqs:
        return None
    return min(enumerate(eqs), key=lambda ie: (_index(ie[1]) or 0, ie[0]))[1]


def _index(eq) -> Optional[int]:
    """A TextEquiv's ``index``; None when missing or not a plain number ("²", or 5000 digits)."""
    value = eq.get("index") or ""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def _unicode(eq) -> str:
    if eq is None:
        return ""
    u = next((c for c in eq if local(c.tag) == "Unicode"), None)
    return (u.text or "") if u is not None else ""


class PageFormat(XmlFormat):
    name = "page"

    def check(self) -> None:
        if local(self.root.tag) != "PcGts":
            raise InputError(f"{self.source_name}: not PAGE XML (the root element is not <PcGts>)")
        self.integral = True

    def pages(self) -> list[Page]:
        pages = []
        for page_el in (el for el in self.root if local(el.tag) == "Page"):
            blocks = []
            for region in (el for el in page_el.iter() if local(el.tag) == "TextRegion"):
                lines = []
                for line_el in (el for el in region if local(el.tag) == "TextLine"):
                    word_els = [w for w in line_el if local(w.tag) == "Word"]
                    if word_els:
                        words = [Word(w, _unicode(_main_equiv(w)).strip(), _points_box(w)) for w in word_els]
                    else:
                        text = _unicode(_main_equiv(line_el))
                        words = [Word(line_el, text, _points_box(line_el), line_level=True)] if text.strip() else []
                        if "\n" in text:
                            words = [Word(line_el, " ".join(text.split()), _points_box(line_el), line_level=True)]
                    lines.append(Line(line_el, words, _points_box(line_el)))
                blocks.append(Block(region, lines))
            pages.append(Page(page_el, blocks))
        return pages

    # --- TextEquiv: the correction first (index 1), the OCR's readings after it ----------------
    def _equiv_markup(self, el, text: str, conf: float, like=None) -> str:
        eq_name = self.prefixed(el, "TextEquiv")
        u_name = self.prefixed(el, "Unicode")
        plain = ""
        if like is not None and any(local(c.tag) == "PlainText" for c in like):
            p_name = self.prefixed(el, "PlainText")
            plain = f"<{p_name}>{esc_text(text)}</{p_name}>"
        return (f'<{eq_name} index="1" conf="{conf:.4f}">{plain}'
                f"<{u_name}>{esc_text(text)}</{u_name}></{eq_name}>")

    def _equiv_changes(self, el, text: str, conf: float) -> list[tuple[int, int, str]]:
        """Put ``text`` first among ``el``'s TextEquivs (absolute splices of the source)."""
        eqs = _equivs(el)
        changes = []
        if eqs:
            first = eqs[0]
            ws = self.whitespace_before(first)
            at = self.spans[first].start
            changes.append((at, at, self._equiv_markup(el, text, conf, first) + ws))
            for pos, eq in enumerate(eqs):
                old = _index(eq)
                new = old + 1 if old is not None else pos + 2
                sp = self.spans[eq]
                changes.append((sp.start, sp.tag_end, set_attrs(self.tag_src(eq), index=str(new))))
        else:  # after the last Coords/Baseline/Word/Glyph (before TextStyle, UserDefined, Labels)
            anchor = None
            for c in el:
                if local(c.tag) in ("AlternativeImage", "Coords", "Baseline", "Word", "Glyph", "TextLine"):
                    anchor = c
            at = self.spans[anchor].end if anchor is not None else self.spans[el].tag_end
            ws = self.whitespace_before(anchor) if anchor is not None else ""
            changes.append((at, at, ws + self._equiv_markup(el, text, conf)))
        return changes

    def _coords(self, el, box: Box) -> str:
        x0, y0, x1, y1 = (fmt_num(v, True) for v in box)
        return f'<{self.prefixed(el, "Coords")} points="{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}"/>'

    def rewrite(self, word: Word, nw: NewWord) -> str:
        el = word.el
        sp = self.spans[el]
        changes = []
        if nw.text_changed:
            changes += self._equiv_changes(el, nw.text, nw.confidence)
        if not word.line_level:
            for child in el:
                name = local(child.tag)
                csp = self.spans.get(child)
                if csp is None:
                    continue
                if name == "Glyph" and nw.text_changed:
                    changes.append((max(csp.start - len(self.whitespace_before(child)), sp.tag_end), csp.end, ""))
                elif name == "Coords" and nw.box_changed and nw.box is not None:
                    changes.append((csp.start, csp.end, self._coords(el, nw.box)))
        return self.sub_splice(el, changes)

    def create(self, template: Word, nw: NewWord, new_id: str) -> str:
        el = template.el
        tag = self.open_tag(el, set_attrs(self.tag_src(el), id=new_id))
        eq_name = self.prefixed(el, "TextEquiv")
        u_name = self.prefixed(el, "Unicode")
        parts = [tag]
        if nw.box is not None:
            parts.append(self._coords(el, nw.box))
        parts.append(self._equiv_markup(el, nw.text, nw.confidence))
        if nw.original:
            parts.append(f'<{eq_name} index="2"><{u_name}>{esc_text(nw.original)}</{u_name}></{eq_name}>')
        parts.append(self.close_src(el))
        return "".join(parts)

    # --- keep the line and region texts consistent with their words ---------------------------
    def line_extra(self, change: LineChange) -> list[tuple[int, int, str]]:
        line = change.line
        if any(w.line_level for w in line.words) or not _equivs(line.el):
            return []
        if not any(w.text_changed for w in change.words) and not change.removed:
            return []
        conf = min((w.confidence for w in change.words if w.changed), default=1.0)
        return self._equiv_changes(line.el, change.text, conf)

    def page_extra(self, page: Page, changes: list[LineChange]) -> list[tuple[int, int, str]]:
        by_line = {id(c.line): c for c in changes}
        out = []
        for block in page.blocks:
            touched = [by_line[id(ln)] for ln in block.lines if id(ln) in by_line]
            if not touched or not _equivs(block.el):
                continue
            texts = []
            for ln in block.lines:
                c = by_line.get(id(ln))
                if c is not None and c.words:
                    texts.append(c.text)
                elif ln.words and ln.words[0].line_level:
                    texts.append(ln.words[0].text)
                elif ln.words:
                    texts.append(" ".join(w.text for w in ln.words))
                else:
                    texts.append(_unicode(_main_equiv(ln.el)))
            conf = min((w.confidence for c in touched for w in c.words if w.changed), default=1.0)
            out += self._equiv_changes(block.el, "\n".join(texts), conf)
        return out
