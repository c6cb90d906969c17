//! The document's spelling (`korrektor/spelling.py`), with Python's answers exactly: whether a
//! document writes the Swiss ss for ß ("Strasse", "gross", "heisst"), from evidence in its own
//! text ([`detect`]), and what follows from it: a correction may not put the ß into a Swiss
//! word ([`Spelling::allows`]), and a word the lexicon lacks that is right in Swiss spelling
//! ("Veräusserung") is left alone ([`Spelling::known_variant`], `tokens.protect_spelling`:
//! [`protect_spelling`]).
//!
//! Evidence for Swiss spelling is a word with ss that the lexicon knows, far more often, with ß in
//! its place ([`swiss_word`]). `_SS_OR_SZ_RE` (`ss|ß`), which finds the words worth asking about,
//! is matched by hand; [`SS_OR_SZ`] is the pattern implemented, compared by the Python side with
//! its own at import, as are the constants.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::document::PassToken;
use crate::forms::Forms;
use crate::pystr;
use crate::search::Fx;

/// `korrektor.lexicon.SWISS_SS`: the language data counted the form with ss in Swiss sources.
pub const SWISS_SS: u8 = 16;
/// `SWISS.min_ratio`: the ß form must be this many times as frequent as the ss form ...
pub const MIN_RATIO: f64 = 20.0;
/// `SWISS.min_count`: ... and seen this often.
pub const MIN_COUNT: u64 = 20;
/// `SWISS.min_words`: different words of evidence a document with some ß needs.
pub const MIN_WORDS: usize = 2;
/// `SWISS.min_ratio_to_sz_words`: Swiss words must outnumber the words with ß this many times.
pub const MIN_RATIO_TO_SZ_WORDS: f64 = 4.0;
/// How many words of evidence a Swiss spelling keeps (a literal in Python).
pub const MAX_EVIDENCE: usize = 5;
/// `_SS_OR_SZ_RE`, as [`detect`] finds its matches.
pub const SS_OR_SZ: &str = "ss|ß";

/// How a document spells (`Spelling`): `swiss` writes ss for ß; `evidence` lists the words that
/// decided it, at most [`MAX_EVIDENCE`]. The default is `STANDARD`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spelling {
    pub swiss: bool,
    pub evidence: Vec<String>,
}

impl Spelling {
    /// `Spelling.allows(before, after)`: may a correction turn `before` into `after`? Not where
    /// it only writes the Swiss ss as ß.
    pub fn allows(&self, before: &str, after: &str) -> bool {
        !(self.swiss && after.contains('ß') && after.replace('ß', "ss") == before)
    }

    /// `Spelling.known_variant(word, lexicon)`: the standard spelling of a word the lexicon lacks
    /// that this spelling writes its own way, or None.
    pub fn known_variant(&self, forms: &Forms, word: &str) -> Option<String> {
        if !self.swiss || !word.contains("ss") {
            return None;
        }
        sz_spellings(word).into_iter().find(|v| forms.known(v))
    }
}

/// `sz_spellings(word)`: every spelling of `word` with one or more of its "ss" written ß, in
/// `itertools.product`'s order (the first ss varies slowest, ss before ß), the word itself
/// excluded; at most four "ss" are considered.
pub fn sz_spellings(word: &str) -> Vec<String> {
    let parts: Vec<&str> = word.split("ss").collect();
    if parts.len() < 2 || parts.len() > 5 {
        return Vec::new();
    }
    let gaps = parts.len() - 1;
    let mut out = Vec::with_capacity((1 << gaps) - 1);
    // bit g of `joins` (from the highest) set: the g-th "ss" written ß
    for joins in 1u32..(1 << gaps) {
        let mut s = String::with_capacity(word.len());
        s.push_str(parts[0]);
        for (g, part) in parts[1..].iter().enumerate() {
            s.push_str(if joins >> (gaps - 1 - g) & 1 == 1 {
                "ß"
            } else {
                "ss"
            });
            s.push_str(part);
        }
        out.push(s);
    }
    out
}

/// `swiss_word(word, lexicon)`: the ß spelling of `word` when `word` is that word in Swiss
/// spelling (the language data marks it so, or the ß spelling is far more frequent), else None.
pub fn swiss_word(forms: &Forms, word: &str) -> Option<String> {
    if !word.contains("ss") {
        return None;
    }
    let own = forms.count(word);
    let marked = own > 0 && forms.varieties(word) & SWISS_SS != 0;
    sz_spellings(word).into_iter().find(|variant| {
        let count = forms.count(variant);
        count >= MIN_COUNT && (marked || count as f64 >= MIN_RATIO * own.max(1) as f64)
    })
}

/// `_words_with_ss_or_sz(text)`: the words (runs of letters, CPython's `isalpha`) around each
/// match of `ss|ß`, one per word, in the text's order.
fn words_with_ss_or_sz(text: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut end = 0;
    let mut p = 0;
    while p < text.len() {
        let len = if text[p] == 's' && text.get(p + 1) == Some(&'s') {
            2
        } else if text[p] == 'ß' {
            1
        } else {
            p += 1;
            continue;
        };
        // the matches do not overlap: the next is looked for after this one
        let next = p + len;
        if p >= end {
            let mut start = p;
            end = next;
            while start > 0 && pystr::char_is_alpha(text[start - 1]) {
                start -= 1;
            }
            while end < text.len() && pystr::char_is_alpha(text[end]) {
                end += 1;
            }
            out.push(text[start..end].iter().collect());
        }
        p = next;
    }
    out
}

