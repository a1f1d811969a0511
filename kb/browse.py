"""Read-side queries for the browser (`tui/`), as plain functions over a SQLAlchemy Session.

Built for a knowledge base of hundreds of thousands of claims: listings page with keyset
queries (``WHERE (key, id) < (?, ?) ORDER BY key DESC, id DESC LIMIT n``), never OFFSET; counts
stop at a cap instead of scanning everything; everything returns small frozen records that a
worker thread can hand to the UI thread. Nothing here imports Textual or Rich.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import Session

from kb.models import Claim, Entity, Finding, IngestRun, Review, Source

#: How the claims listing can be ordered; every order is descending (worst, biggest, newest
#: first) with the claim id as tie-breaker, so one keyset cursor shape serves them all.
SORTS: tuple[str, ...] = ("newest", "severity", "value", "date")

#: The verdict filter's choices; "reviewed" means an editor has recorded a review.
VERDICT_FILTERS: tuple[str, ...] = (
    "inconsistent",
    "questionable",
    "consistent",
    "unchecked",
    "reviewed",
)

#: Verdicts counted as "flagged" in the sources list.
FLAGGED_VERDICTS: tuple[str, ...] = ("inconsistent", "questionable")

#: Shortest search the SQLite trigram index can answer; shorter ones use LIKE.
TRIGRAM_MIN = 3

#: A count stops here and reports "more than"; a screen never waits for a full scan.
COUNT_CAP = 250_000


class BrowseError(ValueError):
    """A filter or request the browser cannot answer; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What the claims listing is narrowed to; ``None`` means no narrowing on that field.

    ``subject`` matches entity names and ``source`` source titles case-insensitively as
    substrings; ``source`` may also be ``#12`` (a source id). ``search`` is full-text over
    quotes and sentences.
    """

    verdict: str | None = None
    kind: str | None = None
    subject: str | None = None
    source: str | None = None
    language: str | None = None
    search: str | None = None
    sort: str = "newest"

    def describe(self) -> str:
        """The active filters in a few words, for the counts line."""
        parts = [
            f"{name}={value}"
            for name, value in (
                ("verdict", self.verdict),
                ("kind", self.kind),
                ("subject", self.subject),
                ("source", self.source),
                ("language", self.language),
                ("search", self.search),
            )
            if value
        ]
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One line of the claims listing."""

    id: int
    source_id: int
    verdict: str
    severity: float
    kind: str
    subject: str | None
    value: float
    unit: str
    low: float | None
    high: float | None
    approx: bool
    bound: str
    quote: str
    source_title: str | None
    published: datetime | None
    review_status: str | None
    #: Where this row sits in the listing's order; pass it back as ``after``/``before``.
    cursor: tuple[Any, ...]

    @property
    def badge(self) -> str:
        """The verdict an editor sees: a review outranks the machine's verdict."""
        return "reviewed" if self.review_status else self.verdict

    @property
    def value_text(self) -> str:
        return format_claim_value(self.value, self.unit, self.low, self.high, self.bound)


@dataclass(frozen=True, slots=True)
class ClaimPage:
    """Rows in display order; ``more`` says whether rows continue in the direction asked."""

    rows: list[ClaimRow]
    more: bool


@dataclass(frozen=True, slots=True)
class ClaimCounts:
    """Counts for the counts line; ``capped`` means "at least this many"."""

    total: int
    inconsistent: int
    capped: bool = False

    def describe(self) -> str:
        plus = "+" if self.capped else ""
        noun = "claim" if self.total == 1 else "claims"
        return f"{self.total:,}{plus} {noun}, {self.inconsistent:,}{plus} inconsistent"


# --------------------------------------------------------------------------- formatting

_MAGNITUDE_SUFFIX = re.compile(r"( M| × 10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$")
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_UNIT_WORDS = {"GPU_hour": "GPU·h", "GPUh": "GPU·h"}
_WHOLE_UNITS = {"dimensionless": "", "percent": "%"}
#: Power is read in the unit data-centre people use: kW and MW (5,000 MW rather than 5 GW).
_POWER_SCALES = ((1e6, "MW"), (1e3, "kW"))


