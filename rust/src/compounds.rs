//! The compound analysis of `korrektor/compounds.py` (`CompoundAnalysis`, a mixin of the Python
//! `Lexicon`): splits of a word the corpus never wrote whole into stored parts, and the compounds
//! one misread letter from a word.
//!
//! The heads and modifiers come from `lexicon_compounds.core`, written by the data build
//! ([`build_compounds_file`], which `scripts/build_compounds_core.py` calls through the bindings;
//! `scripts/build_langdata.py` runs that after writing the sources) from what the Python lexicon
//! loads: the modifiers of `lexicon_mod.marisa` (a trie Rust cannot read) and the heads of
//! `lexicon_head.txt`, each with its score exactly as Python computes it. Layout (little-endian):
//! * header, 96 bytes: magic, the lengths of the two transducers and of the two score tables, the
//!   byte sizes of the five source files (is the image current?);
//! * the modifiers: an `fst::Map`, key → index of its score;
//! * the heads: an `fst::Map`, key → `flags << 32 | index of its score`;
//! * the modifiers' scores, the heads' scores: distinct `f64` values.
//!
//! Why the scores are stored as numbers and not computed from the counts: Python's are
//! `numpy.log1p` of the counts, and numpy has its own `log1p` (SIMD; float32 for the modifiers'
//! `uint16` counts), which differs from the C library's in the last bit for thousands of counts.
//! `math.log1p` (of a noun's count, `_noun_count`) is the C library's, as is `f64::ln_1p`.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use fst::raw::Fst;
use fst::{Map, MapBuilder};

use crate::forms::{confusion_twins, Forms};
use crate::lexicon::Error;
use crate::pystr;

pub const COMPOUNDS_FILE: &str = "lexicon_compounds.core";
/// The files `lexicon_compounds.core` is written from (their sizes are in its header).
pub const SOURCE_FILES: [&str; 5] = [
    "lexicon_mod.marisa",
    "lexicon_mod_score.npy",
    "lexicon_head.txt",
    "lexicon_head_flags.npy",
    "lexicon_head_count.npy",
];
const MAGIC: &[u8; 8] = b"KRKCMP\x00\x01";
const HEADER_LEN: usize = 96;

const HEAD_NOUN: u8 = 1;
const HEAD_LOWER: u8 = 2;
const MIN_STORED_HEAD: usize = 5;
const MIN_PART: usize = 3;
const MIN_PROTECTED_MODIFIER: usize = 4;
const LINKING_ELEMENTS: [&str; 5] = ["", "s", "n", "en", "es"];
const MIN_NOUN_SHARE: f64 = 0.25;
const REGULAR_PLURALS: [(&str, &str); 5] = [
    ("ungen", "ung"),
    ("heiten", "heit"),
    ("keiten", "keit"),
    ("schaften", "schaft"),
    ("innen", "in"),
];
/// How deep the umlaut restorations of `_fewer_parts_restored` may nest (each level restores one
/// more umlaut). Python has no such bound but its recursion limit; a real word never comes near.
const MAX_RESTORED: usize = 32;

/// The umlauts a letter may have lost (`_UMLAUT`).
fn umlauts(c: char) -> &'static [char] {
    match c {
        'a' => &['ä'],
        'o' => &['ö'],
        'u' => &['ü'],
        'A' => &['Ä'],
        'O' => &['Ö'],
        'U' => &['Ü'],
        'é' => &['ä', 'ö'],
        _ => &[],
    }
}

/// `_twins`: `x` with one a/o/u/é (A/O/U) made an umlaut, or one "ss" made "ß".
pub fn twins(x: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in x.char_indices() {
        for &u in umlauts(c) {
            let mut t = String::with_capacity(x.len() + 2);
            t.push_str(&x[..i]);
            t.push(u);
            t.push_str(&x[i + c.len_utf8()..]);
            out.push(t);
        }
    }
    // "ss" is ASCII: its byte positions are character boundaries, overlapping matches included
    for (i, pair) in x.as_bytes().windows(2).enumerate() {
        if pair == b"ss" {
            if let (Some(a), Some(b)) = (x.get(..i), x.get(i + 2..)) {
                out.push(format!("{a}ß{b}"));
            }
        }
    }
    out
}

/// `_misread`: every `s` with one character replaced by another of `letters`.
fn misread(s: &str, letters: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        for l in letters.chars().filter(|&l| l != c) {
            let mut t = String::with_capacity(s.len() + 4);
            t.push_str(&s[..i]);
            t.push(l);
            t.push_str(&s[i + c.len_utf8()..]);
            out.push(t);
        }
    }
    out
}

