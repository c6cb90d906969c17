"""Word-level correction (lost umlauts, look-alike glyphs, real-word errors).

Pass-through until the decoder lands: the stage interface is fixed, the language data and the
OCR error model plug in here.
"""

from __future__ import annotations

from ..edits import Edit


def run(text: str, ctx) -> list[Edit]:
    return []
