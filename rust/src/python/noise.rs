//! `korrektor._core.clean_page`, `held_on_a_clean_page` and `noise_constants`: whether a page
//! reads as clean text (see [`crate::noise`]). The edits are the stage's `Edit` objects; their
//! kind is compared with the `Kind.WORD` the caller hands over, as Python compares it.

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use super::text::text;
use crate::edits::Kind;
use crate::noise as core;

/// The kind and confidence of an edit (only the word kind matters: any other is read as
/// punctuation).
fn kind_and_confidence(e: &Bound<'_, PyAny>, word: &Bound<'_, PyAny>) -> PyResult<(Kind, f64)> {
    let py = e.py();
    let kind = if e.getattr(intern!(py, "kind"))?.eq(word)? {
        Kind::Word
    } else {
        Kind::Punctuation
    };
    Ok((kind, e.getattr(intern!(py, "confidence"))?.extract()?))
}

/// ``clean_page(text, changes)`` with ``word`` = ``Kind.WORD``. (A lone surrogate is no letter
/// and one code point, as Python counts it: no need for Python to answer.)
#[pyfunction]
fn clean_page(
    text_: &Bound<'_, PyString>,
    changes: &Bound<'_, PyList>,
    word: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    if text_.len()? < core::MIN_LETTERS {
        return Ok(false);
    }
    let mut read = Vec::with_capacity(changes.len());
    for e in changes.iter() {
        read.push(kind_and_confidence(&e, word)?);
    }
    Ok(core::clean_page(&text(text_)?, || read))
}

/// ``held_on_a_clean_page(edit)`` with ``word`` = ``Kind.WORD`` (compiled for the compiled words
/// stage; the stage's one comparison costs less than a call here).
#[pyfunction]
fn held_on_a_clean_page(edit: &Bound<'_, PyAny>, word: &Bound<'_, PyAny>) -> PyResult<bool> {
    let (kind, confidence) = kind_and_confidence(edit, word)?;
    Ok(core::held_on_a_clean_page(kind, confidence))
}

/// The constants and the pattern, for the Python side to check.
#[pyfunction]
fn noise_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("sure", core::SURE)?;
    d.set_item("min_sure_per_1000_letters", core::MIN_SURE_PER_1000_LETTERS)?;
    d.set_item("clean_page_confidence", core::CLEAN_PAGE_CONFIDENCE)?;
    d.set_item("min_letters", core::MIN_LETTERS)?;
    d.set_item("non_letters", core::NON_LETTERS)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(clean_page, m)?)?;
    m.add_function(wrap_pyfunction!(held_on_a_clean_page, m)?)?;
    m.add_function(wrap_pyfunction!(noise_constants, m)?)?;
    Ok(())
}
