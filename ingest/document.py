"""The document record readers return and the knowledge base stores as a source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class Document:
    """One article as read: ``text`` is the cleaned text that claim spans point into.

    An anthology file is one Document whose ``children`` are its articles; the parent's
    ``text`` is the whole cleaned file, each child's ``text`` its own article.
    ``raw_hash`` is the sha256 (hex) of the raw bytes for a top-level document, and of the
    parent hash plus the child's text for a child, so that re-ingesting is a no-op.
    """

    text: str
    origin: str
    raw_hash: str
    language: str = "und"
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: datetime | None = None
    fetched: datetime | None = None
    shape: str = "text"
    metadata: dict[str, Any] = field(default_factory=dict)
    children: list[Document] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not be read; ``reason`` is one line for the editor."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A URL whose server answered 304 Not Modified to a conditional GET: nothing to store."""

    input: str

    def __str__(self) -> str:
        return f"{self.input}: unchanged (304 Not Modified)"
