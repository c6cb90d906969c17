//! `korrektor._core.Lexicon`: the language data (forms, word-form and compound logic, bigram
//! model) under the Python `Lexicon`'s method names; `korrektor.lexicon.Lexicon` is a Python
//! subclass of it, so that a call from Python reaches Rust without a Python frame between.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyString, PyTuple};

use super::to_py;
use crate::forms;
use crate::language::Language;
use crate::lexicon::{build_core_file, Lexicon, Origin};

/// The UTF-8 of a Python string, or `None` for one with a lone surrogate, which Python allows
/// and UTF-8 cannot encode. No stored form contains one: such a string is looked up as an
/// unknown word that is no compound (0, ``False``, ``None``), as the Python lexicon answered,
/// instead of raising.
fn text<'a>(s: &'a Bound<'_, PyString>) -> Option<&'a str> {
    s.to_str().ok()
}

/// The language data from a data directory, read-only and shared by threads (the class is
/// frozen): ``lexicon.core`` and the bigram arrays are memory-mapped, the rest read at load
/// (about 25 ms). The methods give the answers of the Python lexicon that came before it, bit
/// for bit; the Python names of its private helpers (``_variant``, ``_noun_count`` ...) are kept
/// for the parity checks (``bench/core_forms.py``).
///
/// Single lookups hold the GIL (they take well under a microsecond, less than releasing it
/// would); the ``*_many`` forms release it for the whole list.
#[pyclass(name = "Lexicon", module = "korrektor._core", frozen, subclass)]
pub(crate) struct PyLexicon {
    pub(crate) inner: Language,
}

#[pymethods]
impl PyLexicon {
    /// Load from the data directory ``path`` (``lexicon.core`` mapped if it is current, else the
    /// forms built from the text sources); ``supplement=False``: the corpus forms alone.
    #[new]
    #[pyo3(signature = (path, supplement = true))]
    fn new(py: Python<'_>, path: PathBuf, supplement: bool) -> PyResult<Self> {
        let inner = py
            .detach(|| Language::load(&path, supplement))
            .map_err(to_py)?;
        Ok(PyLexicon { inner })
    }

    /// As the constructor, with the forms built from the text sources, ignoring ``lexicon.core``
    /// (what loading falls back to when that is missing or stale).
    #[staticmethod]
    #[pyo3(signature = (path, supplement = true))]
    fn build(py: Python<'_>, path: PathBuf, supplement: bool) -> PyResult<Self> {
        let inner = py
            .detach(|| Language::build(&path, supplement))
            .map_err(to_py)?;
        Ok(PyLexicon { inner })
    }

    // ------------------------------------------------------------ stored forms

    /// Corpus count of exactly this form (case-sensitive; an ASCII apostrophe read as U+2019);
    /// a supplementary form's estimated count; else 0.
    fn count(&self, word: &Bound<'_, PyString>) -> u64 {
        text(word).map_or(0, |w| self.inner.lexicon().count(w))
    }

    /// Is the form stored (corpus or supplement; the apostrophe mapped)?
    fn contains(&self, word: &Bound<'_, PyString>) -> bool {
        text(word).is_some_and(|w| self.inner.lexicon().contains(w))
    }

    /// The form's id (its line in ``lexicon_words.txt``, its bigram row), ``None`` if it is no
    /// corpus form (the apostrophe mapped).
    fn word_id(&self, word: &Bound<'_, PyString>) -> Option<u32> {
        text(word).and_then(|w| self.inner.lexicon().word_id(w))
    }

    /// Is ``prefix`` a non-empty start of a stored form (case-sensitive)? The searches' test.
    fn is_prefix(&self, prefix: &Bound<'_, PyString>) -> bool {
        text(prefix).is_some_and(|p| self.inner.lexicon().is_prefix(p))
    }

    /// Does some stored form start with ``prefix`` (the empty prefix too)?
    fn has_prefix(&self, prefix: &Bound<'_, PyString>) -> bool {
        text(prefix).is_some_and(|p| self.inner.lexicon().has_prefix(p))
    }

    /// ``[count(w) for w in words]``, without the GIL.
    fn count_many(&self, py: Python<'_>, words: Vec<PyBackedStr>) -> Vec<u64> {
        py.detach(|| {
            words
                .iter()
                .map(|w| self.inner.lexicon().count(w))
                .collect()
        })
    }

    /// ``[contains(w) for w in words]``, without the GIL.
    fn contains_many(&self, py: Python<'_>, words: Vec<PyBackedStr>) -> Vec<bool> {
        py.detach(|| {
            words
                .iter()
                .map(|w| self.inner.lexicon().contains(w))
                .collect()
        })
    }

