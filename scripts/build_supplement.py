#!/usr/bin/env python3
"""Build ``src/korrektor/data/lexicon_supplement.tsv``: German word forms with an umlaut or ß that
the Bundestag corpus never wrote often enough to store ("Hörbüchern", "Truppführer", "Mutterkühe",
"Schießerei"), with an estimated count.

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
hunspell dictionary and lexicon; ~1 min:

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

OUT = REPO / "src" / "korrektor" / "data" / "lexicon_supplement.tsv"
#: wordfreq's German list, read in full (it has ~634,000 entries)
LIST_SIZE = 10**7
MIN_LENGTH = 3
MAX_SS = 2  # "ss" places tried as ß per word (more is never a German word)
_WORD_RE = re.compile(r"[a-zäöüß]+")
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


def rejected_by_hunspell(words: list[str]) -> set[str]:
    """The words hunspell de_DE does not accept (``-l`` lists them)."""
    exe = shutil.which("hunspell")
    if exe is None:
        sys.exit("hunspell is needed: apt-get install hunspell hunspell-de-de")
    run = subprocess.run([exe, "-d", "de_DE", "-i", "utf-8", "-l"], input="\n".join(words) + "\n",
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


def main() -> int:
    rows = supplement(Lexicon.load(supplement=False))  # the corpus's own forms only
    OUT.write_text("".join(f"{w}\t{c}\n" for w, c in rows), encoding="utf-8")
    print(f"{len(rows)} supplementary forms -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
