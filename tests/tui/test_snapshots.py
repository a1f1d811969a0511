"""Snapshot tests of the main screens (pytest-textual-snapshot).

After a deliberate change to a screen, look at the diff report, then accept it with
``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.tui.tui_pilot import settle
from tui.app import ClaimKBApp


def test_claims_screen_80x24(snap_compare: Any, small_kb: Any) -> None:
    engine, _ = small_kb
    assert snap_compare(ClaimKBApp(engine), terminal_size=(80, 24), run_before=settle)


def test_claims_screen_wide_sorted_by_severity(snap_compare: Any, small_kb: Any) -> None:
    engine, _ = small_kb

    async def sort_by_severity(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(ClaimKBApp(engine), terminal_size=(200, 30), run_before=sort_by_severity)


def test_claim_detail_screen(snap_compare: Any, small_kb: Any) -> None:
    engine, ids = small_kb
    app = ClaimKBApp(engine)

    async def open_cost(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app.open_claim(ids["cost"])
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 40), run_before=open_cost)


def test_source_screen(snap_compare: Any, small_kb: Any) -> None:
    engine, ids = small_kb
    app = ClaimKBApp(engine)

    async def open_source_at_cost(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app.open_source(ids["orion"], ids["cost"])
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_source_at_cost)
