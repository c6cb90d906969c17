//! The interpolated modified Kneser-Ney bigram model: `korrektor.lexicon.Lexicon`'s
//! `_logp_bigram` and `bigram_count` once the words' ids are known.
//!
//! Sources, in the package's data directory (written by `scripts/build_langdata.py`,
//! `build_bigrams`; `V` = the number of stored forms, a form's id = its line in
//! `lexicon_words.txt`, history row `V` = the sentence start `<s>`):
//! * `lexicon_cont.npy`, `<u4` × V: N1+(· w), the number of distinct words before w;
//! * `bigram_hist.npy`, `<u4` × V+1: c(v ·), the count of v as a history (pruned pairs too);
//! * `bigram_gamma.npy`, `<f4` × V+1: the back-off weight of history v;
//! * `bigram_offsets.npy`, `<u4` × V+2: history v's stored pairs are `offsets[v]..offsets[v+1]`;
//! * `bigram_next24.npy`, `|u1` × (E, 3): the pairs' second words, 24-bit little-endian ids,
//!   ascending within a history;
//! * `bigram_codes.npy`, `|u1` × E: the pairs' quantised counts, indices into
//! * `bigram_levels.npy`, `<f4` × 256: the count of each code;
//! * `lexicon_meta.json`: `kn_discounts` (D1, D2, D3+) and `continuation_total` (the number of
//!   bigram types, the continuation counts' denominator).
//!
//! The arrays are memory-mapped and their elements read in place (no copy, no parse: loading
//! costs a few system calls); only the 256 discounted counts are computed at load. The
//! arithmetic is Python's, operation for operation in `f64`, so the answers are bit-identical
//! (`ln` is the C library's `log`, as Python's `math.log`).

use std::fs;
use std::path::Path;

use memmap2::Mmap;

use crate::json;
use crate::lexicon::Error;
use crate::npy::{self, Dtype};

pub const CONT_FILE: &str = "lexicon_cont.npy";
pub const HIST_FILE: &str = "bigram_hist.npy";
pub const GAMMA_FILE: &str = "bigram_gamma.npy";
pub const OFFSETS_FILE: &str = "bigram_offsets.npy";
pub const NEXT_FILE: &str = "bigram_next24.npy";
pub const CODES_FILE: &str = "bigram_codes.npy";
pub const LEVELS_FILE: &str = "bigram_levels.npy";
pub const META_FILE: &str = "lexicon_meta.json";

/// A `u8` code per pair: one level per code.
const LEVELS: usize = 256;
/// `bigram_next24.npy` holds ids of three bytes.
const MAX_WORDS: usize = 1 << 24;

fn data_err<T>(file: &str, msg: impl std::fmt::Display) -> Result<T, Error> {
    Err(Error::Data(format!("{file}: {msg}")))
}

/// One memory-mapped `.npy` array: its elements are read where they are in the mapping.
struct Column {
    map: Mmap,
    start: usize,
    /// number of rows (elements of a one-dimensional array)
    rows: usize,
}

impl Column {
    /// Map `dir/file` and check that it holds `dtype` elements of shape `(rows, *inner)`.
    fn open(dir: &Path, file: &str, dtype: Dtype, inner: &[usize]) -> Result<Column, Error> {
        let path = dir.join(file);
        let f = fs::File::open(&path).map_err(|e| Error::Io(path.clone(), e))?;
        // SAFETY: `Mmap::map` is unsafe because the mapping's bytes change if the file is
        // written while it is mapped. The bigram arrays are the package's own read-only data:
        // nothing in korrektor writes them after installation, and the data build
        // (`build_langdata.py`, `write_artifact`) unlinks every `bigram*` and `lexicon*` file
        // before it writes new ones, which leaves existing mappings with the old, unchanged
        // inodes. The bytes are only ever read through bounds-checked safe code (`get`), so
        // even a corrupt file gives an error or wrong answers, never undefined behaviour.
        let map = unsafe { Mmap::map(&f) }.map_err(|e| Error::Io(path.clone(), e))?;
        let header = npy::parse_header(&map).or_else(|e| data_err(file, e))?;
        if header.dtype != dtype {
            return data_err(
                file,
                format!("dtype {:?}, {dtype:?} expected", header.dtype),
            );
        }
        match header.shape.split_first() {
            Some((&rows, rest)) if rest == inner => Ok(Column {
                map,
                start: header.data_offset,
                rows,
            }),
            _ => data_err(
                file,
                format!("shape {:?}, (n, {inner:?}) expected", header.shape),
            ),
        }
    }

