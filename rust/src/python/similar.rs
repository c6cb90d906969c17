//! `korrektor._core.SimilarForms`: `Lexicon.similar_forms`.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyString;

use super::text::text;
use super::to_py;
use crate::similar::SimilarForms;

/// The lexicon's stored forms and counts (``lexicon_words.txt``, ``lexicon_counts.npy``,
/// memory-mapped) for ``similar_forms``; an index per ``min_count`` is built on its first query
/// and kept. Threads may share one instance.
#[pyclass(name = "SimilarForms", module = "korrektor._core", frozen)]
pub(crate) struct PySimilarForms {
    inner: SimilarForms,
}

#[pymethods]
impl PySimilarForms {
    /// Map the forms and counts of the data directory ``path`` (``OSError`` for a missing file,
    /// ``ValueError`` for files that do not fit together).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = py.detach(|| SimilarForms::load(&path)).map_err(to_py)?;
        Ok(PySimilarForms { inner })
    }

    /// ``Lexicon.similar_forms(word, max_edits, min_count)``: ``[(form, edits), ...]``, stored
    /// forms seen at least ``min_count`` times, at most ``max_edits`` Levenshtein edits from
    /// ``word``, with its first letter, nearest first, at most 8 (``word`` itself dropped after
    /// the 8 are taken). Without the GIL.
    fn similar_forms(
        &self,
        py: Python<'_>,
        word: &Bound<'_, PyString>,
        max_edits: i64,
        min_count: i64,
    ) -> PyResult<Vec<(String, usize)>> {
        let word = text(word)?;
        Ok(py.detach(|| self.inner.similar_forms(&word, max_edits, min_count)))
    }

    /// The number of stored forms.
    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySimilarForms>()
}
