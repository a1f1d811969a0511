"""The claims table: shows a window of rows that the claims screen pages in from the database.

The table never holds the whole listing. It shows the rows it is given (a few hundred), tells
its screen when the cursor nears either end or jumps to the first or last row, and keeps the
cursor on the same claim when the window slides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._segment_tools import line_crop
from textual.binding import BindingType
from textual.coordinate import Coordinate
from textual.message import Message
from textual.strip import Strip

from kb.browse import ClaimRow
from tui.rendering import one_line, verdict_badge
from tui.widgets.tables import VimDataTable

#: A cursor position no row has (the header row's index is -1).
_NOWHERE = Coordinate(-2, -2)

#: Widest the quote column gets; wider terminals give the rest to the source title.
QUOTE_MOST = 90


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    width: int


def column_layout(width: int) -> list[ColumnSpec]:
    """Columns that fit ``width`` cells. The quote takes what the others leave (up to
    `QUOTE_MOST`; beyond that the source title gets the room); kind joins at 100 cells, the
    source title at 120, the date at 160."""
    wide = width >= 160
    columns = [
        ColumnSpec("badge", "verdict", 14),
        ColumnSpec("subject", "subject", 18 if wide else 10),
        ColumnSpec("value", "value", 18),
    ]
    if width >= 100:
        columns.append(ColumnSpec("kind", "kind", 16))
    source_width = (28 if wide else 20) if width >= 120 else 0
    if wide:
        columns.append(ColumnSpec("date", "date", 10))
    used = sum(c.width + 2 for c in columns) + 2 + 2  # cell padding, quote padding, scrollbar
    if source_width:
        used += source_width + 2
    quote_width = max(16, width - used)
    if source_width and quote_width > QUOTE_MOST:
        source_width += quote_width - QUOTE_MOST
        quote_width = QUOTE_MOST
    columns.insert(3, ColumnSpec("quote", "quote", quote_width))
    if source_width:
        at = len(columns) - 1 if wide else len(columns)
        columns.insert(at, ColumnSpec("source", "source", source_width))
    return columns


def row_cells(row: ClaimRow, columns: Sequence[ColumnSpec]) -> list[Text]:
    cells: list[Text] = []
    for column in columns:
        if column.key == "badge":
            cells.append(verdict_badge(row.badge))
        elif column.key == "subject":
            cells.append(Text(one_line(row.subject or "—", column.width)))
        elif column.key == "value":
            cells.append(Text(one_line(row.value_text, column.width)))
        elif column.key == "kind":
            cells.append(Text(one_line(row.kind, column.width), style="dim"))
        elif column.key == "quote":
            cells.append(Text(one_line(row.quote, column.width)))
        elif column.key == "source":
            cells.append(Text(one_line(row.source_title or f"#{row.source_id}", column.width)))
        elif column.key == "date":
            cells.append(Text(f"{row.published:%Y-%m-%d}" if row.published else "", style="dim"))
    return cells


class ClaimTable(VimDataTable):
    """Claims in display order; g/G ask the screen for the first/last page of the database."""

    BINDINGS: ClassVar[list[BindingType]] = []

    class JumpRequested(Message):
        """The user asked for the first or last claim of the whole listing."""

        def __init__(self, end: str) -> None:
            super().__init__()
            self.end = end

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.columns_shown: list[ColumnSpec] = []

    class ViewportMoved(Message):
        """The visible rows changed (mouse wheel, scroll bar) without the cursor moving."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.post_message(self.ViewportMoved())

    def visible_rows(self) -> tuple[int, int]:
        """First and last row index on screen."""
        top = round(self.scroll_y)
        return top, top + max(self.scrollable_content_region.height - 1, 0)

    # DataTable caches rendered rows and lines by cursor position, so every cursor move
    # re-rendered every visible row (35 ms a key press at 200x50). A row cursor only changes
    # the row it is on: other rows are rendered and cached as if the cursor were nowhere, so a
    # move re-renders two rows and a one-line scroll one. Both methods mirror DataTable's own
    # (Textual 8) apart from that; the snapshot and pilot tests cover their output.

    def _cursor_for(self, row_key: Any, location: Coordinate) -> Coordinate:
        row_index = self._row_locations.get(row_key) if row_key in self._row_locations else -1
        return location if location.row == row_index else _NOWHERE

    def _render_line_in_row(
        self,
        row_key: Any,
        line_no: int,
        base_style: Any,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ) -> Any:
        return super()._render_line_in_row(
            row_key,
            line_no,
            base_style,
            self._cursor_for(row_key, cursor_location),
            self._cursor_for(row_key, hover_location),
        )

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        width = self.size.width
        try:
            row_key, y_offset_in_row = self._get_offsets(y)
        except LookupError:
            return Strip.blank(width, base_style)
        cursor = self._cursor_for(row_key, self.cursor_coordinate)
        hover = self._cursor_for(row_key, self.hover_coordinate)
        cache_key = (
            y,
            x1,
            x2,
            width,
            cursor,
            hover,
            base_style,
            self.cursor_type,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        if cache_key in self._line_cache:
            return self._line_cache[cache_key]
        fixed, scrollable = self._render_line_in_row(
            row_key, y_offset_in_row, base_style, cursor_location=cursor, hover_location=hover
        )
        fixed_width = sum(
            column.get_render_width(self) for column in self.ordered_columns[: self.fixed_columns]
        )
        fixed_line: list[Segment] = list(chain.from_iterable(fixed)) if fixed else []
        scrollable_line: list[Segment] = list(chain.from_iterable(scrollable))
        segments = fixed_line + line_crop(scrollable_line, x1 + fixed_width, x2, width)
        strip = Strip(segments).adjust_cell_length(width, base_style).simplify()
        self._line_cache[cache_key] = strip
        return strip

    def _update_column_widths(self, updated_cells: set[Any]) -> None:
        # Every column has a fixed width (see column_layout), so DataTable's measuring of
        # each new cell (and re-measuring whole columns) would only cost time: skip it.
        self._require_update_dimensions = True

    def action_first(self) -> None:
        self.post_message(self.JumpRequested("first"))

    def action_last(self) -> None:
        self.post_message(self.JumpRequested("last"))

    def ensure_columns(self, width: int) -> bool:
        """Lay out columns for ``width``; True when they changed (rows must be re-added)."""
        wanted = column_layout(width)
        if wanted == self.columns_shown:
            return False
        self.clear(columns=True)
        for column in wanted:
            self.add_column(column.label, width=column.width, key=column.key)
        self.columns_shown = wanted
        return True

    def show_rows(
        self, rows: Sequence[ClaimRow], cursor_row: int = 0, top_row: int | None = None
    ) -> None:
        """Replace the rows, put the cursor on ``cursor_row`` and the first visible line at
        ``top_row`` (or wherever keeps the cursor in view)."""
        self.clear()
        self.append_rows(rows)
        if rows:
            cursor_row = min(max(cursor_row, 0), len(rows) - 1)
            self.move_cursor(row=cursor_row, animate=False, scroll=top_row is None)
            if top_row is not None:
                self.scroll_to(y=max(top_row, 0), animate=False, immediate=True)

    def append_rows(self, rows: Sequence[ClaimRow]) -> None:
        """Add rows at the end; each row's key is its claim id."""
        for row in rows:
            self.add_row(*row_cells(row, self.columns_shown), key=str(row.id))

    def claim_id_at(self, row_index: int) -> int | None:
        if not 0 <= row_index < self.row_count:
            return None
        row_key = self.coordinate_to_cell_key(Coordinate(row_index, 0)).row_key
        return int(row_key.value) if row_key.value is not None else None

    def update_badge(self, row: ClaimRow) -> None:
        """Redraw one row's verdict badge (after a review), if the row is shown."""
        if str(row.id) in self.rows:
            self.update_cell(str(row.id), "badge", verdict_badge(row.badge))
