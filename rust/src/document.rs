//! The words stage's passes over a document's token list, with Python's answers exactly:
//! which sentences are no German prose (`tokens.foreign_sentences`), which short tokens after a
//! number are units (`tokens.protect_units`), whether the document tells in the past
//! (`tense.past_bias`) and whether its words come from the old books
//! (`era.historic_only_penalty`), which non-words it repeats as its terms
//! (`document.document_terms`), which words it has itself (`document.document_words`), and which
//! two tokens are one word torn by a space (`joins.join_broken_words`: the joins, which the
//! caller applies).
//!
//! These walk every token of a document once or twice per run. The tokens come as small
//! structs of what each pass reads of a `Token` ([`PassToken`], [`DecidedToken`],
//! [`JoinToken`]); the questions that need a search, `Decoder.lost_umlauts` and
//! `Decoder.candidates`, are asked through callbacks, in Python's order, so that the decoder's
//! per-document caches stay where they are and a test double is asked as in Python.
//!
//! Through the Python bindings the gain is small: reading a `Token`'s attributes through the C
//! API costs about what Python's own loop costs (its slot reads are specialised), so only the
//! passes that do more per token than read it win (1.5x to 1.7x); `protect_units` and
//! `document_words` are slower that way and are not called from Python. They are here for the
//! compiled words stage, which will hold the tokens itself.
//!
//! The pattern `_NUMBER_BEFORE_RE` is matched by hand with the `regex` module's classes
//! ([`pystr`]); [`NUMBER_BEFORE`] is the pattern implemented, which the Python side compares with
//! its own. The word lists and constants are copied here and compared at import too.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::decoder::{historic_only, NON_WORD_PENALTY};
use crate::forms::Forms;
use crate::language::{Language, SENT_START};
use crate::nearby;
use crate::pystr;
use crate::search::Fx;
use crate::twins::UMLAUTS;

/// `LEFT_ALONE.max_unit_length`: a short letter token after a number is a unit.
pub const MAX_UNIT_LENGTH: usize = 3;
/// `LEFT_ALONE.min_known_share`: a sentence with fewer known words is foreign or no prose.
pub const MIN_KNOWN_SHARE: f64 = 0.35;
/// `LEFT_ALONE.min_known_share_before_search`: below it no umlaut search is made.
pub const MIN_KNOWN_SHARE_BEFORE_SEARCH: f64 = 0.1;
/// The share of foreign function words that makes a sentence foreign (a literal in Python).
pub const FOREIGN_FUNCTION_SHARE: f64 = 0.2;
/// `ERA.min_historic_share`, `ERA.min_historic_words`, `ERA.historic_only_penalty`
pub const MIN_HISTORIC_SHARE: f64 = 0.04;
pub const MIN_HISTORIC_WORDS: usize = 5;
pub const HISTORIC_ONLY_PENALTY: f64 = 2.5;
/// `TENSE.min_past_share`, `TENSE.min_verbs`, `TENSE.past_bias`
pub const MIN_PAST_SHARE: f64 = 0.6;
pub const MIN_VERBS: usize = 8;
pub const PAST_BIAS: f64 = 1.5;

/// `tokens._NUMBER_BEFORE_RE`, as [`number_before`] matches it (`search`, no flags).
pub const NUMBER_BEFORE: &str = r"(?:^|(?<=[\s(]))[\d.,/½¼¾]*[\d½¼¾][ \t]\(?$";

/// `tokens._FOREIGN`: frequent function words of other languages.
pub const FOREIGN: [&str; 81] = [
    "the", "of", "and", "to", "is", "that", "it", "for", "on", "with", "as", "are", "this", "be",
    "by", "at", "from", "or", "have", "not", "but", "they", "which", "you", "were", "their", "has",
    "would", "can", "there", "been", "its", "what", "when", "who", "we", "my", "your", "our",
    "it's", "don't", "le", "la", "les", "et", "est", "que", "qui", "pour", "dans", "une", "avec",
    "sur", "pas", "nous", "vous", "il", "di", "della", "che", "sono", "gli", "el", "los", "las",
    "del", "y", "por", "para", "con", "una", "het", "een", "voor", "niet", "zijn", "van", "te",
    "om", "ook", "maar",
];

