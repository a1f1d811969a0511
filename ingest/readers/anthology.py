"""PDF-extracted anthologies: front matter, a table of contents (目录 / Contents), then the
articles one after another. One parent Article (the whole text) with one child per article.

The table of contents drives the split: each entry ("一、Title.....Author", "3. Title ... 12",
"- Title") is matched to a short line of the body by normalised text (punctuation, spacing and
width ignored), exactly or fuzzily (converters and editors reword titles), in TOC order. A
title glued to its author ("Title!Author" without leader dots) matches the body heading as a
prefix and the rest becomes the author. With fewer than two entries found in the body, or when
most articles have no author (a single long article's own table of sections), the file is read
as Markdown or plain text.

Each child's text is an exact slice of the parent's text (``metadata["parent_offset"]`` says
where), so a claim found in a child can be located in the parent too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from ingest.article import Article, parse_byline
from ingest.page_chrome import strip_chrome
from ingest.readers.plain_text import read_plain_text
from ingest.text_cleanup import tidy_text, unescape_markdown

_TOC_MARKER = re.compile(r"(?:目\s*录|目\s*錄|contents|table of contents)\s*[:：]?", re.I)
_NUMBERING = (
    r"(?:[一二三四五六七八九十百零〇]+|\d{1,3}|[IVXLC]{1,6})\s*[、.．)）:：]"
    r"|[(（](?:[一二三四五六七八九十]+|\d{1,3})[)）]"
    r"|第[一二三四五六七八九十百零〇\d]+[篇章部分节節]"
)
_ENTRY = re.compile(rf"(?P<bullet>[-*•·]\s*)?(?P<number>{_NUMBERING})?\s*(?P<rest>.+)")
_LEADER = re.compile(r"\s*(?:\.{2,}|…+|·{3,}|-{3,}|_{3,}|\t+|\s{3,})\s*")
_PAGE_NUMBER = re.compile(r"\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.I)
_ROLE_SUFFIX = re.compile(r"^(.+?)\s*(摘录|摘錄|节录|節錄|整理|编译|編譯|编辑|編輯|译|譯|编|編)$")
_VOLUME = re.compile(
    r"第\s*[一二三四五六七八九十百零〇\d]+\s*[集期卷辑輯册冊]|(?:vol(?:ume)?|issue|no)\.?\s*\d+",
    re.I,
)
_NOT_WORD = re.compile(r"[\W_]+")

#: Minimum fuzzy similarity for a body line to count as an entry's heading.
MIN_SIMILARITY = 0.6
#: A match at least this good is taken as certain (it bounds where earlier entries may be).
CERTAIN = 0.9
#: How many lines below the TOC marker the entries may extend over.
MAX_TOC_LINES = 200


@dataclass(slots=True)
class TocEntry:
    title: str
    author: str | None
    author_role: str | None
    subtitle: str | None = None


def read_anthology(text: str) -> Article:
    """Parent article with one child per TOC entry found in the body."""
    cleaned = tidy_text(unescape_markdown(text))
    lines = cleaned.split("\n")
    marker = _find_marker(lines)
    if marker is None:
        return _as_plain_text(text)
    entries, body_start = _parse_toc(lines, marker)
    if not entries:
        entries, body_start = _parse_plain_toc(lines, marker)
    found: list[tuple[TocEntry, tuple[int, str | None]]] = []
    headings: list[tuple[int, str | None] | None] = []
    # headings usually follow a blank line (a page or paragraph break); some extractions
    # drop blank lines, so a second pass accepts any short line
    for need_blank_before in (True, False):
        headings = _match_headings(entries, lines, body_start, need_blank_before)
        found = [(entry, match) for entry, match in zip(entries, headings, strict=True) if match]
        if len(found) >= 2:
            break
    if len(found) < 2:
        return _as_plain_text(text)
    parent = _parent(lines[:marker], cleaned)
    offsets = _line_offsets(lines)
    for position, (entry, (line_index, glued_author)) in enumerate(found):
        end = found[position + 1][1][0] if position + 1 < len(found) else len(lines)
        parent.children.append(
            _child(entry, lines, line_index, end, glued_author, offsets, last=end == len(lines))
        )
    authored = sum(1 for child in parent.children if child.author)
    if authored * 2 < len(parent.children):
        # a single article's table of contents lists its sections, which have no authors
        return _as_plain_text(text)
    parent.metadata["toc_entries"] = len(entries)
    if len(found) < len(entries):
        parent.metadata["toc_entries_not_found"] = [
            entry.title for entry, match in zip(entries, headings, strict=True) if not match
        ]
    return parent


def _as_plain_text(text: str) -> Article:
    """Not an anthology after all: read as Markdown when it looks like Markdown, else as text."""
    from ingest.readers import looks_like_markdown
    from ingest.readers.markdown_post import read_markdown_post

    if looks_like_markdown(text):
        article = read_markdown_post(text)
        article.metadata["shape"] = "markdown"
        return article
    article = read_plain_text(unescape_markdown(text))
    article.metadata["shape"] = "text"
    return article


def _find_marker(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        if _TOC_MARKER.fullmatch(line.strip()):
            return index
    return None


def _parse_toc(lines: list[str], marker: int) -> tuple[list[TocEntry], int]:
    """TOC entries below the marker, and the index of the first body line."""
    entries: list[TocEntry] = []
    index = marker + 1
    limit = min(len(lines), marker + 1 + MAX_TOC_LINES)
    while index < limit:
        stripped = lines[index].strip()
        if not stripped:
            index += 1
            continue
        if entries and stripped[0] in "(（" and stripped[-1] in ")）":
            entries[-1].subtitle = stripped.strip("()（）")
            index += 1
            continue
        match = _ENTRY.fullmatch(stripped)
        has_leader = _LEADER.search(stripped) is not None
        if not match or not (match.group("bullet") or match.group("number") or has_leader):
            break
        entry = _entry(match.group("rest"))
        if entry is None:
            break
        entries.append(entry)
        index += 1
    return entries, index


def _parse_plain_toc(lines: list[str], marker: int) -> tuple[list[TocEntry], int]:
    """A TOC of bare short lines (no numbers, bullets or leaders): the short lines below the
    marker up to the first one repeating an entry (the first article's heading); matching
    them to body headings then decides whether it was a TOC at all."""
    entries: list[TocEntry] = []
    seen: set[str] = set()
    index = marker + 1
    limit = min(len(lines), marker + 1 + MAX_TOC_LINES)
    while index < limit:
        stripped = lines[index].strip()
        if not stripped:
            index += 1
            continue
        if len(stripped) > 60 or _normalise(stripped) in seen:
            break
        entry = _entry(stripped)
        if entry is None:
            break
        entries.append(entry)
        seen.add(_normalise(entry.title))
        index += 1
    return entries, index


def _entry(text: str) -> TocEntry | None:
    parts = _LEADER.split(text.strip(), maxsplit=1)
    title = parts[0].strip()
    if not title:
        return None
    author = None
    role = None
    if len(parts) > 1:
        author = _PAGE_NUMBER.sub("", parts[1]).strip() or None
    elif _PAGE_NUMBER.search(title) and len(title) > 4:
        title = _PAGE_NUMBER.sub("", title).strip()
    if author:
        role_match = _ROLE_SUFFIX.match(author)
        if role_match:
            author, role = role_match.group(1), role_match.group(2)
    return TocEntry(title, author, role)


def _normalise(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def _score(title: str, line: str) -> tuple[float, str | None]:
    """Similarity of a TOC title and a body line, and the author glued to the title if any."""
    if title == line:
        return 1.0, None
    if title.startswith(line) and len(line) >= 0.5 * len(title):
        rest = title[len(line) :]
        return (0.95, rest) if len(rest) <= 12 else (0.7, None)
    if line.startswith(title) and len(title) >= 0.6 * len(line):
        return 0.9, None
    matcher = SequenceMatcher(None, title, line, autojunk=False)
    if matcher.real_quick_ratio() < MIN_SIMILARITY or matcher.quick_ratio() < MIN_SIMILARITY:
        return 0.0, None
    return matcher.ratio(), None


def _match_headings(
    entries: list[TocEntry], lines: list[str], body_start: int, need_blank_before: bool = True
) -> list[tuple[int, str | None] | None]:
    """For each entry, (line index, glued author) of its heading in the body, in TOC order."""
    candidates: list[tuple[int, str]] = []
    for index in range(body_start, len(lines)):
        stripped = lines[index].strip()
        if not stripped or len(stripped) > 120:
            continue
        if not need_blank_before or index == 0 or not lines[index - 1].strip():
            candidates.append((index, _normalise(stripped)))
    scored: list[list[tuple[int, float, str | None]]] = []
    for entry in entries:
        title = _normalise(entry.title)
        matches = []
        for index, line in candidates:
            if not line or len(line) > 2 * len(title) + 20:
                continue
            score, glued = _score(title, line)
            if score >= MIN_SIMILARITY:
                matches.append((index, score, glued))
        scored.append(matches)
    result: list[tuple[int, str | None] | None] = []
    previous = body_start - 1
    for position, matches in enumerate(scored):
        bound = len(lines)
        for later in scored[position + 1 :]:
            certain = [index for index, score, _ in later if score >= CERTAIN and index > previous]
            if certain:
                bound = min(certain)
                break
        usable = [m for m in matches if previous < m[0] < bound]
        if not usable:
            result.append(None)
            continue
        best = max(usable, key=lambda match: (match[1], -match[0]))
        result.append((best[0], best[2]))
        previous = best[0]
    return result


def _line_offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    return offsets


def _child(
    entry: TocEntry,
    lines: list[str],
    start: int,
    end: int,
    glued_author: str | None,
    offsets: list[int],
    last: bool,
) -> Article:
    section = lines[start:end]
    if last:
        section = strip_chrome(section).lines
    text = "\n".join(section).strip("\n")
    heading = lines[start].strip()
    metadata: dict[str, object] = {"toc_title": entry.title, "parent_offset": offsets[start]}
    author = entry.author
    if author is None and glued_author:
        author = glued_author.strip()
        role_match = _ROLE_SUFFIX.match(author)
        if role_match:
            author, entry.author_role = role_match.group(1), role_match.group(2)
    if author is None:
        author = _author_below_heading(section)
    if entry.author_role:
        metadata["author_role"] = entry.author_role
    if entry.subtitle:
        metadata["subtitle"] = entry.subtitle
    return Article(text, title=heading, author=author, metadata=metadata)


def _author_below_heading(section: list[str]) -> str | None:
    """A short name-like line right below the heading (a byline, or just a name)."""
    for line in section[1:4]:
        stripped = line.strip()
        if not stripped:
            continue
        byline = parse_byline(stripped)
        if byline is not None:
            return byline[1]
        if len(stripped) <= 24 and not re.search(r"[。！？!?；;，,:：\d()（）]", stripped):
            return stripped
        return None
    return None


def _parent(front: list[str], cleaned: str) -> Article:
    """Title (with a volume line such as 第二十四集 joined on) and publisher from front matter."""
    front_lines = [line.strip() for line in front if line.strip()]
    title = front_lines[0] if front_lines else None
    rest = front_lines[1:]
    if title and rest and _VOLUME.fullmatch(rest[0]):
        title = f"{title} {rest[0]}"
        rest = rest[1:]
    metadata: dict[str, object] = {}
    if rest:
        metadata["front_matter"] = rest
    return Article(cleaned, title=title, author=rest[0] if rest else None, metadata=metadata)
