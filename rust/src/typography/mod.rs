//! The typography stage (`korrektor.stages.typography`) whole: the page's style decided from the
//! whole text ([`style`]), then its sixteen fixes in the order of `FIXES`, each on the text as the
//! previous ones left it, their changes composed into edits against the stage's input
//! ([`crate::edits::run_fixes`]). One call per text, so that no Python runs between the fixes.
//!
//! One file per Python module (`style`, `common`, `quotes`, `dashes`, `specks`, `glyphs`); each
//! pattern is matched by hand by a function named after it, with the Python pattern quoted. What
//! the stage takes from the pipeline's context (the printed layout, whether the engine lacked
//! umlauts, the rules to skip) comes in as arguments.

pub mod common;
pub mod dashes;
pub mod glyphs;
pub mod quotes;
pub mod specks;
pub mod style;

use std::cell::RefCell;

use crate::edits::{run_fixes, Edit, Fix};
use crate::german::protected_spans;

pub use common::{PageStyle, Quotes};

/// A fix: the text, the page's style and the text's protected spans.
type FixFn = fn(&[char], &PageStyle, &[(usize, usize)]) -> Vec<Edit>;

/// `FIXES`, in the order they run, with their names (their rules).
pub const FIXES: [(&str, FixFn); 16] = [
    ("attach_detached_openers", quotes::attach_detached_openers),
    ("remove_stray_openers", quotes::remove_stray_openers),
    (
        "remove_unpaired_low_quotes",
        quotes::remove_unpaired_low_quotes,
    ),
    ("restore_litre_signs", glyphs::restore_litre_signs),
    ("remove_specks", specks::remove_specks),
    ("remove_doubled_marks", specks::remove_doubled_marks),
    (
        "remove_glued_single_quotes",
        quotes::remove_glued_single_quotes,
    ),
    ("remove_unpaired_openers", quotes::remove_unpaired_openers),
    (
        "restore_misread_guillemets",
        quotes::restore_misread_guillemets,
    ),
    ("restore_german_quotes", quotes::restore_german_quotes),
    ("straighten_quotes", quotes::straighten_quotes),
    ("restore_en_dashes", dashes::restore_en_dashes),
    ("remove_stray_hyphens", dashes::remove_stray_hyphens),
    ("join_compound_hyphens", dashes::join_compound_hyphens),
    ("restore_section_signs", glyphs::restore_section_signs),
    (
        "restore_digits_in_numbers",
        glyphs::restore_digits_in_numbers,
    ),
];

