"""What every screen shares: running database queries in thread workers.

A query runs in a thread with its own Session and hands its result back as a message; only the
message handler (on the UI thread) touches widgets. A failed query becomes a notification.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from tui.app import ClaimKBApp


class QueryDone(Message):
    """A query's result, tagged with what asked for it."""

    def __init__(self, purpose: str, result: Any, generation: int = 0) -> None:
        super().__init__()
        self.purpose = purpose
        self.result = result
        self.generation = generation


def run_query(
    screen: Screen[Any],
    purpose: str,
    query: Callable[[Session], Any],
    generation: int = 0,
    exclusive: bool = True,
) -> Worker[None]:
    """Run ``query(session)`` in a thread worker; its result arrives as `QueryDone`."""
    app: ClaimKBApp = screen.app  # type: ignore[assignment]

    def work() -> None:
        with Session(app.engine) as session:
            result = query(session)
        screen.post_message(QueryDone(purpose, result, generation))

    return screen.run_worker(
        work,
        thread=True,
        group=f"{type(screen).__name__}.{purpose}",
        exclusive=exclusive,
        exit_on_error=False,
        name=purpose,
    )


class KBScreen(Screen[Any]):
    """A screen whose failed workers are reported, not fatal."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
            self.notify(f"{event.worker.name}: {first_line}", severity="error", timeout=8)
