"""Smoke tests of bench/peers.py: its tokenisation always, each peer only where it is installed."""

import shutil

import pytest
from conftest import load_bench_script


@pytest.fixture(scope="module")
def peers():
    return load_bench_script("peers")


TEXT = ("„Die Prasidentin ist zuriickgetreten!“ (CDU/CSU-Fraktion) 2021 https://x.de/a-b Altersdiskri-\n"
        "minierung und/oder Straße.")


def test_tokenisation(peers):
    assert list(peers.words_of(TEXT)) == ["Die", "Prasidentin", "ist", "zuriickgetreten", "Fraktion",
                                          "und", "oder", "Straße"]
    assert "Altersdiskri" in peers.words_of(TEXT, fragments=True)
    fixes = {"Prasidentin": "Präsidentin", "zuriickgetreten": "zurückgetreten", "minierung": "X"}
    assert peers.rewrite(TEXT, fixes) == TEXT.replace("Prasidentin", "Präsidentin").replace(
        "zuriickgetreten", "zurückgetreten")
    assert peers.rewrite(TEXT, {}) == TEXT
    assert peers.match_case("Prasidentin", "präsidentin") == "Präsidentin"


def test_symspell(peers):
    pytest.importorskip("symspellpy")
    pytest.importorskip("wordfreq")
    peer = peers.SymSpellPeer(n_words=5000)
    fixes = peer.fix_all(["Strasse", "Straße", "Regierung", "Regierumg"])
    assert fixes == {"Regierumg": "Regierung"}


def test_pyspellchecker(peers):
    pytest.importorskip("spellchecker")
    peer = peers.PySpellChecker()
    assert peer.fix_all(["Prasidentin", "Regierung"]) == {"Prasidentin": "Präsidentin"}


def test_hunspell(peers):
    if not shutil.which("hunspell"):
        pytest.skip("hunspell is not installed")
    try:
        peer = peers.HunspellPeer()
    except RuntimeError as exc:
        pytest.skip(str(exc))
    fixes = peer.fix_all(["Prasidentin", "Regierung", "Straße", "*", "&", "#"])
    assert fixes == {"Prasidentin": "Präsidentin"}
