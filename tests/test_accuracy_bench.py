"""bench/accuracy.py: the per-rule measurement (`--by rule`) and the ablation option (`--without`)."""

import dataclasses
import json

import pytest
from conftest import DATA, load_bench_script

import korrektor
from korrektor.edits import Edit, apply
from korrektor.pipeline import Result

pytest.importorskip("rapidfuzz")

GT = "Der Hund lief über die Straße."
OCR = "Der Hund lief uber die Strafse."


@pytest.fixture(scope="module")
def accuracy():
    return load_bench_script("accuracy")


def edit(text, old, new, rule, kind="word"):
    start = text.index(old)
    return Edit(start, start + len(old), old, new, kind, rule)


def test_by_rule_counts_what_each_rule_helped_and_harmed(accuracy):
    edits = (
        edit(OCR, "uber", "über", "restore_umlaut"),  # helps 1 character
        edit(OCR, "Strafse", "Straße", "fix_glyph"),  # helps 2 (fs -> ß: one substitution, one deletion)
        edit(OCR, "Hund", "Mund", "bad_rule"),  # harms 1
    )
    records = [{"ocr": OCR, "gt": GT}]
    results = [Result(OCR, "unused", edits)]
    gt_edits = (edit(GT, "Hund", "Mund", "bad_rule"), edit(GT, " lief", "\nlief", "join_lines", "layout"))
    gt_results = [Result(GT, "unused", gt_edits)]
    rows = {row["rule"]: row for row in accuracy.by_rule(records, results, gt_results)}

    assert rows["restore_umlaut"] == {"rule": "restore_umlaut", "edits": 1, "helped": 1, "harmed": 0, "net": 1,
                                      "gt_texts": 0, "gt_chars": 0}
    assert (rows["fix_glyph"]["helped"], rows["fix_glyph"]["harmed"], rows["fix_glyph"]["net"]) == (2, 0, 2)
    assert (rows["bad_rule"]["helped"], rows["bad_rule"]["harmed"], rows["bad_rule"]["net"]) == (0, 1, -1)
    assert (rows["bad_rule"]["gt_texts"], rows["bad_rule"]["gt_chars"]) == (1, 1)
    # a whitespace-only change of the ground truth changes a text but no character
    assert (rows["join_lines"]["gt_texts"], rows["join_lines"]["gt_chars"], rows["join_lines"]["edits"]) == (1, 0, 0)
    # sorted by net, best first
    assert [row["rule"] for row in accuracy.by_rule(records, results, gt_results)] == [
        "fix_glyph", "restore_umlaut", "join_lines", "bad_rule"]
    table = accuracy.format_by_rule(accuracy.by_rule(records, results, gt_results), 1)
    assert table.splitlines()[-2].split() == ["(all", "rules)", "3", "3", "1", "2", "1"]


def test_each_edit_is_judged_alone_not_after_the_others(accuracy):
    # two edits that only together make the word right: alone, each helps one character
    ocr, gt = "Die Strafse ist nafs.", "Die Straße ist naß."
    edits = [edit(ocr, "Strafse", "Straße", "a"), edit(ocr, "nafs", "naß", "b")]
    assert accuracy.edit_effects(ocr, gt, edits, alone=True) == [(4, 2), (4, 2)]
    # the calibration's view: the text with all other edits vs. the text with every edit
    assert accuracy.edit_effects(ocr, gt, edits, alone=False) == [(2, 0), (2, 0)]


def test_by_rule_on_real_pages(accuracy, pairs):
    records = pairs[:4]
    results = [korrektor.correct(r["ocr"]) for r in records]
    gt_results = [korrektor.correct(r["gt"]) for r in records]
    rows = accuracy.by_rule(records, results, gt_results)
    assert sum(row["edits"] for row in rows) == sum(len(res.edits) for res in results) > 0
    assert all(row["net"] == row["helped"] - row["harmed"] for row in rows)
    assert [row["net"] for row in rows] == sorted((row["net"] for row in rows), reverse=True)
    assert sum(row["net"] for row in rows) > 0  # korrektor helps these pages on the whole


@dataclasses.dataclass(frozen=True)
class ConfigWithSkip:
    skip_rules: frozenset = frozenset()


