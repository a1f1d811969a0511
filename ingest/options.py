"""Limits for reading inputs, and the per-URL memory that makes scheduled runs cheap."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

#: 20 MB: far above any article, low enough that a runaway download cannot fill memory.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How much and how long to read.

    ``max_bytes`` caps a file's size and a download's body (the download stops as soon as it
    passes the cap); ``timeout`` is in seconds, for connecting, for each read and for a whole
    download; ``max_redirects`` caps redirects followed per URL.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0
    max_redirects: int = 5
    user_agent: str = "claimkb/0.1 (claim-tracking knowledge base; +https://example.org/claimkb)"


@runtime_checkable
class UrlCache(Protocol):
    """Validators remembered per URL, for conditional GET (the knowledge base implements it).

    ``get`` returns ``(etag, last_modified)`` as last stored, or None for a URL never fetched.
    ``put`` is called after a successful 200 with the response's validators and the sha256 of
    its body.
    """

    def get(self, url: str) -> tuple[str | None, str | None] | None: ...

    def put(
        self, url: str, etag: str | None, last_modified: str | None, content_hash: str
    ) -> None: ...
