"""Spellings a compound's analysis tries: a word with one lost umlaut or ß restored
(:func:`_twins`) or one common OCR confusion undone (:func:`confusion_twins`). The analysis itself
is the compiled core's (``rust/src/compounds.rs``, the methods of
:class:`korrektor.lexicon.Lexicon`); the data build uses these to count umlaut twins the same way.
"""

from __future__ import annotations

# OCR loses umlauts ("ü" -> "u") or misreads them as "é": the forms a damaged letter may
# have come from.
_UMLAUT = {"a": ("ä",), "o": ("ö",), "u": ("ü",), "A": ("Ä",), "O": ("Ö",), "U": ("Ü",),
           "é": ("ä", "ö")}
# Common OCR letter confusions, as (as read, original). A compound candidate that turns into
# a stored form by undoing one of them ("Rentenvorsicherung" -> "Rentenversicherung",
# "Kreislautwirtschaft" -> "Kreislaufwirtschaft") is rejected: that form, damaged, is far
# more likely than a new word one letter away from it.
_OCR_CONFUSIONS = (
    ("o", "e"), ("e", "o"), ("c", "e"), ("e", "c"), ("rn", "m"), ("m", "rn"), ("l", "i"),
    ("i", "l"), ("I", "l"), ("l", "I"), ("t", "f"), ("f", "t"), ("b", "h"), ("h", "b"),
    ("u", "n"), ("n", "u"), ("cl", "d"), ("li", "h"), ("ii", "ü"), ("a", "s"), ("s", "a"),
    ("B", "ß"), ("ll", "li"), ("d", "ä"),
)


def _twins(x: str) -> list[str]:
    """Spellings with one a/o/u/é (A/O/U) turned into an umlaut, or one "ss" into "ß"."""
    out = [x[:i] + u + x[i + 1:] for i, ch in enumerate(x) if ch in _UMLAUT for u in _UMLAUT[ch]]
    if "ss" in x:
        out += [x[:i] + "ß" + x[i + 2:] for i in range(len(x) - 1) if x[i:i + 2] == "ss"]
    return out


def confusion_twins(x: str):
    """Spellings with one OCR confusion (see _OCR_CONFUSIONS) undone."""
    for seen, orig in _OCR_CONFUSIONS:
        i = x.find(seen)
        while i >= 0:
            yield x[:i] + orig + x[i + len(seen):]
            i = x.find(seen, i + 1)
