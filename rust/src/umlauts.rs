//! The search for lost umlauts and ß (`korrektor/stages/words/umlauts.py`: `twins`, `_pairs`,
//! `_substituted`) and the searches built on it there (`capitals_twins`, `glyph_reading`,
//! `loose_compound_twins`, `hyphenated_parts`), with Python's answers exactly: the same candidates in the same order (the
//! `found` dict's insertion order, then Python's stable sort by descending score) and the same
//! f64 sums, added in Python's order.
//!
//! Positions are byte offsets into the token; Python counts code points. Only the order of
//! positions is compared (`c < b`, `c != checked`) and only whole code points are sliced, so the
//! answers are the same; the one length Python tests (`len(core) > 3`) is counted in code points.
//!
//! The readings table ([`Readings`], `korrektor.twins.umlaut_readings(table)`) is data computed in
//! Python once per error-model table; the lexicon questions (`count`, `is_prefix`, `known`,
//! `word_and_head`, `old_spelling`) are [`Forms`]' answers, which equal the Python `Lexicon`'s.

use std::collections::{HashMap, HashSet};

use crate::forms::{modern_spelling, Forms};
use crate::lexicon::PrefixState;
use crate::pystr;
use crate::search::py_sum;

/// `UMLAUT_SEARCH.max_paired_substitutions`
pub const MAX_PAIRED_SUBSTITUTIONS: usize = 40;
/// `UMLAUT_SEARCH.min_paired_gain`
pub const MIN_PAIRED_GAIN: f64 = -5.0;
/// `UMLAUT_SEARCH.min_compound_paired_gain`
pub const MIN_COMPOUND_PAIRED_GAIN: f64 = -2.0;
/// `UMLAUT_SEARCH.max_tripled_substitutions`
pub const MAX_TRIPLED_SUBSTITUTIONS: usize = 10;
/// `UMLAUT_SEARCH.min_capitals_word_length`
pub const MIN_CAPITALS_WORD_LENGTH: usize = 3;
/// `UMLAUT_SEARCH.min_weight_compound_twins`
pub const MIN_WEIGHT_COMPOUND_TWINS: f64 = 0.1;
/// `UMLAUT_SEARCH.min_compound_length`
pub const MIN_COMPOUND_LENGTH: usize = 8;

/// `umlaut_readings(table)`: observed substring (1 to 3 code points) → (true substring with an
/// umlaut or ß, change of the channel score), in the order of Python's tuples.
/// With the table's `ident` and `ident_default` (`set_identity`), also `ErrorModel.logp_identity`
/// for the parts of a hyphenated word.
#[derive(Debug, Clone, Default)]
pub struct Readings {
    map: HashMap<String, Vec<(String, f64)>>,
    identity: Option<(HashMap<char, f64>, f64)>,
    /// Python's `sum` of floats is compensated from 3.12 on (the gains of three substitutions)
    pub compensated_sum: bool,
}

impl Readings {
    pub fn new(compensated_sum: bool) -> Readings {
        Readings {
            map: HashMap::new(),
            identity: None,
            compensated_sum,
        }
    }

    /// The table's ln probabilities of reading a character as itself, and of any other.
    pub fn set_identity(&mut self, ident: HashMap<char, f64>, ident_default: f64) {
        self.identity = Some((ident, ident_default));
    }

    /// `ErrorModel.logp_identity(token, profile)`, `None` without the identity table.
    pub fn logp_identity(&self, token: &str) -> Option<f64> {
        let (ident, default) = self.identity.as_ref()?;
        let each = token
            .chars()
            .map(|c| ident.get(&c).copied().unwrap_or(*default));
        Some(py_sum(each, self.compensated_sum))
    }

