"""The immutable configuration of a correction run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

__all__ = ["Config"]


@dataclass(frozen=True)
class Config:
    """Which stages run and how cautious they are. Immutable: derive variants with :meth:`with_`.

    Attributes:
        pages: read extracted pages: columns set side by side in reading order, and the
            furniture of pages that form feeds separate removed (running headers, footers and
            page numbers); with ``layout``, and not with ``keep_lines``.
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
        skip_rules: names of rules switched off (see ``korrektor.rules.registry()`` and
            docs/rules.md): their edits are not made, the rest of the stage runs. A fix run by name
            is not run at all, so the fixes after it see the text without it; of the other
            stages, the pipeline drops the changes a skipped rule made (see
            ``pipeline._without_skipped``). A set of any kind or a list is taken as a frozenset;
            an unknown name is a ``ValueError`` that lists the known ones.
    """

    pages: bool = True
    unicode: bool = True
    layout: bool = True
    keep_lines: bool = False
    typography: bool = True
    words: bool = True
    min_confidence: float = 0.5
    suggest: bool = False
    skip_rules: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be within [0, 1], not {self.min_confidence}")
        if isinstance(self.skip_rules, str):
            raise TypeError(f"skip_rules takes a set of rule names, not the string {self.skip_rules!r}")
        if not isinstance(self.skip_rules, frozenset):
            object.__setattr__(self, "skip_rules", frozenset(self.skip_rules))
        if self.skip_rules:
            from .rules import check_rule_names  # (rules gathers the stages, which import this)

            check_rule_names(self.skip_rules)

    def with_(self, **changes) -> "Config":
        """A copy with some settings changed: ``Config().with_(words=False)``."""
        return replace(self, **changes)

    def to_dict(self) -> dict:
        """The settings as JSON-ready values (``skip_rules`` a sorted list); :meth:`from_dict`
        reads them back."""
        d = asdict(self)
        d["skip_rules"] = sorted(self.skip_rules)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Config":
        names = {f.name for f in fields(cls)}
        unknown = set(d) - names
        if unknown:
            raise ValueError(f"unknown config keys: {', '.join(sorted(unknown))}")
        return cls(**d)
