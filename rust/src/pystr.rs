//! Python's string predicates and case mappings, as CPython 3.11 computes them, for the word
//! logic ported from `korrektor/lexicon.py` and `korrektor/compounds.py`.
//!
//! The properties and mappings come from tables generated out of CPython itself
//! (`scripts/gen_pystr_tables.py` → `pystr_tables.rs`, Unicode 14.0.0), not from Rust's `char`
//! methods: `char::is_alphabetic` counts combining marks and letter numbers, which
//! `str.isalpha` does not; Rust has no titlecase mapping (`capitalize`); and Rust's Unicode
//! version is the compiler's. The algorithms are CPython's (`Objects/unicodeobject.c`):
//! `isupper`/`islower` need one cased character and none of the other case (a titlecase letter
//! counts as neither), `lower` makes a Σ final by its context.
//!
//! Python slices strings by code points, Rust by bytes: the helpers here that take "the first
//! character" (`word[0]`, `word[1:]`) work on `char`s.

use crate::pystr_tables as t;

/// The Unicode version of the tables (CPython's `unicodedata.unidata_version` when generated).
pub use crate::pystr_tables::UNICODE_VERSION;

/// Is `c` in one of the sorted, disjoint inclusive `ranges` of code points?
pub(crate) fn in_ranges(c: char, ranges: &[(u32, u32)]) -> bool {
    let cp = c as u32;
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn mapped(c: char, map: &'static [(u32, &'static str)]) -> Option<&'static str> {
    map.binary_search_by_key(&(c as u32), |&(k, _)| k)
        .ok()
        .and_then(|i| map.get(i))
        .map(|&(_, s)| s)
}

/// `c.isalpha()`: general category Lu, Ll, Lt, Lm or Lo.
#[inline]
pub fn char_is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(c, t::ALPHA)
}

/// `c.isupper()` of one character (the derived property Uppercase).
#[inline]
pub fn char_is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_ranges(c, t::UPPER)
}

/// `c.islower()` of one character (the derived property Lowercase).
#[inline]
pub fn char_is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    in_ranges(c, t::LOWER)
}

/// `c.isdigit()`: Numeric_Type Digit or Decimal ("²" too, not "½").
#[inline]
pub fn char_is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(c, t::DIGIT)
}

/// `regex`'s `\s` (the `regex` module's White_Space: not U+001C..U+001F, which `str.isspace`
/// counts).
#[inline]
pub fn regex_is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c');
    }
    in_ranges(c, t::REGEX_SPACE)
}

/// `regex`'s `\p{Ll}` (the `regex` module's Unicode version, newer than CPython 3.11's).
#[inline]
pub fn regex_is_ll(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    in_ranges(c, t::REGEX_LL)
}

/// `regex`'s `\p{Lu}`.
#[inline]
pub fn regex_is_lu(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_ranges(c, t::REGEX_LU)
}

/// `regex`'s `\p{L}`.
#[inline]
pub fn regex_is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(c, t::REGEX_L)
}

/// `regex`'s `\d` (Unicode decimal digits: "٣" too, not "²").
#[inline]
pub fn regex_is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(c, t::REGEX_DIGIT)
}

/// `c.isspace()`, the white space `str.split()` splits at (the separators U+001C..U+001F too,
/// which `regex`'s `\s` does not count).
#[inline]
pub fn char_is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r' | '\x1c'..='\x1f');
    }
    in_ranges(c, t::SPACE)
}

/// `regex`'s `\w` (Alphabetic, marks, decimal digits, connector punctuation, joiners): the
/// characters its `\b` tells from the others.
#[inline]
pub fn regex_is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_ranges(c, t::REGEX_WORD)
}

/// `regex`'s `\p{N}` (numbers: digits, "²", "½", "Ⅻ").
#[inline]
pub fn regex_is_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(c, t::REGEX_N)
}

/// `regex`'s `\p{M}` (marks: combining accents, spacing marks, enclosing marks).
#[inline]
pub fn regex_is_mark(c: char) -> bool {
    !c.is_ascii() && in_ranges(c, t::REGEX_M)
}

/// `regex`'s `\p{Mn}` (non-spacing marks: the combining accents).
#[inline]
pub fn regex_is_nonspacing_mark(c: char) -> bool {
    !c.is_ascii() && in_ranges(c, t::REGEX_MN)
}

/// A titlecase letter (general category Lt: "ǅ").
#[inline]
pub fn char_is_title(c: char) -> bool {
    !c.is_ascii() && in_ranges(c, t::TITLE)
}

