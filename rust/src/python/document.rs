//! `korrektor._core.foreign_sentences`, `protect_units`, `past_bias`, `historic_only_penalty`,
//! `document_terms`, `document_words`, `join_broken_words` and `document_constants`: the words
//! stage's passes over the token list (see [`crate::document`]). The tokens are the stage's
//! `Token` objects, read attribute by attribute; `decoder.lost_umlauts` and
//! `decoder.candidates` are called back as Python calls them.

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PySet, PyString};

use super::lexicon::PyLexicon;
use crate::document::{self as core, DecidedToken, JoinToken, PassToken};
use crate::pystr;

/// The tokens' fields `foreign_sentences` reads; None where a core is no Unicode text (a lone
/// surrogate: Python answers).
fn read_tokens(tokens: &Bound<'_, PyList>) -> PyResult<Option<Vec<Row>>> {
    let py = tokens.py();
    let mut rows = Vec::with_capacity(tokens.len());
    for t in tokens.iter() {
        let Ok(core) = t.getattr(intern!(py, "core"))?.extract::<PyBackedStr>() else {
            return Ok(None);
        };
        rows.push(Row {
            core,
            start: 0,
            sentence_end: t.getattr(intern!(py, "sentence_end"))?.is_truthy()?,
            known: t.getattr(intern!(py, "known"))?.is_truthy()?,
            protected: t.getattr(intern!(py, "protected"))?.is_truthy()?,
        });
    }
    Ok(Some(rows))
}

struct Row {
    core: PyBackedStr,
    start: usize,
    sentence_end: bool,
    known: bool,
    protected: bool,
}

fn pass_tokens(rows: &[Row]) -> Vec<PassToken<'_>> {
    rows.iter()
        .map(|r| PassToken {
            core: &r.core,
            start: r.start,
            sentence_end: r.sentence_end,
            known: r.known,
            protected: r.protected,
        })
        .collect()
}

/// ``foreign_sentences(tokens, decoder)`` with ``lost_umlauts`` = ``decoder.lost_umlauts``: the
/// set of indices; None where Python must answer (a core that is no Unicode text).
#[pyfunction]
fn foreign_sentences<'py>(
    tokens: &Bound<'py, PyList>,
    lost_umlauts: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PySet>>> {
    let Some(rows) = read_tokens(tokens)? else {
        return Ok(None);
    };
    let found = core::foreign_sentences(&pass_tokens(&rows), |k| {
        lost_umlauts.call1((tokens.get_item(k)?,))?.is_truthy()
    })?;
    Ok(Some(PySet::new(tokens.py(), found)?))
}

/// ``protect_units(text, tokens, decoder)``: marks the units after numbers protected, as Python
/// does; False where Python must answer (nothing marked then). Only the unknown tokens are read
/// further (the pass looks at no other).
#[pyfunction]
fn protect_units(
    text: &Bound<'_, PyString>,
    tokens: &Bound<'_, PyList>,
    lost_umlauts: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    let py = tokens.py();
    let Ok(text) = text.extract::<PyBackedStr>() else {
        return Ok(false);
    };
    let mut at = Vec::new();
    let mut rows = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        if t.getattr(intern!(py, "known"))?.is_truthy()? {
            continue;
        }
        let Ok(core) = t.getattr(intern!(py, "core"))?.extract::<PyBackedStr>() else {
            return Ok(false);
        };
        at.push(k);
        rows.push(Row {
            core,
            start: t.getattr(intern!(py, "start"))?.extract()?,
            sentence_end: false,
            known: false,
            protected: false,
        });
    }
    let found = core::protect_units(&text, &pass_tokens(&rows), |k| {
        lost_umlauts.call1((tokens.get_item(at[k])?,))?.is_truthy()
    })?;
    for k in found {
        tokens
            .get_item(at[k])?
            .setattr(intern!(py, "protected"), true)?;
    }
    Ok(true)
}

