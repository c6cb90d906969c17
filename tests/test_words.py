"""The word stage on text we wrote, damaged as an engine without a German model damages it."""

import pytest
from hypothesis import given, settings, strategies as st

import korrektor
from korrektor.errormodel import NO_UMLAUTS, default_error_model
from korrektor.lexicon import default_lexicon
from korrektor.stages import words
from korrektor.stages.words import joins, nearby, sources, splits, umlauts
from korrektor.stages.words.decoder import Decoder
from korrektor.stages.words.glyphs import l_readings
from korrektor.stages.words.tokens import is_protected, tokenize


def words_of(text):
    return [e for e in korrektor.correct(text).edits if e.kind.endswith("word")]


@pytest.mark.parametrize("rule", words.RULES, ids=lambda r: r.name)
def test_every_rule_repairs_its_example_and_keeps_its_counterexample(rule):
    before, after = rule.fixes
    result = korrektor.correct(before)
    assert result.text == after
    assert any(rule.name in e.rule.split("+") and e.kind == rule.kind for e in result.edits)
    assert korrektor.correct(rule.keeps).text == rule.keeps


def test_every_search_is_a_rule():
    names = {r.name for r in words.RULES}
    assert len(names) == len(words.RULES)
    assert set(sources.MAKERS) <= names
    assert {splits.SPLIT_GLUED_WORDS, splits.SPLIT_AT_HYPHEN, splits.SPLIT_AT_SPECK,
            splits.SPLIT_GLUED_SENTENCES} <= names
    assert {joins.JOIN_BROKEN_WORD, joins.JOIN_LETTER_SPACED_WORD} <= names


def test_every_edit_of_the_stage_names_a_listed_rule(pairs, monkeypatch):
    """The edits and doubts the stage makes on real pages carry the rules of RULES (a join's with
    the search that corrected the joined word: "join_broken_word+lost_umlauts")."""
    from korrektor import pipeline

    made = []

    def recording(text, ctx):
        result = words.run(text, ctx)
        made.extend(result.changes + result.doubts)
        return result

    monkeypatch.setattr(pipeline, "STAGES", tuple((name, recording if name == "words" else stage)
                                                  for name, stage in pipeline.STAGES))
    for page in pairs[:6]:
        korrektor.correct(page["ocr"])
        korrektor.correct(page["ocr"], korrektor.Config(suggest=True))
    names = {r.name for r in words.RULES}
    assert len({e.rule for e in made}) > 3
    for e in made:
        assert set(e.rule.split("+")) <= names, e


@pytest.fixture
def found():
    """found(search, token): the words one of the decoder's searches finds for ``token`` on a page
    from an engine without umlauts, best first; ``found.decoder`` is that decoder."""
    decoder = Decoder(default_lexicon(), default_error_model(), NO_UMLAUTS)

    def search(source, token):
        return [w for w, _ in source(decoder, token, 0.0)]

    search.decoder = decoder
    return search


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("aeinrstudgmühW"), min_size=1, max_size=14), st.sampled_from([" ", "  "]))
def test_letter_spaced_runs_keep_their_letters(letters, gap):
    """Whatever a run of single letters spells, a joined token covers exactly its letters (the
    spaces between them dropped) and every other token stays as it was."""
    lex = default_lexicon()
    text = "Wir haben " + gap.join(letters) + " gesagt."
    tokens = tokenize(text, lex)
    joined = joins.join_letter_spaced(text, tokens, lex)
    for t in joined:
        assert text[t.start:t.end].replace(" ", "") == t.core
        assert t.spaced == (t.start != t.end - 1 and " " in text[t.start:t.end])
    assert "".join(t.core for t in joined) == "".join(t.core for t in tokens)
    if gap == "  " or len(letters) < joins.SPACED_WORDS.min_letters:
        assert joined == tokens


