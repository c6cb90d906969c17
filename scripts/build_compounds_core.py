#!/usr/bin/env python3
"""Write ``lexicon_compounds.core``, the compound heads and modifiers for the Rust core
(``korrektor._core.Forms``, issue 26), from the lexicon's files in a data directory, without
rebuilding the corpus data:

    PYTHONPATH=src python3 scripts/build_compounds_core.py [DATA_DIR]   # default: src/korrektor/data

The Rust core cannot read ``lexicon_mod.marisa`` (marisa's trie), so the modifiers and the heads
go into two ``fst`` maps, each with its score exactly as ``korrektor.lexicon.Lexicon`` computes it
(``numpy.log1p`` of the counts, which differs in the last bit from the C library's ``log1p`` that
Rust has). ``scripts/build_langdata.py`` calls :func:`write_compounds_core` after it writes the
sources; run this after changing any of them by hand.
"""
from __future__ import annotations

import sys
from pathlib import Path

import marisa_trie
import numpy as np

OUT_NAME = "lexicon_compounds.core"


def write_compounds_core(data_dir: Path) -> tuple[int, int]:
    """Read the modifiers and heads as ``Lexicon.__init__`` does and write the image beside
    them; returns the numbers of modifiers and heads."""
    from korrektor import _core

    data_dir = Path(data_dir)
    mods = marisa_trie.Trie()
    mods.load(str(data_dir / "lexicon_mod.marisa"))
    # the same expressions as Lexicon.__init__: the same floats, bit for bit
    mod_score = tuple(np.log1p(np.load(data_dir / "lexicon_mod_score.npy")).tolist())
    mod_items = [(key, mod_score[i]) for key, i in mods.iteritems()]
    flags = np.load(data_dir / "lexicon_head_flags.npy").tolist()
    hcount = np.log1p(np.load(data_dir / "lexicon_head_count.npy")).tolist()
    head_words = (data_dir / "lexicon_head.txt").read_text(encoding="utf-8").split("\n")[:-1]
    if not len(head_words) == len(flags) == len(hcount):
        raise ValueError(f"{len(head_words)} heads, {len(flags)} flags, {len(hcount)} counts")
    heads = list(zip(head_words, flags, hcount))
    return _core.build_compounds_core(str(data_dir), str(data_dir / OUT_NAME), mod_items, heads)


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "src" / "korrektor" / "data"
    n_mods, n_heads = write_compounds_core(data_dir)
    print(f"wrote {data_dir / OUT_NAME}: {n_mods:,} modifiers, {n_heads:,} heads")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
