//! `korrektor._core.page_explanations`, `page_learn`, `PageLearned` and `page_rewrite`: the
//! page's own confusions (`stages/words/page_confusions.py`) on the core's word forms.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyString, PyTuple};

use super::umlauts::{forms, CoreLexicon, PyUmlautReadings};
use crate::page_confusions::{self as pc, Confusion, Learned, LearnedMap, Pick};

/// ``PAGE_LEARNING``'s fields as the core uses them, and ``ln_min_gain`` (``math.log(min_gain)``),
/// for the check at import.
#[pyfunction]
fn page_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("min_votes", pc::MIN_VOTES)?;
    d.set_item("rounds", pc::ROUNDS)?;
    d.set_item("min_count_short", pc::MIN_COUNT_SHORT)?;
    d.set_item("min_count_medium", pc::MIN_COUNT_MEDIUM)?;
    d.set_item("min_count", pc::MIN_COUNT)?;
    d.set_item("expected_logp", pc::EXPECTED_LOGP)?;
    d.set_item("min_gain", pc::MIN_GAIN)?;
    d.set_item("shrink", pc::SHRINK)?;
    d.set_item("max_probability", pc::MAX_PROBABILITY)?;
    d.set_item("max_per_token", pc::MAX_PER_TOKEN)?;
    d.set_item("ln_min_gain", pc::LN_MIN_GAIN)?;
    d.set_item("_LOWER", pc::LOWER)?;
    d.set_item("_UPPER", pc::UPPER)?;
    Ok(d)
}

/// ``_min_count(word)``.
#[pyfunction]
fn page_min_count(word: &Bound<'_, PyString>) -> PyResult<u64> {
    Ok(pc::min_count(word.len()?))
}

/// ``_explanations(core, lexicon)``: ``((true letter, read), ...)`` in the order found; ``None``
/// for a core that is not valid Unicode text (a lone surrogate): Python answers.
#[pyfunction]
fn page_explanations<'py>(
    py: Python<'py>,
    core: &Bound<'py, PyString>,
    lexicon: &Bound<'py, CoreLexicon>,
) -> PyResult<Option<Bound<'py, PyTuple>>> {
    let Ok(core) = core.extract::<PyBackedStr>() else {
        return Ok(None);
    };
    let found = pc::explanations(&core, forms(lexicon).lexicon());
    let items: Vec<(String, String)> = found.into_iter().map(|(c, r)| (c.to_string(), r)).collect();
    Ok(Some(PyTuple::new(py, items)?))
}

