//! The document's OCR error profile (`korrektor/errormodel.py`'s `feature_counts` and
//! `estimate_profile`): how likely the text was read by an engine without a German model (no
//! ä, ö, ü, ß: "fiir", "iiber", "groBe"), from counts of evidence features, with Python's answers
//! to the bit.
//!
//! The features are the groups of one `regex` pattern (`_FEATURE_RE`, [`pattern`] spells it
//! out from the constants here, and the Python side checks that it is its own), scanned over
//! each chunk of `text.split()`. No engine for regular expressions is needed for it: the
//! alternatives are single characters with a look-behind or look-ahead of one character, and
//! two lists of words between `\b`s, each word a literal with character classes `[Ff]` and
//! optional letters `i?`. [`feature_counts`] tries them at each position in the pattern's order,
//! the words of a list in their order and an optional letter first taken, then left out (the
//! backtracking order of `regex`), and goes on after a match at its end: `finditer`'s leftmost,
//! first-alternative, non-overlapping matches. The classes are the `regex` module's own
//! (`\p{L}`, `\p{Ll}`, and `\w` for `\b`, from [`pystr`]'s generated tables), the chunks are
//! split at `str.isspace` (which counts U+001C..U+001F, `regex`'s `\s` does not), and the
//! letters counted are `str.isalpha`'s.
//!
//! Python keeps the features of each distinct chunk in a bounded cache, because its regex scan
//! costs microseconds a chunk; here a chunk is scanned in tens of nanoseconds, about what a hash
//! lookup of it would cost, so there is no cache and a cold text costs what a warm one does.
//!
//! [`estimate_profile`] is the naive-Bayes log-likelihood ratio over those counts with the
//! per-letter rates the error model learned (`ErrorModel.feature_rates`, passed in as
//! [`Rates`]): `f64::ln` and `f64::exp` are the C library's `log` and `exp`, as Python's
//! `math.log` and `math.exp`; `min`/`max` and the nearest weight step keep Python's first-wins
//! order; and `round(llr, 3)` is [`round3`]: Rust's exact decimal formatting, correctly rounded
//! with ties to even as CPython's `round` (which formats with `_Py_dg_dtoa` and parses back).

use crate::pystr;

/// The evidence features, in `FEATURES`' order (the counts of [`Counts::features`]).
pub const FEATURES: [&str; 6] = ["uml", "ii", "eacute", "digit_in_word", "B_in_word", "tell"];
/// Prior log-odds of "no-umlauts" against "german" (`_PRIOR`).
pub const PRIOR: f64 = -3.0;
/// The floor of a feature's rate under a profile (`_RATE_FLOOR`; applied where the rates are
/// made, in Python: here for the check that the constants agree).
pub const RATE_FLOOR: f64 = 2e-5;
/// The weights a profile may have (`_WEIGHT_STEPS`).
pub const WEIGHT_STEPS: [f64; 8] = [0.03, 0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.97];

/// The words of the group `tell`: spellings an engine without umlauts makes of German words.
pub const TELL: &[&str] = &[
    "[Ff]i?ir",
    "[Ii]i?ber",
    "[Tt]iber",
    "[Uu]ber",
    "[Dd]afi?ir",
    "[Dd]aftir",
    "[Ww]iirde",
    "[Kk]onnen",
    "[Kk]énnen",
    "[Mm]ussen",
    "[Mm]iissen",
    "[Mm]ochte",
    "[Mm]échte",
    "[Ww]ahrend",
    "[Nn]atiirlich",
    "[Nn]aturlich",
    "[Gg]rofe",
    "[Gg]roBe",
    "[Mm]oglich",
    "[Mm]églich",
    "[Ss]chlieBlich",
    "[Ss]chlieflich",
    "[Ff]unf",
    "[Ff]iinf",
    "[Zz]uruck",
    "[Zz]uriick",
    "[Hh]ohe",
];

/// The words of the group `fw`: German function words (is the text German at all?).
pub const FUNCTION_WORDS: &[&str] = &[
    "der", "die", "und", "das", "ist", "nicht", "den", "mit", "von", "sich", "auch", "wir", "ein",
    "eine", "zu", "dass", "es", "im", "auf",
];

