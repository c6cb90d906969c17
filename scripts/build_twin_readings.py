#!/usr/bin/env python3
"""Build ``src/korrektor/data/twin_readings.txt``: the stored word forms that an OCR engine may read
from another stored form with one umlaut or ß misread ("wurde" from "würde", "schon" from
"schön"), under any error profile.

Only these known words can have a real-word twin with one substitution, so the decoder looks for
twins of these alone and answers every other stored form with a set lookup. The list is derived
from the packaged lexicon and error model (no corpus text); its first line records which ones, and
the decoder ignores a list built from other data. Rebuild it after rebuilding either:

    python scripts/build_twin_readings.py

Deterministic; ~1 s.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from korrektor.errormodel import default_error_model  # noqa: E402
from korrektor.lexicon import default_lexicon  # noqa: E402
from korrektor.twins import twin_readings, twin_readings_header  # noqa: E402

OUT = REPO / "src" / "korrektor" / "data" / "twin_readings.txt"


def main() -> int:
    lexicon, error_model = default_lexicon(), default_error_model()
    words = twin_readings(lexicon, error_model)
    OUT.write_text("\n".join([twin_readings_header(lexicon, error_model), *words]) + "\n", encoding="utf-8")
    print(f"{len(words)} twin readings -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
