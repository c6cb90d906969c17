"""The rules registry (korrektor.rules): every rule an edit can carry is registered with examples
that hold, any rule can be switched off (Config.skip_rules, --skip-rule), and docs/rules.md is
what the registry makes of it (issue 23)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import korrektor
from korrektor import Config
from korrektor.rules import Kind, Rule, known_rule_names, markdown, registry, stage_rules

from conftest import CASES, edit_arguments, load_json

REGISTRY = registry()
REGISTERED = {rule.name for rule in REGISTRY}

def _rule_names(edits) -> set[str]:
    """The rules of ``edits``, a composed edit's ("join_lines+remove_specks") each on its own."""
    return {part for e in edits for part in e.rule.split("+")}


def _unregistered(names: set[str]) -> set[str]:
    """Those of ``names`` that no stage registers."""
    return names - REGISTERED


# ---------------------------------------------------------------------------------------------
# the registry


def test_the_registry_holds_the_rules_of_every_stage_in_pipeline_order():
    stages = [name for name, _ in korrektor.STAGES]
    assert [name for name, _ in stage_rules()] == stages
    assert REGISTRY == tuple(rule for _, rules in stage_rules() for rule in rules)
    for name in ("unicode", "layout", "typography"):
        rules = dict(stage_rules())[name]
        assert rules, f"the {name} stage lists no RULES"
    assert all(isinstance(rule, Rule) and isinstance(rule.kind, Kind) for rule in REGISTRY)


def test_rule_names_are_unique():
    names = [rule.name for rule in REGISTRY]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_every_rule_has_a_summary():
    for rule in REGISTRY:
        assert rule.summary.strip() and rule.summary.rstrip().endswith("."), rule.name


def test_the_stages_that_run_named_fixes_register_each_fix_under_its_name():
    """unicode and typography run their FIXES through edits.run_fixes, which skips a fix by its
    function's name: the names must be the rules'."""
    from korrektor.stages import typography, unicode

    for module in (unicode, typography):
        assert [fix.__name__ for fix in module.FIXES] == [rule.name for rule in module.RULES]


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.name)
def test_a_rule_repairs_its_example(rule: Rule):
    text, expected = rule.fixes
    result = korrektor.correct(text)
    assert result.text == expected
    assert rule.name in _rule_names(result.edits)
    assert {str(e.kind) for e in result.edits if e.rule == rule.name} <= {rule.kind.value}


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.name)
def test_a_rule_leaves_its_counterexample_alone(rule: Rule):
    result = korrektor.correct(rule.keeps)
    assert result.text == rule.keeps and not result.edits


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.name)
def test_without_a_rule_its_example_is_not_repaired_by_it(rule: Rule):
    result = korrektor.correct(rule.fixes[0], skip_rules={rule.name})
    assert rule.name not in _rule_names(result.edits) | _rule_names(result.doubts)


def test_kinds_compose_and_serialise_as_plain_strings():
    from korrektor.edits import Edit, compose

    text = "Integra-\ntionsplam"
    first = [Edit(7, 9, "-\n", "", Kind.HYPHENATION, "join_hyphenated_word")]
    current = "Integrationsplam"
    composed = compose(text, first, current, [Edit(0, 16, current, "Integrationsplan", Kind.WORD, "correct_word")])
    (edit,) = composed
    assert edit.kind == "hyphenation+word" and type(edit.kind) is str and edit.rule == "join_hyphenated_word+correct_word"
    d = first[0].to_dict()
    assert type(d["kind"]) is str and json.dumps(d)
    assert Edit.from_dict(d) == first[0] and Edit.from_dict(d).kind is Kind.HYPHENATION
    assert Edit.from_dict(edit.to_dict()).kind == "hyphenation+word"
    # a kind formats as its value (the explain command aligns it)
    assert f"{Kind.SPECK:<7}|" == "speck  |" and str(Kind.GLYPH) == "glyph"


def test_run_fixes_skips_a_fix_by_name():
    from korrektor.edits import Edit, run_fixes

    def upper_a(text):
        return [Edit(i, i + 1, "a", "A", Kind.GLYPH, "upper_a") for i, ch in enumerate(text) if ch == "a"]

    def drop_upper_a(text):
        return [Edit(i, i + 1, "A", "", Kind.SPECK, "drop_upper_a") for i, ch in enumerate(text) if ch == "A"]

    assert [e.rule for e in run_fixes("banane", (upper_a, drop_upper_a))] == ["upper_a+drop_upper_a"] * 2
    # skipped, the first fix does not run: the second sees the text without it
    assert run_fixes("banane", (upper_a, drop_upper_a), skip={"upper_a"}) == []
    assert [e.rule for e in run_fixes("banane", (upper_a, drop_upper_a), skip={"drop_upper_a"})] == ["upper_a"] * 2


