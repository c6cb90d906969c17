//! `korrektor._core.ConfusionTable` and `korrektor._core.search_candidates`: the OCR error
//! model's candidate search (`ErrorModel._candidates`) on a core lexicon.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyString};

use super::lexicon::PyLexicon;
use crate::search::{self, ConfusionTable, Known, PrefixTest};

/// ``ErrorModel.table(profile)`` for the search: ``ConfusionTable(t.inv1, t.inv2, t.inv3,
/// t.ident, t.ident_default)``, built once per table (the options' order is kept as given).
#[pyclass(name = "ConfusionTable", module = "korrektor._core", frozen)]
pub(crate) struct PyConfusionTable {
    pub(crate) inner: ConfusionTable,
}

#[pymethods]
impl PyConfusionTable {
    #[new]
    fn new(
        py: Python<'_>,
        inv1: &Bound<'_, PyDict>,
        inv2: &Bound<'_, PyDict>,
        inv3: &Bound<'_, PyDict>,
        ident: &Bound<'_, PyDict>,
        ident_default: f64,
    ) -> PyResult<Self> {
        let mut t = ConfusionTable::new(ident_default);
        t.compensated_sum = py.version_info() >= (3, 12);
        for (width, inv) in [(1, inv1), (2, inv2), (3, inv3)] {
            for (observed, options) in inv.iter() {
                let observed: PyBackedStr = observed.extract()?;
                let mut list = Vec::new();
                for item in options.try_iter()? {
                    let (a, lp): (String, f64) = item?.extract()?;
                    list.push((a, lp));
                }
                t.set_inverse(width, &observed, list)
                    .map_err(PyValueError::new_err)?;
            }
        }
        for (c, lp) in ident.iter() {
            let c: PyBackedStr = c.extract()?;
            let mut chars = c.chars();
            // the search asks for single characters only: another key would never be found
            if let (Some(c), None) = (chars.next(), chars.next()) {
                t.set_ident(c, lp.extract()?);
            }
        }
        Ok(PyConfusionTable { inner: t })
    }
}

/// ``ErrorModel._candidates(token, lexicon, profile, max_edits, limit)`` on the core lexicon
/// ``lexicon`` with the table ``table``: ``[(word, ln P(token | word)), ...]``, best first.
/// ``known``: the lexicon's ``known`` as Python's search calls it: ``True``, the core lexicon's
/// own (no Python call, the GIL released throughout); a callable (a lexicon of another kind),
/// called with the GIL held for that call only; ``None``, no such test. ``None`` for a token that is not valid Unicode text (a
/// lone surrogate): the caller searches it in Python. ``walk=True``: the literal prefix test from
/// the transducer's root (for checking).
#[pyfunction]
#[pyo3(signature = (token, lexicon, table, max_edits, limit, known = None, walk = false))]
#[allow(clippy::too_many_arguments)]
fn search_candidates(
    py: Python<'_>,
    token: &Bound<'_, PyString>,
    lexicon: &Bound<'_, PyLexicon>,
    table: &Bound<'_, PyConfusionTable>,
    max_edits: i64,
    limit: i64,
    known: Option<Py<PyAny>>,
    walk: bool,
) -> PyResult<Option<Vec<(String, f64)>>> {
    let Ok(token) = token.extract::<PyBackedStr>() else {
        return Ok(None);
    };
    let language = &lexicon.get().inner;
    let lex = language.lexicon();
    // `True`: the core's own test, without the GIL
    let own_known = match known.as_ref() {
        Some(k) => {
            k.bind(py).is_exact_instance_of::<pyo3::types::PyBool>() && k.bind(py).is_truthy()?
        }
        None => false,
    };
    let known = known.filter(|_| !own_known);
    let table = &table.get().inner;
    let test = if walk {
        PrefixTest::Walk
    } else {
        PrefixTest::Carry
    };
    let mut failed: Option<PyErr> = None;
    let found = py.detach(|| {
        let mut ask = |word: &str| -> bool {
            let Some(known) = known.as_ref() else {
                return false;
            };
            if failed.is_some() {
                // the search's answer is thrown away: the error is raised
                return false;
            }
            Python::attach(
                |py| match known.bind(py).call1((word,)).and_then(|r| r.is_truthy()) {
                    Ok(yes) => yes,
                    Err(e) => {
                        failed = Some(e);
                        false
                    }
                },
            )
        };
        let mut own = |word: &str| language.forms().known(word);
        let known: Known<'_> = if own_known {
            Some(&mut own)
        } else if known.is_some() {
            Some(&mut ask)
        } else {
            None
        };
        search::candidates_with(&token, lex, table, max_edits, limit, known, test)
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(Some(found)),
    }
}

/// The search's constants (``_PUNCT``, ``_MAX_NODES`` …), for the Python side to check that
/// both searches use the same.
#[pyfunction]
fn search_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("_PUNCT", search::PUNCT)?;
    d.set_item("_MAX_NODES", search::MAX_NODES)?;
    d.set_item("_MAX_NODES_COMPOUND", search::MAX_NODES_COMPOUND)?;
    d.set_item("_MIN_LOGP", search::MIN_LOGP)?;
    d.set_item("_RARE", search::RARE)?;
    d.set_item("_RARE_LOGP", search::RARE_LOGP)?;
    d.set_item("_MARGIN", search::MARGIN)?;
    d.set_item("unicode_version", search::PY_UNICODE_VERSION)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyConfusionTable>()?;
    m.add_function(wrap_pyfunction!(search_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(search_constants, m)?)?;
    Ok(())
}
