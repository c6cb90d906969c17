//! Double and single quotation marks (`typography/quotes.py`): German „…“ restored from OCR
//! debris, straight quotes kept straight, and quotes that no quotation explains removed as
//! specks. Each pattern is matched by a function named after it that quotes it.

use crate::edits::{Edit, Kind};
use crate::german::{boundary, inside, starts_with};
use crate::pystr::{
    char_is_digit, char_is_upper, regex_is_letter, regex_is_ll, regex_is_lu, regex_is_number,
    regex_is_space,
};

use super::common::{
    closing, find_iter, opening, paragraphs, replace_all, string, PageStyle, Quotes,
};

const QUOTE: Kind = Kind::Quote;

fn is_s(text: &[char], i: usize) -> bool {
    text.get(i).is_some_and(|&c| regex_is_space(c))
}

fn is_l(text: &[char], i: usize) -> bool {
    text.get(i).is_some_and(|&c| regex_is_letter(c))
}

fn is_ln(c: char) -> bool {
    regex_is_letter(c) || regex_is_number(c)
}

fn in_set(text: &[char], i: usize, set: &str) -> bool {
    text.get(i).is_some_and(|&c| set.contains(c))
}

/// `(?:(?<=\s)|^)` with `regex.MULTILINE` at `i`.
fn after_space_or_line_start(text: &[char], i: usize) -> bool {
    i == 0 || is_s(text, i - 1)
}

/// `(?<![\p{L}\p{N}])` at `i`.
fn not_after_ln(text: &[char], i: usize) -> bool {
    i == 0 || !is_ln(text[i - 1])
}

/// `$` with `regex.MULTILINE` at `i`.
fn line_end(text: &[char], i: usize) -> bool {
    i >= text.len() || text[i] == '\n'
}

/// `_QUOTE_CANDIDATE_RE` at `i`: `,,|''|[„“”\"»«*®]|(?<![\p{L}\p{N}]),(?=\p{L})`.
fn quote_candidate(text: &[char], i: usize) -> Option<(usize, usize)> {
    if !matches!(
        text[i],
        ',' | '\'' | '„' | '“' | '”' | '"' | '»' | '«' | '*' | '®'
    ) {
        return None;
    }
    if starts_with(text, i, ",,") || starts_with(text, i, "''") {
        return Some((i, i + 2));
    }
    if in_set(text, i, "„“”\"»«*®") {
        return Some((i, i + 1));
    }
    (text[i] == ',' && not_after_ln(text, i) && is_l(text, i + 1)).then_some((i, i + 1))
}

/// `_DOUBLE_OPENER_RE` at `i`: `(?:(?<=\s)|^)(?:,,|["“”„»])(?=\p{L})` (multi-line).
fn double_opener(text: &[char], i: usize) -> Option<(usize, usize)> {
    if !matches!(text[i], ',' | '"' | '“' | '”' | '„' | '»') || !after_space_or_line_start(text, i)
    {
        return None;
    }
    let end = if starts_with(text, i, ",,") {
        i + 2
    } else if in_set(text, i, "\"“”„»") {
        i + 1
    } else {
        return None;
    };
    is_l(text, end).then_some((i, end))
}

/// `_DOUBLE_CLOSER_RE` at `i`: `(?<=[\p{L}\p{N}.,!?;:…*\'’)])(?:["“”«*®]|\'\')(?=[\s.,;:!?)\-]|$)`
/// or `(?<=\S[ \t])[«“”"](?=[ \t]*$)` (multi-line).
fn double_closer(text: &[char], i: usize) -> Option<(usize, usize)> {
    if !matches!(text[i], '"' | '“' | '”' | '«' | '*' | '®' | '\'') {
        return None;
    }
    let after_word = i > 0 && (is_ln(text[i - 1]) || ".,!?;:…*'’)".contains(text[i - 1]));
    if after_word {
        let end = if in_set(text, i, "\"“”«*®") {
            Some(i + 1)
        } else if starts_with(text, i, "''") {
            Some(i + 2)
        } else {
            None
        };
        if let Some(end) = end {
            if is_s(text, end) || in_set(text, end, ".,;:!?)-") || line_end(text, end) {
                return Some((i, end));
            }
        }
    }
    if i >= 2
        && !regex_is_space(text[i - 2])
        && matches!(text[i - 1], ' ' | '\t')
        && in_set(text, i, "«“”\"")
    {
        let mut j = i + 1;
        while matches!(text.get(j), Some(' ' | '\t')) {
            j += 1;
        }
        if line_end(text, j) {
            return Some((i, i + 1));
        }
    }
    None
}

