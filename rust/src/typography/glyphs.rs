//! Look-alike glyphs read back (`typography/glyphs.py`): § for $ or 8, l for |, digits for
//! letters inside a number.

use crate::edits::{Edit, Kind};
use crate::german::{boundary, inside, starts_with};
use crate::pystr::{
    char_is_alpha, char_is_digit, regex_is_digit, regex_is_letter, regex_is_ll, regex_is_lu,
    regex_is_number, regex_is_space,
};

use super::common::{by_start, find_iter, replace_all, table_rows, PageStyle};

/// `MIN_NUMBER_LENGTH`
pub const MIN_NUMBER_LENGTH: usize = 3;

fn is(text: &[char], i: usize, f: fn(char) -> bool) -> bool {
    text.get(i).is_some_and(|&c| f(c))
}

fn is_ln(c: char) -> bool {
    regex_is_letter(c) || regex_is_number(c)
}

/// `_SECTION_SIGN_RE` at `i`: `(?<![\p{L}\p{N}$/-])(?:\$\$|\$)(?= \d)`.
fn section_sign(text: &[char], i: usize) -> Option<(usize, usize)> {
    if text[i] != '$' || (i > 0 && (is_ln(text[i - 1]) || "$/-".contains(text[i - 1]))) {
        return None;
    }
    let spaced_number = |j: usize| text.get(j) == Some(&' ') && is(text, j + 1, regex_is_digit);
    if text.get(i + 1) == Some(&'$') && spaced_number(i + 2) {
        return Some((i, i + 2));
    }
    spaced_number(i + 1).then_some((i, i + 1))
}

/// `\p{Lu}\p{Ll}*(?:words)` at `q`, with `then(end)` after the word; the `\p{Ll}*` backtracks.
fn capital_then(text: &[char], q: usize, words: &[&str], then: impl Fn(usize) -> bool) -> bool {
    if !is(text, q, regex_is_lu) {
        return false;
    }
    let run = text[q + 1..]
        .iter()
        .take_while(|&&c| regex_is_ll(c))
        .count();
    (0..=run).rev().any(|k| {
        words
            .iter()
            .any(|w| starts_with(text, q + 1 + k, w) && then(q + 1 + k + w.chars().count()))
    })
}

/// The lookahead of `_EIGHT_SECTION_RE` at `j`: ` \d+[a-z]?,? (?:Abs\.|Absatz|Satz|S\.|Nr\.|
/// \p{Lu}{2,}\w*\b|\p{Lu}\p{Ll}*(?:gesetz|ordnung|buch)\w*|des \p{Lu}\p{Ll}*(?:gesetzes|ordnung|
/// buche?s)\b)`.
fn section_follows(text: &[char], j: usize) -> bool {
    if text.get(j) != Some(&' ') {
        return false;
    }
    let digits = text[j + 1..]
        .iter()
        .take_while(|&&c| regex_is_digit(c))
        .count();
    if digits == 0 {
        return false;
    }
    let mut q = j + 1 + digits;
    if text.get(q).is_some_and(|c| c.is_ascii_lowercase()) {
        q += 1;
    }
    if text.get(q) == Some(&',') {
        q += 1;
    }
    if text.get(q) != Some(&' ') {
        return false;
    }
    q += 1;
    if ["Abs.", "Absatz", "Satz", "S.", "Nr."]
        .iter()
        .any(|w| starts_with(text, q, w))
    {
        return true;
    }
    if text[q..].iter().take_while(|&&c| regex_is_lu(c)).count() >= 2 {
        return true; // \w*\b always follows a run of word characters
    }
    if capital_then(text, q, &["gesetz", "ordnung", "buch"], |_| true) {
        return true;
    }
    starts_with(text, q, "des ")
        && capital_then(
            text,
            q + 4,
            &["gesetzes", "ordnung", "buches", "buchs"],
            |end| boundary(text, end),
        )
}

/// `_EIGHT_SECTION_RE` at `i`: `(?<=^|\s)(?:88|8)(?=…)` (multi-line).
fn eight_section(text: &[char], i: usize) -> Option<(usize, usize)> {
    if text[i] != '8' || !(i == 0 || regex_is_space(text[i - 1])) {
        return None;
    }
    if text.get(i + 1) == Some(&'8') && section_follows(text, i + 2) {
        return Some((i, i + 2));
    }
    section_follows(text, i + 1).then_some((i, i + 1))
}

/// `restore_section_signs`: "$ 219a StGB", "8 4 Absatz 7" → "§ 219a StGB", "§ 4 Absatz 7".
pub fn restore_section_signs(
    text: &[char],
    _style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    let rule = "restore_section_signs";
    let signs = |found: &str| "§".repeat(found.chars().count());
    let mut edits = Vec::new();
    if text.contains(&'$') {
        let found = find_iter(text, 0, |i| section_sign(text, i));
        edits.extend(replace_all(
            text,
            &found,
            protected,
            signs,
            Kind::Glyph,
            rule,
            0.9,
        ));
    }
    if text.contains(&'8') {
        let found = find_iter(text, 0, |i| eight_section(text, i));
        edits.extend(replace_all(
            text,
            &found,
            protected,
            signs,
            Kind::Glyph,
            rule,
            0.8,
        ));
    }
    by_start(edits)
}

