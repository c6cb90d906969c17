import pytest

from korrektor.evaluate import format_table, normalize, score_page, summarize


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


@pytest.mark.parametrize("group", ["eng", "fraktur/deu-13", "fraktur/deu-14c", "a-very-long/group-name/of-30c"])
def test_table_columns_never_run_together(group):
    s = summarize([score_page("Die Prüfung", "Die Prufung")])
    table = format_table({group: {"ocr": s, "korrektor-long-name": s}}, {group: 0}).splitlines()
    head, rows = table[0], table[2:4]
    for row in rows:
        # the system column starts where its heading does, after the whole group name and a gap
        at = head.index("system")
        assert row[:at].rstrip() == group and row[at - 2:at] == "  "
        assert row[at:].split()[0] in ("ocr", "korrektor-long-name")
        assert len(row) == len(head), "the number columns stay under their headings"
