//! The words stage's tokenizer (`korrektor/stages/words/tokens.py`: `tokenize`, `_shape`,
//! `is_protected`, `_elided`), with Python's answers exactly: the same tokens, at the same
//! code-point offsets, with the same flags.
//!
//! The Python code matches its chunks and tokens with the `regex` module; the patterns are
//! matched here by hand (each is a few fixed tests), with the module's classes: `\s` is its
//! White_Space (not `str.isspace`: the separators U+001C..U+001F are no space to it) and
//! `\p{Ll}`, `\p{Lu}` follow its Unicode version ([`pystr::regex_is_space`] ...), `$` matches
//! at the end or before a final newline, `re.I` folds only ASCII letters for these patterns
//! (no other character folds to one of their letters). The str methods (`isalpha`, `isupper`,
//! `isdigit`) are CPython 3.11's ([`pystr`]). [`PATTERNS`] names the patterns implemented: the
//! Python side uses the core only where its own patterns are these.
//!
//! What is German knowledge in Python (the abbreviations left alone, the sentence marks, the
//! unit letters, the ligatures the unicode stage expands, the punctuation around a core) is
//! passed in as [`Tables`], not copied.
//!
//! Offsets are counted in code points while the text is walked; where only their order
//! matters (the last token before a paragraph break) byte offsets are compared.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use crate::forms::Forms;
use crate::glyphs::sz_reading;
use crate::pystr;
use crate::umlauts::is_known;

/// The `regex` patterns (pattern, whether `regex.I`) implemented here, for the Python side to
/// compare with its own: `_CHUNK_RE`, `_PROTECTED_RE`, `_BINNEN_I_RE`, `_DIGIT_FOR_LETTER_RE`,
/// `_PARAGRAPH_BREAK_RE`, and `glyphs._SZ_GLYPHS_RE`, `glyphs._CAPITAL_I_FOR_L_RE`.
pub const PATTERNS: [(&str, &str, bool); 7] = [
    ("chunk", r"\S+", false),
    (
        "protected",
        r"@|://|^www\.|\.(?:de|com|org|net|eu)$|[<>{}\\/=_#|$%^~]",
        true,
    ),
    ("binnen_i", r"\p{Lu}?\p{Ll}{2,}In(?:nen)?", false),
    ("digit_for_letter", r"[0-9]\p{Ll}{1,3}", false),
    ("paragraph_break", r"\n[ \t]*\n", false),
    (
        "sz_glyphs",
        r"(?<=\p{Ll})(?:f?[&8®%$@§]{1,2}[BS]?|B[&8®%$@§])(?=\p{Ll}|$)",
        false,
    ),
    ("capital_i_for_l", r"(?<=\p{Ll})I|I(?=\p{Ll})", false),
];

/// The German knowledge and constants the tokenizer takes from Python.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    /// `_LEAD`: punctuation that may stand before a word
    pub lead: Vec<char>,
    /// `_TRAIL`: punctuation that may stand after a word
    pub trail: Vec<char>,
    /// `german.ABBREVIATIONS_LEFT_ALONE`
    pub abbreviations: HashSet<String>,
    /// `german.SENTENCE_MARKS` (its one-character members: a longer one is never a character
    /// of the trail)
    pub sentence_marks: Vec<char>,
    /// `german.UNIT_LETTERS`
    pub unit_letters: HashSet<String>,
    /// `stages.unicode.LIGATURES`: ligature → its letters
    pub ligatures: Vec<(char, String)>,
    /// `LEFT_ALONE.max_token_length`
    pub max_token_length: usize,
}

/// What `tokenize` learns about a chunk of text between spaces (`_shape`'s tuple).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape<'a> {
    /// the code points of punctuation before the core
    pub lead: usize,
    pub core: &'a str,
    pub sentence_end: bool,
    pub known: bool,
    pub protected: bool,
    pub acronym: bool,
    pub lower_noun: bool,
}

