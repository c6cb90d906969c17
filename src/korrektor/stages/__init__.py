"""Pipeline stages. Each module exposes ``run(text, ctx) -> list[Edit]``.

A stage sees the text as the previous stages left it and returns sorted, non-overlapping changes
against that text (offsets into it). It never mutates anything; the pipeline composes the changes
into the edit log against the original input. Each change names the small fix (``rule``) that made it
and its kind (a :class:`korrektor.rules.Kind`).

Each module also lists its rules in ``RULES`` (a tuple of :class:`korrektor.rules.Rule`, one per
rule name its changes can carry, with an example each repairs and one each leaves alone):
``korrektor.rules.registry()`` collects them in the pipeline's order, docs/rules.md shows them,
and ``Config.skip_rules`` switches them off by name. A stage that runs its fixes through
``edits.run_fixes`` names each fix like its rule, so that a skipped one is not run at all.
"""
