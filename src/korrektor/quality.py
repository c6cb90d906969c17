"""An estimate of a document's OCR character error rate (CER), before and after correction,
without ground truth: for filtering corpora (``korrektor score``, ``batch --min-quality``).

The evidence, per character of the document:

* what korrektor changed: the edits (whitespace-insensitive character distance, as CER counts
  it), which are errors it found in the input;
* what still looks wrong after correction: the share of word characters in tokens the lexicon
  does not know, debris (characters that are neither letters, digits, space nor common
  punctuation), digits inside words, and the doubts (corrections considered, not applied).

A non-negative linear model over these features predicts the CER; it is fitted on OCR/ground
truth pairs made for training (``python -m korrektor.quality calibrate PAIRS.jsonl``) so that the
*relative* error is small, because a filter threshold is a ratio question (1 % vs 2 % CER).
The coefficients below are that fit; see docs/scale.md for how well it ranks held-out pages.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

import regex
from rapidfuzz.distance import Levenshtein

from .pipeline import Result

__all__ = ["Quality", "estimate", "features", "FEATURES"]

_WORD = regex.compile(r"[\p{L}\p{M}\d]+(?:['’][\p{L}]+)?")
_SPACE = re.compile(r"\s+")
# characters a German text normally has besides letters and digits
_NORMAL = frozenset(" .,;:!?-–—()[]\"'„“”‚‘’«»‹›/&%§€$+*=…\n\t")

FEATURES_AFTER = ("unknown", "debris", "mixed", "doubts", "bias")
FEATURES = ("edits",) + FEATURES_AFTER

#: Fitted by ``calibrate`` on 800 training pages made by scripts/make_training_pairs.py (see docs/scale.md).
COEF_BEFORE = {'edits': 1.10388, 'unknown': 0.15226, 'debris': 7.08373, 'mixed': 0.1819, 'doubts': 0.95846,
               'bias': 0.00193}
COEF_AFTER = {'unknown': 0.13354, 'debris': 3.87632, 'mixed': 0.0, 'doubts': 0.09538, 'bias': 0.00154}


@dataclass(frozen=True)
class Quality:
    """Estimated character error rates of the document as given and after correction."""

    cer_before: float
    cer_after: float

    @property
    def quality_after(self) -> float:
        return max(0.0, 1.0 - self.cer_after)

    def to_dict(self) -> dict:
        return {"cer_before": round(self.cer_before, 5), "cer_after": round(self.cer_after, 5),
                "quality_after": round(self.quality_after, 5)}


def _squash(s: str) -> str:
    return _SPACE.sub(" ", s)


def _text_features(text: str) -> dict[str, float]:
    """Evidence of errors left in ``text``, per character."""
    from .lexicon import default_lexicon

    lex = default_lexicon()
    n = max(len(_squash(text).strip()), 1)
    unknown = mixed = 0
    for m in _WORD.finditer(text):
        w = m.group()
        if w.isdigit():
            continue
        if any(c.isdigit() for c in w):
            mixed += len(w)
        elif not lex.known(w):
            unknown += len(w)
    debris = sum(1 for c in text if not (c.isalnum() or c in _NORMAL))
    return {"unknown": unknown / n, "debris": debris / n, "mixed": mixed / n}


def _edit_distance(edits) -> int:
    return sum(Levenshtein.distance(_squash(e.before).strip(), _squash(e.after).strip()) for e in edits)


def features(result: Result) -> dict[str, float]:
    """The features of one correction result (see the module docstring)."""
    n = max(len(_squash(result.input).strip()), 1)
    f = _text_features(result.text)
    f["edits"] = _edit_distance(result.edits) / n
    f["doubts"] = _edit_distance(result.doubts) / n
    f["bias"] = 1.0
    return f


def _predict(coef: dict[str, float], f: dict[str, float]) -> float:
    return max(0.0, sum(coef[k] * f[k] for k in coef))


def estimate(result: Result) -> Quality:
    """Estimated CER of ``result.input`` (before) and ``result.text`` (after correction)."""
    f = features(result)
    return Quality(cer_before=_predict(COEF_BEFORE, f), cer_after=_predict(COEF_AFTER, f))


# --------------------------------------------------------------------------------------------
# Calibration and validation (development tools; need scipy).

def _rows(path: str, jobs: int = 2):
    """(features, true CER before, true CER after) for every OCR/gt pair of a JSONL file."""
    import json

    from .batch import load_language_data

    load_language_data()
    recs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(_row, recs, chunksize=4)


def _row(rec):
    from .evaluate import score_page
    from .pipeline import correct

    r = correct(rec["ocr"])
    return features(r), score_page(rec["gt"], rec["ocr"]).cer, score_page(rec["gt"], r.text).cer


def _fit(rows, names, target: int) -> dict[str, float]:
    """Non-negative least squares on the relative error (rows scaled by 1/true CER)."""
    import numpy as np
    from scipy.optimize import nnls

    X = np.array([[f[k] for k in names] for f, *_ in rows])
    y = np.array([r[target] for r in rows])
    w = 1.0 / np.maximum(y, 0.005)
    coef, _ = nnls(X * w[:, None], y * w)
    return {k: float(round(c, 5)) for k, c in zip(names, coef)}


def report(rows, coef_before=None, coef_after=None) -> dict:
    """Spearman rank correlation and mean factor between estimated and true CER."""
    import numpy as np
    from scipy.stats import spearmanr

    out = {}
    for name, coef, target in (("before", coef_before or COEF_BEFORE, 1), ("after", coef_after or COEF_AFTER, 2)):
        est = np.array([_predict(coef, f) for f, *_ in rows])
        true = np.array([r[target] for r in rows])
        floor = 0.002  # below 0.2 % CER a ratio means little (one error per 500 characters)
        ratio = np.maximum(est, floor) / np.maximum(true, floor)
        factor = np.maximum(ratio, 1 / ratio)
        out[name] = {"pages": len(rows), "spearman": round(float(spearmanr(est, true).statistic), 3),
                     "mean_factor": round(float(factor.mean()), 3),
                     "geo_mean_factor": round(float(np.exp(np.abs(np.log(ratio)).mean())), 3),
                     "true_mean_cer": round(float(true.mean()), 4), "est_mean_cer": round(float(est.mean()), 4)}
    return out


def main(argv: list[str]) -> None:  # pragma: no cover - development tool
    """``python -m korrektor.quality calibrate TRAIN.jsonl [VALIDATE.jsonl]``: fit and report;
    ``python -m korrektor.quality validate PAIRS.jsonl``: report with the stored coefficients."""
    import json

    cmd, *paths = argv
    if cmd == "calibrate":
        rows = _rows(paths[0])
        before, after = _fit(rows, FEATURES, 1), _fit(rows, FEATURES_AFTER, 2)
        print("COEF_BEFORE =", before)
        print("COEF_AFTER =", after)
        print("train:", json.dumps(report(rows, before, after)))
        for p in paths[1:]:
            print(p + ":", json.dumps(report(_rows(p), before, after)))
    elif cmd == "validate":
        for p in paths:
            print(p + ":", json.dumps(report(_rows(p))))
    else:
        raise SystemExit(f"unknown command {cmd!r}: calibrate or validate")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
