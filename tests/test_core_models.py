"""The Rust ports of the character model, the context model, the twin readings and
``Lexicon.similar_forms`` (korrektor._core, issue 26) answer as the Python modules do, bit for bit.

bench/core_models.py checks every token of the dev bench and measures; this is the quick check on
the packaged examples' tokens and a few odd ones."""
from __future__ import annotations

import pytest
from conftest import load_bench_script

from korrektor import _core
from korrektor.charmodel import default_char_model
from korrektor.context import CLAUSE_BREAK_RE, clause_end_features, default_context_model
from korrektor.errormodel import GERMAN, NO_UMLAUTS, Profile, default_error_model
from korrektor.lexicon import _data_dir, default_lexicon
from korrektor.twins import twin_filter, twin_readings_header, umlaut_readings

DATA = str(_data_dir())
EXAMPLES = _data_dir().parent / "examples"
ODD = ["", "a", "İstanbul", "ΣΑΣ", "x^y$z", "ÄÖÜß", "Teilnmehmer", "Radikalisieryng", "geht's", "Straße",
       "STRASSE", "ǅ", "ﬁnden", "\u0130", "a" * 80, "Donaudampfschifffahrtsgesellschaftskapitänsmützen" * 2]


@pytest.fixture(scope="module")
def bench():
    return load_bench_script("core_models")


@pytest.fixture(scope="module")
def texts(bench):
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


@pytest.fixture(scope="module")
def tokens(bench, texts):
    """The examples' tokens, and near forms of them (damaged, in capitals, umlauts lost)."""
    words = bench.tokens_of(texts) + ODD
    words += [v for w in words for v in (w.upper(), w[:-1], w + "e", bench.strip_umlauts(w))]
    return list(dict.fromkeys(words))


def test_char_model(tokens):
    py, rs = default_char_model(), _core.CharModel.load(DATA)
    assert len(tokens) > 1000
    for w in tokens:
        assert [x.hex() for x in rs.letter_logps(w)] == [x.hex() for x in py.letter_logps(w)], w
        assert rs.worst(w).hex() == py.worst(w).hex(), w
    assert rs.worst_many(tokens) == [rs.worst(w) for w in tokens]
    assert rs.sizes() == (len(py._logp), len(py._backoff))


def test_context_model(bench, texts, tokens):
    py, rs = default_context_model(), _core.ContextModel.load(DATA)
    pairs = list(py._pairs)
    for a, b in pairs[:50]:
        assert rs.knows(a, b) and rs.knows(b, a)
    for w, v in zip(tokens, tokens[1:]):
        assert rs.knows(w, v) == py.knows(w, v)
        assert rs.knows(w, bench.strip_umlauts(w)) == py.knows(w, bench.strip_umlauts(w))
    contexts, breaks, rests = bench.sentence_contexts(texts)
    some = [ctx for _, ctx in contexts[::7]]
    nonzero = 0
    for a, b in pairs:
        for ctx in some[:20]:
            want = py.log_ratio(a, b, ctx)
            nonzero += want != 0.0
            assert rs.log_ratio(a, b, ctx).hex() == want.hex(), (a, b, ctx)
            assert rs.log_ratio(b, a, ctx).hex() == py.log_ratio(b, a, ctx).hex(), (b, a, ctx)
    assert nonzero > 100
    assert rs.log_ratio("x", "y", {"wenn"}) == 0.0
    for rest in rests + [["a", "*t"], ["Viel", "BRINGEN"], []]:
        assert _core.clause_end_features(rest) == clause_end_features(rest), rest
    assert any(_core.clause_break(*q) for q in breaks)
    for text, pos, end in breaks + [("a -b", 2, 3), ("a- b", 1, 2), (" -\x1c", 0, 3), (" -\xa0", 0, 3)]:
        assert _core.clause_break(text, pos, end) == (CLAUSE_BREAK_RE.search(text, pos, end) is not None)


def test_twins(tokens):
    lex, em = default_lexicon(), default_error_model()
    py = twin_filter(lex, em)
    rs = _core.twin_filter(DATA, lex.fingerprint, em.fingerprint)
    assert py is not None and rs is not None and rs.forms() == py and len(rs) == len(py)
    assert rs.header == twin_readings_header(lex, em) == _core.twin_readings_header(lex.fingerprint, em.fingerprint)
    assert _core.twin_filter(DATA, "0:0", em.fingerprint) is None
    for w in tokens:
        assert (w in rs) == (w in py)
    for profile in (GERMAN, NO_UMLAUTS, Profile("half", 0.5, 0.0, 0)):
        table = em.table(profile)
        want, got = umlaut_readings(table), _core.umlaut_readings(table)
        assert list(got) == list(want)
        assert {k: [(t, lp.hex()) for t, lp in v] for k, v in got.items()} == \
            {k: [(t, lp.hex()) for t, lp in v] for k, v in want.items()}


