"""`kb report`: the consistency report an editor reads before publishing or correcting."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import click

from kb.report.gather import VERDICT_ORDER

FORMAT_NAMES = ("html", "md", "json", "claimreview")


def _verdicts(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    verdicts = tuple(v.strip().lower() for v in value.split(",") if v.strip())
    unknown = [v for v in verdicts if v not in VERDICT_ORDER]
    if unknown:
        raise click.BadParameter(
            f"unknown verdict {', '.join(unknown)} (choose from {', '.join(VERDICT_ORDER)})"
        )
    return verdicts


def write_atomically(path: Path, pieces: Iterable[str]) -> None:
    """Write ``pieces`` to ``path`` so readers see the old file or the whole new one, never
    half: into a temporary file beside it, then renamed over it."""
    directory = path.parent if str(path.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=directory, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.writelines(pieces)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


@click.command("report")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMAT_NAMES),
    default="html",
    show_default=True,
    help="html: one self-contained page; md: Markdown; json: for tools (see "
    "kb/report/report.schema.json); claimreview: schema.org ClaimReview JSON-LD.",
)
@click.option(
    "--source",
    "source_id",
    type=int,
    metavar="ID",
    help="Only this source (and, for an anthology, its articles).",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="Only sources published (or, undated, ingested) on or after DATE (YYYY-MM-DD).",
)
@click.option("--subject", metavar="NAME", help="Only claims about this entity (name or alias).")
@click.option(
    "--verdict",
    "verdicts",
    metavar="LIST",
    callback=_verdicts,
    help="List only claims with these verdicts, comma-separated, e.g. "
    "inconsistent,questionable. Summary counts still cover everything in scope.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (atomically) instead of stdout.",
)
@click.pass_context
def command(
    ctx: click.Context,
    output_format: str,
    source_id: int | None,
    since: datetime | None,
    subject: str | None,
    verdicts: tuple[str, ...],
    output: Path | None,
) -> None:
    """Write a consistency report: flagged figures first, with why and by how much.

    Default: HTML over every current source, to stdout.
    """
    from kb.database import DatabaseProblem, describe, open_engine
    from kb.report import ReportProblem, ReportScope, gather_report, iter_render

    scope = ReportScope(
        source_id=source_id,
        since=since.date() if since else None,
        subject=subject,
        verdicts=verdicts,
    )
    db_url = ctx.obj["db_url"]
    try:
        engine = open_engine(db_url)
    except DatabaseProblem as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        report = gather_report(engine, scope)
    except ReportProblem as exc:
        raise click.ClickException(f"{describe(db_url)}: {exc}") from exc
    finally:
        engine.dispose()
    pieces = iter_render(report, output_format)
    if output is None:
        sys.stdout.writelines(pieces)
        sys.stdout.flush()
        return
    try:
        write_atomically(output, pieces)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    summary = report.summary
    flagged = summary.claims_by_verdict["inconsistent"] + summary.claims_by_verdict["questionable"]
    click.echo(f"wrote {output} ({summary.claims:,} claims, {flagged:,} flagged)", err=True)
