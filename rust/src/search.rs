//! The OCR error model's candidate search: `ErrorModel._candidates` of `korrektor/errormodel.py`
//! (with `_search`, `_options`, `_ecost` and `_is_part`), answer for answer.
//!
//! The search rewrites a token left to right with the channel's inverse confusions (observed
//! substring → true substring), depth-first and best-first, bounded by a number of edits, a node
//! budget, an absolute floor on the channel log-probability and a margin below the best word found,
//! pruned by the lexicon's prefix test; it keeps the rewrites that are words. Everything that
//! decides which words come back and with which score is done as Python does it: the same sums of
//! f64 in the same order, the same stable sort of the options, the same stack order, the same
//! `best_at` pruning and budget, the same calls of `known` in the same order (it may be a Python
//! callable with caches of its own), Python's `str.isalpha/isupper/islower` ([`crate::pyunicode`]).
//!
//! What differs is only how the prefix test is answered: the search carries the transducer's
//! state of the prefix it extends ([`PrefixTest::Carry`], one transition per added byte) instead
//! of testing every new prefix from the root; [`PrefixTest::Walk`] keeps the literal test, to
//! check that both agree.
//!
//! Positions and lengths that Python compares (`seg`, `p2 - seg`, `len(core)`) are counted in
//! code points, as Python counts them; byte offsets are kept beside them for slicing.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use crate::lexicon::{Lexicon, PrefixCursor, PrefixState};
use crate::pystr::{self, char_is_alpha, char_is_lower, char_is_upper, upper_first};

/// The Unicode version of the Python whose `str` predicates the search follows ([`pystr`]).
pub const PY_UNICODE_VERSION: &str = pystr::UNICODE_VERSION;

/// `_PUNCT`: what is stripped from a token's ends and read as itself.
pub const PUNCT: &str = "\"'„“”‚‘’»«›‹,.;:!?()[]{}<>–—…*";
/// `_MAX_NODES`, `_MAX_NODES_COMPOUND`: nodes expanded per search.
pub const MAX_NODES: u32 = 2000;
pub const MAX_NODES_COMPOUND: u32 = 600;
/// `_MIN_LOGP`: paths below this channel log-probability are dropped.
pub const MIN_LOGP: f64 = -20.0;
/// `_RARE`: the edit-count unit of a rare confusion.
pub const RARE: i64 = 100;
/// `_RARE_LOGP = math.log(0.01)`, written out: the same double whatever libm a build folds with.
pub const RARE_LOGP: f64 = -4.605_170_185_988_091;
/// `_MARGIN`: candidates this far (nats) below the best one found are not pursued.
pub const MARGIN: f64 = 8.0;
/// A token with no candidate is searched again as a compound from this length (code points).
const COMPOUND_MIN_LEN: usize = 9;

// ----------------------------------------------------------------------------- Python's floats

/// `a` against `b` as Python's `<` orders floats, with NaN (which Python leaves unordered) after
/// every number: a total order, so that a sort of scores never panics on bad data (Rust's sort
/// may panic on a comparison that is not one). Python's order of a list with a NaN follows its
/// merges and is not reproduced; the callers that must give Python's answer decline such a list.
pub fn float_order(a: f64, b: f64) -> Ordering {
    a.partial_cmp(&b)
        .unwrap_or_else(|| a.is_nan().cmp(&b.is_nan()))
}

/// Descending by score, NaN last (`sorted(..., key=lambda x: -x[1])` on numbers).
pub fn best_first(a: f64, b: f64) -> Ordering {
    float_order(-a, -b)
}

// ----------------------------------------------------------------------------- Python's sum

/// `sum(values)` of Python floats from the start value `0`: left to right before Python 3.12,
/// Neumaier's compensated sum from 3.12 on (CPython's `builtin_sum_impl`).
pub fn py_sum(values: impl IntoIterator<Item = f64>, compensated: bool) -> f64 {
    let mut it = values.into_iter();
    let Some(first) = it.next() else {
        return 0.0;
    };
    // `0 + x` (an int and a float) is `0.0 + x`
    let mut total = 0.0 + first;
    let mut c = 0.0;
    for x in it {
        if compensated {
            let t = total + x;
            if total.abs() >= x.abs() {
                c += (total - t) + x;
            } else {
                c += (x - t) + total;
            }
            total = t;
        } else {
            total += x;
        }
    }
    if compensated && c != 0.0 && c.is_finite() {
        total += c;
    }
    total
}