    fn prefetch(&self) -> usize {
        crate::lexicon::touch_pages(&self.map)
    }

    fn expect_rows(&self, file: &str, rows: usize, what: &str) -> Result<(), Error> {
        if self.rows == rows {
            Ok(())
        } else {
            data_err(
                file,
                format!("{} rows, {rows} expected ({what})", self.rows),
            )
        }
    }

    #[inline]
    fn data(&self) -> &[u8] {
        self.map.get(self.start..).unwrap_or_default()
    }

    #[inline]
    fn le4(&self, i: usize) -> Option<[u8; 4]> {
        let at = i.checked_mul(4)?;
        self.data().get(at..at.checked_add(4)?)?.try_into().ok()
    }

    #[inline]
    fn u32_at(&self, i: usize) -> Option<u32> {
        self.le4(i).map(u32::from_le_bytes)
    }

    #[inline]
    fn f32_at(&self, i: usize) -> Option<f32> {
        self.le4(i).map(f32::from_le_bytes)
    }

    #[inline]
    fn u8_at(&self, i: usize) -> Option<u8> {
        self.data().get(i).copied()
    }
}

/// `c - D(c)` for a stored count `c` (modified Kneser-Ney: D1 for 1, D2 for 2, D3+ above), as
/// `Lexicon._dtab` computes it from the levels (`float32` widened to `float64`).
fn discounted(level: f64, [d1, d2, d3]: [f64; 3]) -> f64 {
    level
        - if level >= 3.0 {
            d3
        } else if level >= 2.0 {
            d2
        } else {
            d1
        }
}

/// The bigram model over word ids. Read-only: one instance is shared by any number of threads.
pub struct Bigrams {
    cont: Column,
    hist: Column,
    gamma: Column,
    offsets: Column,
    next: Column,
    codes: Column,
    levels: Vec<f64>,
    dtab: Vec<f64>,
    discounts: [f64; 3],
    cont_total: f64,
    sos: u32,
}

impl Bigrams {
    /// Map the bigram arrays in the data directory `dir` and read the discounts and the
    /// continuation total from its `lexicon_meta.json`. The arrays' dtypes, shapes and lengths
    /// are checked against each other (an error names the file); their contents are not read.
    pub fn load(dir: &Path) -> Result<Bigrams, Error> {
        let cont = Column::open(dir, CONT_FILE, Dtype::U4, &[])?;
        let words = cont.rows;
        if words >= MAX_WORDS {
            return data_err(CONT_FILE, format!("{words} words: ids beyond 24 bits"));
        }
        let hist = Column::open(dir, HIST_FILE, Dtype::U4, &[])?;
        hist.expect_rows(HIST_FILE, words + 1, "a row per word and <s>")?;
        let gamma = Column::open(dir, GAMMA_FILE, Dtype::F4, &[])?;
        gamma.expect_rows(GAMMA_FILE, words + 1, "a row per word and <s>")?;
        let offsets = Column::open(dir, OFFSETS_FILE, Dtype::U4, &[])?;
        offsets.expect_rows(
            OFFSETS_FILE,
            words + 2,
            "the bounds of each history's pairs",
        )?;
        let next = Column::open(dir, NEXT_FILE, Dtype::U1, &[3])?;
        let pairs = next.rows;
        let codes = Column::open(dir, CODES_FILE, Dtype::U1, &[])?;
        codes.expect_rows(CODES_FILE, pairs, "a code per pair of bigram_next24.npy")?;
        let (first, last) = (offsets.u32_at(0), offsets.u32_at(words + 1));
        if first != Some(0) || last.map(|n| n as usize) != Some(pairs) {
            return data_err(
                OFFSETS_FILE,
                format!("runs from {first:?} to {last:?}, not from 0 to {pairs} (the pairs)"),
            );
        }
        let levels_col = Column::open(dir, LEVELS_FILE, Dtype::F4, &[])?;
        levels_col.expect_rows(LEVELS_FILE, LEVELS, "a level per u8 code")?;
        let levels: Vec<f64> = (0..LEVELS)
            .map(|i| levels_col.f32_at(i).map(f64::from))
            .collect::<Option<_>>()
            .map_or_else(|| data_err(LEVELS_FILE, "truncated"), Ok)?;

        let meta_path = dir.join(META_FILE);
        let meta = fs::read_to_string(&meta_path).map_err(|e| Error::Io(meta_path, e))?;
        let discounts: [f64; 3] = json::top_level_value(&meta, "kn_discounts")
            .and_then(json::numbers)
            .and_then(|d| d.try_into().ok())
            .map_or_else(|| data_err(META_FILE, "no kn_discounts: [d1, d2, d3]"), Ok)?;
        let cont_total = json::top_level_value(&meta, "continuation_total")
            .and_then(json::number)
            .map_or_else(|| data_err(META_FILE, "no continuation_total"), Ok)?;
        let dtab = levels.iter().map(|&l| discounted(l, discounts)).collect();
        Ok(Bigrams {
            cont,
            hist,
            gamma,
            offsets,
            next,
            codes,
            levels,
            dtab,
            discounts,
            cont_total,
            // < 2^24 (checked above)
            sos: words as u32,
        })
    }