def test_letter_spaced_words_are_split_into_frequent_words_only():
    lex = default_lexicon()
    assert joins.spaced_words("gesperrt", lex) == ["gesperrt"]
    assert joins.spaced_words("Wirmüssenhandeln", lex) == ["Wir", "müssen", "handeln"]
    assert joins.spaced_words("abcd", lex) is None  # a list of variables
    assert joins.spaced_words("ABCDEFG", lex) is None
    assert joins.spaced_words("INHALT", lex) == ["INHALT"]  # a heading in spaced capitals


def test_broken_and_glued_words():
    page = ("Die Ge sellschaft hat sich verandert, und wir sehen inder Stadt,\n"
            "dass die Burger sich mehr engagieren als fruher. Das ist\n"
            "gut fiir alle.\n")
    result = korrektor.correct(page)
    assert "Die Gesellschaft hat sich verändert" in result.text
    assert "in der Stadt" in result.text and "Bürger" in result.text and "früher" in result.text
    assert "für alle" in result.text
    joined = next(e for e in result.edits if e.before == "Ge sellschaft")
    assert joined.rule == "join_broken_word" and joined.after == "Gesellschaft"
    assert result.restore() == page


def test_every_word_edit_has_a_confidence_and_the_doubts_are_reported():
    page = "Wir mussen die Forderung der Schulen\nverbessern, sagte sie. Das ist\nklar.\n"
    result = korrektor.correct(page, korrektor.Config(suggest=True))
    assert not [e for e in result.edits if e.kind == "word"]  # suggest: nothing applied
    suggested = {d.before: d.after for d in result.doubts}
    assert suggested.get("mussen") == "müssen"
    for d in result.doubts:
        assert 0 < d.confidence <= 1 and page[d.start:d.end] == d.before


def test_names_acronyms_numbers_urls_and_foreign_text_pass():
    page = ("Frau Giffey und Herr Klose von agah und BAF trafen sich am 12.03.2024 um 10:30 Uhr.\n"
            "Mehr unter https://example.org/Uber-uns und info@example.org – The quick brown fox\n"
            "jumps over the lazy dog and it is a test of the system.\n")
    assert words_of(page) == []


def test_shipped_twin_readings_are_current():
    """data/twin_readings.txt lets the decoder skip the twin search for most known words; it must
    have been built from the packaged lexicon and error model (scripts/build_twin_readings.py)."""
    from korrektor import twins

    lexicon, model = default_lexicon(), default_error_model()
    header, shipped = twins._shipped_twin_readings()
    assert header == twins.twin_readings_header(lexicon, model), "rebuild: python scripts/build_twin_readings.py"
    assert shipped == frozenset(twins.twin_readings(lexicon, model))
    assert {"wurde", "schon", "waren"} <= shipped and "Bundesregierung" not in shipped


def test_twin_filter_skips_only_words_without_twins():
    """With and without the shipped filter, known words get the same twins from the corpus (a
    supplementary form never replaces a known word, see the next test)."""
    lexicon, model = default_lexicon(), default_error_model()
    filtered = Decoder(lexicon, model, NO_UMLAUTS)
    assert filtered.twin_filter is not None
    unfiltered = Decoder(lexicon, model, NO_UMLAUTS)
    unfiltered.twin_filter = None
    sample = ["wurde", "Wurde", "schon", "konnen", "Bundesregierung", "Haus", "hatten", "fordern", "Forderung"]
    sample += lexicon.forms[::997]
    for word in sample:
        if lexicon.count(word):
            corpus_twins = [(w, lp) for w, lp in umlauts.twins(unfiltered, word, 0.0) if not lexicon.is_supplement(w)]
            assert umlauts.twins(filtered, word, 0.0) == corpus_twins, word
    assert umlauts.twins(filtered, "wurde", 0.0)[0][0] == "würde"


