//! The words stage's scorer (`stages/words/decoder.py`: `Decoder.decide`), with Python's answers
//! exactly: which of a token's candidate words it most likely was, the posterior of the winner
//! and the runners-up.
//!
//! Each candidate `w` with its channel score ln P(token | w) is weighed by the bigram model
//! around it (both words of a split, a split between two sentences scored as a sentence start),
//! for a real-word pair (hatte/hätte) the sentence's context words ([`ContextModel`]), the
//! document's tense (a subjunctive twin of a preterite pays `past_bias`) and era (a form only the
//! old books write pays `historic_only_penalty`); the token itself, where it is no word, pays the
//! non-word penalty, its letters' damage ([`CharModel::worst`]) and a penalty for damage no
//! German word shows. The sums are added in Python's order, `exp` and `ln` are the C library's as
//! Python's `math` calls them, and the sort is stable as Python's: the bits are the same.
//!
//! The candidates come from the caller (`sources.candidates`), and so do the words of the
//! sentence, asked for only where a known real-word pair needs them.

use crate::charmodel::CharModel;
use crate::context::ContextModel;
use crate::forms::{modern_spelling, Forms, MODERN};
use crate::language::{Language, SENT_START};
use crate::pystr;
use crate::search::{best_first, py_sum};

/// `SCORING.non_word_penalty`: ln of how much less likely an unknown token is the true word
/// than the language model's estimate for unseen words says.
pub const NON_WORD_PENALTY: f64 = -2.0;
/// `SCORING.non_word_penalty_german`: half that on a page whose engine read its umlauts.
pub const NON_WORD_PENALTY_GERMAN: f64 = -1.0;
/// `SCORING.damaged_penalty`: a non-word showing damage no German word has.
pub const DAMAGED_PENALTY: f64 = -4.0;
/// `SCORING.damage_floor`, `SCORING.damage_scale`: a non-word pays `DAMAGE_SCALE` per nat by
/// which its worst spot falls below the floor, on a page from an engine without umlauts.
pub const DAMAGE_FLOOR: f64 = -8.0;
pub const DAMAGE_SCALE: f64 = 0.5;
/// `korrektor.lexicon.HISTORIC`: the form was seen in the old books.
pub const HISTORIC: u8 = 2;
/// `tokens.SENTENCE_END` (`german.SENTENCE_MARKS`)
pub const SENTENCE_END: [char; 3] = ['.', '!', '?'];

/// What the decoder knows of the page and the document (`Decoder`'s attributes).
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// the document writes as before 1996: bigrams in either spelling (`today` is given)
    pub modern_bigrams: bool,
    /// `past_bias`: the prior (ln odds) for a preterite against its subjunctive twin
    pub past_bias: f64,
    /// `historic_only_penalty`: the prior (ln) against a form only the old books write
    pub historic_only_penalty: f64,
    /// `non_word_penalty`: [`NON_WORD_PENALTY`] or [`NON_WORD_PENALTY_GERMAN`]
    pub non_word_penalty: f64,
    /// `german_page`: the page was read by an engine with a German model
    pub german_page: bool,
    /// Python's `sum` of floats is compensated from 3.12 on
    pub compensated_sum: bool,
}

/// The models the scorer asks.
pub struct Scorer<'a> {
    pub language: &'a Language,
    pub chars: &'a CharModel,
    pub context: Option<&'a ContextModel>,
    pub settings: Settings,
}

/// The token as the scorer sees it (`Token.core`, `known`, `acronym`).
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub core: &'a str,
    pub known: bool,
    pub acronym: bool,
}

/// A decision, by the candidates' indices: the winner, its posterior, up to three runners-up
/// (never the token itself), and whether the sentence's words weighed in (such a decision is not
/// kept for the same token between the same neighbours elsewhere).
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub best: usize,
    pub posterior: f64,
    pub runners: Vec<usize>,
    pub in_context: bool,
}

/// Python's `max` of floats: the first of the greatest.
fn py_max(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    values.into_iter().fold(None, |top, v| match top {
        Some(t) if v.partial_cmp(&t) != Some(std::cmp::Ordering::Greater) => Some(t),
        _ => Some(v),
    })
}

/// `_logaddexp(values)`: `top + log(sum(exp(v - top)))` with Python's `sum`.
fn logaddexp(values: &[f64], compensated_sum: bool) -> f64 {
    let top = py_max(values.iter().copied()).unwrap_or(f64::NEG_INFINITY);
    top + py_sum(values.iter().map(|v| (v - top).exp()), compensated_sum).ln()
}

