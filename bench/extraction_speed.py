"""Extraction speed: characters per second of `claims.extract` over a synthetic bilingual
corpus, and of quantulum3 over the same text in the same run, with the ratio.

The corpus is generated here from templates (Chinese and English sentences about clusters,
costs, compute and tokens, with random figures, names and filler prose, plus dates, list
numbers, URLs and a table now and then), so it has the density of numbers of real articles
without copying any.

    python bench/extraction_speed.py [--size CHARS] [--repeat N] [--seed N] [--no-peer]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims import extract  # noqa: E402

MODELS = ["GPT-5", "Grok-4", "DeepSeek-V3", "Llama 4", "Qwen 3", "Claude", "Gemini", "o3"]
CHIPS = ["H100", "H800", "A100", "B200", "GB200", "H20", "MI300X"]
ORGS = ["OpenAI", "xAI", "Meta", "Google", "Anthropic", "阿里巴巴", "字节跳动", "英伟达"]

ZH_TEMPLATES = [
    "{model} 的训练使用了约 {n} 万张 {chip}，总算力达到 {e} TFLOPS。",
    "据估算，{model} 的训练成本约为 {n} 万美元，而对标模型高达 {m} 亿美元。",
    "{org} 计划投资 {m} 亿美元建设新的数据中心，需电力约 {p} MW。",
    "该模型在预训练阶段处理了 {n} 万亿个 token，参数量为 {m} 亿。",
    "训练共消耗 {n} 万 GPU 小时，按每个 GPU 小时 2 美元计费。",
    "{model} 的 API 定价为输入 {f} 美元/百万 tokens，仅为竞品的 1/{d}。",
    "{org} 市值单日缩水 {m} 亿美元，股价下跌 {pct}%。",
    "过去 {d} 年，相关论文数量增长了 {d} 倍，达到 {n} 万多篇。",
    "{year} 年 {month} 月，{org} 宣布其十万卡集群正式投入使用。",
    "一、发展背景",
    "业内人士认为，这一趋势在未来一两年内仍将持续，但增速会逐步放缓。",
    "模型能力的提升并不完全依赖算力，数据质量与训练方法同样关键。",
    "研究团队表示，更多细节将在后续的技术报告中公布，敬请关注。",
]
EN_TEMPLATES = [
    "{model} was pretrained on ~{k}K {chip} chips ({f}e15 BF16 FLOP/s per chip) for ~{f}e25 FLOPs.",
    "The {org} cluster will cost about ${a}-{b}bn, roughly ${k}K per chip, drawing {p} MW.",
    "Training took {d} months on {k}K GPUs, or about {n} million GPU-hours.",
    "Compute grew about {f}x per year, and the price-performance improved {f}x per year.",
    "The dataset has {k}T tokens, and the model has {k}B parameters.",
    "Published on May {d}, {year}. See https://example.com/{year}/{d}/post-{k} for details.",
    "1. Background and motivation",
    "Most of the gains came from better data and longer training rather than raw compute.",
    "The authors argue that scaling will continue, although at a slower pace than before.",
    "Benchmarks such as these measure narrow skills and should be read with care.",
]
#: Prose without figures: most sentences of real articles carry no figure.
ZH_PROSE = [
    "业内人士认为，这一趋势在未来仍将持续，但增速会逐步放缓，行业需要新的突破口。",
    "模型能力的提升并不完全依赖算力，数据质量与训练方法同样关键，评测方式也在不断演进。",
    "研究团队表示，更多细节将在后续的技术报告中公布，外界对此保持高度关注。",
    "开源社区的活跃让更多开发者能够复现前沿成果，也推动了推理框架和工具链的成熟。",
    "与此同时，监管机构开始关注大模型的安全与合规问题，相关讨论仍在进行之中。",
    "从产业链角度看，芯片、网络、存储和电力共同决定了大规模训练的上限与节奏。",
    "有观点指出，后训练和推理阶段的扩展正在成为新的竞争焦点，而非单纯堆叠参数。",
]
EN_PROSE = [
    "Most of the gains came from better data and longer training rather than raw compute.",
    "The authors argue that scaling will continue, although at a slower pace than before.",
    "Benchmarks such as these measure narrow skills and should be read with some care.",
    "Open weights let independent researchers check the claims and build on the results.",
    "Power, cooling and networking now constrain the largest sites as much as the chips do.",
    "Several labs have shifted attention from pretraining to reinforcement learning on tasks.",
    "Investors remain divided on whether the revenue will arrive in time to pay for it all.",
]
#: Share of sentences without figures, set so that the corpus has the figure density of the
#: seed articles (432 claims in 75k characters: about one per 175 characters).
PROSE_SHARE = 0.75
TABLE = "Stage\tPre-training\tFine-tuning\tTotal\nin {chip} GPU Hours\t{k}K\t{d}K\t{n}K\n"


def corpus(size: int, seed: int = 7) -> str:
    """A bilingual article-like text of about ``size`` characters."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        paragraph = []
        chinese = rng.random() < 0.5
        for _ in range(rng.randint(3, 8)):
            if rng.random() < PROSE_SHARE:
                paragraph.append(rng.choice(ZH_PROSE if chinese else EN_PROSE))
                continue
            template = rng.choice(ZH_TEMPLATES if chinese else EN_TEMPLATES)
            paragraph.append(_fill(template, rng))
        if rng.random() < 0.05:
            paragraph.append(_fill(TABLE, rng))
        text = " ".join(paragraph)
        parts.append(text)
        length += len(text) + 2
    return "\n\n".join(parts)


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        model=rng.choice(MODELS),
        chip=rng.choice(CHIPS),
        org=rng.choice(ORGS),
        n=rng.randint(2, 999),
        m=rng.randint(2, 9999),
        k=rng.randint(2, 500),
        a=rng.randint(1, 9),
        b=rng.randint(10, 40),
        d=rng.randint(2, 30),
        e=f"{rng.uniform(1, 9):.1f}e{rng.randint(5, 9)}",
        f=round(rng.uniform(1, 9), 2),
        p=rng.randint(10, 5000),
        pct=round(rng.uniform(1, 40), 1),
        year=rng.randint(2019, 2030),
        month=rng.randint(1, 12),
    )


