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

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, not {self.max_bytes}")
        if not self.timeout > 0:
            raise ValueError(f"timeout must be more than 0 seconds, not {self.timeout}")
        if self.max_redirects < 0:
            raise ValueError(f"max_redirects must be 0 or more, not {self.max_redirects}")


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
