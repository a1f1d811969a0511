"""`kb review`: record an editor's judgement on a claim from the command line."""

from __future__ import annotations

import click

from kb.commands.context import config_from, engine_from
from kb.database import session_scope
from kb.models import REVIEW_STATUSES
from kb.store import ReviewError, add_review


@click.command("review")
@click.argument("claim_id", type=int)
@click.argument("status", type=click.Choice(REVIEW_STATUSES))
@click.option("--rule", help="The rule whose finding is judged (default: the claim itself).")
@click.option("--value", "corrected_value", type=float, help="Corrected value (with 'corrected').")
@click.option("--unit", "corrected_unit", help="Unit of the corrected value.")
@click.option("--note", default="", help="Why.")
@click.option("--reviewer", help="Who (default: review.reviewer in the config, else $USER).")
@click.pass_context
def command(
    ctx: click.Context,
    claim_id: int,
    status: str,
    rule: str | None,
    corrected_value: float | None,
    corrected_unit: str | None,
    note: str,
    reviewer: str | None,
) -> None:
    """Mark a claim (or one finding on it) confirmed, dismissed or corrected."""
    import getpass

    who = reviewer or config_from(ctx).reviewer or getpass.getuser()
    try:
        with session_scope(engine_from(ctx)) as session:
            review = add_review(
                session,
                claim_id,
                status,
                rule=rule,
                corrected_value=corrected_value,
                corrected_unit=corrected_unit,
                note=note,
                reviewer=who,
            )
            review_id = review.id
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"review {review_id}: claim {claim_id} {status}")
