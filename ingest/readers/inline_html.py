"""HTML fragments inside Markdown or plain text (saved social-media posts) -> text + links.

A regex pass, not a parser: the fragments are flat (``<br>``, ``<a>``, ``<span>``, ``<img>``)
and this keeps a 10 KB post well under a millisecond. Only known tag names are touched, so
"< 2 秒" or ``<http://...>`` autolinks in prose survive.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

_TAG_NAMES = (
    "a|abbr|b|blockquote|br|code|div|em|h[1-6]|hr|i|img|li|ol|p|pre|s|small|span|strong|sub|sup"
    "|table|tbody|td|th|thead|tr|u|ul|font|section|article|figure|figcaption|video|source|iframe"
)
_TAG = re.compile(rf"<(/?)({_TAG_NAMES})\b((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)/?>", re.I)
_HREF = re.compile(r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_BLOCK = {
    "br",
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "section",
    "article",
    "figure",
    "table",
    "ul",
    "ol",
}
_HAS_TAG = re.compile(rf"<(?:{_TAG_NAMES})\b|&[#\w]+;", re.I)


@dataclass(slots=True)
class InlineHtml:
    text: str
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)


def has_inline_html(text: str) -> bool:
    return _HAS_TAG.search(text) is not None


def unwrap_redirect(url: str) -> str:
    """``https://site/redirect?u=https%3A...`` -> the wrapped target (link shorteners)."""
    query = parse_qs(urlsplit(url).query)
    for values in query.values():
        for value in values:
            if value.startswith(("http://", "https://")):
                return value
    return url


def inline_html_to_text(fragment: str) -> InlineHtml:
    """Block tags become newlines, other tags vanish, entities are decoded; targets recorded."""
    links: list[str] = []
    images: list[str] = []

    def replace(match: re.Match[str]) -> str:
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if not closing:
            for attribute in _HREF.finditer(attributes):
                target = html.unescape(next(g for g in attribute.groups()[1:] if g is not None))
                if attribute.group(1).lower() == "href":
                    links.append(unwrap_redirect(target))
                elif name == "img":
                    images.append(target)
        return "\n" if name in _BLOCK and (name == "br" or closing or name == "hr") else ""

    text = html.unescape(_TAG.sub(replace, fragment)).replace("\u00a0", " ")
    return InlineHtml(text, links, images)
