//! The typography stage's binding: the whole stage in one call (`_core.typography`), one named
//! fix (`_core.typography_fix`, what the per-fix parity script compares), the page's style and
//! `openers_before`; and the constants the Python side compares with its own at import. A text
//! with a lone surrogate (no UTF-8) gives None: Python answers it.

use pyo3::prelude::*;
use pyo3::types::PyString;

use super::edits::{edit_row, EditRow};
use crate::german;
use crate::typography as stage;
use crate::typography::{common, dashes, glyphs, quotes, specks, style, PageStyle, Quotes};

fn chars(text: &Bound<'_, PyString>) -> Option<Vec<char>> {
    text.to_str().ok().map(|t| t.chars().collect())
}

/// ``_core.typography(text, printed_layout, lacks_umlauts, skip_rules)``: the stage's edit rows
/// against ``text``.
#[pyfunction]
fn typography(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    printed_layout: bool,
    lacks_umlauts: bool,
    skip_rules: Vec<String>,
) -> Option<Vec<EditRow>> {
    let t = chars(text)?;
    let edits = py.detach(|| stage::run(&t, printed_layout, lacks_umlauts, &skip_rules));
    Some(edits.into_iter().map(edit_row).collect())
}

/// ``_core.typography_fix(name, text, quotes, en_dashes, dash_threshold, printed,
/// typed_german_quotes)``: one fix's changes (None: a lone surrogate, or no such fix or style).
#[allow(clippy::too_many_arguments)]
#[pyfunction]
fn typography_fix(
    name: &str,
    text: &Bound<'_, PyString>,
    quotes: &str,
    en_dashes: f64,
    dash_threshold: f64,
    printed: bool,
    typed_german_quotes: bool,
) -> Option<Vec<EditRow>> {
    let t = chars(text)?;
    let style = PageStyle {
        quotes: Quotes::parse(quotes)?,
        en_dashes,
        dash_threshold,
        printed,
        typed_german_quotes,
    };
    Some(
        stage::fix(name, &t, &style)?
            .into_iter()
            .map(edit_row)
            .collect(),
    )
}

/// ``_core.typography_style(text, printed, correlated)``: ``detect_style``'s (quotes, en_dashes,
/// printed, typed_german_quotes).
#[pyfunction]
fn typography_style(
    text: &Bound<'_, PyString>,
    printed: bool,
    correlated: bool,
) -> Option<(&'static str, f64, bool, bool)> {
    let t = chars(text)?;
    let s = style::detect_style(&t, printed, correlated);
    Some((
        s.quotes.as_str(),
        s.en_dashes,
        s.printed,
        s.typed_german_quotes,
    ))
}

/// ``_core.typography_openers_before(text, i)``: ``quotes.openers_before`` (``i`` in code points,
/// at most the text's length).
#[pyfunction]
fn typography_openers_before(text: &Bound<'_, PyString>, i: usize) -> Option<usize> {
    let t = chars(text)?;
    (i <= t.len()).then(|| quotes::openers_before(&t, i))
}

/// ``_core.protected_spans(text)``: ``korrektor.german.protected_spans``.
#[pyfunction]
fn protected_spans(text: &Bound<'_, PyString>) -> Option<Vec<(usize, usize)>> {
    Some(german::protected_spans(&chars(text)?))
}

/// The constants and word lists the core was built with, which ``typography`` compares with its
/// own at import (``_core_agrees``): each as a list of strings (floats by ``repr``).
#[pyfunction]
fn typography_constants() -> Vec<(&'static str, Vec<String>)> {
    let f = |x: f64| format!("{x:?}");
    let n = |x: usize| vec![x.to_string()];
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut abbreviations = words(&german::ABBREV);
    abbreviations.extend(words(&german::MORE_ABBREVIATIONS_BEFORE_COMMA));
    abbreviations.sort();
    vec![
        (
            "FIXES",
            stage::FIXES.iter().map(|(n, _)| n.to_string()).collect(),
        ),
        ("PRIOR_EN_DASH", vec![f(style::PRIOR_EN_DASH)]),
        (
            "P_HYPHEN_READ",
            vec![f(style::P_HYPHEN_READ.0), f(style::P_HYPHEN_READ.1)],
        ),
        (
            "P_DASH_READ",
            vec![f(style::P_DASH_READ.0), f(style::P_DASH_READ.1)],
        ),
        ("MAX_CORRELATED_HYPHENS", n(style::MAX_CORRELATED_HYPHENS)),
        (
            "MAX_DOUBLE_HYPHEN_READINGS",
            n(dashes::MAX_DOUBLE_HYPHEN_READINGS),
        ),
        ("MIN_NUMBER_LENGTH", n(glyphs::MIN_NUMBER_LENGTH)),
        ("_SINGLE_QUOTE_REACH", n(quotes::SINGLE_QUOTE_REACH)),
        ("_LOW_SINGLE_REACH", n(quotes::LOW_SINGLE_REACH)),
        ("_NEIGHBOUR_REACH", n(dashes::NEIGHBOUR_REACH)),
        ("_NEAR_EXTENSION", n(specks::NEAR_EXTENSION)),
        ("_OPEN_CONTEXT", vec![common::OPEN_CONTEXT.to_string()]),
        ("_CLOSE_CONTEXT", vec![common::CLOSE_CONTEXT.to_string()]),
        (
            "SUSPENDED_COMPOUND_CONJUNCTION_ALTERNATION",
            vec![german::SUSPENDED_COMPOUND_CONJUNCTIONS.join("|")],
        ),
        ("ABBREVIATIONS_BEFORE_COMMA", abbreviations),
    ]
}

/// ``_core.typography_patterns()``: the patterns matched by hand, as ``(module, name, pattern,
/// multi-line, ignoring case)``.
#[pyfunction]
fn typography_patterns() -> Vec<(&'static str, &'static str, &'static str, bool, bool)> {
    stage::PATTERNS.to_vec()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(typography, m)?)?;
    m.add_function(wrap_pyfunction!(typography_fix, m)?)?;
    m.add_function(wrap_pyfunction!(typography_style, m)?)?;
    m.add_function(wrap_pyfunction!(typography_openers_before, m)?)?;
    m.add_function(wrap_pyfunction!(protected_spans, m)?)?;
    m.add_function(wrap_pyfunction!(typography_constants, m)?)?;
    m.add_function(wrap_pyfunction!(typography_patterns, m)?)
}
