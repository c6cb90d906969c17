"""OCR formats with coordinates: hOCR, ALTO (v2–v4) and PAGE XML (2013, 2019), corrected in place.

    >>> from korrektor.formats import correct_document
    >>> doc = correct_document(xml_text)            # format detected
    >>> doc.text                                    # the corrected file, as a string
    >>> doc.changes                                 # every changed word: old/new text and box
    >>> doc.page_results[0].edits                   # the edits of page 1's text (korrektor.Result)
    >>> data, doc = correct_file("page.hocr")       # a file, in its own encoding

Each page is corrected as one text (lines joined for the language model, see
:mod:`korrektor.formats.common`), and the edits are written back into the words they touch.
The file is never re-serialised: only the elements of changed words are rewritten, so every other
byte (unchanged words, their boxes, formatting, comments) stays as it was.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from typing import Optional, Union

from ..config import Config
from ..edits import floor_confidence
from ..io import InputError, read_bytes
from ..pipeline import Result
from ..pipeline import correct as correct_text
from ._xml import splice
from .common import LineChange, page_text, project

__all__ = ["FORMATS", "detect", "decode", "load", "correct_document", "correct_bytes", "correct_file",
           "DocumentResult", "WordChange"]

FORMATS = ("hocr", "alto", "page")


def detect(text: str) -> Optional[str]:
    """``'hocr'``, ``'alto'``, ``'page'`` or None (not one of the XML formats) from the head of a file."""
    head = text[:20000].lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return None
    root = re.search(r"<(?![?!])([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)", head)
    if not root:
        return None
    name = root.group(2)
    if name == "alto":
        return "alto"
    if name == "PcGts":
        return "page"
    if name.lower() == "html" and re.search(r"""class\s*=\s*["'][^"']*\bocr_page\b""", text[:200000]):
        return "hocr"
    return None


#: codecs Python has that are no character sets: an XML declaration naming one is refused
_NOT_CHARSETS = {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"}


def decode(data: bytes, name: str = "<input>") -> str:
    """Decode an XML file: a BOM or the encoding in the XML declaration, else UTF-8.

    XML names its own encoding, so there is no ``errors`` policy here: bytes that do not fit it
    are an :class:`InputError` (with the byte offset and line), as a parser would report them."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    m = re.match(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""", data[:200])
    encoding = m.group(1).decode("ascii") if m else "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    try:
        if codecs.lookup(encoding).name in _NOT_CHARSETS:
            raise LookupError(encoding)
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r} in the XML declaration") from None
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(f"{name}: not valid {encoding}: byte 0x{data[e.start]:02x} at offset {e.start} "
                         f"(line {line}): {e.reason}") from None


