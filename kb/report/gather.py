"""Everything a report shows, read from the knowledge base in a handful of bulk queries.

A report over 200,000 claims must stay fast, so nothing here queries per source or per claim:
one query each for sources, entities, claims, findings and reviews (plus chunked look-ups of
claims that findings cite from outside the report's scope), then the rows are joined in
Python. Renderers (`kb.report.html`, `.markdown`, `.json`, `.claimreview`) only read the
`Report` built here and never touch the database.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Select, Text, cast, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased

from kb.models import Claim, Entity, Finding, Review, Source

#: Verdicts worst first; a claim's verdict is the worst of its findings'.
VERDICT_ORDER: tuple[str, ...] = ("inconsistent", "questionable", "consistent", "unchecked")
VERDICT_RANK: dict[str, int] = {v: len(VERDICT_ORDER) - i for i, v in enumerate(VERDICT_ORDER)}
#: Verdicts an editor has to look at.
FLAGGED: frozenset[str] = frozenset({"inconsistent", "questionable"})
#: The rule name the checker gives findings that set two sources against each other.
CROSS_SOURCE_RULE = "cross_source"
#: How many findings the summary lists (one per claim).
MOST_SEVERE_COUNT = 10
#: Ids per IN (...) list; well under SQLite's and PostgreSQL's bound-parameter limits.
CHUNK = 500


class ReportProblem(Exception):
    """A report that cannot be made as asked (unknown source or subject); one line for users."""


@dataclass(frozen=True, slots=True)
class ReportScope:
    """Which part of the knowledge base a report covers.

    ``source_id`` takes that source and, for an anthology, its articles; ``since`` keeps
    sources published (or, lacking a date, ingested) on or after that day; ``subject`` keeps
    claims about the entity with that name or alias (case-insensitive). ``verdicts`` limits
    which claims are listed; the summary's counts always describe the whole scope.
    """

    source_id: int | None = None
    since: date | None = None
    subject: str | None = None
    verdicts: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "since": self.since.isoformat() if self.since else None,
            "subject": self.subject,
            "verdicts": list(self.verdicts),
        }


@dataclass(slots=True)
class ReviewRow:
    id: int
    claim_id: int | None
    source_id: int
    claim_fingerprint: str
    rule: str | None
    status: str
    corrected_value: float | None
    corrected_unit: str | None
    note: str
    reviewer: str
    created: datetime | None


@dataclass(slots=True)
class FindingRow:
    id: int
    claim_id: int
    rule: str
    verdict: str
    claimed_value: float | None
    claimed_unit: str | None
    expected_low: float | None
    expected_high: float | None
    expected_unit: str | None
    ratio: float | None
    severity: float
    confidence: str
    implied: str | None
    inputs: list[dict[str, Any]]
    assumptions: dict[str, Any]
    explanation: str
    checker_version: str

    @property
    def flagged(self) -> bool:
        return self.verdict in FLAGGED

    @property
    def has_band(self) -> bool:
        return self.expected_low is not None or self.expected_high is not None

    def input_claim_ids(self) -> list[int]:
        ids = []
        for item in self.inputs:
            claim_id = item.get("claim_id") if isinstance(item, dict) else None
            if isinstance(claim_id, int):
                ids.append(claim_id)
        return ids

    def catalog_inputs(self) -> list[dict[str, Any]]:
        return [i for i in self.inputs if isinstance(i, dict) and "catalog" in i]


@dataclass(slots=True)
class ClaimRow:
    id: int
    source_id: int
    fingerprint: str
    start: int
    end: int
    quote: str
    sentence: str
    sentence_start: int
    value: float
    unit: str
    low: float | None
    high: float | None
    approx: bool
    bound: str
    kind: str
    subject: str | None
    qualifiers: dict[str, Any]
    verdict: str
    severity: float
    findings: list[FindingRow] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return self.verdict in FLAGGED

    def sentence_parts(self) -> tuple[str, str, str]:
        """The sentence split around the claim's span: (before, quote, after).

        Uses the stored offsets when they point at the quote, else the quote's first
        occurrence; a sentence that does not contain the quote comes back unmarked.
        """
        sentence = self.sentence or ""
        offset = self.start - self.sentence_start
        length = self.end - self.start
        if 0 <= offset and offset + length <= len(sentence) and length > 0:
            if sentence[offset : offset + length] == self.quote:
                return sentence[:offset], self.quote, sentence[offset + length :]
        found = sentence.find(self.quote) if self.quote else -1
        if found >= 0:
            end = found + len(self.quote)
            return sentence[:found], self.quote, sentence[end:]
        return sentence, "", ""


@dataclass(slots=True)
class SourceRow:
    id: int
    parent_id: int | None
    position: int
    title: str | None
    author: str | None
    url: str | None
    origin: str
    published: datetime | None
    language: str
    shape: str
    articles: list[SourceRow] = field(default_factory=list)
    claims: list[ClaimRow] = field(default_factory=list)
    #: This source's claims in scope (listed or not), and how many of them are unchecked.
    claim_count: int = 0
    unchecked_count: int = 0

    @property
    def label(self) -> str:
        return self.title or self.url or f"source {self.id}"

    def flagged_claims(self) -> list[ClaimRow]:
        flagged = [c for c in self.claims if c.flagged]
        flagged.sort(key=lambda c: (-VERDICT_RANK[c.verdict], -c.severity, c.start, c.id))
        return flagged

    def consistent_claims(self) -> list[ClaimRow]:
        return [c for c in self.claims if c.verdict == "consistent"]

    def charted_claims(self) -> list[tuple[ClaimRow, FindingRow]]:
        """Each checked claim with the finding that decides its verdict, if it has a band."""
        charted = []
        for claim in self.claims:
            finding = worst_finding(claim)
            if finding is not None and finding.has_band and finding.verdict != "unchecked":
                charted.append((claim, finding))
        return charted


@dataclass(slots=True)
class Summary:
    sources: int
    articles: int
    claims: int
    claims_by_verdict: dict[str, int]
    findings_by_verdict: dict[str, int]
    reviews: int


@dataclass(slots=True)
class Report:
    """What every output format renders; built by `gather_report`."""

    generated_at: datetime
    scope: ReportScope
    summary: Summary
    #: Top-level sources in order; anthology articles hang under their file's row.
    sources: list[SourceRow]
    #: Listed claims by id (those in scope that pass the verdict filter).
    claims: dict[int, ClaimRow]
    #: Claims cited by findings but outside the scope, by id (for "inputs" text).
    cited_claims: dict[int, ClaimRow]
    sources_by_id: dict[int, SourceRow]
    most_severe: list[FindingRow]
    cross_source: list[FindingRow]

    def all_findings(self) -> Iterable[FindingRow]:
        for claim in self.claims.values():
            yield from claim.findings

    def claim(self, claim_id: int) -> ClaimRow | None:
        return self.claims.get(claim_id) or self.cited_claims.get(claim_id)

    def catalog_figures(self) -> list[dict[str, Any]]:
        """The distinct hardware-catalog figures the listed findings used."""
        seen: dict[tuple[Any, ...], dict[str, Any]] = {}
        for finding in self.all_findings():
            for item in finding.catalog_inputs():
                key = (
                    str(item.get("catalog")),
                    str(item.get("field")),
                    repr(item.get("value")),
                    str(item.get("unit")),
                )
                seen.setdefault(key, item)
        return [seen[k] for k in sorted(seen)]

    def walk_sources(self) -> Iterable[SourceRow]:
        for source in self.sources:
            yield source
            yield from source.articles


def worst_finding(claim: ClaimRow) -> FindingRow | None:
    """The finding that sets the claim's verdict: worst verdict, then highest severity."""
    if not claim.findings:
        return None
    return max(claim.findings, key=lambda f: (VERDICT_RANK.get(f.verdict, 0), f.severity, -f.id))


