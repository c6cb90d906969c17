//! `korrektor._core.join_letter_spaced`, `spaced_words` and `letter_spaced_constants`:
//! letter-spaced words joined (see [`crate::letter_spaced`]). The tokens are the stage's `Token`
//! objects: every core is read, the offsets and flags only of the one-letter tokens (a run is
//! made of them, and nothing else is looked at).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use super::lexicon::PyLexicon;
use super::word_fixes::{code_points, read_cores, read_flags, read_span, views};
use crate::letter_spaced as core;

/// A join as Python applies it: `(first token, word, confidence)`.
type JoinRow = (usize, String, f64);

/// ``join_letter_spaced(text, tokens, lexicon)``: ``(matched, [(i, word, confidence)])``, where
/// ``matched`` says whether ``LETTER_SPACED_RE`` found a run (False: Python returns the tokens
/// themselves) and ``tokens[i:i + len(word)]`` become one token each join; None where Python must
/// answer (a lone surrogate).
#[pyfunction]
fn join_letter_spaced(
    text: &Bound<'_, PyString>,
    tokens: &Bound<'_, PyList>,
    lexicon: &Bound<'_, PyLexicon>,
) -> PyResult<Option<(bool, Vec<JoinRow>)>> {
    let Some(chars) = code_points(text) else {
        return Ok(None);
    };
    if !core::letter_spaced(&chars) {
        return Ok(Some((false, Vec::new())));
    }
    let Some(mut rows) = read_cores(tokens)? else {
        return Ok(None);
    };
    for k in 0..rows.len() {
        if core::single_letter(&rows[k].core) {
            read_span(tokens, &mut rows, k)?;
            read_flags(tokens, &mut rows, k)?;
        }
    }
    let forms = lexicon.get().inner.forms();
    let joins = core::join_letter_spaced(forms, &chars, &views(&rows)).unwrap_or_default();
    Ok(Some((
        true,
        joins
            .into_iter()
            .map(|m| (m.at, m.word, m.confidence))
            .collect(),
    )))
}

/// ``spaced_words(letters, lexicon)``; None also where the letters are no Unicode text (the
/// caller then asks Python: ``(False, None)`` for an answer of None).
#[pyfunction]
fn spaced_words(
    letters: &Bound<'_, PyString>,
    lexicon: &Bound<'_, PyLexicon>,
) -> Option<(bool, Option<Vec<String>>)> {
    let letters = letters.to_str().ok()?;
    Some((
        true,
        core::spaced_words(lexicon.get().inner.forms(), letters),
    ))
}

/// The constants and the pattern, for the Python side to check.
#[pyfunction]
fn letter_spaced_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("letter_spaced", core::LETTER_SPACED)?;
    d.set_item("min_letters", core::MIN_LETTERS)?;
    d.set_item("min_part", core::MIN_PART)?;
    d.set_item("min_part_count", core::MIN_PART_COUNT)?;
    d.set_item("word_confidence", core::WORD_CONFIDENCE)?;
    d.set_item("words_confidence", core::WORDS_CONFIDENCE)?;
    d.set_item("max_token_length", core::MAX_TOKEN_LENGTH)?;
    d.set_item("split_cost", crate::splits::COST)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(join_letter_spaced, m)?)?;
    m.add_function(wrap_pyfunction!(spaced_words, m)?)?;
    m.add_function(wrap_pyfunction!(letter_spaced_constants, m)?)?;
    Ok(())
}
