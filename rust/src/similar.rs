//! `Lexicon.similar_forms(word, max_edits, min_count)`: the stored forms seen at least
//! `min_count` times, at most `max_edits` Levenshtein edits (on code points) from `word`, with its
//! first letter; nearest first, at most 8, in rapidfuzz's order.
//!
//! Python builds, per `min_count`, an index from (first letter, length) to the frequent forms in
//! the order of `lexicon_words.txt`, joins the lists of the lengths within reach into a pool and
//! asks `rapidfuzz.process.extract(word, pool, scorer=Levenshtein.distance,
//! score_cutoff=max_edits, limit=8)`, which sorts by distance and then by position in the pool;
//! the word itself is dropped from those 8 afterwards. This does the same: the lists are walked
//! in the pool's order (length by length, forms in file order), and a stable sort by distance
//! keeps the pool's order among equals.
//!
//! Sources: `lexicon_words.txt` (the forms, one a line; a form's id is its line) and
//! `lexicon_counts.npy` (`<u4`, by id), both memory-mapped. An index holds the forms' byte ranges
//! in the mapping, not copies; it is built on the first query with its `min_count` (a scan of the
//! file, a few milliseconds) and kept.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use memmap2::Mmap;

use crate::lexicon::{Error, COUNTS_FILE, WORDS_FILE};
use crate::npy::{self, Dtype};

/// rapidfuzz's `limit`: at most this many forms are returned (the word itself among them).
pub const LIMIT: usize = 8;

/// The frequent forms of one first character and length, in the file's order: their characters
/// one after another (`length` each). A copy, but only of the frequent forms, and laid out so a
/// query reads one contiguous run per length (the forms' lines are scattered over the 4.8 MB
/// file: reading them there cost a cache miss a form, more than the distance itself).
#[derive(Default)]
struct Bucket {
    chars: Vec<char>,
    forms: usize,
}

impl Bucket {
    /// The forms, each `length` characters (`length` is the bucket's: an empty form is empty).
    fn forms(&self, length: usize) -> impl Iterator<Item = &[char]> {
        (0..self.forms).map(move |i| {
            self.chars
                .get(i * length..(i + 1) * length)
                .unwrap_or_default()
        })
    }
}

/// The frequent forms by (first character, length in characters).
#[derive(Default)]
struct Index {
    buckets: HashMap<(Option<char>, usize), Bucket>,
    /// the longest form's length: no pool reaches beyond it, whatever `max_edits` says
    longest: usize,
}

fn map(path: &Path) -> Result<Mmap, Error> {
    let f = fs::File::open(path).map_err(|e| Error::Io(path.to_owned(), e))?;
    // SAFETY: `Mmap::map` is unsafe because the mapping's bytes change if the file is written
    // while it is mapped. These are the package's own read-only data files: nothing in
    // korrektor writes them after installation, and the data build (`build_langdata.py`) unlinks
    // every `lexicon*` file before it writes new ones, which leaves existing mappings with the
    // old, unchanged inodes. The bytes are only read through bounds-checked safe code (`get`),
    // and the words' text is checked to be UTF-8 once at load, so a corrupt file gives an error
    // or wrong answers, never undefined behaviour.
    unsafe { Mmap::map(&f) }.map_err(|e| Error::Io(path.to_owned(), e))
}

/// The stored forms and their counts, for the search of similar forms.
pub struct SimilarForms {
    words: Mmap,
    counts: Mmap,
    counts_start: usize,
    forms: usize,
    indexes: Mutex<HashMap<i64, Arc<Index>>>,
}

impl SimilarForms {
    /// Map `lexicon_words.txt` and `lexicon_counts.npy` of the data directory `dir` and check
    /// that they fit together (one count per line, the text UTF-8).
    pub fn load(dir: &Path) -> Result<SimilarForms, Error> {
        let words = map(&dir.join(WORDS_FILE))?;
        let counts = map(&dir.join(COUNTS_FILE))?;
        let text = std::str::from_utf8(&words)
            .map_err(|e| Error::Data(format!("{WORDS_FILE}: not UTF-8: {e}")))?;
        // Python's `split("\n")` (one piece more than there are line ends) without a last empty
        // piece; counted bytewise, which the compiler vectorises
        let ends = text.bytes().filter(|&b| b == b'\n').count();
        let forms = ends + 1 - usize::from(text.is_empty() || text.ends_with('\n'));
        let header =
            npy::parse_header(&counts).map_err(|e| Error::Data(format!("{COUNTS_FILE}: {e}")))?;
        if header.dtype != Dtype::U4 || header.shape != [forms] {
            return Err(Error::Data(format!(
                "{COUNTS_FILE}: {:?} of shape {:?}, u4 of ({forms},) expected",
                header.dtype, header.shape
            )));
        }
        if u32::try_from(words.len()).is_err() {
            return Err(Error::Data(format!("{WORDS_FILE}: larger than 4 GB")));
        }
        Ok(SimilarForms {
            words,
            counts,
            counts_start: header.data_offset,
            forms,
            indexes: Mutex::new(HashMap::new()),
        })
    }