def worst_flagged(claim: ClaimRow) -> FindingRow | None:
    """The claim's most severe flagged finding, if any."""
    flagged = [f for f in claim.findings if f.flagged]
    if not flagged:
        return None
    return max(flagged, key=lambda f: (f.severity, VERDICT_RANK[f.verdict], -f.id))


def _as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _scoped_sources(scope: ReportScope) -> Select[Any]:
    """SELECT source.id for the sources in scope, filtered by id and date.

    Only current versions, unless a source is asked for by id: an editor may want the report
    on an older version of a page.
    """
    parent = aliased(Source)
    query = select(Source.id).select_from(Source).outerjoin(parent, Source.parent_id == parent.id)
    if scope.source_id is not None:
        query = query.where(or_(Source.id == scope.source_id, Source.parent_id == scope.source_id))
    else:
        query = query.where(Source.is_current, or_(parent.id.is_(None), parent.is_current))
    if scope.since is not None:
        since = datetime.combine(scope.since, time.min, tzinfo=UTC)
        dated = func.coalesce(Source.published, parent.published, Source.fetched, Source.created)
        query = query.where(dated >= since)
    return query


def _subject_ids(engine: Engine, name: str) -> list[int]:
    wanted = name.strip().casefold()
    with engine.connect() as connection:
        rows = connection.execute(select(Entity.id, Entity.name, Entity.aliases)).all()
    ids = []
    for entity_id, entity_name, aliases in rows:
        names = [entity_name, *(aliases or [])]
        if any(isinstance(n, str) and n.casefold() == wanted for n in names):
            ids.append(entity_id)
    return ids


