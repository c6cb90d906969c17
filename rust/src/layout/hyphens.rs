//! A word broken at a line's end: with a hyphen (`decide_hyphen`: a hyphenation break, a real
//! hyphen or a suspended one), with blackletter's double hyphen read as a dash, or without a
//! hyphen (`_lost_hyphen`); the text's own spellings (`DocumentSpellings`) and the lexicon
//! decide. The patterns around the break are matched by hand, each after its Python name.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::german::CONJUNCTIONS;
use super::lines::HYPHENS;
use crate::forms::Forms;
use crate::pystr;
use crate::search::Fx;

/// `MIN_LOST_HYPHEN_WORD_COUNT`
pub const MIN_LOST_HYPHEN_WORD_COUNT: u64 = 20;
/// `_CHUNK_PUNCTUATION`: stripped from a chunk's ends before it is counted.
pub const CHUNK_PUNCTUATION: &str = "\"'„“”‚‘’»«›‹()[]{}.,;:!?…*";

/// `DocumentSpellings`: how often the text writes each chunk between spaces, its punctuation
/// stripped; counted on first use.
pub struct DocumentSpellings<'a> {
    chars: &'a [char],
    /// the chunks, keyed by their characters (slices of the text: no copy)
    counts: Option<HashMap<&'a [char], u32, BuildHasherDefault<Fx>>>,
}

impl<'a> DocumentSpellings<'a> {
    pub fn new(chars: &'a [char]) -> Self {
        DocumentSpellings {
            chars,
            counts: None,
        }
    }

    /// How often the text writes `form`.
    pub fn count(&mut self, form: &str) -> u32 {
        let chars = self.chars;
        let counts = self.counts.get_or_insert_with(|| {
            let mut counts: HashMap<&[char], u32, BuildHasherDefault<Fx>> = HashMap::default();
            let strip = |c: &char| CHUNK_PUNCTUATION.contains(*c);
            for chunk in chars
                .split(|&c| pystr::char_is_space(c))
                .filter(|c| !c.is_empty())
            {
                let lead = chunk.iter().take_while(|c| strip(c)).count();
                let trail = chunk[lead..].iter().rev().take_while(|c| strip(c)).count();
                *counts.entry(&chunk[lead..chunk.len() - trail]).or_insert(0) += 1;
            }
            counts
        });
        let form: Vec<char> = form.chars().collect();
        counts.get(&form[..]).copied().unwrap_or(0)
    }
}

/// What joins `head-` with the next line's `tail` (`decide_hyphen`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HyphenDecision {
    /// replaces the hyphen and the line break: "", "-" or "- "
    pub joiner: &'static str,
    pub rule: &'static str,
    pub confidence: f64,
}

const fn decision(joiner: &'static str, rule: &'static str, confidence: f64) -> HyphenDecision {
    HyphenDecision {
        joiner,
        rule,
        confidence,
    }
}

/// `decide_hyphen(head, tail, lexicon, spellings)`: how to join `head-` at a line end with
/// `tail` (both not empty).
pub fn decide_hyphen(
    head: &str,
    tail: &str,
    lexicon: Option<&Forms>,
    spellings: Option<&mut DocumentSpellings>,
) -> HyphenDecision {
    let last = head.rsplit('-').next().unwrap_or(head);
    let joined = format!("{head}{tail}");
    let hyphenated = format!("{head}-{tail}");
    if CONJUNCTIONS.contains(&pystr::lower(tail).as_str())
        && lexicon.is_none_or(|l| l.count(&joined) == 0)
    {
        return decision("- ", "keep_suspended_hyphen", 0.95);
    }
    let tail_upper = tail.chars().next().is_some_and(pystr::char_is_upper);
    let last_digit = last.chars().last().is_some_and(pystr::char_is_digit);
    if tail_upper || last_digit || (last.chars().count() > 1 && pystr::is_upper(last)) {
        return decision("-", "keep_hard_hyphen", 0.95);
    }
    let (whole, with_hyphen) = match spellings {
        Some(s) => (s.count(&joined), s.count(&hyphenated)),
        None => (0, 0),
    };
    if with_hyphen > whole {
        return decision("-", "keep_hard_hyphen", 0.9);
    }
    let text_joins = whole > with_hyphen;
    let Some(lexicon) = lexicon else {
        return decision(
            "",
            "join_hyphenated_word",
            if text_joins { 0.95 } else { 0.8 },
        );
    };
    let mut n_joined = lexicon.count(&joined);
    if n_joined == 0 {
        n_joined = lexicon.count(&pystr::lower(&joined));
    }
    let n_hyph = lexicon.count(&hyphenated);
    if n_hyph > n_joined && !text_joins {
        return decision("-", "keep_hard_hyphen", 0.9);
    }
    if n_joined > 0 || lexicon.known(&joined) {
        return decision("", "join_hyphenated_word", 0.99);
    }
    decision(
        "",
        "join_hyphenated_word",
        if text_joins { 0.95 } else { 0.85 },
    )
}

