"""The words stage's compiled repairs around the decoder (korrektor._core.sentence_punctuation,
lower_case_i, capital_inside_sentence; rust/src/word_fixes.rs) answer as the Python references
do, and the stage uses them.

bench/core_repairs.py checks every call the pipeline makes on the seven development sets and
measures; this is the quick check: cases that must change beside cases that must not, and corners.
"""
from __future__ import annotations

import pytest

from korrektor import _core
from korrektor.lexicon import default_lexicon
from korrektor.marks import default_mark_stats
from korrektor.stages.words import fixes
from korrektor.stages.words.tokens import tokenize

# (text, the rule that must fire, or None: nothing may change)
PUNCTUATION = [
    ("Ich danke Ihnen, meine Herren, Aber das ist nicht alles, was wir heute sagen.", "comma_before_sentence_start"),
    ("Heute hat der. Bundestag das Gesetz beschlossen.", "mark_between_neighbours"),
    ("Das geht nicht, mehr so weiter mit uns allen hier.", "mark_between_neighbours"),
    ("Wir danken und – Kollegen aus dem Ausschuss sind hier.", "dash_between_neighbours"),
    ("Der Bericht der Regierung’ eingesetzt wurde gestern.", "apostrophe_after_word"),
    ("Die Sitzung der Regierung. viele Menschen kamen.", "stop_before_lower_case"),
    ("bis zum, Nullpunkt der Skala.", "comma_after_function_word"),
    ("Er sagte,\n\nAber das stimmt nicht, was er sagt.", "comma_before_sentence_start"),
    # a letter's salutation, a relative clause, a parenthesis of dashes, a quotation that closes
    ("Sehr geehrte Frau Müller,\n\nAber ich schreibe Ihnen heute.", None),
    ("mein Herr, der Sie hier stehen.", None),
    ("Das ist die – meistens in Privatinitiativen – Arbeit.", None),
    ("Er nannte sie ‚die Regierung’ eingesetzt von oben.", None),
    ("Die Sitzung der Regierung. ich komme.", None),
    ("Wir sind hier, meine Herren und Damen.", None),
]
CAPITAL_I = [
    ("Wir sind hier, meine Herren! ich werde Ihnen sagen, was wir wollen.", True),
    ("Wir danken der Regierung. ich werde Ihnen nun sagen, was wir wollen.", True),
    ("Wir danken der Regierung.\n\nich werde Ihnen nun sagen, was wir wollen.", True),
    ("Das sagen wir. ich werde Ihnen nun sagen, was wir wollen.", True),
    ("Das steht in Abs. ich weiß es nicht.", False),
    ("Wir danken der Regierung, ich werde Ihnen nun sagen.", False),
]
CAPITAL_INSIDE = [
    ("Und wir Sollten nicht vergessen, dass es so ist.", True),
    ("Und wir. Sollten wir nicht vergessen, dass es so ist?", False),
    ("Linux Airlines\n\nWir sammeln Daten.", False),
    ("und wir Sollten: das ist alles.", False),
]
CORNERS = ["", "a", "x, Aber", ". , ; –", "der\ud800. Bundestag hat", "Herren,\n\n\n Aber", "– – –",
           "Herr, Aber – und – Kollegen. ich", "İst, Aber. ich İch"]


@pytest.fixture(scope="module")
def lex():
    return default_lexicon()


def test_the_compiled_repairs_are_on():
    assert fixes._CORE_FIXES_AGREE, "the compiled repairs are off (KORREKTOR_PY_SEARCH? no extension?)"


def _edits(edits):
    return [(e.start, e.end, e.before, e.after, e.kind, e.rule, e.confidence.hex(), e.alternatives) for e in edits]


def _both(text, lex, skip=frozenset()):
    tokens = tokenize(text, lex)
    marks = default_mark_stats()
    out = []
    for p in ("_py_", ""):
        out.append((_edits(getattr(fixes, p + "sentence_punctuation")(text, tokens, lex, marks, set(skip))),
                    sorted(getattr(fixes, p + "lower_case_i")(text, tokens, lex)),
                    sorted(getattr(fixes, p + "capital_inside_sentence")(text, tokens, marks, set(skip)))))
    return out


