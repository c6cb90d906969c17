//! The words stage's searches for words a few letters from a non-word
//! (`korrektor/stages/words/nearby.py`): noise on a bad scan garbles letters beyond what the
//! error model learned ("obwokl", "Deutschlaiid", "Teilnmehmer", "Verfiiguag"). Each search
//! gives Python's answers exactly: the same words in the same order (Python's stable sorts, the
//! candidates first in the order they were made) and the same `f64` sums.
//!
//! Python counts code points, Rust slices bytes: lengths are counted with [`pystr::len`], the
//! one-letter edits are made at code point boundaries, and the case and letter tests are
//! CPython's ([`pystr`]), not Rust's `char` methods.
//!
//! What the searches ask: the lexicon's forms ([`Forms`]: counts, the prefix transducer, the
//! supplement, old spellings, compounds), the frequent forms a few edits away
//! ([`SimilarForms`]), the character model's worst spot ([`CharModel`]) and, for the umlauts
//! restored before one edit, the umlaut search's readings and page ([`umlauts::twins`]).

use crate::search;

use crate::charmodel::CharModel;
use crate::forms::Forms;
use crate::lexicon::PrefixState;
use crate::pystr;
use crate::similar::SimilarForms;
use crate::umlauts::{self, Page, Reach, Readings};

/// `LEFT_ALONE.max_token_length` (`tokens.py`): no search looks at a longer token.
pub const MAX_TOKEN_LENGTH: usize = 64;

/// `OneEdit` (`ONE_EDIT`): frequent words one letter from a non-word, compounds one letter
/// from a long one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OneEdit {
    /// ln P(one letter misread, lost or added by noise the error model has no rule for)
    pub cost: f64,
    /// the shortest token tried (a shorter one is one letter from too many words) ...
    pub min_length: usize,
    /// ... a capitalised one, perhaps a name, this long
    pub min_length_capital: usize,
    /// how often the word must have been seen
    pub min_count: u64,
    /// from this length, rarer words too, at a lower cost
    pub min_length_long: usize,
    pub min_count_long: u64,
    pub cost_long: f64,
    /// ln P(a letter misread inside a part of a compound the corpus never wrote)
    pub compound_cost: f64,
    /// lower-case tokens of two or three letters reach only the most frequent words
    pub min_length_short: usize,
    pub min_count_short: u64,
}

/// `ONE_EDIT` (the logs as `math.log` gives them: checked in the tests).
pub const ONE_EDIT: OneEdit = OneEdit {
    cost: -11.512925464970229, // ln 1e-5
    min_length: 4,
    min_length_capital: 8,
    min_count: 200,
    min_length_long: 10,
    min_count_long: 5,
    cost_long: -9.210340371976182,     // ln 1e-4
    compound_cost: -6.907755278982137, // ln 1e-3
    min_length_short: 2,
    min_count_short: 20_000,
};

/// `UmlautsAndOneEdit` (`UMLAUTS_AND_ONE_EDIT`): lost umlauts and one letter garbled besides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UmlautsAndOneEdit {
    /// the shortest token searched
    pub min_length: usize,
    /// how many of its readings with umlauts restored, the likeliest first, are searched further
    pub max_readings: usize,
    /// how unlike German its letters must be (the character model's worst spot)
    pub max_worst: f64,
}

pub const UMLAUTS_AND_ONE_EDIT: UmlautsAndOneEdit = UmlautsAndOneEdit {
    min_length: 8,
    max_readings: 6,
    max_worst: -5.5,
};

/// `NearWords` (`NEAR_WORDS`): frequent words one or two letters from a non-word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearWords {
    /// ln P(two letters garbled by noise the error model has no rule for)
    pub two_edit_cost: f64,
    pub max_edits: i64,
    pub min_length: usize,
    pub min_length_capital: usize,
    pub min_count: i64,
    /// an edit may not be confined to this many last letters where the token ends in letters
    /// of German endings
    pub ending_length: usize,
}

pub const NEAR_WORDS: NearWords = NearWords {
    two_edit_cost: -16.11809565095832, // ln 1e-7
    max_edits: 2,
    min_length: 5,
    min_length_capital: 6,
    min_count: 500,
    ending_length: 2,
};

