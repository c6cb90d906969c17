//! Letter-spaced words joined (`joins.join_letter_spaced`, `spaced_words`), with Python's
//! answers exactly: runs of single letters one space apart ("g e s p e r r t", German emphasis in
//! print, and what PDF extraction and OCR make of a wide tracking) that spell a known word, or
//! frequent words one after another where the word gaps are lost too ("W i r m ü s s e n").
//!
//! The tokens are [`JoinToken`]s and the joins [`Merge`]s, as for `join_broken_words`
//! ([`crate::document`]): here a join takes as many tokens as its word has letters (each token of
//! a run is one letter). `german.LETTER_SPACED_RE`, which tells in one scan whether a text has a
//! run at all, is matched by hand ([`letter_spaced`]) with the `regex` module's `\p{L}` and
//! `\p{N}` ([`pystr`]).

use crate::document::{JoinToken, Merge};
use crate::forms::Forms;
use crate::pystr;
use crate::splits;

/// `german.LETTER_SPACED_RE`, as [`letter_spaced`] matches it (`search`, no flags).
pub const LETTER_SPACED: &str = r"(?<![\p{L}\p{N}])\p{L}(?: \p{L}){2,}(?![\p{L}\p{N}])";
/// `SPACED_WORDS.min_letters`: the shortest run.
pub const MIN_LETTERS: usize = 3;
/// `SPACED_WORDS.min_part`, `SPACED_WORDS.min_part_count`: the shortest word of a run whose word
/// gaps are lost, and how often it must have been seen.
pub const MIN_PART: usize = 3;
pub const MIN_PART_COUNT: u64 = 50;
/// `SPACED_WORDS.word_confidence`, `SPACED_WORDS.words_confidence`
pub const WORD_CONFIDENCE: f64 = 0.9;
pub const WORDS_CONFIDENCE: f64 = 0.8;
/// `LEFT_ALONE.max_token_length`: a longer run spells no word.
pub const MAX_TOKEN_LENGTH: usize = 64;

fn letter_or_number(c: char) -> bool {
    pystr::regex_is_letter(c) || pystr::regex_is_number(c)
}

/// `LETTER_SPACED_RE.search(text) is not None`: a letter (none before it) and two or more
/// letters after it, each after one space, and no letter or number after the last one taken.
/// `(?: \p{L}){2,}` is greedy: where a letter or number follows the run, it gives one back,
/// and a space then follows.
pub fn letter_spaced(text: &[char]) -> bool {
    (0..text.len()).any(|p| {
        if !pystr::regex_is_letter(text[p]) || (p > 0 && letter_or_number(text[p - 1])) {
            return false;
        }
        let mut reps = 0;
        while text.get(p + 2 * reps + 1) == Some(&' ')
            && text
                .get(p + 2 * reps + 2)
                .is_some_and(|&c| pystr::regex_is_letter(c))
        {
            reps += 1;
        }
        let after_free = text
            .get(p + 2 * reps + 1)
            .is_none_or(|&c| !letter_or_number(c));
        reps >= 3 || (reps == 2 && after_free)
    })
}

/// `tokens.is_known(core, lexicon)`: stored, known to the lexicon, or the first part of a
/// suspended compound ("Landtags-").
fn is_known(forms: &Forms, core: &str) -> bool {
    forms.count(core) > 0
        || forms.known(core)
        || core
            .strip_suffix('-')
            .is_some_and(|part| pystr::len(core) > 3 && forms.known(part))
}

