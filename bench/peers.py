#!/usr/bin/env python3
"""Peer spell checkers next to korrektor, on the same OCR/ground-truth pairs and the same scoring.

    python bench/peers.py                                  # ../shared/bench/dev.jsonl, all systems
    python bench/peers.py PAIRS.jsonl ... [--limit N] [--systems ocr,korrektor,hunspell]
                          [--pyspell-limit N] [--check-fragments] [--json out.json]

Systems (rows of the table, per OCR language `lang`):

* ``ocr``: the raw OCR, the baseline every reduction is relative to;
* ``korrektor``: ``korrektor.correct(ocr).text``;
* ``symspell``: symspellpy, dictionary = wordfreq's 200,000 most frequent German words with their
  frequencies, max. edit distance 2, ``lookup(word, Verbosity.TOP)``;
* ``pyspellchecker`` (``pyspell`` in the table): ``SpellChecker(language="de")``, its ``correction``
  for unknown words (with a deterministic tie-break, see ``PySpellChecker``); slow, so by default
  it only gets the first ``--pyspell-limit`` pages of each language, and its rows are then shown
  in extra groups ``LANG@N`` where every system is scored on those same pages;
* ``hunspell``: the ``hunspell`` command line with Debian's de_DE dictionary in pipe mode (``-a``),
  first suggestion for each misspelled word.

The peers correct word by word, without context: each page is split on whitespace (kept as is),
leading/trailing punctuation is kept around the word, hyphen- or slash-joined compounds are
corrected part by part, and tokens with digits, all-caps tokens, one-letter words, URLs and e-mail
addresses are left alone (as korrektor leaves them alone), and so are the two halves of a word
hyphenated at a line end (``--check-fragments`` lets the peers at them too: they then mangle them).
A peer's dictionary is lower-case, so a replacement gets the original token's initial capital.
Corrections are context-free, so each peer corrects every distinct word once (a cache), and the
speed is measured over the whole run.

Output: the table of ``korrektor.evaluate.format_table`` per `lang` (CER reduction relative to the raw
OCR), then pages made worse and speed (OCR chars/s, set-up seconds) per system, then per `lang` each
peer's CER reduction and korrektor's reduction divided by the best peer's (the target is >= 3x).
All scores are deterministic; the speeds are not.

Install the peers (none of them downloads anything at run time):

    apt-get update && apt-get install -y hunspell hunspell-de-de
    python -m pip install -r bench/requirements-peers.txt

JamSpell is not included: it needs a separately downloaded language model.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from korrektor.evaluate import PageScore, Summary, format_table, pages_worse, score_page, summarize

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "dev.jsonl"
SYSTEMS = ("ocr", "korrektor", "symspell", "pyspellchecker", "hunspell")
PEERS = ("symspell", "pyspellchecker", "hunspell")
LABEL = {"pyspellchecker": "pyspell"}  # names in the table
PYSPELL_LIMIT = 25  # pages per language: pyspellchecker needs ~1 s per unknown word at edit distance 2

# ----------------------------------------------------------------------------------------------
# Tokenisation shared by the peers


_SPACE = re.compile(r"(\s+)")
_JOINER = re.compile(r"([-/])")  # compound parts are corrected one by one


def _is_url(token: str) -> bool:
    low = token.lower()
    return "://" in low or low.startswith("www.") or "@" in token


def _strip(token: str) -> tuple[str, str, str]:
    """Split a whitespace token into leading punctuation, the word and trailing punctuation."""
    i, j = 0, len(token)
    while i < j and not token[i].isalnum():
        i += 1
    while j > i and not token[j - 1].isalnum():
        j -= 1
    return token[:i], token[i:j], token[j:]


def is_checkable(word: str) -> bool:
    """A word a peer may correct: two letters or more, no digits, not all caps."""
    return (len(word) >= 2 and any(c.isalpha() for c in word) and not any(c.isdigit() for c in word)
            and not word.isupper())


LINE_END_HYPHENS = "-\u00ad\u2010\u2011\u00ac"


Plan = dict[int, tuple[str, list[str], str, list[int]]]


def _plan(text: str, fragments: bool = False) -> tuple[list[str], Plan]:
    """Split `text` into tokens and whitespace; for each token with words a peer may correct:
    (leading punctuation, the word split at hyphens and slashes, trailing punctuation, indices of
    the checkable pieces). Unless `fragments`, the two halves of a word hyphenated at a line end
    (``Abstim-`` / ``mung``) are left alone: a spell checker that sees them separately only mangles
    them, and joining them is not its job."""
    parts = _SPACE.split(text)  # even indices: tokens; odd: the whitespace between them
    plan: Plan = {}
    carry = False  # the previous token ended a line with a hyphen
    for i in range(0, len(parts), 2):
        token, protect_first, carry = parts[i], carry, False
        if not token or _is_url(token):
            continue
        lead, core, trail = _strip(token)
        if not fragments and i + 1 < len(parts) and "\n" in parts[i + 1] and trail[-1:] in LINE_END_HYPHENS:
            carry = True
        if not core or any(c.isdigit() for c in core):
            continue
        pieces = _JOINER.split(core)
        check = [k for k in range(0, len(pieces), 2) if is_checkable(pieces[k])]
        if not fragments:
            check = [k for k in check if not (protect_first and k == 0 and not lead)
                     and not (carry and k == len(pieces) - 1)]
        if check:
            plan[i] = (lead, pieces, trail, check)
    return parts, plan


def words_of(text: str, fragments: bool = False) -> Iterable[str]:
    """The words of `text` a peer is asked about (with repetitions)."""
    for _, pieces, _, check in _plan(text, fragments)[1].values():
        for k in check:
            yield pieces[k]


def rewrite(text: str, fixes: dict[str, str], fragments: bool = False) -> str:
    """`text` with every checkable word replaced by ``fixes[word]`` (words not in `fixes` stay)."""
    parts, plan = _plan(text, fragments)
    for i, (lead, pieces, trail, check) in plan.items():
        for k in check:
            pieces[k] = fixes.get(pieces[k], pieces[k])
        parts[i] = lead + "".join(pieces) + trail
    return "".join(parts)


def match_case(original: str, replacement: str) -> str:
    """`replacement` (from a lower-case dictionary) with the initial capital of `original`."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# ----------------------------------------------------------------------------------------------
