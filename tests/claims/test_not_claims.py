"""Numbers that are not claims: names, versions, dates, list and section numbers, ids, URLs,
contact details and code. Emitting any of these is a defect."""

from __future__ import annotations

import pytest

from claims import extract

NOT_CLAIMS = [
    "GPT-4 and GPT-4o are compared with Qwen 2.5 and Llama 3 here.",
    "o3-mini beats o1 on this test, and Grok 3 follows.",
    "H100、H800 和 A100 都是英伟达的产品。",
    "The Phi-4-reasoning paper and DeepSeek-V3 report came out.",
    "发布时间是 2025 年 5 月，会议在 05月01日 举行。",
    "The post is dated May 1, 2025 and was updated in 2024.",
    "2024 年 11 月以来，推理模型密集发布。",
    "一、背景介绍",
    "3 发展趋势与展望",
    "1. First item\n2. Second item\n3. Third item",
    "See the footnote[1] and the other note[2].",
    "The preprint is arXiv:2408.03314 and also 2501.12948v2.",
    "Read https://example.com/2025/12/10/why-10-gpus/ for details.",
    "Write to team2025@example.org or call +86 10 6552 1234.",
    "客服电话 010-12345678，手机 13812345678。",
    "Upgrade to version 2.1.3 or v3.2 now.",
    "Run `train --gpus 8 --steps 1000` to start.",
    "```\nbatch_size = 4096\nlr = 3e-4\n```",
    "It happened at 21:57 on the same day.",
    "第 3 章讨论了这些问题。",
    "Table 1 | Training costs",
    "它在 2024 H1 推出，并于 Q3 更新。",
    '<a href="https://m.weibo.cn/search?q=1%26t%3D10">link</a>',
    "统一元数据格式是第一步。",
    "这张图表说明了趋势，一方面是成本，另一方面是效率。",
    "关注 442 | 粉丝 59万",
    "The account has 12K followers.",
    "显卡支持 16 位精度和 8 位精度。",
    "本十年的算力增长前所未有。",
    "新品将于下半年量产，上半年先送样。",
    "Model\tDate\tLab\tType\nacme-o1\t2024.12.13\t360\treasoning\n",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_a_claim(text: str) -> None:
    assert [c.quote for c in extract(text)] == []


def test_number_next_to_a_name_is_still_read() -> None:
    claims = extract("DeepSeek 16B 参数模型和 Llama 3 405B 都开源了。")
    assert [(c.quote, c.unit) for c in claims] == [("16B 参数", "parameter"), ("405B", "parameter")]


def test_durations_are_claims_but_dates_are_not() -> None:
    claims = extract("2025 年发布的模型训练了 3 个月，时隔 2 月又发布了新版。")
    assert [(c.quote, c.unit) for c in claims] == [("3 个月", "month"), ("2 月", "month")]


def test_resolution_is_not_a_count() -> None:
    assert extract("这款显示器支持 4K 分辨率。It records 8K video.") == []


def test_a_fall_from_to_is_two_figures_not_a_range() -> None:
    claims = extract("Prices fell from $60 to $0.06 per million tokens.")
    assert [(c.quote, c.low) for c in claims] == [("$60", None), ("$0.06", None)]


def test_idioms_for_many_and_unit_words_alone_are_not_claims() -> None:
    text = (
        "成千上万的开发者在讨论这件事，有人把千瓦时和兆瓦时弄混了。成千上万台机器日夜运转，"
        "但上万张 H100 的集群确实存在。"
    )
    quotes = [c.quote for c in extract(text)]
    assert quotes == ["上万张 H100"]


def test_operands_of_a_product_are_not_factors() -> None:
    quotes = {c.quote: c for c in extract("One month costs about 2,048 × 720 × 2.80 ≈ $4.1M.")}
    assert "2,048 ×" not in quotes and "720 ×" not in quotes
    assert quotes["$4.1M"].value == pytest.approx(4.1e6)


def test_code_that_lost_its_fences() -> None:
    text = (
        "下面这段小程序算出设施功耗：\n\n"
        " def facility_mw(gpus: int, watts: float = 700) -> float:\n"
        "     return gpus * watts * 1.3 / 1e6\n"
        " print(facility_mw(100_000))  # about 91 MW\n\n"
        "十万张卡约需 91 MW。"
    )
    assert [c.quote for c in extract(text)] == ["十万张卡", "91 MW"]


def test_one_chip_written_as_an_article_is_not_a_count() -> None:
    assert [c.quote for c in extract("一张 H100 的售价约 3 万美元。")] == ["3 万美元"]
