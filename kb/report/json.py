"""The report as JSON for tools: flat lists of sources, claims, findings and reviews joined by id.

The shape is described by ``report.schema.json`` beside this module (JSON Schema 2020-12);
``SCHEMA_VERSION`` follows semantic versioning: a new optional field bumps the minor version,
anything that could break a reader bumps the major one.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from kb.report.gather import ClaimRow, FindingRow, Report, ReviewRow, SourceRow

SCHEMA_VERSION = "1.0.0"
SCHEMA_PATH = Path(__file__).with_name("report.schema.json")


def _number(value: float | None) -> float | None:
    """JSON has no NaN or infinity; such figures become null."""
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return None
    return value


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _clean(value: Any) -> Any:
    """Free-form JSON from the database (inputs, assumptions) with NaN/inf made null."""
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _generator() -> dict[str, str]:
    try:
        return {"name": "claimkb", "version": version("claimkb")}
    except PackageNotFoundError:  # running from a checkout that was never installed
        return {"name": "claimkb", "version": "unknown"}


def source_json(source: SourceRow) -> dict[str, Any]:
    return {
        "id": source.id,
        "parent_id": source.parent_id,
        "position": source.position,
        "title": source.title,
        "author": source.author,
        "url": source.url,
        "origin": source.origin,
        "published": _when(source.published),
        "language": source.language,
        "shape": source.shape,
        "claim_count": source.claim_count,
        "unchecked_count": source.unchecked_count,
    }


def claim_json(claim: ClaimRow, listed: bool) -> dict[str, Any]:
    return {
        "id": claim.id,
        "source_id": claim.source_id,
        "listed": listed,
        "fingerprint": claim.fingerprint,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "sentence": claim.sentence,
        "sentence_start": claim.sentence_start,
        "value": claim.value,
        "unit": claim.unit,
        "low": claim.low,
        "high": claim.high,
        "approx": claim.approx,
        "bound": claim.bound,
        "kind": claim.kind,
        "subject": claim.subject,
        "qualifiers": claim.qualifiers,
        "verdict": claim.verdict,
        "severity": claim.severity,
        "finding_ids": [f.id for f in claim.findings],
        "review_ids": [r.id for r in claim.reviews],
    }


def finding_json(finding: FindingRow) -> dict[str, Any]:
    return {
        "id": finding.id,
        "claim_id": finding.claim_id,
        "rule": finding.rule,
        "verdict": finding.verdict,
        "claimed_value": finding.claimed_value,
        "claimed_unit": finding.claimed_unit,
        "expected_low": finding.expected_low,
        "expected_high": finding.expected_high,
        "expected_unit": finding.expected_unit,
        "ratio": finding.ratio,
        "severity": finding.severity,
        "confidence": finding.confidence,
        "implied": finding.implied,
        "inputs": finding.inputs,
        "assumptions": finding.assumptions,
        "explanation": finding.explanation,
        "checker_version": finding.checker_version,
    }


def review_json(review: ReviewRow) -> dict[str, Any]:
    return {
        "id": review.id,
        "claim_id": review.claim_id,
        "source_id": review.source_id,
        "claim_fingerprint": review.claim_fingerprint,
        "rule": review.rule,
        "status": review.status,
        "corrected_value": review.corrected_value,
        "corrected_unit": review.corrected_unit,
        "note": review.note,
        "reviewer": review.reviewer,
        "created": _when(review.created),
    }


def _document_parts(report: Report) -> dict[str, Any]:
    """The document's top-level keys in order; the long lists are generators."""
    summary = report.summary
    listed_sources = list(report.walk_sources())
    listed_ids = {s.id for s in listed_sources}
    cited_sources = [s for sid, s in sorted(report.sources_by_id.items()) if sid not in listed_ids]
    claims = itertools.chain(
        (claim_json(c, listed=True) for c in report.claims.values()),
        (claim_json(c, listed=False) for c in report.cited_claims.values()),
    )
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": _generator(),
        "generated_at": report.generated_at.isoformat(),
        "scope": report.scope.as_dict(),
        "summary": {
            "sources": summary.sources,
            "articles": summary.articles,
            "claims": summary.claims,
            "claims_by_verdict": dict(summary.claims_by_verdict),
            "findings_by_verdict": dict(summary.findings_by_verdict),
            "reviews": summary.reviews,
            "most_severe_finding_ids": [f.id for f in report.most_severe],
        },
        "sources": [source_json(s) for s in listed_sources + cited_sources],
        "claims": claims,
        "findings": (finding_json(f) for f in report.all_findings()),
        "reviews": (review_json(r) for c in report.claims.values() for r in c.reviews),
        "cross_source_finding_ids": [f.id for f in report.cross_source],
        "catalog_figures": report.catalog_figures(),
    }


def report_document(report: Report) -> dict[str, Any]:
    """The report as a dict following ``report.schema.json``, except that figures may still
    be NaN or infinite (`render_json` writes those as null)."""
    return {
        key: list(value) if isinstance(value, Iterator) else value
        for key, value in _document_parts(report).items()
    }


def render_json(report: Report) -> str:
    return "".join(iter_json(report))


def iter_json(report: Report) -> Iterator[str]:
    """The document with one top-level key, and one list item, per line.

    Readable in a diff and with grep, and fast: ``json.dumps`` with ``indent`` falls back to
    the pure-Python encoder, several times slower on 200,000 claims. Items are encoded as they
    are built, so the whole document never sits in memory.
    """
    # One encoder for every item: json.dumps with options builds a new one per call.
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode

    def compact(value: Any) -> str:
        try:
            return encode(value)
        except ValueError:  # a NaN or infinity somewhere: rare, so only then walk the value
            return encode(_clean(value))

    parts = _document_parts(report)
    yield "{\n"
    last = len(parts) - 1
    for index, (key, value) in enumerate(parts.items()):
        comma = "," if index < last else ""
        if isinstance(value, list | Iterator):
            items = iter(value)
            first = next(items, None)
            if first is None:
                yield f"  {compact(key)}: []{comma}\n"
                continue
            yield f"  {compact(key)}: [\n    {compact(first)}"
            for item in items:
                yield f",\n    {compact(item)}"
            yield f"\n  ]{comma}\n"
        else:
            yield f"  {compact(key)}: {compact(value)}{comma}\n"
    yield "}\n"


def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema
