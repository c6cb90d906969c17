"""Pipeline stages. Each module exposes ``run(text, ctx) -> list[Edit]``.

A stage sees the text as the previous stages left it and returns sorted, non-overlapping changes
against that text (offsets into it). It never mutates anything; the pipeline composes the changes
into the edit log against the original input. Each change names the small fix (``rule``) that made it.
"""
