//! The page's own confusions (`stages/words/page_confusions.py`): a misreading the page repeats,
//! learned from its non-words ([`learn`]), the readings the learned confusions make of a token
//! ([`rewrite`]) and their merge with the token's other candidates ([`merge`]), with the Python
//! answers bit for bit.
//!
//! [`explanations`] is the hot part (every non-word of every page is tried with each letter
//! replaced). It gives the answers of Python's questions (`is_prefix(head + ch)`, then
//! `count(word)`) in Python's order, more cheaply: the transducer's state after the head is
//! carried along, each letter is stepped once for both widths, and the count table is asked only
//! for words the transducer reaches. The order matters: [`learn`] sums the votes in it (Python's
//! `sum`, plain additions before 3.12, compensated from 3.12 on: the caller says which), and the
//! learned options' order, hence the order of ties among a token's readings, follows the order
//! the page shows its confusions in.
//!
//! What the words stage keeps in Python stays there: which tokens are the page's non-words (the
//! passes' decisions), the per-process cache of explanations, and the error model's
//! `logp_confusion` (the caller's `expected`, asked only for the few confusions that may be
//! learned; `search::ConfusionTable` keeps its inverse tables to itself).

use std::collections::HashMap;

use crate::forms::Forms;
use crate::lexicon::{Lexicon, PrefixState};
use crate::pystr;
use crate::search::py_sum;

/// `PAGE_LEARNING.min_votes`
pub const MIN_VOTES: f64 = 2.5;
/// `PAGE_LEARNING.rounds`
pub const ROUNDS: usize = 3;
/// `PAGE_LEARNING.min_count_short` (words up to 3 letters)
pub const MIN_COUNT_SHORT: u64 = 20_000;
/// `PAGE_LEARNING.min_count_medium` (4 or 5 letters)
pub const MIN_COUNT_MEDIUM: u64 = 1_000;
/// `PAGE_LEARNING.min_count`
pub const MIN_COUNT: u64 = 100;
/// `PAGE_LEARNING.expected_logp = math.log(0.01)`, written out: the same double whatever libm a
/// build folds with (the Python side checks it at import)
pub const EXPECTED_LOGP: f64 = -4.605_170_185_988_091;
/// `PAGE_LEARNING.min_gain`
pub const MIN_GAIN: f64 = 3.0;
/// `math.log(PAGE_LEARNING.min_gain)`, written out as `EXPECTED_LOGP`
pub const LN_MIN_GAIN: f64 = 1.098_612_288_668_109_8;
/// `PAGE_LEARNING.shrink`
pub const SHRINK: f64 = 0.5;
/// `PAGE_LEARNING.max_probability`
pub const MAX_PROBABILITY: f64 = 0.3;
/// `PAGE_LEARNING.max_per_token`
pub const MAX_PER_TOKEN: usize = 2;

/// `_LOWER`
pub const LOWER: &str = "abcdefghijklmnopqrstuvwxyzäöüß";
/// `_UPPER`
pub const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ";

/// A confusion: (the true letter, what the page reads for it: 1 or 2 characters).
pub type Confusion = (char, String);

/// The learned confusions in Python's dict order: what the page reads → ((true letter, ln
/// P(read | true)), ...).
pub type Learned = Vec<(String, Vec<(String, f64)>)>;

/// `_min_count(word)` of a word of `chars` code points.
pub fn min_count(chars: usize) -> u64 {
    if chars <= 3 {
        MIN_COUNT_SHORT
    } else if chars <= 5 {
        MIN_COUNT_MEDIUM
    } else {
        MIN_COUNT
    }
}

