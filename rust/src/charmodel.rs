//! The character model (`korrektor.charmodel.CharModel`): how German a string of letters looks,
//! as ln P(letter | up to three letters before it) under an interpolated 4-gram model of the
//! lexicon's forms, and a word's worst spot.
//!
//! Source: `char_model.json` in the data directory (`scripts/build_char_model.py`): `logp`, the
//! interpolated ln P of every letter sequence of one to four letters (the last given the others),
//! and `backoff`, ln of the weight a history leaves to the shorter one.
//!
//! The keys are at most four characters, from an alphabet of a few dozen: each is packed into a
//! `u64` (a small number per character, the alphabet's position + 1, so keys of different
//! lengths never meet) and the two tables are hash maps from those. A query's character outside
//! the alphabet makes every key with it absent, exactly as Python's string lookups miss. The sums
//! are Python's, in its order, in `f64`: the answers are bit-identical.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use crate::json_value::{self, Value};
use crate::lexicon::Error;

pub const CHAR_MODEL_FILE: &str = "char_model.json";

/// Letters of history (a 4-gram model).
pub const HISTORY: usize = 3;
const START: char = '^';
const END: char = '$';
const FORMAT: &str = "korrektor-char-model";

/// ln P(a letter the forms never show): `math.log(1 / 60)`, as Python computes it.
fn unseen() -> f64 {
    (1.0f64 / 60.0).ln()
}

/// A multiplicative hash for the packed keys (they are small integers: SipHash's resistance to
/// chosen keys buys nothing for the package's own data, and costs a third of a lookup).
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        // the high bits of the product mix every bit of the key; HashMap takes the top 7 bits for
        // its control bytes and the low bits for the bucket, so fold them down
        let p = (n ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = p ^ (p >> 29);
    }
}

type KeyMap = HashMap<u64, f64, BuildHasherDefault<KeyHasher>>;

/// The characters the model's keys use, each with a small number (its position + 1).
struct Alphabet {
    ascii: [u16; 128],
    other: Vec<(char, u16)>,
    /// bits per character in a packed key
    bits: u32,
}

impl Alphabet {
    fn new(mut chars: Vec<char>) -> Result<Alphabet, Error> {
        chars.sort_unstable();
        chars.dedup();
        // four characters of `bits` bits each must fit in a u64, and no number may be 0
        let n = chars.len() + 1;
        let bits = usize::BITS - n.leading_zeros();
        if bits * HISTORY as u32 + bits > 64 {
            return Err(Error::Data(format!(
                "{CHAR_MODEL_FILE}: {} characters, too many to pack",
                chars.len()
            )));
        }
        let mut ascii = [0u16; 128];
        let mut other = Vec::new();
        for (i, c) in chars.into_iter().enumerate() {
            let code = u16::try_from(i + 1).map_err(|_| Error::Data("alphabet".into()))?;
            match ascii.get_mut(c as usize) {
                Some(slot) => *slot = code,
                None => other.push((c, code)),
            }
        }
        Ok(Alphabet { ascii, other, bits })
    }

    /// The character's number, 0 if no key has it.
    #[inline]
    fn code(&self, c: char) -> u16 {
        match self.ascii.get(c as usize) {
            Some(&code) => code,
            None => self
                .other
                .binary_search_by_key(&c, |&(ch, _)| ch)
                .ok()
                .and_then(|i| self.other.get(i))
                .map_or(0, |&(_, code)| code),
        }
    }

    /// The packed key of `codes`, `None` if one of them is outside the alphabet.
    #[inline]
    fn pack(&self, codes: &[u16]) -> Option<u64> {
        codes.iter().try_fold(0u64, |k, &c| {
            (c != 0).then(|| (k << self.bits) | u64::from(c))
        })
    }
}

/// The character model, loaded from `char_model.json`.
pub struct CharModel {
    alphabet: Alphabet,
    logp: KeyMap,
    backoff: KeyMap,
}

