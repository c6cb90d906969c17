//! Real-word twins (`korrektor.twins`): words that differ by a lost umlaut or ß
//! ("wurde"/"würde", "schon"/"schön").
//!
//! * [`TwinReadings`]: the shipped list `twin_readings.txt` (`scripts/build_twin_readings.py`):
//!   a header naming the lexicon and error model it was built from, then the stored forms that
//!   some profile may read from another stored form with one umlaut or ß misread, one a line.
//!   [`twin_filter`] returns it when the header matches the data in use (`twin_filter`).
//! * [`twin_readings`]: computes that list (what the data build writes), given the lexicon's
//!   forms and lookups and the error model's umlaut confusions.
//! * [`umlaut_readings`]: a channel table's umlaut and ß readings, inverted (`umlaut_readings`),
//!   bit-identical (the same additions in Python's order).
//!
//! The list is already a data file: at start-up Python reads 8,642 lines (~1 ms); nothing is
//! built from all the lexicon's forms unless the data build asks for it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;

use crate::lexicon::Error;

pub const TWIN_READINGS_FILE: &str = "twin_readings.txt";

/// The letters an engine without a German model cannot emit (`errormodel.UMLAUTS`).
pub const UMLAUTS: [char; 7] = ['ä', 'ö', 'ü', 'ß', 'Ä', 'Ö', 'Ü'];

fn has_umlaut(s: &str) -> bool {
    s.chars().any(|c| UMLAUTS.contains(&c))
}

/// The first line of `twin_readings.txt` for a lexicon and an error model
/// (`twin_readings_header`; `Lexicon.fingerprint` is `"{forms}:{total tokens}"`,
/// `ErrorModel.fingerprint` a hash of its profiles).
pub fn twin_readings_header(lexicon_fingerprint: &str, error_model_fingerprint: &str) -> String {
    format!(
        "# twin readings of lexicon {lexicon_fingerprint} under error model {error_model_fingerprint}"
    )
}

/// The shipped twin readings: the header and the set of forms.
pub struct TwinReadings {
    header: String,
    forms: HashSet<String>,
}

impl TwinReadings {
    /// Read `twin_readings.txt` from the data directory `dir`; `None` if there is none (as
    /// `_shipped_twin_readings`).
    pub fn load(dir: &Path) -> Result<Option<TwinReadings>, Error> {
        let path = dir.join(TWIN_READINGS_FILE);
        match fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes)
                    .map_err(|e| Error::Data(format!("{TWIN_READINGS_FILE}: not UTF-8: {e}")))?;
                Ok(Some(Self::from_text(&text)))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::Io(path, e)),
        }
    }

    /// The list from the file's text: the first line is the header, the other non-empty lines
    /// are the forms (Python's `split("\n")`; its `read_text` also reads "\r\n" and "\r" as
    /// line ends, which the data build never writes).
    pub fn from_text(text: &str) -> TwinReadings {
        let mut lines = text.split('\n');
        let header = lines.next().unwrap_or_default().to_owned();
        let forms = lines.filter(|w| !w.is_empty()).map(str::to_owned).collect();
        TwinReadings { header, forms }
    }

    pub fn header(&self) -> &str {
        &self.header
    }

    pub fn contains(&self, word: &str) -> bool {
        self.forms.contains(word)
    }

    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// The forms, sorted.
    pub fn sorted(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.forms.iter().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

/// The shipped twin readings if they were built from the lexicon and error model with these
/// fingerprints (`twin_filter`), else `None`.
pub fn twin_filter(
    dir: &Path,
    lexicon_fingerprint: &str,
    error_model_fingerprint: &str,
) -> Result<Option<TwinReadings>, Error> {
    let want = twin_readings_header(lexicon_fingerprint, error_model_fingerprint);
    Ok(TwinReadings::load(dir)?.filter(|t| t.header == want))
}

/// The stored forms that some profile may read from another stored form with one umlaut or ß
/// misread, sorted (`twin_readings`): for every form with an umlaut or ß, every true substring
/// covering one (the letter; it and the one before; it and the one after) that the error model
/// may read otherwise (`seen_as`: `ErrorModel.umlaut_confusions()`), the form with that reading
/// in its place, if `count` is not 0 and it is not `is_supplement` (corpus forms only).
pub fn twin_readings<'f, F, C, S>(
    forms: F,
    seen_as: &HashMap<String, Vec<String>>,
    mut count: C,
    mut is_supplement: S,
) -> Vec<String>
where
    F: IntoIterator<Item = &'f str>,
    C: FnMut(&str) -> u64,
    S: FnMut(&str) -> bool,
{
    let mut found = BTreeSet::new();
    let mut tried = HashSet::new();
    for form in forms {
        if !has_umlaut(form) {
            continue;
        }
        // byte offsets of the characters, and the end: slices by character index
        let at: Vec<usize> = form
            .char_indices()
            .map(|(i, _)| i)
            .chain([form.len()])
            .collect();
        let chars = at.len() - 1;
        for (i, ch) in form.chars().enumerate() {
            if !UMLAUTS.contains(&ch) {
                continue;
            }
            // the true substrings covering it: [i, i+1), [i-1, i+1), [i, i+2)
            for (a, b) in [
                (Some(i), i + 1),
                (i.checked_sub(1), i + 1),
                (Some(i), i + 2),
            ] {
                let Some(a) = a else { continue };
                if b > chars {
                    continue;
                }
                let (Some(&sa), Some(&sb)) = (at.get(a), at.get(b)) else {
                    continue;
                };
                let (Some(head), Some(true_part), Some(tail)) =
                    (form.get(..sa), form.get(sa..sb), form.get(sb..))
                else {
                    continue;
                };
                for observed in seen_as.get(true_part).into_iter().flatten() {
                    let reading = format!("{head}{observed}{tail}");
                    if !tried.insert(reading.clone()) {
                        continue; // asked before: the same answer
                    }
                    if count(&reading) != 0 && !is_supplement(&reading) {
                        found.insert(reading);
                    }
                }
            }
        }
    }
    found.into_iter().collect()
}

