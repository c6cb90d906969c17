//! `korrektor._core.TwinReadings`, `twin_filter`, `twin_readings`, `twin_readings_header`,
//! `umlaut_readings`: the real-word twins (`korrektor.twins`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyFrozenSet, PyString, PyTuple};

use super::to_py;
use crate::twins::{self, TwinReadings};

/// The shipped twin readings (``twin_readings.txt``): its header and its forms.
#[pyclass(name = "TwinReadings", module = "korrektor._core", frozen)]
pub(crate) struct PyTwinReadings {
    inner: TwinReadings,
}

#[pymethods]
impl PyTwinReadings {
    /// Read ``twin_readings.txt`` from the data directory ``path``; ``None`` if there is none.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Option<Self>> {
        let inner = py.detach(|| TwinReadings::load(&path)).map_err(to_py)?;
        Ok(inner.map(|inner| PyTwinReadings { inner }))
    }

    /// The file's first line (which lexicon and error model the list was built from).
    #[getter]
    fn header(&self) -> &str {
        self.inner.header()
    }

    /// (A string with a lone surrogate is no stored form: ``False``.)
    fn __contains__(&self, word: &Bound<'_, PyString>) -> bool {
        word.to_str().is_ok_and(|w| self.inner.contains(w))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The forms, as the frozenset Python's ``twin_filter`` returns.
    fn forms<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyFrozenSet>> {
        PyFrozenSet::new(py, self.inner.sorted())
    }
}

/// ``twin_filter``: the shipped twin readings of the data directory ``path`` if they were built
/// from the lexicon and error model with these fingerprints, else ``None``.
#[pyfunction]
fn twin_filter(
    py: Python<'_>,
    path: PathBuf,
    lexicon_fingerprint: &str,
    error_model_fingerprint: &str,
) -> PyResult<Option<PyTwinReadings>> {
    let found = py
        .detach(|| twins::twin_filter(&path, lexicon_fingerprint, error_model_fingerprint))
        .map_err(to_py)?;
    Ok(found.map(|inner| PyTwinReadings { inner }))
}

/// ``twin_readings_header`` from the two fingerprints.
#[pyfunction]
fn twin_readings_header(lexicon_fingerprint: &str, error_model_fingerprint: &str) -> String {
    twins::twin_readings_header(lexicon_fingerprint, error_model_fingerprint)
}

/// ``twin_readings(lexicon, error_model)`` given its parts: ``forms`` (``lexicon.forms``),
/// ``seen_as`` (``error_model.umlaut_confusions()``: true substring → observed substrings),
/// ``count`` and ``is_supplement`` (the lexicon's methods, called back). The sorted list.
#[pyfunction]
fn twin_readings(
    forms: Vec<PyBackedStr>,
    seen_as: HashMap<String, Bound<'_, PyAny>>,
    count: &Bound<'_, PyAny>,
    is_supplement: &Bound<'_, PyAny>,
) -> PyResult<Vec<String>> {
    // the observed substrings: any iterable (Python gives frozensets)
    let seen_as = seen_as
        .into_iter()
        .map(|(k, v)| {
            let observed = v
                .try_iter()?
                .map(|o| o?.extract())
                .collect::<PyResult<Vec<String>>>()?;
            Ok((k, observed))
        })
        .collect::<PyResult<HashMap<String, Vec<String>>>>()?;
    // a callback's exception is kept and raised once the walk ends (the walk cannot stop early)
    let failure: RefCell<Option<PyErr>> = RefCell::new(None);
    let ask = |f: &Bound<'_, PyAny>, w: &str| match f.call1((w,)).and_then(|c| c.is_truthy()) {
        Ok(v) => v,
        Err(e) => {
            failure.borrow_mut().get_or_insert(e);
            false
        }
    };
    let found = twins::twin_readings(
        forms.iter().map(|f| &**f),
        &seen_as,
        |w| u64::from(ask(count, w)),
        |w| ask(is_supplement, w),
    );
    match failure.into_inner() {
        Some(e) => Err(e),
        None => Ok(found),
    }
}

type Options = Vec<(String, f64)>;

/// One of a table's ``inv1``/``inv2``/``inv3`` dicts in its order.
fn inverse(dict: &Bound<'_, PyAny>) -> PyResult<Vec<(String, Options)>> {
    let dict = dict.cast::<PyDict>()?;
    dict.iter()
        .map(|(k, v)| Ok((k.extract()?, v.extract()?)))
        .collect()
}

/// ``umlaut_readings(table)`` for an ``errormodel._Table`` (its ``inv1``, ``inv2``, ``inv3``,
/// ``ident``, ``ident_default``): observed substring → ((true substring, change of the channel
/// score), ...), a dict in Python's order.
#[pyfunction]
fn umlaut_readings<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let invs = [
        inverse(&table.getattr("inv1")?)?,
        inverse(&table.getattr("inv2")?)?,
        inverse(&table.getattr("inv3")?)?,
    ];
    let ident_py: HashMap<String, f64> = table.getattr("ident")?.extract()?;
    // a key of more than one character is never looked up (the lookups are by character)
    let ident: HashMap<char, f64> = ident_py
        .into_iter()
        .filter_map(|(k, v)| {
            let mut cs = k.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Some((c, v)),
                _ => None,
            }
        })
        .collect();
    let default: f64 = table.getattr("ident_default")?.extract()?;
    let refs: Vec<&twins::Inverse> = invs.iter().map(Vec::as_slice).collect();
    let out = PyDict::new(py);
    for (observed, options) in twins::umlaut_readings(&refs, &ident, default) {
        let items = options
            .into_iter()
            .map(|(t, lp)| {
                PyTuple::new(
                    py,
                    [
                        t.into_pyobject(py)?.into_any(),
                        lp.into_pyobject(py)?.into_any(),
                    ],
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        out.set_item(observed, PyTuple::new(py, items)?)?;
    }
    Ok(out)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTwinReadings>()?;
    m.add_function(wrap_pyfunction!(twin_filter, m)?)?;
    m.add_function(wrap_pyfunction!(twin_readings_header, m)?)?;
    m.add_function(wrap_pyfunction!(twin_readings, m)?)?;
    m.add_function(wrap_pyfunction!(umlaut_readings, m)?)?;
    Ok(())
}
