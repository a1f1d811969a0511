"""A DataTable with vim keys beside the arrows, each binding with an id for remapping."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable


class VimDataTable(DataTable):
    """Row-cursor table: j/k move, g/G go to the first/last row, enter opens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="table.up"),
        Binding("g,home", "first", "First row", show=False, id="table.first"),
        Binding("G,end", "last", "Last row", show=False, id="table.last"),
        Binding("ctrl+f", "page_down", "Page down", show=False, id="table.page_down"),
        Binding("ctrl+b", "page_up", "Page up", show=False, id="table.page_up"),
        Binding("enter", "select_cursor", "Open", id="table.open"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]

    def action_first(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)