/// One channel table's inverse confusions: observed substring → (true substring, ln P), in the
/// table's order.
pub type Inverse = [(String, Vec<(String, f64)>)];

/// What a channel table says an umlaut or ß can be read as, inverted (`umlaut_readings`):
/// observed substring → ((true substring with an umlaut or ß, its ln P minus the score of
/// reading the observed substring as itself), ...), in the order of `inverses` (Python's
/// `inv1`, `inv2`, `inv3`) and of their entries. `ident` is the table's ln P of reading a
/// character as itself (`default` for the others).
pub fn umlaut_readings(
    inverses: &[&Inverse],
    ident: &HashMap<char, f64>,
    default: f64,
) -> Vec<(String, Vec<(String, f64)>)> {
    let mut readings: Vec<(String, Vec<(String, f64)>)> = Vec::new();
    let mut slot: HashMap<String, usize> = HashMap::new();
    for inverse in inverses {
        for (observed, options) in inverse.iter() {
            // Python 3.11's sum: plain additions from the first term
            let cost = observed.chars().fold(0.0f64, |acc, c| {
                acc + ident.get(&c).copied().unwrap_or(default)
            });
            let umlauts: Vec<(String, f64)> = options
                .iter()
                .filter(|(t, _)| has_umlaut(t))
                .map(|(t, lp)| (t.clone(), lp - cost))
                .collect();
            if umlauts.is_empty() {
                continue;
            }
            // a key seen again replaces the value in its first place, as a dict does
            match slot.get(observed).and_then(|&i| readings.get_mut(i)) {
                Some(entry) => entry.1 = umlauts,
                None => {
                    slot.insert(observed.clone(), readings.len());
                    readings.push((observed.clone(), umlauts));
                }
            }
        }
    }
    readings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_list() {
        let t = TwinReadings::from_text(
            "# twin readings of lexicon 3:10 under error model ab\nschon\nwurde\n\n",
        );
        assert_eq!(t.header(), twin_readings_header("3:10", "ab"));
        assert!(t.contains("schon") && t.contains("wurde") && !t.contains(""));
        assert_eq!(t.sorted(), ["schon", "wurde"]);
        let dir = std::env::temp_dir().join(format!("korrektor-twins-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        assert!(TwinReadings::load(&dir).unwrap().is_none());
        fs::write(
            dir.join(TWIN_READINGS_FILE),
            "# twin readings of lexicon 3:10 under error model ab\nx\n",
        )
        .unwrap();
        assert_eq!(
            twin_filter(&dir, "3:10", "ab").unwrap().map(|t| t.len()),
            Some(1)
        );
        assert!(twin_filter(&dir, "3:11", "ab").unwrap().is_none());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn readings_of_forms() {
        let seen_as: HashMap<String, Vec<String>> = [
            ("ü".to_string(), vec!["u".to_string(), "ii".to_string()]),
            ("ö".to_string(), vec!["o".to_string()]),
            ("ße".to_string(), vec!["Be".to_string()]),
        ]
        .into_iter()
        .collect();
        let stored = [
            "würde", "wurde", "wiirde", "schön", "schon", "Straße", "StraBe", "Fuß",
        ];
        let supplement = ["wiirde"];
        let got = twin_readings(
            stored.iter().copied(),
            &seen_as,
            |w| u64::from(stored.contains(&w)),
            |w| supplement.contains(&w),
        );
        assert_eq!(got, ["StraBe", "schon", "wurde"]);
    }

    #[test]
    fn readings_of_a_table() {
        let inv1: Vec<(String, Vec<(String, f64)>)> = vec![
            ("u".into(), vec![("ü".into(), -2.0), ("n".into(), -3.0)]),
            ("x".into(), vec![("y".into(), -1.0)]),
        ];
        let inv2: Vec<(String, Vec<(String, f64)>)> = vec![("ii".into(), vec![("ü".into(), -4.0)])];
        let ident: HashMap<char, f64> = [('u', -0.5), ('i', -0.25)].into_iter().collect();
        let got = umlaut_readings(&[&inv1, &inv2, &[]], &ident, -1.0);
        assert_eq!(
            got,
            vec![
                ("u".to_string(), vec![("ü".to_string(), -1.5)]),
                ("ii".to_string(), vec![("ü".to_string(), -3.5)]),
            ]
        );
    }

    /// The packaged list: its header names a lexicon and an error model.
    #[test]
    fn packaged_list() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        let t = TwinReadings::load(&dir).unwrap().unwrap();
        assert!(t.header().starts_with("# twin readings of lexicon "));
        assert!(t.len() > 5_000 && t.contains("wurde") && t.contains("schon"));
    }
}