// ----------------------------------------------------------------------------- the table

/// Inverse confusions: observed substring → (true substring, ln P(observed | true)), likeliest
/// first, in the order of Python's tuples (the stable sort of the options keeps it on ties).
type Inverse<K> = HashMap<K, Vec<(String, f64)>, FxBuild>;

/// `ErrorModel.table(profile)`: the inverse confusions by the observed substring's length
/// (`inv1`, `inv2`, `inv3`) and the ln probability of reading a character as itself (`ident`,
/// `ident_default` for the others). Built once per profile weight.
#[derive(Debug, Clone, Default)]
pub struct ConfusionTable {
    inv1: Inverse<char>,
    inv2: Inverse<[char; 2]>,
    inv3: Inverse<[char; 3]>,
    ident: HashMap<char, f64, FxBuild>,
    ident_default: f64,
    /// Python's `sum` of floats is compensated from 3.12 on (the lead/trail punctuation's score)
    pub compensated_sum: bool,
}

impl ConfusionTable {
    pub fn new(ident_default: f64) -> ConfusionTable {
        ConfusionTable {
            ident_default,
            ..ConfusionTable::default()
        }
    }

    /// Set `inv{width}[observed]`; `observed` must have `width` (1–3) code points, no true
    /// substring may be empty.
    pub fn set_inverse(
        &mut self,
        width: usize,
        observed: &str,
        options: Vec<(String, f64)>,
    ) -> Result<(), String> {
        if options.iter().any(|(a, _)| a.is_empty()) {
            return Err(format!("an empty true substring for {observed:?}"));
        }
        let cs: Vec<char> = observed.chars().collect();
        match (width, cs.as_slice()) {
            (1, &[a]) => self.inv1.insert(a, options),
            (2, &[a, b]) => self.inv2.insert([a, b], options),
            (3, &[a, b, c]) => self.inv3.insert([a, b, c], options),
            _ => return Err(format!("inv{width} has the key {observed:?}")),
        };
        Ok(())
    }

    pub fn set_ident(&mut self, c: char, logp: f64) {
        self.ident.insert(c, logp);
    }

    /// `ident.get(c, ident_default)`
    #[inline]
    pub fn ident(&self, c: char) -> f64 {
        self.ident.get(&c).copied().unwrap_or(self.ident_default)
    }

    fn inv1(&self, c: char) -> &[(String, f64)] {
        self.inv1.get(&c).map_or(&[], Vec::as_slice)
    }

    fn inv2(&self, k: [char; 2]) -> &[(String, f64)] {
        self.inv2.get(&k).map_or(&[], Vec::as_slice)
    }

    fn inv3(&self, k: [char; 3]) -> &[(String, f64)] {
        self.inv3.get(&k).map_or(&[], Vec::as_slice)
    }
}

// ----------------------------------------------------------------------------- the search

/// `lexicon.known`: compound analysis and case variants, which the core does not have yet.
pub type Known<'k> = Option<&'k mut dyn FnMut(&str) -> bool>;

/// How the search tests that a prefix starts a stored form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrefixTest {
    /// carry the transducer's state along the prefix (one step per added byte)
    Carry,
    /// `Lexicon::has_prefix` on every new prefix, from the root (the literal Python test)
    Walk,
}

/// One rewrite of the core at a position: `_options`' tuples.
#[derive(Debug, Clone)]
struct Opt<'t> {
    next: usize,
    text: Cow<'t, str>,
    /// `upper_first(text)` where that differs (a compound part's capitalised spelling)
    capital: Option<String>,
    chars: usize,
    lp: f64,
    cost: i64,
    lowered: bool,
}

