"""The page's own confusions in the compiled core (korrektor._core.page_explanations, page_learn,
page_rewrite) give the Python references' answers bit for bit: a page that repeats c for e learns
it in both, a clean page beside it learns nothing in both, and the learned confusion rewrites the
tokens alike. The whole sets: bench/core_page_confusions.py."""

import os
import subprocess
import sys

import pytest

from korrektor.errormodel import default_error_model, estimate_profile
from korrektor.lexicon import default_lexicon
from korrektor.stages.words import page_confusions as pc
from korrektor.stages.words.decoder import Decoder
from korrektor.stages.words.tokens import tokenize

pytestmark = pytest.mark.skipif(not pc._USE_CORE, reason="the compiled page confusions are not in use")

# an old Antiqua whose e the German model reads as c, and a clean page with names and Latin
C_FOR_E = ("Es war cin kalter Morgen, als cr das Haus verließ. Dic Straße war leer, und cs lag Schnee auf dcn "
           "Dächern. Er ging schnell, denn cr wollte nicht zu spät kommen. Sic sahen ihn.")
FI_FOR_K = ("Die fileider lagen auf dem Stuhl, und die Mutter band sich das Tuch um den fiopf. Der firedit war "
            "aufgebraucht, und die finie taten ihr weh.")
CLEAN = ("Es war ein kalter Morgen, als er mit Cicero und Eric das Haus verließ. Die Straße war leer, und Luc "
         "sagte: sic transit gloria mundi. Marc, Dirk und Bernd kamen später nach, mit Ulf und Sven.")


def exact(x):
    """``x`` with its floats as hex: equal only where the bits are (order kept)."""
    if isinstance(x, float):
        return x.hex()
    if isinstance(x, dict):
        return [("dict", exact(k), exact(v)) for k, v in x.items()]
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, [exact(v) for v in x])
    return x


def _page(text):
    lexicon = default_lexicon()
    decoder = Decoder(lexicon, default_error_model(), estimate_profile(text))
    return tokenize(text, lexicon), decoder


def test_the_constants_agree():
    assert pc._core_constants_agree()


@pytest.mark.parametrize("core", ["cin", "Cin", "dcn", "scin", "fileider", "fiopf", "Dic", "vornchmc", "xx",
                                  "Hauscs", "ab'c", "Ärger", "ßa"])
def test_explanations_as_python_in_the_order_found(core):
    lexicon = default_lexicon()
    assert exact(pc._explanations(core, lexicon)) == exact(pc._py_explanations(core, lexicon))


def test_a_lone_surrogate_is_left_to_python():
    assert pc._core.page_explanations("c\ud800n", default_lexicon()) is None
    assert pc._explanations("c\ud800n", default_lexicon()) == pc._py_explanations("c\ud800n", default_lexicon())


@pytest.mark.parametrize("text, learns", [(C_FOR_E, ("c", "e")), (FI_FOR_K, ("fi", "K")), (CLEAN, None)])
def test_learn_as_python(text, learns):
    tokens, decoder = _page(text)
    learned = pc.learn(tokens, decoder, {})
    assert exact(learned) == exact(pc._py_learn(tokens, decoder, {}))
    if learns is None:
        assert learned == {}  # a clean page's names and Latin teach nothing
    else:
        read, true = learns
        assert true in {t for t, _lp in learned[read]}


def test_the_learned_confusion_rewrites_as_python():
    tokens, decoder = _page(C_FOR_E)
    page = pc.PageConfusionDecoder(decoder, pc.learn(tokens, decoder, {}))
    rewritten = 0
    for t in tokens + tokenize("Sic Cin iSt Dcr", decoder.lex):
        found = page._rewrite(t)
        assert exact(found) == exact(page._py_rewrite(t)), t.core
        rewritten += bool(found)
    assert rewritten >= 6  # cin, cr, Dic, cs, dcn, Sic ...
    assert ("Sie" in {w for w, _ in page._rewrite(tokenize("Sic ging.", decoder.lex)[0])})


def test_the_candidates_merge_as_python():
    tokens, decoder = _page(C_FOR_E)
    page = pc.PageConfusionDecoder(decoder, pc.learn(tokens, decoder, {}))
    merged = 0
    for t in tokens:
        if page.offers(t):
            base, words = page.base.candidates(t), page._page_words(t)
            assert exact(pc._merge(base, words)) == exact(pc._py_merge(base, words))
            merged += 1
    assert merged >= 5
    # a repeated word, a tie, a worse page word, an int score, and entries the core declines
    base = [("cin", -1.0, "itself"), ("an", -5.0, "ocr"), ("cm", -4.0, "ocr"), ("an", -4, "near")]
    words = [("ein", -2.0), ("cm", -4.0), ("an", -6.0), ("cin", -0.5)]
    assert exact(pc._merge(base, words)) == exact(pc._py_merge(base, words))
    assert pc._core.page_merge([("cin", -1.0)], words, pc.PAGE_CONFUSION) is None


def test_a_learned_table_the_core_cannot_hold_stays_with_python():
    tokens, decoder = _page(C_FOR_E)
    page = pc.PageConfusionDecoder(decoder, {"c": (("e", "not a number"),)})
    token = tokenize("cin", decoder.lex)[0]
    with pytest.raises(TypeError):
        page._py_rewrite(token)  # Python fails on it too; the core only declines
    assert page._core_learned is None
    with pytest.raises(TypeError):
        page._rewrite(token)
    assert page._core_learned is False


_SEEDED = """
from korrektor.errormodel import default_error_model, estimate_profile
from korrektor.lexicon import default_lexicon
from korrektor.stages.words import page_confusions as pc
from korrektor.stages.words.decoder import Decoder
from korrektor.stages.words.tokens import tokenize
text = {text!r}
lexicon = default_lexicon()
decoder = Decoder(lexicon, default_error_model(), estimate_profile(text))
tokens = tokenize(text, lexicon)
learned = pc._py_learn(tokens, decoder, {{}})
print(repr([(r, [(t, lp.hex()) for t, lp in o]) for r, o in learned.items()]))
"""


def test_the_python_reference_does_not_follow_the_hash_seed():
    code = _SEEDED.format(text=C_FOR_E + " " + FI_FOR_K)
    outs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, KORREKTOR_PY_SEARCH="1")
        outs.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                check=True).stdout)
    assert len(outs) == 1 and "'e'" in outs.pop()
