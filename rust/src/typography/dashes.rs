//! Dashes (`typography/dashes.py`): en dashes restored on a page that sets them, stray hyphens
//! removed, compounds joined.

use crate::edits::{Edit, Kind};
use crate::german::{boundary, is_list_item, starts_with, SUSPENDED_COMPOUND_CONJUNCTIONS};
use crate::pystr::{
    char_is_space, regex_is_letter, regex_is_ll, regex_is_lu, regex_is_space, regex_is_word,
};

use super::common::{by_start, find_iter, replace_all, PageStyle};

/// `_NEIGHBOUR_REACH`
pub const NEIGHBOUR_REACH: usize = 400;
/// `MAX_DOUBLE_HYPHEN_READINGS`
pub const MAX_DOUBLE_HYPHEN_READINGS: usize = 1;

fn is_s(text: &[char], i: usize) -> bool {
    text.get(i).is_some_and(|&c| regex_is_space(c))
}

fn is(text: &[char], i: usize, f: fn(char) -> bool) -> bool {
    text.get(i).is_some_and(|&c| f(c))
}

/// `_DASH_RE` at `i`: `(?<=[^\s][ \t])(?:--|[-—~‒―])(?=\s|[,.;:](?:\s|$))|^[ \t]*\K[—―](?=\s)`
/// (multi-line).
fn dash(text: &[char], i: usize) -> Option<(usize, usize)> {
    if !matches!(text[i], '-' | '—' | '~' | '‒' | '―' | ' ' | '\t') {
        return None; // the match starts with a dash, or (a line's) with its indentation
    }
    let after = |j: usize| {
        is_s(text, j)
            || (text.get(j).is_some_and(|c| ",.;:".contains(*c))
                && (is_s(text, j + 1) || j + 1 >= text.len()))
    };
    if i >= 2 && !regex_is_space(text[i - 2]) && matches!(text[i - 1], ' ' | '\t') {
        if starts_with(text, i, "--") && after(i + 2) {
            return Some((i, i + 2));
        }
        if "-—~‒―".contains(text[i]) && after(i + 1) {
            return Some((i, i + 1));
        }
    }
    if i == 0 || text[i - 1] == '\n' {
        let j = i + text[i..]
            .iter()
            .take_while(|&&c| c == ' ' || c == '\t')
            .count();
        if matches!(text.get(j), Some('—' | '―')) && is_s(text, j + 1) {
            return Some((j, j + 1));
        }
    }
    None
}

/// `_LINE_OPENING_HYPHEN_RE` at `i`: `(?<=\S[ \t]*\n\s*)[-~](?= [\p{L}„»\"])`.
fn line_opening_hyphen(text: &[char], i: usize) -> bool {
    if !matches!(text[i], '-' | '~') || text.get(i + 1) != Some(&' ') {
        return false;
    }
    if !text
        .get(i + 2)
        .is_some_and(|&c| regex_is_letter(c) || "„»\"".contains(c))
    {
        return false;
    }
    // the white space before it starts after a non-space, with spaces or tabs, then a line break
    let r = i - text[..i]
        .iter()
        .rev()
        .take_while(|&&c| regex_is_space(c))
        .count();
    if r == 0 {
        return false;
    }
    let q = r + text[r..i]
        .iter()
        .take_while(|&&c| c == ' ' || c == '\t')
        .count();
    q < i && text[q] == '\n'
}

fn strip(s: &[char]) -> &[char] {
    let lead = s.iter().take_while(|&&c| char_is_space(c)).count();
    let s = &s[lead..];
    &s[..s.len() - s.iter().rev().take_while(|&&c| char_is_space(c)).count()]
}

