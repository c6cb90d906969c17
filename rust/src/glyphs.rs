//! Glyphs an engine reads for letters it lacks (`korrektor/stages/words/glyphs.py`): a ß read as
//! symbols ("heif$t"), an l read as a capital I beside lower-case letters ("MitteIn"); and the
//! two searches of `stages/words/umlauts.py` that make words of them (`sz_glyphs`, `l_glyphs`),
//! with Python's answers exactly.
//!
//! The Python readings are regular expressions of the `regex` module; here they are matched by
//! hand, in the order the module's backtracking tries them, with its classes (`\p{Ll}`: the
//! module's own Unicode version, see [`pystr::regex_is_ll`]) and its `$` (the end, or before a
//! final newline). Positions are code points, as Python's.

use crate::forms::Forms;
use crate::pystr;
use crate::umlauts::{self, Page, Readings};

/// `GLYPHS.sz_glyphs_cost`: `math.log(0.01)`, ln P(OCR reads ß as a run of symbols | ß).
pub const SZ_GLYPHS_COST: f64 = -4.605170185988091;
/// `GLYPHS.max_i_for_l`: capital I's read as l in one token.
pub const MAX_I_FOR_L: usize = 3;
/// `GLYPHS.i_for_l_cost`: `math.log(0.01)`, ln P(OCR reads l as I | l).
pub const I_FOR_L_COST: f64 = -4.605170185988091;

/// The symbols an engine reads for a ß (`[&8®%$@§]`).
fn sz_symbol(c: char) -> bool {
    matches!(c, '&' | '8' | '®' | '%' | '$' | '@' | '§')
}

/// `regex`'s `$` without MULTILINE at code point `i` of `chars`: the end, or a final newline.
fn at_end(chars: &[char], i: usize) -> bool {
    i == chars.len() || (i + 1 == chars.len() && chars.get(i) == Some(&'\n'))
}

/// `(?=\p{Ll}|$)` at `i`.
fn lower_or_end(chars: &[char], i: usize) -> bool {
    chars.get(i).copied().is_some_and(pystr::regex_is_ll) || at_end(chars, i)
}

/// The end of a match of `(?:f?[&8®%$@§]{1,2}[BS]?|B[&8®%$@§])(?=\p{Ll}|$)` at `p`, in the
/// order of the module's backtracking: `f?`, `{1,2}` and `[BS]?` greedy, the first alternative
/// first.
fn sz_match_at(chars: &[char], p: usize) -> Option<usize> {
    let at = |i: usize| chars.get(i).copied();
    let mut fs = Vec::with_capacity(2);
    if at(p) == Some('f') {
        fs.push(p + 1);
    }
    fs.push(p);
    for a in fs {
        for n in [2, 1] {
            if !(a..a + n).all(|i| at(i).is_some_and(sz_symbol)) {
                continue;
            }
            let b = a + n;
            if matches!(at(b), Some('B' | 'S')) && lower_or_end(chars, b + 1) {
                return Some(b + 1);
            }
            if lower_or_end(chars, b) {
                return Some(b);
            }
        }
    }
    if at(p) == Some('B') && at(p + 1).is_some_and(sz_symbol) && lower_or_end(chars, p + 2) {
        return Some(p + 2);
    }
    None
}

/// `_SZ_GLYPHS_RE.search(core)`: the first run of ß symbols after a lower-case letter, as
/// (start, end) in code points.
fn sz_glyphs_span(chars: &[char]) -> Option<(usize, usize)> {
    (1..chars.len()).find_map(|p| {
        if !chars.get(p - 1).copied().is_some_and(pystr::regex_is_ll) {
            return None;
        }
        sz_match_at(chars, p).map(|end| (p, end))
    })
}

/// `sz_reading(core)`: the token with its symbol run read as ß, if that leaves a word of
/// letters only ("heif$t" → "heißt").
pub fn sz_reading(core: &str) -> Option<String> {
    let chars: Vec<char> = core.chars().collect();
    let (start, end) = sz_glyphs_span(&chars)?;
    let mut word: String = chars.get(..start).unwrap_or(&[]).iter().collect();
    word.push('ß');
    word.extend(chars.get(end..).unwrap_or(&[]).iter());
    pystr::is_alpha(&word).then_some(word)
}

