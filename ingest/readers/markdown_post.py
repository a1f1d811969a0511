"""Markdown as read-it-later and clipping tools save posts: a ``#`` title, a ``**URL**:`` line,
``##`` sections (original text, AI summary, metadata list) and raw HTML from the source site.

Title, URL and dates come from the file; ``- **key**: value`` lines of a metadata section go to
``metadata`` (and that section leaves the text); HTML becomes text with link targets kept in
``metadata["links"]`` and images in ``metadata["images"]``.
"""

from __future__ import annotations

import re

from ingest.article import Article
from ingest.dates import parse_date
from ingest.readers.inline_html import has_inline_html, inline_html_to_text
from ingest.text_cleanup import tidy_text

_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$")
_FIELD = re.compile(r"^\s*(?:[-*]\s+)?\*\*([^*\n]{1,30})\*\*\s*[:：]\s*(.*?)\s*$")
_MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]\n]{0,200})\]\(([^)\s]*)\)")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\(([^)\s]*)\)")
_EMPHASIS = re.compile(r"\*\*([^*\n]+)\*\*")

#: Section headings whose list is metadata about the post, not its text.
METADATA_SECTIONS = {"元数据", "元數據", "metadata", "meta", "属性", "屬性", "properties"}
_KEY_ROLES = {
    "url": "url",
    "链接": "url",
    "鏈接": "url",
    "原文链接": "url",
    "原文鏈接": "url",
    "link": "url",
    "source url": "url",
    "作者": "author",
    "author": "author",
    "保存时间": "published",
    "保存時間": "published",
    "发布时间": "published",
    "發佈時間": "published",
    "发表时间": "published",
    "published": "published",
    "date": "published",
    "日期": "published",
    "title": "title",
    "标题": "title",
    "標題": "title",
}


_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w -]{0,30}):\s*(.*?)\s*$")
#: Front-matter keys (Jekyll, Hugo, Obsidian, clipping tools) and what they mean here.
_FRONT_MATTER_ROLES = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "date": "published",
    "published": "published",
    "created": "published",
    "url": "url",
    "link": "url",
    "source": "url",
    "tags": "tags",
    "categories": "tags",
    "keywords": "tags",
}
MAX_FRONT_MATTER_LINES = 60


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---``-fenced ``key: value`` lines at the top (simple YAML), and the text after them."""
    if not text.startswith("---\n"):
        return {}, text
    lines = text.split("\n")
    for index in range(1, min(len(lines), MAX_FRONT_MATTER_LINES)):
        if lines[index].strip() in {"---", "..."}:
            fields: dict[str, str] = {}
            for line in lines[1:index]:
                match = _FRONT_MATTER_LINE.match(line)
                if match:
                    fields[match.group(1).strip().lower()] = match.group(2).strip().strip("\"'")
            return fields, "\n".join(lines[index + 1 :])
    return {}, text


def _apply_front_matter(article: Article, fields: dict[str, str]) -> None:
    for key, value in fields.items():
        role = _FRONT_MATTER_ROLES.get(key)
        if not value or role is None:
            continue
        if role == "title":
            article.title = value
        elif role == "author" and article.author is None:
            article.author = value.strip("[]").split(",")[0].strip().strip("\"'")
        elif role == "published" and article.published is None:
            article.published = parse_date(value)
        elif role == "url" and article.url is None and value.startswith(("http://", "https://")):
            article.url = value
        elif role == "tags":
            tags = [tag.strip().strip("\"'") for tag in value.strip("[]").split(",")]
            article.metadata["tags"] = [tag for tag in tags if tag]
    article.metadata["front_matter"] = fields


def read_markdown_post(text: str) -> Article:
    """The post's text (title first, sections in order, metadata section removed)."""
    front_matter, text = _front_matter(text.replace("\r\n", "\n"))
    article = _read_post(text)
    if front_matter:
        _apply_front_matter(article, front_matter)
        if article.title and not article.text.startswith(article.title):
            article.text = f"{article.title}\n\n{article.text}"
    return article


def _read_post(text: str) -> Article:
    metadata: dict[str, object] = {}
    fields: dict[str, str] = {}
    links: list[str] = []
    images: list[str] = []
    title: str | None = None
    kept: list[str] = []
    in_metadata_section = False
    for line in text.replace("\r\n", "\n").split("\n"):
        heading = _HEADING.match(line)
        if heading:
            name = heading.group(2).strip()
            if title is None and len(heading.group(1)) == 1:
                title = name
                kept.append(name)
                continue
            in_metadata_section = name.lower() in METADATA_SECTIONS
            if not in_metadata_section:
                kept.append(name)
            continue
        field = _FIELD.match(line)
        if field:
            key, value = field.group(1).strip(), field.group(2).strip()
            if in_metadata_section or key.lower() in _KEY_ROLES:
                fields[key] = value
                continue
        if in_metadata_section:
            continue
        kept.append(line)
    body = "\n".join(kept)

    def drop_image(match: re.Match[str]) -> str:
        images.append(match.group(1))
        return ""

    def keep_link_text(match: re.Match[str]) -> str:
        links.append(match.group(2))
        return match.group(1)

    body = _MARKDOWN_IMAGE.sub(drop_image, body)
    body = _MARKDOWN_LINK.sub(keep_link_text, body)
    body = _EMPHASIS.sub(r"\1", body)
    if has_inline_html(body):
        converted = inline_html_to_text(body)
        body = converted.text
        links.extend(converted.links)
        images.extend(converted.images)
    if title is not None and has_inline_html(title):
        title = inline_html_to_text(title).text.strip()
    article = Article(tidy_text(body), title=title, metadata=metadata)
    for key, value in fields.items():
        role = _KEY_ROLES.get(key.lower())
        if role == "url" and article.url is None:
            article.url = value.strip("<>")
        elif role == "author" and article.author is None:
            article.author = value
        elif role == "published" and article.published is None:
            article.published = parse_date(value)
        elif role == "title" and not article.title:
            article.title = value
    if fields:
        metadata["fields"] = fields
    if links:
        metadata["links"] = list(dict.fromkeys(links))
    if images:
        metadata["images"] = list(dict.fromkeys(images))
    return article
