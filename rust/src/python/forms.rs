//! `korrektor._core.Forms`: the word-form layer and the compound analysis of the Python
//! `Lexicon`, under the Python methods' names (`_variant`, `_is_protected`, ... as well), and
//! `_pystr_check`, CPython's string methods as the core computes them (for the tests).

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use super::to_py;
use crate::compounds::build_compounds_file;
use crate::forms::{self, Forms};
use crate::pystr;

/// The lexicon's forms with the word-form logic of ``korrektor.lexicon.Lexicon``: the same
/// answers from the same data directory. Read-only, shared by threads.
#[pyclass(name = "Forms", module = "korrektor._core", frozen)]
pub(crate) struct PyForms {
    inner: Forms,
}

#[pymethods]
impl PyForms {
    /// Load from the data directory ``path`` (as ``Lexicon.load(path, supplement)``).
    #[staticmethod]
    #[pyo3(signature = (path, supplement = true))]
    fn load(py: Python<'_>, path: PathBuf, supplement: bool) -> PyResult<Self> {
        let inner = py
            .detach(|| Forms::load(&path, supplement))
            .map_err(to_py)?;
        Ok(PyForms { inner })
    }

    #[getter]
    fn has_varieties(&self) -> bool {
        self.inner.has_varieties()
    }

    fn count(&self, word: &str) -> u64 {
        self.inner.count(word)
    }

    fn count_ci(&self, word: &str) -> u64 {
        self.inner.count_ci(word)
    }

    fn variant(&self, word: &str) -> Option<String> {
        self.inner.variant(word)
    }

    fn _variant(&self, word: &str) -> Option<String> {
        self.inner.variant(word)
    }

    fn is_form(&self, word: &str) -> bool {
        self.inner.is_form(word)
    }

    fn varieties(&self, word: &str) -> u8 {
        self.inner.varieties(word)
    }

    fn is_protected(&self, word: &str) -> bool {
        self.inner.is_protected(word)
    }

    fn _is_protected(&self, word: &str) -> bool {
        self.inner.is_protected(word)
    }

    /// The protected nouns, lower-cased and sorted (Python: the keys of ``protected_nouns``).
    #[getter]
    fn protected_nouns(&self) -> Vec<String> {
        self.inner.protected_nouns()
    }

    fn noun_in_lower_case(&self, word: &str) -> bool {
        self.inner.noun_in_lower_case(word)
    }

    fn is_supplement(&self, word: &str) -> bool {
        self.inner.is_supplement(word)
    }

    fn old_spelling(&self, word: &str) -> bool {
        self.inner.old_spelling(word)
    }

    fn spelt_before_1996(&self, word: &str) -> bool {
        self.inner.spelt_before_1996(word)
    }

    fn shadowed(&self, word: &str) -> bool {
        self.inner.shadowed(word)
    }

