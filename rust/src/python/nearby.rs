//! `korrektor._core.NearbyForms` and the `nearby_*` functions: the words stage's searches for
//! words a few letters from a non-word (`stages/words/nearby.py`) on the core's word forms.
//! Each function returns ``None`` where Python must answer: a string that is not valid Unicode
//! text (a lone surrogate), a candidate list the core cannot read, or forms it could not load.

use std::path::PathBuf;
use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use super::charmodel::PyCharModel;
use super::lexicon::PyLexicon;
use super::umlauts::PyUmlautReadings;
use crate::charmodel::CharModel;
use crate::forms::Forms;
use crate::nearby::{self, Ending};
use crate::similar::SimilarForms;
use crate::umlauts::Page;

fn forms<'a>(lexicon: &'a Bound<'_, PyLexicon>) -> &'a Forms {
    lexicon.get().inner.forms()
}

/// The frequent forms a few edits away (``Lexicon.similar_forms``: the lexicon files of
/// ``data_dir``) for the searches, mapped on the first search that needs them (not at start-up),
/// once. Where they cannot be loaded, the searches that need them return ``None`` (Python
/// answers). Threads may share one instance.
#[pyclass(name = "NearbyForms", module = "korrektor._core", frozen)]
pub(crate) struct PyNearbyForms {
    data_dir: PathBuf,
    similar: OnceLock<Option<SimilarForms>>,
}

impl PyNearbyForms {
    pub(crate) fn similar(&self) -> Option<&SimilarForms> {
        self.similar
            .get_or_init(|| SimilarForms::load(&self.data_dir).ok())
            .as_ref()
    }
}

#[pymethods]
impl PyNearbyForms {
    #[new]
    fn new(data_dir: PathBuf) -> Self {
        PyNearbyForms {
            data_dir,
            similar: OnceLock::new(),
        }
    }

    /// Are the forms there (mapping them)?
    fn loaded(&self, py: Python<'_>) -> bool {
        py.detach(|| self.similar().is_some())
    }
}

fn chars<'a>(model: &'a Bound<'_, PyCharModel>) -> &'a CharModel {
    &model.get().inner
}

/// ``nearby.corpus_only(d, cands)``: the candidates (each a sequence whose first item is the
/// word) made of corpus words only, the same objects in a new list.
#[pyfunction]
fn nearby_corpus_only<'py>(
    lexicon: &Bound<'py, PyLexicon>,
    cands: &Bound<'py, PyAny>,
) -> Option<Bound<'py, PyList>> {
    let forms = forms(lexicon);
    let out = PyList::empty(cands.py());
    for c in cands.try_iter().ok()? {
        let c = c.ok()?;
        let word = c.get_item(0).ok()?;
        let word = word.cast::<PyString>().ok()?;
        if nearby::corpus_word(forms, word.to_str().ok()?) {
            out.append(c).ok()?;
        }
    }
    Some(out)
}

/// ``nearby.one_edit_away(d, core, identity)`` with the decoder's lexicon as ``lexicon``.
#[pyfunction]
fn nearby_one_edit_away(
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, PyLexicon>,
    identity: f64,
) -> Option<Vec<(String, f64)>> {
    Some(nearby::one_edit_away(
        forms(lexicon),
        core.to_str().ok()?,
        identity,
    ))
}

/// ``nearby.compounds_one_edit_away(d, core, identity)``.
#[pyfunction]
fn nearby_compounds_one_edit_away(
    py: Python<'_>,
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, PyLexicon>,
    identity: f64,
) -> Option<Vec<(String, f64)>> {
    let core = core.to_str().ok()?;
    let forms = forms(lexicon);
    // a compound's analysis costs microseconds a try: other threads may run meanwhile
    Some(py.detach(|| nearby::compounds_one_edit_away(forms, core, identity)))
}

/// ``nearby.one_edit_after_umlauts(d, core, identity)`` with ``readings`` as for
/// ``umlaut_twins``, ``chars`` the core's model of ``d.chars`` and ``weight = d.profile.weight``. (The search's readings of the token read
/// no page state: neither the twin filter nor ``today``.)
#[pyfunction]
fn nearby_one_edit_after_umlauts(
    py: Python<'_>,
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, PyLexicon>,
    readings: &Bound<'_, PyUmlautReadings>,
    chars: &Bound<'_, PyCharModel>,
    identity: f64,
    weight: f64,
) -> Option<Vec<(String, f64)>> {
    let core = core.to_str().ok()?;
    let (forms, readings, chars) = (forms(lexicon), &readings.get().inner, self::chars(chars));
    let page = Page::default();
    Some(py.detach(|| {
        nearby::one_edit_after_umlauts(forms, readings, chars, core, identity, weight, page)
    }))
}

/// ``nearby.near_words(d, core, identity)``.
#[pyfunction]
fn nearby_near_words(
    py: Python<'_>,
    core: &Bound<'_, PyString>,
    forms: &Bound<'_, PyNearbyForms>,
    identity: f64,
) -> Option<Vec<(String, f64)>> {
    let core = core.to_str().ok()?;
    let forms = forms.get();
    py.detach(|| Some(nearby::near_words(forms.similar()?, core, identity)))
}