def format_unit(unit: str) -> str:
    """A unit as people write it: ``GPU_hour`` -> ``GPU·h``, ``a*b`` -> ``a·b``."""
    if unit in _WHOLE_UNITS:
        return _WHOLE_UNITS[unit]
    for word, shown in _UNIT_WORDS.items():
        unit = unit.replace(word, shown)
    return unit.replace("*", "·").replace("_", " ")


def _display_scale(value: float | None, unit: str) -> tuple[float, str]:
    """The factor to divide by and the unit to show, e.g. 1.1e7 W -> (1e6, "MW")."""
    if unit == "W" and value is not None and math.isfinite(value):
        for factor, shown in _POWER_SCALES:
            if abs(value) >= factor:
                return factor, shown
    return 1.0, unit


def format_number(value: float) -> str:
    """A magnitude readably: ``5,000``, ``2.8 M``, ``4 × 10¹²``; three significant figures."""
    if value is None or math.isnan(value):
        return "?"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    magnitude = abs(value)
    if magnitude == 0:
        return "0"
    if magnitude < 1e-3:
        return _scientific(value)
    if magnitude < 1e6:
        short = f"{value:.3g}"
        return f"{value:,.0f}" if magnitude >= 1000 or "e" in short else short
    if magnitude < 1e9:
        return f"{value / 1e6:.3g} M"
    return _scientific(value)


def _scientific(value: float) -> str:
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / 10**exponent
    if round(abs(mantissa), 2) >= 10:  # 9.999e12 rounds up to 10
        exponent += 1
        mantissa /= 10
    mantissa_text = f"{mantissa:.3g}"
    return f"{mantissa_text} × 10{str(exponent).translate(_SUPERSCRIPT)}"


def format_value(value: float | None, unit: str | None) -> str:
    if value is None:
        return "?"
    factor, unit = _display_scale(value, unit or "")
    return f"{format_number(value / factor)} {format_unit(unit)}".strip()


def format_claim_value(
    value: float, unit: str, low: float | None, high: float | None, bound: str = "="
) -> str:
    """A claim's figure with its unit, range and bound: ``≈2.8 M GPU·h``, ``1–2 × 10⁹ USD``."""
    prefix = "" if bound == "=" else bound
    if low is not None and high is not None and low != high:
        factor, shown = _display_scale(high, unit)
        low_text, high_text = format_number(low / factor), format_number(high / factor)
        shared = _MAGNITUDE_SUFFIX.search(high_text)
        if shared and low_text.endswith(shared.group(0)):  # 2.5 – 4 × 10⁹, not 2.5 × 10⁹ – 4 × 10⁹
            low_text = low_text[: -len(shared.group(0))]
        return f"{prefix}{low_text} – {high_text} {format_unit(shown)}".strip()
    return f"{prefix}{format_value(value, unit)}"


# --------------------------------------------------------------------------- claims listing


def _sort_key(sort: str) -> ColumnElement[Any] | None:
    if sort == "newest":
        return None
    if sort == "severity":
        return Claim.severity
    if sort == "value":
        return Claim.value
    if sort == "date":
        return func.coalesce(Source.published, Source.created)
    raise BrowseError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_condition(session: Session, search: str) -> ColumnElement[bool]:
    needle = search.strip()
    if _dialect(session) == "sqlite":
        if len(needle) >= TRIGRAM_MIN:
            phrase = '"' + needle.replace('"', '""') + '"'
            matching = (
                select(literal_column("rowid"))
                .select_from(text("claim_fts"))
                .where(text("claim_fts MATCH :fts_query").bindparams(fts_query=phrase))
            )
            return Claim.id.in_(matching)
        pattern = _like_pattern(needle)
        return or_(
            Claim.quote.like(pattern, escape="\\"), Claim.sentence.like(pattern, escape="\\")
        )
    # PostgreSQL: the expression matches the pg_trgm index of migration 0002 exactly.
    return text("(claim.quote || ' ' || claim.sentence) ILIKE :pattern ESCAPE '\\'").bindparams(
        pattern=_like_pattern(needle)
    )