/// `_opens_sentence(text, hyphen)`: no list's bullet.
fn opens_sentence(text: &[char], start: usize, end: usize) -> bool {
    let window = &text[start.saturating_sub(NEIGHBOUR_REACH)..start];
    let window = &window[..window.len()
        - window
            .iter()
            .rev()
            .take_while(|&&c| char_is_space(c))
            .count()];
    let from = window.iter().rposition(|&c| c == '\n').map_or(0, |k| k + 1);
    let before = strip(&window[from..]);
    let ahead = &text[end.min(text.len())..(end + NEIGHBOUR_REACH).min(text.len())];
    let after: &[char] = match ahead.iter().position(|&c| c == '\n') {
        Some(k) => {
            let rest = &ahead[k + 1..];
            &rest[rest.iter().take_while(|&&c| char_is_space(c)).count()..]
        }
        None => &[],
    };
    !(before.last() == Some(&':') || is_list_item(before) || is_list_item(after))
}

/// `len(_DOUBLE_HYPHEN_RE.findall(text))`: `(?<=\s)--(?=\s)`.
fn double_hyphens(text: &[char]) -> usize {
    find_iter(text, 0, |i| {
        (i > 0 && is_s(text, i - 1) && starts_with(text, i, "--") && is_s(text, i + 2))
            .then_some((i, i + 2))
    })
    .len()
}

/// `restore_en_dashes`: a spaced hyphen, em dash or tilde is an en dash on a page that uses en
/// dashes; so is a hyphen or tilde opening a line, unless a list's bullet.
pub fn restore_en_dashes(
    text: &[char],
    style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if style.en_dashes <= style.dash_threshold {
        return Vec::new();
    }
    let has_double = text.windows(2).any(|w| w[0] == '-' && w[1] == '-');
    if has_double && double_hyphens(text) > MAX_DOUBLE_HYPHEN_READINGS {
        return Vec::new();
    }
    let rule = "restore_en_dashes";
    let dashes = find_iter(text, 0, |i| dash(text, i));
    let mut edits = replace_all(
        text,
        &dashes,
        protected,
        |_| "–".into(),
        Kind::Dash,
        rule,
        style.en_dashes,
    );
    if text.contains(&'-') || text.contains(&'~') {
        let found: Vec<(usize, usize)> = (0..text.len())
            .filter(|&i| line_opening_hyphen(text, i))
            .map(|i| (i, i + 1))
            .collect();
        let opening: Vec<Edit> = replace_all(
            text,
            &found,
            protected,
            |_| "–".into(),
            Kind::Dash,
            rule,
            style.en_dashes,
        )
        .into_iter()
        .filter(|e| opens_sentence(text, e.start, e.end))
        .collect();
        if !opening.is_empty() {
            edits.extend(opening);
            edits = by_start(edits);
        }
    }
    edits
}

/// `\b(?:CONJ)` ending at `i` (the alternation of the suspended compounds' conjunctions)?
fn conjunction_before(text: &[char], i: usize) -> bool {
    SUSPENDED_COMPOUND_CONJUNCTIONS.iter().any(|w| {
        let n = w.len();
        i >= n && starts_with(text, i - n, w) && boundary(text, i - n)
    })
}

/// `(?:CONJ)\b` at `i`, case-sensitive or (`(?i:…)`) not.
fn conjunction_at(text: &[char], i: usize, ignore_case: bool) -> bool {
    SUSPENDED_COMPOUND_CONJUNCTIONS.iter().any(|w| {
        let found = if ignore_case {
            crate::german::starts_with_ignoring_case(text, i, w)
        } else {
            starts_with(text, i, w)
        };
        found && boundary(text, i + w.len())
    })
}

/// `(?<=_NOUN_INSIDE_SENTENCE)` at `i`: `(?<![.!?:…][\"“”»«’]?\s*|\A\s*)\b\p{Lu}\p{Ll}{3,}`.
fn noun_inside_sentence_before(text: &[char], i: usize) -> bool {
    let lower = text[..i]
        .iter()
        .rev()
        .take_while(|&&c| regex_is_ll(c))
        .count();
    if lower < 3 || i < lower + 1 {
        return false;
    }
    let p = i - lower - 1;
    if !regex_is_lu(text[p]) || !boundary(text, p) {
        return false;
    }
    let s0 = p - text[..p]
        .iter()
        .rev()
        .take_while(|&&c| regex_is_space(c))
        .count();
    if s0 == 0 {
        return false;
    }
    let mark = |c: char| ".!?:…".contains(c);
    let before = text[s0 - 1];
    !(mark(before) || ("\"“”»«’".contains(before) && s0 >= 2 && mark(text[s0 - 2])))
}