/// A double quotation mark in a paragraph (`QuoteMark`): its span, whether it opens, whether
/// its partner is the mark next to it.
#[derive(Debug, Clone, Copy)]
pub struct QuoteMark {
    pub span: (usize, usize),
    pub opener: bool,
    pub paired: bool,
}

/// `pair_double_quotes(candidates, role)`: each candidate an opener or a closer as
/// `role(span, after_opener)` says (None: no quotation mark), paired as Python pairs them.
pub fn pair_double_quotes(
    candidates: impl IntoIterator<Item = (usize, usize)>,
    mut role: impl FnMut((usize, usize), bool) -> Option<bool>,
) -> Vec<QuoteMark> {
    let mut marks: Vec<QuoteMark> = Vec::new();
    for m in candidates {
        let after_opener = marks.last().is_some_and(|l| l.opener);
        let Some(opener) = role(m, after_opener) else {
            continue;
        };
        let mut paired = after_opener && !opener;
        let k = marks.len();
        if paired {
            marks[k - 1].paired = true;
        } else if !opener
            && k >= 3
            && marks[k - 3].opener
            && !marks[k - 3].paired
            && marks[k - 2].opener
            && marks[k - 2].paired
            && !marks[k - 1].opener
        {
            marks[k - 3].paired = true;
            paired = true;
        }
        marks.push(QuoteMark {
            span: m,
            opener,
            paired,
        });
    }
    marks
}

/// `_opens_direct_speech(text, m)`: after a colon in the same paragraph and before a capital.
fn opens_direct_speech(text: &[char], m: (usize, usize)) -> bool {
    if !text.get(m.1).is_some_and(|&c| char_is_upper(c)) {
        return false;
    }
    let before = &text[m.0.saturating_sub(8)..m.0];
    let said = before.len()
        - before
            .iter()
            .rev()
            .take_while(|&&c| crate::pystr::char_is_space(c))
            .count();
    said > 0
        && before[said - 1] == ':'
        && before[said..].iter().filter(|&&c| c == '\n').count() <= 1
}

/// The openers and closers of one paragraph, sorted by start (openers first at a tie).
fn double_quote_candidates(text: &[char], para: (usize, usize)) -> Vec<((usize, usize), bool)> {
    let view = &text[..para.1];
    let mut all: Vec<((usize, usize), bool)> = find_iter(view, para.0, |i| double_opener(view, i))
        .into_iter()
        .map(|m| (m, true))
        .collect();
    all.extend(
        find_iter(view, para.0, |i| double_closer(view, i))
            .into_iter()
            .map(|m| (m, false)),
    );
    all.sort_by_key(|(m, _)| m.0);
    all
}

/// `remove_unpaired_openers`: a double quote before a word that no quote closes in its
/// paragraph is a speck (not one that opens direct speech after a colon).
pub fn remove_unpaired_openers(
    text: &[char],
    style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if !style.printed {
        return Vec::new();
    }
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let candidates = double_quote_candidates(text, para);
        // the role is asked once per candidate, in order: the opener flags in the same order
        let mut roles = candidates.iter().map(|&(_, opener)| opener);
        let marks = pair_double_quotes(candidates.iter().map(|&(m, _)| m), |_, _| roles.next());
        for mark in marks {
            let m = mark.span;
            if mark.opener
                && !mark.paired
                && !inside(protected, m.0)
                && !opens_direct_speech(text, m)
            {
                out.push(
                    Edit::new(
                        m.0,
                        m.1,
                        string(text, m),
                        "",
                        QUOTE,
                        "remove_unpaired_openers",
                    )
                    .with_confidence(0.7),
                );
            }
        }
    }
    out
}