/// `FarWords` (`FAR_WORDS`): rarer words one or two letters from a long token that puts letters
/// together as no German word does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FarWords {
    pub min_length: usize,
    pub min_count: i64,
    /// how bad the token's worst spot must be
    pub max_worst: f64,
    /// how much likelier the word's worst spot must be than the token's
    pub min_gain: f64,
}

pub const FAR_WORDS: FarWords = FarWords {
    min_length: 9,
    min_count: 20,
    max_worst: -9.0,
    min_gain: 3.0,
};

/// `_ALPHABET`: the letters an edit puts in.
pub const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyzäöüß";
/// `_VOWELS`: a token without one is an abbreviation ("vs", "bzw").
pub const VOWELS: &str = "aeiouyäöü";
/// The most letters an ending's pattern takes (`{0,2}` in both patterns).
pub const ENDING_MAX: usize = 2;

/// Which ending letters [`other_ending`] takes: `_ENDING_RE` (`[emnrs]{0,2}`) or
/// `LONG_ENDING_RE` (`[demnrst]{0,2}`, verb endings too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Short,
    Long,
}

impl Ending {
    /// The letters of the pattern's class.
    pub fn letters(self) -> &'static str {
        match self {
            Ending::Short => "emnrs",
            Ending::Long => "demnrst",
        }
    }
}

/// `other_ending(core, word, ending)`: does `word` differ from `core` only in its last
/// letters (at most `NEAR_WORDS.ending_length` of `word` after the common prefix), where `core`
/// goes on after that prefix in at most two letters of `ending`? Then `core` may be a form the
/// lexicon lacks ("hessischem"/"hessischen").
pub fn other_ending(core: &str, word: &str, ending: Ending) -> bool {
    // os.path.commonprefix: the shared code points, and where core's rest starts
    let mut shared = 0;
    let mut at = core.len();
    let mut w = word.chars();
    for (i, c) in core.char_indices() {
        if w.next() != Some(c) {
            at = i;
            break;
        }
        shared += 1;
    }
    if pystr::len(word) - shared > NEAR_WORDS.ending_length {
        return false;
    }
    // ending.fullmatch(core, shared)
    let rest = core.get(at..).unwrap_or("");
    let letters = ending.letters();
    rest.chars().count() <= ENDING_MAX && rest.chars().all(|c| letters.contains(c))
}

/// `core[0].isupper() and core[1:].islower()`
pub(crate) fn capitalised(core: &str) -> bool {
    let (first, rest) = pystr::split_first(core);
    pystr::is_upper(first) && pystr::is_lower(rest)
}

/// Sorted by descending score, stable: Python's `sorted(..., key=lambda x: -x[1])`.
fn best_first(found: &mut [(String, f64)]) {
    found.sort_by(|a, b| search::best_first(a.1, b.1));
}

/// A candidate of [`corpus_only`]: is every space-separated part of `word` a corpus word, not
/// a supplementary form nor a spelling before 1996?
pub fn corpus_word(forms: &Forms, word: &str) -> bool {
    !word
        .split(' ')
        .any(|p| forms.is_supplement(p) || forms.old_spelling(p))
}

/// `corpus_only(d, cands)` on the candidates' words: which to keep.
pub fn corpus_only<'a>(forms: &Forms, words: impl IntoIterator<Item = &'a str>) -> Vec<bool> {
    words.into_iter().map(|w| corpus_word(forms, w)).collect()
}