# The peers: each maps the distinct words of the run to their corrections.


class Peer:
    name = "peer"

    def fix_all(self, words: list[str]) -> dict[str, str]:
        """Corrections of the distinct `words`; only words that change need to be in the result."""
        raise NotImplementedError

    def version(self) -> str:
        return ""


class SymSpellPeer(Peer):
    """symspellpy with a German frequency dictionary from wordfreq.

    wordfreq casefolds its words (ß → ss), so a word is looked up casefolded, a word whose casefold
    is in the dictionary is kept as it is (``Straße`` stays), and a suggestion keeps ``ss``.
    """

    name = "symspell"

    def __init__(self, n_words: int = 200_000, max_edit_distance: int = 2):
        import wordfreq
        from symspellpy import SymSpell, Verbosity

        self.verbosity = Verbosity.TOP
        self.max_edit_distance = max_edit_distance
        self.sym = SymSpell(max_dictionary_edit_distance=max_edit_distance, prefix_length=7)
        for word in wordfreq.top_n_list("de", n_words):
            if any(c.isalpha() for c in word) and not any(c.isdigit() for c in word):
                count = max(1, round(wordfreq.word_frequency(word, "de") * 1e9))
                self.sym.create_dictionary_entry(word, count)

    def fix_all(self, words: list[str]) -> dict[str, str]:
        known = self.sym.words
        out = {}
        for word in words:
            key = word.casefold()
            if key in known:
                continue
            suggestions = self.sym.lookup(key, self.verbosity, max_edit_distance=self.max_edit_distance)
            if suggestions and suggestions[0].term != key:
                out[word] = match_case(word, suggestions[0].term)
        return out

    def version(self) -> str:
        return f"symspellpy {metadata.version('symspellpy')}, wordfreq {metadata.version('wordfreq')}"


