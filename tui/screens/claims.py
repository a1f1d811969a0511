"""The home screen: every claim, filtered, searched and sorted, paged in from the database.

The table holds a window of at most `MAX_WINDOW` rows. When the cursor comes within
`PREFETCH` rows of either end, the next page is fetched with a keyset query from the row at
that end, and the window slides; g/G fetch the first/last page directly. Counts run in their
own worker and never hold up the rows.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.widgets import DataTable, Footer, Input, Select, Static

from kb.browse import (
    SORTS,
    VERDICT_FILTERS,
    ClaimCounts,
    ClaimFilter,
    ClaimPage,
    ClaimRow,
    count_claims,
    filter_choices,
    list_claims,
    review_statuses,
)
from tui.rendering import one_line
from tui.screens.base import KBScreen, QueryDone, run_query
from tui.widgets.claim_table import ClaimTable

PAGE = 100
MAX_WINDOW = 400
PREFETCH = 30
SEARCH_DEBOUNCE = 0.25


class ClaimsScreen(KBScreen):
    """Claims with verdict badges; enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", key_display="/", id="claims.search"),
        Binding("f", "focus_filters", "Filters", show=False, id="claims.filters"),
        Binding("v", "cycle_verdict", "Verdict", id="claims.verdict"),
        Binding("s", "cycle_sort", "Sort", id="claims.sort"),
        Binding("x", "clear_filters", "Clear", show=False, id="claims.clear"),
        Binding("o", "open_source", "Source", show=False, id="claims.open_source"),
        Binding("S", "sources", "Sources", id="claims.sources"),
        Binding("r", "reload", "Reload", show=False, id="claims.reload"),
        Binding("escape", "focus_table", "To table", show=False, id="claims.to_table"),
    ]

    def __init__(self, initial: ClaimFilter | None = None) -> None:
        super().__init__()
        self.initial = initial or ClaimFilter()
        self.filter = self.initial
        self.window: list[ClaimRow] = []
        self.more_before = False
        self.more_after = False
        #: Bumped by every reset of the listing (new filters, g/G); page answers for an
        #: older generation are dropped. ``filter_generation`` is bumped by new filters only.
        self.generation = 0
        self.filter_generation = 0
        self.counting = -1
        self.loading: str | None = None
        self.counts: ClaimCounts | None = None
        #: When the current listing was asked for; ``painted`` is (generation, seconds from the
        #: ask to the screen refresh that showed its rows), read by bench/tui.py.
        self.asked_at = 0.0
        self.painted: tuple[int, float] | None = None
        self._search_timer: Any = None
        self.choices: dict[str, list[str]] = {"kind": [], "language": []}

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Input(
            value=self.initial.search or "",
            placeholder="/ search quotes and sentences",
            id="search",
            compact=True,
        )
        with Horizontal(id="filters"):
            yield Select(
                [(v, v) for v in VERDICT_FILTERS],
                prompt="verdict",
                id="verdict",
                compact=True,
                value=self.initial.verdict or Select.NULL,
            )
            yield Select(
                _options(self.initial.kind),
                prompt="kind",
                id="kind",
                compact=True,
                value=self.initial.kind or Select.NULL,
            )
            yield Select(
                _options(self.initial.language),
                prompt="language",
                id="language",
                compact=True,
                value=self.initial.language or Select.NULL,
            )
            yield Input(
                value=self.initial.subject or "", placeholder="subject", id="subject", compact=True
            )
            yield Input(
                value=self.initial.source or "", placeholder="source", id="source", compact=True
            )
            yield Select(
                [(f"sort: {s}", s) for s in SORTS],
                allow_blank=False,
                value=self.initial.sort,
                id="sort",
                compact=True,
            )
        yield Static("loading…", id="counts")
        yield ClaimTable(id="claims")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(ClaimTable)
        table.ensure_columns(self.app.size.width)
        table.focus()
        self.reload()
        run_query(self, "choices", filter_choices)

    def on_resize(self, event: Resize) -> None:
        table = self.query_one(ClaimTable)
        cursor = table.cursor_row
        if table.ensure_columns(event.size.width):
            table.show_rows(self.window, cursor)

    # ------------------------------------------------------------------ filters

    def current_filter(self) -> ClaimFilter:
        def select_value(widget_id: str) -> str | None:
            value = self.query_one(f"#{widget_id}", Select).value
            return None if value is Select.NULL else str(value)

        def input_value(widget_id: str) -> str | None:
            value = self.query_one(f"#{widget_id}", Input).value.strip()
            return value or None

        return ClaimFilter(
            verdict=select_value("verdict"),
            kind=select_value("kind"),
            language=select_value("language"),
            subject=input_value("subject"),
            source=input_value("source"),
            search=input_value("search"),
            sort=select_value("sort") or "newest",
        )

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if self.current_filter() != self.filter:
            self.reload()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, self._reload_if_changed)

    def _reload_if_changed(self) -> None:
        self._search_timer = None
        if self.current_filter() != self.filter:
            self.reload()

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        if self.current_filter() != self.filter:
            self.reload()
        self.query_one(ClaimTable).focus()

    def apply_filter(self, flt: ClaimFilter) -> None:
        """Set every filter widget to ``flt`` and reload once."""
        for widget_id in ("kind", "language"):
            value = getattr(flt, widget_id)
            if value is not None and value not in self.choices[widget_id]:
                self._set_options(widget_id, [*self.choices[widget_id], value])
        for widget_id in ("verdict", "kind", "language"):
            value = getattr(flt, widget_id)
            self.query_one(f"#{widget_id}", Select).value = (
                value if value is not None else Select.NULL
            )
        self.query_one("#sort", Select).value = flt.sort
        for widget_id in ("search", "subject", "source"):
            self.query_one(f"#{widget_id}", Input).value = getattr(flt, widget_id) or ""
        self.reload()

    def action_cycle_verdict(self) -> None:
        choices: list[str | None] = [None, *VERDICT_FILTERS]
        current = self.current_filter().verdict
        following = choices[(choices.index(current) + 1) % len(choices)]
        self.query_one("#verdict", Select).value = following or Select.NULL

    def action_cycle_sort(self) -> None:
        current = self.current_filter().sort
        self.query_one("#sort", Select).value = SORTS[(SORTS.index(current) + 1) % len(SORTS)]

    def action_clear_filters(self) -> None:
        self.apply_filter(ClaimFilter(sort=self.current_filter().sort))

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_filters(self) -> None:
        self.query_one("#verdict", Select).focus()

    def action_focus_table(self) -> None:
        self.query_one(ClaimTable).focus()

    def action_reload(self) -> None:
        self.reload()

    def action_sources(self) -> None:
        self.app.open_sources()  # type: ignore[attr-defined]

    def action_open_source(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.app.open_source(row.source_id, row.id)  # type: ignore[attr-defined]

    def selected_row(self) -> ClaimRow | None:
        table = self.query_one(ClaimTable)
        if not self.window or table.row_count == 0:
            return None
        index = table.cursor_row
        return self.window[index] if 0 <= index < len(self.window) else None

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Start the listing over for the filters as they are now."""
        self._search_timer = None
        self.filter = self.current_filter()
        self.generation += 1
        self.filter_generation += 1
        self.asked_at = time.monotonic()
        self.counts = None
        self._show_counts()
        self._load_page("first")

    def _load_page(self, mode: str) -> None:
        flt = self.filter
        self.loading = mode
        if mode == "after":
            cursor = self.window[-1].cursor

            def query(session: Any) -> ClaimPage:
                return list_claims(session, flt, after=cursor, limit=PAGE)

        elif mode == "before":
            cursor = self.window[0].cursor

            def query(session: Any) -> ClaimPage:
                return list_claims(session, flt, before=cursor, limit=PAGE)

        else:
            last = mode == "last"

            def query(session: Any) -> ClaimPage:
                return list_claims(session, flt, last=last, limit=PAGE)

        run_query(self, f"page-{mode}", query, self.generation)

    def _maybe_prefetch(self) -> None:
        """Fetch the next page when the cursor or the visible rows near an end of the window."""
        if self.loading is not None or not self.window:
            return
        table = self.query_one(ClaimTable)
        top, bottom = table.visible_rows()
        row = table.cursor_row
        if self.more_after and max(row, bottom) >= len(self.window) - PREFETCH:
            self._load_page("after")
        elif self.more_before and min(row, top) < PREFETCH:
            self._load_page("before")

    @on(ClaimTable.JumpRequested)
    def _jump(self, event: ClaimTable.JumpRequested) -> None:
        if event.end == "first" and not self.more_before:
            table = self.query_one(ClaimTable)
            if table.row_count:
                table.move_cursor(row=0)
            return
        if event.end == "last" and not self.more_after:
            table = self.query_one(ClaimTable)
            if table.row_count:
                table.move_cursor(row=table.row_count - 1)
            return
        self.generation += 1
        self.asked_at = time.monotonic()
        self._load_page(event.end)

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._maybe_prefetch()

    @on(ClaimTable.ViewportMoved)
    def _viewport_moved(self, event: ClaimTable.ViewportMoved) -> None:
        self._maybe_prefetch()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.open_claim(int(event.row_key.value))  # type: ignore[attr-defined]

    def on_query_done(self, message: QueryDone) -> None:
        if message.purpose == "choices":
            self._set_choices(message.result)
            return
        if message.purpose == "reviews":
            self._apply_reviews(message.result)
            return
        if message.purpose == "counts":
            if message.generation == self.filter_generation:
                self.counts = message.result
                self._show_counts()
            return
        if message.generation != self.generation:
            return  # an answer to filters (or a jump) that has since been superseded
        if message.purpose.startswith("page-"):
            self._page_loaded(message.purpose.removeprefix("page-"), message.result)

    def _page_loaded(self, mode: str, page: ClaimPage) -> None:
        self.loading = None
        table = self.query_one(ClaimTable)
        visible = max(table.size.height - 1, 1)
        if mode == "first":
            self.window = list(page.rows)
            self.more_before, self.more_after = False, page.more
            table.show_rows(self.window, 0, 0)
        elif mode == "last":
            self.window = list(page.rows)
            self.more_before, self.more_after = page.more, False
            last = len(self.window) - 1
            table.show_rows(self.window, last, max(0, last - visible + 1))
        elif mode == "after":
            cursor = table.cursor_row
            top, bottom = table.visible_rows()
            self.window.extend(page.rows)
            self.more_after = page.more
            # drop rows from the top, but never the ones on screen, by the cursor or within
            # PREFETCH of them (that would only ask for them again)
            keep_from = max(0, min(top, cursor) - PREFETCH - 1)
            dropped = min(max(0, len(self.window) - MAX_WINDOW), keep_from)
            if dropped:
                self.window = self.window[dropped:]
                self.more_before = True
                table.show_rows(self.window, cursor - dropped, top - dropped)
            else:
                table.append_rows(page.rows)
        elif mode == "before":
            cursor = table.cursor_row
            top, bottom = table.visible_rows()
            added = len(page.rows)
            self.window = [*page.rows, *self.window]
            self.more_before = page.more
            keep_to = max(bottom, cursor) + added + PREFETCH + 1
            if len(self.window) > max(MAX_WINDOW, keep_to):
                self.window = self.window[: max(MAX_WINDOW, keep_to)]
                self.more_after = True
            table.show_rows(self.window, cursor + added, top + added)
        if self.counts is None and self.counting != self.filter_generation:
            # counted once rows are on screen, so the count never competes with them
            self.counting = self.filter_generation
            flt = self.filter
            run_query(self, "counts", lambda s: count_claims(s, flt), self.filter_generation)
        generation, asked_at = self.generation, self.asked_at
        self.call_after_refresh(self._record_paint, generation, asked_at)
        self._show_counts()
        self._maybe_prefetch()

    def _record_paint(self, generation: int, asked_at: float) -> None:
        if self.painted is None or self.painted[0] != generation:
            self.painted = (generation, time.monotonic() - asked_at)
        self.app.warm_up()  # type: ignore[attr-defined]

    def _show_counts(self) -> None:
        counts = self.counts.describe() if self.counts else "counting…"
        if not self.window and self.loading is None and self.counts is not None:
            counts = "no claims match" if self.filter.describe() else "no claims yet"
        parts = [counts, f"sorted by {self.filter.sort}"]
        if self.filter.describe():
            parts.append(self.filter.describe())
        self.query_one("#counts", Static).update(Text(one_line(" · ".join(parts))))

    def _set_choices(self, choices: dict[str, list[str]]) -> None:
        for widget_id in ("kind", "language"):
            values = list(choices.get(widget_id, []))
            current = getattr(self.filter, widget_id)
            if current is not None and current not in values:
                values.append(current)
            self._set_options(widget_id, values)

    def _set_options(self, widget_id: str, values: list[str]) -> None:
        select: Select[str] = self.query_one(f"#{widget_id}", Select)
        current = select.value
        self.choices[widget_id] = values
        select.set_options([(Text(one_line(v)), v) for v in values])
        if current is not Select.NULL and current in values:
            select.value = current

    # ------------------------------------------------------------------ reviews

    def on_screen_resume(self) -> None:
        reviewed = self.app.reviewed_claims  # type: ignore[attr-defined]
        shown = [row.id for row in self.window if row.id in reviewed]
        if shown:
            run_query(self, "reviews", lambda s: review_statuses(s, shown))

    def _apply_reviews(self, statuses: dict[int, str]) -> None:
        table = self.query_one(ClaimTable)
        for index, row in enumerate(self.window):
            status = statuses.get(row.id)
            if status and status != row.review_status:
                updated = _with_review(row, status)
                self.window[index] = updated
                table.update_badge(updated)


def _with_review(row: ClaimRow, status: str) -> ClaimRow:
    return replace(row, review_status=status)


def _options(value: str | None) -> list[tuple[Text, str]]:
    return [(Text(one_line(value)), value)] if value else []
