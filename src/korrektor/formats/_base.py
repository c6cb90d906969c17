"""What the three XML formats share: parsing, element spans, ids, numbers and the generic
rewriting of a changed line (removals, rewrites and new elements as splices of the source)."""

from __future__ import annotations

import re
from typing import Optional

from ..io import InputError
from ._xml import element_spans, esc_text, local, parse, set_attr
from .common import Box, LineChange, NewWord, Page, Word

__all__ = ["XmlFormat", "fmt_num"]


def fmt_num(value: float, integral: bool) -> str:
    if integral:
        return str(int(round(value)))
    return f"{value:.2f}".rstrip("0").rstrip(".")


class XmlFormat:
    """One parsed XML document; subclasses read its pages and write changed words."""

    name = "xml"

    def __init__(self, text: str, name: str = "<input>"):
        self.src = text
        self.source_name = name
        self.root = parse(text, name)
        try:
            self.spans = element_spans(text, self.root)
        except (ValueError, IndexError) as e:
            raise InputError(f"{name}: cannot locate the XML elements in the file ({e})") from None
        self.ids = {v for el in self.spans for k, v in el.attrib.items() if local(k) in ("id", "ID")}
        self.check()

    # --- to be provided by the formats -------------------------------------------------------
    def check(self) -> None:
        """Raise InputError if the root is not this format."""

    def pages(self) -> list[Page]:
        raise NotImplementedError

    def rewrite(self, word: Word, nw: NewWord) -> str:
        """The new source of ``word``'s element, which now holds ``nw``."""
        raise NotImplementedError

    def create(self, template: Word, nw: NewWord, new_id: str) -> str:
        """The source of a new element holding ``nw``, made like ``template``."""
        raise NotImplementedError

    def gap(self, template: Word, left: Optional[Box], right: Optional[Box]) -> str:
        """What stands between two word elements (indentation, ALTO's <SP/>)."""
        return self.whitespace_before(template.el) or " "

    def line_extra(self, change: LineChange) -> list[tuple[int, int, str]]:
        return []

    def page_extra(self, page: Page, changes: list[LineChange]) -> list[tuple[int, int, str]]:
        return []

    # --- helpers -----------------------------------------------------------------------------
    def tag_src(self, el) -> str:
        sp = self.spans[el]
        return self.src[sp.start:sp.tag_end]

    def qname(self, el) -> str:
        return re.match(r"<([^\s/>]+)", self.tag_src(el)).group(1)

    def prefixed(self, el, name: str) -> str:
        """``name`` with the namespace prefix ``el`` is written with (``pc:`` or none)."""
        q = self.qname(el)
        return q[:q.index(":") + 1] + name if ":" in q else name

    def close_src(self, el) -> str:
        sp = self.spans[el]
        return self.src[sp.close:sp.end] if not sp.empty else f"</{self.qname(el)}>"

    def open_tag(self, el, tag_src: Optional[str] = None) -> str:
        """The start tag as an opening (not self-closing) tag."""
        s = tag_src if tag_src is not None else self.tag_src(el)
        return s[:-2].rstrip() + ">" if s.endswith("/>") else s

    def whitespace_before(self, el) -> str:
        start = self.spans[el].start
        i = start
        while i > 0 and self.src[i - 1] in " \t\r\n":
            i -= 1
        return self.src[i:start]

    def new_id(self, base: str) -> str:
        n = 1
        while f"{base}_k{n}" in self.ids:
            n += 1
        self.ids.add(f"{base}_k{n}")
        return f"{base}_k{n}"

    def element(self, el, tag_src: str, content: Optional[str]) -> str:
        """An element from its start tag and content (None or '': self-closing)."""
        if not content:
            return tag_src if tag_src.endswith("/>") else tag_src[:-1].rstrip() + "/>"
        return self.open_tag(el, tag_src) + content + self.close_src(el)

    def sub_splice(self, el, changes: list[tuple[int, int, str]], tag_src: Optional[str] = None) -> str:
        """The element's source with ``changes`` (absolute offsets inside its content) applied."""
        from ._xml import splice

        sp = self.spans[el]
        content = splice(self.src[sp.tag_end:sp.close], [(a - sp.tag_end, b - sp.tag_end, s)
                                                         for a, b, s in changes])
        tag = tag_src if tag_src is not None else self.tag_src(el)
        if sp.empty:
            return self.element(el, tag, content)
        return self.open_tag(el, tag) + content + self.src[sp.close:sp.end]

    # --- the generic line rewrite ------------------------------------------------------------
    def render_line(self, change: LineChange) -> list[tuple[int, int, str]]:
        if not change.words:
            return []  # every word of the line went away: keep the line as it was
        words = change.line.words
        splices: list[tuple[int, int, str]] = []
        removed = {id(w) for w in change.removed}
        i = 0
        while i < len(words):  # runs of removed words go with the space before (or after) them
            if id(words[i]) not in removed:
                i += 1
                continue
            j = i
            while j + 1 < len(words) and id(words[j + 1]) in removed:
                j += 1
            # the space goes with the run only where the words around it are siblings: a range
            # from one parent into another would cut through a closing tag
            around = words[max(0, i - 1):j + 2]
            if len({id(w.el.getparent()) for w in around}) > 1:
                splices += [(self.spans[w.el].start, self.spans[w.el].end, "") for w in words[i:j + 1]]
            elif i > 0:
                splices.append((self.spans[words[i - 1].el].end, self.spans[words[j].el].end, ""))
            elif j + 1 < len(words):
                splices.append((self.spans[words[0].el].start, self.spans[words[j + 1].el].start, ""))
            else:
                splices.append((self.spans[words[0].el].start, self.spans[words[-1].el].end, ""))
            i = j + 1

        prev: Optional[Word] = None
        prev_box: Optional[Box] = None
        pending: list[NewWord] = []
        for nw in change.words:
            if nw.reuse is None:
                if prev is None:
                    pending.append(nw)
                else:
                    template = nw.sources[0] if nw.sources else prev
                    at = self.spans[prev.el].end
                    nw.new_id = self.new_id(self._id_base(template))
                    splices.append((at, at, self.gap(template, prev_box, nw.box)
                                    + self.create(template, nw, nw.new_id)))
                    prev_box = nw.box
                continue
            word = nw.reuse
            sp = self.spans[word.el]
            if pending:
                parts = []
                box = None
                for p in pending:
                    template = p.sources[0] if p.sources else word
                    p.new_id = self.new_id(self._id_base(template))
                    parts.append(self.create(template, p, p.new_id)
                                 + self.gap(template, p.box, box))
                splices.append((sp.start, sp.start, "".join(parts)))
                pending = []
            if nw.changed:
                splices.append((sp.start, sp.end, self.rewrite(word, nw)))
            prev, prev_box = word, nw.box
        splices.extend(self.line_extra(change))
        return splices

    def _id_base(self, word: Word) -> str:
        for k, v in word.el.attrib.items():
            if local(k) in ("id", "ID"):
                return v
        return "w"


def text_content(s: str) -> str:
    return esc_text(s)


def set_attrs(tag: str, **values: str) -> str:
    for k, v in values.items():
        tag = set_attr(tag, k, v)
    return tag
