//! `korrektor._core.CharModel`: the character model (`korrektor.charmodel.CharModel`).

use std::path::PathBuf;

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::PyString;

use super::text::text;
use super::to_py;
use crate::charmodel::CharModel;

/// How German a string of letters looks (``char_model.json``): ln P(letter | up to three letters
/// before it), bit-identical to ``korrektor.charmodel.CharModel`` (strings with lone surrogates
/// included: see ``text.rs``).
#[pyclass(name = "CharModel", module = "korrektor._core", frozen)]
pub(crate) struct PyCharModel {
    pub(crate) inner: CharModel,
}

#[pymethods]
impl PyCharModel {
    /// Load ``char_model.json`` from the data directory ``path`` (``OSError`` for a missing
    /// file, ``ValueError`` for one that is not a character model).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = py.detach(|| CharModel::load(&path)).map_err(to_py)?;
        Ok(PyCharModel { inner })
    }

    /// Load the model from the file ``path`` (``CharModel.load(path)`` in Python).
    #[staticmethod]
    fn load_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = py.detach(|| CharModel::load_file(&path)).map_err(to_py)?;
        Ok(PyCharModel { inner })
    }

    /// ln P(letter | up to three letters before it) for each letter of ``word`` (lower-cased)
    /// and for its end.
    fn letter_logps(&self, word: &Bound<'_, PyString>) -> PyResult<Vec<f64>> {
        Ok(self.inner.letter_logps(&text(word)?))
    }

    /// The lowest of ``letter_logps(word)``: the word's worst spot.
    fn worst(&self, word: &Bound<'_, PyString>) -> PyResult<f64> {
        Ok(self.inner.worst(&text(word)?))
    }

    /// ``[worst(w) for w in words]`` (any iterable of strings), without the GIL.
    fn worst_many(&self, py: Python<'_>, words: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
        let items = words
            .try_iter()?
            .map(|o| Ok(o?.cast_into::<PyString>()?))
            .collect::<PyResult<Vec<Bound<'_, PyString>>>>()?;
        let texts = items
            .iter()
            .map(text)
            .collect::<PyResult<Vec<Cow<'_, str>>>>()?;
        Ok(py.detach(|| texts.iter().map(|w| self.inner.worst(w)).collect()))
    }

    /// The number of ``logp`` and of ``backoff`` entries.
    fn sizes(&self) -> (usize, usize) {
        self.inner.sizes()
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCharModel>()
}
