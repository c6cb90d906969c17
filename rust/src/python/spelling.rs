//! `korrektor._core.spelling_detect`, `swiss_word`, `sz_spellings`, `known_variant`,
//! `spelling_allows`, `protect_spelling` and `spelling_constants`: the document's spelling (see
//! [`crate::spelling`]).
//!
//! A lone surrogate in a word or a text is read as U+FFFF ([`super::text`]), as the lexicon's own
//! binding reads it: the Python functions ask that lexicon, so their answers are the same (such a
//! word is no stored form, and no letter, so no word found around ss holds one). Only
//! `sz_spellings`, which returns the word's own letters, leaves such a word to Python.

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use super::lexicon::PyLexicon;
use super::text::text;
use crate::document::PassToken;
use crate::spelling::{self as core, Spelling};

/// ``detect(text, lexicon)``: ``(swiss, evidence)``.
#[pyfunction]
fn spelling_detect(
    text_: &Bound<'_, PyString>,
    lexicon: &Bound<'_, PyLexicon>,
) -> PyResult<(bool, Vec<String>)> {
    let found = core::detect(lexicon.get().inner.forms(), &text(text_)?);
    Ok((found.swiss, found.evidence))
}

/// ``swiss_word(word, lexicon)``.
#[pyfunction]
fn swiss_word(
    word: &Bound<'_, PyString>,
    lexicon: &Bound<'_, PyLexicon>,
) -> PyResult<Option<String>> {
    Ok(core::swiss_word(lexicon.get().inner.forms(), &text(word)?))
}

/// ``sz_spellings(word)``; None where the word is no Unicode text (Python answers).
#[pyfunction]
fn sz_spellings(word: &Bound<'_, PyString>) -> Option<Vec<String>> {
    Some(core::sz_spellings(word.to_str().ok()?))
}

/// ``Spelling(swiss).known_variant(word, lexicon)``.
#[pyfunction]
fn known_variant(
    swiss: bool,
    word: &Bound<'_, PyString>,
    lexicon: &Bound<'_, PyLexicon>,
) -> PyResult<Option<String>> {
    let spelling = Spelling {
        swiss,
        evidence: Vec::new(),
    };
    Ok(spelling.known_variant(lexicon.get().inner.forms(), &text(word)?))
}

/// ``Spelling(swiss).allows(before, after)`` (compiled for the compiled words stage; the stage's
/// one test costs less than a call here).
#[pyfunction]
fn spelling_allows(
    swiss: bool,
    before: &Bound<'_, PyString>,
    after: &Bound<'_, PyString>,
) -> PyResult<bool> {
    let spelling = Spelling {
        swiss,
        evidence: Vec::new(),
    };
    Ok(spelling.allows(&text(before)?, &text(after)?))
}

/// ``protect_spelling(tokens, spelling, lexicon)``: marks the words right in the document's
/// spelling protected, as Python does. ``spelling()`` is called where Python calls it; an answer
/// that is no ``cls`` (the ``Spelling`` class itself, not a subclass) leaves the pass to Python:
/// False then, nothing marked.
#[pyfunction]
fn protect_spelling(
    tokens: &Bound<'_, PyList>,
    spelling: &Bound<'_, PyAny>,
    lexicon: &Bound<'_, PyLexicon>,
    cls: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    let py = tokens.py();
    // the cores with ss first: only those tokens are read further
    let mut at = Vec::new();
    let mut rows = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let core = t.getattr(intern!(py, "core"))?;
        // asked of the Python string (`"ss" in t.core`): most cores are never converted
        if !core.contains(intern!(py, "ss"))? {
            continue;
        }
        let core = text(core.cast::<PyString>()?)?;
        let known = t.getattr(intern!(py, "known"))?.is_truthy()?;
        let protected = t.getattr(intern!(py, "protected"))?.is_truthy()?;
        at.push(k);
        rows.push((core.into_owned(), known, protected));
    }
    let passes: Vec<PassToken> = rows
        .iter()
        .map(|(core, known, protected)| PassToken {
            core,
            start: 0,
            sentence_end: false,
            known: *known,
            protected: *protected,
        })
        .collect();
    let mut ours = true;
    let found = core::protect_spelling(lexicon.get().inner.forms(), &passes, || {
        let document = spelling.call0()?;
        if !document.get_type().is(cls) {
            ours = false;
            return Ok(Spelling::default());
        }
        Ok::<_, PyErr>(Spelling {
            swiss: document.getattr(intern!(py, "swiss"))?.is_truthy()?,
            evidence: Vec::new(),
        })
    })?;
    if !ours {
        return Ok(false);
    }
    for k in found {
        tokens
            .get_item(at[k])?
            .setattr(intern!(py, "protected"), true)?;
    }
    Ok(true)
}

/// The constants and the pattern, for the Python side to check.
#[pyfunction]
fn spelling_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("swiss_ss", core::SWISS_SS)?;
    d.set_item("min_ratio", core::MIN_RATIO)?;
    d.set_item("min_count", core::MIN_COUNT)?;
    d.set_item("min_words", core::MIN_WORDS)?;
    d.set_item("min_ratio_to_sz_words", core::MIN_RATIO_TO_SZ_WORDS)?;
    d.set_item("max_evidence", core::MAX_EVIDENCE)?;
    d.set_item("ss_or_sz", core::SS_OR_SZ)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(spelling_detect, m)?)?;
    m.add_function(wrap_pyfunction!(swiss_word, m)?)?;
    m.add_function(wrap_pyfunction!(sz_spellings, m)?)?;
    m.add_function(wrap_pyfunction!(known_variant, m)?)?;
    m.add_function(wrap_pyfunction!(spelling_allows, m)?)?;
    m.add_function(wrap_pyfunction!(protect_spelling, m)?)?;
    m.add_function(wrap_pyfunction!(spelling_constants, m)?)?;
    Ok(())
}