def test_shipped_mark_lists_hold_function_words_and_not_clause_ends():
    # data/punctuation.json, built from the corpus by scripts/build_punctuation.py
    from korrektor.marks import default_mark_stats

    marks = default_mark_stats()
    assert {"der", "zum", "und"} <= marks.no_sentence_end_after
    assert not {"ist", "haben", "werden", "gesagt"} & marks.no_sentence_end_after
    assert {"zum", "im", "für"} <= marks.no_comma_after
    assert not {"dass", "sagen", "wissen"} & marks.no_comma_after
    assert {"nicht mehr", "dem Parlament"} <= marks.no_mark_between
    assert {"Sollten", "Zu"} <= marks.capital_only_first
    assert not {"Sie", "Ziel", "Kosten", "Kleine"} & marks.capital_only_first
    assert {"des", "zur"} <= marks.no_dash_after
    assert not {"ist", "sagen", "aber"} & marks.no_dash_after


def test_shipped_dash_rates_tell_a_clause_break_from_a_phrase():
    # a dash after "gesagt" or before "ich" is common; inside "junge Mensch" or "in Deutschland"
    # prose has none; rare words, as a group, end clauses more often than they open them
    from korrektor.marks import default_mark_stats
    from korrektor.stages.layout import MARGIN_SPECK_BELOW

    marks = default_mark_stats()
    assert marks.dash_plausibility("gesagt", "ich") > 2
    assert marks.dash_plausibility("Thema", "ich") > 0
    for before, after in [("junge", "Mensch"), ("keine", "Einigung"), ("in", "Deutschland")]:
        assert marks.dash_plausibility(before, after) < MARGIN_SPECK_BELOW
    assert marks.unlisted_before_dash > 0 > marks.unlisted_after_dash
    assert marks.dash_plausibility("Xqzwort", "Yqzwort") == marks.unlisted_before_dash + marks.unlisted_after_dash


def test_supplementary_forms_restore_non_words_only():
    """Forms the corpus lacks come from data/lexicon_supplement.tsv (wordfreq + hunspell): a
    damaged non-word is restored to one, a word the corpus knows is never replaced by one."""

    page = ("Die Truppfiihrer haben sich heute getroffen, und sie sprachen uber die Abhoranlagen,\n"
            "die sie ihren Kindern zeigen wollen. Das war fur alle schon.\n")
    text = korrektor.correct(page).text
    assert "Truppführer" in text and "Abhöranlagen" in text

    lexicon = default_lexicon()
    assert lexicon.is_supplement("äußer") and lexicon.count("außer") > 1000
    decoder = Decoder(lexicon, default_error_model(), NO_UMLAUTS)
    decoder.twin_filter = None  # search twins of every known word
    assert "äußer" in [w for w, _ in umlauts.twins(decoder, "außer", 0.0, depth=1, reach="compounds")]
    (token,) = tokenize("außer", lexicon)
    assert [w for w, *_ in decoder.candidates(token)] == ["außer"]
    # a supplementary form is reached only by restoring umlauts or ß: "Abverkaute" is no
    # "Abverkäufe" with a t read for an f
    (token,) = tokenize("Abverkaute", lexicon)
    assert lexicon.is_supplement("Abverkäufe") and "Abverkäufe" not in [w for w, *_ in decoder.candidates(token)]


def test_near_words_spare_endings_names_and_rare_words(found):
    lexicon = default_lexicon()

    def near(token):
        return found(nearby.near_words, token)

    assert near("Deutschlaiid")[0] == "Deutschland" and near("Probleiie")[0] == "Probleme"
    # another ending ("zentralem", "Kollegens") may be a form the lexicon lacks, or a name's genitive
    assert ("zentralen", 1) in lexicon.similar_forms("zentralem", 2, nearby.NEAR_WORDS.min_count)
    assert "zentralen" not in near("zentralem") and "Kollegen" not in near("Kollegens")
    assert near("Buder") == []  # a short capitalised token may be a name
    assert all(lexicon.count(w) >= nearby.NEAR_WORDS.min_count for w in near("Sonderiolle") + near("Pflanzenn"))


def test_a_long_token_one_letter_from_a_rarer_word_but_not_from_another_ending(found):
    lexicon = default_lexicon()

    def one_edit(token):
        return found(nearby.one_edit_away, token)

    # rarer than a short token's one-letter search allows
    assert nearby.ONE_EDIT.min_count_long <= lexicon.count("Sonderrolle") < nearby.ONE_EDIT.min_count
    assert one_edit("Sonderiolle") == ["Sonderrolle"] and one_edit("Sonderiol") == []
    # a verb form the lexicon lacks is no damaged other form ("verhalten", "abstottern")
    assert "verhalten" not in one_edit("verhaltend") and "abstottern" not in one_edit("abstottert")
    fixed = {e.before: e.after for e in words_of(
        "Die Kommunen haben eine Sonderiolle, denn sie sind fur uns uber alles wichtig. "
        "Er war unauffallig verhaltend und hat es fur uns abstottert.")}
    assert fixed.get("Sonderiolle") == "Sonderrolle"
    assert "verhaltend" not in fixed and "abstottert" not in fixed


def test_a_compound_the_corpus_never_wrote_one_misread_letter_away():
    lexicon = default_lexicon()
    letters = "abcdefghijklmnopqrstuvwxyzäöüß"
    # too rare for the one-letter search of stored words, or never written at all
    assert 0 < lexicon.count("Windparkanlagen") < nearby.ONE_EDIT.min_count_long
    assert lexicon.count("Wartehallen") == 0 and lexicon.compound_split("Wartehallen")
    # a misread letter in the modifier (before a known head), or in the head
    assert "Windparkanlagen" in lexicon.compounds_one_edit_away("Wiudparkanlagen", letters)
    assert lexicon.compounds_one_edit_away("Wartchallen", letters) == ["Wartehallen"]
    # not where the misread part is a word itself, nor a letter lost or added
    assert "trockenrupfen" not in lexicon.compounds_one_edit_away("trockentupfen", letters)
    assert lexicon.compounds_one_edit_away("Pinseldynamik", letters) == []
    fixed = {e.before: e.after for e in words_of(
        "Die Burger wollen saubere Energie und neue Wiudparkanlagen fur alle, und sie mussen uber die "
        "Plane abstimmen konnen. Wir brauchen eine versachlichte Debatte uber Profilbildungen.")}
    assert fixed["Wiudparkanlagen"] == "Windparkanlagen"
    assert "versachlichte" not in fixed and "Profilbildungen" not in fixed


def test_a_word_known_only_as_a_compound_may_be_a_frequent_word_misread():
    lexicon = default_lexicon()
    # "enge|gieren" is a compound of known parts, but not a stored word; "engagieren" is
    assert lexicon.count("engegieren") == 0 and lexicon.compound_split("engegieren")
    fixed = {e.before: e.after for e in words_of(
        "Er betonte, dass sich alle Menschen in der Gesellschaft engegieren kdnnen sollen, und das fur alle.")}
    assert fixed.get("engegieren") == "engagieren"
    # a stored word stays: its one-letter neighbours are no candidates
    assert words_of("Die Kinder teilten die Gaben, und alle haben etwas davon.") == []


def test_lost_umlauts_in_a_compound_led_by_a_word_the_corpus_never_used_as_a_modifier():
    lexicon = default_lexicon()
    # "binär" leads no compound of the corpus: no compound analysis accepts "Binärpakete"
    assert lexicon.compound_split("Binärpakete") is None and lexicon.word_and_head("Binärpakete")
    fixed = {e.before: e.after for e in words_of(
        "Die Binarpakete werden fur alle Architekturen gebaut und sind uber den Spiegel verfugbar. "
        "Der Deckelboden und die Tortenboden bleiben, wie sie sind.")}
    assert fixed.get("Binarpakete") == "Binärpakete"
    # a token that is such a word itself keeps its vowels ("Deckel|boden", not "Deckelböden")
    assert "Deckelboden" not in fixed and "Tortenboden" not in fixed