fn data_err<T>(msg: impl std::fmt::Display) -> Result<T, Error> {
    Err(Error::Data(format!("{CHAR_MODEL_FILE}: {msg}")))
}

impl CharModel {
    /// Load `char_model.json` from the data directory `dir`.
    pub fn load(dir: &Path) -> Result<CharModel, Error> {
        Self::load_file(&dir.join(CHAR_MODEL_FILE))
    }

    /// Load the model from the file `path`.
    pub fn load_file(path: &Path) -> Result<CharModel, Error> {
        let text = fs::read_to_string(path).map_err(|e| Error::Io(path.to_owned(), e))?;
        Self::from_json(&text)
    }

    /// The model from the text of `char_model.json`.
    pub fn from_json(text: &str) -> Result<CharModel, Error> {
        let data = json_value::parse(text).or_else(data_err)?;
        let history = data.get("history").and_then(Value::as_f64);
        if data.get("format").and_then(Value::as_str) != Some(FORMAT)
            || history != Some(HISTORY as f64)
        {
            return data_err("not a korrektor character model");
        }
        let table = |name: &str| -> Result<&[(Cow<'_, str>, Value<'_>)], Error> {
            match data.get(name) {
                Some(Value::Object(members)) => Ok(members),
                _ => data_err(format!("no object {name:?}")),
            }
        };
        let (logp, backoff) = (table("logp")?, table("backoff")?);
        let mut chars = Vec::new();
        // a lookup's key is a history of at most three letters and one letter more: a longer
        // key is never asked for (Python keeps it unread), so it is left out
        let usable = |key: &str| key.chars().count() <= HISTORY + 1;
        for (key, _) in logp.iter().chain(backoff) {
            if usable(key) {
                chars.extend(key.chars());
            }
        }
        let alphabet = Alphabet::new(chars)?;
        let pack_all =
            |name: &str, entries: &[(Cow<'_, str>, Value<'_>)]| -> Result<KeyMap, Error> {
                let mut map = KeyMap::with_capacity_and_hasher(entries.len(), Default::default());
                let mut codes = Vec::with_capacity(HISTORY + 1);
                for (key, v) in entries {
                    let Some(x) = v.as_f64() else {
                        return data_err(format!("{name}[{key:?}] is not a number"));
                    };
                    if !usable(key) {
                        continue;
                    }
                    codes.clear();
                    codes.extend(key.chars().map(|c| alphabet.code(c)));
                    // every character of a key is in the alphabet (it was built from the keys);
                    // a later duplicate replaces an earlier one, as in Python's dict
                    if let Some(k) = alphabet.pack(&codes) {
                        map.insert(k, x);
                    }
                }
                Ok(map)
            };
        let (logp, backoff) = (pack_all("logp", logp)?, pack_all("backoff", backoff)?);
        Ok(CharModel {
            alphabet,
            logp,
            backoff,
        })
    }

    /// The number of `logp` and `backoff` entries.
    pub fn sizes(&self) -> (usize, usize) {
        (self.logp.len(), self.backoff.len())
    }

    /// ln P(letter | up to three letters before it) for each letter of `word` (lower-cased as
    /// Python's `str.lower`) and for its end, as `CharModel.letter_logps`.
    pub fn letter_logps(&self, word: &str) -> Vec<f64> {
        let mut out = Vec::with_capacity(word.len() + 1);
        self.each_letter(word, |x| out.push(x));
        out
    }

    /// The lowest of [`letter_logps`](Self::letter_logps) (Python's `min`: the first of equal
    /// values), as `CharModel.worst`.
    pub fn worst(&self, word: &str) -> f64 {
        let mut worst: Option<f64> = None;
        self.each_letter(word, |x| {
            if worst.is_none_or(|w| x < w) {
                worst = Some(x);
            }
        });
        // the end is always scored, so there is at least one value
        worst.unwrap_or_else(unseen)
    }

