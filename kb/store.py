"""Writing to the knowledge base: sources, claims, findings and reviews.

Every function takes an open Session and leaves committing to the caller, so one input is one
transaction (see `kb.pipeline`): a failure leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

import checks
import claims
from ingest import Document
from kb.models import Claim, Entity, Finding, Review, Source, utcnow


def claim_fingerprint(claim: claims.Claim) -> str:
    """What identifies a claim across re-extraction: its span, quote and unit."""
    key = f"{claim.start}:{claim.end}:{claim.quote}:{claim.unit}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


@dataclass
class StoredDocument:
    """What became of one document: ``status`` is added, unchanged or new_version."""

    status: str
    source_ids: list[int] = field(default_factory=list)
    #: (source id, text, language) of the sources whose text claims are extracted from.
    to_extract: list[tuple[int, str, str]] = field(default_factory=list)


def add_document(session: Session, document: Document, run_id: int | None = None) -> StoredDocument:
    """Store a document (and its children) as sources, unless the same bytes are stored.

    The same URL with new content becomes a new version: the old source stays, with its
    claims and reviews, and stops being current.
    """
    known = session.execute(select(Source.id).where(Source.raw_hash == document.raw_hash)).first()
    if known is not None:
        return StoredDocument(status="unchanged", source_ids=[known[0]])
    status = "added"
    previous_id: int | None = None
    if document.url:
        previous = session.execute(
            select(Source)
            .where(Source.url == document.url, Source.parent_id.is_(None), Source.is_current)
            .order_by(Source.id.desc())
        ).first()
        if previous is not None:
            previous_source = previous[0]
            previous_source.is_current = False
            session.add(previous_source)
            previous_id = previous_source.id
            status = "new_version"
    parent = _source_row(document, run_id, parent_id=None, position=0)
    parent.previous_version_id = previous_id
    session.add(parent)
    session.flush()
    assert parent.id is not None
    stored = StoredDocument(status=status, source_ids=[parent.id])
    if not document.children:
        stored.to_extract.append((parent.id, document.text, document.language))
    for position, child in enumerate(document.children, start=1):
        row = _source_row(child, run_id, parent_id=parent.id, position=position)
        session.add(row)
        session.flush()
        assert row.id is not None
        stored.source_ids.append(row.id)
        stored.to_extract.append((row.id, child.text, child.language))
    return stored


def _source_row(
    document: Document, run_id: int | None, parent_id: int | None, position: int
) -> Source:
    return Source(
        parent_id=parent_id,
        position=position,
        title=document.title,
        author=document.author,
        url=document.url,
        origin=document.origin,
        published=document.published,
        fetched=document.fetched or utcnow(),
        language=document.language,
        shape=document.shape,
        text=document.text,
        raw_hash=document.raw_hash,
        meta=_jsonable(document.metadata),
        ingest_run_id=run_id,
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity (PostgreSQL refuses them)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


class EntityCache:
    """Subject name -> entity id, creating entities from the gazetteer on first sight."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[str, int] = {}

    def id_for(self, name: str | None) -> int | None:
        if not name:
            return None
        if name in self.ids:
            return self.ids[name]
        found = self.session.execute(select(Entity.id).where(Entity.name == name)).first()
        if found is None:
            kind, aliases = _gazetteer_entry(name)
            try:
                # a savepoint, so a concurrent worker creating the same entity first costs
                # only this insert, not the whole input
                with self.session.begin_nested():
                    entity = Entity(name=name, kind=kind, aliases=aliases)
                    self.session.add(entity)
                    self.session.flush()
                assert entity.id is not None
                entity_id = entity.id
            except IntegrityError:
                entity_id = self.session.execute(
                    select(Entity.id).where(Entity.name == name)
                ).scalar_one()
        else:
            entity_id = found[0]
        self.ids[name] = entity_id
        return entity_id


def _gazetteer_entry(name: str) -> tuple[str, list[str]]:
    try:
        from claims import entities
    except ImportError:  # the gazetteer arrives with the extractor
        return "model", []
    entry = entities.lookup(name)
    if entry is None:
        return "model", []
    return entry.kind, list(entry.aliases)


def store_claims(
    session: Session,
    source_id: int,
    extracted: Sequence[claims.Claim],
    extractor_version: str,
    entity_cache: EntityCache | None = None,
) -> list[int]:
    """Replace a source's claims with ``extracted``; returns their ids in the same order.

    Claims whose fingerprint is already stored keep their row (and so their reviews);
    claims no longer found are deleted with their findings, and reviews of them are kept,
    detached, until a later extraction finds the claim again.
    """
    cache = entity_cache or EntityCache(session)
    existing = {
        fp: claim_id
        for claim_id, fp in session.execute(
            select(Claim.id, Claim.fingerprint).where(Claim.source_id == source_id)
        )
    }
    rows: list[dict[str, Any]] = []
    fingerprints: list[str] = []
    seen: set[str] = set()
    for claim in extracted:
        fp = claim_fingerprint(claim)
        if fp in seen:
            continue
        seen.add(fp)
        fingerprints.append(fp)
        rows.append(_claim_row(claim, source_id, fp, extractor_version, cache))
    gone = [claim_id for fp, claim_id in existing.items() if fp not in seen]
    if gone:
        session.execute(delete(Finding).where(Finding.claim_id.in_(gone)))
        session.execute(update(Review).where(Review.claim_id.in_(gone)).values(claim_id=None))
        session.execute(delete(Claim).where(Claim.id.in_(gone)))
    ids: dict[str, int] = {}
    new_rows = [row for row in rows if row["fingerprint"] not in existing]
    for row in rows:
        if row["fingerprint"] in existing:
            claim_id = existing[row["fingerprint"]]
            values = {k: v for k, v in row.items() if k not in ("source_id", "fingerprint")}
            session.execute(update(Claim).where(Claim.id == claim_id).values(**values))
            ids[row["fingerprint"]] = claim_id
    if new_rows:
        # a plain executemany, then one query for the ids: far faster than RETURNING row by row
        session.execute(Claim.__table__.insert(), new_rows)  # type: ignore[attr-defined]
        wanted = {row["fingerprint"] for row in new_rows}
        for claim_id, fp in session.execute(
            select(Claim.id, Claim.fingerprint).where(Claim.source_id == source_id)
        ):
            if fp in wanted:
                ids[fp] = claim_id
    _reattach_reviews(session, source_id, ids)
    return [ids[fp] for fp in fingerprints]