/// `_german_quote_role(text, m, after_opener)`.
fn german_quote_role(text: &[char], m: (usize, usize), after_opener: bool) -> Option<bool> {
    let (s, e) = m;
    let q = string(text, m);
    let (open, close) = (opening(text, s), closing(text, e));
    if open == close {
        return None;
    }
    if open {
        return if matches!(q.as_str(), "«" | "»" | "*" | "®" | "''") {
            None
        } else {
            Some(true)
        };
    }
    if matches!(q.as_str(), "«" | "»" | "," | ",," | "„") {
        return None;
    }
    if !after_opener
        && (matches!(q.as_str(), "*" | "®" | "''") || (s > 0 && char_is_digit(text[s - 1])))
    {
        return None;
    }
    Some(false)
}

/// `_GUILLEMET_OPENING` + a closer from `closers` + `_CLOSED_AFTER` at `i`:
/// `(?:(?<=\s)|^)»(?=\p{L})(?:[^»«„“”\"*®\n]|\n(?!\s*\n)){1,200}?(?<=[\p{L}\p{N}.,!?])(closer)
/// (?=[\s.,;:!?)\-]|$)` (multi-line). Gives the match and the closer's offset.
fn closed_guillemet(text: &[char], i: usize, closers: &str) -> Option<(usize, usize, usize)> {
    if text[i] != '»' || !after_space_or_line_start(text, i) || !is_l(text, i + 1) {
        return None;
    }
    for (q, k) in (i + 1..).zip(0..=200) {
        if k >= 1
            && (is_ln(text[q - 1]) || ".,!?".contains(text[q - 1]))
            && in_set(text, q, closers)
            && (is_s(text, q + 1) || in_set(text, q + 1, ".,;:!?)-") || line_end(text, q + 1))
        {
            return Some((i, q + 1, q));
        }
        if k == 200 {
            break;
        }
        match text.get(q) {
            Some('\n') => {
                if text[q + 1..]
                    .iter()
                    .take_while(|&&c| regex_is_space(c))
                    .any(|&c| c == '\n')
                {
                    return None;
                }
            }
            Some(&c) if !"»«„“”\"*®".contains(c) => {}
            _ => return None,
        }
    }
    None
}

/// `restore_misread_guillemets`: "»Wir* als" → "„Wir“ als" on a page that sets German quotes,
/// "»Wir« als" on one that sets guillemets.
pub fn restore_misread_guillemets(
    text: &[char],
    style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if !text.contains(&'»') || !matches!(style.quotes, Quotes::German | Quotes::Guillemets) {
        return Vec::new();
    }
    let german = style.quotes == Quotes::German;
    let closer = if german { "“" } else { "«" };
    let closers = if german { "*“”\"" } else { "*" };
    let rule = "restore_misread_guillemets";
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some((s, e, c)) = closed_guillemet(text, i, closers) else {
            i += 1;
            continue;
        };
        i = e;
        if inside(protected, s) {
            continue;
        }
        if german {
            out.push(Edit::new(s, s + 1, "»", "„", QUOTE, rule).with_confidence(0.8));
        }
        let found = text[c].to_string();
        if found != closer {
            out.push(Edit::new(c, c + 1, found, closer, QUOTE, rule).with_confidence(0.8));
        }
    }
    out
}

/// `restore_german_quotes`: openers and closers paired within each paragraph, in German form.
pub fn restore_german_quotes(
    text: &[char],
    style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if style.quotes != Quotes::German {
        return Vec::new();
    }
    let typed_straight = style.typed_german_quotes;
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let view = &text[..para.1];
        let candidates = find_iter(view, para.0, |i| quote_candidate(view, i))
            .into_iter()
            .filter(|&m| {
                !(inside(protected, m.0) || (typed_straight && text[m.0] == '"' && m.1 == m.0 + 1))
            });
        for mark in pair_double_quotes(candidates, |m, after| german_quote_role(text, m, after)) {
            let m = mark.span;
            let new = if mark.opener { "„" } else { "“" };
            let found = string(text, m);
            if found != new {
                let conf = if mark.paired { 0.95 } else { 0.75 };
                out.push(
                    Edit::new(m.0, m.1, found, new, QUOTE, "restore_german_quotes")
                        .with_confidence(conf),
                );
            }
        }
    }
    out
}

