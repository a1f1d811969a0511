"""Every number, magnitude, range and unit form the issue lists, in sentences written for the
tests: the extractor must find the figure with the right value, unit and span."""

from __future__ import annotations

import pytest

from claims import Claim, extract


def only(text: str, quote: str) -> Claim:
    """The one claim whose quote contains ``quote``."""
    found = [c for c in extract(text) if quote in c.quote or c.quote in quote]
    assert found, f"no claim for {quote!r} in {[c.quote for c in extract(text)]}"
    return found[0]


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300)


# (text, quote the claim must cover, value, unit)
FORMS = [
    # Arabic numbers, exponents and powers of ten
    ("The lab logged 2,788 GPU hours last week.", "2,788 GPU hours", 2788, "GPU*hour"),
    ("The run took 2664K GPU hours on H800s.", "2664K", 2664000, "GPU*hour"),
    ("Each chip does 0.3e15 FLOP/s at BF16.", "0.3e15 FLOP/s", 3e14, "FLOP/s"),
    ("The model used 6e23 FLOP in total.", "6e23 FLOP", 6e23, "FLOP"),
    ("该集群总算力达到 10^9 TFLOPS。", "10^9 TFLOPS", 1e21, "FLOP/s"),
    ("Frontier runs now exceed 10²⁵ FLOPs.", "10²⁵ FLOPs", 1e25, "FLOP"),
    ("训练量约为 $3.1 \\times 10^{23}$ FLOPs。", "10^{23}", 3.1e23, "FLOP"),
    ("The ratio was 1.43x last year.", "1.43x", 1.43, "dimensionless"),
    # fractions, percentages and factors
    ("推理成本降到原来的 1/32。", "1/32", 1 / 32, "dimensionless"),
    ("激活比例约为 1/18.16。", "1/18.16", 1 / 18.16, "dimensionless"),
    ("Its share rose to 5.5% this quarter.", "5.5%", 5.5, "percent"),
    ("能耗只有对手的十分之一。", "十分之一", 0.1, "dimensionless"),
    ("新芯片的速度是旧款的 10倍。", "10倍", 10, "dimensionless"),
    ("Throughput grew 3.55x over the year.", "3.55x", 3.55, "dimensionless"),
    ("The new cluster is 160x larger.", "160x", 160, "dimensionless"),
    ("显存占用下降了百分之四十。", "百分之四十", 40, "percent"),
    ("数据量翻了一倍。", "翻了一倍", 2, "dimensionless"),
    # Chinese magnitudes and numerals
    ("公司一共采购了 280 万 GPU 小时的算力。", "280 万 GPU 小时", 2.8e6, "GPU*hour"),
    ("新机房耗资 2 亿美元。", "2 亿美元", 2e8, "USD"),
    ("该项目的投资额为 4 万亿美元。", "4 万亿美元", 4e12, "USD"),
    ("這筆交易價值 3 萬億美元。", "3 萬億美元", 3e12, "USD"),
    ("估值達到 5 億美元。", "5 億美元", 5e8, "USD"),
    ("市場規模約 1 兆美元。", "1 兆美元", 1e12, "USD"),
    ("他们正在建设十万卡集群。", "十万卡", 1e5, "GPU"),
    ("該模型參數規模達 1.2 兆參數。", "1.2 兆參數", 1.2e12, "parameter"),
    ("公司购入了两千张 H100。", "两千张 H100", 2000, "GPU"),
    ("这个模型有 3 千亿参数。", "3 千亿参数", 3e11, "parameter"),
    ("它用了 1 千万美元。", "1 千万美元", 1e7, "USD"),
    # English magnitudes
    ("They raised $300M in the round.", "$300M", 3e8, "USD"),
    ("The deal is worth $2bn.", "$2bn", 2e9, "USD"),
    ("Its capex hit $1.2 trillion.", "$1.2 trillion", 1.2e12, "USD"),
    ("They ordered 50 million tokens of data.", "50 million tokens", 5e7, "token"),
    ("The model has 37B active parameters.", "37B", 3.7e10, "parameter"),
    ("A 671B model needs many GPUs.", "671B", 6.71e11, "parameter"),
    ("The corpus holds 36T tokens.", "36T tokens", 3.6e13, "token"),
    ("They spent $5 billion on chips.", "$5 billion", 5e9, "USD"),
    # units and their words
    ("The facility draws 150 MW at peak.", "150 MW", 1.5e8, "W"),
    ("园区用电约 300 兆瓦。", "300 兆瓦", 3e8, "W"),
    ("单机柜功耗 120 千瓦。", "120 千瓦", 1.2e5, "W"),
    ("A rack uses 132 kW.", "132 kW", 1.32e5, "W"),
    ("The site will reach 1.2 GW.", "1.2 GW", 1.2e9, "W"),
    ("Each GPU draws 700W.", "700W", 700, "W"),
    ("The chip reaches 989 TFLOPS dense.", "989 TFLOPS", 9.89e14, "FLOP/s"),
    ("The machine peaks at 1.1 EFLOPS.", "1.1 EFLOPS", 1.1e18, "FLOP/s"),
    ("The pod delivers 4 exaflops.", "4 exaflops", 4e18, "FLOP/s"),
    ("The rack reaches 720 PFLOPS.", "720 PFLOPS", 7.2e17, "FLOP/s"),
    ("Each GPU gives 2.5e15 BF16 FLOP/s.", "2.5e15 BF16 FLOP/s", 2.5e15, "FLOP/s"),
    ("训练耗时 140000 H100小时。", "140000 H100小时", 1.4e5, "GPU*hour"),
    ("The run used 30K H800 GPU Hours.", "30K H800 GPU Hours", 3e4, "GPU*hour"),
    ("It took 5 million GPU-hours.", "5 million GPU-hours", 5e6, "GPU*hour"),
    ("他们买了 500 片 GPU。", "500 片 GPU", 500, "GPU"),
    ("机房里有 64 块卡。", "64 块卡", 64, "GPU"),
    ("共部署 8000 颗芯片。", "8000 颗芯片", 8000, "GPU"),
    ("They bought 20,000 chips.", "20,000 chips", 2e4, "GPU"),
    ("The lab runs 4096 GPUs.", "4096 GPUs", 4096, "GPU"),
    ("订阅费是每月 20 美金。", "20 美金", 20, "USD"),
    ("门票 500 元。", "500 元", 500, "CNY"),
    ("补贴 1 亿元人民币。", "1 亿元人民币", 1e8, "CNY"),
    ("股价报 139.6 港元。", "139.6 港元", 139.6, "HKD"),
    ("The grant was €40 million.", "€40 million", 4e7, "EUR"),
    ("模型上下文长度为 128,000 tokens。", "128,000 tokens", 1.28e5, "token"),
    ("生成了 20 万亿个 token。", "20 万亿个 token", 2e13, "token"),
    ("模型有 6710 亿参数。", "6710 亿参数", 6.71e11, "parameter"),
    ("Training finished in 26min.", "26min", 26, "minute"),
    ("The run lasted 3.5 months.", "3.5 months", 3.5, "month"),
    ("整个训练用了 55 天。", "55 天", 55, "day"),
    ("数据引擎每天产出 50TB 数据。", "50TB", 5e13, "byte"),
    ("The answer came after 10 seconds.", "10 seconds", 10, "second"),
    # English number words, before a unit or counter
    ("The build-out will take four years.", "four years", 4, "year"),
    ("They ordered two million GPUs.", "two million GPUs", 2e6, "GPU"),
    ("Training ran for twenty-five days.", "twenty-five days", 25, "day"),
    ("The new chip is three times faster.", "three times", 3, "dimensionless"),
    ("It saw a billion tokens.", "a billion tokens", 1e9, "token"),
]


