"""Rule 8: arithmetic the text states (products, sums, ratios, growth, shares, changes)."""

import pytest

from .conftest import Article, findings_for, only


def test_per_chip_times_count_is_the_total(article: Article):
    article.sentence(
        "It has 100K H100 chips (1e15 FLOP/s per chip, 1e20 FLOP/s total).",
        ("100K H100 chips", 1e5, "GPU", "chip_count", {"hardware": "H100"}),
        ("1e15 FLOP/s per chip", 1e15, "FLOP/s", "chip_throughput", {"per": "GPU"}),
        ("1e20 FLOP/s total", 1e20, "FLOP/s", "cluster_throughput", {"scope": "total"}),
    )
    finding = only(findings_for(article.claims, "1e20 FLOP/s total", "stated_arithmetic"))
    assert finding.verdict == "consistent"
    assert "×" in finding.explanation


def test_wrong_product_is_inconsistent(article: Article):
    article.sentence(
        "It has 100K chips (1e15 FLOP/s per chip, 1e21 FLOP/s total).",
        ("100K chips", 1e5, "GPU", "chip_count"),
        ("1e15 FLOP/s per chip", 1e15, "FLOP/s", "chip_throughput", {"per": "GPU"}),
        ("1e21 FLOP/s total", 1e21, "FLOP/s", "cluster_throughput", {"scope": "total"}),
    )
    finding = only(findings_for(article.claims, "1e21 FLOP/s total", "stated_arithmetic"))
    assert finding.verdict == "inconsistent"


def test_table_row_sums_to_its_total(article: Article):
    article.sentence(
        "GPU hours\t100K\t20K\t5K\t125K",
        ("100K", 1e5, "GPU*hour", "gpu_hours"),
        ("20K", 2e4, "GPU*hour", "gpu_hours"),
        ("5K", 5e3, "GPU*hour", "gpu_hours"),
        ("125K", 1.25e5, "GPU*hour", "gpu_hours"),
    )
    for quote in ("125K", "20K"):
        assert (
            only(findings_for(article.claims, quote, "stated_arithmetic")).verdict == "consistent"
        )


def test_ratio_matches_quotient_and_equal_percentage(article: Article):
    article.sentence(
        "Of 400B parameters 20B are active, 1/20 or 5%.",
        ("400B parameters", 400e9, "parameter", "parameter_count"),
        ("20B", 20e9, "parameter", "parameter_count"),
        ("1/20", 0.05, "dimensionless", "ratio"),
        ("5%", 5, "percent", "ratio"),
    )
    assert only(findings_for(article.claims, "1/20", "stated_arithmetic")).verdict == "consistent"
    assert only(findings_for(article.claims, "5%", "stated_arithmetic")).verdict == "consistent"


def test_ratio_with_nothing_to_divide_gives_no_finding(article: Article):
    article.sentence("Sales rose to 1/3 of the market.", ("1/3", 1 / 3, "dimensionless", "ratio"))
    assert findings_for(article.claims, "1/3", "stated_arithmetic") == []


def test_compound_growth(article: Article):
    article.sentence(
        "Compute grows 160x in 4 years, or 3.55x per year.",
        ("160x", 160, "dimensionless", "ratio"),
        ("4 years", 4, "year", "duration"),
        ("3.55x per year", 3.55, "dimensionless", "growth_rate", {"per": "year"}),
    )
    finding = only(findings_for(article.claims, "3.55x per year", "stated_arithmetic"))
    assert finding.verdict == "consistent"
    assert finding.expected_low == pytest.approx(160**0.25)


def test_growth_against_dated_figures(article: Article):
    article.sentence(
        "Costs grow 2x per year: $10bn in 2026 and $90bn in 2028.",
        ("2x per year", 2, "dimensionless", "growth_rate", {"per": "year"}),
        ("$10bn", 1e10, "USD", "capex", {"year": "2026"}),
        ("$90bn", 9e10, "USD", "capex", {"year": "2028"}),
    )
    finding = only(findings_for(article.claims, "$90bn", "stated_arithmetic"))
    assert finding.verdict == "inconsistent"  # 10 × 2² = 40, not 90
    assert finding.expected_low == pytest.approx(4e10)


def test_change_against_a_from_to_pair(article: Article):
    article.sentence(
        "Accuracy went from 60% to 100%.",
        ("60%", 60, "percent", "ratio"),
        ("100%", 100, "percent", "ratio"),
    )
    article.paragraph()
    article.sentence("That is a 22% improvement.", ("22%", 22, "percent", "growth_rate"))
    finding = only(findings_for(article.claims, "22%", "stated_arithmetic"))
    assert finding.verdict == "inconsistent"
    assert "+40 points" in finding.explanation


def test_share_of_a_documented_figure(article: Article):
    article.sentence(
        "Its compute was 6e23 FLOP, 20% of what DeepSeek-V3 pre-training took.",
        ("6e23 FLOP", 6e23, "FLOP", "training_compute"),
        ("20%", 20, "percent", "ratio"),
        subject="Model R",
    )
    finding = only(findings_for(article.claims, "6e23 FLOP", "stated_arithmetic"))
    assert finding.verdict == "consistent"
    assert "6 × active parameters × tokens" in finding.explanation


def test_ratio_between_subjects_implies_a_cost_the_hardware_cannot_bear(article: Article):
    article.sentence(
        "Q cost $6 million, while P cost trillions, so Q cost 1/100,000 of P.",
        ("$6 million", 6e6, "USD", "training_cost", {}, {"subject": "Q"}),
        ("trillions", 2e12, "USD", "training_cost", {"vague": "1"}, {"subject": "P"}),
        ("1/100,000", 1e-5, "dimensionless", "ratio", {}, {"subject": "Q"}),
    )
    article.paragraph()
    article.sentence(
        "P was trained on 100,000 H100 chips.",
        ("100,000 H100 chips", 1e5, "GPU", "chip_count", {"hardware": "H100"}, {"subject": "P"}),
    )
    finding = only(findings_for(article.claims, "1/100,000", "stated_arithmetic"))
    assert finding.verdict == "inconsistent"
    assert finding.implied.startswith("implies $600 bn for P")


def test_growth_of_a_quotient_over_stated_years(article: Article):
    article.sentence(
        "Chip A gives 1e15 FLOP/s for $40K; chip B gives 3e15 FLOP/s for $60K.",
        ("1e15 FLOP/s", 1e15, "FLOP/s", "chip_throughput", {"scope": "per_chip"}),
        ("$40K", 4e4, "USD", "capex", {"per": "GPU"}),
        ("3e15 FLOP/s", 3e15, "FLOP/s", "chip_throughput", {"scope": "per_chip"}),
        ("$60K", 6e4, "USD", "capex", {"per": "GPU"}),
    )
    article.sentence(
        "Over 2 years that is 1.41x per year in price-performance.",
        ("2 years", 2, "year", "duration"),
        ("1.41x per year", 1.41, "dimensionless", "growth_rate", {"per": "year"}),
    )
    finding = only(findings_for(article.claims, "1.41x per year", "stated_arithmetic"))
    assert finding.verdict == "consistent"
    assert finding.expected_low == pytest.approx(2**0.5)


def test_complementary_percentages_nearby(article: Article):
    article.sentence("Of five tries, 40% failed.", ("40%", 40, "percent", "ratio"))
    article.paragraph()
    article.sentence("So the method is 60% reliable.", ("60%", 60, "percent", "ratio"))
    finding = only(findings_for(article.claims, "60%", "stated_arithmetic"))
    assert finding.verdict == "consistent" and "100 % − 40 %" in finding.explanation
