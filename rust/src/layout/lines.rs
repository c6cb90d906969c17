//! The text's lines and what each is (`_lines`, `_Line`, the typical full line's length, code,
//! table rows, lettered items, verse, the start of a line that goes on in lower case).
//!
//! A line's text is a range of the whole text's characters: the stage cuts a speck off a line's
//! start or end by narrowing the range while the line keeps its `start` and `end` (Python's
//! `replace(line, text=...)`), which the offsets computed later use as Python does.

use super::german::{is_list_item, looks_like_code};
use crate::pystr;

/// `_Line`: `start`/`end` of the stripped content in the text, its leading blanks, and the range
/// `lo..hi` of the text's characters that is its content now.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub indent: usize,
    pub lo: usize,
    pub hi: usize,
}

impl Line {
    pub fn text<'a>(&self, chars: &'a [char]) -> &'a [char] {
        &chars[self.lo..self.hi]
    }

    pub fn blank(&self) -> bool {
        self.lo == self.hi
    }

    pub fn text_len(&self) -> usize {
        self.hi - self.lo
    }
}

/// `_lines(text)`: split at "\n", each line stripped of Python's white space (`str.strip`).
pub fn lines(chars: &[char]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in chars.split(|&c| c == '\n') {
        let lead = raw.iter().take_while(|&&c| pystr::char_is_space(c)).count();
        let trail = raw[lead..]
            .iter()
            .rev()
            .take_while(|&&c| pystr::char_is_space(c))
            .count();
        let (start, end) = (pos + lead, pos + raw.len() - trail);
        out.push(Line {
            start,
            end,
            indent: lead,
            lo: start,
            hi: end,
        });
        pos += raw.len() + 1;
    }
    out
}

/// `_full_line_length(lines)`: the length most lines (of more than 20 characters) reach; 0 where
/// there are none.
pub fn full_line_length(lines: &[Line]) -> f64 {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(Line::text_len)
        .filter(|&n| n > 20)
        .collect();
    if lengths.is_empty() {
        return 0.0;
    }
    lengths.sort_unstable();
    // Python's round: half to even
    let at = (0.8 * (lengths.len() - 1) as f64).round_ties_even() as usize;
    lengths.get(at).map_or(0.0, |&n| n as f64)
}

/// `_is_code(line)`: indented by two blanks or more, or looking like code.
pub fn is_code(line: &Line, chars: &[char]) -> bool {
    line.indent >= 2 || looks_like_code(line.text(chars))
}

/// `_MAX_PARAGRAPH_INDENT`: a paragraph's first line is indented by a few blanks at most.
pub const MAX_PARAGRAPH_INDENT: usize = 8;

/// `_paragraph_indent(cur, nxt, typical)`: `cur`'s indentation is a paragraph's first-line
/// indent, not code.
pub fn paragraph_indent(cur: &Line, nxt: &Line, typical: f64, chars: &[char]) -> bool {
    cur.indent <= MAX_PARAGRAPH_INDENT
        && nxt.indent == 0
        && typical != 0.0
        && (cur.indent + cur.text_len()) as f64 >= 0.8 * typical
        && !looks_like_code(cur.text(chars))
}

/// `_is_table_row(line)`: " | ", a tab, or two wide gaps (`_WIDE_GAP_RE`, `\S {3,}\S`).
pub fn is_table_row(line: &[char]) -> bool {
    // one pass for the signs each test needs; the tests only where they are there
    let (mut bar, mut triple) = (false, false);
    let mut spaces = 0;
    for &c in line {
        match c {
            '\t' => return true,
            '|' => bar = true,
            _ => {}
        }
        spaces = if c == ' ' { spaces + 1 } else { 0 };
        triple |= spaces >= 3;
    }
    (bar && line.windows(3).any(|w| w == [' ', '|', ' '])) || (triple && wide_gaps(line) >= 2)
}

/// `len(_WIDE_GAP_RE.findall(line))`: a non-blank, three spaces or more, a non-blank; the
/// matches do not overlap.
fn wide_gaps(line: &[char]) -> usize {
    let solid = |c: char| !pystr::regex_is_space(c);
    let (mut n, mut i) = (0, 0);
    while i < line.len() {
        if solid(line[i]) {
            let spaces = line[i + 1..].iter().take_while(|&&c| c == ' ').count();
            let after = i + 1 + spaces;
            if spaces >= 3 && line.get(after).is_some_and(|&c| solid(c)) {
                n += 1;
                i = after + 1;
                continue;
            }
        }
        i += 1;
    }
    n
}

/// `_list_follows(lines, j)`: is the next non-blank line after `j` a list's item?
pub fn list_follows(lines: &[Line], j: usize, chars: &[char]) -> bool {
    lines
        .iter()
        .skip(j + 1)
        .find(|ln| !ln.blank())
        .is_some_and(|ln| is_list_item(ln.text(chars)))
}

/// `_LEADING_DEBRIS_RE` (`after_hyphen` false) and `_AFTER_HYPHEN_DEBRIS_RE` matched at the
/// line's start: `[‘‚]+(?=\p{L})|(?:[_°~'’‘{more}]{1,2}|\.(?!\.)) ?(?=\p{Ll})` with `more` empty
/// or `"“”„-`; the end of the debris, or None. The alternatives in the pattern's order, each
/// count and the optional space tried longest first.
pub fn debris(line: &[char], after_hyphen: bool) -> Option<usize> {
    let at = |i: usize| line.get(i).copied();
    let quotes = line.iter().take_while(|&&c| c == '‘' || c == '‚').count();
    if quotes > 0 && at(quotes).is_some_and(pystr::regex_is_letter) {
        return Some(quotes);
    }
    let speck = |c: char| {
        matches!(c, '_' | '°' | '~' | '\'' | '’' | '‘')
            || (after_hyphen && matches!(c, '"' | '“' | '”' | '„' | '-'))
    };
    let lower_at = |i: usize| at(i).is_some_and(pystr::regex_is_ll);
    // the space, then none: the end where a lower-case letter follows
    let rest = |i: usize| {
        if at(i) == Some(' ') && lower_at(i + 1) {
            Some(i + 1)
        } else if lower_at(i) {
            Some(i)
        } else {
            None
        }
    };
    let specks = line.iter().take(2).take_while(|&&c| speck(c)).count();
    for n in (1..=specks).rev() {
        if let Some(end) = rest(n) {
            return Some(end);
        }
    }
    if at(0) == Some('.') && at(1) != Some('.') {
        return rest(1);
    }
    None
}

