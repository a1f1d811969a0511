"""`kb locate`: where the database and the config live."""

from __future__ import annotations

import click

from kb.database import describe
from kb.locations import config_path


@click.command("locate")
@click.pass_context
def command(ctx: click.Context) -> None:
    """Print where the database and the config file are."""
    click.echo(f"database: {describe(ctx.find_root().obj['db_url'])}")
    path = config_path()
    click.echo(f"config:   {path}{'' if path.exists() else ' (not created yet)'}")
