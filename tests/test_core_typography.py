"""The typography stage compiled (rust/src/typography/, ``_core.typography``): the same edits as
the Python stage (``_py_run``) and each fix as its ``_py_<name>``, on the rules' own examples, on
cases that must change beside cases that must not, and on random text."""

from __future__ import annotations

import sys
from dataclasses import replace
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import korrektor
from korrektor import _core, german
from korrektor.config import Config
from korrektor.stages import typography as T
from korrektor.stages.typography import quotes, style

pytestmark = pytest.mark.skipif(T._CHECKED is None, reason="the compiled stage does not answer (KORREKTOR_PY_SEARCH=1)")

STYLES = ("german", "guillemets", "straight", "unknown")


def _py_fix(fix):
    return getattr(sys.modules[fix.__module__], "_py_" + fix.__name__)


def _rows(edits):
    return [(e.start, e.end, e.before, e.after, str(e.kind), e.rule, e.confidence, tuple(e.alternatives))
            for e in edits]


def _ctx(printed: bool, lacks_umlauts: bool = False, skip=frozenset()):
    profile = SimpleNamespace(name="no-umlauts" if lacks_umlauts else "good")
    return SimpleNamespace(printed_layout=printed, profile=profile, config=Config(skip_rules=frozenset(skip)))


def _both(text: str, printed: bool = True, lacks_umlauts: bool = False, skip=frozenset()):
    """The stage's edits compiled and in Python (asserting that the compiled path answered)."""
    ctx = _ctx(printed, lacks_umlauts, skip)
    assert _core.typography(text, printed, lacks_umlauts, list(skip)) is not None
    return _rows(T.run(text, ctx).changes), _rows(T._py_run(text, ctx).changes)


def _examples():
    for rule in T.RULES:
        yield rule.name, rule.fixes[0]
        yield rule.name, rule.keeps


@pytest.mark.parametrize("name, text", list(_examples()))
def test_the_rules_examples_give_python_s_edits(name, text):
    for printed in (True, False):
        for lacks in (False, True):
            compiled, python = _both(text, printed, lacks)
            assert compiled == python
            compiled, python = _both(text, printed, lacks, skip={name})
            assert compiled == python and not any(r[5] == name for r in compiled)


@pytest.mark.parametrize("name, text", list(_examples()))
def test_each_fix_gives_its_python_changes(name, text):
    for fix in T.FIXES:
        for quotes_style in STYLES:
            for printed in (True, False):
                page = T.PageStyle(quotes_style, 0.95, 0.9, printed, not printed)
                want = _rows(_py_fix(fix)(text, page))
                got = _core.typography_fix(fix.__name__, text, quotes_style, 0.95, 0.9, printed, not printed)
                assert [(*r[:7], tuple(r[7])) for r in got] == want, fix.__name__
                assert _rows(fix(text, page)) == want


def test_the_rules_repair_their_examples_compiled():
    for rule in T.RULES:
        text, expected = rule.fixes
        result = korrektor.correct(text)
        assert result.text == expected, rule.name
        assert rule.name in {r for e in result.edits for r in e.rule.split("+")}
        assert korrektor.correct(rule.keeps).text == rule.keeps