@pytest.mark.parametrize(("text", "quote", "value", "unit"), FORMS)
def test_form(text: str, quote: str, value: float, unit: str) -> None:
    claim = only(text, quote)
    assert close(claim.value, value), (claim.quote, claim.value)
    assert claim.unit == unit
    assert claim.quote == text[claim.start : claim.end]


# (text, quote, low, high, unit)
RANGES = [
    ("The percentage moved within 5%~13% this year.", "5%~13%", 5, 13, "percent"),
    ("The cluster will cost $4-5bn.", "$4-5bn", 4e9, 5e9, "USD"),
    ("Estimates say $22-28bn in total.", "$22-28bn", 2.2e10, 2.8e10, "USD"),
    ("The site will hold 400K-500K chips.", "400K-500K", 4e5, 5e5, "GPU"),
    ("Sources say between 20K and 25K GPUs.", "20K and 25K", 2e4, 2.5e4, "GPU"),
    ("估计费用在 500 万至 600 万美元之间。", "500 万至 600 万美元", 5e6, 6e6, "USD"),
    ("集群规模为 10 万至 20 万张 GPU。", "10 万至 20 万", 1e5, 2e5, "GPU"),
    ("成本仅为对手的 1/10 万~1/100 万。", "1/10 万~1/100 万", 1e-6, 1e-5, "dimensionless"),
    ("推理成本可以降到 1~2 万美元。", "1~2 万美元", 1e4, 2e4, "USD"),
    ("趋势是每 3-5 个月翻一番。", "3-5 个月", 3, 5, "month"),
    ("Growth will be 3x-4x slower.", "3x-4x", 3, 4, "dimensionless"),
    ("Models range from 0.5B to 110B parameters.", "0.5B to 110B", 5e8, 1.1e11, "parameter"),
    ("预计在未来半年到一年内发布。", "半年到一年", 0.5, 1, "year"),
    ("差距在一到两个数量级。", "一到两个数量级", 10, 100, "dimensionless"),
    ("过去兩三年里变化很大。", "兩三年", 2, 3, "year"),
    ("一两年内就会见顶。", "一两年", 1, 2, "year"),
    ("在一、两年内见顶。", "一、两年", 1, 2, "year"),
    ("大约需要三或四个月。", "三或四个月", 3, 4, "month"),
]