# ---------------------------------------------------------------------------------------------
# every rule an edit carries is registered


def _cases():
    return load_json(CASES / "stages.json")


def test_every_rule_the_cases_use_is_registered():
    seen: set[str] = set()
    for case in _cases():
        result = korrektor.correct(case["in"], Config.from_dict(case.get("config", {})))
        seen |= _rule_names(result.edits) | _rule_names(result.doubts)
    assert {"join_lines", "remove_specks", "fix_mojibake"} <= seen
    assert not _unregistered(seen), sorted(_unregistered(seen))


def test_every_rule_real_pages_use_is_registered(pairs):
    seen: set[str] = set()
    for page in pairs[:6]:
        result = korrektor.correct(page["ocr"])
        seen |= _rule_names(result.edits) | _rule_names(result.doubts)
    assert not _unregistered(seen), sorted(_unregistered(seen))


def _rule_names_in_source(module) -> set[str]:
    """The rule names a stage's source (all its modules', if a package) gives its changes: the sixth
    argument of each ``Edit(...)``, the fifth of typography's ``_replace_all(...)`` (where they are
    strings), and the rule in the tuples layout's ``decide_hyphen`` returns."""
    import ast

    path = Path(module.__file__)
    # a stage that is a package (typography) gives its changes in its modules
    files = sorted(path.parent.glob("*.py")) if path.name == "__init__.py" else [path]
    trees = [ast.parse(file.read_text(encoding="utf-8")) for file in files]
    names = {arg.value for tree in trees for _, arg in edit_arguments(tree, "rule") if isinstance(arg, ast.Constant)}
    for node in (node for tree in trees for node in ast.walk(tree)):
        if isinstance(node, ast.FunctionDef) and node.name == "decide_hyphen":
            for ret in ast.walk(node):
                if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Tuple):
                    names.add(ret.value.elts[1].value)
    return names


@pytest.mark.parametrize("stage", ["unicode", "layout", "typography"])
def test_every_rule_name_in_a_stage_source_is_registered_by_that_stage(stage):
    import importlib

    module = importlib.import_module(f"korrektor.stages.{stage}")
    in_source = _rule_names_in_source(module)
    assert in_source == {rule.name for rule in module.RULES}


def test_the_words_stage_registers_its_rules(pairs):
    """Every rule the words stage's edits carry on the cases and pages is among its RULES."""
    from korrektor.stages import words

    names = {rule.name for rule in words.RULES}
    seen: set[str] = set()
    texts = [c["in"] for c in _cases()] + [p["ocr"] for p in pairs[:6]]
    for text in texts:
        seen |= _rule_names(korrektor.correct(text).edits)
    assert seen & names, "the words stage made no edit on the cases and pages"
    assert seen <= REGISTERED, sorted(seen - REGISTERED)


# ---------------------------------------------------------------------------------------------
# switching a rule off


def test_skip_rules_is_a_validated_frozenset():
    config = Config(skip_rules=["remove_specks", "join_lines"])
    assert config.skip_rules == frozenset({"remove_specks", "join_lines"})
    assert isinstance(config.skip_rules, frozenset) and hash(config)
    assert Config().skip_rules == frozenset()
    with pytest.raises(ValueError, match=r"unknown rule name\(s\) 'no_such_rule'.*remove_specks"):
        Config(skip_rules={"no_such_rule"})
    with pytest.raises(TypeError):
        Config(skip_rules="remove_specks")
    with pytest.raises(ValueError, match="no_such_rule"):
        korrektor.correct("Text", skip_rules={"no_such_rule"})


def test_the_known_names_are_the_registry():
    known = known_rule_names()
    assert known == REGISTERED
    Config(skip_rules=known)  # every known name is accepted


def test_config_round_trips_through_json():
    config = Config(words=False, skip_rules={"remove_specks", "join_lines"})
    d = config.to_dict()
    assert d["skip_rules"] == ["join_lines", "remove_specks"]
    assert Config.from_dict(json.loads(json.dumps(d))) == config
    assert Config.from_dict(Config().to_dict()) == Config()
    assert Config().to_dict()["skip_rules"] == []


