"""Behaviour of the packaged language data (korrektor.lexicon).

These run against the shipped artifact in src/korrektor/data, so they fail if a rebuild
degrades it.
"""
import math
import resource
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from korrektor import compounds, lexicon
from korrektor.lexicon import SENT_START, Lexicon, default_lexicon, modern_spelling, tokenize


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    lx = Lexicon.load()
    dt = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # reported, not asserted: depends on the machine
    print(f"\nLexicon.load: {dt:.2f}s, peak RSS +{(rss1 - rss0) / 1024:.0f} MB, "
          f"{len(lx):,} forms, {lx.total:,} tokens")
    return lx


def test_default_lexicon_is_cached():
    assert default_lexicon() is default_lexicon()


@pytest.mark.parametrize("word", ["für", "können", "Gesellschaft", "Bundestag", "müssen",
                                  "Größe", "Straße", "dass", "Baden-Württemberg", "Hände"])
def test_common_words_known(lex, word):
    assert lex.count(word) > 0
    assert lex.known(word)


def test_count_is_case_sensitive(lex):
    assert lex.count("Gesellschaft") > 100 * max(1, lex.count("gesellschaft"))
    assert lex.count_ci("gesellschaft") >= lex.count("Gesellschaft")
    assert lex.count_ci("GESELLSCHAFT") >= lex.count("Gesellschaft")


def test_case_variants(lex):
    # sentence-start capitalisation and all caps of known forms are known ...
    assert lex.known("Können")
    assert lex.known("FÜR")
    # ... but a noun in lower case is not a form the corpus writes
    assert lex.count("gesellschaft") == 0 or lex.known("gesellschaft")


@pytest.mark.parametrize("word", ["fiir", "kénnen", "zuriickgetreten", "Staatssekretdr",
                                  "gegenwértigen", "Hande", "Kedersund", "Gesellschaff",
                                  "Bundesregierunq", "konnen", "uberprüfen"])
def test_ocr_damage_unknown(lex, word):
    assert lex.count(word) == 0
    assert not lex.known(word), lex.compound_split(word)


def test_unseen_compound_split(lex):
    word = "Migrantenselbstorganisationen"
    parts = lex.compound_split(word)
    assert parts is not None
    assert "".join(parts) == word
    assert len(parts) >= 2
    assert parts[-1].lower().endswith("organisationen")
    assert lex.known(word)


@pytest.mark.parametrize("word", ["Windenergiebeschleunigungsgesetzes", "Bildungsgerechtigkeitsbericht",
                                  "Katastrophenschutzeinheiten", "Fahrradinfrastrukturprogramm"])
def test_more_compounds(lex, word):
    parts = lex.compound_split(word)
    assert parts is not None and "".join(parts) == word and len(parts) >= 2


@pytest.mark.parametrize("word", ["Hande", "Kedersund", "undwir", "derStaat", "Xyzabcdefg",
                                  "Qwertzuiop", "Konsumguter", "Arbeitsausfalle", "Portrat"])
def test_garbage_not_split(lex, word):
    assert lex.compound_split(word) is None


def test_hyphenated_compound(lex):
    assert lex.count("UN-Kommission") > 0 or lex.compound_split("UN-Kommission")
    parts = lex.compound_split("UN-Migrantenorganisationsreform")
    assert parts is not None and "".join(parts) == "UN-Migrantenorganisationsreform"
    assert lex.compound_split("UN-Kommissjon") is None
    assert lex.compound_split("Kraft-Warme-Kopplung") is None


def test_line_break_hyphen_decision_data(lex):
    # what a de-hyphenation stage needs: the joined form is known, the hyphenated isn't
    assert lex.known("Integrationsplan") or lex.count("Integrationsplan") >= 0
    assert lex.count("Integra-tionsplan") == 0
    assert lex.count("UN-Kommission") > lex.count("UNKommission")


def test_has_prefix(lex):
    assert lex.has_prefix("Gesellsch")
    assert lex.has_prefix("für")
    assert not lex.has_prefix("fiir")
    assert not lex.has_prefix("Qxz")
    assert lex.has_prefix("Gesellschaft") and lex.has_prefix("")


def test_logp_orders_frequency(lex):
    assert lex.logp("und") > lex.logp("Gesellschaft") > lex.logp("Migrantenselbstorganisationen")
    assert lex.logp("Migrantenselbstorganisationen") > lex.logp("Kedersund")
    assert lex.logp("und") < 0
    assert math.isfinite(lex.logp("Kedersund"))


@pytest.mark.parametrize("prev,good,bad", [
    ("wir", "müssen", "missen"),
    ("wir", "müssen", "mussen"),
    ("Damen", "und", "urd"),
    ("Meine", "Damen", "Dämen"),
    ("in", "Zukunft", "Zukumft"),
    ("der", "Bundesregierung", "Bundesregierunq"),
    ("sozialen", "Zusammenhalt", "Zusammenhalte"),
    ("zur", "Förderung", "Forderung"),   # but "wir fordern" beats "wir fördern" here
    ("in", "Händen", "Handen"),
    ("Frau", "Präsidentin", "Prasidentin"),
])
def test_bigram_prefers_real_context(lex, prev, good, bad):
    assert lex.logp_bigram(prev, good) > lex.logp_bigram(prev, bad)


