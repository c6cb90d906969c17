"""``korrektor diff`` and ``korrektor.report``: a self-contained HTML report whose two columns are
exactly the original and the corrected text, every edit marked in both."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import korrektor
from korrektor.edits import format_confidence
from korrektor.report import KIND_LABELS, render
from korrektor.rules import Kind, registry

from conftest import edit_arguments

PAGE = ("Die Hiitte am See <wird> erneuert & mehr\n\n"
        "Im Friihjahr hat der Verein beschlossen, die alte Hiitte am Ufer zu\n"
        "erneuern. ,,Wir mochten, dass die Schiler hier wieder lernen kdnnen\",\n"
        "sagte die Biirgermeisterin am Dienstag. Die Mittel reichen fur zwei zusatz-\n"
        "liche Betten - und fur neue Biicher.\n")


class Columns(HTMLParser):
    """The text of the two columns and the edit spans in each."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = {"orig": [], "corr": []}
        self.spans = {"orig": [], "corr": []}
        self.stack: list[tuple[str, str | None]] = []
        self.external: list[str] = []

    def column(self):
        for _, col in reversed(self.stack):
            if col:
                return col
        return None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if a.get(key):
                self.external.append(a[key])
        classes = (a.get("class") or "").split()
        col = "orig" if "orig" in classes else "corr" if "corr" in classes else None
        self.stack.append((tag, col))
        if tag == "span" and "e" in classes and self.column():
            self.spans[self.column()].append((a.get("data-e"), classes, a.get("title", ""), []))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        col = self.column()
        if col:
            self.text[col].append(data)
            if self.stack and self.stack[-1][0] == "span" and self.spans[col]:
                self.spans[col][-1][3].append(data)


def parse(html: str) -> Columns:
    p = Columns()
    p.feed(html)
    return p


def test_report_columns_are_the_original_and_the_corrected_text():
    result = korrektor.correct(PAGE)
    html = render(PAGE, result, title="seite <1>.txt")
    cols = parse(html)
    assert "".join(cols.text["orig"]) == PAGE
    assert "".join(cols.text["corr"]) == result.text
    assert len(cols.spans["orig"]) == len(cols.spans["corr"]) == len(result.edits) > 5
    for e, (i, classes, title, text) in zip(result.edits, cols.spans["orig"]):
        assert "".join(text) == e.before
        assert f"k-{e.kind.split('+')[0]}" in classes
        assert f"Konfidenz {format_confidence(e.confidence)}" in title and e.rule in title
    for e, (_, _, _, text) in zip(result.edits, cols.spans["corr"]):
        assert "".join(text) == e.after
    assert [s[0] for s in cols.spans["orig"]] == [s[0] for s in cols.spans["corr"]]  # linked by data-e


def test_report_is_self_contained_and_escaped():
    html = render(PAGE, korrektor.correct(PAGE), title="seite <1>.txt")
    assert html.startswith("<!doctype html>")
    assert "<title>seite &lt;1&gt;.txt – korrektor</title>" in html
    assert "&lt;wird&gt;" in html and "<wird>" not in html
    assert parse(html).external == []
    assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", html, re.I)  # no URL at all
    assert "<style>" in html


def test_report_lists_doubts():
    result = korrektor.correct(PAGE, korrektor.Config(suggest=True))
    assert result.doubts
    html = render(PAGE, result)
    assert f"Nicht angewandt ({len(result.doubts)})" in html
    assert "Schiler" in html


def test_diff_command_writes_the_report(run, tmp_path):
    src = tmp_path / "seite.txt"
    src.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "bericht.html"
    r = run("diff", src, "-o", out)
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    result = korrektor.correct(PAGE)
    assert "<h1>seite.txt</h1>" in html
    assert "".join(parse(html).text["corr"]) == result.text
    assert f"{len(result.edits)} edits" in r.output


def test_diff_command_to_stdout_with_options(run):
    r = run("diff", "-", "--no-words", "--title", "Probe", input=PAGE)
    assert r.exit_code == 0
    cols = parse(r.output[r.output.index("<!doctype"):])
    assert "".join(cols.text["orig"]) == PAGE
    assert "Hiitte" in "".join(cols.text["corr"])  # words stage off
    assert "<h1>Probe</h1>" in r.output


