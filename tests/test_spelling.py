"""The document's spelling (korrektor.spelling): Swiss documents are told from their own text."""

import pytest

from korrektor.lexicon import default_lexicon
from korrektor.spelling import STANDARD, Spelling, detect, sz_spellings


@pytest.fixture(scope="module")
def lexicon():
    return default_lexicon()


def test_sz_spellings_write_each_ss_either_way():
    assert sz_spellings("Strasse") == ["Straße"]
    assert sorted(sz_spellings("Schlussstrasse")) == ["Schlussstraße", "Schlußstrasse", "Schlußstraße"]
    assert sz_spellings("Haus") == []


@pytest.mark.parametrize("text, swiss", [
    # ss where German writes ß, and no ß: Swiss
    ("Die Massnahmen gemäss Artikel 5 gelten für grosse Betriebe.", True),
    ("Sie wohnt an der Strasse.", True),
    # words that are right with ss (Masse, Busse, musste) are no evidence
    ("Die Masse der Busse musste warten, bis es passte.", False),
    # one Swiss name among ß words is a quotation, not the document's spelling
    ("Die Familie Grosse wohnt an der Straße; sie heißt so, weil es groß klingt und weiß ist.", False),
    # no ss at all
    ("Die Maßnahmen gemäß Artikel 5 gelten.", False),
])
def test_a_document_is_swiss_by_the_evidence_of_its_words(lexicon, text, swiss):
    assert detect(text, lexicon).swiss is swiss


def test_the_evidence_names_the_words(lexicon):
    spelling = detect("Die Massnahmen gemäss Artikel 5 gelten für grosse Betriebe.", lexicon)
    assert set(spelling.evidence) >= {"Massnahmen", "gemäss"}


def test_a_swiss_document_allows_no_ss_written_as_sz():
    swiss = Spelling(swiss=True)
    assert not swiss.allows("grosse", "große")
    assert swiss.allows("fiir", "für")
    assert swiss.allows("groBe", "große")  # a misread ß is still repaired
    assert STANDARD.allows("grosse", "große")


def test_a_swiss_word_the_lexicon_lacks_has_a_known_standard_spelling(lexicon):
    swiss = Spelling(swiss=True)
    assert swiss.known_variant("Veräusserung", lexicon) == "Veräußerung"
    assert swiss.known_variant("Xylophonklasse", lexicon) is None  # no ß spelling is a word
    assert STANDARD.known_variant("Veräusserung", lexicon) is None
