//! `korrektor._core`: the Python bindings (PyO3), one file per part of the core, each with a
//! `register` that adds its classes and functions to the module. Errors cross as Python
//! exceptions (`OSError` for files, `ValueError` for bad data); nothing here panics on data.

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;

use crate::lexicon::Error;

mod bigrams;
mod charmodel;
mod context;
mod forms;
mod lexicon;
mod search;
mod similar;
mod text;
mod twins;
mod umlauts;

pub(crate) fn to_py(e: Error) -> PyErr {
    match e {
        Error::Io(..) => PyOSError::new_err(e.to_string()),
        Error::Data(_) => PyValueError::new_err(e.to_string()),
    }
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
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
