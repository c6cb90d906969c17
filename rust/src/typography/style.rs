//! The page's style (`typography/style.py`), decided from the evidence of the whole text before
//! any fix runs: which quotation marks it sets, and how likely its spaced dashes are en dashes
//! (a posterior in log space, computed in Python's order so that its bits are Python's).

use crate::pystr::{regex_is_letter, regex_is_number, regex_is_space};

use super::common::{find_iter, opening, PageStyle, Quotes};
use super::quotes::detached_opener;

/// `PRIOR_EN_DASH`
pub const PRIOR_EN_DASH: f64 = 0.8;
/// `P_HYPHEN_READ["en"]`, `P_HYPHEN_READ["hyphen"]`
pub const P_HYPHEN_READ: (f64, f64) = (0.7, 0.97);
/// `P_DASH_READ["en"]`, `P_DASH_READ["hyphen"]`
pub const P_DASH_READ: (f64, f64) = (0.3, 0.03);
/// `MAX_CORRELATED_HYPHENS`
pub const MAX_CORRELATED_HYPHENS: usize = 2;

fn is_s(text: &[char], i: usize) -> bool {
    text.get(i).is_some_and(|&c| regex_is_space(c))
}

/// `(?=\s|[,.;:](?:\s|$))` at `j` (no multi-line: `$` at the end or before a last newline, which
/// `\s` takes anyway).
fn dash_spaced_after(text: &[char], j: usize) -> bool {
    is_s(text, j)
        || (text.get(j).is_some_and(|c| ",.;:".contains(*c))
            && (j + 1 >= text.len() || is_s(text, j + 1)))
}

/// `len(_SPACED_HYPHEN_RE.findall(text))`: `(?<=\s)-(?=\s|[,.;:](?:\s|$))`.
fn spaced_hyphens(text: &[char]) -> usize {
    (1..text.len())
        .filter(|&i| text[i] == '-' && is_s(text, i - 1) && dash_spaced_after(text, i + 1))
        .count()
}

/// `len(_SPACED_DASH_RE.findall(text))`: `–|(?<=\s)[—~](?=\s|[,.;:](?:\s|$))`.
fn spaced_dashes(text: &[char]) -> usize {
    (0..text.len())
        .filter(|&i| {
            text[i] == '–'
                || (matches!(text[i], '—' | '~')
                    && i > 0
                    && is_s(text, i - 1)
                    && dash_spaced_after(text, i + 1))
        })
        .count()
}

/// `en_dash_probability(text, printed, correlated)`: the posterior that the page's spaced dashes
/// are en dashes.
pub fn en_dash_probability(text: &[char], printed: bool, correlated: bool) -> f64 {
    let mut hyphens = spaced_hyphens(text);
    let dashes = spaced_dashes(text);
    if !printed {
        return 0.0;
    }
    if correlated {
        hyphens = hyphens.min(MAX_CORRELATED_HYPHENS);
    }
    let (h, d) = (hyphens as f64, dashes as f64);
    let log_en = PRIOR_EN_DASH.ln() + h * P_HYPHEN_READ.0.ln() + d * P_DASH_READ.0.ln();
    let log_hy = (1.0 - PRIOR_EN_DASH).ln() + h * P_HYPHEN_READ.1.ln() + d * P_DASH_READ.1.ln();
    let x = log_hy - log_en;
    // Python's min(x, 700.0): the first where neither is smaller
    let x = if 700.0 < x { 700.0 } else { x };
    1.0 / (1.0 + x.exp())
}

/// `_CURLY_CLOSER_RE` searched: `(?<=[\p{L}.,!?])[”“](?=[\s.,;:!?]|$)`.
fn curly_closer(text: &[char]) -> bool {
    (1..text.len()).any(|i| {
        matches!(text[i], '”' | '“')
            && (regex_is_letter(text[i - 1]) || ".,!?".contains(text[i - 1]))
            && (i + 1 >= text.len() || is_s(text, i + 1) || ".,;:!?".contains(text[i + 1]))
    })
}

/// `_CURLY_OPENER_RE`'s matches: `(?:(?<=\s)|^)[“”](?=\p{L})` (multi-line).
fn curly_openers(text: &[char]) -> Vec<char> {
    (0..text.len())
        .filter(|&i| {
            matches!(text[i], '“' | '”')
                && (i == 0 || is_s(text, i - 1))
                && text.get(i + 1).is_some_and(|&c| regex_is_letter(c))
        })
        .map(|i| text[i])
        .collect()
}

/// `text.count(s)` of a two-character `s` (non-overlapping, as Python counts).
fn count_pairs(text: &[char], a: char, b: char) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i + 1 < text.len() {
        if text[i] == a && text[i + 1] == b {
            n += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    n
}

fn count(text: &[char], c: char) -> usize {
    text.iter().filter(|&&x| x == c).count()
}

/// `detect_style(text, printed, correlated)` (with the default dash threshold, 0.5).
pub fn detect_style(text: &[char], printed: bool, correlated: bool) -> PageStyle {
    let mut german = count(text, '„') + count_pairs(text, ',', ',');
    let openers = curly_openers(text);
    german += openers.iter().filter(|&&c| c == '”').count();
    // _COMMA_OPENER_RE: (?<![\p{L}\p{N}]),(?=\p{L})
    german += (0..text.len())
        .filter(|&i| {
            text[i] == ','
                && (i == 0 || !(regex_is_letter(text[i - 1]) || regex_is_number(text[i - 1])))
                && text.get(i + 1).is_some_and(|&c| regex_is_letter(c))
                && opening(text, i)
        })
        .count();
    if text.contains(&',') || text.contains(&'„') {
        german += find_iter(text, 0, |i| detached_opener(text, i)).len();
    }
    let guillemets = count(text, '»') + count(text, '«');
    let straight = count(text, '"');
    let quotes = if german > 0 && german >= guillemets {
        Quotes::German
    } else if guillemets > 0 {
        Quotes::Guillemets
    } else if straight > 0 {
        Quotes::Straight
    } else if printed && curly_closer(text) && openers.is_empty() {
        Quotes::German
    } else {
        Quotes::Unknown
    };
    let en_dashes = en_dash_probability(text, printed, correlated);
    let typed_german_quotes = !printed && text.contains(&'„') && text.contains(&'“');
    PageStyle {
        quotes,
        en_dashes,
        dash_threshold: 0.5,
        printed,
        typed_german_quotes,
    }
}

/// `_dash_threshold(lacks_umlauts)`
pub fn dash_threshold(lacks_umlauts: bool) -> f64 {
    if lacks_umlauts {
        0.5
    } else {
        0.9
    }
}