impl<'t> Opt<'t> {
    fn new(next: usize, text: Cow<'t, str>, lp: f64, cost: i64, lowered: bool) -> Opt<'t> {
        let chars = text.chars().count();
        Opt {
            next,
            text,
            capital: None,
            chars,
            lp,
            cost,
            lowered,
        }
    }
}

/// `_ecost`: 1 for a confusion, 1 + RARE for a rare one.
fn ecost(lp: f64) -> i64 {
    if lp >= RARE_LOGP {
        1
    } else {
        1 + RARE
    }
}

/// `ErrorModel._options`: per position, the rewrites worst first (pushed first, popped last);
/// every `next` is at most the core's length. In a compound search each option also carries its
/// capitalised spelling (the prefix test of a part's first option).
fn options<'t>(
    core_str: &'t str,
    t: &'t ConfusionTable,
    max_edits: i64,
    compound: bool,
) -> Vec<Vec<Opt<'t>>> {
    let core: Vec<char> = core_str.chars().collect();
    let n = core.len();
    let mut opts = Vec::with_capacity(n);
    for ((pos, &c), (at, _)) in core.iter().enumerate().zip(core_str.char_indices()) {
        let own = core_str.get(at..at + c.len_utf8()).unwrap_or_default();
        let mut o = vec![Opt::new(pos + 1, Cow::Borrowed(own), t.ident(c), 0, false)];
        let conf =
            |next: usize, list: &'t [(String, f64)], o: &mut Vec<Opt<'t>>| {
                o.extend(list.iter().map(|(a, lp)| {
                    Opt::new(next, Cow::Borrowed(a.as_str()), *lp, ecost(*lp), false)
                }));
            };
        if max_edits != 0 {
            conf(pos + 1, t.inv1(c), &mut o);
            if let Some(&[a, b]) = core.get(pos..pos + 2) {
                conf(pos + 2, t.inv2([a, b]), &mut o);
            }
            if let Some(&[a, b, d]) = core.get(pos..pos + 3) {
                conf(pos + 3, t.inv3([a, b, d]), &mut o);
            }
        }
        if pos == 0 && char_is_upper(c) && n > 1 {
            // a capitalised token may be a lower-case word at the start of a sentence: search
            // the lower-case spelling too (same channel cost) and capitalise the result
            let lo = pystr::lower(c.encode_utf8(&mut [0; 4]));
            o.push(Opt::new(1, Cow::Owned(lo.clone()), t.ident(c), 0, true));
            if max_edits != 0 {
                let mut lc = lo.chars();
                if let (Some(l), None) = (lc.next(), lc.next()) {
                    for (a, lp) in t.inv1(l) {
                        if pystr::is_lower(a) {
                            o.push(Opt::new(
                                1,
                                Cow::Borrowed(a.as_str()),
                                *lp,
                                ecost(*lp),
                                true,
                            ));
                        }
                    }
                    // `inv2.get(lo + core[1])`: only a one-character `lo` makes a key of two
                    if let Some(&second) = core.get(1) {
                        for (a, lp) in t.inv2([l, second]) {
                            if a.chars().next().is_some_and(char_is_lower) {
                                o.push(Opt::new(
                                    2,
                                    Cow::Borrowed(a.as_str()),
                                    *lp,
                                    ecost(*lp),
                                    true,
                                ));
                            }
                        }
                    }
                }
            }
        }
        // stable, like Python's `sort(key=lambda x: x[2])`; no NaN comes from a table of logs
        o.sort_by(|x, y| float_order(x.lp, y.lp));
        if compound {
            for x in &mut o {
                x.capital = Some(upper_first(&x.text)).filter(|c| *c != x.text);
            }
        }
        opts.push(o);
    }
    opts
}

/// Where the prefix test stands for a search node.
#[derive(Debug, Clone, Copy)]
enum Part {
    /// the whole prefix's state (no compound part started yet)
    Whole(PrefixState),
    /// a compound part starts here (it is empty)
    Start,
    /// the current part's state, and its capitalised spelling's (`None`: no form starts so)
    Rest {
        plain: Option<PrefixState>,
        cap: Option<PrefixState>,
    },
}

