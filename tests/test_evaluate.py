from korrektor.evaluate import normalize, score_page, summarize


def test_whitespace_does_not_count():
    assert normalize(" a\n\n b\t c ") == "a b c"
    assert score_page("a b c", "a\nb   c").char_errors == 0


def test_categories():
    s = score_page("Die Vielfalt für „alle“ – Integrationsplan", "Die Vielfalt fiir ,alle“ - Integra- tionsplan")
    assert s.categories["umlaut"] == 2  # ü → ii: one substitution, one insertion next to it
    assert s.categories["quote"] == 2  # „ → , and – → -
    assert s.categories["hyph"] == 2  # "- " inside the word
    assert s.categories["other"] == 0
    assert s.char_errors == sum(s.categories.values())
    assert s.umlauts == 1 and s.umlauts_wrong == 1


def test_summary_micro_averages():
    a, b = score_page("abcd", "abcx"), score_page("abcdefgh", "abcdefgh")
    summary = summarize([a, b])
    assert summary.cer == 1 / 12
    assert summary.pages == 2
