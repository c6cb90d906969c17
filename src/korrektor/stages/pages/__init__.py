"""Stage *pages*: the furniture of printed pages in extracted text, its running headers, footers
and page numbers, and columns set side by side.

Text that a PDF extractor (pdftotext, pdfminer, mutool) or an OCR engine gives page by page marks
each page's end with a form feed. Every page repeats its running header (a title, a date line) and
carries its number, above or below the body; a sentence a page break tore goes on after the next
page's header:

    … kann der Bundesanstalt¶1¶¶\\fPolitik · Bundesländer¶Dienstag, 5. Mai 2009¶weitere Aufgaben …

The stage's rules (the first in :mod:`.columns`, the others in :mod:`.furniture`; the furniture's
removals are edits of their own kind, ``Kind.FURNITURE``):

* ``split_side_by_side_columns``: two columns that an extractor set side by side on one line
  (``pdftotext -layout``), read one after the other;
* ``remove_running_headers``: a line at a page's top or bottom that another page repeats there
  (digits aside: "Seite 3 von 9" is "Seite 4 von 9");
* ``remove_page_numbers``: a number alone at a page's top or bottom ("3", "- 3 -", "Seite 3",
  "3 / 9") where the pages' numbers count up with the pages; and a page number an extractor glued
  to the word that the page's last line broke off ("nach die1¶¶\\f…ser": pdftotext joined "die-"
  with the number and took the hyphen away), which gets its hyphen back;
* ``join_torn_page``: where a page's body ends without a sentence's end, the blank lines and the
  form feed before the next page's body, so that the sentence's parts are two lines of one
  paragraph.

Only the lines between a page's edge and its body go: a body line that merely looks like furniture
(a number in a table, a repeated sentence) stays, and so does every line of a text without form
feeds. A form feed between two sentences stays for the unicode stage, which makes it a paragraph
break; the lines of a torn sentence are the layout stage's to join ("der Bundesanstalt weitere
Aufgaben", "Bundes-¶anstalt"). The stage runs before every other, on the text as given, because
the unicode stage turns the page breaks into paragraph breaks; with ``Config.keep_lines`` or
without ``Config.layout`` it does nothing.
"""

from __future__ import annotations

from ...rules import Kind, Rule
from .. import StageResult
from .columns import SIDE_BY_SIDE, column_edits
from .furniture import KIND, PAGE_NUMBER, RUNNING_HEADER, TORN_PAGE, furniture_edits, split_pages, torn_page_edits

__all__ = ["RULES", "run"]


def run(text: str, ctx) -> StageResult:
    config = ctx.config
    if config.keep_lines or not config.layout or not ("\f" in text or "   " in text):
        return StageResult()
    pages = split_pages(text)
    furniture = furniture_edits(text, pages) if "\f" in text else []
    removals = [e for e in furniture if e.after == ""]  # (a glued number's hyphen stays a line's)
    columns, reading = column_edits(text, pages, {e.start for e in removals})
    changes = furniture + columns + torn_page_edits(text, pages, removals, reading)
    return StageResult(tuple(sorted(changes, key=lambda e: e.start)))


RULES = (
    Rule(SIDE_BY_SIDE, Kind.LAYOUT, "Two columns that the extractor set side by side, a gutter of spaces between them "
         "on every line (pdftotext -layout), are read one after the other.",
         ("Die Reichsstadt war frei und hatte         waren, lagen oft im Süden des\n"
          "keinen Herrscher über sich. Jene,          Landes. Dort gab es daher viele\n"
          "die von den Staufern gegründet             Reichsstädte, etwa Nürnberg und\n"
          "worden waren und die heute noch            Augsburg, die im Handel reich\n"
          "bekannt sind, und andere, die einst        wurden und ihre Freiheit lange\n"
          "von Bischöfen beherrscht worden            behielten, bis zum Jahr 1803.\n",
          "Die Reichsstadt war frei und hatte keinen Herrscher über sich. Jene, die von den Staufern gegründet "
          "worden waren und die heute noch bekannt sind, und andere, die einst von Bischöfen beherrscht worden "
          "waren, lagen oft im Süden des Landes. Dort gab es daher viele Reichsstädte, etwa Nürnberg und "
          "Augsburg, die im Handel reich wurden und ihre Freiheit lange behielten, bis zum Jahr 1803.\n"),
         "Name          Ort           Jahr\nMüller        Bonn          1990\nSchmidt       Köln          1991\n"
         "Meier         Aachen        1992\nSchulz        Trier         1993\nBecker        Mainz         1994\n"
         "Wagner        Worms         1995\n"),
    Rule(TORN_PAGE, Kind.LAYOUT, "A page break inside a sentence (the page's body ends without a sentence's end) "
         "is no paragraph break: the sentence goes on over it.",
         ("Die Anstalt kann sich Dritter\n\fbedienen, wenn es nötig ist.\n", "Die Anstalt kann sich Dritter bedienen, "
          "wenn es nötig ist.\n"),
         "Die Anstalt kann sich Dritter bedienen.\n\nWenn es nötig ist, hilft der Bund.\n"),
    Rule(RUNNING_HEADER, KIND, "A running header or footer, a line that the pages repeat at their top or bottom, "
         "is removed; the sentence it interrupted goes on.",
         ("Die Anstalt kann der\n\fNachrichten · Inland\nweitere Aufgaben übertragen.\n\fNachrichten · Inland\n"
          "Sie kann sich Dritter bedienen.\n", "Die Anstalt kann der weitere Aufgaben übertragen.\n\n"
          "Sie kann sich Dritter bedienen.\n"),
         "Artikel 1\n\nDie Würde des Menschen ist unantastbar.\n\nArtikel 2\n\nJeder hat das Recht auf Leben.\n"),
    Rule(PAGE_NUMBER, KIND, "A page number alone at a page's top or bottom, where the numbers count up with the "
         "pages, is removed; one an extractor glued to a word's broken-off part becomes its hyphen again.",
         ("Die Anstalt kann der\n1\n\fweitere Aufgaben übertragen.\n2\n", "Die Anstalt kann der weitere Aufgaben "
          "übertragen.\n"),
         "Die Liste hat drei Punkte:\n\n1\n\nDer Antrag wird angenommen.\n\n2\n\nDer Bericht wird verlesen.\n"),
)