@pytest.mark.parametrize(("text", "quote", "low", "high", "unit"), RANGES)
def test_range(text: str, quote: str, low: float, high: float, unit: str) -> None:
    claim = only(text, quote)
    assert close(claim.low, low) and close(claim.high, high), (claim.quote, claim.low, claim.high)
    assert claim.unit == unit
    assert low <= claim.value <= high


@pytest.mark.parametrize(
    ("text", "quote", "low", "high"),
    [
        ("训练成本高达数万亿美元。", "数万亿美元", 1e12, 1e13),
        ("对手动辄花费数亿美元。", "数亿美元", 1e8, 1e9),
        ("這類實驗往往耗資數十億美元。", "數十億美元", 1e9, 1e10),
        ("微调只需几百万美元。", "几百万美元", 1e6, 1e7),
    ],
)
def test_vague_magnitudes_are_ranges(text: str, quote: str, low: float, high: float) -> None:
    claim = only(text, quote)
    assert claim.qualifiers.get("vague") == "1"
    assert claim.approx and claim.bound == "≈"
    assert close(claim.low, low) and close(claim.high, high)
    assert claim.unit == "USD"


@pytest.mark.parametrize(
    ("text", "quote", "bound", "approx"),
    [
        ("训练费用不到 50 美元。", "50 美元", "<", False),
        ("投资超过 120 亿美元。", "120 亿美元", ">", False),
        ("他们有 10 万卡以上的集群。", "10 万卡", ">", False),
        ("The run cost less than $50.", "$50", "<", False),
        ("They own over 100K GPUs.", "100K GPUs", ">", False),
        ("It needs up to 200T tokens.", "200T tokens", "<", False),
        ("算力约为 6e23 FLOP。", "6e23 FLOP", "≈", True),
        ("They used ~24K A100 chips.", "~24K A100 chips", "≈", True),
        ("It cost about $4M per rack.", "$4M", "≈", True),
        ("人脑功耗 20W 左右。", "20W", "≈", True),
        ("增长了近 24 倍。", "24 倍", "≈", True),
        ("论文有 3 万多篇。", "3 万多篇", ">", False),
        ("全年预算是 100 万美元。", "100 万美元", "=", False),
    ],
)
def test_bounds_and_approximation(text: str, quote: str, bound: str, approx: bool) -> None:
    claim = only(text, quote)
    assert claim.bound == bound
    assert claim.approx is approx


def test_english_vague_amounts() -> None:
    claim = only("They spent hundreds of millions of dollars on it.", "hundreds of millions")
    assert (claim.low, claim.high, claim.unit) == (1e8, 1e9, "USD")
    assert claim.qualifiers["vague"] == "1"


def test_english_idioms_are_not_figures() -> None:
    assert extract("One day we will know. A year ago it was new. Someone gave ten.") == []


def test_per_denominators() -> None:
    text = (
        "按每个 GPU 小时 2 美元计费。输入 token 收取 0.55 美元/百万。It rents at $2 per GPU hour."
    )
    by_quote = {c.quote: c for c in extract(text)}
    assert by_quote["2 美元"].qualifiers["per"] == "GPU*hour"
    assert by_quote["0.55 美元"].qualifiers["per"] == "1e6 token"
    assert by_quote["0.55 美元"].kind == "api_price"
    assert by_quote["$2"].qualifiers["per"] == "GPU*hour"


def test_growth_rate_per_year() -> None:
    claims = extract("Compute grew about 3.55x per year. 算力每年增长4倍。")
    assert [c.kind for c in claims] == ["growth_rate", "growth_rate"]
    assert all(c.qualifiers.get("per") == "year" for c in claims)


def test_orders_of_magnitude() -> None:
    claim = only("它的算力比前代低四个数量级。", "四个数量级")
    assert claim.value == 1e4 and claim.kind == "ratio"


def test_sentence_and_paragraph_offsets() -> None:
    text = "First paragraph has 5 GPUs.\n\nSecond one. It has 7 GPUs and 9 GPUs."
    claims = extract(text)
    assert [c.paragraph for c in claims] == [0, 1, 1]
    for claim in claims:
        assert claim.sentence == text[claim.sentence_start : claim.sentence_end]
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
    assert claims[1].sentence == "It has 7 GPUs and 9 GPUs."