@pytest.mark.parametrize("name, data, message", [
    ("fehlt.txt", None, "no such file"),
    ("leer.txt", b"", "the input is empty"),
    ("latin.txt", "Prüfung".encode("latin-1"), "not valid UTF-8"),
])
def test_diff_command_bad_input(run, tmp_path, name, data, message):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    out = tmp_path / "r.html"
    r = run("diff", path, "-o", out)
    assert r.exit_code == 2 and message in r.output
    assert not out.exists()


# ---------------------------------------------------------------------------------------------
# German names for every kind, a removed line break that shows, confidences rounded down


def kinds_the_stages_can_emit() -> set[str]:
    """Every ``kind`` the stages give an edit, read from their source: the fifth argument of each
    ``Edit(...)`` and the fourth of typography's ``_replace_all(...)``: a member of
    :class:`korrektor.rules.Kind` (``Kind.SPECK``) or a module constant that holds one (as a str
    while a stage still uses one). A kind that is a parameter (``_replace_all``'s own) is passed in
    from such a call."""
    import ast
    import importlib
    import pkgutil

    import korrektor.stages as stages

    kinds = set()
    for info in pkgutil.walk_packages(stages.__path__, prefix="korrektor.stages."):
        module = importlib.import_module(info.name)
        if not getattr(module, "__file__", None) or not module.__file__.endswith(".py"):
            continue
        tree = ast.parse(open(module.__file__, encoding="utf-8").read())
        params = {a.arg for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) for a in f.args.args}
        for call, arg in edit_arguments(tree, "kind"):
            assert arg is not None, f"{info.name}: a {call.func.id}(...) without a kind, line {call.lineno}"
            if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) and arg.value.id == "Kind":
                kinds.add(Kind[arg.attr].value)
            elif isinstance(arg, ast.Name) and isinstance(getattr(module, arg.id, None), str):
                kinds.add(str(getattr(module, arg.id)))
            else:
                assert isinstance(arg, ast.Name) and arg.id in params, \
                    f"{info.name}, line {call.lineno}: cannot tell the kind {ast.dump(arg)}"
    return kinds


def test_every_kind_has_a_german_label(pairs):
    from korrektor.report import KIND_LABELS, kind_label

    assert list(KIND_LABELS) == [k.value for k in (Kind.WORD, Kind.PUNCTUATION, Kind.SPECK, Kind.GLYPH, Kind.QUOTE,
                                                  Kind.DASH, Kind.HYPHENATION, Kind.FURNITURE, Kind.LAYOUT, Kind.UNICODE)]
    assert set(KIND_LABELS) == {k.value for k in Kind}
    assert KIND_LABELS["speck"] == "OCR-Rest" and KIND_LABELS["glyph"] == "Zeichenform"
    # the stages emit only kinds of the enum, and the rules they register are of those too
    kinds = kinds_the_stages_can_emit()
    assert {"word", "layout", "hyphenation", "quote", "dash", "punctuation", "unicode", "speck", "glyph"} <= kinds
    assert kinds <= {k.value for k in Kind}, kinds - {k.value for k in Kind}
    assert {rule.kind for rule in registry()} <= set(Kind)
    # and those real pages give, combined ones too ("hyphenation+word")
    seen = {str(e.kind) for p in pairs for e in korrektor.correct(p["ocr"]).edits}
    assert any("+" in k for k in seen)
    for kind in seen:
        assert all(part in KIND_LABELS for part in kind.split("+")), kind
    assert kind_label("hyphenation+word") == "Silbentrennung + Wort"
    assert kind_label(Kind.SPECK) == "OCR-Rest"


