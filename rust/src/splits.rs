//! Two words glued into one token (`korrektor/stages/words/splits.py`: `splits`, `lost_hyphen`,
//! `_speck_between`), with Python's answers exactly: the same splits in the same order, with the
//! same f64 sums and the same rule names.
//!
//! The Python module matches three patterns of the `regex` module (`_GLUED_MARK_RE`,
//! `_GLUED_STOP_RE`, `_LOST_HYPHEN_RE`) with `fullmatch`. Each is a letter class run, then marks
//! that are no letters, then a run to the token's end, so a match has one way only to fall into
//! its groups: they are found here by hand, walking the token's code points. Their classes
//! (`\p{L}`, `\p{Lu}`, `\p{Ll}`) are the `regex` module's own: it carries newer Unicode tables
//! than CPython 3.11's `str.isalpha` (some 14 000 code points differ), so they come from the
//! module itself ([`pystr::regex_is_letter`] ..., `scripts/gen_pystr_tables.py`). The string
//! methods (`isupper`, `islower`, `isalpha`, `lower`, `len`) are CPython 3.11's ([`pystr`]).
//!
//! The punctuation statistics the splits read (`korrektor.marks.default_mark_stats()`: the
//! words that start sentences, those no sentence ends with) are data given by the caller
//! ([`MarkSets`]); the lexicon questions (`count`, `known`) are [`Forms`]' answers.

use std::collections::HashSet;

use crate::forms::Forms;
use crate::pystr;
use crate::umlauts::is_known;

/// `SPLITS.cost`: `math.log(0.002)`
pub const COST: f64 = -6.214608098422191;
/// `SPLITS.min_part_count`
pub const MIN_PART_COUNT: u64 = 50;
/// `SPLITS.min_function_word_count`
pub const MIN_FUNCTION_WORD_COUNT: u64 = 1000;
/// `SPLITS.glued_mark_cost`: `math.log(0.05)`
pub const GLUED_MARK_COST: f64 = -2.995732273553991;
/// `SPLITS.lost_hyphen_cost`: `math.log(0.1)`
pub const LOST_HYPHEN_COST: f64 = -2.3025850929940455;

/// The splits' rules (`SPLIT_GLUED_WORDS` ... in Python): "inder" → "in der"
pub const SPLIT_GLUED_WORDS: &str = "split_glued_words";
/// "Reihe-verschiedener" → "Reihe verschiedener"
pub const SPLIT_AT_HYPHEN: &str = "split_at_hyphen";
/// "nicht.schlecht" → "nicht schlecht"
pub const SPLIT_AT_SPECK: &str = "split_at_speck";
/// "dazu.-Es" → "dazu. Es"
pub const SPLIT_GLUED_SENTENCES: &str = "split_glued_sentences";

/// The `regex` patterns the splits match by hand ([`glued_mark`], [`glued_stop`],
/// [`lost_hyphen_parts`]), by their names in Python: the Python side checks that they are its own.
pub const PATTERNS: [(&str, &str); 3] = [
    ("_GLUED_MARK_RE", r"(\p{L}{2,})([.,'’‘:;-]{1,2})(\p{L}{2,})"),
    (
        "_GLUED_STOP_RE",
        r"(\p{L}{2,})([.!?])[-'’‘.,_~](\p{Lu}\p{Ll}+)",
    ),
    (
        "_LOST_HYPHEN_RE",
        r"(\p{Lu}{2,}|\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}{6,})",
    ),
];

/// `_GLUED_MARK_RE`'s marks: `[.,'’‘:;-]`
const GLUED_MARKS: &[char] = &['.', ',', '\'', '\u{2019}', '\u{2018}', ':', ';', '-'];
/// `_GLUED_STOP_RE`'s end of a sentence, `[.!?]`, and the speck after it, `[-'’‘.,_~]`
const STOPS: &[char] = &['.', '!', '?'];
const STOP_SPECKS: &[char] = &['-', '\'', '\u{2019}', '\u{2018}', '.', ',', '_', '~'];
/// `_GENDER_SUFFIXES`
const GENDER_SUFFIXES: &[&str] = &["in", "innen"];

/// The punctuation statistics the splits read (`default_mark_stats()`'s sets).
#[derive(Debug, Clone, Copy)]
pub struct MarkSets<'a> {
    /// `sentence_starts`: words the corpus writes with a capital only at a sentence start
    pub sentence_starts: &'a HashSet<String>,
    /// `no_sentence_end_after`: words no sentence ends with ("von")
    pub no_sentence_end_after: &'a HashSet<String>,
}

/// `\p{L}` as the `regex` module matches it
fn is_letter(c: char) -> bool {
    pystr::regex_is_letter(c)
}

