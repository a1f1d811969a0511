"""kb.browse, the browser's read side: keyset paging, filters, search, counts, detail views.

Runs on SQLite, and on PostgreSQL too when KB_TEST_POSTGRES_URL is set (the `engine` fixture).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from kb.browse import (
    SORTS,
    BrowseError,
    ClaimFilter,
    claim_detail,
    count_claims,
    format_claim_value,
    format_number,
    format_value,
    list_claims,
    list_ingest_runs,
    list_sources,
    passage_around,
    source_detail,
)
from tests.tui.conftest import KBFactory, build_small_kb


@pytest.fixture
def small(engine: Engine) -> tuple[Engine, dict[str, int]]:
    with Session(engine) as session:
        ids = build_small_kb(session)
        session.commit()
    return engine, ids


@pytest.fixture
def many(engine: Engine) -> Engine:
    """57 claims over 6 sources with repeated severities, values and dates (ties to break)."""
    rng = random.Random(3)
    with Session(engine) as session:
        make = KBFactory(session)
        for s in range(6):
            text = " ".join(f"figure{n:02d}" for n in range(10))
            source = make.source(
                f"Source {s}",
                text + f" (source {s})",
                published=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=s % 3),
            )
            for n in range(10 if s < 5 else 7):
                make.claim(
                    source,
                    f"figure{n:02d}",
                    float(rng.choice([1, 10, 100])),
                    "GPU",
                    "chip_count",
                    verdict=rng.choice(["unchecked", "inconsistent"]),
                    severity=float(rng.choice([0, 1, 2])),
                )
        session.commit()
    return engine


def walk_forward(session: Session, flt: ClaimFilter, limit: int) -> list[int]:
    seen: list[int] = []
    page = list_claims(session, flt, limit=limit)
    seen.extend(r.id for r in page.rows)
    while page.more:
        page = list_claims(session, flt, after=page.rows[-1].cursor, limit=limit)
        seen.extend(r.id for r in page.rows)
    return seen


def walk_backward(session: Session, flt: ClaimFilter, limit: int) -> list[int]:
    page = list_claims(session, flt, last=True, limit=limit)
    seen = [r.id for r in page.rows]
    while page.more:
        page = list_claims(session, flt, before=page.rows[0].cursor, limit=limit)
        seen = [r.id for r in page.rows] + seen
    return seen


@pytest.mark.parametrize("sort", SORTS)
def test_keyset_pages_cover_every_claim_once_in_order_both_ways(many: Engine, sort: str) -> None:
    with Session(many) as session:
        everything = list_claims(session, ClaimFilter(sort=sort), limit=1000).rows
        expected = [r.id for r in everything]
        assert len(expected) == 57
        assert walk_forward(session, ClaimFilter(sort=sort), 10) == expected
        assert walk_backward(session, ClaimFilter(sort=sort), 10) == expected


def test_sort_orders_are_worst_biggest_newest_first(many: Engine) -> None:
    with Session(many) as session:
        by_severity = list_claims(session, ClaimFilter(sort="severity"), limit=100).rows
        assert [r.severity for r in by_severity] == sorted(
            (r.severity for r in by_severity), reverse=True
        )
        by_value = list_claims(session, ClaimFilter(sort="value"), limit=100).rows
        assert [r.value for r in by_value] == sorted((r.value for r in by_value), reverse=True)
        by_date = list_claims(session, ClaimFilter(sort="date"), limit=100).rows
        dates = [r.published for r in by_date]
        assert dates == sorted(dates, reverse=True)


def test_filtered_paging_and_counts_agree(many: Engine) -> None:
    with Session(many) as session:
        flt = ClaimFilter(verdict="inconsistent", sort="severity")
        ids = walk_forward(session, flt, 7)
        counts = count_claims(session, flt)
        assert counts.total == len(ids) == counts.inconsistent
        assert not counts.capped
        capped = count_claims(session, ClaimFilter(), cap=20)
        assert (capped.total, capped.capped) == (20, True)
        assert capped.describe().startswith("20+ claims")


def test_filters_by_verdict_kind_subject_source_language(small: Any) -> None:
    engine, ids = small
    with Session(engine) as session:

        def listed(**fields: Any) -> set[int]:
            return {r.id for r in list_claims(session, ClaimFilter(**fields)).rows}

        assert listed(verdict="inconsistent") == {ids["cost"]}
        assert listed(kind="gpu_hours") == {ids["gpu_hours"]}
        assert listed(subject="other mod") == {ids["hostile_gpus"]}
        assert listed(language="zh") == {ids["chinese_gpus"]}
        assert listed(source=f"#{ids['second']}") == {ids["gpu_hours"]}
        assert listed(source="second look") == {ids["gpu_hours"]}
        assert listed(subject="no such model") == set()
        with pytest.raises(BrowseError, match="unknown verdict"):
            list_claims(session, ClaimFilter(verdict="maybe"))
        with pytest.raises(BrowseError, match="unknown sort"):
            list_claims(session, ClaimFilter(sort="alphabet"))


def test_search_short_long_chinese_and_special_characters(small: Any) -> None:
    engine, ids = small
    with Session(engine) as session:

        def found(text: str) -> set[int]:
            return {r.id for r in list_claims(session, ClaimFilter(search=text)).rows}

        assert found("analysts") == {ids["cost"]}  # in the sentence, not the quote
        assert found("万块") == {ids["chinese_gpus"]}  # two characters: LIKE
        assert found("使用了约") == {ids["chinese_gpus"]}
        assert found("ANALYSTS") == {ids["cost"]}
        assert ids["hostile_gpus"] in found("1,000 GPUs")
        # characters that mean something to FTS5 or LIKE are searched for literally
        for awkward in ('"', "%", "_", "a*", "OR", "[bold]", "NEAR(", "\\"):
            found(awkward)
        assert found("100%") == set()


def test_reviews_show_as_reviewed_and_filter(small: Any) -> None:
    engine, ids = small
    with Session(engine) as session:
        from kb.store import add_review

        add_review(session, ids["power"], "dismissed", note="fine")
        session.commit()
        rows = list_claims(session, ClaimFilter(verdict="reviewed")).rows
        assert [(r.id, r.badge, r.review_status) for r in rows] == [
            (ids["power"], "reviewed", "dismissed")
        ]
        detail = claim_detail(session, ids["power"])
        assert detail.badge == "reviewed"
        assert detail.reviews[0].describe().startswith("dismissed")


def test_claim_detail_resolves_inputs_and_related(small: Any) -> None:
    engine, ids = small
    with Session(engine) as session:
        detail = claim_detail(session, ids["cost"])
        assert detail.passage[detail.span_start : detail.span_end] == "$4 trillion"
        (finding,) = detail.findings
        assert [i.claim_id for i in finding.inputs if i.claim_id] == [ids["gpus"], ids["days"]]
        catalog = [i for i in finding.inputs if i.catalog]
        assert catalog[0].source == "price survey 2026"
        assert "price survey 2026" in catalog[0].describe()
        relations = {(r.id, r.relation) for r in claim_detail(session, ids["gpus"]).related}
        assert (ids["compute"], "derived from it") in relations
        assert (ids["chinese_gpus"], "same subject and kind") in relations
        with pytest.raises(BrowseError, match="no claim"):
            claim_detail(session, 10_000)


def test_source_detail_sources_list_and_runs(small: Any) -> None:
    engine, ids = small
    with Session(engine) as session:
        detail = source_detail(session, ids["orion"])
        assert [s.start for s in detail.claims] == sorted(s.start for s in detail.claims)
        assert all(detail.text[s.start : s.end] == s.quote for s in detail.claims)
        page = list_sources(session, limit=2)
        assert page.more and len(page.rows) == 2
        rest = list_sources(session, after=page.rows[-1].id, limit=10)
        by_id = {r.id: r for r in [*page.rows, *rest.rows]}
        assert (by_id[ids["orion"]].claims, by_id[ids["orion"]].flagged) == (5, 2)
        (run,) = list_ingest_runs(session)
        assert run.errors == [{"input": "broken.pdf", "error": "not a PDF file"}]


def test_passage_is_the_paragraph_around_the_claim() -> None:
    text = "First paragraph.\n\nThe claim 42 GPUs sits here.\n\nLast one."
    start = text.index("42 GPUs")
    passage, offset = passage_around(text, start, start + 7)
    assert passage == "The claim 42 GPUs sits here."
    assert passage[start - offset : start - offset + 7] == "42 GPUs"
    long_text = "x" * 5000 + "42" + "y" * 5000
    passage, offset = passage_around(long_text, 5000, 5002, reach=100)
    assert len(passage) == 202 and passage[100:102] == "42"


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (4e12, "USD", "4 × 10¹² USD"),
        (2.8e6, "GPU_hour", "2.8 M GPU·h"),
        (5000, "MW", "5,000 MW"),
        (5e9, "W", "5,000 MW"),
        (70_000, "W", "70 kW"),
        (3.8e25, "FLOP", "3.8 × 10²⁵ FLOP"),
        (0.5, "USD", "0.5 USD"),
        (40, "percent", "40 %"),
        (2048, "dimensionless", "2,048"),
        (1.5e-5, "USD", "1.5 × 10⁻⁵ USD"),
    ],
)
def test_values_read_as_people_write_them(value: float, unit: str, shown: str) -> None:
    assert format_value(value, unit) == shown


def test_catalog_figures_read_as_numbers_or_ranges() -> None:
    from kb.browse import InputRef

    pair = InputRef(
        role="price",
        catalog="NVIDIA H100 SXM",
        field="price_usd",
        value=[25000.0, 47000.0],
        unit="USD",
        source="price list",
    )
    assert "25,000 – 47,000 USD" in pair.describe() and "price list" in pair.describe()
    one = InputRef(role="tdp", catalog="X", field="tdp_w", value=700, unit="W")
    assert "700 W" in one.describe()


def test_ranges_bounds_and_odd_numbers() -> None:
    assert format_claim_value(3e6, "USD", 1e6, 1e7, "≈") == "≈1 – 10 M USD"
    assert format_claim_value(3.2e9, "USD", 2.5e9, 4e9) == "2.5 – 4 × 10⁹ USD"
    assert format_claim_value(5e9, "USD", 5e8, 4e10) == "500 M – 4 × 10¹⁰ USD"
    assert format_claim_value(3, "USD", 2, 4) == "2 – 4 USD"
    assert format_claim_value(2e4, "GPU", None, None, ">") == ">20,000 GPU"
    assert format_number(float("nan")) == "?"
    assert format_number(float("inf")) == "∞"
    assert format_number(0) == "0"
    assert format_number(9.9999e12) == "1 × 10¹³"