    /// The history row of the sentence start `<s>`: the number of stored forms (one past the
    /// last word id). `Lexicon._sos`.
    pub fn sos(&self) -> u32 {
        self.sos
    }

    /// The number of stored pairs.
    pub fn pairs(&self) -> usize {
        self.next.rows
    }

    /// The number of bigram types, the continuation counts' denominator (`float`, as Python
    /// keeps it).
    pub fn cont_total(&self) -> f64 {
        self.cont_total
    }

    /// The modified Kneser-Ney discounts D1, D2, D3+.
    pub fn discounts(&self) -> [f64; 3] {
        self.discounts
    }

    /// The position of the pair (`hid`, `wid`) among the stored pairs, if it is stored: the
    /// first `wid` in history `hid`'s run of second words (`Lexicon._bigram_index`, a
    /// `bisect_left`).
    #[inline]
    pub fn index(&self, hid: u32, wid: u32) -> Option<usize> {
        let h = hid as usize;
        let lo = self.offsets.u32_at(h)? as usize;
        let hi = self.offsets.u32_at(h.checked_add(1)?)? as usize;
        let run = self
            .next
            .data()
            .get(lo.checked_mul(3)?..hi.checked_mul(3)?)?;
        let id = |i: usize| {
            let [a, b, c]: [u8; 3] = run.get(3 * i..3 * i + 3)?.try_into().ok()?;
            Some(u32::from_le_bytes([a, b, c, 0]))
        };
        let (mut a, mut b) = (0usize, run.len() / 3);
        while a < b {
            let m = a + (b - a) / 2;
            if id(m)? < wid {
                a = m + 1;
            } else {
                b = m;
            }
        }
        (id(a)? == wid).then_some(lo + a)
    }

    /// ln P(w | h), interpolated modified Kneser-Ney: `Lexicon._logp_bigram` once the ids are
    /// known, bit for bit.
    ///
    /// * `hid`: the history's id, `sos()` for the sentence start, `None` for a word without one
    ///   (then only the continuation probability counts);
    /// * `wid`: the word's id, `None` for a word without one;
    /// * `unknown_cont`: the continuation count of a word without an id (`wid` = `None`; ignored
    ///   otherwise), the numerator of Python's `_p_cont`: its supplement count, else 0.5 for a
    ///   compound, else 0.1.
    ///
    /// An id outside the model (`wid >= sos()`, `hid > sos()`) counts as `None` (Python would
    /// raise `IndexError`; the bindings do). A probability of 0 gives -inf and a negative one NaN
    /// where Python's `math.log` raises `ValueError` (neither happens with the packaged data and
    /// a positive `unknown_cont`).
    #[inline]
    pub fn logp_bigram(&self, hid: Option<u32>, wid: Option<u32>, unknown_cont: f64) -> f64 {
        let cont = wid.and_then(|w| self.cont.u32_at(w as usize));
        let wid = wid.filter(|_| cont.is_some());
        let mut p = match cont {
            Some(c) => f64::from(c) / self.cont_total,
            None => unknown_cont / self.cont_total,
        };
        if let Some(h) = hid {
            let row = h as usize;
            if let (Some(hc), Some(g)) = (self.hist.u32_at(row), self.gamma.f32_at(row)) {
                let hc = f64::from(hc);
                if hc > 0.0 {
                    p *= f64::from(g);
                    if let Some(d) = wid
                        .and_then(|w| self.index(h, w))
                        .and_then(|k| self.codes.u8_at(k))
                        .and_then(|code| self.dtab.get(usize::from(code)))
                    {
                        p += d / hc;
                    }
                }
            }
        }
        p.ln()
    }

