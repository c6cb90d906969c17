//! korrektor's compiled core (issue 26): the language data, the lexicon and most of the words
//! stage, each giving the Python implementation's answers exactly.
//!
//! [`lexicon::Lexicon`] answers what `korrektor.lexicon.Lexicon` answers from its dicts and its
//! prefix set (`count`, exact membership, the word id, `has_prefix`) from one image: a hash table
//! of every stored and supplementary form for the exact lookups, a finite-state transducer
//! (`fst::Set`) of the same forms for the prefix test. The image is written once by the data
//! build (`lexicon.core` in the package's data directory) and memory-mapped at load; where it is
//! missing or stale it is built in memory from the text sources instead.
//!
//! [`forms::Forms`] adds the word-form layer of the Python `Lexicon` (case and spelling variants,
//! varieties, protected forms, old spellings), with CPython's string methods in [`pystr`], and
//! [`compounds`] its compound analysis (`compound_split`, `known`).
//!
//! [`bigrams::Bigrams`] is the Kneser-Ney bigram model over the lexicon's word ids
//! (`Lexicon._logp_bigram` and `bigram_count` in Python), its arrays memory-mapped as the data
//! build writes them.
//!
//! [`search::candidates`] is the OCR error model's candidate search (`ErrorModel._candidates`),
//! with Python's answers exactly, and [`profile`] its estimate of the page's profile.
//!
//! The words stage's parts, each with the Python code's answers exactly: the tokenizer
//! ([`tokens`], [`glyphs`]), the searches for a token's candidates ([`umlauts`], [`splits`],
//! [`nearby`]) and their order ([`sources`]), the scorer that decides between them ([`decoder`]),
//! the passes over the token list ([`document`]) and the page's own confusions
//! ([`page_confusions`]), the decoding passes ([`passes`]), the repairs between the decided
//! words ([`word_fixes`], [`noise`], [`letter_spaced`], [`spelling`]). The typography and layout
//! stages ([`typography`], [`layout`]) are compiled whole, with the edit log's composition
//! ([`edits`]), the protected spans ([`german`]) and the mark statistics ([`marks`]);
//! [`unicode`] tells a text that needs none of its fixes. The words stage's assembly, the pages
//! stage, the unicode fixes and the pipeline are still Python.
//!
//! The rest of the language data: [`charmodel::CharModel`] (how German a string of letters
//! looks), [`context::ContextModel`] (context words for real-word umlaut pairs), [`twins`] (the
//! twin readings) and [`similar::SimilarForms`] (`Lexicon.similar_forms`).
//!
//! The Python bindings (`korrektor._core`, feature `python`) are in [`python`]; `fuzzing` (tests
//! and the feature `fuzzing`) is the body of the `cargo fuzz` target in `rust/fuzz/`.

pub mod bigrams;
pub mod charmodel;
pub mod compounds;
pub mod context;
pub mod decoder;
pub mod document;
pub mod edits;
pub mod forms;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
pub mod german;
pub mod glyphs;
mod json;
mod json_value;
pub mod language;
pub mod layout;
pub mod letter_spaced;
pub mod lexicon;
pub mod marks;
pub mod nearby;
pub mod noise;
pub mod npy;
pub mod page_confusions;
pub mod passes;
pub mod profile;
pub mod pystr;
mod pystr_tables;
pub mod search;
pub mod similar;
pub mod sources;
pub mod spelling;
pub mod splits;
pub mod tokens;
pub mod twins;
pub mod typography;
pub mod umlauts;
pub mod unicode;
pub mod word_fixes;

#[cfg(feature = "python")]
mod python;
