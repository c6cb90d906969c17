//! The word-form layer of `korrektor.lexicon.Lexicon`: case and spelling variants of the stored
//! forms, where a form was seen (varieties), the protected forms, the old spellings before the
//! 1996 reform, and the rare forms that OCR confusion makes of frequent ones.
//!
//! [`Forms`] owns a [`Lexicon`] (the forms and counts) and the data these methods read besides:
//! * `lexicon_varieties.npy`: a `u8` bitmask per corpus form id (optional: older data has none);
//! * `lexicon_protected.txt`: the protected forms, one a line (read with the supplement only, as
//!   in Python); held in a hash set, and the nouns among them lower-cased in an `fst::Set` for
//!   the compound analysis's prefix search (together ~10 ms at load: small enough that an image
//!   written by the build would buy nothing);
//! * the compound heads and modifiers ([`crate::compounds`]).
//!
//! Every method answers what the Python method of the same name answers, on any string: the
//! case logic is CPython's ([`crate::pystr`]), lengths and slices are in code points. Where the
//! Python code asks its dict of counts directly (`w in self._counts`) this asks
//! [`Lexicon::get`] (no apostrophe mapped); where it calls `count` or `is_form`, those.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

use fst::Set;

use crate::compounds::Compounds;
use crate::lexicon::{Error, Lexicon};
use crate::npy;
use crate::pystr;

pub const VARIETIES_FILE: &str = "lexicon_varieties.npy";
pub const PROTECTED_FILE: &str = "lexicon_protected.txt";

/// `korrektor.lexicon.MODERN`: the form was seen in modern German from Germany.
pub const MODERN: u8 = 1;
/// `OLD_FORM_RATIO`: an ß form's modern spelling this many times as frequent makes it old.
const OLD_FORM_RATIO: u64 = 100;
/// `NOUN_CAPITAL_RATIO`
const NOUN_CAPITAL_RATIO: u64 = 100;
/// `SHADOWED.max_count`, `SHADOWED.ratio`
const SHADOWED_MAX_COUNT: u64 = 20;
const SHADOWED_RATIO: f64 = 100.0;

/// The vowels after which an ß stayed an ß in the 1996 reform (`_VOWELS_AFTER_SZ`).
const VOWELS_AFTER_SZ: &str = "aeiouyäöü";

/// Common OCR letter confusions, as (as read, original): `compounds._OCR_CONFUSIONS`, in its
/// order.
pub(crate) const OCR_CONFUSIONS: &[(&str, &str)] = &[
    ("o", "e"),
    ("e", "o"),
    ("c", "e"),
    ("e", "c"),
    ("rn", "m"),
    ("m", "rn"),
    ("l", "i"),
    ("i", "l"),
    ("I", "l"),
    ("l", "I"),
    ("t", "f"),
    ("f", "t"),
    ("b", "h"),
    ("h", "b"),
    ("u", "n"),
    ("n", "u"),
    ("cl", "d"),
    ("li", "h"),
    ("ii", "ü"),
    ("a", "s"),
    ("s", "a"),
    ("B", "ß"),
    ("ll", "li"),
    ("d", "ä"),
];

/// `korrektor.lexicon.modern_spelling`: the spelling after the 1996 reform of a word with an ß
/// that the reform made ss ("Fluß" → "Fluss"), or `None`.
pub fn modern_spelling(word: &str) -> Option<String> {
    if !word.contains('ß') {
        return None;
    }
    let mut pieces = word.split('ß');
    let mut out = String::with_capacity(word.len() + 2);
    out.push_str(pieces.next().unwrap_or(""));
    let mut changed = false;
    for after in pieces {
        if after
            .chars()
            .next()
            .is_some_and(|c| VOWELS_AFTER_SZ.contains(c))
        {
            out.push('ß');
        } else {
            out.push_str("ss");
            changed = true;
        }
        out.push_str(after);
    }
    changed.then_some(out)
}

/// `compounds.confusion_twins`: `x` with one OCR confusion undone, in Python's order (by
/// confusion, then position; overlapping matches too).
pub fn confusion_twins(x: &str) -> impl Iterator<Item = String> + '_ {
    OCR_CONFUSIONS.iter().flat_map(move |&(seen, orig)| {
        let mut from = 0usize;
        std::iter::from_fn(move || {
            let i = from + x.get(from..)?.find(seen)?;
            // the next search starts one character on (Python's `find(seen, i + 1)`)
            from = i + x.get(i..)?.chars().next().map_or(1, char::len_utf8);
            Some(format!("{}{}{}", &x[..i], orig, &x[i + seen.len()..]))
        })
    })
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, Error> {
    match fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Io(path.to_owned(), e)),
    }
}

/// The lexicon's forms with the word-form and compound logic of the Python `Lexicon`. Read-only:
/// one instance is shared by any number of threads.
pub struct Forms {
    pub(crate) lex: Lexicon,
    varieties: Option<Vec<u8>>,
    protected: HashSet<String>,
    pub(crate) protected_nouns: Set<Vec<u8>>,
    pub(crate) compounds: Compounds,
    pub(crate) split_cache: crate::compounds::SplitCache,
}