_SOURCE_COLUMNS = (
    Source.id,
    Source.parent_id,
    Source.position,
    Source.title,
    Source.author,
    Source.url,
    Source.origin,
    Source.published,
    Source.language,
    Source.shape,
)

_CLAIM_COLUMNS = (
    Claim.id,
    Claim.source_id,
    Claim.fingerprint,
    Claim.start,
    Claim.end,
    Claim.quote,
    Claim.sentence,
    Claim.sentence_start,
    Claim.value,
    Claim.unit,
    Claim.low,
    Claim.high,
    Claim.approx,
    Claim.bound,
    Claim.kind,
    Claim.subject_id,
    cast(Claim.qualifiers, Text),
    Claim.verdict,
    Claim.severity,
)

_FINDING_COLUMNS = (
    Finding.id,
    Finding.claim_id,
    Finding.rule,
    Finding.verdict,
    Finding.claimed_value,
    Finding.claimed_unit,
    Finding.expected_low,
    Finding.expected_high,
    Finding.expected_unit,
    Finding.ratio,
    Finding.severity,
    Finding.confidence,
    Finding.implied,
    cast(Finding.inputs, Text),
    cast(Finding.assumptions, Text),
    Finding.explanation,
    Finding.checker_version,
)


def _decode_all(texts: Sequence[Any]) -> list[Any]:
    """JSON column texts decoded in one ``json.loads`` call.

    JSON columns are read as text and decoded here because one call on a joined array is
    several times faster than a call per row, which matters at 200,000 claims.
    """
    if not texts:
        return []
    parts = [t if isinstance(t, str) and t else "null" for t in texts]
    decoded: list[Any] = json.loads("[" + ",".join(parts) + "]")
    return decoded


def _claim_rows(rows: Sequence[Any], entity_names: dict[int, str]) -> list[ClaimRow]:
    qualifiers = _decode_all([row[16] for row in rows])
    return [_claim_row(row, entity_names, q) for row, q in zip(rows, qualifiers, strict=True)]


