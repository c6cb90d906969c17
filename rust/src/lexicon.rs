//! The lexicon's word forms and counts, for exact lookups and the prefix test.
//!
//! Sources, in the package's data directory (as `korrektor/lexicon.py` reads them):
//! * `lexicon_words.txt`: the stored forms, one a line, sorted; a form's id is its line number;
//! * `lexicon_counts.npy`: their counts (`<u4`), in the same order;
//! * `lexicon_supplement.tsv`: `form<TAB>count` of forms the corpus lacks (read unless the
//!   lexicon is loaded without its supplement; a form the corpus has is skipped).
//!
//! The compiled form, `lexicon.core`, one image that is memory-mapped as it is (every number
//! little-endian; the forms in byte order, `ordinal` = position in that order):
//! * header, 64 bytes: magic, the byte sizes of the three sources and an FNV-1a hash of their
//!   contents (is the image current?), the number of forms `n`, `table_bits`, the length of:
//! * the transducer (`fst::Set`) of the forms, for the prefix test (a walk down it);
//! * values, `n` × u64: `count | (id + 1) << 32` (id + 1 = 0: a supplementary form);
//! * offsets, `n + 1` × u32: where each form's bytes start in the blob;
//! * table, `2^table_bits` × u32: open addressing, linear probing, `ordinal + 1` (0: empty), at
//!   most half full (exact lookups: one hash, ~1.5 probes, one comparison of bytes);
//! * blob: the forms' bytes.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fst::{Set, SetBuilder};
use memmap2::Mmap;

use crate::npy;

pub const WORDS_FILE: &str = "lexicon_words.txt";
pub const COUNTS_FILE: &str = "lexicon_counts.npy";
pub const SUPPLEMENT_FILE: &str = "lexicon_supplement.tsv";
pub const CORE_FILE: &str = "lexicon.core";

const MAGIC: &[u8; 8] = b"KRKLEX\x00\x02";
const HEADER_LEN: usize = 64;
const COUNT_MASK: u64 = 0xFFFF_FFFF;

