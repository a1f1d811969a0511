"""The report as schema.org ClaimReview JSON-LD, the form fact-checkers publish and search
engines read: one ClaimReview per flagged or editor-reviewed claim.

Rating scale (``reviewRating``, 1 worst to 5 best): 1 inconsistent, 2 questionable,
3 unchecked, 4 consistent; 5 is never given, since recomputation can show a figure plausible
but not true. An editor's review overrides the checker: "confirmed" keeps the checker's
rating, "dismissed" rates the claim consistent, "corrected" keeps the rating and names the
correction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from kb.report.gather import ClaimRow, Report, ReviewRow, SourceRow, worst_finding
from kb.report.presentation import (
    VERDICT_LABELS,
    describe_review,
    format_band,
    format_claimed,
    format_quantity,
    format_ratio,
)

RATINGS: dict[str, int] = {"inconsistent": 1, "questionable": 2, "consistent": 4}
AUTHOR = {"@type": "Organization", "name": "claimkb"}


def _latest_claim_review(claim: ClaimRow) -> ReviewRow | None:
    """The newest review of the claim as a whole (not of one rule), else the newest at all."""
    whole = [r for r in claim.reviews if not r.rule]
    pool = whole or claim.reviews
    return pool[-1] if pool else None


def _appearance(source: SourceRow | None, parent: SourceRow | None) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if source is None:
        return work
    url = source.url or (parent.url if parent else None)
    if url:
        work["url"] = url
    if source.title:
        work["headline"] = source.title
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    published = source.published or (parent.published if parent else None)
    if published:
        work["datePublished"] = published.date().isoformat()
    if source.language and source.language != "und":
        work["inLanguage"] = source.language
    if parent is not None and parent.title:
        work["isPartOf"] = {"@type": "CreativeWork", "headline": parent.title}
    return work


def claim_review(report: Report, claim: ClaimRow) -> dict[str, Any]:
    """One ClaimReview object for ``claim``."""
    source = report.sources_by_id.get(claim.source_id)
    parent = (
        report.sources_by_id.get(source.parent_id)
        if source is not None and source.parent_id is not None
        else None
    )
    finding = worst_finding(claim)
    review = _latest_claim_review(claim)
    verdict = claim.verdict
    label = VERDICT_LABELS.get(verdict, verdict)
    if review is not None and review.status == "dismissed":
        verdict, label = "consistent", "Flag dismissed by editor"
    elif review is not None and review.status == "corrected":
        corrected = format_quantity(review.corrected_value, review.corrected_unit)
        label = f"{label} (corrected to {corrected})"
    body_parts = []
    if finding is not None:
        if finding.explanation:
            body_parts.append(finding.explanation)
        body_parts.append(
            f"Claimed {format_claimed(claim)}; expected {format_band(finding)} "
            f"({format_ratio(finding.ratio)}, rule {finding.rule})."
        )
        if finding.implied:
            body_parts.append(f"Implied: {finding.implied}.")
    if review is not None:
        body_parts.append(f"Editor review: {describe_review(review)}.")
    rating: dict[str, Any] = {
        "@type": "Rating",
        "ratingValue": RATINGS.get(verdict, 3),
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": label,
    }
    item: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": f"claim-{claim.id}",
        "claimReviewed": claim.sentence.strip() or claim.quote,
        "itemReviewed": {
            "@type": "Claim",
            "text": claim.quote,
            "appearance": [_appearance(source, parent)],
        },
        "reviewRating": rating,
        "reviewBody": " ".join(body_parts),
        "author": dict(AUTHOR),
        "datePublished": report.generated_at.date().isoformat(),
    }
    if claim.subject:
        item["itemReviewed"]["about"] = {"@type": "Thing", "name": claim.subject}
    if review is not None and review.reviewer:
        item["author"] = {"@type": "Person", "name": review.reviewer}
        item["publisher"] = dict(AUTHOR)
    return item


def render_claimreview(report: Report) -> str:
    return "".join(iter_claimreview(report))


def iter_claimreview(report: Report) -> Iterator[str]:
    """A JSON array of ClaimReview objects, each with its own @context, one per line."""
    chosen = [c for c in report.claims.values() if c.flagged or c.reviews]
    chosen.sort(key=lambda c: (-c.severity, c.source_id, c.start, c.id))
    if not chosen:
        yield "[]\n"
        return
    for index, claim in enumerate(chosen):
        yield ("[\n" if index == 0 else ",\n") + json.dumps(
            claim_review(report, claim), ensure_ascii=False
        )
    yield "\n]\n"