/// A token of [`tokenize`]: the core at `start..end` (code points) and its shape's flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub shape: Shape<'a>,
}

/// `tokenize(text, lexicon)`: the tokens, and the indices of those a paragraph break follows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens<'a> {
    pub tokens: Vec<Token<'a>>,
    pub paragraph_ends: Vec<usize>,
}

/// How many chunks a [`ShapeCache`] holds before it is emptied (`_SHAPE_CACHE_MAX`).
pub const SHAPE_CACHE_MAX: usize = 300_000;
/// The longest chunk (code points) a [`ShapeCache`] keeps: a longer one is garbage or a URL,
/// rare (`_SHAPE_CACHE_MAX_CHUNK`).
pub const SHAPE_CACHE_MAX_CHUNK: usize = 80;

/// A shape as kept for its chunk: the core as a byte range of the chunk.
#[derive(Debug, Clone, Copy)]
struct Kept {
    lead: usize,
    core: (usize, usize),
    sentence_end: bool,
    known: bool,
    protected: bool,
    acronym: bool,
    lower_noun: bool,
}

impl Kept {
    fn of(chunk: &str, s: &Shape<'_>) -> Kept {
        let start = s.core.as_ptr() as usize - chunk.as_ptr() as usize;
        Kept {
            lead: s.lead,
            core: (start, start + s.core.len()),
            sentence_end: s.sentence_end,
            known: s.known,
            protected: s.protected,
            acronym: s.acronym,
            lower_noun: s.lower_noun,
        }
    }

    fn shape<'a>(&self, chunk: &'a str) -> Option<Shape<'a>> {
        Some(Shape {
            lead: self.lead,
            core: chunk.get(self.core.0..self.core.1)?,
            sentence_end: self.sentence_end,
            known: self.known,
            protected: self.protected,
            acronym: self.acronym,
            lower_noun: self.lower_noun,
        })
    }
}

/// What [`tokenize`] learnt about each distinct chunk, for one lexicon (`_SHAPE_CACHE`): texts
/// repeat their words, so each is looked at once (a shape asks the lexicon two to four times,
/// each a likely cache miss in the mapped table). Bounded: emptied when full.
#[derive(Debug, Default)]
pub struct ShapeCache(Mutex<HashMap<Box<str>, Option<Kept>>>);

impl ShapeCache {
    pub fn new() -> ShapeCache {
        ShapeCache::default()
    }

