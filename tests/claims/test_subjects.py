"""Subjects, hardware and kinds: what the checker relies on."""

from __future__ import annotations

from claims import extract


def by_quote(text: str) -> dict:
    return {c.quote: c for c in extract(text)}


def test_chips_named_with_a_model_take_the_model_as_subject_and_hardware_qualifier() -> None:
    claims = by_quote("GPT-4 was trained on ~24K A100 chips at 7.2e18 FLOP/s total.")
    chips = claims["~24K A100 chips"]
    assert (chips.kind, chips.subject, chips.qualifiers["hardware"]) == (
        "chip_count",
        "GPT-4",
        "A100",
    )
    total = claims["7.2e18 FLOP/s"]
    assert (total.kind, total.qualifiers["scope"]) == ("cluster_throughput", "total")


def test_chips_without_a_model_take_the_hardware_as_subject() -> None:
    (claim,) = extract("They installed 8000 H800 GPUs.")
    assert claim.subject == "H800" and claim.qualifiers["hardware"] == "H800"


def test_per_chip_throughput_is_about_the_chip() -> None:
    claims = by_quote("GPT-4 used A100 chips (0.3e15 BF16 FLOP/s per chip).")
    claim = claims["0.3e15 BF16 FLOP/s"]
    assert claim.kind == "chip_throughput"
    assert claim.qualifiers["scope"] == "per_chip"
    assert claim.qualifiers["precision"] == "BF16"
    assert claim.subject == "A100"


def test_sparse_precision() -> None:
    (claim,) = extract("H100 delivers 3958 TFLOPS at FP8 with sparsity.")
    assert claim.qualifiers["precision"] == "FP8-sparse"


def test_chinese_capex_subject_is_the_model_not_an_aside() -> None:
    text = "Grok-4 在一个大型数据中心（类似星际之门）训练，该中心投资为 3 万亿美元。"
    (claim,) = extract(text)
    assert (claim.subject, claim.kind, claim.value) == ("Grok-4", "capex", 3e12)


def test_money_kinds_follow_the_nearest_cue() -> None:
    claims = by_quote(
        "DeepSeek-V3 的训练成本为 560 万美元。英伟达市值缩水 5890 亿美元。"
        "微软计划投资 800 亿美元建设数据中心。"
    )
    assert claims["560 万美元"].kind == "training_cost"
    assert claims["560 万美元"].subject == "DeepSeek-V3"
    assert claims["5890 亿美元"].kind == "market_value"
    assert claims["5890 亿美元"].subject == "NVIDIA"
    assert claims["800 亿美元"].kind == "capex"


def test_kinds_from_units() -> None:
    claims = by_quote(
        "Llama 4 was trained on 40T tokens with 2e25 FLOPs over 3 months using 5M GPU hours, "
        "at 2.19 USD per million tokens, drawing 150 MW; it has 400B parameters."
    )
    kinds = {quote: claim.kind for quote, claim in claims.items()}
    assert kinds == {
        "40T tokens": "token_count",
        "2e25 FLOPs": "training_compute",
        "3 months": "duration",
        "5M GPU hours": "gpu_hours",
        "2.19 USD": "api_price",
        "150 MW": "power",
        "400B parameters": "parameter_count",
    }


def test_ratio_of_qualifier() -> None:
    (claim,) = extract("o3 的算力是 o1 的 10 倍。")
    assert claim.kind == "ratio"
    assert claim.qualifiers["of"] == "o1"
    assert claim.subject == "o3"


def test_year_qualifier() -> None:
    (claim,) = extract("In 2024 the lab bought 100K GPUs.")
    assert claim.qualifiers["year"] == "2024"


def test_unseen_model_names_are_subjects() -> None:
    claims = by_quote("Kimi K2 是一个总参数 1 万亿的模型。GLM-5 用了 2 万张 H800。")
    assert claims["1 万亿"].subject == "Kimi K2"
    assert claims["1 万亿"].unit == "parameter"
    assert claims["2 万张 H800"].subject == "GLM-5"


def test_names_that_are_not_models_are_not_subjects() -> None:
    (claim,) = extract("During COVID-19 the lab bought 500 GPUs.")
    assert claim.subject != "COVID-19"


def test_bandwidth_is_a_rate() -> None:
    (claim,) = extract("H200 的显存带宽为 4.8TB/s。")
    assert (claim.unit, claim.value) == ("byte/second", 4.8e12)


def test_a_lone_letter_is_not_a_chip_name() -> None:
    (claim,) = extract("They are building a 100,000-GPU cluster.")
    assert (claim.quote, claim.value, claim.unit) == ("100,000-GPU", 1e5, "GPU")
    assert "hardware" not in claim.qualifiers


def test_rates_per_second_and_per_unit() -> None:
    claims = by_quote("It decodes 200 tokens/s. 单位 GPU 小时成本为 2 美元。")
    assert (claims["200 tokens/s"].unit, claims["200 tokens/s"].kind) == ("token/second", "other")
    assert claims["2 美元"].qualifiers["per"] == "GPU*hour"


def test_price_per_chip_in_traditional_chinese() -> None:
    (claim,) = extract("Blackwell 晶片每顆售價約 3 萬至 4 萬美元。")
    assert (claim.low, claim.high, claim.unit) == (3e4, 4e4, "USD")
    assert claim.qualifiers["per"] == "GPU" and claim.kind == "capex"
    assert claim.subject == "GB200"


def test_who_reports_a_figure_is_not_its_subject() -> None:
    claims = by_quote("据 Epoch AI 估算，OpenAI 去年在算力上花费了 50 亿美元。")
    assert claims["50 亿美元"].subject == "OpenAI"
    (claim,) = extract("Epoch AI estimates that Meta spent $40 billion on servers.")
    assert claim.subject == "Meta"