/// `_LITRE_RE` at `i`: `(?<=(?:^|\s)\d+(?:[/,.]\d+)? )\|(?= \p{L})` (multi-line).
fn litre(text: &[char], i: usize) -> bool {
    if text[i] != '|' || text.get(i + 1) != Some(&' ') || !is(text, i + 2, regex_is_letter) {
        return false;
    }
    if i < 2 || text[i - 1] != ' ' {
        return false;
    }
    let digits_before = |e: usize| {
        text[..e]
            .iter()
            .rev()
            .take_while(|&&c| regex_is_digit(c))
            .count()
    };
    let starts_ok = |s: usize| s == 0 || regex_is_space(text[s - 1]);
    let e = i - 1;
    let last = digits_before(e);
    if last == 0 {
        return false;
    }
    let s = e - last;
    if starts_ok(s) {
        return true;
    }
    if s >= 1 && "/,.".contains(text[s - 1]) {
        let first = digits_before(s - 1);
        return first > 0 && starts_ok(s - 1 - first);
    }
    false
}

/// `restore_litre_signs`: "1/2 | Sahne" → "1/2 l Sahne" (not in a table's row).
pub fn restore_litre_signs(
    text: &[char],
    _style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if !text.contains(&'|') {
        return Vec::new();
    }
    let tables = table_rows(text);
    let found: Vec<(usize, usize)> = (0..text.len())
        .filter(|&i| litre(text, i))
        .map(|i| (i, i + 1))
        .collect();
    replace_all(
        text,
        &found,
        protected,
        |_| "l".into(),
        Kind::Glyph,
        "restore_litre_signs",
        0.8,
    )
    .into_iter()
    .filter(|e| !inside(&tables, e.start))
    .collect()
}

#[inline]
fn digit_like(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit() || matches!(c, 'O' | 'o' | 'I' | 'l');
    }
    regex_is_digit(c)
}

/// `_LETTER_IN_NUMBER_RE` at `i`: `(?<![\p{L}\p{N}.,:])(?=[OoIl.,:]*\d)(?=[\d.,:]*[OoIl])
/// [\dOoIl]+(?:[.,:][\dOoIl]+)*(?![\p{L}\p{N}])`; the groups backtrack to the last end that no
/// letter or number follows.
fn letter_in_number(text: &[char], i: usize) -> Option<(usize, usize)> {
    if !digit_like(text[i]) {
        return None; // the match starts with [\dOoIl]
    }
    if i > 0 && (is_ln(text[i - 1]) || ".,:".contains(text[i - 1])) {
        return None;
    }
    let first_not = |set: fn(char) -> bool| text[i..].iter().copied().find(|&c| !set(c));
    if !first_not(|c| "OoIl.,:".contains(c)).is_some_and(regex_is_digit) {
        return None;
    }
    if !first_not(|c| regex_is_digit(c) || ".,:".contains(c)).is_some_and(|c| "OoIl".contains(c)) {
        return None;
    }
    let run = |p: usize| text[p..].iter().take_while(|&&c| digit_like(c)).count();
    let first = run(i);
    if first == 0 {
        return None;
    }
    let mut ends = vec![i + first];
    loop {
        let e = *ends.last()?;
        if !text.get(e).is_some_and(|c| ".,:".contains(*c)) {
            break;
        }
        let more = run(e + 1);
        if more == 0 {
            break;
        }
        ends.push(e + 1 + more);
    }
    ends.iter()
        .rev()
        .find(|&&e| !text.get(e).is_some_and(|&c| is_ln(c)))
        .map(|&e| (i, e))
}

/// `restore_digits_in_numbers`: "bis 2O22", "1.2OO Euro" → "bis 2022", "1.200 Euro".
pub fn restore_digits_in_numbers(
    text: &[char],
    _style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    let found = find_iter(text, 0, |i| letter_in_number(text, i));
    let digits = |number: &str| {
        number
            .chars()
            .map(|c| match c {
                'O' | 'o' => '0',
                'I' | 'l' => '1',
                c => c,
            })
            .collect::<String>()
    };
    replace_all(
        text,
        &found,
        protected,
        digits,
        Kind::Glyph,
        "restore_digits_in_numbers",
        0.9,
    )
    .into_iter()
    .filter(|e| {
        let alnum = e
            .before
            .chars()
            .filter(|&c| char_is_alpha(c) || char_is_digit(c))
            .count();
        alnum >= MIN_NUMBER_LENGTH && !roman_section(&e.before)
    })
    .collect()
}

/// `_ROMAN_SECTION_RE.match(s)`: `I+\.\d`.
fn roman_section(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    let n = c.iter().take_while(|&&x| x == 'I').count();
    n > 0 && c.get(n) == Some(&'.') && c.get(n + 1).is_some_and(|&x| regex_is_digit(x))
}
