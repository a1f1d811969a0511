"""Every source with its claim and flagged counts, and the ingest runs with their errors."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Static

from kb.browse import ClaimFilter, RunRow, SourcePage, list_ingest_runs, list_sources
from tui.rendering import one_line
from tui.screens.base import KBScreen, QueryDone, run_query
from tui.widgets.tables import VimDataTable

PAGE = 200
PREFETCH = 20
#: Cells the other source columns take (widths, cell padding, scrollbar).
TITLE_LEAVES = 6 + 8 + 10 + 7 + 7 + 2 * 6 + 2


class SourcesScreen(KBScreen):
    """Sources newest first (paged as the cursor moves down), then ingest runs."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="sources.back"),
        Binding("c", "claims", "Its claims", id="sources.claims"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.source_ids: list[int] = []
        self.more = False
        self.loading = False
        self.runs: list[RunRow] = []
        self.title_width = 40

    def compose(self) -> ComposeResult:
        yield Static("Sources (enter opens, c lists its claims)", id="sources-title")
        yield VimDataTable(id="sources-table")
        yield Static("Ingest runs", id="runs-title")
        yield VimDataTable(id="runs-table")
        yield Static("", id="run-errors")
        yield Footer()

    def on_mount(self) -> None:
        sources = self.query_one("#sources-table", VimDataTable)
        self.title_width = max(self.app.size.width - TITLE_LEAVES, 20)
        for label, key, width in (
            ("id", "id", 6),
            ("title", "title", self.title_width),
            ("lang", "lang", 8),
            ("published", "date", 10),
            ("claims", "claims", 7),
            ("flagged", "flagged", 7),
        ):
            sources.add_column(label, key=key, width=width)
        runs = self.query_one("#runs-table", VimDataTable)
        for label in ("run", "started", "tried", "added", "same", "failed", "command"):
            runs.add_column(label, key=label)
        sources.focus()
        self._load_sources(None)
        run_query(self, "runs", lambda s: list_ingest_runs(s))

    def _load_sources(self, after: int | None) -> None:
        self.loading = True
        run_query(self, "sources", lambda s: list_sources(s, after=after, limit=PAGE))

    def on_query_done(self, message: QueryDone) -> None:
        if message.purpose == "sources":
            self._sources_loaded(message.result)
        elif message.purpose == "runs":
            self._runs_loaded(message.result)

    def _sources_loaded(self, page: SourcePage) -> None:
        self.loading = False
        self.more = page.more
        table = self.query_one("#sources-table", VimDataTable)
        for row in page.rows:
            table.add_row(
                Text(str(row.id), style="dim"),
                Text(one_line(row.label, self.title_width)),
                Text(one_line(row.language)),
                Text(f"{row.published:%Y-%m-%d}" if row.published else ""),
                Text(f"{row.claims:,}", justify="right"),
                Text(
                    f"{row.flagged:,}", justify="right", style="bold red" if row.flagged else "dim"
                ),
                key=str(row.id),
            )
            self.source_ids.append(row.id)
        shown = f"{len(self.source_ids):,}{'+' if self.more else ''}"
        title = f"Sources: {shown} (enter opens, c lists its claims)"
        self.query_one("#sources-title", Static).update(title)

    def _runs_loaded(self, runs: list[RunRow]) -> None:
        self.runs = runs
        table = self.query_one("#runs-table", VimDataTable)
        for run in runs:
            table.add_row(
                str(run.id),
                f"{run.started:%Y-%m-%d %H:%M}" if run.started else "",
                str(run.inputs_tried),
                str(run.added),
                str(run.unchanged),
                Text(str(run.failed), style="bold red" if run.failed else ""),
                Text(one_line(run.command, 60)),
                key=str(run.id),
            )
        if not runs:
            self.query_one("#run-errors", Static).update(Text("No ingest runs yet.", style="dim"))

    @on(DataTable.RowHighlighted, "#sources-table")
    def _source_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.more and not self.loading and event.cursor_row >= len(self.source_ids) - PREFETCH:
            self._load_sources(self.source_ids[-1])

    @on(DataTable.RowHighlighted, "#runs-table")
    def _run_highlighted(self, event: DataTable.RowHighlighted) -> None:
        run = next((r for r in self.runs if str(r.id) == event.row_key.value), None)
        errors = Text()
        if run is not None:
            if not run.errors:
                errors.append(f"run {run.id}: no errors", style="dim")
            for error in run.errors[:20]:
                errors.append("✗ ", style="bold red")
                errors.append(one_line(" — ".join(str(v) for v in error.values()), 200) + "\n")
        self.query_one("#run-errors", Static).update(errors)

    @on(DataTable.RowSelected, "#sources-table")
    def _source_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.open_source(int(event.row_key.value))  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_claims(self) -> None:
        """Back to the claims screen, filtered to the highlighted source."""
        from tui.screens.claims import ClaimsScreen

        table = self.query_one("#sources-table", VimDataTable)
        if not self.source_ids or table.row_count == 0:
            return
        source_id = self.source_ids[table.cursor_row]
        self.app.pop_screen()
        home = self.app.screen
        if isinstance(home, ClaimsScreen):
            home.apply_filter(ClaimFilter(source=f"#{source_id}"))
