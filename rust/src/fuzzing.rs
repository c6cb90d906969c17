//! Fuzzing the core: every question the stages ask it, on arbitrary text, answers without a
//! panic (issue 26: no panic may cross into Python). [`Engine::exercise`] is the body of the
//! `cargo fuzz` target `core` (`rust/fuzz/`, nightly and cargo-fuzz) and of this module's test,
//! which replays it on adversarial and pseudo-random texts in every `cargo test` (stable).
//!
//! The input is read as UTF-8 (invalid bytes as U+FFFD: Python hands the core only valid text,
//! a lone surrogate stays on the Python side) and split at white space into tokens, as the
//! words stage does. The lexicon's lookups, the word-form layer, the compound analysis and the
//! language model take every token; the searches take the tokens the words stage would search
//! (at most [`MAX_SEARCHED`] characters: a longer one is protected as no German word). The
//! error model's and the umlaut readings' tables are small ones written here with the kinds of
//! entries the trained ones have (one to three characters, case pairs, ß, digits for letters):
//! the searches' code paths are the same for any table.
//!
//! Compiled only for tests and with the feature `fuzzing`.

use std::path::Path;

use crate::charmodel::CharModel;
use crate::context::{clause_break, clause_end_features, ContextModel};
use crate::decoder::Settings;
use crate::document::{self, DecidedToken, JoinToken, PassToken};
use crate::forms::modern_spelling;
use crate::glyphs;
use crate::language::Language;
use crate::lexicon::Error;
use crate::nearby;
use crate::page_confusions;
use crate::passes;
use crate::profile;
use crate::search::{self, ConfusionTable};
use crate::similar::SimilarForms;
use crate::sources::{self, Searches};
use crate::splits::{self, MarkSets};
use crate::tokens::{self, ShapeCache, Tables};
use crate::typography::{PageStyle, Quotes};
use crate::umlauts::{self, Page, Reach, Readings};
use std::collections::HashSet;

/// The longest token searched (`LEFT_ALONE.max_token_length` of the words stage).
pub const MAX_SEARCHED: usize = 64;
/// At most this many tokens of one input are searched (the lookups take all): a fuzzer's input
/// is short, and a long one would only slow the run.
const MAX_TOKENS: usize = 32;

/// The language data and the tables, loaded once per fuzzing process.
pub struct Engine {
    language: Language,
    chars: CharModel,
    context: ContextModel,
    similar: SimilarForms,
    table: ConfusionTable,
    readings: Readings,
    sentence_starts: HashSet<String>,
    no_sentence_end_after: HashSet<String>,
    token_tables: Tables,
    shapes: ShapeCache,
}

impl Engine {
    /// The package's language data in `dir` (`src/korrektor/data`).
    pub fn load(dir: &Path) -> Result<Engine, Error> {
        Ok(Engine {
            language: Language::load(dir, true)?,
            chars: CharModel::load(dir)?,
            context: ContextModel::load(dir)?,
            similar: SimilarForms::load(dir)?,
            table: table(),
            readings: readings(),
            // a few of the punctuation statistics' words (`default_mark_stats()`'s sets)
            sentence_starts: ["Aber", "Das", "Die", "Und"].map(String::from).into(),
            no_sentence_end_after: ["von", "zur", "der"].map(String::from).into(),
            token_tables: token_tables(),
            shapes: ShapeCache::new(),
        })
    }

