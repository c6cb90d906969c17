//! The words stage's decoding passes (`stages/words/passes.py`: `decode`), whole, with Python's
//! answers exactly: the same decisions in the same order, the same float bits, the same `best`
//! left on every token.
//!
//! The passes, in order, each deciding some tokens left to right with the latest decisions as
//! context: (1) every token with an alternative; (2) once more where a neighbour changed; (3)
//! where the page repeats a confusion the error model does not expect, every token it explains,
//! with that confusion learned ([`crate::page_confusions`]); (4) on a page spelt as before 1996,
//! again in today's spelling (the `old` decoder: old ß spellings among the candidates, bigrams in
//! either spelling); (5) on a page without umlauts, the words still unknown with the German
//! engine's habits; (6) the words still unknown among the document's own words.
//!
//! Python's decoders are [`Decoders`] here: one scorer's models with each decoder's
//! [`Settings`], the compiled searches of the page and of the German profile, and the candidate
//! caches (per process in Python, keyed by the language data, the error model, the profile's
//! weight and `today`: the caller owns them, [`CandidateCache`]). Their content changes no
//! answer: a token's candidates are a function of its core. The decisions a decoder made without
//! the sentence's context are kept per decoder, by (token, previous, next word), as Python keeps
//! them; the sentence's words are gathered only when the scorer asks for them.
//!
//! What the compiled parts decline (a search, the scorer on a candidate it cannot score, the
//! learning on a rate of 0) makes [`decode`] answer `None`: the caller then runs Python's passes,
//! whose tokens this has not touched.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use crate::charmodel::CharModel;
use crate::context::{clause_end_features, ContextModel};
use crate::decoder::{umlaut_twin, Scorer, Settings, Token as ScorerToken};
use crate::document::{self, DecidedToken};
use crate::forms::modern_spelling;
use crate::language::{Language, SENT_START};
use crate::nearby::{self, Ending};
use crate::page_confusions::{self as pc, Confusion, LearnedMap, Pick};
use crate::pystr;
use crate::search::Fx;
use crate::sources::{Candidate, Searches, Token as SourceToken, IDENTITY};
use crate::umlauts::{self, Page};

/// `sources.OLD_SZ_SPELLING`: an old ß spelling of a page spelt as before 1996.
pub const OLD_SZ_SPELLING: &str = "old_sz_spelling";
/// `page_confusions.PAGE_CONFUSION`: a word a learned confusion makes of the token.
pub const PAGE_CONFUSION: &str = "page_confusion";
/// `document.WORD_OF_THE_DOCUMENT`: a word the document writes elsewhere.
pub const WORD_OF_THE_DOCUMENT: &str = "word_of_the_document";
/// `page_confusions._MODEL_RESTORATIONS`: the searches that restore the error model's commonest
/// confusions; a non-word they corrected teaches nothing new.
pub const MODEL_RESTORATIONS: [&str; 5] = [
    "lost_umlauts",
    "sz_read_as_symbols",
    "l_read_as_capital_i",
    "lost_umlauts_in_compound",
    "lost_umlauts_in_hyphenated_word",
];
/// `decoder._CANDIDATE_CACHE_MAX`: candidate lists kept per cache before it is emptied.
pub const CANDIDATE_CACHE_MAX: usize = 300_000;
/// `page_confusions._EXPLANATIONS_MAX`
pub const EXPLANATIONS_MAX: usize = 100_000;

/// A token as the passes read and update it (`Token`'s fields).
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub core: String,
    pub sentence_end: bool,
    pub known: bool,
    pub protected: bool,
    /// the decision of the latest pass
    pub best: String,
    pub acronym: bool,
    /// > 0: joined from two tokens
    pub merged: f64,
    pub paragraph_end: bool,
}

/// A decision: the word, its posterior, the runners-up, the name of the search that proposed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub word: String,
    pub posterior: f64,
    pub runners: Vec<String>,
    pub maker: &'static str,
}

/// A token's candidates, shared between a cache and its users.
pub type Candidates = Arc<Vec<Candidate>>;

/// Candidate lists by token core (`Decoder._cands` of the process-wide cache): bounded, emptied
/// when full (`memo.remember`).
#[derive(Debug, Default)]
pub struct CandidateCache {
    map: FxMap<String, Candidates>,
}