/// `tense._PRETERITES_LOWER`: preterites no engine turns into another word.
pub const PRETERITES_LOWER: [&str; 43] = [
    "war",
    "sagte",
    "sagten",
    "ging",
    "gingen",
    "kam",
    "kamen",
    "sah",
    "sahen",
    "stand",
    "standen",
    "lag",
    "lagen",
    "fand",
    "fanden",
    "gab",
    "gaben",
    "nahm",
    "nahmen",
    "blieb",
    "blieben",
    "rief",
    "riefen",
    "hielt",
    "hielten",
    "trat",
    "traten",
    "schien",
    "schienen",
    "sprach",
    "sprachen",
    "fragte",
    "fragten",
    "antwortete",
    "meinte",
    "lachte",
    "lachten",
    "saß",
    "saßen",
    "wollte",
    "wollten",
    "sollte",
    "sollten",
];
/// `tense._PRESENTS_LOWER`: presents no engine turns into another word.
pub const PRESENTS_LOWER: [&str; 29] = [
    "ist", "sind", "sagt", "sagen", "geht", "gehen", "kommt", "kommen", "sieht", "steht", "liegt",
    "gibt", "nimmt", "bleibt", "ruft", "hält", "spricht", "fragt", "meint", "will", "wollen",
    "soll", "sollen", "kann", "muss", "muß", "wird", "werden", "hat",
];

/// The function words (lower case).
pub fn foreign_words() -> impl Iterator<Item = &'static str> {
    FOREIGN.iter().copied()
}

/// The preterites, the presents (lower case).
pub fn tense_words() -> (Vec<&'static str>, Vec<&'static str>) {
    (PRETERITES_LOWER.to_vec(), PRESENTS_LOWER.to_vec())
}

/// The function words, packed and sorted.
fn foreign_packed() -> &'static [u128] {
    static SET: OnceLock<Vec<u128>> = OnceLock::new();
    SET.get_or_init(|| packed_sorted(foreign_words()))
}

fn is_foreign_lower(word: &str) -> bool {
    packed(word.as_bytes()).is_some_and(|k| foreign_packed().binary_search(&k).is_ok())
}

/// What the passes read of a `Token`.
#[derive(Debug, Clone, Copy)]
pub struct PassToken<'a> {
    pub core: &'a str,
    /// `start`: the core's offset in the text, in code points
    pub start: usize,
    pub sentence_end: bool,
    pub known: bool,
    pub protected: bool,
}

/// Is `core.lower()` one of the foreign function words? (None is longer than five characters,
/// nor is the lower case of a longer string.)
fn is_foreign_word(core: &str) -> bool {
    if core.is_ascii() {
        // the common case, without an allocation
        if core.len() > 5 {
            return false;
        }
        let mut buf = [0u8; 5];
        let lower = &mut buf[..core.len()];
        for (l, &c) in lower.iter_mut().zip(core.as_bytes()) {
            *l = c.to_ascii_lowercase();
        }
        return packed(lower).is_some_and(|k| foreign_packed().binary_search(&k).is_ok());
    }
    if core.len() > 5 * 4 || pystr::len(core) > 5 {
        return false;
    }
    is_foreign_lower(&pystr::lower(core))
}

