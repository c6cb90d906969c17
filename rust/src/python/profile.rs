//! `korrektor._core.feature_counts`, `estimate_profile` and `profile_constants`: the
//! document's OCR error profile (`errormodel.py`), see [`crate::profile`].

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyString};

use crate::profile::{self, Rates};

/// The text as the core scans it: an exact ``str`` that is valid Unicode (a lone surrogate, or
/// a subclass with its own ``split``: Python answers).
fn text<'a>(text: &'a Bound<'_, PyString>) -> Option<&'a str> {
    if !text.is_exact_instance_of::<PyString>() {
        return None;
    }
    text.to_str().ok()
}

/// One profile's rates (``{feature: rate}``), each an exact float; ``None`` where Python must
/// answer (another type, a feature missing).
fn feature_rates(d: &Bound<'_, PyAny>) -> Option<[f64; 6]> {
    let d = d.cast_exact::<PyDict>().ok()?;
    let mut out = [0.0; 6];
    for (slot, k) in out.iter_mut().zip(profile::FEATURES) {
        let v = d.get_item(k).ok()??;
        *slot = v.cast_exact::<PyFloat>().ok()?.value();
        // a rate that is no positive number makes Python's log raise (or divide by zero): the
        // core declines such a model, and Python raises as before
        if !(slot.is_finite() && *slot > 0.0) {
            return None;
        }
    }
    Some(out)
}

/// ``ErrorModel.feature_rates`` as the core takes it: ``Some(None)`` for a model without the
/// "eng" or the "deu" profile, ``None`` for rates the core cannot take.
fn rates(rates: &Bound<'_, PyAny>) -> Option<Option<Rates>> {
    let d = rates.cast_exact::<PyDict>().ok()?;
    let (Some(eng), Some(deu)) = (d.get_item("eng").ok()?, d.get_item("deu").ok()?) else {
        return Some(None);
    };
    Some(Some(Rates {
        eng: feature_rates(&eng)?,
        deu: feature_rates(&deu)?,
    }))
}

/// ``feature_counts(text)``'s values in its order (the features, ``fw``, ``letters``,
/// ``tokens``); ``None`` where Python answers.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn feature_counts(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
) -> Option<(u64, u64, u64, u64, u64, u64, u64, u64, u64)> {
    let text = self::text(text)?;
    let c = py.detach(|| profile::feature_counts(text));
    let [uml, ii, eacute, digit, b, tell] = c.features;
    Some((uml, ii, eacute, digit, b, tell, c.fw, c.letters, c.tokens))
}

/// ``estimate_profile(text, model)`` with ``model.feature_rates``: ``Profile``'s fields
/// ``(name, weight, log_odds, n_chars)``; ``None`` where Python answers.
#[pyfunction]
fn estimate_profile(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    rates: &Bound<'_, PyAny>,
) -> Option<(&'static str, f64, f64, usize)> {
    let text = self::text(text)?;
    let rates = self::rates(rates)?;
    let p = py.detach(|| profile::estimate_profile(text, rates.as_ref()));
    Some((p.name, p.weight, p.log_odds, p.n_chars))
}

/// ``round(x, 3)`` as the core computes it, for the parity checks.
#[pyfunction]
fn profile_round(x: f64) -> f64 {
    profile::round3(x)
}

/// The constants of the profile as the core has them: ``FEATURES``, ``_PRIOR``,
/// ``_RATE_FLOOR``, ``_WEIGHT_STEPS`` and ``_FEATURE_RE``'s pattern, for the Python side to check.
#[pyfunction]
fn profile_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("FEATURES", profile::FEATURES.to_vec())?;
    d.set_item("_PRIOR", profile::PRIOR)?;
    d.set_item("_RATE_FLOOR", profile::RATE_FLOOR)?;
    d.set_item("_WEIGHT_STEPS", profile::WEIGHT_STEPS.to_vec())?;
    d.set_item("_FEATURE_RE", profile::pattern())?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(feature_counts, m)?)?;
    m.add_function(wrap_pyfunction!(estimate_profile, m)?)?;
    m.add_function(wrap_pyfunction!(profile_round, m)?)?;
    m.add_function(wrap_pyfunction!(profile_constants, m)?)?;
    Ok(())
}
