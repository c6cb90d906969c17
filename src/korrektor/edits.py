"""The lossless edit model.

korrektor never mutates its input. Every stage proposes *changes* against the text it sees; the
pipeline composes them into *edits* against the original input. An edit says which span of the input
(Unicode code points, half-open ``[start, end)``) was replaced by what, why (``kind`` and ``rule``),
how sure we are, and what else it could have been. Because every edit keeps the text it replaced,
the input can always be rebuilt from the output and the edits (:func:`revert`).

Invariants (checked by the property tests):

* edits are sorted by ``start`` and do not overlap; two edits never share a zero-width position;
* ``apply(input, edits) == output`` and ``revert(output, edits) == input``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from decimal import ROUND_FLOOR, Decimal
from typing import Callable, Collection, Iterable, Sequence

from .rules import Kind

__all__ = ["Edit", "apply", "revert", "compose", "output_spans", "check_changes", "run_fixes", "line_finder",
           "floor_confidence", "format_confidence"]


@dataclass(frozen=True, slots=True)
class Edit:
    """One replacement of ``before`` (at ``[start, end)`` of the text it refers to) by ``after``.

    As returned by :func:`korrektor.correct`, offsets refer to the original input. Inside a stage
    (before composition) they refer to that stage's input text.
    """

    start: int
    end: int
    before: str
    after: str
    #: what kind of repair: a :class:`~korrektor.rules.Kind`, or several joined by ``+`` (a plain
    #: str, "hyphenation+word") where composition merged the edits of several steps
    kind: Kind | str
    rule: str  # the named fix that made it, e.g. "join_hyphenated_word" (joined by "+" likewise)
    confidence: float = 1.0
    alternatives: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "kind": str(self.kind),  # a plain string in JSON, never the enum
            "rule": self.rule,
            "confidence": floor_confidence(self.confidence, 4),
            "alternatives": list(self.alternatives),
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Edit":
        return cls(
            d["start"], d["end"], d["before"], d["after"], _kind(d["kind"]), d["rule"],
            float(d.get("confidence", 1.0)), tuple(d.get("alternatives", ())),
        )


def _kind(value: str) -> Kind | str:
    """A kind read back from JSON: the :class:`Kind` of that name, or a composed one as it is."""
    try:
        return Kind(value)
    except ValueError:
        return value


def floor_confidence(confidence: float, digits: int = 2) -> float:
    """``confidence`` cut (not rounded) to ``digits`` decimals: a shown value never exceeds the
    real one, so that giving it as ``min_confidence`` applies the edit it was shown for (rounded,
    0.996 would show as 1.00, and ``--min-confidence 1.0`` would then reject it).

    The cut works on the shortest decimal form of the float (``repr``), so 0.29 stays 0.29
    instead of becoming 0.28 through its binary value 0.28999…; the result is still never above
    ``confidence`` as a float, which is what the threshold compares."""
    cut = Decimal(repr(float(confidence))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_FLOOR)
    return float(cut)


def format_confidence(confidence: float) -> str:
    """A confidence as every korrektor display shows it: two decimals, cut, not rounded (see
    :func:`floor_confidence`): ``0.996`` → ``"0.99"``."""
    return f"{floor_confidence(confidence, 2):.2f}"


def check_changes(text: str, changes: Sequence[Edit]) -> None:
    """Raise ``ValueError`` unless ``changes`` is a valid, sorted, non-overlapping change set."""
    prev_end = -1
    prev_empty_at = -1
    for c in changes:
        if not (0 <= c.start <= c.end <= len(text)):
            raise ValueError(f"change out of range: {c}")
        if text[c.start:c.end] != c.before:
            raise ValueError(f"change does not match its text: {c!r} vs {text[c.start:c.end]!r}")
        if c.start < prev_end or (c.start == c.end and c.start == prev_empty_at):
            raise ValueError(f"overlapping changes at {c.start}: {c}")
        prev_end = c.end
        prev_empty_at = c.start if c.start == c.end else -1


def apply(text: str, edits: Iterable[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text``."""
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos:e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def output_spans(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where each edit's ``after`` stands in the output text."""
    spans = []
    delta = 0
    for e in edits:
        s = e.start + delta
        spans.append((s, s + len(e.after)))
        delta += len(e.after) - (e.end - e.start)
    return spans


def revert(output: str, edits: Sequence[Edit]) -> str:
    """Rebuild the original input from the output and the edits."""
    out: list[str] = []
    pos = 0
    for e, (s, t) in zip(edits, output_spans(edits)):
        if output[s:t] != e.after:
            raise ValueError(f"output does not contain edit {e!r} at {s}")
        out.append(output[pos:s])
        out.append(e.before)
        pos = t
    out.append(output[pos:])
    return "".join(out)


def _joins(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Do two spans (in the same text) have to become one edit?

    They must if they overlap, or if one of them is empty and sits on the other's edge (an
    insertion at the boundary of a replacement has no unambiguous place of its own).
    """
    if a_start < b_end and b_start < a_end:
        return True
    if a_start == a_end and b_start <= a_start <= b_end:
        return True
    if b_start == b_end and a_start <= b_start <= a_end:
        return True
    return False


def compose(original: str, edits: Sequence[Edit], current: str, changes: Sequence[Edit]) -> list[Edit]:
    """Fold a stage's ``changes`` (against ``current``) into ``edits`` (against ``original``).

    ``current`` must equal ``apply(original, edits)``. A change that touches earlier edits is merged
    with them into one edit whose ``before`` is original text, so the log stays lossless; its
    kind and rule name all the steps that made it.
    """
    if not changes:
        return list(edits)
    spans = output_spans(edits)
    items: list[tuple[int, int, int, object]] = []  # (start, end, is_new, payload)
    items += [(s, t, 0, e) for (s, t), e in zip(spans, edits)]
    items += [(c.start, c.end, 1, c) for c in changes]
    items.sort(key=lambda it: (it[0], it[1], it[2]))

    # group into clusters of items that must merge
    clusters: list[list[tuple[int, int, int, object]]] = []
    for it in items:
        if clusters:
            cl = clusters[-1]
            if any(_joins(it[0], it[1], o[0], o[1]) for o in cl):
                cl.append(it)
                continue
        clusters.append([it])

    result: list[Edit] = []
    delta = 0  # len(after) - len(before) of the old edits passed so far
    for cl in clusters:
        olds = [it for it in cl if it[2] == 0]
        news = [it for it in cl if it[2] == 1]
        if not news:
            for it in olds:
                result.append(it[3])  # type: ignore[arg-type]
                e = it[3]
                delta += len(e.after) - (e.end - e.start)  # type: ignore[union-attr]
            continue
        if not olds and len(news) == 1:
            (s, t, _, c), = news
            result.append(replace(c, start=s - delta, end=t - delta))  # type: ignore[arg-type]
            continue
        cs = min(it[0] for it in cl)
        ce = max(it[1] for it in cl)
        # Where the cluster starts and ends in the original: on an old edit's edge, that edit's
        # original offset; on unchanged text, shifted by the old edits before that point.
        o_start = olds[0][3].start if olds and olds[0][0] == cs else cs - delta  # type: ignore[union-attr]
        for it in olds:
            e = it[3]
            delta += len(e.after) - (e.end - e.start)  # type: ignore[union-attr]
        o_end = olds[-1][3].end if olds and olds[-1][1] == ce else ce - delta  # type: ignore[union-attr]
        # the cluster's new text: current[cs:ce] with this cluster's changes applied
        pieces, pos = [], cs
        for s, t, _, c in news:
            pieces.append(current[pos:s])
            pieces.append(c.after)  # type: ignore[union-attr]
            pos = t
        pieces.append(current[pos:ce])
        after = "".join(pieces)
        members = [it[3] for it in sorted(cl, key=lambda it: it[2])]  # old steps first
        kinds = list(dict.fromkeys(str(m.kind) for m in members))  # type: ignore[union-attr]
        rules = list(dict.fromkeys(m.rule for m in members))  # type: ignore[union-attr]
        alternatives: tuple[str, ...] = ()
        if len(news) == 1:
            s, t, _, c = news[0]
            alternatives = tuple(
                current[cs:s] + alt + current[t:ce] for alt in c.alternatives  # type: ignore[union-attr]
            )
        result.append(Edit(
            o_start, o_end, original[o_start:o_end], after,
            kind=_kind("+".join(kinds)), rule="+".join(rules),
            confidence=min(m.confidence for m in members),  # type: ignore[union-attr]
            alternatives=alternatives,
        ))
    return result


def run_fixes(text: str, fixes, *args, skip: Collection[str] = ()) -> list[Edit]:
    """Run named fixes one after another, each on the text as the previous ones left it
    (``fix(current, *args) -> changes``); return all their changes as edits against ``text``.

    A fix is named like the rule its changes carry; one whose name is in ``skip``
    (``Config.skip_rules``) is not run, and the fixes after it see the text without it."""
    edits: list[Edit] = []
    current = text
    for fix in fixes:
        if fix.__name__ in skip:
            continue
        changes = fix(current, *args)
        if changes:
            edits = compose(text, edits, current, changes)
            current = apply(current, changes)
    return edits


def line_finder(text: str) -> Callable[[int], int]:
    """The 1-based line number of an offset into ``text``, by bisection over its line breaks
    (counting the breaks before each of many offsets would be quadratic on a big text)."""
    breaks = [i for i, ch in enumerate(text) if ch == "\n"] if "\n" in text else []
    return lambda offset: bisect_left(breaks, offset) + 1
