//! `korrektor._core.Lexicon`: the lexicon's forms, counts, ids and prefix test.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;

use super::to_py;
use crate::lexicon::{build_core_file, Lexicon, Origin};

/// The lexicon's forms and counts (a hash table) and the prefix test (a transducer), from one
/// memory-mapped image, ``lexicon.core``.
///
/// A string a lookup is given may hold a lone surrogate, which Python allows and UTF-8 cannot
/// encode: no stored form contains one, so the lookup answers "not stored" (0, ``False``,
/// ``None``) instead of raising.
///
/// Single lookups hold the GIL (they take well under a microsecond, less than releasing it
/// would); the `*_many` forms release it for the whole list.
#[pyclass(name = "Lexicon", module = "korrektor._core", frozen)]
pub(crate) struct PyLexicon {
    pub(crate) inner: Lexicon,
}

#[pymethods]
impl PyLexicon {
    /// Load from the data directory `path` (``lexicon.core`` mapped if it is current, else built
    /// from the text sources); ``supplement=False``: the corpus forms alone.
    #[staticmethod]
    #[pyo3(signature = (path, supplement = true))]
    fn load(py: Python<'_>, path: PathBuf, supplement: bool) -> PyResult<Self> {
        let inner = py
            .detach(|| Lexicon::load(&path, supplement))
            .map_err(to_py)?;
        Ok(PyLexicon { inner })
    }

    /// Build the map from the text sources in ``path``, ignoring ``lexicon.core`` (what ``load``
    /// falls back to when that is missing or stale).
    #[staticmethod]
    #[pyo3(signature = (path, supplement = true))]
    fn build(py: Python<'_>, path: PathBuf, supplement: bool) -> PyResult<Self> {
        let inner = py
            .detach(|| Lexicon::build(&path, supplement))
            .map_err(to_py)?;
        Ok(PyLexicon { inner })
    }

    /// Corpus count of exactly this form (a supplementary form: its estimated count), else 0.
    fn count(&self, word: &Bound<'_, PyString>) -> u64 {
        word.to_str().map_or(0, |w| self.inner.count(w))
    }

    /// Is the form stored (corpus or supplement; an ASCII apostrophe read as U+2019)?
    fn contains(&self, word: &Bound<'_, PyString>) -> bool {
        word.to_str().is_ok_and(|w| self.inner.contains(w))
    }

    fn __contains__(&self, word: &Bound<'_, PyString>) -> bool {
        self.contains(word)
    }

    /// The form's id (its line in ``lexicon_words.txt``), ``None`` if not a corpus form.
    fn word_id(&self, word: &Bound<'_, PyString>) -> Option<u32> {
        word.to_str().ok().and_then(|w| self.inner.word_id(w))
    }

    /// Is ``prefix`` a non-empty start of a stored form? (The searches' test.)
    fn is_prefix(&self, prefix: &Bound<'_, PyString>) -> bool {
        prefix.to_str().is_ok_and(|p| self.inner.is_prefix(p))
    }

    /// Does some stored form start with ``prefix`` (the empty prefix too)?
    fn has_prefix(&self, prefix: &Bound<'_, PyString>) -> bool {
        prefix.to_str().is_ok_and(|p| self.inner.has_prefix(p))
    }

    /// ``[count(w) for w in words]``, without the GIL.
    fn count_many(&self, py: Python<'_>, words: Vec<PyBackedStr>) -> Vec<u64> {
        py.detach(|| words.iter().map(|w| self.inner.count(w)).collect())
    }

    /// ``[contains(w) for w in words]``, without the GIL.
    fn contains_many(&self, py: Python<'_>, words: Vec<PyBackedStr>) -> Vec<bool> {
        py.detach(|| words.iter().map(|w| self.inner.contains(w)).collect())
    }

    /// ``[has_prefix(p) for p in prefixes]``, without the GIL.
    fn has_prefix_many(&self, py: Python<'_>, prefixes: Vec<PyBackedStr>) -> Vec<bool> {
        py.detach(|| prefixes.iter().map(|p| self.inner.has_prefix(p)).collect())
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// ``"mapped"`` (``lexicon.core``) or ``"built"`` (from the text sources at load).
    #[getter]
    fn origin(&self) -> &'static str {
        match self.inner.origin() {
            Origin::Mapped => "mapped",
            Origin::Built => "built",
        }
    }

    #[getter]
    fn supplement(&self) -> bool {
        self.inner.has_supplement()
    }
}

/// Write ``lexicon.core`` for the lexicon files in ``data_dir`` to ``out``; returns the number of
/// forms. The data build runs it after the lexicon's files change.
#[pyfunction]
fn build_lexicon_core(py: Python<'_>, data_dir: PathBuf, out: PathBuf) -> PyResult<usize> {
    py.detach(|| build_core_file(&data_dir, &out))
        .map_err(to_py)
}

/// Is ``data_dir/lexicon.core`` built from exactly the lexicon files there (contents hashed)?
#[pyfunction]
fn lexicon_core_is_current(py: Python<'_>, data_dir: PathBuf) -> PyResult<bool> {
    py.detach(|| Lexicon::core_is_current(&data_dir))
        .map_err(to_py)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyLexicon>()?;
    m.add_function(wrap_pyfunction!(build_lexicon_core, m)?)?;
    m.add_function(wrap_pyfunction!(lexicon_core_is_current, m)?)?;
    Ok(())
}