/// `_known_join(joined, lexicon, spellings)`: the text writes it elsewhere, or the lexicon knows it.
pub fn known_join(
    joined: &str,
    lexicon: Option<&Forms>,
    spellings: &mut DocumentSpellings,
) -> bool {
    spellings.count(joined) > 0 || lexicon.is_some_and(|l| l.known(joined))
}

/// `_lost_hyphen(a, b, lexicon)`: the confidence that the word ending line `a` and the one
/// opening line `b` are one word broken without a hyphen.
pub fn lost_hyphen(a: &[char], b: &[char], lexicon: Option<&Forms>) -> Option<f64> {
    let lexicon = lexicon?;
    let head = broken_head(a)?;
    let tail = broken_tail(b)?;
    let head: String = a[head..].iter().collect();
    let tail: String = b[..tail].iter().collect();
    let joined = format!("{head}{tail}");
    let n_joined = lexicon.count(&joined);
    if n_joined < MIN_LOST_HYPHEN_WORD_COUNT {
        return None;
    }
    if lexicon.count(&tail) == 0 && !lexicon.known(&tail) {
        return Some(0.9);
    }
    if lexicon.noun_in_lower_case(&tail) && lexicon.count(&head) < n_joined {
        return Some(0.8);
    }
    None
}

fn letter_or_number(c: char) -> bool {
    pystr::regex_is_letter(c) || pystr::regex_is_number(c)
}

/// `_BROKEN_HEAD_RE.search(a)` (`(?<![\p{L}\p{N}-])\p{L}+$`): the start of the letters ending
/// the line, where no number or hyphen stands before them.
fn broken_head(a: &[char]) -> Option<usize> {
    let run = a
        .iter()
        .rev()
        .take_while(|&&c| pystr::regex_is_letter(c))
        .count();
    let start = a.len() - run;
    let before = start.checked_sub(1).map(|k| a[k]);
    (run > 0 && !before.is_some_and(|c| letter_or_number(c) || c == '-')).then_some(start)
}

/// `_BROKEN_TAIL_RE.match(b)` (`\p{Ll}+(?![\p{L}\p{N}-])`): the end of the lower-case letters
/// opening the line, where no letter, number or hyphen follows them.
fn broken_tail(b: &[char]) -> Option<usize> {
    let run = b.iter().take_while(|&&c| pystr::regex_is_ll(c)).count();
    let after = b.get(run).copied();
    (run > 0 && !after.is_some_and(|c| letter_or_number(c) || c == '-')).then_some(run)
}

/// `_HEAD_RE.search(head, pos)` (`([\p{L}\p{N}][\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*)([hyphens])$`):
/// the start of the word fragment before the line-end hyphen (group 1 ends before the last
/// character), the leftmost at or after `pos`.
pub fn head_re(head: &[char], pos: usize) -> Option<usize> {
    let (&hyphen, body) = head.split_last()?;
    if !HYPHENS.contains(&hyphen) || !body.last().is_some_and(|&c| letter_or_number(c)) {
        return None;
    }
    // group 1 is letters, numbers and single inner hyphens: it starts after the last other
    // character and after the last double hyphen, on a letter or number
    let mut s = pos;
    for (k, &c) in body.iter().enumerate().rev() {
        if !(letter_or_number(c) || c == '-') {
            s = s.max(k + 1);
            break;
        }
        if c == '-' && body.get(k + 1) == Some(&'-') {
            s = s.max(k + 2);
            break;
        }
    }
    if s < body.len() && body[s] == '-' {
        s += 1;
    }
    (s < body.len()).then_some(s)
}