/// `straighten_quotes`: on a printed page that sets straight double quotes, a curly one unless
/// paired with another curly one.
pub fn straighten_quotes(
    text: &[char],
    style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if style.quotes != Quotes::Straight || !style.printed {
        return Vec::new();
    }
    let curly = text.iter().filter(|&&c| c == '“' || c == '”').count();
    if curly == 0 || text.iter().filter(|&&c| c == '"').count() < curly {
        return Vec::new();
    }
    let is_curly = |m: (usize, usize)| matches!(text[m.0], '“' | '”');
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let found = (para.0..para.1)
            .filter(|&i| matches!(text[i], '"' | '“' | '”'))
            .map(|i| (i, i + 1));
        let marks = pair_double_quotes(found, |m, _| Some(opening(text, m.0)));
        for (k, mark) in marks.iter().enumerate() {
            let m = mark.span;
            if !is_curly(m) || inside(protected, m.0) {
                continue;
            }
            if mark.paired {
                let partner = if mark.opener {
                    k + 1
                } else {
                    k.wrapping_sub(1)
                };
                if marks.get(partner).is_some_and(|p| is_curly(p.span)) {
                    continue;
                }
            }
            out.push(
                Edit::new(m.0, m.1, string(text, m), "\"", QUOTE, "straighten_quotes")
                    .with_confidence(0.8),
            );
        }
    }
    out
}

/// `_QUOTED_RUN` at `p`: `(?:[^,„“”\"»«*®\n]|,(?!,)|\n(?![ \t]*\n)){0,300}?(?<=[\p{L}\p{N}.,!?…])
/// [“”\"*®](?=[\s.,;:!?)\-]|$)` (multi-line), inside a lookahead: does it match?
fn quoted_run(text: &[char], p: usize) -> bool {
    for (q, k) in (p..).zip(0..=300) {
        if q > 0
            && (is_ln(text[q - 1]) || ".,!?…".contains(text[q - 1]))
            && in_set(text, q, "“”\"*®")
            && (is_s(text, q + 1) || in_set(text, q + 1, ".,;:!?)-") || line_end(text, q + 1))
        {
            return true;
        }
        if k == 300 {
            return false;
        }
        match text.get(q) {
            Some(',') => {
                if text.get(q + 1) == Some(&',') {
                    return false;
                }
            }
            Some('\n') => {
                let j = q
                    + 1
                    + text[q + 1..]
                        .iter()
                        .take_while(|&&c| c == ' ' || c == '\t')
                        .count();
                if text.get(j) == Some(&'\n') {
                    return false;
                }
            }
            Some(&c) if !"„“”\"»«*®".contains(c) => {}
            _ => return false,
        }
    }
    false
}

/// `_DETACHED_OPENER_RE` at `i`: `(?:(?<=\s)|^)(?:,,|„|(?<=:[ \t]*),|,(?=[ \t]\p{Lu}))[ \t]
/// (?=\p{L}` + `_QUOTED_RUN` + `)` (multi-line).
pub fn detached_opener(text: &[char], i: usize) -> Option<(usize, usize)> {
    if !matches!(text[i], ',' | '„') || !after_space_or_line_start(text, i) {
        return None;
    }
    // the lookahead's \p{L} is consumed there: the run (at most 300 characters) follows it
    let rest = |j: usize| -> Option<(usize, usize)> {
        (matches!(text.get(j), Some(' ' | '\t')) && is_l(text, j + 1) && quoted_run(text, j + 2))
            .then_some((i, j + 1))
    };
    if starts_with(text, i, ",,") {
        if let Some(m) = rest(i + 2) {
            return Some(m);
        }
    }
    if text[i] == '„' {
        return rest(i + 1);
    }
    if text[i] != ',' {
        return None;
    }
    let colon_before = {
        let k = text[..i]
            .iter()
            .rev()
            .take_while(|&&c| c == ' ' || c == '\t')
            .count();
        i > k && text[i - k - 1] == ':'
    };
    if colon_before {
        if let Some(m) = rest(i + 1) {
            return Some(m);
        }
    }
    if matches!(text.get(i + 1), Some(' ' | '\t'))
        && text.get(i + 2).is_some_and(|&c| regex_is_lu(c))
    {
        return rest(i + 1);
    }
    None
}

