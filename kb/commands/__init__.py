"""One module per `kb` subcommand, each defining ``command``; see `kb.cli.COMMANDS`."""