@pytest.mark.parametrize("text,rule", PUNCTUATION)
def test_sentence_punctuation(lex, text, rule):
    python, compiled = _both(text, lex)
    assert compiled == python
    rules = [e[5] for e in compiled[0]]
    assert rules == ([rule] if rule else [])


@pytest.mark.parametrize("text,fires", CAPITAL_I)
def test_lower_case_i(lex, text, fires):
    python, compiled = _both(text, lex)
    assert compiled == python
    assert bool(compiled[1]) == fires


@pytest.mark.parametrize("text,fires", CAPITAL_INSIDE)
def test_capital_inside_sentence(lex, text, fires):
    python, compiled = _both(text, lex)
    assert compiled == python
    assert bool(compiled[2]) == fires


@pytest.mark.parametrize("text", CORNERS + [t for t, _ in PUNCTUATION])
def test_corners_and_skipped_sentences(lex, text):
    for skip in (set(), {0, 1}, set(range(100))):
        python, compiled = _both(text, lex, skip)
        assert compiled == python


def test_python_answers_for_other_statistics_and_test_doubles(lex, monkeypatch):
    text = "Heute hat der. Bundestag das Gesetz beschlossen."
    tokens = tokenize(text, lex)
    called = []
    monkeypatch.setattr(_core, "sentence_punctuation", lambda *a: called.append(a))
    other = fixes.MarkStats(**{f: getattr(default_mark_stats(), f)
                               for f in fixes.MarkStats.__dataclass_fields__})
    assert fixes.sentence_punctuation(text, tokens, lex, other, set())  # Python's, with its own stats
    monkeypatch.setattr(fixes, "MARK_REPAIRS", fixes.MarkRepairs(min_word_after_stop=1))
    assert fixes.sentence_punctuation(text, tokens, lex, default_mark_stats(), set())
    assert not called


def test_the_stage_calls_the_compiled_repairs(lex, monkeypatch):
    import korrektor

    asked = []
    for name in ("sentence_punctuation", "lower_case_i", "capital_inside_sentence"):
        original = getattr(_core, name)
        monkeypatch.setattr(_core, name, lambda *a, _o=original, _n=name: asked.append(_n) or _o(*a))
    out = korrektor.correct("Und wir Sollten nicht vergessen, meine Herren, Aber das ist so.")
    assert "sollten" in out.text and "Herren. Aber" in out.text
    assert set(asked) == {"sentence_punctuation", "lower_case_i", "capital_inside_sentence"}


# ---------------------------------------------------------------------------- noise.py
def _noise_edits(n, confidence, kind=None):
    from korrektor.edits import Edit
    from korrektor.rules import Kind

    return [Edit(i, i + 1, "a", "ä", kind or Kind.WORD, "lost_umlauts", confidence) for i in range(n)]


@pytest.mark.parametrize("text,n,confidence,clean", [
    ("Wort " * 400, 0, 0.9, True),  # clean: no sure word edit
    ("Wort " * 400, 20, 0.9, True),  # unsure ones say nothing
    ("Wort " * 400, 2, 0.995, False),  # damaged: sure ones
    ("Wörter " * 400, 1, 0.99, True),  # one: below 0.6 per 1000 of 2400 letters
    ("Wort " * 400, 1, 0.99, False),  # not below 0.6 per 1000 of 1600 letters
    ("1 " * 1000, 0, 0.9, False),  # long enough, too few letters
    ("Wort " * 100, 0, 0.9, False),  # too short to judge
    ("Wört\ud800 " * 300, 0, 0.9, True),  # a lone surrogate is one code point, no letter
    ("ǅa" * 600, 0, 0.999, True),  # a title-case letter is a letter
    ("ǅa" * 600, 1, 0.999, False),
])
def test_clean_page(text, n, confidence, clean):
    from korrektor.stages.words import noise

    changes = _noise_edits(n, confidence)
    assert noise._py_clean_page(text, changes) is clean
    assert noise.clean_page(text, changes) is clean


