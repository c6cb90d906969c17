"""The ``korrektor`` command: a thin layer over the library API."""

from __future__ import annotations

import json
import sys
from collections import defaultdict

import click

from . import __version__
from .config import Config
from .evaluate import format_table, pages_worse, score_page, summarize
from .io import InputError, atomic_writer, iter_jsonl, read_text
from .pipeline import correct as correct_text


def _config_options(f):
    """The options every correcting command shares; they build a :class:`Config`."""
    options = [
        click.option("--keep-lines", is_flag=True, help="Keep the input's line breaks."),
        click.option("--no-layout", is_flag=True, help="Do not join lines or repair hyphenation."),
        click.option("--no-typography", is_flag=True, help="Do not restore quotes and dashes."),
        click.option("--no-words", is_flag=True, help="Do not correct words."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=Config.min_confidence,
                     show_default=True, help="Report, but do not apply, word corrections below this."),
        click.option("--suggest", is_flag=True, help="Report word corrections, do not apply them."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _config(keep_lines, no_layout, no_typography, no_words, min_confidence, suggest, **_) -> Config:
    return Config(layout=not no_layout, keep_lines=keep_lines, typography=not no_typography,
                  words=not no_words, min_confidence=min_confidence, suggest=suggest)


class _Group(click.Group):
    """Turns :class:`InputError` into a one-line message and exit status 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InputError as e:
            click.echo(f"korrektor: error: {e}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="korrektor")
def main():
    """Restore German text damaged by OCR and PDF extraction."""


@main.command()
@click.argument("file", default="-")
@click.option("-o", "--output", default=None, help="Write here (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_config_options
def correct(file, output, fmt, **opts):
    """Correct FILE (or standard input) and print the corrected text."""
    result = correct_text(read_text(file), _config(**opts))
    with atomic_writer(output) as out:
        if fmt == "json":
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        else:
            out.write(result.text)


@main.command()
@click.argument("file", default="-")
@_config_options
def explain(file, **opts):
    """Correct FILE and list every edit: where, what, why and how sure."""
    text = read_text(file)
    result = correct_text(text, _config(**opts))
    for e in result.edits:
        line = text.count("\n", 0, e.start) + 1
        alts = f"  (or: {', '.join(map(repr, e.alternatives))})" if e.alternatives else ""
        click.echo(f"{line:>5}:{e.start:<7} {e.kind:<12} {e.before!r} → {e.after!r}  "
                   f"[{e.rule}, {e.confidence:.2f}]{alts}")
    for e in result.doubts:
        line = text.count("\n", 0, e.start) + 1
        click.echo(f"{line:>5}:{e.start:<7} {'doubt':<12} {e.before!r} → {e.after!r}?  "
                   f"[{e.rule}, {e.confidence:.2f}] not applied")
    click.echo(f"{len(result.edits)} edits, {len(result.doubts)} doubts", err=True)


@main.command()
@click.argument("infile")
@click.option("-o", "--output", required=True, help="Output JSONL (- for standard output).")
@click.option("--field", default="text", show_default=True, help="The record field holding the text.")
@click.option("--with-edits", is_flag=True, help="Add the edit log to each record as 'edits'.")
@_config_options
def batch(infile, output, field, with_edits, **opts):
    """Correct the FIELD of every record of a JSONL file; other fields pass through, order is kept."""
    config = _config(**opts)
    with atomic_writer(output) as out:
        for lineno, record in iter_jsonl(infile):
            value = record.get(field)
            if not isinstance(value, str):
                what = "has no" if field not in record else f"has a {type(value).__name__} in its"
                raise InputError(f"{infile}, line {lineno}: the record {what} field {field!r}")
            result = correct_text(value, config)
            record[field] = result.text
            if with_edits:
                record["edits"] = [e.to_dict() for e in result.edits]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


@main.command(name="eval")
@click.argument("pairs", nargs=-1, required=True)
@click.option("--hyp", default=None, help="Score this field as the correction (default: run korrektor on the OCR).")
@click.option("--ocr-field", default="ocr", show_default=True)
@click.option("--gt-field", default="gt", show_default=True)
@click.option("--by", default="lang", show_default=True, help="Group by these fields (comma-separated, dotted paths).")
@click.option("--json", "json_out", default=None, help="Also write the summaries as JSON here.")
@_config_options
def evaluate(pairs, hyp, ocr_field, gt_field, by, json_out, **opts):
    """Score OCR and its correction against ground truth: CER, WER, error categories, pages made worse."""
    config = _config(**opts)
    keys = [k for k in by.split(",") if k]
    raw, fixed = defaultdict(list), defaultdict(list)
    for path in pairs:
        for lineno, rec in iter_jsonl(path):
            for f in (ocr_field, gt_field) + ((hyp,) if hyp else ()):
                if not isinstance(rec.get(f), str):
                    raise InputError(f"{path}, line {lineno}: the record has no text field {f!r}")
            group = "/".join(str(_get(rec, k)) for k in keys) or "all"
            hypothesis = rec[hyp] if hyp else correct_text(rec[ocr_field], config).text
            for g in (group, "ALL") if keys else ("all",):
                raw[g].append(score_page(rec[gt_field], rec[ocr_field]))
                fixed[g].append(score_page(rec[gt_field], hypothesis))
    name = hyp or "korrektor"
    order = sorted(k for k in raw if k != "ALL") + (["ALL"] if "ALL" in raw else [])
    groups = {g: {"ocr": summarize(raw[g]), name: summarize(fixed[g])} for g in order}
    worse = {g: pages_worse(raw[g], fixed[g]) for g in order}
    click.echo(format_table(groups, worse))
    if json_out:
        with atomic_writer(json_out) as out:
            json.dump({g: {s: v.to_dict() for s, v in d.items()} | {"pages_worse": worse[g]}
                       for g, d in groups.items()}, out, indent=1, ensure_ascii=False)


def _get(record: dict, path: str):
    for key in path.split("."):
        record = record.get(key) if isinstance(record, dict) else None
    return record


def _register_extensions() -> None:
    """Commands that live in their own modules (each area owns its module): a module
    ``korrektor.cli_<area>`` exposes ``COMMANDS``, a list of click commands."""
    import importlib

    for area in ("batch", "formats", "service"):
        try:
            module = importlib.import_module(f"korrektor.cli_{area}")
        except ModuleNotFoundError as e:
            if e.name != f"korrektor.cli_{area}":
                raise
            continue
        for command in module.COMMANDS:
            main.add_command(command)


_register_extensions()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
