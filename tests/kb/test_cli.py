"""The `kb` command on a real database: init, stats, sources, claims, review."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

import claims
from ingest import Document
from kb import store
from kb.cli import cli
from kb.database import open_engine, session_scope

TEXT = "Its 16 H100 GPUs ran for 26 minutes and the run cost under $50."


def _seeded(url: str) -> list[int]:
    engine = open_engine(url)
    with session_scope(engine) as session:
        source_id = store.add_document(
            session,
            Document(text=TEXT, origin="run.txt", raw_hash="r1", title="Small run", language="en"),
        ).source_ids[0]
        quote = "under $50"
        start = TEXT.index(quote)
        ids = store.store_claims(
            session,
            source_id,
            [
                claims.Claim(
                    start=start,
                    end=start + len(quote),
                    quote=quote,
                    sentence=TEXT,
                    value=50.0,
                    unit="USD",
                    kind="training_cost",
                    bound="<",
                    subject="H100",
                )
            ],
            "test",
        )
    engine.dispose()
    return ids


def test_init_creates_the_named_sqlite_file_and_stats_prints_zero_counts(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", f"sqlite:///{path}", "init"])
    assert result.exit_code == 0, result.output
    assert path.exists()
    result = runner.invoke(cli, ["--db", f"sqlite:///{path}", "stats", "--format", "json"])
    counts = json.loads(result.output)[0]
    assert counts["sources"] == 0 and counts["claims"] == 0 and counts["findings"] == 0


def test_default_database_lives_in_the_user_data_dir(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["locate"])
    assert result.exit_code == 0
    assert "claimkb" in result.output and "config" in result.output


def test_claims_jsonl_has_one_object_per_claim(db_url: str) -> None:
    [claim_id] = _seeded(db_url)
    result = CliRunner().invoke(cli, ["--db", db_url, "claims", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.output.splitlines()]
    assert row["id"] == claim_id
    assert (row["value"], row["unit"], row["bound"], row["kind"]) == (
        50.0,
        "USD",
        "<",
        "training_cost",
    )
    assert row["quote"] == "under $50" and row["subject"] == "H100"


def test_claims_filters_by_subject_alias_kind_and_verdict(db_url: str) -> None:
    _seeded(db_url)
    runner = CliRunner()

    def count(*args: str) -> int:
        result = runner.invoke(cli, ["--db", db_url, "claims", "--format", "jsonl", *args])
        assert result.exit_code == 0, result.output
        return len(result.output.splitlines())

    assert count("--subject", "h100") == 1
    assert count("--subject", "A100") == 0
    assert count("--kind", "training_cost") == 1
    assert count("--kind", "power") == 0
    assert count("--verdict", "unchecked") == 1
    bad = runner.invoke(cli, ["--db", db_url, "claims", "--verdict", "wrong"])
    assert bad.exit_code == 2


def test_sources_lists_each_source_with_its_claim_count(db_url: str) -> None:
    _seeded(db_url)
    result = CliRunner().invoke(cli, ["--db", db_url, "sources", "--format", "csv"])
    lines = result.output.splitlines()
    assert lines[0].startswith("id,title,author,language")
    assert "Small run" in lines[1] and lines[1].split(",")[6] == "1"


def test_review_from_the_command_line_is_stored(db_url: str) -> None:
    [claim_id] = _seeded(db_url)
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--db", db_url, "review", str(claim_id), "confirmed", "--note", "checked"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["--db", db_url, "stats", "--format", "jsonl"])
    assert json.loads(result.output)["reviews"] == 1
    missing = runner.invoke(cli, ["--db", db_url, "review", "999", "confirmed"])
    assert missing.exit_code == 1 and "no claim with id 999" in missing.output


def test_a_newer_schema_database_is_a_one_line_error_from_the_cli(tmp_path: Path) -> None:
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'n.db'}"
    engine = open_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    engine.dispose()
    result = subprocess.run(
        [sys.executable, "-m", "kb", "--db", url, "stats"], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "newer claimkb" in result.stderr
    assert "Traceback" not in result.stderr
