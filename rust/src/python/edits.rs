//! Edits handed to Python: each as the tuple `korrektor.edits.Edit(*row)` takes, with the kind's
//! value (the caller makes it a `Kind`).

use pyo3::prelude::*;

use crate::edits::{Edit, Kind};

/// `(start, end, before, after, kind, rule, confidence, alternatives)`; the kind as Python shows
/// it ("quote", or "quote+speck" where composition merged steps: `korrektor.edits._kind` reads it).
pub(crate) type EditRow = (
    usize,
    usize,
    String,
    String,
    String,
    String,
    f64,
    Vec<String>,
);

pub(crate) fn edit_row(e: Edit) -> EditRow {
    let kind = e.kind_str();
    (
        e.start,
        e.end,
        e.before,
        e.after,
        kind,
        e.rule,
        e.confidence,
        e.alternatives,
    )
}

/// The kinds' values in the core's order (``tests/test_core_edits.py`` compares them with
/// ``korrektor.rules.Kind``).
#[pyfunction]
fn edit_kinds() -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| k.as_str()).collect()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(edit_kinds, m)?)
}
