"""Real-word twins: words that differ by a lost umlaut or ß ("wurde"/"würde", "schon"/"schön").

Engines without a German model read ä as a, ü as ii or u, ß as B: the damaged form is often a word
itself. The word stage looks for such twins of every token; this module holds the indexes that make
the search cheap:

* :func:`umlaut_readings`: per channel table, what an umlaut or ß can be read as, inverted
  (observed substring -> true substrings with the change of the channel score);
* :func:`twin_readings`: the stored forms that some profile may read from another stored form with
  one umlaut or ß misread. Only these known words can have a twin with one substitution. The list
  takes ~0.5 s to compute, so ``scripts/build_twin_readings.py`` ships it as
  ``data/twin_readings.txt``; :func:`twin_filter` returns it when it was built from the lexicon
  and error model in use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .errormodel import UMLAUTS

__all__ = ["umlaut_readings", "twin_readings", "twin_readings_header", "twin_filter"]


def umlaut_readings(table) -> dict[str, tuple[tuple[str, float], ...]]:
    """What the channel table says an umlaut or ß can be read as, inverted: observed substring ->
    ((true substring, change of the channel score against reading it as itself), ...)."""
    found = _UMLAUT_READINGS.get(id(table))
    if found is None or found[0] is not table:
        ident, default = table.ident, table.ident_default
        readings = {}
        for inverse in (table.inv1, table.inv2, table.inv3):
            for observed, options in inverse.items():
                cost = sum(ident.get(c, default) for c in observed)
                umlauts = tuple((true, lp - cost) for true, lp in options
                                if not UMLAUTS.isdisjoint(true))
                if umlauts:
                    readings[observed] = umlauts
        found = _UMLAUT_READINGS[id(table)] = (table, readings)
    return found[1]


_UMLAUT_READINGS: dict[int, tuple] = {}


def twin_readings(lexicon, error_model) -> list[str]:
    """The stored forms that some profile may read from another stored form with one umlaut or
    ß misread ("wurde" from "würde", "schon" from "schön"), sorted (corpus forms only: the
    decoder puts no supplementary form in place of a known word). Only these known words can
    have a twin with one substitution; the decoder skips the search for every other stored form.
    ~0.5 s: ``scripts/build_twin_readings.py`` ships the list (``data/twin_readings.txt``)."""
    seen_as = error_model.umlaut_confusions()
    count, is_supplement = lexicon.count, lexicon.is_supplement
    found = set()
    for form in lexicon.forms:
        if UMLAUTS.isdisjoint(form):
            continue
        for i, ch in enumerate(form):
            if ch not in UMLAUTS:
                continue
            for a, b in ((i, i + 1), (i - 1, i + 1), (i, i + 2)):  # true substrings covering it
                if a < 0 or b > len(form):
                    continue
                for observed in seen_as.get(form[a:b], ()):
                    reading = form[:a] + observed + form[b:]
                    if count(reading) and not is_supplement(reading):
                        found.add(reading)
    return sorted(found)


def twin_readings_header(lexicon, error_model) -> str:
    """The first line of ``data/twin_readings.txt``: which data the list was built from."""
    return f"# twin readings of lexicon {lexicon.fingerprint} under error model {error_model.fingerprint}"


@lru_cache(maxsize=1)
def _shipped_twin_readings() -> tuple[str, frozenset[str]] | None:
    try:
        lines = (resources.files("korrektor") / "data" / "twin_readings.txt").read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        return None
    return lines[0], frozenset(w for w in lines[1:] if w)


def twin_filter(lexicon, error_model) -> frozenset[str] | None:
    """The shipped twin readings if they were built from this lexicon and error model."""
    shipped = _shipped_twin_readings()
    if shipped is None or shipped[0] != twin_readings_header(lexicon, error_model):
        return None
    return shipped[1]