#[derive(Debug)]
pub enum Error {
    Io(PathBuf, io::Error),
    Data(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Data(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {}

fn data_err<T>(msg: impl Into<String>) -> Result<T, Error> {
    Err(Error::Data(msg.into()))
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(|e| Error::Io(path.to_owned(), e))
}

/// Read a byte of every page of `bytes`, so that all of a mapping is resident now rather than as
/// words first need its pages; returns the bytes covered.
pub(crate) fn touch_pages(bytes: &[u8]) -> usize {
    let sum = bytes
        .iter()
        .step_by(4096)
        .fold(0u8, |acc, b| acc.wrapping_add(*b));
    std::hint::black_box(sum);
    bytes.len()
}

/// The whole image (`lexicon.core`): mapped from the file, or built in memory.
enum Bytes {
    Mapped(Mmap),
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// The transducer's part of the image, for `fst::Set`.
struct FstPart {
    image: Arc<Bytes>,
    range: Range<usize>,
}

impl AsRef<[u8]> for FstPart {
    fn as_ref(&self) -> &[u8] {
        &(*self.image).as_ref()[self.range.clone()]
    }
}

/// How a [`Lexicon`] got its image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `lexicon.core` mapped into memory
    Mapped,
    /// built from the text sources at load (no `lexicon.core`, a stale one, or no supplement)
    Built,
}

/// What identifies the sources an image was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    sizes: [u64; 3],
    hash: u64,
}

fn source_paths(dir: &Path) -> [PathBuf; 3] {
    [WORDS_FILE, COUNTS_FILE, SUPPLEMENT_FILE].map(|f| dir.join(f))
}

/// The sources' sizes (a missing supplement counts as empty): cheap, checked at every load.
fn source_sizes(dir: &Path) -> Result<[u64; 3], Error> {
    let [w, c, s] = source_paths(dir);
    let size = |p: &Path| {
        fs::metadata(p)
            .map(|m| m.len())
            .map_err(|e| Error::Io(p.to_owned(), e))
    };
    Ok([size(&w)?, size(&c)?, if s.exists() { size(&s)? } else { 0 }])
}

fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hash of a form for the table (FxHash's step over 8-byte words; the slot is taken from the
/// product's high bits, which mix every input bit).
#[inline]
fn form_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    h
}

/// The corpus forms with their counts, and the supplement's forms the corpus lacks.
struct Sources {
    words: Vec<(String, u64)>,
    supplement: Vec<(String, u64)>,
    fingerprint: Fingerprint,
}

fn read_sources(dir: &Path, supplement: bool) -> Result<Sources, Error> {
    let [wp, cp, sp] = source_paths(dir);
    let words_raw = read(&wp)?;
    let counts_raw = read(&cp)?;
    let supp_raw = if sp.exists() { read(&sp)? } else { Vec::new() };
    let hash = [&words_raw, &counts_raw, &supp_raw]
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| fnv1a(h, b));
    let sizes = [words_raw.len(), counts_raw.len(), supp_raw.len()].map(|n| n as u64);

    let text = String::from_utf8(words_raw)
        .map_err(|e| Error::Data(format!("{WORDS_FILE}: not UTF-8: {e}")))?;
    let mut forms: Vec<&str> = text.split('\n').collect();
    if forms.last() == Some(&"") {
        forms.pop();
    }
    let counts =
        npy::read_uints(&counts_raw).map_err(|e| Error::Data(format!("{COUNTS_FILE}: {e}")))?;
    if counts.len() != forms.len() {
        return data_err(format!("{} counts for {} forms", counts.len(), forms.len()));
    }
    if let Some(c) = counts.iter().find(|&&c| c > COUNT_MASK) {
        return data_err(format!("count {c} does not fit 32 bits"));
    }
    let words: Vec<(String, u64)> = forms.iter().map(|w| w.to_string()).zip(counts).collect();

    let mut extra = Vec::new();
    if supplement && !supp_raw.is_empty() {
        let text = String::from_utf8(supp_raw)
            .map_err(|e| Error::Data(format!("{SUPPLEMENT_FILE}: not UTF-8: {e}")))?;
        let mut stored: Vec<&str> = forms.clone();
        stored.sort_unstable();
        for (n, line) in text.lines().enumerate() {
            let Some((form, count)) = line.split_once('\t') else {
                return data_err(format!("{SUPPLEMENT_FILE}:{}: no tab", n + 1));
            };
            let count: u64 = match count.trim().parse() {
                Ok(c) if c <= COUNT_MASK => c,
                _ => return data_err(format!("{SUPPLEMENT_FILE}:{}: bad count {count:?}", n + 1)),
            };
            if stored.binary_search(&form).is_err() {
                extra.push((form.to_string(), count));
            }
        }
    }
    Ok(Sources {
        words,
        supplement: extra,
        fingerprint: Fingerprint { sizes, hash },
    })
}

/// Where the sections of an image are (from its header).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    fingerprint: Fingerprint,
    n: usize,
    table_bits: u32,
    fst: Range<usize>,
    values: Range<usize>,
    offsets: Range<usize>,
    table: Range<usize>,
    blob: Range<usize>,
}

impl Layout {
    fn new(
        fingerprint: Fingerprint,
        n: usize,
        table_bits: u32,
        fst_len: usize,
        blob_len: usize,
    ) -> Layout {
        let fst = HEADER_LEN..HEADER_LEN + fst_len;
        let values = fst.end..fst.end + 8 * n;
        let offsets = values.end..values.end + 4 * (n + 1);
        let table = offsets.end..offsets.end + (4usize << table_bits);
        let blob = table.end..table.end + blob_len;
        Layout {
            fingerprint,
            n,
            table_bits,
            fst,
            values,
            offsets,
            table,
            blob,
        }
    }

    fn header(&self) -> Vec<u8> {
        let mut h = Vec::with_capacity(HEADER_LEN);
        h.extend_from_slice(MAGIC);
        for s in self.fingerprint.sizes {
            h.extend_from_slice(&s.to_le_bytes());
        }
        h.extend_from_slice(&self.fingerprint.hash.to_le_bytes());
        h.extend_from_slice(&(self.n as u64).to_le_bytes());
        h.extend_from_slice(&u64::from(self.table_bits).to_le_bytes());
        h.extend_from_slice(&(self.fst.len() as u64).to_le_bytes());
        h
    }

