"""Ingestion speed: articles/s and MB/s for reading alone, and for reading + storing in SQLite.

    python bench/ingest.py [-n 1000] [--size 10000] [--keep DIR]

Generates N synthetic articles of about ``--size`` bytes in rotating shapes (scraped text with
site chrome, Markdown post with embedded HTML, HTML page; Chinese and English), then measures:

- read: ``ingest.read_inputs`` over the folder (decode, sniff, clean, detect language);
- read+store: each Document stored with ``kb.store.add_document`` in its own transaction,
  when that exists (storage only, no extraction);
- kb ingest: ``kb.pipeline.run_ingest`` (read, store, extract claims, check), when it exists,
  on the first ``--pipeline-count`` articles (extraction dominates; it has its own bench).

Target: at least 200 articles/s of 10 KB on one core into SQLite. Prints figures, asserts none.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

ZH_SENTENCES = (
    "据报道，这个集群部署了{gpus}张H100加速卡，芯片功耗约为{mw}兆瓦。",
    "按每GPU小时{rate}美元计算，训练{days}天的租用费用约为{cost}万美元。",
    "官方称模型的训练算力约为{flop} FLOP，利用率约为{mfu}%。",
    "有文章说单卡功耗达到{bad_kw}千瓦，这个数字明显偏高。",
    "业内人士认为，明年新建的智算中心规模还会翻倍，电力将成为主要约束。",
)
EN_SENTENCES = (
    "The operator runs {gpus} H100 GPUs drawing about {mw} MW for the chips alone.",
    "At ${rate} per GPU-hour, {days} days of training cost roughly ${cost}0 thousand.",
    "The lab reports {flop} FLOP of training compute at {mfu}% utilization.",
    "One post claimed each GPU draws {bad_kw} kW, which is far above the datasheet.",
    "Analysts expect next year's clusters to double again, with power as the binding limit.",
)


def _sentence(rng: random.Random, pool: tuple[str, ...]) -> str:
    gpus = rng.choice((1024, 2048, 4096, 8192, 16384))
    return rng.choice(pool).format(
        gpus=gpus,
        mw=round(gpus * 0.0007, 1),
        rate=rng.choice((2, 2.5, 3, 3.5)),
        days=rng.choice((30, 60, 90)),
        cost=rng.randint(100, 9000),
        flop=f"{rng.randint(1, 9)}e{rng.randint(22, 26)}",
        mfu=rng.randint(30, 50),
        bad_kw=rng.choice((70, 700)),
    )


def _body(rng: random.Random, chinese: bool, size: int) -> list[str]:
    paragraphs: list[str] = []
    total = 0
    pool = ZH_SENTENCES if chinese else EN_SENTENCES
    while total < size:
        paragraph = ("" if chinese else " ").join(_sentence(rng, pool) for _ in range(4))
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return paragraphs


def generate(folder: Path, count: int, size: int, seed: int = 7) -> int:
    """Write ``count`` articles of about ``size`` bytes; return total bytes written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for number in range(count):
        chinese = number % 2 == 0
        title = f"{'算力观察' if chinese else 'Compute notes'} #{number}: {rng.randint(1, 10**6)}"
        paragraphs = _body(rng, chinese, size - 400)
        shape = number % 3
        if shape == 0:
            text = (
                f"站点 05月{number % 28 + 1:02d}日 10:00\n{title}\nindex_new5.html\n\n"
                + "\n\n".join(paragraphs)
                + "\n\nDiscuss\n\n相关标签\n\n算力 GPU\n相关文章\n"
            )
            name = f"{number:06d}.txt"
        elif shape == 1:
            html_body = "<br><br>".join(paragraphs)
            text = (
                f"# {title}\n\n**URL**: https://weibo.example.cn/{number}\n\n## 原始摘要\n\n"
                f'{html_body}<a href="https://example.org/{number}">网页链接</a>\n\n'
                "## 元数据\n\n- **保存时间**: 2025-05-13T11:03:25Z\n"
            )
            name = f"{number:06d}.md"
        else:
            html_body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
            text = (
                f"<!doctype html><html><head><title>{title}</title>"
                '<meta name="author" content="Bench Writer">'
                '<meta property="article:published_time" content="2025-05-01T00:00:00Z">'
                f"</head><body><nav>Home | News</nav><article><h1>{title}</h1>\n{html_body}"
                "</article><footer>contact</footer></body></html>"
            )
            name = f"{number:06d}.html"
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        written += len(data)
    return written