    /// The number of stored forms.
    pub fn len(&self) -> usize {
        self.forms
    }

    pub fn is_empty(&self) -> bool {
        self.forms == 0
    }

    /// The whole text (checked once per index build).
    fn text(&self) -> &str {
        // checked at load; an empty text if it were not
        std::str::from_utf8(&self.words).unwrap_or_default()
    }

    fn count(&self, id: usize) -> Option<u32> {
        let at = self.counts_start.checked_add(id.checked_mul(4)?)?;
        let b: [u8; 4] = self.counts.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(u32::from_le_bytes(b))
    }

    fn build_index(&self, min_count: i64) -> Index {
        let mut index = Index::default();
        for (id, form) in self.text().split_terminator('\n').enumerate() {
            if self.count(id).is_some_and(|c| i64::from(c) >= min_count) {
                let length = form.chars().count();
                index.longest = index.longest.max(length);
                let bucket = index
                    .buckets
                    .entry((form.chars().next(), length))
                    .or_default();
                bucket.chars.extend(form.chars());
                bucket.forms += 1;
            }
        }
        index
    }

    /// The index of the forms seen at least `min_count` times (built on first use).
    fn index(&self, min_count: i64) -> Arc<Index> {
        // a poisoned lock only means another thread panicked while building; the map is
        // still whole (an index is inserted complete or not at all)
        let mut indexes = self.indexes.lock().unwrap_or_else(PoisonError::into_inner);
        indexes
            .entry(min_count)
            .or_insert_with(|| Arc::new(self.build_index(min_count)))
            .clone()
    }

    /// The forms seen at least `min_count` times, at most `max_edits` edits from `word` and with
    /// its first character, nearest first (then in the pool's order), at most [`LIMIT`] before
    /// `word` itself is dropped: `(form, edits)`, as `Lexicon.similar_forms`.
    pub fn similar_forms(
        &self,
        word: &str,
        max_edits: i64,
        min_count: i64,
    ) -> Vec<(String, usize)> {
        let index = self.index(min_count);
        let pattern: Vec<char> = word.chars().collect();
        let n = pattern.len() as i64;
        let Ok(max) = usize::try_from(max_edits) else {
            return Vec::new(); // Python's pool is empty: range(n - m, n + m + 1) with m < 0
        };
        let first = pattern.first().copied();
        let distance = Distance::new(&pattern);
        let mut found: Vec<(usize, &[char])> = Vec::new();
        let longest = i64::try_from(index.longest).unwrap_or(i64::MAX);
        for length in (n - max_edits).max(0)..=n.saturating_add(max_edits).min(longest) {
            let Some((length, bucket)) = usize::try_from(length)
                .ok()
                .and_then(|l| Some((l, index.buckets.get(&(first, l))?)))
            else {
                continue;
            };
            for form in bucket.forms(length) {
                if let Some(d) = distance.within(form, max) {
                    found.push((d, form));
                }
            }
        }
        found.sort_by_key(|&(d, _)| d); // stable: the pool's order among equals
        found
            .into_iter()
            .take(LIMIT)
            .filter(|&(_, form)| form != pattern.as_slice())
            .map(|(d, form)| (form.iter().collect(), d))
            .collect()
    }
}

/// The Levenshtein distance (unit costs, on characters) from one pattern to many texts: Myers'
/// bit-parallel algorithm (Hyyrö's formulation) for a pattern of up to 64 characters, the plain
/// dynamic programme for a longer one.
struct Distance<'a> {
    pattern: &'a [char],
    /// per ASCII character, the pattern's positions that hold it
    ascii: [u64; 128],
    /// the same for the pattern's other characters
    other: Vec<(char, u64)>,
}