def _entity_ids(session: Session, name: str) -> list[int]:
    pattern = _like_pattern(name.strip().lower())
    return [
        row[0]
        for row in session.execute(
            select(Entity.id).where(func.lower(Entity.name).like(pattern, escape="\\")).limit(500)
        )
    ]


def _source_ids(session: Session, wanted: str) -> list[int]:
    wanted = wanted.strip()
    if re.fullmatch(r"#?\d+", wanted):
        return [int(wanted.lstrip("#"))]
    pattern = _like_pattern(wanted.lower())
    return [
        row[0]
        for row in session.execute(
            select(Source.id)
            .where(
                func.lower(func.coalesce(Source.title, Source.origin)).like(pattern, escape="\\")
            )
            .limit(2000)
        )
    ]


def _conditions(session: Session, flt: ClaimFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.verdict:
        if flt.verdict == "reviewed":
            conditions.append(exists().where(Review.claim_id == Claim.id))
        elif flt.verdict in VERDICT_FILTERS:
            conditions.append(Claim.verdict == flt.verdict)
        else:
            raise BrowseError(
                f"unknown verdict {flt.verdict!r}; choose one of {', '.join(VERDICT_FILTERS)}"
            )
    if flt.kind:
        conditions.append(Claim.kind == flt.kind)
    if flt.subject and flt.subject.strip():
        conditions.append(Claim.subject_id.in_(_entity_ids(session, flt.subject)))
    if flt.source and flt.source.strip():
        conditions.append(Claim.source_id.in_(_source_ids(session, flt.source)))
    if flt.language:
        conditions.append(
            Claim.source_id.in_(select(Source.id).where(Source.language == flt.language))
        )
    if flt.search and flt.search.strip():
        conditions.append(_search_condition(session, flt.search))
    return conditions


def list_claims(
    session: Session,
    flt: ClaimFilter = ClaimFilter(),
    *,
    after: tuple[Any, ...] | None = None,
    before: tuple[Any, ...] | None = None,
    last: bool = False,
    limit: int = 200,
) -> ClaimPage:
    """A page of claims in ``flt.sort`` order.

    With ``after``, the rows following that cursor; with ``before``, the rows preceding it;
    with ``last``, the final page. Rows always come back in display order. One extra row is
    fetched to know whether more follow (``more``), so no count is ever needed to page.
    """
    key = _sort_key(flt.sort)
    key_cols: list[ColumnElement[Any]] = [Claim.id] if key is None else [key, Claim.id]
    backwards = before is not None or last
    stmt = (
        select(
            Claim.id,
            Claim.source_id,
            Claim.verdict,
            Claim.severity,
            Claim.kind,
            Entity.name,
            Claim.value,
            Claim.unit,
            Claim.low,
            Claim.high,
            Claim.approx,
            Claim.bound,
            Claim.quote,
            Source.title,
            Source.published,
            *([] if key is None else [key.label("sort_key")]),
        )
        .select_from(Claim)
        .join(Source, Source.id == Claim.source_id)
        .outerjoin(Entity, Entity.id == Claim.subject_id)
    )
    for condition in _conditions(session, flt):
        stmt = stmt.where(condition)
    cursor = before if before is not None else after
    if cursor is not None:
        position = tuple_(*key_cols) if len(key_cols) > 1 else key_cols[0]
        bound_value = tuple_(*cursor) if len(key_cols) > 1 else cursor[0]
        stmt = stmt.where(position > bound_value if backwards else position < bound_value)
    order = [col.asc() if backwards else col.desc() for col in key_cols]
    stmt = stmt.order_by(*order).limit(limit + 1)
    fetched = session.execute(stmt).all()
    more = len(fetched) > limit
    fetched = fetched[:limit]
    if backwards:
        fetched.reverse()
    reviews = review_statuses(session, [row[0] for row in fetched])
    rows = [
        ClaimRow(
            id=r[0],
            source_id=r[1],
            verdict=r[2],
            severity=r[3],
            kind=r[4],
            subject=r[5],
            value=r[6],
            unit=r[7],
            low=r[8],
            high=r[9],
            approx=r[10],
            bound=r[11],
            quote=r[12],
            source_title=r[13],
            published=r[14],
            review_status=reviews.get(r[0]),
            cursor=(r[0],) if key is None else (r[15], r[0]),
        )
        for r in fetched
    ]
    return ClaimPage(rows=rows, more=more)


def review_statuses(session: Session, claim_ids: Sequence[int]) -> dict[int, str]:
    """Latest review status of each claim that has one."""
    if not claim_ids:
        return {}
    statuses: dict[int, str] = {}
    for claim_id, status in session.execute(
        select(Review.claim_id, Review.status)
        .where(Review.claim_id.in_(list(claim_ids)))
        .order_by(Review.created, Review.id)
    ):
        statuses[claim_id] = status
    return statuses


def count_claims(
    session: Session, flt: ClaimFilter = ClaimFilter(), cap: int = COUNT_CAP
) -> ClaimCounts:
    """How many claims match, and how many of them are inconsistent; each stops at ``cap``."""
    conditions = _conditions(session, flt)

    def capped_count(extra: list[ColumnElement[bool]]) -> int:
        inner = select(Claim.id).where(*conditions, *extra).limit(cap + 1).subquery()
        return int(session.execute(select(func.count()).select_from(inner)).scalar_one())

    total = capped_count([])
    if flt.verdict in (None, "inconsistent", "reviewed"):
        inconsistent = (
            total
            if flt.verdict == "inconsistent"
            else capped_count([Claim.verdict == "inconsistent"])
        )
    else:
        inconsistent = 0
    capped = total > cap or inconsistent > cap
    return ClaimCounts(total=min(total, cap), inconsistent=min(inconsistent, cap), capped=capped)


def filter_choices(session: Session) -> dict[str, list[str]]:
    """Values offered in the filter bar: kinds and languages present in the knowledge base."""
    from claims.model import KINDS

    languages = [
        row[0]
        for row in session.execute(select(Source.language).distinct().order_by(Source.language))
    ]
    return {"verdict": list(VERDICT_FILTERS), "kind": list(KINDS), "language": languages}


# --------------------------------------------------------------------------- one claim


@dataclass(frozen=True, slots=True)
class SourceInfo:
    id: int
    title: str | None
    author: str | None
    url: str | None
    origin: str
    published: datetime | None
    fetched: datetime | None
    language: str
    parent_id: int | None
    is_current: bool

    @property
    def label(self) -> str:
        return self.title or self.origin


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input of a finding: another claim, or a figure from the hardware catalog."""

    role: str
    claim_id: int | None = None
    claim_quote: str | None = None
    claim_source: str | None = None
    catalog: str | None = None
    field: str | None = None
    value: Any = None
    unit: str | None = None
    source: str | None = None
    where: str | None = None

    def describe(self) -> str:
        if self.claim_id is not None:
            origin = f" ({self.claim_source})" if self.claim_source else ""
            return f"{self.role}: claim #{self.claim_id} “{self.claim_quote or ''}”{origin}"
        figure = _figure_text(self.value, self.unit)
        cited = f" — source: {self.source}" if self.source else ""
        return f"{self.role}: {self.catalog or '?'} {self.field or ''} = {figure}{cited}"


def _figure_text(value: Any, unit: str | None) -> str:
    """A catalog figure: one number, or a (low, high) pair, with its unit."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_value(value, unit)
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        return format_claim_value(sum(value) / 2, unit or "", value[0], value[1])
    return str(value)


@dataclass(frozen=True, slots=True)
class FindingInfo:
    id: int
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
    inputs: list[InputRef]
    assumptions: dict[str, Any]
    explanation: str


@dataclass(frozen=True, slots=True)
class ReviewInfo:
    id: int
    rule: str | None
    status: str
    corrected_value: float | None
    corrected_unit: str | None
    note: str
    reviewer: str
    created: datetime | None

    def describe(self) -> str:
        what = self.status
        if self.corrected_value is not None:
            what += f" → {format_value(self.corrected_value, self.corrected_unit)}"
        scope = f" [{self.rule}]" if self.rule else ""
        who = f" by {self.reviewer}" if self.reviewer else ""
        when = f" on {self.created:%Y-%m-%d}" if self.created else ""
        note = f": {self.note}" if self.note else ""
        return f"{what}{scope}{who}{when}{note}"


@dataclass(frozen=True, slots=True)
class RelatedClaim:
    id: int
    relation: str
    verdict: str
    quote: str
    value_text: str
    source_title: str | None


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    """Everything the claim-detail screen shows about one claim."""

    id: int
    fingerprint: str
    verdict: str
    severity: float
    kind: str
    subject: str | None
    value: float
    unit: str
    low: float | None
    high: float | None
    bound: str
    approx: bool
    quote: str
    sentence: str
    qualifiers: dict[str, str]
    extractor_version: str
    source: SourceInfo
    #: The passage of the source around the claim, and where the claim sits in it.
    passage: str
    span_start: int
    span_end: int
    findings: list[FindingInfo] = field(default_factory=list)
    reviews: list[ReviewInfo] = field(default_factory=list)
    related: list[RelatedClaim] = field(default_factory=list)

    @property
    def value_text(self) -> str:
        return format_claim_value(self.value, self.unit, self.low, self.high, self.bound)

    @property
    def badge(self) -> str:
        return "reviewed" if self.reviews else self.verdict


PASSAGE_CHARS = 500


def passage_around(text_: str, start: int, end: int, reach: int = PASSAGE_CHARS) -> tuple[str, int]:
    """The paragraph holding ``text_[start:end]`` (at most ``reach`` chars each side) and its
    offset in ``text_``; paragraphs end at blank lines."""
    left = text_.rfind("\n\n", 0, start)
    left = 0 if left < 0 else left + 2
    right = text_.find("\n\n", end)
    right = len(text_) if right < 0 else right
    left = max(left, start - reach)
    right = min(right, end + reach)
    return text_[left:right], left


def _source_info(source: Source) -> SourceInfo:
    assert source.id is not None
    return SourceInfo(
        id=source.id,
        title=source.title,
        author=source.author,
        url=source.url,
        origin=source.origin,
        published=source.published,
        fetched=source.fetched,
        language=source.language,
        parent_id=source.parent_id,
        is_current=source.is_current,
    )


def claim_detail(session: Session, claim_id: int) -> ClaimDetail:
    """One claim with its passage, findings (inputs resolved), reviews and related claims."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise BrowseError(f"no claim with id {claim_id}")
    source = session.get(Source, claim.source_id)
    assert source is not None
    subject = session.get(Entity, claim.subject_id) if claim.subject_id else None
    passage, offset = passage_around(source.text, claim.start, claim.end)
    findings = list(
        session.execute(
            select(Finding).where(Finding.claim_id == claim_id).order_by(Finding.severity.desc())
        ).scalars()
    )
    input_ids = {
        int(item["claim_id"])
        for f in findings
        for item in f.inputs
        if isinstance(item, dict) and isinstance(item.get("claim_id"), int)
    }
    input_claims = _claim_summaries(session, input_ids)
    finding_infos = [
        FindingInfo(
            id=f.id or 0,
            rule=f.rule,
            verdict=f.verdict,
            claimed_value=f.claimed_value,
            claimed_unit=f.claimed_unit,
            expected_low=f.expected_low,
            expected_high=f.expected_high,
            expected_unit=f.expected_unit,
            ratio=f.ratio,
            severity=f.severity,
            confidence=f.confidence,
            implied=f.implied,
            inputs=[_input_ref(item, input_claims) for item in f.inputs if isinstance(item, dict)],
            assumptions=dict(f.assumptions),
            explanation=f.explanation,
        )
        for f in findings
    ]
    return ClaimDetail(
        id=claim_id,
        fingerprint=claim.fingerprint,
        verdict=claim.verdict,
        severity=claim.severity,
        kind=claim.kind,
        subject=subject.name if subject else None,
        value=claim.value,
        unit=claim.unit,
        low=claim.low,
        high=claim.high,
        bound=claim.bound,
        approx=claim.approx,
        quote=claim.quote,
        sentence=claim.sentence,
        qualifiers=dict(claim.qualifiers),
        extractor_version=claim.extractor_version,
        source=_source_info(source),
        passage=passage,
        span_start=claim.start - offset,
        span_end=claim.end - offset,
        findings=finding_infos,
        reviews=claim_reviews(session, claim_id),
        related=related_claims(session, claim_id),
    )


def claim_reviews(session: Session, claim_id: int) -> list[ReviewInfo]:
    return [
        ReviewInfo(
            id=r.id or 0,
            rule=r.rule,
            status=r.status,
            corrected_value=r.corrected_value,
            corrected_unit=r.corrected_unit,
            note=r.note,
            reviewer=r.reviewer,
            created=r.created,
        )
        for r in session.execute(
            select(Review).where(Review.claim_id == claim_id).order_by(Review.created, Review.id)
        ).scalars()
    ]


def _claim_summaries(session: Session, ids: set[int]) -> dict[int, tuple[str, str | None]]:
    if not ids:
        return {}
    return {
        claim_id: (quote, title)
        for claim_id, quote, title in session.execute(
            select(Claim.id, Claim.quote, func.coalesce(Source.title, Source.origin))
            .join(Source, Source.id == Claim.source_id)
            .where(Claim.id.in_(list(ids)))
        )
    }


def _input_ref(item: dict[str, Any], claims_by_id: dict[int, tuple[str, str | None]]) -> InputRef:
    role = str(item.get("role") or item.get("field") or "input")
    claim_id = item.get("claim_id")
    if isinstance(claim_id, int):
        quote, title = claims_by_id.get(claim_id, ("(claim no longer stored)", None))
        return InputRef(
            role=role,
            claim_id=claim_id,
            claim_quote=quote,
            claim_source=title,
            where=_str_or_none(item.get("where")),
        )
    return InputRef(
        role=role,
        catalog=_str_or_none(item.get("catalog")),
        field=_str_or_none(item.get("field")),
        value=item.get("value"),
        unit=_str_or_none(item.get("unit")),
        source=_str_or_none(item.get("source")),
    )


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


RELATED_LIMIT = 20


#: How the checker's graph relations (checks.graph) read in the claim-detail screen.
RELATION_WORDS = {
    "same_sentence": "same sentence",
    "derived_from": "input",
    "input_to": "derived from it",
    "same_paragraph": "same paragraph",
    "same_subject": "same subject and kind",
}


def related_claims(
    session: Session, claim_id: int, limit: int = RELATED_LIMIT
) -> list[RelatedClaim]:
    """Related claims from the checker's claim graph (`checks.graph`), closest first: the
    same sentence, inputs of this claim's findings, claims derived from it, the same
    paragraph, and claims about the same subject and kind in other sources.

    The graph is built over this claim's neighbourhood only (its source's claims and
    findings, and up to ``limit`` same-subject, same-kind claims elsewhere), so opening a
    claim reads a few rows, not the knowledge base.
    """
    from checks.graph import claim_graph
    from checks.graph import related_claims as graph_related

    claim = session.get(Claim, claim_id)
    if claim is None:
        return []
    neighbourhood = select(Claim.id).where(Claim.source_id == claim.source_id)
    ids = {row[0] for row in session.execute(neighbourhood)}
    if claim.subject_id is not None:
        ids.update(
            row[0]
            for row in session.execute(
                select(Claim.id)
                .where(
                    Claim.subject_id == claim.subject_id,
                    Claim.kind == claim.kind,
                    Claim.source_id != claim.source_id,
                )
                .order_by(Claim.id.desc())
                .limit(limit)
            )
        )
    rows = _claim_rows(session, ids)
    same_source = [cid for cid, row in rows.items() if row["source_id"] == claim.source_id]
    findings = [
        _checker_finding(claim_id_, inputs)
        for claim_id_, inputs in session.execute(
            select(Finding.claim_id, Finding.inputs).where(Finding.claim_id.in_(same_source))
        )
    ]
    graph = claim_graph([row["checked"] for row in rows.values()], findings)
    related: list[RelatedClaim] = []
    for other, relation in graph_related(graph, claim_id):
        row = rows.get(other)
        if row is None:
            continue
        if relation == "same_subject" and row["kind"] != claim.kind:
            continue  # every claim of an article shares its subject; keep like with like
        related.append(
            RelatedClaim(
                id=other,
                relation=RELATION_WORDS.get(relation, relation.replace("_", " ")),
                verdict=row["verdict"],
                quote=row["quote"],
                value_text=row["value_text"],
                source_title=row["source_title"],
            )
        )
    return related[: limit * 3]


def _claim_rows(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Claims as the checker's graph wants them, plus what the detail screen shows."""
    from checks.model import CheckedClaim
    from claims.model import Claim as ExtractedClaim

    rows: dict[int, dict[str, Any]] = {}
    if not ids:
        return rows
    for claim, subject, title in session.execute(
        select(Claim, Entity.name, func.coalesce(Source.title, Source.origin))
        .join(Source, Source.id == Claim.source_id)
        .outerjoin(Entity, Entity.id == Claim.subject_id)
        .where(Claim.id.in_(list(ids)))
    ):
        extracted = ExtractedClaim(
            start=claim.start,
            end=claim.end,
            quote=claim.quote,
            sentence=claim.sentence,
            value=claim.value,
            unit=claim.unit,
            kind=claim.kind,
            low=claim.low,
            high=claim.high,
            approx=claim.approx,
            bound=claim.bound,
            subject=subject,
            qualifiers=dict(claim.qualifiers),
            sentence_start=claim.sentence_start,
            sentence_end=claim.sentence_end,
            paragraph=claim.paragraph,
        )
        rows[claim.id] = {
            "checked": CheckedClaim(
                id=claim.id, source_id=claim.source_id, claim=extracted, source_title=title
            ),
            "source_id": claim.source_id,
            "kind": claim.kind,
            "verdict": claim.verdict,
            "quote": claim.quote,
            "value_text": format_claim_value(
                claim.value, claim.unit, claim.low, claim.high, claim.bound
            ),
            "source_title": title,
        }
    return rows