/// `_FEATURE_RE.pattern`: the pattern this module implements, for the Python side to compare
/// with its own.
pub fn pattern() -> String {
    format!(
        "(?P<uml>[äöüÄÖÜß])\
         |(?P<ii>(?<=\\p{{L}})ii|ii(?=\\p{{Ll}}))\
         |(?P<eacute>é)\
         |(?P<digit_in_word>(?<=\\p{{L}})[0-9](?=\\p{{Ll}}))\
         |(?P<B_in_word>(?<=\\p{{Ll}})B(?=\\p{{Ll}}))\
         |(?P<tell>\\b(?:{})\\b)\
         |(?P<fw>\\b(?:{})\\b)",
        TELL.join("|"),
        FUNCTION_WORDS.join("|")
    )
}

/// The counts `feature_counts` gives: the features in [`FEATURES`]' order, the function words,
/// the letters (`str.isalpha`) and the tokens (`len(text.split())`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub features: [u64; 6],
    pub fw: u64,
    pub letters: u64,
    pub tokens: u64,
}

/// What a feature or function word that matched counts towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Feature(usize),
    FunctionWord,
}

const TELL_GROUP: Group = Group::Feature(5);

/// The literal spellings of a word of [`TELL`] or [`FUNCTION_WORDS`] (`[Ff]` a class,
/// `i?` an optional letter), in the order `regex` tries them: an optional letter taken before
/// it is left out. The members of a class exclude each other at a position, so their order
/// does not matter.
fn spellings(word: &str) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = vec![Vec::new()];
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let choices: Vec<Vec<char>> = if c == '[' {
            let mut class = Vec::new();
            for m in chars.by_ref() {
                if m == ']' {
                    break;
                }
                class.push(vec![m]);
            }
            class
        } else if chars.peek() == Some(&'?') {
            chars.next();
            vec![vec![c], Vec::new()]
        } else {
            vec![vec![c]]
        };
        out = out
            .iter()
            .flat_map(|prefix| {
                choices.iter().map(move |choice| {
                    let mut s = prefix.clone();
                    s.extend(choice);
                    s
                })
            })
            .collect();
    }
    out
}

/// A spelling of a word between `\b`s, and its group.
type Spelling = (Vec<char>, Group);

/// The words between `\b`s, each spelling with its group, by first character, each list in
/// the pattern's order (`tell` before `fw`).
struct Words {
    by_first: Vec<(char, Vec<Spelling>)>,
}

impl Words {
    fn new() -> Self {
        let mut by_first: Vec<(char, Vec<Spelling>)> = Vec::new();
        let groups = TELL
            .iter()
            .map(|w| (w, TELL_GROUP))
            .chain(FUNCTION_WORDS.iter().map(|w| (w, Group::FunctionWord)));
        for (word, group) in groups {
            for s in spellings(word) {
                let Some(&first) = s.first() else { continue };
                match by_first.iter_mut().find(|(c, _)| *c == first) {
                    Some((_, list)) => list.push((s, group)),
                    None => by_first.push((first, vec![(s, group)])),
                }
            }
        }
        Words { by_first }
    }

    fn starting_with(&self, c: char) -> &[Spelling] {
        self.by_first
            .iter()
            .find(|(f, _)| *f == c)
            .map_or(&[], |(_, list)| list.as_slice())
    }
}

fn words() -> &'static Words {
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(Words::new)
}

/// `\b` at `i` of `cs`: a word character on exactly one side.
fn boundary(cs: &[char], i: usize) -> bool {
    let before = i
        .checked_sub(1)
        .and_then(|j| cs.get(j))
        .is_some_and(|&c| pystr::regex_is_word(c));
    let after = cs.get(i).is_some_and(|&c| pystr::regex_is_word(c));
    before != after
}

