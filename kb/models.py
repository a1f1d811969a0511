"""The schema: sources, entities, claims, findings, reviews and ingest runs.

Designed for what editors do: find every figure about a model (claims by subject and kind),
see where it came from (source and span), see why it was flagged (findings with inputs and
assumptions), and record their own judgement (reviews, which outlive re-extraction and
re-checking because they are keyed by a claim's fingerprint, not only its row id).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def _json_column() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


def _json_list_column() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


def _when(nullable: bool = True, default: bool = False) -> Any:
    if default:
        return Field(
            default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
        )
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Source(SQLModel, table=True):
    """One ingested article, or one article split out of an anthology file (``parent_id``).

    ``text`` is the cleaned text every claim span points into. When a URL comes back with
    changed content, a new row is added with ``previous_version_id`` pointing at the old one,
    and the old row's ``is_current`` turns false; old rows keep their claims and reviews.
    """

    __table_args__ = (
        Index("ix_source_parent", "parent_id"),
        Index("ix_source_url", "url"),
        Index("ix_source_published", "published"),
    )

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(default=None, foreign_key="source.id")
    previous_version_id: int | None = Field(default=None, foreign_key="source.id")
    is_current: bool = Field(default=True)
    position: int = Field(default=0, description="order among the parent's children")
    title: str | None = None
    author: str | None = None
    url: str | None = None
    origin: str = Field(description="file path or URL the source was read from")
    published: datetime | None = _when()
    fetched: datetime | None = _when()
    language: str = Field(default="und", index=True)
    shape: str = Field(default="text", description="reader that produced it")
    text: str = Field(sa_column=Column(Text, nullable=False))
    raw_hash: str = Field(unique=True, description="sha256 of the raw bytes (dedupe)")
    meta: dict[str, Any] = _json_column()
    ingest_run_id: int | None = Field(default=None, foreign_key="ingestrun.id")
    created: datetime = _when(default=True)


class Entity(SQLModel, table=True):
    """A model, accelerator, cluster, organisation or dataset that claims are about."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    kind: str = Field(default="model", index=True)
    aliases: list[str] = _json_list_column()


class Claim(SQLModel, table=True):
    """One numeric claim found in a source (see `claims.model.Claim` for the fields' meaning).

    ``verdict`` and ``severity`` are the worst over the claim's findings, kept on the row so the
    browser can filter and sort 200,000 claims by index. ``fingerprint`` identifies the claim
    across re-extraction (source, span and quote), which is what reviews hang on.
    """

    __table_args__ = (
        UniqueConstraint("source_id", "fingerprint", name="uq_claim_fingerprint"),
        Index("ix_claim_source", "source_id", "start"),
        Index("ix_claim_subject", "subject_id", "kind"),
        Index("ix_claim_kind", "kind"),
        Index("ix_claim_verdict", "verdict", "severity"),
        Index("ix_claim_severity_id", "severity", "id"),
        Index("ix_claim_value_id", "value", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id")
    fingerprint: str
    start: int
    end: int
    quote: str
    sentence: str = Field(sa_column=Column(Text, nullable=False))
    sentence_start: int = 0
    sentence_end: int = 0
    paragraph: int = 0
    value: float
    unit: str
    low: float | None = None
    high: float | None = None
    approx: bool = False
    bound: str = "="
    qualifiers: dict[str, str] = _json_column()
    subject_id: int | None = Field(default=None, foreign_key="entity.id")
    kind: str = "other"
    extractor_version: str
    verdict: str = Field(default="unchecked")
    severity: float = 0.0


class Finding(SQLModel, table=True):
    """The result of one rule on one claim. Replaced wholesale on every re-check."""

    __table_args__ = (
        Index("ix_finding_claim", "claim_id"),
        Index("ix_finding_verdict", "verdict", "severity"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id")
    rule: str
    verdict: str
    claimed_value: float | None = None
    claimed_unit: str | None = None
    expected_low: float | None = None
    expected_high: float | None = None
    expected_unit: str | None = None
    ratio: float | None = None
    severity: float = 0.0
    confidence: str = "medium"
    implied: str | None = None
    inputs: list[dict[str, Any]] = _json_list_column()
    assumptions: dict[str, Any] = _json_column()
    explanation: str = Field(default="", sa_column=Column(Text, nullable=False))
    checker_version: str
    created: datetime = _when(default=True)


class Review(SQLModel, table=True):
    """An editor's judgement on a claim, or on one rule's finding about it (``rule``).

    ``status`` is confirmed, dismissed or corrected (then ``corrected_value``/``_unit``).
    ``claim_fingerprint`` and ``source_id`` let a review find its claim again after
    re-extraction gives the claim a new row.
    """

    __table_args__ = (Index("ix_review_claim", "claim_id"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int | None = Field(default=None, foreign_key="claim.id")
    source_id: int = Field(foreign_key="source.id")
    claim_fingerprint: str
    rule: str | None = None
    status: str
    corrected_value: float | None = None
    corrected_unit: str | None = None
    note: str = ""
    reviewer: str = ""
    created: datetime = _when(default=True)


class IngestRun(SQLModel, table=True):
    """One run of `kb ingest`: what was tried and what became of it."""

    id: int | None = Field(default=None, primary_key=True)
    started: datetime = _when(default=True)
    finished: datetime | None = _when()
    inputs_tried: int = 0
    added: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[dict[str, str]] = _json_list_column()
    command: str = ""


class UrlState(SQLModel, table=True):
    """What a URL answered last time, for conditional GET on scheduled runs."""

    url: str = Field(primary_key=True)
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    checked: datetime | None = _when()


REVIEW_STATUSES: tuple[str, ...] = ("confirmed", "dismissed", "corrected")
