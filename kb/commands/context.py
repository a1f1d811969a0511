"""What every command needs from the group: the database, opened with a one-line error."""

from __future__ import annotations

import click
from sqlalchemy.engine import Engine

from kb.config import Config, ConfigError, load_config
from kb.database import DatabaseProblem, open_engine


def engine_from(ctx: click.Context) -> Engine:
    url = ctx.find_root().obj["db_url"]
    try:
        return open_engine(url)
    except DatabaseProblem as exc:
        raise click.ClickException(str(exc)) from exc


def config_from(ctx: click.Context) -> Config:
    try:
        return load_config()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
