//! Specks in the margin: read as a dash at a line's end or start (`_margin_speck`), as a list's
//! bullet (`_bullet_speck`), or as marks, digits or a few letters right of a paragraph's last
//! sentence (`_paragraph_end_speck`). Each gives the deletion as an [`Edit`].

use super::german::{is_abbreviation, is_list_item, word_at, word_fullmatch};
use super::lines::{is_code, is_table_row, list_follows, Line};
use super::numeric::char_is_alnum;
use super::slice;
use crate::edits::{Edit, Kind};
use crate::forms::Forms;
use crate::marks::MarkStats;
use crate::pystr;

/// `MARGIN_SPECK_BELOW`: a dash is a speck where prose puts one between the two words at most
/// e^-1.5 as often as between average words.
pub const MARGIN_SPECK_BELOW: f64 = -1.5;
/// `_PARAGRAPH_END_WINDOW`: the specks after a paragraph's last sentence are looked for in the
/// line's last characters only.
pub const PARAGRAPH_END_WINDOW: usize = 80;
/// `MIN_WORD_COUNT_NOT_SPECK`: a token of two letters or more seen this often is a word.
pub const MIN_WORD_COUNT_NOT_SPECK: u64 = 20;
/// `_NO_SPECK`: brackets, quotation marks and dashes are no specks.
pub const NO_SPECK: &str = "()[]<>„“”\"»«‚‘’'-–—/@";
/// `_NO_SPECK_BESIDE`: among other specks a dash or a quotation mark is one too.
pub const NO_SPECK_BESIDE: &str = "()[]<>„»«‚/@";
/// `_MARGIN_DASHES`
pub const MARGIN_DASHES: [&str; 5] = [" -", " --", " –", " —", " ~"];
/// `_LINE_DASHES`
pub const LINE_DASHES: [char; 4] = ['-', '–', '—', '~'];

fn ends_with(s: &[char], suffix: &str) -> bool {
    let n = suffix.chars().count();
    s.len() >= n && s[s.len() - n..].iter().copied().eq(suffix.chars())
}

/// `_LEADING_DASH_RE.match(b)` (`(?:--?|[–—~]) ({WORD})`): the word's start and end.
pub fn leading_dash(b: &[char]) -> Option<(usize, usize)> {
    let dash = match b.first()? {
        '-' if b.get(1) == Some(&'-') => 2,
        '-' | '–' | '—' | '~' => 1,
        _ => return None,
    };
    if b.get(dash) != Some(&' ') {
        return None;
    }
    let end = word_at(b, dash + 1)?;
    Some((dash + 1, end))
}

/// `_TRAILING_DASH_RE.fullmatch(tail)` (`({WORD}) (?:--?|[–—~])`) of the line's last two
/// chunks: the end of the word.
fn trailing_dash(tail: &[char]) -> Option<usize> {
    let end = word_at(tail, 0)?;
    if tail.get(end) != Some(&' ') {
        return None;
    }
    let dash = &tail[end + 1..];
    let ok = matches!(dash, ['-'] | ['-', '-'] | ['–'] | ['—'] | ['~']);
    ok.then_some(end)
}

/// `_FIRST_WORD_RE.match(b)` (`[„“\"»«‚‘'(]?({WORD})`): the first word's range.
fn first_word(b: &[char]) -> Option<(usize, usize)> {
    let at = usize::from(
        b.first()
            .is_some_and(|c| matches!(c, '„' | '“' | '"' | '»' | '«' | '‚' | '‘' | '\'' | '(')),
    );
    word_at(b, at).map(|end| (at, end))
}

/// `_margin_speck(text, cur, nxt, marks, dash_goes_on)`: the deletion of a dash at the end of
/// `cur` or the start of `nxt` that is a speck in the margin.
pub fn margin_speck(
    chars: &[char],
    cur: &Line,
    nxt: &Line,
    marks: &MarkStats,
    dash_goes_on: bool,
) -> Option<Edit> {
    let (a, b) = (cur.text(chars), nxt.text(chars));
    let mut trailing = None;
    let mut tail_len = 0;
    if MARGIN_DASHES.iter().any(|d| ends_with(a, d)) {
        // " ".join(a.rsplit(" ", 2)[-2:]): from after the second space from the end
        let spaces: Vec<usize> = a
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, &c)| c == ' ')
            .map(|(k, _)| k)
            .take(2)
            .collect();
        let from = if spaces.len() == 2 { spaces[1] + 1 } else { 0 };
        let tail = &a[from..];
        tail_len = tail.len();
        trailing = trailing_dash(tail).map(|end| (tail, end));
    }
    let leading = if dash_goes_on { leading_dash(b) } else { None };
    if (trailing.is_none() && leading.is_none())
        || is_code(cur, chars)
        || is_code(nxt, chars)
        || is_table_row(a)
        || is_table_row(b)
    {
        return None;
    }
    if let Some((tail, end)) = trailing {
        if !is_list_item(a) {
            if let Some((s, e)) = first_word(b) {
                let before: String = tail[..end].iter().collect();
                let after: String = b[s..e].iter().collect();
                if marks.dash_plausibility(&before, &after) < MARGIN_SPECK_BELOW {
                    let start = cur.end - tail_len + end;
                    return Some(speck(chars, start, cur.end, "margin_speck", 0.85));
                }
            }
        }
    }
    if let Some((s, e)) = leading {
        let from = a.iter().rposition(|&c| c == ' ').map_or(0, |k| k + 1);
        let last = &a[from..];
        if word_fullmatch(last) {
            let before: String = last.iter().collect();
            let after: String = b[s..e].iter().collect();
            if marks.dash_plausibility(&before, &after) < MARGIN_SPECK_BELOW {
                let end = nxt.start + s;
                return Some(speck(chars, nxt.start, end, "margin_speck", 0.85));
            }
        }
    }
    None
}

