//! The context model (`korrektor.context`): which context words speak for one member of a
//! real-word umlaut pair ("hatte"/"hätte") or the other, as damped naive-Bayes log ratios; and the
//! clause-end features and clause breaks the word stage gives it.
//!
//! Source: `context.json` in the data directory (`scripts/build_context_model.py`): `pairs`, an
//! object from `"a|b"` to an object from context word (or clause-end feature) to ln ratio.
//! `log_ratio` adds the ratios in the order of the sorted context (Python sorts by code point,
//! which is the order of the UTF-8 bytes) with Python 3.11's `sum` (plain `f64` additions from
//! the first item), so the answers are bit-identical.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::json_value::{self, Value};
use crate::lexicon::Error;
use crate::search::py_sum;

pub const CONTEXT_FILE: &str = "context.json";
const FORMAT: &str = "korrektor-context";

/// Naive Bayes over-counts correlated context words: the sum is damped and capped.
pub const WEIGHT: f64 = 0.5;
pub const CAP: f64 = 4.0;

/// The endings a clause's last word is told by (`_VERB_ENDINGS`).
const VERB_ENDINGS: [&str; 2] = ["t", "n"];

type Ratios = HashMap<String, f64>;

/// The context model, loaded from `context.json`.
pub struct ContextModel {
    /// first member → second member → the pair's ratios (in `ratios`)
    pairs: HashMap<String, HashMap<String, usize>>,
    ratios: Vec<Ratios>,
    /// Python's `sum` of floats is compensated from 3.12 on (the binding sets it)
    pub compensated_sum: bool,
}

fn data_err<T>(msg: impl std::fmt::Display) -> Result<T, Error> {
    Err(Error::Data(format!("{CONTEXT_FILE}: {msg}")))
}

impl ContextModel {
    /// Load `context.json` from the data directory `dir`.
    pub fn load(dir: &Path) -> Result<ContextModel, Error> {
        Self::load_file(&dir.join(CONTEXT_FILE))
    }

    /// Load the model from the file `path`.
    pub fn load_file(path: &Path) -> Result<ContextModel, Error> {
        let text = fs::read_to_string(path).map_err(|e| Error::Io(path.to_owned(), e))?;
        Self::from_json(&text)
    }

    /// The model from the text of `context.json`.
    pub fn from_json(text: &str) -> Result<ContextModel, Error> {
        let data = json_value::parse(text).or_else(data_err)?;
        if data.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return data_err("not a korrektor context model");
        }
        let Some(Value::Object(members)) = data.get("pairs") else {
            return data_err("no object \"pairs\"");
        };
        let mut model = ContextModel {
            compensated_sum: false,
            pairs: HashMap::new(),
            ratios: Vec::with_capacity(members.len()),
        };
        for (key, value) in members {
            // Python's `a, b = key.split("|")`: exactly one bar
            let mut parts = key.split('|');
            let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
                return data_err(format!("pair {key:?} is not \"a|b\""));
            };
            let Value::Object(entries) = value else {
                return data_err(format!("pairs[{key:?}] is not an object"));
            };
            let mut ratios = Ratios::with_capacity(entries.len());
            for (word, x) in entries {
                let Some(x) = x.as_f64() else {
                    return data_err(format!("pairs[{key:?}][{word:?}] is not a number"));
                };
                ratios.insert(word.to_string(), x); // a later duplicate wins, as in Python's dict
            }
            let slot = model.ratios.len();
            model.ratios.push(ratios);
            model
                .pairs
                .entry(a.to_owned())
                .or_default()
                .insert(b.to_owned(), slot);
        }
        Ok(model)
    }

    fn ratios(&self, a: &str, b: &str) -> Option<&Ratios> {
        let slot = *self.pairs.get(a)?.get(b)?;
        self.ratios.get(slot)
    }

    /// The number of pairs and of their context entries.
    pub fn sizes(&self) -> (usize, usize) {
        let pairs = self.pairs.values().map(HashMap::len).sum();
        (pairs, self.ratios.iter().map(HashMap::len).sum())
    }

    /// Are `a` and `b` a known pair (in either order)?
    pub fn knows(&self, a: &str, b: &str) -> bool {
        self.ratios(a, b).is_some() || self.ratios(b, a).is_some()
    }

    /// How much more the context words speak for `word` than for `other` (ln, damped and
    /// capped); 0 if the two are not a known pair. `context` is a set: each word counts once,
    /// whatever order or repeats the slice has.
    pub fn log_ratio<S: AsRef<str>>(&self, word: &str, other: &str, context: &[S]) -> f64 {
        let (ratios, sign) = match self.ratios(word, other) {
            Some(r) => (r, 1.0),
            None => match self.ratios(other, word) {
                Some(r) => (r, -1.0),
                None => return 0.0,
            },
        };
        let mut sorted: Vec<&str> = context.iter().map(AsRef::as_ref).collect();
        sorted.sort_unstable();
        sorted.dedup();
        // Python's sum from the int 0 (compensated from Python 3.12 on)
        let values = sorted
            .iter()
            .map(|c| ratios.get(*c).copied().unwrap_or(0.0));
        let total = py_sum(values, self.compensated_sum);
        let damped = WEIGHT * total;
        // min(CAP, x) and max(-CAP, y) as Python's builtins pick (the first unless the second is
        // strictly beyond it)
        let capped = if damped < CAP { damped } else { CAP };
        let capped = if capped > -CAP { capped } else { -CAP };
        sign * capped
    }
}

