"""The compiled tokenizer and glyph searches (korrektor._core.tokenize, umlaut_sz_glyphs,
umlaut_l_glyphs, issue 26) answer as the Python ones (tokens._py_tokenize, umlauts._py_sz_glyphs,
_py_l_glyphs) do, and the words stage uses them.

bench/core_tokens.py checks every text and chunk of the seven development sets and measures;
this is the quick check on the example pages, listed cases and corners."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from korrektor import _core, errormodel
from korrektor.errormodel import GERMAN, NO_UMLAUTS, default_error_model
from korrektor.lexicon import default_lexicon
from korrektor.stages.words import glyphs, tokens, umlauts
from korrektor.stages.words.decoder import Decoder

EXAMPLES = Path(errormodel.__file__).parent / "examples"


def rows(found):
    return [(t.start, t.end, t.core, t.sentence_end, t.known, t.protected, t.best, t.acronym, t.lower_noun,
             t.merged, t.spaced, t.paragraph_end) for t in found]


@pytest.fixture(scope="module")
def lex():
    return default_lexicon()


def test_core_in_use(lex):
    assert tokens._CORE_TABLES is not None and umlauts._GLYPHS_AGREE
    assert tokens._core_shapes(lex) is tokens._core_shapes(lex)  # one cache per lexicon


# left alone: URLs, e-mail addresses, code, acronyms, numbers and units, abbreviations, gender
# forms, ligatures kept, elisions
PROTECTED = ["http://example.org", "info@firma.de", "WWW.Beispiel.com", "seite.DE", "a_b", "x=y", "NATO", "A380",
             "5G", "3kg", "3er", "1234", "Q", "OPNV", "LehrerInnen", "StudentIn", "oﬀen", "a" * 65]
# words, damaged or not: a digit read for a letter, a ß read as a symbol, an l read as I
NOT_PROTECTED = ["Haus", "Müller", "2u", "2ur", "heif$t", "grof%e", "MitteIn", "Uberpriift", "fiir", "Straße",
                 "Landtags-", "Haus2"]


def test_protected_beside_not(lex):
    shape = {c: tokens._shape(c, lex) for c in PROTECTED + NOT_PROTECTED}
    for chunk in PROTECTED + NOT_PROTECTED:
        got = _core.token_shape(chunk, lex, tokens._CORE_TABLES)
        assert got == shape[chunk], chunk
        assert _core.token_is_protected(chunk, tokens._CORE_TABLES) == tokens.is_protected(chunk), chunk
    assert all(shape[c][4] or shape[c][5] for c in PROTECTED)  # protected, or an acronym (NATO)
    assert not any(shape[c][4] or shape[c][5] for c in NOT_PROTECTED)
    # with its punctuation: "Fr." an abbreviation, "kürz’" an elision, "(Haus)." a sentence end
    for chunk, protected, sentence_end in (("Fr.", True, True), ("Fr", False, False), ("„Haus“.", False, True),
                                           ("(Haus)", False, False), ("kürz’", True, False), ("kürz", False, False)):
        got = _core.token_shape(chunk, lex, tokens._CORE_TABLES)
        assert got == tokens._shape(chunk, lex)
        assert (got[4], got[2]) == (protected, sentence_end), chunk
    assert _core.token_shape("„…“", lex, tokens._CORE_TABLES) is None


TEXTS = [
    # code points, not UTF-16 units or bytes: a character beyond the BMP counts one
    "𝔄𝔟𝔠 Haus. 😀„Müller“ fiir\n\nEnde",
    # the regex module's spaces: U+001C..U+001F are none (str.isspace says they are), NBSP is one
    "a\x1cb c\u00a0d\u3000e\x85f\u2028g",
    # paragraph breaks with spaces and tabs between; a break before the first token
    "\n\nErst. Zwei\n \t\nDrei\n\n\n\nVier \n\n",
    "Fr. Müller kenn’ LehrerInnen oﬀen 2u 3er www.test.de http://x.org NATO OPNV heif$t MitteIn.",
    "",
    "   ",
    "…",
]


def test_same_tokens_as_python(lex):
    pages = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for text in TEXTS + pages:
        tokens._CORE_SHAPES.clear()
        want = rows(tokens._py_tokenize(text, lex))
        assert rows(tokens.tokenize(text, lex)) == want, text[:60]
        assert rows(tokens.tokenize(text, lex)) == want, text[:60]  # from the shape cache
    first = tokens.tokenize(TEXTS[0], lex)
    assert [(t.start, t.end, t.core) for t in first][:3] == [(0, 3, "𝔄𝔟𝔠"), (4, 8, "Haus"), (10, 18, "😀„Müller")]
    assert [t.paragraph_end for t in first] == [False, False, False, True, False]
    assert [t.core for t in tokens.tokenize(TEXTS[1], lex)] == ["a\x1cb", "c", "d", "e", "f", "g"]


def test_lone_surrogates(lex):
    for text in ("Haus \ud800x Ende", "\udfff", "a\ud83d\n\nb"):
        assert _core.tokenize(text, lex, tokens._CORE_TABLES) is None  # Python tokenizes it
        assert rows(tokens.tokenize(text, lex)) == rows(tokens._py_tokenize(text, lex))
    with pytest.raises(UnicodeEncodeError):
        _core.token_shape("\ud800", lex, tokens._CORE_TABLES)
    assert _core.sz_reading("a\ud800$b") is None and _core.l_readings("aI\ud800") is None


@pytest.fixture(scope="module")
def decoders(lex):
    em = default_error_model()
    out = []
    for profile in (GERMAN, NO_UMLAUTS):
        d = Decoder(lex, em, profile)
        out += [d, Decoder(lex, em, profile, today=d)]
    return out


GLYPH_CORES = ["heif$t", "grof%e", "schie&Ben", "naturgema§&", "Fu8", "la&t", "mu&te", "gro$", "MitteIn", "AIlerdings",
               "fuIlen", "Ieben", "EvaIuierung", "Ir", "aIaIaIaI", "WIRTSCHAFT", "Haus", "", "$", "f\ud800I$b",
               "𝔞I$e"]


def test_glyph_searches_same_as_python(decoders, monkeypatch):
    def python(fn, *args):
        with monkeypatch.context() as m:
            m.setattr(umlauts, "_USE_CORE", False)
            return fn(*args)

    def exact(res):
        return [(w, float.hex(lp)) for w, lp in res]

    some = 0
    for d in decoders:
        for core in GLYPH_CORES:
            identity = d.em.logp_identity(core, d.profile)
            want = exact(python(umlauts._py_sz_glyphs, d, core))
            assert exact(umlauts.sz_glyphs(d, core)) == want, core
            some += bool(want)
            want = exact(python(umlauts._py_l_glyphs, d, core, identity))
            assert exact(umlauts.l_glyphs(d, core, identity)) == want, core
            some += bool(want)
            if "\ud800" not in core:
                assert _core.sz_reading(core) == glyphs.sz_reading(core)
                assert _core.l_readings(core) == glyphs.l_readings(core)
    assert some > 10
    d = decoders[2]  # no umlauts
    assert umlauts.sz_glyphs(d, "heif$t")[0][0] == "heißt"
    assert umlauts.l_glyphs(d, "MitteIn", 0.0)[0][0] == "Mitteln"


def test_python_reference_when_asked():
    code = ("from korrektor.stages.words import tokens, umlauts\n"
            "print(tokens._CORE_TABLES is None, umlauts._GLYPHS_AGREE)\n")
    src = str(Path(errormodel.__file__).parents[1])
    out = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": src, "KORREKTOR_PY_SEARCH": "1"},
                         check=True, capture_output=True, text=True).stdout
    assert out.split() == ["True", "False"]


def test_character_classes_are_the_installed_modules():
    """The generated tables (scripts/gen_pystr_tables.py) give the classes of the installed
    `regex` module (its own Unicode version: \\s without U+001C..U+001F, \\p{Ll}, \\p{Lu}, \\p{L},
    \\d, and \\w for the error profile's \\b) and CPython's str.isdigit, str.isalpha, str.isspace
    (str.split()'s white space), on every code point but the surrogates."""
    import regex

    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    got = _core.token_char_classes(text)
    assert len(got) == len(text)
    for bit, pattern in ((1, r"\s"), (2, r"\p{Ll}"), (4, r"\p{Lu}"), (32, r"\p{L}"), (64, r"\d"),
                         (128, r"\w"), (512, r"\p{N}"), (1024, r"\p{M}"), (2048, r"\p{Mn}")):
        want = {m.start() for m in regex.finditer(pattern, text)}
        assert {i for i, b in enumerate(got) if b & bit} == want, pattern
    for bit, method in ((8, str.isdigit), (16, str.isalpha), (256, str.isspace)):
        assert [i for i, b in enumerate(got) if b & bit] == [i for i, c in enumerate(text) if method(c)]