/// A search node: `(pos, prefix, score, edits, seg, n_segs, lowered)` in Python, with the
/// prefix's length in code points and the current part's start in bytes.
struct Node {
    pos: usize,
    prefix: Rc<str>,
    prefix_chars: usize,
    score: f64,
    edits: i64,
    seg: usize,
    seg_byte: usize,
    nseg: u8,
    low: bool,
    part: Part,
}

/// `best_at`: the best (score, edits) per (position, lowered, part start) reached with one
/// prefix. The prefix is the map's key, shared with the stack's nodes (`Rc`), so that a lookup
/// borrows the new prefix from a scratch buffer and a prefix is copied once, when it is new.
type BestAt = HashMap<Rc<str>, Seen, FxBuild>;

/// One prefix's entries of `best_at`: nearly always one, kept inline.
struct Seen {
    first: (usize, bool, usize, f64, i64),
    more: Vec<(usize, bool, usize, f64, i64)>,
}

type Found = HashMap<String, f64, FxBuild>;

struct Search<'a, 'k> {
    core: &'a [char],
    core_str: &'a str,
    /// byte offset of each code point of the core, and its length at the end
    byte_at: &'a [usize],
    /// `tail[i]`: identity log-probability of `core[i:]`
    tail: &'a [f64],
    lex: &'a Lexicon,
    /// the transducer's root, where a compound's part starts
    root: PrefixCursor<'a>,
    known: &'a mut Known<'k>,
    test: PrefixTest,
    found: &'a mut Found,
    best: f64,
    floor: f64,
}

/// The decoded states a node's options step from.
enum Cursor<'a> {
    Whole(PrefixCursor<'a>),
    Start,
    Rest(Option<PrefixCursor<'a>>, Option<PrefixCursor<'a>>),
    Walk,
}

