"""What the parts share: the CLI's command line, a process-tree memory sampler, German-like test
text, and the result table every part prints."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The installed korrektor, started the same way as the tests start it (no console script needed).
CLI = [sys.executable, "-c", "import sys; from korrektor.cli import main; sys.exit(main())"]


def cli(*args) -> list[str]:
    return CLI + [str(a) for a in args]


# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class Row:
    """One measurement or check: ``ok`` is None for a number that is reported, not judged."""

    what: str
    value: str
    expect: str = ""
    ok: bool | None = None


@dataclass
class Report:
    part: str
    rows: list[Row] = field(default_factory=list)
    data: dict = field(default_factory=dict)  # raw numbers, for --json and the tests

    def add(self, what: str, value, expect: str = "", ok: bool | None = None) -> Row:
        row = Row(what, str(value), expect, ok)
        self.rows.append(row)
        return row

    @property
    def ok(self) -> bool:
        return all(r.ok is not False for r in self.rows)

    @property
    def failures(self) -> list[Row]:
        return [r for r in self.rows if r.ok is False]

    def check_source(self, before: str) -> bool:
        """Add the row that says whether korrektor's source stayed the same since ``before`` (a
        :func:`source_fingerprint`). If it changed, a difference between runs may come from the
        change: that makes failed comparisons void (run again), not passed ones."""
        same = source_fingerprint() == before
        self.add("korrektor's source unchanged during the runs", same, "True (else: run again)",
                 True if same else (None if self.ok else False))
        return same

    def print(self, file=sys.stdout) -> None:
        widths = [max([len(h)] + [len(getattr(r, a)) for r in self.rows])
                  for h, a in (("what", "what"), ("value", "value"), ("expected", "expect"))]
        code = f" (code {self.data['code']})" if "code" in self.data else ""
        print(f"\n## {self.part}{code}", file=file)
        print(f"{'what':<{widths[0]}}  {'value':<{widths[1]}}  {'expected':<{widths[2]}}  ok", file=file)
        for r in self.rows:
            mark = {True: "ok", False: "FAIL", None: ""}[r.ok]
            print(f"{r.what:<{widths[0]}}  {r.value:<{widths[1]}}  {r.expect:<{widths[2]}}  {mark}", file=file)
        print(f"-> {self.part}: {'all expectations met' if self.ok else f'{len(self.failures)} FAILED'}",
              file=file, flush=True)

    def to_dict(self) -> dict:
        return {"part": self.part, "ok": self.ok, "rows": [asdict(r) for r in self.rows], "data": self.data}


def write_json(reports: list[Report], path: str | None) -> None:
    if path:
        Path(path).write_text(json.dumps([r.to_dict() for r in reports], indent=1, ensure_ascii=False),
                              encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Memory of a process tree, from /proc (no psutil needed)


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    kids = [int(x) for x in f.read().split()]
                out += kids
                todo += kids
        except (FileNotFoundError, ProcessLookupError):
            pass
    return out


def rss_pss_kb(pid: int, pss: bool = True) -> tuple[int, int] | None:
    """(RSS, PSS) in kB. PSS divides shared pages among the processes sharing them, so the PSS of a
    forked pool adds up to what the pool really occupies (RSS counts the shared language data once
    per worker). Reading smaps_rollup walks the page tables; ``pss=False`` reads only statm."""
    try:
        if pss:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                kb = {k: int(v.split()[0]) for k, v in (ln.split(":", 1) for ln in f if ln[0].isupper())}
            return kb.get("Rss", 0), kb.get("Pss", 0)
        with open(f"/proc/{pid}/statm") as f:
            rss = int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
        return rss, rss
    except (FileNotFoundError, ProcessLookupError, PermissionError, ValueError, IndexError):
        return None


class TreeSampler:
    """Samples the memory of a process and all its descendants every ``interval`` seconds in a
    background thread: peak of the tree's summed RSS and PSS, peak RSS per process, and a time
    series of the summed PSS (to tell flat from growing)."""

    def __init__(self, pid: int, interval: float = 0.25, pss: bool = True):
        self.pid, self.interval, self.pss = pid, interval, pss
        self.peak_rss = self.peak_pss = 0
        self.per_pid: dict[int, int] = {}
        self.series: list[tuple[float, int]] = []  # (seconds since start, tree PSS kB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._start = time.monotonic()

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        rss = pss = 0
        for p in [self.pid] + descendants(self.pid):
            m = rss_pss_kb(p, self.pss)
            if m:
                rss += m[0]
                pss += m[1]
                self.per_pid[p] = max(self.per_pid.get(p, 0), m[0])
        if rss:
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.series.append((time.monotonic() - self._start, pss))

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def quarter_peaks(self, warmup: float = 0.0) -> tuple[int, int] | None:
        """Peak tree PSS in the first and the last quarter of the samples after ``warmup`` seconds
        (None when the run was too short to have quarters worth comparing)."""
        s = [v for t, v in self.series if t >= warmup]
        if len(s) < 8:
            return None
        q = len(s) // 4
        return max(s[:q]), max(s[-q:])


def mb(kb: float) -> float:
    return round(kb / 1024, 1)


# ---------------------------------------------------------------------------------------------
# German-like text, generated from a word list written for this benchmark (no corpus text).

_DET = "der die das den dem des ein eine einen einem einer diese dieser jede unsere ihre".split()
_NOUN = ("Prüfung Schüler Lösung Straße Gebäude Bürger Größe Übung Änderung Öffentlichkeit Gemeinde "
         "Regierung Bericht Haushalt Wirtschaft Zukunft Mehrheit Ausschuss Antrag Gesetz Verwaltung "
         "Förderung Behörde Hälfte Grundlage Stadt Kinder Familien Arbeit Frage Antwort Entwicklung "
         "Verantwortung Umwelt Unternehmen Jahr Woche Bahnhof Brücke Küche Mühle Gärten Bäume Häuser "
         "Märkte Flüsse Ärzte Schlüssel Vorschläge Maßnahmen Bevölkerung Gespräch Lehrer Mitglieder "
         "Überprüfung Beschäftigte Verkehr Gründe Wälder Dörfer Zuständigkeit Ergebnis").split()
_VERB = ("prüft fördert löst ändert unterstützt begründet erklärt braucht zeigt bleibt führt gehört "
         "wählt erhöht verkürzt stärkt eröffnet berücksichtigt verlängert überzeugt beschließt "
         "schützt bestätigt").split()
_ADJ = ("großen kleinen öffentlichen schwierigen wichtigen neuen häufigen künftigen natürlichen "
        "gründlichen ökologischen städtischen jährlichen zuständigen ländlichen möglichen").split()
_ADV = ("heute schon nämlich außerdem zunächst später bereits wirklich häufig gemeinsam schließlich "
        "übrigens natürlich längst").split()
_PREP = "für über mit nach gegenüber während wegen trotz zwischen unter bei vor".split()
_CONJ = "und aber oder denn weil obwohl dass".split()

# OCR damage of the kind korrektor repairs: lost umlauts and ß, "ü" read as "ii", "ö" as "6".
_LOST = str.maketrans("äöüÄÖÜ", "aouAOU")


def _damage(word: str, rnd: random.Random) -> str:
    r = rnd.random()
    if r < 0.6:
        return word.translate(_LOST).replace("ß", "B")
    if r < 0.8 and "ü" in word:
        return word.replace("ü", "ii", 1)
    if r < 0.9 and "ö" in word:
        return word.replace("ö", "6", 1)
    return word.translate(_LOST)


class GermanText:
    """Seeded generator of German-like prose laid out like an OCR'd page: sentences from the word
    lists above, lines of at most ~72 characters, some words hyphenated at the line end, some
    quotes, numbers, and OCR damage on ``damage`` of the words that have an umlaut or ß."""

    def __init__(self, seed: int = 0, damage: float = 0.1, pool: int = 4000):
        self.rnd = random.Random(seed)
        self.damage = damage
        # Documents are built from a pool of distinct paragraphs so that gigabytes can be made in
        # a minute; a corpus repeats its words anyway, and the pipeline has no paragraph cache.
        self.paragraphs = [self._paragraph() for _ in range(pool)]

    def _word(self, words: list[str]) -> str:
        w = self.rnd.choice(words)
        if self.rnd.random() < self.damage and any(c in w for c in "äöüÄÖÜß"):
            w = _damage(w, self.rnd)
        return w

    def _sentence(self) -> str:
        r, w = self.rnd, self._word
        parts = [w(_DET).capitalize(), *( [w(_ADJ)] if r.random() < 0.4 else []), w(_NOUN), w(_VERB)]
        if r.random() < 0.5:
            parts.append(w(_ADV))
        parts += [w(_PREP), w(_DET), w(_NOUN)]
        if r.random() < 0.3:
            parts[-1] += ","
            parts += [w(_CONJ), w(_DET), w(_NOUN), w(_VERB)]
        if r.random() < 0.15:
            parts += ["im", "Jahr", str(r.randint(1950, 2030))]
        if r.random() < 0.1:  # a quotation, printed („…“) or as OCR debris (,,…")
            i = r.randrange(1, len(parts))
            parts[i] = ("„" if r.random() < 0.5 else ",,") + parts[i] + ("“" if r.random() < 0.5 else '"')
        return " ".join(parts) + r.choice(".....?!")

    def _paragraph(self) -> str:
        words = " ".join(self._sentence() for _ in range(self.rnd.randint(2, 8))).split(" ")
        lines, line = [], ""
        for word in words:
            if line and len(line) + 1 + len(word) > 72:
                if len(word) >= 8 and self.rnd.random() < 0.2:  # hyphenated at the line end
                    cut = len(word) // 2
                    lines.append(f"{line} {word[:cut]}-")
                    line = word[cut:]
                    continue
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return "\n".join(lines)

    def document(self, paragraphs: int | None = None) -> str:
        n = paragraphs or self.rnd.randint(2, 8)
        return "\n\n".join(self.rnd.choice(self.paragraphs) for _ in range(n))

    def write_jsonl(self, path: Path, size: int | None = None, records: int | None = None,
                    paragraphs: int | None = None, bad_every: int = 0) -> dict:
        """JSONL records ``{"id", "text", "source"}``: about ``size`` bytes, or ``records`` lines of
        documents of ``paragraphs`` paragraphs; with ``bad_every``, every so many lines is a bad
        record (its text is a number), which batch reports and skips."""
        n = chars = written = 0
        with open(path, "w", encoding="utf-8") as f:
            while (written < size) if records is None else (n < records):
                if bad_every and n % bad_every == bad_every - 1:
                    line = json.dumps({"id": n, "text": n}) + "\n"
                else:
                    text = self.document(paragraphs)
                    chars += len(text)
                    line = json.dumps({"id": n, "text": text, "source": "generated"}, ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
                n += 1
        return {"records": n, "chars": chars, "bytes": os.path.getsize(path)}

    def write_text(self, path: Path, size: int) -> int:
        """One document of about ``size`` bytes; returns its length in characters."""
        parts, n = [], 0
        while n < size:
            p = self.rnd.choice(self.paragraphs)
            parts.append(p)
            n += len(p.encode("utf-8")) + 2
        text = "\n\n".join(parts) + "\n"
        path.write_text(text, encoding="utf-8")
        return len(text)


# ---------------------------------------------------------------------------------------------
# The code under test


def source_fingerprint() -> str:
    """Names, sizes and modification times of korrektor's files: an editable install runs whatever
    is on disk when a process starts, so outputs of runs made while someone changed the code are
    not comparable (compare the fingerprints before and after)."""
    import hashlib
    import importlib.util

    package = Path(importlib.util.find_spec("korrektor").origin).parent
    h = hashlib.sha256()
    for f in sorted(package.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            st = f.stat()
            h.update(f"{f.relative_to(package)} {st.st_size} {st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def git_state() -> str:
    """The commit of the repository and whether src/ has changes not committed."""
    def git(*args):
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" + uncommitted changes in src/" if git("status", "--porcelain", "--", "src") else "")


# ---------------------------------------------------------------------------------------------
# Odds and ends


def run_quiet(args: list[str], timeout: float, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kw)


def last_line(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1][:160] if lines else ""
