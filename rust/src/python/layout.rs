//! `korrektor._core.layout`: the layout stage's changes (see [`crate::layout`]) as edit rows;
//! `layout_constants`, the constants and patterns the core uses (compared with the module's at
//! import), and `_layout_isalnum`, `str.isalnum` as the core computes it (for the tests).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

use super::edits::edit_row;
use super::lexicon::PyLexicon;
use super::marks::PyMarkStats;
use crate::layout::{self as stage, german, hyphens, lines, specks};

/// An edit row as ``python/edits.rs`` gives it, the alternatives a tuple: the stage gives none,
/// and the empty tuple is one object that the garbage collector does not track (a list per row
/// would be, and a page of many short lines has a row per line).
type Row<'py> = (
    usize,
    usize,
    String,
    String,
    String,
    String,
    f64,
    Bound<'py, PyTuple>,
);

/// ``layout(text, lexicon, marks)``: the stage's changes for ``text`` (``lexicon`` a
/// ``_core.Lexicon`` or None, ``marks`` the ``_core.MarkStats``) as rows for
/// ``korrektor.edits.Edit``; None where the text holds a lone surrogate (Python answers).
#[pyfunction]
fn layout<'py>(
    py: Python<'py>,
    text: &Bound<'_, PyString>,
    lexicon: Option<&Bound<'_, PyLexicon>>,
    marks: &Bound<'_, PyMarkStats>,
) -> PyResult<Option<Vec<Row<'py>>>> {
    let Ok(text) = text.to_str() else {
        return Ok(None);
    };
    let forms = lexicon.map(|l| l.get().inner.forms());
    let edits = stage::run(text, forms, &marks.get().inner);
    let rows = edits
        .into_iter()
        .map(|e| {
            let (s, e, b, a, k, rule, conf, alts) = edit_row(e);
            Ok((s, e, b, a, k, rule, conf, PyTuple::new(py, alts)?))
        })
        .collect::<PyResult<Vec<Row<'py>>>>()?;
    Ok(Some(rows))
}

/// The constants and patterns of the compiled stage, by their Python names.
#[pyfunction]
fn layout_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    let strings = |xs: &[char]| xs.iter().map(|c| c.to_string()).collect::<Vec<String>>();
    d.set_item("CONJUNCTIONS", german::CONJUNCTIONS.to_vec())?;
    d.set_item(
        "LINE_END_OF_SENTENCE",
        strings(&german::LINE_END_OF_SENTENCE),
    )?;
    d.set_item(
        "_ABBREVIATIONS_FOLDED",
        german::ABBREVIATIONS_FOLDED.to_vec(),
    )?;
    d.set_item("_HYPHENS", strings(&lines::HYPHENS))?;
    d.set_item("_MAX_PARAGRAPH_INDENT", lines::MAX_PARAGRAPH_INDENT)?;
    d.set_item("MIN_VERSE_BLOCK", lines::MIN_VERSE_BLOCK)?;
    d.set_item("MIN_VERSE_PHRASE_ENDS", lines::MIN_VERSE_PHRASE_ENDS)?;
    d.set_item("_PHRASE_END", strings(&lines::PHRASE_END))?;
    d.set_item(
        "MIN_LOST_HYPHEN_WORD_COUNT",
        hyphens::MIN_LOST_HYPHEN_WORD_COUNT,
    )?;
    d.set_item("_CHUNK_PUNCTUATION", hyphens::CHUNK_PUNCTUATION)?;
    d.set_item("MARGIN_SPECK_BELOW", specks::MARGIN_SPECK_BELOW)?;
    d.set_item("_PARAGRAPH_END_WINDOW", specks::PARAGRAPH_END_WINDOW)?;
    d.set_item("MIN_WORD_COUNT_NOT_SPECK", specks::MIN_WORD_COUNT_NOT_SPECK)?;
    d.set_item("_NO_SPECK", specks::NO_SPECK)?;
    d.set_item("_NO_SPECK_BESIDE", specks::NO_SPECK_BESIDE)?;
    d.set_item("_MARGIN_DASHES", specks::MARGIN_DASHES.to_vec())?;
    d.set_item("_LINE_DASHES", strings(&specks::LINE_DASHES))?;
    let patterns = PyDict::new(py);
    for (name, pattern) in stage::PATTERNS
        .iter()
        .chain(stage::MORE_PATTERNS.iter())
        .chain(german::PATTERNS.iter())
    {
        patterns.set_item(name, pattern)?;
    }
    patterns.set_item("_CODE_SIGN_RE", german::CODE_SIGN)?;
    d.set_item("patterns", patterns)?;
    Ok(d)
}

/// ``[c.isalnum() for c in s]`` as the core computes it.
#[pyfunction]
fn _layout_isalnum(s: &str) -> Vec<bool> {
    s.chars().map(stage::numeric::char_is_alnum).collect()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(layout, m)?)?;
    m.add_function(wrap_pyfunction!(layout_constants, m)?)?;
    m.add_function(wrap_pyfunction!(_layout_isalnum, m)?)?;
    Ok(())
}
