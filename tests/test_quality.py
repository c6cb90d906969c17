"""The OCR error-rate estimate: it must follow the true CER of the fixture pages."""

import statistics

import korrektor
from korrektor.evaluate import score_page
from korrektor.quality import estimate


def _ranks(values: list[float]) -> list[float]:
    """Ranks for Spearman's correlation, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in order[i:j + 1]:
            ranks[k] = (i + j) / 2
        i = j + 1
    return ranks


def test_estimate_ranks_pages_like_true_cer(pairs):
    est, true = [], []
    for p in pairs:
        est.append(estimate(korrektor.correct(p["ocr"])).cer_before)
        true.append(score_page(p["gt"], p["ocr"]).cer)
    rho = statistics.correlation(_ranks(est), _ranks(true))  # Spearman's rho
    assert rho >= 0.6, (rho, est, true)
    mean_est, mean_true = sum(est) / len(est), sum(true) / len(true)
    assert mean_true / 2 <= mean_est <= mean_true * 2


def test_clean_text_scores_low_and_correction_lowers_the_estimate(pairs):
    clean = estimate(korrektor.correct(pairs[0]["gt"]))
    noisy = estimate(korrektor.correct(pairs[0]["ocr"]))
    assert clean.cer_before < 0.01 and clean.quality_after > 0.99
    assert noisy.cer_before > 2 * clean.cer_before
    assert noisy.cer_after < noisy.cer_before
    d = noisy.to_dict()
    assert set(d) == {"cer_before", "cer_after", "quality_after"}
