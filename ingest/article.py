"""What a reader returns before it becomes a Document: text and what the text says about itself.

Readers are pure (text in, Article out); `ingest.inputs` adds origin, hashes, language and the
fetch time, so every reader gets those right the same way.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ingest.document import Document
from ingest.language import detect_language

_BYLINE_CJK = re.compile(
    r"(作者|编辑|編輯|责编|責編|责任编辑|責任編輯|撰文|文|编译|編譯|翻译|翻譯|来源|來源)\s*[|｜:：/]\s*(\S.{0,39})"
)
_BYLINE_EN = re.compile(r"(by|author|written by|editor|posted by)\s*[:：]?\s+(\S.{0,39})", re.I)
_ROLE_KEYS = {
    "作者": "author",
    "撰文": "author",
    "文": "author",
    "by": "author",
    "author": "author",
    "written by": "author",
    "posted by": "author",
    "编辑": "editor",
    "編輯": "editor",
    "责编": "editor",
    "責編": "editor",
    "责任编辑": "editor",
    "責任編輯": "editor",
    "editor": "editor",
    "编译": "translator",
    "編譯": "translator",
    "翻译": "translator",
    "翻譯": "translator",
    "来源": "source",
    "來源": "source",
}


@dataclass(slots=True)
class Article:
    """One article's cleaned text and metadata, as a reader found them."""

    text: str
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: datetime | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    children: list[Article] = field(default_factory=list)


def parse_byline(line: str) -> tuple[str, str] | None:
    """("author" | "editor" | "translator" | "source", name) for a byline such as 编辑|冷猫."""
    stripped = line.strip()
    match = _BYLINE_CJK.fullmatch(stripped) or _BYLINE_EN.fullmatch(stripped)
    if match is None:
        return None
    name = match.group(2).strip()
    if re.search(r"[。！？!?；;]|https?://", name) or len(name.split()) > 5:
        return None
    return _ROLE_KEYS[match.group(1).lower()], name


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_document(
    article: Article,
    *,
    origin: str,
    raw_hash: str,
    shape: str,
    fetched: datetime | None,
) -> Document:
    """The Document for ``article``; children get hashes derived from the parent's."""
    children = [
        build_document(
            child,
            origin=origin,
            raw_hash=sha256_hex((raw_hash + child.text).encode("utf-8")),
            shape=shape,
            fetched=fetched,
        )
        for child in article.children
    ]
    return Document(
        text=article.text,
        origin=origin,
        raw_hash=raw_hash,
        language=detect_language(article.text),
        title=article.title,
        author=article.author,
        url=article.url,
        published=article.published,
        fetched=fetched,
        shape=shape,
        metadata=article.metadata,
        children=children,
    )