# cases of our own: (text, printed, what the stage makes of it)
CHANGES = [
    ("Nach $ 219a StGB ist das verboten.", True, "Nach § 219a StGB ist das verboten."),
    ("in 8 138 Telekommunikationsgesetz steht", True, "in § 138 Telekommunikationsgesetz steht"),
    ("Dazu 1/2 | Wasser geben.", True, "Dazu 1/2 l Wasser geben."),
    ("Im Jahr 2O2O und 1.2OO Euro.", True, "Im Jahr 2020 und 1.200 Euro."),
    ("Er nannte es ,,einen Erfolg\" und ging.", True, "Er nannte es „einen Erfolg“ und ging."),
    ("Er sagte: , Wir gehen“, und ging.", True, "Er sagte: „Wir gehen“, und ging."),
    ("Das ist - wie gesagt - richtig – ja – gut.", True, "Das ist – wie gesagt – richtig – ja – gut."),
    ("Alle Mainframe- Hersteller sind da.", True, "Alle Mainframe-Hersteller sind da."),
    ("Das ist ein- Treffen.", True, "Das ist ein Treffen."),
    ("Wir haben : heute viel erreicht.", True, "Wir haben heute viel erreicht."),
    ("Das wollen wir erreichen..\nDann gehen wir.", True, "Das wollen wir erreichen.\nDann gehen wir."),
    ("Ich spreche vom »Wir* als Gesellschaft, und „das“ ist gut.", True,
     "Ich spreche vom „Wir“ als Gesellschaft, und „das“ ist gut."),
    ("Sie nannte das „kaum wirksam‘“ und ging.", True, "Sie nannte das „kaum wirksam“ und ging."),
    ("Von dieser ‚Impfung profitiert sie.", False, "Von dieser Impfung profitiert sie."),
]
KEEPS = [
    ("Das kostet 100 $ oder 5 US-$.", True),
    ("Siehe https://example.org/\"a\" - und „so“ weiter.", True),
    ("  print(\"x\" - y) # code\n  return ,,a\"", True),
    ("Die Bundes- und Landesregierung ist da.", True),
    ("Das ist - wie gesagt - richtig.", False),
    ("Der O2-Tarif, das Modell B2O und die Anlage II.3 bleiben.", True),
    ("Er lehnt ein „‚Herumdoktern‘“ am Steuerrecht ab.", True),
    ("Wir haben heute viel erreicht ... und wollen weiter.", True),
    ("Das wollen wir erreichen, usw., sagte sie.", True),
    ("Ein g e s p e r r t e s Wort.", True),
    ("Die Dateien .dsc und .changes liegen da.", True),
    ("| a | b |\n| 1 | c |", True),
]


@pytest.mark.parametrize("text, printed, expected", CHANGES)
def test_cases_that_change(text, printed, expected):
    compiled, python = _both(text, printed)
    assert compiled == python
    ctx = _ctx(printed)
    from korrektor.edits import apply
    assert apply(text, T.run(text, ctx).changes) == expected


@pytest.mark.parametrize("text, printed", KEEPS)
def test_cases_that_stay(text, printed):
    compiled, python = _both(text, printed)
    assert compiled == python == []


def test_composed_kinds_and_rules_cross_as_python_s():
    # a speck removed by one fix and its neighbour changed by another: one edit, kinds joined
    text = "Er nannte : ,,Erfolg\" und ging weiter\nmit uns, sagte er."
    compiled, python = _both(text)
    assert compiled == python
    text = "Wir sehen ‘unsere Aufgabe : „so“ weiter.\n\"Liebe Leute, wir gehen."
    for skip in ((), ("remove_specks",), ("remove_stray_openers", "restore_german_quotes")):
        compiled, python = _both(text, skip=set(skip))
        assert compiled == python


def test_the_style_is_python_s_to_the_bit():
    pages = ("Er sagt - so - es.\n" * 15, "Das ist – wie gesagt - richtig.\n" * 300, "„a“ »b« \"c\"", "a“ b.",
             "")
    for text in pages:
        for printed in (True, False):
            for correlated in (False, True):
                assert T.detect_style(text, printed, correlated) == style._py_detect_style(text, printed, correlated)
                want = style.en_dash_probability(text, printed, correlated)
                assert _core.typography_style(text, printed, correlated)[1].hex() == want.hex()


def test_a_lone_surrogate_is_left_to_python():
    text = "Er sagte ,,ja\" \ud800 - und ging."
    assert _core.typography(text, True, False, []) is None
    assert _core.typography_fix("restore_german_quotes", text, "german", 0.9, 0.5, True, False) is None
    ctx = _ctx(True)
    assert _rows(T.run(text, ctx).changes) == _rows(T._py_run(text, ctx).changes)
    assert T.run(text, ctx).changes


