//! The parts of `korrektor/german.py` the layout stage asks (what a word is, which abbreviations
//! end no sentence, which conjunctions keep one open, what a line ending a sentence ends in, what
//! is no prose: URLs, code, list items), each under its Python name, matched by hand on a line's
//! characters (code points, as Python counts them). The stages share these facts: where another
//! stage's port has the same functions, the two are one module's.

use crate::pystr;

/// `CONJUNCTIONS`: before them a line-end hyphen suspends a compound; after them no sentence ends.
pub const CONJUNCTIONS: [&str; 9] = [
    "und",
    "oder",
    "bzw",
    "sowie",
    "bis",
    "noch",
    "als",
    "wie",
    "beziehungsweise",
];

/// `LINE_END_OF_SENTENCE`: what a line that ends a sentence ends in.
pub const LINE_END_OF_SENTENCE: [char; 11] =
    ['.', '!', '?', ':', '…', '"', '“', '”', '«', '»', ')'];

/// `ABBREV` folded, and the longer abbreviations of legal and bibliographic prose
/// (`_ABBREVIATIONS_FOLDED`).
pub const ABBREVIATIONS_FOLDED: [&str; 50] = [
    "abs", "art", "bd", "bspw", "bzw", "ca", "dr", "evtl", "f", "ff", "gem", "ggf", "hr", "hrn",
    "inkl", "jh", "kap", "lt", "mio", "mrd", "nr", "prof", "s", "sog", "st", "std", "tsd", "u",
    "usw", "vgl", "z", "zb", "zz", "zzgl", "insb", "bzgl", "dipl", "ziff", "hrsg", "abschn", "anm",
    "nachf", "verf", "aufl", "bearb", "anl", "stellv", "vors", "gegr", "jhdt",
];

/// The patterns matched by hand here: `(name, pattern)`, compared with `korrektor.german`'s at
/// import.
pub const PATTERNS: [(&str, &str); 5] = [
    ("WORD", r"[^\W\d_]+(?:[-'’][^\W\d_]+)*"),
    ("URL_LINE_RE", r"(?:https?://|www\.|[\w.+-]+@[\w-]+\.)\S*"),
    ("_LIST_ITEM_RE", r"(?:[-•*–·▪◦]|\d{1,3}[.)]|[a-zA-Z][)])\s"),
    ("_BLOCK_END_RE", r"\)\s*:$"),
    (
        "_KEYWORD_RE",
        r"(?:def|class|return|import|from|if|for|while|#include|function|var|let|const|public|private)\b",
    ),
];

/// `_CODE_SIGN_RE`'s pattern (`=|\w\(`), compared at import too.
pub const CODE_SIGN: &str = r"=|\w\(";

const KEYWORDS: [&str; 15] = [
    "def", "class", "return", "import", "from", "if", "for", "while", "#include", "function",
    "var", "let", "const", "public", "private",
];

/// `[^\W\d_]`: a letter of a word as the corpus statistics count it.
#[inline]
pub fn word_char(c: char) -> bool {
    pystr::regex_is_word(c) && !pystr::regex_is_digit(c) && c != '_'
}

/// `WORD` matched at `at`: the end of the word, or None. (`[^\W\d_]+(?:[-'’][^\W\d_]+)*`: the
/// separators are no letters, so the greedy match is the only one.)
pub fn word_at(s: &[char], at: usize) -> Option<usize> {
    let run = |mut i: usize| {
        while s.get(i).is_some_and(|&c| word_char(c)) {
            i += 1;
        }
        i
    };
    let mut end = run(at);
    if end == at {
        return None;
    }
    while s.get(end).is_some_and(|&c| matches!(c, '-' | '\'' | '’')) {
        let next = run(end + 1);
        if next == end + 1 {
            break;
        }
        end = next;
    }
    Some(end)
}

/// `WORD_RE.fullmatch(s)`.
pub fn word_fullmatch(s: &[char]) -> bool {
    word_at(s, 0) == Some(s.len())
}

/// `is_abbreviation(word)`: is `word` (without its full stop) an abbreviation?
pub fn is_abbreviation(word: &[char]) -> bool {
    let low = pystr::lower(&word.iter().collect::<String>());
    ABBREVIATIONS_FOLDED.contains(&low.as_str())
}

