"""The issue's acceptance figures on the real seeds, through `kb ingest` and `kb check`.

Skipped when ../shared is absent. The full per-row agreement is bench/check_quality.py.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
pytestmark = [
    pytest.mark.seeds,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent"),
]


@pytest.fixture(scope="module")
def findings(tmp_path_factory) -> list[dict]:
    kb = shutil.which("kb") or str(Path(sys.executable).with_name("kb"))
    url = f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'c.db'}"
    subprocess.run([kb, "--db", url, "ingest", str(SEEDS)], check=True, capture_output=True)
    done = subprocess.run(
        [kb, "--db", url, "check", "--format", "jsonl"], check=True, capture_output=True, text=True
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def about(findings: list[dict], fragment: str, rule: str) -> dict:
    matched = [f for f in findings if fragment in f["quote"] and f["rule"] == rule]
    assert matched, f"no {rule} finding for a claim quoting {fragment!r}"
    return matched[0]


def test_grok_investment_is_inconsistent_with_millions_per_gpu(findings):
    finding = about(findings, "4 万亿美元", "cluster_cost")
    assert finding["verdict"] == "inconsistent"
    assert " M per H100" in finding["implied"]


def test_grok_power_is_inconsistent(findings):
    assert about(findings, "5000MW", "cluster_power")["verdict"] == "inconsistent"


def test_grok_throughput_is_questionable_naming_sparse_fp8(findings):
    finding = about(findings, "10^9 TFLOPS", "cluster_throughput")
    assert finding["verdict"] == "questionable"
    assert "FP8 with 2:4 sparsity" in finding["explanation"]


def test_deepseek_v3_cost_is_consistent(findings):
    matched = [f for f in findings if "560 万美元" in f["quote"] and f["verdict"] != "unchecked"]
    assert matched and all(f["verdict"] == "consistent" for f in matched)
