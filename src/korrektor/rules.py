"""The rules korrektor's stages apply: each edit names its maker (``Edit.rule``) and says what kind
of repair it is (``Edit.kind``).

Every stage module lists its rules in ``RULES``, a tuple of :class:`Rule`: its name (the ``rule``
its edits carry), its kind, what it repairs, one text it repairs and one it must leave alone (as
LanguageTool keeps a correct and an incorrect example inside each rule). ``registry()`` gathers
them in the pipeline's order; docs/rules.md is generated from it, and the tests check that every
rule an edit can carry is registered and that its examples hold.

``Config(skip_rules={...})`` (``--skip-rule NAME``) switches rules off by these names.

    python scripts/make_rules_doc.py     # writes docs/rules.md from the registry (a test compares)
"""

from __future__ import annotations

import enum
import importlib
import unicodedata
from dataclasses import dataclass
from typing import Iterable

__all__ = ["Kind", "Rule", "registry", "stage_rules", "known_rule_names", "check_rule_names",
           "UNREGISTERED_WORDS_RULES", "markdown"]


class Kind(str, enum.Enum):
    """What kind of repair an edit is. A ``str`` enum, so that an edit's kind compares and
    serialises as its plain value (``"word"``); where a later stage changes what an earlier one
    made, the composed edit's kind joins both with ``+`` (``"hyphenation+word"``)."""

    UNICODE = "unicode"  # encoding damage: mojibake, control characters, ligatures, loose accents
    LAYOUT = "layout"  # line and paragraph breaks
    HYPHENATION = "hyphenation"  # a word broken at a line end
    QUOTE = "quote"  # quotation marks
    DASH = "dash"  # dashes and hyphens between words
    PUNCTUATION = "punctuation"  # full stops, commas, other marks
    SPECK = "speck"  # OCR debris removed: a mark or letter the page did not have
    GLYPH = "glyph"  # a look-alike glyph read back: § for $, 0 for O in a number, l for |
    WORD = "word"  # a damaged word corrected, joined or split

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Rule:
    """One named repair.

    ``fixes``: an input and what ``korrektor.correct`` (default settings) makes of it, with this
    rule among the edits; ``keeps``: a text ``korrektor.correct`` leaves unchanged although it
    looks like what the rule repairs."""

    name: str
    kind: Kind
    summary: str
    fixes: tuple[str, str]
    keeps: str


def _stage_module(name: str):
    """The module (or package) of the pipeline stage ``name``: ``korrektor.stages.<name>``."""
    return importlib.import_module(f"korrektor.stages.{name}")


def stage_rules() -> list[tuple[str, tuple[Rule, ...]]]:
    """Each stage of ``pipeline.STAGES`` in its order, with its ``RULES`` (none where the stage
    lists none yet)."""
    from .pipeline import STAGES

    return [(name, tuple(getattr(_stage_module(name), "RULES", ()))) for name, _ in STAGES]


def registry() -> tuple[Rule, ...]:
    """Every registered rule, in the pipeline's order (a stage's rules in its ``RULES`` order)."""
    return tuple(rule for _, rules in stage_rules() for rule in rules)


#: TEMPORARY (issue 23): the rule names the words stage's edits carry (grep ``rule`` in
#: stages/words.py) while that stage lists no ``RULES`` of its own. ``known_rule_names`` adds them
#: only as long as ``korrektor.stages.words`` has no ``RULES``; once it has, delete this set (the
#: tests then check its rules as those of the other stages).
UNREGISTERED_WORDS_RULES = frozenset({
    "correct_word", "word_of_the_document", "capital_i_at_sentence_start", "capital_inside_sentence",
    "join_letter_spaced_word", "join_broken_word",
    "dash_between_neighbours", "mark_between_neighbours", "comma_before_sentence_start",
    "stop_after_function_word", "comma_after_function_word", "stop_before_lower_case",
    "apostrophe_after_word",
})


def words_registered() -> bool:
    """Does the words stage list its own ``RULES`` yet?"""
    return hasattr(_stage_module("words"), "RULES")


def known_rule_names() -> frozenset[str]:
    """The names ``Config.skip_rules`` accepts: the registry's, plus (for now) the words stage's
    unregistered ones (see UNREGISTERED_WORDS_RULES)."""
    names = frozenset(rule.name for rule in registry())
    return names if words_registered() else names | UNREGISTERED_WORDS_RULES


def check_rule_names(names: Iterable[str]) -> None:
    """Raise ``ValueError`` naming the unknown ones among ``names`` and listing the known ones."""
    known = known_rule_names()
    unknown = sorted(set(names) - known)
    if unknown:
        raise ValueError(f"unknown rule name(s) {', '.join(map(repr, unknown))}; "
                         f"the rules are: {', '.join(sorted(known))}")


# ---------------------------------------------------------------------------------------------
# docs/rules.md

_SHOWN = {"\n": "↵", "\t": "⇥", "|": "\\|"}


def _visible(text: str) -> str:
    """``text`` for a cell of a Markdown table, in a code span: a line break as ↵, a tab as ⇥,
    invisible characters, combining marks and ligatures by their code point (⟨U+00AD⟩)."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in _SHOWN:
            out.append(_SHOWN[ch])
        elif (cat in ("Cc", "Cf", "Mn", "Zl", "Zp") or (cat == "Zs" and ch != " ")
              or unicodedata.decomposition(ch).startswith("<compat>") and cat == "Ll"):
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "`" + "".join(out) + "`"


def markdown() -> str:
    """docs/rules.md: per stage a table of its rules (name, kind, what it repairs, a text it
    repairs, one it leaves alone), made from the registry."""
    lines = [
        "# The rules korrektor applies",
        "",
        "<!-- Generated by `python scripts/make_rules_doc.py` from the stages' RULES (korrektor.rules.markdown); "
        "tests/test_rules.py checks that this file is up to date. -->",
        "",
        "Every edit names the rule that made it (`rule`) and the kind of repair (`kind`). Any rule can be "
        "switched off: `korrektor correct --skip-rule NAME` (repeatable), `Config(skip_rules={\"NAME\"})`, "
        "`korrektor.correct(text, skip_rules={\"NAME\"})`, or `\"skip_rules\": [\"NAME\"]` in the "
        "service's `config`.",
        "",
        "The examples are what `korrektor.correct` makes of the input with the default settings "
        "(↵ is a line break, ⟨U+…⟩ a character that does not show); the tests check each one.",
    ]
    for stage, rules in stage_rules():
        lines += ["", f"## {stage}", ""]
        if not rules:
            lines.append("(This stage lists no rules yet.)")
            continue
        lines += ["| rule | kind | what it repairs | repairs | into | leaves alone |",
                  "|---|---|---|---|---|---|"]
        for r in rules:
            summary = " ".join(r.summary.split()).replace("|", "\\|").replace("*", "\\*")
            lines.append(f"| `{r.name}` | {r.kind.value} | {summary} | {_visible(r.fixes[0])} | "
                         f"{_visible(r.fixes[1])} | {_visible(r.keeps)} |")
    return "\n".join(lines) + "\n"

