"""Placeholder: replaced below."""

from __future__ import annotations

from ingest.article import Article
from ingest.readers.plain_text import read_plain_text


def read_anthology(text: str) -> Article:
    return read_plain_text(text)
