"""Read-side queries behind the listing commands (`kb sources`, `kb claims`, `kb stats`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from kb.models import Claim, Entity, Finding, IngestRun, Review, Source

SOURCE_COLUMNS = ("id", "title", "author", "language", "published", "parent", "claims", "origin")
CLAIM_COLUMNS = (
    "id",
    "source",
    "subject",
    "kind",
    "value",
    "unit",
    "low",
    "high",
    "bound",
    "verdict",
    "quote",
)


def list_sources(session: Session, *, current_only: bool = False) -> Iterator[dict[str, Any]]:
    """One row per source, with its claim count, parents before their articles."""
    counts = (
        select(Claim.source_id, func.count(Claim.id).label("n"))
        .group_by(Claim.source_id)
        .subquery()
    )
    query = (
        select(Source, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.source_id == Source.id)
        .order_by(func.coalesce(Source.parent_id, Source.id), Source.position, Source.id)
    )
    if current_only:
        query = query.where(Source.is_current)
    for source, claim_count in session.execute(query):
        yield {
            "id": source.id,
            "title": source.title,
            "author": source.author,
            "language": source.language,
            "published": source.published,
            "parent": source.parent_id,
            "claims": claim_count,
            "origin": source.origin,
            "url": source.url,
            "current": source.is_current,
            "previous_version": source.previous_version_id,
        }


@dataclass(frozen=True)
class ClaimFilter:
    subject: str | None = None
    kind: str | None = None
    verdict: str | None = None
    source_id: int | None = None


def list_claims(session: Session, filters: ClaimFilter) -> Iterator[dict[str, Any]]:
    """Claims matching ``filters``, in source order; ``subject`` matches names and aliases."""
    query = (
        select(Claim, Entity.name, Source.title)
        .join(Source, Source.id == Claim.source_id)
        .outerjoin(Entity, Entity.id == Claim.subject_id)
        .order_by(Claim.source_id, Claim.start)
    )
    if filters.kind:
        query = query.where(Claim.kind == filters.kind)
    if filters.verdict:
        query = query.where(Claim.verdict.in_(filters.verdict.split(",")))
    if filters.source_id is not None:
        query = query.where(
            (Claim.source_id == filters.source_id) | (Source.parent_id == filters.source_id)
        )
    if filters.subject:
        entity_ids = entity_ids_matching(session, filters.subject)
        query = query.where(Claim.subject_id.in_(entity_ids))
    for claim, subject, title in session.execute(query):
        yield {
            "id": claim.id,
            "source": claim.source_id,
            "source_title": title,
            "subject": subject,
            "kind": claim.kind,
            "value": claim.value,
            "unit": claim.unit,
            "low": claim.low,
            "high": claim.high,
            "approx": claim.approx,
            "bound": claim.bound,
            "qualifiers": claim.qualifiers,
            "verdict": claim.verdict,
            "severity": claim.severity,
            "start": claim.start,
            "end": claim.end,
            "quote": claim.quote,
            "sentence": claim.sentence,
        }


def entity_ids_matching(session: Session, name: str) -> list[int]:
    """Entities whose name or an alias equals ``name``, ignoring case."""
    wanted = name.casefold()
    return [
        entity_id
        for entity_id, entity_name, aliases in session.execute(
            select(Entity.id, Entity.name, Entity.aliases)
        )
        if entity_name.casefold() == wanted or any(a.casefold() == wanted for a in aliases or [])
    ]


def stats(session: Session) -> dict[str, Any]:
    """Counts an editor asks for first; all served by indexes."""
    verdicts = dict(
        session.execute(select(Claim.verdict, func.count()).group_by(Claim.verdict)).all()
    )
    return {
        "sources": session.scalar(select(func.count()).select_from(Source)) or 0,
        "articles": session.scalar(
            select(func.count()).select_from(Source).where(Source.parent_id.is_not(None))
        )
        or 0,
        "claims": session.scalar(select(func.count()).select_from(Claim)) or 0,
        "entities": session.scalar(select(func.count()).select_from(Entity)) or 0,
        "findings": session.scalar(select(func.count()).select_from(Finding)) or 0,
        "reviews": session.scalar(select(func.count()).select_from(Review)) or 0,
        "ingest_runs": session.scalar(select(func.count()).select_from(IngestRun)) or 0,
        "inconsistent": verdicts.get("inconsistent", 0),
        "questionable": verdicts.get("questionable", 0),
        "consistent": verdicts.get("consistent", 0),
        "unchecked": verdicts.get("unchecked", 0),
    }
