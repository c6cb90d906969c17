//! `korrektor._core`: the Python bindings (PyO3), one file per part of the core, each with a
//! `register` that adds its classes and functions to the module. Errors cross as Python
//! exceptions (`OSError` for files, `ValueError` for bad data); nothing here panics on data.
//!
//! A panic all the same (a bug) reaches Python as PyO3's `PanicException`, which derives from
//! `BaseException` so that no `except Exception` swallows it. The module exports that class, and
//! `korrektor.pipeline.correct` turns it into `korrektor.CoreError` (a `RuntimeError` with the
//! panic's message): a corpus run reports the record and goes on, the service answers 500.

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;

use crate::lexicon::Error;

mod bigrams;
mod charmodel;
mod context;
mod decoder;
mod document;
mod edits;
mod forms;
mod layout;
mod letter_spaced;
mod lexicon;
mod marks;
mod nearby;
mod noise;
mod page_confusions;
mod passes;
mod profile;
mod search;
mod similar;
mod sources;
mod spelling;
mod splits;
mod text;
mod tokens;
mod twins;
mod typography;
mod umlauts;
mod unicode;
mod word_fixes;

pub(crate) fn to_py(e: Error) -> PyErr {
    match e {
        Error::Io(..) => PyOSError::new_err(e.to_string()),
        Error::Data(_) => PyValueError::new_err(e.to_string()),
    }
}

/// Panics with ``message``: for the tests that a panic in the core reaches the caller as
/// ``korrektor.CoreError``.
#[pyfunction]
fn _panic(message: &str) {
    panic!("{message}")
}

#[pymodule]
#[pyo3(name = "_core")]
fn core_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    lexicon::register(m)?;
    bigrams::register(m)?;
    search::register(m)?;
    forms::register(m)?;
    charmodel::register(m)?;
    context::register(m)?;
    twins::register(m)?;
    similar::register(m)?;
    umlauts::register(m)?;
    decoder::register(m)?;
    splits::register(m)?;
    m.add(
        "PanicException",
        m.py().get_type::<pyo3::panic::PanicException>(),
    )?;
    m.add_function(wrap_pyfunction!(_panic, m)?)?;
    tokens::register(m)?;
    nearby::register(m)?;
    profile::register(m)?;
    sources::register(m)?;
    document::register(m)?;
    page_confusions::register(m)?;
    passes::register(m)?;
    edits::register(m)?;
    marks::register(m)?;
    word_fixes::register(m)?;
    noise::register(m)?;
    letter_spaced::register(m)?;
    spelling::register(m)?;
    typography::register(m)?;
    layout::register(m)?;
    unicode::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