impl CandidateCache {
    pub fn get(&self, core: &str) -> Option<Candidates> {
        self.map.get(core).cloned()
    }

    pub fn insert(&mut self, core: &str, found: Candidates) {
        if self.map.len() >= CANDIDATE_CACHE_MAX {
            self.map.clear();
        }
        self.map.insert(core.to_owned(), found);
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The page confusions' explanations by core (`page_confusions._EXPLANATIONS`, per lexicon).
#[derive(Debug, Default)]
pub struct ExplanationCache {
    map: FxMap<String, Arc<Vec<Confusion>>>,
}

/// What `held_back` asks of a decoder.
#[derive(Debug, Clone, Copy)]
pub struct Held {
    /// `german_page`: the page was read by an engine with a German model
    pub german_page: bool,
    /// `min_real_word_confidence`
    pub min_real_word_confidence: f64,
}

/// `Decoder.held_back(t, word, confidence)`: is replacing the known word `t` by another word
/// too unsure to apply on this page?
pub fn held_back(held: Held, t: &Row, word: &str, confidence: f64) -> bool {
    if !t.known
        || t.merged != 0.0
        || word.contains(' ')
        || pystr::lower(word) == pystr::lower(&t.core)
    {
        return false;
    }
    if held.german_page && umlaut_twin(word, &t.core) {
        return true;
    }
    confidence < held.min_real_word_confidence
}

/// The German engine's decoder of pass 5 (`Decoder(lexicon, em, GERMAN_TEXT, page_profile=...)`).
pub struct GermanDecoder<'a> {
    pub settings: Settings,
    pub held: Held,
    pub searches: Searches<'a>,
    /// its candidate cache (an index into [`decode`]'s caches)
    pub cache: usize,
}

/// The page's decoders as Python makes them in `decode`.
pub struct Decoders<'a> {
    pub language: &'a Language,
    pub chars: &'a CharModel,
    pub context: Option<&'a ContextModel>,
    /// the main decoder's settings (`today` is not given: `modern_bigrams` false)
    pub settings: Settings,
    pub held: Held,
    /// the main decoder's searches (its page)
    pub searches: Searches<'a>,
    /// the profile is `GERMAN_TEXT`: passes 4 and 5 do not run
    pub german_profile: bool,
    /// pass 5's decoder (given where the profile is not German)
    pub german: Option<GermanDecoder<'a>>,
    /// the candidate caches of the main decoder and of the `old` one (indices)
    pub main_cache: usize,
    pub old_cache: usize,
    /// `PASSES.min_old_spelling_words`
    pub min_old_spelling_words: usize,
    /// `document_word_length(decoder)`
    pub document_word_length: usize,
    /// `DOCUMENT.min_two_edits_length`, `DOCUMENT.edit_cost`
    pub min_two_edits_length: usize,
    pub edit_cost: f64,
    /// Python's `sum` of floats is compensated from 3.12 on
    pub compensated_sum: bool,
}

/// What [`decode`] answers: the decisions by token index in the order Python's dict holds them,
/// the indices decided from the document's words, and every token's `best` (in the rows).
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub decisions: Vec<(usize, Decision)>,
    pub from_document: Vec<usize>,
}

/// The decisions by index, in the order of first insertion (a Python dict).
#[derive(Default)]
struct Decided {
    order: Vec<usize>,
    by_index: FxMap<usize, Decision>,
}

impl Decided {
    fn set(&mut self, i: usize, d: Decision) {
        if self.by_index.insert(i, d).is_none() {
            self.order.push(i);
        }
    }

    fn get(&self, i: usize) -> Option<&Decision> {
        self.by_index.get(&i)
    }
}

/// Which decoder decides (each has its own decisions cache).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Main,
    Page,
    Old,
    German,
    Document,
}

type DecisionKey = (String, String, Option<String>);
/// A hash map with the crate's fast hasher (the keys are the page's own strings).
type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

