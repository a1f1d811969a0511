"""Rules 1-3: throughput, power and cost recomputed from chip counts and the catalog."""

import pytest

from checks import load_config

from .conftest import Article, findings_for, only

# A made-up data-centre announcement, written for these tests.
SENTENCE = (
    "The new site links 250,000 H100 chips, delivers 1e21 FLOP/s, draws 5,000 MW "
    "and cost $4 trillion."
)


def site(article: Article, *, flops=1e21, watts=5e9, usd=4e12, precision=None):
    qualifiers = {"scope": "total"} | ({"precision": precision} if precision else {})
    article.sentence(
        SENTENCE,
        ("250,000 H100 chips", 250_000, "GPU", "chip_count", {"hardware": "H100"}),
        ("1e21 FLOP/s", flops, "FLOP/s", "cluster_throughput", qualifiers),
        ("5,000 MW", watts, "W", "power"),
        ("$4 trillion", usd, "USD", "capex"),
        subject="new site",
    )
    return article.claims


def test_throughput_that_needs_sparse_fp8_is_questionable_and_says_so(article):
    finding = only(findings_for(site(article), "1e21 FLOP/s", "cluster_throughput"))
    assert finding.verdict == "questionable"
    assert "FP8 with 2:4 sparsity" in finding.explanation
    assert "4× too high at BF16 dense" in finding.explanation
    assert finding.assumptions["precision"] == "FP8-sparse"
    assert finding.implied.startswith("implies 4,000 TFLOP/s per H100")
    assert any(
        i.get("role") == "chip_count" and i["where"] == "same sentence" for i in finding.inputs
    )
    assert any(i.get("field") == "peak_flops_FP8-sparse" and i["source"] for i in finding.inputs)


def test_throughput_at_bf16_dense_is_consistent(article):
    finding = only(findings_for(site(article, flops=2.5e20), "1e21 FLOP/s", "cluster_throughput"))
    assert finding.verdict == "consistent"
    assert finding.implied is None
    assert finding.confidence == "medium"  # sustained-to-peak band is 5x wide


def test_sustained_rate_below_peak_is_consistent_not_a_slower_precision(article):
    finding = only(findings_for(site(article, flops=1e20), "1e21 FLOP/s", "cluster_throughput"))
    assert finding.verdict == "consistent"
    assert finding.assumptions["precision"] in ("BF16", "FP16")


def test_stated_precision_is_not_second_guessed(article):
    finding = only(
        findings_for(site(article, precision="BF16"), "1e21 FLOP/s", "cluster_throughput")
    )
    assert finding.verdict == "inconsistent"
    assert finding.ratio == pytest.approx(1e21 / (250_000 * 989.4e12), rel=1e-3)


def test_per_chip_peak_is_compared_with_the_catalog(article):
    article.sentence(
        "Each A100 offers 0.3e15 BF16 FLOP/s.",
        (
            "0.3e15 BF16 FLOP/s",
            0.3e15,
            "FLOP/s",
            "chip_throughput",
            {"hardware": "A100", "precision": "BF16", "scope": "per_chip"},
        ),
    )
    assert (
        only(findings_for(article.claims, "0.3e15 BF16 FLOP/s", "cluster_throughput")).verdict
        == "consistent"
    )


def test_power_far_above_tdp_times_overhead_is_inconsistent(article):
    finding = only(findings_for(site(article), "5,000 MW", "cluster_power"))
    assert finding.verdict == "inconsistent"
    assert finding.expected_low == pytest.approx(250_000 * 700 * 1.7)
    assert finding.expected_high == pytest.approx(250_000 * 700 * 3.2)
    assert finding.implied.startswith("implies 20 kW per H100")
    assert finding.confidence == "high"
    assert finding.assumptions["facility_power_per_tdp"]["low"] == 1.7


def test_power_within_overhead_is_consistent(article):
    assert (
        only(findings_for(site(article, watts=400e6), "5,000 MW", "cluster_power")).verdict
        == "consistent"
    )