def bench_read(folder: Path) -> tuple[int, int, float, float]:
    import ingest

    list(ingest.read_inputs([str(next(folder.iterdir()))]))  # imports are not the stage
    started, cpu_started = time.perf_counter(), time.process_time()
    documents = failures = 0
    for result in ingest.read_inputs([str(folder)]):
        if isinstance(result, ingest.Document):
            documents += 1
        else:
            failures += 1
    return documents, failures, time.perf_counter() - started, time.process_time() - cpu_started


def bench_read_store(folder: Path, db_path: Path) -> tuple[int, float, float] | None:
    try:
        from kb import store
        from kb.database import open_engine, session_scope
    except ImportError:
        return None
    import ingest

    engine = open_engine(f"sqlite:///{db_path}")
    started, cpu_started = time.perf_counter(), time.process_time()
    stored = 0
    for result in ingest.read_inputs([str(folder)]):
        if isinstance(result, ingest.Document):
            with session_scope(engine) as session:
                store.add_document(session, result)
            stored += 1
    return stored, time.perf_counter() - started, time.process_time() - cpu_started


def bench_kb_ingest(folder: Path, db_path: Path) -> tuple[int, float, float] | None:
    try:
        from kb.database import open_engine
        from kb.pipeline import run_ingest
    except ImportError:
        return None
    engine = open_engine(f"sqlite:///{db_path}")
    started, cpu_started = time.perf_counter(), time.process_time()
    summary = run_ingest(engine, [str(folder)])
    return summary.added, time.perf_counter() - started, time.process_time() - cpu_started


def _line(label: str, articles: int, megabytes: float, seconds: float, cpu: float) -> str:
    """Wall-clock rates, and the rate per CPU-second (one core, whatever else the machine runs)."""
    return (
        f"{label:<22} {articles:>6} articles  {seconds:7.2f} s  "
        f"{articles / seconds:8.1f} articles/s  {megabytes / seconds:6.2f} MB/s  |  "
        f"cpu {cpu:6.2f} s: {articles / cpu:8.1f} articles/s  {megabytes / cpu:6.2f} MB/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000, help="articles to generate")
    parser.add_argument("--size", type=int, default=10_000, help="bytes per article (about)")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--no-store", action="store_true", help="measure reading only")
    parser.add_argument(
        "--pipeline-count", type=int, default=100, help="articles for the full kb ingest (0: skip)"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kb-bench-ingest-"))
    folder = args.keep or workdir / "articles"
    try:
        total = generate(folder, args.count, args.size)
        megabytes = total / 1e6
        print(f"corpus: {args.count} articles, {megabytes:.1f} MB ({total // args.count} B each)")
        print("target: >= 200 articles/s of 10 KB on one core into SQLite (read+store)")
        documents, failures, seconds, cpu = bench_read(folder)
        print(_line("read", documents, megabytes, seconds, cpu) + f"  ({failures} failures)")
        if args.no_store:
            return
        stored = bench_read_store(folder, workdir / "store.db")
        if stored is None:
            print("read+store            skipped: kb.store / kb.database not importable")
        else:
            print(_line("read+store (SQLite)", stored[0], megabytes, stored[1], stored[2]))
        if args.pipeline_count <= 0:
            return
        subset = workdir / "pipeline-articles"
        subset_bytes = generate(subset, min(args.pipeline_count, args.count), args.size)
        full = bench_kb_ingest(subset, workdir / "pipeline.db")
        if full is None:
            print("kb ingest             skipped: kb.pipeline.run_ingest not importable")
        else:
            print(_line("kb ingest (+extract)", full[0], subset_bytes / 1e6, full[1], full[2]))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