def test_lost_umlauts_and_one_letter_garbled_besides(found):
    def umlaut_edit(token):
        return found(nearby.one_edit_after_umlauts, token)

    assert "Verfügung" in umlaut_edit("Verfiiguag") and "darüber" in umlaut_edit("dariiher")
    # a token spelt like German is not searched (the search is costly, and such a token is more
    # often a word the lexicon lacks)
    assert found.decoder.chars.worst("Kinderlein") > nearby.UMLAUTS_AND_ONE_EDIT.max_worst
    assert umlaut_edit("Kinderlein") == []
    fixed = {e.before: e.after for e in words_of(
        "Die Software steht zur Verfiiguag und ist fur alle Benutzer uber den Spiegel verfugbar.")}
    assert fixed.get("Verfiiguag") == "Verfügung"


def test_a_short_german_question_is_no_english_sentence():
    # "Was" and "will" are German words too: four words with one of them are no English sentence
    text = ("Die Burgerinnen und Burger erwarten von uns, dass wir die Probleme losen und nicht "
            "nur daruber reden. Sie haben viel gefordert. Was hei&t denn Nachhaltigkeit? Was fiir "
            "eine Frage! What is the price of this?")
    fixed = {e.before: e.after for e in words_of(text)}
    assert fixed.get("hei&t") == "heißt" and fixed.get("fiir") == "für"
    assert not any(e.start > text.index("What") for e in korrektor.correct(text).edits if e.kind == "word")


def test_far_words_only_where_letters_go_together_as_in_no_german_word(found):
    lexicon = default_lexicon()
    decoder = found.decoder

    def far(token):
        return found(nearby.far_words, token)

    # words rarer than the near-word search allows, two letters off
    assert lexicon.count("Teilnehmerinnen") < nearby.NEAR_WORDS.min_count
    assert far("Teilnmehmerinnen")[:1] == ["Teilnehmerinnen"] and far("Radikalisieryng")[:1] == ["Radikalisierung"]
    # nothing stored near enough ("Sitznachbarinnen" is a compound the corpus never wrote)
    assert far("Sitznachbarinuen") == []
    # spelt like German, a word or not: no search at all
    assert decoder.chars.worst("Kinderlein") > nearby.FAR_WORDS.max_worst and far("Kinderlein") == []
    # a token with an ß was read by an engine that reads ß; perhaps a spelling before 1996
    assert decoder.chars.worst("Baßgitarre") < nearby.FAR_WORDS.max_worst and far("Baßgitarre") == []


def test_a_non_word_that_looks_damaged_gives_way_more_readily():
    page = ("Das konmt nicht in Frage, sagte sie. Die Gesetzlicbe Regelung ist klar, und die Teilnmehmer "
            "der Sitzung haben lange beraten. Das ist fiir uns alle wichtig und wir mussen handeln.")
    result = korrektor.correct(page)
    assert "Die Gesetzliche Regelung" in result.text and "die Teilnehmer der Sitzung" in result.text
    # the same page read with umlauts is less sure of it: unknown words there are more often names
    # and terms, and the letters cost nothing extra
    german = korrektor.correct(page.replace("fiir", "für").replace("mussen", "müssen"))
    sure = {e.before: e.confidence for e in result.edits}
    assert {e.before: e.confidence for e in german.edits}.get("Gesetzlicbe", 0.0) < sure["Gesetzlicbe"]

    from korrektor.errormodel import GERMAN_TEXT

    def damage(profile, token, page_profile=None):
        decoder = Decoder(default_lexicon(), default_error_model(), profile, page_profile=page_profile)
        return decoder.letter_damage(token)

    assert damage(NO_UMLAUTS, "Gesetzlicbe") < -1 and damage(GERMAN_TEXT, "Gesetzlicbe") == 0.0
    assert damage(NO_UMLAUTS, "Sitznachbarinnen") == 0.0 and damage(NO_UMLAUTS, "CO2-Preis") == 0.0
    # the last look with the German engine's habits at a page without umlauts still weighs them
    assert damage(GERMAN_TEXT, "Gesetzlicbe", page_profile=NO_UMLAUTS) < -1


def test_the_last_look_weighs_damaged_letters_as_the_page_does():
    # "gelangi": the German engine reads t as i; the page's own engine offers nothing for it
    page = ("Er gelangi nach Hause und ruht sich aus. Das ist fiir uns alle wichtig und wir mussen "
            "handeln, sagte die Ministerin heute.")
    text = korrektor.correct(page).text
    assert "Er gelangt nach Hause" in text
    assert korrektor.correct(text).text == text


