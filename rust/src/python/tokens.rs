//! The words stage's tokenizer (`korrektor._core.tokenize`, `TokenTables`, see
//! [`crate::tokens`]) and `korrektor._core.umlaut_sz_glyphs`, `umlaut_l_glyphs` (the searches for a ß or an l read as
//! a glyph, `stages/words/umlauts.py`'s `sz_glyphs` and `l_glyphs`), `sz_reading`, `l_readings`
//! (`stages/words/glyphs.py`) and `glyph_constants`: see [`crate::glyphs`].

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyString};

use super::umlauts::{forms, page, CoreLexicon, PyUmlautReadings, PyWordSet};
use crate::{glyphs, pystr, tokens};

/// ``umlauts.sz_glyphs(d, core)`` (arguments as for ``umlaut_twins``); ``None`` where Python
/// must answer: a token that is not valid Unicode text, or readings made without the identity
/// table.
#[pyfunction]
#[pyo3(signature = (core, lexicon, readings, today, twin_filter = None))]
fn umlaut_sz_glyphs(
    py: Python<'_>,
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, CoreLexicon>,
    readings: &Bound<'_, PyUmlautReadings>,
    today: bool,
    twin_filter: Option<&Bound<'_, PyWordSet>>,
) -> Option<Vec<(String, f64)>> {
    let core = core.extract::<PyBackedStr>().ok()?;
    let (forms, readings) = (forms(lexicon), &readings.get().inner);
    let page = page(today, twin_filter);
    // `is_known` may analyse a compound: no GIL needed for it
    py.detach(|| glyphs::sz_glyphs(forms, readings, &core, page))
}

/// ``umlauts.l_glyphs(d, core, identity)``; ``None`` for a token that is not valid Unicode text.
#[pyfunction]
#[pyo3(signature = (core, lexicon, readings, identity, today, twin_filter = None))]
fn umlaut_l_glyphs(
    py: Python<'_>,
    core: &Bound<'_, PyString>,
    lexicon: &Bound<'_, CoreLexicon>,
    readings: &Bound<'_, PyUmlautReadings>,
    identity: f64,
    today: bool,
    twin_filter: Option<&Bound<'_, PyWordSet>>,
) -> Option<Vec<(String, f64)>> {
    let core = core.extract::<PyBackedStr>().ok()?;
    let (forms, readings) = (forms(lexicon), &readings.get().inner);
    let page = page(today, twin_filter);
    Some(py.detach(|| glyphs::l_glyphs(forms, readings, &core, identity, page)))
}

/// ``glyphs.sz_reading(core)``; ``None`` also for a token that is not valid Unicode text.
#[pyfunction]
fn sz_reading(core: &Bound<'_, PyString>) -> Option<String> {
    glyphs::sz_reading(&core.extract::<PyBackedStr>().ok()?)
}

/// ``glyphs.l_readings(core)``; ``None`` for a token that is not valid Unicode text.
#[pyfunction]
fn l_readings(core: &Bound<'_, PyString>) -> Option<Vec<(String, u32)>> {
    Some(glyphs::l_readings(&core.extract::<PyBackedStr>().ok()?))
}

/// ``GLYPHS``' fields as the core has them, for the Python side to check.
#[pyfunction]
fn glyph_constants(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("sz_glyphs_cost", glyphs::SZ_GLYPHS_COST)?;
    d.set_item("max_i_for_l", glyphs::MAX_I_FOR_L)?;
    d.set_item("i_for_l_cost", glyphs::I_FOR_L_COST)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(umlaut_sz_glyphs, m)?)?;
    m.add_function(wrap_pyfunction!(umlaut_l_glyphs, m)?)?;
    m.add_function(wrap_pyfunction!(sz_reading, m)?)?;
    m.add_function(wrap_pyfunction!(l_readings, m)?)?;
    m.add_function(wrap_pyfunction!(glyph_constants, m)?)?;
    register_tokens(m)
}

/// The German knowledge the tokenizer takes from Python (``tokens.py`` builds it once):
/// ``TokenTables(lead, trail, abbreviations, sentence_marks, unit_letters, ligatures,
/// max_token_length)``.
#[pyclass(name = "TokenTables", module = "korrektor._core", frozen)]
pub(crate) struct PyTokenTables {
    inner: tokens::Tables,
}

fn strings(items: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    items.try_iter()?.map(|s| s?.extract::<String>()).collect()
}

#[pymethods]
impl PyTokenTables {
    #[new]
    fn new(
        lead: &str,
        trail: &str,
        abbreviations: &Bound<'_, PyAny>,
        sentence_marks: &Bound<'_, PyAny>,
        unit_letters: &Bound<'_, PyAny>,
        ligatures: &Bound<'_, PyDict>,
        max_token_length: usize,
    ) -> PyResult<Self> {
        let mut ligature_letters = Vec::new();
        for (k, v) in ligatures.iter() {
            let k: String = k.extract()?;
            let mut chars = k.chars();
            // str.maketrans takes one-character keys only
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return Err(PyValueError::new_err("a ligature is one character"));
            };
            ligature_letters.push((c, v.extract::<String>()?));
        }
        Ok(PyTokenTables {
            inner: tokens::Tables {
                lead: lead.chars().collect(),
                trail: trail.chars().collect(),
                abbreviations: strings(abbreviations)?.into_iter().collect(),
                // a mark of more than one character is never a character of a trail
                sentence_marks: strings(sentence_marks)?
                    .iter()
                    .filter_map(|m| {
                        let mut chars = m.chars();
                        match (chars.next(), chars.next()) {
                            (Some(c), None) => Some(c),
                            _ => None,
                        }
                    })
                    .collect(),
                unit_letters: strings(unit_letters)?.into_iter().collect(),
                ligatures: ligature_letters,
                max_token_length,
            },
        })
    }
}