/// `_singular_of_regular_plural`: the capitalised singular of a lower-cased plural with a suffix of
/// regular plural after three letters or more, or "".
fn singular_of_regular_plural(low: &str) -> String {
    for (plural, singular) in REGULAR_PLURALS {
        if let Some(stem) = low.strip_suffix(plural) {
            if pystr::len(stem) >= 3 {
                let (first, rest) = pystr::split_first(stem);
                return pystr::upper(first) + rest + singular;
            }
        }
    }
    String::new()
}

/// Python's `s[a:b]` in code points, by the byte offsets of the code points (`offsets[i]`: where
/// the `i`-th starts; one more for the end); clamped as Python clamps.
fn slice<'a>(s: &'a str, offsets: &[usize], a: usize, b: usize) -> &'a str {
    let end = offsets.last().copied().unwrap_or(0);
    let at = |i: usize| offsets.get(i).copied().unwrap_or(end);
    let (a, b) = (at(a), at(b));
    s.get(a..b.max(a)).unwrap_or("")
}

fn char_offsets(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

/// The image's bytes, for the two transducers.
type Part = std::sync::Arc<Vec<u8>>;

#[derive(Clone)]
struct Slice {
    bytes: Part,
    start: usize,
    end: usize,
}

impl AsRef<[u8]> for Slice {
    fn as_ref(&self) -> &[u8] {
        self.bytes.get(self.start..self.end).unwrap_or(&[])
    }
}

/// The compound heads and modifiers with their scores.
pub struct Compounds {
    mods: Map<Slice>,
    heads: Map<Slice>,
    mod_scores: Vec<f64>,
    head_scores: Vec<f64>,
}

fn u64_at(b: &[u8], i: usize) -> Option<u64> {
    let w = b.get(8 * i..8 * i + 8)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(w);
    Some(u64::from_le_bytes(a))
}

fn source_sizes(dir: &Path) -> Vec<u64> {
    // a missing source counts as size 0: the image alone is enough to answer
    SOURCE_FILES
        .iter()
        .map(|f| fs::metadata(dir.join(f)).map_or(0, |m| m.len()))
        .collect()
}

impl Compounds {
    /// Read `dir/lexicon_compounds.core`; an error if it is missing or was written from other
    /// source files than those in `dir` (rebuild it: `scripts/build_compounds_core.py`).
    pub fn load(dir: &Path) -> Result<Compounds, Error> {
        let path = dir.join(COMPOUNDS_FILE);
        let bytes = fs::read(&path).map_err(|e| Error::Io(path.clone(), e))?;
        let bad = |what: &str| Error::Data(format!("{}: {what}", path.display()));
        if bytes.len() < HEADER_LEN || bytes.get(..8) != Some(&MAGIC[..]) {
            return Err(bad("not a korrektor compound image"));
        }
        let word = |i| u64_at(&bytes, i).and_then(|v| usize::try_from(v).ok());
        let (Some(mods_len), Some(heads_len), Some(n_mod), Some(n_head)) =
            (word(1), word(2), word(3), word(4))
        else {
            return Err(bad("bad header"));
        };
        let sizes: Vec<u64> = (5..10).filter_map(|i| u64_at(&bytes, i)).collect();
        let current = source_sizes(dir);
        if current.iter().any(|&s| s != 0) && sizes != current {
            return Err(bad(
                "stale (written from other compound data): run scripts/build_compounds_core.py",
            ));
        }
        let mods_end = HEADER_LEN.checked_add(mods_len);
        let heads_end = mods_end.and_then(|e| e.checked_add(heads_len));
        let mod_scores_end = heads_end.and_then(|e| e.checked_add(n_mod.checked_mul(8)?));
        let end = mod_scores_end.and_then(|e| e.checked_add(n_head.checked_mul(8)?));
        let (Some(mods_end), Some(heads_end), Some(mod_scores_end), Some(end)) =
            (mods_end, heads_end, mod_scores_end, end)
        else {
            return Err(bad("bad header"));
        };
        if end != bytes.len() {
            return Err(bad("length does not match its header"));
        }
        let floats = |a: usize, b: usize| -> Vec<f64> {
            bytes
                .get(a..b)
                .unwrap_or(&[])
                .chunks_exact(8)
                .map(|c| {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(c);
                    f64::from_le_bytes(w)
                })
                .collect()
        };
        let mod_scores = floats(heads_end, mod_scores_end);
        let head_scores = floats(mod_scores_end, end);
        let bytes = std::sync::Arc::new(bytes);
        let part = |start, end| Slice {
            bytes: std::sync::Arc::clone(&bytes),
            start,
            end,
        };
        let mods = Map::new(part(HEADER_LEN, mods_end)).map_err(|e| bad(&e.to_string()))?;
        let heads = Map::new(part(mods_end, heads_end)).map_err(|e| bad(&e.to_string()))?;
        Ok(Compounds {
            mods,
            heads,
            mod_scores,
            head_scores,
        })
    }

    /// `_heads.get(key)`: the head's flags and score. (A value outside the table, which only a
    /// corrupt file has, reads as no head: the load does not walk every key to rule it out.)
    #[inline]
    pub fn head(&self, key: &str) -> Option<(u8, f64)> {
        let v = self.heads.get(key)?;
        let score = *self.head_scores.get((v & 0xFFFF_FFFF) as usize)?;
        Some(((v >> 32) as u8, score))
    }

    /// The score of the modifier `key` (`_mod_score[_mods[key]]`), if it is one.
    #[inline]
    pub fn modifier(&self, key: &str) -> Option<f64> {
        let v = self.mods.get(key)?;
        self.mod_scores.get(v as usize).copied()
    }

    /// The modifiers that are prefixes of `s`, shortest first (as marisa's `prefixes` and
    /// `iter_prefixes_with_ids` yield them): their lengths in bytes and their scores.
    pub fn modifier_prefixes(&self, s: &str) -> Vec<(usize, f64)> {
        prefixes(self.mods.as_fst(), s)
            .into_iter()
            .filter_map(|(n, v)| Some((n, *self.mod_scores.get(v as usize)?)))
            .collect()
    }

    pub fn n_modifiers(&self) -> usize {
        self.mods.len()
    }

    pub fn n_heads(&self) -> usize {
        self.heads.len()
    }
}

/// The keys of `fst` that are prefixes of `s` (the empty key too), shortest first: their lengths
/// in bytes and their values.
pub(crate) fn prefixes<D: AsRef<[u8]>>(fst: &Fst<D>, s: &str) -> Vec<(usize, u64)> {
    let mut out = Vec::new();
    let mut node = fst.root();
    let mut value = 0u64;
    if node.is_final() {
        out.push((0, node.final_output().value()));
    }
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let Some(t) = node.find_input(b) else {
            break;
        };
        let t = node.transition(t);
        value = value.wrapping_add(t.out.value());
        node = fst.node(t.addr);
        if node.is_final() {
            out.push((i + 1, value.wrapping_add(node.final_output().value())));
        }
    }
    out
}

