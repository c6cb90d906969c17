import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent
DATA = HERE / "data"
CASES = HERE / "cases"


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pairs():
    """Real Tesseract output of self-written German pages, with ground truth (see data/SOURCES.md)."""
    return [json.loads(line) for line in (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
