//! The layout stage (`korrektor/stages/layout.py`'s `run`): undo what the page layout did to the
//! text. The lines of a paragraph are joined, line-end hyphenation is removed where the joined
//! word is right and kept where the hyphen belongs to the word ([`hyphens`]), blank lines inside
//! a sentence are joined and short lines that end a sentence end a paragraph, and specks in the
//! margin are dropped ([`specks`]); headings, list items, URL lines, code, table rows and verse
//! keep their lines ([`lines`], [`german`]).
//!
//! The whole stage is here so that no Python loop runs per line: [`run`] gives its changes, in
//! Python's order, as [`Edit`]s with Python's offsets (code points). The lexicon is optional (the
//! stage runs without language data, deciding by shape and the text's own spellings).

pub mod german;
pub mod hyphens;
pub mod lines;
pub mod numeric;
pub mod specks;

use crate::edits::{Edit, Kind};
use crate::forms::Forms;
use crate::marks::MarkStats;
use crate::pystr;

use german::{is_list_item, is_url_line, CONJUNCTIONS, LINE_END_OF_SENTENCE};
use hyphens::{
    dash_head, decide_hyphen, head_re, known_join, lost_hyphen, tail_re, trailing_debris,
    DocumentSpellings,
};
use lines::{
    continues_lowercase, debris, full_line_length, is_code, is_table_row, lettered_items,
    list_follows, paragraph_indent, verse_lines, Line, HYPHENS,
};
use specks::{bullet_speck, leading_dash, margin_speck, paragraph_end_speck, LINE_DASHES};

/// The patterns of `layout.py` matched by hand: `(name, pattern)`, compared with the module's
/// at import (with [`german::PATTERNS`]).
pub const PATTERNS: [(&str, &str); 15] = [
    (
        "_HEAD_RE",
        "([\\p{L}\\p{N}][\\p{L}\\p{N}]*(?:-[\\p{L}\\p{N}]+)*)([-\\u2010\\u00ad¬⸗=])$",
    ),
    ("_DASH_HEAD_RE", "(\\p{L}+)([—–])$"),
    ("_TAIL_RE", "\\p{L}[\\p{L}\\p{M}]*"),
    (
        "_LEADING_DEBRIS_RE",
        "[‘‚]+(?=\\p{L})|(?:[_°~'’‘]{1,2}|\\.(?!\\.)) ?(?=\\p{Ll})",
    ),
    (
        "_AFTER_HYPHEN_DEBRIS_RE",
        "[‘‚]+(?=\\p{L})|(?:[_°~'’‘\"“”„-]{1,2}|\\.(?!\\.)) ?(?=\\p{Ll})",
    ),
    (
        "_TRAILING_DEBRIS_RE",
        "(?<=\\p{L}[-\\u2010\\u00ad¬⸗=]) ?[-.|°*”\\\"_‘’':~–]{1,2}$",
    ),
    (
        "_TRAILING_DASH_RE",
        "([^\\W\\d_]+(?:[-'’][^\\W\\d_]+)*) (?:--?|[–—~])",
    ),
    (
        "_LEADING_DASH_RE",
        "(?:--?|[–—~]) ([^\\W\\d_]+(?:[-'’][^\\W\\d_]+)*)",
    ),
    (
        "_FIRST_WORD_RE",
        "[„“\\\"»«‚‘'(]?([^\\W\\d_]+(?:[-'’][^\\W\\d_]+)*)",
    ),
    (
        "_PARAGRAPH_END_SPECK_RE",
        "(?<!\\p{L})(\\p{L}{3,})[.!?…] ((?:\\S{1,5} ){0,4}\\S{1,5})$",
    ),
    ("_WORD_SENTENCE_END_RE", "\\p{L}[.!?…]$"),
    ("_DIGIT_FOR_UMLAUT_RE", "[0-9]\\p{Ll}{2}"),
    ("_WIDE_GAP_RE", "\\S {3,}\\S"),
    ("_BROKEN_HEAD_RE", "(?<![\\p{L}\\p{N}-])\\p{L}+$"),
    ("_BROKEN_TAIL_RE", "\\p{Ll}+(?![\\p{L}\\p{N}-])"),
];

/// The patterns matched by hand in other files of the stage: `_LETTERED_ITEM_RE`,
/// `_VERSE_LINE_RE`.
pub const MORE_PATTERNS: [(&str, &str); 2] = [
    ("_LETTERED_ITEM_RE", "([a-z])\\.\\s+(?!\\p{L}\\.)"),
    ("_VERSE_LINE_RE", "[„“\\\"»«‚‘'(–—]?\\p{Lu}"),
];

