//! `korrektor._core.ContextModel`, `clause_end_features`, `clause_break`: the context model
//! (`korrektor.context`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PySet, PyString};

use super::text::text;
use super::to_py;
use crate::context::{self, ContextModel};

/// Context words for real-word umlaut pairs (``context.json``), bit-identical to
/// ``korrektor.context.ContextModel``.
#[pyclass(name = "ContextModel", module = "korrektor._core", frozen)]
pub(crate) struct PyContextModel {
    pub(crate) inner: ContextModel,
}

/// The strings of an iterable (kept alive by the caller, so their text is borrowed).
fn strings<'py>(items: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyString>>> {
    items
        .try_iter()?
        .map(|s| Ok(s?.cast_into::<PyString>()?))
        .collect()
}

#[pymethods]
impl PyContextModel {
    /// Load ``context.json`` from the data directory ``path`` (``OSError`` for a missing file,
    /// ``ValueError`` for one that is not a context model).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let mut inner = py.detach(|| ContextModel::load(&path)).map_err(to_py)?;
        inner.compensated_sum = py.version_info() >= (3, 12);
        Ok(PyContextModel { inner })
    }

    /// Load the model from the file ``path`` (``ContextModel.load(path)`` in Python).
    #[staticmethod]
    fn load_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = py
            .detach(|| ContextModel::load_file(&path))
            .map_err(to_py)?;
        Ok(PyContextModel { inner })
    }

    /// Are ``a`` and ``b`` a known pair (in either order)?
    fn knows(&self, a: &Bound<'_, PyString>, b: &Bound<'_, PyString>) -> PyResult<bool> {
        Ok(self.inner.knows(&text(a)?, &text(b)?))
    }

    /// How much more the words of ``context`` (any iterable of strings; each counts once) speak
    /// for ``word`` than for ``other`` (ln, damped and capped); 0 if not a known pair.
    fn log_ratio(
        &self,
        word: &Bound<'_, PyString>,
        other: &Bound<'_, PyString>,
        context: &Bound<'_, PyAny>,
    ) -> PyResult<f64> {
        let items = strings(context)?;
        let context = items.iter().map(text).collect::<PyResult<Vec<_>>>()?;
        Ok(self.inner.log_ratio(&text(word)?, &text(other)?, &context))
    }

    /// The number of pairs and of their context entries.
    fn sizes(&self) -> (usize, usize) {
        self.inner.sizes()
    }
}

/// ``korrektor.context.clause_end_features(rest)``: the clause-end features (a set).
#[pyfunction]
fn clause_end_features<'py>(
    py: Python<'py>,
    rest: Vec<Bound<'py, PyString>>,
) -> PyResult<Bound<'py, PySet>> {
    match rest.last() {
        Some(last) if rest.len() >= 2 && last.to_str().is_err() => {
            // a last word with a lone surrogate, which no Rust string holds: the features are
            // strings with it, made the Python way (its `lower` and `endswith`)
            let low = last.call_method0("lower")?;
            let mut ending = "";
            for e in ["t", "n"] {
                if low.call_method1("endswith", (e,))?.is_truthy()? {
                    ending = e;
                    break;
                }
            }
            let set = PySet::empty(py)?;
            set.add(PyString::new(py, "»").add(&low)?)?;
            set.add(format!("»*{ending}"))?;
            Ok(set)
        }
        _ => {
            let words = rest.iter().map(text).collect::<PyResult<Vec<_>>>()?;
            let features: BTreeSet<String> =
                context::clause_end_features(&words).into_iter().collect();
            PySet::new(py, features)
        }
    }
}

/// ``CLAUSE_BREAK_RE.search(text, pos, endpos) is not None`` (positions in characters).
#[pyfunction]
fn clause_break(s: &Bound<'_, PyString>, pos: usize, endpos: usize) -> PyResult<bool> {
    Ok(context::clause_break(&text(s)?, pos, endpos))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyContextModel>()?;
    m.add_function(wrap_pyfunction!(clause_end_features, m)?)?;
    m.add_function(wrap_pyfunction!(clause_break, m)?)?;
    Ok(())
}
