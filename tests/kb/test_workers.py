"""Several ingest workers on one database: the work is shared, nothing is stored twice, and a
worker killed mid-run leaves nothing half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlmodel import Session

from kb.cli import cli
from kb.database import open_engine
from kb.models import Claim, IngestRun, Source
from kb.pipeline import writer_lock

REPO = Path(__file__).resolve().parents[2]


def _write_inputs(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"note-{i:03d}.txt"
        path.write_text(
            f"Field note {i}\n\nThe team rented {100 + i} H100 GPUs for {i + 2} days, "
            f"about {(100 + i) * (i + 2) * 24} GPU-hours, and paid ${(i + 1) * 1000} for it.\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    return paths


def _worker(db_url: str, inputs: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kb", "--db", db_url, "ingest", "--quiet", *inputs],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _counts(db_url: str) -> tuple[int, int, int]:
    engine = open_engine(db_url)
    with Session(engine) as session:
        sources = session.scalar(select(func.count()).select_from(Source)) or 0
        distinct_hashes = session.scalar(select(func.count(func.distinct(Source.raw_hash)))) or 0
        sources_without_claims = (
            session.scalar(
                select(func.count())
                .select_from(Source)
                .where(~select(Claim.id).where(Claim.source_id == Source.id).exists())
            )
            or 0
        )
    engine.dispose()
    return sources, distinct_hashes, sources_without_claims


@pytest.fixture
def postgres_url(postgres_server_url: str | None) -> str:
    if postgres_server_url is None:
        pytest.skip("KB_TEST_POSTGRES_URL is not set")
    from tests.conftest import _reset_postgres

    _reset_postgres(postgres_server_url)
    open_engine(postgres_server_url).dispose()  # migrate once, before the workers race
    return postgres_server_url


@pytest.mark.parametrize("workers", [2, 4])
def test_concurrent_workers_store_each_input_once(
    postgres_url: str, tmp_path: Path, workers: int
) -> None:
    inputs = _write_inputs(tmp_path / "in", 200)
    procs = [_worker(postgres_url, inputs) for _ in range(workers)]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    sources, distinct, empty = _counts(postgres_url)
    assert (sources, distinct, empty) == (200, 200, 0)
    engine = open_engine(postgres_url)
    with Session(engine) as session:
        runs = session.execute(select(IngestRun)).scalars().all()
    engine.dispose()
    assert len(runs) == workers
    assert sum(run.added for run in runs) == 200
    assert sum(1 for run in runs if run.added > 0) >= 2, "the work was not shared"


def test_a_killed_worker_loses_nothing_committed_and_leaves_nothing_half_written(
    postgres_url: str, tmp_path: Path
) -> None:
    inputs = _write_inputs(tmp_path / "in", 200)
    proc = _worker(postgres_url, inputs)
    deadline = time.monotonic() + 120
    while _counts(postgres_url)[0] < 40 and time.monotonic() < deadline:
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    sources, distinct, empty = _counts(postgres_url)
    assert 40 <= sources < 200 and distinct == sources and empty == 0
    again = _worker(postgres_url, inputs)
    _, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert _counts(postgres_url) == (200, 200, 0)


def test_a_second_ingest_on_a_sqlite_database_waits_its_turn(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'kb.sqlite'}"
    inputs = _write_inputs(tmp_path / "in", 2)
    engine = open_engine(db_url)
    with writer_lock(engine):
        result = CliRunner().invoke(cli, ["--db", db_url, "ingest", *inputs])
    assert result.exit_code == 1
    assert "another kb ingest" in result.output
    result = CliRunner().invoke(cli, ["--db", db_url, "ingest", *inputs])
    assert result.exit_code == 0, result.output
    assert _counts(db_url)[0] == 2
