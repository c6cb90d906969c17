#!/usr/bin/env python3
"""Fuzz target: JSONL bytes → :func:`korrektor.io.iter_lines` and
:func:`korrektor.io.parse_jsonl_line` (only :class:`InputError` may come out), then batch's
per-record handling (never raises; a good record becomes one line of valid JSON, a bad one an
error message that is not an internal error).

    python3 fuzz/fuzz_jsonl.py fuzz/corpus/jsonl -max_total_time=60   (or: python3 fuzz/run.py)
"""

import contextlib
import io
import json
import sys

if __name__ == "__main__":
    import atheris

    instrumented = atheris.instrument_imports(include=["korrektor"])
else:  # imported by tests/test_fuzz.py to replay the corpus
    instrumented = contextlib.nullcontext()

with instrumented:
    from korrektor import Config
    from korrektor.batch import ERROR, OK, Options, _process_line
    from korrektor.io import InputError, iter_lines, parse_jsonl_line

#: a small line limit, so that the fuzzer reaches the overlong-line path
LIMIT = 2048
OPTIONS = [Options(config=Config(words=w), field=f, errors=e, score_only=s)
           for w in (True, False) for f in ("text", "t") for e in ("strict", "replace") for s in (False, True)]


def test_one_input(data: bytes) -> None:
    if not data:
        return
    opts = OPTIONS[data[0] % len(OPTIONS)]
    for lineno, raw in iter_lines(io.BytesIO(data[1:]), LIMIT):
        try:
            record = parse_jsonl_line(raw, lineno, opts.errors)
        except InputError:
            record = None
        else:
            assert isinstance(record, dict)
        line, kind, payload, extra, note = _process_line(opts, lineno, raw)
        assert line == lineno
        if record is None:
            assert kind == ERROR, "a line the reader refuses is a bad record"
        if kind == OK:
            out = json.loads(payload.decode("utf-8"), parse_constant=_no_constant)
            assert isinstance(out, dict) and isinstance(out[opts.field], str)
            assert set(out) >= set(record)
        elif kind == ERROR:
            assert isinstance(payload, str) and payload, "an error says what"
            assert not payload.startswith("internal error"), payload


def _no_constant(name):
    raise AssertionError(f"the output holds {name}, which is not JSON")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