impl Scorer<'_> {
    fn forms(&self) -> &Forms {
        self.language.forms()
    }

    /// ln P(word | prev): the bigram model, or with the page's old spellings `_modern_bigram`.
    fn lm(&self, prev: &str, word: &str) -> f64 {
        if !self.settings.modern_bigrams {
            return self.language.logp_bigram(Some(prev), Some(word));
        }
        // `_modern_bigram`: the two spellings of `word` add up; `prev` counts in the spelling
        // that knows it better
        let words = self.spellings(word);
        let scores = self.spellings(prev).into_iter().map(|p| {
            let lps: Vec<f64> = words
                .iter()
                .map(|w| self.language.logp_bigram(Some(&p), Some(w)))
                .collect();
            logaddexp(&lps, self.settings.compensated_sum)
        });
        py_max(scores).unwrap_or(f64::NEG_INFINITY)
    }

    /// `_spellings`: the word, and its spelling since 1996 where the lexicon counts that.
    fn spellings(&self, word: &str) -> Vec<String> {
        match modern_spelling(word) {
            Some(m) if self.forms().count(&m) > 0 => vec![word.to_owned(), m],
            _ => vec![word.to_owned()],
        }
    }

    /// `letter_damage`: ln of how much less likely `core` is a word the lexicon lacks than a
    /// damaged one, by its worst spot; 0 on a page read with umlauts.
    pub fn letter_damage(&self, core: &str) -> f64 {
        if self.settings.german_page || !pystr::is_alpha(core) {
            return 0.0;
        }
        let below = self.chars.worst(core) - DAMAGE_FLOOR;
        // Python's min(0.0, x): the first unless the second is strictly smaller
        DAMAGE_SCALE * if below < 0.0 { below } else { 0.0 }
    }

    /// `decide`: the best of `cands` (the token itself first, as `(word, channel score)`) for
    /// `token` between `prev` (a word or [`SENT_START`]) and `next`; `sentence()` gives the
    /// other words of its sentence and its clause's features, asked at most once. `None` where
    /// Python would raise: a candidate with more than one space or starting with one.
    pub fn decide<S: AsRef<str>>(
        &self,
        token: Token<'_>,
        cands: &[(S, f64)],
        prev: &str,
        next: Option<&str>,
        sentence: &mut dyn FnMut() -> Vec<String>,
    ) -> Option<Decision> {
        if cands.is_empty() {
            return None;
        }
        let mut in_context = false;
        let mut context_words: Option<Vec<String>> = None;
        let mut scores = Vec::with_capacity(cands.len());
        for (w, channel) in cands {
            let w = w.as_ref();
            let (mut s, last) = match w.split_once(' ') {
                Some((a, b)) => {
                    if b.contains(' ') {
                        return None; // Python's `a, b = w.split(" ")` raises
                    }
                    let end = a.chars().next_back()?; // Python's `a[-1]` raises on ""
                    let head = &a[..a.len() - end.len_utf8()];
                    let s = if SENTENCE_END.contains(&end) {
                        // a split between two sentences ("dazu. Es")
                        channel + self.lm(prev, head) + self.lm(SENT_START, b)
                    } else {
                        channel + self.lm(prev, a) + self.lm(a, b)
                    };
                    (s, b)
                }
                None => (channel + self.lm(prev, w), w),
            };
            if let Some(next) = next {
                s += self.lm(last, next);
            }
            if let Some(context) = self.context {
                if w != token.core && context.knows(w, token.core) {
                    let words = context_words.get_or_insert_with(&mut *sentence);
                    s += context.log_ratio(w, token.core, words);
                    in_context = true;
                }
            }
            if self.settings.past_bias != 0.0 && subjunctive_of(w, token.core) {
                s -= self.settings.past_bias;
            }
            if self.settings.historic_only_penalty != 0.0 && historic_only(self.forms(), w) {
                s -= self.settings.historic_only_penalty;
            }
            scores.push(s);
        }
        if !token.known && !token.acronym {
            let damaged = if damaged(token.core) {
                DAMAGED_PENALTY
            } else {
                0.0
            };
            scores[0] += self.settings.non_word_penalty + self.letter_damage(token.core) + damaged;
        }
        if scores.iter().any(|s| s.is_nan()) {
            return None; // Python's max and sort of a NaN follow its own order (bad data)
        }
        let top = py_max(scores.iter().copied())?;
        let weights: Vec<f64> = scores.iter().map(|s| (s - top).exp()).collect();
        let total = py_sum(weights.iter().copied(), self.settings.compensated_sum);
        // the likelier reading wins, the token itself on a tie (a stable sort, as Python's)
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by(|&i, &j| best_first(scores[i], scores[j]));
        let best = order[0];
        let runners = order
            .iter()
            .copied()
            .filter(|&i| i != best && i != 0 && weights[i] / total >= 0.01)
            .take(3)
            .collect();
        Some(Decision {
            best,
            posterior: weights[best] / total,
            runners,
            in_context,
        })
    }
}

/// `era.historic_only`: a form the old books write and modern sources hardly do (not a
/// spelling from before 1996), or a compound the corpus never wrote with such a head.
pub fn historic_only(forms: &Forms, word: &str) -> bool {
    historic_form(forms, word) || historic_head(forms, word)
}

fn historic_head(forms: &Forms, word: &str) -> bool {
    if forms.count(word) > 0 || !word.chars().next().is_some_and(pystr::char_is_alpha) {
        return false;
    }
    let Some(head) = forms
        .compound_split(word)
        .and_then(|parts| parts.last().cloned())
    else {
        return false;
    };
    if pystr::first_is_upper(word) {
        historic_form(forms, &pystr::upper_first(&head))
    } else {
        historic_form(forms, &head)
    }
}

