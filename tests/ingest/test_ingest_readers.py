"""Reader behaviour on small texts written for the tests: shapes, titles, splitting, sniffing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import Document, ReadError, read_inputs, read_text
from ingest.dates import parse_date
from ingest.language import detect_language
from ingest.page_chrome import chrome_patterns
from ingest.readers import sniff_shape

ANTHOLOGY = """Quarterly Compute Review

Vol. 3

Contents

1. Power first.....A. Writer 3
2. Why rent beats buy.....B. Author 7
3. A short note on tokens 11

Power first

A. Writer

A hall of 50,000 GPUs at 700 W needs 35 MW for the chips alone.

Why rent beats buy

B. Author

At $2 per GPU-hour, 1,000 GPUs for a month cost $1.44M.

A short note on tokens

C. Someone

Fifteen trillion tokens at 6 FLOP per parameter per token add up quickly.
"""


def test_anthology_in_english_with_page_numbers() -> None:
    document = read_text(ANTHOLOGY, origin="review.txt")
    assert document.shape == "anthology"
    assert document.title == "Quarterly Compute Review Vol. 3"
    assert [(c.title, c.author) for c in document.children] == [
        ("Power first", "A. Writer"),
        ("Why rent beats buy", "B. Author"),
        ("A short note on tokens", "C. Someone"),
    ]
    for child in document.children:
        expected = hashlib.sha256((document.raw_hash + child.text).encode()).hexdigest()
        assert child.raw_hash == expected
        assert child.origin == "review.txt"
        offset = child.metadata["parent_offset"]
        assert document.text[offset : offset + len(child.text)] == child.text


def test_contents_without_matching_headings_falls_back_to_plain_text() -> None:
    text = "Notes\n\nContents\n\n1. Alpha\n2. Beta\n\nNothing here is titled like the list.\n"
    document = read_text(text)
    assert document.shape == "text"
    assert document.children == []


def test_plain_text_title_falls_back_to_first_sentence() -> None:
    document = read_text("编辑|某人\n这是一段没有标题的文章开头。后面还有内容。\n第二段。\n")
    assert document.title == "这是一段没有标题的文章开头"
    assert document.metadata["title_from"] == "first_sentence"
    assert document.author == "某人"


def test_shape_sniffing() -> None:
    assert sniff_shape("a.txt", "<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff_shape("a", '<?xml version="1.0"?><rss version="2.0"></rss>') == "feed"
    assert sniff_shape("a.atom", "anything") == "feed"
    assert sniff_shape("a.txt", "# Title\n\n**URL**: https://x.org\n") == "markdown"
    assert sniff_shape("a.txt", "Book\n\n目 录\n\n一、A.....B\n") == "anthology"
    assert sniff_shape("a.txt", "Just words.\n") == "text"


def test_language_detection() -> None:
    assert detect_language("这是一个简体中文的句子，用来测试语言检测。") == "zh-Hans"
    assert detect_language("這是一個繁體中文的句子，用來測試語言檢測。") == "zh-Hant"
    assert detect_language("This is an English sentence about GPU clusters and power.") == "en"
    assert detect_language("42 %") == "und"


def test_dates() -> None:
    assert parse_date("Published on May 1, 2025 1:54 PM GMT").isoformat() == (  # type: ignore[union-attr]
        "2025-05-01T13:54:00+00:00"
    )
    assert parse_date("2025/1/26 23:32").hour == 23  # type: ignore[union-attr]
    assert parse_date("2025年5月13日").day == 13  # type: ignore[union-attr]
    assert parse_date("2025-05-13T11:03:25+08:00").hour == 3  # type: ignore[union-attr]
    assert parse_date("no date here") is None
    assert parse_date("2025-02-30") is None


def test_boilerplate_patterns_compile() -> None:
    patterns = chrome_patterns()
    assert patterns.drop_anywhere.fullmatch("../tpl/wap/page.html")
    assert patterns.tail_start.fullmatch("相关文章")


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("hidden folder\n")
    (tmp_path / ".draft.txt").write_text("hidden file\n")
    (tmp_path / "b" / "second.txt").write_text("Second\n\nThe second article.\n")
    (tmp_path / "a.txt").write_text("First\n\nThe first article.\n")
    results = list(read_inputs([str(tmp_path)]))
    assert [r.title for r in results if isinstance(r, Document)] == ["First", "Second"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(["a.txt", "a.md", "a.html", "a"]))
def test_any_text_reads_or_fails_cleanly(text: str, name: str) -> None:
    try:
        document = read_text(text, name=name)
    except ReadError:
        return
    assert "\x1b" not in document.text and "\x00" not in document.text
    for child in document.children:
        assert child.text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_document_or_one_failure(tmp_path_factory: object, raw: bytes) -> None:
    folder = tmp_path_factory.mktemp("bytes")  # type: ignore[attr-defined]
    path = folder / "input.txt"
    path.write_bytes(raw)
    results = list(read_inputs([str(path)]))
    assert len(results) >= 1
    for result in results:
        assert isinstance(result, Document) or "\n" not in result.reason  # type: ignore[union-attr]


def test_folder_walk_passes_over_images_but_a_named_image_fails(tmp_path: Path) -> None:
    (tmp_path / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "post.txt").write_text("Post\n\nThe cluster draws 20 MW.\n")
    assert [type(r).__name__ for r in read_inputs([str(tmp_path)])] == ["Document"]
    (failure,) = list(read_inputs([str(tmp_path / "chart.png")]))
    assert "PNG" in failure.reason  # type: ignore[union-attr]


def test_html_file_declaring_gbk_in_a_meta_tag(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="gbk"><title>功耗</title></head><body><article>'
        "<p>这个机房的总功耗是 30 兆瓦，其中芯片占 20 兆瓦。</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gbk"))
    (document,) = list(read_inputs([str(path)]))
    assert isinstance(document, Document)
    assert "30 兆瓦" in document.text
    assert document.title == "功耗"


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom notes</title>
  <link href="https://atom.example.org/"/>
  <updated>2025-08-01T00:00:00Z</updated>
  <id>urn:example:atom</id>
  <entry>
    <title>Full entry</title>
    <link href="https://atom.example.org/full"/>
    <id>urn:example:full</id>
    <updated>2025-08-01T00:00:00Z</updated>
    <author><name>Ada Atom</name></author>
    <summary>Short.</summary>
    <content type="html">&lt;p&gt;A 1,024-GPU H100 cluster draws about 0.7 MW for its chips and
    delivers about 1e18 FLOP/s of dense BF16 at peak,
    enough for 2.6e24 FLOP a month at 100%.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Summary only, no link</title>
    <id>urn:example:summary</id>
    <updated>2025-08-02T00:00:00Z</updated>
    <summary>Only a teaser of 12 words about a 5 MW hall.</summary>
  </entry>
</feed>
"""


