//! The words stage's repairs between and of the decided words (`stages/words/fixes.py`), with
//! Python's answers exactly: sentence punctuation read as its look-alike ("Herren, Aber" →
//! "Herren. Aber"), a speck read as a mark or a dash where prose never writes one ("der.
//! Bundestag", "nicht, mehr", "und – Kollegen"), an I read as i at a sentence start, a capital
//! read for a lower-case letter of the same shape ("wir Sollten").
//!
//! The tokens are [`JoinToken`]s (what these read of a `Token` is what `join_broken_words` reads);
//! the text is given as its code points, the tokens' offsets being Python's. The mark statistics
//! are [`MarkStats`] (`tokens.sentence_start_word` is `marks.sentence_starts`). Whether a single
//! quotation opened shortly before an offset (`typography.openers_before`) is asked through a
//! callback, so that the typography stage's own function answers until it is compiled too.
//!
//! The module's patterns are matched by hand, one function each, named after the pattern, with
//! the `regex` module's classes from [`pystr`]; [`PATTERNS`] lists the patterns implemented, which
//! the Python side compares with its own at import, as it does the constants and word lists.

use crate::document::JoinToken;
use crate::edits::{Edit, Kind};
use crate::forms::{Forms, MODERN};
use crate::marks::MarkStats;
use crate::pystr;

/// `korrektor.lexicon.HISTORIC`: the form was seen in the old books.
pub const HISTORIC: u8 = 2;

/// `MARK_REPAIRS.min_word_before_stop`
pub const MIN_WORD_BEFORE_STOP: usize = 4;
/// `MARK_REPAIRS.min_word_after_stop`
pub const MIN_WORD_AFTER_STOP: u64 = 100;
/// `MARK_REPAIRS.max_parenthesis`
pub const MAX_PARENTHESIS: usize = 300;
/// `MARK_REPAIRS.min_elided_count`
pub const MIN_ELIDED_COUNT: u64 = 100;
/// `SENTENCE_STARTS.min_count` (`tokens.py`)
pub const SENTENCE_START_MIN_COUNT: u64 = 1000;
/// `_SALUTATION_MAX_LENGTH`
pub const SALUTATION_MAX_LENGTH: usize = 60;

/// `_DASHES`: a dash standing alone between two words.
pub const DASHES: [&str; 3] = ["-", "–", "—"];
/// `_SALUTATION_OPENERS`: the words of address a letter's salutation opens with.
pub const SALUTATION_OPENERS: [&str; 18] = [
    "Sehr",
    "Herr",
    "Frau",
    "Liebe",
    "Lieber",
    "Liebes",
    "Hallo",
    "Guten",
    "Geehrte",
    "Geehrter",
    "Verehrte",
    "Verehrter",
    "Hochverehrte",
    "Werte",
    "Werter",
    "Meine",
    "Grüezi",
    "Servus",
];
/// `_RELATIVE_PRONOUNS`: the words that open a relative clause.
pub const RELATIVE_PRONOUNS: [&str; 13] = [
    "der", "die", "das", "dem", "den", "dessen", "deren", "denen", "welcher", "welche", "welches",
    "welchem", "welchen",
];
/// `_SIZE_ONLY_CAPITALS`: capitals an engine reads alike their lower case, only a size apart.
pub const SIZE_ONLY_CAPITALS: [char; 9] = ['C', 'K', 'O', 'S', 'U', 'V', 'W', 'X', 'Z'];
/// `german.ABBREV`: the abbreviations the words stage knows (case-sensitive; sorted).
pub const ABBREV: [&str; 33] = [
    "Abs", "Art", "Bd", "Dr", "Hr", "Hrn", "Jh", "Kap", "Mio", "Mrd", "Nr", "Prof", "S", "St",
    "Std", "Tsd", "bspw", "bzw", "ca", "evtl", "f", "ff", "gem", "ggf", "inkl", "lt", "sog", "u",
    "usw", "vgl", "z", "zB", "zz",
];
/// `german._ABBREVIATIONS_FOLDED`: `ABBREV` lower-cased and the longer ones of legal and
/// bibliographic prose (sorted).
pub const ABBREVIATIONS_FOLDED: [&str; 50] = [
    "abs", "abschn", "anl", "anm", "art", "aufl", "bd", "bearb", "bspw", "bzgl", "bzw", "ca",
    "dipl", "dr", "evtl", "f", "ff", "gegr", "gem", "ggf", "hr", "hrn", "hrsg", "inkl", "insb",
    "jh", "jhdt", "kap", "lt", "mio", "mrd", "nachf", "nr", "prof", "s", "sog", "st", "std",
    "stellv", "tsd", "u", "usw", "verf", "vgl", "vors", "z", "zb", "ziff", "zz", "zzgl",
];

