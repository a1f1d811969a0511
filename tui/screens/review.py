"""The review dialog: confirm or dismiss a finding (or the whole claim), or correct the value,
with a note; stored by `kb.store.add_review` and shown wherever the claim appears."""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from kb.browse import ClaimDetail, format_unit
from kb.database import session_scope
from kb.models import REVIEW_STATUSES
from kb.store import ReviewError, add_review
from tui.rendering import one_line

WHOLE_CLAIM = "(the whole claim)"


def parse_number(text: str) -> float | None:
    """A corrected value as typed: ``4e12``, ``4,000,000``, ``2.5 × 10^9``; None if unreadable."""
    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    cleaned = re.sub(r"[×x\*]10\^?", "e", cleaned)
    try:
        return float(cleaned)
    except ValueError:
        return None


class ReviewScreen(ModalScreen[bool]):
    """Returns True when a review was stored."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="review.cancel"),
        Binding("ctrl+s", "save", "Save", id="review.save"),
    ]

    def __init__(self, detail: ClaimDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        detail = self.detail
        rules = [f.rule for f in detail.findings]
        with Vertical(id="review-dialog"):
            header = Text("Review claim ", style="bold")
            header.append(f"#{detail.id}: {one_line(detail.value_text)}", style="bold")
            header.append(f"\n“{one_line(detail.quote, 70)}”", style="italic")
            yield Static(header, id="review-header")
            with Horizontal(classes="review-row"):
                yield Label("status", classes="review-label")
                yield Select(
                    [(status, status) for status in REVIEW_STATUSES],
                    allow_blank=False,
                    value="confirmed",
                    id="status",
                    compact=True,
                )
            with Horizontal(classes="review-row"):
                yield Label("applies to", classes="review-label")
                yield Select(
                    [(WHOLE_CLAIM, WHOLE_CLAIM), *((Text(one_line(r)), r) for r in rules)],
                    allow_blank=False,
                    value=rules[0] if rules else WHOLE_CLAIM,
                    id="rule",
                    compact=True,
                )
            with Horizontal(classes="review-row"):
                yield Label("corrected", classes="review-label")
                yield Input(
                    placeholder=f"value in {format_unit(detail.unit) or 'the claim unit'}",
                    id="corrected",
                    compact=True,
                )
            with Horizontal(classes="review-row"):
                yield Label("note", classes="review-label")
                yield Input(placeholder="why", id="note", compact=True)
            with Horizontal(classes="review-row"):
                yield Label("reviewer", classes="review-label")
                yield Input(
                    value=getattr(self.app, "reviewer", ""),
                    placeholder="your name",
                    id="reviewer",
                    compact=True,
                )
            yield Static("", id="review-error")
            with Horizontal(id="review-buttons"):
                yield Button("Save ^s", variant="primary", id="save", compact=True)
                yield Button("Cancel esc", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#status", Select).focus()

    def chosen_status(self) -> str:
        value = self.query_one("#status", Select).value
        return str(value) if value is not Select.NULL else "confirmed"

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        status = self.chosen_status()
        rule_value = self.query_one("#rule", Select).value
        rule = None if rule_value in (WHOLE_CLAIM, Select.NULL) else str(rule_value)
        corrected_text = self.query_one("#corrected", Input).value
        corrected: float | None = None
        if corrected_text.strip():
            corrected = parse_number(corrected_text)
            if corrected is None:
                self._error(f"cannot read {corrected_text!r} as a number")
                return
        if status == "corrected" and corrected is None:
            self._error("a correction needs the corrected value")
            return
        note = self.query_one("#note", Input).value.strip()
        reviewer = self.query_one("#reviewer", Input).value.strip()
        engine = self.app.engine  # type: ignore[attr-defined]
        claim_id = self.detail.id

        def write() -> None:
            try:
                with session_scope(engine) as session:
                    add_review(
                        session,
                        claim_id,
                        status,
                        rule=rule,
                        corrected_value=corrected,
                        note=note,
                        reviewer=reviewer,
                    )
            except ReviewError as exc:
                self.app.call_from_thread(self._error, str(exc))
                return
            self.app.call_from_thread(self.dismiss, True)

        self.run_worker(write, thread=True, exclusive=True, group="review", exit_on_error=False)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)

    def _error(self, message: str) -> None:
        self.query_one("#review-error", Static).update(Text(message))
