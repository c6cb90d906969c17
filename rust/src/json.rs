//! Just enough JSON to read a few top-level numbers from `lexicon_meta.json` (a flat object the
//! data build writes): no dependency for a file whose other fields the core does not need.

/// The raw text of the value of `key` in the top-level object `text` (a string value with its
/// quotes), or `None` if `text` is not an object or has no such key. Keys are compared as
/// written (a key with escapes never matches).
pub(crate) fn top_level_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(b, i + 1);
    if b.get(i) == Some(&b'}') {
        return None;
    }
    loop {
        let key_end = skip_string(b, i)?;
        let this = text.get(i + 1..key_end - 1)?;
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let start = skip_ws(b, i + 1);
        let end = skip_value(b, start)?;
        if this == key {
            return text.get(start..end);
        }
        i = skip_ws(b, end);
        match b.get(i)? {
            b',' => i = skip_ws(b, i + 1),
            _ => return None, // '}' (not found) or malformed
        }
    }
}

/// A JSON number as `f64`, correctly rounded (as Python's `float()` of what `json` parses:
/// an integer's `float` rounds the same way).
pub(crate) fn number(raw: &str) -> Option<f64> {
    let raw = raw.trim();
    let json_number = !raw.is_empty()
        && raw
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'));
    if json_number {
        raw.parse().ok()
    } else {
        None
    }
}

/// A JSON array of numbers.
pub(crate) fn numbers(raw: &str) -> Option<Vec<f64>> {
    let inner = raw.trim().strip_prefix('[')?.strip_suffix(']')?;
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    inner.split(',').map(number).collect()
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// The index after the string that starts at `i` (at its opening quote).
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    i += 1;
    loop {
        match b.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// The index after the value that starts at `i`.
fn skip_value(b: &[u8], mut i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            loop {
                match b.get(i)? {
                    b'"' => {
                        i = skip_string(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let start = i;
            while b
                .get(i)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
            {
                i += 1;
            }
            (i > start).then_some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const META: &str = r#"{
  "balance": 0.5,
  "group_weights": {"a": [1, {"kn_discounts": 9}], "b\"}": "x,]"},
  "kn_discounts": [
    0.7828340828652882,
    1.2135190315070363,
    1.379726572011087
  ],
  "continuation_total": 14372289,
  "thresholds": {"unigram_min": 3}
}"#;

    #[test]
    fn finds_top_level_fields() {
        let d = numbers(top_level_value(META, "kn_discounts").unwrap()).unwrap();
        assert_eq!(
            d,
            vec![0.7828340828652882, 1.2135190315070363, 1.379726572011087]
        );
        let t = number(top_level_value(META, "continuation_total").unwrap());
        assert_eq!(t, Some(14372289.0));
        assert_eq!(top_level_value(META, "balance"), Some("0.5"));
        assert_eq!(
            top_level_value(META, "unigram_min"),
            None,
            "nested keys are not seen"
        );
        assert_eq!(top_level_value(META, "missing"), None);
        assert_eq!(number("1e-3"), Some(0.001));
        assert_eq!(number("inf"), None);
        assert_eq!(numbers("[]"), Some(vec![]));
    }

    #[test]
    fn malformed_is_none() {
        for text in [
            "",
            "[1]",
            "{",
            "{\"a\" 1}",
            "{\"a\": [1, 2",
            "{\"a\": \"x",
            "{\"a\": }",
        ] {
            assert_eq!(top_level_value(text, "a"), None, "{text}");
        }
        assert_eq!(numbers("[1, x]"), None);
    }
}