/// `_EMPTY_QUOTATION_RE` at `i`: `(?:(?<=\s)|^)(?:,,[“”\"]|„[”\"])(?=\s|[.,;:!?)]|$)` (multi-line).
fn empty_quotation(text: &[char], i: usize) -> Option<(usize, usize)> {
    if !matches!(text[i], ',' | '„') || !after_space_or_line_start(text, i) {
        return None;
    }
    let end = if starts_with(text, i, ",,") && in_set(text, i + 2, "“”\"") {
        i + 3
    } else if text[i] == '„' && in_set(text, i + 1, "”\"") {
        i + 2
    } else {
        return None;
    };
    (is_s(text, end) || in_set(text, end, ".,;:!?)") || line_end(text, end)).then_some((i, end))
}

/// `attach_detached_openers`: "sagte: , Wir … schützen“" → "sagte: „Wir … schützen“"; "ein ,,“
/// mit" → "ein „“ mit".
pub fn attach_detached_openers(
    text: &[char],
    style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if !matches!(style.quotes, Quotes::German | Quotes::Unknown) {
        return Vec::new();
    }
    let rule = "attach_detached_openers";
    let detached = find_iter(text, 0, |i| detached_opener(text, i));
    let mut out = replace_all(text, &detached, protected, |_| "„".into(), QUOTE, rule, 0.8);
    let empty = find_iter(text, 0, |i| empty_quotation(text, i));
    out.extend(replace_all(
        text,
        &empty,
        protected,
        |_| "„“".into(),
        QUOTE,
        rule,
        0.8,
    ));
    out
}

/// `_SINGLE_QUOTE_REACH`
pub const SINGLE_QUOTE_REACH: usize = 120;

/// `_OPENER_RE` at `i` of `text`: `,,|[„‚‘»]|(?<![\p{L}\p{N}])[,'](?=\p{L})`.
fn opener(text: &[char], i: usize) -> Option<(usize, usize)> {
    if !matches!(text[i], ',' | '„' | '‚' | '‘' | '»' | '\'') {
        return None;
    }
    if starts_with(text, i, ",,") {
        return Some((i, i + 2));
    }
    if "„‚‘»".contains(text[i]) {
        return Some((i, i + 1));
    }
    (matches!(text[i], ',' | '\'') && not_after_ln(text, i) && is_l(text, i + 1))
        .then_some((i, i + 1))
}

/// `openers_before(text, i)`: how many quotations may have opened shortly before `i`, in its
/// paragraph.
pub fn openers_before(text: &[char], i: usize) -> usize {
    let window = &text[i.saturating_sub(SINGLE_QUOTE_REACH)..i];
    let from = window
        .windows(2)
        .rposition(|w| w == ['\n', '\n'])
        .map_or(0, |k| k + 2);
    let before = &window[from..];
    find_iter(before, 0, |k| opener(before, k)).len()
}

/// `_GLUED_SINGLE_RE` at `i`: `(?P<glued>‘(?=[“”\"])|(?<=[“”\"])‘)|(?<=\p{Ll}\p{Ll}en)’(?=\s)`.
/// Gives whether it is the glued one.
fn glued_single(text: &[char], i: usize) -> Option<bool> {
    match text[i] {
        '‘' if in_set(text, i + 1, "“”\"") || (i > 0 && "“”\"".contains(text[i - 1])) => {
            Some(true)
        }
        '’' if i >= 4
            && regex_is_ll(text[i - 4])
            && regex_is_ll(text[i - 3])
            && text[i - 2] == 'e'
            && text[i - 1] == 'n'
            && is_s(text, i + 1) =>
        {
            Some(false)
        }
        _ => None,
    }
}