/// `detect(text, lexicon)`: the spelling of `text` (Swiss where its words with ss are Swiss
/// spellings of ß words, enough of them and far more than its words with ß).
pub fn detect(forms: &Forms, text: &str) -> Spelling {
    if !text.contains("ss") {
        return Spelling::default();
    }
    let chars: Vec<char> = text.chars().collect();
    // word -> is it a Swiss spelling? (in the order first seen)
    let mut verdicts: Vec<(String, bool)> = Vec::new();
    let mut at: HashMap<String, usize, BuildHasherDefault<Fx>> = HashMap::default();
    let (mut swiss_tokens, mut sz_tokens) = (0usize, 0usize);
    for word in words_with_ss_or_sz(&chars) {
        if word.contains('ß') {
            sz_tokens += 1;
        } else if word.contains("ss") {
            let verdict = match at.get(&word) {
                Some(&k) => verdicts[k].1,
                None => {
                    let verdict = swiss_word(forms, &word).is_some();
                    at.insert(word.clone(), verdicts.len());
                    verdicts.push((word, verdict));
                    verdict
                }
            };
            swiss_tokens += usize::from(verdict);
        }
    }
    let evidence: Vec<String> = verdicts
        .into_iter()
        .filter(|(_, swiss)| *swiss)
        .map(|(w, _)| w)
        .collect();
    let need = if sz_tokens > 0 { MIN_WORDS } else { 1 };
    if evidence.len() >= need && swiss_tokens as f64 >= MIN_RATIO_TO_SZ_WORDS * sz_tokens as f64 {
        return Spelling {
            swiss: true,
            evidence: evidence.into_iter().take(MAX_EVIDENCE).collect(),
        };
    }
    Spelling::default()
}

/// Is the token one `protect_spelling` asks about: a word with ss, unknown and not protected?
pub fn spelling_candidate(t: &PassToken<'_>) -> bool {
    t.core.contains("ss") && !t.known && !t.protected
}

/// `tokens.protect_spelling(tokens, spelling, lexicon)`: the tokens (ascending) to mark
/// protected, words the lexicon lacks that are right in the document's spelling. `spelling()`
/// gives the document's spelling; it is asked only where a word with ss is unknown, and its
/// error ends the pass.
pub fn protect_spelling<E>(
    forms: &Forms,
    tokens: &[PassToken<'_>],
    spelling: impl FnOnce() -> Result<Spelling, E>,
) -> Result<Vec<usize>, E> {
    let unknown: Vec<usize> = (0..tokens.len())
        .filter(|&k| spelling_candidate(&tokens[k]))
        .collect();
    if unknown.is_empty() {
        return Ok(unknown);
    }
    let document = spelling()?;
    Ok(unknown
        .into_iter()
        .filter(|&k| document.known_variant(forms, tokens[k].core).is_some())
        .collect())
}

/// Every function on the tokens of `text` (the fuzz target's body, [`crate::fuzzing`]).
#[cfg(any(test, feature = "fuzzing"))]
pub fn exercise(forms: &Forms, text: &str, tokens: &[PassToken<'_>]) -> usize {
    let found = detect(forms, text);
    let swiss = Spelling {
        swiss: true,
        evidence: Vec::new(),
    };
    let mut answers = usize::from(found.swiss) + found.evidence.len();
    for t in tokens {
        let variants = sz_spellings(t.core);
        for v in &variants {
            // a Swiss document allows no ss written ß (where the word had no ß of its own)
            assert!(t.core.contains('ß') || !swiss.allows(t.core, v));
        }
        answers += variants.len()
            + usize::from(swiss_word(forms, t.core).is_some())
            + usize::from(swiss.known_variant(forms, t.core).is_some());
    }
    answers + protect_spelling(forms, tokens, || Ok::<_, ()>(swiss)).map_or(0, |v| v.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_with_sz() {
        assert_eq!(sz_spellings("Strasse"), vec!["Straße"]);
        assert_eq!(
            sz_spellings("Schlussstrasse"),
            vec!["Schlussstraße", "Schlußstrasse", "Schlußstraße"]
        );
        assert!(sz_spellings("Haus").is_empty());
        assert_eq!(sz_spellings("sss"), vec!["ßs"]);
        assert_eq!(sz_spellings(&"ss".repeat(4)).len(), 15);
        assert!(sz_spellings(&"ss".repeat(5)).is_empty());
        let swiss = Spelling {
            swiss: true,
            evidence: Vec::new(),
        };
        assert!(!swiss.allows("grosse", "große"));
        assert!(swiss.allows("grose", "große"));
        assert!(Spelling::default().allows("grosse", "große"));
    }

    #[test]
    fn words_around_the_letters() {
        let chars: Vec<char> = "Die Strasse, groß und Schlussstrich; ss".chars().collect();
        assert_eq!(
            words_with_ss_or_sz(&chars),
            vec!["Strasse", "groß", "Schlussstrich", "ss"]
        );
    }
}
