//! `korrektor._core.sentence_punctuation`, `lower_case_i`, `capital_inside_sentence` and
//! `word_fixes_constants`: the words stage's repairs between the decided words (see
//! [`crate::word_fixes`]). The tokens are the stage's `Token` objects, read attribute by
//! attribute; `typography.openers_before` is called back as Python calls it.

use std::cell::RefCell;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PySet, PyString};

use super::edits::{edit_row, EditRow};
use super::lexicon::PyLexicon;
use super::marks::PyMarkStats;
use crate::document::JoinToken;
use crate::word_fixes as core;

/// What the repairs (and the letter-spaced joins) read of a `Token`.
pub(crate) struct TokenRow {
    pub(crate) core: PyBackedStr,
    start: usize,
    end: usize,
    sentence_end: bool,
    known: bool,
    protected: bool,
}

/// The tokens' cores only, the other fields left 0 and false for [`read_span`] and
/// [`read_flags`] to fill where a function looks: reading a `Token`'s attribute through the C API
/// costs about what Python's own loop spends on the token, so each binding reads only what its
/// function reads (the functions' filters on a token's own core are public for this).
pub(crate) fn read_cores(tokens: &Bound<'_, PyList>) -> PyResult<Option<Vec<TokenRow>>> {
    let py = tokens.py();
    let mut rows = Vec::with_capacity(tokens.len());
    for t in tokens.iter() {
        let Ok(core) = t.getattr(intern!(py, "core"))?.extract::<PyBackedStr>() else {
            return Ok(None);
        };
        rows.push(TokenRow {
            core,
            start: 0,
            end: 0,
            sentence_end: false,
            known: false,
            protected: false,
        });
    }
    Ok(Some(rows))
}

/// `start` and `end` of token `k` (none past the end).
pub(crate) fn read_span(
    tokens: &Bound<'_, PyList>,
    rows: &mut [TokenRow],
    k: usize,
) -> PyResult<()> {
    let py = tokens.py();
    if let Some(row) = rows.get_mut(k) {
        let t = tokens.get_item(k)?;
        row.start = t.getattr(intern!(py, "start"))?.extract()?;
        row.end = t.getattr(intern!(py, "end"))?.extract()?;
    }
    Ok(())
}

/// `sentence_end`, `known` and `protected` of token `k` (none past the end).
pub(crate) fn read_flags(
    tokens: &Bound<'_, PyList>,
    rows: &mut [TokenRow],
    k: usize,
) -> PyResult<()> {
    let py = tokens.py();
    if let Some(row) = rows.get_mut(k) {
        let t = tokens.get_item(k)?;
        row.sentence_end = t.getattr(intern!(py, "sentence_end"))?.is_truthy()?;
        row.known = t.getattr(intern!(py, "known"))?.is_truthy()?;
        row.protected = t.getattr(intern!(py, "protected"))?.is_truthy()?;
    }
    Ok(())
}

/// The row as the pure functions take it (`lower_noun` is read by none of them).
pub(crate) fn view(r: &TokenRow) -> JoinToken<'_> {
    JoinToken {
        core: &r.core,
        start: r.start,
        end: r.end,
        sentence_end: r.sentence_end,
        known: r.known,
        protected: r.protected,
        lower_noun: false,
    }
}

/// The rows as the pure functions take them.
pub(crate) fn views(rows: &[TokenRow]) -> Vec<JoinToken<'_>> {
    rows.iter().map(view).collect()
}

/// The text's code points; None where it holds a lone surrogate.
pub(crate) fn code_points(text: &Bound<'_, PyString>) -> Option<Vec<char>> {
    text.to_str().ok().map(|t| t.chars().collect())
}

/// `skip` (a set of ints) as flags over `n` tokens; None where an element is no int.
pub(crate) fn skipped(skip: &Bound<'_, PySet>, n: usize) -> Option<Vec<bool>> {
    let mut out = vec![false; n];
    for k in skip.iter() {
        let k = k.extract::<i64>().ok()?;
        if let Some(s) = usize::try_from(k).ok().and_then(|k| out.get_mut(k)) {
            *s = true;
        }
    }
    Some(out)
}

/// ``sentence_punctuation(text, tokens, lexicon, marks, skip)`` with ``openers_before`` =
/// ``typography.openers_before``: the edits as rows (``Edit(*row)`` with the kind's value);
/// None where Python must answer (a lone surrogate, an index in ``skip`` that is no int).
#[pyfunction]
fn sentence_punctuation(
    text: &Bound<'_, PyString>,
    tokens: &Bound<'_, PyList>,
    lexicon: &Bound<'_, PyLexicon>,
    marks: &Bound<'_, PyMarkStats>,
    skip: &Bound<'_, PySet>,
    openers_before: &Bound<'_, PyAny>,
) -> PyResult<Option<Vec<EditRow>>> {
    let Some(chars) = code_points(text) else {
        return Ok(None);
    };
    let Some(skipped) = skipped(skip, tokens.len()) else {
        return Ok(None);
    };
    let Some(mut rows) = read_cores(tokens)? else {
        return Ok(None);
    };
    for k in 0..rows.len() {
        read_span(tokens, &mut rows, k)?;
    }
    // the pair (k, k + 1) is looked at further: the flags of both and of the token after
    let mut flagged = vec![false; rows.len()];
    for k in 0..rows.len().saturating_sub(1) {
        let (t, u) = (view(&rows[k]), view(&rows[k + 1]));
        if core::punctuation_candidate(&chars, &t, &u) {
            flagged[k..(k + 3).min(rows.len())].fill(true);
        }
    }
    for (k, _) in flagged.iter().enumerate().filter(|(_, &f)| f) {
        read_flags(tokens, &mut rows, k)?;
    }
    let error: RefCell<Option<PyErr>> = RefCell::new(None);
    let edits = core::sentence_punctuation(
        lexicon.get().inner.forms(),
        &marks.get().inner,
        &chars,
        &views(&rows),
        |k| skipped.get(k).copied().unwrap_or(false),
        |offset| match openers_before
            .call1((text, offset))
            .and_then(|n| n.is_truthy())
        {
            Ok(b) => b,
            Err(e) => {
                error.borrow_mut().get_or_insert(e);
                false
            }
        },
    );
    if let Some(e) = error.into_inner() {
        return Err(e);
    }
    Ok(Some(edits.into_iter().map(edit_row).collect()))
}

