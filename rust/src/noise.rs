//! Whether a page reads as clean text, by the word edits the decoder is sure of
//! (`stages/words/noise.py`), with Python's answers exactly: an OCR page, even a lightly damaged
//! one, has several words per thousand letters the decoder is all but certain of; a page of clean
//! text (typed, a PDF's text layer) has few or none, and there a word edit is applied only when it
//! is as sure as a clean page's edits never are.
//!
//! The edits come as their kind and confidence (all the test reads of them). The letters are the
//! `regex` module's `\p{L}` ([`pystr::regex_is_letter`]): `_NON_LETTERS_RE.sub("", text)` keeps
//! them and nothing else.

use crate::edits::Kind;
use crate::pystr;

/// `NOISE.sure`: a word edit at least this sure is evidence of damage ...
pub const SURE: f64 = 0.99;
/// `NOISE.min_sure_per_1000_letters`: ... and a page with fewer per thousand letters is clean.
pub const MIN_SURE_PER_1000_LETTERS: f64 = 0.6;
/// `NOISE.clean_page_confidence`: on a clean page, a word edit below it is a doubt.
pub const CLEAN_PAGE_CONFIDENCE: f64 = 0.999;
/// `NOISE.min_letters`: a shorter text says too little either way.
pub const MIN_LETTERS: usize = 1000;
/// `_NON_LETTERS_RE`, as [`clean_page`] counts what it leaves.
pub const NON_LETTERS: &str = r"\P{L}+";

/// `clean_page(text, changes)`: does the page read as clean text? `changes`: each change's kind
/// and confidence (read only where the text is long enough).
pub fn clean_page<I>(text: &str, changes: impl FnOnce() -> I) -> bool
where
    I: IntoIterator<Item = (Kind, f64)>,
{
    // `len(text)`: code points
    let n = text.chars().count();
    if n < MIN_LETTERS {
        return false;
    }
    let sure = changes()
        .into_iter()
        .filter(|&(kind, confidence)| kind == Kind::Word && confidence >= SURE)
        .count() as f64;
    if sure >= MIN_SURE_PER_1000_LETTERS * n as f64 / 1000.0 {
        return false; // damaged, whatever share of the text its letters are
    }
    let letters = text.chars().filter(|&c| pystr::regex_is_letter(c)).count();
    letters >= MIN_LETTERS && sure < MIN_SURE_PER_1000_LETTERS * letters as f64 / 1000.0
}

/// `held_on_a_clean_page(edit)`: is a word edit too unsure for a clean page?
pub fn held_on_a_clean_page(kind: Kind, confidence: f64) -> bool {
    kind == Kind::Word && confidence < CLEAN_PAGE_CONFIDENCE
}

/// Both on `text` with made-up edits (the fuzz target's body, [`crate::fuzzing`]).
#[cfg(any(test, feature = "fuzzing"))]
pub fn exercise(text: &str) -> usize {
    let edits = |k: usize| (0..k).map(|i| (Kind::ALL[i % Kind::ALL.len()], 0.99 + i as f64 * 1e-3));
    let pages = [0, 1, 20, 2000].map(|k| usize::from(clean_page(text, || edits(k))));
    let held = edits(12)
        .filter(|&(k, c)| held_on_a_clean_page(k, c))
        .count();
    pages.iter().sum::<usize>() + held
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_and_damaged_pages() {
        let text = "a".repeat(2000);
        let sure = || (0..10).map(|_| (Kind::Word, 0.999));
        let unsure = || (0..10).map(|_| (Kind::Word, 0.9));
        assert!(!clean_page(&text, sure));
        assert!(clean_page(&text, unsure));
        assert!(clean_page(&text, Vec::new));
        assert!(!clean_page(&"a".repeat(100), Vec::new));
        // long enough, but too few letters
        assert!(!clean_page(&"1 ".repeat(1000), Vec::new));
        // the punctuation's edits do not count
        assert!(clean_page(&text, || (0..10).map(|_| (Kind::Punctuation, 1.0))));
        assert!(held_on_a_clean_page(Kind::Word, 0.99));
        assert!(!held_on_a_clean_page(Kind::Word, 0.999));
        assert!(!held_on_a_clean_page(Kind::Glyph, 0.5));
        assert!(exercise(&text) > 0);
    }
}
