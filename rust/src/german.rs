//! What `korrektor.german` knows of German text that the compiled stages use: what in a text is
//! no prose (URLs, e-mail addresses, lines of source code: [`protected_spans`]), whether a line
//! starts like a list's item, and the conjunctions of suspended compounds.
//!
//! The typography stage asks for the protected spans of every text it fixes, the layout stage
//! for list items; both are here once, as in Python. The patterns are matched by hand (no regex
//! crate, see `pystr`), each function quoting the pattern it implements; offsets are code points
//! (the functions take the text as a slice of `char`s).

use crate::pystr::{char_is_space, regex_is_digit, regex_is_space, regex_is_word};

/// `SUSPENDED_COMPOUND_CONJUNCTIONS` in the order of `SUSPENDED_COMPOUND_CONJUNCTION_ALTERNATION`
/// (longest first, then alphabetical), which the Python side compares at import.
pub const SUSPENDED_COMPOUND_CONJUNCTIONS: [&str; 10] = [
    "beziehungsweise",
    "sowie",
    "statt",
    "noch",
    "oder",
    "als",
    "bis",
    "bzw",
    "und",
    "wie",
];

/// `ABBREV`, the abbreviations of the lexicon's sentence splitter (compared at import).
pub const ABBREV: [&str; 33] = [
    "Abs", "Art", "Bd", "bspw", "bzw", "ca", "Dr", "evtl", "f", "ff", "gem", "ggf", "Hr", "Hrn",
    "inkl", "Jh", "Kap", "lt", "Mio", "Mrd", "Nr", "Prof", "S", "sog", "St", "Std", "Tsd", "u",
    "usw", "vgl", "z", "zB", "zz",
];

/// `ABBREVIATIONS_BEFORE_COMMA`: [`ABBREV`] and these.
pub const MORE_ABBREVIATIONS_BEFORE_COMMA: [&str; 4] = ["etc", "Chr", "Jhd", "Str"];

/// Is `word` in `ABBREVIATIONS_BEFORE_COMMA`?
pub fn abbreviation_before_comma(word: &str) -> bool {
    ABBREV.contains(&word) || MORE_ABBREVIATIONS_BEFORE_COMMA.contains(&word)
}

/// `\b` at `i` (the `regex` module's: a `\w` on one side only).
#[inline]
pub(crate) fn boundary(text: &[char], i: usize) -> bool {
    let before = i > 0 && text.get(i - 1).is_some_and(|&c| regex_is_word(c));
    let after = text.get(i).is_some_and(|&c| regex_is_word(c));
    before != after
}

/// Does `text[i..]` start with `word`?
#[inline]
pub(crate) fn starts_with(text: &[char], i: usize, word: &str) -> bool {
    (i..)
        .zip(word.chars())
        .all(|(k, c)| text.get(k) == Some(&c))
}

/// Does `text[..i]` end with `word`? Gives where it starts.
#[inline]
pub(crate) fn ends_with(text: &[char], i: usize, word: &str) -> Option<usize> {
    let n = word.chars().count();
    if i < n || i > text.len() {
        return None;
    }
    let s = i - n;
    starts_with(text, s, word).then_some(s)
}

/// `_LIST_ITEM_RE.match(line)`: `(?:[-•*–·▪◦]|\d{1,3}[.)]|[a-zA-Z][)])\s`.
pub fn is_list_item(line: &[char]) -> bool {
    let Some(&first) = line.first() else {
        return false;
    };
    let space_at = |i: usize| line.get(i).is_some_and(|&c| regex_is_space(c));
    if "-•*–·▪◦".contains(first) && space_at(1) {
        return true;
    }
    let digits = line.iter().take_while(|&&c| regex_is_digit(c)).count();
    if (1..=3).contains(&digits)
        && matches!(line.get(digits), Some('.' | ')'))
        && space_at(digits + 1)
    {
        return true;
    }
    first.is_ascii_alphabetic() && line.get(1) == Some(&')') && space_at(2)
}