    /// The readings of `observed` (a later insert of the same key replaces the earlier one, as a
    /// dict's would).
    pub fn insert(&mut self, observed: &str, options: Vec<(String, f64)>) {
        self.map.insert(observed.to_owned(), options);
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    fn get(&self, observed: &str) -> Option<&[(String, f64)]> {
        self.map.get(observed).map(Vec::as_slice)
    }
}

/// What counts as a word (`twins`' `reach`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// stored forms ("stored")
    Stored,
    /// also unseen compounds ("compounds")
    Compounds,
    /// a stored word before a compound head ("loose")
    Loose,
    /// every reading ("readings")
    Readings,
}

impl Reach {
    /// The reach named as in Python; `None` for a name Python's code does not name (it treats
    /// any such as a reach of its own, which the caller leaves to Python).
    pub fn parse(name: &str) -> Option<Reach> {
        match name {
            "stored" => Some(Reach::Stored),
            "compounds" => Some(Reach::Compounds),
            "loose" => Some(Reach::Loose),
            "readings" => Some(Reach::Readings),
            _ => None,
        }
    }
}

/// The decoder's page state that `twins` reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Page<'a> {
    /// `d.today is not None`: the page writes as before 1996
    pub today: bool,
    /// `d.twin_filter`: the stored forms that some stored word with an umlaut or ß is read as
    pub twin_filter: Option<&'a HashSet<String>>,
}

/// A place where the token shows what an umlaut or ß is read as.
#[derive(Debug, Clone, Copy)]
struct Sub<'r> {
    start: usize,
    end: usize,
    truth: &'r str,
    gain: f64,
}

/// A substitution where a word may start as the token does through it: its index in the list
/// it came from, its end, the token through it with the substitution made.
struct Head {
    k: usize,
    end: usize,
    head: String,
    gain: f64,
    /// the transducer's state after `head` (the stored forms' test only)
    state: Option<PrefixState>,
}

#[derive(Clone, Copy)]
enum PrefixOk {
    Any,
    Stored,
    /// a stored prefix, or one with an ß whose modern spelling is stored
    OldSpelling,
}

#[derive(Clone, Copy)]
enum Accept {
    Any,
    Count,
    Loose,
    CountOrKnown,
    CountOrOldSpelling,
}

struct Search<'a> {
    forms: &'a Forms,
    core: &'a str,
    prefix: PrefixOk,
}