    /// The candidates' searches on a page of this engine's tables (the twin filter off, half
    /// the page from an engine without umlauts).
    pub fn searches(&self) -> Searches<'_> {
        Searches {
            forms: self.language.forms(),
            readings: &self.readings,
            table: &self.table,
            page: Page::default(),
            weight: 0.5,
            marks: MarkSets {
                sentence_starts: &self.sentence_starts,
                no_sentence_end_after: &self.no_sentence_end_after,
            },
            similar: &self.similar,
            chars: &self.chars,
        }
    }

    /// The decoding passes (`passes::decode`) over the first [`MAX_TOKENS`] tokens, on a page
    /// of this engine's tables, once on a page without umlauts (all six passes, with every
    /// other token known to spell as before 1996 or not as it happens) and once on a German one.
    fn decode_passes(&self, text: &str, tokenized: &tokens::Tokens<'_>) -> usize {
        let chars: Vec<char> = text.chars().collect();
        let mut answers = 0;
        for german_profile in [false, true] {
            let mut rows: Vec<passes::Row> = tokenized
                .tokens
                .iter()
                .take(MAX_TOKENS)
                .enumerate()
                .map(|(k, t)| passes::Row {
                    start: t.start,
                    end: t.end,
                    core: t.shape.core.to_owned(),
                    sentence_end: t.shape.sentence_end,
                    known: t.shape.known,
                    protected: t.shape.protected || t.shape.core.chars().count() > MAX_SEARCHED,
                    best: t.shape.core.to_owned(),
                    acronym: t.shape.acronym,
                    merged: if k % 5 == 4 { 0.9 } else { 0.0 },
                    paragraph_end: tokenized.paragraph_ends.contains(&k),
                })
                .collect();
            let settings = Settings {
                modern_bigrams: false,
                past_bias: 1.5,
                historic_only_penalty: 2.5,
                non_word_penalty: -2.0,
                german_page: german_profile,
                compensated_sum: false,
            };
            let held = passes::Held {
                german_page: german_profile,
                min_real_word_confidence: if german_profile { 0.9 } else { 0.0 },
            };
            let german = (!german_profile).then(|| passes::GermanDecoder {
                settings: Settings {
                    non_word_penalty: -1.0,
                    past_bias: 0.0,
                    german_page: false,
                    ..settings
                },
                held: passes::Held {
                    german_page: false,
                    min_real_word_confidence: 0.9,
                },
                searches: self.searches(),
                cache: 2,
            });
            let d = passes::Decoders {
                language: &self.language,
                chars: &self.chars,
                context: Some(&self.context),
                settings,
                held,
                searches: self.searches(),
                german_profile,
                german,
                main_cache: 0,
                old_cache: 1,
                min_old_spelling_words: 1,
                document_word_length: 5,
                min_two_edits_length: 8,
                edit_cost: 1e-3f64.ln(),
                compensated_sum: false,
            };
            let mut caches: Vec<passes::CandidateCache> =
                (0..3).map(|_| passes::CandidateCache::default()).collect();
            let mut refs: Vec<&mut passes::CandidateCache> = caches.iter_mut().collect();
            let mut explanations = passes::ExplanationCache::default();
            // an error model that expects no confusion: the page learns what it repeats
            let mut expected = |_: char, _: &str| -> Result<f64, ()> { Ok(f64::NEG_INFINITY) };
            let skip: HashSet<usize> = HashSet::new();
            let terms: HashSet<&str> = HashSet::new();
            if let Ok(Some(out)) = passes::decode(
                &chars,
                &mut rows,
                &d,
                &skip,
                &terms,
                &mut refs,
                &mut explanations,
                &mut expected,
            ) {
                answers += out.decisions.len() + out.from_document.len();
            }
        }
        answers
    }

    /// Every question on the tokens of `data`; the answers are thrown away (what is tested is
    /// that there is one). Returns how many answers there were, so that nothing is optimised
    /// away.
    pub fn exercise(&self, data: &[u8]) -> usize {
        let text = String::from_utf8_lossy(data);
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let forms = self.language.forms();
        // the error profile of the whole text, with rates of the trained model's magnitudes
        let rates = profile::Rates {
            eng: [2e-5, 3e-3, 1e-4, 2e-4, 3e-4, 1e-3],
            deu: [1.2e-2, 2e-5, 2e-5, 2e-5, 2e-5, 2e-5],
        };
        let estimated = profile::estimate_profile(&text, Some(&rates));
        let tokenized = tokens::tokenize(forms, &self.token_tables, Some(&self.shapes), &text);
        let mut answers = usize::from(estimated.weight > 0.5) + tokenized.tokens.len();
        answers += usize::from(crate::unicode::untouched(&text));
        answers += [Some(forms), None]
            .map(|l| crate::layout::run(&text, l, &crate::marks::MarkStats::default()).len())
            .iter()
            .sum::<usize>();
        // the passes over the token list, with a lost-umlauts answer that alternates
        let passes: Vec<PassToken> = tokenized
            .tokens
            .iter()
            .map(|t| PassToken {
                core: t.shape.core,
                start: t.start,
                sentence_end: t.shape.sentence_end,
                known: t.shape.known,
                protected: t.shape.protected,
            })
            .collect();
        let mut flip = false;
        let mut lost = |_: usize| -> Result<bool, ()> {
            flip = !flip;
            Ok(flip)
        };
        answers += document::foreign_sentences(&passes, &mut lost).map_or(0, |v| v.len());
        answers += document::protect_units(&text, &passes, &mut lost).map_or(0, |v| v.len());
        let mut cands = |i: usize| -> Result<Vec<String>, ()> {
            // the token's umlauts lost, and the token itself: both kinds of candidate
            let core = passes.get(i).map_or("", |t| t.core);
            Ok(vec![document::plain(core), core.to_owned()])
        };
        for german in [false, true] {
            answers += document::document_terms(&passes, german, &mut cands).map_or(0, |v| v.len());
        }
        let decided: Vec<DecidedToken> = passes
            .iter()
            .zip(tokens.iter().cycle())
            .map(|(t, other)| DecidedToken {
                core: t.core,
                best: other,
                known: t.known,
                protected: t.protected,
            })
            .collect();
        answers += document::document_words(forms, &decided).len();
        let joins: Vec<JoinToken> = tokenized
            .tokens
            .iter()
            .map(|t| JoinToken {
                core: t.shape.core,
                start: t.start,
                end: t.end,
                sentence_end: t.shape.sentence_end,
                known: t.shape.known,
                protected: t.shape.protected,
                lower_noun: t.shape.lower_noun,
            })
            .collect();
        answers += document::join_broken_words(&self.language, &text, &joins, |k| k % 7 == 3).len();
        answers += self.decode_passes(&text, &tokenized);
        answers += crate::word_fixes::exercise(forms, &text, &joins);
        answers += crate::noise::exercise(&text);
        answers += crate::letter_spaced::exercise(forms, &text, &joins);
        answers += crate::spelling::exercise(forms, &text, &passes);
        let cores: Vec<&str> = passes.iter().map(|t| t.core).collect();
        answers += usize::from(document::past_bias(&cores) > 0.0)
            + usize::from(document::historic_only_penalty(forms, &cores) > 0.0)
            + usize::from(document::historic_only_penalty(forms, &tokens) > 0.0);
        let mut prev: Option<&str> = None;
        for &t in &tokens {
            answers += usize::from(forms.count(t) > 0)
                + usize::from(forms.count_ci(t) > 0)
                + usize::from(forms.known(t))
                + usize::from(forms.is_form(t))
                + usize::from(forms.is_protected(t))
                + usize::from(forms.noun_in_lower_case(t))
                + usize::from(forms.is_supplement(t))
                + usize::from(forms.old_spelling(t))
                + usize::from(forms.spelt_before_1996(t))
                + usize::from(forms.shadowed(t))
                + usize::from(forms.word_and_head(t))
                + usize::from(forms.variant(t).is_some())
                + usize::from(modern_spelling(t).is_some())
                + usize::from(forms.varieties(t) > 0)
                + usize::from(forms.compound_split(t).is_some())
                + usize::from(self.language.lexicon().is_prefix(t));
            let lm = self.language.logp_bigram(prev, Some(t)) + self.language.logp(Some(t));
            answers += usize::from(lm.is_finite());
            answers += usize::from(self.language.bigram_count(prev.unwrap_or("<s>"), t) > 0.0);
            answers += self.chars.letter_logps(t).len() + usize::from(self.chars.worst(t) < 0.0);
            prev = Some(t);
        }
        for pair in tokens.windows(2) {
            answers += usize::from(self.context.knows(pair[0], pair[1]));
            answers += usize::from(self.context.log_ratio(pair[0], pair[1], &tokens) != 0.0);
        }
        answers += clause_end_features(&tokens).len();
        // the typography stage on the text, in both layouts (its edits must apply and revert)
        let chars: Vec<char> = text.chars().collect();
        answers += crate::german::protected_spans(&chars).len();
        for printed in [true, false] {
            let edits = crate::typography::run(&chars, printed, !printed, &[]);
            let out = crate::edits::apply(&chars, &edits);
            assert!(edits
                .iter()
                .all(|e| e.before.chars().eq(chars[e.start..e.end].iter().copied())));
            answers += edits.len() + out.len();
        }
        // each fix under each quotation style (the detected style reaches only one of them)
        for quotes in [
            Quotes::German,
            Quotes::Guillemets,
            Quotes::Straight,
            Quotes::Unknown,
        ] {
            let style = PageStyle {
                quotes,
                en_dashes: 0.95,
                dash_threshold: 0.5,
                printed: quotes != Quotes::Unknown,
                typed_german_quotes: quotes == Quotes::Unknown,
            };
            for (name, _) in crate::typography::FIXES {
                answers += crate::typography::fix(name, &chars, &style).map_or(0, |v| v.len());
            }
        }
        answers += crate::typography::quotes::openers_before(&chars, chars.len() / 2);
        let len = text.len();
        // byte positions that may fall inside a character: the clause test must take any
        answers += usize::from(clause_break(&text, len / 3, len - len / 3));
        let page = Page::default();
        let searched = tokens
            .iter()
            .filter(|t| t.chars().count() <= MAX_SEARCHED)
            .take(MAX_TOKENS);
        let mut explained: Vec<(u64, Vec<page_confusions::Confusion>)> = Vec::new();
        for &t in searched {
            let identity = self.readings.logp_identity(t).unwrap_or(0.0);
            let lex = self.language.lexicon();
            let mut known = |w: &str| forms.known(w);
            answers += search::candidates(t, lex, &self.table, 3, 8, Some(&mut known)).len();
            answers += search::candidates(t, lex, &self.table, 1, -1, None).len();
            for reach in [Reach::Stored, Reach::Compounds, Reach::Loose] {
                answers += umlauts::twins(forms, &self.readings, t, identity, 2, reach, page).len();
            }
            answers += umlauts::capitals_twins(forms, &self.readings, t, identity, page).len();
            answers += umlauts::glyph_reading(forms, &self.readings, t, identity, page).len();
            answers +=
                umlauts::loose_compound_twins(forms, &self.readings, t, identity, 1.0, page).len();
            answers += umlauts::hyphenated_parts(forms, &self.readings, t, identity, 1.0, page)
                .map_or(0, |v| v.len());
            answers += forms
                .compounds_one_edit_away(t, "abcdefghijklmnopqrstuvwxyzäöüß")
                .len();
            answers += self.similar.similar_forms(t, 2, 500).len();
            let stats = MarkSets {
                sentence_starts: &self.sentence_starts,
                no_sentence_end_after: &self.no_sentence_end_after,
            };
            answers += splits::splits(forms, t, identity, stats).len();
            answers += splits::lost_hyphen(forms, t, identity).len();
            let found = umlauts::twins(forms, &self.readings, t, identity, 2, Reach::Stored, page);
            let seen: HashSet<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
            answers +=
                umlauts::old_sz_spellings(forms, &self.readings, t, false, &seen, identity, page)
                    .len();
            let cands: Vec<(&str, f64)> = std::iter::once((t, identity))
                .chain(found.iter().map(|(w, lp)| (w.as_str(), *lp)))
                .collect();
            answers += umlauts::lowercase_variants(forms, &cands).len();
            answers += glyphs::sz_glyphs(forms, &self.readings, t, page).map_or(0, |v| v.len());
            answers += glyphs::l_glyphs(forms, &self.readings, t, identity, page).len();
            answers += nearby::one_edit_away(forms, t, identity).len()
                + nearby::compounds_one_edit_away(forms, t, identity).len()
                + nearby::near_words(&self.similar, t, identity).len()
                + nearby::far_words(&self.similar, &self.chars, t, identity).len();
            let r = &self.readings;
            answers +=
                nearby::one_edit_after_umlauts(forms, r, &self.chars, t, identity, 1.0, page).len();
            answers += nearby::corpus_only(forms, cands.iter().map(|(w, _)| *w)).len();
            let searches = self.searches();
            for (known, acronym) in [(false, false), (true, false), (false, true)] {
                let token = sources::Token {
                    core: t,
                    known,
                    acronym,
                };
                answers += searches.candidates(token).map_or(0, |c| c.len());
            }
            let lex = self.language.lexicon();
            let found = page_confusions::explanations(t, lex);
            answers += found.len();
            explained.push((forms.count(t), found));
        }
        // the page's own confusions: learned from the tokens' explanations, applied to each
        let view: Vec<(u64, &[page_confusions::Confusion])> =
            explained.iter().map(|(n, f)| (*n, f.as_slice())).collect();
        let mut expected = |_t: char, read: &str| -(read.len() as f64);
        let mut known = || text.to_string();
        let mut learned =
            page_confusions::learn(&view, &mut expected, &mut known, false).unwrap_or_default();
        learned.push(("c".to_string(), vec![("e".to_string(), -2.0)]));
        learned.push(("fi".to_string(), vec![("K".to_string(), -3.0)]));
        learned.push(("ss".to_string(), vec![("ß".to_string(), -1.0)]));
        let learned = page_confusions::LearnedMap::new(learned);
        let identity = |s: &str| self.readings.logp_identity(s).unwrap_or(0.0);
        // (a token longer than MAX_SEARCHED is protected: never rewritten)
        let rewritten = tokens.iter().filter(|t| t.chars().count() <= MAX_SEARCHED);
        for &t in rewritten.take(MAX_TOKENS) {
            for known in [false, true] {
                let page = page_confusions::rewrite(forms, &learned, t, known, &identity);
                let words: Vec<(&str, f64)> =
                    page.iter().map(|(w, lp)| (w.as_str(), *lp)).collect();
                let base = [(t, identity(t)), ("die", -9.0), (t, -1.0)];
                answers += page_confusions::merge(&base, &words).map_or(0, |m| m.len());
            }
        }
        answers
    }
}

