//! `korrektor._core.UmlautReadings`, `korrektor._core.WordSet`, `korrektor._core.umlaut_twins`
//! and the searches built on it (`umlaut_capitals_twins`, `umlaut_glyph_reading`,
//! `umlaut_loose_compound_twins`, `umlaut_hyphenated_parts`): the words stage's search for lost umlauts and ß
//! (`stages/words/umlauts.py`) on the core's word forms.

use std::collections::{HashMap, HashSet};

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyString};

use super::lexicon::PyLexicon;
use crate::forms::Forms;
use crate::umlauts::{self, Page, Reach, Readings};

/// The Python class that stands for the lexicon here.
pub(crate) type CoreLexicon = PyLexicon;

/// The page's state as the searches take it: written as before 1996 throughout (`today`), and
/// its twin filter.
pub(crate) fn page<'a>(today: bool, twin_filter: Option<&'a Bound<'_, PyWordSet>>) -> Page<'a> {
    Page {
        today,
        twin_filter: twin_filter.map(|f| &f.get().inner),
    }
}

pub(crate) fn forms<'a>(lexicon: &'a Bound<'_, CoreLexicon>) -> &'a Forms {
    lexicon.get().inner.forms()
}

/// ``korrektor.twins.umlaut_readings(table)`` for the compiled search: ``{observed: ((true,
/// gain), ...)}``, built once per error-model table.
#[pyclass(name = "UmlautReadings", module = "korrektor._core", frozen)]
pub(crate) struct PyUmlautReadings {
    pub(crate) inner: Readings,
}

