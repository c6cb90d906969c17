#!/usr/bin/env python3
"""Build ``src/korrektor/data/lexicon_supplement.tsv``: German word forms with an umlaut or ß that
the Bundestag corpus never wrote often enough to store ("Hörbüchern", "Truppführer", "Mutterkühe",
"Schießerei"), with an estimated count; and ``lexicon_protected.txt``: words without one that the
lexicon should leave alone though it lacks them ("braten", "zuviel"; see :func:`protected`).

Why only these: an engine without a German model reads "Hörbüchern" as "Horbichern", and the
decoder can restore only what its lexicon holds; a parliament's speeches lack much everyday
vocabulary. Words without umlaut or ß are left out on purpose: measured on the bench, adding them
(225,670 forms instead of 48,253) lets more OCR junk pass as words and makes the eng pages worse
(CER 0.686 → 0.691 %), while the umlaut and ß forms make them better (→ 0.681 %).

Sources (both named by the word-level issue as allowed help):

* **wordfreq** 3.1.1 (``pip install wordfreq==3.1.1``): its German list and frequencies. wordfreq
  lower-cases and case-folds its words (ß → ss), so it gives neither the case nor the ß;
* **hunspell** with Debian's ``hunspell-de-de`` dictionary (``apt-get install hunspell
  hunspell-de-de``): a form is kept only if hunspell accepts it, lower-case if it accepts that
  (else capitalised, a noun, if it accepts that), and an "ss" becomes "ß" where hunspell accepts
  only the ß spelling ("schiesserei" → "Schießerei"; "masse" has both and is left out: its
  frequency mixes two words).

A form whose reading without umlauts is a word too (wordfreq lists it and hunspell accepts it:
"blässer"/"blasser") is left out: the corpus cannot say which of the two a text means.

The estimated count is wordfreq's frequency times the corpus's token count, at least 2 (the least
a stored form has). Forms whose any case variant the lexicon stores are left out. Read by
``korrektor.lexicon.Lexicon`` (see its ``supplement`` notes). Deterministic for the same wordfreq,
hunspell dictionaries (``de_DE``; ``de_DE-1901`` from ``apt-get install myspell-de-de-1901`` for
the protected forms) and lexicon; ~1 min:

    python scripts/build_supplement.py
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from korrektor.lexicon import Lexicon  # noqa: E402
from korrektor.compounds import _twins as umlaut_twins  # noqa: E402  (the compound analysis's)
from rapidfuzz.distance import Levenshtein  # noqa: E402

OUT = REPO / "src" / "korrektor" / "data" / "lexicon_supplement.tsv"
OUT_PROTECTED = REPO / "src" / "korrektor" / "data" / "lexicon_protected.txt"
#: wordfreq's German list, read in full (it has ~634,000 entries)
LIST_SIZE = 10**7
MIN_LENGTH = 3
MAX_SS = 2  # "ss" places tried as ß per word (more is never a German word)
MIN_PROTECTED_LENGTH = 5
_WORD_RE = re.compile(r"[a-zäöüß]+")
_PLAIN_WORD_RE = re.compile(r"[a-z]+")
FREQUENCY_RATIO = 100  # see misreadings()
TRADITIONAL = "de_DE-1901"  # Debian's myspell-de-de-1901: the spelling before 1996
_UMLAUT_OR_SZ_RE = re.compile(r"[äöüßÄÖÜ]")
_LOST = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})


def capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def sz_spellings(folded: str) -> list[str]:
    """The word as wordfreq gives it, and with each combination of its "ss" read as ß."""
    places = [m.start() for m in re.finditer("(?=ss)", folded)]
    out = [folded]
    if len(places) > MAX_SS:
        return out
    for k in range(1, len(places) + 1):
        for chosen in itertools.combinations(places, k):
            if any(b - a < 2 for a, b in zip(chosen, chosen[1:])):
                continue  # "sss": two overlapping pairs
            word = folded
            for i in reversed(chosen):
                word = word[:i] + "ß" + word[i + 2:]
            out.append(word)
    return out


def rejected_by_hunspell(words: list[str], dictionary: str = "de_DE") -> set[str]:
    """The words hunspell's ``dictionary`` does not accept (``-l`` lists them)."""
    exe = shutil.which("hunspell")
    if exe is None:
        sys.exit("hunspell is needed: apt-get install hunspell hunspell-de-de myspell-de-de-1901")
    run = subprocess.run([exe, "-d", dictionary, "-i", "utf-8", "-l"], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True)
    return set(run.stdout.split("\n"))


def stored(lexicon: Lexicon, word: str) -> bool:
    return bool(lexicon.count_ci(word) or lexicon.count_ci(capitalised(word)))