def test_bigram_is_a_distribution_shape(lex):
    # sentence start and context both matter, probabilities are proper logs
    assert lex.logp_bigram(SENT_START, "Meine") > lex.logp_bigram(SENT_START, "meine")
    assert lex.logp_bigram("Damen", "und") > math.log(0.5)
    for prev in (SENT_START, "wir", "Kedersund"):
        for w in ("und", "Kedersund", "Migrantenselbstorganisationen"):
            lp = lex.logp_bigram(prev, w)
            assert math.isfinite(lp) and lp < 0


def test_bigram_normalised(lex):
    # P(. | "Damen") summed over the whole vocabulary is ~1 (rest: unknown words, "</s>"): the
    # probabilities of every stored form after it, from the compiled model
    import math

    total = math.fsum(math.exp(lex.logp_bigram("Damen", w)) for w in lex.forms)
    assert 0.95 < total <= 1.0 + 1e-6


def test_tokenize_matches_build():
    sents = tokenize("Herr Dr. Müller: „Wir müssen z.\u202fB. die UN\u2011Kommission fördern.“ Das ist gut!")
    assert sents[0] == ["Herr", "Dr", "Müller", "Wir", "müssen", "z", "B", "die", "UN-Kommission", "fördern"]
    assert sents[1] == ["Das", "ist", "gut"]


def test_build_script_tokenizer_in_sync():
    # the build script counts with the runtime's own tokenizer and umlaut rule, not a copy
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "build_langdata.py"
    spec = importlib.util.spec_from_file_location("build_langdata", path)
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build  # (its dataclasses look their module up there)
    spec.loader.exec_module(build)
    assert build.tokenize is lexicon.tokenize
    assert build.HYPHEN_TABLE == lexicon.HYPHEN_TABLE
    sample = "Nr. 5 der Dr. Müller‑Lüdenscheidt sagte: „Geht’s?“ Ja. Am 3. Mai kam er."
    assert build.tokenize(sample) == lexicon.tokenize(sample)
    assert build.umlaut_twins("Hande") == compounds._twins("Hande")


def test_supplement_adds_umlaut_forms_the_corpus_lacks(lex):
    corpus_only = Lexicon.load(supplement=False)
    for word in ("Truppführer", "Abhöranlage", "Abgaswärme"):
        assert lex.is_supplement(word) and lex.known(word) and lex.count(word) >= 2
        assert not corpus_only.is_form(word)
        assert lex.is_prefix(word[:3])
    # the language model scores a supplementary form by its count, above an unknown word
    assert lex.logp_bigram("die", "Truppführer") > lex.logp_bigram("die", "Truppfiihrer")
    # corpus forms keep their counts and are no supplement
    assert lex.count("für") == corpus_only.count("für") and not lex.is_supplement("für")
    assert len(lex) == len(corpus_only)  # no new ids: the bigram table is the corpus's


def test_old_spellings_are_variants_of_their_modern_forms(lex):
    # the ß the 1996 reform made ss: known, and scored by the language model as the modern form
    for old, modern in [("Paßwort", "Passwort"), ("Streß", "Stress"), ("Beschlußvorlage", "Beschlussvorlage"),
                        ("Mißbrauchsfälle", "Missbrauchsfälle")]:
        assert lex.count(old) == 0 and lex.known(old) and lex.old_spelling(old)
        assert lex.logp_bigram("der", old) == lex.logp_bigram("der", modern)
    # an ß before a vowel, or after a long vowel, is the same in both spellings
    assert modern_spelling("Straße") is None and not lex.old_spelling("Fuß")
    assert modern_spelling("Flußbett") == "Flussbett" and modern_spelling("weiß") == "weiss"
    # an ss form is no old spelling of anything, and a non-word stays one
    assert not lex.old_spelling("Fluss") and not lex.known("Flaß")
    # the old spelling of a word the corpus lacks but the lexicon protects is known too
    assert lex.count("Einschuss") == 0 and lex.known("Einschuss") and lex.known("Einschuß")
    assert not lex.known("Einschuhß")


def test_protected_forms_are_known_without_a_count(lex):
    # everyday and older German the corpus lacks: known, so left alone, and never a candidate
    corpus_only = Lexicon.load(supplement=False)
    for word in ("abbuchen", "abblenden", "aalglatte", "abbremste"):
        assert not corpus_only.known(word)
        assert lex.known(word) and lex.count(word) == 0
    assert lex.known("Abbuchen") and lex.known("Aalglatte")  # at a sentence's start
    # a rare form one letter from a far more frequent word is left out, as is one whose lost
    # accent or umlaut makes a stored word: OCR makes them from those
    for word in ("wicht", "Resume", "Hande"):
        assert not lex.known(word)