/// ``nearby.similar_words(d, core, identity, min_count)``; ``None`` also for a ``min_count``
/// that is no int of 64 bits.
#[pyfunction]
fn nearby_similar_words(
    py: Python<'_>,
    core: &Bound<'_, PyString>,
    forms: &Bound<'_, PyNearbyForms>,
    identity: f64,
    min_count: &Bound<'_, PyAny>,
) -> Option<Vec<(String, f64)>> {
    let core = core.to_str().ok()?;
    let min_count: i64 = min_count.extract().ok()?;
    let forms = forms.get();
    py.detach(|| {
        Some(nearby::similar_words(
            forms.similar()?,
            core,
            identity,
            min_count,
        ))
    })
}

/// ``nearby.far_words(d, core, identity)``.
#[pyfunction]
fn nearby_far_words(
    py: Python<'_>,
    core: &Bound<'_, PyString>,
    forms: &Bound<'_, PyNearbyForms>,
    chars: &Bound<'_, PyCharModel>,
    identity: f64,
) -> Option<Vec<(String, f64)>> {
    let core = core.to_str().ok()?;
    let (forms, chars) = (forms.get(), self::chars(chars));
    py.detach(|| Some(nearby::far_words(forms.similar()?, chars, core, identity)))
}

/// ``nearby.other_ending(core, word, ending)`` with ``_ENDING_RE`` (``long=False``) or
/// ``LONG_ENDING_RE`` (``long=True``).
#[pyfunction]
fn nearby_other_ending(
    core: &Bound<'_, PyString>,
    word: &Bound<'_, PyString>,
    long: bool,
) -> Option<bool> {
    let ending = if long { Ending::Long } else { Ending::Short };
    Some(nearby::other_ending(
        core.to_str().ok()?,
        word.to_str().ok()?,
        ending,
    ))
}

/// The searches' constants, by the Python dataclass instance they belong to, and the letters
/// they use, for the Python side to check that both searches use the same.
#[pyfunction]
fn nearby_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    let one = PyDict::new(py);
    let o = nearby::ONE_EDIT;
    one.set_item("cost", o.cost)?;
    one.set_item("min_length", o.min_length)?;
    one.set_item("min_length_capital", o.min_length_capital)?;
    one.set_item("min_count", o.min_count)?;
    one.set_item("min_length_long", o.min_length_long)?;
    one.set_item("min_count_long", o.min_count_long)?;
    one.set_item("cost_long", o.cost_long)?;
    one.set_item("compound_cost", o.compound_cost)?;
    one.set_item("min_length_short", o.min_length_short)?;
    one.set_item("min_count_short", o.min_count_short)?;
    d.set_item("ONE_EDIT", one)?;
    let u = nearby::UMLAUTS_AND_ONE_EDIT;
    let umlauts = PyDict::new(py);
    umlauts.set_item("min_length", u.min_length)?;
    umlauts.set_item("max_readings", u.max_readings)?;
    umlauts.set_item("max_worst", u.max_worst)?;
    d.set_item("UMLAUTS_AND_ONE_EDIT", umlauts)?;
    let n = nearby::NEAR_WORDS;
    let near = PyDict::new(py);
    near.set_item("two_edit_cost", n.two_edit_cost)?;
    near.set_item("max_edits", n.max_edits)?;
    near.set_item("min_length", n.min_length)?;
    near.set_item("min_length_capital", n.min_length_capital)?;
    near.set_item("min_count", n.min_count)?;
    near.set_item("ending_length", n.ending_length)?;
    d.set_item("NEAR_WORDS", near)?;
    let f = nearby::FAR_WORDS;
    let far = PyDict::new(py);
    far.set_item("min_length", f.min_length)?;
    far.set_item("min_count", f.min_count)?;
    far.set_item("max_worst", f.max_worst)?;
    far.set_item("min_gain", f.min_gain)?;
    d.set_item("FAR_WORDS", far)?;
    let left = PyDict::new(py);
    left.set_item("max_token_length", nearby::MAX_TOKEN_LENGTH)?;
    d.set_item("LEFT_ALONE", left)?;
    let umlaut_search = PyDict::new(py);
    umlaut_search.set_item(
        "min_weight_compound_twins",
        crate::umlauts::MIN_WEIGHT_COMPOUND_TWINS,
    )?;
    d.set_item("UMLAUT_SEARCH", umlaut_search)?;
    d.set_item("alphabet", nearby::ALPHABET)?;
    d.set_item("vowels", nearby::VOWELS)?;
    d.set_item("ending", Ending::Short.letters())?;
    d.set_item("long_ending", Ending::Long.letters())?;
    d.set_item("ending_max", nearby::ENDING_MAX)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyNearbyForms>()?;
    m.add_function(wrap_pyfunction!(nearby_corpus_only, m)?)?;
    m.add_function(wrap_pyfunction!(nearby_one_edit_away, m)?)?;
    m.add_function(wrap_pyfunction!(nearby_compounds_one_edit_away, m)?)?;
    m.add_function(wrap_pyfunction!(nearby_one_edit_after_umlauts, m)?)?;
    m.add_function(wrap_pyfunction!(nearby_near_words, m)?)?;
    m.add_function(wrap_pyfunction!(nearby_similar_words, m)?)?;
    m.add_function(wrap_pyfunction!(nearby_far_words, m)?)?;
    m.add_function(wrap_pyfunction!(nearby_other_ending, m)?)?;
    m.add_function(wrap_pyfunction!(nearby_constants, m)?)?;
    Ok(())
}
