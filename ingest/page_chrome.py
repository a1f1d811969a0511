"""Separating article text from site chrome in plain-text scrapes.

Patterns live in ``boilerplate.toml`` (data editors extend it); this module applies them plus two
structural rules that need no word lists: a short line repeated right after itself is a widget
label ("Reader\\n\\nReader"), and a footer marker late in the text starts the footer.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

#: Lines at either end of a text considered "edges" for navigation-style chrome.
EDGE_LINES = 8
#: A footer marker must sit in the last share of the text to cut the rest.
TAIL_SHARE = 0.4
_LABEL = re.compile(r"[^\W\d_][^\d\t{}()\[\];=<>]*")
#: A short text's footer zone spans at least this many of its last lines.
TAIL_MIN_LINES = 12
#: Lines longer than this are never chrome: they are prose.
MAX_CHROME_CHARS = 120


@dataclass(frozen=True, slots=True)
class ChromePatterns:
    drop_anywhere: re.Pattern[str]
    drop_at_edges: re.Pattern[str]
    tail_start: re.Pattern[str]


@lru_cache(maxsize=1)
def chrome_patterns() -> ChromePatterns:
    """The compiled patterns of ``boilerplate.toml`` (loaded once)."""
    text = resources.files("ingest").joinpath("boilerplate.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)

    def compile_group(name: str) -> re.Pattern[str]:
        patterns = data[name]["patterns"]
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    return ChromePatterns(
        compile_group("drop_anywhere"),
        compile_group("drop_at_edges"),
        compile_group("tail_start"),
    )


@dataclass(slots=True)
class ChromeResult:
    """Article lines, and what the chrome told us (tags listed in the footer)."""

    lines: list[str]
    removed: int = 0
    tags: list[str] = field(default_factory=list)


def is_chrome_line(line: str, *, at_edge: bool) -> bool:
    """True when ``line`` (stripped) matches a chrome pattern."""
    if not line or len(line) > MAX_CHROME_CHARS:
        return False
    patterns = chrome_patterns()
    if patterns.drop_anywhere.fullmatch(line):
        return True
    return at_edge and patterns.drop_at_edges.fullmatch(line) is not None


def strip_chrome(lines: list[str]) -> ChromeResult:
    """Drop chrome lines; cut the footer from a late footer marker or repeated widget label."""
    patterns = chrome_patterns()
    content_indexes = [i for i, line in enumerate(lines) if line.strip()]
    tags: list[str] = []
    cut = len(lines)
    if content_indexes:
        count = len(content_indexes)
        # the footer zone: the last 40% of lines, but at least TAIL_MIN_LINES of a short text,
        # and never its first third
        zone_start = max(min(int(count * (1 - TAIL_SHARE)), count - TAIL_MIN_LINES), count // 3)
        earliest_tail = content_indexes[zone_start]
        previous = ""
        for index in content_indexes:
            stripped = lines[index].strip()
            if index < earliest_tail or len(stripped) > MAX_CHROME_CHARS:
                previous = stripped
                continue
            if patterns.tail_start.fullmatch(stripped) or (
                stripped == previous and _looks_like_label(stripped)
            ):
                cut = index if stripped != previous else _previous_content(content_indexes, index)
                tags = _footer_tags(lines[cut:])
                break
            previous = stripped
    kept = lines[:cut]
    removed = len(lines) - cut
    result: list[str] = []
    content_positions = [i for i, line in enumerate(kept) if line.strip()]
    head = set(content_positions[:EDGE_LINES])
    tail = set(content_positions[-EDGE_LINES:])
    for index, line in enumerate(kept):
        if is_chrome_line(line.strip(), at_edge=index in head or index in tail):
            removed += 1
            continue
        result.append(line)
    return ChromeResult(result, removed, tags)


def _looks_like_label(line: str) -> bool:
    """A widget label: short words, no figures, no code or table punctuation."""
    return len(line) <= 40 and _LABEL.fullmatch(line) is not None


def _previous_content(content_indexes: list[int], index: int) -> int:
    position = content_indexes.index(index)
    return content_indexes[position - 1] if position else index


def _footer_tags(footer: list[str]) -> list[str]:
    """Words on the line after a tag-list marker (相关标签 / Tags)."""
    for position, line in enumerate(footer):
        if re.fullmatch(r"相关标签|相關標籤|标签|標籤|tags?", line.strip(), re.IGNORECASE):
            for following in footer[position + 1 :]:
                if following.strip():
                    return following.split()
    return []
