"""`kb ingest`: read articles into the knowledge base, then extract and check what is new."""

from __future__ import annotations

import sys

import click

import ingest as readers
from kb.commands.context import config_from, engine_from
from kb.pipeline import IngestLocked, IngestSummary, run_ingest


@click.command("ingest")
@click.argument("inputs", nargs=-1)
@click.option(
    "--sources",
    "sources_file",
    type=click.Path(dir_okay=False),
    help="A TOML list of feeds, URLs and folders (for scheduled runs).",
)
@click.option("--max-bytes", type=int, help="Largest input to read (default 20 MB).")
@click.option("--timeout", type=float, help="Seconds to wait for a URL.")
@click.option("--quiet", "-q", is_flag=True, help="Only errors and the summary line.")
@click.pass_context
def command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    sources_file: str | None,
    max_bytes: int | None,
    timeout: float | None,
    quiet: bool,
) -> None:
    """Ingest files, folders, URLs and RSS/Atom feeds (each input once).

    Exit status: 0 when every input went in (or was unchanged), 1 when some failed,
    2 for usage errors. Safe to run from cron: a second run on the same SQLite database
    exits with a message instead of overlapping.
    """
    all_inputs = list(inputs)
    if sources_file:
        try:
            all_inputs += readers.load_sources_file(sources_file)
        except (OSError, ValueError) as exc:
            raise click.UsageError(f"{sources_file}: {exc}") from exc
    if not all_inputs:
        raise click.UsageError("name at least one file, folder, URL or feed, or --sources FILE")
    config = config_from(ctx)
    settings = dict(config.ingest)
    if max_bytes is not None:
        settings["max_bytes"] = max_bytes
    if timeout is not None:
        settings["timeout"] = timeout
    options = readers.ReadOptions(**settings) if settings else None
    check_config = _check_config(config.check_bands)
    engine = engine_from(ctx)
    interactive = sys.stderr.isatty() and not quiet
    try:
        summary = run_ingest(
            engine,
            all_inputs,
            options=options,
            check_config=check_config,
            progress=_show_progress if interactive else None,
            command="kb ingest " + " ".join(all_inputs),
        )
    except IngestLocked as exc:
        raise click.ClickException(str(exc)) from exc
    if interactive:
        click.echo("\r\x1b[K", nl=False, err=True)
    for failure in summary.errors:
        click.echo(f"error: {_one_line(str(failure))}", err=True)
    click.echo(summary.line)
    ctx.exit(1 if summary.failed else 0)


def _check_config(bands: dict[str, object]) -> object:
    if not bands:
        return None
    import checks

    try:
        return checks.load_config({"bands": bands})
    except ValueError as exc:
        raise click.ClickException(f"config [checks.bands]: {exc}") from exc


def _show_progress(summary: IngestSummary, name: str) -> None:
    done = summary.added + summary.new_versions + summary.unchanged + summary.failed
    added = summary.added + summary.new_versions
    line = f"[{done}] +{added} ={summary.unchanged} !{summary.failed}  {name}"
    click.echo("\r\x1b[K" + _one_line(line)[:100], nl=False, err=True)


def _one_line(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text)
