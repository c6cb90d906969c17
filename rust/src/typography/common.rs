//! What the typography stage's fixes share (`typography/common.py`): the page style they see, a
//! quotation mark's context, paragraphs, table rows, and replacing a pattern's matches outside
//! what is no prose (`german::protected_spans`).

use crate::edits::{Edit, Kind};
use crate::german::inside;
use crate::pystr::regex_is_space;

/// `PageStyle`: the page's quotation marks and how likely its spaced dashes are en dashes.
#[derive(Debug, Clone, PartialEq)]
pub struct PageStyle {
    /// "german", "guillemets", "straight" or "unknown"
    pub quotes: Quotes,
    pub en_dashes: f64,
    pub dash_threshold: f64,
    pub printed: bool,
    pub typed_german_quotes: bool,
}

/// `PageStyle.quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotes {
    German,
    Guillemets,
    Straight,
    Unknown,
}

impl Quotes {
    pub fn as_str(self) -> &'static str {
        match self {
            Quotes::German => "german",
            Quotes::Guillemets => "guillemets",
            Quotes::Straight => "straight",
            Quotes::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Quotes> {
        [
            Quotes::German,
            Quotes::Guillemets,
            Quotes::Straight,
            Quotes::Unknown,
        ]
        .into_iter()
        .find(|q| q.as_str() == s)
    }
}

/// `_OPEN_CONTEXT`
pub const OPEN_CONTEXT: &str = " \t\n([{/–—-";
/// `_CLOSE_CONTEXT`
pub const CLOSE_CONTEXT: &str = " \t\n.,;:!?)]}–—-…";

/// `_opening(text, i)`: at the text's start or after a space or an opening bracket or dash.
pub fn opening(text: &[char], i: usize) -> bool {
    i == 0 || text.get(i - 1).is_some_and(|&c| OPEN_CONTEXT.contains(c))
}

/// `_closing(text, j)`: at the text's end or before a space, a mark or a closing bracket.
pub fn closing(text: &[char], j: usize) -> bool {
    j >= text.len() || CLOSE_CONTEXT.contains(text[j])
}

/// `_PARAGRAPH_RE`'s spans: `[^\n]+(?:\n(?!\s*\n)[^\n]*)*`.
pub fn paragraphs(text: &[char]) -> Vec<(usize, usize)> {
    let n = text.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if text[i] == '\n' {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        loop {
            while j < n && text[j] != '\n' {
                j += 1;
            }
            if j >= n {
                break;
            }
            // \n(?!\s*\n): the white space after it holds no second line break
            let blank = text[j + 1..]
                .iter()
                .take_while(|&&c| regex_is_space(c))
                .any(|&c| c == '\n');
            if blank {
                break;
            }
            j += 1;
        }
        out.push((start, j));
        i = j;
    }
    out
}

/// Every match of a pattern in `text[from..]`, non-overlapping, left to right: `at(i)` is the
/// match the pattern finds at position `i` (its span, which a `\K` may start after `i`).
pub fn find_iter(
    text: &[char],
    from: usize,
    mut at: impl FnMut(usize) -> Option<(usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < text.len() {
        match at(i) {
            Some((s, e)) => {
                out.push((s, e));
                i = e.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The text of a span.
pub fn string(text: &[char], span: (usize, usize)) -> String {
    text[span.0..span.1].iter().collect()
}

/// `_replace_all`: each match outside `protected` replaced by what `after` makes of its text.
pub fn replace_all(
    text: &[char],
    matches: &[(usize, usize)],
    protected: &[(usize, usize)],
    after: impl Fn(&str) -> String,
    kind: Kind,
    rule: &str,
    confidence: f64,
) -> Vec<Edit> {
    matches
        .iter()
        .filter(|m| !inside(protected, m.0))
        .map(|&m| {
            let before = string(text, m);
            let new = after(&before);
            Edit::new(m.0, m.1, before, new, kind, rule).with_confidence(confidence)
        })
        .collect()
}

/// `_table_rows(text)`: the lines with two or more "|" (`(?m)^[^\n|]*\|[^\n|]*\|.*$`).
pub fn table_rows(text: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !text.contains(&'|') {
        return out;
    }
    let mut start = 0;
    while start < text.len() {
        let end = text[start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(text.len(), |k| start + k);
        if text[start..end].iter().filter(|&&c| c == '|').count() >= 2 {
            out.push((start, end));
        }
        start = end + 1;
    }
    out
}

/// Stable sort of edits by start (`sorted(edits, key=lambda e: e.start)`).
pub fn by_start(mut edits: Vec<Edit>) -> Vec<Edit> {
    edits.sort_by_key(|e| e.start);
    edits
}
