"""The compiled test of the unicode stage (korrektor._core.unicode_untouched, rust/src/unicode.rs)
finds a text clean only where none of the stage's fixes changes it, and the stage skips its fixes
then.

bench/core_unicode.py checks every text the pipeline hands the stage on the seven development sets
and measures; this is the quick check: the stage's RULES (what each fixes and what it keeps),
texts beside each fix's trigger, random texts, and every code point the test lets through."""
from __future__ import annotations

import random
import sys
import unicodedata
from types import SimpleNamespace

import pytest

from korrektor import _core
from korrektor.config import Config
from korrektor.stages import unicode

CTX = SimpleNamespace(config=Config())


def _rows(result):
    return [(e.start, e.end, e.before, e.after, str(e.kind), e.rule, e.confidence) for e in result.changes]


def _check(text: str) -> bool:
    """The stage's answer both ways is the same; a text found clean is one the fixes leave alone."""
    want = _rows(unicode._py_run(text, CTX))
    assert _rows(unicode.run(text, CTX)) == want, text
    clean = _core.unicode_untouched(text)
    assert not (clean and want), text
    return clean


def test_the_compiled_test_runs():
    assert unicode._CORE_AGREES and unicode._unchanged()
    assert _core.unicode_untouched("Grüße aus Köln – „so“, sagte er … für 5 €.")


@pytest.mark.parametrize("rule", unicode.RULES, ids=lambda r: r.name)
def test_rules_examples(rule):
    before, after = rule.fixes
    assert not _check(before)
    _check(after)
    _check(rule.keeps)


@pytest.mark.parametrize("text", [
    "", "a", "Grüße\n\nKöln\tx", "fÃ¼r", "â€ž", "Â ", "Ã", "a\r", "\x0b", "\x85", "\u200b", "\ufeff", "\x0c",
    ". . .", ". .. .", "... ...", ". . x", "Ver\u00ad\nwaltung", "Ver\u00adwaltung", "ﬁ", "ſ", "daſz", "¨", "´",
    "a \u0308", "a\u0308", "\u2126", "\u2000", "한국", "\u1100\u1161", "日本", "😀", "ab\ud800cd", "Ǆ ǅ ǆ",
    "Ελλάδα", "Россия", "ẞ ẞ", "x\u20d7", "‹›«»‐‑‒–—―‖‗‘’‚‛“”„‟†‡•…‰′″‴⁄€₹℃№™Ω℮⅓→∑≠⌀",
])
def test_texts_beside_each_trigger(text):
    _check(text)


def test_random_texts():
    pieces = ["Wort", " ", "\n", ".", ". ", "ä", "ß", "Ã", "¼", "â", "€", "ſ", "z", "¨", "´", "u", "\u0308",
              "\u00ad", "\r", "\x0c", "ﬁ", "‚", "„", "“", "Ω", "\u2126", "A", "o", "\t", "—", "\u200b"]
    rng = random.Random(3)
    for _ in range(2000):
        _check("".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))))


def test_skip_rules_as_before():
    text = "Die Deﬁnition ist oﬀen, und die Ver\u00adwaltung\x07 arbeitet."
    ctx = SimpleNamespace(config=Config(skip_rules={"expand_ligatures"}))
    assert _rows(unicode.run(text, ctx)) == _rows(unicode._py_run(text, ctx))
    assert unicode.run("Grüße", ctx).changes == ()


def test_replaced_fixes_are_run(monkeypatch):
    def shout(text):
        return [unicode.Edit(0, 1, text[:1], "X", unicode.KIND, "shout")] if text else []

    shout.__name__ = "shout"
    monkeypatch.setattr(unicode, "FIXES", unicode.FIXES + (shout,))
    assert [e.after for e in unicode.run("Grüße", CTX).changes] == ["X"]


def test_every_safe_code_point_keeps_a_text_nfc():
    """Each code point the test lets through is its own NFC, a starter, and no second of a
    canonical pair (nor is its decomposition's first), nor Hangul: no text of them changes in
    NFC (``unicodedata``'s version is the core's tables')."""
    assert unicodedata.unidata_version == _core._pystr_unicode_version()
    second = set()
    for c in range(sys.maxunicode + 1):
        d = unicodedata.decomposition(chr(c))
        if d and not d.startswith("<") and len(d.split()) == 2:
            second.add(chr(int(d.split()[1], 16)))
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    safe = [c for c, ok in zip(chars, _core._unicode_nfc_safe(chars)) if ok]
    assert len(safe) > 4000
    for c in safe:
        assert unicodedata.normalize("NFC", c) == c and unicodedata.combining(c) == 0, hex(ord(c))
        assert c not in second and unicodedata.normalize("NFD", c)[0] not in second, hex(ord(c))
        assert not (0x1100 <= ord(c) <= 0x11FF or 0xAC00 <= ord(c) <= 0xD7A3)
    rng = random.Random(5)
    for _ in range(200):
        s = "".join(rng.choice(safe) for _ in range(50))
        assert unicodedata.is_normalized("NFC", s)
