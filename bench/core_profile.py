#!/usr/bin/env python3
"""The compiled error profile (korrektor._core.feature_counts, estimate_profile; issue 26)
against the Python one (errormodel.py's _py_feature_counts, _py_estimate_profile).

    PYTHONPATH=src python bench/core_profile.py [PAIRS.jsonl ...] [--pipeline-texts N] [--repeat N]

Inputs: every page's OCR and ground truth of the sets (default: the seven development sets), the
texts ``korrektor.correct`` estimates a profile for while it corrects the first
``--pipeline-texts`` pages of each set (default: all; each round of ``correct`` estimates the
profile of the text it is given, so these are the pages and their corrected forms), and
adversarial texts: every white space character of ``str.isspace`` and of `regex`'s ``\\s``
between feature words, combining marks, letters outside the BMP, digits of other scripts,
"ii", "B", digits and the feature words at every position of words and next to characters of
every class.

* parity (exit status 1 on any difference): ``feature_counts`` (every count) and
  ``estimate_profile`` (``Profile``'s fields, ``log_odds`` and ``weight`` as ``float.hex``) of
  each text with the packaged model and with a model whose "eng" and "deu" rates are swapped;
  ``round(x, 3)`` on values around every multiple of 0.0005 in [-50, 50] and random ones;
* speed, one thread: ``estimate_profile`` over all texts, Python with its chunk cache empty
  before each pass (the cold case) and warm, the compiled one (which keeps no cache).
"""

from __future__ import annotations

import math
import random
import sys
import time
import unicodedata
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_common import SEVEN_SETS, first_arguments, page_texts, parser  # noqa: E402


def pipeline_texts(path: Path, limit: int | None) -> list[str]:
    """The texts ``correct`` estimates a profile for on the pages' OCR and ground truth."""
    from korrektor import errormodel

    return first_arguments(errormodel, "estimate_profile", path, limit)


def adversarial_texts() -> list[str]:
    import regex

    from korrektor.errormodel import _FEATURE_RE

    # the words of the groups tell and fw, spelled out ("[Ff]i?ir": Fiir, Fir, fiir, fir)
    alternatives = regex.findall(r"\(\?:([^)]*)\)", _FEATURE_RE.pattern)
    words: list[str] = []
    for alt in alternatives:
        for w in alt.split("|"):
            spellings = [""]
            for part in regex.findall(r"\[[^\]]*\]|.\?|.", w):
                if part.startswith("["):
                    choices = list(part[1:-1])
                elif part.endswith("?"):
                    choices = [part[0], ""]
                else:
                    choices = [part]
                spellings = [s + c for s in spellings for c in choices]
            words += spellings
    spaces = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
              and (chr(c).isspace() or regex.match(r"\s", chr(c)))]
    # characters of every class next to the features: ASCII, Latin-1, every 7th code point of
    # the BMP, marks, other scripts' digits and letters, letters outside the BMP
    near = [chr(c) for c in range(0x250)] + [chr(c) for c in range(0x250, 0x10000, 7)
                                              if not 0xD800 <= c <= 0xDFFF]
    near += ["\u0301", "\u0308", "\u200d", "\u200c", "_", "\u203f", "٣", "७", "𝟘", "𝐀", "𝔞", "𐐀",
             "𐐨", "ǅ", "ª", "º", "ʰ", "ⅰ", "²", "½", "\u00ad", "'", "-"]
    near += [chr(c) for c in range(0x10000, 0x110000, 997) if unicodedata.category(chr(c))[0] in "LMN"]
    out: list[str] = []
    base = "Die Briicke iiber den Flu fiir groBe und kleine Boote wird 1m Friihjahr erneuert."
    for s in spaces:
        out.append(base.replace(" ", s))
        out.append(s + "fiir" + s + "der" + s)
        out.append(s * 3)
    for c in near:
        out.append(f"{c}ii {c}iia ii{c} a{c}ii aii{c} {c}B{c} a{c}Bb aB{c}b {c}1{c} a{c}1b a1{c}b")
        out.append(f"{c}der der{c} {c}fiir fiir{c} {c}iiber{c} {c}ä{c}é{c}ß")
        out.append(f"x{c}der{c}y {c}{c}und{c}{c}")
    for w in words:
        out.append(w)
        out.append(f"{w} {w}. ({w}) {w}-{w} {w}{w} a{w} {w}a _{w} {w}_ 1{w} {w}1 ä{w} {w}é")
        out.append(f"{w}\u0301 \u0301{w} {w}\u200d \u200d{w} 𝐀{w} {w}𝐀 ٣{w} {w}٣")
        out.append(f"{w.upper()} {w.capitalize()} {w.lower()}")
    for word in ("Kuche", "Bruckenbau", "uber", "Hohe", "abcdef", "EINE", "Straße"):
        for i in range(len(word) + 1):
            for ins in ("ii", "B", "1", "é", "ü", "iii", "iB", "Bii", "\u0308", "٣", "𝐀", "\x1c", "\xa0"):
                out.append(word[:i] + ins + word[i:])
    # long German-like texts with and without umlauts (the Poisson term and its threshold)
    german = ("Die Brücke über den Fluß für große und kleine Boote wird im Frühjahr erneuert, "
              "und das ist nicht der erste Umbau, den die Stadt mit Mühe auf sich nimmt. ")
    plain = german.translate(str.maketrans({"ü": "ii", "ö": "o", "ä": "a", "ß": "B"}))
    for n in (1, 2, 3, 5, 8, 20, 100):
        out += [german * n, plain * n, (german + plain) * n, "Wort " * (n * 7) + "der " * n]
    out += ["", " ", "\n\n", "1234", "ä", "é" * 50, "ii" * 40, "B" * 40, "der " * 20 + "x" * 100]
    return out


