"""The immutable configuration of a correction run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

__all__ = ["Config"]


@dataclass(frozen=True)
class Config:
    """Which stages run and how cautious they are. Immutable: derive variants with :meth:`with_`.

    Attributes:
        unicode: repair encoding damage: NFC, control characters, soft hyphens, ligatures, mojibake.
        layout: join the lines of a paragraph, rebuild paragraphs torn by the page layout and
            remove line-end hyphenation where the joined word is right.
        keep_lines: with ``layout``, keep the input's line breaks (hyphenation is still repaired
            only where a line break would stay valid, i.e. never).
        typography: restore German quotation marks, dashes and ellipses from OCR debris.
        words: correct damaged words (lost umlauts, look-alike glyphs, real-word errors).
        min_confidence: word corrections below this confidence are not applied but reported
            as doubts (``Result.doubts``).
        suggest: report word corrections as doubts instead of applying them.
    """

    unicode: bool = True
    layout: bool = True
    keep_lines: bool = False
    typography: bool = True
    words: bool = True
    min_confidence: float = 0.5
    suggest: bool = False

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be within [0, 1], not {self.min_confidence}")

    def with_(self, **changes) -> "Config":
        """A copy with some settings changed: ``Config().with_(words=False)``."""
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Config":
        names = {f.name for f in fields(cls)}
        unknown = set(d) - names
        if unknown:
            raise ValueError(f"unknown config keys: {', '.join(sorted(unknown))}")
        return cls(**d)
