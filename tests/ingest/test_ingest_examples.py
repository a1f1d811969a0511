"""The example articles shipped in examples/articles read with the right shape and metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import Document, InputFailure, read_inputs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


@pytest.fixture(scope="module")
def by_name() -> dict[str, Document]:
    results = list(read_inputs([str(EXAMPLES)]))
    failures = [r for r in results if isinstance(r, InputFailure)]
    assert failures == []
    documents: dict[str, Document] = {}
    for result in results:
        assert isinstance(result, Document)
        key = Path(result.origin).name if not result.origin.startswith("http") else result.origin
        documents[key] = result
    return documents


def test_every_example_is_read(by_name: dict[str, Document]) -> None:
    files = sorted(p.name for p in EXAMPLES.iterdir() if not p.name.startswith("."))
    feed_entries = [key for key in by_name if key.startswith("http")]
    assert 8 <= len(files) <= 12
    assert len(by_name) == len(files) - 1 + len(feed_entries)
    assert all(document.title for document in by_name.values())


def test_markdown_post(by_name: dict[str, Document]) -> None:
    post = by_name["01_weibo_post_cluster.md"]
    assert post.shape == "markdown"
    assert post.url == "https://weibo.example.cn/1234567890/QlAbCdEf"
    assert post.published is not None and post.published.isoformat().startswith("2025-06-18")
    assert "<br>" not in post.text and "&lt;" not in post.text and "<笑>" in post.text
    assert "保存时间" not in post.text  # the metadata section is metadata
    assert "https://blog.qinglan.example/yuanshan-2" in post.metadata["links"]  # unwrapped
    assert any(src.endswith("cluster_chart_1.jpg") for src in post.metadata["images"])
    assert post.metadata["fields"]["来源"] == "微博"


def test_scraped_essay_loses_its_chrome(by_name: dict[str, Document]) -> None:
    essay = by_name["02_scraped_essay_rental.txt"]
    assert essay.title == "What a GPU-hour Really Buys"
    assert essay.language == "en"
    assert essay.published is not None and essay.published.month == 6
    assert essay.metadata["site"] == "算力观察"
    assert essay.metadata["tags"] == ["GPU", "租金", "算力成本", "H100"]
    for chrome in ("tpl_article2.html", "Discuss", "联系邮箱", "Compute Digest Reader", "↩"):
        assert chrome not in essay.text
    assert "98.9 PFLOP/s" in essay.text  # the (wrong) figures stay: they are the article
    assert "List prices vary" in essay.text  # footnotes are article text


def test_anthology_children(by_name: dict[str, Document]) -> None:
    anthology = by_name["03_anthology_compute_digest.txt"]
    assert anthology.shape == "anthology"
    assert anthology.title == "算力评论选编 第三期"
    assert anthology.author == "星河计算研究会"
    children = [(c.title, c.author) for c in anthology.children]
    assert children == [
        ("万卡集群的电费账本", "周明远"),
        ("训练成本为何被高估", "林晓雨"),  # TOC entry glued title and author
        ("从 A100 到 B200：单卡算力的十年", "陈立言"),
        ("推理价格战观察", "编辑部"),
    ]
    assert anthology.children[2].metadata["author_role"] == "整理"
    assert "$7.4M" in anthology.children[0].text  # \$ escapes undone
    assert "A100\t312 TFLOP/s\t400 W" in anthology.children[2].text  # tables keep their tabs
    assert "扫描二维码" not in anthology.children[-1].text
    assert "电话" not in anthology.children[-1].text


def test_traditional_blog(by_name: dict[str, Document]) -> None:
    blog = by_name["04_blog_traditional_power.txt"]
    assert blog.language == "zh-Hant"
    assert blog.title == "十萬卡集群要多少電?一份給工程師的估算筆記"
    assert blog.author == "許文彥"
    assert "![]()" not in blog.text
    assert "def facility_megawatts" in blog.text  # code blocks are kept
    for chrome in ("返回", "user avatar", "收藏了這個故事", "Some HTML is okay"):
        assert chrome not in blog.text


def test_html_pages(by_name: dict[str, Document]) -> None:
    english = by_name["05_news_page_training_run.html"]
    assert english.author == "Priya Raman"
    assert english.url == "https://ledger.example.com/2025/04/northwind-atlas-3"
    assert english.metadata["tags"] == ["training compute", "H100", "cluster power"]
    assert "Chip power\t17 MW\t17.2 MW" in english.text
    for chrome in ("dataLayer", "Share on X", "Related", "tips@", "recheck utilization"):
        assert chrome not in english.text
    chinese = by_name["06_news_page_zh.html"]
    assert chinese.language == "zh-Hans"
    assert chinese.published is not None and chinese.published.day == 30
    for chrome in ("登录", "发表评论", "ICP"):
        assert chrome not in chinese.text


def test_feed_file_entries_carry_full_text(by_name: dict[str, Document]) -> None:
    entries = [d for key, d in by_name.items() if key.startswith("https://notes.example.org/")]
    assert [e.shape for e in entries] == ["feed"] * 3
    assert [e.language for e in entries] == ["en", "en", "zh-Hant"]
    assert entries[0].author == "Sam Ortega"
    assert entries[0].metadata["tags"] == ["training compute"]
    assert entries[2].published is not None and entries[2].published.day == 25


def test_legacy_encodings(by_name: dict[str, Document]) -> None:
    gbk = by_name["08_gbk_datacenter_note.txt"]
    assert gbk.metadata["encoding"] == "gb18030"
    assert gbk.title == "西部数据中心扩容：新增 3 万张加速卡"
    assert gbk.author == "赵一鸣"
    assert "京公网安备" not in gbk.text
    big5 = by_name["10_big5_rental_note.txt"]
    assert big5.metadata["encoding"].startswith("big5")
    assert big5.language == "zh-Hant"
    assert big5.author == "李嘉恩"
