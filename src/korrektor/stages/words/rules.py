"""The rules of the words stage: the name each of its edits carries as ``rule``, and what it repairs.

A word edit names the search that proposed the winning reading (see :mod:`.sources`), the join
that made the token (:mod:`.joins`; "join_broken_word+lost_umlauts" where the joined word was
corrected besides) or the repair after decoding (:mod:`.fixes`). Each rule's ``fixes`` example is
corrected so by ``korrektor.correct`` with default settings, and its ``keeps`` example is left
alone (tests/test_words.py checks both).
"""

from __future__ import annotations

from ...rules import Kind, Rule

W, P = Kind.WORD, Kind.PUNCTUATION

RULES: tuple[Rule, ...] = (
    # the candidate searches of a non-word, in the order sources.NON_WORD_SEARCHES asks them
    Rule("sz_read_as_symbols", W, "A ß read as symbols, alone or with an f or a B beside it.",
         ("Er weiß nicht, was das hei$t, und das ist fiir uns alle schwer.",
          "Er weiß nicht, was das heißt, und das ist für uns alle schwer."),
         "Die Variable $HOME zeigt auf das Verzeichnis."),
    Rule("l_read_as_capital_i", W, "A lower-case l read as a capital I beside lower-case letters.",
         ("Wir wolIen die MitteIn fiir die Schulen erhöhen.", "Wir wollen die Mitteln für die Schulen erhöhen."),
         "Die Firma IKEA baut ein Lager in Ilmenau."),
    Rule("lost_umlauts", W, "Umlauts or ß lost or misread, in a non-word or a real word (wurde/würde).",
         ("Das ist fiir uns alle wichtig, und wir mussen handeln.",
          "Das ist für uns alle wichtig, und wir müssen handeln."),
         "Frau Muller aus Köln hat über die Sache berichtet. Dann sprach Frau Muller. Frau Muller dankte."),
    Rule("lost_umlauts_in_compound", W, "Lost umlauts in a compound the corpus never wrote, up to three.",
         ("Die Grunflachenamter haben neue Regeln. Das ist fiir uns alle wichtig.",
          "Die Grünflächenämter haben neue Regeln. Das ist für uns alle wichtig."),
         "Die Sonnenblumenfelder sind groß, und wir lieben sie."),
    Rule("lost_umlauts_in_hyphenated_word", W, "Lost umlauts restored part by part in a hyphenated word.",
         ("Die 90-Jahrige wurde geehrt. Das ist fiir uns alle wichtig.",
          "Die 90-Jährige wurde geehrt. Das ist für uns alle wichtig."),
         "Die Corona-Pandemie ist vorbei, und wir sind froh."),
    Rule("lost_hyphen", W, "A compound's hyphen that PDF extraction took away with a line break, between a name, "
         "word or acronym and a long capitalised word.",
         ("Die OnlinePlattform der Stadt ist neu.", "Die Online-Plattform der Stadt ist neu."),
         "Er nutzt PowerPoint, die BahnCard und LibreOffice."),
    Rule("ocr_confusions", W, "Letters misread as the OCR error model knows them (its full channel search).",
         ("Wir hoffen, dass neue Technologien zur Anwendung komnien. Das ist fiir uns alle wichtig.",
          "Wir hoffen, dass neue Technologien zur Anwendung kommen. Das ist für uns alle wichtig."),
         "Die Pakete für Sid werden täglich gebaut. Wer Sid nutzt, bekommt die neuesten Versionen. "
         "Über Sid wird viel gesprochen, und wir können es nur empfehlen."),
    Rule("one_edit_away", W, "A frequent word one letter from a non-word, or from a word known only as a compound.",
         ("Er kam, obwokl es regnete, und das war fiir uns gut.",
          "Er kam, obwohl es regnete, und das war für uns gut."),
         "Er blieb verhaltend. Sein Verhalten war gut."),
    Rule("compound_one_edit_away", W, "A compound the corpus never wrote, one letter misread inside a part.",
         ("Die Burger wollen saubere Energie und neue Wiudparkanlagen fur alle, und sie mussen uber die Plane "
          "abstimmen konnen.", "Die Bürger wollen saubere Energie und neue Windparkanlagen für alle, und sie "
          "müssen über die Pläne abstimmen können."),
         "Wir brauchen eine versachlichte Debatte über Profilbildungen."),
    Rule("near_word", W, "A frequent word one or two letters from a non-word nothing else explains.",
         ("Die Probleme in Deutschlaiid sind groß, und das ist fiir uns alle schwer.",
          "Die Probleme in Deutschland sind groß, und das ist für uns alle schwer."),
         "Die Kommunen sind an hessischem Recht gebunden."),
    Rule("far_word", W, "A rarer word two letters from a long token whose letters no German word puts together.",
         ("Er hat ein selbstbestinnmtes Leben gefuhrt, und das ist fiir uns alle wichtig.",
          "Er hat ein selbstbestimmtes Leben geführt, und das ist für uns alle wichtig."),
         "Die Sitznachbarinnen haben lange beraten."),
    Rule("lost_umlauts_before_compound_head", W,
         "Lost umlauts in a compound led by a word the corpus never used as a modifier.",
         ("Die Binarpakete werden fur alle Architekturen gebaut und sind uber den Spiegel verfugbar.",
          "Die Binärpakete werden für alle Architekturen gebaut und sind über den Spiegel verfügbar."),
         "Der Deckelboden und die Tortenboden bleiben, wie sie sind."),
    Rule("lost_umlauts_and_one_edit", W, "Lost umlauts and one letter garbled besides.",
         ("Die Software steht zur Verfiiguag und ist fur alle Benutzer uber den Spiegel verfugbar.",
          "Die Software steht zur Verfügung und ist für alle Benutzer über den Spiegel verfügbar."),
         "Die Kinderlein spielen im Garten."),
    # the page's own confusions (page_confusions), for known words too
    Rule("page_confusion", W, "A misreading the page repeats beyond what the error model expects, learned from "
         "its non-words.",
         ("Er sah cin Licht im Fenster. Dann kam cr nach Hause, abcr dic Tür war zu, und cs regnete. Sic wartete.",
          "Er sah ein Licht im Fenster. Dann kam er nach Hause, aber die Tür war zu, und es regnete. Sie wartete."),
         "Er sah ein Licht. Dann kam er mit Cicero nach Hause, wo Eric und Marc waren, und Luc sagte: sic transit "
         "gloria mundi."),
    # the other searches: an acronym's, an old spelling's, a lower-case initial's
    Rule("lost_umlauts_in_capitals", W, "Lost umlauts in a word set in capitals.",
         ("BERICHT UBER DIE PRUFUNG DER GEBAUDE\n\nDie Prufung der offentlichen Gebaude fur die Schulen ist "
          "abgeschlossen.\n", "BERICHT ÜBER DIE PRÜFUNG DER GEBÄUDE\n\nDie Prüfung der öffentlichen Gebäude für "
          "die Schulen ist abgeschlossen.\n"),
         "DAS IST SCHON GUT SO\n\nWir wissen das schon lange.\n"),
    Rule("old_sz_spelling", W, "A lost ß on a page spelt as before 1996, decided in today's spelling.",
         ("Er wei, daf die Menschen die Holle heifS machen, und daf er es tun mu&. "
          "Lal mich in Ruhe, sagte er, und gib mir fiir heute frei.",
          "Er weiß, daß die Menschen die Hölle heiß machen, und daß er es tun muß. "
          "Laß mich in Ruhe, sagte er, und gib mir für heute frei."),
         "Er wußte, daß es so ist, und daß er es tun muß. Dir paßt das nicht."),
    Rule("lower_case_initial_umlaut", W, "A lower-case initial umlaut read as a plain capital.",
         ("Die Kasse zahlt die Arztlichen Leistungen und die Ahnlichen Kosten.",
          "Die Kasse zahlt die ärztlichen Leistungen und die ähnlichen Kosten."),
         "Er sprach mit Andern und mit Anderen."),
    # two words glued into one token (splits)
    Rule("split_glued_words", W, "Two words that lost the space between them.",
         ("Wir sehen inder Stadt viel, und das ist fiir uns gut.",
          "Wir sehen in der Stadt viel, und das ist für uns gut."),
         "Die Kinder spielen in der Stadt."),
    Rule("split_at_hyphen", W, "Two words whose space was read as a hyphen.",
         ("Wir reden hier-also komplett iiber freiwillige Reservisten.",
          "Wir reden hier also komplett über freiwillige Reservisten."),
         "Die Bundes-Länder und die Corona-Krise sind Thema."),
    Rule("split_at_speck", W, "Two words whose space was read as a speck of punctuation.",
         ("Das ist nicht.schlecht, sagte sie.", "Das ist nicht schlecht, sagte sie."),
         "Die Schüler:innen kommen morgen."),
    Rule("split_glued_sentences", W, "A sentence's end glued to the next sentence by a speck.",
         ("Wir stimmen dem zu.-Es ist gut so.", "Wir stimmen dem zu. Es ist gut so."),
         "Er sagte es laut.Dann ging er."),
    # the last pass: the document's own words
    Rule("word_of_the_document", W, "A garbled token read as a word the document writes elsewhere.",
         ("Die Gesellschaft braucht Zusammenhalt. Fur die Gesellschaft ist das wichtig,\nund die westliche "
          "Gesolischaft muss sich fragen, was sie tun kann. Wir mussen\ndas gemeinsam losen, sagte die Ministerin am "
          "Montag in der Hauptstadt.\n",
          "Die Gesellschaft braucht Zusammenhalt. Für die Gesellschaft ist das wichtig, und die westliche "
          "Gesellschaft muss sich fragen, was sie tun kann. Wir müssen das gemeinsam lösen, sagte die Ministerin am "
          "Montag in der Hauptstadt.\n"),
         "Er blieb verhaltend. Sein Verhalten war gut, sein Verhalten blieb gut."),
    # one word torn into tokens (joins)
    Rule("join_broken_word", W, "A word broken by a space.",
         ("Die Ge sellschaft hat sich verändert.", "Die Gesellschaft hat sich verändert."),
         "Die Kinder spielen in der Stadt."),
    Rule("join_letter_spaced_word", W, "A letter-spaced word, or words whose gaps were lost too.",
         ("Das ist eine g e s p e r r t e Zeile.", "Das ist eine gesperrte Zeile."),
         "Die Variablen a b c d sind gesetzt."),
    # repairs after decoding (fixes)
    Rule("capital_i_at_sentence_start", W, "An I read as i at a sentence's start.",
         ("Meine Damen und Herren! ich werde das jetzt sagen.", "Meine Damen und Herren! Ich werde das jetzt sagen."),
         "Das gilt z. B. für alle Menschen."),
    Rule("capital_inside_sentence", W, "A lower-case initial read as its capital, which differs only in size.",
         ("Wir haben wir Sollten nicht warten.", "Wir haben wir sollten nicht warten."),
         "Linux Airlines\n\nWir sammeln Meilen.\n"),
    Rule("dash_between_neighbours", P, "A speck read as a dash between words that prose never parts.",
         ("Ich danke dir und – Kollegen für die Arbeit.", "Ich danke dir und Kollegen für die Arbeit."),
         "Ich danke dir – und den Kollegen – für die Arbeit."),
    Rule("mark_between_neighbours", P, "A speck read as a mark between words that prose never parts.",
         ("Das ist nicht, mehr wahr.", "Das ist nicht mehr wahr."),
         "Das ist nicht mehr wahr, sagte er."),
    Rule("comma_before_sentence_start", P, "A full stop read as a comma before a word that starts sentences.",
         ("Meine Herren, Aber das ist nicht wahr.", "Meine Herren. Aber das ist nicht wahr."),
         "Meine Herren, aber das ist nicht wahr."),
    Rule("stop_after_function_word", P, "A speck read as a full stop after a word no sentence ends with.",
         ("Es geht darum, dass. zwar viele Masken geprüft werden.",
          "Es geht darum, dass zwar viele Masken geprüft werden."),
         "Sie kam dann. Zwar spät, aber sie kam."),
    Rule("comma_after_function_word", P, "A speck read as a comma after a word no comma follows.",
         ("Die Renditen sinken bis zum, Nullpunkt.", "Die Renditen sinken bis zum Nullpunkt."),
         "Ich grüße den Herrn, der da kommt."),
    Rule("stop_before_lower_case", P, "A comma read as a full stop before a frequent lower-case word.",
         ("Die Hoffnungen waren auf dieses Gesetz. gerichtet mit diesem Ziel.",
          "Die Hoffnungen waren auf dieses Gesetz, gerichtet mit diesem Ziel."),
         "Das gilt z. B. für alle Menschen."),
    Rule("apostrophe_after_word", P, "A speck read as an apostrophe after a frequent word.",
         ("Die Arbeit der’ Besatzung war gut.", "Die Arbeit der Besatzung war gut."),
         "Das ist Maas’ Idee, sagte sie."),
)