struct Run<'r, 'a, 'c> {
    d: &'r Decoders<'a>,
    text: &'r [char],
    rows: &'r mut [Row],
    caches: &'r mut [&'c mut CandidateCache],
    /// the page decoder's learned confusions, words by core, candidates by core
    learned: LearnedMap,
    page_words: FxMap<String, Vec<(String, f64)>>,
    page_cands: FxMap<String, Candidates>,
    /// the document decoder's words, their plain forms, candidates by core
    words: Vec<String>,
    plain: Vec<Vec<char>>,
    doc_cands: FxMap<String, Candidates>,
    /// each decoder's decisions that did not depend on the sentence
    kept: HashMap<u8, FxMap<DecisionKey, Decision>>,
}

fn which_id(w: Which) -> u8 {
    match w {
        Which::Main => 0,
        Which::Page => 1,
        Which::Old => 2,
        Which::German => 3,
        Which::Document => 4,
    }
}

impl Run<'_, '_, '_> {
    fn source_token(t: &Row) -> SourceToken<'_> {
        SourceToken {
            core: &t.core,
            known: t.known,
            acronym: t.acronym,
        }
    }

    /// `Decoder.candidates(t)` of the main decoder.
    fn main_candidates(&mut self, i: usize) -> Option<Candidates> {
        let t = &self.rows[i];
        let cache = &mut self.caches[self.d.main_cache];
        if let Some(c) = cache.get(&t.core) {
            return Some(c);
        }
        let found = Arc::new(self.d.searches.candidates(Self::source_token(t))?);
        cache.insert(&t.core, found.clone());
        Some(found)
    }

    /// The `old` decoder's: today's candidates and the old ß spellings beyond them.
    fn old_candidates(&mut self, i: usize) -> Option<Candidates> {
        if let Some(c) = self.caches[self.d.old_cache].get(&self.rows[i].core) {
            return Some(c);
        }
        let today = self.main_candidates(i)?;
        let t = &self.rows[i];
        let seen: HashSet<&str> = today.iter().map(|c| c.0.as_str()).collect();
        let identity = today.first()?.1;
        let page = Page {
            today: true,
            twin_filter: self.d.searches.page.twin_filter,
        };
        let old = umlauts::old_sz_spellings(
            self.d.language.forms(),
            self.d.searches.readings,
            &t.core,
            t.acronym,
            &seen,
            identity,
            page,
        );
        let mut all: Vec<Candidate> = today.as_ref().clone();
        all.extend(old.into_iter().map(|(w, lp)| (w, lp, OLD_SZ_SPELLING)));
        let found = Arc::new(all);
        self.caches[self.d.old_cache].insert(&t.core, found.clone());
        Some(found)
    }

    fn german_candidates(&mut self, i: usize) -> Option<Candidates> {
        let german = self.d.german.as_ref()?;
        let t = &self.rows[i];
        let cache = &mut self.caches[german.cache];
        if let Some(c) = cache.get(&t.core) {
            return Some(c);
        }
        let found = Arc::new(german.searches.candidates(Self::source_token(t))?);
        cache.insert(&t.core, found.clone());
        Some(found)
    }

    /// `PageConfusionDecoder._page_words(t)`: the words the learned confusions make of it.
    fn page_words(&mut self, i: usize) -> Option<Vec<(String, f64)>> {
        let t = &self.rows[i];
        if let Some(found) = self.page_words.get(&t.core) {
            return Some(found.clone());
        }
        let found = if t.protected || t.acronym || !pystr::is_alpha(&t.core) {
            Vec::new()
        } else {
            let readings = self.d.searches.readings;
            readings.logp_identity("")?;
            let identity = |s: &str| readings.logp_identity(s).unwrap_or(f64::NAN);
            pc::rewrite(
                self.d.language.forms(),
                &self.learned,
                &t.core,
                t.known,
                &identity,
            )
        };
        self.page_words.insert(t.core.clone(), found.clone());
        Some(found)
    }

    fn page_candidates(&mut self, i: usize) -> Option<Candidates> {
        if let Some(c) = self.page_cands.get(&self.rows[i].core) {
            return Some(c.clone());
        }
        let base = self.main_candidates(i)?;
        let page = self.page_words(i)?;
        let base_items: Vec<(&str, f64)> = base.iter().map(|c| (c.0.as_str(), c.1)).collect();
        let page_items: Vec<(&str, f64)> = page.iter().map(|c| (c.0.as_str(), c.1)).collect();
        let picks = pc::merge(&base_items, &page_items)?;
        let merged: Vec<Candidate> = picks
            .into_iter()
            .map(|p| match p {
                Pick::Base(k) => base[k].clone(),
                Pick::Page(k) => (page[k].0.clone(), page[k].1, PAGE_CONFUSION),
            })
            .collect();
        let found = Arc::new(merged);
        self.page_cands
            .insert(self.rows[i].core.clone(), found.clone());
        Some(found)
    }

    /// `DocumentDecoder.candidates(t)`: the token itself and the document's words near it.
    fn document_candidates(&mut self, i: usize) -> Option<Candidates> {
        let core = self.rows[i].core.clone();
        if let Some(c) = self.doc_cands.get(&core) {
            return Some(c.clone());
        }
        let identity = self.d.searches.readings.logp_identity(&core)?;
        let mut c: Vec<Candidate> = vec![(core.clone(), identity, IDENTITY)];
        c.extend(
            self.document_words(&core, identity)
                .into_iter()
                .map(|(w, lp)| (w, lp, WORD_OF_THE_DOCUMENT)),
        );
        let found = Arc::new(c);
        self.doc_cands.insert(core, found.clone());
        Some(found)
    }

    /// `DocumentDecoder._document_words(core, identity)`.
    fn document_words(&self, core: &str, identity: f64) -> Vec<(String, f64)> {
        if !pystr::is_alpha(core) || self.words.is_empty() {
            return Vec::new();
        }
        let (first, rest) = pystr::split_first(core);
        if !(pystr::is_lower(core) || (pystr::first_is_upper(first) && pystr::is_lower(rest))) {
            return Vec::new();
        }
        let forms = self.d.language.forms();
        if forms.count_ci(core) > 0 {
            return Vec::new(); // a word in another case ("Ingwer- wurzel")
        }
        let plain: Vec<char> = pystr::lower(&document::plain(core)).chars().collect();
        let max_edits = if pystr::len(core) >= self.d.min_two_edits_length {
            2
        } else {
            1
        };
        let mut found = Vec::new();
        for (edits, k) in extract(&plain, &self.plain, max_edits, 4) {
            let mut word = self.words[k].clone();
            if plain.first() != self.plain[k].first() {
                continue;
            }
            if pystr::first_is_upper(core) != pystr::first_is_upper(&word) {
                // at a sentence start, or inside one
                let (head, tail) = pystr::split_first(&word);
                word = format!("{}{}", swapcase(head), tail);
                if !forms.known(&word) {
                    continue;
                }
            }
            let plain_word = document::plain(&word);
            if plain_word == core || nearby::other_ending(core, &plain_word, Ending::Long) {
                continue; // the token with its umlauts, or another ending
            }
            found.push((word, identity + (edits.max(1) as f64) * self.d.edit_cost));
        }
        found
    }

    fn candidates(&mut self, which: Which, i: usize) -> Option<Candidates> {
        match which {
            Which::Main => self.main_candidates(i),
            Which::Page => self.page_candidates(i),
            Which::Old => self.old_candidates(i),
            Which::German => self.german_candidates(i),
            Which::Document => self.document_candidates(i),
        }
    }

    fn settings(&self, which: Which) -> Option<Settings> {
        let main = self.d.settings;
        Some(match which {
            Which::Main | Which::Page => main,
            Which::Old => Settings {
                modern_bigrams: true,
                ..main
            },
            Which::German => self.d.german.as_ref()?.settings,
            Which::Document => Settings {
                past_bias: 0.0,
                historic_only_penalty: 0.0,
                ..main
            },
        })
    }

    fn held(&self, which: Which) -> Option<Held> {
        Some(match which {
            Which::German => self.d.german.as_ref()?.held,
            _ => self.d.held,
        })
    }

    /// `_sentence_context(text, tokens, i)`: the lower-cased words of token i's sentence without
    /// i and its direct neighbours, and the features of its clause's end.
    fn sentence_context(&self, i: usize) -> Vec<String> {
        let rows = &*self.rows;
        let mut start = i;
        while start > 0 && !rows[start - 1].sentence_end {
            start -= 1;
        }
        let mut end = i;
        while end + 1 < rows.len() && !rows[end].sentence_end {
            end += 1;
        }
        let mut clause_end = i;
        while clause_end < end
            && !clause_break(self.text, rows[clause_end].end, rows[clause_end + 1].start)
        {
            clause_end += 1;
        }
        let mut out: Vec<String> = (start..=end)
            .filter(|&j| j.abs_diff(i) > 1)
            .map(|j| pystr::lower(&rows[j].best))
            .collect();
        let rest: Vec<&str> = rows[i + 1..=clause_end]
            .iter()
            .map(|t| t.best.as_str())
            .collect();
        out.extend(clause_end_features(&rest));
        out
    }

    /// `Decoder.decide(t, prev, nxt, sentence)` of the decoder `which`.
    fn decide(
        &mut self,
        which: Which,
        i: usize,
        prev: &str,
        next: Option<&str>,
    ) -> Option<Decision> {
        let key: DecisionKey = (
            self.rows[i].core.clone(),
            prev.to_owned(),
            next.map(str::to_owned),
        );
        if let Some(hit) = self.kept.get(&which_id(which)).and_then(|k| k.get(&key)) {
            return Some(hit.clone());
        }
        let cands = self.candidates(which, i)?;
        if cands.len() == 1 {
            return Some(Decision {
                word: self.rows[i].core.clone(),
                posterior: 1.0,
                runners: Vec::new(),
                maker: IDENTITY,
            });
        }
        let scorer = Scorer {
            language: self.d.language,
            chars: self.d.chars,
            context: if which == Which::German {
                None
            } else {
                self.d.context
            },
            settings: self.settings(which)?,
        };
        let t = &self.rows[i];
        let token = ScorerToken {
            core: &t.core,
            known: t.known,
            acronym: t.acronym,
        };
        let items: Vec<(&str, f64)> = cands.iter().map(|c| (c.0.as_str(), c.1)).collect();
        let mut sentence = || self.sentence_context(i);
        let found = scorer.decide(token, &items, prev, next, &mut sentence)?;
        let decision = Decision {
            word: cands[found.best].0.clone(),
            posterior: found.posterior,
            runners: found.runners.iter().map(|&k| cands[k].0.clone()).collect(),
            maker: cands[found.best].2,
        };
        if !found.in_context {
            self.kept
                .entry(which_id(which))
                .or_default()
                .insert(key, decision.clone());
        }
        Some(decision)
    }

    /// `_decode(text, tokens, indices, decoder, decisions)`: the tokens at `indices` left to
    /// right, with the latest decisions as context.
    fn run(&mut self, which: Which, indices: &[usize], decided: &mut Decided) -> Option<()> {
        if indices.is_empty() {
            return Some(());
        }
        let held = self.held(which)?;
        let last = self.rows.len().checked_sub(1)?;
        for &i in indices {
            let prev = if i == 0 || self.rows[i - 1].sentence_end || self.rows[i - 1].paragraph_end
            {
                SENT_START.to_owned()
            } else {
                self.rows[i - 1].best.clone()
            };
            let next = if self.rows[i].sentence_end || i == last {
                None
            } else {
                Some(self.rows[i + 1].best.clone())
            };
            let decision = self.decide(which, i, &prev, next.as_deref())?;
            let t = &self.rows[i];
            let best = if held_back(held, t, &decision.word, decision.posterior) {
                t.core.clone()
            } else {
                // `rpartition(" ")[2]`
                decision
                    .word
                    .rsplit_once(' ')
                    .map_or(decision.word.as_str(), |(_, b)| b)
                    .to_owned()
            };
            self.rows[i].best = best;
            decided.set(i, decision);
        }
        Some(())
    }

    fn changed_neighbour(&self, i: usize) -> bool {
        [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| self.rows.get(j))
            .any(|t| t.best != t.core)
    }
}

