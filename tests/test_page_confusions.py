"""The page's own confusions (korrektor.stages.words.page_confusions): a misreading the page
repeats is learned from its non-words and applied to its tokens; a clean page learns nothing."""

import pytest

import korrektor
from korrektor.errormodel import default_error_model, estimate_profile
from korrektor.lexicon import default_lexicon
from korrektor.stages.words.decoder import Decoder
from korrektor.stages.words.page_confusions import PAGE_CONFUSION, PageConfusionDecoder, learn
from korrektor.stages.words.tokens import tokenize

# an old Antiqua whose e the German model reads as c
C_FOR_E = ("Es war cin kalter Morgen, als cr das Haus verließ. Dic Straße war leer, und cs lag Schnee auf dcn "
           "Dächern. Er ging schnell, denn cr wollte nicht zu spät kommen.")
# a Fraktur whose K the engine reads as fi
FI_FOR_K = ("Die fileider lagen auf dem Stuhl, und die Mutter band sich das Tuch um den fiopf. Der firedit war "
            "aufgebraucht, und die finie taten ihr weh.")
CLEAN = ("Es war ein kalter Morgen, als er mit Cicero und Eric das Haus verließ. Die Straße war leer, und Luc "
         "sagte: sic transit gloria mundi. Marc, Dirk und Bernd kamen später nach, mit Ulf und Sven.")
# what an engine without a German model does: lost umlauts, which the error model expects
NO_UMLAUTS = ("Wir mussen fiir die Burger sorgen, und das ist naturlich schwer. Die Prasidentin sprach iiber die "
              "Zukunft, die Lander und die Stadte, und sie sagte, dass wir gemeinsam handeln mussen.")


def _learned(text):
    lexicon = default_lexicon()
    decoder = Decoder(lexicon, default_error_model(), estimate_profile(text))
    return learn(tokenize(text, lexicon), decoder, {}), decoder


@pytest.mark.parametrize("text, read, true", [(C_FOR_E, "c", "e"), (FI_FOR_K, "fi", "K")])
def test_a_confusion_the_page_repeats_is_learned(text, read, true):
    learned, _ = _learned(text)
    assert true in {t for t, _lp in learned.get(read, ())}


@pytest.mark.parametrize("text", [CLEAN, NO_UMLAUTS])
def test_names_and_confusions_the_model_expects_teach_nothing(text):
    assert _learned(text)[0] == {}


def test_the_learned_confusion_corrects_every_token_it_explains():
    result = korrektor.correct(C_FOR_E)
    assert result.text == C_FOR_E.replace("cin", "ein").replace("cr ", "er ").replace("Dic", "Die").replace(
        "cs ", "es ").replace("dcn", "den")
    assert {e.rule for e in result.edits} == {PAGE_CONFUSION}
    assert korrektor.correct(FI_FOR_K).text == FI_FOR_K.replace("fileider", "Kleider").replace(
        "fiopf", "Kopf").replace("firedit", "Kredit").replace("finie", "Knie")


def test_a_known_word_the_confusion_explains_is_offered_the_word():
    learned, decoder = _learned(C_FOR_E)
    page = PageConfusionDecoder(decoder, learned)
    token = tokenize("Sic ging.", decoder.lex)[0]
    assert token.known
    assert ("Sie", PAGE_CONFUSION) in {(w, maker) for w, _lp, maker in page.candidates(token)}


def test_a_case_confusion_does_not_touch_a_word_s_first_letter():
    # an engine that reads a long s as S inside words ("iSt") does not decide the case of a
    # word's first letter: that is the sentence's business
    learned = {"S": (("s", -3.0),)}
    _, decoder = _learned(C_FOR_E)
    page = PageConfusionDecoder(decoder, learned)
    first, inner = tokenize("Sie iSt da.", decoder.lex)[:2]
    assert not page.offers(first)
    assert "ist" in {w for w, *_ in page.candidates(inner)}
