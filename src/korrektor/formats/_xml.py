"""Safe XML parsing and in-place editing of the original file text.

Parsing: lxml without entity resolution, network access, DTD loading or huge-tree mode, and any
DOCTYPE with an internal subset (where entities are declared: the "billion laughs" and XXE attacks)
is refused before the parser sees it. External DTDs named by a DOCTYPE (hOCR's XHTML DTD) are never
fetched.

Editing: korrektor never re-serialises a document. :func:`element_spans` finds where each element's
start tag, content and end tag stand in the original text, and the writers replace only the spans
of the elements they change (:func:`splice`), so every other byte of the file stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..io import InputError

try:
    from lxml import etree
except ImportError:  # pragma: no cover - depends on the installation
    etree = None

__all__ = ["parse", "element_spans", "Span", "splice", "esc_text", "esc_attr", "set_attr",
           "get_attr_src", "local", "require_lxml"]

#: the largest XML document read (characters; files: bytes). lxml's own safety limits (huge_tree
#: off) stop nesting deeper than 256 elements and text nodes longer than 10 MB.
MAX_BYTES = 200 * 1024 * 1024


def require_lxml():
    if etree is None:
        raise InputError("reading hOCR, ALTO or PAGE XML needs lxml: pip install 'korrektor[formats]'")
    return etree


_DOCTYPE = re.compile(r"<!DOCTYPE\b", re.I)
_ENTITY = re.compile(r"<!ENTITY\b", re.I)


def parse(text: str, name: str):
    """Parse ``text`` (already decoded) safely; return the lxml root element."""
    etree = require_lxml()
    if len(text) > MAX_BYTES:
        raise InputError(f"{name}: the document is too large ({len(text)} characters)")
    m = _DOCTYPE.search(text)
    if m:
        end = _doctype_end(text, m.start())
        if "[" in text[m.start():end] or _ENTITY.search(text):
            raise InputError(f"{name}: refused: the document declares entities in a DOCTYPE "
                             "(internal DTD subsets are not accepted: entity expansion and external "
                             "entities are a security risk)")
    elif _ENTITY.search(text):
        raise InputError(f"{name}: refused: the document declares entities")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as e:  # only a str from a caller, never decoded bytes, holds one
        raise InputError(f"{name}: a lone surrogate (U+{ord(text[e.start]):04X}) at character {e.start} "
                         "is not Unicode") from None
    if text.startswith("<?xml") and (decl_end := text.find("?>")) > 0:
        # the declaration may name another encoding; we hand lxml UTF-8 bytes, so say so
        decl = re.sub(r"""encoding\s*=\s*(['"])[^'"]*\1""", 'encoding="UTF-8"', text[:decl_end])
        data = (decl + text[decl_end:]).encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, dtd_validation=False, remove_blank_text=False,
                             remove_comments=False, remove_pis=False, strip_cdata=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        where, message = _syntax_error(e)
        if "XML_PARSE_HUGE" in message:  # a safety limit, not a syntax error: say so, not how to lift it
            message = re.sub(r",? *(use|try) XML_PARSE_HUGE( option)?", "", message)
            raise InputError(f"{name}{where}: refused: {message} (a safety limit for XML)") from None
        raise InputError(f"{name}{where}: not well-formed XML: {message}") from None
    docinfo = root.getroottree().docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and (list(dtd.entities()) or list(dtd.elements())):
        raise InputError(f"{name}: refused: the document has an internal DTD subset")
    # With a DOCTYPE, libxml2 takes an undeclared entity (&x;) for one its external DTD might
    # declare: only a warning, it drops the reference from attribute values, and it even lets
    # namespace errors pass. korrektor never reads DTDs, so such a reference is refused.
    for entry in parser.error_log:
        if entry.type_name.endswith("UNDECLARED_ENTITY"):
            raise InputError(f"{name}, line {entry.line}: refused: unresolved entity reference "
                             f"({entry.message.strip()})")
    for node in root.iter(etree.Entity):
        raise InputError(f"{name}: refused: unresolved entity reference &{node.name};")
    return root


#: libxml2 ends a message with the place (", line 2, column 70"), which korrektor puts first
_LIBXML_PLACE = re.compile(r",? *line \d+, column \d+\s*$")
#: ... and names a tag with the line it opened on ("tag mismatch: span line 2 and div",
#: "end of data in tag div line 2", "end of Start Tag a line 1")
_LIBXML_TAG_LINE = re.compile(r"((?:[Tt]ag|mismatch:) )([A-Za-z_][\w.:\-]*) line (\d+)\b")


def _syntax_error(e) -> tuple[str, str]:
    """(", line L, column C", message) of lxml's syntax error, the place said once, up front:
    libxml2's own text repeats it ("line 2: … span line 2 and div, line 2, column 70")."""
    line, column = getattr(e, "position", None) or (getattr(e, "lineno", None), None)
    where = f", line {line}" if line else ""
    if line and column:
        where += f", column {column}"
    message = _LIBXML_PLACE.sub("", str(getattr(e, "msg", e)))
    message = _LIBXML_TAG_LINE.sub(r"\1<\2> from line \3", message)
    message = re.sub(r"(tag mismatch: .*) and ([A-Za-z_][\w.:\-]*)$", r"\1 and </\2>", message)
    return where, message


def _doctype_end(text: str, start: int) -> int:
    depth = 0
    quote = ""
    for i in range(start, min(len(text), start + 1_000_000)):
        c = text[i]
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == ">" and depth <= 0:
            return i + 1
    return len(text)


def local(tag) -> str:
    """The local name of an element tag (``{ns}String`` → ``String``); '' for comments and PIs."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


@dataclass(frozen=True, slots=True)
class Span:
    """Where an element stands in the source text: ``start`` of ``<``, ``tag_end`` after the
    start tag's ``>``, ``close`` at the end tag's ``<`` (== ``tag_end`` when self-closing),
    ``end`` after the end tag."""

    start: int
    tag_end: int
    close: int
    end: int

    @property
    def empty(self) -> bool:
        return self.tag_end == self.end


_TOKEN = re.compile(
    r"""<!--.*?-->"""
    r"""|<!\[CDATA\[.*?\]\]>"""
    r"""|<\?.*?\?>"""
    r"""|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"""
    r"""|</(?P<close>[^\s>]+)\s*>"""
    r"""|<(?P<open>[^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(?P<selfclose>/?)>""",
    re.S | re.I,
)


def element_spans(text: str, root) -> dict:
    """Map every element of the tree rooted at ``root`` (parsed from ``text``) to its :class:`Span`."""
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    spans = {}
    stack: list[tuple[object, int, int]] = []
    index = 0
    pos = text.find("<")
    while 0 <= pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"cannot tokenize the XML at offset {pos}")
        if m.group("open"):
            if index >= len(elements):
                raise ValueError("more start tags than elements")
            el = elements[index]
            index += 1
            qname = m.group("open")
            if local(el.tag) != qname.rpartition(":")[2]:
                raise ValueError(f"start tag {qname} does not match element {el.tag}")
            if m.group("selfclose"):
                spans[el] = Span(m.start(), m.end(), m.end(), m.end())
            else:
                stack.append((el, m.start(), m.end()))
        elif m.group("close"):
            el, s, t = stack.pop()
            spans[el] = Span(s, t, m.start(), m.end())
        pos = text.find("<", m.end())
    if index != len(elements) or stack:
        raise ValueError("the tag structure does not match the parsed tree")
    return spans


def splice(text: str, changes: list[tuple[int, int, str]]) -> str:
    """Replace ``[start, end)`` spans of ``text``; insertions (start == end) at a point come before
    a replacement that starts there."""
    changes = sorted(changes, key=lambda c: (c[0], c[1] != c[0], c[1]))
    out = []
    pos = 0
    for start, end, new in changes:
        if start < pos:
            raise ValueError(f"overlapping changes at {start}")
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def esc_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(s: str, quote: str = '"') -> str:
    s = esc_text(s).replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;")
    return s.replace('"', "&quot;") if quote == '"' else s.replace("'", "&apos;")


_ATTR = re.compile(r"""\s+([^\s=/>]+)\s*=\s*(["'])(.*?)\2""", re.S)


def _find_attr(tag_src: str, name: str):
    m = re.match(r"<[^\s/>]+", tag_src)
    pos = m.end()
    while True:
        a = _ATTR.match(tag_src, pos)
        if not a:
            return None
        if a.group(1) == name:
            return a
        pos = a.end()


def get_attr_src(tag_src: str, name: str):
    """The raw (escaped) value and quote of attribute ``name`` in a start tag's source, or None."""
    m = _find_attr(tag_src, name)
    return (m.group(3), m.group(2)) if m else None


def set_attr(tag_src: str, name: str, value: str) -> str:
    """Set attribute ``name`` in the source of a start tag, keeping the order, quoting and
    spelling of the other attributes; a new attribute goes last."""
    m = _find_attr(tag_src, name)
    if m:
        q = m.group(2)
        return tag_src[:m.start(3)] + esc_attr(value, q) + tag_src[m.end(3):]
    end = len(tag_src) - (2 if tag_src.endswith("/>") else 1)
    while end > 0 and tag_src[end - 1].isspace():
        end -= 1
    return f'{tag_src[:end]} {name}="{esc_attr(value)}"{tag_src[end:]}'