/// Python's `max(map(expected, found))` compared with a bound: the first of the greatest.
fn py_max(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    values.into_iter().fold(None, |top, v| match top {
        Some(t) if v.partial_cmp(&t) != Some(std::cmp::Ordering::Greater) => Some(t),
        _ => Some(v),
    })
}

/// `str.isdigit`.
fn is_digit(s: &str) -> bool {
    !s.is_empty() && s.chars().all(pystr::char_is_digit)
}

/// `str.swapcase` of a word's first character.
fn swapcase(s: &str) -> String {
    match s.chars().next() {
        Some(c) if pystr::char_is_upper(c) => pystr::lower(s),
        Some(c) if pystr::char_is_lower(c) => pystr::upper(s),
        _ => s.to_owned(),
    }
}

/// The Levenshtein distance of `a` and `b` (code points), or `None` beyond `cutoff`.
fn levenshtein(a: &[char], b: &[char], cutoff: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > cutoff {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (x, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = x + 1;
        for (y, cb) in b.iter().enumerate() {
            let up = row[y + 1];
            let cost = usize::from(ca != cb);
            row[y + 1] = (diag + cost).min(up + 1).min(row[y] + 1);
            diag = up;
        }
    }
    let d = row[b.len()];
    (d <= cutoff).then_some(d)
}

/// `rapidfuzz.process.extract(query, choices, scorer=Levenshtein.distance,
/// score_cutoff=cutoff, limit=limit)`: `(distance, index)` of the nearest choices, nearest
/// first, the earlier choice first among equals.
fn extract(
    query: &[char],
    choices: &[Vec<char>],
    cutoff: usize,
    limit: usize,
) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = choices
        .iter()
        .enumerate()
        .filter_map(|(k, c)| levenshtein(query, c, cutoff).map(|d| (d, k)))
        .collect();
    found.sort_unstable();
    found.truncate(limit);
    found
}