def test_cost_hundreds_of_times_the_hardware_is_inconsistent_with_implied_price(article):
    finding = only(findings_for(site(article), "$4 trillion", "cluster_cost"))
    assert finding.verdict == "inconsistent"
    assert finding.severity > 2
    assert "implies $16 M per H100" in finding.implied
    assert "$25 k–$47 k" in finding.implied


def test_band_override_is_used_and_recorded(article):
    config = load_config({"all_in_cost_per_price": [1.0, 1.0]})
    finding = only(
        findings_for(site(article, usd=12e9), "$4 trillion", "cluster_cost", config=config)
    )
    assert finding.expected_high == pytest.approx(250_000 * 47_000)
    assert "overridden" in finding.assumptions["all_in_cost_per_price"]["note"]


def test_count_from_the_same_subject_elsewhere_in_the_source(article):
    article.sentence(
        "The site holds 100,000 H100 GPUs.",
        ("100,000 H100 GPUs", 1e5, "GPU", "chip_count", {"hardware": "H100"}),
        subject="site A",
    )
    article.paragraph()
    article.sentence(
        "Later, site A was said to draw 150 MW.", ("150 MW", 150e6, "W", "power"), subject="site A"
    )
    finding = only(findings_for(article.claims, "150 MW", "cluster_power"))
    assert finding.verdict == "consistent"
    assert finding.inputs[0]["where"] == "same subject, same source"
    assert finding.confidence == "medium"


def test_missing_count_gives_one_unchecked_finding_naming_it(article):
    article.sentence("The hall draws 150 MW.", ("150 MW", 150e6, "W", "power"))
    finding = only(findings_for(article.claims, "150 MW"))
    assert finding.verdict == "unchecked"
    assert "number of accelerators" in finding.explanation


def test_unknown_accelerator_is_named_as_missing(article):
    article.sentence(
        "It uses 10,000 Z9 chips drawing 50 MW.",
        ("10,000 Z9 chips", 1e4, "GPU", "chip_count", {"hardware": "Z9"}),
        ("50 MW", 50e6, "W", "power"),
    )
    finding = only(findings_for(article.claims, "50 MW"))
    assert finding.verdict == "unchecked"
    assert "'Z9'" in finding.explanation


def test_figure_without_scope_near_one_chip_is_read_per_accelerator(article):
    article.sentence(
        "The hall has 10,000 H100 GPUs, each drawing 700 W and costing $30,000.",
        ("10,000 H100 GPUs", 1e4, "GPU", "chip_count", {"hardware": "H100"}),
        ("700 W", 700, "W", "power"),
        ("$30,000", 3e4, "USD", "capex"),
    )
    power = only(findings_for(article.claims, "700 W", "cluster_power"))
    assert power.verdict == "consistent" and "per-accelerator" in power.explanation
    cost = only(findings_for(article.claims, "$30,000", "cluster_cost"))
    assert cost.verdict == "consistent" and "per-accelerator" in cost.explanation


def test_stated_total_scope_is_not_reread(article):
    article.sentence(
        "The hall has 10,000 H100 GPUs drawing 700 W in total.",
        ("10,000 H100 GPUs", 1e4, "GPU", "chip_count", {"hardware": "H100"}),
        ("700 W", 700, "W", "power", {"scope": "total"}),
    )
    assert only(findings_for(article.claims, "700 W", "cluster_power")).verdict == "inconsistent"


def test_power_of_the_accelerators_alone_is_consistent(article):
    article.sentence(
        "Its 10,000 H100 GPUs alone draw 7 MW.",
        ("10,000 H100 GPUs", 1e4, "GPU", "chip_count", {"hardware": "H100"}),
        ("7 MW", 7e6, "W", "power"),
    )
    finding = only(findings_for(article.claims, "7 MW", "cluster_power"))
    assert finding.verdict == "consistent"
    assert "accelerators alone" in finding.explanation
