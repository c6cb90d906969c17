"""The correction pipeline: named stages, run in a fixed order, composed into one lossless edit log."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import cached_property
from typing import Sequence

from . import _core
from .config import Config
from .edits import Edit, apply, check_changes, compose, revert
from .stages import Stage, StageResult, layout, pages, typography, unicode, words

__all__ = ["Result", "Context", "Stage", "StageResult", "STAGES", "CoreError", "correct", "join_results"]


class CoreError(RuntimeError):
    """The compiled core failed on a text: a panic in ``korrektor._core``, which is a bug (report it
    with the text). Raised by :func:`correct` in place of PyO3's ``PanicException``, which derives
    from ``BaseException``: as a ``RuntimeError`` it is handled where other internal errors are (a
    corpus run reports the record and goes on; the service answers 500)."""


@dataclass
class Context:
    """What a stage may know besides its input text. Language data loads on first use."""

    config: Config
    #: the original input of the run (stages see the text as earlier stages left it)
    input: str = ""

    @cached_property
    def printed_layout(self) -> bool:
        """Does the input still have the line breaks of a printed page (OCR or PDF output)?

        Such text went through an engine that reads the en dash as a hyphen and loses quote
        shapes; flowed text (one line per paragraph) is taken as typed and trusted more.
        """
        lines = self.input.split("\n")
        # a line that continues in the next non-blank line (no blank line between them)
        wrapped = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and b.strip())
        # an engine that spaces its lines widely puts a blank line between them: a sentence torn
        # there ("ein¶¶bisschen", "sagte¶¶einmal:") shows the page's line breaks as well
        nonblank = [ln.strip() for ln in lines if ln.strip()]
        # (a line ends inside a sentence after a lower-case letter, a comma or a hyphen)
        torn = sum(1 for a, b in zip(nonblank, nonblank[1:]) if (a[-1].islower() or a[-1] in ",-") and b[:1].islower())
        return wrapped + torn >= 2 and wrapped + torn >= 0.3 * len(nonblank)

    @cached_property
    def profile(self):
        """The document's OCR error profile (which engine habits to expect)."""
        from .errormodel import estimate_profile

        return estimate_profile(self.input)

    @cached_property
    def spelling(self):
        """The document's spelling: Swiss or standard (see :mod:`korrektor.spelling`)."""
        from .spelling import detect

        return detect(self.input, self.lexicon)

    @cached_property
    def error_model(self):
        from .errormodel import default_error_model

        return default_error_model()

    @cached_property
    def lexicon(self):
        from .lexicon import default_lexicon

        return default_lexicon()


#: The stages in the order they run. A stage runs when the config attribute of its name is true.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("pages", pages.run),
    ("unicode", unicode.run),
    ("layout", layout.run),
    ("typography", typography.run),
    ("words", words.run),
)


@dataclass(frozen=True)
class Result:
    """The outcome of :func:`correct`.

    ``edits`` refer to offsets in ``input``; ``apply(input, edits) == text``. ``doubts`` are
    corrections that were considered but not applied (below ``min_confidence`` or in suggest
    mode), also with offsets into ``input``.
    """

    input: str
    text: str
    edits: tuple[Edit, ...]
    doubts: tuple[Edit, ...] = ()

    def restore(self) -> str:
        """The original input, rebuilt from the output and the edit log."""
        return revert(self.text, self.edits)

    def to_dict(self, with_input: bool = False) -> dict:
        d = {"text": self.text, "edits": [e.to_dict() for e in self.edits],
             "doubts": [e.to_dict() for e in self.doubts]}
        if with_input:
            d["input"] = self.input
        return d


def _locate(original: str, edits: list[Edit], current: str, changes: Sequence[Edit]) -> list[Edit]:
    """Express changes against ``current`` as edits against ``original`` (not applied), each on
    its own, in the order given."""
    if not changes:
        return []
    known = set(map(id, edits))
    order = sorted(range(len(changes)), key=lambda i: (changes[i].start, changes[i].end))
    # one pass over the log for all of them, unless two of them would merge into one edit
    located = [e for e in compose(original, edits, current, [changes[i] for i in order])
               if id(e) not in known]
    if len(located) == len(changes):
        by_index = dict(zip(order, located))
        return [by_index[i] for i in range(len(changes))]
    return [next(e for e in compose(original, edits, current, [c]) if id(e) not in known)
            for c in changes]


#: ``correct`` repeats the pipeline on its own output until nothing changes, at most this often.
#: A correction can reveal another (a restored word lets its neighbour be read in context), and
#: correcting corrected text must change nothing.
MAX_ROUNDS = 3


def _run_stages(original: str, text: str, config: Config, edits: list[Edit], doubts: list[Edit]
                ) -> tuple[str, list[Edit]]:
    """One pass of every enabled stage over ``text`` (= apply(original, edits))."""
    ctx = Context(config, text)
    current = text
    for name, stage in STAGES:
        if not getattr(config, name):
            continue
        result: StageResult = stage(current, ctx)
        changes, stage_doubts = result.changes, result.doubts
        if config.skip_rules:
            changes = _without_skipped(changes, config.skip_rules)
            stage_doubts = _without_skipped(stage_doubts, config.skip_rules)
        check_changes(current, changes)
        doubts += _locate(original, edits, current, stage_doubts)
        if changes:
            edits = compose(original, edits, current, changes)
            current = apply(current, changes)
    return current, edits