/// `l_readings(core)`: the token with some of its capital I's beside lower-case letters read as
/// l, and how many: every combination, fewest first (at most [`MAX_I_FOR_L`] such I's; none in
/// a token shorter than three).
pub fn l_readings(core: &str) -> Vec<(String, u32)> {
    let chars: Vec<char> = core.chars().collect();
    if chars.len() < 3 {
        return Vec::new();
    }
    let ll = |i: usize| chars.get(i).copied().is_some_and(pystr::regex_is_ll);
    // `(?<=\p{Ll})I|I(?=\p{Ll})`: each match one character, so every such I
    let spots: Vec<usize> = (0..chars.len())
        .filter(|&i| chars.get(i) == Some(&'I') && ((i > 0 && ll(i - 1)) || ll(i + 1)))
        .collect();
    if spots.is_empty() || spots.len() > MAX_I_FOR_L {
        return Vec::new();
    }
    let mut out: Vec<(String, u32)> = (1u32..1 << spots.len())
        .map(|mask| {
            let mut word = chars.clone();
            for (k, &i) in spots.iter().enumerate() {
                if mask >> k & 1 == 1 {
                    if let Some(c) = word.get_mut(i) {
                        *c = 'l';
                    }
                }
            }
            (word.into_iter().collect(), mask.count_ones())
        })
        .collect();
    out.sort_by_key(|&(_, n)| n); // stable, as Python's sorted
    out
}

/// `umlauts.sz_glyphs(d, core)`: "heif$t" → "heißt" (a ß read as symbols, and perhaps lost
/// umlauts besides), the reading scored by the error model's identity of its other letters;
/// `None` without the identity table (see [`Readings::logp_identity`]).
pub fn sz_glyphs(
    forms: &Forms,
    readings: &Readings,
    core: &str,
    page: Page<'_>,
) -> Option<Vec<(String, f64)>> {
    let Some(reading) = sz_reading(core) else {
        return Some(Vec::new());
    };
    let score = readings.logp_identity(&reading.replace('ß', ""))? + SZ_GLYPHS_COST;
    Some(umlauts::glyph_reading(
        forms, readings, &reading, score, page,
    ))
}

/// `umlauts.l_glyphs(d, core, identity)`: "MitteIn" → "Mitteln" (an l read as a capital I, and
/// perhaps lost umlauts besides), each reading costing [`I_FOR_L_COST`] an I.
pub fn l_glyphs(
    forms: &Forms,
    readings: &Readings,
    core: &str,
    identity: f64,
    page: Page<'_>,
) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for (reading, n) in l_readings(core) {
        let score = identity + f64::from(n) * I_FOR_L_COST;
        out.extend(umlauts::glyph_reading(
            forms, readings, &reading, score, page,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sz_readings() {
        for (core, want) in [
            ("heif$t", Some("heißt")),
            ("grof%e", Some("große")),
            ("schie&Ben", Some("schießen")),
            ("naturgema§&", Some("naturgemaß")),
            ("Fu8", Some("Fuß")),
            ("auB&en", Some("außen")),
            ("heif$t1", None),
            ("$ab", None),
            ("a$$$b", None),
            ("", None),
        ] {
            assert_eq!(sz_reading(core).as_deref(), want, "{core:?}");
        }
        // `$` before a final newline: matched, but "\n" is no letter
        assert_eq!(
            sz_glyphs_span(&"a$\n".chars().collect::<Vec<_>>()),
            Some((1, 2))
        );
        assert_eq!(sz_reading("a$\n"), None);
    }

    #[test]
    fn i_for_l() {
        assert_eq!(l_readings("AIlerdings"), [("Allerdings".to_owned(), 1)]);
        assert_eq!(l_readings("Ir"), []);
        assert_eq!(l_readings("IIIx"), [("IIlx".to_owned(), 1)]);
        let two = l_readings("MitteIn dIe");
        assert_eq!(
            two,
            [
                ("Mitteln dIe".to_owned(), 1),
                ("MitteIn dle".to_owned(), 1),
                ("Mitteln dle".to_owned(), 2)
            ]
        );
        assert!(l_readings("aIaIaIaI").is_empty());
        assert_eq!(l_readings("𝔞Ib"), [("𝔞lb".to_owned(), 1)]);
    }
}