/// The features of a clause's end for the word before `rest` (the words after it up to the
/// clause's end), as `clause_end_features`: the last word lower-cased after "»", and "»*" with
/// its ending ("t", "n" or none); none if `rest` has fewer than two words. Sorted, without
/// repeats (Python returns a set).
pub fn clause_end_features<S: AsRef<str>>(rest: &[S]) -> Vec<String> {
    let [_, .., last] = rest else {
        return Vec::new();
    };
    let last = crate::pystr::lower(last.as_ref());
    let ending = VERB_ENDINGS
        .iter()
        .find(|e| last.ends_with(*e))
        .copied()
        .unwrap_or("");
    let mut out = vec![format!("»{last}"), format!("»*{ending}")];
    out.sort_unstable();
    out.dedup();
    out
}

/// Is there a clause break in `text`'s characters `pos..endpos` (code points, as Python's string
/// positions), as `CLAUSE_BREAK_RE.search(text, pos, endpos)` finds one: a comma, semicolon, colon,
/// bracket or dash (– —), or a hyphen with white space (or nothing) on both sides. As the `regex`
/// module searches: the look-behind sees the text before `pos`, the look-ahead ends at `endpos`.
/// Positions beyond the text are read as its end.
pub fn clause_break(text: &str, pos: usize, endpos: usize) -> bool {
    let mut before: Option<char> = None;
    let mut chars = text.chars().enumerate().peekable();
    while let Some((j, c)) = chars.next() {
        if j >= endpos {
            break;
        }
        if j >= pos {
            match c {
                ',' | ';' | ':' | '(' | ')' | '–' | '—' => return true,
                '-' => {
                    let space_before = before.is_none_or(char::is_whitespace);
                    let space_after = match chars.peek() {
                        Some(&(k, next)) if k < endpos => next.is_whitespace(),
                        _ => true,
                    };
                    if space_before && space_after {
                        return true;
                    }
                }
                _ => {}
            }
        }
        before = Some(c);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = r#"{"format": "korrektor-context", "version": 2, "pairs": {
        "hatte|hätte": {"wenn": 1.5, "gern": 2.25, "schon": -0.5, "»*n": 0.125},
        "wurde|würde": {"»*t": -3.0, "»bringen": 9.0}}}"#;

    #[test]
    fn ratios_as_python() {
        let m = ContextModel::from_json(MODEL).unwrap();
        assert!(m.knows("hatte", "hätte") && m.knows("hätte", "hatte"));
        assert!(!m.knows("hatte", "wurde") && !m.knows("hatte|hätte", ""));
        assert_eq!(m.log_ratio("hätte", "hatte", &["wenn", "schon", "x"]), -0.5);
        assert_eq!(
            m.log_ratio("hatte", "hätte", &["wenn", "gern", "wenn"]),
            1.875
        );
        assert_eq!(m.log_ratio("würde", "wurde", &["»bringen"]), -4.0, "capped");
        assert_eq!(m.log_ratio("wurde", "würde", &["»bringen"]), 4.0);
        let none: [&str; 0] = [];
        assert_eq!(
            m.log_ratio("hätte", "hatte", &none).to_bits(),
            (-0.0f64).to_bits()
        );
        assert_eq!(m.log_ratio("a", "b", &["wenn"]), 0.0);
        assert_eq!(m.sizes(), (2, 6));
    }

    #[test]
    fn refuses_other_files() {
        assert!(ContextModel::from_json("{}").is_err());
        assert!(ContextModel::from_json(&MODEL.replace("hatte|hätte", "a|b|c")).is_err());
        assert!(ContextModel::from_json(&MODEL.replace("1.5", "[]")).is_err());
    }

    #[test]
    fn clause_ends() {
        assert_eq!(
            clause_end_features(&["viel", "Bringen"]),
            ["»*n", "»bringen"]
        );
        assert_eq!(
            clause_end_features(&["ich", "skeptisch", "beäugt"]),
            ["»*t", "»beäugt"]
        );
        assert_eq!(clause_end_features(&["a", "so"]), ["»*", "»so"]);
        assert_eq!(clause_end_features(&["a", "*t"]), ["»*t"]);
        assert!(clause_end_features(&["nur"]).is_empty());
    }

    #[test]
    fn clause_breaks_as_the_regex() {
        assert!(clause_break("a, b", 1, 3));
        assert!(!clause_break("a, b", 2, 4));
        assert!(clause_break("a - b", 2, 3));
        assert!(clause_break("a -b", 2, 3), "the look-ahead ends at endpos");
        assert!(
            !clause_break("a- b", 1, 2),
            "the look-behind sees before pos"
        );
        assert!(clause_break("-", 0, 1));
        assert!(clause_break(" -\u{a0}", 0, 3));
        assert!(
            !clause_break(" -\u{1c}", 0, 3),
            "U+001C is not white space to regex"
        );
        assert!(!clause_break("x-y", 0, 3));
        assert!(clause_break("ä—ö", 0, 9));
        assert!(!clause_break("a, b", 3, 1));
    }

    /// The packaged model: a pair Python knows and a ratio it gives.
    #[test]
    fn packaged_model() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        let m = ContextModel::load(&dir).unwrap();
        assert!(m.sizes().0 > 300);
        assert!(m.knows("wurde", "würde") && m.knows("würde", "wurde"));
        assert_eq!(
            m.log_ratio("würde", "wurde", &["wenn", "»bringen", "»*n"]),
            4.0
        );
    }
}