impl Forms {
    /// Load from the data directory `dir` (as `Lexicon.load(dir, supplement)` in Python).
    pub fn load(dir: &Path, supplement: bool) -> Result<Forms, Error> {
        Self::with_lexicon(dir, Lexicon::load(dir, supplement)?, supplement)
    }

    /// The word-form data of `dir` around the forms `lex` (loaded with the same `supplement`).
    pub fn with_lexicon(dir: &Path, lex: Lexicon, supplement: bool) -> Result<Forms, Error> {
        let varieties = match read_optional(&dir.join(VARIETIES_FILE))? {
            None => None,
            Some(raw) => {
                let v = npy::read_uints(&raw)
                    .map_err(|e| Error::Data(format!("{VARIETIES_FILE}: {e}")))?;
                let v: Result<Vec<u8>, _> = v.into_iter().map(u8::try_from).collect();
                Some(v.map_err(|_| Error::Data(format!("{VARIETIES_FILE}: not u8")))?)
            }
        };
        let mut protected = HashSet::new();
        if supplement {
            if let Some(raw) = read_optional(&dir.join(PROTECTED_FILE))? {
                let text = String::from_utf8(raw)
                    .map_err(|e| Error::Data(format!("{PROTECTED_FILE}: not UTF-8: {e}")))?;
                // Python keeps every line but the text after the last newline
                let mut lines: Vec<&str> = text.split('\n').collect();
                lines.pop();
                protected.extend(lines.into_iter().map(str::to_owned));
            }
        }
        let protected_nouns = protected_nouns(&protected)?;
        let compounds = Compounds::load(dir)?;
        Ok(Forms {
            lex,
            varieties,
            protected,
            protected_nouns,
            compounds,
            split_cache: Default::default(),
        })
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Is there a varieties file (`Lexicon.has_varieties`)?
    pub fn has_varieties(&self) -> bool {
        self.varieties.is_some()
    }

    /// `w in Lexicon._counts`: stored exactly (corpus or supplement).
    #[inline]
    pub(crate) fn stored(&self, word: &str) -> bool {
        self.lex.get(word).is_some()
    }

    /// `Lexicon._counts.get(word, 0)`
    #[inline]
    pub(crate) fn get0(&self, word: &str) -> u64 {
        self.lex.get(word).unwrap_or(0)
    }

    /// `Lexicon.count`: the count of the form (an ASCII apostrophe read as U+2019), else 0.
    pub fn count(&self, word: &str) -> u64 {
        self.lex.count(word)
    }

    /// `Lexicon.count_ci`: the counts of the form as it is, lower-cased, capitalised and
    /// upper-cased, each variant once.
    pub fn count_ci(&self, word: &str) -> u64 {
        let word = apostrophe(word);
        let mut variants: Vec<String> = vec![
            word.to_string(),
            pystr::lower(&word),
            pystr::upper_first_lower_rest(&word),
            pystr::upper(&word),
        ];
        variants.sort_unstable();
        variants.dedup();
        variants.iter().map(|v| self.get0(v)).sum()
    }

    /// `Lexicon._variant`: the stored form standing in for `word` if only its case or its
    /// spelling (before 1996) is unusual.
    pub fn variant(&self, word: &str) -> Option<String> {
        if let Some(modern) = modern_spelling(word) {
            // the modern spelling has no ß left to change: this recursion ends at once
            return if self.stored(&modern) {
                Some(modern)
            } else {
                self.variant(&modern)
            };
        }
        if !pystr::first_is_upper(word) {
            return None;
        }
        let low = pystr::lower_first(word);
        if self.stored(&low) {
            return Some(low);
        }
        if pystr::len(word) > 1 && pystr::is_upper(word) {
            let mut best: Option<(String, u64)> = None;
            for v in [pystr::lower(word), pystr::keep_first_lower_rest(word)] {
                if let Some(c) = self.lex.get(&v) {
                    // Python's max keeps the first of equals
                    if best.as_ref().is_none_or(|&(_, b)| c > b) {
                        best = Some((v, c));
                    }
                }
            }
            return best.map(|(v, _)| v);
        }
        None
    }

    /// `Lexicon.varieties`: the bitmask of where the form (or its lower-case or title-case
    /// variant) was seen; 0 for a word that is no stored corpus form.
    pub fn varieties(&self, word: &str) -> u8 {
        let Some(varieties) = &self.varieties else {
            return 0;
        };
        let word = apostrophe(word);
        let (first, rest) = pystr::split_first(&word);
        let forms = [
            word.to_string(),
            pystr::lower(first) + rest,
            pystr::lower(&word),
            first.to_owned() + &pystr::lower(rest),
        ];
        for form in &forms {
            if let Some(id) = self.lex.word_id(form) {
                // (a varieties file shorter than the forms is bad data: read as no variety)
                return varieties.get(id as usize).copied().unwrap_or(0);
            }
        }
        0
    }

    /// `Lexicon.noun_in_lower_case`: is the lower-case `word` a noun the corpus writes with a
    /// capital at least NOUN_CAPITAL_RATIO times as often?
    pub fn noun_in_lower_case(&self, word: &str) -> bool {
        match self.lex.get(&pystr::upper_first(word)) {
            Some(capital) => {
                self.get0(word).saturating_mul(NOUN_CAPITAL_RATIO) <= capital
                    && pystr::is_lower(word)
            }
            None => false,
        }
    }

    /// `Lexicon.is_supplement`: the word (or the form its case stands in for) is a supplementary
    /// form.
    pub fn is_supplement(&self, word: &str) -> bool {
        self.lex.is_supplement_form(word)
            || self
                .variant(word)
                .is_some_and(|v| self.lex.is_supplement_form(&v))
    }

    /// `Lexicon.is_form`: a stored form or a case or spelling variant of one.
    pub fn is_form(&self, word: &str) -> bool {
        if self.stored(word) {
            return true;
        }
        if word.contains('\'') && self.stored(&word.replace('\'', "\u{2019}")) {
            return true;
        }
        self.variant(word).is_some()
    }

    /// `Lexicon._is_protected`: a protected form, or one capitalised at a sentence's start.
    pub fn is_protected(&self, word: &str) -> bool {
        let p = &self.protected;
        !p.is_empty()
            && (p.contains(word)
                || (pystr::first_is_upper(word) && p.contains(&pystr::lower_first(word))))
    }

    /// `Lexicon.protected_nouns`: the protected forms with a capital initial only, lower-cased,
    /// sorted.
    pub fn protected_nouns(&self) -> Vec<String> {
        self.protected_nouns
            .stream()
            .into_strs()
            .unwrap_or_default()
    }

    /// `Lexicon.old_spelling`: not stored itself, but a stored form (or a case variant of one)
    /// written as before 1996.
    pub fn old_spelling(&self, word: &str) -> bool {
        word.contains('ß')
            && !self.stored(word)
            && modern_spelling(word).is_some()
            && self.variant(word).is_some()
    }

    /// `Lexicon.spelt_before_1996`
    pub fn spelt_before_1996(&self, word: &str) -> bool {
        if !word.contains('ß') {
            return false;
        }
        if self.old_spelling(word) {
            return true;
        }
        let Some(modern) = modern_spelling(word) else {
            return false;
        };
        if self.has_varieties()
            && self.is_form(word)
            && self.varieties(word) & MODERN == 0
            && self.is_form(&modern)
        {
            return true;
        }
        self.count(&modern) >= OLD_FORM_RATIO.saturating_mul(self.count(word).max(1))
    }

    /// `Lexicon.shadowed`: a rare stored form of the old books only, one OCR confusion from a
    /// form far more frequent.
    pub fn shadowed(&self, word: &str) -> bool {
        let c = self.count(word);
        if !(self.has_varieties() && 0 < c && c < SHADOWED_MAX_COUNT && pystr::is_alpha(word)) {
            return false;
        }
        if self.varieties(word) & MODERN != 0 {
            return false;
        }
        // Python multiplies a float by an int: exact below 2^53, as every count here is
        let need = SHADOWED_RATIO * c.max(self.count_ci(word)) as f64;
        confusion_twins(word).any(|t| self.count_ci(&t) as f64 >= need)
    }
}

/// `word` with the ASCII apostrophe made U+2019, as the corpus writes it.
fn apostrophe(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains('\'') {
        std::borrow::Cow::Owned(word.replace('\'', "\u{2019}"))
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// The protected nouns for the compound analysis, as Python's `protected_nouns` builds them:
/// `w[:1].isupper() and w[1:].islower()`, lower-cased, in an `fst::Set` (sorted by bytes, which
/// is Python's order of code points).
fn protected_nouns(protected: &HashSet<String>) -> Result<Set<Vec<u8>>, Error> {
    let mut nouns: Vec<String> = protected
        .iter()
        .filter(|w| {
            let (_, rest) = pystr::split_first(w);
            pystr::first_is_upper(w) && pystr::is_lower(rest)
        })
        .map(|w| pystr::lower(w))
        .collect();
    nouns.sort_unstable();
    nouns.dedup();
    Set::from_iter(nouns).map_err(|e| Error::Data(format!("{PROTECTED_FILE}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modern() {
        assert_eq!(modern_spelling("daß").as_deref(), Some("dass"));
        assert_eq!(modern_spelling("Straße"), None);
        assert_eq!(modern_spelling("Fluß").as_deref(), Some("Fluss"));
        assert_eq!(modern_spelling("mußte").as_deref(), Some("musste"));
        assert_eq!(modern_spelling("ßß").as_deref(), Some("ssss"));
        assert_eq!(modern_spelling("Haus"), None);
    }

    #[test]
    fn twins() {
        let t: Vec<String> = confusion_twins("iii").collect();
        assert_eq!(t, ["lii", "ili", "iil", "üi", "iü"]);
        let t: Vec<String> = confusion_twins("Bär").collect();
        assert_eq!(t, ["ßär"]);
        assert_eq!(confusion_twins("").count(), 0);
    }
}