def test_table_cells_take_header_units_and_share_a_paragraph() -> None:
    text = (
        "Costs\tStage A\tStage B\tTotal\n"
        "in H800 GPU Hours\t100K\t20K\t120K\n"
        "in USD\t$0.2M\t$0.04M\t$0.24M\n"
    )
    claims = extract(text)
    hours = [c for c in claims if c.unit == "GPU*hour"]
    money = [c for c in claims if c.unit == "USD"]
    assert [c.value for c in hours] == [1e5, 2e4, 1.2e5]
    assert all(c.qualifiers.get("hardware") == "H800" for c in hours)
    assert [round(c.value) for c in money] == [200000, 40000, 240000]
    assert len({c.paragraph for c in claims}) == 1


def test_bare_table_numbers_take_column_subjects() -> None:
    text = "Benchmark\tGPT-4o\tDeepSeek-R1\nPrice (USD per 1M tokens)\t15\t0.55\n"
    claims = extract(text)
    assert [(c.value, c.unit, c.subject) for c in claims] == [
        (15.0, "USD", "GPT-4o"),
        (0.55, "USD", "DeepSeek-R1"),
    ]


def test_table_header_magnitudes_apply_to_cells() -> None:
    text = "模型\t参数量\t训练成本（万美元）\nModel-A\t6710 亿\t557.6\nModel-B\t1.8 万亿\t7800\n"
    claims = extract(text)
    assert [(c.quote, c.value, c.unit) for c in claims] == [
        ("6710 亿", 6.71e11, "parameter"),
        ("557.6", 5576000.0, "USD"),
        ("1.8 万亿", 1.8e12, "parameter"),
        ("7800", 7.8e7, "USD"),
    ]


def test_markdown_tables_and_dollar_millions_headers() -> None:
    text = "| Model | Cost ($M) | Chips |\n|---|---|---|\n| Grok-3 | 3,000 | 200K |\n"
    claims = extract(text)
    assert [(c.value, c.unit, c.subject) for c in claims] == [
        (3e9, "USD", "Grok-3"),
        (2e5, "GPU", "Grok-3"),
    ]


def test_a_bare_magnitude_takes_the_nearer_of_parameters_and_tokens() -> None:
    claims = {c.quote: c for c in extract("这个 700 亿参数的模型在 1.4T 的 tokens 上训练。")}
    assert claims["1.4T"].unit == "token"
    assert claims["700 亿参数"].unit == "parameter"


def test_accelerator_hours_and_gpu_seconds_are_gpu_hours() -> None:
    claims = {c.quote: c for c in extract("It takes 3.6e10 GPU-seconds, or 10 million A100-hours.")}
    seconds = claims["3.6e10 GPU-seconds"]
    assert (seconds.unit, seconds.value, seconds.kind) == ("GPU*hour", 1e7, "gpu_hours")
    hours = claims["10 million A100-hours"]
    assert (hours.unit, hours.kind, hours.qualifiers["hardware"]) == (
        "GPU*hour",
        "gpu_hours",
        "A100",
    )


def test_scope_words_for_one_chip_or_one_rack() -> None:
    claims = {
        c.quote: c
        for c in extract("单卡功耗 700 瓦，单机柜功耗 120 千瓦；The rack's 72 GPUs draw 86 kW.")
    }
    assert claims["700 瓦"].qualifiers["per"] == "GPU"
    assert claims["120 千瓦"].qualifiers["per"] == "rack"
    assert claims["72 GPUs"].qualifiers["per"] == "rack"


def test_electricity_prices_and_bills_are_not_capex() -> None:
    claims = {
        c.quote: c for c in extract("按每千瓦时 0.08 美元计算，该集群一年电费约为 700 万美元。")
    }
    assert claims["0.08 美元"].qualifiers["per"] == "kWh"
    assert claims["0.08 美元"].kind == "other"
    assert claims["700 万美元"].kind == "other"


def test_rental_is_not_capex() -> None:
    claims = {
        c.quote: c
        for c in extract(
            "雲端服務商的 H100 按需租金落在每 GPU 小時 2.5 至 4 美元之間。"
            "At $2.80 per GPU-hour, one month of use costs about $4.1M."
        )
    }
    assert claims["2.5 至 4 美元"].qualifiers["per"] == "GPU*hour"
    assert claims["2.5 至 4 美元"].kind == "other"
    assert claims["$4.1M"].kind == "other"


def test_single_chip_words_scope_throughput_and_between_takes_an_approximation() -> None:
    (single,) = extract("A single H100 does 98.9 PFLOP/s of BF16.")
    assert (single.kind, single.qualifiers["scope"]) == ("chip_throughput", "per_chip")
    (prices,) = extract("List prices vary between roughly $25,000 and $40,000 per GPU.")
    assert (prices.low, prices.high) == (25000.0, 40000.0)
    assert not extract("Training compute is then close to 6 × parameters × tokens.")
