#!/usr/bin/env python3
"""Fuzz target: bytes → the hOCR, ALTO and PAGE readers and writers (:func:`korrektor.formats.correct_bytes`).
Only :class:`InputError` may come out; a corrected document is well-formed and reads again.

    python3 fuzz/fuzz_xml.py fuzz/corpus/xml -dict=fuzz/xml.dict -max_total_time=60   (or: python3 fuzz/run.py)
"""

import contextlib
import sys

if __name__ == "__main__":
    import atheris

    instrumented = atheris.instrument_imports(include=["korrektor"])
else:  # imported by tests/test_fuzz.py to replay the corpus
    instrumented = contextlib.nullcontext()

with instrumented:
    from korrektor import Config
    from korrektor.formats import correct_bytes, decode, load
    from korrektor.formats import alto, hocr, page  # noqa: F401  (imported here to be instrumented)
    from korrektor.io import InputError

#: the first byte chooses the format: detected, or given
FORMATS = (None, "hocr", "alto", "page")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    try:
        out, result = correct_bytes(data[1:], fmt, Config(), "<fuzz>")
    except InputError:
        return
    assert result.format in ("hocr", "alto", "page")
    if result.changes:  # what korrektor wrote is a document of the same format
        load(decode(out, "<fuzz output>"), result.format, "<fuzz output>")
    else:
        assert out == data[1:], "a document without changes is written back byte for byte"


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