/// `CLAUSE_BREAK_RE.search(text, pos, endpos)` on the text's characters (see
/// [`crate::context::clause_break`], the same test without walking the text from its start).
fn clause_break(text: &[char], pos: usize, endpos: usize) -> bool {
    let endpos = endpos.min(text.len());
    for j in pos..endpos {
        match text[j] {
            ',' | ';' | ':' | '(' | ')' | '–' | '—' => return true,
            '-' => {
                let space_before = j == 0 || text[j - 1].is_whitespace();
                let space_after = j + 1 >= endpos || text[j + 1].is_whitespace();
                if space_before && space_after {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The page's learning (`page_confusions.learn(tokens, decoder, decisions)`): `None` where
/// Python must answer. `explained(core)`: the explanations of a core (cached by the caller);
/// `expected(true, read)`: the error model's ln P(read | true) for the page.
fn learn<E>(
    rows: &[Row],
    decided: &Decided,
    explained: &mut dyn FnMut(&str) -> Arc<Vec<Confusion>>,
    expected: &mut dyn FnMut(char, &str) -> Result<f64, E>,
    compensated: bool,
) -> Result<Option<pc::Learned>, E> {
    let mut counts: Vec<(&str, u64)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, t) in rows.iter().enumerate() {
        if t.known || t.protected || t.acronym || pystr::len(&t.core) < 2 || is_digit(&t.core) {
            continue;
        }
        if t.best != t.core {
            let Some(d) = decided.get(i) else {
                return Ok(None); // Python's KeyError
            };
            if MODEL_RESTORATIONS.contains(&d.maker) {
                continue;
            }
        }
        match at.get(t.core.as_str()) {
            Some(&k) => counts[k].1 += 1,
            None => {
                at.insert(&t.core, counts.len());
                counts.push((&t.core, 1));
            }
        }
    }
    let mut memo: HashMap<(char, String), f64> = HashMap::new();
    let mut expect = |c: char, r: &str| -> Result<f64, E> {
        if let Some(v) = memo.get(&(c, r.to_owned())) {
            return Ok(*v);
        }
        let v = expected(c, r)?;
        memo.insert((c, r.to_owned()), v);
        Ok(v)
    };
    let mut kept: Vec<(u64, Arc<Vec<Confusion>>)> = Vec::new();
    for (core, n) in &counts {
        let found = explained(core);
        if found.is_empty() {
            continue;
        }
        let mut values = Vec::with_capacity(found.len());
        for (c, r) in found.iter() {
            values.push(expect(*c, r)?);
        }
        if py_max(values).is_some_and(|m| m < pc::EXPECTED_LOGP) {
            kept.push((*n, found));
        }
    }
    if kept.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let explained: Vec<(u64, &[Confusion])> =
        kept.iter().map(|(n, f)| (*n, f.as_slice())).collect();
    let mut failed: Option<E> = None;
    let mut expected_or_nan = |c: char, r: &str| match expect(c, r) {
        Ok(v) => v,
        Err(e) => {
            failed = Some(e);
            f64::NAN
        }
    };
    let mut known_text = || {
        rows.iter()
            .filter(|t| t.known)
            .map(|t| t.core.as_str())
            .collect::<String>()
    };
    let learned = pc::learn(
        &explained,
        &mut expected_or_nan,
        &mut known_text,
        compensated,
    );
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(learned)
}

impl ExplanationCache {
    /// `_explained(core, lexicon)`: the explanations of `core`, remembered.
    pub fn explained(&mut self, lex: &crate::lexicon::Lexicon, core: &str) -> Arc<Vec<Confusion>> {
        if let Some(found) = self.map.get(core) {
            return found.clone();
        }
        let found = Arc::new(pc::explanations(core, lex));
        if self.map.len() >= EXPLANATIONS_MAX {
            self.map.clear();
        }
        self.map.insert(core.to_owned(), found.clone());
        found
    }
}

/// `passes.decode(text, tokens, decoder, skip, terms)`: the decisions and the indices decided
/// from the document's words; every row's `best` as Python's passes leave it. `caches`: the
/// candidate caches the decoders name; `explanations`: the page confusions' explanations of
/// the lexicon; `expected(true, read)`: the error model's ln P(read | true) for the page.
/// `Ok(None)` where Python must answer (the rows may then be changed: the caller drops them).
#[allow(clippy::too_many_arguments)]
pub fn decode<E>(
    text: &[char],
    rows: &mut [Row],
    d: &Decoders<'_>,
    skip: &HashSet<usize>,
    terms: &HashSet<&str>,
    caches: &mut [&mut CandidateCache],
    explanations: &mut ExplanationCache,
    expected: &mut dyn FnMut(char, &str) -> Result<f64, E>,
) -> Result<Option<Outcome>, E> {
    let mut run = Run {
        d,
        text,
        rows,
        caches,
        learned: LearnedMap::default(),
        page_words: FxMap::default(),
        page_cands: FxMap::default(),
        words: Vec::new(),
        plain: Vec::new(),
        doc_cands: FxMap::default(),
        kept: HashMap::new(),
    };
    passes(&mut run, skip, terms, explanations, expected)
}

fn passes<E>(
    run: &mut Run<'_, '_, '_>,
    skip: &HashSet<usize>,
    terms: &HashSet<&str>,
    explanations: &mut ExplanationCache,
    expected: &mut dyn FnMut(char, &str) -> Result<f64, E>,
) -> Result<Option<Outcome>, E> {
    macro_rules! tri {
        ($e:expr) => {
            match $e {
                Some(v) => v,
                None => return Ok(None),
            }
        };
    }
    let n = run.rows.len();
    let d = run.d;
    // 1. every token with an alternative
    let mut active = Vec::new();
    for i in 0..n {
        let t = &run.rows[i];
        if t.protected || skip.contains(&i) || terms.contains(t.core.as_str()) {
            continue;
        }
        if tri!(run.main_candidates(i)).len() > 1 {
            active.push(i);
        }
    }
    let mut decided = Decided::default();
    tri!(run.run(Which::Main, &active, &mut decided));
    // 2. where a neighbour changed
    let second: Vec<usize> = active
        .iter()
        .copied()
        .filter(|&i| run.changed_neighbour(i))
        .collect();
    tri!(run.run(Which::Main, &second, &mut decided));
    // 3. the page's own confusions
    let lex = d.language.forms().lexicon();
    let learned = {
        let mut explained = |core: &str| explanations.explained(lex, core);
        tri!(learn(
            run.rows,
            &decided,
            &mut explained,
            expected,
            d.compensated_sum
        )?)
    };
    if !learned.is_empty() {
        run.learned = LearnedMap::new(learned);
        let mut offered = Vec::new();
        for i in 0..n {
            if run.rows[i].protected || skip.contains(&i) {
                continue;
            }
            if !tri!(run.page_words(i)).is_empty() {
                offered.push(i);
            }
        }
        tri!(run.run(Which::Page, &offered, &mut decided));
    }
    if !d.german_profile {
        // 4. a page spelt as before 1996
        let forms = d.language.forms();
        let evidence = (0..n)
            .filter(|&i| {
                let word = decided
                    .get(i)
                    .map_or(run.rows[i].core.as_str(), |x| x.word.as_str());
                forms.spelt_before_1996(word)
            })
            .count();
        if evidence >= d.min_old_spelling_words {
            let mut old = Vec::new();
            for &i in &active {
                let cands = tri!(run.old_candidates(i));
                if cands
                    .iter()
                    .any(|c| modern_spelling(&c.0).is_some_and(|m| !m.is_empty()))
                {
                    old.push(i);
                }
            }
            tri!(run.run(Which::Old, &old, &mut decided));
        }
        // 5. the words still unknown, with the German engine's habits
        if d.german.is_none() {
            return Ok(None);
        }
        let unknown: Vec<usize> = (0..n)
            .filter(|&i| {
                let t = &run.rows[i];
                !t.protected && !skip.contains(&i) && !t.known && t.best == t.core
            })
            .collect();
        tri!(run.run(Which::German, &unknown, &mut decided));
    }
    // 6. the document's own words
    let unresolved: Vec<usize> = (0..n)
        .filter(|&i| {
            let t = &run.rows[i];
            !t.known
                && pystr::len(&t.core) >= d.document_word_length
                && !t.protected
                && t.best == t.core
                && !skip.contains(&i)
                && !terms.contains(t.core.as_str())
        })
        .collect();
    let mut from_document = Vec::new();
    if !unresolved.is_empty() {
        let here: Vec<String> = {
            let decided_tokens: Vec<DecidedToken<'_>> = run
                .rows
                .iter()
                .map(|t| DecidedToken {
                    core: &t.core,
                    best: &t.best,
                    known: t.known,
                    protected: t.protected,
                })
                .collect();
            document::document_words(d.language.forms(), &decided_tokens)
                .into_iter()
                .map(str::to_owned)
                .collect()
        };
        if !here.is_empty() {
            run.plain = here
                .iter()
                .map(|w| pystr::lower(&document::plain(w)).chars().collect())
                .collect();
            run.words = here;
            let mut found = Decided::default();
            tri!(run.run(Which::Document, &unresolved, &mut found));
            for &i in &found.order {
                if let Some(x) = found.get(i) {
                    if x.word != run.rows[i].core {
                        from_document.push(i);
                        decided.set(i, x.clone());
                    }
                }
            }
            from_document.sort_unstable();
        }
    }
    let mut decisions = Vec::with_capacity(decided.order.len());
    for i in decided.order {
        if let Some(x) = decided.by_index.remove(&i) {
            decisions.push((i, x));
        }
    }
    Ok(Some(Outcome {
        decisions,
        from_document,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levenshtein_with_a_cutoff() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(levenshtein(&c("kitten"), &c("sitting"), 3), Some(3));
        assert_eq!(levenshtein(&c("kitten"), &c("sitting"), 2), None);
        assert_eq!(levenshtein(&c(""), &c("ab"), 2), Some(2));
        let choices = vec![c("haus"), c("maus"), c("hau"), c("haus")];
        assert_eq!(
            extract(&c("haus"), &choices, 1, 3),
            vec![(0, 0), (0, 3), (1, 1)]
        );
    }

    #[test]
    fn clause_breaks() {
        let t: Vec<char> = "a, b - c d-e".chars().collect();
        assert!(clause_break(&t, 0, 3));
        assert!(!clause_break(&t, 2, 4));
        assert!(clause_break(&t, 3, 7));
        assert!(!clause_break(&t, 7, 12));
    }

    #[test]
    fn held_back_only_known_words() {
        let held = Held {
            german_page: true,
            min_real_word_confidence: 0.9,
        };
        let t = Row {
            core: "mochte".into(),
            known: true,
            ..Row::default()
        };
        assert!(held_back(held, &t, "möchte", 0.99));
        assert!(!held_back(held, &t, "Mochte", 0.1));
        assert!(held_back(held, &t, "machte", 0.5));
        let unknown = Row {
            known: false,
            ..t.clone()
        };
        assert!(!held_back(held, &unknown, "möchte", 0.1));
    }
}
