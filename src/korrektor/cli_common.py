"""What every command of the ``korrektor`` CLI shares: the options that build a :class:`Config`.

Its own module, so that the command modules of each area (``cli_batch``, ``cli_formats``,
``cli_service``) and ``cli`` itself can import it without importing each other.
"""

from __future__ import annotations

import click

from .config import Config
from .io import ERRORS

__all__ = ["config_options", "config_from_options", "errors_option", "warn"]


#: ``--errors``: how the commands that read text decode bytes that are not UTF-8 (see korrektor.io)
errors_option = click.option(
    "--errors", type=click.Choice(ERRORS), default="strict", show_default=True,
    help="Bytes that are not UTF-8: stop with the offset (strict), or read them as U+FFFD and warn (replace).")


def warn(message: str) -> None:
    """A warning on standard error (e.g. about bytes read as U+FFFD)."""
    click.echo(f"korrektor: warning: {message}", err=True)


def config_options(f):
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


def config_from_options(keep_lines, no_layout, no_typography, no_words, min_confidence, suggest, **_) -> Config:
    return Config(layout=not no_layout, keep_lines=keep_lines, typography=not no_typography,
                  words=not no_words, min_confidence=min_confidence, suggest=suggest)