/// Write `lexicon_compounds.core` to `out` (atomically: a temporary file renamed) from the
/// modifiers with their scores and the heads with their flags and scores, as the Python lexicon
/// loads them; `dir` holds the source files (their sizes go into the header). Returns the
/// numbers of modifiers and heads.
pub fn build_compounds_file(
    dir: &Path,
    out: &Path,
    mods: &[(String, f64)],
    heads: &[(String, u8, f64)],
) -> Result<(usize, usize), Error> {
    fn table(scores: impl Iterator<Item = f64>) -> (Vec<f64>, HashMap<u64, u64>) {
        let mut bits: Vec<u64> = scores.map(f64::to_bits).collect();
        bits.sort_unstable();
        bits.dedup();
        let index = bits
            .iter()
            .enumerate()
            .map(|(i, &b)| (b, i as u64))
            .collect();
        (bits.into_iter().map(f64::from_bits).collect(), index)
    }
    let (mod_scores, mod_index) = table(mods.iter().map(|m| m.1));
    let (head_scores, head_index) = table(heads.iter().map(|h| h.2));
    let data = |e: fst::Error| Error::Data(e.to_string());

    let mut sorted: Vec<(&str, u64)> = mods
        .iter()
        .map(|(k, s)| {
            (
                k.as_str(),
                mod_index.get(&s.to_bits()).copied().unwrap_or(0),
            )
        })
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut b = MapBuilder::memory();
    for w in sorted.windows(2) {
        if w[0].0 == w[1].0 {
            return Err(Error::Data(format!("modifier {:?} twice", w[0].0)));
        }
    }
    for (k, v) in sorted {
        b.insert(k, v).map_err(data)?;
    }
    let mods_fst = b.into_inner().map_err(data)?;

    let mut sorted: Vec<(&str, u64)> = heads
        .iter()
        .map(|(k, f, s)| {
            let i = head_index.get(&s.to_bits()).copied().unwrap_or(0);
            (k.as_str(), u64::from(*f) << 32 | i)
        })
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for w in sorted.windows(2) {
        if w[0].0 == w[1].0 {
            return Err(Error::Data(format!("head {:?} twice", w[0].0)));
        }
    }
    let mut b = MapBuilder::memory();
    for (k, v) in sorted {
        b.insert(k, v).map_err(data)?;
    }
    let heads_fst = b.into_inner().map_err(data)?;

    let mut image = Vec::new();
    image.extend_from_slice(MAGIC);
    for n in [
        mods_fst.len(),
        heads_fst.len(),
        mod_scores.len(),
        head_scores.len(),
    ] {
        image.extend_from_slice(&(n as u64).to_le_bytes());
    }
    for s in source_sizes(dir) {
        image.extend_from_slice(&s.to_le_bytes());
    }
    image.resize(HEADER_LEN, 0);
    image.extend_from_slice(&mods_fst);
    image.extend_from_slice(&heads_fst);
    for s in mod_scores.iter().chain(&head_scores) {
        image.extend_from_slice(&s.to_le_bytes());
    }
    let tmp = out.with_extension("core.tmp");
    let io_err = |e| Error::Io(tmp.clone(), e);
    let mut f = fs::File::create(&tmp).map_err(io_err)?;
    f.write_all(&image).map_err(io_err)?;
    f.sync_all().map_err(io_err)?;
    fs::rename(&tmp, out).map_err(|e| Error::Io(out.to_owned(), e))?;
    Ok((mods.len(), heads.len()))
}