/// `text[start:end]` of the text's characters.
pub(crate) fn slice(chars: &[char], start: usize, end: usize) -> String {
    chars[start..end].iter().collect()
}

fn ends_with_any(s: &[char], set: &[char]) -> bool {
    s.last().is_some_and(|c| set.contains(c))
}

/// The stage's changes for `text` (`layout.run` without `keep_lines`; no change where the text
/// has no line break), in Python's order.
pub fn run(text: &str, lexicon: Option<&Forms>, marks: &MarkStats) -> Vec<Edit> {
    if !text.contains('\n') {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let chars = &chars[..];
    let mut spellings = DocumentSpellings::new(chars);
    let mut lines = lines::lines(chars);
    let typical = full_line_length(&lines);
    let items = lettered_items(&lines, chars);
    let verse = verse_lines(&lines, chars);
    let mut changes = Vec::new();
    let n = lines.len();
    let mut i = 0;
    while i < n {
        let mut cur = lines[i];
        if cur.blank() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && lines[j].blank() {
            j += 1;
        }
        // the last line of a block, unless the sentence goes on after it: a paragraph's end
        if j >= n || (j > i + 1 && !continues_lowercase(lines[j].text(chars), false)) {
            let next: &[char] = if j < n { lines[j].text(chars) } else { &[] };
            if let Some(speck) = paragraph_end_speck(chars, &cur, lexicon, marks, next) {
                cur.hi = cut(&cur, speck.start);
                changes.push(speck);
            }
        }
        if j >= n {
            break;
        }
        let mut nxt = lines[j];
        if j == i + 1 && verse[i] && verse[j] {
            i = j; // a verse line keeps its line
            continue;
        }
        // a line opening with a dash after a full line goes on with that line's sentence,
        // unless it is a list's item
        let (a, b) = (cur.text(chars), nxt.text(chars));
        let dash_goes_on = b.first().is_some_and(|c| LINE_DASHES.contains(c))
            && leading_dash(b).is_some()
            && typical != 0.0
            && a.len() as f64 >= 0.7 * typical
            && a.last() != Some(&':')
            && !is_list_item(a)
            && !list_follows(&lines, j, chars);
        let speck = bullet_speck(chars, &cur, &nxt, &lines, j)
            .or_else(|| margin_speck(chars, &cur, &nxt, marks, dash_goes_on));
        let leading = speck.as_ref().is_some_and(|s| s.start >= nxt.start);
        let mut pending = None;
        if let Some(speck) = speck {
            if leading {
                // the line as it is without the speck; the break stays where it is
                nxt.lo = (nxt.lo + (speck.end - nxt.start)).min(nxt.hi);
                lines[j] = nxt;
                pending = Some(speck);
            } else {
                cur.hi = cut(&cur, speck.start);
                changes.push(speck);
            }
        }
        let join = Join {
            torn: j > i + 1,
            first_in_block: i == 0 || lines[i - 1].blank(),
            typical,
            dash_goes_on,
            item: items[j],
        };
        if let Some(change) = join_lines(chars, &cur, &nxt, &join, lexicon, marks, &mut spellings) {
            if change.before != change.after {
                changes.push(change);
            }
        }
        if let Some(speck) = pending {
            changes.push(speck);
        }
        i = j;
    }
    changes
}

/// The end of `line.text[:at - line.start]` (Python's slice: no further than the text's end).
fn cut(line: &Line, at: usize) -> usize {
    (line.lo + at.saturating_sub(line.start)).min(line.hi)
}

/// What `_join` is told of the break besides the two lines.
struct Join {
    /// blank lines between them
    torn: bool,
    first_in_block: bool,
    typical: f64,
    /// the next line opens with a dash that is no list's bullet
    dash_goes_on: bool,
    /// the next line starts an item of a lettered list
    item: bool,
}

fn change(
    chars: &[char],
    start: usize,
    end: usize,
    after: &str,
    kind: Kind,
    rule: &str,
    conf: f64,
) -> Edit {
    Edit::new(start, end, slice(chars, start, end), after, kind, rule).with_confidence(conf)
}

/// `_ends_mid_sentence(line)`: the line ends with a word after which no sentence ends.
fn ends_mid_sentence(line: &[char], marks: &MarkStats) -> bool {
    let from = line.iter().rposition(|&c| c == ' ').map_or(0, |k| k + 1);
    let last: String = line[from..].iter().collect();
    CONJUNCTIONS.contains(&last.as_str())
        || (pystr::is_lower(&last) && marks.no_sentence_end_after.contains(&last))
}

/// `_join(text, cur, nxt, ...)`: the change for the break between two non-blank lines.
fn join_lines(
    chars: &[char],
    cur: &Line,
    nxt: &Line,
    join: &Join,
    lexicon: Option<&Forms>,
    marks: &MarkStats,
    spellings: &mut DocumentSpellings,
) -> Option<Edit> {
    let (a, b) = (cur.text(chars), nxt.text(chars));
    let (gap_start, gap_end) = (cur.end, nxt.start);
    if ((is_list_item(b) || join.item) && !join.dash_goes_on)
        || is_url_line(a)
        || is_url_line(b)
        || (is_code(cur, chars) && !paragraph_indent(cur, nxt, join.typical, chars))
        || is_code(nxt, chars)
        || is_table_row(a)
        || is_table_row(b)
    {
        return None;
    }
    let mut starts_lower = continues_lowercase(b, false);

    // only a line ending in a hyphen can be hyphenated; the pattern then looks at its last word
    let trailing = if starts_lower {
        trailing_debris(a)
    } else {
        None
    };
    let head = &a[..trailing.unwrap_or(a.len())]; // the debris goes with the break
    let m = if ends_with_any(head, &HYPHENS) {
        let pos = head.iter().rposition(|&c| c == ' ').map_or(0, |k| k + 1);
        head_re(head, pos)
    } else {
        None
    };
    if m.is_some() {
        starts_lower = starts_lower || continues_lowercase(b, true);
    }
    let debris_end = if m.is_some() {
        debris(b, true).unwrap_or(0)
    } else {
        0
    };
    let tail = tail_re(&b[debris_end..]).map(|e| &b[debris_end..debris_end + e]);
    if let (Some(s), Some(tail)) = (m, tail) {
        if starts_lower || !join.torn {
            let word: String = head[s..head.len() - 1].iter().collect();
            let tail: String = tail.iter().collect();
            let d = decide_hyphen(&word, &tail, lexicon, Some(spellings));
            let conf = if join.torn {
                d.confidence.min(0.9)
            } else {
                d.confidence
            };
            let hyph_start = cur.start + head.len() - 1;
            let end = gap_end + debris_end;
            return Some(change(
                chars,
                hyph_start,
                end,
                d.joiner,
                Kind::Hyphenation,
                d.rule,
                conf,
            ));
        }
    }

    let dash = if starts_lower && !join.torn && head.last().is_some_and(|&c| c == '—' || c == '–')
    {
        dash_head(head)
    } else {
        None
    };
    if let (Some(s), Some(tail)) = (dash, tail) {
        let joined: String = head[s..head.len() - 1].iter().chain(tail).collect();
        if known_join(&joined, lexicon, spellings) {
            let hyph_start = cur.start + head.len() - 1;
            return Some(change(
                chars,
                hyph_start,
                gap_end,
                "",
                Kind::Hyphenation,
                "join_dash_hyphenated_word",
                0.9,
            ));
        }
    }

    if !join.torn && starts_lower {
        if let Some(conf) = lost_hyphen(a, b, lexicon) {
            return Some(change(
                chars,
                gap_start,
                gap_end,
                "",
                Kind::Hyphenation,
                "join_word_without_hyphen",
                conf,
            ));
        }
    }

    let sentence_end = ends_with_any(a, &LINE_END_OF_SENTENCE);
    if join.torn {
        // a blank line inside a sentence is a column or page break
        if !sentence_end && (starts_lower || ends_mid_sentence(a, marks)) {
            return Some(change(
                chars,
                gap_start,
                gap_end,
                " ",
                Kind::Layout,
                "join_torn_paragraph",
                0.9,
            ));
        }
        return None;
    }
    let short = join.typical != 0.0 && (a.len() as f64) < 0.7 * join.typical;
    let b_upper = b.first().is_some_and(|&c| pystr::char_is_upper(c));
    if short && sentence_end && b_upper {
        // the paragraph ended here; the page marked it by indentation only
        return Some(change(
            chars,
            gap_start,
            gap_end,
            "\n\n",
            Kind::Layout,
            "split_paragraph",
            0.8,
        ));
    }
    if short && join.first_in_block && !(sentence_end || ends_with_any(a, &[',', ';'])) && b_upper {
        return None; // a heading keeps its own line
    }
    Some(change(
        chars,
        gap_start,
        gap_end,
        " ",
        Kind::Layout,
        "join_lines",
        0.99,
    ))
}