/// `\p{Lu}`
fn is_upper_letter(c: char) -> bool {
    pystr::regex_is_lu(c)
}

/// `\p{Ll}`
fn is_lower_letter(c: char) -> bool {
    pystr::regex_is_ll(c)
}

/// The byte offset after the longest run of `s`'s first characters that `class` takes, and the
/// run's length in characters.
fn run(s: &str, class: impl Fn(char) -> bool) -> (usize, usize) {
    let mut n = 0;
    for (i, c) in s.char_indices() {
        if !class(c) {
            return (i, n);
        }
        n += 1;
    }
    (s.len(), n)
}

/// `s` is `\p{L}{2,}` throughout
fn letters(s: &str) -> bool {
    let (end, n) = run(s, is_letter);
    end == s.len() && n >= 2
}

/// `_GLUED_MARK_RE.fullmatch(core)`: `(\p{L}{2,})([.,'’‘:;-]{1,2})(\p{L}{2,})`'s groups. The
/// marks are no letters: the first group is the token's leading letters, the marks what
/// follows up to the next letter.
fn glued_mark(core: &str) -> Option<(&str, &str, &str)> {
    let (a_end, a_n) = run(core, is_letter);
    if a_n < 2 {
        return None;
    }
    let rest = core.get(a_end..)?;
    let (m_end, m_n) = run(rest, |c| GLUED_MARKS.contains(&c));
    if !(1..=2).contains(&m_n) {
        return None;
    }
    let (marks, b) = (rest.get(..m_end)?, rest.get(m_end..)?);
    letters(b).then(|| (core.get(..a_end).unwrap_or(""), marks, b))
}

/// `_GLUED_STOP_RE.fullmatch(core)`: `(\p{L}{2,})([.!?])[-'’‘.,_~](\p{Lu}\p{Ll}+)`'s groups.
fn glued_stop(core: &str) -> Option<(&str, &str, &str)> {
    let (a_end, a_n) = run(core, is_letter);
    if a_n < 2 {
        return None;
    }
    let rest = core.get(a_end..)?;
    let mut chars = rest.chars();
    let stop = chars.next().filter(|c| STOPS.contains(c))?;
    let speck = chars.next().filter(|c| STOP_SPECKS.contains(c))?;
    let stop_end = stop.len_utf8();
    let b = rest.get(stop_end + speck.len_utf8()..)?;
    let (first, tail) = pystr::split_first(b);
    let capital = first.chars().next().is_some_and(is_upper_letter);
    let (end, n) = run(tail, is_lower_letter);
    (capital && n >= 1 && end == tail.len()).then(|| {
        (
            core.get(..a_end).unwrap_or(""),
            rest.get(..stop_end).unwrap_or(""),
            b,
        )
    })
}

/// `_LOST_HYPHEN_RE.fullmatch(core)`: `(\p{Lu}{2,}|\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}{6,})`'s groups.
/// The second group runs to the token's end, its lower-case letters too: it starts at the
/// capital before the token's last run of lower-case letters (no capital is lower-case).
fn lost_hyphen_parts(core: &str) -> Option<(&str, &str)> {
    // the token's last run of lower-case letters
    let mut start = core.len();
    let mut n = 0;
    for (i, c) in core.char_indices().rev() {
        if !is_lower_letter(c) {
            break;
        }
        start = i;
        n += 1;
    }
    let before = core.get(..start)?;
    let capital = before.chars().next_back()?;
    if n < 6 || !is_upper_letter(capital) {
        return None;
    }
    let first = before.get(..before.len() - capital.len_utf8())?;
    let head = core.get(first.len()..)?;
    let (caps_end, caps) = run(first, is_upper_letter);
    let all_caps = caps_end == first.len() && caps >= 2;
    let word = {
        let (c, tail) = pystr::split_first(first);
        let (end, lows) = run(tail, is_lower_letter);
        c.chars().next().is_some_and(is_upper_letter) && end == tail.len() && lows >= 2
    };
    (all_caps || word).then_some((first, head))
}

/// `_speck_between(a, marks, b)`: can `marks` glued between the words `a` and `b` be a speck?
/// Not a lone hyphen (a compound's); before a capital not a full stop unless no sentence ends
/// with `a`; not a colon before a gender suffix ("Schüler:innen").
fn speck_between(a: &str, marks: &str, b: &str, stats: MarkSets<'_>) -> bool {
    if marks == "-" {
        return false;
    }
    let (first, tail) = pystr::split_first(b);
    if pystr::is_upper(first) {
        return pystr::is_lower(tail)
            && (!marks.contains('.') || stats.no_sentence_end_after.contains(a));
    }
    pystr::is_lower(b) && !(marks == ":" && GENDER_SUFFIXES.contains(&b))
}