/// A split: its parts as slices of the word.
pub type Split = Vec<String>;

/// The splits found while one call runs: `_fewer_parts_restored` asks for the splits of the
/// word's twins, whose twins ask again (Python keeps them in its memo of splits).
type Memo = HashMap<String, Option<Split>>;

/// Words whose split is kept (`_SPLIT_CACHE_MAX` in Python), and the longest word kept (bytes):
/// a bound on memory for endless unique input.
const SPLIT_CACHE_MAX: usize = 200_000;
const SPLIT_CACHE_MAX_WORD: usize = 96;

/// The splits asked for before, as Python's memo keeps them: bounded (emptied when full, as
/// `korrektor.memo.remember` does) and shared by threads (a mutex: the Python class is frozen and
/// shared; a split costs microseconds, a lock without contention nanoseconds). Every entry is a
/// pure function of its word, so a lost entry costs time, never a different answer.
#[derive(Default)]
pub struct SplitCache(Mutex<HashMap<Box<str>, Option<Split>>>);

impl SplitCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Box<str>, Option<Split>>> {
        // a poisoned lock (a panic elsewhere while it was held) still guards a consistent map:
        // entries are inserted whole
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, word: &str) -> Option<Option<Split>> {
        self.lock().get(word).cloned()
    }

    fn put(&self, word: &str, split: &Option<Split>) {
        let mut map = self.lock();
        if map.len() >= SPLIT_CACHE_MAX {
            map.clear();
        }
        map.insert(word.into(), split.clone());
    }

    /// How many splits are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The best segmentation from one position: (parts, -score, the next cut).
#[derive(Clone, Copy)]
struct Best {
    parts: usize,
    neg_score: f64,
    next: Option<usize>,
}

impl Best {
    /// Python's `cand[:2] < res[:2]`: fewer parts, then the higher score; the first found stays
    /// on a tie.
    fn better_than(&self, other: &Best) -> bool {
        self.parts < other.parts || (self.parts == other.parts && self.neg_score < other.neg_score)
    }
}

impl Forms {
    /// `compound_split`: the parts of a compound of known parts ("Kinderbetreuungsplatzausbau" →
    /// "Kinderbetreuungs", "platz", "ausbau"), or `None`.
    pub fn compound_split(&self, word: &str) -> Option<Split> {
        if word.len() > SPLIT_CACHE_MAX_WORD {
            return self.split(word, &mut Memo::new(), 0);
        }
        if let Some(hit) = self.split_cache.get(word) {
            return hit;
        }
        let res = self.split(word, &mut Memo::new(), 0);
        self.split_cache.put(word, &res);
        res
    }

    fn split(&self, word: &str, memo: &mut Memo, depth: usize) -> Option<Split> {
        if let Some(hit) = memo.get(word) {
            return hit.clone();
        }
        let res = if word.contains('-') {
            self.split_hyphenated(word, memo, depth)
        } else {
            self.split_solid(word, memo, depth)
        };
        memo.insert(word.to_owned(), res.clone());
        res
    }

    fn split_hyphenated(&self, word: &str, memo: &mut Memo, depth: usize) -> Option<Split> {
        let pieces: Vec<&str> = word.split('-').collect();
        if pieces.iter().any(|p| p.is_empty()) {
            return None;
        }
        let mut out = Vec::new();
        let last = pieces.len() - 1;
        for (i, p) in pieces.iter().enumerate() {
            let mut parts = if self.piece_known(p) {
                vec![(*p).to_owned()]
            } else {
                self.split_solid(p, memo, depth)?
            };
            if i < last {
                if let Some(end) = parts.last_mut() {
                    end.push('-');
                }
            }
            out.extend(parts);
        }
        if self.shadowed_twin(word) {
            None
        } else {
            Some(out)
        }
    }

