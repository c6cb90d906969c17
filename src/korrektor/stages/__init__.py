"""Pipeline stages. Each module exposes ``run(text, ctx) -> StageResult`` (the :class:`Stage` contract).

A stage sees the text as the previous stages left it and returns a :class:`StageResult`: its
``changes``, sorted, non-overlapping and with offsets into that text, and its ``doubts``, the
proposals it made but did not apply (below ``Config.min_confidence``, in suggest mode, or held
back), with offsets into that text as well. It never mutates anything, neither its input nor the
context nor shared state: what it has to say is in the result. The pipeline composes the changes
into the edit log against the original input and maps the doubts there. Each change and doubt
names the small fix (``rule``) that made it and its kind (a :class:`korrektor.rules.Kind`).

Each module also lists its rules in ``RULES`` (a tuple of :class:`korrektor.rules.Rule`, one per
rule name its changes can carry, with an example each repairs and one each leaves alone):
``korrektor.rules.registry()`` collects them in the pipeline's order, docs/rules.md shows them,
and ``Config.skip_rules`` switches them off by name. A stage that runs its fixes through
``edits.run_fixes`` names each fix like its rule, so that a skipped one is not run at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..edits import Edit

if TYPE_CHECKING:
    from ..pipeline import Context

__all__ = ["Stage", "StageResult"]


@dataclass(frozen=True, slots=True)
class StageResult:
    """What one stage run returns: the changes it makes and the doubts it leaves to the reader.

    Both hold edits against the text the stage saw; ``changes`` are sorted and do not overlap,
    ``doubts`` are in the order the stage found them and may overlap each other and the changes.
    """

    changes: tuple[Edit, ...] = ()
    doubts: tuple[Edit, ...] = ()


class Stage(Protocol):
    """A stage's ``run``: the text as the earlier stages left it and the run's context in, its
    :class:`StageResult` out."""

    def __call__(self, text: str, ctx: Context, /) -> StageResult: ...