def test_atom_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.atom"
    path.write_text(ATOM, encoding="utf-8")
    results = list(read_inputs([str(path)]))
    assert [type(r).__name__ for r in results] == ["Document", "Document"]
    full, teaser = results
    assert isinstance(full, Document) and isinstance(teaser, Document)
    assert full.title == "Full entry" and full.author == "Ada Atom"
    assert full.url == "https://atom.example.org/full"
    assert "0.7 MW" in full.text and "<p>" not in full.text
    assert teaser.metadata["summary_only"] is True


def test_markdown_front_matter() -> None:
    text = (
        '---\ntitle: "Pricing a 512-GPU month"\nauthor: Kim Lee\ndate: 2025-03-09\n'
        "tags: [rent, H100]\nsource: https://blog.example.org/512\n---\n\n"
        "512 GPUs for 30 days at $3 per GPU-hour cost about $1.1M.\n"
    )
    document = read_text(text, name="post.md")
    assert document.shape == "markdown"
    assert document.title == "Pricing a 512-GPU month"
    assert document.author == "Kim Lee"
    assert document.published is not None and document.published.day == 9
    assert document.url == "https://blog.example.org/512"
    assert document.metadata["tags"] == ["rent", "H100"]
    assert document.text.startswith("Pricing a 512-GPU month\n\n512 GPUs")
    assert "author:" not in document.text


