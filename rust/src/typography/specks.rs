//! Specks (`typography/specks.py`): punctuation the engine read where the page had none, and
//! doubled marks.

use std::collections::HashMap;

use crate::edits::{Edit, Kind};
use crate::german::{abbreviation_before_comma, ends_with, inside, starts_with};
use crate::pystr::{
    char_is_lower, char_is_space, regex_is_letter, regex_is_ll, regex_is_lu, regex_is_number,
    regex_is_space, regex_is_word,
};

use super::common::{find_iter, replace_all, string, table_rows, PageStyle};

/// `_NEAR_EXTENSION`
pub const NEAR_EXTENSION: usize = 30;

fn is_s(text: &[char], i: usize) -> bool {
    text.get(i).is_some_and(|&c| regex_is_space(c))
}

fn is(text: &[char], i: usize, f: fn(char) -> bool) -> bool {
    text.get(i).is_some_and(|&c| f(c))
}

fn in_set(text: &[char], i: usize, set: &str) -> bool {
    text.get(i).is_some_and(|&c| set.contains(c))
}

fn is_ln(c: char) -> bool {
    regex_is_letter(c) || regex_is_number(c)
}

/// `LETTER_SPACED_RE`'s spans: `(?<![\p{L}\p{N}])\p{L}(?: \p{L}){2,}(?![\p{L}\p{N}])`.
pub fn letter_spaced(text: &[char]) -> Vec<(usize, usize)> {
    find_iter(text, 0, |i| {
        if text.get(i + 1) != Some(&' ')
            || !regex_is_letter(text[i])
            || (i > 0 && is_ln(text[i - 1]))
        {
            return None;
        }
        let mut pairs = 0;
        while text.get(i + 1 + 2 * pairs) == Some(&' ')
            && is(text, i + 2 + 2 * pairs, regex_is_letter)
        {
            pairs += 1;
        }
        (2..=pairs)
            .rev()
            .map(|k| i + 1 + 2 * k)
            .find(|&end| !text.get(end).is_some_and(|&c| is_ln(c)))
            .map(|end| (i, end))
    })
}

/// A run of up to `max` characters of `set` from `i`, longest first, that `ok(end)` accepts.
fn run_then(
    text: &[char],
    i: usize,
    set: &str,
    max: usize,
    ok: impl Fn(usize) -> bool,
) -> Option<usize> {
    let run = text[i..]
        .iter()
        .take(max)
        .take_while(|&&c| set.contains(c))
        .count();
    (1..=run).rev().map(|k| i + k).find(|&end| ok(end))
}

