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
    /// the kinds after `kind` where composition merged the edits of several steps (the Python
    /// kind is then the str "quote+speck": every kind's value joined by "+")
    pub more_kinds: Vec<Kind>,
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
            more_kinds: Vec::new(),
            rule: rule.into(),
            confidence: 1.0,
            alternatives: Vec::new(),
        }
    }

    /// The kind as Python shows it: "quote", or "quote+speck" where composition merged steps.
    pub fn kind_str(&self) -> String {
        let mut s = self.kind.as_str().to_owned();
        for k in &self.more_kinds {
            s.push('+');
            s.push_str(k.as_str());
        }
        s
    }

    /// The same edit with `confidence`.
    pub fn with_confidence(mut self, confidence: f64) -> Edit {
        self.confidence = confidence;
        self
    }
}

/// `apply(text, edits)`: sorted, non-overlapping edits applied to `text` (code points).
pub fn apply(text: &[char], edits: &[Edit]) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        out.extend_from_slice(text.get(pos..e.start).unwrap_or_default());
        out.extend(e.after.chars());
        pos = e.end;
    }
    out.extend_from_slice(text.get(pos..).unwrap_or_default());
    out
}

/// `_joins`: must two spans of one text become one edit (they overlap, or one is empty and sits
/// on the other's edge)?
fn joins(a: (usize, usize), b: (usize, usize)) -> bool {
    (a.0 < b.1 && b.0 < a.1)
        || (a.0 == a.1 && b.0 <= a.0 && a.0 <= b.1)
        || (b.0 == b.1 && a.0 <= b.0 && b.0 <= a.1)
}

/// One item of a composition: a span of the current text, an old edit's or a new change's.
struct Item<'a> {
    span: (usize, usize),
    new: bool,
    edit: &'a Edit,
}

fn text_of(chars: &[char], start: usize, end: usize) -> String {
    chars.get(start..end).unwrap_or_default().iter().collect()
}

/// `compose(original, edits, current, changes)`: a stage's `changes` (against `current`, which is
/// `apply(original, edits)`) folded into `edits` (against `original`). A change that touches
/// earlier edits is merged with them into one edit whose `before` is original text: its kinds
/// and rules are the members' (old steps first, each once) joined by "+", its confidence their
/// least, its alternatives the change's (where one change made it) within the merged span.
pub fn compose(original: &[char], edits: &[Edit], current: &[char], changes: &[Edit]) -> Vec<Edit> {
    if changes.is_empty() {
        return edits.to_vec();
    }
    let mut items: Vec<Item> = Vec::with_capacity(edits.len() + changes.len());
    let mut shift: i64 = 0;
    for e in edits {
        let s = (e.start as i64 + shift) as usize;
        items.push(Item {
            span: (s, s + e.after.chars().count()),
            new: false,
            edit: e,
        });
        shift += e.after.chars().count() as i64 - (e.end as i64 - e.start as i64);
    }
    items.extend(changes.iter().map(|c| Item {
        span: (c.start, c.end),
        new: true,
        edit: c,
    }));
    // stable, as Python's sort: ties keep the old edits first, each list in its order
    items.sort_by_key(|it| (it.span.0, it.span.1, it.new));

    let mut clusters: Vec<Vec<Item>> = Vec::new();
    for it in items {
        if let Some(cl) = clusters.last_mut() {
            if cl.iter().any(|o| joins(it.span, o.span)) {
                cl.push(it);
                continue;
            }
        }
        clusters.push(vec![it]);
    }

    let growth = |e: &Edit| e.after.chars().count() as i64 - (e.end as i64 - e.start as i64);
    let mut result = Vec::with_capacity(clusters.len());
    let mut delta: i64 = 0;
    for cl in &clusters {
        let olds: Vec<&Item> = cl.iter().filter(|it| !it.new).collect();
        let news: Vec<&Item> = cl.iter().filter(|it| it.new).collect();
        if news.is_empty() {
            for it in &olds {
                result.push(it.edit.clone());
                delta += growth(it.edit);
            }
            continue;
        }
        if olds.is_empty() && news.len() == 1 {
            let it = news[0];
            let mut e = it.edit.clone();
            e.start = (it.span.0 as i64 - delta) as usize;
            e.end = (it.span.1 as i64 - delta) as usize;
            result.push(e);
            continue;
        }
        let cs = cl.iter().map(|it| it.span.0).min().unwrap_or(0);
        let ce = cl.iter().map(|it| it.span.1).max().unwrap_or(0);
        let o_start = match olds.first() {
            Some(first) if first.span.0 == cs => first.edit.start,
            _ => (cs as i64 - delta) as usize,
        };
        for it in &olds {
            delta += growth(it.edit);
        }
        let o_end = match olds.last() {
            Some(last) if last.span.1 == ce => last.edit.end,
            _ => (ce as i64 - delta) as usize,
        };
        let mut after = String::new();
        let mut pos = cs;
        for it in &news {
            after.push_str(&text_of(current, pos, it.span.0));
            after.push_str(&it.edit.after);
            pos = it.span.1;
        }
        after.push_str(&text_of(current, pos, ce));
        let members: Vec<&Edit> = olds.iter().chain(news.iter()).map(|it| it.edit).collect();
        let mut kinds: Vec<(Kind, &[Kind])> = Vec::new();
        let mut rules: Vec<&str> = Vec::new();
        for m in &members {
            let kind = (m.kind, m.more_kinds.as_slice());
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
            if !rules.contains(&m.rule.as_str()) {
                rules.push(&m.rule);
            }
        }
        let mut flat = kinds
            .iter()
            .flat_map(|(k, more)| std::iter::once(*k).chain(more.iter().copied()));
        let kind = flat.next().unwrap_or(Kind::Word);
        let more_kinds: Vec<Kind> = flat.collect();
        let mut confidence = members[0].confidence;
        for m in &members[1..] {
            if m.confidence < confidence {
                confidence = m.confidence;
            }
        }
        let alternatives = if news.len() == 1 {
            let (s, t) = news[0].span;
            let (head, tail) = (text_of(current, cs, s), text_of(current, t, ce));
            news[0]
                .edit
                .alternatives
                .iter()
                .map(|alt| format!("{head}{alt}{tail}"))
                .collect()
        } else {
            Vec::new()
        };
        result.push(Edit {
            start: o_start,
            end: o_end,
            before: text_of(original, o_start, o_end),
            after,
            kind,
            more_kinds,
            rule: rules.join("+"),
            confidence,
            alternatives,
        });
    }
    result
}