    pub fn len(&self) -> usize {
        self.0
            .lock()
            .map_or_else(|e| e.into_inner().len(), |m| m.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `regex`'s `$` (no MULTILINE): `s` with an optional final newline taken off, the places a
/// pattern ending in `$` may end.
fn ends(s: &str) -> [&str; 2] {
    [s, s.strip_suffix('\n').unwrap_or(s)]
}

/// `_PROTECTED_RE.search(core)` (with `regex.I`): a URL, an e-mail address, code characters.
fn protected_re(core: &str) -> bool {
    if core.contains('@') || core.contains("://") {
        return true;
    }
    if core
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("www."))
    {
        return true;
    }
    let domain = |s: &str| {
        [".de", ".com", ".org", ".net", ".eu"].iter().any(|d| {
            s.len()
                .checked_sub(d.len())
                .and_then(|i| s.get(i..))
                .is_some_and(|tail| tail.eq_ignore_ascii_case(d))
        })
    };
    if ends(core).iter().any(|s| domain(s)) {
        return true;
    }
    core.chars().any(|c| {
        matches!(
            c,
            '<' | '>' | '{' | '}' | '\\' | '/' | '=' | '_' | '#' | '|' | '$' | '%' | '^' | '~'
        )
    })
}

/// `_DIGIT_FOR_LETTER_RE.fullmatch(core)`: an ASCII digit before one to three lower-case
/// letters; the letters (`core[1:]`) where it matches.
fn digit_for_letter(core: &str) -> Option<&str> {
    let rest = core.strip_prefix(|c: char| c.is_ascii_digit())?;
    let n = rest.chars().count();
    ((1..=3).contains(&n) && rest.chars().all(pystr::regex_is_ll)).then_some(rest)
}

/// `_BINNEN_I_RE.fullmatch(core)`: a gender form with a capital I inside ("LehrerInnen",
/// "DemonstrantIn"). No backtracking changes the answer: `I` is no `\p{Ll}`, so the run of
/// lower-case letters ends where the `In` must start, and an upper-case first letter can only
/// be the optional `\p{Lu}`.
fn binnen_i(core: &str) -> bool {
    let mut rest = core;
    if let Some(c) = rest.chars().next() {
        if pystr::regex_is_lu(c) {
            rest = &rest[c.len_utf8()..];
        }
    }
    let run: usize = rest
        .chars()
        .take_while(|&c| pystr::regex_is_ll(c))
        .map(char::len_utf8)
        .sum();
    if rest.get(..run).map_or(0, |r| r.chars().count()) < 2 {
        return false;
    }
    matches!(rest.get(run..), Some("In" | "Innen"))
}

/// `tokens.is_protected(core)`: a token left alone as no damaged German word (too long to be
/// one, a URL or code, an acronym, a number or a model name), but not a digit read for a letter
/// ("2u": "zu").
pub fn is_protected(tables: &Tables, core: &str) -> bool {
    if pystr::len(core) > tables.max_token_length {
        return true;
    }
    if digit_for_letter(core).is_some_and(|rest| !tables.unit_letters.contains(rest)) {
        return false;
    }
    let letters = core.chars().filter(|&c| pystr::char_is_alpha(c)).count();
    if letters < 2 || protected_re(core) {
        return true;
    }
    if pystr::is_upper(core) {
        return true;
    }
    let digits = core.chars().filter(|&c| pystr::char_is_digit(c)).count();
    digits > 0 && (digits > 2 || letters < 3)
}

/// `_elided(word)`: a word whose final e an apostrophe stands for ("kenn’").
fn elided(forms: &Forms, word: &str) -> bool {
    pystr::is_alpha(word) && forms.count(&format!("{word}e")) > 0
}

/// `core.translate(_LIGATURE_LETTERS)`, `None` where no ligature is in it.
fn ligature_letters(tables: &Tables, core: &str) -> Option<String> {
    let find = |c: char| tables.ligatures.iter().find(|(l, _)| *l == c);
    if !core.chars().any(|c| find(c).is_some()) {
        return None;
    }
    let mut out = String::with_capacity(core.len() + 4);
    for c in core.chars() {
        match find(c) {
            Some((_, letters)) => out.push_str(letters),
            None => out.push(c),
        }
    }
    Some(out)
}

/// `_shape(chunk, lexicon)`: the chunk's core and what is known about it; `None`: no core (the
/// chunk is punctuation only).
pub fn shape<'a>(forms: &Forms, tables: &Tables, chunk: &'a str) -> Option<Shape<'a>> {
    let stripped = chunk.trim_start_matches(|c: char| tables.lead.contains(&c));
    let lead = pystr::len(chunk.get(..chunk.len() - stripped.len()).unwrap_or(""));
    let core = stripped.trim_end_matches(|c: char| tables.trail.contains(&c));
    if core.is_empty() {
        return None;
    }
    let trail = stripped.get(core.len()..).unwrap_or("");
    let first_trail = trail.chars().next();
    let (protected, known) = if first_trail == Some('.') && tables.abbreviations.contains(core) {
        (true, true) // "Fr. Müller": an abbreviation, not a misread "Er"
    } else if forms.count(core) > 0 && pystr::is_alpha(core) && !pystr::is_upper(core) {
        (false, true) // the common case, decided with one lookup
    } else if (matches!(first_trail, Some('\'' | '\u{2019}')) && elided(forms, core))
        || (binnen_i(core) && is_known(forms, &core.replace('I', "i")))
        || ligature_letters(tables, core).is_some_and(|letters| is_known(forms, &letters))
    {
        // "kenn’", "würd’": spoken German, not damage; "DemonstrantInnen": a gender form, not a
        // misread i; "oﬀen" where the ligatures are kept: a word, not "oben"
        (true, true)
    } else {
        // a ß read as a symbol makes a word look like code ("heif$t"): not if it reads as a word
        let protected = is_protected(tables, core) && sz_reading(core).is_none();
        (protected, !protected && is_known(forms, core))
    };
    // an acronym may still lose an umlaut ("OPNV"); a token too long to be a word stays protected
    let acronym = protected
        && pystr::len(core) <= tables.max_token_length
        && pystr::is_upper(core)
        && pystr::is_alpha(core)
        && forms.count(core) == 0;
    let sentence_end = trail.chars().any(|c| tables.sentence_marks.contains(&c));
    let lower_noun = known && forms.noun_in_lower_case(core);
    Some(Shape {
        lead,
        core,
        sentence_end,
        known,
        protected: protected && !acronym,
        acronym,
        lower_noun,
    })
}

