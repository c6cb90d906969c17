"""A clean page gets almost no word edits (stages/words/noise.py)."""

import korrektor
from korrektor.edits import Edit
from korrektor.rules import Kind
from korrektor.stages.words.noise import NOISE, clean_page

# text the developers wrote: clean German of more than NOISE.min_letters letters, with a town's
# name one letter from a frequent word
PAGE = ("Die Steiermark ist ein Land der Berge, Wälder und Flüsse. Im Norden liegen die Kalkalpen, im Süden "
        "das Hügelland mit seinen Weingärten, die im Herbst viele Gäste anziehen. Die Hauptstadt ist Graz, eine "
        "alte Universitätsstadt mit einer schönen Altstadt, engen Gassen und einem Uhrturm, den man von weit her "
        "sieht. Früher lebten viele Menschen vom Bergbau und von der Eisenindustrie; heute sind Handel, Forschung "
        "und Tourismus wichtiger geworden, doch die alten Werke sind noch an vielen Orten zu sehen. Die Bahn "
        "verbindet die Städte des Landes miteinander, und im Sommer fahren zusätzliche Züge in die Täler. "
        "Der Zug fährt über Straden nach Graz und weiter nach Wien. In den Dörfern gibt es kleine Gasthäuser, in "
        "denen man einfache Speisen aus der Gegend bekommt, und auf den Almen werden im Sommer Kühe gehalten. "
        "Im Winter kommen Skifahrer aus vielen Ländern, während die Bewohner der Städte lieber in die Thermen "
        "fahren, die in den letzten Jahren gebaut wurden und das ganze Jahr über geöffnet sind. Wer wandern will, "
        "findet markierte Wege auf jeden Gipfel, Hütten mit warmen Betten und freundliche Wirte, die gerne erzählen, "
        "wie es früher war, als die Straßen noch schmal und die Winter noch länger waren. Am Abend sitzt man "
        "dann gemeinsam vor dem Haus und schaut zu, wie die Sonne hinter den Bergen untergeht.")
SENTENCE = "Der Zug fährt über Straden nach Graz und weiter nach Wien."


def test_on_a_clean_page_an_unsure_word_edit_is_a_doubt():
    assert sum(c.isalpha() for c in PAGE) >= NOISE.min_letters
    result = korrektor.correct(PAGE)
    assert result.text == PAGE
    assert [(d.before, d.after) for d in result.doubts] == [("Straden", "Straßen")]


def test_a_sentence_alone_is_too_short_to_judge():
    result = korrektor.correct(SENTENCE)
    assert [(e.before, e.after) for e in result.edits] == [("Straden", "Straßen")]


def test_a_page_is_clean_by_the_word_edits_the_decoder_is_sure_of():
    text = "a" * 2000
    sure = [Edit(i, i + 1, "a", "ä", Kind.WORD, "lost_umlauts", 0.999) for i in range(0, 20, 2)]
    unsure = [Edit(i, i + 1, "a", "ä", Kind.WORD, "lost_umlauts", 0.9) for i in range(0, 20, 2)]
    assert not clean_page(text, sure)
    assert clean_page(text, unsure)
    assert clean_page(text, [])
    assert not clean_page("a" * 100, [])  # too short to judge
