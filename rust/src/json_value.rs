//! A whole JSON document as a tree, for the models the data build writes with Python's `json`
//! (`char_model.json`, `context.json`): objects of a hundred thousand short keys and numbers.
//! `json.rs` reads a few top-level numbers without a tree; these files need every entry.
//!
//! Read as Python's `json.loads` reads them: numbers correctly rounded to `f64` (Python's
//! `float()`; an integer's exact value as `Int` where it fits), strings with every escape
//! (`\uXXXX` surrogate pairs joined, a lone surrogate refused: Rust strings cannot hold it),
//! a key given twice keeps its last value. `NaN`/`Infinity` (which Python's writer emits for
//! such floats) are accepted. Recursion is bounded, so no input can exhaust the stack.

use std::borrow::Cow;

/// A JSON value. Objects keep their members in file order (duplicates included: the caller
/// lets the last win, as Python's `dict` does).
/// Strings borrow the document's text where they have no escapes (the models' hundred thousand
/// keys then cost no allocation each).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// The last member `key` of an object (Python's `dict` keeps the last of duplicates).
    pub(crate) fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(m) => m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A number as Python's arithmetic sees it (an int converted exactly as `float(int)`).
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Nesting deeper than this is refused (the models nest three levels).
const MAX_DEPTH: usize = 64;

/// Parse a whole document (surrounding whitespace allowed, nothing else after the value).
pub(crate) fn parse(text: &str) -> Result<Value<'_>, String> {
    let mut p = Parser {
        b: text.as_bytes(),
        text,
        i: 0,
    };
    let v = p.value(0)?;
    p.ws();
    if p.i != p.b.len() {
        return Err(p.err("data after the value"));
    }
    Ok(v)
}

struct Parser<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    fn err(&self, what: &str) -> String {
        format!("JSON: {what} at byte {}", self.i)
    }

    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.b.get(self.i..self.i + lit.len()) == Some(lit.as_bytes()) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, String> {
        if depth > MAX_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        self.ws();
        match self.b.get(self.i) {
            None => Err(self.err("unexpected end")),
            Some(b'{') => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.eat("}") {
                    return Ok(Value::Object(members));
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    self.ws();
                    if !self.eat(":") {
                        return Err(self.err("':' expected"));
                    }
                    let v = self.value(depth + 1)?;
                    members.push((key, v));
                    self.ws();
                    if self.eat(",") {
                        continue;
                    }
                    if self.eat("}") {
                        return Ok(Value::Object(members));
                    }
                    return Err(self.err("',' or '}' expected"));
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat("]") {
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    if self.eat(",") {
                        continue;
                    }
                    if self.eat("]") {
                        return Ok(Value::Array(items));
                    }
                    return Err(self.err("',' or ']' expected"));
                }
            }
            Some(b'"') => self.string().map(Value::Str),
            Some(_) => {
                if self.eat("null") {
                    Ok(Value::Null)
                } else if self.eat("true") {
                    Ok(Value::Bool(true))
                } else if self.eat("false") {
                    Ok(Value::Bool(false))
                } else if self.eat("NaN") {
                    Ok(Value::Float(f64::NAN))
                } else if self.eat("Infinity") {
                    Ok(Value::Float(f64::INFINITY))
                } else if self.eat("-Infinity") {
                    Ok(Value::Float(f64::NEG_INFINITY))
                } else {
                    self.number()
                }
            }
        }
    }

    fn number(&mut self) -> Result<Value<'a>, String> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let s = p.i;
            while p.b.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i > s
        };
        self.eat("-");
        if !digits(self) {
            return Err(self.err("number expected"));
        }
        let mut float = false;
        if self.eat(".") {
            float = true;
            if !digits(self) {
                return Err(self.err("digits expected after '.'"));
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            float = true;
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !digits(self) {
                return Err(self.err("digits expected in the exponent"));
            }
        }
        let raw = self.text.get(start..self.i).unwrap_or_default();
        if !float {
            if let Ok(i) = raw.parse::<i64>() {
                return Ok(Value::Int(i));
            }
        }
        // an integer beyond i64 is kept as its correctly rounded float (as Python's float(int))
        raw.parse::<f64>()
            .map(Value::Float)
            .map_err(|_| self.err("bad number"))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self
            .text
            .get(self.i..self.i + 4)
            .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
            .ok_or_else(|| self.err("bad \\u escape"))?;
        self.i += 4;
        u32::from_str_radix(h, 16).map_err(|_| self.err("bad \\u escape"))
    }

    fn string(&mut self) -> Result<Cow<'a, str>, String> {
        if !self.eat("\"") {
            return Err(self.err("string expected"));
        }
        // most strings have no escape: borrowed from the text
        let run = self.b.get(self.i..).unwrap_or_default();
        if let Some(n) = run
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
        {
            if run.get(n) == Some(&b'"') {
                let text: &'a str = self.text;
                let s = text.get(self.i..self.i + n).unwrap_or_default();
                self.i += n + 1;
                return Ok(Cow::Borrowed(s));
            }
        }
        let mut out = String::new();
        loop {
            // copy the run up to the next quote or backslash at once (both are ASCII, so the
            // run ends on a character boundary)
            let run = self.b.get(self.i..).unwrap_or_default();
            let n = run
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                .ok_or_else(|| self.err("unterminated string"))?;
            out.push_str(self.text.get(self.i..self.i + n).unwrap_or_default());
            self.i += n;
            match self.b.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = *self.b.get(self.i).ok_or_else(|| self.err("bad escape"))?;
                    self.i += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut cp = self.hex4()?;
                            if (0xD800..0xDC00).contains(&cp) && self.eat("\\u") {
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err("lone surrogate"));
                                }
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            }
                            out.push(char::from_u32(cp).ok_or_else(|| self.err("lone surrogate"))?);
                        }
                        _ => return Err(self.err("bad escape")),
                    }
                }
                // a control character inside a string: Python's strict reader refuses it too
                _ => return Err(self.err("control character in a string")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_python_writes() {
        let v = parse(
            r#" {"a": [1, -2.5, 1e3, true, false, null], "k\u00e9y\"\\": {"x": -0.0},
               "s": "\ud83d\ude00\n", "a": 7, "big": 123456789012345678901234} "#,
        )
        .unwrap();
        assert_eq!(v.get("a"), Some(&Value::Int(7)), "the last duplicate wins");
        assert_eq!(
            v.get("kéy\"\\").and_then(|o| o.get("x")),
            Some(&Value::Float(-0.0))
        );
        assert_eq!(v.get("s").and_then(Value::as_str), Some("\u{1F600}\n"));
        assert_eq!(
            v.get("big").and_then(Value::as_f64),
            Some(123456789012345678901234.0)
        );
        assert_eq!(parse("-13.6459").unwrap().as_f64(), Some(-13.6459));
        assert_eq!(parse("[]").unwrap(), Value::Array(vec![]));
    }

    #[test]
    fn malformed_is_an_error() {
        for text in [
            "",
            "{",
            "{\"a\" 1}",
            "[1,]",
            "{\"a\": }",
            "\"x",
            "\"\\ud800\"",
            "\"\\u12\"",
            "1 2",
            "-",
            "1.",
            "\"a\u{1}\"",
            "\"\\q\"",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
        let deep = "[".repeat(1000);
        assert!(parse(&deep).is_err());
    }
}
