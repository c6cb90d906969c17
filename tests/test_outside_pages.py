"""bench/outside_pages.py: which paragraphs count as German prose, how documents are made and sampled
(on HTML written here; the Debian packages and the OCR generator are not needed)."""

import pytest
from conftest import load_bench_script

pytest.importorskip("lxml")

GERMAN = ("Mit dem Farbverlauf können Sie eine Auswahl füllen. Dabei haben Sie verschiedene Möglichkeiten, "
          "das Ergebnis zu beeinflussen, und die Vorschau zeigt es Ihnen, bevor Sie es anwenden.")
ENGLISH = ("This manual describes the installation of the system and the tools that are used for the "
           "daily work with it, with examples for the most common tasks and some of their options.")
CODE = ("Rufen Sie $ dpkg --build paket/ auf, dann /usr/bin/make install und setzen Sie PATH=/opt/bin "
        "mit export, die Datei <config> wird von {name} gelesen und in /etc/default/ geschrieben.")


@pytest.fixture(scope="module")
def outside():
    return load_bench_script("outside_pages")


def test_only_german_running_text_counts_as_prose(outside):
    assert outside.is_prose(GERMAN)
    assert not outside.is_prose(ENGLISH)
    assert not outside.is_prose(CODE)
    assert not outside.is_prose("Die Auswahl füllen.")  # too short to be running text


def test_documents_group_a_page_s_paragraphs_and_sampling_spreads_over_sources(outside, tmp_path, monkeypatch):
    pages = {}
    for source in ("manual-a", "manual-b"):
        page = tmp_path / f"{source}.html"
        body = "".join(f"<p>{GERMAN} ({k})</p><pre>{CODE}</pre>" for k in range(60))
        page.write_text(f"<html><body>{body}<p>{ENGLISH}</p></body></html>", encoding="utf-8")
        pages[source] = str(page)
    monkeypatch.setitem(outside.COLLECTIONS, "manuals", (pages, outside.paragraphs))
    docs = outside.documents("manuals")
    assert {d["source"] for d in docs} == {"manual-a", "manual-b"}
    for d in docs:
        assert len(d["text"]) >= outside.DOC_CHARS
        assert ENGLISH not in d["text"] and "dpkg" not in d["text"]
        assert all(outside.is_prose(par) for par in d["text"].split("\n\n"))
    chosen = outside.sample(docs, 3, "1")
    assert chosen == outside.sample(list(reversed(docs)), 3, "1")  # deterministic
    assert {d["source"] for d in chosen} == {"manual-a", "manual-b"}


def test_fortunes_are_split_at_their_percent_lines_and_joined_into_paragraphs(outside, tmp_path):
    cookie = tmp_path / "witze.u8"
    half = GERMAN.index(" Dabei")
    cookie.write_text(f"{GERMAN[:half]}\n    {GERMAN[half + 1:]}\n%\n{ENGLISH}\n%\nKurz.\n%\n{GERMAN}\n", encoding="utf-8")
    assert outside.fortunes(str(cookie)) == [GERMAN, GERMAN]  # the line break and indent are spaces
    (tmp_path / "latin1.u8").write_bytes("Grüße".encode("latin-1"))
    assert outside.fortunes(str(tmp_path / "latin1.u8")) == []