class PySpellChecker(Peer):
    """pyspellchecker's German dictionary, ``correction`` for the words it does not know.

    ``SpellChecker.correction`` takes ``max`` over a set, so among equally frequent candidates the
    winner depends on the string hash seed; this does the same selection (candidates with the same
    letters up to diacritics first, then the most frequent) over the sorted candidates instead.
    """

    name = "pyspellchecker"

    def __init__(self):
        from spellchecker import SpellChecker

        self.sc = SpellChecker(language="de")  # distance=2, case-insensitive

    @staticmethod
    def _no_diacritics(s: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

    def correction(self, word: str) -> str | None:
        candidates = self.sc.candidates(word)
        if not candidates:
            return None
        candidates = sorted(candidates)
        bare = self._no_diacritics(word)
        same = [c for c in candidates if self._no_diacritics(c) == bare]
        return max(same or candidates, key=self.sc.word_usage_frequency)

    def fix_all(self, words: list[str]) -> dict[str, str]:
        out = {}
        for word in words:
            low = word.lower()
            if low in self.sc:
                continue
            best = self.correction(low)
            if best and best != low:
                out[word] = match_case(word, best)
        return out

    def version(self) -> str:
        return f"pyspellchecker {metadata.version('pyspellchecker')}"


class HunspellPeer(Peer):
    """The hunspell command line in pipe mode (``hunspell -d de_DE -i utf-8 -a``), one run for all words.

    Each word goes on its own line, prefixed with ``^`` so that no word is read as a command. A
    word that hunspell itself splits into several words is left alone; a misspelled word (``&``)
    gets the first suggestion, as hunspell cases it; a word without suggestions (``#``) stays.
    """

    name = "hunspell"

    def __init__(self, dictionary: str = "de_DE"):
        self.exe = shutil.which("hunspell")
        if not self.exe:
            raise RuntimeError("no hunspell command (apt-get install hunspell hunspell-de-de)")
        self.cmd = [self.exe, "-d", dictionary, "-i", "utf-8", "-a"]
        probe = self._run(["Haus"])  # fails here if the dictionary is missing
        if probe != [["*"]]:
            raise RuntimeError(f"hunspell -d {dictionary} does not work as expected: {probe!r}")

    def _run(self, words: list[str]) -> list[list[str]]:
        """hunspell's result lines for each word."""
        if any("\n" in w or "\r" in w for w in words):
            raise ValueError("words must not contain line breaks")
        env = dict(os.environ, LC_ALL="C.UTF-8")
        proc = subprocess.run(self.cmd, input="".join(f"^{w}\n" for w in words), capture_output=True,
                              text=True, encoding="utf-8", env=env, check=False)
        lines = proc.stdout.split("\n")
        if proc.returncode != 0 or not lines or not lines[0].startswith("@(#)"):
            raise RuntimeError(f"hunspell failed ({proc.returncode}): {proc.stderr.strip()[:300]}")
        results: list[list[str]] = []
        current: list[str] = []
        for line in lines[1:]:
            if line == "":
                results.append(current)
                current = []
            else:
                current.append(line)
        results = results[: len(words)]
        if len(results) != len(words):
            raise RuntimeError(f"hunspell answered for {len(results)} of {len(words)} words")
        return results

    def fix_all(self, words: list[str]) -> dict[str, str]:
        out = {}
        for word, result in zip(words, self._run(words)):
            if len(result) == 1 and result[0].startswith("& "):
                head, _, suggestions = result[0].partition(": ")
                first = suggestions.split(", ")[0].strip()
                if first and first != word and head.split(" ")[1] == word:
                    out[word] = first
        return out

    def version(self) -> str:
        banner = subprocess.run([self.exe, "-v"], capture_output=True, text=True).stdout.splitlines()
        dic = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "hunspell-de-de"], capture_output=True,
                             text=True).stdout if shutil.which("dpkg-query") else ""
        return (banner[0].split("(but really ")[-1].rstrip(")") if banner else "hunspell") + (
            f", hunspell-de-de {dic}" if dic else "")