def test_clean_page_counts_only_word_edits_and_obeys_a_new_noise(monkeypatch):
    from korrektor.rules import Kind
    from korrektor.stages.words import noise

    text = "Wörter " * 400
    changes = _noise_edits(5, 1.0, Kind.PUNCTUATION) + _noise_edits(1, 0.995)
    assert noise.clean_page(text, changes) is noise._py_clean_page(text, changes) is True
    monkeypatch.setattr(noise, "NOISE", noise.PageNoise(min_sure_per_1000_letters=0.1))
    monkeypatch.setattr(_core, "clean_page", None)  # not asked: Python answers with the new NOISE
    assert noise.clean_page(text, changes) is False
    for e in _noise_edits(3, 0.998) + _noise_edits(1, 0.999) + _noise_edits(1, 0.5, Kind.GLYPH):
        assert _core.held_on_a_clean_page(e, Kind.WORD) is noise.held_on_a_clean_page(e)


# ---------------------------------------------------------------------------- joins.py: letter-spaced words
SPACED = [
    ("Das ist g e s p e r r t und so.", ["gesperrt"]),
    ("W i r m ü s s e n gehen.", ["Wir", "müssen"]),
    ("I N H A L T", ["INHALT"]),
    ("Er sagte: „d a s“ und g e h t.", ["das", "geht"]),
    ("a b c. d e f g h", []),
    # an acronym's letters, a run of no word, a run too short, a list's letters
    ("E U und a b", []),
    ("x y z q v", []),
    ("Punkte a, b und c", []),
    ("Sie l i e b t e s i e s e h r", ["liebte", "sie", "sehr"]),
    ("d\ud800 e r Mann", []),
]


def _joined(fn, text, lex):
    from dataclasses import astuple

    tokens = tokenize(text, lex)
    found = fn(text, tokens, lex)
    return [tuple(x.hex() if isinstance(x, float) else x for x in astuple(t)) for t in found], found is tokens


@pytest.mark.parametrize("text,words", SPACED)
def test_join_letter_spaced(lex, text, words):
    from korrektor.stages.words import joins

    python, compiled = _joined(joins._py_join_letter_spaced, text, lex), _joined(joins.join_letter_spaced, text, lex)
    assert compiled == python
    assert [t[2] for t in compiled[0] if t[10]] == words  # the spaced tokens' cores


@pytest.mark.parametrize("letters", ["gesperrt", "Wirmüssen", "INHALT", "EU", "EUR", "xyzqv", "abc", "",
                                     "liebtesiesehr", "Aaaa", "ǅungel", "a" * 65, "Straßenbahn", "STRASSE",
                                     "Umwelt-", "Land-", "ab-"])
def test_spaced_words(lex, letters):
    from korrektor.stages.words import joins

    assert joins.spaced_words(letters, lex) == joins._py_spaced_words(letters, lex)


def test_python_joins_with_new_constants(lex, monkeypatch):
    from korrektor.stages.words import joins

    monkeypatch.setattr(_core, "join_letter_spaced", None)  # not asked
    monkeypatch.setattr(joins, "SPACED_WORDS", joins.SpacedWords(min_letters=9))
    text = "Das ist g e s p e r r t und so."
    assert [t.core for t in joins.join_letter_spaced(text, tokenize(text, lex), lex)][2:4] == ["g", "e"]


# ---------------------------------------------------------------------------- spelling.py
SPELLINGS = [
    ("Die Massnahmen gemäss Artikel 5 gelten für grosse Betriebe.", True),
    ("Sie wohnt an der Strasse.", True),
    ("Die Masse der Busse musste warten, bis es passte.", False),
    ("Die Familie Grosse wohnt an der Straße; sie heißt so, weil es groß klingt und weiß ist.", False),
    ("Die Maßnahmen gemäß Artikel 5 gelten.", False),
    # one ß against many Swiss words: still Swiss; the evidence keeps five words
    ("Die Strasse, die grosse Massnahme, gemäss dem Gesetz, heisst so; ausserdem schliesslich Fuss, "
     "Grüße.", True),
    ("Strasse\ud800 gross", True),
    ("ss ß ss", False),
    ("", False),
]