/// `_SPECK_RE` at `i` (multi-line), its alternatives in order (see specks.py).
fn speck(text: &[char], i: usize) -> Option<(usize, usize)> {
    if !matches!(
        text[i],
        ' ' | '_' | '|' | '°' | '©' | '‘' | '~' | '\'' | '’' | '.'
    ) {
        return None; // no alternative starts otherwise
    }
    let n = text.len();
    let prev = if i > 0 { Some(text[i - 1]) } else { None };
    let line_start = i == 0 || prev == Some('\n');
    let end_or_space = |j: usize| j >= n || is_s(text, j);
    if text[i] == ' ' {
        // (?<=[\p{L}\p{N},.;:!?)“»«]) (?!\.\.\.(?:\s|$)|„“)(?:[:;._|°©*‘{}\\]{1,3}(?=\s|$)|[:;._|°©*'‘’\"”“„,]{1,3}(?= [\p{L}„»(]))
        if prev.is_some_and(|c| is_ln(c) || ",.;:!?)“»«".contains(c)) {
            let ellipsis =
                starts_with(text, i + 1, "...") && (end_or_space(i + 4) || text[i + 4] == '\n');
            if !ellipsis && !starts_with(text, i + 1, "„“") {
                if let Some(end) = run_then(text, i + 1, ":;._|°©*‘{}\\", 3, end_or_space) {
                    return Some((i, end));
                }
                if let Some(end) = run_then(text, i + 1, ":;._|°©*'‘’\"”“„,", 3, |j| {
                    text.get(j) == Some(&' ')
                        && text
                            .get(j + 1)
                            .is_some_and(|&c| regex_is_letter(c) || "„»(".contains(c))
                }) {
                    return Some((i, end));
                }
            }
        }
        // (?<=[\p{L},.;:!?])(?<!\bBuchstaben?|\b[a-z] (?:bis|und|oder|sowie)|\b[a-z],) [b-mp-wyzé](?= \p{L})
        let lone = |c: char| matches!(c, 'b'..='m' | 'p'..='w' | 'y' | 'z' | 'é');
        if prev.is_some_and(|c| regex_is_letter(c) || ",.;:!?".contains(c))
            && is(text, i + 1, lone)
            && text.get(i + 2) == Some(&' ')
            && is(text, i + 3, regex_is_letter)
            && !law_letter_before(text, i)
        {
            return Some((i, i + 2));
        }
        // (?<=[.!?]) [b-np-wyzé](?=\n|\Z)
        let last = |c: char| matches!(c, 'b'..='n' | 'p'..='w' | 'y' | 'z' | 'é');
        if prev.is_some_and(|c| ".!?".contains(c))
            && is(text, i + 1, last)
            && (i + 2 == n || text[i + 2] == '\n')
        {
            return Some((i, i + 2));
        }
        // (?<=[.!?…][“”\"»«’]?) [-–—~](?=[ \t]*(?:\n[ \t]*\n|\Z))
        let sentence_end = |c: char| ".!?…".contains(c);
        let after_sentence = prev.is_some_and(|c| {
            sentence_end(c) || ("“”\"»«’".contains(c) && i >= 2 && sentence_end(text[i - 2]))
        });
        if after_sentence && in_set(text, i + 1, "-–—~") {
            let blank = |j: usize| {
                j + text[j..]
                    .iter()
                    .take_while(|&&c| c == ' ' || c == '\t')
                    .count()
            };
            let j = blank(i + 2);
            if j == n
                || (text[j] == '\n' && {
                    let k = blank(j + 1);
                    text.get(k) == Some(&'\n')
                })
            {
                return Some((i, i + 2));
            }
        }
    }
    // ^[_|°©‘]{1,3} (?=\p{Ll})
    if line_start {
        if let Some(end) = run_then(text, i, "_|°©‘", 3, |j| {
            text.get(j) == Some(&' ') && is(text, j + 1, regex_is_ll)
        }) {
            return Some((i, end + 1));
        }
    }
    // (?:(?<=\n\n)|\A)(?:[_°~'’‘]{1,2}|\.(?!\.)) (?=\p{L})
    if i == 0 || (i >= 2 && text[i - 2] == '\n' && text[i - 1] == '\n') {
        let spaced_word = |j: usize| text.get(j) == Some(&' ') && is(text, j + 1, regex_is_letter);
        if let Some(end) = run_then(text, i, "_°~'’‘", 2, spaced_word) {
            return Some((i, end + 1));
        }
        if text[i] == '.' && text.get(i + 1) != Some(&'.') && spaced_word(i + 1) {
            return Some((i, i + 2));
        }
    }
    // (?<=[ \t])[._~](?=\p{Ll}{2}|\p{Lu}\p{Ll})
    if matches!(prev, Some(' ' | '\t'))
        && matches!(text[i], '.' | '_' | '~')
        && is(text, i + 2, regex_is_ll)
        && (is(text, i + 1, regex_is_ll) || is(text, i + 1, regex_is_lu))
    {
        return Some((i, i + 1));
    }
    None
}

/// `(?<!\bBuchstaben?|\b[a-z] (?:bis|und|oder|sowie)|\b[a-z],)` at `i`.
fn law_letter_before(text: &[char], i: usize) -> bool {
    let word_start = |p: usize| p == 0 || !regex_is_word(text[p - 1]);
    for w in ["Buchstabe", "Buchstaben"] {
        if ends_with(text, i, w).is_some_and(word_start) {
            return true;
        }
    }
    for w in ["bis", "und", "oder", "sowie"] {
        if let Some(p) = ends_with(text, i, w) {
            if p >= 2 && text[p - 1] == ' ' && text[p - 2].is_ascii_lowercase() && word_start(p - 2)
            {
                return true;
            }
        }
    }
    i >= 2 && text[i - 1] == ',' && text[i - 2].is_ascii_lowercase() && word_start(i - 2)
}

/// `_Extensions`: the full stops of file names' extensions glued to the front of a word
/// (`_GLUED_STOP_WORD_RE`: `(?<=\s)\.(\p{Ll}\w*)([.-]\w)?`).
struct Extensions {
    starts: Vec<usize>,
    named: HashMap<usize, bool>,
}