/// `_explanations(core, lexicon)`: the confusions that turn `core` into a frequent word by one
/// replacement (a letter read as another, or as two characters), each once, in the order found.
pub fn explanations(core: &str, lex: &Lexicon) -> Vec<Confusion> {
    let chars: Vec<char> = core.chars().collect();
    let n = chars.len();
    let upper_lower: Vec<char> = UPPER.chars().chain(LOWER.chars()).collect();
    let lower: Vec<char> = LOWER.chars().collect();
    let mut found: Vec<Confusion> = Vec::new();
    let mut head = String::with_capacity(core.len() + 4);
    let mut probe = String::with_capacity(core.len() + 8);
    // the transducer's state after `head`, carried along (`is_prefix(head + ch)` is a step from
    // it, as Python's test from the root answers)
    let mut state = lex.prefix_root();
    let mut buf = [0u8; 4];
    for i in 0..n {
        if i > 0 {
            let c = chars[i - 1];
            head.push(c);
            match lex.prefix_step(state, c.encode_utf8(&mut buf).as_bytes()) {
                Some(next) => state = next,
                None => break, // every word reached from here on starts with `head`
            }
        }
        let cursor = lex.prefix_cursor(state);
        let letters = if i == 0 { &upper_lower } else { &lower };
        // `is_prefix(head + ch)` for every letter, asked once for both widths
        let steps: Vec<Option<PrefixState>> = letters
            .iter()
            .map(|ch| cursor.step(ch.encode_utf8(&mut buf).as_bytes()))
            .collect();
        for width in [1, 2] {
            if i + width > n {
                break;
            }
            let read: String = chars[i..i + width].iter().collect();
            let tail = &chars[i + width..];
            let tail_bytes: String = tail.iter().collect();
            let tail_has_apostrophe = tail_bytes.contains('\'');
            // `ch.lower() == read.lower()` for the first letter: its case is the sentence's
            let read_lower = if i == 0 {
                Some(pystr::lower(&read))
            } else {
                None
            };
            for (&ch, step) in letters.iter().zip(&steps) {
                if width == 1 && chars[i] == ch {
                    continue;
                }
                if let Some(rl) = &read_lower {
                    if pystr::lower(ch.encode_utf8(&mut buf)) == *rl {
                        continue;
                    }
                }
                if let Some(at) = *step {
                    // a word the transducer does not go on to is not stored (count 0), unless
                    // its apostrophe is stored as U+2019 (`count` maps it): the table is asked
                    // only for the others
                    if !tail_has_apostrophe && lex.prefix_step(at, tail_bytes.as_bytes()).is_none()
                    {
                        continue;
                    }
                    probe.clear();
                    probe.push_str(&head);
                    probe.push(ch);
                    probe.push_str(&tail_bytes);
                    let word_chars = i + 1 + tail.len();
                    if lex.count(&probe) >= min_count(word_chars)
                        && !found.iter().any(|(c, r)| *c == ch && *r == read)
                    {
                        found.push((ch, read.clone()));
                    }
                }
            }
        }
    }
    found
}

/// The learning of `learn` after the page's non-words are explained: `explained` holds each
/// non-word the error model's likely confusions do not explain, in the page's order, with how
/// often the page shows it and its explanations (see [`explanations`]). `expected(true, read)`:
/// ln P(read | true) by the error model for this page. `known_text()`: the page's known words'
/// cores, joined (asked only where a confusion has enough votes). `compensated`: Python's `sum`
/// is Neumaier's (3.12 on). `None` where Python's `math.log` would raise (a rate of 0, which a
/// vote share that underflows could give).
pub fn learn(
    explained: &[(u64, &[Confusion])],
    expected: &mut dyn FnMut(char, &str) -> f64,
    known_text: &mut dyn FnMut() -> String,
    compensated: bool,
) -> Option<Learned> {
    // the distinct confusions in the order the page shows them (`weights`' and `votes`' keys)
    let mut index: HashMap<&Confusion, usize> = HashMap::new();
    let mut order: Vec<&Confusion> = Vec::new();
    let mut slots: Vec<Vec<usize>> = Vec::with_capacity(explained.len());
    for (_, found) in explained {
        let mut these = Vec::with_capacity(found.len());
        for c in found.iter() {
            let k = *index.entry(c).or_insert_with(|| {
                order.push(c);
                order.len() - 1
            });
            these.push(k);
        }
        slots.push(these);
    }
    let mut weights = vec![1.0f64; order.len()];
    let mut votes = vec![0.0f64; order.len()];
    let mut seen = vec![0.0f64; order.len()];
    for _ in 0..ROUNDS {
        votes.iter_mut().for_each(|v| *v = 0.0);
        seen.iter_mut().for_each(|v| *v = 0.0);
        for ((count, _), these) in explained.iter().zip(&slots) {
            let total = py_sum(these.iter().map(|&k| weights[k]), compensated);
            for &k in these {
                let share = weights[k] / total;
                votes[k] += share;
                // (an int times a float: the count as a float, exact below 2**53)
                seen[k] += *count as f64 * share;
            }
        }
        weights.clone_from(&votes);
    }
    let taught: Vec<usize> = (0..order.len())
        .filter(|&k| votes[k] >= MIN_VOTES)
        .collect();
    let mut learned: Learned = Vec::new();
    if taught.is_empty() {
        return Some(learned);
    }
    let text = known_text();
    for k in taught {
        let (true_, read) = order[k];
        let letters = text.chars().filter(|c| c == true_).count() as f64;
        let rate = seen[k] / (letters + seen[k]);
        let shrunk = SHRINK * rate;
        // `min(max_probability, shrunk)`: the first of equals
        let p = if shrunk < MAX_PROBABILITY {
            shrunk
        } else {
            MAX_PROBABILITY
        };
        if p <= 0.0 {
            return None; // math.log's ValueError
        }
        let lp = p.ln();
        if lp >= expected(*true_, read) + LN_MIN_GAIN {
            let option = (true_.to_string(), lp);
            match learned.iter_mut().find(|(r, _)| r == read) {
                Some((_, options)) => options.push(option),
                None => learned.push((read.clone(), vec![option])),
            }
        }
    }
    Some(learned)
}