/// `era._historic_form`
fn historic_form(forms: &Forms, word: &str) -> bool {
    let flags = forms.varieties(word);
    flags & HISTORIC != 0 && flags & MODERN == 0 && !forms.spelt_before_1996(word)
}

/// `german.umlaut_twin`: `word` is `of` with one or more umlauts put in ("möchte" of "mochte").
pub fn umlaut_twin(word: &str, of: &str) -> bool {
    let plain = |c: char| match c {
        'ä' => 'a',
        'ö' => 'o',
        'ü' => 'u',
        'Ä' => 'A',
        'Ö' => 'O',
        'Ü' => 'U',
        c => c,
    };
    word != of && word.chars().map(plain).eq(of.chars())
}

/// `tense.subjunctive_of`: `word` is the subjunctive twin ("hätte") of the preterite `token`
/// ("hatte": letters ending in -te, -ten, -test or -tet after at least one more).
pub fn subjunctive_of(word: &str, token: &str) -> bool {
    umlaut_twin(word, token) && preterite_form(token)
}

/// `_PRETERITE_FORM_RE.fullmatch(token)`: `\p{L}+(?:te|ten|test|tet)`.
fn preterite_form(token: &str) -> bool {
    if !token.chars().all(pystr::regex_is_letter) {
        return false;
    }
    let n = token.chars().count();
    [("te", 2), ("ten", 3), ("test", 4), ("tet", 3)]
        .iter()
        .any(|(end, len)| n > *len && token.ends_with(end))
}

/// `_DAMAGED_RE`'s pattern, which [`damaged`] implements.
pub const DAMAGED_PATTERN: &str = r"\p{Ll}\p{Lu}\p{Ll}|[a-zäöü][éè]|[éè][a-zäöü]{2}|\p{L}\d\p{L}";

/// `_DAMAGED_RE.search(core)`: damage no German word has: a capital between lower-case
/// letters, an accented e next to German letters, a digit between letters.
pub fn damaged(core: &str) -> bool {
    let c: Vec<char> = core.chars().collect();
    let german = |x: char| x.is_ascii_lowercase() || matches!(x, 'ä' | 'ö' | 'ü');
    let accent = |x: char| matches!(x, 'é' | 'è');
    let at = |i: usize| c.get(i).copied();
    (0..c.len()).any(|i| {
        let (x, y, z) = (c[i], at(i + 1), at(i + 2));
        let three = |f: fn(char) -> bool, g: fn(char) -> bool, h: fn(char) -> bool| {
            f(x) && y.is_some_and(g) && z.is_some_and(h)
        };
        three(pystr::regex_is_ll, pystr::regex_is_lu, pystr::regex_is_ll)
            || (german(x) && y.is_some_and(accent))
            || (accent(x) && y.is_some_and(german) && z.is_some_and(german))
            || three(
                pystr::regex_is_letter,
                pystr::regex_is_digit,
                pystr::regex_is_letter,
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damage_no_german_word_has() {
        // Python's _DAMAGED_RE.search answers (an accent after a letter, as in "Café", too)
        for yes in [
            "TarifverbUnden",
            "Qualitaétsproblem",
            "éanz",
            "Steuereinbu8en",
            "a٣b",
            "Café",
        ] {
            assert!(damaged(yes), "{yes}");
        }
        for no in ["Tarifverbunden", "a²b", "A380", "8en", "ÉTAT", "Straße", ""] {
            assert!(!damaged(no), "{no}");
        }
    }

    #[test]
    fn subjunctive_twins_of_preterites() {
        assert!(subjunctive_of("hätte", "hatte") && subjunctive_of("könnten", "konnten"));
        assert!(subjunctive_of("müsstest", "musstest") && subjunctive_of("hättet", "hattet"));
        // a twin of no preterite ("wurdet" ends in -det), no twin, the same word
        assert!(!subjunctive_of("wäre", "ware") && !subjunctive_of("würdet", "wurdet"));
        assert!(!subjunctive_of("Hütte", "hatte") && !subjunctive_of("hatte", "hatte"));
        // one letter before the ending is enough, as for the pattern \p{L}+(?:te|...)
        assert!(subjunctive_of("äte", "ate") && !subjunctive_of("ä", "a"));
        assert!(umlaut_twin("Ölpreise", "Olpreise") && !umlaut_twin("Olpreise", "Ölpreise"));
    }

    #[test]
    fn python_max_and_logaddexp() {
        assert_eq!(py_max([1.0, 3.0, 2.0]), Some(3.0));
        assert_eq!(py_max([]), None);
        assert_eq!(
            py_max([0.0, -0.0]).map(f64::to_bits),
            Some(0.0f64.to_bits())
        );
        let v = logaddexp(&[-1.0, -2.0], false);
        assert_eq!(v.to_bits(), (-1.0 + (1.0 + (-1.0f64).exp()).ln()).to_bits());
    }
}