/// `_continues_lowercase(line, after_hyphen)`: the line starts with a lower-case word past the
/// debris (or a digit read for an umlaut: `[0-9]\p{Ll}{2}`).
pub fn continues_lowercase(line: &[char], after_hyphen: bool) -> bool {
    let rest = &line[debris(line, after_hyphen).unwrap_or(0)..];
    match rest.first() {
        None => false,
        Some(&c) => {
            pystr::char_is_lower(c)
                || (c.is_ascii_digit()
                    && rest.len() >= 3
                    && pystr::regex_is_ll(rest[1])
                    && pystr::regex_is_ll(rest[2]))
        }
    }
}

/// `_lettered_items(lines)`: the lines that start a lettered list's item ("a. den Nachwuchs;")
/// whose letter's neighbour in the alphabet starts another such line.
pub fn lettered_items(lines: &[Line], chars: &[char]) -> Vec<bool> {
    let starts: Vec<Option<char>> = lines
        .iter()
        .map(|ln| lettered_item(ln.text(chars)))
        .collect();
    let mut letters = [false; 26];
    for c in starts.iter().flatten() {
        letters[(*c as u8 - b'a') as usize] = true;
    }
    let has = |k: i32| (0..26).contains(&k) && letters[k as usize];
    starts
        .iter()
        .map(|s| {
            s.is_some_and(|c| {
                let k = (c as u8 - b'a') as i32;
                has(k - 1) || has(k + 1)
            })
        })
        .collect()
}

/// `_LETTERED_ITEM_RE.match(text)` (`([a-z])\.\s+(?!\p{L}\.)`): the letter. Where the white
/// space is two characters or more, backing off one leaves a blank before the lookahead, which
/// then holds.
fn lettered_item(text: &[char]) -> Option<char> {
    let (&c, rest) = text.split_first()?;
    if !c.is_ascii_lowercase() || rest.first() != Some(&'.') {
        return None;
    }
    let spaces = rest[1..]
        .iter()
        .take_while(|&&c| pystr::regex_is_space(c))
        .count();
    let after = &rest[1 + spaces..];
    let abbreviation =
        after.first().is_some_and(|&c| pystr::regex_is_letter(c)) && after.get(1) == Some(&'.');
    (spaces >= 2 || (spaces == 1 && !abbreviation)).then_some(c)
}

/// `_PHRASE_END`: a verse line mostly ends with one of these.
pub const PHRASE_END: [char; 17] = [
    ',', '.', ';', ':', '!', '?', '–', '—', '…', '"', '“', '”', '»', '«', '\'', '’', ')',
];
/// `_HYPHENS`: the hyphens a line may end in.
pub const HYPHENS: [char; 6] = ['-', '\u{2010}', '\u{ad}', '¬', '⸗', '='];
/// `MIN_VERSE_BLOCK`
pub const MIN_VERSE_BLOCK: usize = 4;
/// `MIN_VERSE_PHRASE_ENDS`
pub const MIN_VERSE_PHRASE_ENDS: f64 = 0.6;

/// `_VERSE_LINE_RE.match(text)` (`[„“\"»«‚‘'(–—]?\p{Lu}`).
fn verse_start(text: &[char]) -> bool {
    match text {
        ['„' | '“' | '"' | '»' | '«' | '‚' | '‘' | '\'' | '(' | '–' | '—', rest @ ..] => {
            rest.first().is_some_and(|&c| pystr::regex_is_lu(c))
        }
        [c, ..] => pystr::regex_is_lu(*c),
        [] => false,
    }
}

/// `_verse_lines(lines)`: the lines of verse blocks, which keep their lines.
pub fn verse_lines(lines: &[Line], chars: &[char]) -> Vec<bool> {
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let (mut block, mut prose) = (Vec::new(), false);
    for j in 0..=lines.len() {
        let text: &[char] = lines.get(j).map_or(&[], |ln| ln.text(chars));
        if text.is_empty() {
            let inner = &block[..block.len().saturating_sub(1)];
            let ends = inner
                .iter()
                .filter(|&&k: &&usize| {
                    lines[k]
                        .text(chars)
                        .last()
                        .is_some_and(|c| PHRASE_END.contains(c))
                })
                .count();
            if block.len() >= 2
                && !prose
                && ends as f64 >= MIN_VERSE_PHRASE_ENDS * inner.len() as f64
            {
                blocks.push(std::mem::take(&mut block));
            }
            block.clear();
            prose = false;
        } else if verse_start(text)
            && !text.last().is_some_and(|c| HYPHENS.contains(c))
            && !is_list_item(text)
        {
            block.push(j);
        } else {
            prose = true;
        }
    }
    let mut out = vec![false; lines.len()];
    if blocks.iter().any(|b| b.len() >= MIN_VERSE_BLOCK) {
        for &j in blocks.iter().flatten() {
            out[j] = true;
        }
    }
    out
}