/// `foreign_sentences(tokens, decoder)`: the indices (ascending) of the tokens in sentences that
/// are not German prose. `lost_umlauts(i)` is `decoder.lost_umlauts(tokens[i])`, asked in
/// Python's order and only where Python asks it; its error ends the walk.
pub fn foreign_sentences<E>(
    tokens: &[PassToken<'_>],
    mut lost_umlauts: impl FnMut(usize) -> Result<bool, E>,
) -> Result<Vec<usize>, E> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut foreign = false;
    let last = tokens.len().saturating_sub(1);
    let mut words: Vec<usize> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if !(t.sentence_end || i == last) {
            continue;
        }
        words.clear();
        words.extend((start..=i).filter(|&k| !tokens[k].protected));
        if words.len() >= 4 {
            let n = words.len() as f64;
            let mut known = 0usize;
            let mut function_words = 0usize;
            for &k in &words {
                known += usize::from(tokens[k].known);
                function_words += usize::from(is_foreign_word(tokens[k].core));
            }
            let need = MIN_KNOWN_SHARE * n;
            if MIN_KNOWN_SHARE_BEFORE_SEARCH * n <= known as f64 && (known as f64) < need {
                for &k in &words {
                    let x = &tokens[k];
                    if !x.known && pystr::is_lower(x.core) && lost_umlauts(k)? {
                        known += 1;
                        if known as f64 >= need {
                            break;
                        }
                    }
                }
            }
            foreign = (known as f64) < need || function_words as f64 >= FOREIGN_FUNCTION_SHARE * n;
        }
        if foreign {
            out.extend(start..=i);
        }
        start = i + 1;
    }
    Ok(out)
}

/// `_NUMBER_BEFORE_RE.search(window)`: the window ends with a number, a space or tab and
/// perhaps an opening parenthesis (and perhaps a final newline, as `$` allows), the number
/// starting the window or after white space or a parenthesis.
pub fn number_before(window: &[char]) -> bool {
    let in_run =
        |c: char| pystr::regex_is_digit(c) || matches!(c, '.' | ',' | '/' | '½' | '¼' | '¾');
    let last_digit = |c: char| pystr::regex_is_digit(c) || matches!(c, '½' | '¼' | '¾');
    let ends_at = |end: usize| -> bool {
        // `\(?` is greedy: a parenthesis before `end` is taken (else `[ \t]` would fail on it)
        let mut pos = end;
        if pos > 0 && window[pos - 1] == '(' {
            pos -= 1;
        }
        if pos < 2 || !matches!(window[pos - 1], ' ' | '\t') || !last_digit(window[pos - 2]) {
            return false;
        }
        // `[\d.,/½¼¾]*` may start anywhere in the run before the digit, but only the run's
        // start can follow `^` or white space or a parenthesis (none of those is in the run)
        let mut k = pos - 2;
        while k > 0 && in_run(window[k - 1]) {
            k -= 1;
        }
        k == 0 || pystr::regex_is_space(window[k - 1]) || window[k - 1] == '('
    };
    let n = window.len();
    ends_at(n) || (n > 0 && window[n - 1] == '\n' && ends_at(n - 1))
}

/// `protect_units(text, tokens, decoder)`: the indices (ascending) of the tokens to mark
/// protected, units after numbers; `lost_umlauts(i)` as for [`foreign_sentences`].
pub fn protect_units<E>(
    text: &str,
    tokens: &[PassToken<'_>],
    mut lost_umlauts: impl FnMut(usize) -> Result<bool, E>,
) -> Result<Vec<usize>, E> {
    let mut out = Vec::new();
    let mut chars: Option<Vec<char>> = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.known || pystr::len(t.core) > MAX_UNIT_LENGTH || !pystr::is_alpha(t.core) {
            continue;
        }
        let chars = chars.get_or_insert_with(|| text.chars().collect());
        let end = t.start.min(chars.len());
        let window = &chars[t.start.saturating_sub(12).min(end)..end];
        if number_before(window) && !lost_umlauts(i)? {
            out.push(i);
        }
    }
    Ok(out)
}

/// A word of at most 15 bytes as one number (its bytes and its length): the lists' lookups
/// are then a binary search over integers.
fn packed(word: &[u8]) -> Option<u128> {
    if word.len() > 15 {
        return None;
    }
    let bytes = word
        .iter()
        .rev()
        .fold(0u128, |acc, &b| (acc << 8) | u128::from(b));
    Some(bytes | (word.len() as u128) << 120)
}