    /// `_piece_known`: a hyphen-separated piece is a stored form (or case variant) and not the
    /// rarer umlaut-less twin of a form, nor an OCR misreading of a much more frequent one.
    pub fn piece_known(&self, piece: &str) -> bool {
        let mut c = self.get0(piece);
        if c == 0 {
            let Some(v) = self.variant(piece) else {
                return false;
            };
            c = self.get0(&v);
        }
        !(twins(piece).iter().any(|t| self.get0(t) > c)
            || confusion_twins(piece).any(|t| self.get0(&t) > c.saturating_mul(10)))
    }

    fn split_solid(&self, word: &str, memo: &mut Memo, depth: usize) -> Option<Split> {
        let n = pystr::len(word);
        if n < 2 * MIN_PART || !pystr::is_alpha(word) {
            return None;
        }
        let need;
        let (_, rest) = pystr::split_first(word);
        if pystr::is_upper(word) {
            need = HEAD_NOUN | HEAD_LOWER;
        } else if pystr::first_is_upper(word) {
            need = HEAD_NOUN;
            if !pystr::is_lower(rest) && rest.chars().any(pystr::char_is_upper) {
                return None; // "derStaat": a lost space, not a compound
            }
        } else {
            need = HEAD_LOWER;
            if !pystr::is_lower(word) && word.chars().any(pystr::char_is_upper) {
                return None;
            }
        }
        let low = pystr::lower(word);
        let lo = char_offsets(&low);
        if lo.len() != n + 1 {
            return None; // the case mapping changed the length ("ẞ"): slices would not align
        }
        let wo = char_offsets(word);
        let at = |i: usize| lo.get(i).copied().unwrap_or(low.len());
        let nouns = need & HEAD_NOUN != 0 && !self.protected_nouns.is_empty();

        // The positions the modifier chains from the start reach, with the ways on from each
        // (in Python's order: the protected nouns first, then the modifiers, shortest first);
        // then the best segmentation of each from the end back (Python recurses from the start
        // and memoises: the same results, without a stack as deep as the word is long).
        let mut reached = vec![false; n + 1];
        let mut edges: Vec<Vec<(usize, Option<f64>)>> = vec![Vec::new(); n + 1];
        reached[0] = true;
        for i in 0..n {
            if !reached[i] {
                continue;
            }
            let mut out = Vec::new();
            if i == 0 && nouns {
                for j in self.protected_modifiers(&low, &lo) {
                    out.push((j, None));
                }
            }
            let tail = low.get(at(i)..).unwrap_or("");
            for (bytes, score) in self.compounds.modifier_prefixes(tail) {
                let Ok(j) = lo.binary_search(&(at(i) + bytes)) else {
                    continue;
                };
                let len_a = j - i;
                // three-letter modifiers only lead a word: inside one they mostly come from a
                // misread longer part ("Landes|vor|fassungs...")
                if n - j < MIN_PART || (i > 0 && len_a == MIN_PART) {
                    continue;
                }
                out.push((j, Some(score)));
            }
            for &(j, _) in &out {
                if let Some(r) = reached.get_mut(j) {
                    *r = true;
                }
            }
            edges[i] = out;
        }
        let mut best: Vec<Option<Best>> = vec![None; n + 1];
        for i in (0..n).rev() {
            if !reached[i] {
                continue;
            }
            let mut res: Option<Best> = None;
            if i > 0 {
                let tail = low.get(at(i)..).unwrap_or("");
                let mut h = self.compounds.head(tail);
                if h.is_none_or(|(f, _)| f & need == 0)
                    && need & HEAD_NOUN != 0
                    && n - i >= MIN_STORED_HEAD
                {
                    let c = self.noun_count(tail);
                    if c != 0 {
                        h = Some((HEAD_NOUN, (c as f64).ln_1p()));
                    }
                }
                if let Some((f, score)) = h {
                    if f & need != 0 {
                        res = Some(Best {
                            parts: 1,
                            neg_score: -score,
                            next: None,
                        });
                    }
                }
            }
            for &(j, score) in &edges[i] {
                let Some(sub) = best.get(j).copied().flatten() else {
                    continue;
                };
                let cand = Best {
                    parts: sub.parts + 1,
                    neg_score: match score {
                        Some(s) => sub.neg_score - s,
                        None => sub.neg_score,
                    },
                    next: Some(j),
                };
                if res.as_ref().is_none_or(|r| cand.better_than(r)) {
                    res = Some(cand);
                }
            }
            best[i] = res;
        }
        best[0]?;
        if self.shadowed_twin(word) {
            return None;
        }
        let mut cuts = vec![0usize];
        let mut i = 0;
        while let Some(j) = best.get(i).copied().flatten().and_then(|b| b.next) {
            cuts.push(j);
            i = j;
        }
        cuts.push(n);
        // A part whose umlaut twin is a more frequent part of the same kind makes the word a
        // likely OCR-damaged compound ("Arbeitsausfalle": "fälle" beats "falle").
        let last = cuts.len() - 2;
        for (k, w) in cuts.windows(2).enumerate() {
            let part = slice(&low, &lo, w[0], w[1]);
            if k == last {
                let own = match self.compounds.head(part) {
                    Some((f, s)) if f & need != 0 => s,
                    _ => (self.noun_count(part) as f64).ln_1p(),
                };
                if twins(part)
                    .iter()
                    .any(|t| self.compounds.head(t).map_or(-1.0, |h| h.1) > own)
                {
                    return None;
                }
            } else if let Some(own) = self.compounds.modifier(part) {
                if twins(part)
                    .iter()
                    .any(|t| self.compounds.modifier(t).is_some_and(|s| s > own))
                {
                    return None;
                }
            }
        }
        if cuts.len() > 3 && self.fewer_parts_restored_in(word, cuts.len() - 1, memo, depth) {
            return None;
        }
        Some(
            cuts.windows(2)
                .map(|w| slice(word, &wo, w[0], w[1]).to_owned())
                .collect(),
        )
    }

