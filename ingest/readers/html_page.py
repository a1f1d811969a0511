"""HTML pages (and HTML entry content from feeds) -> main article text with beautifulsoup4.

Main content is ``<article>``, else ``<main>`` / ``[role=main]``, else the element holding the
most paragraph text; scripts, styles, comments, navigation, headers, footers, asides and forms
are dropped. Title, author, date and canonical URL come from meta tags when present
(OpenGraph, article:*, Dublin Core, ``<time>``), else from ``<title>``/``<h1>``. Table cells are
joined with tabs, like PDF-extracted tables. Malformed or truncated HTML is read as far as it
goes (Python's html.parser is lenient).
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Comment, Tag

from ingest.article import Article
from ingest.dates import parse_date
from ingest.readers.inline_html import unwrap_redirect
from ingest.text_cleanup import tidy_text

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "object",
    "embed",
)
_DROP_SET = frozenset(_DROP_TAGS)
#: Elements whose first occurrence the page walk remembers.
_FIRST_OF = frozenset({"title", "h1", "article", "main", "time", "html"})
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
}
_CHROME_HINTS = (
    "comment",
    "share",
    "related",
    "sidebar",
    "breadcrumb",
    "newsletter",
    "cookie",
    "advert",
    "promo",
    "subscribe",
    "social",
    "footer",
    "navbar",
    "menu",
)
_TITLE_META = ("og:title", "twitter:title", "dc.title", "title")
_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "parsely-author",
    "twitter:creator",
)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "parsely-pub-date",
    "sailthru.date",
    "article:modified_time",
)


def read_html_page(text: str) -> Article:
    """Article text and meta-tag metadata of an HTML page or fragment."""
    soup = BeautifulSoup(text, "html.parser")
    # one walk collects everything; removal comes after it (decomposing mid-walk skips nodes)
    meta: dict[str, str] = {}
    firsts: dict[str, Tag] = {}
    doomed: list[Tag] = []
    comments: list[Comment] = []
    for node in soup.descendants:
        if isinstance(node, Tag):
            name = node.name
            if name == "meta":
                _collect_meta(node, meta)
            elif name in _FIRST_OF and name not in firsts:
                if name != "time" or node.get("datetime"):
                    firsts[name] = node
            if node.attrs:
                if node.attrs.get("role") == "main" and "role=main" not in firsts:
                    firsts["role=main"] = node
                if name == "link" and "canonical" in (node.get("rel") or []) and node.get("href"):
                    firsts.setdefault("canonical", node)
                if name not in _DROP_SET and _looks_like_chrome(node):
                    doomed.append(node)
            if name in _DROP_SET:
                doomed.append(node)
        elif isinstance(node, Comment):
            comments.append(node)
    first_heading = _text_of(firsts.get("h1"))
    title = (
        _first(meta, _TITLE_META)
        or first_heading
        or _without_site_name(_text_of(firsts.get("title")))
    )
    published_text = _first(meta, _DATE_META)
    if published_text is None and "time" in firsts:
        published_text = str(firsts["time"]["datetime"])
    html_tag = firsts.get("html")
    declared_language = str(html_tag["lang"]) if html_tag and html_tag.get("lang") else None
    canonical = str(firsts["canonical"]["href"]) if "canonical" in firsts else None
    for comment in comments:
        comment.extract()
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()
    main = _main_content(soup, firsts)
    links = [
        unwrap_redirect(str(a["href"]))
        for a in main.find_all("a", href=True)
        if isinstance(a, Tag) and str(a["href"]).startswith(("http://", "https://"))
    ]
    body = tidy_text(_block_text(main))
    if title and body and not body.startswith(title):
        body = f"{title}\n\n{body}"
    metadata: dict[str, Any] = {}
    if links:
        metadata["links"] = list(dict.fromkeys(links))
    keywords = _first(meta, ("keywords", "news_keywords"))
    if keywords:
        metadata["tags"] = [word.strip() for word in keywords.split(",") if word.strip()]
    description = _first(meta, ("description", "og:description"))
    if description:
        metadata["description"] = description
    if declared_language:
        metadata["declared_language"] = declared_language
    return Article(
        body,
        title=title,
        author=_first(meta, _AUTHOR_META),
        url=_first(meta, ("og:url",)) or canonical,
        published=parse_date(published_text) if published_text else None,
        metadata=metadata,
    )


_SITE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*[|｜]\s*|_(?=[^_\s]{2,20}$)")


def _without_site_name(title: str | None) -> str | None:
    """ "Headline | Site" or "Headline - Site" -> "Headline" (the longest part wins)."""
    if not title:
        return None
    parts = [part for part in _SITE_SEPARATOR.split(title) if part.strip()]
    if len(parts) < 2:
        return title
    return max(parts, key=len).strip()


def _collect_meta(tag: Tag, found: dict[str, str]) -> None:
    key = tag.get("property") or tag.get("name") or tag.get("itemprop")
    content = tag.get("content")
    if key and content and str(content).strip():
        found.setdefault(str(key).strip().lower(), str(content).strip())


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key]
    return None


def _text_of(tag: Any) -> str | None:
    if not isinstance(tag, Tag):
        return None
    text = " ".join(tag.get_text(" ").split())
    return text or None


def _looks_like_chrome(tag: Tag) -> bool:
    if tag.name in {"html", "body", "article", "main"}:
        return False
    classes = tag.attrs.get("class")
    identifier = tag.attrs.get("id")
    if not classes and not identifier:
        return False
    marks = " ".join([str(identifier or ""), *[str(c) for c in classes or []]]).lower()
    return bool(marks) and any(hint in marks for hint in _CHROME_HINTS)


def _main_content(soup: BeautifulSoup, firsts: dict[str, Tag]) -> Tag:
    for key in ("article", "main", "role=main"):
        candidate = firsts.get(key)
        if candidate is not None and not candidate.decomposed:
            if len(candidate.get_text()) > 80 and len(candidate.get_text(strip=True)) > 80:
                return candidate
    best: Tag | None = None
    best_score = 0
    for container in soup.find_all(["div", "section", "td"]):
        if not isinstance(container, Tag):
            continue
        score = sum(len(p.get_text(strip=True)) for p in container.find_all("p", recursive=False))
        if score > best_score:
            best, best_score = container, score
    if best is not None and best_score > 200:
        return best
    body = soup.find("body")
    return body if isinstance(body, Tag) else soup


def _block_text(root: Tag) -> str:
    """Text with line breaks where blocks end, tabs between table cells."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                name = child.name
                if name == "br":
                    parts.append("\n")
                    continue
                if name in {"td", "th"}:
                    walk(child)
                    parts.append("\t")
                    continue
                if name == "pre":
                    parts.append("\n" + child.get_text() + "\n")
                    continue
                block = name in _BLOCK_TAGS
                if block and name != "tr":
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append(
                        "\n\n" if name in {"p", "h1", "h2", "h3", "h4", "h5", "h6"} else "\n"
                    )
            else:
                parts.append(
                    " ".join(str(child).split(" "))
                    if "\n" not in str(child)
                    else " ".join(str(child).split())
                )

    walk(root)
    text = "".join(parts)
    lines = [
        " ".join(line.split())
        if "\t" not in line
        else "\t".join(" ".join(cell.split()) for cell in line.strip("\t").split("\t"))
        for line in text.split("\n")
    ]
    return "\n".join(lines)
