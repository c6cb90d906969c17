//! The language data as the correction engine asks it: the forms with their word-form and
//! compound logic ([`Forms`]) and the Kneser-Ney bigram model ([`Bigrams`]) behind one object,
//! with the unigram and bigram scores of `korrektor.lexicon.Lexicon` (`logp`, `logp_bigram`,
//! `bigram_count`), which need both: a word's row in the bigram model is its own id, or the id of
//! the stored form its case or spelling stands in for; a word without one scores by its
//! supplementary count, as a compound, or as an unknown word.
//!
//! A word given as `None` is a string that is no text (a Python string with a lone surrogate):
//! it is scored as an unknown word that is no compound, which is what Python computed for one.

use std::fs;
use std::path::Path;

use crate::bigrams::Bigrams;
use crate::forms::Forms;
use crate::json;
use crate::lexicon::{Error, Lexicon};

const META_FILE: &str = "lexicon_meta.json";
/// `"<s>"`: the history of a sentence's first word.
pub const SENT_START: &str = "<s>";
/// Effective counts of a word without a stored count (`_COMPOUND_COUNT`, `_UNKNOWN_COUNT`) and
/// the share of its stored form's count a case variant gets (`_VARIANT_FACTOR`).
const COMPOUND_COUNT: f64 = 0.5;
const UNKNOWN_COUNT: f64 = 0.1;
const VARIANT_FACTOR: f64 = 0.5;

/// Read-only; one instance is shared by any number of threads.
pub struct Language {
    forms: Forms,
    bigrams: Bigrams,
    /// tokens counted (`total_tokens` of the meta file): the unigram model's denominator
    total: u64,
}

impl Language {
    /// Load from the data directory `dir` (as `Lexicon.load(dir, supplement)` in Python).
    pub fn load(dir: &Path, supplement: bool) -> Result<Language, Error> {
        Self::with_forms(dir, Forms::load(dir, supplement)?)
    }

    /// Load with the forms built from the text sources, not mapped from `lexicon.core`.
    pub fn build(dir: &Path, supplement: bool) -> Result<Language, Error> {
        Self::with_forms(
            dir,
            Forms::with_lexicon(dir, Lexicon::build(dir, supplement)?, supplement)?,
        )
    }

    fn with_forms(dir: &Path, forms: Forms) -> Result<Language, Error> {
        let path = dir.join(META_FILE);
        let meta = fs::read_to_string(&path).map_err(|e| Error::Io(path.clone(), e))?;
        let total = json::top_level_value(&meta, "total_tokens")
            .and_then(json::number)
            .filter(|t| *t >= 1.0 && t.fract() == 0.0 && *t < 2f64.powi(53))
            .ok_or_else(|| Error::Data(format!("{META_FILE}: no positive integer total_tokens")))?;
        let bigrams = Bigrams::load(dir)?;
        Ok(Language {
            forms,
            bigrams,
            total: total as u64,
        })
    }

    pub fn forms(&self) -> &Forms {
        &self.forms
    }

    pub fn lexicon(&self) -> &Lexicon {
        self.forms.lexicon()
    }

    pub fn bigrams(&self) -> &Bigrams {
        &self.bigrams
    }

    /// The corpus forms (`len(Lexicon)`): the bigram model has a row for each, and one more
    /// for the sentence start.
    pub fn corpus_forms(&self) -> usize {
        self.bigrams.sos() as usize
    }

    /// Make every page of the mapped data resident now, rather than as words first need them:
    /// a process that forks workers does it once before, so that they share all of it from
    /// the start. Returns the bytes covered.
    pub fn prefetch(&self) -> usize {
        self.lexicon().prefetch() + self.bigrams.prefetch()
    }

    /// Tokens counted (`Lexicon.total`).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The bigram row of `word` (`Lexicon._id`): its own id (an ASCII apostrophe read as
    /// U+2019), else that of the stored form its case or spelling stands in for; `None` for a
    /// supplementary form, a compound or an unknown word.
    pub fn row(&self, word: &str) -> Option<u32> {
        let lex = self.lexicon();
        lex.word_id(word)
            .or_else(|| self.forms.variant(word).and_then(|v| lex.word_id_exact(&v)))
    }

