//! `korrektor._core.Scorer`: the words stage's scorer (`Decoder.decide`, `rust/src/decoder.rs`)
//! for one decoder: its lexicon, character and context models and what it knows of the page.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::charmodel::PyCharModel;
use super::context::PyContextModel;
use super::lexicon::PyLexicon;
use super::text::text;
use crate::decoder::{self, Scorer, Settings, Token};
use crate::language::SENT_START;

/// A decision by the candidates' indices: ``(best, posterior, runners, in_context)``.
type Found = (usize, f64, Vec<usize>, bool);

/// ``Scorer(lexicon, chars, context, modern_bigrams, past_bias, historic_only_penalty,
/// non_word_penalty, german_page)``: the decoder's models (``context`` may be None) and
/// attributes; built once per decoder.
#[pyclass(name = "Scorer", module = "korrektor._core", frozen)]
pub(crate) struct PyScorer {
    lexicon: Py<PyLexicon>,
    chars: Py<PyCharModel>,
    context: Option<Py<PyContextModel>>,
    settings: Settings,
}

impl PyScorer {
    /// The scorer for the compiled passes.
    pub(crate) fn scorer(&self) -> Scorer<'_> {
        Scorer {
            language: &self.lexicon.get().inner,
            chars: &self.chars.get().inner,
            context: self.context.as_ref().map(|c| &c.get().inner),
            settings: self.settings,
        }
    }
}

#[pymethods]
impl PyScorer {
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        lexicon: Py<PyLexicon>,
        chars: Py<PyCharModel>,
        context: Option<Py<PyContextModel>>,
        modern_bigrams: bool,
        past_bias: f64,
        historic_only_penalty: f64,
        non_word_penalty: f64,
        german_page: bool,
    ) -> Self {
        PyScorer {
            lexicon,
            chars,
            context,
            settings: Settings {
                modern_bigrams,
                past_bias,
                historic_only_penalty,
                non_word_penalty,
                german_page,
                compensated_sum: py.version_info() >= (3, 12),
            },
        }
    }

    /// ``Decoder.decide`` by the candidates' indices: ``(best, posterior, runners, in_context)``
    /// for the token ``core`` (``known``, ``acronym``) with the candidates ``cands`` (the
    /// decoder's ``(word, channel, maker)`` tuples, the token first) between ``prev`` and
    /// ``next``; ``sentence()`` gives the set of the sentence's other words, asked at most once.
    /// None where the Python scorer answers: a string that is no Unicode text (a lone
    /// surrogate), or a candidate Python would fail on.
    #[allow(clippy::too_many_arguments)]
    fn decide(
        &self,
        core: &Bound<'_, PyString>,
        known: bool,
        acronym: bool,
        cands: &Bound<'_, PyList>,
        prev: &Bound<'_, PyString>,
        next: Option<&Bound<'_, PyString>>,
        sentence: &Bound<'_, PyAny>,
    ) -> PyResult<Option<Found>> {
        let (Ok(core), Ok(prev)) = (core.to_str(), prev.to_str()) else {
            return Ok(None);
        };
        let next = match next.map(|n| n.to_str()) {
            Some(Ok(n)) => Some(n),
            Some(Err(_)) => return Ok(None),
            None => None,
        };
        let mut words: Vec<(Bound<'_, PyString>, f64)> = Vec::with_capacity(cands.len());
        for c in cands.iter() {
            let c = c.cast_into::<PyTuple>()?;
            words.push((c.get_item(0)?.cast_into()?, c.get_item(1)?.extract()?));
        }
        let mut texts: Vec<(&str, f64)> = Vec::with_capacity(words.len());
        for (w, channel) in &words {
            let Ok(w) = w.to_str() else {
                return Ok(None);
            };
            texts.push((w, *channel));
        }
        let scorer = Scorer {
            language: &self.lexicon.get().inner,
            chars: &self.chars.get().inner,
            context: self.context.as_ref().map(|c| &c.get().inner),
            settings: self.settings,
        };
        let mut failed: Option<PyErr> = None;
        let mut ask = || -> Vec<String> {
            let got = sentence.call0().and_then(|s| {
                s.try_iter()?
                    .map(|w| Ok(text(&w?.cast_into::<PyString>()?)?.into_owned()))
                    .collect::<PyResult<Vec<String>>>()
            });
            got.unwrap_or_else(|e| {
                failed = Some(e);
                Vec::new()
            })
        };
        let token = Token {
            core,
            known,
            acronym,
        };
        let decision = scorer.decide(token, &texts, prev, next, &mut ask);
        if let Some(e) = failed {
            return Err(e);
        }
        Ok(decision.map(|d| (d.best, d.posterior, d.runners, d.in_context)))
    }
}

/// The scorer's constants under the Python names, for the Python side to check that both
/// scorers use the same (`_DAMAGED_RE`: the pattern `decoder::damaged` implements).
#[pyfunction]
fn scorer_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("SCORING.non_word_penalty", decoder::NON_WORD_PENALTY)?;
    d.set_item(
        "SCORING.non_word_penalty_german",
        decoder::NON_WORD_PENALTY_GERMAN,
    )?;
    d.set_item("SCORING.damaged_penalty", decoder::DAMAGED_PENALTY)?;
    d.set_item("SCORING.damage_floor", decoder::DAMAGE_FLOOR)?;
    d.set_item("SCORING.damage_scale", decoder::DAMAGE_SCALE)?;
    d.set_item("HISTORIC", decoder::HISTORIC)?;
    let mut marks = decoder::SENTENCE_END;
    marks.sort_unstable();
    d.set_item("SENTENCE_END", marks.iter().collect::<String>())?;
    d.set_item("_DAMAGED_RE", decoder::DAMAGED_PATTERN)?;
    d.set_item("SENT_START", SENT_START)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyScorer>()?;
    m.add_function(wrap_pyfunction!(scorer_constants, m)?)?;
    Ok(())
}