/// The patterns the functions of this stage (and [`crate::german`]'s) match by hand, as
/// `(module, name, pattern, multi-line, ignoring case)`: the Python side compares them with its
/// own at import, and answers in Python where one differs.
pub const PATTERNS: [(&str, &str, &str, bool, bool); 44] = [
    (
        "german",
        "LETTER_SPACED_RE",
        r#"(?<![\p{L}\p{N}])\p{L}(?: \p{L}){2,}(?![\p{L}\p{N}])"#,
        false,
        false,
    ),
    (
        "german",
        "URL_IN_TEXT_RE",
        r#"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+"#,
        false,
        true,
    ),
    (
        "german",
        "_LIST_ITEM_RE",
        r#"(?:[-•*–·▪◦]|\d{1,3}[.)]|[a-zA-Z][)])\s"#,
        false,
        false,
    ),
    ("german", "_BLOCK_END_RE", r#"\)\s*:$"#, false, false),
    ("german", "_CODE_SIGN_RE", r#"=|\w\("#, false, false),
    (
        "german",
        "_KEYWORD_RE",
        r#"(?:def|class|return|import|from|if|for|while|#include|function|var|let|const|public|private)\b"#,
        false,
        false,
    ),
    (
        "german",
        "_CODE_CANDIDATE_RE",
        r#"^[ \t]{2,}\S|[{};:][ \t]*$|^[ \t]*(?:def|class|return|import|from|if|for|while|#include|function|var|let|const|public|private)\b"#,
        true,
        false,
    ),
    (
        "common",
        "_PARAGRAPH_RE",
        r#"[^\n]+(?:\n(?!\s*\n)[^\n]*)*"#,
        false,
        false,
    ),
    (
        "common",
        "_TABLE_ROW_RE",
        r#"(?m)^[^\n|]*\|[^\n|]*\|.*$"#,
        true,
        false,
    ),
    (
        "style",
        "_COMMA_OPENER_RE",
        r#"(?<![\p{L}\p{N}]),(?=\p{L})"#,
        false,
        false,
    ),
    (
        "style",
        "_SPACED_HYPHEN_RE",
        r#"(?<=\s)-(?=\s|[,.;:](?:\s|$))"#,
        false,
        false,
    ),
    (
        "style",
        "_SPACED_DASH_RE",
        r#"–|(?<=\s)[—~](?=\s|[,.;:](?:\s|$))"#,
        false,
        false,
    ),
    (
        "style",
        "_CURLY_CLOSER_RE",
        r#"(?<=[\p{L}.,!?])[”“](?=[\s.,;:!?]|$)"#,
        false,
        false,
    ),
    (
        "style",
        "_CURLY_OPENER_RE",
        r#"(?:(?<=\s)|^)[“”](?=\p{L})"#,
        true,
        false,
    ),
    (
        "quotes",
        "_QUOTE_CANDIDATE_RE",
        r#",,|''|[„“”\"»«*®]|(?<![\p{L}\p{N}]),(?=\p{L})"#,
        false,
        false,
    ),
    (
        "quotes",
        "_DOUBLE_OPENER_RE",
        r#"(?:(?<=\s)|^)(?:,,|["“”„»])(?=\p{L})"#,
        true,
        false,
    ),
    (
        "quotes",
        "_DOUBLE_CLOSER_RE",
        r#"(?<=[\p{L}\p{N}.,!?;:…*\'’)])(?:["“”«*®]|\'\')(?=[\s.,;:!?)\-]|$)|(?<=\S[ \t])[«“”"](?=[ \t]*$)"#,
        true,
        false,
    ),
    (
        "quotes",
        "_STAR_CLOSED_GUILLEMET_RE",
        r#"(?:(?<=\s)|^)»(?=\p{L})(?:[^»«„“”\"*®\n]|\n(?!\s*\n)){1,200}?(?<=[\p{L}\p{N}.,!?])(\*)(?=[\s.,;:!?)\-]|$)"#,
        true,
        false,
    ),
    (
        "quotes",
        "_GERMAN_CLOSED_GUILLEMET_RE",
        r#"(?:(?<=\s)|^)»(?=\p{L})(?:[^»«„“”\"*®\n]|\n(?!\s*\n)){1,200}?(?<=[\p{L}\p{N}.,!?])([*“”\"])(?=[\s.,;:!?)\-]|$)"#,
        true,
        false,
    ),
    ("quotes", "_ENGLISH_DOUBLE_RE", r#"["“”]"#, false, false),
    (
        "quotes",
        "_DETACHED_OPENER_RE",
        r#"(?:(?<=\s)|^)(?:,,|„|(?<=:[ \t]*),|,(?=[ \t]\p{Lu}))[ \t](?=\p{L}(?:[^,„“”\"»«*®\n]|,(?!,)|\n(?![ \t]*\n)){0,300}?(?<=[\p{L}\p{N}.,!?…])[“”\"*®](?=[\s.,;:!?)\-]|$))"#,
        true,
        false,
    ),
    (
        "quotes",
        "_EMPTY_QUOTATION_RE",
        r#"(?:(?<=\s)|^)(?:,,[“”\"]|„[”\"])(?=\s|[.,;:!?)]|$)"#,
        true,
        false,
    ),
    (
        "quotes",
        "_GLUED_SINGLE_RE",
        r#"(?P<glued>‘(?=[“”\"])|(?<=[“”\"])‘)|(?<=\p{Ll}\p{Ll}en)’(?=\s)"#,
        false,
        false,
    ),
    (
        "quotes",
        "_OPENER_RE",
        r#",,|[„‚‘»]|(?<![\p{L}\p{N}])[,'](?=\p{L})"#,
        false,
        false,
    ),
    (
        "quotes",
        "_LOW_SINGLE_RE",
        r#"‚(?:(?<=(?:^|\s)‚) (?=\p{L}))?"#,
        false,
        false,
    ),
    ("quotes", "_SINGLE_CLOSER_RE", r#"[‘’']"#, false, false),
    (
        "quotes",
        "_STRAY_OPENER_RE",
        r#"(?<=\s|^|\p{L})‘(?=\p{L})"#,
        false,
        false,
    ),
    (
        "quotes",
        "_SINGLE_CLOSING_RE",
        r#"(?<=[\p{L}\p{N}.,;:!?])’(?!\p{L})"#,
        false,
        false,
    ),
    (
        "quotes",
        "_STRAIGHT_SINGLE_OPENER_RE",
        r#"(?:(?<=\s)|^)(?:'(?!(?:s|n|ne|nem|nen|ner|nes)\b)|\[)(?=\p{L})"#,
        true,
        false,
    ),
    (
        "dashes",
        "_DASH_RE",
        r#"(?<=[^\s][ \t])(?:--|[-—~‒―])(?=\s|[,.;:](?:\s|$))|^[ \t]*\K[—―](?=\s)"#,
        true,
        false,
    ),
    (
        "dashes",
        "_LINE_OPENING_HYPHEN_RE",
        r#"(?<=\S[ \t]*\n\s*)[-~](?= [\p{L}„»\"])"#,
        false,
        false,
    ),
    (
        "dashes",
        "_DOUBLE_HYPHEN_RE",
        r#"(?<=\s)--(?=\s)"#,
        false,
        false,
    ),
    (
        "dashes",
        "_STRAY_HYPHEN_RE",
        r#"(?<=\p{Ll})(?!(?<=(?<![.!?:…][\"“”»«’]?\s*|\A\s*)\b\p{Lu}\p{Ll}{3,})- \p{Lu}\p{Ll})- (?!(?:beziehungsweise|sowie|statt|noch|oder|als|bis|bzw|und|wie)\b)(?=\p{L})"#,
        false,
        false,
    ),
    (
        "dashes",
        "_COMPOUND_HYPHEN_SPACE_RE",
        r#"(?<=(?<=(?<![.!?:…][\"“”»«’]?\s*|\A\s*)\b\p{Lu}\p{Ll}{3,})-) (?!(?i:beziehungsweise|sowie|statt|noch|oder|als|bis|bzw|und|wie)\b)(?=\p{Lu}\p{Ll})"#,
        false,
        false,
    ),
    (
        "dashes",
        "_GLUED_HYPHEN_RE",
        r#"(?<=(?<!\b(?:beziehungsweise|sowie|statt|noch|oder|als|bis|bzw|und|wie))(?<=\p{Ll}) )-(?=\p{Lu}\p{Ll})|(?<=(?<!\b(?:beziehungsweise|sowie|statt|noch|oder|als|bis|bzw|und|wie))(?<=[\p{L},;:]) )-(?=\p{Ll}{2,}\b)|(?<=[.!?] )-(?=\p{Lu}\p{Ll})"#,
        false,
        false,
    ),
    (
        "specks",
        "_SPECK_RE",
        r#"(?<=[\p{L}\p{N},.;:!?)“»«]) (?!\.\.\.(?:\s|$)|„“)(?:[:;._|°©*‘{}\\]{1,3}(?=\s|$)|[:;._|°©*'‘’\"”“„,]{1,3}(?= [\p{L}„»(]))|(?<=[\p{L},.;:!?])(?<!\bBuchstaben?|\b[a-z] (?:bis|und|oder|sowie)|\b[a-z],) [b-mp-wyzé](?= \p{L})|(?<=[.!?]) [b-np-wyzé](?=\n|\Z)|(?<=[.!?…][“”\"»«’]?) [-–—~](?=[ \t]*(?:\n[ \t]*\n|\Z))|^[_|°©‘]{1,3} (?=\p{Ll})|(?:(?<=\n\n)|\A)(?:[_°~'’‘]{1,2}|\.(?!\.)) (?=\p{L})|(?<=[ \t])[._~](?=\p{Ll}{2}|\p{Lu}\p{Ll})"#,
        true,
        false,
    ),
    (
        "specks",
        "_GLUED_STOP_WORD_RE",
        r#"(?<=\s)\.(\p{Ll}\w*)([.-]\w)?"#,
        false,
        false,
    ),
    (
        "specks",
        "_DOUBLED_MARK_RE",
        r#"(?<=\p{L})(?:\.\.|,\.|\.,)(?![.,])(?P<next>\s*\S?)"#,
        false,
        false,
    ),
    ("specks", "_WORD_BEFORE_RE", r#"\p{L}+$"#, false, false),
    (
        "glyphs",
        "_SECTION_SIGN_RE",
        r#"(?<![\p{L}\p{N}$/-])(?:\$\$|\$)(?= \d)"#,
        false,
        false,
    ),
    (
        "glyphs",
        "_EIGHT_SECTION_RE",
        r#"(?<=^|\s)(?:88|8)(?= \d+[a-z]?,? (?:Abs\.|Absatz|Satz|S\.|Nr\.|\p{Lu}{2,}\w*\b|\p{Lu}\p{Ll}*(?:gesetz|ordnung|buch)\w*|des \p{Lu}\p{Ll}*(?:gesetzes|ordnung|buche?s)\b))"#,
        true,
        false,
    ),
    (
        "glyphs",
        "_LITRE_RE",
        r#"(?<=(?:^|\s)\d+(?:[/,.]\d+)? )\|(?= \p{L})"#,
        true,
        false,
    ),
    (
        "glyphs",
        "_LETTER_IN_NUMBER_RE",
        r#"(?<![\p{L}\p{N}.,:])(?=[OoIl.,:]*\d)(?=[\d.,:]*[OoIl])[\dOoIl]+(?:[.,:][\dOoIl]+)*(?![\p{L}\p{N}])"#,
        false,
        false,
    ),
    ("glyphs", "_ROMAN_SECTION_RE", r#"I+\.\d"#, false, false),
];

/// One named fix on `text` (its changes), or None for a name that is no fix.
pub fn fix(name: &str, text: &[char], style: &PageStyle) -> Option<Vec<Edit>> {
    let (_, f) = FIXES.iter().find(|(n, _)| *n == name)?;
    Some(f(text, style, &protected_spans(text)))
}

/// The stage's style of a text (`detect_style` with the threshold `run` sets).
pub fn page_style(text: &[char], printed_layout: bool, lacks_umlauts: bool) -> PageStyle {
    let mut s = style::detect_style(text, printed_layout, lacks_umlauts);
    s.dash_threshold = style::dash_threshold(lacks_umlauts);
    s
}

/// A text and its protected spans.
type Seen = (Vec<char>, Vec<(usize, usize)>);

/// `typography.run(text, ctx)`: the stage's edits against `text`. The protected spans are found
/// again only where a fix changed the text (Python keeps the last answer likewise).
pub fn run(
    text: &[char],
    printed_layout: bool,
    lacks_umlauts: bool,
    skip_rules: &[String],
) -> Vec<Edit> {
    let style = page_style(text, printed_layout, lacks_umlauts);
    let cache: RefCell<Option<Seen>> = RefCell::new(None);
    let protected = |t: &[char]| -> Vec<(usize, usize)> {
        let mut c = cache.borrow_mut();
        match c.as_ref() {
            Some((seen, spans)) if seen.as_slice() == t => spans.clone(),
            _ => {
                let spans = protected_spans(t);
                *c = Some((t.to_vec(), spans.clone()));
                spans
            }
        }
    };
    let calls: Vec<_> = FIXES
        .iter()
        .map(|&(_, f)| {
            let (style, protected) = (&style, &protected);
            move |t: &[char]| f(t, style, &protected(t))
        })
        .collect();
    let fixes: Vec<Fix> = FIXES
        .iter()
        .zip(&calls)
        .map(|((name, _), c)| (*name, c as &dyn Fn(&[char]) -> Vec<Edit>))
        .collect();
    run_fixes(text, &fixes, skip_rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::apply;

    fn corrected(text: &str, printed: bool) -> String {
        let chars: Vec<char> = text.chars().collect();
        apply(&chars, &run(&chars, printed, false, &[]))
            .iter()
            .collect()
    }

    #[test]
    fn the_rules_examples() {
        let fixes = [
            (
                "Nach $ 219a StGB ist das verboten.",
                "Nach § 219a StGB ist das verboten.",
            ),
            (
                "Im Jahr 2O2O wurden 1OO Stellen vergeben.",
                "Im Jahr 2020 wurden 100 Stellen vergeben.",
            ),
            (
                "Er sagte: , Wir müssen gehen“, und ging.",
                "Er sagte: „Wir müssen gehen“, und ging.",
            ),
            (
                "Er nannte es ,,einen Erfolg\" und ging.",
                "Er nannte es „einen Erfolg“ und ging.",
            ),
            (
                "Alle Mainframe- Hersteller sind da.",
                "Alle Mainframe-Hersteller sind da.",
            ),
            (
                "Wir haben : heute viel erreicht.",
                "Wir haben heute viel erreicht.",
            ),
            (
                "Das ist – wie gesagt – richtig, und das ist - so - gut.",
                "Das ist – wie gesagt – richtig, und das ist – so – gut.",
            ),
        ];
        for (text, want) in fixes {
            assert_eq!(corrected(text, true), want);
        }
        let keeps = [
            "Das kostet 100 $ oder 5 US-$.",
            "Die Bundes- und Landesregierung ist da.",
            "Der O2-Tarif, das Modell B2O und die Anlage II.3 bleiben.",
            "Er lehnt ein „‚Herumdoktern‘“ am Steuerrecht ab.",
            "Siehe https://example.org/\"a\" und mehr.",
        ];
        for text in keeps {
            assert_eq!(corrected(text, true), text);
        }
        // typed text keeps its hyphens
        assert_eq!(
            corrected("Das ist - wie gesagt - richtig.", false),
            "Das ist - wie gesagt - richtig."
        );
    }

    #[test]
    fn a_skipped_fix_is_not_run() {
        let chars: Vec<char> = "Nach $ 219a StGB.".chars().collect();
        assert!(run(&chars, true, false, &["restore_section_signs".into()]).is_empty());
        assert!(fix("no_such_fix", &chars, &page_style(&chars, true, false)).is_none());
    }
}
