"""Acceptance on the real seed articles (skipped when ../shared/seeds is absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest import Document, read_inputs

pytestmark = pytest.mark.seeds

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _documents(seeds_dir: Path) -> list[Document]:
    results = list(read_inputs([str(seeds_dir)]))
    assert all(isinstance(result, Document) for result in results), results
    return [result for result in results if isinstance(result, Document)]


def test_seeds_give_sixteen_sources_each_titled(seeds_dir: Path) -> None:
    documents = _documents(seeds_dir)
    sources = [d for doc in documents for d in (doc, *doc.children)]
    assert len(documents) == 5
    assert len(sources) == 16
    assert all(source.title for source in sources)
    anthologies = [doc for doc in documents if doc.children]
    assert len(anthologies) == 1
    assert len(anthologies[0].children) == 11


def test_each_anthology_child_has_title_author_and_is_a_slice_of_the_parent(
    seeds_dir: Path,
) -> None:
    (anthology,) = [doc for doc in _documents(seeds_dir) if doc.children]
    for child in anthology.children:
        assert child.author, child.title
        assert child.text.startswith(child.title or "")
        offset = child.metadata["parent_offset"]
        assert anthology.text[offset : offset + 200] == child.text[:200]
        assert child.raw_hash != anthology.raw_hash
    # titles differ between TOC and body; the body's heading is the title
    assert len({child.title for child in anthology.children}) == 11
    # footer contact box is not part of the last article
    assert not EMAIL.search(anthology.children[-1].text)


def test_seed_metadata_comes_from_the_files(seeds_dir: Path) -> None:
    by_shape: dict[str, list[Document]] = {}
    for doc in _documents(seeds_dir):
        by_shape.setdefault(doc.shape, []).append(doc)
    (post,) = by_shape["markdown"]
    assert post.url and post.url.startswith("https://")
    assert post.published is not None
    assert "<br>" not in post.text and "&lt;" not in post.text
    assert post.metadata["links"]
    languages = sorted(doc.language for doc in _documents(seeds_dir))
    assert languages == ["en", "zh-Hans", "zh-Hans", "zh-Hant", "zh-Hant"]


def test_scraped_page_chrome_is_not_article_text(seeds_dir: Path) -> None:
    english = [doc for doc in _documents(seeds_dir) if doc.language == "en"]
    (essay,) = english
    assert essay.published is not None
    assert ".html" not in essay.text.split("\n", 3)[1]
    assert not EMAIL.search(essay.text)  # contact box
    assert essay.metadata.get("tags")
    assert not essay.text.rstrip().endswith("Discuss")


def test_reading_seeds_twice_gives_the_same_hashes(seeds_dir: Path) -> None:
    first = [(d.raw_hash, [c.raw_hash for c in d.children]) for d in _documents(seeds_dir)]
    second = [(d.raw_hash, [c.raw_hash for c in d.children]) for d in _documents(seeds_dir)]
    assert first == second