def test_replaced_constants_are_obeyed(monkeypatch):
    assert T._compiled_now()
    monkeypatch.setitem(style.P_HYPHEN_READ, "en", 0.999)
    assert not T._compiled_now()
    monkeypatch.setattr(quotes, "_SINGLE_QUOTE_REACH", 5)
    assert not T._compiled_now()
    monkeypatch.undo()
    assert T._compiled_now()
    monkeypatch.setattr(T, "FIXES", T.FIXES[:3])
    assert not T._compiled_now()


def test_protected_spans_and_openers_before_are_python_s():
    texts = ["Siehe https://x.de/a\"b und mail@ex.de, oder\n  code(x)\nfoo = f(y);\nProsa.",
             "HTTPſ://A b www. c www.x", "def f(x):\n    return 1\nclass A:\nif x { y }\n  \x1c\n",
             "Er sagte: „Das ist ‚so‘ und ,so'.\n\n‚Ja‘, »nein«", ""]
    for text in texts:
        assert [tuple(s) for s in _core.protected_spans(text)] == german.protected_spans(text)
        for i in range(len(text) + 1):
            assert _core.typography_openers_before(text, i) == quotes.openers_before(text, i)


_ALPHABET = list("aAbeEiInoOlLuUzäöüÄÜß0128 \t\n\n„“”\"»«*®‚‘’',.;:!?…()[]|/-–—~_$§@") + [
    "und ", "Buchstabe ", "Abs. ", "gesetz", "StGB", "http://x.de", "www.", " - ", ",,", "''", "--", "2O2O", "1/2 ",
    "usw", "Mainframe- ", "  code(x);", "1. ", ": , Wir", "»Wir* ", "..", ",.", ".,", ".dsc "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40), st.booleans(), st.booleans())
def test_random_text_gives_python_s_edits(pieces, printed, lacks):
    text = "".join(pieces)
    compiled, python = _both(text, printed, lacks)
    assert compiled == python
    page = replace(style._py_detect_style(text, printed, lacks), dash_threshold=0.5)
    for fix in T.FIXES:
        got = _core.typography_fix(fix.__name__, text, page.quotes, page.en_dashes, 0.5, printed,
                                   page.typed_german_quotes)
        assert [(*r[:7], tuple(r[7])) for r in got] == _rows(_py_fix(fix)(text, page))


@pytest.mark.parametrize("n", [118, 119, 120, 121, 199, 200, 201, 298, 299, 300, 301, 302, 399, 400, 401])
def test_the_patterns_reaches_end_where_python_s_do(n):
    # a detached opener's quotation runs at most 300 characters after its first letter, a misread
    # guillemet's 200; an opener counts 120 characters back, a closing single quote 400 ahead
    body = ("ab " * n)[:n]
    for text in (f"Er sagte: , Wir {body}gehen“, und.", f"x ,, {body}“ y", f"Das »Wir{body}* als", f"Das »W{body}“ als",
                 f"„‚a {body}wirksam‘“", f"‚{body} ‘", f"‘unsere {body}’ x", f"'getan {body}' x", f"[Ihnen {body}]",
                 f"gesagt\n- um {body}\n1. x", f"x {body}\n- Das"):
        for printed in (True, False):
            compiled, python = _both(text, printed)
            assert compiled == python
            for quotes_style in STYLES:
                page = T.PageStyle(quotes_style, 0.95, 0.5, printed, False)
                for fix in T.FIXES:
                    got = _core.typography_fix(fix.__name__, text, quotes_style, 0.95, 0.5, printed, False)
                    assert [(*r[:7], tuple(r[7])) for r in got] == _rows(_py_fix(fix)(text, page)), fix.__name__
