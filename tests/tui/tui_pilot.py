"""Helpers the browser's pilot tests share (imported by name: tests/tui is on sys.path)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled

from tui.screens.claims import ClaimsScreen
from tui.widgets.claim_table import ClaimTable


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every query worker has finished and its result has been shown."""
    for _ in range(10):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # superseded by a newer query of the same kind: that is the design
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            await pilot.pause()
            if not any(w.is_running for w in pilot.app.workers):
                return


def static_text(screen: Any, selector: str) -> Text:
    content = screen.query_one(selector, Static).content
    assert isinstance(content, Text)
    return content


def table_badges(screen: ClaimsScreen) -> list[str]:
    table = screen.query_one(ClaimTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
