"""Which URLs ingestion accepts (kept apart from the fetcher so checking needs no httpx)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ingest.errors import ReadError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(value: str) -> bool:
    """True for anything written as ``scheme://...`` (checked further by `check_url`)."""
    return _URL.match(value) is not None


def check_url(url: str) -> None:
    """Only absolute http and https URLs; anything else is a ReadError."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise ReadError(f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    if not parts.hostname:
        raise ReadError("URL has no host")