def test_the_review_page_names_the_kinds_as_the_report_does():
    from importlib import resources

    from korrektor.report import KIND_LABELS

    js = (resources.files("korrektor") / "web" / "review.js").read_text(encoding="utf-8")
    names = dict(re.findall(r'(\w+): "([^"]+)"', re.search(r"KIND_NAMES = \{(.*?)\};", js, re.S).group(1)))
    assert {k: names.get(k) for k in KIND_LABELS} == KIND_LABELS
    kinds = re.findall(r'"(\w+)"', re.search(r"const KINDS = \[(.*?)\];", js, re.S).group(1))
    assert kinds == list(KIND_LABELS)  # the legend shows every kind, in the report's order
    # and each kind has its colour, in the review page and in the report
    css = (resources.files("korrektor") / "web" / "review.css").read_text(encoding="utf-8")
    from korrektor.report import _CSS

    for kind in KIND_LABELS:
        assert f"--{kind}:" in css and f".edit.k-{kind} " in css, kind
        assert f"--{kind}:" in _CSS and f".k-{kind}{{" in _CSS, kind


def test_report_labels_kinds_in_german():
    result = korrektor.correct(PAGE)
    html = render(PAGE, result)
    table = html[html.index("<h2>Änderungen</h2>"):]
    for english in ("hyphenation", "quote", "word", "layout"):
        assert f">{english}<" not in html and f">{english}:" not in html
    assert ">Silbentrennung + Wort<" in table and ">Anführungszeichen<" in table and ">Wort<" in table
    assert re.search(r'class="chip[^"]*" data-kind="word">Wort: \d+<', html)
    for _, _, title, _ in parse(html).spans["orig"]:
        assert title.split(" · ")[0].split(" + ")[0] in set(KIND_LABELS.values())


def test_removed_line_break_is_a_marker_of_its_own():
    text = "Der Integra-\ntionsplan und der Integra\ntionsplan.\n"
    result = korrektor.correct(text)
    joins = [e for e in result.edits if "\n" in e.before and "\n" not in e.after]
    assert len(joins) == 2
    html = render(text, result)
    cols = parse(html)
    assert "".join(cols.text["orig"]) == text and "".join(cols.text["corr"]) == result.text  # marker has no text
    marker = '<span class="br" role="img" aria-label="Zeilenumbruch entfernt" title="Zeilenumbruch entfernt"></span>'
    corr = html[html.index('class="text corr"'):]
    orig = html[html.index('class="text orig"'):html.index('class="text corr"')]
    assert orig.count(marker) == corr.count(marker) == 2
    assert re.search(r'Integra<span [^>]*>-' + re.escape(marker) + "\n", orig)  # where the break is: after the hyphen
    assert re.search(r"\.br\{[^}]*margin:0 \.3em", html)  # space on both sides: not part of the word
    assert '.br::before{content:"−⏎"}' in html


def test_removed_and_inserted_text_differ_without_colour():
    html = render(PAGE, korrektor.correct(PAGE))
    assert re.search(r"\.orig \.e[^{]*\{text-decoration:line-through", html)
    assert re.search(r"\.corr \.e[^{]*\{text-decoration:underline", html)
    assert "<del>durchgestrichen</del> = entfernt" in html and "<ins>unterstrichen</ins> = eingesetzt" in html


@pytest.mark.parametrize("c, shown", [(0.99999, "0.99"), (0.9999999999, "0.99"), (1.0, "1.00"), (0.29, "0.29"),
                                      (0.57, "0.57"), (0.5, "0.50"), (0.004, "0.00"), (0.0, "0.00"),
                                      (0.7 - 1e-12, "0.69"), (0.1 + 0.2, "0.30")])
def test_confidence_is_shown_rounded_down(c, shown):
    from korrektor.edits import format_confidence

    assert format_confidence(c) == shown
    assert float(shown) <= c  # --min-confidence with the shown value still applies the edit


def test_report_never_rounds_a_confidence_up():
    from korrektor.edits import Edit
    from korrektor.pipeline import Result

    text = "Die Prufung."
    edit = Edit(4, 11, "Prufung", "Prüfung", "word", "correct_word", 0.99999)
    html = render(text, Result(text, "Die Prüfung.", (edit,)))
    assert "1.00" not in html
    assert "<td class=n>0.99</td>" in html and "Konfidenz 0.99" in html
