"""The corpus in ``../shared/corpus`` as the build scripts and the development sets see it.

Every file is a *source* with the kind of German it holds: its domain, its spelling era and its
national variety. The build scripts count the documents that are not held out; the development
sets in ``bench/`` are made from the held-out ones only, so that a measurement on them is a
measurement on text the language data never saw.

A document is held out by a hash of its key, the same on every machine and in every run. The
encyclopedia and the children's encyclopedia cover the same list of topics, so an article is keyed
by its topic: a topic held out of one is held out of both. The Bundestag speeches hold nothing out
here: the dev bench was made from sessions the corpus does not contain.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

#: one document in this many (by its key's hash) is held out of the language data
HELD_OUT_ONE_IN = 20


@dataclass(frozen=True)
class Source:
    file: str
    domain: str  # parliament, fiction, drama, poetry, encyclopedia, children, law
    era: str  # "modern" (after 1996, or 1901-1996 where the source keeps it) or "historic"
    variety: str  # "de", "ch" (Swiss: ss for ß) or "at" (Austrian)
    held_out: bool = True  # whether some of its documents are held out (see the module notes)
    #: the Bundestag files write one paragraph per line; the others separate paragraphs by a blank
    #: line and keep verse lines apart by a single newline
    line_per_paragraph: bool = False


SOURCES: tuple[Source, ...] = (
    Source("bundestag-wp19-s001-219.jsonl.gz", "parliament", "modern", "de", held_out=False,
           line_per_paragraph=True),
    Source("bundestag-wp20.jsonl.gz", "parliament", "modern", "de", held_out=False,
           line_per_paragraph=True),
    Source("fiction-1840-1920.jsonl.gz", "fiction", "historic", "de"),
    Source("drama-1770-1950.jsonl.gz", "drama", "historic", "de"),
    Source("poetry-1750-1950.jsonl.gz", "poetry", "historic", "de"),
    Source("wikipedia-de-2021.jsonl.gz", "encyclopedia", "modern", "de"),
    Source("klexikon-2021.jsonl.gz", "children", "modern", "de"),
    Source("legal-de-bundesrecht-2022.jsonl.gz", "law", "modern", "de"),
    Source("legal-ch-bundesrecht.jsonl.gz", "law", "modern", "ch"),
    Source("legal-at-bundesrecht-2025.jsonl.gz", "law", "modern", "at"),
)
BY_FILE = {s.file: s for s in SOURCES}

# topics shared by the two encyclopedias: "dewiki-klexikon:ABBA" and "klexikon:ABBA" are one topic
_TOPIC_PREFIXES = ("dewiki-klexikon:", "klexikon:")


def holdout_key(doc_id: str) -> str:
    for prefix in _TOPIC_PREFIXES:
        if doc_id.startswith(prefix):
            return "topic:" + doc_id[len(prefix):]
    return doc_id


def is_held_out(source: Source, doc_id: str) -> bool:
    """Is this document kept out of the language data (for the development sets)?"""
    if not source.held_out:
        return False
    digest = hashlib.sha256(holdout_key(doc_id).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % HELD_OUT_ONE_IN == 0


def sources(corpus: Path = DEFAULT_CORPUS) -> list[Source]:
    """The known sources present in ``corpus``; a file the table does not know is an error (its
    kind of text would be a guess)."""
    present = sorted(p.name for p in Path(corpus).glob("*.jsonl.gz"))
    unknown = [name for name in present if name not in BY_FILE]
    if unknown:
        raise SystemExit(f"{corpus}: unknown corpus files {unknown}: add them to scripts/corpus.py")
    return [BY_FILE[name] for name in present]


def documents(source: Source, corpus: Path = DEFAULT_CORPUS, *, held_out: bool = False) -> Iterator[dict]:
    """The documents of one source that are used for the language data (``held_out=False``) or
    the held-out ones (``held_out=True``)."""
    with gzip.open(Path(corpus) / source.file, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if is_held_out(source, doc["id"]) == held_out:
                yield doc


def paragraphs(source: Source, text: str) -> list[str]:
    """A document's paragraphs, each on one line: a verse's lines joined by a space, so that a
    line break inside a stanza or a sentence does not count as a sentence boundary."""
    if source.line_per_paragraph:
        return [p for p in text.split("\n") if p.strip()]
    return [" ".join(p.split("\n")) for p in text.split("\n\n") if p.strip()]


def one_paragraph_per_line(source: Source, text: str) -> str:
    """``text`` in the Bundestag files' layout, which ``korrektor.lexicon.tokenize`` and the
    build scripts read: one paragraph per line."""
    return "\n".join(paragraphs(source, text))