/// `_STRAY_HYPHEN_RE` at `i`: `(?<=\p{Ll})(?!(?<=NOUN)- \p{Lu}\p{Ll})- (?!(?:CONJ)\b)(?=\p{L})`.
fn stray_hyphen(text: &[char], i: usize) -> bool {
    if text[i] != '-' || i == 0 || text.get(i + 1) != Some(&' ') || !regex_is_ll(text[i - 1]) {
        return false;
    }
    if is(text, i + 2, regex_is_lu)
        && is(text, i + 3, regex_is_ll)
        && noun_inside_sentence_before(text, i)
    {
        return false;
    }
    !conjunction_at(text, i + 2, false) && is(text, i + 2, regex_is_letter)
}

/// `_COMPOUND_HYPHEN_SPACE_RE` at `i`: `(?<=(?<=NOUN)-) (?!(?i:CONJ)\b)(?=\p{Lu}\p{Ll})`.
fn compound_hyphen_space(text: &[char], i: usize) -> bool {
    text[i] == ' '
        && i > 0
        && text[i - 1] == '-'
        && noun_inside_sentence_before(text, i - 1)
        && !conjunction_at(text, i + 1, true)
        && is(text, i + 1, regex_is_lu)
        && is(text, i + 2, regex_is_ll)
}

/// `_GLUED_HYPHEN_RE` at `i`: `(?<=(?<!\b(?:CONJ))(?<=\p{Ll}) )-(?=\p{Lu}\p{Ll})`, or the same
/// after a letter, comma, semicolon or colon before `\p{Ll}{2,}\b`, or `(?<=[.!?] )-(?=\p{Lu}\p{Ll})`.
fn glued_hyphen(text: &[char], i: usize) -> bool {
    if text[i] != '-' || i < 2 || text[i - 1] != ' ' {
        return false;
    }
    let capital_word = is(text, i + 1, regex_is_lu) && is(text, i + 2, regex_is_ll);
    let prev = text[i - 2];
    if !conjunction_before(text, i - 1) {
        if regex_is_ll(prev) && capital_word {
            return true;
        }
        if regex_is_letter(prev) || ",;:".contains(prev) {
            let run = text[i + 1..]
                .iter()
                .take_while(|&&c| regex_is_ll(c))
                .count();
            if run >= 2 && !text.get(i + 1 + run).is_some_and(|&c| regex_is_word(c)) {
                return true;
            }
        }
    }
    ".!?".contains(prev) && capital_word
}

/// `join_compound_hyphens`: "alle Mainframe- Hersteller" → "Mainframe-Hersteller".
pub fn join_compound_hyphens(
    text: &[char],
    _style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if !text.windows(2).any(|w| w[0] == '-' && w[1] == ' ') {
        return Vec::new();
    }
    let found: Vec<(usize, usize)> = (0..text.len())
        .filter(|&i| compound_hyphen_space(text, i))
        .map(|i| (i, i + 1))
        .collect();
    replace_all(
        text,
        &found,
        protected,
        |_| String::new(),
        Kind::Dash,
        "join_compound_hyphens",
        0.7,
    )
}

/// `remove_stray_hyphens`: "ein- Treffen" → "ein Treffen", "die -Zertifikate" → "die Zertifikate".
pub fn remove_stray_hyphens(
    text: &[char],
    _style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    let rule = "remove_stray_hyphens";
    let stray = find_iter(text, 0, |i| stray_hyphen(text, i).then_some((i, i + 2)));
    let mut out = replace_all(
        text,
        &stray,
        protected,
        |_| " ".into(),
        Kind::Speck,
        rule,
        0.7,
    );
    let glued: Vec<(usize, usize)> = (0..text.len())
        .filter(|&i| glued_hyphen(text, i))
        .map(|i| (i, i + 1))
        .collect();
    out.extend(replace_all(
        text,
        &glued,
        protected,
        |_| String::new(),
        Kind::Speck,
        rule,
        0.7,
    ));
    by_start(out)
}
