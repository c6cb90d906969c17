#!/usr/bin/env python3
"""Fuzz target: bytes → text (the ``replace`` policy, as ``--errors replace`` reads a file) →
:func:`korrektor.correct`, under every stage setting; checks the edit log's invariants.

    python3 fuzz/fuzz_correct.py fuzz/corpus/correct -max_total_time=60   (or: python3 fuzz/run.py)
"""

import contextlib
import sys

if __name__ == "__main__":
    import atheris

    instrumented = atheris.instrument_imports(include=["korrektor"])
else:  # imported by tests/test_fuzz.py to replay the corpus
    instrumented = contextlib.nullcontext()

with instrumented:
    import korrektor
    from korrektor.edits import apply, revert
    from korrektor.io import decode

#: the first byte chooses the settings: bit i switches one of these off (or on, for the last two)
FLAGS = ("unicode", "layout", "typography", "words", "keep_lines", "suggest")


def config_for(flags: int) -> korrektor.Config:
    off = {name: not flags & (1 << i) for i, name in enumerate(FLAGS[:4])}
    on = {name: bool(flags & (1 << (i + 4))) for i, name in enumerate(FLAGS[4:])}
    return korrektor.Config(**off, **on, min_confidence=(flags >> 6) / 3)


def check(text: str, result: korrektor.Result) -> None:
    """The promises of the edit log (korrektor/edits.py): sorted, non-overlapping edits whose
    ``before`` is the input's text, that turn the input into the output and back."""
    prev_end, prev_empty = -1, -1
    for e in result.edits:
        assert 0 <= e.start <= e.end <= len(text), e
        assert text[e.start:e.end] == e.before, e
        assert e.start >= prev_end and not (e.start == e.end == prev_empty), f"overlap at {e}"
        prev_end, prev_empty = e.end, (e.start if e.start == e.end else -1)
        assert 0.0 <= e.confidence <= 1.0, e
    assert apply(text, result.edits) == result.text
    assert revert(result.text, result.edits) == text
    assert result.restore() == text
    for d in result.doubts:
        assert 0 <= d.start <= d.end <= len(text) and text[d.start:d.end] == d.before, d


def test_one_input(data: bytes) -> None:
    if not data:
        return
    text = decode(data[1:], "<fuzz>", "replace")
    check(text, korrektor.correct(text, config_for(data[0])))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
