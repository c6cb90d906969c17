//! An edit as the stages make it (`korrektor.edits.Edit`): the span `[start, end)` of the text
//! the stage was given, in Unicode code points as Python counts them, replaced by `after`, with
//! the repair's kind, the rule that made it, its confidence and the alternatives.
//!
//! The compiled stages return their changes as these; the binding hands each to Python as the
//! tuple `Edit(*row)` takes, the kind as its `korrektor.rules.Kind` value.

/// What kind of repair an edit is (`korrektor.rules.Kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Unicode,
    Furniture,
    Layout,
    Hyphenation,
    Quote,
    Dash,
    Punctuation,
    Speck,
    Glyph,
    Word,
}

impl Kind {
    /// The kind's value in Python (`Kind.WORD.value == "word"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Unicode => "unicode",
            Kind::Furniture => "furniture",
            Kind::Layout => "layout",
            Kind::Hyphenation => "hyphenation",
            Kind::Quote => "quote",
            Kind::Dash => "dash",
            Kind::Punctuation => "punctuation",
            Kind::Speck => "speck",
            Kind::Glyph => "glyph",
            Kind::Word => "word",
        }
    }

    /// Every kind, in `korrektor.rules.Kind`'s order (the binding's test compares them).
    pub const ALL: [Kind; 10] = [
        Kind::Unicode,
        Kind::Furniture,
        Kind::Layout,
        Kind::Hyphenation,
        Kind::Quote,
        Kind::Dash,
        Kind::Punctuation,
        Kind::Speck,
        Kind::Glyph,
        Kind::Word,
    ];
}

/// One replacement of `before` (at `[start, end)`, code points) by `after`.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub after: String,
    pub kind: Kind,
    /// the named fix that made it ("join_hyphenated_word"; several joined by "+")
    pub rule: String,
    pub confidence: f64,
    pub alternatives: Vec<String>,
}

impl Edit {
    /// An edit with confidence 1 and no alternatives (`Edit(start, end, before, after, kind, rule)`).
    pub fn new(
        start: usize,
        end: usize,
        before: impl Into<String>,
        after: impl Into<String>,
        kind: Kind,
        rule: impl Into<String>,
    ) -> Edit {
        Edit {
            start,
            end,
            before: before.into(),
            after: after.into(),
            kind,
            rule: rule.into(),
            confidence: 1.0,
            alternatives: Vec::new(),
        }
    }

    /// The same edit with `confidence`.
    pub fn with_confidence(mut self, confidence: f64) -> Edit {
        self.confidence = confidence;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_python_values() {
        let values: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(values.len(), 10);
        assert_eq!(values[0], "unicode");
        assert_eq!(values[9], "word");
        let e = Edit::new(3, 5, "ab", "c", Kind::Word, "rule").with_confidence(0.5);
        assert_eq!((e.start, e.end, e.confidence), (3, 5, 0.5));
    }
}