def _bytes_per_char(text: str) -> float:
    return len(text.encode("utf-8")) / max(len(text), 1)


def time_claims(text: str, repeat: int) -> tuple[float, int]:
    """Best-of-``repeat`` CPU seconds for one pass of `extract` over ``text``, and claims.

    Process time, not wall time: fair on a machine shared with other jobs."""
    extract(text[:2000])  # load vocabularies and compile patterns outside the timing
    best = float("inf")
    found = 0
    for _ in range(repeat):
        started = time.process_time()
        found = len(extract(text))
        best = min(best, time.process_time() - started)
    return best, found


def time_quantulum(text: str, repeat: int) -> tuple[float, int] | None:
    """Best-of-``repeat`` CPU seconds for quantulum3 over the same text, paragraph by
    paragraph, and the quantities it found (None when it is not installed)."""
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    paragraphs = text.split("\n\n")
    parser.parse(paragraphs[0])  # load its models outside the timing
    best = float("inf")
    found = 0
    for _ in range(repeat):
        started = time.process_time()
        found = sum(len(parser.parse(paragraph)) for paragraph in paragraphs)
        best = min(best, time.process_time() - started)
    return best, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="corpus size in characters")
    parser.add_argument(
        "--peer-size",
        type=int,
        default=300_000,
        help="characters of the corpus given to both extractors for the ratio (0: all of it)",
    )
    parser.add_argument(
        "--peer-repeat", type=int, default=2, help="best of N runs for quantulum3 (it is slow)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs for claims")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-peer", action="store_true", help="skip quantulum3")
    args = parser.parse_args(argv)

    text = corpus(args.size, args.seed)
    seconds, found = time_claims(text, args.repeat)
    rate = len(text) / seconds
    print(f"corpus:            {len(text):,} characters (bilingual, synthetic, seed {args.seed})")
    print(
        f"claims.extract:    {seconds:.3f} s, {found:,} claims (one per "
        f"{len(text) / max(found, 1):.0f} chars), {rate:,.0f} chars/s "
        f"({rate / 1e6:.2f} M chars/s, {rate * _bytes_per_char(text) / 1e6:.2f} MB/s of UTF-8)"
    )
    if args.no_peer:
        return 0
    sample = text[: args.peer_size] if args.peer_size else text
    sample_seconds = seconds if sample is text else time_claims(sample, args.repeat)[0]
    peer = time_quantulum(sample, args.peer_repeat)
    if peer is None:
        print("quantulum3:        not installed (pip install 'claimkb[bench]')")
        return 0
    peer_seconds, peer_found = peer
    peer_rate = len(sample) / peer_seconds
    own_rate = len(sample) / sample_seconds
    print(
        f"same first {len(sample):,} chars: claims.extract {own_rate:,.0f} chars/s; "
        f"quantulum3 {peer_seconds:.2f} s, {peer_found:,} quantities, {peer_rate:,.0f} chars/s"
    )
    print(f"ratio:             {own_rate / peer_rate:.1f}x quantulum3")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
