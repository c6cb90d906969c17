"""``korrektor serve`` (the HTTP service and review page) and ``korrektor diff`` (an HTML report)."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_common import config_from_options as _config
from .cli_common import config_options as _config_options
from .cli_common import correct_input, errors_option, input_format_option, warn
from .io import atomic_writer, check_writable

__all__ = ["COMMANDS", "serve", "diff"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 256),
              help="Corrections that run at once (threads per process).")
@click.option("--queue", default=64, show_default=True, type=click.IntRange(0, 100_000),
              help="Requests that may wait for a worker; more are answered 503.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds a request may take; longer is answered 504.")
@click.option("--max-body", default=2 * 1024 * 1024, show_default=True, type=click.IntRange(1, None),
              help="Largest request body in bytes; larger is answered 413.")
@click.option("--max-batch", default=100, show_default=True, type=click.IntRange(1, None),
              help="Most texts in one batch request.")
@click.option("--processes", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (each with its own workers), for more cores.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.option("--token", envvar="KORREKTOR_TOKEN", show_envvar=True, default=None, metavar="TOKEN",
              help="Answer API requests only with 'Authorization: Bearer TOKEN'. Prefer the environment "
                   "variable: a command line is visible to every user of the machine (ps).")
def serve(host, port, workers, queue, timeout, max_body, max_batch, processes, log_level, token):
    """Run the HTTP service and the review page (http://HOST:PORT/)."""
    try:
        from .service import Limits, exposure_warning
        from .service import serve as run
    except ImportError as e:
        raise click.ClickException(f"the service needs its extra packages: pip install 'korrektor[service]' ({e})")
    limits = Limits(max_body_bytes=max_body, max_batch_items=max_batch, timeout=timeout, workers=workers, queue=queue)
    token = token or None  # KORREKTOR_TOKEN= (set but empty) is no token
    message = exposure_warning(host, token)
    if message:
        warn(message)
    run(host, port, limits, processes=processes, log_level=log_level, token=token)


@click.command()
@click.argument("file", default="-")
@click.option("-o", "--output", default=None, help="Write the HTML report here (default: standard output).")
@click.option("--title", default=None, help="The report's title (default: the file name).")
@input_format_option("hOCR, ALTO and PAGE XML: report on the document's text, its pages separated "
                     "by a blank line (detected by default).")
@errors_option
@_config_options
def diff(file, output, title, input_format, errors, **opts):
    """Correct FILE and write a self-contained HTML report: original and corrected, edits highlighted."""
    from .report import render

    check_writable(output)
    result = correct_input(file, input_format, _config(**opts), errors).joined()
    if title is None:
        title = "Standardeingabe" if file == "-" else Path(file).name
    with atomic_writer(output) as out:
        out.write(render(result.input, result, title=title))
    click.echo(f"{len(result.edits)} edits, {len(result.doubts)} doubts"
               + (f" → {output}" if output and output != "-" else ""), err=True)


COMMANDS = [serve, diff]