/// ``tense.past_bias(cores)``; None where a core is no text (or no Unicode text).
#[pyfunction]
fn past_bias(cores: &Bound<'_, PyList>) -> Option<f64> {
    let (mut past, mut present) = (0, 0);
    for core in cores.iter() {
        let core = core.cast_into::<PyString>().ok()?;
        let (p, q) = core::tense_counts([core.to_str().ok()?]);
        past += p;
        present += q;
    }
    Some(core::past_bias_of(past, present))
}

/// ``era.historic_only_penalty(cores, lexicon)``; None where a core is no Unicode text.
#[pyfunction]
fn historic_only_penalty(cores: &Bound<'_, PyList>, lexicon: &Bound<'_, PyLexicon>) -> Option<f64> {
    let cores: Vec<PyBackedStr> = cores.extract().ok()?;
    Some(core::historic_only_penalty(
        lexicon.get().inner.forms(),
        &cores,
    ))
}

/// ``document_terms(tokens, profile, decoder)`` with ``german`` (the profile is GERMAN_TEXT) and
/// ``candidates`` = ``decoder.candidates``: the set of terms; None where Python must answer (a
/// core that is no Unicode text, or a candidate word that is no text).
#[pyfunction]
fn document_terms<'py>(
    tokens: &Bound<'py, PyList>,
    german: bool,
    candidates: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PySet>>> {
    let Some(rows) = read_tokens(tokens)? else {
        return Ok(None);
    };
    let mut no_text = false;
    let found = core::document_terms(&pass_tokens(&rows), german, |k| {
        let cands = candidates.call1((tokens.get_item(k)?,))?;
        let mut words = Vec::new();
        for c in cands.try_iter()?.skip(1) {
            match c?.get_item(0)?.extract::<PyBackedStr>() {
                Ok(w) => words.push((*w).to_owned()),
                Err(_) => no_text = true,
            }
        }
        Ok::<_, PyErr>(words)
    })?;
    if no_text {
        return Ok(None);
    }
    Ok(Some(PySet::new(tokens.py(), found)?))
}

/// ``document_words(tokens, lexicon)``: the list of words; None where a core or a decision is
/// no Unicode text.
#[pyfunction]
fn document_words(
    tokens: &Bound<'_, PyList>,
    lexicon: &Bound<'_, PyLexicon>,
) -> PyResult<Option<Vec<String>>> {
    let py = tokens.py();
    let mut rows: Vec<(PyBackedStr, PyBackedStr, bool)> = Vec::new();
    for t in tokens.iter() {
        // the pass's own filter first, in its order: most tokens are read no further
        let Ok(best) = t.getattr(intern!(py, "best"))?.extract::<PyBackedStr>() else {
            return Ok(None);
        };
        if pystr::len(&best) < core::MIN_WORD_LENGTH
            || t.getattr(intern!(py, "protected"))?.is_truthy()?
            || !pystr::is_alpha(&best)
        {
            continue;
        }
        let Ok(core) = t.getattr(intern!(py, "core"))?.extract::<PyBackedStr>() else {
            return Ok(None);
        };
        let known = t.getattr(intern!(py, "known"))?.is_truthy()?;
        rows.push((core, best, known));
    }
    let decided: Vec<DecidedToken> = rows
        .iter()
        .map(|(core, best, known)| DecidedToken {
            core,
            best,
            known: *known,
            protected: false,
        })
        .collect();
    let forms = lexicon.get().inner.forms();
    Ok(Some(
        core::document_words(forms, &decided)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    ))
}