/// `splits(d, core, identity)`: two words that lost the space between them ("inder"), had it
/// read as a hyphen ("Reihe-verschiedener") or as a speck of punctuation ("nicht.schlecht"),
/// or two sentences glued by a speck ("dazu.-Es"): the words, their channel scores and the
/// rule's name, in Python's order.
pub fn splits(
    forms: &Forms,
    core: &str,
    identity: f64,
    stats: MarkSets<'_>,
) -> Vec<(String, f64, &'static str)> {
    let count = |w: &str| forms.count(w);
    let mut out = Vec::new();
    let glued = glued_mark(core);
    let speck = glued.filter(|&(a, marks, b)| speck_between(a, marks, b, stats));
    if let Some((a, _, b)) = speck {
        if is_known(forms, a) && count(b) >= MIN_PART_COUNT {
            out.push((
                format!("{a} {b}"),
                identity + GLUED_MARK_COST,
                SPLIT_AT_SPECK,
            ));
        }
    } else if let Some((a, stop, b)) = glued_stop(core) {
        // a sentence ended, and a speck took the space ("dazu.-Es")
        if is_known(forms, a)
            && !stats.no_sentence_end_after.contains(a)
            && count(b) >= MIN_PART_COUNT
        {
            out.push((
                format!("{a}{stop} {b}"),
                identity + GLUED_MARK_COST,
                SPLIT_GLUED_SENTENCES,
            ));
        }
    } else if let Some((a, b)) = core.split_once('-') {
        // before a capital only after a frequent lower-case word ("zur-Verfügung") or a word
        // that starts sentences ("Das-Geld"): a hyphenated compound starts with a noun
        let b_first = pystr::split_first(b).0;
        let glued_before_noun = pystr::is_upper(b_first)
            && ((pystr::is_lower(a) && count(a) >= MIN_FUNCTION_WORD_COUNT)
                || stats.sentence_starts.contains(a));
        if (pystr::is_lower(b_first) || glued_before_noun)
            && count(a) >= MIN_PART_COUNT
            && count(b) >= MIN_PART_COUNT
        {
            let cost = if glued_before_noun {
                GLUED_MARK_COST
            } else {
                COST
            };
            out.push((format!("{a} {b}"), identity + cost, SPLIT_AT_HYPHEN));
        }
    } else {
        let n = pystr::len(core);
        if (4..=30).contains(&n) && pystr::is_alpha(core) {
            // every place but the first two and the last one code points: a part of two
            // letters at least before, one after
            for (k, (i, _)) in core.char_indices().enumerate() {
                if k < 2 || k >= n - 1 {
                    continue;
                }
                let (a, b) = core.split_at(i);
                if count(a) >= MIN_PART_COUNT && count(b) >= MIN_PART_COUNT {
                    out.push((format!("{a} {b}"), identity + COST, SPLIT_GLUED_WORDS));
                }
            }
        }
    }
    out
}

