#!/usr/bin/env python3
"""The Python engine from before the compiled core, as the oracle of the port (issue 26).

Each part of the engine that moves to Rust must answer exactly as the Python code did. Once a
part is ported, its Python code leaves the package (one engine); the parity scripts
(``bench/core_*.py``) then ask the code of the commit before the port, which this module unpacks
from git as a package of its own name, ``korrektor_ref``, beside the installed ``korrektor``::

    from reference import package
    ref = package()                       # korrektor_ref, the package at REFERENCE
    old = ref.lexicon.Lexicon.load()      # the Python lexicon, reading the same data files

    python bench/reference.py golden      # write tests/data/core_reference.json (see below)

The golden file holds the reference lexicon's answers on the words of the bundled examples and
a list of hard cases, so that the test suite checks the port without git or the corpus
(``tests/test_core_reference.py``).
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the last commit whose engine is all Python (the lexicon's data files are the same since)
REFERENCE = "d1f69e3"
GOLDEN = ROOT / "tests" / "data" / "core_reference.json"

#: words whose answers the golden file records besides the examples' words: compounds, damaged
#: compounds, old spellings, capitals, apostrophes, protected forms, supplementary forms
HARD_CASES = (
    "Kinderbetreuungsplatzausbau", "Migrantenselbstorganisationen", "UN-Kommission", "Kraft-Warme-Kopplung",
    "Rentenvorsicherung", "Konsumguter", "Arbeitsausfalle", "Portrat", "Flachenversiegelungen",
    "daß", "Fluß", "mußte", "Einschuß", "Thür", "gemäss", "Massnahmen", "Jänner",
    "PRÜFUNG", "FÜR", "Für", "Gegenwärtig", "hände", "Hände", "regierung", "Lange", "lange",
    "geht's", "geht’s", "Salbeiblätter", "Lakritzestücke", "lakritzestücke", "Deltassvariante",
    "Truppführer", "Abhöranlage", "Hörbüchern", "Boden­abbremsungen", "Bodenabbremsungen",
    "Reduktionszahien", "Atbeitsablauf", "binärpakete", "dern", "solten", "Trafen",
    "derStaat", "ẞ", "ΣΑΣ", "İstanbul", "ǅemal", "x", "", "3", "-", "Bundes-", "-regierung",
)


def package(commit: str = REFERENCE):
    """``korrektor_ref``: the package ``src/korrektor`` of ``commit``, unpacked once into the
    temporary directory and imported under that name (its imports are relative, so it imports
    itself, not the installed ``korrektor``)."""
    if "korrektor_ref" in sys.modules:
        return sys.modules["korrektor_ref"]
    root = Path(tempfile.gettempdir()) / f"korrektor-reference-{commit}"
    target = root / "korrektor_ref"
    if not (target / "__init__.py").exists():
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "src/korrektor"],
                                 check=True, capture_output=True).stdout
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(root / "unpacked", filter="data")
        (root / "unpacked" / "src" / "korrektor").rename(target)
    sys.path.insert(0, str(root))
    return importlib.import_module("korrektor_ref")


def words() -> list[str]:
    """The examples' words (split on whitespace, stripped of the punctuation at their ends) with
    their lower, capitalised and upper forms, and the hard cases."""
    out: dict[str, None] = {}
    for f in sorted((ROOT / "src" / "korrektor" / "examples").glob("*.txt")):
        for raw in f.read_text(encoding="utf-8").split():
            w = raw.strip(".,;:!?()[]{}\"'„“”‚‘»«›‹–—…*")
            for v in (w, w.lower(), w.capitalize(), w.upper()):
                out.setdefault(v, None)
    out.update(dict.fromkeys(HARD_CASES))
    return list(out)


#: the lexicon's questions the golden file records, by the name the core answers them under
METHODS = ("count", "count_ci", "_variant", "is_form", "known", "varieties", "_is_protected",
           "noun_in_lower_case", "is_supplement", "old_spelling", "spelt_before_1996", "shadowed",
           "compound_split", "word_and_head", "logp")


def answers(lexicon, ws: list[str]) -> dict:
    """What ``lexicon`` answers on ``ws``: every method of METHODS, ``compounds_one_edit_away``,
    and ``logp_bigram``/``bigram_count`` of each word after the one before it and after "<s>"
    (floats as ``float.hex``, so that equal means equal to the bit)."""
    def plain(x):
        if isinstance(x, float):
            return x.hex()
        if isinstance(x, tuple):
            return list(x)
        return x

    out: dict = {m: [plain(getattr(lexicon, m)(w)) for w in ws] for m in METHODS}
    out["compounds_one_edit_away"] = [lexicon.compounds_one_edit_away(w, "aeilnorstu") for w in ws]
    pairs = [("<s>", ws[0])] + list(zip(ws, ws[1:])) + [("<s>", w) for w in ws]
    out["logp_bigram"] = [lexicon.logp_bigram(a, b).hex() for a, b in pairs]
    out["bigram_count"] = [lexicon.bigram_count(a, b).hex() for a, b in pairs]
    return out


def write_golden() -> None:
    ref = package()
    ws = words()
    data = {"reference": REFERENCE, "words": ws, "answers": answers(ref.lexicon.Lexicon.load(), ws)}
    GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}: {len(ws):,} words, {len(METHODS) + 3} questions, answers of {REFERENCE}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["golden"])
    ap.parse_args()
    write_golden()


if __name__ == "__main__":
    main()