def _claim_row(row: Sequence[Any], entity_names: dict[int, str], qualifiers: Any) -> ClaimRow:
    subject_id = row[15]
    return ClaimRow(
        id=row[0],
        source_id=row[1],
        fingerprint=row[2],
        start=row[3],
        end=row[4],
        quote=row[5],
        sentence=row[6],
        sentence_start=row[7],
        value=row[8],
        unit=row[9],
        low=row[10],
        high=row[11],
        approx=bool(row[12]),
        bound=row[13],
        kind=row[14],
        subject=entity_names.get(subject_id) if subject_id is not None else None,
        qualifiers=qualifiers if isinstance(qualifiers, dict) else {},
        verdict=row[17] if row[17] in VERDICT_RANK else "unchecked",
        severity=float(row[18] or 0.0),
    )


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def gather_report(
    engine: Engine, scope: ReportScope | None = None, generated_at: datetime | None = None
) -> Report:
    """Read what a report over ``scope`` shows; raises ReportProblem for an unknown source
    or subject. ``generated_at`` defaults to now (tests pass a fixed time)."""
    scope = scope or ReportScope()
    generated_at = _as_utc(generated_at) or datetime.now(UTC)
    scoped = _scoped_sources(scope)

    with engine.connect() as connection:
        if scope.source_id is not None:
            exists = connection.execute(
                select(Source.id).where(Source.id == scope.source_id)
            ).first()
            if exists is None:
                raise ReportProblem(f"no source with id {scope.source_id}")

        subject_ids: list[int] | None = None
        if scope.subject is not None:
            subject_ids = _subject_ids(engine, scope.subject)
            if not subject_ids:
                raise ReportProblem(f"no entity named {scope.subject!r}")

        claim_scope = [Claim.source_id.in_(scoped)]
        if subject_ids is not None:
            claim_scope.append(Claim.subject_id.in_(subject_ids))
        listed = list(claim_scope)
        if scope.verdicts:
            listed.append(Claim.verdict.in_(scope.verdicts))

        # An anthology's file row is shown as the heading of its articles, even when only
        # some articles are in scope.
        parents_of_scoped = select(Source.parent_id).where(
            Source.id.in_(scoped), Source.parent_id.is_not(None)
        )
        source_rows = connection.execute(
            select(*_SOURCE_COLUMNS)
            .where(or_(Source.id.in_(scoped), Source.id.in_(parents_of_scoped)))
            .order_by(Source.id)
        ).all()
        entity_names: dict[int, str] = dict(
            connection.execute(select(Entity.id, Entity.name)).all()
        )

        claims_by_verdict: Counter[str] = Counter(
            dict(
                connection.execute(
                    select(Claim.verdict, func.count()).where(*claim_scope).group_by(Claim.verdict)
                ).all()
            )
        )
        claim_counts = connection.execute(
            select(Claim.source_id, Claim.verdict, func.count())
            .where(*claim_scope)
            .group_by(Claim.source_id, Claim.verdict)
        ).all()
        scoped_claim_ids = select(Claim.id).where(*claim_scope)
        findings_by_verdict: Counter[str] = Counter(
            dict(
                connection.execute(
                    select(Finding.verdict, func.count())
                    .where(Finding.claim_id.in_(scoped_claim_ids))
                    .group_by(Finding.verdict)
                ).all()
            )
        )

        claims: dict[int, ClaimRow] = {}
        claim_rows = connection.execute(
            select(*_CLAIM_COLUMNS).where(*listed).order_by(Claim.source_id, Claim.start, Claim.id)
        ).all()
        for claim in _claim_rows(claim_rows, entity_names):
            claims[claim.id] = claim
        del claim_rows

        listed_claim_ids = select(Claim.id).where(*listed)
        finding_rows = connection.execute(
            select(*_FINDING_COLUMNS)
            .where(Finding.claim_id.in_(listed_claim_ids))
            .order_by(Finding.claim_id, Finding.id)
        ).all()
        inputs = _decode_all([row[13] for row in finding_rows])
        assumptions = _decode_all([row[14] for row in finding_rows])
        for row, row_inputs, row_assumptions in zip(finding_rows, inputs, assumptions, strict=True):
            finding = FindingRow(
                *row[:3],
                row[3] if row[3] in VERDICT_RANK else "unchecked",
                *row[4:10],
                float(row[10] or 0.0),
                row[11],
                row[12],
                row_inputs if isinstance(row_inputs, list) else [],
                row_assumptions if isinstance(row_assumptions, dict) else {},
                row[15] or "",
                row[16],
            )
            checked = claims.get(finding.claim_id)
            if checked is not None:
                checked.findings.append(finding)

        review_rows = connection.execute(
            select(
                Review.id,
                Review.claim_id,
                Review.source_id,
                Review.claim_fingerprint,
                Review.rule,
                Review.status,
                Review.corrected_value,
                Review.corrected_unit,
                Review.note,
                Review.reviewer,
                Review.created,
            )
            .where(Review.source_id.in_(scoped))
            .order_by(Review.created, Review.id)
        ).all()

        cited_ids = sorted(
            {cid for c in claims.values() for f in c.findings for cid in f.input_claim_ids()}
            - claims.keys()
        )
        cited_claims: dict[int, ClaimRow] = {}
        for chunk in _chunks(cited_ids):
            chunk_rows = connection.execute(
                select(*_CLAIM_COLUMNS).where(Claim.id.in_(chunk))
            ).all()
            for cited in _claim_rows(chunk_rows, entity_names):
                cited_claims[cited.id] = cited
        missing_sources = sorted(
            {c.source_id for c in cited_claims.values()} - {r[0] for r in source_rows}
        )
        extra_sources: list[Any] = []
        for chunk in _chunks(missing_sources):
            extra_sources.extend(
                connection.execute(select(*_SOURCE_COLUMNS).where(Source.id.in_(chunk))).all()
            )

    sources_by_id = {row[0]: SourceRow(*row) for row in source_rows}
    for source in sources_by_id.values():
        source.published = _as_utc(source.published)
    cited_sources = {row[0]: SourceRow(*row) for row in extra_sources}

    # Reviews hang on the claim row, or on the fingerprint when re-extraction renumbered it.
    by_fingerprint = {(c.source_id, c.fingerprint): c for c in claims.values()}
    for row in review_rows:
        review = ReviewRow(*row)
        review.created = _as_utc(review.created)
        reviewed = claims.get(review.claim_id) if review.claim_id is not None else None
        if reviewed is None:
            reviewed = by_fingerprint.get((review.source_id, review.claim_fingerprint))
        if reviewed is not None:
            reviewed.reviews.append(review)

    for claim in claims.values():
        home = sources_by_id.get(claim.source_id)
        if home is not None:
            home.claims.append(claim)
    for source_id, verdict, count in claim_counts:
        counted = sources_by_id.get(source_id)
        if counted is not None:
            counted.claim_count += count
            if verdict not in FLAGGED and verdict != "consistent":
                counted.unchecked_count += count

    if scope.subject is not None:
        # Only claims about one subject are in scope: sources without any drop out.
        sources_by_id = _with_parents(
            sources_by_id, {s.id for s in sources_by_id.values() if s.claim_count}
        )
    covered_sources = sum(1 for s in sources_by_id.values() if s.parent_id not in sources_by_id)
    covered_articles = len(sources_by_id) - covered_sources
    if scope.verdicts:
        # Only some claims are listed: sources with none of them have nothing to show.
        sources_by_id = _with_parents(
            sources_by_id, {s.id for s in sources_by_id.values() if s.claims}
        )

    top_level: list[SourceRow] = []
    for source in sources_by_id.values():
        parent = sources_by_id.get(source.parent_id) if source.parent_id is not None else None
        if parent is not None:
            parent.articles.append(source)
        else:
            top_level.append(source)
    for source in sources_by_id.values():
        source.articles.sort(key=lambda s: (s.position, s.id))
    top_level.sort(key=_source_order)

    # One row per claim (its worst finding), so a claim two rules flag takes one place.
    flagged_findings = []
    for claim in claims.values():
        worst = worst_flagged(claim)
        if worst is not None:
            flagged_findings.append(worst)
    flagged_findings.sort(key=lambda f: (-f.severity, -VERDICT_RANK[f.verdict], f.id))
    cross_source = [f for c in claims.values() for f in c.findings if f.rule == CROSS_SOURCE_RULE]
    cross_source.sort(key=lambda f: (-VERDICT_RANK.get(f.verdict, 0), -f.severity, f.id))

    summary = Summary(
        sources=covered_sources,
        articles=covered_articles,
        claims=sum(claims_by_verdict.values()),
        claims_by_verdict={v: claims_by_verdict.get(v, 0) for v in VERDICT_ORDER},
        findings_by_verdict={v: findings_by_verdict.get(v, 0) for v in VERDICT_ORDER},
        reviews=sum(len(c.reviews) for c in claims.values()),
    )
    for source_id, source in cited_sources.items():
        sources_by_id.setdefault(source_id, source)
    return Report(
        generated_at=generated_at,
        scope=scope,
        summary=summary,
        sources=top_level,
        claims=claims,
        cited_claims=cited_claims,
        sources_by_id=sources_by_id,
        most_severe=flagged_findings[:MOST_SEVERE_COUNT],
        cross_source=cross_source,
    )


def _with_parents(sources: dict[int, SourceRow], keep: set[int]) -> dict[int, SourceRow]:
    """``sources`` reduced to the ids in ``keep`` and the anthologies those belong to."""
    parents = {sources[i].parent_id for i in keep}
    return {i: s for i, s in sources.items() if i in keep or i in parents}


def _source_order(source: SourceRow) -> tuple[int, int, int]:
    """Sources with the most severe flagged claims first, then in ingest order."""
    claims = [c for s in [source, *source.articles] for c in s.claims]
    worst = max((VERDICT_RANK[c.verdict] for c in claims), default=0)
    flagged = sum(1 for c in claims if c.flagged)
    return (-worst, -flagged, source.id)


__all__ = [
    "CROSS_SOURCE_RULE",
    "ClaimRow",
    "FindingRow",
    "Report",
    "ReportProblem",
    "ReportScope",
    "ReviewRow",
    "SourceRow",
    "Summary",
    "gather_report",
    "worst_finding",
]
