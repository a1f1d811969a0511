"""Rules 4-7: rental cost, GPU time, compute from hardware, and 6·N·D."""

import pytest

from .conftest import Article, findings_for, only


def test_cost_from_gpu_hours_and_a_stated_rate(article: Article):
    article.sentence(
        "Model M took 2.8 million GPU hours; at $2 per GPU hour it cost $5.6 million.",
        ("2.8 million GPU hours", 2.8e6, "GPU*hour", "gpu_hours", {"hardware": "H800"}),
        ("$2 per GPU hour", 2, "USD", "other", {"per": "GPU*hour"}),
        ("$5.6 million", 5.6e6, "USD", "training_cost"),
        subject="Model M",
    )
    finding = only(findings_for(article.claims, "$5.6 million", "rental_cost"))
    assert finding.verdict == "consistent"
    assert finding.expected_low == pytest.approx(5.6e6)
    assert {i["role"] for i in finding.inputs} == {"gpu_hours", "rental_price"}
    rate = only(findings_for(article.claims, "$2 per GPU hour", "rental_cost"))
    assert rate.verdict == "consistent" and rate.expected_unit == "USD/(GPU*hour)"


def test_cost_far_above_rental_band_names_the_implied_rate(article: Article):
    article.sentence(
        "Model Q used 1 million H100 GPU hours and cost $200 million.",
        ("1 million H100 GPU hours", 1e6, "GPU*hour", "gpu_hours", {"hardware": "H100"}),
        ("$200 million", 2e8, "USD", "training_cost"),
        subject="Model Q",
    )
    finding = only(findings_for(article.claims, "$200 million", "rental_cost"))
    assert finding.verdict == "inconsistent"
    assert finding.implied.startswith("implies $200 per GPU-hour (band $1.5–$4)")
    assert finding.assumptions["rental_hopper"]["low"] == 1.5


def test_upper_bound_cost_from_chips_and_minutes(article: Article):
    article.sentence(
        "Team S fine-tuned on 16 H100 GPUs for 26 minutes for under $50.",
        ("16 H100 GPUs", 16, "GPU", "chip_count", {"hardware": "H100"}),
        ("26 minutes", 26, "minute", "duration"),
        ("under $50", 50, "USD", "training_cost", {}, {"bound": "<"}),
        subject="S",
    )
    finding = only(findings_for(article.claims, "under $50", "rental_cost"))
    assert finding.verdict == "consistent"
    assert finding.expected_low == pytest.approx(16 * 26 / 60 * 1.5)


def test_gpu_hours_over_chips_is_a_plausible_run(article: Article):
    article.sentence(
        "X needed 250,000 chips and 200 million GPU hours.",
        ("250,000 chips", 250_000, "GPU", "chip_count"),
        ("200 million GPU hours", 2e8, "GPU*hour", "gpu_hours"),
        subject="X",
    )
    finding = only(findings_for(article.claims, "200 million GPU hours", "gpu_time"))
    assert finding.verdict == "consistent"
    assert "33.3 days" in finding.explanation


def test_gpu_hours_against_chips_times_duration(article: Article):
    article.sentence(
        "Y ran 1,000 GPUs for 10 days, 2 million GPU hours in all.",
        ("1,000 GPUs", 1000, "GPU", "chip_count"),
        ("10 days", 10, "day", "duration"),
        ("2 million GPU hours", 2e6, "GPU*hour", "gpu_hours"),
        subject="Y",
    )
    finding = only(findings_for(article.claims, "2 million GPU hours", "gpu_time"))
    assert finding.verdict == "inconsistent"
    assert finding.expected_low == pytest.approx(240_000)


def test_compute_from_gpu_hours_within_mfu_band(article: Article):
    article.sentence(
        "N spent 140000 H100 hours, about 1e23 FLOP.",
        ("140000 H100 hours", 140_000, "GPU*hour", "gpu_hours", {"hardware": "H100"}),
        ("1e23 FLOP", 1e23, "FLOP", "training_compute"),
        subject="N",
    )
    finding = only(findings_for(article.claims, "1e23 FLOP", "hardware_compute"))
    assert finding.verdict == "consistent"
    assert finding.assumptions["mfu"]["low"] == 0.2


def test_compute_beyond_full_utilisation_reports_the_mfu(article: Article):
    article.sentence(
        "N2 spent 1000 H100 hours for 1e23 FLOP.",
        ("1000 H100 hours", 1000, "GPU*hour", "gpu_hours", {"hardware": "H100"}),
        ("1e23 FLOP", 1e23, "FLOP", "training_compute"),
        subject="N2",
    )
    finding = only(findings_for(article.claims, "1e23 FLOP", "hardware_compute"))
    assert finding.verdict == "inconsistent"
    assert finding.implied.startswith("implies an MFU of 2808% at BF16 dense")


def test_compute_from_chips_without_duration_uses_the_months_band(article: Article):
    article.sentence(
        "G was trained on 24K A100 chips for 2e25 FLOPs.",
        ("24K A100 chips", 24_000, "GPU", "chip_count", {"hardware": "A100"}),
        ("2e25 FLOPs", 2e25, "FLOP", "training_compute"),
        subject="G",
    )
    finding = only(findings_for(article.claims, "2e25 FLOPs", "hardware_compute"))
    assert finding.verdict == "consistent"
    assert "training_months" in finding.assumptions


def test_six_n_d_uses_active_parameters(article: Article):
    article.sentence(
        "The MoE model Z has 600B parameters, 30B active, trained on 10T tokens with 1.8e24 FLOP.",
        ("600B parameters", 600e9, "parameter", "parameter_count"),
        ("30B active", 30e9, "parameter", "parameter_count"),
        ("10T tokens", 10e12, "token", "token_count"),
        ("1.8e24 FLOP", 1.8e24, "FLOP", "training_compute"),
        subject="Z",
    )
    finding = only(findings_for(article.claims, "1.8e24 FLOP", "dense_flop_budget"))
    assert finding.verdict == "consistent"
    assert finding.expected_low == pytest.approx(6 * 30e9 * 10e12)


def test_six_n_d_from_reference_figures(article: Article):
    article.sentence(
        "DeepSeek-V3 needed 3e25 FLOP.",
        ("3e25 FLOP", 3e25, "FLOP", "training_compute"),
        subject="DeepSeek-V3",
    )
    finding = only(findings_for(article.claims, "3e25 FLOP", "dense_flop_budget"))
    assert finding.verdict == "inconsistent"
    assert all(i["where"] == "reference figure" for i in finding.inputs)