fn speck(chars: &[char], start: usize, end: usize, rule: &str, confidence: f64) -> Edit {
    Edit::new(start, end, slice(chars, start, end), "", Kind::Speck, rule)
        .with_confidence(confidence)
}

/// `_bullet_speck(cur, nxt, lines, j)`: the deletion of a "* " that is a speck, before a line
/// that goes on with the sentence of the line before.
pub fn bullet_speck(
    chars: &[char],
    cur: &Line,
    nxt: &Line,
    lines: &[Line],
    j: usize,
) -> Option<Edit> {
    let (a, b) = (cur.text(chars), nxt.text(chars));
    let starts = b.len() >= 3 && b[0] == '*' && b[1] == ' ' && pystr::char_is_alpha(b[2]);
    if !(starts && a.last().is_some_and(|&c| char_is_alnum(c))) {
        return None;
    }
    if is_list_item(a) || list_follows(lines, j, chars) || is_code(cur, chars) || is_table_row(a) {
        return None;
    }
    Some(speck(chars, nxt.start, nxt.start + 2, "bullet_speck", 0.8))
}

/// `_PARAGRAPH_END_SPECK_RE.search(line, pos)`
/// (`(?<!\p{L})(\p{L}{3,})[.!?…] ((?:\S{1,5} ){0,4}\S{1,5})$`): the word's range and the start
/// of group 2 (the specks, up to the end), the leftmost match at or after `pos`.
fn paragraph_end_speck_re(line: &[char], pos: usize) -> Option<(usize, usize, usize)> {
    let letter = |k: usize| pystr::regex_is_letter(line[k]);
    let n = line.len();
    (pos..n).find_map(|s| {
        if !letter(s) || (s > 0 && letter(s - 1)) {
            return None;
        }
        let run = line[s..]
            .iter()
            .take_while(|&&c| pystr::regex_is_letter(c))
            .count();
        let e = s + run;
        if run < 3
            || !matches!(line.get(e), Some('.' | '!' | '?' | '…'))
            || line.get(e + 1) != Some(&' ')
        {
            return None;
        }
        let g = e + 2;
        let rest = &line[g..];
        let mut tokens = 0;
        for token in rest.split(|&c| c == ' ') {
            tokens += 1;
            if !(1..=5).contains(&token.len()) || token.iter().any(|&c| pystr::regex_is_space(c)) {
                return None;
            }
        }
        (tokens <= 5).then_some((s, e, g))
    })
}

/// `_paragraph_end_speck(text, line, lexicon, next_paragraph)`: the deletion of specks after the
/// last sentence of the paragraph that `line` ends.
pub fn paragraph_end_speck(
    chars: &[char],
    line: &Line,
    lexicon: Option<&Forms>,
    marks: &MarkStats,
    next_paragraph: &[char],
) -> Option<Edit> {
    let text = line.text(chars);
    let mut pos = text.len().saturating_sub(PARAGRAPH_END_WINDOW);
    while let Some((ws, we, g)) = paragraph_end_speck_re(text, pos) {
        pos = g;
        let word = &text[ws..we];
        let tail = &text[g..];
        let sentence_end = tail.len() >= 2
            && matches!(tail[tail.len() - 1], '.' | '!' | '?' | '…')
            && pystr::regex_is_letter(tail[tail.len() - 2]);
        if tail.len() > 14 || sentence_end {
            continue;
        }
        if is_abbreviation(word)
            || marks
                .no_sentence_end_after
                .contains(&word.iter().collect::<String>())
        {
            continue;
        }
        let tokens: Vec<&[char]> = tail.split(|&c| c == ' ').collect();
        let double_dash = tail.windows(2).any(|w| w == ['-', '-']);
        let no_speck = if tokens.len() > 1 && !double_dash {
            NO_SPECK_BESIDE
        } else {
            NO_SPECK
        };
        if tokens.iter().all(|t| is_speck_token(t, lexicon, no_speck)) {
            if is_code(line, chars) || is_table_row(text) {
                return None;
            }
            let mut last: Vec<char> = tokens.last().map_or(Vec::new(), |t| t.to_vec());
            last.push(' ');
            if is_list_item(&last) && is_list_item(next_paragraph) {
                return None;
            }
            let start = line.end - (text.len() - g) - 1;
            return Some(speck(chars, start, line.end, "paragraph_end_speck", 0.8));
        }
    }
    None
}

/// `_is_speck_token(token, lexicon, no_speck)`: can `token` be specks?
pub fn is_speck_token(token: &[char], lexicon: Option<&Forms>, no_speck: &str) -> bool {
    if token.iter().any(|&c| no_speck.contains(c))
        || (token.len() > 2 && token.iter().all(|&c| pystr::char_is_digit(c)))
    {
        return false;
    }
    let letters: String = token.iter().filter(|&&c| pystr::char_is_alpha(c)).collect();
    if letters.chars().count() < 2 {
        return true;
    }
    // (a single character's `isupper` is its Uppercase property)
    let (first, rest) = pystr::split_first(&letters);
    let capital = first.chars().next().is_some_and(pystr::char_is_upper);
    if pystr::is_upper(&letters) || (capital && pystr::is_lower(rest)) {
        return false;
    }
    let Some(lexicon) = lexicon else {
        return false;
    };
    lexicon
        .count(&letters)
        .max(lexicon.count(&pystr::lower(&letters)))
        < MIN_WORD_COUNT_NOT_SPECK
}
