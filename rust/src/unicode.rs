//! The unicode stage's first test (`korrektor/stages/unicode.py`): is there nothing for any of its
//! fixes to do? Most texts are clean, and then one pass over the characters here replaces ten
//! regex scans (and NFC's check) in Python; a text that may need a fix is left to the Python
//! fixes (ftfy's mojibake repair among them) as before.
//!
//! Each test below is a condition without which its fix changes nothing (the pattern cannot
//! match, or the text is already NFC), so [`untouched`] never says "clean" where a fix would act;
//! it may say "maybe" where a fix finds nothing in the end (". . ." that is no ellipsis), and then
//! Python answers.

use crate::pystr;

/// Code points that no fix looks at and that keep a text in NFC whatever stands around them:
/// each is its own NFC, a starter (combining class 0), and neither it nor the first code point of
/// its decomposition is the second of a canonical pair, nor a Hangul jamo or syllable. Generated
/// from CPython 3.11's `unicodedata` (Unicode 14.0.0) within the Latin, Greek, Cyrillic and
/// punctuation blocks; `tests/test_core_unicode.py` checks every code point of these ranges.
const NFC_SAFE: &[(u32, u32)] = &[
    (0x0, 0x2FF),
    (0x370, 0x373),
    (0x375, 0x37D),
    (0x37F, 0x386),
    (0x388, 0x482),
    (0x488, 0x4FF),
    (0x1E00, 0x1EFF),
    (0x2002, 0x20CF),
    (0x20DD, 0x20E0),
    (0x20E2, 0x20E4),
    (0x20F1, 0x2125),
    (0x2127, 0x2129),
    (0x212C, 0x2328),
    (0x232B, 0x2ADB),
    (0x2ADD, 0x2BFF),
    (0x2E00, 0x2E7F),
];

/// The patterns (and the ligatures) the tests below stand for, by their names in `unicode.py`,
/// compared with the module's at import.
pub const PATTERNS: [(&str, &str); 8] = [
    (
        "_CONTROL_RE",
        r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff]+",
    ),
    ("_SOFT_HYPHEN_RE", r"\u00ad(?![ \t]*\n)"),
    ("_FORM_FEED_RE", r"\s*\f[\s\f]*"),
    (
        "_SPACED_ELLIPSIS_RE",
        r"(?<!\.)\. \. \.(?! ?\.)(?: (?=[)\]]))?",
    ),
    (
        "_MOJIBAKE_HINT_RE",
        concat!(
            r"[ÃÂâ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192",
            r"\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030",
            r"\u2039\u203a\u20ac\u2122]"
        ),
    ),
    ("_LONG_S_RE", "\u{17f}z|\u{17f}"),
    ("_LOOSE_ACCENT_RE", r"(\p{L})?([\u00a8\u00b4])(\p{L})?"),
    ("_COMBINING_AFTER_SPACE_RE", r"(\p{L}) (\p{Mn})"),
];

/// The ligatures `expand_ligatures` expands (`LIGATURES`' keys).
pub const LIGATURES: [char; 7] = [
    '\u{fb00}', '\u{fb01}', '\u{fb02}', '\u{fb03}', '\u{fb04}', '\u{fb05}', '\u{fb06}',
];

/// A code point of [`NFC_SAFE`].
pub fn nfc_safe(c: char) -> bool {
    (c as u32) < 0x300 || crate::pystr::in_ranges(c, NFC_SAFE)
}

/// The second character of `_MOJIBAKE_HINT_RE`.
fn mojibake_second(c: char) -> bool {
    matches!(c as u32,
        0x80..=0xBF
        | 0x152 | 0x153 | 0x160 | 0x161 | 0x178 | 0x17D | 0x17E | 0x192 | 0x2C6 | 0x2DC
        | 0x2013 | 0x2014 | 0x2018..=0x201E | 0x2020..=0x2022 | 0x2026 | 0x2030 | 0x2039 | 0x203A
        | 0x20AC | 0x2122)
}

/// Is there nothing for any fix of the unicode stage to do in `text`: no mojibake hint ("Ã¼"),
/// no carriage return, control character, form feed, ". . .", soft hyphen, ligature or long s, no
/// loose accent (spacing "¨" or "´", or any non-spacing mark), and only characters that keep the
/// text in NFC?
pub fn untouched(text: &str) -> bool {
    let mut prev = '\0';
    let mut dots = 0; // the length of the ". . ." begun before this character
    for c in text.chars() {
        let suspect = match c {
            '\r' | '\x0c' | '\u{ad}' | '\u{17f}' | '\u{a8}' | '\u{b4}' => true,
            '\x00'..='\x08' | '\x0b' | '\x0e'..='\x1f' | '\x7f'..='\u{9f}' => true,
            '\u{200b}' | '\u{2060}' | '\u{feff}' => true,
            _ => {
                LIGATURES.contains(&c)
                    || !nfc_safe(c)
                    || pystr::regex_is_nonspacing_mark(c)
                    || (matches!(prev, 'Ã' | 'Â' | 'â') && mojibake_second(c))
            }
        };
        if suspect {
            return false;
        }
        // ". . .": a full stop at an even place, a space at an odd one
        dots = match (c, dots % 2) {
            ('.', 0) => dots + 1,
            (' ', 1) => dots + 1,
            ('.', _) => 1,
            _ => 0,
        };
        if dots == 5 {
            return false;
        }
        prev = c;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_and_suspect_texts() {
        assert!(untouched("Grüße aus Köln – „so“ sagte er … 5 € und ⸗."));
        assert!(untouched(""));
        for t in [
            "a\r\nb",
            "a\x07b",
            "a\x0cb",
            "Er sagte . . . nichts",
            "Ver\u{ad}waltung",
            "Deﬁnition",
            "daſz",
            "Gr¨unen",
            "Caf´e",
            "fu \u{308}r",
            "Ko\u{308}ln",
            "fÃ¼r",
            "Ω\u{2126}",
            "a\u{feff}",
            "\u{ac00}",
        ] {
            assert!(!untouched(t), "{t:?}");
        }
        assert!(untouched(". .. . x . ."));
        assert!(!untouched("x.. . . y"));
    }
}