/// `_DASH_HEAD_RE.search(head)` (`(\p{L}+)([—–])$`): the start of the letters before the dash
/// ending the line.
pub fn dash_head(head: &[char]) -> Option<usize> {
    let (&dash, body) = head.split_last()?;
    if dash != '—' && dash != '–' {
        return None;
    }
    let run = body
        .iter()
        .rev()
        .take_while(|&&c| pystr::regex_is_letter(c))
        .count();
    (run > 0).then_some(body.len() - run)
}

/// `_TAIL_RE.match(b)` (`\p{L}[\p{L}\p{M}]*`): the end of the word opening `b`.
pub fn tail_re(b: &[char]) -> Option<usize> {
    if !b.first().is_some_and(|&c| pystr::regex_is_letter(c)) {
        return None;
    }
    Some(
        1 + b[1..]
            .iter()
            .take_while(|&&c| pystr::regex_is_letter(c) || pystr::regex_is_mark(c))
            .count(),
    )
}

/// `_TRAILING_DEBRIS_RE.search(a)` (`(?<=\p{L}[hyphens]) ?[-.|°*”\"_‘’':~–]{1,2}$`): the start
/// of the specks after a line-end hyphen, the leftmost that reaches the line's end.
pub fn trailing_debris(a: &[char]) -> Option<usize> {
    let n = a.len();
    let speck = |c: char| {
        matches!(
            c,
            '-' | '.' | '|' | '°' | '*' | '”' | '"' | '_' | '‘' | '’' | '\'' | ':' | '~' | '–'
        )
    };
    let behind =
        |s: usize| s >= 2 && pystr::regex_is_letter(a[s - 2]) && HYPHENS.contains(&a[s - 1]);
    // from s: a space or none, then one or two specks up to the end
    let reaches_end = |s: usize| {
        let t = if a[s] == ' ' { s + 1 } else { s };
        (1..=2).contains(&(n - t)) && a[t..].iter().all(|&c| speck(c))
    };
    (n.saturating_sub(3)..n).find(|&s| behind(s) && reaches_end(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn patterns_by_hand() {
        assert_eq!(head_re(&c("Der Integra-"), 4), Some(4));
        assert_eq!(head_re(&c("All-in-"), 0), Some(0));
        assert_eq!(head_re(&c("x--ab-"), 0), Some(3));
        assert_eq!(head_re(&c("ab--"), 0), None);
        assert_eq!(head_re(&c("-ab-"), 0), Some(1));
        assert_eq!(dash_head(&c("ge—")), Some(0));
        assert_eq!(tail_re(&c("tionsplan wird")), Some(9));
        assert_eq!(trailing_debris(&c("Ge- |")), Some(3));
        assert_eq!(trailing_debris(&c("errei--")), Some(6));
        assert_eq!(trailing_debris(&c("Han-_.")), Some(4));
        assert_eq!(broken_head(&c("die Bundes")), Some(4));
        assert_eq!(broken_head(&c("x-Bundes")), None);
        assert_eq!(broken_tail(&c("regierung hat")), Some(9));
        assert_eq!(broken_tail(&c("regierung-")), None);
    }

    #[test]
    fn decisions_by_shape() {
        let d = decide_hyphen("Ein", "und", None, None);
        assert_eq!(d.joiner, "- ");
        assert_eq!(decide_hyphen("UN", "kommission", None, None).joiner, "-");
        assert_eq!(
            decide_hyphen("Integra", "tionsplan", None, None).confidence,
            0.8
        );
        let text = c("apt-cache apt-cache apt-\ncache");
        let mut s = DocumentSpellings::new(&text);
        assert_eq!(
            decide_hyphen("apt", "cache", None, Some(&mut s)).joiner,
            "-"
        );
    }
}
