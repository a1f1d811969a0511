"""Plain text as scrapers save it: a site/date header, template paths, a title line, bylines,
a "Published on" line, the article, then footers (contact boxes, tag lists, comment widgets).

The title is the first line left after the header chrome when it reads like a title (short, not
ending in sentence punctuation); otherwise the first sentence stands in for it and
``metadata["title_from"]`` says so.
"""

from __future__ import annotations

import re
from datetime import datetime

from ingest.article import Article, parse_byline
from ingest.dates import parse_date
from ingest.page_chrome import strip_chrome
from ingest.readers.inline_html import has_inline_html, inline_html_to_text
from ingest.text_cleanup import tidy_text

#: "SiteName 05月01日 21:57" or "SiteName 2025-05-01 21:57" heading a scraped page.
_SITE_DATE_HEADER = re.compile(
    r"(.{1,24}?)\s+(?:\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:\s+\d{1,2}:\d{2})?"
)
_PUBLISHED = re.compile(
    r"(?:published|posted|updated)(?:\s+on)?\s*[:：]?\s+(.{6,60})"
    r"|(?:发布|發佈|發布|发表|發表)(?:时间|時間|日期|于|於)?\s*[:：]?\s*(.{6,40})"
    r"|(?:日期|date)\s*[:：]\s*(.{6,40})",
    re.I,
)
_MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]\n]{0,200})\]\(([^)\s]*)\)")
_FOOTNOTE_BACKLINK = re.compile(r"\s*↩\ufe0e?\ufe0f?")
_SENTENCE_END = re.compile(r"[。；;，,：:.…]$")
_FIRST_SENTENCE = re.compile(r"^(.{4,80}?)(?:[。！？!?]|\.\s|$)")

#: How many lines from the top may hold header chrome before the title.
HEADER_LINES = 6
#: How many lines from either end are searched for bylines and "Published on" lines.
EDGE_LINES = 12
MAX_TITLE_CHARS = 150


def read_plain_text(text: str) -> Article:
    """Article text without site chrome, with title, author, date and links pulled out."""
    metadata: dict[str, object] = {}
    links: list[str] = []
    if has_inline_html(text):  # stray <br>, <a>, &amp; in a scrape: text, with targets kept
        converted = inline_html_to_text(text)
        text = converted.text
        links.extend(converted.links)
    lines = tidy_text(text).split("\n")
    lines = _take_header(lines, metadata)
    chrome = strip_chrome(lines)
    lines = chrome.lines
    if chrome.tags:
        metadata["tags"] = chrome.tags
    if chrome.removed:
        metadata["chrome_lines_removed"] = chrome.removed
    author, published = _take_edge_metadata(lines, metadata)
    body = _FOOTNOTE_BACKLINK.sub("", "\n".join(lines))

    def keep_link_text(match: re.Match[str]) -> str:
        if match.group(2) and not match.group(2).startswith("#"):
            links.append(match.group(2))
        return match.group(1)

    body = tidy_text(_MARKDOWN_LINK.sub(keep_link_text, body))
    if links:
        metadata["links"] = links
    title = _title(body, metadata)
    return Article(body, title=title, author=author, published=published, metadata=metadata)


def _take_header(lines: list[str], metadata: dict[str, object]) -> list[str]:
    """Drop a leading site/date line, recording the site name."""
    for index, line in enumerate(lines[:HEADER_LINES]):
        stripped = line.strip()
        if not stripped:
            continue
        match = _SITE_DATE_HEADER.fullmatch(stripped)
        if match:
            metadata["site"] = match.group(1)
            return lines[:index] + lines[index + 1 :]
        break
    return lines


def _take_edge_metadata(
    lines: list[str], metadata: dict[str, object]
) -> tuple[str | None, datetime | None]:
    """Remove bylines and "Published on" lines near either end; return (author, published)."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(content[:EDGE_LINES]) | set(content[-EDGE_LINES:])
    roles: dict[str, str] = {}
    published: datetime | None = None
    drop: set[int] = set()
    for index in sorted(edges):
        stripped = lines[index].strip()
        byline = parse_byline(stripped)
        if byline is not None and byline[0] not in roles:
            roles[byline[0]] = byline[1]
            drop.add(index)
            continue
        match = _PUBLISHED.fullmatch(stripped)
        if match and published is None:
            found = parse_date(next(group for group in match.groups() if group))
            if found is not None:
                published = found
                drop.add(index)
    lines[:] = [line for i, line in enumerate(lines) if i not in drop]
    for role, name in roles.items():
        if role != "author":
            metadata[role] = name
    return roles.get("author") or roles.get("editor"), published


def _title(body: str, metadata: dict[str, object]) -> str | None:
    for line in body.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) <= MAX_TITLE_CHARS and not _SENTENCE_END.search(stripped):
            return stripped.lstrip("#").strip()
        match = _FIRST_SENTENCE.match(stripped)
        metadata["title_from"] = "first_sentence"
        return match.group(1).strip() if match else stripped[:80]
    return None
