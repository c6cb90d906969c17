"""bench/corpus_pages.py: how held-out documents are cut into pages and which pages a collection gets
(on a corpus written here; the real corpus and the OCR generator are not needed)."""

import gzip
import json

import pytest
from conftest import load_bench_script

pytest.importorskip("lxml")  # corpus_pages shares outside_pages's helpers

PARAGRAPH = ("Die Thür des Hauses stand offen, und es mußte wohl seyn, daß jemand gekommen war, "
             "der den Schlüssel hatte. ")  # 107 characters


@pytest.fixture(scope="module")
def pages():
    return load_bench_script("corpus_pages")


def test_passages_are_cut_at_paragraph_boundaries_within_the_page_size(pages):
    pars = [(PARAGRAPH * k).strip() for k in (1, 3, 2, 40, 5, 1, 2, 9, 4, 8, 1)]  # one of 4,280 characters
    cut = pages.passages("\n\n".join(pars), lo=500, hi=1000)
    assert cut and all(500 <= len(p) <= 1000 for p in cut)
    assert all(par in pars for p in cut for par in p.split("\n\n"))
    assert PARAGRAPH * 40 not in "".join(cut)  # longer than a page: left out
    assert pages.passages(PARAGRAPH * 2, lo=500, hi=1000) == []  # too short for a page


def test_spread_takes_evenly_spaced_items(pages):
    assert pages.spread(range(10), 3) == [1, 5, 8]
    assert pages.spread([1, 2], 5) == [1, 2]


def write_corpus(path, file, corpus_module, n_held_out, year=1850):
    """A corpus file with ``n_held_out`` held-out documents and as many used ones."""
    source = corpus_module.BY_FILE[file]
    docs, held, used, k = [], 0, 0, 0
    while held < n_held_out or used < n_held_out:
        doc_id = f"doc{k}"
        k += 1
        out = corpus_module.is_held_out(source, doc_id)
        if (held if out else used) < n_held_out:
            held, used = held + out, used + (not out)
            text = "\n\n".join(f"{doc_id} {'held' if out else 'used'} Straße {j}. " + PARAGRAPH * 6 for j in range(30))
            docs.append({"id": doc_id, "text": text, "source": f"work {doc_id}", "year": year})
    with gzip.open(path / file, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


def test_pages_come_from_held_out_documents_only_and_are_deterministic(pages, tmp_path):
    write_corpus(tmp_path, "wikipedia-de-2021.jsonl.gz", pages.corpus, 3)
    write_corpus(tmp_path, "klexikon-2021.jsonl.gz", pages.corpus, 2)
    modern = pages.pages("modern", 8, corpus_dir=tmp_path)
    assert len(modern) == 8
    assert all(" held " in p["text"] and " used " not in p["text"] for p in modern)
    assert {p["source"] for p in modern} == {"encyclopedia", "children"}
    assert all(pages.PAGE_MIN <= len(p["text"]) <= pages.PAGE_MAX for p in modern)
    assert modern == pages.pages("modern", 8, corpus_dir=tmp_path)
    assert modern != pages.pages("modern", 8, seed="2", corpus_dir=tmp_path)

    spelled = pages.pages("swiss-spelled", 8, corpus_dir=tmp_path)
    assert [p["text"] for p in spelled] == [p["text"].replace("ß", "ss") for p in modern]
    assert {p["variety"] for p in spelled} == {"ch"} and "Strasse" in spelled[0]["text"]


def test_historic_pages_are_dated_1800_to_1930(pages, tmp_path):
    write_corpus(tmp_path, "fiction-1840-1920.jsonl.gz", pages.corpus, 2, year=1913)
    write_corpus(tmp_path, "drama-1770-1950.jsonl.gz", pages.corpus, 2, year=1780)
    historic = pages.pages("historic", 5, corpus_dir=tmp_path)
    assert historic and {(p["source"], p["year"]) for p in historic} == {("fiction", 1913)}


def test_changes_counts_what_korrektor_changes_in_clean_pages(pages, tmp_path, monkeypatch):
    import korrektor
    from korrektor.edits import Edit
    from korrektor.pipeline import Result

    def fake_correct(text, config=None):  # modernises "Thür" and drops a low quote
        edits = []
        for old, new, kind in (("Thür", "Tür", "word"), ("„", "", "quote")):
            start = text.find(old)
            if start >= 0:
                edits.append(Edit(start, start + len(old), old, new, kind, "fake"))
        edits.sort(key=lambda e: e.start)
        out = text
        for e in reversed(edits):
            out = out[:e.start] + e.after + out[e.end:]
        return Result(text, out, tuple(edits))

    monkeypatch.setattr(korrektor, "correct", fake_correct)
    docs = tmp_path / "docs.jsonl"
    texts = ["Er sprach: „Die Thür ist zu.“", "Das Haus ist groß.", "Sie öffnete die Thür langsam."]
    docs.write_text("".join(json.dumps({"id": str(k), "text": t}, ensure_ascii=False) + "\n"
                            for k, t in enumerate(texts)), encoding="utf-8")
    standard = pages.changes(str(docs)).splitlines()
    assert "2 of 3 pages touched, 3 word edits" in standard[0]
    assert standard[1].split() == ["2", "Thür", "→", "Tür"] and standard[2].split() == ["1", "„Die", "→", "Die"]
    letters = pages.changes(str(docs), letters=True).splitlines()
    assert "on letters and digits only, 2 of 3 pages touched, 2 word edits" in letters[0]
    assert len(letters) == 2  # the dropped quote is no change of letters
