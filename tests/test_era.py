"""The document's era (stages/words/era.py) and the language data's varieties in the words stage."""

import korrektor
from korrektor.lexicon import default_lexicon
from korrektor.stages.words import era
from korrektor.stages.words.era import ERA, historic_only, historic_only_penalty

# text the developers wrote, in the manner of a novel of the 1880s and of a speech today
OLD_BOOK = ("Da trat er in die Thür und sprach: Du hast mir nichts zu sagen, und ich will nichts "
            "thun, was dir nicht gefällt. Sie sah ihn an, und ihre Brust hob sich, denn sie wußte, "
            "daß er die Wahrheit sprach. Es giebt Dinge, sagte sie leise, die man nicht vergißt, und "
            "ich hab dich lieb.").split()
TODAY = ("Die Bundesregierung legt heute einen Gesetzentwurf vor, der die Förderung der "
         "Forschung neu regelt. Die Länder sollen mehr Geld erhalten, und die Hochschulen werden "
         "dadurch gestärkt. Wir halten das für richtig und stimmen dem Entwurf zu.").split()


def test_forms_of_the_old_books_are_known_by_where_they_were_seen():
    lexicon = default_lexicon()
    assert historic_only(lexicon, "Thür") and historic_only(lexicon, "giebt")
    assert not historic_only(lexicon, "Tür") and not historic_only(lexicon, "Förderung")
    # a spelling from before 1996 is the 1996 reform's business, not an era's
    assert not historic_only(lexicon, "daß")
    # a compound the corpus never wrote is of the old books by its head ("Sozial|hülfe")
    assert historic_only(lexicon, "Sozialhülfe") and not historic_only(lexicon, "Sozialhilfe")


def test_a_page_of_the_old_books_pays_no_prior_and_a_page_of_today_does():
    lexicon = default_lexicon()
    assert historic_only_penalty(OLD_BOOK, lexicon) == 0.0
    assert historic_only_penalty(TODAY, lexicon) == ERA.historic_only_penalty > 0
    assert historic_only_penalty(OLD_BOOK[:8], lexicon) == ERA.historic_only_penalty  # too short to tell


def test_on_a_page_of_today_a_non_word_is_no_form_of_the_old_books():
    # "wit" on a page spelt as before 1996: "wißt" (1901-1996) is a lost ß away, "wir" a letter
    page = ("Wir wuBten, daB der Flu8 uber die Ufer tritt. Er mu&te das SchloB verlassen, und wit "
            "wissen es genau.")
    assert "und wir wissen" in korrektor.correct(page).text
    # an old book's rare form one confusion from a frequent word is offered that word
    assert default_lexicon().shadowed("dern") and not default_lexicon().shadowed("dem")
    assert "auf dem Holzweg" in korrektor.correct("Er ist auf dern Holzweg, sagte sie, und ging.").text


def test_without_the_prior_a_modern_page_takes_a_form_of_the_old_books_more_readily(monkeypatch):
    # "Andern" (the old books' "die Andern") beside "ändern": on a short page of today's German the
    # form of the old books is a doubt against the verb; the prior makes it so
    text = "Wir werden das Andern und Uberprufen."

    def confidence_of_aendern():
        result = korrektor.correct(text, min_confidence=0.0)
        return max((e.confidence for e in result.edits + result.doubts if e.after == "ändern"), default=0.0)

    with_prior = confidence_of_aendern()
    monkeypatch.setattr(era, "ERA", era.Era(historic_only_penalty=0.0))
    without_prior = confidence_of_aendern()
    assert with_prior > without_prior
