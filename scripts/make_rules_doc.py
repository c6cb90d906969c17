#!/usr/bin/env python3
"""Write docs/rules.md from the rules registry (``korrektor.rules.markdown``): per stage a table of
its rules, their kinds, what they repair and an example each repairs and leaves alone.

    python scripts/make_rules_doc.py            # writes docs/rules.md
    python scripts/make_rules_doc.py --check    # exit 1 if docs/rules.md is out of date
    python scripts/make_rules_doc.py -          # print it instead

tests/test_rules.py fails while docs/rules.md differs from what this makes: run it after changing
a stage's RULES.
"""

from __future__ import annotations

import sys
from pathlib import Path

from korrektor.rules import markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def main(argv: list[str]) -> int:
    text = markdown()
    if argv[:1] == ["-"]:
        sys.stdout.buffer.write(text.encode("utf-8"))
        return 0
    if argv[:1] == ["--check"]:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is out of date: run python scripts/make_rules_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