/// The patterns implemented here, by their names in `fixes.py` (`fullmatch`, `split`, `search`
/// as the module uses each; no flags).
pub const PATTERNS: [(&str, &str); 4] = [
    ("paragraph_after_comma", r",[ \t]*\n[ \t]*\n\s*"),
    ("stop_gap", r"\.(?: |[ \t]*\n[ \t]*\n\s*)"),
    ("dash_gap", r"\s[-–—]\s"),
    ("sentence_break", r#"[.!?…][“”\"»«’]?\s|\n\s*\n"#),
];

/// The rules of the case repairs.
pub const CAPITAL_I_AT_SENTENCE_START: &str = "capital_i_at_sentence_start";
pub const CAPITAL_INSIDE_SENTENCE: &str = "capital_inside_sentence";

/// `is_abbreviation(word)`: `word.lower()` is one of the abbreviations folded.
pub fn is_abbreviation(word: &str) -> bool {
    // the longest is six letters, and lower-casing never shortens a word
    if pystr::len(word) > 6 {
        return false;
    }
    ABBREVIATIONS_FOLDED
        .binary_search(&pystr::lower(word).as_str())
        .is_ok()
}

/// `text[a:b]` as Python slices: clamped, empty where `a >= b`.
fn slice(text: &[char], a: usize, b: usize) -> &[char] {
    let b = b.min(text.len());
    &text[a.min(b)..b]
}

fn is(gap: &[char], s: &str) -> bool {
    gap.iter().copied().eq(s.chars())
}

/// `[ \t]*\n[ \t]*\n\s*`, matched in full: two line breaks, spaces or tabs beside them, then
/// any white space.
fn paragraph_break_to_end(s: &[char]) -> bool {
    let mut k = 0;
    for _ in 0..2 {
        while k < s.len() && matches!(s[k], ' ' | '\t') {
            k += 1;
        }
        if s.get(k) != Some(&'\n') {
            return false;
        }
        k += 1;
    }
    s[k..].iter().all(|&c| pystr::regex_is_space(c))
}

/// `_PARAGRAPH_AFTER_COMMA_RE.fullmatch(gap)`: `,[ \t]*\n[ \t]*\n\s*`.
fn paragraph_after_comma(gap: &[char]) -> bool {
    gap.first() == Some(&',') && paragraph_break_to_end(&gap[1..])
}

/// `_STOP_GAP_RE.fullmatch(gap)`: `\.(?: |[ \t]*\n[ \t]*\n\s*)`.
fn stop_gap(gap: &[char]) -> bool {
    gap.first() == Some(&'.') && (is(&gap[1..], " ") || paragraph_break_to_end(&gap[1..]))
}

/// `_DASH_GAP_RE.search(s)`: `\s[-–—]\s`.
fn dash_gap(s: &[char]) -> bool {
    s.windows(3).any(|w| {
        pystr::regex_is_space(w[0])
            && matches!(w[1], '-' | '–' | '—')
            && pystr::regex_is_space(w[2])
    })
}

/// `_SENTENCE_BREAK_RE` matched at `p`: `[.!?…][“”\"»«’]?\s|\n\s*\n`; the match's end.
fn sentence_break_at(s: &[char], p: usize) -> Option<usize> {
    let c = *s.get(p)?;
    if matches!(c, '.' | '!' | '?' | '…') {
        // the quote is optional: taken if white space follows it, else left
        let q = p + 1;
        if s.get(q)
            .is_some_and(|&c| matches!(c, '“' | '”' | '"' | '»' | '«' | '’'))
            && s.get(q + 1).is_some_and(|&c| pystr::regex_is_space(c))
        {
            return Some(q + 2);
        }
        return s
            .get(q)
            .is_some_and(|&c| pystr::regex_is_space(c))
            .then_some(q + 1);
    }
    if c == '\n' {
        // `\s*` is greedy: it gives back until a line break follows, the last of the run
        let mut k = p + 1;
        let mut last = None;
        while k < s.len() && pystr::regex_is_space(s[k]) {
            if s[k] == '\n' {
                last = Some(k);
            }
            k += 1;
        }
        return last.map(|k| k + 1);
    }
    None
}

/// `_SENTENCE_BREAK_RE.split(s, 1)[0]`: `s` up to the first break.
fn before_first_break(s: &[char]) -> &[char] {
    (0..s.len())
        .find(|&p| sentence_break_at(s, p).is_some())
        .map_or(s, |p| &s[..p])
}

/// `_SENTENCE_BREAK_RE.split(s)[-1]`: `s` after the last break (the breaks found from the left,
/// none overlapping).
fn after_last_break(s: &[char]) -> &[char] {
    let mut from = 0;
    let mut p = 0;
    while p < s.len() {
        match sentence_break_at(s, p) {
            Some(end) => {
                from = end;
                p = end;
            }
            None => p += 1,
        }
    }
    &s[from..]
}

/// `_salutation(text, comma)`: is the paragraph that ends at `comma` (with the comma) a
/// letter's salutation?
fn salutation(text: &[char], comma: usize) -> bool {
    let head = slice(text, 0, comma);
    // `text.rfind("\n\n", 0, comma)`
    let from = (0..head.len().saturating_sub(1))
        .rev()
        .find(|&k| head[k] == '\n' && head[k + 1] == '\n')
        .map_or(0, |k| k + 2);
    let mut paragraph = &head[from.min(head.len())..];
    // `str.strip()`: CPython's white space
    while let Some((&c, rest)) = paragraph.split_first() {
        if !pystr::char_is_space(c) {
            break;
        }
        paragraph = rest;
    }
    while let Some((&c, rest)) = paragraph.split_last() {
        if !pystr::char_is_space(c) {
            break;
        }
        paragraph = rest;
    }
    if paragraph.len() > SALUTATION_MAX_LENGTH || paragraph.contains(&'\n') {
        return false;
    }
    let first: String = paragraph.iter().take_while(|&&c| c != ' ').collect();
    SALUTATION_OPENERS.contains(&first.as_str())
}

fn is_dash(core: &str) -> bool {
    DASHES.contains(&core)
}

/// `after_sentence_end(t, lexicon)`: does the full stop after `word` end a sentence (a word, no
/// abbreviation, not a form only the Swiss or Austrian laws write)?
pub fn after_sentence_end(forms: &Forms, word: &str) -> bool {
    pystr::is_alpha(word)
        && pystr::len(word) >= MIN_WORD_BEFORE_STOP
        && !is_abbreviation(word)
        && forms.count(word) > 0
        && (!forms.has_varieties() || forms.varieties(word) & (MODERN | HISTORIC) != 0)
}

/// `_spoken_elision(word, lexicon)`: a form that drops its final e in speech ("hab’").
fn spoken_elision(forms: &Forms, word: &str) -> bool {
    forms.has_varieties()
        && forms.varieties(word) & MODERN == 0
        && forms.count(&format!("{word}e")) >= MIN_ELIDED_COUNT
}

/// `_apostrophe_speck(text, t, lexicon)`: is an apostrophe glued to the end of `t` a speck?
/// `openers_before(offset)`: may a quotation have opened shortly before `offset`?
fn apostrophe_speck(
    forms: &Forms,
    t: &JoinToken<'_>,
    openers_before: &mut impl FnMut(usize) -> bool,
) -> bool {
    let word = t.core;
    let Some(last) = word.chars().last() else {
        return false;
    };
    if pystr::len(word) < 2 || "sxzßSXZ".contains(last) || spoken_elision(forms, word) {
        return false;
    }
    let need = if pystr::first_is_upper(word) {
        MIN_WORD_AFTER_STOP
    } else {
        SENTENCE_START_MIN_COUNT
    };
    forms.count(word) >= need && !openers_before(t.end)
}

/// `_dash_speck(text, tokens, i, marks, skip)`: is the dash token after token `i` a speck?
fn dash_speck(
    text: &[char],
    tokens: &[JoinToken<'_>],
    i: usize,
    marks: &MarkStats,
    skip: &impl Fn(usize) -> bool,
) -> bool {
    if i + 2 >= tokens.len() || skip(i + 2) {
        return false;
    }
    let (t, dash, v) = (&tokens[i], &tokens[i + 1], &tokens[i + 2]);
    if v.protected || !is(slice(text, dash.end, v.start), " ") {
        return false;
    }
    if marks.no_mark_between(t.core, v.core) {
        return true;
    }
    if !marks.no_dash_after.contains(t.core) {
        return false;
    }
    let ahead = before_first_break(slice(text, v.start, v.start + MAX_PARENTHESIS));
    let behind = after_last_break(slice(
        text,
        t.start.saturating_sub(MAX_PARENTHESIS),
        t.start,
    ));
    !(dash_gap(ahead) || dash_gap(behind))
}

/// Does `sentence_punctuation` look at the pair `t`, `u` further (the tokens' flags, those of
/// the token after `u`)? Not where a single space parts them and `u` is no dash: the common case.
pub fn punctuation_candidate(text: &[char], t: &JoinToken<'_>, u: &JoinToken<'_>) -> bool {
    !is(slice(text, t.end, u.start), " ") || is_dash(u.core)
}

/// `sentence_punctuation(text, tokens, lexicon, marks, skip)`: the marks between the tokens
/// that are specks or look-alikes of the right mark, as edits in the tokens' order. `skip(i)`:
/// the token is in a sentence that is no German prose; `openers_before(offset)`:
/// `typography.openers_before(text, offset) > 0`.
pub fn sentence_punctuation(
    forms: &Forms,
    marks: &MarkStats,
    text: &[char],
    tokens: &[JoinToken<'_>],
    skip: impl Fn(usize) -> bool,
    mut openers_before: impl FnMut(usize) -> bool,
) -> Vec<Edit> {
    let mut out = Vec::new();
    let edit = |start: usize, end: usize, after: &str, rule: &str, confidence: f64| {
        Edit::new(
            start,
            end,
            slice(text, start, end).iter().collect::<String>(),
            after,
            Kind::Punctuation,
            rule,
        )
        .with_confidence(confidence)
    };
    for i in 0..tokens.len().saturating_sub(1) {
        let (t, u) = (&tokens[i], &tokens[i + 1]);
        if !punctuation_candidate(text, t, u) {
            continue; // the common case: nothing between two words
        }
        let gap = slice(text, t.end, u.start);
        let u_dash = is_dash(u.core);
        if skip(i) || skip(i + 1) || t.protected || !pystr::is_alpha(t.core) {
            continue;
        }
        if u_dash {
            if is(gap, " ") && dash_speck(text, tokens, i, marks, &skip) {
                out.push(edit(t.end, u.end, "", "dash_between_neighbours", 0.8));
            }
            continue;
        }
        if u.protected {
            continue;
        }
        let stop = is(gap, ". ");
        let comma = is(gap, ", ");
        if gap.len() == 2
            && matches!(gap[0], '.' | ',' | ':' | ';')
            && gap[1] == ' '
            && marks.no_mark_between(t.core, u.core)
        {
            out.push(edit(t.end, t.end + 1, "", "mark_between_neighbours", 0.8));
        } else if (comma || (paragraph_after_comma(gap) && !salutation(text, t.end)))
            && marks.sentence_starts.contains(u.core)
        {
            out.push(edit(
                t.end,
                t.end + 1,
                ".",
                "comma_before_sentence_start",
                0.8,
            ));
        } else if stop && marks.no_sentence_end_after.contains(t.core) && pystr::is_alpha(u.core) {
            out.push(edit(t.end, t.end + 1, "", "stop_after_function_word", 0.8));
        } else if comma
            && marks.no_comma_after.contains(t.core)
            && pystr::is_alpha(u.core)
            && !RELATIVE_PRONOUNS.contains(&pystr::lower(u.core).as_str())
            && !t.core.ends_with('.')
        {
            out.push(edit(t.end, t.end + 1, "", "comma_after_function_word", 0.8));
        } else if stop
            && pystr::is_lower(u.core)
            && pystr::is_alpha(u.core)
            && after_sentence_end(forms, t.core)
            && forms.count(u.core) >= MIN_WORD_AFTER_STOP
            && !u.core.starts_with('i')
        {
            out.push(edit(t.end, t.end + 1, ",", "stop_before_lower_case", 0.7));
        } else if (is(gap, "’ ") || is(gap, "' "))
            && apostrophe_speck(forms, t, &mut openers_before)
        {
            out.push(edit(t.end, t.end + 1, "", "apostrophe_after_word", 0.8));
        }
    }
    out
}

/// `_frequent_short_word(word, lexicon)`: a frequent lower-case word of three letters, no
/// abbreviation.
fn frequent_short_word(forms: &Forms, word: &str) -> bool {
    pystr::len(word) == 3
        && pystr::is_lower(word)
        && ABBREV.binary_search(&word).is_err()
        && forms.count(word) >= SENTENCE_START_MIN_COUNT
}

/// May `core` be a sentence's first word with its I read as i (the token's own part of
/// `lower_case_i`'s test; the rest reads the token before it)?
pub fn lower_case_i_candidate(core: &str) -> bool {
    core.starts_with('i') && pystr::is_alpha(core) && pystr::is_lower(core)
}

/// `lower_case_i(text, tokens, lexicon)`: the tokens (ascending) that start a sentence with an
/// "I" read as "i".
pub fn lower_case_i(
    forms: &Forms,
    marks: &MarkStats,
    text: &[char],
    tokens: &[JoinToken<'_>],
) -> Vec<usize> {
    let mut out = Vec::new();
    for i in 1..tokens.len() {
        let (t, u) = (&tokens[i - 1], &tokens[i]);
        if !(lower_case_i_candidate(u.core) && t.sentence_end) {
            continue;
        }
        let gap = slice(text, t.end, u.start);
        let capital = format!("I{}", &u.core[1..]);
        let after_mark =
            (is(gap, "! ") || is(gap, "? ")) && forms.count(&capital) >= MIN_WORD_AFTER_STOP;
        if after_mark
            || (stop_gap(gap)
                && marks.sentence_starts.contains(&capital)
                && (after_sentence_end(forms, t.core) || frequent_short_word(forms, t.core)))
        {
            out.push(i);
        }
    }
    out
}

/// Is `core` a capital that the corpus writes only at a sentence start and that an engine reads
/// alike its lower case (the token's own part of `capital_inside_sentence`'s test)?
pub fn capital_candidate(marks: &MarkStats, core: &str) -> bool {
    core.chars()
        .next()
        .is_some_and(|c| SIZE_ONLY_CAPITALS.contains(&c))
        && marks.capital_only_first.contains(core)
}

/// `capital_inside_sentence(text, tokens, marks, skip)`: the tokens (ascending) that the corpus
/// writes with a capital (almost) only at a sentence start, standing right after a lower-case
/// word with no mark between.
pub fn capital_inside_sentence(
    marks: &MarkStats,
    text: &[char],
    tokens: &[JoinToken<'_>],
    skip: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    for i in 1..tokens.len() {
        let (t, u) = (&tokens[i - 1], &tokens[i]);
        if u.core
            .chars()
            .next()
            .is_some_and(|c| SIZE_ONLY_CAPITALS.contains(&c))
            && marks.capital_only_first.contains(u.core)
            && !skip(i)
            && !t.sentence_end
            && t.known
            && pystr::is_alpha(t.core)
            && pystr::is_lower(t.core)
            && is(slice(text, t.end, u.start), " ")
            && !is(slice(text, u.end, u.end + 1), ":")
        {
            out.push(i);
        }
    }
    out
}

/// The repairs on `tokens` of `text` (the fuzz target's body, [`crate::fuzzing`]): with the
/// packaged mark statistics (their sets of words, as `default_mark_stats()` reads them), every
/// third token skipped, an opener seen before every other offset asked about.
#[cfg(any(test, feature = "fuzzing"))]
pub fn exercise(forms: &Forms, text: &str, tokens: &[JoinToken<'_>]) -> usize {
    use std::sync::OnceLock;
    static MARKS: OnceLock<MarkStats> = OnceLock::new();
    let marks = MARKS.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        MarkStats::load(&dir).unwrap_or_default()
    });
    let chars: Vec<char> = text.chars().collect();
    let mut flip = false;
    let edits = sentence_punctuation(
        forms,
        marks,
        &chars,
        tokens,
        |k| k % 3 == 2,
        |_| {
            flip = !flip;
            flip
        },
    );
    for e in &edits {
        // an edit's span is the text it replaces
        assert_eq!(
            slice(&chars, e.start, e.end).iter().collect::<String>(),
            e.before
        );
    }
    edits.len()
        + lower_case_i(forms, marks, &chars, tokens).len()
        + capital_inside_sentence(marks, &chars, tokens, |k| k % 3 == 2).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn patterns() {
        for yes in [",\n\n", ", \n \n  ", ",\t\n\n\n \u{2028}"] {
            assert!(paragraph_after_comma(&chars(yes)), "{yes:?}");
        }
        for no in [",\n", ", ", ",\n \n x", "\n\n", ",\n\n\u{1c}"] {
            assert!(!paragraph_after_comma(&chars(no)), "{no:?}");
        }
        for yes in [". ", ".\n\n", ". \n\n "] {
            assert!(stop_gap(&chars(yes)), "{yes:?}");
        }
        for no in [".  ", ".", " .", ".\n"] {
            assert!(!stop_gap(&chars(no)), "{no:?}");
        }
        assert!(dash_gap(&chars("a - b")) && dash_gap(&chars("\n—\t")));
        assert!(!dash_gap(&chars("a -b")) && !dash_gap(&chars("a-b")));
        let s = chars("eins. zwei.“ drei\n \n\nvier! fünf");
        assert_eq!(before_first_break(&s), &chars("eins")[..]);
        assert_eq!(after_last_break(&s), &chars("fünf")[..]);
        assert_eq!(after_last_break(&chars("a.b")), &chars("a.b")[..]);
        // the quote given back where no space follows it: ".“x" is no break, ". " is
        assert_eq!(before_first_break(&chars("a.“x. y")), &chars("a.“x")[..]);
        assert_eq!(after_last_break(&chars("a\n \nb\nc")), &chars("b\nc")[..]);
    }

    #[test]
    fn salutations() {
        let t = chars("Text.\n\nSehr geehrte Frau Müller,\n\nich schreibe");
        let comma = 31;
        assert_eq!(t[comma], ',');
        assert!(salutation(&t, comma));
        let t = chars("Er sagte,\n\nund ging");
        assert!(!salutation(&t, 8));
        assert!(is_abbreviation("Zzgl") && is_abbreviation("S") && is_abbreviation("s"));
        assert!(!is_abbreviation("Haus") && !is_abbreviation(""));
    }
}
