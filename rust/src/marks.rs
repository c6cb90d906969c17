//! Words German prose never follows with a full stop, a comma or a dash, pairs of words it never
//! parts with a mark, capitals it writes only at a sentence start, and how plausible a dash is
//! between two words (`korrektor.marks.MarkStats`, read from `data/punctuation.json`, which
//! `scripts/build_punctuation.py` counts in the corpus).
//!
//! Shared by the stages that judge a mark between two words: the words stage's repairs between
//! the decided words and the layout stage's specks in the margin.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use crate::json_value::{self, Value};
use crate::lexicon::Error;

/// The file in the package's data directory.
pub const MARKS_FILE: &str = "punctuation.json";

/// The mark statistics (`korrektor.marks.MarkStats`).
#[derive(Debug, Clone, Default)]
pub struct MarkStats {
    pub no_sentence_end_after: HashSet<String>,
    pub no_comma_after: HashSet<String>,
    /// "first second": neighbours no mark ever parts
    pub no_mark_between: HashSet<String>,
    /// capitalised only at a sentence start ("Sollten")
    pub capital_only_first: HashSet<String>,
    /// capitalised words that start sentences ("Aber", "Weil")
    pub sentence_starts: HashSet<String>,
    /// a dash between words never follows them
    pub no_dash_after: HashSet<String>,
    before_dash: HashMap<String, f64>,
    unlisted_before_dash: f64,
    after_dash: HashMap<String, f64>,
    unlisted_after_dash: f64,
}

fn data_err<T>(msg: impl std::fmt::Display) -> Result<T, Error> {
    Err(Error::Data(format!("{MARKS_FILE}: {msg}")))
}

impl MarkStats {
    /// Load `punctuation.json` from the data directory `dir`.
    pub fn load(dir: &Path) -> Result<MarkStats, Error> {
        let path = dir.join(MARKS_FILE);
        let text = fs::read_to_string(&path).map_err(|e| Error::Io(path, e))?;
        Self::from_json(&text)
    }

    /// The statistics from the text of `punctuation.json`.
    pub fn from_json(text: &str) -> Result<MarkStats, Error> {
        let data = json_value::parse(text).or_else(data_err)?;
        let words = |name: &str| -> Result<HashSet<String>, Error> {
            match data.get(name) {
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|v| match v.as_str() {
                        Some(s) => Ok(s.to_owned()),
                        None => data_err(format!("{name}: not a string")),
                    })
                    .collect(),
                _ => data_err(format!("no list {name:?}")),
            }
        };
        // {"-7.4": ["Es"], ...}: each word's value (Python's `float` of the key; a word listed
        // twice keeps the later value, as the dict comprehension of `marks._by_word` does)
        let by_word = |name: &str| -> Result<HashMap<String, f64>, Error> {
            let Some(Value::Object(members)) = data.get(name) else {
                return data_err(format!("no object {name:?}"));
            };
            let mut out = HashMap::new();
            for (value, ws) in members.iter() {
                let Ok(x) = value.trim().parse::<f64>() else {
                    return data_err(format!("{name}: {value:?} is not a number"));
                };
                let Value::Array(ws) = ws else {
                    return data_err(format!("{name}[{value:?}] is not a list"));
                };
                for w in ws {
                    let Some(w) = w.as_str() else {
                        return data_err(format!("{name}[{value:?}]: not a string"));
                    };
                    out.insert(w.to_owned(), x);
                }
            }
            Ok(out)
        };
        let number = |name: &str| match data.get(name).and_then(Value::as_f64) {
            Some(x) => Ok(x),
            None => data_err(format!("no number {name:?}")),
        };
        Ok(MarkStats {
            no_sentence_end_after: words("no_sentence_end_after")?,
            no_comma_after: words("no_comma_after")?,
            no_mark_between: words("no_mark_between")?,
            capital_only_first: words("capital_only_first")?,
            sentence_starts: words("sentence_starts")?,
            no_dash_after: words("no_dash_after")?,
            before_dash: by_word("before_dash")?,
            unlisted_before_dash: number("unlisted_before_dash")?,
            after_dash: by_word("after_dash")?,
            unlisted_after_dash: number("unlisted_after_dash")?,
        })
    }

    /// Does prose never part `first` and `second` with a mark ("nicht mehr")?
    pub fn no_mark_between(&self, first: &str, second: &str) -> bool {
        // the set holds "first second"; a key is built only for a word pair that could be in it
        let mut key = String::with_capacity(first.len() + 1 + second.len());
        key.push_str(first);
        key.push(' ');
        key.push_str(second);
        self.no_mark_between.contains(&key)
    }

    /// ln of how much more (> 0) or less (< 0) often than between two average words prose puts
    /// a dash between `before` and `after` (each word's rate, taken as independent).
    pub fn dash_plausibility(&self, before: &str, after: &str) -> f64 {
        self.before_dash
            .get(before)
            .copied()
            .unwrap_or(self.unlisted_before_dash)
            + self
                .after_dash
                .get(after)
                .copied()
                .unwrap_or(self.unlisted_after_dash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"no_sentence_end_after": ["der"], "no_comma_after": ["zum"],
        "no_dash_after": ["die"], "no_mark_between": ["nicht mehr"], "capital_only_first": ["Sollten"],
        "sentence_starts": ["Aber"], "before_dash": {"-7.4": ["Es"], "1.5": ["gesagt", "Es"]},
        "unlisted_before_dash": 0.6, "after_dash": {"2.0": ["ich"]}, "unlisted_after_dash": -0.8}"#;

    #[test]
    fn reads_the_sets_and_the_dash_rates() {
        let m = MarkStats::from_json(SAMPLE).unwrap();
        assert!(m.no_mark_between("nicht", "mehr"));
        assert!(!m.no_mark_between("nicht", "weniger"));
        assert!(m.no_sentence_end_after.contains("der"));
        assert!(m.capital_only_first.contains("Sollten"));
        // "Es" listed twice: the later value
        assert_eq!(m.dash_plausibility("Es", "ich"), 1.5 + 2.0);
        assert_eq!(m.dash_plausibility("junge", "Einigung"), 0.6 + -0.8);
    }

    #[test]
    fn refuses_what_is_no_mark_file() {
        assert!(MarkStats::from_json("{}").is_err());
        assert!(MarkStats::from_json("[1]").is_err());
        let bad = SAMPLE.replace("\"-7.4\"", "\"x\"");
        assert!(MarkStats::from_json(&bad).is_err());
    }

    #[test]
    fn the_packaged_file_loads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        let m = MarkStats::load(&dir).unwrap();
        assert!(m.no_mark_between.len() > 1000);
    }
}
