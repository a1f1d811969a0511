"""Fixtures for ingest tests: the local HTTP server, seed paths and tiny example files."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # so `tests.local_http` imports whatever the rootdir setup
    sys.path.insert(0, str(REPO_ROOT))

from tests.local_http import LocalHTTPServer  # noqa: E402

SEEDS = REPO_ROOT.parent / "shared" / "seeds"
EXAMPLES = REPO_ROOT / "examples" / "articles"


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A fresh server per test (routes differ between tests); slow route takes 5 s."""
    with LocalHTTPServer(slow_seconds=5.0) as server:
        yield server


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return SEEDS


class MemoryUrlCache:
    """A UrlCache in a dict, recording puts."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str | None, str | None, str]] = {}

    def get(self, url: str) -> tuple[str | None, str | None] | None:
        entry = self.entries.get(url)
        return None if entry is None else (entry[0], entry[1])

    def put(self, url: str, etag: str | None, last_modified: str | None, content_hash: str) -> None:
        self.entries[url] = (etag, last_modified, content_hash)


@pytest.fixture
def url_cache() -> MemoryUrlCache:
    return MemoryUrlCache()