    /// `_protected_modifiers`: where the modifier ends for each way the lower-cased word starts
    /// with a protected noun and a linking element (not the noun's own last letter again).
    fn protected_modifiers(&self, low: &str, lo: &[usize]) -> Vec<usize> {
        let n = lo.len() - 1;
        let mut out = Vec::new();
        for (bytes, _) in prefixes(self.protected_nouns.as_fst(), low) {
            let Ok(j) = lo.binary_search(&bytes) else {
                continue;
            };
            if j < MIN_PROTECTED_MODIFIER {
                continue;
            }
            let noun_last = low.get(..bytes).and_then(|s| s.chars().next_back());
            let after = low.get(bytes..).unwrap_or("");
            for link in LINKING_ELEMENTS {
                let link_first = link.chars().next();
                if after.starts_with(link)
                    && (link_first.is_none() || noun_last != link_first)
                    && n >= j + link.len() + MIN_PART
                {
                    out.push(j + link.len());
                }
            }
        }
        out
    }

    /// `_fewer_parts_restored`: does `word` with one umlaut restored make a compound of fewer
    /// than `parts` parts?
    pub fn fewer_parts_restored(&self, word: &str, parts: usize) -> bool {
        self.fewer_parts_restored_in(word, parts, &mut Memo::new(), 0)
    }

    fn fewer_parts_restored_in(
        &self,
        word: &str,
        parts: usize,
        memo: &mut Memo,
        depth: usize,
    ) -> bool {
        if depth >= MAX_RESTORED {
            return false;
        }
        twins(word).iter().any(|t| {
            self.split(t, memo, depth + 1)
                .is_some_and(|s| s.len() < parts)
        })
    }

    /// `_noun_count`: how often the corpus writes the lower-cased `low` as a noun.
    pub fn noun_count(&self, low: &str) -> u64 {
        let capital = self.get0(&pystr::upper_first(low));
        if capital != 0 && capital as f64 >= MIN_NOUN_SHARE * self.get0(low) as f64 {
            return capital;
        }
        let singular = singular_of_regular_plural(low);
        if singular.is_empty() {
            0
        } else {
            self.get0(&singular)
        }
    }

    /// `_shadowed`: a stored form is one restored umlaut/ß or one undone OCR confusion away.
    pub fn shadowed_twin(&self, word: &str) -> bool {
        twins(word).iter().any(|t| self.stored(t)) || confusion_twins(word).any(|t| self.stored(&t))
    }

    /// `word_and_head`: a stored word (in any case) followed by a compound head.
    pub fn word_and_head(&self, word: &str) -> bool {
        let low = pystr::lower(word);
        let lo = char_offsets(&low);
        let n = pystr::len(word);
        let need = if pystr::first_is_upper(word) {
            HEAD_NOUN
        } else {
            HEAD_LOWER
        };
        for i in MIN_PART + 1..(n + 1).saturating_sub(MIN_STORED_HEAD) {
            let tail = slice(&low, &lo, i, usize::MAX);
            if self
                .compounds
                .head(tail)
                .is_some_and(|(f, _)| f & need != 0)
            {
                let left = slice(&low, &lo, 0, i);
                if self.stored(left) || self.stored(&pystr::capitalize(left)) {
                    return true;
                }
            }
        }
        false
    }

