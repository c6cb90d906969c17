//! `korrektor._core.MarkStats`: the mark statistics (`korrektor.marks.MarkStats`) for the
//! compiled stages.

use std::path::PathBuf;

use pyo3::prelude::*;

use super::to_py;
use crate::marks::MarkStats;

/// Words prose never follows with a mark, pairs it never parts, dash rates
/// (``data/punctuation.json``), as ``korrektor.marks.MarkStats`` reads them.
#[pyclass(name = "MarkStats", module = "korrektor._core", frozen)]
pub(crate) struct PyMarkStats {
    pub(crate) inner: MarkStats,
}

#[pymethods]
impl PyMarkStats {
    /// Load ``punctuation.json`` from the data directory ``path`` (``OSError`` for a missing
    /// file, ``ValueError`` for one that is not the statistics).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = py.detach(|| MarkStats::load(&path)).map_err(to_py)?;
        Ok(PyMarkStats { inner })
    }

    /// The word sets by the names of ``MarkStats``' fields, sorted (for the parity test).
    fn sets(&self) -> Vec<(&'static str, Vec<String>)> {
        let m = &self.inner;
        let sorted = |s: &std::collections::HashSet<String>| {
            let mut v: Vec<String> = s.iter().cloned().collect();
            v.sort();
            v
        };
        vec![
            ("no_sentence_end_after", sorted(&m.no_sentence_end_after)),
            ("no_comma_after", sorted(&m.no_comma_after)),
            ("no_mark_between", sorted(&m.no_mark_between)),
            ("capital_only_first", sorted(&m.capital_only_first)),
            ("sentence_starts", sorted(&m.sentence_starts)),
            ("no_dash_after", sorted(&m.no_dash_after)),
        ]
    }

    /// ``MarkStats.dash_plausibility(before, after)``.
    fn dash_plausibility(&self, before: &str, after: &str) -> f64 {
        self.inner.dash_plausibility(before, after)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyMarkStats>()
}