impl<'a> Search<'a, '_> {
    fn known(&mut self, word: &str) -> bool {
        match self.known {
            Some(f) => f(word),
            None => false,
        }
    }

    /// Record a word the search reached; raise the floor below the best one.
    fn reached(&mut self, word: String, score: f64, lowered: bool) {
        let word = if lowered { upper_first(&word) } else { word };
        if word != self.core_str && score > self.found.get(&word).copied().unwrap_or(-1e9) {
            self.found.insert(word, score);
            if score > self.best {
                self.best = score;
                self.floor = MIN_LOGP.max(self.best - MARGIN);
            }
        }
    }

    /// The prefix test for `pre2 = prefix + a`: on the whole prefix, or in a compound past its
    /// first part on the current part or its capitalised spelling. `Some`: passed, with the state
    /// to carry.
    fn prefix_ok(&self, node: &Node, cursor: &Cursor<'_>, o: &Opt) -> Option<Part> {
        let lex = self.lex;
        let a = &*o.text;
        let bytes = a.as_bytes();
        match cursor {
            Cursor::Walk => {
                let pre2 = format!("{}{a}", &*node.prefix);
                let pre2 = pre2.as_str();
                let ok = match node.part {
                    Part::Whole(_) => lex.has_prefix(pre2),
                    Part::Start | Part::Rest { .. } => {
                        let part = pre2.get(node.seg_byte..).unwrap_or("");
                        lex.has_prefix(part) || lex.has_prefix(&upper_first(part))
                    }
                };
                ok.then_some(node.part)
            }
            Cursor::Whole(c) => c.step(bytes).map(Part::Whole),
            Cursor::Start => {
                let plain = self.root.step(bytes);
                let cap = match &o.capital {
                    None => plain,
                    Some(capital) => self.root.step(capital.as_bytes()),
                };
                (plain.is_some() || cap.is_some()).then_some(Part::Rest { plain, cap })
            }
            Cursor::Rest(plain, cap) => {
                let plain = plain.as_ref().and_then(|c| c.step(bytes));
                let cap = cap.as_ref().and_then(|c| c.step(bytes));
                (plain.is_some() || cap.is_some()).then_some(Part::Rest { plain, cap })
            }
        }
    }

    /// A node's prefix state decoded once for all its options.
    fn cursor(&self, part: Part) -> Cursor<'a> {
        let lex = self.lex;
        match (self.test, part) {
            (PrefixTest::Walk, _) => Cursor::Walk,
            (PrefixTest::Carry, Part::Whole(s)) => Cursor::Whole(lex.prefix_cursor(s)),
            (PrefixTest::Carry, Part::Start) => Cursor::Start,
            (PrefixTest::Carry, Part::Rest { plain, cap }) => Cursor::Rest(
                plain.map(|s| lex.prefix_cursor(s)),
                cap.map(|s| lex.prefix_cursor(s)),
            ),
        }
    }

    /// `ErrorModel._search`: adds the words reached to `found`.
    fn run(&mut self, opts: &[Vec<Opt>], max_edits: i64, compound: bool) {
        let n = self.core.len();
        let budget = if compound {
            MAX_NODES_COMPOUND
        } else {
            MAX_NODES
        };
        let mut best_at = BestAt::with_capacity_and_hasher(512, FxBuild::default());
        // per call: `_is_part` is a pure function of the part (Python keeps it per lexicon)
        let mut parts: HashMap<String, bool, FxBuild> = HashMap::default();
        let mut stack = vec![Node {
            pos: 0,
            prefix: Rc::from(""),
            prefix_chars: 0,
            score: 0.0,
            edits: 0,
            seg: 0,
            seg_byte: 0,
            nseg: 0,
            low: false,
            part: Part::Whole(self.lex.prefix_root()),
        }];
        let mut nodes = 0u32;
        let mut pre2 = String::new();
        while let Some(node) = stack.pop() {
            // every position is at most n: `tail` has n + 1 entries, `opts` n
            if node.score + self.tail[node.pos] < self.floor {
                continue;
            }
            nodes += 1;
            if nodes > budget {
                break;
            }
            if node.pos == n {
                if node.edits == 0 && &*node.prefix == self.core_str {
                    continue;
                }
                let ok = if compound {
                    self.known(&node.prefix)
                } else {
                    self.lex.count(&node.prefix) > 0 || self.known(&node.prefix)
                };
                if ok {
                    self.reached(node.prefix.to_string(), node.score, node.low);
                }
                continue;
            }
            let cursor = self.cursor(node.part);
            for o in &opts[node.pos] {
                let s2 = node.score + o.lp;
                if s2 + self.tail[o.next] < self.floor {
                    continue;
                }
                let e2 = node.edits + o.cost;
                if e2 % RARE > max_edits || e2 >= 2 * RARE {
                    continue;
                }
                // the prefix test before the new prefix is made: it prunes most
                let Some(part2) = self.prefix_ok(&node, &cursor, o) else {
                    continue;
                };
                pre2.clear();
                pre2.push_str(&node.prefix);
                pre2.push_str(&o.text);
                let low2 = node.low || o.lowered;
                let entry = (o.next, low2, node.seg, s2, e2);
                let same = |x: &&mut (usize, bool, usize, f64, i64)| {
                    x.0 == o.next && x.1 == low2 && x.2 == node.seg
                };
                let shared = match best_at.get_key_value(pre2.as_str()) {
                    Some((key, _)) => Rc::clone(key),
                    None => Rc::from(pre2.as_str()),
                };
                match best_at.get_mut(pre2.as_str()) {
                    None => {
                        best_at.insert(
                            Rc::clone(&shared),
                            Seen {
                                first: entry,
                                more: Vec::new(),
                            },
                        );
                    }
                    Some(seen) => {
                        let Seen { first, more } = seen;
                        match std::iter::once(first).chain(more.iter_mut()).find(same) {
                            Some(prev) if prev.3 >= s2 && prev.4 <= e2 => continue,
                            Some(prev) => (prev.3, prev.4) = (s2, e2),
                            None => more.push(entry),
                        }
                    }
                }
                if e2 % RARE == max_edits && !compound {
                    // no edits left: only the identity tail remains, look the word up directly
                    let s3 = s2 + self.tail[o.next];
                    pre2.push_str(self.core_str.get(self.byte_at[o.next]..).unwrap_or(""));
                    if s3 >= self.floor
                        && pre2 != self.core_str
                        && (self.lex.count(&pre2) > 0 || self.known(&pre2))
                    {
                        self.reached(pre2.clone(), s3, low2);
                    }
                    continue;
                }
                let pre2_chars = node.prefix_chars + o.chars;
                // compound boundary after a known part of >= 4 letters (with or without Fugen-s)
                let boundary = compound
                    && node.nseg < 2
                    && n - o.next >= 3
                    && o.next as i64 - node.seg as i64 >= 3;
                let split = boundary && {
                    let part = pre2.get(node.seg_byte..).unwrap_or("");
                    match parts.get(part) {
                        Some(&known) => known,
                        None => {
                            let known = is_part(part, self.lex);
                            parts.insert(part.to_string(), known);
                            known
                        }
                    }
                };
                let next = Node {
                    pos: o.next,
                    prefix: Rc::clone(&shared),
                    prefix_chars: pre2_chars,
                    score: s2,
                    edits: e2,
                    seg: node.seg,
                    seg_byte: node.seg_byte,
                    nseg: node.nseg,
                    low: low2,
                    part: part2,
                };
                if split {
                    // pushed after the node that goes on with the same part: popped first
                    let seg_byte = pre2.len();
                    stack.push(Node {
                        prefix: Rc::clone(&shared),
                        ..next
                    });
                    stack.push(Node {
                        seg: pre2_chars,
                        seg_byte,
                        nseg: node.nseg + 1,
                        part: Part::Start,
                        prefix: shared,
                        ..next
                    });
                } else {
                    stack.push(next);
                }
            }
        }
    }
}

