"""Units the extractor emits, currency conversion, the public API and import hygiene."""

import subprocess
import sys

import pytest

import checks
from checks.quantities import UnitUnknown, unit_info
from claims.vocabulary import vocabulary

from .conftest import Article, findings_for, only


def test_every_unit_the_extractor_emits_converts():
    for unit in sorted({word.unit for word in vocabulary().units.values()}):
        info = unit_info(unit)
        assert info.canonical and info.factor > 0, unit


def test_flop_never_converts_to_dollars():
    assert unit_info("FLOP").canonical != unit_info("USD").canonical
    assert unit_info("FLOP/s").canonical == "FLOP/s"
    assert unit_info("USD", "GPU*hour").canonical == "USD/(GPU*hour)"
    assert unit_info("USD", "1e6 token").factor == pytest.approx(1e-6)


def test_unknown_unit_is_an_unchecked_finding_not_a_crash():
    with pytest.raises(UnitUnknown):
        unit_info("zorg")
    article = Article()
    article.sentence("Each seat costs $20.", ("$20", 20, "USD", "api_price", {"per": "zorg"}))
    finding = only(findings_for(article.claims, "$20"))
    assert finding.verdict == "unchecked" and "zorg" in finding.explanation


def test_yuan_converts_at_the_dated_rate_and_records_it(article: Article):
    article.sentence(
        "Lab L bought 10,000 H100 GPUs for 2 billion yuan in 2024.",
        ("10,000 H100 GPUs", 1e4, "GPU", "chip_count", {"hardware": "H100"}),
        ("2 billion yuan", 2e9, "CNY", "capex", {"year": "2024"}),
        subject="Lab L",
    )
    finding = only(findings_for(article.claims, "2 billion yuan", "cluster_cost"))
    rate = finding.assumptions["exchange_rate"]
    assert rate["currency"] == "CNY" and rate["year"] == 2024 and rate["source"]
    assert finding.claimed_value == pytest.approx(2e9 * rate["usd"])
    assert finding.verdict == "consistent"


def test_claim_verdict_prefers_recomputation_over_other_sources():
    recomputed = checks.Finding(1, "cluster_throughput", "consistent")
    disagreeing = checks.Finding(1, "cross_source", "inconsistent", severity=1.0)
    assert checks.claim_verdict([recomputed, disagreeing]) == ("consistent", 0.0)
    assert checks.claim_verdict([disagreeing])[0] == "inconsistent"
    assert checks.claim_verdict([checks.Finding(1, "none", "unchecked")])[0] == "unchecked"
    as_json = [{"rule": "cluster_power", "verdict": "questionable", "severity": 0.3}]
    assert checks.claim_verdict(as_json) == ("questionable", 0.3)


def test_public_names():
    for name in ("check_claims", "CHECKER_VERSION", "CheckConfig", "load_config", "claim_graph",
                 "related_claims", "catalog", "claim_verdict"):  # fmt: skip
        assert hasattr(checks, name), name
    assert checks.catalog.lookup("英伟达 H100").key == "H100"


def test_check_claims_is_pure_and_keeps_the_collector_state():
    import gc

    article = Article()
    article.sentence(
        "X has 8 H100 GPUs.", ("8 H100 GPUs", 8, "GPU", "chip_count", {"hardware": "H100"})
    )
    first = checks.check_claims(article.claims)
    assert gc.isenabled()
    assert checks.check_claims(article.claims) == first


def test_importing_checks_loads_neither_networkx_nor_the_tui():
    code = (
        "import sys, checks; checks.check_claims([]);"
        "bad = [m for m in ('networkx', 'textual', 'rich', 'kb', 'ingest') if m in sys.modules];"
        "print(','.join(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
