"""`kb claims`: the claims of the knowledge base, filtered."""

from __future__ import annotations

import click

from claims.model import KINDS
from kb.commands.context import engine_from
from kb.database import session_scope
from kb.output import format_option, write_rows
from kb.queries import CLAIM_COLUMNS, ClaimFilter, list_claims


@click.command("claims")
@click.option("--subject", help="Entity name or alias (e.g. a model or accelerator).")
@click.option("--kind", type=click.Choice(KINDS), help="Kind of figure.")
@click.option(
    "--verdict",
    help="consistent, questionable, inconsistent or unchecked; several separated by commas.",
)
@click.option(
    "--source", "source_id", type=int, help="Source id (an anthology includes its articles)."
)
@format_option()
@click.pass_context
def command(
    ctx: click.Context,
    subject: str | None,
    kind: str | None,
    verdict: str | None,
    source_id: int | None,
    output_format: str,
) -> None:
    """List claims with value, unit, subject, kind, verdict and quote."""
    if verdict:
        allowed = {"consistent", "questionable", "inconsistent", "unchecked"}
        bad = [v for v in verdict.split(",") if v not in allowed]
        if bad:
            raise click.BadParameter(f"unknown verdict {bad[0]!r}", param_hint="--verdict")
    filters = ClaimFilter(subject=subject, kind=kind, verdict=verdict, source_id=source_id)
    with session_scope(engine_from(ctx)) as session:
        rows = list_claims(session, filters)
        if output_format == "table":
            write_rows(rows, CLAIM_COLUMNS, output_format, widths={"quote": 30, "subject": 20})
        else:
            columns = list(CLAIM_COLUMNS) + ["approx", "qualifiers", "severity", "sentence"]
            write_rows(rows, columns, output_format)