def supplement(lexicon: Lexicon) -> list[tuple[str, int]]:
    import wordfreq

    # every spelling of every folded wordfreq word the lexicon does not store in any case
    spellings: dict[str, list[str]] = {}
    for folded in wordfreq.top_n_list("de", LIST_SIZE):
        if len(folded) < MIN_LENGTH or not _WORD_RE.fullmatch(folded):
            continue
        options = sz_spellings(folded)
        if any(stored(lexicon, w) for w in options):
            continue  # the corpus has the word: its own count is better evidence
        spellings[folded] = options
    candidates = sorted({w for options in spellings.values() for w in options})
    lower_rejected = rejected_by_hunspell(candidates)
    capital_rejected = rejected_by_hunspell([capitalised(w) for w in candidates if w in lower_rejected])

    def accepted_form(word: str) -> str | None:
        if word not in lower_rejected:
            return word
        if capitalised(word) not in capital_rejected:
            return capitalised(word)
        return None

    # the words an engine without umlauts reads the candidates as ("blasser" for "blässer")
    readings = sorted({accepted.translate(_LOST).lower() for accepted in
                       filter(None, map(accepted_form, candidates))})
    listed = set(wordfreq.top_n_list("de", LIST_SIZE))
    reading_rejected = rejected_by_hunspell(readings) | rejected_by_hunspell(list(map(capitalised, readings)))

    def reading_is_a_word(form: str) -> bool:
        reading = form.translate(_LOST).lower()
        return reading in listed and (reading not in reading_rejected or capitalised(reading) not in reading_rejected)

    out = []
    for folded, options in spellings.items():
        forms = [f for f in map(accepted_form, options) if f is not None]
        if len(forms) != 1 or not _UMLAUT_OR_SZ_RE.search(forms[0]):
            continue  # none, two spellings sharing one frequency, or no umlaut/ß
        if reading_is_a_word(forms[0]):
            continue  # restoring it would be a guess between two words, without their context
        count = max(2, round(wordfreq.word_frequency(folded, "de") * lexicon.total))
        out.append((forms[0], count))
    return sorted(out)


def protected(lexicon: Lexicon, supplement_rows: list[tuple[str, int]]) -> list[str]:
    """Words to leave alone that the lexicon does not know: wordfreq lists them, hunspell accepts
    them in today's or in the traditional spelling ("braten", "Kletteranlagen"; "zuviel",
    "Schiffahrt"), at least five letters long, without umlaut or ß (a form with one is either in
    the supplement, or its umlaut-less reading is a word too and the form may be that word, misread
    by an engine: "Jähre"), and neither stored nor a compound the lexicon analyses; nor a form
    that may be a frequent word misread (see misreadings and restorations)."""
    import wordfreq

    folded = [w for w in wordfreq.top_n_list("de", LIST_SIZE)
              if len(w) >= MIN_PROTECTED_LENGTH and _PLAIN_WORD_RE.fullmatch(w)]
    candidates = sorted({f for w in folded for f in (w, capitalised(w)) if not lexicon.known(f)})
    rejected = rejected_by_hunspell(candidates) & rejected_by_hunspell(candidates, TRADITIONAL)
    accepted = [w for w in candidates if w not in rejected]
    # hunspell accepts a lower-case word capitalised too (a sentence's start), and so does the
    # lexicon: the capitalised form is kept only for a noun
    lower = set(accepted)
    accepted = [w for w in accepted if not (w[0].isupper() and w.lower() in lower)]
    shadowed = misreadings(accepted, wordfreq.get_frequency_dict("de"))
    known = {w for w, _ in supplement_rows}
    return [w for w in accepted if w not in shadowed
            and not any(lexicon.count(t) or t in known for t in restorations(w))]


def restorations(word: str) -> list[str]:
    """The word with one letter given back the umlaut or accent an engine loses ("Cafes" ->
    "Cafés"), or one "ss" as ß: where such a form is a word, ``word`` may be it, misread. The
    lexicon's own umlaut twins, and an e as é."""
    return umlaut_twins(word) + [word[:i] + "é" + word[i + 1:] for i, ch in enumerate(word) if ch == "e"]


def misreadings(forms: list[str], freq: dict[str, float]) -> set[str]:
    """The forms one letter (Levenshtein) from a word wordfreq finds at least FREQUENCY_RATIO
    times as frequent ("Kollagen"/"Kollegen", "wicht"/"nicht", "garen"/"waren"): OCR noise makes
    the rare word from the frequent one more often than a text writes it, so it is left to the
    decoder (as an unknown word) to decide in context."""
    def deletions(w: str) -> set[str]:
        return {w[:i] + w[i + 1:] for i in range(len(w))}

    floor = min(freq.get(f.lower(), 0.0) for f in forms) * FREQUENCY_RATIO if forms else 1.0
    index: dict[str, list[str]] = {}
    for w, p in freq.items():
        if p >= floor and len(w) >= MIN_PROTECTED_LENGTH - 1:
            for key in deletions(w) | {w}:
                index.setdefault(key, []).append(w)
    out = set()
    for f in forms:
        low = f.lower()
        bar = freq.get(low, 0.0) * FREQUENCY_RATIO
        near = {w for key in deletions(low) | {low} for w in index.get(key, ())}
        if any(freq[w] >= bar and w != low and Levenshtein.distance(low, w) == 1 for w in near):
            out.add(f)
    return out


def main() -> int:
    corpus = Lexicon.load(supplement=False)  # the corpus's own forms only
    rows = supplement(corpus)
    OUT.write_text("".join(f"{w}\t{c}\n" for w, c in rows), encoding="utf-8")
    print(f"{len(rows)} supplementary forms -> {OUT}", file=sys.stderr)
    words = protected(corpus, rows)
    OUT_PROTECTED.write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{len(words)} protected forms -> {OUT_PROTECTED}", file=sys.stderr)
    # the Rust core's image of the forms and counts (issue 26) includes the supplement
    from korrektor import _core
    n = _core.build_lexicon_core(str(OUT.parent), str(OUT.parent / "lexicon.core"))
    print(f"{n} forms -> {OUT.parent / 'lexicon.core'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