/// `one_edit_away(d, core, identity)`: frequent words one letter away from a non-word, with
/// their channel scores, the most frequent first (then in the order the edits made them), at
/// most 8. A capitalised token must be long, keeps its first letter and a final s.
pub fn one_edit_away(forms: &Forms, core: &str, identity: f64) -> Vec<(String, f64)> {
    let n = pystr::len(core);
    if !((ONE_EDIT.min_length_short..=MAX_TOKEN_LENGTH).contains(&n) && pystr::is_alpha(core)) {
        return Vec::new();
    }
    let capital = capitalised(core) && n >= ONE_EDIT.min_length_capital;
    if !(pystr::is_lower(core) || capital) {
        return Vec::new();
    }
    let mut min_count = ONE_EDIT.min_count;
    if n < ONE_EDIT.min_length {
        if !core.chars().any(|c| VOWELS.contains(c)) {
            return Vec::new();
        }
        min_count = ONE_EDIT.min_count_short;
    }
    let long = n >= ONE_EDIT.min_length_long;
    let score = if long {
        min_count = ONE_EDIT.min_count_long;
        identity + ONE_EDIT.cost_long
    } else {
        identity + ONE_EDIT.cost
    };
    let lex = forms.lexicon();
    // the words kept, with their counts, in the order the edits first made them
    let mut kept: Vec<(String, u64)> = Vec::new();
    let mut w = String::with_capacity(core.len() + 4);
    // the word `head` + `ch` + `rest`, where `after` is the transducer's state after `head` +
    // `ch`: a word no stored form continues so has no count, and min_count is at least 1, so it
    // is never kept (and never built)
    let mut consider = |after: PrefixState, head: &str, ch: Option<char>, rest: &str| {
        if lex.prefix_step(after, rest.as_bytes()).is_none() {
            return;
        }
        w.clear();
        w.push_str(head);
        w.extend(ch);
        w.push_str(rest);
        if w == core || kept.iter().any(|(k, _)| *k == w) {
            return;
        }
        let count = lex.count(&w);
        if count >= min_count && !(long && other_ending(core, &w, Ending::Long)) {
            kept.push((w.clone(), count));
        }
    };
    let bounds: Vec<usize> = core
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(core.len()))
        .collect();
    let start = usize::from(capital);
    // the transducer's state after the head, carried along the token
    let mut state = Some(lex.prefix_root());
    let mut letters: Vec<(char, PrefixState)> = Vec::with_capacity(ALPHABET.len());
    let mut buf = [0u8; 4];
    for (i, &b) in bounds.iter().enumerate() {
        let (Some(head), Some(tail)) = (core.get(..b), core.get(b..)) else {
            break;
        };
        if i >= start {
            // a non-empty head no stored word starts with: every word an edit from here on
            // reaches starts with it
            let Some(st) = state else {
                break;
            };
            // only letters some stored word goes on with
            let cursor = lex.prefix_cursor(st);
            letters.clear();
            letters.extend(ALPHABET.chars().filter_map(|ch| {
                let after = cursor.step(ch.encode_utf8(&mut buf).as_bytes())?;
                Some((ch, after))
            }));
            let rest = pystr::split_first(tail).1;
            if !(tail.is_empty() || (capital && tail == "s")) {
                // a letter too many (a name's genitive s is none)
                consider(st, head, None, rest);
                // a letter misread
                for &(ch, after) in &letters {
                    consider(after, head, Some(ch), rest);
                }
            }
            // a letter lost
            for &(ch, after) in &letters {
                consider(after, head, Some(ch), tail);
            }
        }
        // the state after the next letter
        if let Some(next) = tail.chars().next() {
            state = state.and_then(|st| lex.prefix_step(st, next.encode_utf8(&mut buf).as_bytes()));
        }
    }
    kept.sort_by_key(|k| std::cmp::Reverse(k.1)); // stable: the order made among equal counts
    kept.into_iter().take(8).map(|(w, _)| (w, score)).collect()
}

/// `compounds_one_edit_away(d, core, identity)`: compounds one letter from a long non-word, the
/// edit inside one part, not in the ending.
pub fn compounds_one_edit_away(forms: &Forms, core: &str, identity: f64) -> Vec<(String, f64)> {
    let n = pystr::len(core);
    if !((ONE_EDIT.min_length_long..=MAX_TOKEN_LENGTH).contains(&n) && pystr::is_alpha(core)) {
        return Vec::new();
    }
    if !(pystr::is_lower(core) || capitalised(core)) {
        return Vec::new();
    }
    forms
        .compounds_one_edit_away(core, ALPHABET)
        .into_iter()
        .filter(|w| !other_ending(core, w, Ending::Long))
        .map(|w| (w, identity + ONE_EDIT.compound_cost))
        .collect()
}