def test_correct_takes_skip_rules():
    text = "Wir haben : heute viel\nerreicht und wollen\nweiter."
    assert korrektor.correct(text).text == "Wir haben heute viel erreicht und wollen weiter."
    assert korrektor.correct(text, skip_rules={"remove_specks"}).text == "Wir haben : heute viel erreicht und wollen weiter."
    assert korrektor.correct(text, Config(skip_rules={"join_lines"})).text == "Wir haben heute viel\nerreicht und wollen\nweiter."


#: (rule, text): switching the rule off removes exactly its edits from those of the text
SKIPS = [
    # unicode (named fixes: the fix is not run)
    ("expand_ligatures", "Die Deﬁnition ist oﬀen, und die Ver\u00adwaltung\x07 arbeitet."),
    ("remove_control_characters", "Die Deﬁnition ist oﬀen, und die Ver\u00adwaltung\x07 arbeitet."),
    ("remove_soft_hyphens", "Die Deﬁnition ist oﬀen, und die Ver\u00adwaltung\x07 arbeitet."),
    # layout (the pipeline drops the rule's changes)
    ("margin_speck", "Wir haben keine -\nEinigung erzielt, und die Landwirtinnen und\n\n* Landwirte sind da."),
    ("bullet_speck", "Wir haben keine -\nEinigung erzielt, und die Landwirtinnen und\n\n* Landwirte sind da."),
    ("join_torn_paragraph", "Wir haben keine -\nEinigung erzielt, und die Landwirtinnen und\n\n* Landwirte sind da."),
    ("paragraph_end_speck", "Das wird gefördert werden. 2\n\nDer nächste Absatz."),
    # typography (named fixes)
    ("remove_specks", "Nach $ 219a StGB haben wir : heute viel\nerreicht und ,,alles\" gut\ngemacht."),
    ("restore_section_signs", "Nach $ 219a StGB haben wir : heute viel\nerreicht und ,,alles\" gut\ngemacht."),
    ("restore_german_quotes", "Nach $ 219a StGB haben wir : heute viel\nerreicht und ,,alles\" gut\ngemacht."),
    ("restore_digits_in_numbers", "Im Jahr 2O2O wurden 1OO Stellen vergeben."),
    # words (the pipeline drops the rule's changes; its rules are not registered yet)
    ("lost_umlauts", "Die Forderung fiir Schiler ist grofe Klasse. Wir haben : heute viel\nerreicht und\nwollen weiter."),
]


def _edits(run, path: Path, *options) -> list[dict]:
    r = run("correct", path, "--format", "json", *options)
    assert r.exit_code == 0, r.output
    return json.loads(r.output)["edits"]


@pytest.mark.parametrize("rule, text", SKIPS, ids=[rule for rule, _ in SKIPS])
def test_skip_rule_removes_exactly_that_rules_edits(run, tmp_path, rule, text):
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    full = _edits(run, path)
    assert any(e["rule"] == rule for e in full), full
    without = _edits(run, path, "--skip-rule", rule)
    assert without == [e for e in full if e["rule"] != rule]
    assert all(isinstance(e["kind"], str) and type(e["kind"]) is str for e in full)


def test_skip_rule_repeats(run, tmp_path):
    path = tmp_path / "in.txt"
    path.write_text(SKIPS[0][1], encoding="utf-8")
    full = _edits(run, path)
    without = _edits(run, path, "--skip-rule", "expand_ligatures", "--skip-rule", "remove_soft_hyphens")
    assert without == [e for e in full if e["rule"] not in ("expand_ligatures", "remove_soft_hyphens")]
    assert without and len(without) < len(full) - 1


@pytest.mark.parametrize("command", ["correct", "explain", "diff", "batch", "score", "eval", "ocr"])
def test_an_unknown_rule_is_a_usage_error_that_lists_the_known_ones(run, tmp_path, command):
    path = tmp_path / "in.txt"
    path.write_text("Text", encoding="utf-8")
    r = run(command, path, "--skip-rule", "no_such_rule")
    assert r.exit_code == 2
    assert "no_such_rule" in r.output and "remove_specks" in r.output and "join_lines" in r.output


# ---------------------------------------------------------------------------------------------
# docs/rules.md


def test_docs_rules_md_is_what_the_registry_makes():
    doc = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == markdown(), "run: python scripts/make_rules_doc.py"


def test_docs_rules_md_has_a_table_per_stage_with_every_rule():
    text = markdown()
    for name, rules in stage_rules():
        assert f"\n## {name}\n" in text
        for rule in rules:
            assert f"| `{rule.name}` | {rule.kind.value} |" in text