fn packed_sorted(words: impl Iterator<Item = &'static str>) -> Vec<u128> {
    let mut out: Vec<u128> = words.filter_map(|w| packed(w.as_bytes())).collect();
    out.sort_unstable();
    out
}

/// Is `core` one of `lower` (packed, sorted), or one of them capitalised? Every word there
/// starts with an ASCII lower-case letter and is at most ten bytes long.
fn in_tense_list(core: &str, lower: &[u128]) -> bool {
    let b = core.as_bytes();
    if b.is_empty() || b.len() > 10 {
        return false;
    }
    // a capitalised word only from an upper-case letter ("war" lowered stays "war"); a
    // multi-byte character's first byte is left as it is (ASCII's case bit is the lowest of
    // the packed number's first byte)
    packed(b).is_some_and(|k| {
        let k = k | u128::from(b[0].to_ascii_lowercase() ^ b[0]);
        lower.binary_search(&k).is_ok()
    })
}

/// `tense.past_bias` counting: (preterites, presents) among `cores`.
pub fn tense_counts<'a>(cores: impl IntoIterator<Item = &'a str>) -> (usize, usize) {
    static LISTS: OnceLock<(Vec<u128>, Vec<u128>)> = OnceLock::new();
    let (preterites, presents) = LISTS.get_or_init(|| {
        (
            packed_sorted(PRETERITES_LOWER.iter().copied()),
            packed_sorted(PRESENTS_LOWER.iter().copied()),
        )
    });
    let (mut past, mut present) = (0usize, 0usize);
    for core in cores {
        past += usize::from(in_tense_list(core, preterites));
        present += usize::from(in_tense_list(core, presents));
    }
    (past, present)
}

/// `past_bias(cores)`: [`PAST_BIAS`] for a document that tells in the past, else 0.
pub fn past_bias<S: AsRef<str>>(cores: &[S]) -> f64 {
    let (past, present) = tense_counts(cores.iter().map(AsRef::as_ref));
    past_bias_of(past, present)
}

/// [`past_bias`] of the counts.
pub fn past_bias_of(past: usize, present: usize) -> f64 {
    let verbs = past + present;
    if verbs >= MIN_VERBS && past as f64 >= MIN_PAST_SHARE * verbs as f64 {
        PAST_BIAS
    } else {
        0.0
    }
}

/// `historic_only_penalty(cores, lexicon)`: 0 for a document whose known words come from the
/// old books (or data without varieties), [`HISTORIC_ONLY_PENALTY`] for any other.
pub fn historic_only_penalty<S: AsRef<str>>(forms: &Forms, cores: &[S]) -> f64 {
    if !forms.has_varieties() {
        return 0.0;
    }
    let mut counted: HashMap<&str, usize, BuildHasherDefault<Fx>> = HashMap::default();
    for core in cores {
        *counted.entry(core.as_ref()).or_insert(0) += 1;
    }
    let (mut known, mut historic) = (0usize, 0usize);
    for (core, n) in counted {
        if forms.count(core) > 0 {
            known += n;
            if historic_only(forms, core) {
                historic += n;
            }
        }
    }
    if historic >= MIN_HISTORIC_WORDS && historic as f64 >= MIN_HISTORIC_SHARE * known as f64 {
        0.0
    } else {
        HISTORIC_ONLY_PENALTY
    }
}

/// `DOCUMENT.min_term_repeats`: a non-word seen this often is the document's term.
pub const MIN_TERM_REPEATS: usize = 3;
/// `DOCUMENT.min_length`: the shortest word of the document offered.
pub const MIN_WORD_LENGTH: usize = 5;
/// `document._PLAIN`: umlauts and ß read as their plain letters.
pub const PLAIN: [(char, &str); 7] = [
    ('ä', "a"),
    ('ö', "o"),
    ('ü', "u"),
    ('Ä', "A"),
    ('Ö', "O"),
    ('Ü', "U"),
    ('ß', "ss"),
];

/// `word.translate(_PLAIN)`
pub fn plain(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 1);
    for c in word.chars() {
        match PLAIN.iter().find(|(u, _)| *u == c) {
            Some((_, p)) => out.push_str(p),
            None => out.push(c),
        }
    }
    out
}