/// `remove_glued_single_quotes`: ‘ and ’ that no single quotation explains.
pub fn remove_glued_single_quotes(
    text: &[char],
    style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if !style.printed {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in 0..text.len() {
        let Some(glued) = glued_single(text, s) else {
            continue;
        };
        if inside(protected, s) || openers_before(text, s) >= if glued { 2 } else { 1 } {
            continue;
        }
        out.push(
            Edit::new(
                s,
                s + 1,
                text[s].to_string(),
                "",
                QUOTE,
                "remove_glued_single_quotes",
            )
            .with_confidence(0.8),
        );
    }
    out
}

/// `_LOW_SINGLE_REACH`
pub const LOW_SINGLE_REACH: usize = 400;

/// `text[start:start + LOW_SINGLE_REACH].partition("\n\n")[0]`
fn reach_after(text: &[char], start: usize) -> &[char] {
    let window = &text[start.min(text.len())..(start + LOW_SINGLE_REACH).min(text.len())];
    let end = window
        .windows(2)
        .position(|w| w == ['\n', '\n'])
        .unwrap_or(window.len());
    &window[..end]
}

/// `remove_unpaired_low_quotes`: a ‚ (`‚(?:(?<=(?:^|\s)‚) (?=\p{L}))?`) that no single quote
/// (`[‘’']`) closes in its paragraph is a speck.
pub fn remove_unpaired_low_quotes(
    text: &[char],
    _style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    if !text.contains(&'‚') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for i in 0..text.len() {
        if text[i] != '‚' {
            continue;
        }
        let spaced =
            (i == 0 || is_s(text, i - 1)) && text.get(i + 1) == Some(&' ') && is_l(text, i + 2);
        let end = if spaced { i + 2 } else { i + 1 };
        let after = reach_after(text, end);
        if !inside(protected, i) && !after.iter().any(|&c| "‘’'".contains(c)) {
            out.push(
                Edit::new(
                    i,
                    end,
                    string(text, (i, end)),
                    "",
                    QUOTE,
                    "remove_unpaired_low_quotes",
                )
                .with_confidence(0.8),
            );
        }
    }
    out
}

/// `_SINGLE_CLOSING_RE` searched in `text`: `(?<=[\p{L}\p{N}.,;:!?])’(?!\p{L})`.
fn single_closing(text: &[char]) -> bool {
    (1..text.len()).any(|i| {
        text[i] == '’'
            && (is_ln(text[i - 1]) || ".,;:!?".contains(text[i - 1]))
            && !is_l(text, i + 1)
    })
}

/// `_CLOSERS["'"]` searched in `text`: `(?<=[\p{L}\p{N}.,;:!?])'(?!\p{L})`.
fn straight_single_closing(text: &[char]) -> bool {
    (1..text.len()).any(|i| {
        text[i] == '\''
            && (is_ln(text[i - 1]) || ".,;:!?".contains(text[i - 1]))
            && !is_l(text, i + 1)
    })
}

/// `_STRAIGHT_SINGLE_OPENER_RE` at `i`: `(?:(?<=\s)|^)(?:'(?!(?:s|n|ne|nem|nen|ner|nes)\b)|\[)
/// (?=\p{L})` (multi-line).
fn straight_single_opener(text: &[char], i: usize) -> bool {
    if !matches!(text[i], '\'' | '[') || !after_space_or_line_start(text, i) || !is_l(text, i + 1) {
        return false;
    }
    match text[i] {
        '[' => true,
        '\'' => !["s", "n", "ne", "nem", "nen", "ner", "nes"]
            .iter()
            .any(|w| starts_with(text, i + 1, w) && boundary(text, i + 1 + w.len())),
        _ => false,
    }
}

/// `remove_stray_openers`: a ‘ before or inside a word (`(?<=\s|^|\p{L})‘(?=\p{L})`) that no ’
/// closes is a speck; on a printed page so are ' and [ before a word that nothing closes.
pub fn remove_stray_openers(
    text: &[char],
    style: &PageStyle,
    protected: &[(usize, usize)],
) -> Vec<Edit> {
    let rule = "remove_stray_openers";
    let mut out = Vec::new();
    if text.contains(&'‘') {
        for i in 0..text.len() {
            if text[i] == '‘'
                && (i == 0 || is_s(text, i - 1) || is_l(text, i - 1))
                && is_l(text, i + 1)
                && !inside(protected, i)
                && !single_closing(reach_after(text, i + 1))
            {
                out.push(Edit::new(i, i + 1, "‘", "", QUOTE, rule).with_confidence(0.8));
            }
        }
    }
    if style.printed && (text.contains(&'\'') || text.contains(&'[')) {
        for i in 0..text.len() {
            if !straight_single_opener(text, i) || inside(protected, i) {
                continue;
            }
            let after = reach_after(text, i + 1);
            let closed = if text[i] == '\'' {
                straight_single_closing(after)
            } else {
                after.contains(&']')
            };
            if !closed {
                out.push(
                    Edit::new(i, i + 1, text[i].to_string(), "", QUOTE, rule).with_confidence(0.7),
                );
            }
        }
    }
    super::common::by_start(out)
}