@dataclasses.dataclass(frozen=True)
class ConfigWithoutSkip:
    words: bool = True


def test_without_passes_skip_rules_to_config(accuracy, monkeypatch, tmp_path, capsys):
    pairs_file = tmp_path / "pairs.jsonl"
    lines = (DATA / "pairs.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    pairs_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    real_correct = korrektor.correct
    seen = []

    def fake_correct(text, config=None):
        # the fake honours skip_rules by dropping those edits (the real stages will not make them)
        seen.append(config)
        res = real_correct(text)
        kept = tuple(e for e in res.edits if e.rule not in config.skip_rules)
        return Result(text, apply(text, kept), kept)

    monkeypatch.setattr(accuracy.korrektor, "Config", ConfigWithSkip)
    monkeypatch.setattr(accuracy.korrektor, "correct", fake_correct)
    out_json = tmp_path / "out.json"
    assert accuracy.main([str(pairs_file), "--by", "rule", "--without", "correct_word",
                          "--without", "join_lines", "--json", str(out_json)]) == 0
    assert seen and all(c == ConfigWithSkip(frozenset({"correct_word", "join_lines"})) for c in seen)
    out = capsys.readouterr().out
    assert "skip_rules=correct_word, join_lines" in out
    rules = {row["rule"] for row in json.loads(out_json.read_text())["by_rule"]}
    assert rules and not rules & {"correct_word", "join_lines"}


def test_without_fails_clearly_while_config_has_no_skip_rules(accuracy, monkeypatch, tmp_path):
    monkeypatch.setattr(accuracy.korrektor, "Config", ConfigWithoutSkip)
    with pytest.raises(SystemExit) as exc:
        accuracy.main([str(DATA / "pairs.jsonl"), "--without", "correct_word"])
    assert "--without needs korrektor.Config(skip_rules=...)" in str(exc.value)


def test_without_nothing_uses_the_default_config(accuracy):
    assert accuracy.make_config([]) is None


def test_letters_only_joins_line_end_hyphens_and_ignores_case_and_punctuation(accuracy):
    # a hyphen at a line end is joined (also as OCR reads Fraktur's double hyphen: "="); one inside
    # a line is punctuation and only dropped; digits and ß stay
    text = "Die Ver-\nfassung vom 3. Mai 1848, ge=\n  nannt »Nord-Süd«; STRASSE und Straße."
    assert accuracy.letters_only(text) == "die verfassung vom 3 mai 1848 genannt nordsüd strasse und straße"
    assert accuracy.letters_only("Ende -\nAnfang") == "ende anfang"  # a dash before the line end is no hyphen
    score = accuracy.scorer(True)
    assert score("Er sprach: „Die Thür!“", "er sprach Die Thür").char_errors == 0
    assert score("Er sprach: „Die Thür!“", "Er sprach: „Die Tür!“").char_errors == 1  # the spelling counts
    assert accuracy.scorer(False)("Er sprach: „Die Thür!“", "er sprach Die Thür").char_errors > 0
    # an edit judged on letters only: a dropped quote is neutral there, a spelling change is not
    ocr = "Er sprach: „Die Thür!“"
    edits = [edit(ocr, "„", "", "drop_quote", "quote"), edit(ocr, "Thür", "Tür", "modernise")]
    assert accuracy.edit_effects(ocr, ocr, edits, alone=True, norm=accuracy.letters_only) == [(0, 0), (0, 1)]
    assert accuracy.edit_effects(ocr, ocr, edits, alone=True) == [(0, 1), (0, 1)]


def test_letters_only_scores_the_tables_and_the_ground_truth_run(accuracy, tmp_path, capsys):
    pairs_file = tmp_path / "pairs.jsonl"
    record = {"lang": "frk", "degradation": {"level": "light"}, "gt": "Die Thür, sagte er, ist zu.",
              "ocr": "die Thür sagte er ist zu"}
    pairs_file.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out_json = tmp_path / "out.json"
    assert accuracy.main([str(pairs_file), "--letters-only", "--json", str(out_json)]) == 0
    assert "letters and digits only" in capsys.readouterr().out
    assert json.loads(out_json.read_text())["lang"]["frk"]["ocr"]["cer"] == 0
