//! Where a token's candidate words come from (`stages/words/sources.py`: `candidates`), with
//! Python's answers exactly: the same words with the same channel scores and makers, in the
//! same order.
//!
//! The token itself comes first. A known word gets its lost-umlaut twins, and where the lexicon
//! knows it only as a compound two words whose space was read as a hyphen, or a frequent word
//! one letter away; an acronym its lost umlauts; a non-word asks the searches of
//! [`NON_WORD_SEARCHES`] in turn and takes the first that finds anything (unless it found
//! uncommon words only), and lost spaces besides. Every search is the compiled one
//! ([`umlauts`], [`glyphs`], [`splits`], [`nearby`], [`search`]); what they need of the page is
//! [`Searches`].
//!
//! The decoder of a page spelt as before 1996 (`d.today` given) extends its twin's candidates
//! and is not here: Python asks that decoder's cache and then `old_sz_spellings`.

use std::collections::HashSet;

use crate::charmodel::CharModel;
use crate::decoder::historic_only;
use crate::forms::{modern_spelling, Forms};
use crate::glyphs;
use crate::nearby;
use crate::pystr;
use crate::search::{self, ConfusionTable};
use crate::similar::SimilarForms;
use crate::splits::{self, MarkSets};
use crate::umlauts::{self, Page, Reach, Readings, MIN_COMPOUND_LENGTH, MIN_WEIGHT_COMPOUND_TWINS};

/// The token read as itself.
pub const IDENTITY: &str = "";
pub const LOST_UMLAUTS: &str = "lost_umlauts";
pub const LOST_UMLAUTS_IN_CAPITALS: &str = "lost_umlauts_in_capitals";
pub const OCR_CONFUSIONS: &str = "ocr_confusions";
pub const ONE_EDIT_AWAY: &str = "one_edit_away";
pub const LOWER_CASE_INITIAL_UMLAUT: &str = "lower_case_initial_umlaut";
/// `splits.LOST_HYPHEN`: a compound's hyphen an extractor took away
pub const LOST_HYPHEN: &str = "lost_hyphen";
/// `SHORT_TOKEN_MIN_COUNT`: a token of two letters may be read as a word this frequent only.
pub const SHORT_TOKEN_MIN_COUNT: u64 = 1000;
/// `RARE_TWIN_COUNT`: the word searches' words rarer than this leave the token to later searches.
pub const RARE_TWIN_COUNT: u64 = 100;
/// `errormodel.candidates(..., max_edits=3, limit=8)` as the channel search is asked here.
const OCR_MAX_EDITS: i64 = 3;
const OCR_LIMIT: i64 = 8;

/// The searches for a non-word, in the order they are asked (`NON_WORD_SEARCHES`' makers).
pub const NON_WORD_SEARCHES: [&str; 13] = [
    "sz_read_as_symbols",
    "l_read_as_capital_i",
    LOST_UMLAUTS,
    "lost_umlauts_in_compound",
    "lost_umlauts_in_hyphenated_word",
    LOST_HYPHEN,
    OCR_CONFUSIONS,
    ONE_EDIT_AWAY,
    "compound_one_edit_away",
    "near_word",
    "far_word",
    "lost_umlauts_before_compound_head",
    "lost_umlauts_and_one_edit",
];

/// `_WORD_SEARCHES`: the searches that find stored words only; where they find only uncommon
/// words, the later searches are asked too.
pub const WORD_SEARCHES: [&str; 2] = [LOST_UMLAUTS, OCR_CONFUSIONS];

/// A candidate: the word, ln P(token | word), the name of the search that proposed it.
pub type Candidate = (String, f64, &'static str);

/// What the searches need of the language data and the page (a `Decoder` without `today`).
pub struct Searches<'a> {
    pub forms: &'a Forms,
    /// the error model's umlaut readings for the page, with its identity table
    pub readings: &'a Readings,
    /// the error model's table for the page (the channel search)
    pub table: &'a ConfusionTable,
    /// the twin filter (`page.today` is false here)
    pub page: Page<'a>,
    /// the page profile's weight of the engine without umlauts
    pub weight: f64,
    pub marks: MarkSets<'a>,
    pub similar: &'a SimilarForms,
    pub chars: &'a CharModel,
}