fn char_is_cased(c: char) -> bool {
    char_is_lower(c) || char_is_upper(c) || char_is_title(c)
}

fn char_is_case_ignorable(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\'' | '.' | ':' | '^' | '`');
    }
    in_ranges(c, t::CASE_IGNORABLE)
}

/// `s.isalpha()`: not empty, every character a letter.
pub fn is_alpha(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char_is_alpha)
}

/// `s.isupper()`: some uppercase character, no lowercase or titlecase one.
pub fn is_upper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if char_is_lower(c) || char_is_title(c) {
            return false;
        }
        cased |= char_is_upper(c);
    }
    cased
}

/// `s.islower()`: some lowercase character, no uppercase or titlecase one.
pub fn is_lower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if char_is_upper(c) || char_is_title(c) {
            return false;
        }
        cased |= char_is_lower(c);
    }
    cased
}

/// Is the Σ at `i` of `chars` a final sigma (CPython's `handle_capital_sigma`): a cased letter
/// before it and none after it, case-ignorable characters skipped on both sides?
fn final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars
        .get(..i)
        .unwrap_or(&[])
        .iter()
        .rev()
        .find(|&&c| !char_is_case_ignorable(c));
    if !before.is_some_and(|&c| char_is_cased(c)) {
        return false;
    }
    let after = chars
        .get(i + 1..)
        .unwrap_or(&[])
        .iter()
        .find(|&&c| !char_is_case_ignorable(c));
    !after.is_some_and(|&c| char_is_cased(c))
}

fn push_lower_of(out: &mut String, chars: &[char], i: usize, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if c == '\u{3a3}' {
        out.push(if final_sigma(chars, i) {
            '\u{3c2}'
        } else {
            '\u{3c3}'
        });
    } else {
        match mapped(c, t::LOWER_MAP) {
            Some(m) => out.push_str(m),
            None => out.push(c),
        }
    }
}

/// `s.lower()`: full mappings ("İ" → "i̇"), Σ made final by its context.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        push_lower_of(&mut out, &chars, i, c);
    }
    out
}

fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        match mapped(c, t::UPPER_MAP) {
            Some(m) => out.push_str(m),
            None => out.push(c),
        }
    }
}

/// `s.upper()`: full mappings ("ß" → "SS").
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        push_upper(&mut out, c);
    }
    out
}

/// `s.capitalize()` (Python 3.8 and later): the first character titlecased ("ǆ" → "ǅ", "ß" →
/// "Ss"), the rest lowered (Σ by its context in the whole string).
pub fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 2);
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            if c.is_ascii() {
                out.push(c.to_ascii_uppercase());
            } else {
                match mapped(c, t::TITLE_MAP) {
                    Some(m) => out.push_str(m),
                    None => out.push(c),
                }
            }
        } else {
            push_lower_of(&mut out, &chars, i, c);
        }
    }
    out
}

/// `s[:1]` and `s[1:]`: the first character (as a string) and the rest.
#[inline]
pub fn split_first(s: &str) -> (&str, &str) {
    let n = s.chars().next().map_or(0, char::len_utf8);
    s.split_at(n)
}

/// `s[:1].isupper()`: the first character is uppercase.
#[inline]
pub fn first_is_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char_is_upper)
}

/// `s[:1].lower() + s[1:]` (also `s[0].lower() + s[1:]` where `s` is not empty).
pub fn lower_first(s: &str) -> String {
    let (a, b) = split_first(s);
    lower(a) + b
}

/// `s[:1].upper() + s[1:]`.
pub fn upper_first(s: &str) -> String {
    let (a, b) = split_first(s);
    upper(a) + b
}

/// `s[:1].upper() + s[1:].lower()`.
pub fn upper_first_lower_rest(s: &str) -> String {
    let (a, b) = split_first(s);
    upper(a) + &lower(b)
}

/// `s[:1] + s[1:].lower()`.
pub fn keep_first_lower_rest(s: &str) -> String {
    let (a, b) = split_first(s);
    a.to_owned() + &lower(b)
}