    /// ``compound_split``: the parts (slices of ``word``) of a compound of known parts, or None.
    fn compound_split<'py>(
        &self,
        py: Python<'py>,
        word: &str,
    ) -> PyResult<Option<Bound<'py, PyTuple>>> {
        self.inner
            .compound_split(word)
            .map(|parts| PyTuple::new(py, parts))
            .transpose()
    }

    fn compounds_one_edit_away(&self, word: &str, letters: &str) -> Vec<String> {
        self.inner.compounds_one_edit_away(word, letters)
    }

    fn word_and_head(&self, word: &str) -> bool {
        self.inner.word_and_head(word)
    }

    fn _fewer_parts_restored(&self, word: &str, parts: usize) -> bool {
        self.inner.fewer_parts_restored(word, parts)
    }

    fn _noun_count(&self, low: &str) -> u64 {
        self.inner.noun_count(low)
    }

    fn _shadowed(&self, word: &str) -> bool {
        self.inner.shadowed_twin(word)
    }

    fn _piece_known(&self, piece: &str) -> bool {
        self.inner.piece_known(piece)
    }

    fn known(&self, word: &str) -> bool {
        self.inner.known(word)
    }

    fn __contains__(&self, word: &str) -> bool {
        self.inner.known(word)
    }

    /// The compound head ``key`` (lower-case): ``(flags, score)`` as ``Lexicon._heads.get(key)``.
    fn head(&self, key: &str) -> Option<(u8, f64)> {
        self.inner.compounds.head(key)
    }

    /// The modifier ``key``'s score, ``_mod_score[_mods[key]]``, or None.
    fn modifier_score(&self, key: &str) -> Option<f64> {
        self.inner.compounds.modifier(key)
    }

    /// The modifiers that are prefixes of ``s``, shortest first, with their scores (as
    /// ``[(a, _mod_score[i]) for a, i in _mods.iter_prefixes_with_ids(s)]``).
    fn modifier_prefixes(&self, s: &str) -> Vec<(String, f64)> {
        self.inner
            .compounds
            .modifier_prefixes(s)
            .into_iter()
            .filter_map(|(n, score)| Some((s.get(..n)?.to_owned(), score)))
            .collect()
    }

    /// ``korrektor.lexicon.modern_spelling``
    #[staticmethod]
    fn modern_spelling(word: &str) -> Option<String> {
        forms::modern_spelling(word)
    }

    /// ``korrektor.compounds.confusion_twins``, as a list
    #[staticmethod]
    fn confusion_twins(word: &str) -> Vec<String> {
        forms::confusion_twins(word).collect()
    }
}

/// CPython's string method ``op`` ("isalpha", "isupper", "islower", "lower", "upper",
/// "capitalize") of ``s`` as the core computes it: a bool or a str.
#[pyfunction]
fn _pystr_check(py: Python<'_>, op: &str, s: &str) -> PyResult<Py<PyAny>> {
    let out = match op {
        "isalpha" => pystr::is_alpha(s).into_pyobject(py)?.to_owned().into_any(),
        "isupper" => pystr::is_upper(s).into_pyobject(py)?.to_owned().into_any(),
        "islower" => pystr::is_lower(s).into_pyobject(py)?.to_owned().into_any(),
        "lower" => pystr::lower(s).into_pyobject(py)?.into_any(),
        "upper" => pystr::upper(s).into_pyobject(py)?.into_any(),
        "capitalize" => pystr::capitalize(s).into_pyobject(py)?.into_any(),
        _ => return Err(PyValueError::new_err(format!("unknown operation {op:?}"))),
    };
    Ok(out.unbind())
}

/// The Unicode version of the core's string tables (CPython's ``unicodedata.unidata_version``
/// when they were generated).
#[pyfunction]
fn _pystr_unicode_version() -> &'static str {
    pystr::UNICODE_VERSION
}

/// Write ``lexicon_compounds.core`` to ``out`` from the modifiers ``[(key, score)]`` and the heads
/// ``[(key, flags, score)]``, as ``korrektor.lexicon.Lexicon`` loads them (scores: numpy's
/// ``log1p`` of the counts); ``data_dir`` holds their source files. Returns the numbers of
/// modifiers and heads. ``scripts/build_compounds_core.py`` calls it.
#[pyfunction]
fn build_compounds_core(
    py: Python<'_>,
    data_dir: PathBuf,
    out: PathBuf,
    mods: Vec<(String, f64)>,
    heads: Vec<(String, u8, f64)>,
) -> PyResult<(usize, usize)> {
    py.detach(|| build_compounds_file(&data_dir, &out, &mods, &heads))
        .map_err(to_py)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyForms>()?;
    m.add_function(wrap_pyfunction!(_pystr_check, m)?)?;
    m.add_function(wrap_pyfunction!(build_compounds_core, m)?)?;
    m.add_function(wrap_pyfunction!(_pystr_unicode_version, m)?)?;
    Ok(())
}
