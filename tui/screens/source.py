"""A source's whole stored text with every claim highlighted by verdict; n/N step through them.

The text is shown paragraph by paragraph (consecutive short paragraphs are joined into blocks
so a long anthology stays a few hundred widgets), and stepping to a claim re-renders only the
blocks whose highlight changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Footer, Static

from kb.browse import SourceDetail, SpanInfo, source_detail
from tui.rendering import (
    CURRENT_SPAN,
    SPAN_STYLES,
    highlighted_text,
    one_line,
    verdict_badge,
    verdict_mark,
)
from tui.screens.base import KBScreen, QueryDone, run_query

#: Paragraphs are joined until a block holds this many characters.
BLOCK_CHARS = 1500
MAX_BLOCKS = 300


@dataclass(frozen=True)
class Block:
    start: int
    end: int


def text_blocks(text: str, block_chars: int = BLOCK_CHARS, most: int = MAX_BLOCKS) -> list[Block]:
    """Split ``text`` at blank lines into blocks of whole paragraphs (offsets into ``text``):
    one paragraph per block, or, when there would be more than ``most``, paragraphs joined
    until a block holds ``block_chars`` characters."""
    paragraphs: list[Block] = []
    start = 0
    for gap in re.finditer(r"\n[ \t\r\f\v]*\n\s*", text):
        if gap.start() > start:
            paragraphs.append(Block(start, gap.start()))
        start = gap.end()
    if start < len(text) or not paragraphs:
        paragraphs.append(Block(start, len(text)))
    if len(paragraphs) <= most:
        return paragraphs
    blocks: list[Block] = []
    first = paragraphs[0]
    previous_end = first.end
    for paragraph in paragraphs[1:]:
        if paragraph.start - first.start >= block_chars:
            blocks.append(Block(first.start, previous_end))
            first = paragraph
        previous_end = paragraph.end
    blocks.append(Block(first.start, previous_end))
    return blocks


class SourceScreen(KBScreen):
    """The whole text of one source; the current claim is reversed, the others coloured."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="source.back"),
        Binding("n", "step(1)", "Next claim", id="source.next"),
        Binding("N", "step(-1)", "Previous claim", id="source.previous"),
        Binding("enter", "open_claim", "Open claim", id="source.open"),
        Binding("p", "parent", "Parent", show=False, id="source.parent"),
        Binding(
            "right_square_bracket",
            "sibling(1)",
            "Next sibling",
            show=False,
            key_display="]",
            id="source.next_sibling",
        ),
        Binding(
            "left_square_bracket",
            "sibling(-1)",
            "Previous sibling",
            show=False,
            key_display="[",
            id="source.previous_sibling",
        ),
        Binding("j", "scroll_body(1)", "Scroll down", show=False, id="source.down"),
        Binding("k", "scroll_body(-1)", "Scroll up", show=False, id="source.up"),
    ]

    def __init__(self, source_id: int, claim_id: int | None = None) -> None:
        super().__init__()
        self.source_id = source_id
        self.start_claim_id = claim_id
        self.detail: SourceDetail | None = None
        self.current: int | None = None
        self.blocks: list[Block] = []
        self.block_widgets: list[Static] = []

    def compose(self) -> ComposeResult:
        yield Static(f"source #{self.source_id} — loading…", id="source-meta")
        yield VerticalScroll(id="source-body")
        yield Static("", id="source-status")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        source_id = self.source_id
        run_query(self, "source", lambda s: source_detail(s, source_id))

    def on_screen_resume(self) -> None:
        """Redraw with review marks when a claim shown here was reviewed meanwhile."""
        reviewed = self.app.reviewed_claims  # type: ignore[attr-defined]
        if self.detail is not None and any(
            span.claim_id in reviewed and not span.reviewed for span in self.detail.claims
        ):
            self.start_claim_id = self.current_claim_id()
            self.load()

    def on_query_done(self, message: QueryDone) -> None:
        if message.purpose == "source":
            self.show(message.result)

    def show(self, detail: SourceDetail) -> None:
        self.detail = detail
        self.query_one("#source-meta", Static).update(self._meta_text(detail))
        self.blocks = text_blocks(detail.text)
        self.block_widgets = [Static(classes="paragraph") for _ in self.blocks]
        body = self.query_one("#source-body", VerticalScroll)
        body.remove_children()
        body.mount_all(self.block_widgets)
        self.current = None
        if detail.claims:
            self.current = 0
            if self.start_claim_id is not None:
                for index, span in enumerate(detail.claims):
                    if span.claim_id == self.start_claim_id:
                        self.current = index
        for index in range(len(self.blocks)):
            self._render_block(index)
        self._show_status()
        self.call_after_refresh(self._scroll_to_current)

    def _meta_text(self, detail: SourceDetail) -> Text:
        info = detail.info
        meta = Text()
        meta.append(one_line(info.label), style="bold")
        meta.append(f"  (source #{info.id})", style="dim")
        if not info.is_current:
            meta.append("  [an older version]", style="yellow")
        fields = [
            ("author", info.author),
            ("url", info.url),
            ("from", info.origin if info.origin != info.url else None),
            ("published", f"{info.published:%Y-%m-%d}" if info.published else None),
            ("fetched", f"{info.fetched:%Y-%m-%d %H:%M}" if info.fetched else None),
            ("language", info.language),
            ("claims", str(len(detail.claims))),
        ]
        line = Text()
        for name, value in fields:
            if value:
                line.append(f"{name} ", style="dim")
                line.append(one_line(value) + "  ")
        meta.append("\n")
        meta.append_text(line)
        if detail.parent is not None:
            meta.append("\npart of ", style="dim")
            meta.append(one_line(f"{detail.parent[1]} (#{detail.parent[0]})"))
            meta.append("  p opens it", style="dim")
        others = [(i, t) for i, t in detail.siblings if i != info.id]
        if others:
            meta.append("\nsiblings ", style="dim")
            meta.append(one_line(", ".join(f"#{i} {t}" for i, t in others[:6]), 200))
            meta.append("  [ ] step", style="dim")
        if detail.children:
            meta.append(f"\n{len(detail.children)} articles split out: ", style="dim")
            meta.append(one_line(", ".join(f"#{i} {t}" for i, t in detail.children[:6]), 200))
        return meta

    def _spans_in(self, block: Block) -> list[tuple[int, SpanInfo]]:
        assert self.detail is not None
        return [
            (index, span)
            for index, span in enumerate(self.detail.claims)
            if span.start < block.end
            and span.end > block.start
            or (span.start == span.end == block.start)
        ]

    def _render_block(self, block_index: int) -> None:
        assert self.detail is not None
        block = self.blocks[block_index]
        spans = []
        marks: dict[int, str] = {}
        for index, span in self._spans_in(block):
            style = SPAN_STYLES.get(span.badge, SPAN_STYLES["unchecked"])
            if index == self.current:
                style = style + CURRENT_SPAN
            start = max(span.start, block.start) - block.start
            end = min(span.end, block.end) - block.start
            spans.append((start, end, style))
            mark_at = min(span.end, block.end) - block.start
            marks[mark_at] = marks.get(mark_at, "") + verdict_mark(span.badge)
        text = highlighted_text(self.detail.text[block.start : block.end], spans, marks)
        self.block_widgets[block_index].update(text)

    def _block_of(self, span: SpanInfo) -> int:
        for index, block in enumerate(self.blocks):
            if span.start < block.end or index == len(self.blocks) - 1:
                return index
        return 0

    def _show_status(self) -> None:
        status = Text()
        if self.detail is None or self.current is None:
            status.append("no claims in this source", style="dim")
        else:
            span = self.detail.claims[self.current]
            status.append(f"claim {self.current + 1} of {len(self.detail.claims)}  ")
            status.append_text(verdict_badge(span.badge))
            status.append(f"  {one_line(span.value_text)}", style="bold")
            status.append(f"  {span.kind}", style="dim")
            status.append("   n/N step · enter opens", style="dim")
        self.query_one("#source-status", Static).update(status)

    def _scroll_to_current(self) -> None:
        if self.detail is None or self.current is None or not self.block_widgets:
            return
        span = self.detail.claims[self.current]
        index = self._block_of(span)
        widget = self.block_widgets[index]
        block = self.blocks[index]
        width = max(widget.content_size.width, 10)
        before = Text(self.detail.text[block.start : max(span.start, block.start)])
        line = len(before.wrap(self.app.console, width)) - 1 if before.plain else 0
        body = self.query_one("#source-body", VerticalScroll)
        target = Region(0, widget.virtual_region.y + max(line, 0), 1, 1)
        body.scroll_to_region(target, animate=False, center=True, immediate=True)

    # ------------------------------------------------------------------ actions

    def action_step(self, direction: int) -> None:
        if self.detail is None or self.current is None:
            return
        previous = self.current
        self.current = (self.current + direction) % len(self.detail.claims)
        touched = {
            self._block_of(self.detail.claims[previous]),
            self._block_of(self.detail.claims[self.current]),
        }
        for index in touched:
            self._render_block(index)
        self._show_status()
        self.call_after_refresh(self._scroll_to_current)

    def current_claim_id(self) -> int | None:
        if self.detail is None or self.current is None:
            return None
        return self.detail.claims[self.current].claim_id

    def action_open_claim(self) -> None:
        claim_id = self.current_claim_id()
        if claim_id is not None:
            self.app.open_claim(claim_id)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_parent(self) -> None:
        if self.detail is not None and self.detail.parent is not None:
            self.app.open_source(self.detail.parent[0])  # type: ignore[attr-defined]

    def action_sibling(self, direction: int) -> None:
        if self.detail is None or self.detail.info.parent_id is None:
            return
        ordered = [i for i, _ in self.detail.siblings]
        if self.source_id not in ordered:
            return
        position = ordered.index(self.source_id) + direction
        if 0 <= position < len(ordered):
            self.app.switch_screen(SourceScreen(ordered[position]))

    def action_scroll_body(self, direction: int) -> None:
        self.query_one("#source-body", VerticalScroll).scroll_relative(y=direction, animate=False)
