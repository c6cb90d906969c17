#!/usr/bin/env python3
"""The compiled tokenizer and glyph readings (korrektor._core.tokenize, token_shape,
umlaut_sz_glyphs, umlaut_l_glyphs, sz_reading, l_readings; issue 26) against the Python ones
(stages/words/tokens.py's _py_tokenize, _shape, is_protected; glyphs.py; umlauts.py's
_py_sz_glyphs, _py_l_glyphs).

    PYTHONPATH=src python bench/core_tokens.py [PAIRS.jsonl ...] [--pipeline-texts N] [--repeat N]

Inputs: every page's OCR and ground truth of the sets (default: the seven development sets), as
they are, and the texts ``korrektor.correct`` hands the words stage's ``tokenize`` (after the
earlier stages) for the first ``--pipeline-texts`` pages of each set (default: all of the first
set, the dev bench).

* parity (exit status 1 on any difference): ``tokenize`` (every token's offsets, core and flags,
  paragraph ends) on each text; ``_shape`` and ``is_protected`` of each distinct chunk;
  ``sz_reading``, ``l_readings`` of each distinct core; ``sz_glyphs`` and ``l_glyphs`` of each
  distinct core on the decoders of three profiles, each also for a page written as before 1996
  (scores bit for bit);
* speed, one thread: ``tokenize`` over all texts, Python (empty shape cache each pass: the
  cold case), Python with its cache warm, the compiled one likewise, and the compiled one without
  building the ``Token`` objects, without its cache and with it warm; the glyph searches per call.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import (SEVEN_SETS, first_arguments, hex_scores, in_python, page_texts, parser,  # noqa: E402
                         timed, verdict)


def token_row(t) -> tuple:
    return (t.start, t.end, t.core, t.sentence_end, t.known, t.protected, t.best, t.acronym,
            t.lower_noun, t.merged, t.spaced, t.paragraph_end)


def pipeline_texts(path: Path, limit: int | None) -> list[str]:
    """The texts the words stage tokenizes while ``correct`` runs on the pages' OCR and ground
    truth."""
    from korrektor.stages import words

    return first_arguments(words, "tokenize", path, limit)


def main() -> int:
    ap = parser(__doc__, SEVEN_SETS, json_out=False)
    ap.add_argument("--pipeline-texts", type=int, default=None,
                    help="pages per set whose pipeline texts are checked (default: all of the first set only)")
    args = ap.parse_args()

    from korrektor import _core, errormodel
    from korrektor.errormodel import GERMAN, NO_UMLAUTS, Profile, default_error_model
    from korrektor.lexicon import default_lexicon
    from korrektor.stages.words import glyphs, tokens, umlauts
    from korrektor.stages.words.decoder import Decoder

    assert tokens._CORE_TABLES is not None and umlauts._GLYPHS_AGREE, \
        "the compiled tokenizer is off (KORREKTOR_PY_SEARCH? no extension?)"
    lex, em = default_lexicon(), default_error_model()
    tables = tokens._CORE_TABLES

    texts: list[str] = []
    for k, path in enumerate(map(Path, args.pairs)):
        raw = page_texts(path)
        limit = args.pipeline_texts if args.pipeline_texts is not None else (None if k == 0 else 0)
        t = time.perf_counter()
        piped = pipeline_texts(path, limit) if limit != 0 else []
        print(f"{path}: {len(raw):,} texts, {len(piped):,} pipeline texts ({time.perf_counter() - t:.1f} s)")
        texts += raw + piped
    # corners: non-BMP characters before tokens, paragraph breaks, the regex module's spaces
    texts += ["𝔄𝔟 Haus.\n \nEnde", "a\x1cb \u00a0c\u3000d\n\t\ne\n\n", "„Fr. Müller“ kenn’ LehrerInnen oﬀen 2u 3er."]

    # ---- tokenize, whole texts (the compiled one with its cache and without)
    diffs = []
    n_tokens = 0
    for text in texts:
        want = [token_row(t) for t in tokens._py_tokenize(text, lex)]
        got = [token_row(t) for t in tokens.tokenize(text, lex)]
        rows, ends = _core.tokenize(text, lex, tables)
        uncached = [token_row(t) for t in map(lambda r: tokens.Token(*r), rows)]
        for k in ends:
            uncached[k] = uncached[k][:-1] + (True,)
        n_tokens += len(want)
        if got != want or uncached != want:
            diffs.append(("tokenize", text[:80], next((w, g) for w, g in zip(want + [None], got + [None]) if w != g)))
    print(f"tokenize: {len(texts):,} texts, {n_tokens:,} tokens, {len(diffs)} differences")

    # ---- per chunk and per core
    chunks = sorted({c for text in texts for c in tokens._CHUNK_RE.findall(text)})
    d0 = len(diffs)
    cores = set()
    for c in chunks:
        want = tokens._shape(c, lex)
        try:
            got = _core.token_shape(c, lex, tables)
        except UnicodeEncodeError:
            continue  # a lone surrogate: Python's own
        if got != want:
            diffs.append(("shape", c, want, got))
        if want is not None:
            core = want[1]
            cores.add(core)
            if _core.token_is_protected(core, tables) != tokens.is_protected(core):
                diffs.append(("is_protected", core))
    print(f"_shape, is_protected: {len(chunks):,} distinct chunks, {len(diffs) - d0} differences")
    cores = sorted(cores)
    d0 = len(diffs)
    for core in cores:
        if _core.sz_reading(core) != glyphs.sz_reading(core):
            diffs.append(("sz_reading", core, glyphs.sz_reading(core), _core.sz_reading(core)))
        if _core.l_readings(core) != glyphs.l_readings(core):
            diffs.append(("l_readings", core))
    print(f"sz_reading, l_readings: {len(cores):,} distinct cores, {len(diffs) - d0} differences")

    # ---- the glyph searches
    decoders = []
    for profile in (GERMAN, NO_UMLAUTS, Profile("mixed", 0.5, 0.0, 0)):
        d = Decoder(lex, em, profile)
        decoders += [d, Decoder(lex, em, profile, today=d)]
    d0 = len(diffs)
    calls = []
    for core in cores:
        if glyphs.sz_reading(core) is None and not glyphs.l_readings(core):
            continue
        for d in decoders:
            identity = em.logp_identity(core, d.profile)
            calls.append((d, core, identity))

    def py(fn, *a):
        with in_python(umlauts):
            return fn(*a)

    answered = 0
    for d, core, identity in calls:
        for name, pyfn, fn, a in (("sz_glyphs", umlauts._py_sz_glyphs, umlauts.sz_glyphs, (d, core)),
                                  ("l_glyphs", umlauts._py_l_glyphs, umlauts.l_glyphs, (d, core, identity))):
            want = hex_scores(py(pyfn, *a))
            answered += bool(want)
            got = hex_scores(fn(*a))
            if got != want:
                diffs.append((name, core, want, got))
    state_ok = all(umlauts._core_state(d) is not None for d in decoders)
    print(f"sz_glyphs, l_glyphs: {len(calls):,} cores × decoder ({answered:,} answers), "
          f"{len(diffs) - d0} differences (compiled state on every decoder: {state_ok})")

    # ---- speed
    chars = sum(map(len, texts))
    cache = _core.ShapeCache()
    for name, fn, before in (
            ("python, cold (shape cache emptied)", lambda x: tokens._py_tokenize(x, lex), tokens._SHAPE_CACHE.clear),
            ("python, warm cache", lambda x: tokens._py_tokenize(x, lex), None),
            ("rust, cold (shape cache emptied)", lambda x: tokens.tokenize(x, lex), tokens._CORE_SHAPES.clear),
            ("rust, warm cache", lambda x: tokens.tokenize(x, lex), None),
            ("rust, the rows only, no cache", lambda x: _core.tokenize(x, lex, tables), None),
            ("rust, the rows only, warm cache", lambda x: _core.tokenize(x, lex, tables, cache), None)):
        s = timed(fn, texts, args.repeat, before)
        print(f"  tokenize {name:36} {s * 1000:8.1f} ms  {chars / s / 1e6:6.2f} M chars/s")
    glyph_calls = [(d, c, i) for d, c, i in calls]
    for name, fn in (("python sz_glyphs", lambda x: py(umlauts._py_sz_glyphs, x[0], x[1])),
                     ("rust sz_glyphs", lambda x: umlauts.sz_glyphs(x[0], x[1])),
                     ("python l_glyphs", lambda x: py(umlauts._py_l_glyphs, *x)),
                     ("rust l_glyphs", lambda x: umlauts.l_glyphs(*x))):
        s = timed(fn, glyph_calls, args.repeat)
        print(f"  {name:20} {s / max(len(glyph_calls), 1) * 1e6:8.2f} µs/call")
    del errormodel
    if diffs:
        for x in diffs[:10]:
            print("  ", x)
    return verdict(len(diffs))


if __name__ == "__main__":
    sys.exit(main())