def _checker_finding(claim_id: int, inputs: list[dict[str, Any]]) -> Any:
    from checks.model import Finding as CheckerFinding

    return CheckerFinding(
        claim_id=claim_id,
        rule="",
        verdict="",
        inputs=[i for i in inputs or [] if isinstance(i, dict)],
    )


# --------------------------------------------------------------------------- one source


@dataclass(frozen=True, slots=True)
class SpanInfo:
    """A claim's place in its source's text, for highlighting."""

    claim_id: int
    start: int
    end: int
    verdict: str
    reviewed: bool
    quote: str
    kind: str
    value_text: str

    @property
    def badge(self) -> str:
        return "reviewed" if self.reviewed else self.verdict


@dataclass(frozen=True, slots=True)
class SourceDetail:
    info: SourceInfo
    text: str
    claims: list[SpanInfo]
    parent: tuple[int, str] | None
    #: All parts of the parent anthology in order, this source included (empty if no parent).
    siblings: list[tuple[int, str]]
    children: list[tuple[int, str]]
    meta: dict[str, Any]


def source_detail(session: Session, source_id: int) -> SourceDetail:
    """A source's whole text, its claims in text order, and its place in an anthology."""
    source = session.get(Source, source_id)
    if source is None:
        raise BrowseError(f"no source with id {source_id}")
    rows = session.execute(
        select(
            Claim.id,
            Claim.start,
            Claim.end,
            Claim.verdict,
            Claim.quote,
            Claim.kind,
            Claim.value,
            Claim.unit,
            Claim.low,
            Claim.high,
            Claim.bound,
        )
        .where(Claim.source_id == source_id)
        .order_by(Claim.start, Claim.id)
    ).all()
    reviewed = set(review_statuses(session, [r[0] for r in rows]))
    spans = [
        SpanInfo(
            claim_id=r[0],
            start=r[1],
            end=r[2],
            verdict=r[3],
            reviewed=r[0] in reviewed,
            quote=r[4],
            kind=r[5],
            value_text=format_claim_value(r[6], r[7], r[8], r[9], r[10]),
        )
        for r in rows
    ]
    label = func.coalesce(Source.title, Source.origin)
    parent = None
    siblings: list[tuple[int, str]] = []
    if source.parent_id is not None:
        found = session.execute(
            select(Source.id, label).where(Source.id == source.parent_id)
        ).first()
        parent = (found[0], found[1]) if found else None
        siblings = [
            (r[0], r[1])
            for r in session.execute(
                select(Source.id, label)
                .where(Source.parent_id == source.parent_id)
                .order_by(Source.position, Source.id)
                .limit(200)
            )
        ]
    children = [
        (r[0], r[1])
        for r in session.execute(
            select(Source.id, label)
            .where(Source.parent_id == source_id)
            .order_by(Source.position, Source.id)
            .limit(200)
        )
    ]
    return SourceDetail(
        info=_source_info(source),
        text=source.text,
        claims=spans,
        parent=parent,
        siblings=siblings,
        children=children,
        meta=dict(source.meta),
    )


