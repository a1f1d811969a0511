"""RSS/Atom feeds with feedparser: the entries, each with its link and any full text it carries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ingest.errors import ReadError

#: An entry whose <content> (content:encoded, Atom content) has at least this many characters
#: of text, or clearly more than its summary, carries the article; otherwise it is a teaser
#: and the linked page is fetched.
MIN_CONTENT_CHARS = 200
#: A <description>/<summary> alone counts as the full article only when this long.
MIN_SUMMARY_CHARS = 1000

_TAG = re.compile(r"<[^>]+>")


@dataclass(slots=True)
class FeedEntry:
    """One entry: ``full_html`` is set when the entry carries the whole article."""

    link: str | None
    entry_id: str | None
    title: str | None
    author: str | None
    published: datetime | None
    full_html: str | None
    summary_html: str | None
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Feed:
    title: str | None
    link: str | None
    entries: list[FeedEntry]


def parse_feed(raw: bytes, base_url: str | None = None) -> Feed:
    """Parse RSS/Atom bytes; raise ReadError when they are not a feed. Relative entry links
    are resolved against ``base_url`` (the feed's own URL)."""
    import feedparser  # type: ignore[import-untyped]  # lazily: slow import, only feeds need it

    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(raw, response_headers=headers)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = str(reason).splitlines()[0] if reason else "no <rss> or <feed> element"
        raise ReadError(f"not a valid RSS/Atom feed: {detail}")
    feed_info: Any = parsed.feed
    return Feed(
        title=feed_info.get("title"),
        link=feed_info.get("link"),
        entries=[_entry(entry) for entry in parsed.entries],
    )


def _entry(entry: Any) -> FeedEntry:
    contents = entry.get("content") or []
    summary = entry.get("summary")
    summary_chars = len(_TAG.sub("", summary or "").strip())
    full_html = None
    for content in contents:
        value = content.get("value") or ""
        chars = len(_TAG.sub("", value).strip())
        if chars >= MIN_CONTENT_CHARS or (chars >= 80 and chars >= 1.5 * summary_chars):
            full_html = value
            break
    if full_html is None and summary and len(_TAG.sub("", summary).strip()) >= MIN_SUMMARY_CHARS:
        full_html = summary
    published_struct = entry.get("published_parsed") or entry.get("updated_parsed")
    published = None
    if published_struct:
        year, month, day, hour, minute, second = published_struct[:6]
        published = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    return FeedEntry(
        link=entry.get("link"),
        entry_id=entry.get("id"),
        title=entry.get("title"),
        author=entry.get("author"),
        published=published,
        full_html=full_html,
        summary_html=summary,
        tags=[tag.get("term") for tag in entry.get("tags", []) if tag.get("term")],
    )