/// `lost_hyphen(d, core, identity)`: the hyphenated compound whose hyphen an extractor removed
/// ("OnlinePlattform" → "Online-Plattform"), where the second part is a stored word and the
/// first no function word.
pub fn lost_hyphen(forms: &Forms, core: &str, identity: f64) -> Vec<(String, f64)> {
    let Some((first, head)) = lost_hyphen_parts(core) else {
        return Vec::new();
    };
    if forms.count(head) < MIN_PART_COUNT
        || forms.count(&pystr::lower(first)) >= MIN_FUNCTION_WORD_COUNT
    {
        return Vec::new();
    }
    vec![(format!("{first}-{head}"), identity + LOST_HYPHEN_COST)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::OnceLock;

    fn forms() -> &'static Forms {
        static FORMS: OnceLock<Forms> = OnceLock::new();
        FORMS.get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
            Forms::load(&dir, true).expect("the package's lexicon")
        })
    }

    fn sets() -> (HashSet<String>, HashSet<String>) {
        let starts = ["Das", "Aber"].map(String::from).into();
        let no_end = ["von", "zur"].map(String::from).into();
        (starts, no_end)
    }

    fn words(core: &str) -> Vec<(String, &'static str)> {
        let (starts, no_end) = sets();
        let stats = MarkSets {
            sentence_starts: &starts,
            no_sentence_end_after: &no_end,
        };
        splits(forms(), core, -0.5, stats)
            .into_iter()
            .map(|(w, _, r)| (w, r))
            .collect()
    }

    #[test]
    fn the_patterns_groups() {
        assert_eq!(
            glued_mark("nicht.schlecht"),
            Some(("nicht", ".", "schlecht"))
        );
        assert_eq!(glued_mark("dazu.-Es"), Some(("dazu", ".-", "Es")));
        assert_eq!(glued_mark("a.bc"), None);
        assert_eq!(glued_mark("ab...cd"), None);
        assert_eq!(glued_mark("ab.c"), None);
        assert_eq!(glued_mark("ab.cd."), None);
        assert_eq!(glued_stop("dazu.-Es"), Some(("dazu", ".", "Es")));
        assert_eq!(glued_stop("Kollegen!’Das"), Some(("Kollegen", "!", "Das")));
        assert_eq!(glued_stop("dazu.-E"), None);
        assert_eq!(glued_stop("dazu.-ES"), None);
        assert_eq!(glued_stop("dazu.Es"), None);
        assert_eq!(
            lost_hyphen_parts("OnlinePlattform"),
            Some(("Online", "Plattform"))
        );
        assert_eq!(
            lost_hyphen_parts("UNIQAVorstandsdirektor"),
            Some(("UNIQA", "Vorstandsdirektor"))
        );
        assert_eq!(lost_hyphen_parts("PowerPoint"), None);
        assert_eq!(lost_hyphen_parts("OnPlattform"), None);
        assert_eq!(lost_hyphen_parts("Plattform"), None);
        assert_eq!(lost_hyphen_parts("OnlineXPlattform"), None);
    }

    #[test]
    fn splits_and_not() {
        let got = words("inder");
        assert!(
            got.contains(&("in der".into(), SPLIT_GLUED_WORDS)),
            "{got:?}"
        );
        // a part too rare ("heit")
        assert!(!words("Gesundheit").iter().any(|(w, _)| w == "Gesund heit"));
        // before a capital a full stop ends a sentence
        assert!(words("nicht.Schlecht").is_empty());
        assert_eq!(
            words("nicht.schlecht"),
            [("nicht schlecht".into(), SPLIT_AT_SPECK)]
        );
        assert_eq!(
            words("dazu.-Es"),
            [("dazu. Es".into(), SPLIT_GLUED_SENTENCES)]
        );
        assert_eq!(
            words("von.Sozialleistungen"),
            [("von Sozialleistungen".into(), SPLIT_AT_SPECK)]
        );
        assert!(words("Schüler:innen").is_empty());
        assert_eq!(
            words("Reihe-verschiedener"),
            [("Reihe verschiedener".into(), SPLIT_AT_HYPHEN)]
        );
        assert!(words("Bundes-Länder").is_empty());
        for odd in ["", "-", "--", "a-", "é", "ab.", "x\u{1F600}y", "ǅa.bc"] {
            let _ = words(odd);
        }
    }

    #[test]
    fn scores_are_pythons_sums() {
        let (starts, no_end) = sets();
        let stats = MarkSets {
            sentence_starts: &starts,
            no_sentence_end_after: &no_end,
        };
        let got = splits(forms(), "nicht.schlecht", -0.1, stats);
        assert_eq!(got[0].1.to_bits(), (-0.1f64 + GLUED_MARK_COST).to_bits());
        assert_eq!(COST.to_bits(), 0.002f64.ln().to_bits());
        assert_eq!(GLUED_MARK_COST.to_bits(), 0.05f64.ln().to_bits());
        assert_eq!(LOST_HYPHEN_COST.to_bits(), 0.1f64.ln().to_bits());
        let got = lost_hyphen(forms(), "OnlinePlattform", -0.25);
        assert_eq!(
            got,
            [("Online-Plattform".to_string(), -0.25 + LOST_HYPHEN_COST)]
        );
        assert!(lost_hyphen(forms(), "DasKonkurrenzverbot", 0.0).is_empty());
    }

    #[test]
    fn any_string_no_panic() {
        // every string of up to five of these: letters of each class, marks, a titlecase letter,
        // a combining mark, a letter newer than CPython 3.11's tables, one beyond the BMP
        let alphabet = [
            'a',
            'B',
            '.',
            '-',
            '\u{2019}',
            '!',
            '\u{1C5}',
            '\u{301}',
            '\u{A7CB}',
            '\u{107C0}',
        ];
        let (starts, no_end) = sets();
        let stats = MarkSets {
            sentence_starts: &starts,
            no_sentence_end_after: &no_end,
        };
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().map_or(0, |l| l.chars().count()))
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        for s in &strings {
            for (w, _, _) in splits(forms(), s, 0.0, stats) {
                assert!(w.contains(' '), "{s:?} → {w:?}");
            }
            for (w, _) in lost_hyphen(forms(), s, 0.0) {
                assert!(w.contains('-'), "{s:?} → {w:?}");
            }
        }
    }
}