/// The chunks of `text` between spaces (`\S+`): (code-point offset, chunk).
fn chunks(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (byte, code point) of the chunk being read
    for (cp, (i, c)) in text.char_indices().enumerate() {
        if pystr::regex_is_space(c) {
            if let Some((b, at)) = start.take() {
                out.push((at, text.get(b..i).unwrap_or("")));
            }
        } else if start.is_none() {
            start = Some((i, cp));
        }
    }
    if let Some((b, at)) = start {
        out.push((at, text.get(b..).unwrap_or("")));
    }
    out
}

/// The byte offsets where `\n[ \t]*\n` matches, left to right, not overlapping.
fn paragraph_breaks(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) == Some(&b'\n') {
            let mut j = i + 1;
            while matches!(bytes.get(j), Some(b' ' | b'\t')) {
                j += 1;
            }
            if bytes.get(j) == Some(&b'\n') {
                out.push(i);
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// `tokenize(text, lexicon)`: the tokens of the text (the shape of each chunk between spaces
/// that has a core) and the tokens a paragraph break follows (`\n[ \t]*\n`: the last token
/// ending before the break's start). `cache`: the lexicon's shapes of chunks seen before.
pub fn tokenize<'a>(
    forms: &Forms,
    tables: &Tables,
    cache: Option<&ShapeCache>,
    text: &'a str,
) -> Tokens<'a> {
    // held for the whole text: one lock, not one a chunk (a poisoned lock's map is still whole:
    // an insert or a clear is all a holder does)
    let mut kept = cache.map(|c| c.0.lock().unwrap_or_else(|e| e.into_inner()));
    let mut tokens = Vec::new();
    let mut end_bytes = Vec::new(); // each token's end, in bytes of `text`
    for (at, chunk) in chunks(text) {
        let found = match kept.as_deref_mut() {
            None => shape(forms, tables, chunk),
            Some(map) => match map.get(chunk) {
                Some(k) => k.and_then(|k| k.shape(chunk)),
                None => {
                    let s = shape(forms, tables, chunk);
                    if pystr::len(chunk) <= SHAPE_CACHE_MAX_CHUNK {
                        if map.len() >= SHAPE_CACHE_MAX {
                            map.clear();
                        }
                        map.insert(chunk.into(), s.as_ref().map(|s| Kept::of(chunk, s)));
                    }
                    s
                }
            },
        };
        if let Some(shape) = found {
            let start = at + shape.lead;
            tokens.push(Token {
                start,
                end: start + pystr::len(shape.core),
                shape,
            });
            // the core is a slice of `text`: its end in bytes
            let offset = shape.core.as_ptr() as usize - text.as_ptr() as usize;
            end_bytes.push(offset + shape.core.len());
        }
    }
    let mut paragraph_ends = Vec::new();
    if text.contains('\n') {
        for b in paragraph_breaks(text) {
            // the last token before the break (bisect_right(ends, start) - 1)
            let k = end_bytes.partition_point(|&e| e <= b);
            if k > 0 {
                paragraph_ends.push(k - 1);
            }
        }
    }
    Tokens {
        tokens,
        paragraph_ends,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Tables {
        Tables {
            lead: "\"'„“”‚‘’»«›‹([{*¿¡".chars().collect(),
            trail: "\"'„“”‚‘’»«›‹)]}.,;:!?…*".chars().collect(),
            abbreviations: ["Fr", "Dr"].iter().map(|s| s.to_string()).collect(),
            sentence_marks: vec!['.', '!', '?'],
            unit_letters: ["m", "kg", "er"].iter().map(|s| s.to_string()).collect(),
            ligatures: vec![('\u{fb00}', "ff".to_owned())],
            max_token_length: 64,
        }
    }

    #[test]
    fn protected() {
        let t = tables();
        for (core, want) in [
            ("http://x", true),
            ("WWW.abc", true),
            ("abc.DE", true),
            ("abc.de\n", true),
            ("a_b", true),
            ("NATO", true),
            ("A380", true),
            ("5G", true),
            ("2u", false),
            ("2kg", true),
            ("3er", true),
            ("Haus", false),
            ("Haus2", false),
            ("x", true),
            ("2²³", true),
            ("Straße", false),
        ] {
            assert_eq!(is_protected(&t, core), want, "{core:?}");
        }
        assert!(is_protected(&t, &"a".repeat(65)));
    }

    #[test]
    fn patterns() {
        assert!(binnen_i("LehrerInnen") && binnen_i("DemonstrantIn") && binnen_i("abIn"));
        assert!(!binnen_i("aIn") && !binnen_i("LehrerInne") && !binnen_i("LehrerIn."));
        assert!(!binnen_i("ABcIn") && binnen_i("ÄbcInnen"));
        assert_eq!(digit_for_letter("2ur"), Some("ur"));
        assert_eq!(digit_for_letter("2urrr"), None);
        assert_eq!(digit_for_letter("2"), None);
        assert_eq!(digit_for_letter("²u"), None);
        assert_eq!(paragraph_breaks("a\n\nb\n \t\nc\n\n\n"), vec![1, 4, 9]);
        let text = "a\u{1c}b  \u{a0}c\td𝔞 e";
        let got: Vec<(usize, &str)> = chunks(text);
        assert_eq!(got, vec![(0, "a\u{1c}b"), (6, "c"), (8, "d𝔞"), (11, "e")]);
    }

    #[test]
    fn offsets_and_the_cache() {
        // the packaged language data, where the crate sits in korrektor's tree
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        let Ok(forms) = Forms::load(&dir, true) else {
            return;
        };
        let t = tables();
        let text = "𝔄𝔟 „Haus“. Fr. Müller\n \n(oﬀen) 2u\u{1c}x www.abc.de\n\nEnde";
        let plain = tokenize(&forms, &t, None, text);
        let cores: Vec<(usize, usize, &str)> = plain
            .tokens
            .iter()
            .map(|t| (t.start, t.end, t.shape.core))
            .collect();
        assert_eq!(
            cores,
            [
                (0, 2, "𝔄𝔟"),
                (4, 8, "Haus"),
                (11, 13, "Fr"),
                (15, 21, "Müller"),
                (25, 29, "oﬀen"),
                (31, 35, "2u\u{1c}x"),
                (36, 46, "www.abc.de"),
                (48, 52, "Ende")
            ]
        );
        assert_eq!(plain.paragraph_ends, [3, 6]);
        assert!(plain
            .tokens
            .iter()
            .any(|t| t.shape.core == "Haus" && t.shape.sentence_end));
        let cache = ShapeCache::new();
        for _ in 0..2 {
            assert_eq!(tokenize(&forms, &t, Some(&cache), text), plain);
        }
        assert_eq!(cache.len(), 8);
    }
}