/// `_is_part`: could `part` be the first part of a compound: a stored word (any case), the word
/// with a linking -s/-es/-n/-en/-e, or a verb stem (`abstell` + en)?
fn is_part(part: &str, lex: &Lexicon) -> bool {
    let low = pystr::lower(part);
    if lex.count(part) > 0 || lex.count(&low) > 0 || lex.count(&upper_first(&low)) > 0 {
        return true;
    }
    let low_chars = low.chars().count();
    for link in ["s", "es", "n", "en", "e"] {
        if let Some(stem) = low.strip_suffix(link) {
            if low_chars >= link.len() + 3
                && (lex.count(stem) > 0 || lex.count(&upper_first(stem)) > 0)
            {
                return true;
            }
        }
    }
    lex.count(&format!("{low}en")) > 0 || lex.count(&format!("{low}n")) > 0
}

/// `ErrorModel._candidates(token, lexicon, profile, max_edits, limit)`: the lexicon words the OCR
/// could have read as `token`, with ln P(token | word), best first, at most `limit` (a negative
/// `limit` drops that many from the end, as Python's slice does). The token's punctuation at
/// either end is kept around each word; all-caps tokens get none.
pub fn candidates(
    token: &str,
    lex: &Lexicon,
    table: &ConfusionTable,
    max_edits: i64,
    limit: i64,
    known: Known<'_>,
) -> Vec<(String, f64)> {
    candidates_with(
        token,
        lex,
        table,
        max_edits,
        limit,
        known,
        PrefixTest::Carry,
    )
}