/// The match of `_FEATURE_RE` at `i` of `cs`, if any: its group and its length.
fn match_at(words: &Words, cs: &[char], i: usize) -> Option<(Group, usize)> {
    let c = *cs.get(i)?;
    let prev = i.checked_sub(1).and_then(|j| cs.get(j)).copied();
    let next = cs.get(i + 1).copied();
    let prev_is = |f: fn(char) -> bool| prev.is_some_and(f);
    let next_is = |f: fn(char) -> bool| next.is_some_and(f);
    if matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' | 'ß') {
        return Some((Group::Feature(0), 1));
    }
    if c == 'i'
        && next == Some('i')
        && (prev_is(pystr::regex_is_letter)
            || cs.get(i + 2).is_some_and(|&d| pystr::regex_is_ll(d)))
    {
        return Some((Group::Feature(1), 2));
    }
    if c == 'é' {
        return Some((Group::Feature(2), 1));
    }
    if c.is_ascii_digit() && prev_is(pystr::regex_is_letter) && next_is(pystr::regex_is_ll) {
        return Some((Group::Feature(3), 1));
    }
    if c == 'B' && prev_is(pystr::regex_is_ll) && next_is(pystr::regex_is_ll) {
        return Some((Group::Feature(4), 1));
    }
    if boundary(cs, i) {
        for (spelling, group) in words.starting_with(c) {
            let end = i + spelling.len();
            if cs.get(i..end) == Some(spelling.as_slice()) && boundary(cs, end) {
                return Some((*group, spelling.len()));
            }
        }
    }
    None
}

/// Adds the features `_FEATURE_RE.finditer(chunk)` finds in `cs` to `counts`.
fn scan(words: &Words, cs: &[char], counts: &mut Counts) {
    let mut i = 0;
    while i < cs.len() {
        match match_at(words, cs, i) {
            Some((group, len)) => {
                match group {
                    Group::Feature(k) => {
                        if let Some(n) = counts.features.get_mut(k) {
                            *n += 1;
                        }
                    }
                    Group::FunctionWord => counts.fw += 1,
                }
                i += len;
            }
            None => i += 1,
        }
    }
}

/// `feature_counts(text)`: the features of every chunk of `text.split()`, the letters and the
/// tokens.
pub fn feature_counts(text: &str) -> Counts {
    let words = words();
    let mut counts = Counts::default();
    let mut cs: Vec<char> = Vec::new();
    for chunk in text.split(pystr::char_is_space) {
        if chunk.is_empty() {
            continue;
        }
        counts.tokens += 1;
        cs.clear();
        cs.extend(chunk.chars());
        scan(words, &cs, &mut counts);
    }
    counts.letters = text.chars().filter(|&c| pystr::char_is_alpha(c)).count() as u64;
    counts
}

/// The per-letter rates of the features (in [`FEATURES`]' order) under the two engine profiles
/// (`ErrorModel.feature_rates["eng"]` and `["deu"]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    pub eng: [f64; 6],
    pub deu: [f64; 6],
}

/// A `Profile`'s fields: name, weight, log-odds, characters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Profile {
    pub name: &'static str,
    pub weight: f64,
    pub log_odds: f64,
    pub n_chars: usize,
}

/// Python's `round(x, 3)` of a float: the double nearest to `x` correctly rounded to three
/// decimals (ties to even on `x`'s exact binary value).
pub fn round3(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.3}").parse().unwrap_or(x)
}