/// `document_terms(tokens, profile, decoder)`: the unknown words the document repeats (each
/// once, in the order of their first token), unless one of their candidates is the word with
/// umlauts or ß lost that the document has nowhere else. `german`: the profile is
/// `GERMAN_TEXT`; `candidates(i)` gives the words of `decoder.candidates(tokens[i])` after the
/// first, asked for each term's first token in order, as Python asks.
pub fn document_terms<'t, E>(
    tokens: &[PassToken<'t>],
    german: bool,
    mut candidates: impl FnMut(usize) -> Result<Vec<String>, E>,
) -> Result<Vec<&'t str>, E> {
    let mut seen: HashMap<String, usize, BuildHasherDefault<Fx>> = HashMap::default();
    for t in tokens {
        if t.known || t.protected {
            continue;
        }
        if german || nearby::capitalised(t.core) {
            *seen.entry(pystr::lower(t.core)).or_insert(0) += 1;
        }
    }
    if !seen.values().any(|&n| n >= MIN_TERM_REPEATS) {
        return Ok(Vec::new());
    }
    // the first token of each core whose lower case is repeated ("Sid" at a sentence's start
    // is "sid" too)
    let mut first: Vec<(&str, usize)> = Vec::new();
    let mut firsts: HashMap<&str, (), BuildHasherDefault<Fx>> = HashMap::default();
    for (i, t) in tokens.iter().enumerate() {
        if firsts.contains_key(t.core) {
            continue;
        }
        if seen
            .get(&pystr::lower(t.core))
            .is_some_and(|&n| n >= MIN_TERM_REPEATS)
        {
            firsts.insert(t.core, ());
            first.push((t.core, i));
        }
    }
    let joined: String = tokens.iter().map(|t| t.core).collect();
    let letters: std::collections::HashSet<char> = pystr::lower(&joined).chars().collect();
    let mut out = Vec::new();
    for (core, i) in first {
        let lost_here = candidates(i)?.iter().any(|w| {
            plain(w) == core
                && pystr::lower(w)
                    .chars()
                    .all(|c| !UMLAUTS.contains(&c) || !letters.contains(&c))
        });
        if !lost_here {
            out.push(core);
        }
    }
    Ok(out)
}

/// What `document_words` reads of a token.
#[derive(Debug, Clone, Copy)]
pub struct DecidedToken<'a> {
    pub core: &'a str,
    /// `best`: the decision of the latest pass
    pub best: &'a str,
    pub known: bool,
    pub protected: bool,
}

/// `document_words(tokens, lexicon)`: the distinct words of the document as decided, known ones
/// of [`MIN_WORD_LENGTH`] letters or more, in the order of their first token (each word's
/// verdict is its last token's, as in Python's dict).
pub fn document_words<'t>(forms: &Forms, tokens: &[DecidedToken<'t>]) -> Vec<&'t str> {
    let mut order: Vec<(&str, bool)> = Vec::new();
    let mut at: HashMap<&str, usize, BuildHasherDefault<Fx>> = HashMap::default();
    for t in tokens {
        if t.protected || pystr::len(t.best) < MIN_WORD_LENGTH || !pystr::is_alpha(t.best) {
            continue;
        }
        // `is_known`: an alphabetic word has no suspended compound's hyphen
        let known =
            t.known || (t.best != t.core && (forms.count(t.best) > 0 || forms.known(t.best)));
        match at.get(t.best) {
            Some(&k) => order[k].1 = known,
            None => {
                at.insert(t.best, order.len());
                order.push((t.best, known));
            }
        }
    }
    order
        .into_iter()
        .filter(|(_, known)| *known)
        .map(|(w, _)| w)
        .collect()
}

/// `BROKEN_WORDS.merge_cost`: ln P(OCR inserted a space inside a word).
pub fn merge_cost() -> f64 {
    0.002f64.ln()
}
/// `BROKEN_WORDS.min_merge_count`: how often the joined word must have been seen.
pub const MIN_MERGE_COUNT: u64 = 5;