def _claim_row(
    claim: claims.Claim, source_id: int, fp: str, version: str, cache: EntityCache
) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "fingerprint": fp,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "sentence": claim.sentence,
        "sentence_start": claim.sentence_start,
        "sentence_end": claim.sentence_end,
        "paragraph": claim.paragraph,
        "value": claim.value,
        "unit": claim.unit,
        "low": claim.low,
        "high": claim.high,
        "approx": claim.approx,
        "bound": claim.bound,
        "qualifiers": dict(claim.qualifiers),
        "subject_id": cache.id_for(claim.subject),
        "kind": claim.kind,
        "extractor_version": version,
        "verdict": "unchecked",
        "severity": 0.0,
    }


def _reattach_reviews(session: Session, source_id: int, ids: dict[str, int]) -> None:
    detached = session.execute(
        select(Review.id, Review.claim_fingerprint).where(
            Review.source_id == source_id, Review.claim_id.is_(None)
        )
    ).all()
    for review_id, fp in detached:
        if fp in ids:
            session.execute(update(Review).where(Review.id == review_id).values(claim_id=ids[fp]))


def store_findings(
    session: Session,
    claim_ids: Iterable[int],
    findings: Sequence[checks.Finding],
    checker_version: str,
    *,
    replace: bool = True,
) -> None:
    """Replace the machine findings of ``claim_ids``; reviews are never touched.

    ``replace`` may be off for claims just inserted, which have no findings yet.
    """
    id_list = list(claim_ids)
    if replace:
        for chunk in _chunks(id_list, 500):
            session.execute(delete(Finding).where(Finding.claim_id.in_(chunk)))
    rows = [
        {
            "claim_id": f.claim_id,
            "rule": f.rule,
            "verdict": f.verdict,
            "claimed_value": f.claimed_value,
            "claimed_unit": f.claimed_unit,
            "expected_low": f.expected_low,
            "expected_high": f.expected_high,
            "expected_unit": f.expected_unit,
            "ratio": f.ratio,
            "severity": f.severity,
            "confidence": f.confidence,
            "implied": f.implied,
            "inputs": _jsonable(f.inputs),
            "assumptions": _jsonable(f.assumptions),
            "explanation": f.explanation,
            "checker_version": checker_version,
            "created": utcnow(),
        }
        for f in findings
    ]
    if rows:
        session.execute(Finding.__table__.insert(), rows)  # type: ignore[attr-defined]
    by_claim: dict[int, list[checks.Finding]] = {claim_id: [] for claim_id in id_list}
    for f in findings:
        by_claim.setdefault(f.claim_id, []).append(f)
    # the badge: recomputing rules decide; a cross-source clash only where nothing else could
    worst = {claim_id: checks.claim_verdict(found) for claim_id, found in by_claim.items()}
    claim_table = Claim.__table__  # type: ignore[attr-defined]
    if not worst:
        return
    session.execute(
        claim_table.update()
        .where(claim_table.c.id == bindparam("claim_id"))
        .values(verdict=bindparam("new_verdict"), severity=bindparam("new_severity")),
        [
            {"claim_id": claim_id, "new_verdict": verdict, "new_severity": severity}
            for claim_id, (verdict, severity) in worst.items()
        ],
    )


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class ReviewError(ValueError):
    """A review that cannot be recorded as asked; the message says why."""


def add_review(
    session: Session,
    claim_id: int,
    status: str,
    *,
    rule: str | None = None,
    corrected_value: float | None = None,
    corrected_unit: str | None = None,
    note: str = "",
    reviewer: str = "",
) -> Review:
    """Record an editor's judgement on a claim (or on one rule's finding about it)."""
    from kb.models import REVIEW_STATUSES

    if status not in REVIEW_STATUSES:
        raise ReviewError(f"status must be one of {', '.join(REVIEW_STATUSES)}, not {status!r}")
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise ReviewError(f"no claim with id {claim_id}")
    if status == "corrected" and corrected_value is None:
        raise ReviewError("a correction needs a corrected value")
    review = Review(
        claim_id=claim_id,
        source_id=claim.source_id,
        claim_fingerprint=claim.fingerprint,
        rule=rule,
        status=status,
        corrected_value=corrected_value,
        corrected_unit=corrected_unit or (claim.unit if corrected_value is not None else None),
        note=note,
        reviewer=reviewer,
    )
    session.add(review)
    session.flush()
    return review