    /// The layout an image's header describes, if the image is one and has that length.
    fn parse(image: &[u8]) -> Option<Layout> {
        if image.len() < HEADER_LEN || &image[..8] != MAGIC {
            return None;
        }
        let word = |i: usize| read_u64(image, 1 + i);
        let fingerprint = Fingerprint {
            sizes: [word(0)?, word(1)?, word(2)?],
            hash: word(3)?,
        };
        let n = usize::try_from(word(4)?).ok()?;
        let table_bits = u32::try_from(word(5)?)
            .ok()
            .filter(|b| (1..40).contains(b))?;
        let fst_len = usize::try_from(word(6)?).ok()?;
        let fixed = HEADER_LEN
            .checked_add(fst_len)?
            .checked_add(n.checked_mul(12)?.checked_add(4)?)?
            .checked_add(4usize << table_bits)?;
        let blob_len = image.len().checked_sub(fixed)?;
        Some(Layout::new(fingerprint, n, table_bits, fst_len, blob_len))
    }
}

#[inline]
fn read_u32(bytes: &[u8], i: usize) -> Option<u32> {
    let b = bytes.get(4 * i..4 * i + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[inline]
fn read_u64(bytes: &[u8], i: usize) -> Option<u64> {
    let b = bytes.get(8 * i..8 * i + 8)?;
    let mut w = [0u8; 8];
    w.copy_from_slice(b);
    Some(u64::from_le_bytes(w))
}

/// The image for the sources: the header, the transducer of the forms, the values
/// and the forms' bytes in the forms' byte order, and an open-addressing hash table of the forms
/// (ordinal + 1 per slot, 0 empty; at most half full).
fn build_image(sources: &Sources) -> Result<Vec<u8>, Error> {
    let mut entries: Vec<(&str, u64)> = sources
        .words
        .iter()
        .enumerate()
        .map(|(id, (w, c))| (w.as_str(), c | ((id as u64 + 1) << 32)))
        .chain(sources.supplement.iter().map(|(w, c)| (w.as_str(), *c)))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut builder = SetBuilder::memory();
    let mut last: Option<&str> = None;
    for &(w, _) in &entries {
        if last == Some(w) {
            // the Python lexicon's dict keeps the last of a repeated form; the data has none
            return data_err(format!("form {w:?} stored twice"));
        }
        builder.insert(w).map_err(|e| Error::Data(e.to_string()))?;
        last = Some(w);
    }
    let fst = builder
        .into_inner()
        .map_err(|e| Error::Data(e.to_string()))?;

    let n = entries.len();
    if n >= u32::MAX as usize / 2 {
        return data_err("too many forms");
    }
    let table_bits = (2 * n).max(2).next_power_of_two().trailing_zeros();
    let blob_len: usize = entries.iter().map(|(w, _)| w.len()).sum();
    if blob_len > u32::MAX as usize {
        return data_err("forms too long");
    }
    let layout = Layout::new(sources.fingerprint, n, table_bits, fst.len(), blob_len);
    let mut image = layout.header();
    image.resize(HEADER_LEN, 0);
    image.extend_from_slice(&fst);
    for &(_, v) in &entries {
        image.extend_from_slice(&v.to_le_bytes());
    }
    let mut offset = 0u32;
    image.extend_from_slice(&offset.to_le_bytes());
    for &(w, _) in &entries {
        offset += w.len() as u32;
        image.extend_from_slice(&offset.to_le_bytes());
    }
    let mut table = vec![0u32; 1 << table_bits];
    let mask = table.len() - 1;
    for (ord, &(w, _)) in entries.iter().enumerate() {
        let mut i = slot_of(form_hash(w.as_bytes()), table_bits);
        while table[i] != 0 {
            i = (i + 1) & mask;
        }
        table[i] = ord as u32 + 1;
    }
    for s in table {
        image.extend_from_slice(&s.to_le_bytes());
    }
    for &(w, _) in &entries {
        image.extend_from_slice(w.as_bytes());
    }
    debug_assert_eq!(Layout::parse(&image), Some(layout));
    Ok(image)
}

#[inline]
fn slot_of(hash: u64, table_bits: u32) -> usize {
    (hash >> (64 - table_bits)) as usize
}

/// Write `lexicon.core` for the sources in `dir` to `out` (atomically: a temporary file renamed).
/// Returns the number of forms. Run by the data build after the lexicon's files change.
pub fn build_core_file(dir: &Path, out: &Path) -> Result<usize, Error> {
    let sources = read_sources(dir, true)?;
    let image = build_image(&sources)?;
    let tmp = out.with_extension("core.tmp");
    let io_err = |e| Error::Io(tmp.clone(), e);
    let mut f = fs::File::create(&tmp).map_err(io_err)?;
    f.write_all(&image).map_err(io_err)?;
    f.sync_all().map_err(io_err)?;
    fs::rename(&tmp, out).map_err(|e| Error::Io(out.to_owned(), e))?;
    Ok(sources.words.len() + sources.supplement.len())
}

/// The forms of the lexicon, their counts and ids, and the prefix test: exact lookups in a hash
/// table, prefixes in a transducer, both in one image (mapped or built). Read-only: one instance
/// is shared by any number of threads.
pub struct Lexicon {
    image: Arc<Bytes>,
    layout: Layout,
    set: Set<FstPart>,
    origin: Origin,
    supplement: bool,
}

impl Lexicon {
    /// Load from the data directory `dir`: map `dir/lexicon.core` if it was built from the
    /// sources there (their sizes match its header), else build the image from the sources in
    /// memory. Without the supplement the image is always built.
    pub fn load(dir: &Path, supplement: bool) -> Result<Lexicon, Error> {
        if supplement {
            if let Some(lex) = Self::load_mapped(dir)? {
                return Ok(lex);
            }
        }
        Self::build(dir, supplement)
    }

    /// Build the image from the text sources (~0.3 s; what `load` falls back to).
    pub fn build(dir: &Path, supplement: bool) -> Result<Lexicon, Error> {
        let image = build_image(&read_sources(dir, supplement)?)?;
        Self::from_image(
            Bytes::Owned(image),
            Origin::Built,
            supplement,
            Path::new("(built)"),
        )
    }

    fn from_image(
        bytes: Bytes,
        origin: Origin,
        supplement: bool,
        path: &Path,
    ) -> Result<Lexicon, Error> {
        let bad = |what: &str| Error::Data(format!("{}: {what}", path.display()));
        let layout = Layout::parse(bytes.as_ref()).ok_or_else(|| bad("not a korrektor lexicon"))?;
        let image = Arc::new(bytes);
        let set = Set::new(FstPart {
            image: Arc::clone(&image),
            range: layout.fst.clone(),
        })
        .map_err(|e| bad(&e.to_string()))?;
        if set.len() != layout.n {
            return Err(bad("transducer and table disagree"));
        }
        Ok(Lexicon {
            image,
            layout,
            set,
            origin,
            supplement,
        })
    }

    /// `dir/lexicon.core` mapped, if it is there and its sources' sizes match; `None` otherwise.
    fn load_mapped(dir: &Path) -> Result<Option<Lexicon>, Error> {
        let path = dir.join(CORE_FILE);
        let file = match fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::Io(path, e)),
        };
        // SAFETY: `Mmap::map` is unsafe because the mapping's bytes change if another process
        // writes the file while it is mapped. `lexicon.core` is the package's own read-only data:
        // nothing in korrektor writes it after installation, and the data build replaces it by
        // renaming a new file over it (`build_core_file`), which leaves existing mappings with
        // the old, unchanged inode. Its contents are only ever read as a byte slice through safe
        // code (the header's layout is checked against the file's length, `Map::new` checks the
        // transducer's header and footer, every read is bounds-checked), so even a corrupt file
        // gives an error or wrong answers, never undefined behaviour.
        let mmap = unsafe { Mmap::map(&file) }.map_err(|e| Error::Io(path.clone(), e))?;
        match Layout::parse(&mmap) {
            Some(layout) if layout.fingerprint.sizes != source_sizes(dir)? => Ok(None), // stale
            _ => Self::from_image(Bytes::Mapped(mmap), Origin::Mapped, true, &path).map(Some),
        }
    }

    /// Is `dir/lexicon.core` built from exactly the sources in `dir` (their contents hashed)?
    pub fn core_is_current(dir: &Path) -> Result<bool, Error> {
        let path = dir.join(CORE_FILE);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(Error::Io(path, e)),
        };
        let sources = read_sources(dir, true)?;
        Ok(Layout::parse(&bytes).map(|l| l.fingerprint) == Some(sources.fingerprint))
    }

    pub fn origin(&self) -> Origin {
        self.origin
    }

    pub fn has_supplement(&self) -> bool {
        self.supplement
    }

    /// Make every page of the image resident now (see [`touch_pages`]); the bytes covered.
    pub fn prefetch(&self) -> usize {
        touch_pages((*self.image).as_ref())
    }

    /// Number of forms, the supplement's included.
    pub fn len(&self) -> usize {
        self.layout.n
    }

    pub fn is_empty(&self) -> bool {
        self.layout.n == 0
    }

    /// The stored value of exactly `word`: a probe of the hash table.
    #[inline]
    fn lookup(&self, word: &[u8]) -> Option<u64> {
        let image: &[u8] = (*self.image).as_ref();
        let l = &self.layout;
        let (table, offsets) = (&image[l.table.clone()], &image[l.offsets.clone()]);
        let (values, blob) = (&image[l.values.clone()], &image[l.blob.clone()]);
        let mask = (1usize << l.table_bits) - 1;
        let mut i = slot_of(form_hash(word), l.table_bits);
        for _ in 0..=mask {
            let ord = read_u32(table, i)?.checked_sub(1)? as usize;
            let (a, b) = (
                read_u32(offsets, ord)? as usize,
                read_u32(offsets, ord + 1)? as usize,
            );
            if blob.get(a..b)? == word {
                return read_u64(values, ord);
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// The stored value of `word`, or of its spelling with the ASCII apostrophe made U+2019 (as
    /// the corpus writes it).
    #[inline]
    fn value(&self, word: &str) -> Option<u64> {
        self.lookup(word.as_bytes()).or_else(|| {
            if word.contains('\'') {
                self.lookup(word.replace('\'', "\u{2019}").as_bytes())
            } else {
                None
            }
        })
    }

    /// The count of exactly `word`, no apostrophe mapped: `Lexicon._counts.get(word)` in Python
    /// (the word-form and compound logic asks the dict as it is).
    #[inline]
    pub fn get(&self, word: &str) -> Option<u64> {
        self.lookup(word.as_bytes()).map(|v| v & COUNT_MASK)
    }

    /// Is exactly `word` a supplementary form (stored, no corpus id)? `word in
    /// Lexicon._supplement` in Python.
    #[inline]
    pub fn is_supplement_form(&self, word: &str) -> bool {
        self.lookup(word.as_bytes()).is_some_and(|v| v >> 32 == 0)
    }

    /// Is `word` in the transducer? (For the tests: the table and the transducer agree.)
    pub fn in_fst(&self, word: &str) -> bool {
        self.set.contains(word)
    }

    /// Corpus count of exactly this form (a supplementary form: its estimated count); 0 if the
    /// form is not stored. `Lexicon.count` in Python.
    #[inline]
    pub fn count(&self, word: &str) -> u64 {
        self.value(word).map_or(0, |v| v & COUNT_MASK)
    }

    /// Is the form stored (corpus or supplement)? `word in Lexicon._counts` in Python, with the
    /// apostrophe mapped: the exact part of `Lexicon.known`.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.value(word).is_some()
    }

    /// The form's id (its line in `lexicon_words.txt`, the bigram model's row); `None` for a form
    /// not stored or a supplementary form. Python's `Lexicon._ids.get(word)`, apostrophe mapped.
    #[inline]
    pub fn word_id(&self, word: &str) -> Option<u32> {
        self.value(word)
            .and_then(|v| (v >> 32).checked_sub(1))
            .map(|id| id as u32)
    }

    /// The id of exactly `word`, no apostrophe mapped: `Lexicon._ids.get(word)` in Python.
    #[inline]
    pub fn word_id_exact(&self, word: &str) -> Option<u32> {
        self.lookup(word.as_bytes())
            .and_then(|v| (v >> 32).checked_sub(1))
            .map(|id| id as u32)
    }

    /// Is `prefix` a non-empty start of a stored form (case-sensitive)? The searches' test, which
    /// in Python was membership in the set of the forms' prefixes: the empty string is none.
    #[inline]
    pub fn is_prefix(&self, prefix: &str) -> bool {
        !prefix.is_empty() && self.has_prefix(prefix)
    }

    /// Does some stored form (case-sensitive) start with `prefix`? The empty prefix too.
    /// `Lexicon.has_prefix` in Python: a walk down the transducer (every state of a minimal
    /// transducer leads to a final one), no prefix set.
    #[inline]
    pub fn has_prefix(&self, prefix: &str) -> bool {
        let fst = self.set.as_fst();
        let mut node = fst.root();
        for &b in prefix.as_bytes() {
            match node.find_input(b) {
                Some(i) => node = fst.node(node.transition(i).addr),
                None => return false,
            }
        }
        true
    }

    /// The transducer's state for the empty prefix (see [`Lexicon::prefix_step`]).
    #[inline]
    pub fn prefix_root(&self) -> PrefixState {
        PrefixState(self.set.as_fst().root().addr())
    }

    /// The state after `bytes` from `state`, `None` where no stored form goes on so: a search
    /// that extends a prefix a letter at a time carries the state instead of walking the whole
    /// prefix from the root again. `state` must come from this lexicon.
    #[inline]
    pub fn prefix_step(&self, state: PrefixState, bytes: &[u8]) -> Option<PrefixState> {
        self.prefix_cursor(state).step(bytes)
    }

    /// `state` decoded, to take several steps from (the options at one position of a search).
    #[inline]
    pub fn prefix_cursor(&self, state: PrefixState) -> PrefixCursor<'_> {
        let fst = self.set.as_fst();
        PrefixCursor {
            fst,
            node: fst.node(state.0),
        }
    }
}