/// The token as the searches see it.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub core: &'a str,
    pub known: bool,
    pub acronym: bool,
}

impl Searches<'_> {
    /// `_ocr_confusions`: the channel search's words, of the corpus only.
    fn ocr_confusions(&self, core: &str) -> Vec<(String, f64)> {
        let forms = self.forms;
        let mut known = |w: &str| forms.known(w);
        let found = search::candidates(
            core,
            forms.lexicon(),
            self.table,
            OCR_MAX_EDITS,
            OCR_LIMIT,
            Some(&mut known),
        );
        self.corpus_only(found)
    }

    /// `nearby.corpus_only`: the candidates made of corpus words only.
    fn corpus_only(&self, mut found: Vec<(String, f64)>) -> Vec<(String, f64)> {
        found.retain(|(w, _)| nearby::corpus_word(self.forms, w));
        found
    }

    /// The search `maker` of [`NON_WORD_SEARCHES`] on a non-word; `None` where the compiled
    /// search declines (no identity table: Python answers the whole token).
    fn non_word_search(
        &self,
        maker: &str,
        core: &str,
        identity: f64,
    ) -> Option<Vec<(String, f64)>> {
        let (forms, readings, page, weight) = (self.forms, self.readings, self.page, self.weight);
        Some(match maker {
            "sz_read_as_symbols" => glyphs::sz_glyphs(forms, readings, core, page)?,
            "l_read_as_capital_i" => glyphs::l_glyphs(forms, readings, core, identity, page),
            LOST_UMLAUTS => umlauts::twins(forms, readings, core, identity, 2, Reach::Stored, page),
            "lost_umlauts_in_compound" => {
                if pystr::len(core) >= MIN_COMPOUND_LENGTH && weight >= MIN_WEIGHT_COMPOUND_TWINS {
                    umlauts::twins(forms, readings, core, identity, 2, Reach::Compounds, page)
                } else {
                    Vec::new()
                }
            }
            "lost_umlauts_in_hyphenated_word" => {
                umlauts::hyphenated_parts(forms, readings, core, identity, weight, page)?
            }
            LOST_HYPHEN => splits::lost_hyphen(forms, core, identity),
            OCR_CONFUSIONS => self.ocr_confusions(core),
            ONE_EDIT_AWAY => self.corpus_only(nearby::one_edit_away(forms, core, identity)),
            "compound_one_edit_away" => nearby::compounds_one_edit_away(forms, core, identity),
            "near_word" => nearby::near_words(self.similar, core, identity),
            "far_word" => nearby::far_words(self.similar, self.chars, core, identity),
            "lost_umlauts_before_compound_head" => {
                umlauts::loose_compound_twins(forms, readings, core, identity, weight, page)
            }
            "lost_umlauts_and_one_edit" => nearby::one_edit_after_umlauts(
                forms, readings, self.chars, core, identity, weight, page,
            ),
            _ => return None,
        })
    }

    /// `_uncommon`: a form only the old books write, or a word rarer than [`RARE_TWIN_COUNT`]
    /// in today's spelling.
    fn uncommon(&self, word: &str) -> bool {
        if historic_only(self.forms, word) {
            return true;
        }
        let modern = modern_spelling(word).filter(|m| !m.is_empty());
        self.forms.count(modern.as_deref().unwrap_or(word)) < RARE_TWIN_COUNT
    }

    /// `candidates(d, t)`: the candidate words for `t`, the token itself first; `None` where
    /// Python answers (a search the compiled core declines).
    pub fn candidates(&self, t: Token<'_>) -> Option<Vec<Candidate>> {
        let (forms, readings, page) = (self.forms, self.readings, self.page);
        let core = t.core;
        let identity = readings.logp_identity(core)?;
        let mut c: Vec<Candidate> = vec![(core.to_owned(), identity, IDENTITY)];
        let tagged = |found: Vec<(String, f64)>, maker: &'static str| {
            found.into_iter().map(move |(w, lp)| (w, lp, maker))
        };
        if t.acronym {
            let found = umlauts::twins(forms, readings, core, identity, 1, Reach::Stored, page);
            if found.is_empty() {
                let found = umlauts::capitals_twins(forms, readings, core, identity, page);
                c.extend(tagged(found, LOST_UMLAUTS_IN_CAPITALS));
            } else {
                c.extend(tagged(found, LOST_UMLAUTS));
            }
        } else if t.known {
            // a word known only as a compound may be a stored word with two lost umlauts
            let stored = forms.count(core) > 0;
            let depth = if stored { 1 } else { 2 };
            let found = umlauts::twins(forms, readings, core, identity, depth, Reach::Stored, page);
            c.extend(tagged(found, LOST_UMLAUTS));
            if core.contains('-') && !stored {
                c.extend(splits::splits(forms, core, identity, self.marks));
            } else if stored && forms.shadowed(core) {
                let found = self
                    .ocr_confusions(core)
                    .into_iter()
                    .filter(|(w, _)| w != core);
                c.extend(found.map(|(w, lp)| (w, lp, OCR_CONFUSIONS)));
            } else if !stored && pystr::is_lower(core) && forms.compound_split(core).is_some() {
                let found = self.corpus_only(nearby::one_edit_away(forms, core, identity));
                c.extend(tagged(found, ONE_EDIT_AWAY));
            }
        } else {
            let mut offered: HashSet<String> = HashSet::from([core.to_owned()]);
            for maker in NON_WORD_SEARCHES {
                let found = self.non_word_search(maker, core, identity)?;
                for (w, lp) in &found {
                    if !offered.contains(w) {
                        c.push((w.clone(), *lp, maker));
                    }
                }
                let word_search = WORD_SEARCHES.contains(&maker);
                let only_uncommon = word_search && found.iter().all(|(w, _)| self.uncommon(w));
                let any = !found.is_empty();
                offered.extend(found.into_iter().map(|(w, _)| w));
                if any && !only_uncommon {
                    break;
                }
            }
            c.extend(splits::splits(forms, core, identity, self.marks));
        }
        if c.iter().skip(1).any(|(w, _, _)| w.is_empty()) {
            return None; // Python's lowercase_variants fails on an empty word
        }
        let pairs: Vec<(&str, f64)> = c.iter().map(|(w, lp, _)| (w.as_str(), *lp)).collect();
        let variants = umlauts::lowercase_variants(forms, &pairs);
        c.extend(tagged(variants, LOWER_CASE_INITIAL_UMLAUT));
        if pystr::len(core) <= 2 && !pystr::is_upper(core) {
            // two letters, one of them lower case, are no acronym's damage, nor a rare word's
            let mut rest = c.split_off(1);
            rest.retain(|(w, _, _)| !pystr::is_upper(w) && forms.count(w) >= SHORT_TOKEN_MIN_COUNT);
            c.extend(rest);
        }
        if t.known || t.acronym {
            // a word from the supplement restores a non-word; in place of a known word, a guess
            let mut rest = c.split_off(1);
            rest.retain(|(w, _, _)| nearby::corpus_word(forms, w));
            c.extend(rest);
        }
        Some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzzing::Engine;
    use std::path::Path;

    #[test]
    fn every_non_word_search_is_one_the_core_runs() {
        // a maker renamed in NON_WORD_SEARCHES but not in `non_word_search` would leave every
        // non-word to Python, silently: each name must reach a search
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        let engine = Engine::load(&dir).expect("the package's language data");
        let searches = engine.searches();
        for maker in NON_WORD_SEARCHES {
            assert!(
                searches.non_word_search(maker, "Prufung", -0.5).is_some(),
                "{maker}"
            );
        }
        assert!(searches
            .non_word_search("no_such_search", "Prufung", -0.5)
            .is_none());
    }
}
