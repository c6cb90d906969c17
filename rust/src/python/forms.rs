//! The module functions of the word-form layer: `build_compounds_core` (the data build writes
//! the compound image with it) and `_pystr_check`, CPython's string methods as the core computes
//! them (for the tests). The methods themselves are `korrektor._core.Lexicon`'s.

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use super::to_py;
use crate::compounds::build_compounds_file;
use crate::pystr;

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
    m.add_function(wrap_pyfunction!(_pystr_check, m)?)?;
    m.add_function(wrap_pyfunction!(build_compounds_core, m)?)?;
    m.add_function(wrap_pyfunction!(_pystr_unicode_version, m)?)?;
    Ok(())
}
