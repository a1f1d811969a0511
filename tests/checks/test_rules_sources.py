"""Rules 9-10: other sources about the same subject, and documented reference figures."""

from checks import check_claims

from .conftest import Article, findings_for, only


def two_sources(first_value: float, second_value: float):
    first, second = Article(source_id=1), Article(source_id=2)
    first.sentence(
        "Model K used 10,000 GPUs.",
        ("10,000 GPUs", first_value, "GPU", "chip_count"),
        subject="Model K",
    )
    second.sentence(
        "K ran on 50,000 GPUs.",
        ("50,000 GPUs", second_value, "GPU", "chip_count"),
        subject="model-k",
    )
    return first.claims, second.claims


def test_sources_more_than_three_times_apart_disagree():
    mine, theirs = two_sources(1e4, 5e4)
    finding = only(findings_for(mine, "10,000 GPUs", "cross_source", context=theirs))
    assert finding.verdict == "inconsistent"
    assert finding.inputs[0]["where"] == "same subject, another source"
    assert finding.confidence == "low"


def test_sources_within_three_times_agree():
    mine, theirs = two_sources(2e4, 5e4)
    assert (
        only(findings_for(mine, "10,000 GPUs", "cross_source", context=theirs)).verdict
        == "consistent"
    )


def test_figures_about_a_class_of_things_are_not_compared_across_sources():
    first, second = Article(source_id=1), Article(source_id=2)
    first.sentence(
        "Frontier labs run 10,000 GPUs.",
        ("10,000 GPUs", 1e4, "GPU", "chip_count"),
        subject="frontier labs",
    )
    second.sentence(
        "Frontier labs run 500,000 GPUs.",
        ("500,000 GPUs", 5e5, "GPU", "chip_count"),
        subject="frontier labs",
    )
    assert findings_for(first.claims, "10,000 GPUs", "cross_source", context=second.claims) == []


def test_parts_of_one_anthology_are_one_source():
    mine, theirs = two_sources(1e4, 5e4)
    mine = [type(c)(c.id, c.source_id, c.claim, c.source_title, root_source_id=9) for c in mine]
    theirs = [type(c)(c.id, c.source_id, c.claim, c.source_title, root_source_id=9) for c in theirs]
    assert findings_for(mine, "10,000 GPUs", "cross_source", context=theirs) == []


def test_reference_figure_agrees(article: Article):
    article.sentence(
        "Llama 3.1 405B was trained with 3.8e25 FLOP.",
        ("3.8e25 FLOP", 3.8e25, "FLOP", "training_compute"),
        subject="Llama 3.1 405B",
    )
    finding = only(findings_for(article.claims, "3.8e25 FLOP", "reference"))
    assert finding.verdict == "consistent"
    assert "arXiv:2407.21783" in finding.inputs[0]["source"]


def test_reference_picks_the_nearest_of_total_and_active(article: Article):
    article.sentence(
        "DeepSeek V3 activates 37 billion parameters.",
        ("37 billion parameters", 37e9, "parameter", "parameter_count"),
        subject="DeepSeek V3",
    )
    assert (
        only(findings_for(article.claims, "37 billion parameters", "reference")).verdict
        == "consistent"
    )


def test_reference_far_off_is_inconsistent(article: Article):
    article.sentence(
        "GPT-3 saw 3 trillion tokens.",
        ("3 trillion tokens", 3e12, "token", "token_count"),
        subject="GPT-3",
    )
    finding = only(findings_for(article.claims, "3 trillion tokens", "reference"))
    assert finding.verdict == "inconsistent"
    assert finding.ratio == 10


def test_every_target_gets_at_least_one_finding():
    article = Article()
    article.sentence("A 17% rise in 2024.", ("17%", 17, "percent", "growth_rate"))
    article.sentence("It weighs 3 racks.", ("3 racks", 3, "rack", "other"))
    article.sentence("A made-up 5 zorgs.", ("5 zorgs", 5, "zorg", "other"))
    findings = check_claims(article.claims)
    assert {f.claim_id for f in findings} == {c.id for c in article.claims}
    assert all(f.explanation for f in findings)
    bad_unit = next(f for f in findings if f.claim_id == article.find("5 zorgs").id)
    assert bad_unit.verdict == "unchecked" and "zorg" in bad_unit.explanation


def test_dated_reference_is_not_compared_with_another_year(article: Article):
    article.sentence(
        "In 2023 NVIDIA was worth $1 trillion.",
        ("$1 trillion", 1e12, "USD", "market_value", {"year": "2023"}),
        subject="NVIDIA",
    )
    assert findings_for(article.claims, "$1 trillion", "reference") == []


def test_the_band_from_other_sources_leaves_out_the_claims_own_source():
    articles = [Article(source_id=n) for n in (1, 2, 3)]
    for article, value in zip(articles, (1e6, 1e4, 2e4), strict=True):
        article.sentence(
            f"Model K used {value:,.0f} GPUs.",
            (f"{value:,.0f} GPUs", value, "GPU", "chip_count"),
            subject="Model K",
        )
    mine = articles[0].claims
    others = articles[1].claims + articles[2].claims
    finding = only(findings_for(mine, "1,000,000 GPUs", "cross_source", context=others))
    assert (finding.expected_low, finding.expected_high) == (1e4, 2e4)
    assert finding.verdict == "inconsistent"
    assert "2 other sources give" in finding.explanation
    # and from the second source's side, the first source's outlier is part of its band
    theirs = only(
        findings_for(
            articles[1].claims, "10,000 GPUs", "cross_source", context=mine + articles[2].claims
        )
    )
    assert (theirs.expected_low, theirs.expected_high) == (2e4, 1e6)