def test_a_non_word_repeated_on_a_page_read_with_umlauts_is_a_term():
    # "Sid" (a codename) is one letter from "Süd": an engine that reads umlauts would not misread
    # the same word three times, so the third use makes it a term; two uses are still open to
    # correction (where the context speaks for "Süd")
    sentences = ["Die Pakete für Sid werden täglich gebaut.", "Wer Sid nutzt, bekommt die neuesten Versionen.",
                 "Über Sid wird viel gesprochen, und wir können es nur empfehlen."]
    assert korrektor.correct(" ".join(sentences)).text.count("Sid") == 3
    twice = " ".join(sentences[:2] + ["Darüber wird viel gesprochen, und wir können es nur empfehlen."])
    assert korrektor.correct(twice).text.count("Sid") < 2
    # a word that lost only its umlaut is restored however often: a font's "ü" lost in the text layer
    lost = "Die Prufung der Lösung ist gut. " * 3
    assert korrektor.correct(lost).text.count("Prüfung") == 3
    # an engine without a German model repeats its errors: "fiir" stays an error however often
    fiir = "Das ist fiir uns gut, fiir euch auch und fiir alle anderen, sagte sie heute."
    assert korrektor.correct(fiir).text.count("für") == 3


def test_a_capitalised_non_word_repeated_on_a_page_without_umlauts_is_a_name():
    from korrektor.stages.words.document import document_terms

    lexicon = default_lexicon()
    page = ("Herr Labenz kam fiir eine Woche. Labenz sagte, er musse uber alles nachdenken, fiir sich. "
            "Dann ging Labenz, und die Burger blieben fiir sich.")
    decoder = Decoder(lexicon, default_error_model(), NO_UMLAUTS)
    terms = document_terms(tokenize(page, lexicon), NO_UMLAUTS, decoder)
    # the name stays a name; the engine's own repeated error and a lost umlaut do not
    assert "Labenz" in terms and "fiir" not in terms and "Burger" not in terms
    assert "Labenz" not in document_terms(tokenize(page.replace("Labenz", "Lebens", 2), lexicon), NO_UMLAUTS, decoder)


def test_a_page_read_with_umlauts_keeps_a_real_word_unless_the_context_is_compelling():
    # a German model rarely reads "hätten" as "hatten": the past tense stays, reported as a doubt
    text = ("Die Behörden waren gewarnt worden. Die Geheimdienste hatten eigentlich mehr gewusst, "
            "als öffentlich bekannt wurde.")
    result = korrektor.correct(text)
    assert result.text == text
    assert [(d.before, d.after) for d in result.doubts] == [("hatten", "hätten")]
    # from an engine without a German model (every umlaut lost), the same context decides
    lost = text.replace("ö", "o") + " Das war fiir uns alle und fiir die Zukunft wichtig, iiber alle Grenzen hinweg."
    assert "Geheimdienste hätten" in korrektor.correct(lost).text


def test_a_sentence_of_terms_with_misread_umlauts_is_german():
    # most of its words are terms the lexicon lacks, but "miissen", "iiber", "fiir" are German
    text = ("Die Pakete werden iiber das Netz geladen. Sie miissen ibus iiber GNOME Tweaks fiir "
            "mehrsprachige Tastatureingabe konfigurieren. Das ist fiir alle wichtig, und wir helfen gern.")
    assert korrektor.correct(text).text == (
        "Die Pakete werden über das Netz geladen. Sie müssen ibus über GNOME Tweaks für "
        "mehrsprachige Tastatureingabe konfigurieren. Das ist für alle wichtig, und wir helfen gern.")
    # a list of names with no such word is still left alone
    names = "Buzz, Rex, Bo, Hamm, Slink, Potato, Woody, Sarge, Etch, Lenny, Squeeze, Wheezy, Jessie, Stretch."
    assert korrektor.correct(names).text == names