def load(text: str, fmt: Optional[str] = None, name: str = "<input>"):
    """Parse ``text`` as ``fmt`` (detected when None or ``"auto"``) and return the format object."""
    fmt = detect(text) if fmt in (None, "auto") else fmt
    if fmt == "hocr":
        from .hocr import HocrFormat as cls
    elif fmt == "alto":
        from .alto import AltoFormat as cls
    elif fmt == "page":
        from .page import PageFormat as cls
    elif fmt is None:
        raise InputError(f"{name}: not hOCR, ALTO or PAGE XML (give the format with --input-format)")
    else:
        raise InputError(f"{name}: unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
    return cls(text, name)


@dataclass(frozen=True)
class WordChange:
    """One changed word: where (page, line, element id), what the OCR read, what it is now."""

    page: int
    line_id: str
    word_id: str
    before: str
    after: str
    box: Optional[tuple[float, float, float, float]]
    confidence: float
    rules: tuple[str, ...]
    action: str  # "replace", "split", "join", "remove", "insert"

    def to_dict(self) -> dict:
        return {"page": self.page, "line": self.line_id, "word": self.word_id, "before": self.before,
                "after": self.after, "box": list(self.box) if self.box else None,
                "confidence": floor_confidence(self.confidence, 4), "rules": list(self.rules), "action": self.action}


@dataclass
class DocumentResult:
    """A corrected document: its text, the changed words, and per page the correction of the
    page's text (``page_results``: what :func:`korrektor.correct` made of it, with its edits and
    doubts; offsets refer to that page text, see :mod:`korrektor.formats.common`)."""

    text: str
    format: str
    changes: list[WordChange] = field(default_factory=list)
    pages: int = 0
    edits: int = 0  # how many edits, on all pages (the edits themselves: ``page_results``)
    doubts: list = field(default_factory=list)
    page_results: list[Result] = field(default_factory=list)

    def to_dict(self) -> dict:
        """As JSON: ``edits`` and ``doubts`` are lists of edit dicts as for plain text
        (``Result.to_dict``), each with the ``page`` (from 1) whose text its offsets refer to."""
        return {"format": self.format, "pages": self.pages,
                "edits": self._per_page(lambda r: r.edits),
                "changes": [c.to_dict() for c in self.changes],
                "doubts": self._per_page(lambda r: r.doubts)}

    def _per_page(self, which) -> list[dict]:
        return [{"page": pno} | e.to_dict() for pno, r in enumerate(self.page_results, 1) for e in which(r)]


def _id(el) -> str:
    for k, v in el.attrib.items():
        if k.rpartition("}")[2] in ("id", "ID"):
            return v
    return ""


def correct_document(text: str, fmt: Optional[str] = None, config: Optional[Config] = None,
                     name: str = "<input>") -> DocumentResult:
    """Correct an hOCR, ALTO or PAGE document (as text); return the corrected document."""
    doc = load(text, fmt, name)
    config = config or Config()
    splices: list[tuple[int, int, str]] = []
    result = DocumentResult(text, doc.name)
    pages = doc.pages()
    _check_words(pages, name)
    for pno, page in enumerate(pages, 1):
        result.pages += 1
        info = page_text(page)
        if not info.text.strip():  # nothing to correct; an empty result keeps pages and results aligned
            result.page_results.append(Result(info.text, info.text, ()))
            continue
        corrected = correct_text(info.text, config)
        result.page_results.append(corrected)
        result.edits += len(corrected.edits)
        result.doubts.extend(corrected.doubts)
        changes = project(page, info, list(corrected.edits))
        for change in changes:
            splices.extend(doc.render_line(change))
            result.changes.extend(_describe(pno, change))
        splices.extend(doc.page_extra(page, changes))
    if splices:
        result.text = splice(text, splices)
    return result


def _check_words(pages, name: str) -> None:
    """Every word element is read once and holds no other, and no line holds another line: a file
    with a page inside a page, a word inside a word or a line inside a line (well-formed, but no
    valid hOCR, ALTO or PAGE; an unclosed element in hOCR read as HTML does it) would be rewritten
    twice in one place, so it is refused."""
    words = {}
    lines = set()
    for page in pages:
        for block in page.blocks:
            for line in block.lines:
                lines.add(line.el)
                for w in line.words:
                    if w.el in words:
                        raise InputError(f"{name}, line {w.el.sourceline}: the word {_id(w.el)!r} belongs to "
                                         "two lines or pages (are pages, blocks or lines nested?)")
                    words[w.el] = w
    for el in words:
        outer = next((a for a in el.iterancestors() if a in words), None)
        if outer is not None:
            raise InputError(f"{name}, line {el.sourceline}: the word {_id(el)!r} is inside another word "
                             f"({_id(outer)!r})")
    for el in lines:
        outer = next((a for a in el.iterancestors() if a in lines), None)
        if outer is not None:
            raise InputError(f"{name}, line {el.sourceline}: the line {_id(el)!r} is inside another line "
                             f"({_id(outer)!r}; is an element not closed?)")


def _describe(pno: int, change: LineChange) -> list[WordChange]:
    out = []
    line_id = _id(change.line.el)
    for nw in change.words:
        if not nw.changed:
            continue
        if nw.reuse is None:
            action = "split" if nw.sources else "insert"
        elif len(nw.sources) > 1:
            action = "join"
        elif any(nw.sources[0] in (o.sources) for o in change.words if o is not nw):
            action = "split"
        else:
            action = "replace"
        out.append(WordChange(pno, line_id, _id(nw.reuse.el) if nw.reuse else nw.new_id, nw.original,
                              nw.text, nw.box, nw.confidence, nw.rules, action))
    for w in change.removed:
        if not any(w in nw.sources for nw in change.words):
            out.append(WordChange(pno, line_id, _id(w.el), w.text, "", w.box, change.removed_confidence,
                                  change.removed_rules, "remove"))
    return out


def correct_file(path: Union[str, os.PathLike], fmt: Optional[str] = "auto", config: Optional[Config] = None
                 ) -> tuple[bytes, DocumentResult]:
    """Correct the hOCR, ALTO or PAGE file at ``path`` (``fmt``: ``"auto"`` detects it); return
    the corrected bytes and the result, as :func:`correct_bytes` does. The file is not changed."""
    if isinstance(path, (bytes, bytearray, memoryview)):  # open() would take bytes for a file name
        raise TypeError("correct_file() takes a path; for a file's bytes use correct_bytes()")
    from ._xml import MAX_BYTES

    return correct_bytes(read_bytes(path, limit=MAX_BYTES), fmt, config, os.fspath(path))


def correct_bytes(data: bytes, fmt: Optional[str] = "auto", config: Optional[Config] = None,
                  name: str = "<input>") -> tuple[bytes, DocumentResult]:
    """Correct a file's bytes (``name`` is what error messages call it); return the corrected
    bytes (in the file's encoding, byte order mark and byte order) and the result. A file without
    changes comes back as the very same bytes."""
    text = decode(data, name)
    result = correct_document(text, fmt, config, name)
    if result.text is text:
        return data, result
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 in the byte order the file used
        bom, encoding = data[:2], "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
    else:
        m = re.match(r"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""", text[:200])
        bom, encoding = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b"", m.group(1) if m else "utf-8"
    return bom + result.text.removeprefix("\ufeff").encode(encoding, errors="xmlcharrefreplace"), result