/// `PageConfusionDecoder.learned` as [`rewrite`] asks it: what the page reads → the options.
#[derive(Debug, Clone, Default)]
pub struct LearnedMap {
    by_read: HashMap<String, Vec<(String, f64)>>,
}

impl LearnedMap {
    pub fn new(learned: Learned) -> LearnedMap {
        LearnedMap {
            by_read: learned.into_iter().collect(),
        }
    }

    fn get(&self, read: &str) -> &[(String, f64)] {
        self.by_read.get(read).map_or(&[], Vec::as_slice)
    }
}

/// `PageConfusionDecoder._rewrite(t)` after its first test (the caller returns `[]` for a
/// protected token, an acronym or a core that is not all letters): the stored words (or, for a
/// non-word, `known` ones) the learned confusions make of `core`, up to [`MAX_PER_TOKEN`]
/// replacements, with ln P(token | word), best first. `identity(s)`: the error model's
/// `logp_identity(s, profile)`.
pub fn rewrite(
    forms: &Forms,
    learned: &LearnedMap,
    core: &str,
    known: bool,
    identity: &dyn Fn(&str) -> f64,
) -> Vec<(String, f64)> {
    let first = identity(core);
    // the readings in Python's dict order, and where each is
    let mut readings: Vec<(String, f64)> = vec![(core.to_string(), first)];
    let mut at: HashMap<String, usize> = HashMap::new();
    at.insert(core.to_string(), 0);
    // reading, where the next replacement may start, score
    let mut frontier: Vec<(Vec<char>, usize, f64)> = vec![(core.chars().collect(), 0, first)];
    for _ in 0..MAX_PER_TOKEN {
        let mut next = Vec::new();
        for (reading, start, score) in &frontier {
            let n = reading.len();
            for i in *start..n {
                for width in [1, 2] {
                    // `reading[i:i + width]`: shorter at the end
                    let end = (i + width).min(n);
                    let read: String = reading[i..end].iter().collect();
                    let mut options: Vec<(String, f64)> = learned.get(&read).to_vec();
                    // "Cin" at a sentence start
                    if options.is_empty() && i == 0 && pystr::char_is_upper(reading[0]) {
                        options = learned
                            .get(&pystr::lower(&read))
                            .iter()
                            .map(|(a, lp)| (pystr::upper(a), *lp))
                            .collect();
                    }
                    let read_lower = if i == 0 {
                        pystr::lower(&read)
                    } else {
                        String::new()
                    };
                    for (true_, lp) in &options {
                        if i == 0 && pystr::lower(true_) == read_lower {
                            continue; // a capital at a word's start is the sentence's business
                        }
                        let mut word: String = reading[..i].iter().collect();
                        word.push_str(true_);
                        word.extend(reading[end..].iter());
                        let s = score + lp - identity(&read);
                        let better = match at.get(&word) {
                            Some(&k) => s > readings[k].1,
                            None => s > f64::NEG_INFINITY,
                        };
                        if better {
                            match at.get(&word) {
                                Some(&k) => readings[k].1 = s,
                                None => {
                                    at.insert(word.clone(), readings.len());
                                    readings.push((word.clone(), s));
                                }
                            }
                            next.push((word.chars().collect(), i + true_.chars().count(), s));
                        }
                    }
                }
            }
        }
        frontier = next;
    }
    let lex = forms.lexicon();
    let mut out: Vec<(String, f64)> = readings
        .into_iter()
        .filter(|(w, _)| w != core && (lex.count(w) > 0 || (!known && forms.known(w))))
        .collect();
    // `sorted(..., key=lambda x: -x[1])`: stable, by the negated score
    out.sort_by(|a, b| crate::search::best_first(a.1, b.1));
    out
}

