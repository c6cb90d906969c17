//! `korrektor._core.Bigrams`: the Kneser-Ney bigram model over word ids.

use std::path::PathBuf;

use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;

use super::to_py;
use crate::bigrams::Bigrams;

/// The bigram model (``Lexicon._logp_bigram``, ``bigram_count``) over word ids, its arrays
/// memory-mapped. The caller maps words to ids (``Lexicon._id``; ``sos`` for ``"<s>"``).
///
/// Single calls hold the GIL (a lookup takes far less than releasing it would);
/// ``logp_bigram_many`` releases it for the whole list.
#[pyclass(name = "Bigrams", module = "korrektor._core", frozen)]
pub(crate) struct PyBigrams {
    inner: Bigrams,
}

/// Why a query has no answer, as Python's `Lexicon` would say it.
enum Refusal {
    Word(u32),
    History(u32),
    Domain,
}

impl Refusal {
    fn into_py(self, at: Option<usize>) -> PyErr {
        let at = at.map_or_else(String::new, |i| format!(" (query {i})"));
        match self {
            Refusal::Word(w) => PyIndexError::new_err(format!("word id {w} out of range{at}")),
            Refusal::History(h) => {
                PyIndexError::new_err(format!("history id {h} out of range{at}"))
            }
            Refusal::Domain => PyValueError::new_err(format!("math domain error{at}")),
        }
    }
}

impl PyBigrams {
    fn check(&self, hid: Option<u32>, wid: Option<u32>) -> Result<(), Refusal> {
        match (hid, wid) {
            (_, Some(w)) if !self.inner.is_word(w) => Err(Refusal::Word(w)),
            (Some(h), _) if !self.inner.is_history(h) => Err(Refusal::History(h)),
            _ => Ok(()),
        }
    }

    fn logp(&self, hid: Option<u32>, wid: Option<u32>, unknown_cont: f64) -> Result<f64, Refusal> {
        self.check(hid, wid)?;
        let lp = self.inner.logp_bigram(hid, wid, unknown_cont);
        // ln of a probability of 0 or below: where Python's math.log raises
        if lp.is_nan() || lp == f64::NEG_INFINITY {
            return Err(Refusal::Domain);
        }
        Ok(lp)
    }
}

#[pymethods]
impl PyBigrams {
    /// Map the bigram arrays of the data directory ``path`` (``OSError`` for a missing file,
    /// ``ValueError`` for arrays that do not fit together).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = py.detach(|| Bigrams::load(&path)).map_err(to_py)?;
        Ok(PyBigrams { inner })
    }

    /// ln P(word | history), interpolated modified Kneser-Ney, as ``Lexicon._logp_bigram``:
    /// ``hid`` the history's id (``sos`` for ``"<s>"``, ``None`` if it has none), ``wid`` the
    /// word's id (``None`` if it has none), ``unknown_cont`` the continuation count of a word
    /// without an id (``_p_cont``'s numerator: its supplement count, else 0.5 for a compound,
    /// else 0.1; ignored when ``wid`` is given).
    fn logp_bigram(&self, hid: Option<u32>, wid: Option<u32>, unknown_cont: f64) -> PyResult<f64> {
        self.logp(hid, wid, unknown_cont)
            .map_err(|r| r.into_py(None))
    }

    /// ``[logp_bigram(h, w, u) for h, w, u in queries]``, without the GIL.
    fn logp_bigram_many(
        &self,
        py: Python<'_>,
        queries: Vec<(Option<u32>, Option<u32>, f64)>,
    ) -> PyResult<Vec<f64>> {
        py.detach(|| {
            queries
                .iter()
                .enumerate()
                .map(|(i, &(h, w, u))| self.logp(h, w, u).map_err(|r| (i, r)))
                .collect::<Result<Vec<f64>, _>>()
        })
        .map_err(|(i, r)| r.into_py(Some(i)))
    }

    /// The stored (quantised) count of the pair, 0.0 if an id is ``None`` or the pair is not
    /// stored, as ``Lexicon.bigram_count`` (whose ids are the exact forms': ``_ids.get``).
    fn bigram_count(&self, hid: Option<u32>, wid: Option<u32>) -> PyResult<f64> {
        self.check(hid, wid).map_err(|r| r.into_py(None))?;
        Ok(self.inner.bigram_count(hid, wid))
    }

    /// The history row of ``"<s>"`` (the number of stored forms).
    #[getter]
    fn sos(&self) -> u32 {
        self.inner.sos()
    }

    /// The number of bigram types (the continuation counts' denominator).
    #[getter]
    fn cont_total(&self) -> f64 {
        self.inner.cont_total()
    }

    /// The number of stored pairs.
    fn __len__(&self) -> usize {
        self.inner.pairs()
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyBigrams>()
}
