"""`kb ingest` end to end: read, extract, check and store, one input per transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlmodel import Session

from kb.cli import cli
from kb.database import open_engine
from kb.models import Claim, Finding, IngestRun, Review, Source

ENGLISH = """Inside a new training cluster

The operator says the hall holds 20,000 H100 GPUs and draws about 30 MW at full load.
Building it cost roughly $900 million, according to the filing.
"""

CHINESE = """新集群的账本

据介绍，该集群共有 2 万张 H100，训练一次消耗约 1000 万 GPU 小时。
"""


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "cluster.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "jiqun.txt").write_text(CHINESE, encoding="utf-8")
    return folder


def _run(db_url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", db_url, *args])
    return result.exit_code, result.stdout, result.stderr


def _count(db_url: str, model: type) -> int:
    engine = open_engine(db_url)
    with Session(engine) as session:
        n = session.scalar(select(func.count()).select_from(model)) or 0
    engine.dispose()
    return n


def test_ingest_stores_sources_claims_and_findings_once(db_url: str, articles: Path) -> None:
    code, out, err = _run(db_url, "ingest", str(articles))
    assert code == 0, err
    assert "added 2" in out
    assert _count(db_url, Source) == 2
    assert _count(db_url, Claim) >= 4
    assert _count(db_url, Finding) >= 1
    engine = open_engine(db_url)
    with Session(engine) as session:
        for claim, text in session.execute(
            select(Claim, Source.text).join(Source, Source.id == Claim.source_id)
        ):
            assert text[claim.start : claim.end] == claim.quote
    engine.dispose()
    code, out, _ = _run(db_url, "ingest", str(articles))
    assert code == 0 and "added 0" in out and "unchanged 2" in out
    assert _count(db_url, Source) == 2
    assert _count(db_url, IngestRun) == 2


def test_bad_inputs_fail_alone_with_one_line_each(db_url: str, articles: Path) -> None:
    (articles / "empty.txt").write_bytes(b"")
    (articles / "blob.bin").write_bytes(bytes(range(256)) * 64)
    missing = articles / "nope.txt"
    code, out, err = _run(db_url, "ingest", str(articles), str(missing))
    assert code == 1
    error_lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 3
    assert any("empty.txt" in line for line in error_lines)
    assert any("blob.bin" in line for line in error_lines)
    assert any("nope.txt" in line for line in error_lines)
    assert "added 2" in out and "failed 3" in out
    assert _count(db_url, Source) == 2
    engine = open_engine(db_url)
    with Session(engine) as session:
        run = session.execute(select(IngestRun)).scalars().one()
    engine.dispose()
    assert run.failed == 3 and run.added == 2 and len(run.errors) == 3


def test_no_input_is_a_usage_error(db_url: str) -> None:
    code, _, err = _run(db_url, "ingest")
    assert code == 2 and "name at least one" in err


def test_check_replaces_findings_and_keeps_reviews(db_url: str, articles: Path) -> None:
    assert _run(db_url, "ingest", str(articles))[0] == 0
    code, out, _ = _run(db_url, "claims", "--format", "jsonl")
    first = json.loads(out.splitlines()[0])
    assert _run(db_url, "review", str(first["id"]), "dismissed", "--note", "known")[0] == 0
    findings_before = _count(db_url, Finding)
    code, out, err = _run(db_url, "check", "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == findings_before == _count(db_url, Finding)
    for key in ("claim_id", "source", "source_title", "origin", "quote", "rule", "verdict"):
        assert key in rows[0]
    assert _count(db_url, Review) == 1


PAGE = """<html><head><title>{title}</title>
<meta name="author" content="Desk Writer"></head>
<body><nav>Home | About</nav><article><h1>{title}</h1>
<p>The lab trained on {chips} H100 GPUs and says the hall draws {mw} MW.</p>
</article></body></html>"""


def test_a_changed_url_adds_a_version_and_an_unchanged_one_costs_a_304(db_url: str) -> None:
    from tests.local_http import LocalHTTPServer, Route

    with LocalHTTPServer() as server:
        server.add(
            "/story",
            Route(body=PAGE.format(title="Hall", chips="10,000", mw=15), etag='"v1"'),
        )
        url = server.url("/story")
        code, out, err = _run(db_url, "ingest", url)
        assert code == 0, err
        # the same page again: the server answers 304, nothing is added
        code, out, _ = _run(db_url, "ingest", url)
        assert code == 0 and "unchanged 1" in out
        assert server.requests[-1].headers.get("If-None-Match") == '"v1"'
        # the page changes: a new version, the old one kept with its claims
        server.add(
            "/story",
            Route(body=PAGE.format(title="Hall", chips="12,000", mw=18), etag='"v2"'),
        )
        code, out, _ = _run(db_url, "ingest", url)
        assert code == 0 and "1 new versions" in out
    engine = open_engine(db_url)
    with Session(engine) as session:
        versions = session.execute(select(Source).order_by(Source.id)).scalars().all()
        claim_counts = [
            session.scalar(select(func.count()).where(Claim.source_id == v.id)) for v in versions
        ]
    engine.dispose()
    assert [v.is_current for v in versions] == [False, True]
    assert versions[1].previous_version_id == versions[0].id
    assert versions[0].url == versions[1].url == url
    assert all(count and count >= 2 for count in claim_counts)


def test_a_dead_url_fails_alone(db_url: str, articles: Path) -> None:
    from tests.local_http import LocalHTTPServer

    with LocalHTTPServer() as server:
        code, out, err = _run(db_url, "ingest", server.url("/missing"), str(articles))
    assert code == 1
    [line] = [line for line in err.splitlines() if line.startswith("error:")]
    assert "/missing" in line and "404" in line
    assert "added 2" in out


def test_reextraction_keeps_claims_and_their_reviews(db_url: str, articles: Path) -> None:
    assert _run(db_url, "ingest", str(articles))[0] == 0
    _, out, _ = _run(db_url, "claims", "--format", "jsonl")
    before = [json.loads(line) for line in out.splitlines()]
    assert _run(db_url, "review", str(before[0]["id"]), "confirmed")[0] == 0
    code, out, err = _run(db_url, "check", "--reextract", "--format", "jsonl")
    assert code == 0, err
    assert f"re-extracted {len(before)} claims" in err
    _, out, _ = _run(db_url, "claims", "--format", "jsonl")
    after = [json.loads(line) for line in out.splitlines()]
    assert [c["id"] for c in after] == [c["id"] for c in before]
    engine = open_engine(db_url)
    with Session(engine) as session:
        [review] = session.execute(select(Review)).scalars().all()
    engine.dispose()
    assert review.claim_id == before[0]["id"]