PEER_CLASSES: dict[str, Callable[[], Peer]] = {
    "symspell": SymSpellPeer, "pyspellchecker": PySpellChecker, "hunspell": HunspellPeer}


# ----------------------------------------------------------------------------------------------
# Running and scoring


def run_peer(peer: Peer, texts: list[str], fragments: bool = False) -> list[str]:
    words = sorted({w for t in texts for w in words_of(t, fragments)})
    fixes = peer.fix_all(words)
    return [rewrite(t, fixes, fragments) for t in texts]


def per_lang(records: list[dict], limit: int | None) -> dict[str, list[dict]]:
    """The records by `lang` (sorted), each at most `limit` long, in file order."""
    by: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        if limit is None or len(by[r["lang"]]) < limit:
            by[r["lang"]].append(r)
    return {lang: by[lang] for lang in sorted(by)}


def ratio_line(lang: str, summaries: dict[str, Summary]) -> str:
    base = summaries["ocr"].cer

    def red(system: str) -> float:
        return 1 - summaries[system].cer / base if base else 0.0

    peers = [p for p in PEERS if p in summaries]
    text = f"{lang}: CER reduction " + ", ".join(f"{p} {100 * red(p):.1f}%" for p in peers)
    if "korrektor" in summaries:
        text += f"; korrektor {100 * red('korrektor'):.1f}%"
        if peers:
            best = max(peers, key=red)
            if red(best) > 0:
                text += f" = {red('korrektor') / red(best):.2f}x the best peer ({best}; target >= 3x)"
            else:
                text += f" (no peer reduces the CER; best: {best} {100 * red(best):.1f}%)"
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", nargs="*", default=[str(DEFAULT)], help="JSONL files of OCR/ground-truth pairs")
    ap.add_argument("--limit", type=int, default=None, help="pages per lang (default: all)")
    ap.add_argument("--pyspell-limit", type=int, default=PYSPELL_LIMIT,
                    help=f"pages per lang for pyspellchecker (default {PYSPELL_LIMIT}; 0 = as --limit)")
    ap.add_argument("--systems", default=",".join(SYSTEMS),
                    help=f"comma-separated, from {','.join(SYSTEMS)} (ocr is always included)")
    ap.add_argument("--check-fragments", action="store_true",
                    help="let the peers also correct the halves of words hyphenated at a line end")
    ap.add_argument("--json", default=None, help="write summaries, pages worse and speeds here")
    args = ap.parse_args(argv)

    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        ap.error(f"unknown system(s) {unknown}; choose from {','.join(SYSTEMS)}")
    systems = ["ocr"] + [s for s in SYSTEMS[1:] if s in systems]

    records = [json.loads(line) for p in args.pairs for line in open(p, encoding="utf-8") if line.strip()]
    by_lang = per_lang(records, args.limit)
    pages = [r for rs in by_lang.values() for r in rs]
    py_limit = args.pyspell_limit or None
    if args.limit is not None and py_limit is not None:
        py_limit = min(py_limit, args.limit)
    py_by_lang = per_lang(pages, py_limit)
    py_subset = any(len(py_by_lang[lang]) < len(by_lang[lang]) for lang in by_lang)

    outputs: dict[str, dict[int, str]] = {"ocr": {id(r): r["ocr"] for r in pages}}
    speed: dict[str, dict] = {}
    notes: list[str] = []
    for system in systems[1:]:
        subset = [r for rs in py_by_lang.values() for r in rs] if system == "pyspellchecker" else pages
        texts = [r["ocr"] for r in subset]
        chars = sum(map(len, texts))
        t0 = time.perf_counter()
        try:
            if system == "korrektor":
                import korrektor

                korrektor.correct("Die Prasidentin ist zuriickgetreten.")  # loads the language data
                t1 = time.perf_counter()
                setup, version = t1 - t0, f"korrektor {metadata.version('korrektor')}"
                hyps = [korrektor.correct(t).text for t in texts]
            else:
                peer = PEER_CLASSES[system]()
                t1 = time.perf_counter()
                setup, version = t1 - t0, peer.version()
                hyps = run_peer(peer, texts, args.check_fragments)
        except (ImportError, RuntimeError, OSError) as exc:
            notes.append(f"SKIPPED {system}: {exc}")
            print(notes[-1], file=sys.stderr)
            continue
        elapsed = time.perf_counter() - t1
        outputs[system] = {id(r): h for r, h in zip(subset, hyps)}
        speed[system] = {"version": version, "pages": len(subset), "chars": chars, "setup_s": round(setup, 2),
                         "run_s": round(elapsed, 2), "chars_per_s": round(chars / max(elapsed, 1e-9))}
        print(f"[{system}: {len(subset)} pages in {setup:.1f} s set-up + {elapsed:.1f} s]", file=sys.stderr)

    # groups: each lang on all its pages (pyspellchecker only if it ran on all of them), and, when
    # pyspellchecker ran on fewer pages, each lang on those pages with every system
    groups: dict[str, dict[str, Summary]] = {}
    worse: dict[str, dict[str, int]] = {}
    group_sets = [(lang, rs, False) for lang, rs in by_lang.items()]
    if "pyspellchecker" in outputs and py_subset:
        group_sets += [(f"{lang}@{len(rs)}", rs, True) for lang, rs in py_by_lang.items()]
    for group, rs, with_py in group_sets:
        scores: dict[str, list[PageScore]] = {}
        for system in systems:
            if system not in outputs or (system == "pyspellchecker" and py_subset and not with_py):
                continue
            scores[system] = [score_page(r["gt"], outputs[system][id(r)]) for r in rs]
        groups[group] = {s: summarize(v) for s, v in scores.items()}
        worse[group] = {s: pages_worse(scores["ocr"], v) for s, v in scores.items() if s != "ocr"}

    # format_table's system column is 12 wide: "pyspellchecker" is shown as "pyspell"
    print(format_table({g: {LABEL.get(s, s): v for s, v in d.items()} for g, d in groups.items()}))
    print()
    print(f"{'group':<14}{'system':<16}{'worse':>6}{'pages':>7}{'chars/s':>11}{'set-up s':>10}  version")
    for group, by_system in worse.items():
        for system, n in by_system.items():
            sp = speed[system]
            print(f"{group:<14}{system:<16}{n:>6}{groups[group][system].pages:>7}"
                  f"{sp['chars_per_s']:>11,}{sp['setup_s']:>10.1f}  {sp['version']}")
    print("(worse = pages with more character errors than the raw OCR; chars/s = OCR characters per second"
          " of correction, after set-up, over the system's pages; the peers correct each distinct word once)")
    print()
    for group in groups:
        print(ratio_line(group, groups[group]))
    if py_subset and "pyspellchecker" in outputs:
        n = max(len(v) for v in py_by_lang.values())
        print(f"(pyspellchecker ran on the first {n} pages per lang only (--pyspell-limit), so it is"
              " compared in the LANG@N groups; --pyspell-limit 0 runs it on all pages)")
    print("(JamSpell not included: it needs a separately downloaded language model)")
    for note in notes:
        print(note)

    if args.json:
        out = {"pairs": args.pairs, "limit": args.limit, "pyspell_limit": py_limit,
               "check_fragments": args.check_fragments, "speed": speed, "notes": notes,
               "groups": {g: {s: v.to_dict() | {"pages_worse": worse[g].get(s)} for s, v in d.items()}
                          for g, d in groups.items()}}
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