def test_twin_readings_of_some_forms():
    """The list's computation on a slice of the forms (the whole list: bench/core_models.py)."""
    from korrektor.twins import twin_readings

    lex, em = default_lexicon(), default_error_model()

    class Part:  # the lexicon with a tenth of its forms
        forms = lex.forms[::10]
        count, is_supplement = lex.count, lex.is_supplement

    want = twin_readings(Part, em)
    got = _core.twin_readings(list(Part.forms), em.umlaut_confusions(), lex.count, lex.is_supplement)
    assert got == want and len(want) > 100

    def broken(word):
        raise KeyError(word)

    with pytest.raises(KeyError):
        _core.twin_readings(list(Part.forms), em.umlaut_confusions(), broken, lex.is_supplement)


def test_similar_forms(tokens):
    lex, rs = default_lexicon(), _core.SimilarForms.load(DATA)
    assert len(rs) == len(lex)
    found = 0
    for w in tokens:
        for max_edits, min_count in ((2, 500), (2, 20), (1, 200), (0, 0), (3, 5000)):
            want = lex.similar_forms(w, max_edits, min_count)
            assert rs.similar_forms(w, max_edits, min_count) == want, (w, max_edits, min_count)
            found += bool(want)
    assert found > 500


def test_lone_surrogates():
    """Python takes strings with a lone surrogate (no UTF-8 holds one) as any other: so do the
    bindings, with the same answers, no UnicodeEncodeError."""
    lex = default_lexicon()
    cm, rs_cm = default_char_model(), _core.CharModel.load(DATA)
    cx, rs_cx = default_context_model(), _core.ContextModel.load(DATA)
    sim = _core.SimilarForms.load(DATA)
    twins = _core.TwinReadings.load(DATA)
    odd = ["\ud800", "a\udfffb", "Haus\ud800", "\ud800Haus", "zentrale\udc00", "ΣΑ\ud800Σ", "hatte\ud800"]
    for w in odd:
        assert [x.hex() for x in rs_cm.letter_logps(w)] == [x.hex() for x in cm.letter_logps(w)], w
        assert rs_cm.worst(w).hex() == cm.worst(w).hex(), w
        assert rs_cx.knows(w, "hätte") == cx.knows(w, "hätte") is False
        assert rs_cx.log_ratio("hatte", "hätte", {w, "wenn"}).hex() == cx.log_ratio("hatte", "hätte", {w, "wenn"}).hex()
        assert rs_cx.log_ratio(w, "hätte", {"wenn"}) == cx.log_ratio(w, "hätte", {"wenn"}) == 0.0
        assert _core.clause_end_features(["x", w]) == clause_end_features(["x", w]), w
        assert _core.clause_end_features([w, "bringen"]) == clause_end_features([w, "bringen"]), w
        for max_edits, min_count in ((2, 500), (2, 20)):
            assert sim.similar_forms(w, max_edits, min_count) == lex.similar_forms(w, max_edits, min_count), w
        assert w not in twins
        text = f"a {w} - b, {w}"
        for pos in range(len(text)):
            assert _core.clause_break(text, pos, len(text)) == (CLAUSE_BREAK_RE.search(text, pos) is not None)
    assert rs_cm.worst_many(odd) == [rs_cm.worst(w) for w in odd]


def test_errors(tmp_path):
    with pytest.raises(OSError):
        _core.CharModel.load(str(tmp_path))
    with pytest.raises(OSError):
        _core.ContextModel.load(str(tmp_path))
    with pytest.raises(OSError):
        _core.SimilarForms.load(str(tmp_path))
    assert _core.TwinReadings.load(str(tmp_path)) is None
    (tmp_path / "char_model.json").write_text('{"format": "korrektor-context", "pairs": {}}', encoding="utf-8")
    (tmp_path / "context.json").write_text('{"format": "korrektor-char-model", "history": 3', encoding="utf-8")
    with pytest.raises(ValueError):
        _core.CharModel.load(str(tmp_path))
    with pytest.raises(ValueError):
        _core.ContextModel.load(str(tmp_path))