/// `len(s)`: code points.
#[inline]
pub fn len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicates() {
        assert!(is_alpha("Straße") && is_alpha("ǅ") && is_alpha("中文"));
        assert!(!is_alpha("") && !is_alpha("a1") && !is_alpha("a\u{301}") && !is_alpha("Ⅻ"));
        assert!(is_upper("PRÜFUNG") && is_upper("ẞ") && is_upper("A1") && !is_upper("1"));
        assert!(!is_upper("ǅ") && !is_lower("ǅ") && !is_upper("AǅB"));
        assert!(is_lower("straße") && is_lower("ß") && !is_lower("straßE") && !is_lower(""));
        assert!(is_upper("ΣΑ") && !is_upper("中"));
    }

    #[test]
    fn digits_and_the_regex_classes() {
        assert!(char_is_digit('7') && char_is_digit('²') && char_is_digit('٣'));
        assert!(!char_is_digit('½') && !char_is_digit('a'));
        assert!(regex_is_space(' ') && regex_is_space('\u{a0}') && regex_is_space('\u{3000}'));
        assert!(!regex_is_space('\u{1c}') && !regex_is_space('\u{200b}') && !regex_is_space('x'));
        assert!(regex_is_ll('ß') && regex_is_ll('a') && !regex_is_ll('A') && !regex_is_ll('ǅ'));
        assert!(regex_is_lu('Ä') && regex_is_lu('I') && !regex_is_lu('i') && !regex_is_lu('1'));
        assert!(regex_is_letter('ǅ') && regex_is_letter('中') && !regex_is_letter('\u{301}'));
        assert!(regex_is_digit('٣') && regex_is_digit('7') && !regex_is_digit('²'));
    }

    #[test]
    fn mappings() {
        assert_eq!(upper("Straße"), "STRASSE");
        assert_eq!(lower("ẞ"), "ß");
        assert_eq!(lower("İ"), "i\u{307}");
        assert_eq!(lower("ΟΔΟΣ"), "οδος");
        assert_eq!(lower("ΟΔΟΣ."), "οδος.");
        assert_eq!(lower("ΟΔΟΣΑ"), "οδοσα");
        assert_eq!(lower("Σ"), "σ");
        assert_eq!(lower("1Σ"), "1σ");
        assert_eq!(capitalize("ǆemal"), "ǅemal");
        assert_eq!(capitalize("ßa"), "Ssa");
        assert_eq!(capitalize("hAUS"), "Haus");
        assert_eq!(capitalize(""), "");
        assert_eq!(upper_first_lower_rest("pRÜFUNG"), "Prüfung");
        assert_eq!(keep_first_lower_rest("PRÜFUNG"), "Prüfung");
        assert_eq!(lower_first("Äpfel"), "äpfel");
        assert_eq!(upper_first("ßa"), "SSa");
        assert_eq!(split_first(""), ("", ""));
        assert_eq!(len("Füße"), 4);
    }

    #[test]
    fn the_search_s_corner_cases() {
        for (c, alpha, upper, lower) in [
            ('a', true, false, true),
            ('Ä', true, true, false),
            ('ß', true, false, true),
            ('ǅ', true, false, false), // title case: neither
            ('1', false, false, false),
            ('\u{301}', false, false, false), // combining acute
            ('Ⓐ', false, true, false),        // Other_Uppercase, not a letter
            ('Ⅻ', false, true, false),        // a number (Nl)
            ('ª', true, false, true),
            ('𝔄', true, true, false),
            ('\u{10FFFF}', false, false, false),
        ] {
            assert_eq!(char_is_alpha(c), alpha, "{c:?} isalpha");
            assert_eq!(char_is_upper(c), upper, "{c:?} isupper");
            assert_eq!(char_is_lower(c), lower, "{c:?} islower");
        }
        assert!(is_lower("1a") && is_lower("a\u{301}") && is_lower("ß"));
        assert!(!is_lower("") && !is_lower("1") && !is_lower("ǅa"));
        assert!(!is_lower("aB"));
        assert_eq!(lower("İ"), "i\u{307}");
        for (s, want) in [
            ("ΣΑΣ", "σας"),
            ("AΣ", "aς"),
            ("Σ", "σ"),
            ("AΣ'A", "aσ'a"),
            ("AΣ'", "aς'"),
            ("A\u{301}Σ", "a\u{301}ς"),
            ("ΑΣ\u{301}Α", "ασ\u{301}α"),
            ("İSTANBUL", "i\u{307}stanbul"),
            ("ǅA", "ǆa"),
        ] {
            assert_eq!(lower(s), want, "{s}");
        }
        if UNICODE_VERSION == "14.0.0" {
            // Rust's std (Unicode 16) gives ƛ a capital, Python 3.11 does not
            assert_eq!(upper_first("ƛ"), "ƛ");
        }
        assert_eq!(upper_first("ßa"), "SSa");
        assert_eq!(upper_first("ǆx"), "Ǆx");
        assert_eq!(upper_first(""), "");
    }
}