/// A named fix: its name (the rule its changes carry) and what it changes in a text.
pub type Fix<'a> = (&'a str, &'a dyn Fn(&[char]) -> Vec<Edit>);

/// `run_fixes(text, fixes, skip=skip)`: the fixes one after another, each on the text as the
/// previous ones left it; all their changes as edits against `text`. A fix whose name is in
/// `skip` is not run (the fixes after it see the text without it).
pub fn run_fixes(text: &[char], fixes: &[Fix], skip: &[String]) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    let mut current: Vec<char> = text.to_vec();
    for (name, fix) in fixes {
        if skip.iter().any(|s| s == name) {
            continue;
        }
        let changes = fix(&current);
        if !changes.is_empty() {
            edits = compose(text, &edits, &current, &changes);
            current = apply(&current, &changes);
        }
    }
    edits
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

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn apply_and_compose() {
        let original = chars("ab cd ef");
        let first = vec![Edit::new(3, 5, "cd", "CDX", Kind::Word, "a").with_confidence(0.9)];
        let current = apply(&original, &first);
        assert_eq!(current.iter().collect::<String>(), "ab CDX ef");
        // a change inside the old edit merges with it; one after it is shifted back
        let mut inner = Edit::new(5, 6, "X", "", Kind::Speck, "b").with_confidence(0.5);
        inner.alternatives = vec!["Y".into()];
        let later = Edit::new(7, 9, "ef", "EF", Kind::Word, "c");
        let composed = compose(&original, &first, &current, &[inner, later]);
        assert_eq!(composed.len(), 2);
        let m = &composed[0];
        assert_eq!(
            (m.start, m.end, m.before.as_str(), m.after.as_str()),
            (3, 5, "cd", "CD")
        );
        assert_eq!(
            (m.kind_str().as_str(), m.rule.as_str(), m.confidence),
            ("word+speck", "a+b", 0.5)
        );
        assert_eq!(m.alternatives, vec!["CDY".to_string()]);
        assert_eq!(
            (
                composed[1].start,
                composed[1].end,
                composed[1].before.as_str()
            ),
            (6, 8, "ef")
        );
        // no changes: the edits as they were
        assert_eq!(compose(&original, &first, &current, &[]), first);
    }

    #[test]
    fn run_fixes_in_order_skipping() {
        let upper = |t: &[char]| -> Vec<Edit> {
            t.iter()
                .position(|&c| c == 'a')
                .map(|i| vec![Edit::new(i, i + 1, "a", "A", Kind::Glyph, "upper")])
                .unwrap_or_default()
        };
        let drop = |t: &[char]| -> Vec<Edit> {
            t.iter()
                .position(|&c| c == 'A')
                .map(|i| vec![Edit::new(i, i + 1, "A", "", Kind::Speck, "drop")])
                .unwrap_or_default()
        };
        let fixes: [Fix; 2] = [("upper", &upper), ("drop", &drop)];
        let text = chars("xay");
        let edits = run_fixes(&text, &fixes, &[]);
        assert_eq!(edits.len(), 1);
        assert_eq!(
            (
                edits[0].after.as_str(),
                edits[0].kind_str().as_str(),
                edits[0].rule.as_str()
            ),
            ("", "glyph+speck", "upper+drop")
        );
        let skipped = run_fixes(&text, &fixes, &["upper".to_string()]);
        assert!(skipped.is_empty());
    }
}
