"""`kb stats`: how much the knowledge base holds."""

from __future__ import annotations

import click

from kb.commands.context import engine_from
from kb.database import session_scope
from kb.output import format_option, write_rows
from kb.queries import stats


@click.command("stats")
@format_option()
@click.pass_context
def command(ctx: click.Context, output_format: str) -> None:
    """Count sources, claims, findings by verdict, reviews and ingest runs."""
    with session_scope(engine_from(ctx)) as session:
        counts = stats(session)
    if output_format == "table":
        width = max(len(k) for k in counts)
        for key, value in counts.items():
            click.echo(f"{key.ljust(width)}  {value}")
    else:
        write_rows([counts], list(counts), output_format)