/// Where a merged candidate's score and maker come from (see [`merge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// the base decoder's candidate at this index
    Base(usize),
    /// the page's word at this index, made by the learned confusions
    Page(usize),
}

/// `PageConfusionDecoder.candidates`' merge: the base decoder's candidates (`base`: their words
/// and scores, the token read as itself first) with the words the learned confusions make of the
/// token (`page`, see [`rewrite`]): where both found a word the likelier score wins (a tie
/// keeps the base's), a word only the page found comes after the base's, and the token itself
/// stays first. Python's dict semantics: a word keeps the place it was first put at, a repeated
/// base word takes the later entry's score. `None` for an empty `base` (Python's `base[0]`
/// raises).
pub fn merge(base: &[(&str, f64)], page: &[(&str, f64)]) -> Option<Vec<Pick>> {
    let itself = base.first()?.0;
    // (word, score, where from), in the dict's order
    let mut merged: Vec<(&str, f64, Pick)> = Vec::with_capacity(base.len() + page.len());
    let mut at: HashMap<&str, usize> = HashMap::with_capacity(base.len() + page.len());
    for (k, &(w, lp)) in base.iter().enumerate() {
        match at.get(w) {
            Some(&i) => merged[i] = (merged[i].0, lp, Pick::Base(k)),
            None => {
                at.insert(w, merged.len());
                merged.push((w, lp, Pick::Base(k)));
            }
        }
    }
    for (k, &(w, lp)) in page.iter().enumerate() {
        match at.get(w) {
            Some(&i) => {
                if lp > merged[i].1 {
                    merged[i] = (merged[i].0, lp, Pick::Page(k));
                }
            }
            None => {
                if lp > f64::NEG_INFINITY {
                    at.insert(w, merged.len());
                    merged.push((w, lp, Pick::Page(k)));
                }
            }
        }
    }
    let first = at.get(itself).copied()?;
    let mut out = Vec::with_capacity(merged.len());
    out.push(merged[first].2);
    out.extend(
        merged
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != first)
            .map(|(_, c)| c.2),
    );
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_merge_keeps_the_token_first_and_the_likelier_score() {
        let base = [("cin", -1.0), ("an", -5.0), ("cm", -4.0), ("an", -4.5)];
        let page = [("ein", -2.0), ("cm", -3.0), ("an", -6.0), ("cin", -1.0)];
        let merged = merge(&base, &page).unwrap_or_default();
        use Pick::{Base, Page};
        assert_eq!(merged, vec![Base(0), Base(3), Page(1), Page(0)]);
        assert!(merge(&[], &page).is_none());
    }

    #[test]
    fn min_count_by_length() {
        assert_eq!(min_count(3), MIN_COUNT_SHORT);
        assert_eq!(min_count(4), MIN_COUNT_MEDIUM);
        assert_eq!(min_count(5), MIN_COUNT_MEDIUM);
        assert_eq!(min_count(6), MIN_COUNT);
    }

    #[test]
    fn constants_are_the_logs() {
        assert_eq!(EXPECTED_LOGP, 0.01f64.ln());
        assert_eq!(LN_MIN_GAIN, MIN_GAIN.ln());
    }

    #[test]
    fn votes_are_shared_and_a_repeated_confusion_is_learned() {
        let ce: Confusion = ('e', "c".to_string());
        let ai: Confusion = ('a', "ci".to_string());
        let one = [ce.clone()];
        let two = [ce.clone(), ai.clone()];
        let explained: Vec<(u64, &[Confusion])> = vec![(2, &two), (1, &one), (1, &one), (1, &one)];
        let mut expected = |_t: char, _r: &str| f64::NEG_INFINITY;
        let mut text = || "eeeeeeeeee".to_string();
        let learned = learn(&explained, &mut expected, &mut text, false).unwrap_or_default();
        assert_eq!(learned.len(), 1);
        assert_eq!(learned[0].0, "c");
        assert_eq!(learned[0].1[0].0, "e");
        // too few votes: nothing
        let explained: Vec<(u64, &[Confusion])> = vec![(5, &two), (1, &one)];
        let learned = learn(&explained, &mut expected, &mut text, false).unwrap_or_default();
        assert!(learned.is_empty());
        // expected by the model: nothing
        let explained: Vec<(u64, &[Confusion])> = vec![(1, &one); 4];
        let mut likely = |_t: char, _r: &str| 0.0;
        let learned = learn(&explained, &mut likely, &mut text, false).unwrap_or_default();
        assert!(learned.is_empty());
    }
}