impl Extensions {
    fn new(text: &[char]) -> Extensions {
        let mut found: Vec<(usize, String, bool)> = Vec::new();
        let mut i = 1;
        while i < text.len() {
            if text[i] == '.' && is_s(text, i - 1) && is(text, i + 1, regex_is_ll) {
                let word_end = i
                    + 1
                    + text[i + 1..]
                        .iter()
                        .take_while(|&&c| regex_is_word(c))
                        .count();
                let goes_on = in_set(text, word_end, ".-") && is(text, word_end + 1, regex_is_word);
                found.push((i, string(text, (i + 1, word_end)), goes_on));
                i = if goes_on { word_end + 2 } else { word_end };
            } else {
                i += 1;
            }
        }
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (_, word, _) in &found {
            *counts.entry(word.as_str()).or_default() += 1;
        }
        let named = found
            .iter()
            .map(|(s, w, on)| (*s, *on || counts.get(w.as_str()).copied().unwrap_or(0) >= 2))
            .collect();
        Extensions {
            starts: found.iter().map(|f| f.0).collect(),
            named,
        }
    }

    fn named(&self, start: usize) -> bool {
        let Some(&named) = self.named.get(&start) else {
            return false;
        };
        let k = self.starts.partition_point(|&s| s < start);
        named
            || [k.wrapping_sub(1), k + 1].iter().any(|&j| {
                self.starts
                    .get(j)
                    .is_some_and(|&s| s.abs_diff(start) <= NEAR_EXTENSION)
            })
    }
}

/// `remove_specks`: punctuation standing alone between words (and one space), on a printed page.
pub fn remove_specks(text: &[char], style: &PageStyle, protected: &[(usize, usize)]) -> Vec<Edit> {
    if !style.printed {
        return Vec::new();
    }
    let tables = table_rows(text);
    let found = find_iter(text, 0, |i| speck(text, i));
    let mut specks = replace_all(
        text,
        &found,
        protected,
        |_| String::new(),
        Kind::Speck,
        "remove_specks",
        0.8,
    );
    let spaced = letter_spaced(text);
    if !spaced.is_empty() {
        specks.retain(|e| !inside(&spaced, e.end - 1));
    }
    if specks.iter().any(|e| e.before == ".") {
        let extensions = Extensions::new(text);
        specks.retain(|e| !(e.before == "." && extensions.named(e.start)));
    }
    specks.retain(|e| !inside(&tables, e.start));
    specks
}

/// `_DOUBLED_MARK_RE` at `i`: `(?<=\p{L})(?:\.\.|,\.|\.,)(?![.,])(?P<next>\s*\S?)`; gives the
/// match's end and the first character of `next` stripped.
fn doubled_mark(text: &[char], i: usize) -> Option<(usize, Option<char>)> {
    if !matches!(text[i], '.' | ',') || i == 0 || !regex_is_letter(text[i - 1]) {
        return None;
    }
    let pair = (text[i], *text.get(i + 1)?);
    if !matches!(pair, ('.', '.') | (',', '.') | ('.', ',')) || in_set(text, i + 2, ".,") {
        return None;
    }
    let spaces = text[i + 2..]
        .iter()
        .take_while(|&&c| regex_is_space(c))
        .count();
    let mut end = i + 2 + spaces;
    if end < text.len() {
        end += 1; // \S? takes the next character (not a space: the run stopped before it)
    }
    let next = &text[i + 2..end];
    let first = next.iter().copied().find(|&c| !char_is_space(c));
    // .strip() from both ends: the first kept character, unless it is the stripped tail
    let kept_end = next.len() - next.iter().rev().take_while(|&&c| char_is_space(c)).count();
    let first = first.filter(|_| kept_end > 0);
    Some((end, first))
}

/// `remove_doubled_marks`: "zusammenkommen..", "Expressdienste,. wie": one mark, the one the
/// next word wants; an abbreviation's full stop before a comma stays.
pub fn remove_doubled_marks(
    text: &[char],
    style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if !style.printed {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some((end, first)) = doubled_mark(text, i) else {
            i += 1;
            continue;
        };
        let start = i;
        i = end.max(i + 1);
        if inside(protected, start) {
            continue;
        }
        let pair = string(text, (start, start + 2));
        if pair == ".," {
            // _WORD_BEFORE_RE.search(text, max(0, start - 20), start): \p{L}+$
            let lo = start.saturating_sub(20);
            let run = text[lo..start]
                .iter()
                .rev()
                .take_while(|&&c| regex_is_letter(c))
                .count();
            let word = string(text, (start - run, start));
            if run == 1 || abbreviation_before_comma(&word) {
                continue;
            }
        }
        let mark = if first.is_some_and(char_is_lower) && pair != ".." {
            ","
        } else {
            "."
        };
        out.push(
            Edit::new(
                start,
                start + 2,
                pair,
                mark,
                Kind::Punctuation,
                "remove_doubled_marks",
            )
            .with_confidence(0.8),
        );
    }
    out
}