/// ``lower_case_i(text, tokens, lexicon)`` with the statistics ``marks``: the set of indices;
/// None where Python must answer (a lone surrogate).
#[pyfunction]
fn lower_case_i<'py>(
    text: &Bound<'py, PyString>,
    tokens: &Bound<'py, PyList>,
    lexicon: &Bound<'py, PyLexicon>,
    marks: &Bound<'py, PyMarkStats>,
) -> PyResult<Option<Bound<'py, PySet>>> {
    let Some(chars) = code_points(text) else {
        return Ok(None);
    };
    let Some(mut rows) = read_cores(tokens)? else {
        return Ok(None);
    };
    // only a candidate and the token before it are read further
    for k in 1..rows.len() {
        if core::lower_case_i_candidate(&rows[k].core) {
            read_span(tokens, &mut rows, k - 1)?;
            read_span(tokens, &mut rows, k)?;
            read_flags(tokens, &mut rows, k - 1)?;
        }
    }
    let found = core::lower_case_i(
        lexicon.get().inner.forms(),
        &marks.get().inner,
        &chars,
        &views(&rows),
    );
    Ok(Some(PySet::new(tokens.py(), found)?))
}

/// ``capital_inside_sentence(text, tokens, marks, skip)``: the set of indices; None where Python
/// must answer (a lone surrogate, an index in ``skip`` that is no int).
#[pyfunction]
fn capital_inside_sentence<'py>(
    text: &Bound<'py, PyString>,
    tokens: &Bound<'py, PyList>,
    marks: &Bound<'py, PyMarkStats>,
    skip: &Bound<'py, PySet>,
) -> PyResult<Option<Bound<'py, PySet>>> {
    let Some(chars) = code_points(text) else {
        return Ok(None);
    };
    let Some(skipped) = skipped(skip, tokens.len()) else {
        return Ok(None);
    };
    let Some(mut rows) = read_cores(tokens)? else {
        return Ok(None);
    };
    let marks = &marks.get().inner;
    // only a candidate and the token before it are read further
    for k in 1..rows.len() {
        if core::capital_candidate(marks, &rows[k].core) {
            read_span(tokens, &mut rows, k - 1)?;
            read_span(tokens, &mut rows, k)?;
            read_flags(tokens, &mut rows, k - 1)?;
        }
    }
    let found = core::capital_inside_sentence(marks, &chars, &views(&rows), |k| {
        skipped.get(k).copied().unwrap_or(false)
    });
    Ok(Some(PySet::new(tokens.py(), found)?))
}

/// The constants, word lists and patterns the repairs use, for the Python side to check.
#[pyfunction]
fn word_fixes_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("min_word_before_stop", core::MIN_WORD_BEFORE_STOP)?;
    d.set_item("min_word_after_stop", core::MIN_WORD_AFTER_STOP)?;
    d.set_item("max_parenthesis", core::MAX_PARENTHESIS)?;
    d.set_item("min_elided_count", core::MIN_ELIDED_COUNT)?;
    d.set_item("sentence_start_min_count", core::SENTENCE_START_MIN_COUNT)?;
    d.set_item("salutation_max_length", core::SALUTATION_MAX_LENGTH)?;
    d.set_item("historic", core::HISTORIC)?;
    d.set_item("modern", crate::forms::MODERN)?;
    d.set_item("dashes", core::DASHES.to_vec())?;
    d.set_item("salutation_openers", core::SALUTATION_OPENERS.to_vec())?;
    d.set_item("relative_pronouns", core::RELATIVE_PRONOUNS.to_vec())?;
    d.set_item(
        "size_only_capitals",
        core::SIZE_ONLY_CAPITALS.iter().collect::<String>(),
    )?;
    d.set_item("abbrev", core::ABBREV.to_vec())?;
    d.set_item("abbreviations_folded", core::ABBREVIATIONS_FOLDED.to_vec())?;
    let patterns = PyDict::new(py);
    for (name, pattern) in core::PATTERNS {
        patterns.set_item(name, pattern)?;
    }
    d.set_item("patterns", patterns)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sentence_punctuation, m)?)?;
    m.add_function(wrap_pyfunction!(lower_case_i, m)?)?;
    m.add_function(wrap_pyfunction!(capital_inside_sentence, m)?)?;
    m.add_function(wrap_pyfunction!(word_fixes_constants, m)?)?;
    Ok(())
}