@pytest.mark.parametrize("text,swiss", SPELLINGS)
def test_detect(lex, text, swiss):
    from korrektor import spelling

    python, compiled = spelling._py_detect(text, lex), spelling.detect(text, lex)
    assert compiled == python
    assert compiled.swiss is swiss
    assert len(compiled.evidence) <= 5
    if not swiss:
        assert compiled is spelling.STANDARD


@pytest.mark.parametrize("word", ["Strasse", "grosse", "Masse", "Busse", "gemäss", "Schlussstrasse", "Haus",
                                  "sss", "ss" * 4, "ss" * 5, "Veräusserung", "Gross\ud800e", "", "Fussball"])
def test_swiss_words_and_variants(lex, word):
    from korrektor import spelling

    assert spelling.swiss_word(word, lex) == spelling._py_swiss_word(word, lex)
    assert spelling.sz_spellings(word) == spelling._py_sz_spellings(word)
    for document in (spelling.STANDARD, spelling.Spelling(swiss=True)):
        assert document.known_variant(word, lex) == document._py_known_variant(word, lex)
        for after in spelling._py_sz_spellings(word) + [word, "x"]:
            assert _core.spelling_allows(document.swiss, word, after) is document.allows(word, after)


def test_protect_spelling(lex):
    from korrektor import spelling
    from korrektor.stages.words import tokens as tokens_module

    text = "Die Massregelung der Grundstücke am Strassenbahnhaltestellenschild, ausserordentlichste Grussworte."
    for document in (spelling.STANDARD, spelling.Spelling(swiss=True), spelling.Spelling(swiss=True, evidence=("x",))):
        python, compiled = tokenize(text, lex), tokenize(text, lex)
        asked = []
        tokens_module.protect_spelling(python, lambda: asked.append(1) or document, lex)
        assert _core.protect_spelling(compiled, lambda: asked.append(2) or document, lex, spelling.Spelling)
        assert [t.protected for t in compiled] == [t.protected for t in python]
        assert asked == [1, 2]  # asked once each: there is an unknown word with ss
        assert any(t.protected for t in python if t.core == "Massregelung") is document.swiss
        assert not any(t.protected for t in python if t.core == "ausserordentlichste")
    # nothing unknown with ss: the document's spelling is not asked
    quiet = tokenize("Die Strasse ist lang.", lex)
    assert _core.protect_spelling(quiet, lambda: 1 / 0, lex, spelling.Spelling)

    class Other(spelling.Spelling):
        pass
    # not a Spelling itself: Python's pass must answer
    assert not _core.protect_spelling(tokenize(text, lex), lambda: Other(swiss=True), lex, spelling.Spelling)


def test_python_answers_with_a_new_swiss(lex, monkeypatch):
    from korrektor import spelling

    monkeypatch.setattr(_core, "spelling_detect", None)  # not asked
    monkeypatch.setattr(spelling, "SWISS", spelling.SwissEvidence(min_count=10**9))
    assert spelling.detect("Sie wohnt an der Strasse.", lex) is spelling.STANDARD


def test_a_lexicon_that_answers_otherwise_is_asked_through_python(lex, monkeypatch):
    from korrektor import spelling
    from korrektor.stages.words import joins

    class Double:
        """The packaged lexicon's answers, but every word frequent."""

        def __getattr__(self, name):
            return getattr(lex, name)

        def count(self, word):
            return 10**6

    double = Double()
    for name in ("sentence_punctuation", "lower_case_i", "join_letter_spaced", "spaced_words", "spelling_detect",
                 "swiss_word", "known_variant"):
        monkeypatch.setattr(_core, name, None)  # none of them asked
    assert not fixes._fixes_in_core(double, default_mark_stats())
    assert not joins._spaced_in_core(double) and not spelling.spelling_in_core(double)
    assert fixes._fixes_in_core(lex, default_mark_stats()) and joins._spaced_in_core(lex)
    text = "Die Sitzung der Regierung. viele Menschen kamen. Sie wohnt an der Strasse."
    tokens = tokenize(text, lex)
    assert fixes.sentence_punctuation(text, tokens, double, default_mark_stats(), set())
    assert fixes.lower_case_i(text, tokens, double) == set()
    assert spelling.detect(text, double) == spelling._py_detect(text, double)  # Python's, the core not asked
