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


def test_a_figure_about_a_group_takes_the_group_not_a_model_elsewhere() -> None:
    text = "Llama 4 发布之际，海外头部厂商十万卡以上集群建设加速，初创公司则部署了 2 万卡集群。"
    claims = by_quote(text)
    assert claims["十万卡"].subject == "frontier labs"
    assert claims["2 万卡"].subject == "startups"


def test_a_figure_describing_the_entity_after_it() -> None:
    (claim,) = extract("Phi-9 的成本很低，相较于动辄数亿美元的竞争对手更便宜。")
    assert claim.subject == "competitors"


def test_a_parenthesis_opens_a_clause() -> None:
    claims = by_quote("中国作者有 9000 人（美国 15000 人）。")
    assert claims["9000 人"].subject == "China"
    assert claims["15000 人"].subject == "US"


def test_the_model_a_sentence_produces_not_its_base() -> None:
    text = (
        "某团队以 Llama 3 模型为基础，使用 32 个 H100 GPU 进行了 40min 的训练，"
        "以 90 美元的费用训练出 Zeta-2 模型。"
    )
    claims = by_quote(text)
    assert claims["32 个 H100 GPU"].subject == "Zeta-2"
    assert claims["40min"].subject == "Zeta-2"
    assert claims["90 美元"].subject == "Zeta-2"


def test_a_sentence_without_names_continues_the_grammatical_subject_before() -> None:
    text = (
        "与 GPT-4o 的做法不同，o1 把算力花在推理上。这个由 OpenAI 推出的模型建立在 "
        "GPT-4 之上。其训练成本约为 1 亿美元。"
    )
    assert by_quote(text)["1 亿美元"].subject == "o1"


def test_a_chip_count_without_a_model_takes_the_model_of_the_paragraph() -> None:
    text = "Grok-3 是旗舰模型。其训练用了 200,000 个 H100 GPU。"
    assert by_quote(text)["200,000 个 H100 GPU"].subject == "Grok-3"


def test_comparisons_examples_and_means_are_not_subjects() -> None:
    text = (
        "当前推理模型（如 o3、DeepSeek-R1 等）仍在扩展。但其训练算力每 4 个月增长 10 倍。"
        "Qwen 2.5 是一个拥有 720 亿参数的模型，得益于 MoE 技术，每次只激活 30 亿参数。"
    )
    claims = by_quote(text)
    assert claims["10 倍"].subject == "reasoning models"
    assert claims["30 亿参数"].subject == "Qwen 2.5"


def test_the_example_named_first_is_the_subject() -> None:
    (claim,) = extract("像 BLOOM 这样的开源项目在 2022 年就达到了 50% 的 MFU。")
    assert claim.subject == "BLOOM"


def test_a_model_compared_with_others_stays_the_subject() -> None:
    claims = by_quote("在 GPQA 上，Grok-3 相较于 GPT-4o、Claude 3.5 Sonnet 均值提升 25%。")
    assert claims["25%"].subject == "Grok-3"


def test_thousands_separators_and_ratios_do_not_break_a_clause() -> None:
    text = "Llama 4 used 40T tokens. It needs 400T tokens for a 1:32 sparse MoE model of 2026."
    assert by_quote(text)["400T tokens"].subject == "MoE"


def test_a_line_break_after_a_sentence_keeps_the_paragraph_context() -> None:
    text = (
        "DeepSeek-V3 只用了 2048 张 H800 GPU。\n初创公司部署了 4 万卡集群。\n这意味着 20 倍的差距。"
    )
    assert by_quote(text)["20 倍"].subject == "DeepSeek-V3"


def test_a_footnote_continues_the_sentence_that_cites_it() -> None:
    text = (
        "GPT-4 was pretrained on A100 chips for ~2e25 FLOPs[1]. Others differ.\n\n"
        "  1. Estimates give between 20K and 25K A100 chips.\n"
    )
    assert by_quote(text)["20K and 25K A100 chips"].subject == "GPT-4"


def test_a_class_named_as_part_of_the_model_in_context_is_not_the_subject() -> None:
    text = "Llama 3 的后训练耗时 1e23 FLOP。这低于它的原始基础模型预训练成本的 1%。"
    assert by_quote(text)["1%"].subject == "Llama 3"


def test_a_class_of_models_is_a_subject() -> None:
    (claim,) = extract("下一代基础模型或将在未来半年到一年内发布。")
    assert claim.subject == "foundation models"


def test_a_money_cell_takes_the_cue_of_the_tables_lead_in() -> None:
    text = (
        "两个模型的训练资源对比如下：\n\n"
        "模型\t总成本 (估计)\n"
        "Grok-3\t数亿美元\n"
        "DeepSeek-R1\t约 600 万美元\n\n"
        "下一节讨论数据中心的投资。"
    )
    claim = by_quote(text)["600 万美元"]
    assert (claim.kind, claim.subject) == ("training_cost", "DeepSeek-R1")


def test_a_change_of_a_score_is_not_a_score() -> None:
    claims = by_quote("多花的钱换来了 22% 的准确率提升，最终准确率为 91%。")
    assert claims["22%"].kind == "ratio"
    assert claims["91%"].kind == "benchmark_score"


def test_a_chip_count_that_sizes_a_rack_is_per_rack() -> None:
    claims = by_quote(
        "Each GB200 NVL72 costs about $4M per 72-chip rack; the site has 400K GB200 chips."
    )
    assert claims["72-chip"].qualifiers["per"] == "rack"
    assert "per" not in claims["400K GB200 chips"].qualifiers


def test_a_racks_own_compute_is_per_rack_and_about_the_chip() -> None:
    text = "A GB200 NVL72 rack holds 72 GPUs. The rack's 72 GPUs provide about 180 PFLOP/s of BF16."
    claim = by_quote(text)["180 PFLOP/s"]
    assert (claim.qualifiers["per"], claim.subject) == ("rack", "GB200")


def test_the_rack_is_quoted_at_is_per_rack() -> None:
    (claim,) = extract("With CPUs and fans the rack is usually quoted at 120 to 130 kW.")
    assert claim.qualifiers["per"] == "rack"


def test_a_sentence_naming_nothing_takes_the_topic_of_its_section() -> None:
    text = (
        "工程模式:Best-of-N 与验证\n\n"
        "下面是一段说明。\n\n"
        "实测案例\n\n"
        + "这是一段很长的铺垫，没有提到任何名字。" * 30
        + "\n\n生成 5 条路径后，40% 的结果都掉进了陷阱。"
    )
    assert by_quote(text)["40%"].subject == "Best-of-N"