    /// `compounds_one_edit_away`: compounds with one letter of `word` misread as another of
    /// `letters` inside one part, in `word`'s case, sorted.
    pub fn compounds_one_edit_away(&self, word: &str, letters: &str) -> Vec<String> {
        let n = pystr::len(word);
        if n < 2 * MIN_PART + 1 || !pystr::is_alpha(word) {
            return Vec::new();
        }
        let low = pystr::lower(word);
        let lo = char_offsets(&low);
        if lo.len() != n + 1 {
            return Vec::new();
        }
        let is_word = |part: &str| {
            self.is_form(part) || self.is_form(&pystr::capitalize(part)) || self.is_protected(part)
        };
        let mut found: Vec<String> = Vec::new();
        for (bytes, _) in self.compounds.modifier_prefixes(&low) {
            let Ok(i) = lo.binary_search(&bytes) else {
                continue;
            };
            let (Some(a), Some(tail)) = (low.get(..bytes), low.get(bytes..)) else {
                continue;
            };
            if n - i >= MIN_STORED_HEAD && !is_word(tail) {
                for h in misread(tail, letters) {
                    if self.compounds.head(&h).is_some() {
                        found.push(format!("{a}{h}"));
                    }
                }
            }
        }
        let end = (n + 1).saturating_sub(MIN_STORED_HEAD).max(MIN_PART);
        for &b in lo.get(MIN_PART..end).unwrap_or(&[]) {
            let (Some(head), Some(tail)) = (low.get(..b), low.get(b..)) else {
                continue;
            };
            if self.compounds.head(tail).is_some() && !is_word(head) {
                for m in misread(head, letters) {
                    if self.compounds.modifier(&m).is_some() {
                        found.push(m + tail);
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        let capital = pystr::first_is_upper(word);
        found
            .into_iter()
            .filter(|w| *w != low)
            .map(|w| if capital { pystr::upper_first(&w) } else { w })
            .filter(|c| self.compound_split(c).is_some())
            .collect()
    }

    /// `Lexicon.known`: the exact form, a case or spelling variant of one, a protected form, a
    /// compound (in either spelling), or the old spelling of a protected word.
    pub fn known(&self, word: &str) -> bool {
        if self.stored(word) {
            return true;
        }
        if word.contains('\'') && self.stored(&word.replace('\'', "\u{2019}")) {
            return true;
        }
        if self.variant(word).is_some()
            || self.is_protected(word)
            || self.compound_split(word).is_some()
        {
            return true;
        }
        modern_known(self, word)
    }
}

fn modern_known(forms: &Forms, word: &str) -> bool {
    crate::forms::modern_spelling(word)
        .is_some_and(|m| forms.is_protected(&m) || forms.compound_split(&m).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlaut_twins() {
        assert_eq!(twins("Hauss"), ["Häuss", "Haüss", "Hauß"]);
        assert_eq!(twins("ésss"), ["ässs", "össs", "éßs", "ésß"]);
        assert!(twins("").is_empty());
    }

    #[test]
    fn misreadings() {
        let mut m = misread("ab", "ab");
        m.sort();
        assert_eq!(m, ["aa", "bb"]);
    }

    #[test]
    fn plurals() {
        assert_eq!(singular_of_regular_plural("abbremsungen"), "Abbremsung");
        assert_eq!(singular_of_regular_plural("zungen"), "");
        assert_eq!(singular_of_regular_plural("fanatikerinnen"), "Fanatikerin");
        assert_eq!(singular_of_regular_plural(""), "");
    }

    #[test]
    fn slices_clamp() {
        let s = "Füße";
        let o = char_offsets(s);
        assert_eq!(slice(s, &o, 1, 3), "üß");
        assert_eq!(slice(s, &o, 3, 99), "e");
        assert_eq!(slice(s, &o, 9, 99), "");
        assert_eq!(slice(s, &o, 3, 1), "");
    }

    fn npy(descr: &str, values: &[u64], width: usize) -> Vec<u8> {
        let data: Vec<u8> = values
            .iter()
            .flat_map(|v| v.to_le_bytes()[..width].to_vec())
            .collect();
        crate::npy::npy_file(descr, &format!("({},)", values.len()), &data)
    }

    /// A data directory with a few forms, protected words, heads and modifiers.
    fn fixture() -> (std::path::PathBuf, Forms) {
        let dir = std::env::temp_dir().join(format!("korrektor-compounds-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let mut words = vec![
            ("Ausbau", 30),
            ("Haus", 200),
            ("Kinder", 100),
            ("Kommission", 80),
            ("Platz", 50),
            ("Prüfung", 90),
            ("UN", 40),
            ("dass", 1000),
            ("prüfung", 2),
            ("Staat", 70),
        ];
        words.sort();
        let text: String = words.iter().map(|(w, _)| format!("{w}\n")).collect();
        fs::write(dir.join("lexicon_words.txt"), text).unwrap();
        let counts: Vec<u64> = words.iter().map(|w| w.1).collect();
        fs::write(dir.join("lexicon_counts.npy"), npy("<u4", &counts, 4)).unwrap();
        let varieties: Vec<u64> = words.iter().map(|_| 1).collect();
        fs::write(dir.join("lexicon_varieties.npy"), npy("|u1", &varieties, 1)).unwrap();
        fs::write(dir.join("lexicon_supplement.tsv"), "Hörbüchern\t7\n").unwrap();
        fs::write(dir.join("lexicon_protected.txt"), "Salbei\nbraten\n").unwrap();
        let mods: Vec<(String, f64)> = [("kinder", 10.0), ("platz", 3.0), ("kind", 2.0)]
            .iter()
            .map(|&(k, c)| (k.to_string(), f64::ln_1p(c)))
            .collect();
        let heads: Vec<(String, u8, f64)> = [
            ("ausbau", HEAD_NOUN, 30.0),
            ("blätter", HEAD_NOUN, 12.0),
            ("erplatz", HEAD_NOUN, 1.0),
        ]
        .iter()
        .map(|&(k, f, c)| (k.to_string(), f, f64::ln_1p(c)))
        .collect();
        let out = dir.join(COMPOUNDS_FILE);
        assert_eq!(
            build_compounds_file(&dir, &out, &mods, &heads).unwrap(),
            (3, 3)
        );
        let forms = Forms::load(&dir, true).unwrap();
        (dir, forms)
    }

    #[test]
    fn splits_and_known() {
        let (dir, f) = fixture();
        let split = |w: &str| f.compound_split(w);
        assert_eq!(
            split("Kinderplatzausbau").unwrap(),
            ["Kinder", "platz", "ausbau"]
        );
        assert_eq!(split("Kinderausbau").unwrap(), ["Kinder", "ausbau"]);
        // a stored noun ends a compound ("Platz"); "kind|erplatz" has as few parts, but a
        // lower score
        assert_eq!(split("Kinderplatz").unwrap(), ["Kinder", "platz"]);
        assert_eq!(split("UN-Kommission").unwrap(), ["UN-", "Kommission"]);
        assert_eq!(split("Salbeiblätter").unwrap(), ["Salbei", "blätter"]);
        assert_eq!(
            split("kinderausbau"),
            None,
            "a lower-case word needs a lower-case head"
        );
        assert_eq!(split("KinderAusbau"), None, "a lost space, not a compound");
        assert_eq!(split("Kinderausbäu"), None);
        assert_eq!(split("-Kinder"), None);
        assert_eq!(split(""), None);
        assert!(f.known("daß") && f.known("Kinderplatzausbau") && f.known("Braten"));
        assert!(!f.known("Kinderausbäu") && !f.known(""));
        assert_eq!(f.variant("PRÜFUNG").as_deref(), Some("Prüfung"));
        assert_eq!(f.variant("Daß").as_deref(), Some("dass"));
        assert_eq!(f.variant("daß").as_deref(), Some("dass"));
        assert!(f.is_supplement("Hörbüchern") && !f.is_supplement("Haus"));
        assert_eq!(f.protected_nouns(), ["salbei"]);
        assert_eq!(
            f.compounds_one_edit_away("Kinderausbau", "a"),
            Vec::<String>::new()
        );
        assert_eq!(
            f.compounds_one_edit_away("Kinderausbao", "u"),
            ["Kinderausbau"]
        );
        assert!(f.word_and_head("Hausausbau") && !f.word_and_head("Hausbau"));
        assert_eq!(f.noun_count("platz"), 50);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stale_or_bad_image_is_an_error() {
        let dir =
            std::env::temp_dir().join(format!("korrektor-compounds-bad-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(COMPOUNDS_FILE), b"not an image").unwrap();
        assert!(matches!(Compounds::load(&dir), Err(Error::Data(_))));
        build_compounds_file(&dir, &dir.join(COMPOUNDS_FILE), &[], &[]).unwrap();
        assert!(Compounds::load(&dir).is_ok());
        fs::write(dir.join(SOURCE_FILES[0]), b"changed").unwrap();
        assert!(matches!(Compounds::load(&dir), Err(Error::Data(_))));
        fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(Compounds::load(&dir), Err(Error::Io(..))));
    }

    #[test]
    fn prefix_walk() {
        let map = Map::from_iter([("a", 1u64), ("ab", 2), ("abcd", 3), ("b", 4)]).unwrap();
        assert_eq!(prefixes(map.as_fst(), "abcde"), [(1, 1), (2, 2), (4, 3)]);
        assert!(prefixes(map.as_fst(), "").is_empty());
        assert!(prefixes(map.as_fst(), "x").is_empty());
    }
}