/// [`candidates`] with the prefix test chosen.
pub fn candidates_with(
    token: &str,
    lex: &Lexicon,
    table: &ConfusionTable,
    max_edits: i64,
    limit: i64,
    mut known: Known<'_>,
    test: PrefixTest,
) -> Vec<(String, f64)> {
    let is_punct = |c: char| PUNCT.contains(c);
    let core_str = token.trim_matches(is_punct);
    let core: Vec<char> = core_str.chars().collect();
    if core.len() < 2 {
        return Vec::new();
    }
    // the core is a slice of the token: the first non-punctuation character starts it
    let start = token.len() - token.trim_start_matches(is_punct).len();
    let lead = token.get(..start).unwrap_or("");
    let trail = token.get(start + core_str.len()..).unwrap_or("");
    let mut letters = core
        .iter()
        .copied()
        .filter(|&c| char_is_alpha(c))
        .peekable();
    let first = letters.next();
    if first.is_some()
        && letters.peek().is_some()
        && first.into_iter().chain(letters).all(char_is_upper)
    {
        return Vec::new();
    }

    let mut byte_at: Vec<usize> = core_str.char_indices().map(|(i, _)| i).collect();
    byte_at.push(core_str.len());
    let n = core.len();
    let mut tail = vec![0.0; n + 1];
    for i in (0..n).rev() {
        tail[i] = tail[i + 1] + table.ident(core[i]);
    }
    let mut found = Found::default();
    let search = |max_edits: i64, compound: bool, known: &mut Known<'_>, found: &mut Found| {
        let opts = options(core_str, table, max_edits, compound);
        Search {
            core: &core,
            core_str,
            byte_at: &byte_at,
            tail: &tail,
            lex,
            root: lex.prefix_cursor(lex.prefix_root()),
            known,
            test,
            found,
            best: -1e9,
            floor: MIN_LOGP,
        }
        .run(&opts, max_edits, compound);
    };
    search(max_edits, false, &mut known, &mut found);
    if found.is_empty() && n >= COMPOUND_MIN_LEN {
        if let Some(f) = known.as_mut() {
            if !f(core_str) {
                // compounds the lexicon does not store whole: prune on the current part only
                search(max_edits.min(2), true, &mut known, &mut found);
            }
        }
    }
    found.remove(core_str);
    let mut best: Vec<(String, f64)> = found.into_iter().collect();
    best.sort_by(|a, b| best_first(a.1, b.1).then_with(|| a.0.cmp(&b.0)));
    let keep = if limit >= 0 {
        usize::try_from(limit).unwrap_or(usize::MAX)
    } else {
        best.len()
            .saturating_sub(usize::try_from(limit.unsigned_abs()).unwrap_or(usize::MAX))
    };
    best.truncate(keep);
    if !lead.is_empty() || !trail.is_empty() {
        // the punctuation is read as itself: keep scores comparable with logp_identity(token)
        let extra = py_sum(
            lead.chars().chain(trail.chars()).map(|c| table.ident(c)),
            table.compensated_sum,
        );
        best = best
            .into_iter()
            .map(|(w, lp)| (format!("{lead}{w}{trail}"), lp + extra))
            .collect();
    }
    best
}

// ----------------------------------------------------------------------------- hashing

/// FxHash (rustc's): the maps here are per call, keyed by short strings the search made itself.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

