"""``korrektor diff`` and ``korrektor.report``: a self-contained HTML report whose two columns are
exactly the original and the corrected text, every edit marked in both."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import korrektor
from korrektor.report import render

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
        assert f"{e.confidence:.2f}" in title and e.rule in title
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
