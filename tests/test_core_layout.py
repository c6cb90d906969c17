"""The compiled layout stage (korrektor._core.layout, rust/src/layout/) answers as the Python
reference (stages/layout.py's _py_run) does, with the lexicon and without one, and the stage uses
it.

bench/core_layout.py checks every text the pipeline hands the stage on the seven development sets
and measures; this is the quick check: the stage's RULES (what each fixes and what it keeps), texts
of each kind that keeps its lines (verse, tables, URLs, code, lists, lettered items), specks and
debris at the breaks, and corners."""
from __future__ import annotations

import random
import sys
from types import SimpleNamespace

import pytest

from korrektor import _core
from korrektor.lexicon import default_lexicon
from korrektor.marks import default_core_mark_stats
from korrektor.stages import layout

CASES = [
    # hyphens: a break, a real hyphen, a suspended one, debris around the break, a dash for a hyphen
    "Der Integra-\ntionsplan wird beraten.", "Die UN-\nKommission tagt.", "Die Ein-\nund Ausfuhr steigt.",
    "Das ist bestel-\n. den und weni-\n“ger und Büro-\n- kratie.", "Ge- |\nhen wir, Han-_.\nnes, errei--\nchen.",
    "Er war ge—\nnügsam und lebte in ei–\nnem Haus, er kam —\nso sagte man.", "CDU-\ngeführt, 100-\nprozentig.",
    "apt-cache und apt-\ncache.", "Corona-\nkrise und Coronakrise.", "All-in-\none ist gut.", "so-\nwie Den-\nnoch",
    "ein-,\nzwei- oder dreimal", "Die Bundes\nregierung hat, die\nser Tag, zu\nhause.", "Lo\nthar kam.",
    "Wort‚\n‘wort und ‘‚Haus\n6ffentlich", "a\u00ad\nb x\u2010\ny z¬\nw q⸗\nr s=\nt",
    # paragraphs
    "Die Landwirtinnen und\n\nLandwirte sind da.", "Das ist das Ende.\n\nDer nächste Absatz beginnt.",
    "für die\n\nKinder und ist. darn\n\nwundert es", ("Der Ausschuss hat den Antrag der Fraktion am Montag\n"
                                                   "beraten und einstimmig angenommen, wie erwartet.\nDas war gut.\n"
                                                   "Die Sitzung wurde danach um zehn Uhr geschlossen,\nund alle."),
    "Überschrift\nDer Text beginnt hier mit einem ganz langen Satz, der weitergeht.",
    # specks
    "Wir haben keine -\nEinigung erzielt, und die Landwirtinnen und\n\n* Landwirte sind da.",
    "Wir haben gewonnen - aber nur knapp.", "Wir brauchen:\n\n* Landwirte\n* Bäcker",
    "Das wird gefördert werden. 2\n\nDer nächste Absatz.", "Das steht in Abs. 3\n\nDer nächste Absatz.",
    "meine Damen und Herren. ress\n\nDanke.", "gewährt. 6.\n\n7. Georgien", "sagen. -- B.\n\nx",
    "sich! - &\n\nx", "ist. - 3 2 i\n\nx", "morgen. ' 2 s\n\nx", "Wirklich? Hm.\n\nx", "dabei. Ende der Rede. 2\n\nx",
    ("Das ist eine sehr lange Zeile mit vielen Worten, die bis zum Rand geht und\n- um zehn Jahre später "
     "ging es weiter mit einem sehr langen Satz\nund so weiter."),
    ("Das ist eine sehr lange Zeile mit vielen Worten, die bis zum Rand geht, junge\n- Mensch kam dann "
     "mit einem weiteren sehr langen Satz\nund so weiter."),
    # what keeps its lines
    "Tagesordnung:\n1. Begrüßung\n2. Bericht des Vorstands", "a. den Nachwuchs;\n\nb. die Chancengleichheit",
    "vgl.\nh. Der Rest", "Siehe\nhttps://example.org/a\nund www.x.de\nname@example.\norg oder HTTPſ://x",
    "def f(x):\n    return x\nx = f(y);\nif (a) {\n}", "a | b | c\nd | e | f\nx\ty\nab    cd    ef\ngh",
    ("Der Mond ist aufgegangen,\nDie goldnen Sternlein prangen\nAm Himmel hell und klar;\n"
     "Der Wald steht schwarz und schweiget,\nUnd aus den Wiesen steiget\nDer weiße Nebel wunderbar.\n\n"
     "Wie ist die Welt so stille,\nUnd in der Dämmrung Hülle"),
    "  eingerückt und mehr\nText danach", "   \n\t\n \u3000x\u2003\ny\n\n\n",
    # corners
    "", "\n", "a\n", "\nb", "-\n-", "x -\n- y", "* \n* x", "ab\ud800c-\nde", "Σ-\nσ ǅ-\nǆ İ-\ni",
    "ſeine Gei-\nſter", "x" * 200 + "-\n" + "y" * 200, "Das ist es. " + "ab " * 40 + "\n\nx",
]