/// One token as Python builds its ``Token``, its first nine fields: (start, end, core,
/// sentence_end, known, protected, best (the core, the same string), acronym, lower_noun).
type Row<'py> = (
    usize,
    usize,
    Bound<'py, PyString>,
    bool,
    bool,
    bool,
    Bound<'py, PyString>,
    bool,
    bool,
);

/// The shapes of the chunks a lexicon's texts had (``tokens.py`` keeps one per lexicon).
#[pyclass(name = "ShapeCache", module = "korrektor._core", frozen)]
pub(crate) struct PyShapeCache {
    inner: tokens::ShapeCache,
}

#[pymethods]
impl PyShapeCache {
    #[new]
    fn new() -> Self {
        PyShapeCache {
            inner: tokens::ShapeCache::new(),
        }
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// ``tokens.tokenize(text, lexicon)`` (``cache``: that lexicon's): ``([row, ...], [index of a token a paragraph break
/// follows, ...])``, a row the arguments of ``Token(*row)``; ``None`` for a text that is not
/// valid Unicode (a lone surrogate: Python tokenizes it).
#[pyfunction]
#[pyo3(signature = (text, lexicon, tables, cache = None))]
#[allow(clippy::type_complexity)]
fn tokenize<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    lexicon: &Bound<'_, CoreLexicon>,
    tables: &Bound<'_, PyTokenTables>,
    cache: Option<&Bound<'_, PyShapeCache>>,
) -> Option<(Vec<Row<'py>>, Vec<usize>)> {
    let text = text.to_str().ok()?;
    let (forms, tables) = (forms(lexicon), &tables.get().inner);
    let cache = cache.map(|c| &c.get().inner);
    // an unknown word's compound analysis costs microseconds: other threads may run meanwhile
    let found = py.detach(|| tokens::tokenize(forms, tables, cache, text));
    let rows = found
        .tokens
        .iter()
        .map(|t| {
            let s = t.shape;
            let core = PyString::new(py, s.core);
            (
                t.start,
                t.end,
                core.clone(),
                s.sentence_end,
                s.known,
                s.protected,
                core,
                s.acronym,
                s.lower_noun,
            )
        })
        .collect();
    Some((rows, found.paragraph_ends))
}

/// ``tokens._shape(chunk, lexicon)`` for the parity checks: ``(lead, core, sentence_end,
/// known, protected, acronym, lower_noun)`` or ``None``; ``UnicodeEncodeError`` for a lone
/// surrogate.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn token_shape(
    chunk: &Bound<'_, PyString>,
    lexicon: &Bound<'_, CoreLexicon>,
    tables: &Bound<'_, PyTokenTables>,
) -> PyResult<Option<(usize, String, bool, bool, bool, bool, bool)>> {
    let chunk = chunk.to_str()?;
    let found = tokens::shape(forms(lexicon), &tables.get().inner, chunk);
    Ok(found.map(|s| {
        (
            s.lead,
            s.core.to_owned(),
            s.sentence_end,
            s.known,
            s.protected,
            s.acronym,
            s.lower_noun,
        )
    }))
}

/// ``tokens.is_protected(core)``; ``UnicodeEncodeError`` for a lone surrogate.
#[pyfunction]
fn token_is_protected(
    core: &Bound<'_, PyString>,
    tables: &Bound<'_, PyTokenTables>,
) -> PyResult<bool> {
    Ok(tokens::is_protected(&tables.get().inner, core.to_str()?))
}

/// The character classes the tokenizer and the error profile use, one number a code point of
/// ``chars``: 1 `regex`'s ``\s``, 2 its ``\p{Ll}``, 4 its ``\p{Lu}``, 8 ``str.isdigit``, 16
/// ``str.isalpha``, 32 the module's ``\p{L}``, 64 its ``\d``, 128 its ``\w``, 256
/// ``str.isspace``; for the tests to compare the generated tables with the installed `regex`
/// module and CPython.
#[pyfunction]
fn token_char_classes(chars: &Bound<'_, PyString>) -> PyResult<Vec<u16>> {
    let classes: Vec<u16> = chars
        .to_str()?
        .chars()
        .map(|c| {
            u16::from(pystr::regex_is_space(c))
                | u16::from(pystr::regex_is_ll(c)) << 1
                | u16::from(pystr::regex_is_lu(c)) << 2
                | u16::from(pystr::char_is_digit(c)) << 3
                | u16::from(pystr::char_is_alpha(c)) << 4
                | u16::from(pystr::regex_is_letter(c)) << 5
                | u16::from(pystr::regex_is_digit(c)) << 6
                | u16::from(pystr::regex_is_word(c)) << 7
                | u16::from(pystr::char_is_space(c)) << 8
                | u16::from(pystr::regex_is_number(c)) << 9
                | u16::from(pystr::regex_is_mark(c)) << 10
                | u16::from(pystr::regex_is_nonspacing_mark(c)) << 11
        })
        .collect();
    Ok(classes)
}

/// The `regex` patterns the core implements: ``{name: (pattern, ignore case)}``.
#[pyfunction]
fn token_patterns(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for (name, pattern, ignore_case) in tokens::PATTERNS {
        d.set_item(name, (pattern, ignore_case))?;
    }
    Ok(d)
}

fn register_tokens(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTokenTables>()?;
    m.add_class::<PyShapeCache>()?;
    m.add_function(wrap_pyfunction!(tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(token_shape, m)?)?;
    m.add_function(wrap_pyfunction!(token_is_protected, m)?)?;
    m.add_function(wrap_pyfunction!(token_patterns, m)?)?;
    m.add_function(wrap_pyfunction!(token_char_classes, m)?)?;
    Ok(())
}
