//! `korrektor._core.splits` and `korrektor._core.lost_hyphen`: the words stage's splits of two
//! words glued into one token (`stages/words/splits.py`) on the core's word forms, and
//! `splits_constants` for the Python side's check that both use the same constants.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyString};

use super::lexicon::PyLexicon;
use super::umlauts::PyWordSet;
use crate::splits::{self as core, MarkSets};

/// ``splits.splits(d, core, identity)`` with the decoder's lexicon as ``lexicon`` and
/// ``default_mark_stats()``'s ``sentence_starts`` and ``no_sentence_end_after`` as word sets:
/// ``[(words, score, rule), ...]``. ``None`` for a token that is not valid Unicode text (Python
/// answers).
#[pyfunction]
#[pyo3(signature = (core, lexicon, identity, sentence_starts, no_sentence_end_after))]
fn splits(
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, PyLexicon>,
    identity: f64,
    sentence_starts: &Bound<'_, PyWordSet>,
    no_sentence_end_after: &Bound<'_, PyWordSet>,
) -> Option<Vec<(String, f64, &'static str)>> {
    let core = core.extract::<PyBackedStr>().ok()?;
    let stats = MarkSets {
        sentence_starts: sentence_starts.get().words(),
        no_sentence_end_after: no_sentence_end_after.get().words(),
    };
    Some(core::splits(
        lexicon.get().inner.forms(),
        &core,
        identity,
        stats,
    ))
}

/// ``splits.lost_hyphen(d, core, identity)``: ``[(word, score)]`` or ``[]``; ``None`` for a
/// token that is not valid Unicode text.
#[pyfunction]
fn lost_hyphen(
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, PyLexicon>,
    identity: f64,
) -> Option<Vec<(String, f64)>> {
    let core = core.extract::<PyBackedStr>().ok()?;
    Some(core::lost_hyphen(
        lexicon.get().inner.forms(),
        &core,
        identity,
    ))
}

/// ``SPLITS``' fields as the core uses them, the rules' names, and the patterns it matches by
/// hand (each with whether it ignores case: none does).
#[pyfunction]
fn splits_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("cost", core::COST)?;
    d.set_item("min_part_count", core::MIN_PART_COUNT)?;
    d.set_item("min_function_word_count", core::MIN_FUNCTION_WORD_COUNT)?;
    d.set_item("glued_mark_cost", core::GLUED_MARK_COST)?;
    d.set_item("lost_hyphen_cost", core::LOST_HYPHEN_COST)?;
    let rules = PyDict::new(py);
    rules.set_item("SPLIT_GLUED_WORDS", core::SPLIT_GLUED_WORDS)?;
    rules.set_item("SPLIT_AT_HYPHEN", core::SPLIT_AT_HYPHEN)?;
    rules.set_item("SPLIT_AT_SPECK", core::SPLIT_AT_SPECK)?;
    rules.set_item("SPLIT_GLUED_SENTENCES", core::SPLIT_GLUED_SENTENCES)?;
    d.set_item("rules", rules)?;
    let patterns = PyDict::new(py);
    for (name, pattern) in core::PATTERNS {
        patterns.set_item(name, (pattern, false))?;
    }
    d.set_item("patterns", patterns)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(splits, m)?)?;
    m.add_function(wrap_pyfunction!(lost_hyphen, m)?)?;
    m.add_function(wrap_pyfunction!(splits_constants, m)?)?;
    Ok(())
}