/// ``join_broken_words(text, tokens, lexicon, skip)``: the joins as ``[(i, word, confidence)]``
/// (``tokens[i]`` and ``tokens[i + 1]`` become one token); None where Python must answer (a core
/// or the text that is no Unicode text, an index in ``skip`` that is no int).
#[pyfunction]
fn join_broken_words(
    text: &Bound<'_, PyString>,
    tokens: &Bound<'_, PyList>,
    lexicon: &Bound<'_, PyLexicon>,
    skip: &Bound<'_, PySet>,
) -> PyResult<Option<Vec<(usize, String, f64)>>> {
    let py = tokens.py();
    let Ok(text) = text.extract::<PyBackedStr>() else {
        return Ok(None);
    };
    let mut skipped = vec![false; tokens.len()];
    for k in skip.iter() {
        let Ok(k) = k.extract::<i64>() else {
            return Ok(None);
        };
        if let Some(s) = usize::try_from(k).ok().and_then(|k| skipped.get_mut(k)) {
            *s = true;
        }
    }
    let mut rows = Vec::with_capacity(tokens.len());
    for t in tokens.iter() {
        let Ok(core) = t.getattr(intern!(py, "core"))?.extract::<PyBackedStr>() else {
            return Ok(None);
        };
        let flag = |name: &Bound<'_, PyString>| -> PyResult<bool> { t.getattr(name)?.is_truthy() };
        rows.push((
            core,
            t.getattr(intern!(py, "start"))?.extract::<usize>()?,
            t.getattr(intern!(py, "end"))?.extract::<usize>()?,
            [
                flag(intern!(py, "sentence_end"))?,
                flag(intern!(py, "known"))?,
                flag(intern!(py, "protected"))?,
                flag(intern!(py, "lower_noun"))?,
            ],
        ));
    }
    let joins: Vec<JoinToken> = rows
        .iter()
        .map(
            |(core, start, end, [sentence_end, known, protected, lower_noun])| JoinToken {
                core,
                start: *start,
                end: *end,
                sentence_end: *sentence_end,
                known: *known,
                protected: *protected,
                lower_noun: *lower_noun,
            },
        )
        .collect();
    let language = &lexicon.get().inner;
    let skipped = |k: usize| skipped.get(k).copied().unwrap_or(false);
    let merges = core::join_broken_words(language, &text, &joins, skipped);
    Ok(Some(
        merges
            .into_iter()
            .map(|m| (m.at, m.word, m.confidence))
            .collect(),
    ))
}

/// The constants, word lists and pattern the passes use, for the Python side to check.
#[pyfunction]
fn document_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("max_unit_length", core::MAX_UNIT_LENGTH)?;
    d.set_item("min_known_share", core::MIN_KNOWN_SHARE)?;
    d.set_item(
        "min_known_share_before_search",
        core::MIN_KNOWN_SHARE_BEFORE_SEARCH,
    )?;
    d.set_item("min_historic_share", core::MIN_HISTORIC_SHARE)?;
    d.set_item("min_historic_words", core::MIN_HISTORIC_WORDS)?;
    d.set_item("historic_only_penalty", core::HISTORIC_ONLY_PENALTY)?;
    d.set_item("min_past_share", core::MIN_PAST_SHARE)?;
    d.set_item("min_verbs", core::MIN_VERBS)?;
    d.set_item("past_bias", core::PAST_BIAS)?;
    d.set_item("foreign", core::foreign_words().collect::<Vec<_>>())?;
    let (preterites, presents) = core::tense_words();
    d.set_item("preterites", preterites)?;
    d.set_item("presents", presents)?;
    d.set_item("number_before", (core::NUMBER_BEFORE, false))?;
    d.set_item("min_term_repeats", core::MIN_TERM_REPEATS)?;
    d.set_item("merge_cost", core::merge_cost())?;
    d.set_item("min_merge_count", core::MIN_MERGE_COUNT)?;
    d.set_item("non_word_penalty", crate::decoder::NON_WORD_PENALTY)?;
    d.set_item("min_length", core::MIN_WORD_LENGTH)?;
    let plain = PyDict::new(py);
    for (c, p) in core::PLAIN {
        plain.set_item(c, p)?;
    }
    d.set_item("plain", plain)?;
    d.set_item("umlauts", crate::twins::UMLAUTS.iter().collect::<String>())?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(foreign_sentences, m)?)?;
    m.add_function(wrap_pyfunction!(protect_units, m)?)?;
    m.add_function(wrap_pyfunction!(past_bias, m)?)?;
    m.add_function(wrap_pyfunction!(historic_only_penalty, m)?)?;
    m.add_function(wrap_pyfunction!(document_terms, m)?)?;
    m.add_function(wrap_pyfunction!(join_broken_words, m)?)?;
    m.add_function(wrap_pyfunction!(document_words, m)?)?;
    m.add_function(wrap_pyfunction!(document_constants, m)?)?;
    Ok(())
}