/// `one_edit_after_umlauts(d, core, identity)`: lost umlauts and one letter garbled besides in a
/// long non-word, on a page whose share of the no-umlauts profile is `weight`: the one-letter
/// search on the likeliest readings of the token with one umlaut restored, corpus words only,
/// each word with its best score, best first, at most 8.
pub fn one_edit_after_umlauts(
    forms: &Forms,
    readings: &Readings,
    chars: &CharModel,
    core: &str,
    identity: f64,
    weight: f64,
    page: Page<'_>,
) -> Vec<(String, f64)> {
    if !(pystr::len(core) >= UMLAUTS_AND_ONE_EDIT.min_length
        && weight >= umlauts::MIN_WEIGHT_COMPOUND_TWINS
        && chars.worst(core) <= UMLAUTS_AND_ONE_EDIT.max_worst)
    {
        return Vec::new();
    }
    let mut found: Vec<(String, f64)> = Vec::new();
    let restored = umlauts::twins(forms, readings, core, identity, 1, Reach::Readings, page);
    for (reading, score) in restored.iter().take(UMLAUTS_AND_ONE_EDIT.max_readings) {
        for (w, lp) in one_edit_away(forms, reading, *score) {
            if w == core || !corpus_word(forms, &w) {
                continue;
            }
            match found.iter_mut().find(|(k, _)| *k == w) {
                Some(entry) => {
                    if lp > entry.1 {
                        entry.1 = lp;
                    }
                }
                None => {
                    if lp > f64::NEG_INFINITY {
                        found.push((w, lp));
                    }
                }
            }
        }
    }
    best_first(&mut found);
    found.truncate(8);
    found
}

/// `near_words(d, core, identity)`: frequent words one or two letters from a non-word, not
/// another ending of it; a capitalised token must be longer.
pub fn near_words(similar: &SimilarForms, core: &str, identity: f64) -> Vec<(String, f64)> {
    let n = pystr::len(core);
    if !((NEAR_WORDS.min_length..=MAX_TOKEN_LENGTH).contains(&n) && pystr::is_alpha(core)) {
        return Vec::new();
    }
    if !(pystr::is_lower(core) || (capitalised(core) && n >= NEAR_WORDS.min_length_capital)) {
        return Vec::new();
    }
    similar_words(similar, core, identity, NEAR_WORDS.min_count)
}

/// `similar_words(d, core, identity, min_count)`: stored words seen `min_count` times one or two
/// letters from `core`, with their channel scores, but not another ending of it.
pub fn similar_words(
    similar: &SimilarForms,
    core: &str,
    identity: f64,
    min_count: i64,
) -> Vec<(String, f64)> {
    similar
        .similar_forms(core, NEAR_WORDS.max_edits, min_count)
        .into_iter()
        .filter(|(word, _)| !other_ending(core, word, Ending::Short))
        .map(|(word, edits)| {
            let cost = if edits == 1 {
                ONE_EDIT.cost
            } else {
                NEAR_WORDS.two_edit_cost
            };
            (word, identity + cost)
        })
        .collect()
}

