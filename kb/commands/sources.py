"""`kb sources`: one line per source."""

from __future__ import annotations

import click

from kb.commands.context import engine_from
from kb.database import session_scope
from kb.output import format_option, write_rows
from kb.queries import SOURCE_COLUMNS, list_sources


@click.command("sources")
@click.option("--current", is_flag=True, help="Only the current version of each URL.")
@format_option()
@click.pass_context
def command(ctx: click.Context, current: bool, output_format: str) -> None:
    """List sources: id, title, author, language, date, parent, claim count."""
    with session_scope(engine_from(ctx)) as session:
        rows = list(list_sources(session, current_only=current))
    columns = SOURCE_COLUMNS if output_format == "table" else list(rows[0]) if rows else []
    write_rows(rows, columns or SOURCE_COLUMNS, output_format, widths={"title": 36, "origin": 30})
