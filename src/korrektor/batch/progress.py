"""The status line on a terminal."""

from __future__ import annotations

import sys
import time

class Progress:
    """One status line on stderr (documents, characters/s, ETA), only when stderr is a
    terminal: pipes, logs and CI stay quiet."""

    def __init__(self, enabled: bool | None, total: int | None, unit: str = "docs"):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total, self.unit = total, unit
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, docs: int, chars: int, done: int | None = None, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        line = f"\r{docs:>9,} {self.unit}  {chars / elapsed / 1000:>7,.1f}k chars/s"
        if self.total and done:
            frac = min(done / self.total, 1.0)
            eta = elapsed * (1 - frac) / max(frac, 1e-9)
            line += f"  {frac:6.1%}  ETA {int(eta) // 3600}:{int(eta) // 60 % 60:02d}:{int(eta) % 60:02d}"
        sys.stderr.write(line + "  ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()