/// A character `regex.I` takes for the ASCII letter `lower` (simple case folding: "ſ" for "s").
#[inline]
fn folds_to(c: char, lower: char) -> bool {
    c.to_ascii_lowercase() == lower && c.is_ascii() || (lower == 's' && c == 'ſ')
}

/// Does `text[i..]` start with the ASCII `word` under `regex.I`?
#[inline]
pub(crate) fn starts_with_ignoring_case(text: &[char], i: usize, word: &str) -> bool {
    let mut k = i;
    for w in word.chars() {
        match text.get(k) {
            Some(&c) if c == w || (w.is_ascii_alphabetic() && folds_to(c, w)) => k += 1,
            _ => return false,
        }
    }
    true
}

/// `URL_IN_TEXT_RE`'s matches: `(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+` (`regex.I`).
fn url_matches(text: &[char]) -> Vec<(usize, usize)> {
    let n = text.len();
    let local = |c: char| regex_is_word(c) || matches!(c, '.' | '+' | '-');
    let domain = |c: char| regex_is_word(c) || c == '-';
    let rest = |c: char| regex_is_word(c) || matches!(c, '.' | '-');
    // where the run of local-part characters from each position ends (computed right to left)
    let mut local_end = vec![0usize; n + 1];
    local_end[n] = n;
    for i in (0..n).rev() {
        local_end[i] = if local(text[i]) { local_end[i + 1] } else { i };
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // (?:https?://|www\.)\S+
        let scheme = if matches!(text[i], 'h' | 'H' | 'w' | 'W') {
            ["http://", "https://", "www."]
                .iter()
                .find(|p| starts_with_ignoring_case(text, i, p))
                .map(|p| i + p.chars().count())
        } else {
            None
        };
        if let Some(j) = scheme {
            let end = j + text[j..]
                .iter()
                .take_while(|&&c| !regex_is_space(c))
                .count();
            if end > j {
                out.push((i, end));
                i = end;
                continue;
            }
        }
        // [\w.+-]+@[\w-]+\.[\w.-]+
        let at_sign = local_end[i];
        if at_sign > i && text.get(at_sign) == Some(&'@') {
            let d = at_sign + 1;
            let dot = d + text[d..].iter().take_while(|&&c| domain(c)).count();
            if dot > d && text.get(dot) == Some(&'.') {
                let end = dot + 1 + text[dot + 1..].iter().take_while(|&&c| rest(c)).count();
                if end > dot + 1 {
                    out.push((i, end));
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// `url_spans(text)`: the URLs and e-mail addresses.
pub fn url_spans(text: &[char]) -> Vec<(usize, usize)> {
    // one pass for "@", "://" and "www." (the common case: none, and no scan by the pattern)
    let found = text.iter().enumerate().any(|(i, &c)| match c {
        '@' => true,
        ':' => starts_with(text, i + 1, "//"),
        'w' => starts_with(text, i + 1, "ww."),
        _ => false,
    });
    if !found {
        return Vec::new();
    }
    url_matches(text)
}

/// `_KEYWORD_RE` matched at `i`: `(?:def|class|return|import|from|if|for|while|#include|function|
/// var|let|const|public|private)\b`.
fn keyword_at(text: &[char], i: usize) -> bool {
    if !matches!(
        text.get(i),
        Some('d' | 'c' | 'r' | 'i' | 'f' | 'w' | 'v' | 'l' | 'p' | '#')
    ) {
        return false;
    }
    const KEYWORDS: [&str; 15] = [
        "def", "class", "return", "import", "from", "if", "for", "while", "#include", "function",
        "var", "let", "const", "public", "private",
    ];
    KEYWORDS
        .iter()
        .any(|k| starts_with(text, i, k) && boundary(text, i + k.chars().count()))
}

/// `looks_like_code(text)` of a stripped line.
pub fn looks_like_code(text: &[char]) -> bool {
    let last = text.last().copied();
    if matches!(last, Some('{' | '}')) {
        return true;
    }
    // _BLOCK_END_RE.search: \)\s*:$ (the line holds no newline)
    if last == Some(':') {
        let body = &text[..text.len() - 1];
        let kept = body.len()
            - body
                .iter()
                .rev()
                .take_while(|&&c| regex_is_space(c))
                .count();
        if kept > 0 && body[kept - 1] == ')' {
            return true;
        }
    }
    // _CODE_SIGN_RE: =|\w\(
    if last == Some(';')
        && (text.contains(&'=') || text.windows(2).any(|w| regex_is_word(w[0]) && w[1] == '('))
    {
        return true;
    }
    keyword_at(text, 0) && matches!(last, Some(':' | '(' | '{' | '=' | ';'))
}

/// Does the line `text[start..end]` hold a `_CODE_CANDIDATE_RE` match (`^[ \t]{2,}\S|[{};:][ \t]*$|
/// ^[ \t]*` + the keywords, multi-line)? No match crosses a line, so each line that holds one
/// is looked at once, in order, as `code_line_spans` does.
fn code_candidate(text: &[char], start: usize, end: usize) -> bool {
    let lead = text[start..end]
        .iter()
        .take_while(|&&c| c == ' ' || c == '\t')
        .count();
    if lead >= 2 && start + lead < end && !regex_is_space(text[start + lead]) {
        return true;
    }
    let kept = end
        - text[start..end]
            .iter()
            .rev()
            .take_while(|&&c| c == ' ' || c == '\t')
            .count();
    if kept > start && matches!(text[kept - 1], '{' | '}' | ';' | ':') {
        return true;
    }
    keyword_at(text, start + lead)
}

/// `code_line_spans(text)`: the stripped lines that look like source code.
pub fn code_line_spans(text: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    while start <= text.len() {
        let end = text[start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(text.len(), |k| start + k);
        if code_candidate(text, start, end) {
            let raw = &text[start..end];
            let lead = raw.iter().take_while(|&&c| char_is_space(c)).count();
            let trail = raw[lead..]
                .iter()
                .rev()
                .take_while(|&&c| char_is_space(c))
                .count();
            let stripped = &raw[lead..raw.len() - trail];
            if !stripped.is_empty() && (lead >= 2 || looks_like_code(stripped)) {
                spans.push((start + lead, start + lead + stripped.len()));
            }
        }
        start = end + 1;
    }
    spans
}

/// `protected_spans(text)`: URLs, e-mail addresses and lines of source code, sorted, merged
/// where they overlap.
pub fn protected_spans(text: &[char]) -> Vec<(usize, usize)> {
    let mut spans = url_spans(text);
    spans.extend(code_line_spans(text));
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// `inside(spans, i)`: is `i` inside one of the sorted, non-overlapping `spans`?
pub fn inside(spans: &[(usize, usize)], i: usize) -> bool {
    let k = spans.partition_point(|s| s.0 <= i);
    k > 0 && spans[k - 1].0 <= i && i < spans[k - 1].1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn spans() {
        let t =
            chars("Siehe https://x.de/a\"b und mail@ex.de, oder\n  code(x)\nfoo = f(y);\nProsa.");
        let s = protected_spans(&t);
        assert_eq!(s.len(), 4);
        assert!(inside(&s, 6) && !inside(&s, 0));
        assert!(is_list_item(&chars("1. Punkt")) && is_list_item(&chars("- a")));
        assert!(!is_list_item(&chars("1234. x")) && !is_list_item(&chars("ab) x")));
        assert!(!looks_like_code(&chars("Er sagte:")) && looks_like_code(&chars("if (x):")));
        assert_eq!(url_spans(&chars("HTTPſ://A b")), vec![(0, 9)]);
    }
}