def check_round() -> int:
    from korrektor import _core

    rng = random.Random(26)
    values = [k * 0.0005 for k in range(-100_000, 100_001)] + [k / 16000 for k in range(-800_000, 800_001, 7)]
    values += [math.nextafter(x, d) for x in values[:200_001] for d in (-math.inf, math.inf)]
    values += [rng.uniform(-50, 50) for _ in range(300_000)] + [0.0, -0.0, -0.0004, 5e-4, -5e-4, 1e-300]
    bad = sum(1 for x in values if _core.profile_round(x).hex() != round(x, 3).hex())
    print(f"round(x, 3): {len(values):,} values, {bad} differences")
    return bad


def fields(p) -> tuple:
    return (p.name, p.weight.hex(), p.log_odds.hex(), p.n_chars)


def main() -> int:
    ap = parser(__doc__, SEVEN_SETS, json_out=False)
    ap.add_argument("--pipeline-texts", type=int, default=None,
                    help="pages per set whose pipeline texts are checked (default: all; 0: none)")
    args = ap.parse_args()

    from korrektor import _core, errormodel

    if not errormodel._PROFILE_CORE:
        print("the compiled profile is off (KORREKTOR_PY_SEARCH or constants disagree)")
        return 1
    texts: list[str] = []
    for p in args.pairs:
        path = Path(p)
        texts += page_texts(path)
        if args.pipeline_texts != 0:
            t0 = time.perf_counter()
            found = pipeline_texts(path, args.pipeline_texts)
            print(f"{path}: {len(found):,} pipeline texts ({time.perf_counter() - t0:.0f} s)", flush=True)
            texts += found
    n_pages = len(texts)
    texts += adversarial_texts()
    print(f"{len(texts):,} texts ({n_pages:,} pages and pipeline texts, {sum(map(len, texts)):,} characters)")

    model = errormodel.default_error_model()
    swapped = SimpleNamespace(feature_rates={"eng": model.feature_rates["deu"], "deu": model.feature_rates["eng"]})
    bad = check_round()
    diffs = 0
    for text in texts:
        got = _core.feature_counts(text)
        want = errormodel._py_feature_counts(text)
        if got is None or dict(zip(errormodel._COUNTS, got)) != want:
            diffs += 1
            if diffs <= 10:
                print("feature_counts differ:", repr(text[:80]), got, want)
        for m in (model, swapped):
            got = _core.estimate_profile(text, m.feature_rates)
            want = fields(errormodel._py_estimate_profile(text, m))
            if got is None or fields(errormodel.Profile(*got)) != want:
                diffs += 1
                if diffs <= 10:
                    print("estimate_profile differs:", repr(text[:80]), got, want)
    print(f"feature_counts, estimate_profile (2 models): {len(texts):,} texts, {diffs} differences")
    bad += diffs

    # speed: the pages and pipeline texts, as the pipeline asks
    pages = texts[:n_pages]
    chars = sum(map(len, pages))

    def timed(fn, cold: bool) -> float:
        best = math.inf
        for _ in range(args.repeat):
            if cold:
                errormodel._CHUNK_FEATURES.clear()
            t0 = time.process_time()
            for t in pages:
                fn(t, model)
            best = min(best, time.process_time() - t0)
        return best

    rows = [("Python, cold", timed(errormodel._py_estimate_profile, True)),
            ("Python, warm", timed(errormodel._py_estimate_profile, False)),
            ("compiled (estimate_profile)", timed(errormodel.estimate_profile, False))]
    print(f"speed, {len(pages):,} texts, {chars:,} characters (best of {args.repeat}, CPU):")
    for name, t in rows:
        print(f"  {name:30s} {t:7.3f} s  {t / max(1, len(pages)) * 1e6:8.1f} µs/text  {chars / t / 1e6:7.1f} M chars/s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