/// An entry of a confusion table: its width, the observed substring, the true ones with P.
type Entry = (usize, &'static str, &'static [(&'static str, f64)]);

/// A confusion table with entries of each width, a case pair, ß and digits read for letters.
fn table() -> ConfusionTable {
    let mut t = ConfusionTable::new(0.99f64.ln());
    let ln = f64::ln;
    let entries: [Entry; 10] = [
        (2, "ii", &[("ü", 0.5), ("u", 0.01)]),
        (1, "u", &[("ü", 0.2)]),
        (1, "U", &[("Ü", 0.3)]),
        (1, "a", &[("ä", 0.1)]),
        (1, "o", &[("ö", 0.1)]),
        (1, "B", &[("ß", 0.3), ("B", 0.3)]),
        (1, "6", &[("ö", 0.05), ("b", 0.01)]),
        (2, "rn", &[("m", 0.2)]),
        (3, "iii", &[("üi", 0.05)]),
        (1, "c", &[("e", 0.05)]),
    ];
    for (width, observed, options) in entries {
        let options = options
            .iter()
            .map(|(a, p)| ((*a).to_owned(), ln(*p)))
            .collect();
        // the entries above are well formed: a failure here is this file's bug
        t.set_inverse(width, observed, options)
            .expect("a well-formed entry");
    }
    t.set_ident('»', 0.999f64.ln());
    t
}

/// The tokenizer's German tables, a few of each (the Python side passes `korrektor.german`'s).
fn token_tables() -> Tables {
    Tables {
        lead: "\"'„“”‚‘’»«›‹([{*¿¡".chars().collect(),
        trail: "\"'„“”‚‘’»«›‹)]}.,;:!?…*".chars().collect(),
        abbreviations: ["Fr", "Dr", "bzw", "z.B"].map(String::from).into(),
        sentence_marks: vec!['.', '!', '?'],
        unit_letters: ["m", "kg", "er", "ml"].map(String::from).into(),
        ligatures: vec![('\u{fb00}', "ff".to_owned()), ('\u{fb01}', "fi".to_owned())],
        max_token_length: MAX_SEARCHED,
    }
}

/// Umlaut readings of the same kinds, with an identity table (for `hyphenated_parts`).
fn readings() -> Readings {
    let mut r = Readings::new(false);
    for (observed, truth, gain) in [
        ("ii", "ü", -0.5),
        ("u", "ü", -1.0),
        ("U", "Ü", -1.5),
        ("a", "ä", -0.75),
        ("o", "ö", -1.25),
        ("O", "Ö", -1.5),
        ("B", "ß", -0.25),
        ("$", "ß", -0.5),
        ("ss", "ß", -2.0),
    ] {
        r.insert(observed, vec![(truth.to_owned(), gain)]);
    }
    r.set_identity([('»', 0.999f64.ln())].into_iter().collect(), 0.99f64.ln());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that have broken code before, or that sit on an edge: empty, white space only,
    /// combining marks alone, non-BMP letters, case mappings that change the length, long
    /// tokens, hyphens and apostrophes at every place, control characters.
    const EDGES: &[&str] = &[
        "",
        " \t\n\u{a0}\u{2003}",
        "\u{301}\u{301} \u{308}a",
        "𝔄𝔟𝔠 𝕯𝖊𝖚𝖙𝖘𝖈𝖍 😀😀 a😀b",
        "İstanbul ǅemal ŉ ß ẞ ﬀ ﬁ ΐ",
        "Straße STRASSE straße Maße MASSE",
        "- -- --- a- -a a-b- -a-b Landtags- -und",
        "' ’ ‘ ´ ` a' 'a hab’ kenn'",
        "\u{0}\u{1}\u{7f}\u{200b}\u{feff}\u{fffd}",
        "fiir Schiiler iiber Priifung Uberpriift Grunflachenamter 90-Jahrige MitteIn heif$t",
        "OPNV PRUFUNG AUSSCHUSSE Ii II iI",
        "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz-Rindfleischetikettierung",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "üüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüü",
        "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
        "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu",
        "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
        "»„“”« ,, '' ... … ! ? ; : () [] {}",
        "hatte hätte wurde würde mochte möchte , sagt , dass er",
    ];

    /// Characters that matter to the searches, for the pseudo-random texts.
    const ALPHABET: &[char] = &[
        'a', 'e', 'i', 'n', 'o', 'r', 's', 't', 'u', 'ä', 'ö', 'ü', 'ß', 'A', 'B', 'I', 'O', 'U',
        'Ü', 'S', 'l', 'c', 'm', '6', '0', '1', '$', '-', '’', '\'', '.', ',', '»', ' ', ' ', ' ',
        '\n', '\u{301}', '\u{308}', '𝔄', 'İ', 'ǅ', '\u{fffd}',
    ];

    fn engine() -> Engine {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/korrektor/data");
        Engine::load(&dir).expect("the package's language data")
    }

    /// xorshift64*: the same texts in every run, no crate needed.
    fn texts(n: usize, seed: u64) -> Vec<String> {
        let mut state = seed;
        let mut next = move || {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_f491_4f6c_dd1d)
        };
        (0..n)
            .map(|_| {
                let len = (next() % 40) as usize;
                (0..len)
                    .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_question_answers_on_edges_and_random_text() {
        let engine = engine();
        for text in EDGES {
            engine.exercise(text.as_bytes());
        }
        // invalid UTF-8 is read as U+FFFD
        engine.exercise(b"f\xffiir \xc3 \xed\xa0\x80");
        for text in texts(300, 0x6b6f_7272_656b_746f) {
            engine.exercise(text.as_bytes());
        }
    }

    #[test]
    fn the_searches_find_words_on_these_tables() {
        // the tables reach real words, so the fuzzer's inputs exercise the searches' whole paths
        let engine = engine();
        let forms = engine.language.forms();
        let found = umlauts::twins(
            forms,
            &engine.readings,
            "fiir",
            -0.1,
            1,
            Reach::Stored,
            Page::default(),
        );
        assert!(found.iter().any(|(w, _)| w == "für"));
        let found = search::candidates(
            "Schiiler",
            engine.language.lexicon(),
            &engine.table,
            3,
            8,
            None,
        );
        assert!(found.iter().any(|(w, _)| w == "Schüler"));
        assert!(engine.exercise("fiir Schiiler".as_bytes()) > 0);
    }
}
