"""Markdown, JSON (against its schema) and ClaimReview output."""

from __future__ import annotations

import json
from datetime import datetime

import jsonschema
import pytest
from sqlalchemy.engine import Engine

from kb.report import ReportScope, gather_report, render
from kb.report.json import SCHEMA_VERSION, load_schema, report_document


def _validator() -> jsonschema.Draft202012Validator:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_json_validates_against_the_documented_schema(
    engine: Engine, sample_kb: dict[str, int], fixed_time: datetime
) -> None:
    document = json.loads(render(gather_report(engine, generated_at=fixed_time), "json"))
    _validator().validate(document)
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["summary"]["most_severe_finding_ids"][0] == sample_kb["cost_finding"]
    claims = {c["id"]: c for c in document["claims"]}
    assert claims[sample_kb["cost"]]["finding_ids"] == [sample_kb["cost_finding"]]
    assert document["cross_source_finding_ids"] == [sample_kb["cross_finding"]]
    assert {f["field"] for f in document["catalog_figures"]} == {"price_usd", "tdp_w"}
    # Every id a document mentions resolves inside it.
    finding_ids = {f["id"] for f in document["findings"]}
    source_ids = {s["id"] for s in document["sources"]}
    assert all(c["source_id"] in source_ids for c in document["claims"])
    assert all(f["claim_id"] in claims for f in document["findings"])
    assert set(document["summary"]["most_severe_finding_ids"]) <= finding_ids


def test_json_of_a_narrow_scope_still_validates_and_marks_cited_claims(
    engine: Engine, sample_kb: dict[str, int], fixed_time: datetime
) -> None:
    scope = ReportScope(source_id=sample_kb["other"], verdicts=("questionable",))
    document = report_document(gather_report(engine, scope, generated_at=fixed_time))
    _validator().validate(json.loads(json.dumps(document)))
    listed = {c["id"]: c["listed"] for c in document["claims"]}
    assert listed == {sample_kb["rival"]: True, sample_kb["chips"]: False}
    assert document["scope"]["verdicts"] == ["questionable"]


def test_json_never_contains_nan(engine: Engine, factory, fixed_time: datetime) -> None:
    text = "It runs at 3 GW."
    source = factory.source(text=text)
    claim = factory.claim(source, text, "3 GW", value=3e9, unit="W", verdict="questionable")
    factory.finding(
        claim,
        rule="power",
        verdict="questionable",
        ratio=float("inf"),
        claimed_value=float("nan"),
    )
    output = render(gather_report(engine, generated_at=fixed_time), "json")
    document = json.loads(output)  # strict JSON: NaN/Infinity would still parse, so check
    assert "NaN" not in output and "Infinity" not in output
    _validator().validate(document)


def test_markdown_keeps_article_text_from_becoming_markup(
    engine: Engine, factory, fixed_time: datetime
) -> None:
    text = "A | pipe, *stars*, `code` and <b>tags</b> around 700 W per chip."
    source = factory.source(text=text, title="Pipes | and *stars*")
    claim = factory.claim(
        source, text, "700 W", value=700, unit="W", kind="power", verdict="consistent"
    )
    factory.finding(
        claim,
        rule="chip_power",
        verdict="consistent",
        expected_low=600,
        expected_high=800,
        expected_unit="W",
        ratio=1.0,
    )
    output = render(gather_report(engine, generated_at=fixed_time), "md")
    assert "## Pipes \\| and \\*stars\\*" in output
    row = next(line for line in output.splitlines() if line.startswith("| “700 W”"))
    assert row.count(" | ") == 4  # five cells: the article's pipe is escaped
    assert "\\<b\\>tags\\</b\\>" in row and "**700 W**" in row


def test_markdown_has_the_same_content_as_html(
    engine: Engine, sample_kb: dict[str, int], fixed_time: datetime
) -> None:
    output = render(gather_report(engine, generated_at=fixed_time), "md")
    for expected in (
        "# Consistency report",
        "### Most severe findings",
        "## Cross-source contradictions",
        "## Catalog figures used",
        "545× above band",
        "Implied: about $30 M per accelerator",
        "**Editor review**: confirmed by editor-1 on 2025-03-02",
        "Input: NVIDIA H100 SXM tdp_w = 700 W (source: vendor datasheet)",
        "> Its builders say it cost **3 trillion dollars** and draws 4,000 MW.",
    ):
        assert expected in output, expected


def test_claimreview_covers_flagged_and_reviewed_claims(
    engine: Engine, sample_kb: dict[str, int], fixed_time: datetime
) -> None:
    reviews = json.loads(render(gather_report(engine, generated_at=fixed_time), "claimreview"))
    assert [r["identifier"] for r in reviews] == [
        f"claim-{sample_kb[k]}" for k in ("cost", "power", "rival")
    ]
    cost = reviews[0]
    assert cost["@context"] == "https://schema.org" and cost["@type"] == "ClaimReview"
    assert cost["itemReviewed"]["@type"] == "Claim"
    assert cost["itemReviewed"]["text"] == "3 trillion dollars"
    appearance = cost["itemReviewed"]["appearance"][0]
    assert appearance["url"] == "https://example.org/orion"
    assert appearance["datePublished"] == "2025-03-01"
    assert cost["reviewRating"]["ratingValue"] == 1
    assert cost["reviewRating"]["alternateName"] == "Inconsistent"
    assert "about 545x that" in cost["reviewBody"]
    assert cost["author"] == {"@type": "Person", "name": "editor-1"}
    assert cost["datePublished"] == "2026-01-02"


def test_claimreview_follows_a_dismissal(
    engine: Engine, factory, sample_kb: dict[str, int], fixed_time: datetime
) -> None:
    factory.review(sample_kb["power"], sample_kb["cluster"], status="dismissed")
    reviews = json.loads(render(gather_report(engine, generated_at=fixed_time), "claimreview"))
    power = next(r for r in reviews if r["identifier"] == f"claim-{sample_kb['power']}")
    assert power["reviewRating"]["alternateName"] == "Flag dismissed by editor"
    assert power["reviewRating"]["ratingValue"] == 4


@pytest.mark.parametrize("output_format", ["html", "md", "json", "claimreview"])
def test_every_format_renders_an_empty_knowledge_base(
    engine: Engine, output_format: str, fixed_time: datetime
) -> None:
    assert render(gather_report(engine, generated_at=fixed_time), output_format).strip()


def test_a_band_starting_at_zero_is_still_charted(
    engine: Engine, factory, fixed_time: datetime
) -> None:
    text = "The run cost 3 trillion dollars."
    source = factory.source(text=text)
    claim = factory.claim(
        source,
        text,
        "3 trillion dollars",
        value=3e12,
        unit="USD",
        verdict="inconsistent",
        severity=2.0,
    )
    factory.finding(
        claim,
        rule="ceiling",
        verdict="inconsistent",
        expected_low=0.0,
        expected_high=3e10,
        expected_unit="USD",
        ratio=100.0,
        severity=2.0,
    )
    report = gather_report(engine, generated_at=fixed_time)
    assert render(report, "html").count("<svg ") == 2  # summary and source
    assert "●" in render(report, "md").split("## ", 3)[-1]