def test_a_rarely_stored_noun_heads_a_compound(lex):
    # "Aufsätzen" is stored (seen twice), too rare for the head list built from the corpus
    assert lex.count("Aufsätzen") >= 2 and lex.compound_split("Kinderaufsätzen") == ("Kinder", "aufsätzen")
    # its umlaut-less reading stays unknown, so that it can be restored
    assert not lex.known("Kinderaufsatzen")


def test_a_noun_head_may_be_a_word_also_written_small_or_a_regular_plural(lex):
    # "rechts" is a lower-case head, and "Rechts" a noun the corpus writes often enough
    assert lex.compound_split("Gemeinnützigkeitsrechts") == ("Gemeinnützigkeits", "rechts")
    # the plural of a stored noun with a suffix of regular plural, though the corpus lacks it
    assert lex.count("Abbremsungen") == 0 and lex.count("Abbremsung") > 0
    assert lex.compound_split("Bodenabbremsungen") == ("Boden", "abbremsungen")
    assert lex.compound_split("Geheimhaltungsbedürftigkeiten") == ("Geheimhaltungs", "bedürftigkeiten")
    # a capital that is only the sentence start of a lower-case word makes no noun head: the
    # umlaut-less reading of "Standardfeldlänge" stays unknown
    assert lex._noun_count("lange") == 0
    assert lex.compound_split("Standardfeldlänge") is not None
    assert not lex.known("Standardfeldlange")
    # and the umlaut-less readings stay unknown, to be restored
    assert not lex.known("Flachenversiegelungen") and not lex.known("Gemeinnutzigkeitsrechts")
    # a regular plural's suffix after three letters at least
    assert lex._noun_count("abbremsungen") == lex.count("Abbremsung") > 0


def test_a_protected_noun_leads_a_compound(lex):
    # "Lakritze", "Satin" are protected (everyday words the corpus lacks): a compound may start
    # with one, so its umlaut-less reading can be restored on a page without umlauts
    assert lex._is_protected("Lakritze") and lex.count("Lakritze") == 0
    assert lex.compound_split("Lakritzestücke") == ("Lakritze", "stücke")
    assert lex.compound_split("Satinbänder") == ("Satin", "bänder")
    assert not lex.known("Lakritzestucke")
    # only a noun compound, only at the start, and not with the noun's own last letter again as a
    # linking element ("Deltas" is protected: "Deltas|s|variante" is no word)
    assert lex.compound_split("lakritzestücke") is None
    assert lex.compound_split("Deltassvariante") is None
    # without the supplement there is nothing protected to lead
    assert Lexicon.load(supplement=False).compound_split("Lakritzestücke") is None


def test_the_prefix_test_takes_every_prefix_of_every_form(lex):
    # stored forms and the supplement ("Abhöranlage")
    assert all(lex.is_prefix(p) for p in ("Bundes", "Bundestag", "Abhöran"))
    assert not lex.is_prefix("Bundestagx") and not lex.is_prefix("") and lex.has_prefix("")
    assert all(lex.is_prefix(w[:i]) for w in lex.forms[::997] for i in range(1, len(w) + 1))


def test_varieties_reads_a_forms_flags_or_its_case_variants(lex):
    assert lex.varieties("THÜR") == lex.varieties("Thür") != 0  # all caps: its title-case form's
    assert lex.varieties("Gemäss") & lexicon.SWISS  # at a sentence's start
    assert lex.varieties("geht's") == lex.varieties("geht’s") != 0
    assert lex.varieties("thür") == 0 and lex.varieties("Xqzvw") == 0  # no noun in lower case, no guess
    assert len({lexicon.MODERN, lexicon.HISTORIC, lexicon.SWISS, lexicon.AUSTRIAN}) == 4


def test_varieties_tell_eras_and_countries_apart(lex):
    # the Bundestag quotes old books: "daß" and "muß" are stored, but seen in modern German at a
    # small share of their rate in old books; Swiss law writes no ß
    assert lex.has_varieties
    for old in ("daß", "muß"):
        assert lex.varieties(old) & lexicon.HISTORIC and not lex.varieties(old) & lexicon.MODERN
        assert lex.spelt_before_1996(old)
    assert lex.varieties("Straße") & lexicon.MODERN and not lex.varieties("Straße") & lexicon.SWISS
    assert lex.varieties("Tatsache") & lexicon.SWISS and lex.varieties("gemäß") & lexicon.AUSTRIAN
    assert lex.varieties("Bundestag") == lexicon.MODERN and lex.varieties("Xqzvw") == 0


@given(st.text(alphabet="ßsaeyäöüAÜx\u0308-", max_size=10))
def test_modern_spelling_makes_ss_of_every_sz_before_no_vowel(word):
    import regex

    modern = regex.sub(r"ß(?![aeiouyäöü])", "ss", word)
    assert lexicon.modern_spelling(word) == (modern if modern != word else None)