#[pymethods]
impl PyUmlautReadings {
    /// ``ident``, ``ident_default``: the table's, for ``hyphenated_parts`` (which needs
    /// ``logp_identity``).
    #[new]
    #[pyo3(signature = (readings, ident = None, ident_default = None))]
    fn new(
        py: Python<'_>,
        readings: &Bound<'_, PyDict>,
        ident: Option<&Bound<'_, PyDict>>,
        ident_default: Option<f64>,
    ) -> PyResult<Self> {
        let mut r = Readings::new(py.version_info() >= (3, 12));
        if let (Some(ident), Some(default)) = (ident, ident_default) {
            let mut map = HashMap::new();
            for (c, lp) in ident.iter() {
                // only single characters are ever looked up (a key with a lone surrogate
                // matches no character of a token the core is asked about)
                let Ok(c) = c.extract::<PyBackedStr>() else {
                    continue;
                };
                let mut chars = c.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    map.insert(c, lp.extract()?);
                }
            }
            r.set_identity(map, default);
        }
        for (observed, options) in readings.iter() {
            // a key with a lone surrogate is never a substring of a token the core is asked
            // about (such a token stays with Python)
            let Ok(observed) = observed.extract::<PyBackedStr>() else {
                continue;
            };
            let mut list = Vec::new();
            for item in options.try_iter()? {
                let (truth, gain): (Bound<'_, PyString>, f64) = item?.extract()?;
                // an option with a lone surrogate would make a word no Unicode text has: the
                // token would keep it in Python, so such a table is left to Python altogether
                let truth: PyBackedStr = truth.extract()?;
                list.push((truth.to_string(), gain));
            }
            r.insert(&observed, list);
        }
        Ok(PyUmlautReadings { inner: r })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// A set of words (the decoder's ``twin_filter``), converted once; a word Python holds with a
/// lone surrogate is left out (no token the core is asked about equals it).
#[pyclass(name = "WordSet", module = "korrektor._core", frozen)]
pub(crate) struct PyWordSet {
    pub(crate) inner: HashSet<String>,
}

#[pymethods]
impl PyWordSet {
    #[new]
    fn new(words: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut inner = HashSet::new();
        for w in words.try_iter()? {
            if let Ok(w) = w?.extract::<PyBackedStr>() {
                inner.insert(w.to_string());
            }
        }
        Ok(PyWordSet { inner })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __contains__(&self, word: &Bound<'_, PyString>) -> bool {
        word.extract::<PyBackedStr>()
            .is_ok_and(|w| self.inner.contains(&*w))
    }
}

impl PyWordSet {
    /// The words, for the other bindings (the splits' punctuation statistics).
    pub(crate) fn words(&self) -> &HashSet<String> {
        &self.inner
    }
}

/// ``umlauts.twins(d, core, identity, depth, reach)`` with the decoder's lexicon as
/// ``lexicon``, ``umlaut_readings(d.em.table(d.profile))`` as ``readings``, ``d.today is not
/// None`` as ``today`` and ``d.twin_filter`` as ``twin_filter``: ``[(word, score), ...]``, best
/// first. ``None`` where Python must answer: a token that is not valid Unicode text (a lone
/// surrogate), a reach other than "stored", "compounds", "loose", "readings", or a depth that is
/// no int of 64 bits.
#[pyfunction]
#[pyo3(signature = (core, lexicon, readings, identity, depth, reach, today, twin_filter = None))]
#[allow(clippy::too_many_arguments)]
fn umlaut_twins(
    py: Python<'_>,
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, CoreLexicon>,
    readings: &Bound<'_, PyUmlautReadings>,
    identity: f64,
    depth: &Bound<'_, PyAny>,
    reach: &Bound<'_, PyAny>,
    today: bool,
    twin_filter: Option<&Bound<'_, PyWordSet>>,
) -> Option<Vec<(String, f64)>> {
    let core = core.extract::<PyBackedStr>().ok()?;
    // a depth beyond i64 or a reach that is no str is Python's to answer, not an error here
    let depth: i64 = depth.extract().ok()?;
    let reach = Reach::parse(&reach.extract::<PyBackedStr>().ok()?)?;
    let forms = forms(lexicon);
    let readings = &readings.get().inner;
    let page = page(today, twin_filter);
    let run = || umlauts::twins(forms, readings, &core, identity, depth, reach, page);
    // a compound's analysis costs microseconds a try: other threads may run meanwhile; the
    // stored forms' search is shorter than releasing the GIL is worth
    Some(match reach {
        Reach::Compounds | Reach::Loose => py.detach(run),
        Reach::Stored | Reach::Readings => run(),
    })
}

/// ``umlauts.capitals_twins(d, core, identity)`` (arguments as for [`umlaut_twins`]); ``None``
/// for a token that is not valid Unicode text.
#[pyfunction]
#[pyo3(signature = (core, lexicon, readings, identity, today, twin_filter = None))]
fn umlaut_capitals_twins(
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, CoreLexicon>,
    readings: &Bound<'_, PyUmlautReadings>,
    identity: f64,
    today: bool,
    twin_filter: Option<&Bound<'_, PyWordSet>>,
) -> Option<Vec<(String, f64)>> {
    let core = core.extract::<PyBackedStr>().ok()?;
    let page = page(today, twin_filter);
    Some(umlauts::capitals_twins(
        forms(lexicon),
        &readings.get().inner,
        &core,
        identity,
        page,
    ))
}

/// ``umlauts.glyph_reading(d, reading, score)``; ``None`` for a reading that is not valid
/// Unicode text.
#[pyfunction]
#[pyo3(signature = (reading, lexicon, readings, score, today, twin_filter = None))]
fn umlaut_glyph_reading(
    py: Python<'_>,
    reading: &Bound<'_, PyString>,
    lexicon: &Bound<'_, CoreLexicon>,
    readings: &Bound<'_, PyUmlautReadings>,
    score: f64,
    today: bool,
    twin_filter: Option<&Bound<'_, PyWordSet>>,
) -> Option<Vec<(String, f64)>> {
    let reading = reading.extract::<PyBackedStr>().ok()?;
    let (forms, readings) = (forms(lexicon), &readings.get().inner);
    let page = page(today, twin_filter);
    // `is_known` may analyse a compound: no GIL needed for it
    Some(py.detach(|| umlauts::glyph_reading(forms, readings, &reading, score, page)))
}

/// ``umlauts.loose_compound_twins(d, core, identity)`` with ``weight = d.profile.weight``;
/// ``None`` for a token that is not valid Unicode text.
#[pyfunction]
#[pyo3(signature = (core, lexicon, readings, identity, weight, today, twin_filter = None))]
#[allow(clippy::too_many_arguments)]
fn umlaut_loose_compound_twins(
    py: Python<'_>,
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, CoreLexicon>,
    readings: &Bound<'_, PyUmlautReadings>,
    identity: f64,
    weight: f64,
    today: bool,
    twin_filter: Option<&Bound<'_, PyWordSet>>,
) -> Option<Vec<(String, f64)>> {
    let core = core.extract::<PyBackedStr>().ok()?;
    let (forms, readings) = (forms(lexicon), &readings.get().inner);
    let page = page(today, twin_filter);
    Some(
        py.detach(|| umlauts::loose_compound_twins(forms, readings, &core, identity, weight, page)),
    )
}

/// ``umlauts.hyphenated_parts(d, core, identity)`` with ``weight = d.profile.weight``; ``None``
/// where Python must answer: a token that is not valid Unicode text, or readings made without
/// the identity table.
#[pyfunction]
#[pyo3(signature = (core, lexicon, readings, identity, weight, today, twin_filter = None))]
#[allow(clippy::too_many_arguments)]
fn umlaut_hyphenated_parts(
    py: Python<'_>,
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, CoreLexicon>,
    readings: &Bound<'_, PyUmlautReadings>,
    identity: f64,
    weight: f64,
    today: bool,
    twin_filter: Option<&Bound<'_, PyWordSet>>,
) -> Option<Vec<(String, f64)>> {
    let core = core.extract::<PyBackedStr>().ok()?;
    let (forms, readings) = (forms(lexicon), &readings.get().inner);
    let page = page(today, twin_filter);
    py.detach(|| umlauts::hyphenated_parts(forms, readings, &core, identity, weight, page))
}

/// ``umlauts.old_sz_spellings(d, t, today)`` with ``t.core`` as ``core``, ``bool(t.acronym)``
/// as ``acronym`` and the decoder's state as for [`umlaut_twins`] (``today``: the page writes as
/// before 1996, as it does where this is asked). ``None`` where Python must answer: a token or
/// candidate that is not valid Unicode text, a candidate that is no sequence of a word and a
/// score, or no candidates (Python fails).
#[pyfunction]
#[pyo3(signature = (core, lexicon, readings, acronym, candidates, today, twin_filter = None))]
#[allow(clippy::too_many_arguments)]
fn umlaut_old_sz_spellings(
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, CoreLexicon>,
    readings: &Bound<'_, PyUmlautReadings>,
    acronym: bool,
    candidates: &Bound<'_, PyAny>,
    today: bool,
    twin_filter: Option<&Bound<'_, PyWordSet>>,
) -> Option<Vec<(String, f64)>> {
    let core = core.extract::<PyBackedStr>().ok()?;
    let page = page(today, twin_filter);
    if acronym {
        return Some(Vec::new());
    }
    let mut words: Vec<PyBackedStr> = Vec::new();
    let mut identity = None;
    for c in candidates.try_iter().ok()? {
        let c = c.ok()?;
        words.push(c.get_item(0).ok()?.extract().ok()?);
        if identity.is_none() {
            identity = Some(c.get_item(1).ok()?.extract::<f64>().ok()?);
        }
    }
    let seen: HashSet<&str> = words.iter().map(|w| &**w).collect();
    Some(umlauts::old_sz_spellings(
        forms(lexicon),
        &readings.get().inner,
        &core,
        acronym,
        &seen,
        identity?,
        page,
    ))
}

/// ``umlauts.lowercase_variants(d, cands)`` on the decoder's lexicon. ``None`` where Python
/// must answer: a candidate that is not a word (valid Unicode text) and a score, or an empty
/// word after the first (Python fails on it).
#[pyfunction]
fn umlaut_lowercase_variants(
    cands: &Bound<'_, PyAny>,
    lexicon: &Bound<'_, CoreLexicon>,
) -> Option<Vec<(String, f64)>> {
    let mut words: Vec<(PyBackedStr, f64)> = Vec::new();
    for (i, c) in cands.try_iter().ok()?.enumerate() {
        let c = c.ok()?;
        let w: PyBackedStr = c.get_item(0).ok()?.extract().ok()?;
        // the first candidate (the token) is only seen: its score is not read
        let lp = if i == 0 {
            0.0
        } else {
            c.get_item(1).ok()?.extract::<f64>().ok()?
        };
        if i > 0 && w.is_empty() {
            return None;
        }
        words.push((w, lp));
    }
    let cands: Vec<(&str, f64)> = words.iter().map(|(w, lp)| (&**w, *lp)).collect();
    Some(umlauts::lowercase_variants(forms(lexicon), &cands))
}

/// The search's constants (``UMLAUT_SEARCH``'s fields the core uses), for the Python side to
/// check that both searches use the same.
#[pyfunction]
fn umlaut_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(
        "max_paired_substitutions",
        umlauts::MAX_PAIRED_SUBSTITUTIONS,
    )?;
    d.set_item("min_paired_gain", umlauts::MIN_PAIRED_GAIN)?;
    d.set_item(
        "min_compound_paired_gain",
        umlauts::MIN_COMPOUND_PAIRED_GAIN,
    )?;
    d.set_item(
        "max_tripled_substitutions",
        umlauts::MAX_TRIPLED_SUBSTITUTIONS,
    )?;
    d.set_item("case_cost", umlauts::CASE_COST)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyUmlautReadings>()?;
    m.add_class::<PyWordSet>()?;
    m.add_function(wrap_pyfunction!(umlaut_twins, m)?)?;
    m.add_function(wrap_pyfunction!(umlaut_capitals_twins, m)?)?;
    m.add_function(wrap_pyfunction!(umlaut_glyph_reading, m)?)?;
    m.add_function(wrap_pyfunction!(umlaut_loose_compound_twins, m)?)?;
    m.add_function(wrap_pyfunction!(umlaut_hyphenated_parts, m)?)?;
    m.add_function(wrap_pyfunction!(umlaut_constants, m)?)?;
    m.add_function(wrap_pyfunction!(umlaut_old_sz_spellings, m)?)?;
    m.add_function(wrap_pyfunction!(umlaut_lowercase_variants, m)?)?;
    Ok(())
}