def test_markdown_with_a_contents_line_that_is_no_anthology() -> None:
    text = "# Guide\n\n**URL**: https://x.example/guide\n\nContents\n\n- one\n- two\n\nBody text.\n"
    document = read_text(text, name="guide.md")
    assert document.shape == "markdown"
    assert document.url == "https://x.example/guide"


def test_anthology_with_a_bare_toc_and_no_blank_lines() -> None:
    text = (
        "算力札记\n目录\n电从哪里来\n租还是买\n\n\n"
        "电从哪里来\n作者：甲\n一个五万卡的机房需要约 35 兆瓦的芯片功耗。\n"
        "租还是买\n作者：乙\n每小时 2 美元的租金，一千张卡一个月约 144 万美元。\n"
    )
    document = read_text(text)
    assert document.shape == "anthology"
    assert [(c.title, c.author) for c in document.children] == [
        ("电从哪里来", "甲"),
        ("租还是买", "乙"),
    ]


def test_japanese_and_korean_are_not_called_chinese() -> None:
    assert (
        detect_language("このクラスタは約三万枚のGPUを使っています。電力は大きな問題です。") == "ja"
    )
    assert (
        detect_language("이 클러스터는 약 삼만 개의 GPU를 사용합니다. 전력이 큰 문제입니다.")
        == "ko"
    )


def test_html_title_without_meta_drops_the_site_name() -> None:
    page = (
        "<html><head><title>Rack power explained | Compute Ledger</title></head><body>"
        "<p>A rack of 72 GPUs at 1,200 W draws about 86 kW.</p></body></html>"
    )
    assert read_text(page, name="a.html").title == "Rack power explained"


def test_html_role_main_and_time_element() -> None:
    page = (
        '<html lang="en"><body><div class="menu">Home News</div>'
        '<div role="main"><h1>Chip counts</h1><time datetime="2025-09-01T10:00:00Z">1 Sep</time>'
        "<p>The site hosts 32,768 accelerators across four halls, about 8,192 per hall.</p>"
        "</div><div id='comments'>Nice post! 1e30 FLOP lol</div></body></html>"
    )
    document = read_text(page, name="page.html")
    assert document.title == "Chip counts"
    assert document.published is not None and document.published.month == 9
    assert "32,768 accelerators" in document.text
    assert "Home News" not in document.text and "lol" not in document.text
    assert document.metadata["declared_language"] == "en"


def test_html_fragment_in_a_txt_file_and_stray_tags_in_text() -> None:
    fragment = read_text("<p>Power</p><p>The hall draws 40 MW &amp; rising.</p>", name="a.txt")
    assert fragment.shape == "html"
    assert "40 MW & rising" in fragment.text
    scrape = read_text("Costs\n\nRent is $2<br>per GPU-hour, see <a href='https://x.org/r'>x</a>.")
    assert scrape.shape == "text"
    assert "Rent is $2\nper GPU-hour" in scrape.text
    assert scrape.metadata["links"] == ["https://x.org/r"]


def test_one_article_with_a_table_of_sections_is_not_an_anthology() -> None:
    text = (
        "Scaling notes\n\nContents\n\n1. Hardware\n2. Power\n3. Cost\n\n"
        "Hardware\n\nEach of the 4,096 GPUs peaks at 989 TFLOP/s of dense BF16 in this setup.\n\n"
        "Power\n\nAt 700 W each, the chips draw about 2.9 MW before cooling is counted.\n\n"
        "Cost\n\nRenting them at $2.50 per GPU-hour costs about $7.4M for a month of use.\n"
    )
    document = read_text(text)
    assert document.shape == "text"
    assert document.children == []
    assert document.title == "Scaling notes"


def test_repeated_code_or_table_lines_do_not_cut_the_article() -> None:
    body = "\n".join(f"Paragraph {n} about a 2 MW hall and its 3,000 GPUs." for n in range(12))
    code_and_table = "    }\n\n    }\n\nrow\t1\t2\nrow\t1\t2"
    text = f"Title\n\n{body}\n\n{code_and_table}\n\nClosing line with 5 GW.\n"
    document = read_text(text)
    assert document.text.endswith("Closing line with 5 GW.")