def test_a_term_counts_in_any_case_and_keeps_its_plain_vowels_where_the_page_has_umlauts():
    # "Sid" and "sid" are one term
    text = ("Die Pakete für Sid werden täglich gebaut. Wer sid nutzt, bekommt die neuesten Versionen. "
            "Über Sid wird viel gesprochen, und wir können es nur empfehlen.")
    assert korrektor.correct(text).text == text
    # a page that prints "ü" elsewhere did not lose it three times in one name; a page without
    # any "ü" did (its font's text layer lacks it)
    name = "Frau Muller aus Köln hat über die Sache berichtet. Dann sprach Frau Muller. Frau Muller dankte."
    assert korrektor.correct(name).text == name
    assert korrektor.correct(name.replace("über", "von")).text.count("Müller") == 3


def test_two_lost_umlauts_in_a_long_word_and_in_an_unseen_compound():
    # "Ausländerbeiräte" is stored, but its reading shows 44 places an umlaut or ß may hide:
    # the likelier ones still pair; "Ministerpräsidentenerklärung" and
    # "Geschäftsführerinnenkonferenz" are compounds the corpus never wrote
    page = ("Die Auslanderbeirate und die Ministerprasidentenerklarung sind Thema der "
            "Geschaftsfuhrerinnenkonferenz. Das ist fiir uns alle wichtig, und wir mussen handeln.")
    text = korrektor.correct(page).text
    assert "Die Ausländerbeiräte und die Ministerpräsidentenerklärung" in text
    assert "Thema der Geschäftsführerinnenkonferenz." in text
    # a compound has room for three
    page = "Die Grunflachenamter haben neue Tagesordnungen. Das ist fiir uns alle gut, und wir mussen handeln."
    assert "Die Grünflächenämter haben" in korrektor.correct(page).text
    # the issue's own example, "d" read for "ä"
    page = "Plenarsitzung der Ausldnderbeirate Hessen: dass wir in unserem taglichen Leben fir Integration sind."
    assert "der Ausländerbeiräte Hessen" in korrektor.correct(page).text


@pytest.mark.xfail(strict=True, reason="the broad corpus's letters make the token look German: a near tie (0.67)")
def test_three_lost_umlauts_in_a_compound_the_corpus_never_wrote():
    page = "Die Grunflachenamter haben neue Burgerburooffnungszeiten. Das ist fiir uns alle gut, und wir mussen handeln."
    assert "neue Bürgerbüroöffnungszeiten." in korrektor.correct(page).text


def test_two_letters_with_a_lower_case_one_are_no_damaged_acronym():
    # "ii" in quotes is the glyph pair an engine reads for "ü", not "II"; "Pl." is no "PI."
    page = ("Die Software verwechselt dann gern ein „u“ mit „ii“, sagte sie uns,\n"
            "und das Wort steht hier im Pl. und nicht anders. Das ist fur\n"
            "alle klar, und wir wissen es schon lange.\n")
    result = korrektor.correct(page)
    assert "„ii“" in result.text and "Pl." in result.text
    assert "für alle" in result.text  # the page is corrected all the same


def test_turkish_names_stay():
    # a dotless ı is always read back in a German word ("ıst"), never in a name
    text = "Herr Kılıç und Frau Kubaşık haben gesprochen, Nazım Hikmet wurde zitiert."
    assert korrektor.correct(text).text == text


def test_words_set_in_capitals_get_their_umlauts_back(found):
    assert found(umlauts.capitals_twins, "PRUFUNG")[:1] == ["PRÜFUNG"]
    assert found(umlauts.capitals_twins, "GEBAUDE")[:1] == ["GEBÄUDE"]
    assert found(umlauts.capitals_twins, "SCHON") == []  # "schon" is a word: a heading cannot decide
    assert found(umlauts.capitals_twins, "FU") == []  # too short to tell from an acronym
    page = ("BERICHT UBER DIE PRUFUNG DER GEBAUDE\n\n"
            "Die Prufung der offentlichen Gebaude fur die Schulen ist abgeschlossen.\n")
    assert korrektor.correct(page).text.startswith("BERICHT ÜBER DIE PRÜFUNG DER GEBÄUDE\n\nDie Prüfung")


