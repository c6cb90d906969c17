//! `korrektor._core.unicode_untouched`: is there nothing for the unicode stage's fixes to do in a
//! text (see [`crate::unicode`])? `unicode_constants` gives the patterns the test stands for
//! (compared with the module's at import), `_unicode_nfc_safe` the code points it lets through
//! (for the tests).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::unicode;

/// ``unicode_untouched(text)``: True where no fix of the stage would change ``text``; False where
/// one may (and for a text with a lone surrogate: Python decides).
#[pyfunction]
fn unicode_untouched(text: &Bound<'_, PyString>) -> bool {
    text.to_str().is_ok_and(unicode::untouched)
}

/// The patterns by their names in ``unicode.py``, and the ligatures.
#[pyfunction]
fn unicode_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for (name, pattern) in unicode::PATTERNS {
        d.set_item(name, pattern)?;
    }
    let ligatures: String = unicode::LIGATURES.iter().collect();
    d.set_item("LIGATURES", ligatures)?;
    Ok(d)
}

/// ``[c is NFC-safe for c in s]`` (the code points the test lets through).
#[pyfunction]
fn _unicode_nfc_safe(s: &str) -> Vec<bool> {
    s.chars().map(unicode::nfc_safe).collect()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(unicode_untouched, m)?)?;
    m.add_function(wrap_pyfunction!(unicode_constants, m)?)?;
    m.add_function(wrap_pyfunction!(_unicode_nfc_safe, m)?)?;
    Ok(())
}