/// A decoded state of a [`Lexicon`]'s transducer.
pub struct PrefixCursor<'a> {
    fst: &'a fst::raw::Fst<FstPart>,
    node: fst::raw::Node<'a>,
}

impl PrefixCursor<'_> {
    /// The state after `bytes`, `None` where no stored form goes on so.
    #[inline]
    pub fn step(&self, bytes: &[u8]) -> Option<PrefixState> {
        let Some((&first, rest)) = bytes.split_first() else {
            return Some(PrefixState(self.node.addr()));
        };
        let i = self.node.find_input(first)?;
        let mut node = self.fst.node(self.node.transition(i).addr);
        for &b in rest {
            let i = node.find_input(b)?;
            node = self.fst.node(node.transition(i).addr);
        }
        Some(PrefixState(node.addr()))
    }
}

/// A prefix's state in a [`Lexicon`]'s transducer: some stored form starts with that prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrefixState(fst::raw::CompiledAddr);

#[cfg(test)]
mod tests {
    use super::*;

    /// A data directory with a few forms, in the files' formats.
    fn fixture(name: &str, words: &[(&str, u32)], supplement: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("korrektor-core-test-{}-{name}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let text: String = words.iter().map(|(w, _)| format!("{w}\n")).collect();
        fs::write(dir.join(WORDS_FILE), text).unwrap();
        let counts: Vec<u8> = words.iter().flat_map(|(_, c)| c.to_le_bytes()).collect();
        let npy = crate::npy::npy_file("<u4", &format!("({},)", words.len()), &counts);
        fs::write(dir.join(COUNTS_FILE), npy).unwrap();
        fs::write(dir.join(SUPPLEMENT_FILE), supplement).unwrap();
        let _ = fs::remove_file(dir.join(CORE_FILE));
        dir
    }

    const WORDS: &[(&str, u32)] = &[
        ("Haus", 50),
        ("Hausboot", 3),
        ("Häuser", 20),
        ("geht’s", 4),
        ("für", 900),
    ];

    fn check(lex: &Lexicon, supplement: bool) {
        assert_eq!(lex.count("Haus"), 50);
        assert_eq!(lex.count("für"), 900);
        assert_eq!(lex.count("fur"), 0);
        assert_eq!(lex.count("geht's"), 4, "ASCII apostrophe read as U+2019");
        assert!(lex.contains("Häuser") && !lex.contains("Haeuser") && !lex.contains(""));
        assert_eq!(lex.word_id("Haus"), Some(0));
        assert_eq!(lex.word_id("für"), Some(4));
        assert_eq!(lex.word_id("Hörbüchern"), None);
        assert_eq!(lex.count("Hörbüchern"), if supplement { 7 } else { 0 });
        for p in ["", "H", "Ha", "Haus", "Hausb", "Hä", "f", "fü", "geht’"] {
            assert!(lex.has_prefix(p), "{p}");
        }
        for p in ["h", "Hx", "Hausboote", "fu", "geht'", "\u{0}"] {
            assert!(!lex.has_prefix(p), "{p}");
        }
        assert_eq!(lex.has_prefix("Hör"), supplement);
        // the searches' test: the same, but the empty string is no prefix
        assert!(lex.is_prefix("Ha") && lex.is_prefix("Haus") && !lex.is_prefix("Hx"));
        assert!(lex.has_prefix("") && !lex.is_prefix(""));
        assert_eq!(lex.len(), WORDS.len() + usize::from(supplement));
    }

    #[test]
    fn built_and_mapped_agree() {
        let dir = fixture("agree", WORDS, "Hörbüchern\t7\nHaus\t99\n");
        let built = Lexicon::load(&dir, true).unwrap();
        assert_eq!(built.origin(), Origin::Built);
        check(&built, true);
        assert!(!Lexicon::core_is_current(&dir).unwrap());
        assert_eq!(build_core_file(&dir, &dir.join(CORE_FILE)).unwrap(), 6);
        assert!(Lexicon::core_is_current(&dir).unwrap());
        let mapped = Lexicon::load(&dir, true).unwrap();
        assert_eq!(mapped.origin(), Origin::Mapped);
        check(&mapped, true);
        let plain = Lexicon::load(&dir, false).unwrap();
        assert_eq!(plain.origin(), Origin::Built);
        check(&plain, false);
        for lex in [&built, &mapped, &plain] {
            for (w, _) in
                WORDS
                    .iter()
                    .chain(&[("Hörbüchern", 7), ("Haus", 99), ("Hausb", 0), ("", 0)])
            {
                assert_eq!(lex.in_fst(w), lex.lookup(w.as_bytes()).is_some(), "{w}");
            }
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stale_image_is_not_used() {
        let dir = fixture("stale", WORDS, "Hörbüchern\t7\n");
        build_core_file(&dir, &dir.join(CORE_FILE)).unwrap();
        fs::write(dir.join(SUPPLEMENT_FILE), "Hörbüchern\t7\nÖl\t3\n").unwrap();
        assert!(!Lexicon::core_is_current(&dir).unwrap());
        let lex = Lexicon::load(&dir, true).unwrap();
        assert_eq!(lex.origin(), Origin::Built);
        assert_eq!(lex.count("Öl"), 3);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_data_is_an_error() {
        let dir = fixture("bad", &[("a", 1), ("a", 2)], "");
        assert!(matches!(Lexicon::load(&dir, true), Err(Error::Data(_))));
        fs::write(dir.join(SUPPLEMENT_FILE), "x 3\n").unwrap();
        fs::write(dir.join(WORDS_FILE), "a\nb\n").unwrap();
        assert!(matches!(Lexicon::load(&dir, true), Err(Error::Data(_))));
        fs::write(dir.join(CORE_FILE), b"not a lexicon").unwrap();
        assert!(matches!(Lexicon::load(&dir, true), Err(Error::Data(_))));
        fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(Lexicon::load(&dir, true), Err(Error::Io(..))));
    }
}
