//! `korrektor._core.decode_passes`, `CandidateCache`, `ExplanationCache`: the words stage's
//! decoding passes whole (`stages/words/passes.py`: `decode`, `rust/src/passes.rs`). The tokens
//! are read from the stage's `Token` objects once; the decisions come back as Python's dict and
//! set, and each token's `best` is written back as Python's passes leave it.

use std::collections::HashSet;
use std::sync::Mutex;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PySet, PyString, PyTuple};

use super::decoder::PyScorer;
use super::sources::PySources;
use crate::decoder::{self, Settings};
use crate::passes::{self, CandidateCache, Decoders, ExplanationCache, GermanDecoder, Held, Row};

/// A decoder's candidate lists by token core (per process, one per key of Python's
/// ``_CANDIDATE_CACHE``).
#[pyclass(name = "CandidateCache", module = "korrektor._core", frozen)]
pub(crate) struct PyCandidateCache {
    inner: Mutex<CandidateCache>,
}

#[pymethods]
impl PyCandidateCache {
    #[new]
    fn new() -> Self {
        PyCandidateCache {
            inner: Mutex::new(CandidateCache::default()),
        }
    }

    fn __len__(&self) -> usize {
        self.inner.try_lock().map_or(0, |c| c.len())
    }
}

/// The page confusions' explanations by core, for one lexicon.
#[pyclass(name = "ExplanationCache", module = "korrektor._core", frozen)]
pub(crate) struct PyExplanationCache {
    inner: Mutex<ExplanationCache>,
}

#[pymethods]
impl PyExplanationCache {
    #[new]
    fn new() -> Self {
        PyExplanationCache {
            inner: Mutex::new(ExplanationCache::default()),
        }
    }
}

/// The tokens' fields; None where a core or a decision is no Unicode text (a lone surrogate).
fn read_rows(tokens: &Bound<'_, PyList>) -> PyResult<Option<Vec<Row>>> {
    let py = tokens.py();
    let mut rows = Vec::with_capacity(tokens.len());
    for t in tokens.iter() {
        let core = t.getattr(intern!(py, "core"))?;
        let best = t.getattr(intern!(py, "best"))?;
        let (Ok(core), Ok(best)) = (core.cast::<PyString>(), best.cast::<PyString>()) else {
            return Ok(None);
        };
        let (Ok(core), Ok(best)) = (core.to_str(), best.to_str()) else {
            return Ok(None);
        };
        rows.push(Row {
            start: t.getattr(intern!(py, "start"))?.extract()?,
            end: t.getattr(intern!(py, "end"))?.extract()?,
            core: core.to_owned(),
            sentence_end: t.getattr(intern!(py, "sentence_end"))?.is_truthy()?,
            known: t.getattr(intern!(py, "known"))?.is_truthy()?,
            protected: t.getattr(intern!(py, "protected"))?.is_truthy()?,
            best: best.to_owned(),
            acronym: t.getattr(intern!(py, "acronym"))?.is_truthy()?,
            merged: if t.getattr(intern!(py, "merged"))?.is_truthy()? {
                1.0
            } else {
                0.0
            },
            paragraph_end: t.getattr(intern!(py, "paragraph_end"))?.is_truthy()?,
        });
    }
    Ok(Some(rows))
}

/// Pass 5's decoder: its scorer, its searches, ``(german_page, min_real_word_confidence)``
/// and its candidate cache's index.
type German<'py> = (
    Bound<'py, PyScorer>,
    Bound<'py, PySources>,
    (bool, f64),
    usize,
);