    fn each_letter(&self, word: &str, mut emit: impl FnMut(f64)) {
        let mut s: Vec<u16> = Vec::with_capacity(word.len() + HISTORY + 1);
        s.extend([self.alphabet.code(START); HISTORY]);
        s.extend(
            crate::pystr::lower(word)
                .chars()
                .map(|c| self.alphabet.code(c)),
        );
        s.push(self.alphabet.code(END));
        let unseen = unseen();
        for i in HISTORY..s.len() {
            let mut acc = 0.0f64;
            let mut found_any = false;
            for k in (0..=HISTORY).rev() {
                // the history s[i-k..i] and the letter s[i]: one packed key each
                let Some(with_letter) = s.get(i - k..=i) else {
                    continue;
                };
                let history = with_letter.get(..k).unwrap_or_default();
                if let Some(&found) = self
                    .alphabet
                    .pack(with_letter)
                    .and_then(|key| self.logp.get(&key))
                {
                    acc += found;
                    found_any = true;
                    break;
                }
                // (the empty history packs to 0, the key of Python's "")
                let weight = self
                    .alphabet
                    .pack(history)
                    .and_then(|key| self.backoff.get(&key));
                if let Some(&w) = weight {
                    acc += w;
                }
            }
            if !found_any {
                acc += unseen;
            }
            emit(acc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = r#"{"format": "korrektor-char-model", "history": 3, "version": 1,
        "logp": {"$": -2.5, "^^^a": -1.25, "^^ab": -0.5, "b": -3.0, "c": -4.0, "ä": -5.0},
        "backoff": {"": -10.0, "^": -9.0, "^^": -8.0, "^^^": -7.0, "^^a": -6.0, "^ab": -1.0,
                    "ab": -0.25}}"#;

    #[test]
    fn backs_off_as_python() {
        let m = CharModel::from_json(MODEL).unwrap();
        // "ab": a after ^^^ (-1.25), b after ^^a (-0.5), end after ^ab: ^ab seen (-1.0), ab
        // seen (-0.25), b unseen as a history, "" then "$" (-2.5)
        let want = vec![-1.25, -0.5, -1.0 + -0.25 + -2.5];
        assert_eq!(m.letter_logps("AB"), want);
        assert_eq!(m.worst("ab"), -3.75);
        // "x": no key has it: ^^^ (-7), ^^ (-8), ^ (-9), "" (-10), then unseen
        let x = m.letter_logps("x");
        assert_eq!(x[0], -7.0 + -8.0 + -9.0 + -10.0 + (1.0f64 / 60.0).ln());
        assert_eq!(m.letter_logps(""), vec![-7.0 + -8.0 + -9.0 + -2.5]);
        assert_eq!(m.letter_logps("Ä")[0], -7.0 + -8.0 + -9.0 + -5.0);
    }

    #[test]
    fn refuses_other_files() {
        assert!(CharModel::from_json("{}").is_err());
        assert!(CharModel::from_json(&MODEL.replace("\"history\": 3", "\"history\": 2")).is_err());
        assert!(CharModel::from_json(&MODEL.replace("-0.5", "\"x\"")).is_err());
        let long = CharModel::from_json(&MODEL.replace("\"^^ab\"", "\"^^abc\"")).unwrap();
        assert_eq!(long.sizes(), (5, 7), "a key longer than four is never read");
        assert!(CharModel::from_json("[1").is_err());
    }

    /// The packaged model: Python's answers (`float.hex` turned into bits). The parity over
    /// every token is tests/test_core_models.py's and bench/core_models.py's.
    #[test]
    fn packaged_model() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        let m = CharModel::load(&dir).unwrap();
        assert!(m.sizes().0 > 100_000);
        let bits = |x: f64| x.to_bits();
        assert_eq!(bits(m.worst("Teilnmehmer")), 0xc02dbd14e3bcd35a);
        assert_eq!(bits(m.worst("Teilnehmer")), 0xc00b19652bd3c361);
        let ab: Vec<u64> = m.letter_logps("ab").into_iter().map(bits).collect();
        assert_eq!(
            ab,
            [0xc00465604189374c, 0xbffddcc63f141206, 0xc02067c84b5dcc64]
        );
    }
}
