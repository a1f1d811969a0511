"""One reader per shape of article, registered by name and imported only when used.

Each reader is ``read(text: str) -> Article`` (pure: no files, no network). `sniff_shape`
picks one from a file name and the text; a reader that finds its shape missing (an "anthology"
without a usable table of contents) falls back to ``text``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.article import Article

#: shape name -> "module:function"; add a shape here to register a reader.
READERS: dict[str, str] = {
    "markdown": "ingest.readers.markdown_post:read_markdown_post",
    "anthology": "ingest.readers.anthology:read_anthology",
    "html": "ingest.readers.html_page:read_html_page",
    "text": "ingest.readers.plain_text:read_plain_text",
}

_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main|section|div|p|h1)\b",
    re.I | re.S,
)
_FEED_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)
_MARKDOWN_SIGNS = re.compile(r"^(?:#{1,6} \S|\*\*[^*\n]{1,30}\*\*\s*[:：])", re.M)
_TOC_MARKER = re.compile(r"^\s*(?:目\s*录|目\s*錄|contents|table of contents)\s*$", re.I | re.M)

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}


def reader_for(shape: str) -> Callable[[str], Article]:
    module_name, _, function_name = READERS[shape].partition(":")
    reader: Callable[[str], Article] = getattr(importlib.import_module(module_name), function_name)
    return reader


def looks_like_feed(text: str) -> bool:
    return _FEED_START.match(text[:2048]) is not None


def looks_like_html(text: str) -> bool:
    return _HTML_START.match(text[:4096]) is not None


def looks_like_markdown(text: str) -> bool:
    """A ``#`` heading, a ``**Key**:`` field or front matter near the top."""
    head = text[:20000]
    return head.startswith("---\n") or _MARKDOWN_SIGNS.search(head) is not None


def sniff_shape(name: str, text: str) -> str:
    """The reader for a file called ``name`` holding ``text`` ("feed" for RSS/Atom)."""
    suffix = name[name.rfind(".") :].lower() if "." in name.rsplit("/", 1)[-1] else ""
    if suffix in FEED_SUFFIXES or looks_like_feed(text):
        return "feed"
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return "html"
    head = text[:20000]
    if _TOC_MARKER.search(head):
        return "anthology"
    if suffix in MARKDOWN_SUFFIXES or looks_like_markdown(head):
        return "markdown"
    return "text"
