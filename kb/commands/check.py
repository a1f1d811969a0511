"""`kb check`: re-run the checker over the knowledge base and list findings."""

from __future__ import annotations

from typing import Any

import click
from sqlalchemy import select

from kb.commands.context import config_from, engine_from
from kb.database import session_scope
from kb.models import Claim, Entity, Finding, Source
from kb.output import format_option, write_rows
from kb.pipeline import recheck
from kb.pipeline import reextract as reextract_claims

FINDING_COLUMNS = (
    "claim_id",
    "source",
    "source_title",
    "origin",
    "quote",
    "subject",
    "kind",
    "value",
    "unit",
    "rule",
    "verdict",
    "expected_low",
    "expected_high",
    "expected_unit",
    "ratio",
    "severity",
    "confidence",
    "implied",
    "assumptions",
    "inputs",
    "explanation",
)
TABLE_COLUMNS = ("claim_id", "verdict", "rule", "subject", "value", "unit", "ratio", "quote")


@click.command("check")
@click.option("--source", "source_id", type=int, help="Only this source (and its articles).")
@click.option("--verdict", help="Only list findings with these verdicts (comma-separated).")
@click.option("--no-run", is_flag=True, help="List stored findings without re-checking.")
@click.option(
    "--reextract",
    is_flag=True,
    help="Extract claims again from the stored text first (after an upgrade); reviews stay.",
)
@format_option()
@click.pass_context
def command(
    ctx: click.Context,
    source_id: int | None,
    verdict: str | None,
    no_run: bool,
    reextract: bool,
    output_format: str,
) -> None:
    """Recompute every figure from the hardware catalog and list the findings.

    Re-checking replaces machine findings; editors' reviews are never touched.
    """
    engine = engine_from(ctx)
    if reextract:
        if no_run:
            raise click.UsageError("--reextract re-checks too; leave out --no-run")
        extracted = reextract_claims(engine, source_id)
        click.echo(f"re-extracted {extracted} claims", err=True)
    if not no_run:
        import checks

        bands = config_from(ctx).check_bands
        try:
            config = checks.load_config({"bands": bands}) if bands else None
        except ValueError as exc:
            raise click.ClickException(f"config [checks.bands]: {exc}") from exc
        recheck(engine, source_id, config)
    with session_scope(engine) as session:
        rows = list(finding_rows(session, source_id, verdict))
    columns = TABLE_COLUMNS if output_format == "table" else FINDING_COLUMNS
    write_rows(rows, columns, output_format, widths={"quote": 30, "subject": 16})


def finding_rows(session: Any, source_id: int | None, verdict: str | None) -> list[dict[str, Any]]:
    """Findings with their claim and source, most severe first."""
    query = (
        select(Finding, Claim, Source, Entity.name)
        .join(Claim, Claim.id == Finding.claim_id)
        .join(Source, Source.id == Claim.source_id)
        .outerjoin(Entity, Entity.id == Claim.subject_id)
        .order_by(Finding.severity.desc(), Finding.claim_id, Finding.rule)
    )
    if source_id is not None:
        query = query.where((Source.id == source_id) | (Source.parent_id == source_id))
    if verdict:
        query = query.where(Finding.verdict.in_(verdict.split(",")))
    return [
        {
            "claim_id": claim.id,
            "source": source.id,
            "source_title": source.title,
            "origin": source.origin,
            "quote": claim.quote,
            "subject": subject,
            "kind": claim.kind,
            "value": claim.value,
            "unit": claim.unit,
            "rule": finding.rule,
            "verdict": finding.verdict,
            "expected_low": finding.expected_low,
            "expected_high": finding.expected_high,
            "expected_unit": finding.expected_unit,
            "ratio": finding.ratio,
            "severity": finding.severity,
            "confidence": finding.confidence,
            "implied": finding.implied,
            "assumptions": finding.assumptions,
            "inputs": finding.inputs,
            "explanation": finding.explanation,
        }
        for finding, claim, source, subject in session.execute(query)
    ]
