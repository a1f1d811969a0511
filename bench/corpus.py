"""A synthetic bilingual corpus for the benchmarks: articles we generate, with known figures.

Each article is ~10 KB of Chinese or English prose around 20 numeric claims of the kinds the
seeds carry (chips, FLOP/s, FLOP, GPU-hours, dollars, MW, tokens, parameters, percentages),
some consistent with hardware specs and some off by 10-300x. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

MODELS = ["Atlas-7", "Borealis 2", "Cinder-X", "Delta Large", "Ember-3", "Fjord 1.5", "Gale-9"]
CHIPS = [
    ("H100", 989e12, 700, 35_000),
    ("A100", 312e12, 400, 17_500),
    ("H800", 989e12, 700, 38_000),
]

EN_FILLER = (
    "Analysts who follow the sector say the economics of large training runs keep shifting as "
    "hardware, software and energy prices move at different speeds. Several teams have argued "
    "that the bottleneck is no longer the chips themselves but the buildings, the power lines "
    "and the engineers who keep thousands of machines busy for months on end. "
)
ZH_FILLER = (
    "业内人士认为，大模型训练的经济账正在快速变化，硬件、软件和电力价格的变化速度各不相同。"
    "不少团队指出，真正的瓶颈已经不是芯片本身，而是机房、电力线路以及让成千上万台机器连续运转数月的工程师。"
)


def _en_paragraph(rng: random.Random) -> str:
    model = rng.choice(MODELS)
    chip, peak, tdp, price = rng.choice(CHIPS)
    chips = rng.choice([8_000, 16_000, 24_000, 50_000, 100_000])
    wrong = rng.random() < 0.3
    factor = rng.choice([10, 30, 100, 300]) if wrong else 1
    days = rng.choice([30, 60, 90, 100])
    mfu = 0.4
    flop = chips * peak * mfu * days * 86400 * factor
    power_mw = chips * tdp * 2.0 / 1e6 * factor
    cost_bn = chips * price * 1.6 / 1e9 * factor
    gpu_hours = chips * days * 24
    return (
        f"{model} was trained on about {chips:,} {chip} GPUs for {days} days. "
        f"The developer puts the run at roughly {flop:.1e} FLOP, or {gpu_hours / 1e6:.1f} million "
        f"GPU-hours, and says the cluster draws {power_mw:,.0f} MW. Building it cost "
        f"${cost_bn:.1f}bn, and the model has {rng.choice([7, 13, 70, 405])}B parameters "
        f"trained on {rng.choice([2, 8, 15])} trillion tokens. "
        f"Output improved by {rng.randint(5, 40)}% over the previous version."
    )


def _zh_paragraph(rng: random.Random) -> str:
    model = rng.choice(MODELS)
    chip, peak, tdp, price = rng.choice(CHIPS)
    chips_wan = rng.choice([1, 2, 5, 10, 25])
    wrong = rng.random() < 0.3
    factor = rng.choice([10, 30, 100, 300]) if wrong else 1
    chips = chips_wan * 10_000
    power_mw = chips * tdp * 2.0 / 1e6 * factor
    cost_yi = chips * price * 1.6 / 1e8 * factor
    hours_wan = chips * rng.choice([30, 60, 90]) * 24 / 1e4
    return (
        f"据报道，{model} 的训练集群拥有 {chips_wan} 万张 {chip}，"
        f"累计消耗约 {hours_wan:,.0f} 万 GPU 小时，"
        f"集群功耗约 {power_mw:,.0f} 兆瓦，总投资约 {cost_yi:,.0f} 亿美元。"
        f"该模型参数量为 {rng.choice([70, 130, 700])} 亿，"
        f"训练数据达 {rng.choice([2, 8, 15])} 万亿个 token，"
        f"推理成本下降了 {rng.randint(10, 60)}%。"
    )


def article(index: int, seed: int = 7, size: int = 10_000) -> tuple[str, str]:
    """(file name, text) of article ``index``: alternately English and Chinese, ~``size`` bytes."""
    rng = random.Random(seed * 1_000_003 + index)
    english = index % 2 == 0
    title = (
        f"Compute notes #{index}: what the new clusters cost"
        if english
        else f"算力观察第 {index} 期：新集群的账本"
    )
    parts = [title, ""]
    filler = EN_FILLER if english else ZH_FILLER
    length = len(title)
    # two paragraphs of figures (about 20 claims) in ~10 KB of prose
    while length < size:
        paragraph = _en_paragraph(rng) if english else _zh_paragraph(rng)
        parts += [paragraph, ""]
        length += len(paragraph.encode("utf-8"))
        for _ in range(14):
            parts += [filler, ""]
            length += len(filler.encode("utf-8"))
    return (f"article-{index:05d}.txt", "\n".join(parts))


def write_corpus(folder: Path, count: int, seed: int = 7, size: int = 10_000) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        name, text = article(i, seed, size)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def texts(count: int, seed: int = 7, size: int = 10_000) -> Iterator[str]:
    for i in range(count):
        yield article(i, seed, size)[1]