    /// ``[has_prefix(p) for p in prefixes]``, without the GIL.
    fn has_prefix_many(&self, py: Python<'_>, prefixes: Vec<PyBackedStr>) -> Vec<bool> {
        py.detach(|| {
            prefixes
                .iter()
                .map(|p| self.inner.lexicon().has_prefix(p))
                .collect()
        })
    }

    /// The corpus forms (the supplement's not counted): the bigram model's rows.
    fn __len__(&self) -> usize {
        self.inner.corpus_forms()
    }

    /// The stored forms, the supplement's included.
    #[getter]
    fn stored_forms(&self) -> usize {
        self.inner.lexicon().len()
    }

    /// ``"mapped"`` (``lexicon.core``) or ``"built"`` (from the text sources at load).
    #[getter]
    fn origin(&self) -> &'static str {
        match self.inner.lexicon().origin() {
            Origin::Mapped => "mapped",
            Origin::Built => "built",
        }
    }

    /// Was the supplement loaded?
    #[getter]
    fn supplement(&self) -> bool {
        self.inner.lexicon().has_supplement()
    }

    /// Make every page of the mapped data resident now, rather than as words first need them (a
    /// process that forks workers does it before, so that they share all of it from the start);
    /// the bytes covered. Releases the GIL.
    fn prefetch(&self, py: Python<'_>) -> usize {
        py.detach(|| self.inner.prefetch())
    }

    /// Tokens counted in the corpus.
    #[getter]
    fn total(&self) -> u64 {
        self.inner.total()
    }

    // ------------------------------------------------------------ word forms

    #[getter]
    fn has_varieties(&self) -> bool {
        self.inner.forms().has_varieties()
    }

    /// Count summed over the case variants as-is, lower, Capitalised and UPPER.
    fn count_ci(&self, word: &Bound<'_, PyString>) -> u64 {
        text(word).map_or(0, |w| self.inner.forms().count_ci(w))
    }

    /// The stored form standing in for ``word`` if only its case or its spelling is unusual.
    fn _variant(&self, word: &Bound<'_, PyString>) -> Option<String> {
        text(word).and_then(|w| self.inner.forms().variant(w))
    }

    /// Stored form or case or spelling variant of one (``known`` without compounds).
    fn is_form(&self, word: &Bound<'_, PyString>) -> bool {
        text(word).is_some_and(|w| self.inner.forms().is_form(w))
    }

    /// Where the form (or its lower-case or title-case variant) was seen: a bitmask of
    /// ``korrektor.lexicon.MODERN``, ``HISTORIC``, ``SWISS``, ``AUSTRIAN``.
    fn varieties(&self, word: &Bound<'_, PyString>) -> u8 {
        text(word).map_or(0, |w| self.inner.forms().varieties(w))
    }

    /// A protected form, or one capitalised at a sentence's start.
    fn _is_protected(&self, word: &Bound<'_, PyString>) -> bool {
        text(word).is_some_and(|w| self.inner.forms().is_protected(w))
    }

    /// The protected nouns, lower-cased and sorted (those that may lead a compound).
    #[getter]
    fn protected_nouns(&self) -> Vec<String> {
        self.inner.forms().protected_nouns()
    }

    /// Is the lower-case ``word`` a noun the corpus writes with its capital far more often?
    fn noun_in_lower_case(&self, word: &Bound<'_, PyString>) -> bool {
        text(word).is_some_and(|w| self.inner.forms().noun_in_lower_case(w))
    }

    /// Is the form (or the form its case stands in for) a supplementary one?
    fn is_supplement(&self, word: &Bound<'_, PyString>) -> bool {
        text(word).is_some_and(|w| self.inner.forms().is_supplement(w))
    }

    /// Not stored itself, but a stored form written as before 1996 ("Fluß")?
    fn old_spelling(&self, word: &Bound<'_, PyString>) -> bool {
        text(word).is_some_and(|w| self.inner.forms().old_spelling(w))
    }

    /// Spelt as before 1996 (an old spelling, or a form of the old books whose modern form is a
    /// word or far more frequent)?
    fn spelt_before_1996(&self, word: &Bound<'_, PyString>) -> bool {
        text(word).is_some_and(|w| self.inner.forms().spelt_before_1996(w))
    }

    /// A rare stored form of the old books one OCR confusion from a far more frequent one?
    fn shadowed(&self, word: &Bound<'_, PyString>) -> bool {
        text(word).is_some_and(|w| self.inner.forms().shadowed(w))
    }

    // ------------------------------------------------------------ compounds

    /// The parts (slices of ``word``) of a compound of known parts, or ``None``.
    fn compound_split<'py>(
        &self,
        py: Python<'py>,
        word: &Bound<'_, PyString>,
    ) -> PyResult<Option<Bound<'py, PyTuple>>> {
        text(word)
            .and_then(|w| self.inner.forms().compound_split(w))
            .map(|parts| PyTuple::new(py, parts))
            .transpose()
    }

    /// Compounds with one letter of ``word`` misread as another of ``letters``, inside one part.
    fn compounds_one_edit_away(&self, word: &Bound<'_, PyString>, letters: &str) -> Vec<String> {
        text(word).map_or_else(Vec::new, |w| {
            self.inner.forms().compounds_one_edit_away(w, letters)
        })
    }

    /// A stored word (in any case) followed by a compound head?
    fn word_and_head(&self, word: &Bound<'_, PyString>) -> bool {
        text(word).is_some_and(|w| self.inner.forms().word_and_head(w))
    }

    /// Known: stored, a case or spelling variant, protected, or a compound.
    fn known(&self, word: &Bound<'_, PyString>) -> bool {
        text(word).is_some_and(|w| self.inner.forms().known(w))
    }

    /// ``word in lexicon``: :meth:`known`.
    fn __contains__(&self, word: &Bound<'_, PyString>) -> bool {
        self.known(word)
    }

    fn _fewer_parts_restored(&self, word: &str, parts: usize) -> bool {
        self.inner.forms().fewer_parts_restored(word, parts)
    }

    fn _noun_count(&self, low: &str) -> u64 {
        self.inner.forms().noun_count(low)
    }

    fn _shadowed(&self, word: &str) -> bool {
        self.inner.forms().shadowed_twin(word)
    }

    fn _piece_known(&self, piece: &str) -> bool {
        self.inner.forms().piece_known(piece)
    }

    /// The compound head ``key`` (lower-case): ``(flags, score)``, or ``None``.
    fn _head(&self, key: &str) -> Option<(u8, f64)> {
        self.inner.forms().compounds.head(key)
    }

    /// The modifier ``key``'s score, or ``None``.
    fn _modifier_score(&self, key: &str) -> Option<f64> {
        self.inner.forms().compounds.modifier(key)
    }

    /// The modifiers that are prefixes of ``s``, shortest first, with their scores.
    fn _modifier_prefixes(&self, s: &str) -> Vec<(String, f64)> {
        self.inner
            .forms()
            .compounds
            .modifier_prefixes(s)
            .into_iter()
            .filter_map(|(n, score)| Some((s.get(..n)?.to_owned(), score)))
            .collect()
    }

    /// ``korrektor.lexicon.modern_spelling`` as the core computes it.
    #[staticmethod]
    fn _modern_spelling(word: &str) -> Option<String> {
        forms::modern_spelling(word)
    }

    /// ``korrektor.compounds.confusion_twins`` as the core computes it, as a list.
    #[staticmethod]
    fn _confusion_twins(word: &str) -> Vec<String> {
        forms::confusion_twins(word).collect()
    }

    // ------------------------------------------------------------ scores

    /// ln P(word), the relative frequency of the exact form; a word without a stored count
    /// scores as half its variant's count, a compound's 0.5 or an unknown word's 0.1.
    fn logp(&self, word: &Bound<'_, PyString>) -> f64 {
        self.inner.logp(text(word))
    }

    /// ln P(word | prev), interpolated modified Kneser-Ney; ``prev`` may be ``"<s>"``.
    fn logp_bigram(&self, prev: &Bound<'_, PyString>, word: &Bound<'_, PyString>) -> f64 {
        self.inner.logp_bigram(text(prev), text(word))
    }

    /// Stored count of the exact bigram (quantised), 0.0 if either is no stored form.
    fn bigram_count(&self, prev: &Bound<'_, PyString>, word: &Bound<'_, PyString>) -> f64 {
        match (text(prev), text(word)) {
            (Some(p), Some(w)) => self.inner.bigram_count(p, w),
            _ => 0.0,
        }
    }

    /// The bigram row of ``word``: its id, or its variant's (``None``: no row).
    fn _id(&self, word: &Bound<'_, PyString>) -> Option<u32> {
        text(word).and_then(|w| self.inner.row(w))
    }
}

/// Write ``lexicon.core`` for the lexicon files in ``data_dir`` to ``out``; returns the number of
/// forms. The data build runs it after the lexicon's files change.
#[pyfunction]
fn build_lexicon_core(py: Python<'_>, data_dir: PathBuf, out: PathBuf) -> PyResult<usize> {
    py.detach(|| build_core_file(&data_dir, &out))
        .map_err(to_py)
}

/// Is ``data_dir/lexicon.core`` built from exactly the lexicon files there (contents hashed)?
#[pyfunction]
fn lexicon_core_is_current(py: Python<'_>, data_dir: PathBuf) -> PyResult<bool> {
    py.detach(|| Lexicon::core_is_current(&data_dir))
        .map_err(to_py)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyLexicon>()?;
    m.add_function(wrap_pyfunction!(build_lexicon_core, m)?)?;
    m.add_function(wrap_pyfunction!(lexicon_core_is_current, m)?)?;
    Ok(())
}
