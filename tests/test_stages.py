"""Stage behaviour kept as data: cases/stages.json (input → output, and the rules whose edits make
it) and cases/unchanged.json (text that must pass unchanged). A case with ``known_failure`` says
what korrektor should do and does not yet (the reason is the case's note); it runs as a strict
expected failure, so that fixing it shows."""

import pytest
from hypothesis import given, settings, strategies as st

import korrektor
from korrektor import Config
from korrektor.edits import check_changes
from korrektor.stages import unicode

from conftest import CASES, load_json

STAGE_CASES = load_json(CASES / "stages.json")
UNCHANGED = load_json(CASES / "unchanged.json")


def _params(cases: list, name) -> list:
    """A parameter per case; a known failure is a strict expected failure."""
    return [pytest.param(c, id=name(c), marks=[pytest.mark.xfail(reason=c["known_failure"], strict=True)]
                         if isinstance(c, dict) and c.get("known_failure") else []) for c in cases]


def _rules(edits) -> set[str]:
    """The rules of ``edits``, those of a composed edit ("join_lines+remove_specks") each on its own."""
    return {part for e in edits for part in e.rule.split("+")}


@pytest.mark.parametrize("case", _params(STAGE_CASES, lambda c: c["name"]))
def test_stage_case(case):
    result = korrektor.correct(case["in"], Config(**case.get("config", {})))
    assert result.text == case["out"]
    assert result.restore() == case["in"]
    assert _rules(result.edits) == set(case["rules"]), "the case names the rules that make it"


@pytest.mark.parametrize("text", _params(UNCHANGED, lambda t: t["text"] if isinstance(t, dict) else t))
def test_text_that_must_not_change(text):
    text = text["text"] if isinstance(text, dict) else text
    result = korrektor.correct(text)
    assert result.text == text
    assert result.edits == ()


def test_the_cases_name_registered_rules():
    from korrektor.rules import registry

    registered = {rule.name for rule in registry()}
    named = {rule for case in STAGE_CASES for rule in case["rules"]}
    assert named <= registered, sorted(named - registered)
    for case in STAGE_CASES:
        assert case["rules"] or case["in"] == case["out"], f"{case['name']}: a change names its rules"


def test_edits_name_their_rule_and_kind():
    result = korrektor.correct("Der Integra-\ntionsplan und\n,die Vielfalt“ - hier – dort.", Config(words=False))
    rules = {e.rule for e in result.edits}
    assert {"join_hyphenated_word", "join_lines", "restore_german_quotes", "restore_en_dashes"} <= rules
    kinds = {e.kind for e in result.edits}
    assert {"hyphenation", "layout", "quote", "dash"} <= kinds
    for e in result.edits:
        assert 0.0 < e.confidence <= 1.0


def test_stages_can_be_switched_off():
    text = "Der Integra-\ntionsplan ,gut“"
    assert korrektor.correct(text, Config(unicode=False, layout=False, typography=False, words=False)).text == text


def test_config_is_immutable_and_validated():
    config = Config()
    with pytest.raises(AttributeError):
        config.layout = False  # type: ignore[misc]
    assert config.with_(layout=False).layout is False and config.layout is True
    with pytest.raises(ValueError):
        Config(min_confidence=2)
    with pytest.raises(ValueError):
        Config.from_dict({"no_such_option": 1})


def test_pathological_tokens_pass_unchanged():
    # one unknown 100,000-character token, a long run of one umlaut-look-alike, many glyph places
    for text in ("a" * 100_000, "é" * 20_000, "Uberpriifteiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii"):
        result = korrektor.correct(text)
        assert result.text == text and result.edits == ()


def test_correlated_dash_readings_count_as_one_piece_of_evidence():
    # the engine without a German model reads a page's en dashes alike (all hyphens, or all em
    # dashes): thirty hyphens on its page say no more than two, and the prior for en dashes wins
    from korrektor.stages.typography import en_dash_probability

    page = "Er sagt - so - es.\n" * 15
    assert en_dash_probability(page, printed=True) < 0.01
    correlated = en_dash_probability(page, printed=True, correlated=True)
    assert correlated == pytest.approx(en_dash_probability("Er sagt - so - es.\n", printed=True, correlated=True))
    assert correlated > 0.5
    assert en_dash_probability(page, printed=False, correlated=True) == 0.0


def test_dash_style_of_a_long_document_does_not_underflow():
    # thousands of dash readings once made both likelihoods 0.0 (ZeroDivisionError)
    from korrektor.stages.typography import en_dash_probability

    page = "Das ist – wie gesagt - richtig.\nUnd das ist — wie immer - gut so.\n"
    assert en_dash_probability(page * 3000, printed=True) == pytest.approx(1.0)
    assert en_dash_probability("Er sagt - so - es.\n" * 3000, printed=True) == pytest.approx(0.0)
    result = korrektor.correct(page * 1000, Config(words=False))
    assert result.restore() == page * 1000 and "–" in result.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aouAUnrs ¨´\u0308\u0301", max_size=30))
def test_loose_accents_make_a_valid_change_set(text):
    changes = unicode.attach_loose_accents(text)
    check_changes(text, changes)  # sorted, inside the text, matching it, not overlapping
    assert all(len(e.after) == 1 and e.after.isalpha() for e in changes)