# --------------------------------------------------------------------------- sources and runs


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: int
    label: str
    language: str
    published: datetime | None
    parent_id: int | None
    claims: int
    flagged: int


@dataclass(frozen=True, slots=True)
class SourcePage:
    rows: list[SourceRow]
    more: bool


def list_sources(session: Session, *, after: int | None = None, limit: int = 200) -> SourcePage:
    """Sources newest first, each with its claim count and flagged (inconsistent or
    questionable) count; the counts are computed for this page only, by index."""
    stmt = select(
        Source.id,
        func.coalesce(Source.title, Source.origin),
        Source.language,
        Source.published,
        Source.parent_id,
    ).where(Source.is_current)
    if after is not None:
        stmt = stmt.where(Source.id < after)
    fetched = session.execute(stmt.order_by(Source.id.desc()).limit(limit + 1)).all()
    more = len(fetched) > limit
    fetched = fetched[:limit]
    ids = [r[0] for r in fetched]
    counts: dict[int, tuple[int, int]] = {}
    if ids:
        flagged = func.sum(case((Claim.verdict.in_(FLAGGED_VERDICTS), 1), else_=0))
        for source_id, total, flagged_total in session.execute(
            select(Claim.source_id, func.count(), flagged)
            .where(Claim.source_id.in_(ids))
            .group_by(Claim.source_id)
        ):
            counts[source_id] = (int(total), int(flagged_total or 0))
    rows = [
        SourceRow(
            id=r[0],
            label=r[1],
            language=r[2],
            published=r[3],
            parent_id=r[4],
            claims=counts.get(r[0], (0, 0))[0],
            flagged=counts.get(r[0], (0, 0))[1],
        )
        for r in fetched
    ]
    return SourcePage(rows=rows, more=more)


@dataclass(frozen=True, slots=True)
class RunRow:
    id: int
    started: datetime | None
    finished: datetime | None
    inputs_tried: int
    added: int
    unchanged: int
    failed: int
    errors: list[dict[str, str]]
    command: str


def list_ingest_runs(session: Session, limit: int = 100) -> list[RunRow]:
    """The latest ingest runs, newest first, with their errors."""
    return [
        RunRow(
            id=run.id or 0,
            started=run.started,
            finished=run.finished,
            inputs_tried=run.inputs_tried,
            added=run.added,
            unchanged=run.unchanged,
            failed=run.failed,
            errors=list(run.errors),
            command=run.command,
        )
        for run in session.execute(
            select(IngestRun).order_by(IngestRun.id.desc()).limit(limit)
        ).scalars()
    ]