def _without_skipped(changes: Sequence[Edit], skip: frozenset[str]) -> tuple[Edit, ...]:
    """``changes`` (a stage's changes or its doubts) without those a skipped rule made
    (``Config.skip_rules``).

    The stages that run named fixes one after another (``edits.run_fixes``: unicode,
    typography) do not run a skipped one at all, so that the fixes after it see the text without
    it; the others (layout, words) decide on the whole text at once, and their skipped rules'
    changes are dropped here, before the stage's changes are applied; the rest of them stay as the
    stage made them. A change that a stage made with two rules at once ("join_broken_word+
    lost_umlauts") goes when either is skipped."""
    return tuple(c for c in changes if skip.isdisjoint(c.rule.split("+")))


#: A text longer than this is corrected in pieces of about this many characters, cut at paragraph
#: breaks after a sentence end: the work space of one piece is bounded (a whole 50 MB document
#: would take about 1.8 GB), and each piece is a document of its own for the page-level decisions
#: (quote and dash style, error profile), as the pages of a long scan may differ.
PIECE_CHARS = 200_000
_PIECE_BREAK_RE = re.compile(r"(?<=[.!?:;“”\"»«)])\n\n+(?=\S)")


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text``; what lies between two pieces is kept as it is."""
    if len(text) <= PIECE_CHARS * 3 // 2:
        return [(0, len(text))]
    spans, start = [], 0
    for m in _PIECE_BREAK_RE.finditer(text, PIECE_CHARS):
        if m.start() - start >= PIECE_CHARS and len(text) - m.end() >= PIECE_CHARS // 2:
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(text)))
    return spans


def correct(text: str, config: Config | None = None, **options) -> Result:
    """Correct OCR-damaged German ``text``; returns the corrected text and the edits that made it.

    ``config`` chooses the stages and how cautious they are; keyword ``options`` are settings of
    :class:`Config` that override it (or the defaults): ``correct(text, words=False)``,
    ``correct(text, config, min_confidence=0.9)``. An unknown option is a ``TypeError`` that
    lists the known ones; a failure of the compiled core, a :class:`CoreError`.
    """
    if not isinstance(text, str):
        raise TypeError(f"correct() takes str, not {type(text).__name__}")
    config = _with_options(config or Config(), options)
    try:
        return _correct_pieces(text, config)
    except _core.PanicException as e:
        raise CoreError(f"korrektor's compiled core failed on this text ({len(text)} characters): "
                        f"{e}; this is a bug, please report it with the text") from e


def _correct_pieces(text: str, config: Config) -> Result:
    pieces = _pieces(text)
    if len(pieces) == 1:
        return _correct_document(text, config)
    out: list[str] = []
    edits: list[Edit] = []
    doubts: list[Edit] = []
    prev_end = 0
    for start, end in pieces:
        out.append(text[prev_end:start])  # the paragraph break between two pieces
        piece = _correct_document(text[start:end], config)
        out.append(piece.text)
        edits += _shifted(piece.edits, start)
        doubts += _shifted(piece.doubts, start)
        prev_end = end
    return Result(text, "".join(out), tuple(edits), tuple(doubts))


def _with_options(config: Config, options: dict) -> Config:
    """``config`` with the keyword options of :func:`correct` applied (``Config.with_`` would
    name an unknown one only as an unexpected argument of ``replace``, without the known ones)."""
    if not options:
        return config
    known = [f.name for f in fields(Config)]
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise TypeError(f"correct() got unknown option(s) {', '.join(map(repr, unknown))}; "
                        f"the options are the settings of Config: {', '.join(known)}")
    return config.with_(**options)


def join_results(results: Sequence[Result], sep: str = "\n\n") -> Result:
    """Several results (e.g. the pages of a document) as one: their inputs and outputs joined by
    ``sep``, edits and doubts moved to their place in the joined input."""
    inputs, outputs, edits, doubts = [], [], [], []
    offset = 0
    for r in results:
        edits += _shifted(r.edits, offset)
        doubts += _shifted(r.doubts, offset)
        inputs.append(r.input)
        outputs.append(r.text)
        offset += len(r.input) + len(sep)
    return Result(sep.join(inputs), sep.join(outputs), tuple(edits), tuple(doubts))


def _shifted(edits: Sequence[Edit], offset: int) -> list[Edit]:
    """``edits`` of a part of a text, as edits of the whole text (the part starts at ``offset``)."""
    return [replace(e, start=e.start + offset, end=e.end + offset) for e in edits]


def _correct_document(text: str, config: Config) -> Result:
    edits: list[Edit] = []
    doubts: list[Edit] = []
    current = text
    for _ in range(MAX_ROUNDS):
        new, edits = _run_stages(text, current, config, edits, doubts)
        if new == current:
            break
        current = new
    unique_doubts = {(d.start, d.end, d.after): d for d in doubts}
    return Result(text, current, tuple(edits), tuple(unique_doubts.values()))