impl Search<'_> {
    fn prefix_ok(&self, p: &str) -> bool {
        let lex = self.forms.lexicon();
        match self.prefix {
            PrefixOk::Any => true,
            PrefixOk::Stored => lex.is_prefix(p),
            PrefixOk::OldSpelling => {
                lex.is_prefix(p)
                    || (p.contains('ß') && modern_spelling(p).is_some_and(|m| lex.is_prefix(&m)))
            }
        }
    }

    fn heads(&self, subs: &[Sub<'_>]) -> Vec<Head> {
        let lex = self.forms.lexicon();
        // for the stored forms' test, the transducer's state of the token before each place,
        // carried along it (the places come in the token's order): no walk from the root
        let (mut at, mut before) = (0, Some(lex.prefix_root()));
        let mut out = Vec::new();
        for (k, s) in subs.iter().enumerate() {
            let head = || {
                let mut head = String::with_capacity(s.start + s.truth.len());
                head.push_str(self.core.get(..s.start).unwrap_or(""));
                head.push_str(s.truth);
                head
            };
            let (head, state) = match self.prefix {
                PrefixOk::Stored => {
                    if at < s.start {
                        let gap = self.core.get(at..s.start).unwrap_or("");
                        before = before.and_then(|b| lex.prefix_step(b, gap.as_bytes()));
                        at = s.start;
                    }
                    let state = before.and_then(|b| lex.prefix_step(b, s.truth.as_bytes()));
                    // the empty string is no prefix (Python's test)
                    let empty = s.start == 0 && s.truth.is_empty();
                    (state.filter(|_| !empty).map(|_| head()), state)
                }
                PrefixOk::Any | PrefixOk::OldSpelling => {
                    let head = head();
                    (self.prefix_ok(&head).then_some(head), None)
                }
            };
            if let Some(head) = head {
                out.push(Head {
                    k,
                    end: s.end,
                    head,
                    gain: s.gain,
                    state,
                });
            }
        }
        out
    }

    /// `_pairs`: the readings with one substitution of `firsts` and a later one of `paired`.
    /// `closed`: the prefix test holds for every prefix of a string it holds for, so where no
    /// word starts as the token does up to a place, the first substitution's search ends there.
    fn pairs(
        &self,
        identity: f64,
        firsts: &[Head],
        paired: &[Sub<'_>],
        closed: bool,
        out: &mut Vec<(String, f64)>,
    ) {
        let core = self.core;
        let lex = self.forms.lexicon();
        let mut buf = String::new();
        for h in firsts {
            let mut checked: Option<usize> = None;
            // the stored forms' test: the state after the token through `pos` with the first
            // substitution made (`paired` comes in the token's order, so `pos` only moves on)
            let (mut pos, mut state) = (h.end, h.state);
            for s in paired.get(h.k + 1..).unwrap_or(&[]) {
                if s.start < h.end {
                    continue;
                }
                let mid = core.get(h.end..s.start).unwrap_or("");
                let stored = matches!(self.prefix, PrefixOk::Stored);
                if !stored {
                    buf.clear();
                    buf.push_str(&h.head);
                    buf.push_str(mid);
                }
                if closed && checked != Some(s.start) {
                    let ok = if stored {
                        if pos < s.start {
                            let gap = core.get(pos..s.start).unwrap_or("");
                            state = state.and_then(|st| lex.prefix_step(st, gap.as_bytes()));
                            pos = s.start;
                        }
                        state.is_some()
                    } else {
                        self.prefix_ok(&buf)
                    };
                    if !ok {
                        break;
                    }
                    checked = Some(s.start);
                }
                let ok = if stored {
                    // (the head is no empty string: it passed the test)
                    state
                        .and_then(|st| lex.prefix_step(st, s.truth.as_bytes()))
                        .is_some()
                } else {
                    buf.push_str(s.truth);
                    self.prefix_ok(&buf)
                };
                if ok {
                    let mut w = String::with_capacity(core.len() + 4);
                    w.push_str(&h.head);
                    w.push_str(mid);
                    w.push_str(s.truth);
                    w.push_str(core.get(s.end..).unwrap_or(""));
                    out.push((w, identity + h.gain + s.gain));
                }
            }
        }
    }
}

/// `_substituted`: `core` with the substitutions made, in order.
fn substituted(core: &str, subs: &[Sub<'_>]) -> String {
    let mut out = String::with_capacity(core.len() + 8);
    let mut at = 0;
    for s in subs {
        out.push_str(core.get(at..s.start).unwrap_or(""));
        out.push_str(s.truth);
        at = s.end;
    }
    out.push_str(core.get(at..).unwrap_or(""));
    out
}

/// `twins(d, core, identity, depth, reach)`: the words that differ from `core` by up to `depth`
/// lost umlauts or ß, with their channel scores, best first (ties in the order found).
pub fn twins(
    forms: &Forms,
    readings: &Readings,
    core: &str,
    identity: f64,
    depth: i64,
    reach: Reach,
    page: Page<'_>,
) -> Vec<(String, f64)> {
    let stored = reach == Reach::Stored;
    if depth == 1
        && stored
        && !page.today
        && page.twin_filter.is_some_and(|f| !f.contains(core))
        && forms.count(core) > 0
    {
        // a stored form no stored word with an umlaut or ß is read as
        return Vec::new();
    }
    // the token's code point boundaries: Python's places
    let bounds: Vec<usize> = core
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(core.len()))
        .collect();
    let n = bounds.len() - 1;
    let mut subs: Vec<Sub<'_>> = Vec::new();
    for i in 0..n {
        for end in i + 1..=(i + 3).min(n) {
            let (Some(&a), Some(&b)) = (bounds.get(i), bounds.get(end)) else {
                continue;
            };
            if let Some(found) = core.get(a..b).and_then(|s| readings.get(s)) {
                subs.extend(found.iter().map(|(truth, gain)| Sub {
                    start: a,
                    end: b,
                    truth,
                    gain: *gain,
                }));
            }
        }
    }
    if subs.is_empty() {
        return Vec::new();
    }
    let mut prefix = if stored {
        PrefixOk::Stored
    } else {
        PrefixOk::Any
    };
    let mut closed = stored;
    let accept = match reach {
        Reach::Readings => Accept::Any,
        Reach::Loose => {
            if forms.word_and_head(core) {
                // the token is such a word itself ("Deckelboden", not "Deckelböden")
                return Vec::new();
            }
            Accept::Loose
        }
        Reach::Compounds => Accept::CountOrKnown,
        Reach::Stored => {
            let glyph_sz = n > 3
                && subs.iter().any(|s| {
                    s.truth == "ß"
                        && core
                            .get(s.start..s.end)
                            .is_some_and(|o| !pystr::is_lower(o))
                });
            if page.today || glyph_sz {
                // an ß shown as a glyph may be a word spelt as before 1996 ("FluB" → "Fluß"):
                // it and its prefixes are checked in the modern spelling, where a prefix's
                // own prefixes need not pass ("Fluß" passes as "Fluss", "Flu" not as "Flu")
                prefix = PrefixOk::OldSpelling;
                closed = false;
                Accept::CountOrOldSpelling
            } else {
                Accept::Count
            }
        }
    };
    let search = Search {
        forms,
        core,
        prefix,
    };
    let firsts = search.heads(&subs);
    let mut options: Vec<(String, f64)> = firsts
        .iter()
        .map(|h| {
            let mut w = h.head.clone();
            w.push_str(core.get(h.end..).unwrap_or(""));
            (w, identity + h.gain)
        })
        .collect();
    if depth > 1 {
        // the pairs grow with the square of the places: in a long token only the likelier
        // readings pair
        let floor = if stored {
            MIN_PAIRED_GAIN
        } else {
            MIN_COMPOUND_PAIRED_GAIN
        };
        let all = subs.len() <= MAX_PAIRED_SUBSTITUTIONS && stored;
        let filtered: Vec<Sub<'_>>;
        let paired: &[Sub<'_>] = if all {
            &subs
        } else {
            filtered = subs.iter().copied().filter(|s| s.gain >= floor).collect();
            &filtered
        };
        if paired.len() <= MAX_PAIRED_SUBSTITUTIONS {
            if all {
                search.pairs(identity, &firsts, paired, closed, &mut options);
            } else {
                let heads = search.heads(paired);
                search.pairs(identity, &heads, paired, closed, &mut options);
            }
        }
        if !stored && paired.len() <= MAX_TRIPLED_SUBSTITUTIONS {
            // a compound has room for three ("Grunflachenamter" → "Grünflächenämter")
            for (i, a) in paired.iter().enumerate() {
                for (j, b) in paired.iter().enumerate().skip(i + 1) {
                    for c in paired.iter().skip(j + 1) {
                        if a.end <= b.start && b.end <= c.start {
                            let three = [*a, *b, *c];
                            let gain =
                                py_sum(three.iter().map(|s| s.gain), readings.compensated_sum);
                            options.push((substituted(core, &three), identity + gain));
                        }
                    }
                }
            }
        }
    }
    let accepts = |w: &str| -> bool {
        match accept {
            Accept::Any => true,
            Accept::Count => forms.count(w) > 0,
            Accept::Loose => pystr::is_lower(pystr::split_first(w).1) && forms.word_and_head(w),
            Accept::CountOrKnown => forms.count(w) > 0 || forms.known(w),
            Accept::CountOrOldSpelling => forms.count(w) > 0 || forms.old_spelling(w),
        }
    };
    // Python's dict: a word keeps the place of its first entry when a better score replaces it
    let mut found: Vec<(&str, f64)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (w, score) in &options {
        let w = w.as_str();
        let i = at.get(w).copied();
        let prev = i
            .and_then(|i| found.get(i))
            .map_or(f64::NEG_INFINITY, |&(_, s)| s);
        if *score > prev && accepts(w) {
            match i.and_then(|i| found.get_mut(i)) {
                Some(entry) => entry.1 = *score,
                None => {
                    at.insert(w, found.len());
                    found.push((w, *score));
                }
            }
        }
    }
    let mut out: Vec<(String, f64)> = found
        .into_iter()
        .filter(|&(w, _)| w != core)
        .map(|(w, s)| (w.to_owned(), s))
        .collect();
    // `sorted(..., key=-score)`: stable, best first
    out.sort_by(|a, b| crate::search::best_first(a.1, b.1));
    out
}

/// `tokens.is_known`: a stored form, a known word (case or spelling variant, compound, ...), or
/// the first part of a suspended compound ("Landtags-").
pub fn is_known(forms: &Forms, core: &str) -> bool {
    forms.count(core) > 0
        || forms.known(core)
        || (pystr::len(core) > 3 && core.strip_suffix('-').is_some_and(|part| forms.known(part)))
}

/// `capitals_twins`: a word set in capitals with its umlauts lost ("PRUFUNG" → "PRÜFUNG"), found
/// as its title-case form's twins, in capitals again; not for a token that is a word in another
/// case, nor for one too short to tell from an acronym.
pub fn capitals_twins(
    forms: &Forms,
    readings: &Readings,
    core: &str,
    identity: f64,
    page: Page<'_>,
) -> Vec<(String, f64)> {
    if pystr::len(core) < MIN_CAPITALS_WORD_LENGTH || forms.count_ci(core) > 0 {
        return Vec::new();
    }
    let title = pystr::capitalize(core);
    twins(forms, readings, &title, identity, 2, Reach::Stored, page)
        .into_iter()
        .map(|(w, lp)| (pystr::upper(&w), lp))
        .filter(|(w, _)| w != core)
        .collect()
}

/// `glyph_reading`: a token with a misread glyph read back, the word it makes (if it is one)
/// first, then the words it makes with lost umlauts restored.
pub fn glyph_reading(
    forms: &Forms,
    readings: &Readings,
    reading: &str,
    score: f64,
    page: Page<'_>,
) -> Vec<(String, f64)> {
    if !is_known(forms, reading) {
        return twins(forms, readings, reading, score, 2, Reach::Stored, page);
    }
    let mut out = vec![(reading.to_owned(), score)];
    out.extend(twins(
        forms,
        readings,
        reading,
        score,
        1,
        Reach::Stored,
        page,
    ));
    out
}

/// `loose_compound_twins`: lost umlauts in a long non-word that a stored word and a compound
/// head make up once restored, on a page with a real share of the no-umlauts profile
/// (`weight`: the decoder's profile weight).
pub fn loose_compound_twins(
    forms: &Forms,
    readings: &Readings,
    core: &str,
    identity: f64,
    weight: f64,
    page: Page<'_>,
) -> Vec<(String, f64)> {
    if !(pystr::len(core) >= MIN_COMPOUND_LENGTH && weight >= MIN_WEIGHT_COMPOUND_TWINS) {
        return Vec::new();
    }
    twins(forms, readings, core, identity, 2, Reach::Loose, page)
}

/// `hyphenated_parts`: "90-Jahrige" → "90-Jährige", each part that is no known word restored
/// on its own (twins of depth 2, else of depth 1 among compounds, else `loose_compound_twins`);
/// `None` without the identity table (`Readings::set_identity`).
pub fn hyphenated_parts(
    forms: &Forms,
    readings: &Readings,
    core: &str,
    identity: f64,
    weight: f64,
    page: Page<'_>,
) -> Option<Vec<(String, f64)>> {
    readings.identity.as_ref()?;
    if !core.contains('-') {
        return Some(Vec::new());
    }
    let mut parts = Vec::new();
    let mut score = identity;
    for part in core.split('-') {
        let mut best = None;
        if pystr::len(part) >= 3 && !is_known(forms, part) {
            let own = readings.logp_identity(part)?;
            let mut found = twins(forms, readings, part, own, 2, Reach::Stored, page);
            if found.is_empty() {
                found = twins(forms, readings, part, own, 1, Reach::Compounds, page);
            }
            if found.is_empty() {
                found = loose_compound_twins(forms, readings, part, own, weight, page);
            }
            best = found.into_iter().next().map(|(w, lp)| (w, lp - own));
        }
        match best {
            Some((w, gain)) => {
                parts.push(w);
                score += gain;
            }
            None => parts.push(part.to_owned()),
        }
    }
    let word = parts.join("-");
    Some(if word != core {
        vec![(word, score)]
    } else {
        Vec::new()
    })
}

/// `UMLAUT_SEARCH.case_cost`: `math.log(0.06)`
pub const CASE_COST: f64 = -2.8134107167600364;

/// `_umlaut_count`: the umlauts in `word`.
fn umlaut_count(word: &str) -> usize {
    word.chars().filter(|c| "äöüÄÖÜ".contains(*c)).count()
}

/// `old_sz_spellings(d, t, today)`: the old ß spellings a lost ß may have made ("mußte" for
/// "wute"), beyond the candidates `seen` of the decoder for today's spelling (`identity`: the
/// score of its first, the token's), on the old-spelling decoder's page. Not for an acronym;
/// only a lost ß restored, no umlaut besides (a guess between two old forms).
pub fn old_sz_spellings(
    forms: &Forms,
    readings: &Readings,
    core: &str,
    acronym: bool,
    seen: &HashSet<&str>,
    identity: f64,
    page: Page<'_>,
) -> Vec<(String, f64)> {
    if acronym {
        return Vec::new();
    }
    let depth = if forms.count(core) > 0 { 1 } else { 2 };
    let umlauts = umlaut_count(core);
    twins(forms, readings, core, identity, depth, Reach::Stored, page)
        .into_iter()
        .filter(|(w, _)| {
            !seen.contains(w.as_str())
                && modern_spelling(w).is_some_and(|m| !m.is_empty())
                && umlaut_count(w) == umlauts
        })
        .collect()
}

/// `lowercase_variants(d, cands)`: the lower-case forms of the candidates (after the token's,
/// the first) that start with an umlaut capital and no second capital ("Überprüft" read from
/// "Uberpriift" → "überprüft"), where the lexicon stores them and no candidate is one yet, with
/// the case's cost added. `cands`: each candidate's word and score.
pub fn lowercase_variants(forms: &Forms, cands: &[(&str, f64)]) -> Vec<(String, f64)> {
    let mut seen: HashSet<String> = cands.iter().map(|(w, _)| (*w).to_owned()).collect();
    let mut out = Vec::new();
    for &(w, lp) in cands.iter().skip(1) {
        let (first, tail) = pystr::split_first(w);
        // `w[:1] in "ÄÖÜ"`; an empty word, which Python fails on, is skipped here (the binding
        // leaves a list with one to Python)
        if !matches!(first, "Ä" | "Ö" | "Ü") {
            continue;
        }
        let second = pystr::split_first(tail).0;
        if pystr::is_upper(second) {
            continue;
        }
        let low = pystr::lower(first) + tail;
        if !seen.contains(&low) && forms.count(&low) > 0 {
            out.push((low.clone(), lp + CASE_COST));
            seen.insert(low);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::OnceLock;

    fn forms() -> &'static Forms {
        static FORMS: OnceLock<Forms> = OnceLock::new();
        FORMS.get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
            Forms::load(&dir, true).expect("the package's lexicon")
        })
    }

    /// ii → ü, u → ü, U → Ü, a → ä, o → ö, B → ß (and B as itself, which is no umlaut)
    fn readings() -> Readings {
        let mut r = Readings::new(false);
        let opt = |t: &str, g: f64| vec![(t.to_string(), g)];
        r.insert("ii", opt("ü", -0.5));
        r.insert("u", opt("ü", -1.0));
        r.insert("U", opt("Ü", -1.5));
        r.insert("a", opt("ä", -0.75));
        r.insert("o", opt("ö", -1.25));
        r.insert("B", opt("ß", -0.25));
        r
    }

    fn words(found: &[(String, f64)]) -> Vec<&str> {
        found.iter().map(|(w, _)| w.as_str()).collect()
    }

    fn twins_of(core: &str, depth: i64, reach: Reach, page: Page<'_>) -> Vec<(String, f64)> {
        twins(forms(), &readings(), core, -0.125, depth, reach, page)
    }

    #[test]
    fn finds_lost_umlauts_with_python_sums() {
        let page = Page::default();
        let got = twins_of("fiir", 1, Reach::Stored, page);
        assert_eq!(got.first().map(|x| x.0.as_str()), Some("für"));
        assert_eq!(got[0].1.to_bits(), (-0.125f64 + -0.5).to_bits());
        let got = twins_of("Prufung", 1, Reach::Stored, page);
        assert!(words(&got).contains(&"Prüfung"));
        // two places: (identity + first gain) + second gain
        let got = twins_of("Uberpriift", 2, Reach::Stored, page);
        let i = words(&got)
            .iter()
            .position(|w| *w == "Überprüft")
            .expect("Überprüft");
        assert_eq!(got[i].1.to_bits(), ((-0.125f64 + -1.5) + -0.5).to_bits());
        assert!(twins_of("Uberpriift", 1, Reach::Stored, page).is_empty());
        // best first, ties in the order found
        for w in [&got, &twins_of("schon", 1, Reach::Stored, page)] {
            assert!(w.windows(2).all(|p| p[0].1 >= p[1].1));
        }
    }

    #[test]
    fn three_places_in_an_unseen_compound() {
        let page = Page::default();
        let got = twins_of("Grunflachenamter", 2, Reach::Compounds, page);
        let i = words(&got)
            .iter()
            .position(|w| *w == "Grünflächenämter")
            .expect("three restored");
        let sum = 0.0 + -1.0 + -0.75 + -0.75;
        assert_eq!(got[i].1.to_bits(), (-0.125f64 + sum).to_bits());
        assert!(
            !words(&twins_of("Grunflachenamter", 2, Reach::Stored, page))
                .contains(&"Grünflächenämter")
        );
    }

    #[test]
    fn twin_filter_and_old_spellings() {
        let empty = HashSet::new();
        let with: HashSet<String> = ["wurde".to_string()].into();
        let no = Page {
            today: false,
            twin_filter: Some(&empty),
        };
        let yes = Page {
            today: false,
            twin_filter: Some(&with),
        };
        assert!(twins_of("wurde", 1, Reach::Stored, no).is_empty());
        assert!(words(&twins_of("wurde", 1, Reach::Stored, yes)).contains(&"würde"));
        // the filter is for depth 1 and stored forms only, and not on an old-spelling page
        assert!(words(&twins_of("wurde", 2, Reach::Stored, no)).contains(&"würde"));
        let old = Page {
            today: true,
            twin_filter: Some(&empty),
        };
        assert!(words(&twins_of("wurde", 1, Reach::Stored, old)).contains(&"würde"));
        // an ß shown as a glyph: the old spelling counts
        assert!(words(&twins_of("FluB", 1, Reach::Stored, Page::default())).contains(&"Fluß"));
        assert!(words(&twins_of("mugte", 1, Reach::Stored, old)).is_empty());
    }

    #[test]
    fn loose_and_readings() {
        let page = Page::default();
        for w in twins_of("Binarpakete", 2, Reach::Loose, page) {
            assert!(forms().word_and_head(&w.0), "{w:?}");
        }
        // every reading, words or not, the pairs too
        let all = twins_of("Prufung", 2, Reach::Readings, page);
        for w in ["Prüfung", "Prufüng", "Prüfüng"] {
            assert!(words(&all).contains(&w), "{w}");
        }
    }

    #[test]
    fn any_string_no_panic() {
        let long = "a".repeat(200) + "ii" + &"u".repeat(50);
        for tok in [
            "",
            "a",
            "ß",
            "B",
            "ii",
            "x\u{1F600}ii",
            "e\u{301}ii\u{301}",
            "İstanbul",
            "ǅuB",
            long.as_str(),
        ] {
            for reach in [
                Reach::Stored,
                Reach::Compounds,
                Reach::Loose,
                Reach::Readings,
            ] {
                for depth in [-1, 0, 1, 2, 3] {
                    for today in [false, true] {
                        let page = Page {
                            today,
                            twin_filter: None,
                        };
                        let got = twins_of(tok, depth, reach, page);
                        assert!(got.iter().all(|(w, _)| w != tok));
                    }
                }
            }
        }
    }

    #[test]
    fn searches_built_on_twins() {
        let page = Page::default();
        let (f, r) = (forms(), &readings());
        let got = capitals_twins(f, r, "PRUFUNG", -0.125, page);
        assert_eq!(got.first().map(|x| x.0.as_str()), Some("PRÜFUNG"));
        assert!(capitals_twins(f, r, "FU", 0.0, page).is_empty());
        assert!(
            capitals_twins(f, r, "HAUS", 0.0, page).is_empty(),
            "a word in title case"
        );
        let got = glyph_reading(f, r, "Fluß", -1.0, page);
        assert_eq!(got.first(), Some(&("Fluß".to_string(), -1.0)));
        assert!(is_known(f, "Landtags-") && !is_known(f, "ab-") && !is_known(f, ""));
        assert!(loose_compound_twins(f, r, "Binarpakete", 0.0, 0.05, page).is_empty());
        assert!(loose_compound_twins(f, r, "Binar", 0.0, 1.0, page).is_empty());
    }

    #[test]
    fn hyphenated_words_part_by_part() {
        let page = Page::default();
        let f = forms();
        let mut r = readings();
        assert_eq!(hyphenated_parts(f, &r, "90-Jahrige", 0.0, 1.0, page), None);
        r.set_identity([('a', -0.5)].into(), -0.25);
        assert_eq!(r.logp_identity("ab"), Some(0.0 + -0.5 + -0.25));
        let got = hyphenated_parts(f, &r, "90-Jahrige", -1.0, 1.0, page).unwrap();
        let own = r.logp_identity("Jahrige").unwrap();
        // the restored part's gain over its own identity, added to the whole's
        let (_, lp) = twins(f, &r, "Jahrige", own, 2, Reach::Stored, page)[0];
        assert_eq!(got, [("90-Jährige".to_string(), -1.0 + (lp - own))]);
        assert!(hyphenated_parts(f, &r, "Haus-Tür", 0.0, 1.0, page)
            .unwrap()
            .is_empty());
        assert!(hyphenated_parts(f, &r, "fiir", 0.0, 1.0, page)
            .unwrap()
            .is_empty());
        for odd in ["-", "--", "a-", "-fiir-", "ii-ii-ii"] {
            assert!(hyphenated_parts(f, &r, odd, 0.0, 1.0, page).is_some());
        }
    }

    #[test]
    fn reach_names() {
        assert_eq!(Reach::parse("stored"), Some(Reach::Stored));
        assert_eq!(Reach::parse("loose"), Some(Reach::Loose));
        assert_eq!(Reach::parse("compounds"), Some(Reach::Compounds));
        assert_eq!(Reach::parse("readings"), Some(Reach::Readings));
        assert_eq!(Reach::parse("Stored"), None);
    }
}
