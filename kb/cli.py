"""The `kb` command: parses arguments and calls library functions that tests call too.

Commands live one per module in `kb/commands/` and are imported only when run, so `kb --help`
and cron runs of `kb ingest` never pay for the TUI or the checker's catalog.
"""

from __future__ import annotations

import importlib
import sys

import click

from kb.locations import database_url

#: command name -> module in kb.commands that defines ``command``; listed without importing.
COMMANDS: dict[str, str] = {
    "init": "kb.commands.init",
    "locate": "kb.commands.locate",
    "stats": "kb.commands.stats",
    "sources": "kb.commands.sources",
    "claims": "kb.commands.claims",
    "ingest": "kb.commands.ingest",
    "extract": "kb.commands.extract",
    "check": "kb.commands.check",
    "review": "kb.commands.review",
    "report": "kb.commands.report",
    "tui": "kb.commands.tui",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, module in COMMANDS.items() if _available(module)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None or not _available(module_name):
            return None
        command = importlib.import_module(module_name).command
        assert isinstance(command, click.Command)
        return command


def _available(module_name: str) -> bool:
    return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_url",
    metavar="URL",
    help="Database URL (sqlite:///path or postgresql+psycopg://…) or a SQLite file path. "
    "Default: $KB_DATABASE_URL, else kb.sqlite in the user data directory.",
)
@click.version_option(package_name="claimkb")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None) -> None:
    """claimkb: track the numbers people publish about AI, and check them against hardware."""
    ctx.obj = {"db_url": database_url(db_url)}


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
