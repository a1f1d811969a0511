"""Encodings are detected and stored as Unicode; control characters never reach storage."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import Document, read_inputs
from ingest.encoding import decode_bytes
from ingest.errors import ReadError
from ingest.text_cleanup import strip_control_characters, tidy_text

SIMPLIFIED = (
    "训练集群的规模\n\n据报道，这个集群使用了两万张 H100 加速卡，总功耗约为 14 兆瓦。"
    "按照每卡每小时 3 美元计算，训练九十天的租用费用大约是 1.3 亿美元。"
    "这些数字来自公开的财报和采访，仍需核实。\n"
)
TRADITIONAL = (
    "訓練集群的規模\n\n據報導，這個集群使用了兩萬張 H100 加速卡，總功耗約為 14 兆瓦。"
    "按照每卡每小時 3 美元計算，訓練九十天的租用費用大約是 1.3 億美元。"
    "這些數字來自公開的財報和採訪，仍需核實。\n"
)


def _read(path: Path) -> Document:
    (document,) = list(read_inputs([str(path)]))
    assert isinstance(document, Document), document
    return document


@pytest.mark.parametrize(
    ("encoding", "text", "language"),
    [
        ("utf-8", SIMPLIFIED, "zh-Hans"),
        ("utf-8-sig", SIMPLIFIED, "zh-Hans"),
        ("utf-16", TRADITIONAL, "zh-Hant"),
        ("utf-16-le", SIMPLIFIED, "zh-Hans"),
        ("gbk", SIMPLIFIED, "zh-Hans"),
        ("gb18030", SIMPLIFIED, "zh-Hans"),
        ("big5", TRADITIONAL, "zh-Hant"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, text: str, language: str) -> None:
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    document = _read(path)
    assert document.text == tidy_text(text)
    assert document.language == language
    assert document.title == text.split("\n", 1)[0]
    assert "\ufeff" not in document.text


def test_declared_charset_is_tried_before_guessing() -> None:
    decoded = decode_bytes(SIMPLIFIED.encode("gbk"), declared="GB2312")
    assert decoded.text == SIMPLIFIED
    assert decoded.encoding == "gb18030"


def test_utf16_without_bom_english() -> None:
    text = "The cluster has 8,192 GPUs and draws 12 MW.\n" * 5
    assert decode_bytes(text.encode("utf-16-le")).text == text


def test_empty_bytes_are_an_error() -> None:
    with pytest.raises(ReadError, match="empty"):
        decode_bytes(b"")


def test_terminal_escapes_and_control_characters_are_stripped() -> None:
    raw = "Title\r\n\x1b[31mRed\x1b[0m 5\x00 GW\x07 and \x1b]0;window title\x07tabs\tkept\x0c\r\n"
    assert strip_control_characters(raw) == "Title\nRed 5 GW and tabs\tkept\n"
    assert tidy_text(raw) == "Title\nRed 5 GW and tabs\tkept"


def test_stored_text_has_no_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "escapes.txt"
    path.write_text("Heading\n\n\x1b[1mBold\x1b[0m claim: 3e25 FLOP\x08.\n", encoding="utf-8")
    document = _read(path)
    assert document.text == "Heading\n\nBold claim: 3e25 FLOP."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("算力成本很高。", "gbk"),
        ("H100 的功耗是 700 瓦", "gbk"),
        ("H100 的功耗是 700 瓦", "big5"),
        ("雲端租金行情", "big5"),
        ("Café prices: 3€ per GPU-hour — a naïve estimate", "cp1252"),
    ],
)
def test_short_legacy_texts_are_not_misread(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)).text == text