    /// The numerator of the lowest order of a word without a row (`Lexicon._p_cont`): a rare
    /// word follows about as many different words as it occurs, so a supplementary form's (or
    /// its variant's) count; else a compound's or an unknown word's effective count.
    fn unknown_cont(&self, word: Option<&str>) -> f64 {
        let Some(word) = word else {
            return UNKNOWN_COUNT;
        };
        let lex = self.lexicon();
        if lex.has_supplement() {
            let supplement = |w: &str| lex.is_supplement_form(w).then(|| lex.get(w)).flatten();
            let c = supplement(word)
                .filter(|c| *c > 0)
                .or_else(|| self.forms.variant(word).and_then(|v| supplement(&v)))
                .filter(|c| *c > 0);
            if let Some(c) = c {
                return c as f64;
            }
        }
        if self.forms.compound_split(word).is_some() {
            COMPOUND_COUNT
        } else {
            UNKNOWN_COUNT
        }
    }

    /// ln P(word), the relative frequency of the exact form (`Lexicon.logp`): a word without a
    /// stored count gets half its variant's count, or a compound's or an unknown word's.
    pub fn logp(&self, word: Option<&str>) -> f64 {
        let c = match word {
            None => UNKNOWN_COUNT,
            Some(w) => match self.lexicon().count(w) {
                0 => match self.forms.variant(w) {
                    Some(v) => self.lexicon().get(&v).unwrap_or(0) as f64 * VARIANT_FACTOR,
                    None if self.forms.compound_split(w).is_some() => COMPOUND_COUNT,
                    None => UNKNOWN_COUNT,
                },
                c => c as f64,
            },
        };
        (c / self.total as f64).ln()
    }

    /// ln P(word | prev), interpolated modified Kneser-Ney (`Lexicon.logp_bigram`); `prev` may
    /// be [`SENT_START`].
    pub fn logp_bigram(&self, prev: Option<&str>, word: Option<&str>) -> f64 {
        let wid = word.and_then(|w| self.row(w));
        let unknown = if wid.is_none() {
            self.unknown_cont(word)
        } else {
            0.0
        };
        let hid = match prev {
            Some(SENT_START) => Some(self.bigrams.sos()),
            Some(p) => self.row(p),
            None => None,
        };
        self.bigrams.logp_bigram(hid, wid, unknown)
    }

    /// The stored count of the exact pair (`Lexicon.bigram_count`: the exact forms' ids, no
    /// apostrophe or case variant), 0.0 if either is no stored form.
    pub fn bigram_count(&self, prev: &str, word: &str) -> f64 {
        let lex = self.lexicon();
        let hid = if prev == SENT_START {
            Some(self.bigrams.sos())
        } else {
            lex.word_id_exact(prev)
        };
        self.bigrams.bigram_count(hid, lex.word_id_exact(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn data() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data")
    }

    #[test]
    fn the_packaged_data_scores_words_and_pairs() {
        let lang = Language::load(&data(), true).unwrap();
        let lp = |w: &str| lang.logp(Some(w));
        // a frequent word beats a rare one, a compound beats an unknown word
        assert!(lp("für") > lp("Migrantenselbstorganisationen"));
        assert!(lp("Kinderbetreuungsplatzausbau") > lp("Xqzvwb"));
        // a word in capitals scores as its likelier stored form, at half its count
        assert_eq!(lang.lexicon().count("FÜR"), 0);
        let ratio = (lp("FÜR") - lp("für")).exp();
        assert!((ratio - 0.5).abs() < 1e-12, "{ratio}");
        // a string that is no text is an unknown word
        assert_eq!(lang.logp(None), lp("Xqzvwb"));
        let lb = |a: &str, b: &str| lang.logp_bigram(Some(a), Some(b));
        assert!(lb("wir", "müssen") > lb("wir", "Müssen"));
        assert!(lb(SENT_START, "Die") > lb(SENT_START, "die"));
        assert!(lang.bigram_count("wir", "müssen") > 0.0);
        assert_eq!(lang.bigram_count("wir", "Xqzvwb"), 0.0);
        assert_eq!(lang.row("FÜR"), lang.row("für"));
    }

    #[test]
    fn a_missing_meta_file_is_an_error() {
        let dir = std::env::temp_dir().join(format!("korrektor-language-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        assert!(matches!(Language::load(&dir, true), Err(Error::Io(..))));
    }
}
