"""Every kind of bad file gets one clear line and leaves the other inputs alone."""

from __future__ import annotations

import os
from pathlib import Path

from ingest import Document, InputFailure, ReadOptions, read_inputs

ARTICLE = "A training run\n\nThe run used 4,096 H100 GPUs for 30 days, about 2.9e24 FLOP.\n"


def _failure_for(path: Path, options: ReadOptions | None = None) -> InputFailure:
    results = list(read_inputs([str(path)], options=options))
    assert len(results) == 1, results
    failure = results[0]
    assert isinstance(failure, InputFailure), failure
    assert failure.input == str(path)
    assert "\n" not in failure.reason
    return failure


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _failure_for(path).reason == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text("\n\n   \n", encoding="utf-8")
    assert "whitespace" in _failure_for(path).reason


def test_binary_file_is_named_as_binary(tmp_path: Path) -> None:
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(512))
    assert "PNG" in _failure_for(png).reason
    noise = tmp_path / "noise.bin"
    noise.write_bytes(b"\x00\x01\x02\x03" * 64 + os.urandom(256))
    assert "binary" in _failure_for(noise).reason


def test_file_over_the_size_cap_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 200 MB on paper, no blocks on disk
        handle.truncate(200 * 1024 * 1024)
    failure = _failure_for(path)
    assert "209.7 MB" in failure.reason and "limit" in failure.reason
    small_cap = tmp_path / "article.txt"
    small_cap.write_text(ARTICLE * 10, encoding="utf-8")
    assert "limit" in _failure_for(small_cap, ReadOptions(max_bytes=100)).reason


def test_invalid_byte_sequences_fail_when_many(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    assert (
        "invalid byte sequences" in _failure_for(path).reason
        or "binary" in _failure_for(path).reason
    )


def test_a_few_invalid_bytes_are_replaced_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    text = (ARTICLE * 60).encode("utf-8") + "算力".encode()[:-1]  # cut mid-character
    path.write_bytes(text)
    (document,) = list(read_inputs([str(path)]))
    assert isinstance(document, Document)
    assert document.metadata["decode_replacements"] == 1
    assert document.text.endswith("\ufffd")


def test_malformed_and_truncated_html_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    path = tmp_path / "cut.html"
    path.write_text(
        "<html><head><title>Power budget</title></head><body><article><p>The hall draws "
        "150 MW for 100,000 GPUs.<p>Unclosed <b>bold <i>and <div>nested</span> text about "
        "$4 billion of capex</article></div><p>Trailing para that never clo",
        encoding="utf-8",
    )
    (document,) = list(read_inputs([str(path)]))
    assert isinstance(document, Document)
    assert document.title == "Power budget"
    assert "150 MW for 100,000 GPUs" in document.text
    assert "$4 billion" in document.text


def test_html_without_any_text_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "shell.html"
    path.write_text("<html><body><script>app()</script><nav>Home</nav></body></html>")
    assert "no article text" in _failure_for(path).reason


def test_feed_file_that_is_not_xml(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text('{"items": [1, 2, 3]} definitely not a feed', encoding="utf-8")
    assert "not a valid RSS/Atom feed" in _failure_for(path).reason


def test_missing_path() -> None:
    (failure,) = list(read_inputs(["/no/such/file.txt"]))
    assert isinstance(failure, InputFailure)
    assert failure.reason == "no such file or directory"


def test_bad_inputs_do_not_stop_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x7fELF" + bytes(100))
    results = list(read_inputs([str(tmp_path), "/no/such/dir"]))
    kinds = [type(result).__name__ for result in results]
    assert kinds == ["InputFailure", "Document", "InputFailure", "InputFailure"]


def test_read_options_are_validated() -> None:
    import pytest

    with pytest.raises(ValueError, match="max_bytes"):
        ReadOptions(max_bytes=0)
    with pytest.raises(ValueError, match="timeout"):
        ReadOptions(timeout=0)
    with pytest.raises(ValueError, match="max_redirects"):
        ReadOptions(max_redirects=-1)
