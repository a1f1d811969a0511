"""`kb extract`: print the claims of files without a database.

Files are read with the same ingest readers as `kb ingest`, so offsets point into the same
cleaned text that ingestion stores. An anthology is extracted child by child; its claims'
``source`` is the file's origin plus ``#N`` (N = 1 for the first child).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import click

from kb.output import format_option, write_rows

TABLE_COLUMNS = ("source", "start", "quote", "value", "unit", "kind", "bound", "subject")
TABLE_WIDTHS = {"source": 28, "quote": 30, "subject": 20}


def _documents(inputs: list[str], failures: list[str]) -> Iterator[tuple[str, str, str]]:
    """``(source, text, language)`` for each article; failures are collected as lines."""
    import ingest

    for result in ingest.read_inputs(inputs):
        if isinstance(result, ingest.InputFailure):
            failures.append(str(result))
            continue
        if not isinstance(result, ingest.Document):
            continue  # Unchanged (HTTP 304): nothing to extract
        if result.children:
            for number, child in enumerate(result.children, start=1):
                yield f"{result.origin}#{number}", child.text, child.language
        else:
            yield result.origin, result.text, result.language


def claim_rows(inputs: list[str], failures: list[str]) -> Iterator[dict[str, Any]]:
    """The jsonl objects of `kb extract` (Claim.to_json with the source filled in)."""
    import claims

    for source, text, language in _documents(inputs, failures):
        for claim in claims.extract(text, language):
            yield claim.to_json(source)


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@format_option(default="table")
def command(inputs: tuple[str, ...], output_format: str) -> None:
    """Print the numeric claims found in files, folders or URLs (no database needed).

    jsonl keys: source, start, end, quote, sentence, value, unit, low, high, approx, bound,
    qualifiers, subject, kind. For an anthology, source is the file plus "#N" for its N-th
    article. Exit status 1 when an input could not be read (one line each on stderr).
    """
    failures: list[str] = []
    rows = claim_rows(list(inputs), failures)
    if output_format in ("table", "csv"):
        write_rows(rows, TABLE_COLUMNS, output_format, widths=TABLE_WIDTHS)
    else:
        write_rows(rows, TABLE_COLUMNS, output_format)
    for line in failures:
        click.echo(line, err=True)
    if failures:
        sys.exit(1)
