//! Python strings as Rust text, lone surrogates included.
//!
//! Python allows a lone surrogate in a string ("\ud800"); UTF-8, and so a Rust `str`, cannot hold
//! one. The Python models take such strings as they take any other (a surrogate is a character no
//! model key, form or context word contains), so the bindings must too, not raise
//! `UnicodeEncodeError` (which `correct()` met through the lexicon's prefix test, see the core
//! lexicon's binding). Each lone surrogate becomes U+FFFF: a noncharacter that no data file holds
//! (checked: `lexicon_words.txt`, `char_model.json`, `context.json`, `twin_readings.txt`), so it
//! matches nothing, as the surrogate matches nothing in Python; it is one code point for one (the
//! positions, lengths and distances stay Python's); like a surrogate it is neither white space,
//! nor cased, nor case-ignorable, and lower-casing leaves it alone.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// What stands for a lone surrogate.
pub(crate) const SURROGATE: char = '\u{FFFF}';

/// The text of `s`, borrowed when it is valid Unicode (the usual case: no copy).
pub(crate) fn text<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if let Ok(t) = s.to_str() {
        return Ok(Cow::Borrowed(t));
    }
    // "surrogatepass" writes a surrogate as the three bytes UTF-8 would give its code point
    let encoded = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    Ok(Cow::Owned(decode_surrogates(bytes)))
}

/// UTF-8 with surrogates encoded as if they were characters (ED A0..BF xx): each such sequence
/// becomes [`SURROGATE`]; anything else invalid (which "surrogatepass" never writes) U+FFFD.
fn decode_surrogates(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                out.push_str(rest);
                return out;
            }
            Err(e) => {
                let (valid, after) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let skip = match after {
                    [0xED, 0xA0..=0xBF, 0x80..=0xBF, ..] => {
                        out.push(SURROGATE);
                        3
                    }
                    _ => {
                        out.push(char::REPLACEMENT_CHARACTER);
                        e.error_len().unwrap_or(after.len()).max(1)
                    }
                };
                bytes = after.get(skip..).unwrap_or_default();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_become_one_character_each() {
        // "a\ud800b\udfff" as "surrogatepass" writes it
        let bytes = b"a\xed\xa0\x80b\xed\xbf\xbf";
        assert_eq!(decode_surrogates(bytes), "a\u{FFFF}b\u{FFFF}");
        assert_eq!(decode_surrogates(b"\xff\xc3\xa4"), "\u{FFFD}ä");
        assert_eq!(decode_surrogates(b"\xed\xa0"), "\u{FFFD}");
    }
}
