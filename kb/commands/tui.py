"""`kb tui`: open the browser.

The browser lives in `tui/`, a layer above `kb/`. This command is the one place the CLI
reaches up into it, and it does so lazily with `importlib` (as `kb.cli` loads every command),
so `kb --help`, cron runs of `kb ingest` and the core packages never load Textual.
"""

from __future__ import annotations

import getpass
import importlib

import click

from kb.database import DatabaseProblem, open_engine
from kb.locations import config_path


@click.command(name="tui")
@click.option(
    "--reviewer",
    default=None,
    metavar="NAME",
    help="Name stored with your reviews. Default: your login name.",
)
@click.pass_context
def command(ctx: click.Context, reviewer: str | None) -> None:
    """Browse claims, their findings and sources, and record reviews (press ? for keys).

    Keys can be remapped in the config file (see `kb locate`), section [tui.keys], e.g.
    "claims.search" = "ctrl+f".
    """
    keymap_module = importlib.import_module("tui.keymap")
    try:
        keymap = keymap_module.load_keymap(config_path())
    except keymap_module.KeymapError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        engine = open_engine(ctx.obj["db_url"])
    except DatabaseProblem as exc:
        raise click.ClickException(str(exc)) from exc
    app_module = importlib.import_module("tui.app")
    app = app_module.ClaimKBApp(engine, keymap=keymap, reviewer=reviewer or _login_name())
    try:
        app.run()
    finally:
        engine.dispose()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