/// ``passes.decode(text, tokens, decoder, skip, terms)`` on the compiled decoders:
/// ``(decisions, from_document)``, each token's ``best`` written back. ``scorer``, ``sources``:
/// the main decoder's; ``held``: its ``(german_page, min_real_word_confidence)``; ``german``:
/// pass 5's ``(scorer, sources, (german_page, min_real_word_confidence), cache)`` or None (a
/// German profile); ``caches``: the candidate caches, ``main_cache``, ``old_cache`` and the
/// German one their indices; ``expected(true, read)``: the error model's ln P(read | true) for
/// the page; ``constants``: ``(PASSES.min_old_spelling_words, document_word_length(decoder),
/// DOCUMENT.min_two_edits_length, DOCUMENT.edit_cost)``. None where Python must answer (the
/// tokens are untouched then).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn decode_passes<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    tokens: &Bound<'py, PyList>,
    scorer: &Bound<'py, PyScorer>,
    sources: &Bound<'py, PySources>,
    held: (bool, f64),
    german: Option<German<'py>>,
    caches: Vec<Bound<'py, PyCandidateCache>>,
    main_cache: usize,
    old_cache: usize,
    skip: HashSet<usize>,
    terms: &Bound<'py, PySet>,
    explanations: &Bound<'py, PyExplanationCache>,
    expected: &Bound<'py, PyAny>,
    constants: (usize, usize, usize, f64),
) -> PyResult<Option<(Bound<'py, PyDict>, Bound<'py, PySet>)>> {
    let Ok(text) = text.to_str() else {
        return Ok(None);
    };
    let chars: Vec<char> = text.chars().collect();
    let Some(mut rows) = read_rows(tokens)? else {
        return Ok(None);
    };
    let before: Vec<String> = rows.iter().map(|r| r.best.clone()).collect();
    let terms_owned: Vec<String> = terms
        .iter()
        .filter_map(|t| t.cast::<PyString>().ok()?.to_str().ok().map(str::to_owned))
        .collect();
    let terms: HashSet<&str> = terms_owned.iter().map(String::as_str).collect();
    let main = scorer.get().scorer();
    let Some(searches) = sources.get().searches() else {
        return Ok(None);
    };
    let german_ref = german
        .as_ref()
        .map(|(s, src, h, c)| (s.get(), src.get(), *h, *c));
    let german = match &german_ref {
        Some((s, src, h, cache)) => {
            let Some(searches) = src.searches() else {
                return Ok(None);
            };
            Some(GermanDecoder {
                settings: s.scorer().settings,
                held: Held {
                    german_page: h.0,
                    min_real_word_confidence: h.1,
                },
                searches,
                cache: *cache,
            })
        }
        None => None,
    };
    let german_profile = german.is_none();
    let d = Decoders {
        language: main.language,
        chars: main.chars,
        context: main.context,
        settings: Settings {
            modern_bigrams: false,
            ..main.settings
        },
        held: Held {
            german_page: held.0,
            min_real_word_confidence: held.1,
        },
        searches,
        german_profile,
        german,
        main_cache,
        old_cache,
        min_old_spelling_words: constants.0,
        document_word_length: constants.1,
        min_two_edits_length: constants.2,
        edit_cost: constants.3,
        compensated_sum: main.settings.compensated_sum,
    };
    let mut guards = Vec::with_capacity(caches.len());
    for c in &caches {
        // another thread's passes hold it (they may have let this thread run while they call
        // back into Python): Python answers this page rather than wait with the GIL held
        match c.get().inner.try_lock() {
            Ok(g) => guards.push(g),
            Err(_) => return Ok(None),
        }
    }
    let mut cache_refs: Vec<&mut CandidateCache> = guards.iter_mut().map(|g| &mut **g).collect();
    let Ok(mut explained) = explanations.get().inner.try_lock() else {
        return Ok(None);
    };
    let mut ask =
        |c: char, read: &str| -> PyResult<f64> { expected.call1((c.to_string(), read))?.extract() };
    let found = passes::decode(
        &chars,
        &mut rows,
        &d,
        &skip,
        &terms,
        &mut cache_refs,
        &mut explained,
        &mut ask,
    )?;
    let Some(outcome) = found else {
        return Ok(None);
    };
    let decisions = PyDict::new(py);
    for (i, x) in outcome.decisions {
        let runners = PyList::new(py, &x.runners)?;
        let value = PyTuple::new(
            py,
            [
                PyString::new(py, &x.word).into_any(),
                x.posterior.into_pyobject(py)?.into_any(),
                runners.into_any(),
                PyString::new(py, x.maker).into_any(),
            ],
        )?;
        decisions.set_item(i, value)?;
    }
    let from_document = PySet::new(py, &outcome.from_document)?;
    // the tokens' `best` as Python's passes leave them
    for ((t, row), was) in tokens.iter().zip(&rows).zip(&before) {
        if *was != row.best {
            t.setattr(intern!(py, "best"), &row.best)?;
        }
    }
    Ok(Some((decisions, from_document)))
}

/// The makers and constants of the passes under the Python names, for the check at import.
#[pyfunction]
fn passes_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("OLD_SZ_SPELLING", passes::OLD_SZ_SPELLING)?;
    d.set_item("PAGE_CONFUSION", passes::PAGE_CONFUSION)?;
    d.set_item("WORD_OF_THE_DOCUMENT", passes::WORD_OF_THE_DOCUMENT)?;
    let mut restorations = passes::MODEL_RESTORATIONS.to_vec();
    restorations.sort_unstable();
    d.set_item("_MODEL_RESTORATIONS", restorations)?;
    d.set_item("_CANDIDATE_CACHE_MAX", passes::CANDIDATE_CACHE_MAX)?;
    d.set_item("_EXPLANATIONS_MAX", passes::EXPLANATIONS_MAX)?;
    d.set_item("SENT_START", crate::language::SENT_START)?;
    d.set_item("non_word_penalty_german", decoder::NON_WORD_PENALTY_GERMAN)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCandidateCache>()?;
    m.add_class::<PyExplanationCache>()?;
    m.add_function(wrap_pyfunction!(decode_passes, m)?)?;
    m.add_function(wrap_pyfunction!(passes_constants, m)?)?;
    Ok(())
}
