"""The issue's acceptance figures on the seed articles (skipped when ../shared is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import cli

pytestmark = pytest.mark.seeds


def extract_jsonl(path: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cluster_throughput_in_the_slowdown_essay(seeds_dir: Path) -> None:
    rows = extract_jsonl(seeds_dir / "001_23d1a921224e4a9b.txt")
    assert any(
        row["value"] == 7.2e18 and row["unit"] == "FLOP/s" and "7.2e18" in row["quote"]
        for row in rows
    )


def test_grok3_capex_in_the_anthology(seeds_dir: Path) -> None:
    rows = extract_jsonl(seeds_dir / "002_83114c1d612d6a1c.txt")
    assert any(
        row["quote"] == "4 万亿美元"
        and row["value"] == 4e12
        and row["unit"] == "USD"
        and row["subject"] == "Grok-3"
        for row in rows
    )


def test_every_seed_claim_quote_is_its_span(seeds_dir: Path) -> None:
    import ingest
    from claims import extract

    for path in sorted(seeds_dir.glob("*.txt")):
        for document in ingest.read_inputs([str(path)]):
            if not isinstance(document, ingest.Document):
                continue
            for unit in document.children or [document]:
                for claim in extract(unit.text):
                    assert claim.quote == unit.text[claim.start : claim.end]
