"""The HTML report: self-contained, complete, and inert whatever the articles contain."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine

from kb.report import gather_report
from kb.report.html import render_html

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = '"><img src=x onerror=alert(1)>'


def test_hostile_article_text_stays_text(
    parse_html: Callable[[str], Any], engine: Engine, factory, fixed_time: datetime
) -> None:
    text = f"Intro {HOSTILE_SCRIPT} and {HOSTILE_IMG} then 5,000 MW of power."
    source = factory.source(
        text=text,
        title=f"Title {HOSTILE_SCRIPT}",
        author=HOSTILE_IMG,
        url="javascript:alert(1)",
    )
    claim = factory.claim(
        source,
        text,
        "5,000 MW",
        value=5e9,
        unit="W",
        kind="power",
        verdict="inconsistent",
        severity=1.0,
    )
    factory.finding(
        claim,
        rule="facility_power",
        verdict="inconsistent",
        claimed_value=5e9,
        claimed_unit="W",
        expected_low=1e8,
        expected_high=5e8,
        expected_unit="W",
        ratio=10.0,
        severity=1.0,
        explanation=f"because {HOSTILE_IMG}",
        implied=HOSTILE_SCRIPT,
        inputs=[
            {
                "catalog": HOSTILE_SCRIPT,
                "field": "tdp_w",
                "value": 700,
                "unit": "W",
                "source": HOSTILE_IMG,
            }
        ],
        assumptions={HOSTILE_SCRIPT: {"low": 1, "high": 2, "note": HOSTILE_IMG}},
    )
    factory.review(claim, source, status="confirmed", note=HOSTILE_SCRIPT, reviewer=HOSTILE_IMG)
    # A quote with markup in it reaches the chart labels and tooltips too.
    hostile_quote = factory.claim(
        source, text, HOSTILE_IMG, value=1.0, unit="W", verdict="questionable", severity=0.5
    )
    factory.finding(
        hostile_quote,
        rule="r",
        verdict="questionable",
        expected_low=2.0,
        expected_high=3.0,
        ratio=0.5,
        severity=0.5,
        explanation=HOSTILE_SCRIPT,
    )

    document = render_html(gather_report(engine, generated_at=fixed_time))
    elements = parse_html(document)

    assert elements.named("script") == []
    assert elements.named("img") == []
    for tag, attrs in elements.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    for attrs in elements.named("a"):
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
    # The text is still shown, as text.
    shown = "".join(elements.text)
    assert HOSTILE_SCRIPT in shown and HOSTILE_IMG in shown
    assert sorted(elements.marked) == sorted(["5,000 MW", HOSTILE_IMG])
    assert elements.named("svg")  # the hostile quote was charted, as text


def test_page_is_self_contained_and_forbids_scripts(
    parse_html: Callable[[str], Any],
    engine: Engine,
    sample_kb: dict[str, int],
    fixed_time: datetime,
) -> None:
    elements = parse_html(render_html(gather_report(engine, generated_at=fixed_time)))
    for tag, attrs in elements.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value or value.startswith(("#", "https://example.")), (tag, attrs)
        assert tag not in {"script", "link", "iframe", "object", "embed", "img"}
    policies = [a for a in elements.named("meta") if a.get("http-equiv")]
    assert "script-src" not in (policies[0]["content"] or "")
    assert "default-src 'none'" in (policies[0]["content"] or "")
    assert len(elements.named("style")) == 1


def test_summary_sections_and_charts(
    parse_html: Callable[[str], Any],
    engine: Engine,
    sample_kb: dict[str, int],
    fixed_time: datetime,
) -> None:
    document = render_html(gather_report(engine, generated_at=fixed_time))
    elements = parse_html(document)
    ids = {attrs.get("id") for _, attrs in elements.tags}
    assert {"summary", "cross-source", "catalog"} <= ids
    for key in ("anthology", "cluster", "training", "other"):
        assert f"source-{sample_kb[key]}" in ids
    assert f"claim-{sample_kb['cost']}" in ids
    # The most severe findings, then one chart per article with checked claims: cluster,
    # training, rival.
    assert len(elements.named("svg")) == 4
    assert document.index("<svg") < document.index("<table")
    shown = "".join(elements.text)
    assert "545× above band" in shown
    assert "about 545x that" in shown  # the explanation
    assert "about $30 M per accelerator" in shown  # the implied value
    assert "all_in_cost_per_gpu: 40,000–55,000 USD (built cluster, all-in)" in shown
    assert "NVIDIA H100 SXM tdp_w = 700 W (source: vendor datasheet)" in shown
    assert "confirmed by editor-1 on 2025-03-02: The writer meant yuan, not dollars." in shown
    assert "Generated 2026-01-02 03:04 UTC" in shown
    assert "3 trillion dollars" in elements.marked


def test_most_severe_table_comes_before_the_sources(
    engine: Engine, sample_kb: dict[str, int], fixed_time: datetime
) -> None:
    document = render_html(gather_report(engine, generated_at=fixed_time))
    summary_at = document.index('id="summary"')
    severe_at = document.index("Most severe findings")
    assert summary_at < severe_at < document.index(f'id="source-{sample_kb["anthology"]}"')
    assert document.index("3 trillion dollars", severe_at) < document.index("4,000 MW", severe_at)


def test_print_styles_are_included(engine: Engine, fixed_time: datetime) -> None:
    document = render_html(gather_report(engine, generated_at=fixed_time))
    assert "@media print" in document
    assert "No sources in scope." in document