def test_a_garbled_word_may_be_one_the_document_writes_elsewhere():
    page = ("Die Gesellschaft braucht Zusammenhalt. Fur die Gesellschaft ist das wichtig,\n"
            "und die westliche Gesolischaft muss sich fragen, was sie tun kann. Wir mussen\n"
            "das gemeinsam losen, sagte die Ministerin am Montag in der Hauptstadt.\n")
    fixed = next(e for e in korrektor.correct(page).edits if e.before == "Gesolischaft")
    assert fixed.after == "Gesellschaft" and fixed.rule == "word_of_the_document"
    # the same token on a page that does not write the word: nothing else explains it
    elsewhere = page.replace("Die Gesellschaft braucht", "Die Stadt braucht").replace("die Gesellschaft ist", "die Stadt ist")
    assert "Gesolischaft" in korrektor.correct(elsewhere).text
    # another ending of a word the page writes is a form the lexicon lacks, not damage
    assert "verhaltend" in korrektor.correct("Er blieb verhaltend. Sein Verhalten war gut, sein Verhalten blieb gut.").text


def test_a_digit_read_for_a_letter_before_lower_case_letters():
    assert not is_protected("2u") and not is_protected("2ur")
    for unit in ("2m", "5kg", "3er", "2nd", "4x", "1m"):
        assert is_protected(unit), unit  # units and numerals' suffixes stay
    page = ("Die Lander investieren 2u wenig in die Schulen, sagte die Ministerin. Wir mussen\n"
            "jetzt handeln, denn die Schuler warten 2ur Zeit auf neue Gebaude. Das Brett ist 2m lang.\n")
    text = korrektor.correct(page).text
    assert "zu wenig" in text and "zur Zeit" in text and "2m lang" in text


def test_capital_i_beside_lower_case_letters_is_read_as_l():
    # every combination of the I's beside lower-case letters, fewest first
    assert l_readings("AIlerdings") == [("Allerdings", 1)]
    assert l_readings("wolIen") == [("wollen", 1)]
    readings = l_readings("vIeIfach")
    assert readings[-1] == ("vlelfach", 2) and {r for r, n in readings if n == 1} == {"vleIfach", "vIelfach"}
    # an I among capitals is an acronym's, and two letters are too short to tell ("Ir": "Im"?)
    assert l_readings("IKEA") == [] and l_readings("Ir") == []
    assert l_readings("aIaIaIaIa") == []  # more than MAX_I_FOR_L: noise, not a word
    lex, em = default_lexicon(), default_error_model()
    decoder = Decoder(lex, em, NO_UMLAUTS)
    # with lost umlauts besides, on a page read without them
    assert "füllen" in [w for w, _ in umlauts.l_glyphs(decoder, "fuIlen", 0.0)]
    assert umlauts.l_glyphs(decoder, "Ilona", 0.0) == []  # a name: no reading is a word


@given(st.lists(st.text(alphabet="auäüs", min_size=1, max_size=6), max_size=30),
       st.text(alphabet="aus", min_size=1, max_size=7))
def test_pairs_of_substitutions_are_the_same_with_the_prefix_closed_shortcut(forms, core):
    # _pairs may stop early where the prefix test is closed under prefixes; it must find what
    # trying every pair finds
    prefixes = frozenset(w[:i] for w in forms for i in range(1, len(w) + 1))
    subs = [(i, i + 1, {"a": "ä", "u": "ü", "s": "ß"}[ch], -0.5 * i) for i, ch in enumerate(core)]
    firsts = [(k, a, b, core[:a] + true, gain) for k, (a, b, true, gain) in enumerate(subs)
              if core[:a] + true in prefixes]
    assert (umlauts._pairs(core, 0.0, firsts, subs, prefixes.__contains__, True)
            == umlauts._pairs(core, 0.0, firsts, subs, prefixes.__contains__, False))
