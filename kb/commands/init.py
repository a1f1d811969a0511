"""`kb init`: create the knowledge base, or upgrade it to this version's schema."""

from __future__ import annotations

import click

from kb.database import DatabaseProblem, describe, make_engine, upgrade


@click.command("init")
@click.pass_context
def command(ctx: click.Context) -> None:
    """Create the database, or upgrade it in place (nothing is ever dropped)."""
    url = ctx.find_root().obj["db_url"]
    try:
        revision = upgrade(make_engine(url))
    except DatabaseProblem as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{describe(url)}: schema {revision}")