/// What `join_broken_words` reads of a token.
#[derive(Debug, Clone, Copy)]
pub struct JoinToken<'a> {
    pub core: &'a str,
    /// `start`, `end`: the core's offsets in the text, in code points
    pub start: usize,
    pub end: usize,
    pub sentence_end: bool,
    pub known: bool,
    pub protected: bool,
    pub lower_noun: bool,
}

/// Two tokens to join: `tokens[at]` and `tokens[at + 1]` become one token `word` (known, not
/// protected, ending a sentence where the second did) with `confidence` (`Token.merged`).
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub at: usize,
    pub word: String,
    pub confidence: f64,
}

/// `_cuts_a_part(compound, at, lexicon)`: a cut at code point `at` falls inside a part.
fn cuts_a_part(forms: &Forms, compound: &str, at: usize) -> bool {
    let Some(parts) = forms.compound_split(compound) else {
        return false;
    };
    let mut end = 0;
    for part in &parts {
        end += pystr::len(part);
        if end == at {
            return false;
        }
    }
    true
}

/// `join_broken_words(text, tokens, lexicon, skip)`: the joins, in the order of the tokens (each
/// token in one join at most). `skip(i)`: the token is in a sentence that is no German prose.
pub fn join_broken_words(
    language: &Language,
    text: &str,
    tokens: &[JoinToken<'_>],
    skip: impl Fn(usize) -> bool,
) -> Vec<Merge> {
    let forms = language.forms();
    let lm = |prev: &str, word: &str| language.logp_bigram(Some(prev), Some(word));
    let mut out: Vec<Merge> = Vec::new();
    let mut chars: Option<Vec<char>> = None;
    // the last token of the list being built: a token, or the join `out[m]`
    let mut last: Option<Result<usize, usize>> = None;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if let Some(u) = tokens.get(i + 1).filter(|_| !skip(i) && !skip(i + 1)) {
            let chars = chars.get_or_insert_with(|| text.chars().collect());
            // `text[t.end:u.start] == " "`
            let one_space = u.start.checked_sub(t.end) == Some(1) && chars.get(t.end) == Some(&' ');
            let candidate = !t.protected
                && !u.protected
                && !t.sentence_end
                && u.core.chars().next().is_some_and(pystr::char_is_lower)
                && one_space
                && (!t.known || !u.known || u.lower_noun);
            if candidate {
                let joined = format!("{}{}", t.core, u.core);
                if forms.count(&joined) >= MIN_MERGE_COUNT
                    || (!t.known && !u.known && cuts_a_part(forms, &joined, pystr::len(t.core)))
                {
                    let prev = match last {
                        Some(Ok(k)) if !tokens[k].sentence_end => tokens[k].core,
                        Some(Err(m)) if !tokens[out[m].at + 1].sentence_end => &out[m].word,
                        _ => SENT_START,
                    };
                    let next = tokens
                        .get(i + 2)
                        .filter(|_| !u.sentence_end)
                        .map(|n| n.core);
                    let mut apart =
                        lm(prev, t.core) + lm(t.core, u.core) + next.map_or(0.0, |n| lm(u.core, n));
                    apart +=
                        NON_WORD_PENALTY * (usize::from(!t.known) + usize::from(!u.known)) as f64;
                    let together =
                        lm(prev, &joined) + next.map_or(0.0, |n| lm(&joined, n)) + merge_cost();
                    if together > apart {
                        let confidence = 1.0 / (1.0 + (apart - together).exp());
                        last = Some(Err(out.len()));
                        out.push(Merge {
                            at: i,
                            word: joined,
                            confidence,
                        });
                        i += 2;
                        continue;
                    }
                }
            }
        }
        last = Some(Ok(i));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn numbers_before() {
        for yes in ["100 ", "a 5 ", "(5 (", "1,5\t", "½ ", "5 \n", "x 3.000 (\n"] {
            assert!(number_before(&chars(yes)), "{yes:?}");
        }
        for no in ["x11 ", "5", "5 a", "5  ", "", "5 \n\n", "a.5 "] {
            assert!(!number_before(&chars(no)), "{no:?}");
        }
    }

    #[test]
    fn word_lists() {
        use std::collections::HashSet;
        for w in foreign_words() {
            assert!(
                is_foreign_word(w) && is_foreign_word(&pystr::upper(w)),
                "{w}"
            );
        }
        for w in ["thee", "th", "", "DER", "über", "o\u{212a}", "\u{212a}"] {
            assert!(!is_foreign_word(w), "{w}");
        }
        assert!(is_foreign_word("OO\u{212a}")); // the Kelvin sign's lower case is a k: "ook"
        assert_eq!(foreign_words().count(), 81);
        let (p, q) = tense_words();
        assert_eq!((p.len(), q.len()), (43, 29));
        // `_PRETERITES`: the words and their capitalised forms, no other
        let both = |words: Vec<&str>| -> HashSet<String> {
            words
                .iter()
                .map(|w| (*w).to_owned())
                .chain(words.iter().map(|w| pystr::capitalize(w)))
                .collect()
        };
        let (preterites, presents) = (both(p), both(q));
        for w in preterites
            .iter()
            .chain(&presents)
            .map(String::as_str)
            .chain([
                "WAR",
                "wAr",
                "Saß",
                "SAß",
                "",
                "Antwortete",
                "ANTWORTETE",
                "Ist",
                "ist.",
                "ß",
                "Ärger",
            ])
        {
            let want = (
                usize::from(preterites.contains(w)),
                usize::from(presents.contains(w)),
            );
            assert_eq!(tense_counts([w]), want, "{w:?}");
        }
        assert_eq!(past_bias(&["war"; 8]), PAST_BIAS);
        assert_eq!(past_bias(&["war", "ist"]), 0.0);
    }

    fn tok(core: &str, sentence_end: bool, known: bool) -> PassToken<'_> {
        PassToken {
            core,
            start: 0,
            sentence_end,
            known,
            protected: false,
        }
    }

    #[test]
    fn foreign_and_german() {
        let mut tokens: Vec<PassToken> = ["this", "is", "the", "end"]
            .iter()
            .map(|w| tok(w, false, false))
            .collect();
        tokens[3].sentence_end = true;
        tokens.extend(
            ["Das", "ist", "ein", "Satz"]
                .iter()
                .map(|w| tok(w, false, true)),
        );
        let found = foreign_sentences(&tokens, |_| Ok::<bool, ()>(false));
        assert_eq!(found, Ok(vec![0, 1, 2, 3]));
    }

    #[test]
    fn terms_and_words() {
        assert_eq!(plain("Prüfung Maß Ärger"), "Prufung Mass Arger");
        let mut tokens: Vec<PassToken> =
            ["Sid", "sid", "Sid", "Prufung", "Prufung", "Prufung", "üb"]
                .iter()
                .map(|w| tok(w, false, false))
                .collect();
        tokens[6].known = true;
        let mut asked = Vec::new();
        let found = document_terms(&tokens, true, |i| {
            asked.push(i);
            Ok::<_, ()>(vec!["Süd".to_owned(), "Prüfung".to_owned()])
        });
        // "Prüfung" is no lost reading: the document writes ü elsewhere ("üb")
        assert_eq!(found, Ok(vec!["Sid", "sid", "Prufung"]));
        let found = document_terms(&tokens[..6], true, |_| {
            Ok::<_, ()>(vec!["Süd".to_owned(), "Prüfung".to_owned()])
        });
        assert_eq!(found, Ok(vec!["Sid", "sid"])); // here it is
        assert_eq!(asked, vec![0, 1, 3]);
        // without a German model only capitalised ones count: "sid" is not, "Sid" twice only
        assert_eq!(
            document_terms(&tokens, false, |_| Ok::<_, ()>(Vec::new())),
            Ok(vec!["Prufung"])
        );
    }
}