/// `spaced_words(letters, lexicon)`: the word `letters` spell, or the likeliest frequent words
/// they spell one after another (each of [`MIN_PART`] letters or more, a capital only first);
/// None if neither.
pub fn spaced_words(forms: &Forms, letters: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = letters.chars().collect();
    let n = chars.len();
    if n > MAX_TOKEN_LENGTH {
        return None;
    }
    let rest: String = chars.iter().skip(1).collect();
    if is_known(forms, letters) && (pystr::is_lower(letters) || pystr::is_lower(&rest)) {
        return Some(vec![letters.to_owned()]);
    }
    if pystr::is_upper(letters) && n > MIN_LETTERS {
        // a heading set in spaced capitals: a word in lower or title case; not three capitals
        return (forms.count_ci(letters) > 0).then(|| vec![letters.to_owned()]);
    }
    // best[k]: (score, the parts' ends) for letters[:k]; a part costs a constant, so fewer
    // parts win ties
    let mut best: Vec<Option<(f64, Vec<usize>)>> = vec![None; n + 1];
    best[0] = Some((0.0, Vec::new()));
    for k in MIN_PART..=n {
        for start in 0..=(k - MIN_PART) {
            let Some((before, _)) = &best[start] else {
                continue;
            };
            let part: String = chars[start..k].iter().collect();
            let c = forms.count(&part);
            let tail: String = chars[start + 1..k].iter().collect();
            if c < MIN_PART_COUNT || !pystr::is_lower(&tail) {
                continue;
            }
            let score = before + (c as f64).ln() + splits::COST;
            if best[k].as_ref().is_none_or(|(b, _)| score > *b) {
                let mut ends = best[start]
                    .as_ref()
                    .map_or_else(Vec::new, |(_, e)| e.clone());
                ends.push(k);
                best[k] = Some((score, ends));
            }
        }
    }
    let (_, ends) = best[n].take()?;
    if ends.len() < 2 {
        return None;
    }
    let mut from = 0;
    Some(
        ends.into_iter()
            .map(|end| {
                let part = chars[from..end].iter().collect();
                from = end;
                part
            })
            .collect(),
    )
}

/// `_single_letter(t)`: a token of one letter.
pub fn single_letter(core: &str) -> bool {
    let mut chars = core.chars();
    chars.next().is_some_and(pystr::char_is_alpha) && chars.next().is_none()
}

/// `join_letter_spaced(text, tokens, lexicon)`'s joins, in the tokens' order: `tokens[at..at +
/// len(word)]` become one token `word` (known, not protected, `spaced`, ending a sentence where
/// its last letter did) with `confidence` (`Token.merged`). None where the text has no run
/// (`LETTER_SPACED_RE` finds none: Python returns the tokens as they are).
pub fn join_letter_spaced(
    forms: &Forms,
    text: &[char],
    tokens: &[JoinToken<'_>],
) -> Option<Vec<Merge>> {
    if !letter_spaced(text) {
        return None; // the common case, told by one scan
    }
    let mut out = Vec::new();
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n
            && single_letter(tokens[j].core)
            && single_letter(tokens[j + 1].core)
            && !tokens[j].sentence_end
            && tokens[j + 1].start.checked_sub(tokens[j].end) == Some(1)
            && text.get(tokens[j].end) == Some(&' ')
        {
            j += 1;
        }
        let run = &tokens[i..=j];
        if run.len() >= MIN_LETTERS {
            let letters: String = run.iter().map(|t| t.core).collect();
            if let Some(words) = spaced_words(forms, &letters) {
                let confidence = if words.len() == 1 {
                    WORD_CONFIDENCE
                } else {
                    WORDS_CONFIDENCE
                };
                let mut at = i;
                for word in words {
                    let len = pystr::len(&word);
                    out.push(Merge {
                        at,
                        word,
                        confidence,
                    });
                    at += len;
                }
            }
        }
        i = j + 1;
    }
    Some(out)
}

/// The joins on `tokens` of `text` and the words of each token's letters (the fuzz target's
/// body, [`crate::fuzzing`]).
#[cfg(any(test, feature = "fuzzing"))]
pub fn exercise(forms: &Forms, text: &str, tokens: &[JoinToken<'_>]) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let joins = join_letter_spaced(forms, &chars, tokens).unwrap_or_default();
    for m in &joins {
        // a join covers letters of the run, one token each
        let letters: String = tokens[m.at..m.at + pystr::len(&m.word)]
            .iter()
            .map(|t| t.core)
            .collect();
        assert_eq!(letters, m.word);
    }
    joins.len()
        + tokens
            .iter()
            .filter_map(|t| spaced_words(forms, t.core))
            .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn runs_of_letters() {
        for yes in [
            "g e s",
            "x g e s p e r r t.",
            "(a b c)",
            "a b c d1",
            "a b c d e",
            "ä ö ü",
        ] {
            assert!(letter_spaced(&chars(yes)), "{yes:?}");
        }
        for no in [
            "a b", "ab c d", "a b c1", "1a b c", "a  b c", "a b cd", "", "a b\tc",
        ] {
            assert!(!letter_spaced(&chars(no)), "{no:?}");
        }
        assert!(single_letter("ä") && !single_letter("ab") && !single_letter("1"));
        assert!(!single_letter(""));
    }
}