/// Python's `min(a, b)` of floats: `b` only where it is smaller (`a` for a NaN).
fn py_min(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// Python's `max(a, b)` of floats: `b` only where it is greater.
fn py_max(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

/// `estimate_profile(text, model)` with `model.feature_rates`' "eng" and "deu" rates (`None`:
/// the model has no such profiles).
pub fn estimate_profile(text: &str, rates: Option<&Rates>) -> Profile {
    let n_chars = text.chars().count();
    let c = feature_counts(text);
    let fallback = Profile {
        name: "german",
        weight: 0.05,
        log_odds: PRIOR,
        n_chars,
    };
    let Some(rates) = rates else {
        return fallback;
    };
    if c.letters == 0 {
        return fallback;
    }
    let letters = c.letters as f64;
    let german_like = c.tokens >= 20 && c.fw as f64 >= 0.05 * c.tokens as f64;
    let mut llr = PRIOR;
    for ((&n, &re), &rd) in c.features.iter().zip(&rates.eng).zip(&rates.deu) {
        llr += n as f64 * (re / rd).ln();
        if german_like {
            llr -= letters * (re - rd);
        }
    }
    let llr = py_max(-50.0, py_min(50.0, llr));
    let p = 1.0 / (1.0 + (-llr).exp());
    let name = if p >= 0.9 {
        "no-umlauts"
    } else if p <= 0.1 {
        "german"
    } else {
        "mixed"
    };
    let mut weight = WEIGHT_STEPS[0];
    let mut best = (weight - p).abs();
    for &s in &WEIGHT_STEPS[1..] {
        let d = (s - p).abs();
        if d < best {
            weight = s;
            best = d;
        }
    }
    Profile {
        name,
        weight,
        log_odds: round3(llr),
        n_chars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(text: &str) -> Vec<(&'static str, u64)> {
        let c = feature_counts(text);
        let mut out: Vec<(&'static str, u64)> = FEATURES
            .iter()
            .zip(c.features)
            .filter(|&(_, n)| n > 0)
            .map(|(&k, n)| (k, n))
            .collect();
        if c.fw > 0 {
            out.push(("fw", c.fw));
        }
        out
    }

    #[test]
    fn spellings_in_backtracking_order() {
        assert_eq!(
            spellings("[Ff]i?ir"),
            ["Fiir", "Fir", "fiir", "fir"]
                .map(|s| s.chars().collect::<Vec<_>>())
                .to_vec()
        );
    }

    #[test]
    fn features_of_ocr_without_umlauts() {
        assert_eq!(features("fiir"), [("tell", 1)]);
        assert_eq!(features("Kiiche"), [("ii", 1)]);
        assert_eq!(features("iiber"), [("ii", 1)]);
        assert_eq!(features("Iiber die"), [("tell", 1), ("fw", 1)]);
        assert_eq!(features("groBe"), [("tell", 1)]);
        assert_eq!(features("dieBer"), [("B_in_word", 1)]);
        assert_eq!(features("ei1ne"), [("digit_in_word", 1)]);
        assert_eq!(features("eine"), [("fw", 1)]);
        assert_eq!(features("einer"), []);
        assert_eq!(features("Café über"), [("uml", 1), ("eacute", 1)]);
        // no look across white space (str.isspace: U+001C too)
        assert_eq!(features("a\u{1c}Bc"), []);
        let c = feature_counts(" der\u{1c}die\u{3000}das ");
        assert_eq!((c.tokens, c.fw, c.letters), (3, 3, 9));
    }

    #[test]
    fn round3_is_pythons() {
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(0.1875), 0.188);
        assert_eq!(round3(-0.0004).to_bits(), (-0.0f64).to_bits());
        assert_eq!(round3(2.675), 2.675);
        assert_eq!(round3(1.0005), 1.0);
    }

    #[test]
    fn profiles() {
        let rates = Rates {
            eng: [2e-5, 1e-3, 1e-3, 1e-4, 1e-4, 1e-3],
            deu: [1e-2, 1e-4, 1e-4, 2e-5, 2e-5, 2e-5],
        };
        let p = estimate_profile("", Some(&rates));
        assert_eq!(
            (p.name, p.weight, p.log_odds, p.n_chars),
            ("german", 0.05, -3.0, 0)
        );
        let p = estimate_profile("fiir iiber", None);
        assert_eq!((p.name, p.n_chars), ("german", 10));
        let p = estimate_profile(
            &"Das gilt fiir alle, die iiber die Briicke gehen. ".repeat(8),
            Some(&rates),
        );
        assert_eq!(p.name, "no-umlauts");
        assert_eq!(p.log_odds, 50.0);
    }

    #[test]
    fn the_pattern_names_every_feature() {
        let p = pattern();
        for k in FEATURES {
            assert!(p.contains(&format!("(?P<{k}>")));
        }
    }
}