impl<'a> Distance<'a> {
    fn new(pattern: &'a [char]) -> Self {
        let mut ascii = [0u64; 128];
        let mut other: Vec<(char, u64)> = Vec::new();
        for (i, &c) in pattern.iter().enumerate().take(64) {
            let bit = 1u64 << i;
            match ascii.get_mut(c as usize) {
                Some(m) => *m |= bit,
                None => match other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, m)) => *m |= bit,
                    None => other.push((c, bit)),
                },
            }
        }
        Distance {
            pattern,
            ascii,
            other,
        }
    }

    #[inline]
    fn positions(&self, c: char) -> u64 {
        match self.ascii.get(c as usize) {
            Some(&m) => m,
            None => self
                .other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |&(_, m)| m),
        }
    }

    fn to(&self, text: &[char]) -> usize {
        let m = self.pattern.len();
        if m == 0 {
            return text.len();
        }
        if m > 64 {
            return dp(self.pattern, text);
        }
        let mut state = (u64::MAX, 0u64, m);
        for &c in text {
            state = self.step(state, c);
        }
        state.2
    }

    /// The distance to `text` if it is at most `max`, else `None`: as [`to`](Self::to), but
    /// a text is left as soon as the cell of the last cell's diagonal exceeds `max` (along a
    /// diagonal the distances never fall, so the last cell would too). Most forms of a pool
    /// differ from the pattern within a few letters: this reads those few.
    fn within(&self, text: &[char], max: usize) -> Option<usize> {
        let m = self.pattern.len();
        if m == 0 || m > 64 {
            return Some(self.to(text)).filter(|&d| d <= max);
        }
        let n = text.len();
        let mut state = (u64::MAX, 0u64, m);
        for (j, &c) in text.iter().enumerate() {
            state = self.step(state, c);
            // the diagonal through (m, n) meets column j + 1 at row i = j + 1 + m - n
            if let Some(i) = (j + 1 + m).checked_sub(n) {
                // D[i][j+1] = (j + 1) + the vertical deltas of rows 1..=i (bits 0..i)
                let mask = if i >= 64 { u64::MAX } else { (1u64 << i) - 1 };
                let up = (state.0 & mask).count_ones() as usize;
                let down = (state.1 & mask).count_ones() as usize;
                if (j + 1 + up).saturating_sub(down) > max {
                    return None;
                }
            }
        }
        Some(state.2).filter(|&d| d <= max)
    }

    /// One character of the text: the pattern's column of vertical deltas (positive, negative)
    /// and the distance of the whole pattern to the text so far, after `c`.
    #[inline]
    fn step(&self, (vp, vn, score): (u64, u64, usize), c: char) -> (u64, u64, usize) {
        // the pattern's last position (1 <= m <= 64 when this is called)
        let last = 1u64 << (self.pattern.len().clamp(1, 64) - 1);
        let x = self.positions(c) | vn;
        let d0 = ((x & vp).wrapping_add(vp) ^ vp) | x;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        let score = if hp & last != 0 {
            score + 1
        } else if hn & last != 0 {
            score.saturating_sub(1)
        } else {
            score
        };
        let hp = (hp << 1) | 1;
        let hn = hn << 1;
        (hn | !(d0 | hp), hp & d0, score)
    }
}