    /// The stored (quantised) count of the pair, 0.0 if either id is `None` or the pair is not
    /// stored: `Lexicon.bigram_count` (whose ids are the exact forms', `_ids.get`: no
    /// apostrophe or case variant).
    #[inline]
    pub fn bigram_count(&self, hid: Option<u32>, wid: Option<u32>) -> f64 {
        match (hid, wid) {
            (Some(h), Some(w)) => self
                .index(h, w)
                .and_then(|k| self.codes.u8_at(k))
                .and_then(|code| self.levels.get(usize::from(code)))
                .copied()
                .unwrap_or(0.0),
            _ => 0.0,
        }
    }

    /// Make every page of the mapped arrays resident now; the bytes covered.
    pub fn prefetch(&self) -> usize {
        [
            &self.cont,
            &self.hist,
            &self.gamma,
            &self.offsets,
            &self.next,
            &self.codes,
        ]
        .iter()
        .map(|c| c.prefetch())
        .sum()
    }

    /// Is `wid` a word of the model (`< sos()`)?
    pub fn is_word(&self, wid: u32) -> bool {
        wid < self.sos
    }

    /// Is `hid` a history of the model (a word or `sos()`)?
    pub fn is_history(&self, hid: u32) -> bool {
        hid <= self.sos
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn write_npy(path: &Path, descr: &str, shape: &str, data: &[u8]) {
        fs::write(path, crate::npy::npy_file(descr, shape, data)).unwrap();
    }

    fn u32s(v: &[u32]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    fn f32s(v: &[f32]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    const D: [f64; 3] = [0.7828340828652882, 1.2135190315070363, 1.379726572011087];
    const TOTAL: f64 = 17.0;
    // four words (ids 0..4), <s> = 4
    const CONT: [u32; 4] = [3, 1, 5, 2];
    const HIST: [u32; 5] = [10, 0, 7, 4, 6];
    const GAMMA: [f32; 5] = [0.25, 1.0, 0.5, 0.125, 0.75];
    // pairs: (0,1) (0,3) | (2,0) (2,2) (2,3) | (3,1) | <s>: (4,0) (4,2)
    const OFFSETS: [u32; 6] = [0, 2, 2, 5, 6, 8];
    const NEXT: [u32; 8] = [1, 3, 0, 2, 3, 1, 0, 2];
    const CODES: [u8; 8] = [3, 1, 2, 1, 4, 2, 100, 3];

    fn levels() -> Vec<f32> {
        (0..256)
            .map(|i| {
                if i < 96 {
                    i as f32
                } else {
                    96.0 * 1.05f32.powi(i - 95)
                }
            })
            .collect()
    }

    /// A data directory with the small model above, in the files' formats.
    fn fixture(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "korrektor-core-bigrams-{}-{name}",
            std::process::id()
        ));
        fs::create_dir_all(&dir).unwrap();
        write_npy(&dir.join(CONT_FILE), "<u4", "(4,)", &u32s(&CONT));
        write_npy(&dir.join(HIST_FILE), "<u4", "(5,)", &u32s(&HIST));
        write_npy(&dir.join(GAMMA_FILE), "<f4", "(5,)", &f32s(&GAMMA));
        write_npy(&dir.join(OFFSETS_FILE), "<u4", "(6,)", &u32s(&OFFSETS));
        let next: Vec<u8> = NEXT
            .iter()
            .flat_map(|x| x.to_le_bytes()[..3].to_vec())
            .collect();
        write_npy(&dir.join(NEXT_FILE), "|u1", "(8, 3)", &next);
        write_npy(&dir.join(CODES_FILE), "|u1", "(8,)", &CODES);
        write_npy(&dir.join(LEVELS_FILE), "<f4", "(256,)", &f32s(&levels()));
        fs::write(
            dir.join(META_FILE),
            format!(
                "{{\n  \"kn_discounts\": [\n    {},\n    {},\n    {}\n  ],\n  \"continuation_total\": 17\n}}\n",
                D[0], D[1], D[2]
            ),
        )
        .unwrap();
        dir
    }

    /// Python's `_logp_bigram`, written out for the fixture.
    fn expected(hid: Option<u32>, wid: Option<u32>, unknown: f64) -> f64 {
        let mut p = match wid {
            Some(w) => f64::from(CONT[w as usize]) / TOTAL,
            None => unknown / TOTAL,
        };
        if let Some(h) = hid {
            let hc = f64::from(HIST[h as usize]);
            if hc > 0.0 {
                p *= f64::from(GAMMA[h as usize]);
                if let Some(w) = wid {
                    let (lo, hi) = (
                        OFFSETS[h as usize] as usize,
                        OFFSETS[h as usize + 1] as usize,
                    );
                    if let Some(k) = (lo..hi).find(|&k| NEXT[k] == w) {
                        let level = f64::from(levels()[CODES[k] as usize]);
                        p += discounted(level, D) / hc;
                    }
                }
            }
        }
        p.ln()
    }

    #[test]
    fn answers_as_python() {
        let dir = fixture("answers");
        let b = Bigrams::load(&dir).unwrap();
        assert_eq!(
            (b.sos(), b.pairs(), b.cont_total(), b.discounts()),
            (4, 8, TOTAL, D)
        );
        // a stored pair, code 4: level 4 - D3+
        let want = (2.0f64 / 17.0 * 0.5 + (4.0 - D[2]) / 7.0).ln();
        assert_eq!(
            b.logp_bigram(Some(2), Some(3), 0.1).to_bits(),
            want.to_bits()
        );
        assert_eq!(b.bigram_count(Some(2), Some(3)), 4.0);
        // code 1 (D1) and code 2 (D2)
        assert_eq!(b.bigram_count(Some(2), Some(2)), 1.0);
        assert_eq!(b.bigram_count(Some(2), Some(0)), 2.0);
        // an unstored pair: the backed-off continuation probability
        let want = (5.0f64 / 17.0 * 0.25).ln();
        assert_eq!(
            b.logp_bigram(Some(0), Some(2), 0.1).to_bits(),
            want.to_bits()
        );
        assert_eq!(b.bigram_count(Some(0), Some(2)), 0.0);
        // an unknown word: its continuation count is the caller's
        let want = (0.5f64 / 17.0 * 0.25).ln();
        assert_eq!(b.logp_bigram(Some(0), None, 0.5).to_bits(), want.to_bits());
        assert_eq!(b.bigram_count(Some(0), None), 0.0);
        // no history, and a history never seen (count 0): the continuation probability alone
        assert_eq!(b.logp_bigram(None, Some(1), 0.1), (1.0f64 / 17.0).ln());
        assert_eq!(b.logp_bigram(Some(1), Some(1), 0.1), (1.0f64 / 17.0).ln());
        assert_eq!(b.logp_bigram(None, None, 0.1), (0.1f64 / 17.0).ln());
        // the sentence start's row, a quantised level above the exact ones
        let level = f64::from(levels()[100]);
        let want = (3.0f64 / 17.0 * 0.75 + (level - D[2]) / 6.0).ln();
        assert_eq!(
            b.logp_bigram(Some(4), Some(0), 0.1).to_bits(),
            want.to_bits()
        );
        assert_eq!(b.bigram_count(Some(4), Some(0)), level);
        assert_eq!(b.bigram_count(Some(4), Some(1)), 0.0);
        // every combination against the formula written out
        let ids = [None, Some(0), Some(1), Some(2), Some(3)];
        for hid in ids.iter().copied().chain([Some(4)]) {
            for wid in ids {
                let (got, want) = (b.logp_bigram(hid, wid, 0.1), expected(hid, wid, 0.1));
                assert_eq!(got.to_bits(), want.to_bits(), "{hid:?} {wid:?}");
            }
        }
        // ids outside the model count as absent, without a panic
        assert_eq!(b.logp_bigram(Some(5), Some(9), 0.1), (0.1f64 / 17.0).ln());
        assert_eq!(b.bigram_count(Some(u32::MAX), Some(u32::MAX)), 0.0);
        assert!(b.is_word(3) && !b.is_word(4) && b.is_history(4) && !b.is_history(5));
        fs::remove_dir_all(&dir).unwrap();
    }

    fn load_err(dir: &Path) -> String {
        match Bigrams::load(dir) {
            Err(Error::Data(msg)) => msg,
            Err(e) => panic!("not a data error: {e}"),
            Ok(_) => panic!("loaded"),
        }
    }

    #[test]
    fn bad_data_is_an_error() {
        let dir = fixture("bad");
        // truncated
        let codes = dir.join(CODES_FILE);
        let full = fs::read(&codes).unwrap();
        fs::write(&codes, &full[..full.len() - 1]).unwrap();
        assert!(load_err(&dir).starts_with(CODES_FILE));
        fs::write(&codes, &full[..40]).unwrap();
        assert!(load_err(&dir).starts_with(CODES_FILE));
        fs::write(&codes, &full).unwrap();
        Bigrams::load(&dir).unwrap();
        // lengths that do not match
        write_npy(&dir.join(HIST_FILE), "<u4", "(4,)", &u32s(&HIST[..4]));
        assert!(load_err(&dir).starts_with(HIST_FILE));
        write_npy(&dir.join(HIST_FILE), "<u4", "(5,)", &u32s(&HIST));
        write_npy(&dir.join(CODES_FILE), "|u1", "(7,)", &CODES[..7]);
        assert!(load_err(&dir).starts_with(CODES_FILE));
        write_npy(&dir.join(CODES_FILE), "|u1", "(8,)", &CODES);
        write_npy(
            &dir.join(OFFSETS_FILE),
            "<u4",
            "(6,)",
            &u32s(&[0, 2, 2, 5, 6, 7]),
        );
        assert!(load_err(&dir).starts_with(OFFSETS_FILE));
        write_npy(&dir.join(OFFSETS_FILE), "<u4", "(6,)", &u32s(&OFFSETS));
        // dtypes and shapes
        write_npy(&dir.join(GAMMA_FILE), "<f8", "(5,)", &[0; 40]);
        assert!(load_err(&dir).starts_with(GAMMA_FILE));
        write_npy(&dir.join(GAMMA_FILE), "<f4", "(5,)", &f32s(&GAMMA));
        write_npy(&dir.join(NEXT_FILE), "|u1", "(6, 4)", &[0; 24]);
        assert!(load_err(&dir).starts_with(NEXT_FILE));
        write_npy(&dir.join(NEXT_FILE), "|u1", "(24,)", &[0; 24]);
        assert!(load_err(&dir).starts_with(NEXT_FILE));
        write_npy(
            &dir.join(LEVELS_FILE),
            "<f4",
            "(255,)",
            &f32s(&levels()[..255]),
        );
        assert!(
            load_err(&dir).starts_with(NEXT_FILE),
            "the first file checked first"
        );
        fs::remove_dir_all(&dir).unwrap();

        let dir = fixture("bad-meta");
        write_npy(
            &dir.join(LEVELS_FILE),
            "<f4",
            "(255,)",
            &f32s(&levels()[..255]),
        );
        assert!(load_err(&dir).starts_with(LEVELS_FILE));
        write_npy(&dir.join(LEVELS_FILE), "<f4", "(256,)", &f32s(&levels()));
        let meta = dir.join(META_FILE);
        fs::write(
            &meta,
            "{\"kn_discounts\": [1, 2], \"continuation_total\": 3}",
        )
        .unwrap();
        assert!(load_err(&dir).starts_with(META_FILE));
        fs::write(&meta, "{\"kn_discounts\": [1, 2, 3]}").unwrap();
        assert!(load_err(&dir).starts_with(META_FILE));
        fs::remove_file(&meta).unwrap();
        assert!(matches!(Bigrams::load(&dir), Err(Error::Io(..))));
        fs::remove_file(dir.join(CONT_FILE)).unwrap();
        assert!(matches!(Bigrams::load(&dir), Err(Error::Io(..))));
        fs::remove_dir_all(&dir).unwrap();
    }

    /// The packaged model (`../src/korrektor/data`): sizes and a few known pairs. Bit parity with
    /// Python is tests/test_core_bigrams.py's and bench/core_bigrams.py's.
    #[test]
    fn packaged_model() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        let b = Bigrams::load(&dir).unwrap();
        let lex = crate::lexicon::Lexicon::load(&dir, true).unwrap();
        let id = |w: &str| lex.word_id(w).unwrap();
        assert!(b.pairs() > 1_000_000);
        assert!(
            b.sos() as usize <= lex.len(),
            "the corpus forms, not the supplement's"
        );
        let (wir, muessen) = (id("wir"), id("müssen"));
        assert!(b.bigram_count(Some(wir), Some(muessen)) > 100.0);
        assert!(
            b.logp_bigram(Some(wir), Some(muessen), 0.1) > b.logp_bigram(None, Some(muessen), 0.1)
        );
        assert!(b.bigram_count(Some(b.sos()), Some(id("Die"))) > 1000.0);
        assert_eq!(b.bigram_count(Some(wir), Some(id("Haus"))), 0.0);
        let unknown = b.logp_bigram(Some(wir), None, 0.1);
        assert_eq!(unknown, (0.1 / b.cont_total() * gamma(&b, wir)).ln());
    }

    fn gamma(b: &Bigrams, hid: u32) -> f64 {
        f64::from(b.gamma.f32_at(hid as usize).unwrap())
    }
}
