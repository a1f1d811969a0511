"""What a report reads from the knowledge base: scope filters, counts and joins."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine

from kb.database import session_scope
from kb.models import Claim, Source
from kb.report import ReportProblem, ReportScope, gather_report


def test_summary_counts_every_claim_and_finding_in_scope(
    engine: Engine, sample_kb: dict[str, int]
) -> None:
    report = gather_report(engine)
    summary = report.summary
    assert (summary.sources, summary.articles, summary.claims) == (2, 2, 6)
    assert summary.claims_by_verdict == {
        "inconsistent": 2,
        "questionable": 1,
        "consistent": 1,
        "unchecked": 2,
    }
    assert summary.findings_by_verdict["inconsistent"] == 2
    assert summary.reviews == 1


def test_most_severe_lists_flagged_findings_worst_first(
    engine: Engine, sample_kb: dict[str, int]
) -> None:
    report = gather_report(engine)
    assert [f.id for f in report.most_severe] == [
        sample_kb["cost_finding"],
        sample_kb["power_finding"],
        sample_kb["cross_finding"],
    ]


def test_anthology_articles_hang_under_their_file_and_flagged_sources_come_first(
    engine: Engine, sample_kb: dict[str, int]
) -> None:
    report = gather_report(engine)
    assert [s.id for s in report.sources] == [sample_kb["anthology"], sample_kb["other"]]
    anthology = report.sources[0]
    assert [a.id for a in anthology.articles] == [sample_kb["cluster"], sample_kb["training"]]
    cluster = anthology.articles[0]
    assert [c.id for c in cluster.flagged_claims()] == [sample_kb["cost"], sample_kb["power"]]


def test_findings_cite_claims_and_reviews_attach(engine: Engine, sample_kb: dict[str, int]) -> None:
    report = gather_report(engine)
    cost = report.claims[sample_kb["cost"]]
    assert [f.rule for f in cost.findings] == ["capex_per_chip"]
    assert cost.findings[0].input_claim_ids() == [sample_kb["chips"]]
    assert [r.status for r in cost.reviews] == ["confirmed"]
    assert cost.sentence_parts()[1] == "3 trillion dollars"
    assert [f.id for f in report.cross_source] == [sample_kb["cross_finding"]]
    assert {item["field"] for item in report.catalog_figures()} == {"price_usd", "tdp_w"}


def test_source_scope_takes_an_anthology_with_its_articles(
    engine: Engine, sample_kb: dict[str, int]
) -> None:
    report = gather_report(engine, ReportScope(source_id=sample_kb["anthology"]))
    assert {c.source_id for c in report.claims.values()} == {
        sample_kb["cluster"],
        sample_kb["training"],
    }
    # The rival's claim is outside the scope but still named where a finding cites it.
    only_rival = gather_report(engine, ReportScope(source_id=sample_kb["other"]))
    assert set(only_rival.claims) == {sample_kb["rival"]}
    assert set(only_rival.cited_claims) == {sample_kb["chips"]}


def test_since_keeps_sources_published_on_or_after_the_day(
    engine: Engine, sample_kb: dict[str, int]
) -> None:
    report = gather_report(engine, ReportScope(since=date(2025, 1, 1)))
    assert sample_kb["other"] not in {s.id for s in report.sources}
    # The undated article inherits its anthology's date.
    assert sample_kb["hours"] in report.claims


def test_subject_matches_names_and_aliases_case_insensitively(
    engine: Engine, sample_kb: dict[str, int]
) -> None:
    report = gather_report(engine, ReportScope(subject="ORION 7"))
    assert sample_kb["unchecked"] not in report.claims
    assert report.summary.claims == 5


def test_verdict_filter_limits_listing_but_not_summary(
    engine: Engine, sample_kb: dict[str, int]
) -> None:
    report = gather_report(engine, ReportScope(verdicts=("inconsistent",)))
    assert set(report.claims) == {sample_kb["cost"], sample_kb["power"]}
    assert report.summary.claims == 6
    assert [s.id for s in report.sources] == [sample_kb["anthology"]]


def test_superseded_versions_are_left_out_of_the_full_report(
    engine: Engine, sample_kb: dict[str, int]
) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(Source).where(Source.id == sample_kb["other"]).values(is_current=False)
        )
    report = gather_report(engine)
    assert sample_kb["rival"] not in report.claims
    assert report.summary.sources == 1
    # ... unless asked for by id.
    old_version = gather_report(engine, ReportScope(source_id=sample_kb["other"]))
    assert sample_kb["rival"] in old_version.claims


def test_review_finds_its_claim_by_fingerprint_after_renumbering(
    engine: Engine, factory, sample_kb: dict[str, int]
) -> None:
    with session_scope(engine) as session:
        fingerprint = session.get(Claim, sample_kb["power"]).fingerprint
    factory.review(
        None,
        sample_kb["cluster"],
        claim_fingerprint=fingerprint,
        status="dismissed",
        created=datetime(2025, 4, 1, tzinfo=UTC),
    )
    report = gather_report(engine)
    assert [r.status for r in report.claims[sample_kb["power"]].reviews] == ["dismissed"]


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        (ReportScope(source_id=12345), "no source with id 12345"),
        (ReportScope(subject="nobody at all"), "no entity named 'nobody at all'"),
    ],
)
def test_unknown_source_or_subject_is_a_clear_problem(
    engine: Engine, sample_kb: dict[str, int], scope: ReportScope, message: str
) -> None:
    with pytest.raises(ReportProblem, match=message):
        gather_report(engine, scope)


def test_empty_knowledge_base_gives_an_empty_report(engine: Engine) -> None:
    report = gather_report(engine)
    assert report.sources == [] and report.summary.claims == 0 and report.most_severe == []


def test_a_claim_flagged_by_two_rules_takes_one_place_among_the_most_severe(
    engine: Engine, factory, sample_kb: dict[str, int]
) -> None:
    weaker = factory.finding(
        sample_kb["cost"], rule="rental_cost", verdict="inconsistent", severity=1.5
    )
    report = gather_report(engine)
    assert [f.id for f in report.most_severe].count(sample_kb["cost_finding"]) == 1
    assert weaker not in [f.id for f in report.most_severe]
    assert len(report.claims[sample_kb["cost"]].findings) == 2
