"""The schema: every table round-trips, spans point at their text, reviews outlive re-checks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from sqlmodel import Session

import checks
import claims
from ingest import Document
from kb import store
from kb.database import (
    DatabaseProblem,
    current_revision,
    head_revision,
    make_engine,
    open_engine,
    session_scope,
    table_names,
    upgrade,
)
from kb.models import Claim, Entity, Finding, IngestRun, Review, Source, UrlState

ARTICLE = "The lab says its cluster of 24,000 A100 chips drew 9 MW at peak."


def _document(raw_hash: str = "h1", url: str | None = "https://example.test/a") -> Document:
    return Document(
        text=ARTICLE,
        origin="article.txt",
        raw_hash=raw_hash,
        language="en",
        title="A cluster",
        author="A. Writer",
        url=url,
        published=datetime(2025, 5, 1, tzinfo=UTC),
        metadata={"links": ["https://example.test/b"]},
    )


def _claim(quote: str, value: float, unit: str, kind: str) -> claims.Claim:
    start = ARTICLE.index(quote)
    return claims.Claim(
        start=start,
        end=start + len(quote),
        quote=quote,
        sentence=ARTICLE,
        value=value,
        unit=unit,
        kind=kind,
        subject="A100",
        qualifiers={"hardware": "A100"},
        sentence_end=len(ARTICLE),
    )


def test_migration_from_empty_to_head_creates_every_table(engine) -> None:
    assert current_revision(engine) == head_revision()
    assert {"source", "entity", "claim", "finding", "review", "ingestrun", "urlstate"} <= set(
        table_names(engine)
    )


def test_every_table_round_trips(engine) -> None:
    with session_scope(engine) as session:
        run = IngestRun(command="kb ingest x", inputs_tried=1, added=1)
        session.add(run)
        session.flush()
        stored = store.add_document(session, _document(), run.id)
        source_id = stored.source_ids[0]
        [claim_id] = store.store_claims(
            session, source_id, [_claim("24,000 A100 chips", 24000, "GPU", "chip_count")], "t1"
        )
        store.store_findings(
            session,
            [claim_id],
            [
                checks.Finding(
                    claim_id=claim_id,
                    rule="cluster_power",
                    verdict="questionable",
                    expected_low=1.0,
                    expected_high=2.0,
                    expected_unit="MW",
                    ratio=2.5,
                    severity=0.4,
                    inputs=[{"catalog": "NVIDIA A100", "field": "tdp_w", "value": 400}],
                    assumptions={"power_overhead": [1.7, 3.2]},
                    explanation="Too much power.",
                )
            ],
            "c1",
        )
        store.add_review(session, claim_id, "corrected", corrected_value=20000, note="typo")
        session.add(UrlState(url="https://example.test/a", etag='"x"'))
    with Session(engine) as session:
        source = session.get(Source, source_id)
        assert source is not None
        assert (source.title, source.author, source.language) == ("A cluster", "A. Writer", "en")
        assert source.meta == {"links": ["https://example.test/b"]}
        assert source.published is not None and source.published.year == 2025
        claim = session.get(Claim, claim_id)
        assert claim is not None and claim.qualifiers == {"hardware": "A100"}
        assert claim.verdict == "questionable" and claim.severity == pytest.approx(0.4)
        entity = session.get(Entity, claim.subject_id)
        assert entity is not None and entity.name == "A100"
        [finding] = session.execute(select(Finding)).scalars().all()
        assert finding.inputs[0]["field"] == "tdp_w"
        assert finding.assumptions == {"power_overhead": [1.7, 3.2]}
        [review] = session.execute(select(Review)).scalars().all()
        assert (review.status, review.corrected_value, review.corrected_unit) == (
            "corrected",
            20000,
            "GPU",
        )
        assert session.get(IngestRun, run.id) is not None
        assert session.get(UrlState, "https://example.test/a").etag == '"x"'


def test_claim_span_points_at_its_text_in_the_source(engine) -> None:
    with session_scope(engine) as session:
        stored = store.add_document(session, _document())
        store.store_claims(session, stored.source_ids[0], [_claim("9 MW", 9e6, "W", "power")], "t1")
    with Session(engine) as session:
        claim, source = session.execute(
            select(Claim, Source).join(Source, Source.id == Claim.source_id)
        ).one()
        assert source.text[claim.start : claim.end] == claim.quote == "9 MW"


def test_same_content_twice_adds_nothing_and_a_changed_url_adds_a_version(engine) -> None:
    with session_scope(engine) as session:
        first = store.add_document(session, _document("h1"))
    with session_scope(engine) as session:
        assert store.add_document(session, _document("h1")).status == "unchanged"
    with session_scope(engine) as session:
        second = store.add_document(session, _document("h2"))
    assert second.status == "new_version"
    with Session(engine) as session:
        old = session.get(Source, first.source_ids[0])
        new = session.get(Source, second.source_ids[0])
        assert old is not None and new is not None
        assert not old.is_current and new.is_current
        assert new.previous_version_id == old.id


def test_review_survives_recheck_and_reextraction(engine) -> None:
    claim = _claim("24,000 A100 chips", 24000, "GPU", "chip_count")
    other = _claim("9 MW", 9e6, "W", "power")
    with session_scope(engine) as session:
        source_id = store.add_document(session, _document()).source_ids[0]
        [claim_id] = store.store_claims(session, source_id, [claim], "t1")
        store.add_review(session, claim_id, "dismissed", rule="cluster_power", note="fine")
    # re-check: findings replaced, review untouched
    with session_scope(engine) as session:
        store.store_findings(
            session,
            [claim_id],
            [checks.Finding(claim_id=claim_id, rule="cluster_power", verdict="consistent")],
            "c2",
        )
    # re-extraction that loses the claim, then finds it again
    with session_scope(engine) as session:
        store.store_claims(session, source_id, [other], "t2")
    with Session(engine) as session:
        [review] = session.execute(select(Review)).scalars().all()
        assert review.claim_id is None and review.note == "fine"
    with session_scope(engine) as session:
        ids = store.store_claims(session, source_id, [claim, other], "t3")
    with Session(engine) as session:
        [review] = session.execute(select(Review)).scalars().all()
        assert review.claim_id == ids[0]
        assert session.get(Claim, ids[0]).quote == "24,000 A100 chips"


def test_a_database_from_a_newer_claimkb_is_refused_untouched(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    engine = open_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(DatabaseProblem, match="newer claimkb"):
        open_engine(url)
    with pytest.raises(DatabaseProblem, match="newer claimkb"):
        upgrade(make_engine(url))
    check = make_engine(url)
    with check.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "9999_future"
        )


def test_a_corrupt_database_file_gets_a_one_line_error(tmp_path) -> None:
    path = tmp_path / "corrupt.sqlite"
    path.write_bytes(b"this is not a database, just bytes " * 200)
    with pytest.raises(DatabaseProblem) as info:
        open_engine(f"sqlite:///{path}")
    assert "\n" not in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes().startswith(b"this is not a database")


def test_the_models_and_the_migrations_describe_the_same_schema(engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    # the search indexes are created by migration 0002 alone, per dialect
    search = ("claim_fts", "ix_claim_tsv", "ix_claim_trgm")
    assert [d for d in differences if not any(name in str(d) for name in search)] == []