/// `_LIST_ITEM_RE.match(line)`: a bullet, "1.", "12)" or "a)", then white space.
pub fn is_list_item(line: &[char]) -> bool {
    let space = |i: usize| line.get(i).is_some_and(|&c| pystr::regex_is_space(c));
    let Some(&first) = line.first() else {
        return false;
    };
    if matches!(first, '-' | '•' | '*' | '–' | '·' | '▪' | '◦') && space(1) {
        return true;
    }
    // \d{1,3}[.)]: the greedy count backs off onto a digit, which is no mark
    let digits = line
        .iter()
        .take_while(|&&c| pystr::regex_is_digit(c))
        .count();
    if (1..=3).contains(&digits) && matches!(line.get(digits), Some('.' | ')')) && space(digits + 1)
    {
        return true;
    }
    first.is_ascii_alphabetic() && line.get(1) == Some(&')') && space(2)
}

/// `looks_like_code(text)` of a stripped line.
pub fn looks_like_code(text: &[char]) -> bool {
    let last = text.last().copied();
    if matches!(last, Some('{' | '}')) || block_end(text) {
        return true;
    }
    if last == Some(';') && code_sign(text) {
        return true;
    }
    keyword_at_start(text) && matches!(last, Some(':' | '(' | '{' | '=' | ';'))
}

/// `_BLOCK_END_RE.search(text)` (`\)\s*:$`) of a line (no newline in it).
fn block_end(text: &[char]) -> bool {
    let Some((&':', rest)) = text.split_last() else {
        return false;
    };
    let mut i = rest.len();
    while i > 0 && pystr::regex_is_space(rest[i - 1]) {
        i -= 1;
    }
    i > 0 && rest[i - 1] == ')'
}

/// `_CODE_SIGN_RE.search(text)` (`=|\w\(`).
fn code_sign(text: &[char]) -> bool {
    text.contains(&'=')
        || text
            .windows(2)
            .any(|w| w[1] == '(' && pystr::regex_is_word(w[0]))
}

/// `_KEYWORD_RE.match(text)`: a keyword, then a word boundary (each keyword ends in a word
/// character: the next one is none, or the line ends).
fn keyword_at_start(text: &[char]) -> bool {
    KEYWORDS.iter().any(|k| {
        let n = k.chars().count();
        text.len() >= n
            && text.iter().zip(k.chars()).all(|(&a, b)| a == b)
            && text.get(n).is_none_or(|&c| !pystr::regex_is_word(c))
    })
}

/// `URL_LINE_RE.match(line)` reaching the line's end (`_is_url_line`): a scheme, "www." or the
/// start of an e-mail address (case-insensitive), then no white space up to the end.
pub fn is_url_line(line: &[char]) -> bool {
    // (?i): "ſ" is an "s" to the regex module's case folding
    let is = |i: usize, want: char| {
        line.get(i).is_some_and(|&c| {
            (c.is_ascii() && c.to_ascii_lowercase() == want) || (want == 's' && c == 'ſ')
        })
    };
    let lit = |at: usize, s: &str| s.chars().enumerate().all(|(k, w)| is(at + k, w));
    let scheme = lit(0, "http") && (lit(4, "://") || lit(4, "s://"));
    let prefix = scheme || lit(0, "www.") || mail_start(line);
    prefix && !line.iter().any(|&c| pystr::regex_is_space(c))
}

/// `[\w.+-]+@[\w-]+\.` at the line's start (each run greedy; the next sign is none of its own).
fn mail_start(line: &[char]) -> bool {
    let local = line
        .iter()
        .take_while(|&&c| pystr::regex_is_word(c) || matches!(c, '.' | '+' | '-'))
        .count();
    if local == 0 || line.get(local) != Some(&'@') {
        return false;
    }
    let domain = line[local + 1..]
        .iter()
        .take_while(|&&c| pystr::regex_is_word(c) || c == '-')
        .count();
    domain > 0 && line.get(local + 1 + domain) == Some(&'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn words_items_code_urls() {
        assert_eq!(word_at(&c("All-in-one x"), 0), Some(10));
        assert_eq!(word_at(&c("ab-"), 0), Some(2));
        assert!(word_fullmatch(&c("geht’s")) && !word_fullmatch(&c("a1")));
        assert!(
            is_list_item(&c("1. Begrüßung")) && is_list_item(&c("- x")) && is_list_item(&c("a) b"))
        );
        assert!(!is_list_item(&c("1234. x")) && !is_list_item(&c("-x")));
        assert!(looks_like_code(&c("x = f(y);")) && looks_like_code(&c("if (a) :")));
        assert!(looks_like_code(&c("def f(x):")) && !looks_like_code(&c("definiert:")));
        assert!(is_url_line(&c("HTTPS://x.de/a")) && is_url_line(&c("name@example.")));
        assert!(!is_url_line(&c("www.x.de und")) && !is_url_line(&c("@x.de")));
        assert!(is_abbreviation(&c("Abs")) && !is_abbreviation(&c("Haus")));
    }
}