/// `far_words(d, core, identity)`: rarer words one or two letters from a long non-word whose
/// worst spot is bad, where the word's is much better; not for a token with an ß.
pub fn far_words(
    similar: &SimilarForms,
    chars: &CharModel,
    core: &str,
    identity: f64,
) -> Vec<(String, f64)> {
    let n = pystr::len(core);
    if !((FAR_WORDS.min_length..=MAX_TOKEN_LENGTH).contains(&n) && pystr::is_alpha(core))
        || core.contains('ß')
    {
        return Vec::new();
    }
    if !(pystr::is_lower(core) || capitalised(core)) {
        return Vec::new();
    }
    let worst = chars.worst(core);
    if worst > FAR_WORDS.max_worst {
        return Vec::new();
    }
    similar_words(similar, core, identity, FAR_WORDS.min_count)
        .into_iter()
        .filter(|(word, _)| chars.worst(word) - worst >= FAR_WORDS.min_gain)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;

    fn data() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data")
    }

    fn forms() -> &'static Forms {
        static FORMS: OnceLock<Forms> = OnceLock::new();
        FORMS.get_or_init(|| Forms::load(&data(), true).expect("the package's lexicon"))
    }

    fn similar() -> &'static SimilarForms {
        static SIMILAR: OnceLock<SimilarForms> = OnceLock::new();
        SIMILAR.get_or_init(|| SimilarForms::load(&data()).expect("the package's lexicon"))
    }

    fn chars() -> &'static CharModel {
        static CHARS: OnceLock<CharModel> = OnceLock::new();
        CHARS.get_or_init(|| CharModel::load(&data()).expect("the package's character model"))
    }

    fn words(found: &[(String, f64)]) -> Vec<&str> {
        found.iter().map(|(w, _)| w.as_str()).collect()
    }

    #[test]
    fn finds_words_a_letter_or_two_away() {
        let got = one_edit_away(forms(), "obwokl", -0.25);
        assert_eq!(words(&got), ["obwohl"]);
        assert_eq!(got[0].1.to_bits(), (-0.25 + ONE_EDIT.cost).to_bits());
        let got = one_edit_away(forms(), "Bundeskangzlerin", -0.25);
        assert_eq!(words(&got).first(), Some(&"Bundeskanzlerin"));
        assert_eq!(got[0].1.to_bits(), (-0.25 + ONE_EDIT.cost_long).to_bits());
        assert!(words(&one_edit_away(forms(), "uid", 0.0)).contains(&"und"));
        let got = compounds_one_edit_away(forms(), "Wiudparkanlagen", 0.0);
        assert!(words(&got).contains(&"Windparkanlagen"));
        assert_eq!(
            words(&near_words(similar(), "Deutschlaiid", 0.0)),
            ["Deutschland"]
        );
        let got = far_words(similar(), chars(), "Teilnmehmer", 0.0);
        assert_eq!(words(&got).first(), Some(&"Teilnehmer"));
        let mut readings = Readings::new(false);
        readings.insert("ii", vec![("ü".to_string(), -0.5)]);
        let got = one_edit_after_umlauts(
            forms(),
            &readings,
            chars(),
            "Verfiiguag",
            -1.0,
            1.0,
            Page::default(),
        );
        assert_eq!(words(&got), ["Verfügung"]);
        assert_eq!(got[0].1.to_bits(), (-1.0 + -0.5 + ONE_EDIT.cost).to_bits());
    }

    #[test]
    fn spares_names_abbreviations_and_other_endings() {
        assert!(one_edit_away(forms(), "Giffeys", 0.0).is_empty());
        assert!(near_words(similar(), "Giffeys", 0.0).is_empty());
        assert!(one_edit_away(forms(), "bzw", 0.0).is_empty());
        assert!(near_words(similar(), "hessischem", 0.0).is_empty());
        assert!(far_words(similar(), chars(), "Sitznachbarinnen", 0.0).is_empty());
        assert!(far_words(similar(), chars(), "ausgepreßte", 0.0).is_empty());
        // on a page read with umlauts (weight below the floor), no search
        let mut readings = Readings::new(false);
        readings.insert("ii", vec![("ü".to_string(), -0.5)]);
        let page = Page::default();
        let none =
            one_edit_after_umlauts(forms(), &readings, chars(), "Verfiiguag", 0.0, 0.05, page);
        assert!(none.is_empty());
        assert!(corpus_word(forms(), "obwohl") && corpus_word(forms(), "für Haus"));
        assert!(!corpus_word(forms(), "Abbauflächen") && !corpus_word(forms(), "Haus Streßfaktor"));
    }

    #[test]
    fn constants_are_pythons_logs() {
        assert_eq!(ONE_EDIT.cost, 1e-5f64.ln());
        assert_eq!(ONE_EDIT.cost_long, 1e-4f64.ln());
        assert_eq!(ONE_EDIT.compound_cost, 1e-3f64.ln());
        assert_eq!(NEAR_WORDS.two_edit_cost, 1e-7f64.ln());
    }

    #[test]
    fn other_endings() {
        assert!(other_ending("hessischem", "hessischen", Ending::Short));
        assert!(other_ending("Giffeys", "Giffey", Ending::Short));
        assert!(!other_ending("Deutschlaiid", "Deutschland", Ending::Short));
        assert!(other_ending("verhaltend", "verhalten", Ending::Long));
        assert!(!other_ending("verhaltend", "verhalten", Ending::Short));
        // the word may go on by at most two letters; the token's rest at most two ending letters
        assert!(other_ending("haus", "hausen", Ending::Short));
        assert!(!other_ending("haus", "hausens", Ending::Short));
        assert!(!other_ending("hausenn", "haus", Ending::Short));
        assert!(other_ending("same", "same", Ending::Short));
        // code points, not bytes
        assert!(other_ending("grüßen", "grüßer", Ending::Short));
        assert!(other_ending("grüße", "grüßt", Ending::Short));
        assert!(!other_ending("grüßa", "grüßt", Ending::Short));
    }
}
