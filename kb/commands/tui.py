"""`kb tui`: open the browser. Textual is imported here, inside the command, so no other
command (nor a cron run) pays for it."""

from __future__ import annotations

import getpass

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
    """Browse claims, their findings and sources, and record reviews (keys: press ?)."""
    from tui.keymap import KeymapError, load_keymap

    try:
        keymap = load_keymap(config_path())
    except KeymapError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        engine = open_engine(ctx.obj["db_url"])
    except DatabaseProblem as exc:
        raise click.ClickException(str(exc)) from exc
    from tui.app import ClaimKBApp

    ClaimKBApp(engine, keymap=keymap, reviewer=reviewer or _login_name()).run()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