@pytest.fixture(scope="module")
def lexicon():
    return default_lexicon()


def _ctx(lexicon, keep_lines: bool = False):
    return SimpleNamespace(config=SimpleNamespace(keep_lines=keep_lines), lexicon=lexicon)


def _rows(result):
    return [(e.start, e.end, e.before, e.after, str(e.kind), e.rule, float.hex(e.confidence), e.alternatives)
            for e in result.changes + result.doubts]


def _both(text: str, lex) -> tuple[list, list]:
    ctx = _ctx(lex)
    return _rows(layout.run(text, ctx)), _rows(layout._py_run(text, ctx))


def test_the_compiled_stage_runs():
    assert layout._CORE_AGREES
    assert layout._core_constants() == layout._constants()
    rows = _core.layout("Der Integra-\ntionsplan", default_lexicon(), default_core_mark_stats())
    assert rows == [(11, 13, "-\n", "", "hyphenation", "join_hyphenated_word", 0.99, ())]


@pytest.mark.parametrize("rule", layout.RULES, ids=lambda r: r.name)
@pytest.mark.parametrize("with_lexicon", [True, False])
def test_rules_examples_through_both_paths(rule, with_lexicon, lexicon):
    lex = lexicon if with_lexicon else None
    before, _ = rule.fixes
    for text in (before, rule.keeps):
        got, want = _both(text, lex)
        assert got == want, text
    if with_lexicon:
        assert rule.name in {row[5] for row in _both(before, lex)[0]}


@pytest.mark.parametrize("text", CASES)
@pytest.mark.parametrize("with_lexicon", [True, False])
def test_cases_through_both_paths(text, with_lexicon, lexicon):
    got, want = _both(text, lexicon if with_lexicon else None)
    assert got == want


def test_changes_and_keeps(lexicon):
    rules = lambda text: [row[5] for row in _both(text, lexicon)[0]]  # noqa: E731
    assert rules("Der Integra-\ntionsplan wird beraten.") == ["join_hyphenated_word"]
    assert rules("Wir haben keine -\nEinigung erzielt.") == ["margin_speck", "join_lines"]
    assert rules("Das steht in Abs. 3\n\nDer nächste Absatz.") == []
    assert rules("Tagesordnung:\n1. Begrüßung\n2. Bericht des Vorstands") == []


def test_random_texts_through_both_paths(lexicon):
    """Texts put together from the pieces the stage looks at, with and without the lexicon."""
    pieces = ["Wort", "und", "Integra-", "tionsplan", "UN-", "Kommission", "-", "--", "—", "*", "2", "ress",
              "Abs.", "ende.", "Satz.", "a.", "b.", "1.", "http://x", "x = f(y);", "|", "\t", "   ", "’", "‚",
              "°", ".", "6ffentlich", "Bundes", "regierung", "die", "ser", "ge—", "nügsam", ":", "ſ", "Ä", "ß",
              "\u00ad", "¬", "=", "⸗", "»", "„", "(", ")", "…", "!", "?", "x" * 30]
    rng = random.Random(7)
    for _ in range(400):
        words = [rng.choice(pieces) for _ in range(rng.randint(1, 40))]
        text = "".join(w + rng.choice([" ", " ", " ", "\n", "\n\n", "\n ", "  \n"]) for w in words)
        for lex in (lexicon, None):
            got, want = _both(text, lex)
            assert got == want, text


def test_a_lone_surrogate_is_left_to_python(lexicon):
    text = "Der Integra-\ntions\ud800plan"
    assert _core.layout(text, lexicon, default_core_mark_stats()) is None
    got, want = _both(text, lexicon)
    assert got == want and got


def test_keep_lines_and_one_line_texts(lexicon):
    assert layout.run("Der Integra-\ntionsplan", _ctx(lexicon, keep_lines=True)).changes == ()
    assert _core.layout("Der Integra-tionsplan", lexicon, default_core_mark_stats()) == []


def test_a_replaced_constant_is_used(monkeypatch, lexicon):
    text = "Wir haben keine -\nEinigung erzielt."
    assert "margin_speck" in {row[5] for row in _both(text, lexicon)[0]}
    monkeypatch.setattr(layout, "MARGIN_SPECK_BELOW", -100.0)
    got, want = _both(text, lexicon)
    assert got == want and "margin_speck" not in {row[5] for row in got}


def test_a_test_double_lexicon_is_asked_through_python():
    class Double:
        def count(self, word):
            return 1000 if word == "Integrationsplan" else 0

        def known(self, word):
            return False

        def noun_in_lower_case(self, word):
            return False

    got, want = _both("Der Integra-\ntionsplan", Double())
    assert got == want and got[0][6] == float.hex(0.99)


def test_isalnum_of_every_code_point():
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert _core._layout_isalnum(chars) == [c.isalnum() for c in chars]