/// The textbook dynamic programme (one row), for patterns longer than a machine word.
fn dp(pattern: &[char], text: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=pattern.len()).collect();
    for (j, &c) in text.iter().enumerate() {
        let mut diag = j; // row[0] before this column
        let mut left = j + 1;
        for (p, cell) in pattern.iter().zip(row.iter_mut().skip(1)) {
            let up = *cell;
            let sub = diag + usize::from(*p != c);
            left = sub.min(up + 1).min(left + 1);
            diag = up;
            *cell = left;
        }
        if let Some(first) = row.first_mut() {
            *first = j + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let sub = d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = sub.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn distances() {
        let words = [
            "",
            "a",
            "zentralem",
            "zentralen",
            "Zentrale",
            "Bundesregierung",
            "Bundesrgeierung",
            "Hörbüchern",
            "Horbichern",
            "ÄÖÜäöüß",
            "ab",
            "ba",
            "Bundesrepublik",
            "Bundesrat",
            "Bundes",
            "zentral",
            "zentralem",
        ];
        let long: String =
            "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellerinnung".repeat(2);
        let long2 = long.replacen('a', "ä", 3);
        let mut all: Vec<&str> = words.to_vec();
        all.push(&long);
        all.push(&long2);
        for a in &all {
            let p: Vec<char> = a.chars().collect();
            let d = Distance::new(&p);
            for b in &all {
                let t: Vec<char> = b.chars().collect();
                assert_eq!(d.to(&t), naive(a, b), "{a} {b}");
                for max in 0..5 {
                    let want = Some(naive(a, b)).filter(|&x| x <= max);
                    assert_eq!(d.within(&t, max), want, "{a} {b} {max}");
                }
                assert_eq!(dp(&p, &t), naive(a, b), "{a} {b}");
            }
        }
    }

    fn write_data(dir: &Path, forms: &[(&str, u32)]) {
        let mut text = String::new();
        for (f, _) in forms {
            text.push_str(f);
            text.push('\n');
        }
        fs::write(dir.join(WORDS_FILE), text).unwrap();
        let header = format!(
            "{{'descr': '<u4', 'fortran_order': False, 'shape': ({},), }}",
            forms.len()
        );
        let mut npy = b"\x93NUMPY\x01\x00".to_vec();
        let pad = 64 - (10 + header.len() + 1) % 64;
        let hlen = (header.len() + pad + 1) as u16;
        npy.extend_from_slice(&hlen.to_le_bytes());
        npy.extend_from_slice(header.as_bytes());
        npy.extend(std::iter::repeat_n(b' ', pad));
        npy.push(b'\n');
        for (_, c) in forms {
            npy.extend_from_slice(&c.to_le_bytes());
        }
        fs::write(dir.join(COUNTS_FILE), npy).unwrap();
    }

    fn similar(s: &SimilarForms, word: &str, e: i64, c: i64) -> Vec<(String, usize)> {
        s.similar_forms(word, e, c)
    }

    #[test]
    fn order_and_limit_as_rapidfuzz() {
        let dir = std::env::temp_dir().join(format!("korrektor-similar-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        // pool for "haus", 2 edits: lengths 2..=6 in order, forms in file order within each
        let forms = [
            ("Haus", 900),
            ("haus", 900),
            ("hausen", 900),
            ("hau", 900),
            ("heus", 900),
            ("hals", 5),
            ("hx", 900),
            ("haut", 900),
            ("huus", 900),
            ("haua", 900),
            ("haub", 900),
            ("hauc", 900),
            ("haud", 900),
        ];
        write_data(&dir, &forms);
        let s = SimilarForms::load(&dir).unwrap();
        assert_eq!(s.len(), forms.len());
        let got = similar(&s, "haus", 2, 10);
        // distance 0 (haus, dropped after the limit), then 1 in pool order: length 3 (hau)
        // before length 4 (heus, haut, huus, haua, haub, hauc): 8 in all, haud is the ninth
        let got: Vec<(&str, usize)> = got.iter().map(|(w, d)| (w.as_str(), *d)).collect();
        assert_eq!(
            got,
            vec![
                ("hau", 1),
                ("heus", 1),
                ("haut", 1),
                ("huus", 1),
                ("haua", 1),
                ("haub", 1),
                ("hauc", 1),
            ]
        );
        let got = similar(&s, "hals", 1, 0);
        assert_eq!(got.first(), Some(&("haus".to_string(), 1)));
        assert!(s.similar_forms("haus", -1, 0).is_empty());
        assert_eq!(s.similar_forms("haus", i64::MAX, 0).len(), LIMIT - 1);
        assert_eq!(s.similar_forms("haus", i64::MAX, i64::MIN).len(), LIMIT - 1);
        assert!(s.similar_forms("", 2, 0).is_empty());
        assert_eq!(similar(&s, "Hauß", 1, 0), vec![("Haus".to_string(), 1)]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn mismatched_files_are_errors() {
        let dir =
            std::env::temp_dir().join(format!("korrektor-similar-bad-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        write_data(&dir, &[("a", 1), ("b", 2)]);
        fs::write(dir.join(WORDS_FILE), "a\nb\nc\n").unwrap();
        assert!(matches!(SimilarForms::load(&dir), Err(Error::Data(_))));
        fs::write(dir.join(WORDS_FILE), b"a\n\xff\n").unwrap();
        assert!(matches!(SimilarForms::load(&dir), Err(Error::Data(_))));
        fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(SimilarForms::load(&dir), Err(Error::Io(..))));
    }

    /// The packaged lexicon: the word stage's test case (tests/test_words.py).
    #[test]
    fn packaged_lexicon() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        let s = SimilarForms::load(&dir).unwrap();
        assert!(s.len() > 300_000);
        let got = s.similar_forms("zentralem", 2, 500);
        assert!(got.contains(&("zentralen".to_string(), 1)), "{got:?}");
        assert!(got.len() <= LIMIT && got.windows(2).all(|p| p[0].1 <= p[1].1));
    }
}