const FX_K: u64 = 0x517c_c1b7_2722_0a95;

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(FX_K);
    }
}

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxBuild = BuildHasherDefault<Fx>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn lexicon() -> Lexicon {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        Lexicon::load(&dir, true).expect("the package's lexicon")
    }

    /// ii → ü, B → ß, a → ä (rare), rn → m; every other character read as itself at ln 0.99
    fn table() -> ConfusionTable {
        let mut t = ConfusionTable::new(0.99f64.ln());
        let opt = |a: &str, p: f64| (a.to_string(), p.ln());
        t.set_inverse(2, "ii", vec![opt("ü", 0.5)]).unwrap();
        t.set_inverse(1, "B", vec![opt("ß", 0.3), opt("B", 0.3)])
            .unwrap();
        t.set_inverse(1, "a", vec![opt("ä", 0.005)]).unwrap();
        t.set_inverse(2, "rn", vec![opt("m", 0.2)]).unwrap();
        t.set_ident('»', 0.999f64.ln());
        t
    }

    #[test]
    fn float_order_is_total_with_nan_last() {
        let mut v = [1.0, f64::NAN, -0.0, 3.0, 0.0, f64::NAN, -2.0];
        v.sort_by(|a, b| float_order(*a, *b));
        assert_eq!(&v[..5], &[-2.0, -0.0, 0.0, 1.0, 3.0]);
        assert!(v[5].is_nan() && v[6].is_nan());
        let mut w = [(1, 1.0), (2, f64::NAN), (3, 2.0), (4, 1.0)];
        w.sort_by(|a, b| best_first(a.1, b.1));
        assert_eq!(w.iter().map(|x| x.0).collect::<Vec<_>>(), [3, 1, 4, 2]);
    }

    #[test]
    fn python_sum() {
        assert_eq!(py_sum([0.1, 0.2, 0.3], false), 0.1 + 0.2 + 0.3);
        assert_eq!(py_sum([0.1, 0.2, 0.3], true), 0.6);
        assert_eq!(py_sum([], true), 0.0);
        assert_eq!(py_sum([-0.0], false).to_bits(), 0.0f64.to_bits());
    }

    #[test]
    fn finds_words_with_python_scores() {
        let (lex, t) = (lexicon(), table());
        let a = 0.99f64.ln();
        let got = candidates("fiir", &lex, &t, 3, 8, None);
        assert_eq!(got.first().map(|x| x.0.as_str()), Some("für"));
        // f read as itself, ii as ü, then r as itself: Python's order of additions
        assert_eq!(
            got[0].1.to_bits(),
            (((0.0 + a) + 0.5f64.ln()) + (0.0 + a)).to_bits()
        );
        // a capital searched in lower case too, capitalised again
        let got = candidates("Fiir", &lex, &t, 3, 8, None);
        assert_eq!(got.first().map(|x| x.0.as_str()), Some("Für"));
        // punctuation kept around, read as itself
        let got = candidates("»fiir,", &lex, &t, 3, 8, None);
        assert_eq!(got.first().map(|x| x.0.as_str()), Some("»für,"));
        let plain = candidates("fiir", &lex, &t, 3, 8, None)[0].1;
        assert_eq!(got[0].1, plain + (0.0 + 0.999f64.ln() + a));
        for nothing in ["", "f", "»f«", "FIIR", "ÜBER", "...", "\u{301}\u{301}"] {
            assert!(
                candidates(nothing, &lex, &t, 3, 8, None).is_empty(),
                "{nothing}"
            );
        }
        assert!(candidates("fiir", &lex, &t, 0, 8, None).is_empty());
        assert!(candidates("fiir", &lex, &t, 3, 0, None).is_empty());
        let all = candidates("groBe", &lex, &t, 3, 8, None);
        assert_eq!(
            candidates("groBe", &lex, &t, 3, -1, None),
            all[..all.len() - 1]
        );
        // best first, then by word
        assert!(all
            .windows(2)
            .all(|w| w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0)));
    }

    #[test]
    fn compound_mode_asks_known() {
        let (lex, t) = (lexicon(), table());
        let mut asked = Vec::new();
        let mut known = |w: &str| {
            asked.push(w.to_string());
            w == "Zeitungsbestände"
        };
        let got = candidates("Zeitungsbestande", &lex, &t, 3, 8, Some(&mut known));
        assert_eq!(got.first().map(|x| x.0.as_str()), Some("Zeitungsbestände"));
        assert!(
            asked.iter().any(|w| w == "Zeitungsbestande"),
            "the compound test"
        );
    }

    #[test]
    fn carried_state_and_walk_agree() {
        let (lex, t) = (lexicon(), table());
        for tok in [
            "fiir",
            "Fiir",
            "iiber",
            "groBe",
            "GroBe",
            "Strafe",
            "rnachen",
            "Miinchen",
            "Zeitungsbestande",
            "İstanbul",
            "ßtraße",
            "x\u{1F600}y",
            "e\u{301}tat",
        ] {
            for compound_known in [false, true] {
                let mut k1 = |w: &str| compound_known && w.ends_with("bestände");
                let mut k2 = |w: &str| compound_known && w.ends_with("bestände");
                let carry = candidates_with(tok, &lex, &t, 3, 8, Some(&mut k1), PrefixTest::Carry);
                let walk = candidates_with(tok, &lex, &t, 3, 8, Some(&mut k2), PrefixTest::Walk);
                assert_eq!(carry, walk, "{tok}");
            }
        }
    }

    #[test]
    fn bad_tables_are_errors() {
        let mut t = ConfusionTable::new(0.0);
        assert!(t.set_inverse(1, "ab", vec![]).is_err());
        assert!(t.set_inverse(2, "a", vec![]).is_err());
        assert!(t.set_inverse(4, "abcd", vec![]).is_err());
        assert!(t.set_inverse(1, "a", vec![(String::new(), 0.0)]).is_err());
        assert!(t.set_inverse(3, "abc", vec![("x".into(), -1.0)]).is_ok());
    }
}