/// The learning of ``learn`` after its non-words are explained: ``explained``, ``[(how often
/// the page shows the non-word, its explanations), ...]`` in the page's order; ``expected``:
/// ``expected((true, read))``; ``known_text()``: the page's known cores joined (called only
/// where a confusion has enough votes). ``{read: ((true, ln p), ...)}``; ``None`` where Python
/// must answer (an explanation whose true letter is not one character, a lone surrogate).
#[pyfunction]
fn page_learn<'py>(
    py: Python<'py>,
    explained: &Bound<'py, PyAny>,
    expected: &Bound<'py, PyAny>,
    known_text: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyDict>>> {
    let mut cores: Vec<(u64, Vec<Confusion>)> = Vec::new();
    for item in explained.try_iter()? {
        let (count, found): (u64, Bound<'py, PyAny>) = item?.extract()?;
        let mut these = Vec::new();
        for c in found.try_iter()? {
            let Ok((t, r)) = c?.extract::<(PyBackedStr, PyBackedStr)>() else {
                return Ok(None);
            };
            let mut chars = t.chars();
            let (Some(t), None) = (chars.next(), chars.next()) else {
                return Ok(None);
            };
            these.push((t, r.to_string()));
        }
        cores.push((count, these));
    }
    let view: Vec<(u64, &[Confusion])> = cores.iter().map(|(n, f)| (*n, f.as_slice())).collect();
    let mut error: Option<PyErr> = None;
    let mut ask = |t: char, r: &str| -> f64 {
        let got = expected
            .call1(((t.to_string(), r),))
            .and_then(|v| v.extract::<f64>());
        got.unwrap_or_else(|e| {
            error.get_or_insert(e);
            f64::NAN
        })
    };
    let mut text_error: Option<PyErr> = None;
    let mut text = || -> String {
        known_text
            .call0()
            .and_then(|v| v.extract::<String>())
            .unwrap_or_else(|e| {
                text_error.get_or_insert(e);
                String::new()
            })
    };
    let compensated = py.version_info() >= (3, 12);
    let learned = pc::learn(&view, &mut ask, &mut text, compensated);
    if let Some(e) = error.or(text_error) {
        return Err(e);
    }
    let Some(learned) = learned else {
        return Err(PyValueError::new_err("math domain error"));
    };
    let out = PyDict::new(py);
    for (read, options) in learned {
        out.set_item(read, PyTuple::new(py, options)?)?;
    }
    Ok(Some(out))
}

/// ``PageConfusionDecoder.learned`` as ``page_rewrite`` asks it, converted once.
#[pyclass(name = "PageLearned", module = "korrektor._core", frozen)]
pub(crate) struct PyPageLearned {
    inner: LearnedMap,
}

#[pymethods]
impl PyPageLearned {
    #[new]
    fn new(learned: &Bound<'_, PyDict>) -> PyResult<Self> {
        let mut all: Learned = Vec::new();
        for (read, options) in learned.iter() {
            let read: PyBackedStr = read.extract()?;
            let mut list = Vec::new();
            for item in options.try_iter()? {
                let (t, lp): (PyBackedStr, f64) = item?.extract()?;
                list.push((t.to_string(), lp));
            }
            all.push((read.to_string(), list));
        }
        Ok(PyPageLearned {
            inner: LearnedMap::new(all),
        })
    }
}

/// ``PageConfusionDecoder._rewrite(t)`` for a token that is not protected, no acronym and all
/// letters: ``[(word, ln P(token | word)), ...]``, best first; ``readings``: the page's umlaut
/// readings with the error model's identity table (``logp_identity``). ``None`` where Python
/// answers (a lone surrogate, readings without the identity table).
#[pyfunction]
fn page_rewrite(
    core: &Bound<'_, PyString>,
    known: bool,
    learned: &Bound<'_, PyPageLearned>,
    lexicon: &Bound<'_, CoreLexicon>,
    readings: &Bound<'_, PyUmlautReadings>,
) -> Option<Vec<(String, f64)>> {
    let core = core.extract::<PyBackedStr>().ok()?;
    let readings = &readings.get().inner;
    readings.logp_identity("")?;
    let identity = |s: &str| readings.logp_identity(s).unwrap_or(f64::NAN);
    Some(pc::rewrite(
        forms(lexicon),
        &learned.get().inner,
        &core,
        known,
        &identity,
    ))
}

/// ``PageConfusionDecoder.candidates``' merge of ``base`` (the base decoder's ``[(word, ln P,
/// maker), ...]``, the token itself first) and ``page`` (``_page_words(t)``, ``[(word, ln P),
/// ...]``): the candidates, the page's words made by ``maker``. ``None`` where Python answers
/// (an entry of another shape, a lone surrogate, an empty ``base``).
#[pyfunction]
fn page_merge<'py>(
    py: Python<'py>,
    base: &Bound<'py, PyAny>,
    page: &Bound<'py, PyAny>,
    maker: &Bound<'py, PyAny>,
) -> PyResult<Option<Vec<Bound<'py, PyTuple>>>> {
    let mut base_items = Vec::new();
    for item in base.try_iter()? {
        let item = item?;
        let Ok((w, lp, m)) = item.extract::<(PyBackedStr, f64, Bound<'py, PyAny>)>() else {
            return Ok(None);
        };
        let Ok(t) = item.cast_into::<PyTuple>() else {
            return Ok(None);
        };
        base_items.push((w, lp, m, t));
    }
    let mut page_items = Vec::new();
    for item in page.try_iter()? {
        let item = item?;
        let Ok((w, lp)) = item.extract::<(PyBackedStr, f64)>() else {
            return Ok(None);
        };
        let Ok(t) = item.cast_into::<PyTuple>() else {
            return Ok(None);
        };
        page_items.push((w, lp, t));
    }
    let b: Vec<(&str, f64)> = base_items.iter().map(|(w, lp, _, _)| (&**w, *lp)).collect();
    let p: Vec<(&str, f64)> = page_items.iter().map(|(w, lp, _)| (&**w, *lp)).collect();
    let Some(picks) = pc::merge(&b, &p) else {
        return Ok(None);
    };
    let mut out = Vec::with_capacity(picks.len());
    for pick in picks {
        out.push(match pick {
            Pick::Base(k) => {
                let (_, _, m, t) = &base_items[k];
                PyTuple::new(py, [t.get_item(0)?, t.get_item(1)?, m.clone()])?
            }
            Pick::Page(k) => {
                let (_, _, t) = &page_items[k];
                PyTuple::new(py, [t.get_item(0)?, t.get_item(1)?, maker.clone()])?
            }
        });
    }
    Ok(Some(out))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPageLearned>()?;
    m.add_function(wrap_pyfunction!(page_constants, m)?)?;
    m.add_function(wrap_pyfunction!(page_min_count, m)?)?;
    m.add_function(wrap_pyfunction!(page_explanations, m)?)?;
    m.add_function(wrap_pyfunction!(page_learn, m)?)?;
    m.add_function(wrap_pyfunction!(page_rewrite, m)?)?;
    m.add_function(wrap_pyfunction!(page_merge, m)?)?;
    Ok(())
}
