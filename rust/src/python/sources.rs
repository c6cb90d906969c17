//! `korrektor._core.Sources`: where a token's candidate words come from
//! (`stages/words/sources.py`: `candidates`, `rust/src/sources.rs`), for one decoder's page.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::charmodel::PyCharModel;
use super::lexicon::PyLexicon;
use super::nearby::PyNearbyForms;
use super::search::PyConfusionTable;
use super::umlauts::{PyUmlautReadings, PyWordSet};
use crate::sources::{self, Candidate, Searches, Token};
use crate::splits::MarkSets;
use crate::umlauts::Page;

/// ``Sources(lexicon, readings, table, twin_filter, weight, sentence_starts,
/// no_sentence_end_after, similar, chars)``: what the searches need of a decoder without
/// ``today`` (its page's umlaut readings with the identity table, the error model's table, the
/// twin filter or None, the profile's weight, the punctuation statistics' word sets, the similar
/// forms and the character model), built once per decoder.
#[pyclass(name = "Sources", module = "korrektor._core", frozen)]
pub(crate) struct PySources {
    lexicon: Py<PyLexicon>,
    readings: Py<PyUmlautReadings>,
    table: Py<PyConfusionTable>,
    twin_filter: Option<Py<PyWordSet>>,
    weight: f64,
    sentence_starts: Py<PyWordSet>,
    no_sentence_end_after: Py<PyWordSet>,
    similar: Py<PyNearbyForms>,
    chars: Py<PyCharModel>,
}

impl PySources {
    /// The searches for the compiled passes; None where the similar forms are not loadable.
    pub(crate) fn searches(&self) -> Option<Searches<'_>> {
        Some(Searches {
            forms: self.lexicon.get().inner.forms(),
            readings: &self.readings.get().inner,
            table: &self.table.get().inner,
            page: Page {
                today: false,
                twin_filter: self.twin_filter.as_ref().map(|f| &f.get().inner),
            },
            weight: self.weight,
            marks: MarkSets {
                sentence_starts: &self.sentence_starts.get().inner,
                no_sentence_end_after: &self.no_sentence_end_after.get().inner,
            },
            similar: self.similar.get().similar()?,
            chars: &self.chars.get().inner,
        })
    }
}

#[pymethods]
impl PySources {
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        lexicon: Py<PyLexicon>,
        readings: Py<PyUmlautReadings>,
        table: Py<PyConfusionTable>,
        twin_filter: Option<Py<PyWordSet>>,
        weight: f64,
        sentence_starts: Py<PyWordSet>,
        no_sentence_end_after: Py<PyWordSet>,
        similar: Py<PyNearbyForms>,
        chars: Py<PyCharModel>,
    ) -> Self {
        PySources {
            lexicon,
            readings,
            table,
            twin_filter,
            weight,
            sentence_starts,
            no_sentence_end_after,
            similar,
            chars,
        }
    }

    /// ``sources.candidates(d, t)`` for the token ``core`` (``known``, ``acronym``): ``[(word,
    /// ln P(token | word), maker), ...]``, the token first; None where Python answers (a lone
    /// surrogate, the similar forms not loadable, a search the core declines). The GIL is
    /// released while the searches run.
    fn candidates(
        &self,
        py: Python<'_>,
        core: &Bound<'_, PyString>,
        known: bool,
        acronym: bool,
    ) -> Option<Vec<Candidate>> {
        let core = core.to_str().ok()?;
        let searches = Searches {
            forms: self.lexicon.get().inner.forms(),
            readings: &self.readings.get().inner,
            table: &self.table.get().inner,
            page: Page {
                today: false,
                twin_filter: self.twin_filter.as_ref().map(|f| &f.get().inner),
            },
            weight: self.weight,
            marks: MarkSets {
                sentence_starts: &self.sentence_starts.get().inner,
                no_sentence_end_after: &self.no_sentence_end_after.get().inner,
            },
            similar: self.similar.get().similar()?,
            chars: &self.chars.get().inner,
        };
        let token = Token {
            core,
            known,
            acronym,
        };
        py.detach(|| searches.candidates(token))
    }
}

/// The makers and constants of the candidates, under the Python names, for the Python side to
/// check that both use the same (``NON_WORD_SEARCHES``' makers in order).
#[pyfunction]
fn sources_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("IDENTITY", sources::IDENTITY)?;
    d.set_item("LOST_UMLAUTS", sources::LOST_UMLAUTS)?;
    d.set_item(
        "LOST_UMLAUTS_IN_CAPITALS",
        sources::LOST_UMLAUTS_IN_CAPITALS,
    )?;
    d.set_item("OCR_CONFUSIONS", sources::OCR_CONFUSIONS)?;
    d.set_item("ONE_EDIT_AWAY", sources::ONE_EDIT_AWAY)?;
    d.set_item(
        "LOWER_CASE_INITIAL_UMLAUT",
        sources::LOWER_CASE_INITIAL_UMLAUT,
    )?;
    d.set_item("LOST_HYPHEN", sources::LOST_HYPHEN)?;
    d.set_item("SHORT_TOKEN_MIN_COUNT", sources::SHORT_TOKEN_MIN_COUNT)?;
    d.set_item("RARE_TWIN_COUNT", sources::RARE_TWIN_COUNT)?;
    d.set_item("NON_WORD_SEARCHES", sources::NON_WORD_SEARCHES.to_vec())?;
    d.set_item("_WORD_SEARCHES", sources::WORD_SEARCHES.to_vec())?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySources>()?;
    m.add_function(wrap_pyfunction!(sources_constants, m)?)?;
    Ok(())
}
