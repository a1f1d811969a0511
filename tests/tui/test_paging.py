"""The claims table pages through the database: the cursor walks every claim in order, down
and up, while the table only ever holds a small window of rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from kb.browse import ClaimFilter, list_claims
from kb.database import open_engine
from tests.tui.conftest import KBFactory
from tests.tui.tui_pilot import settle
from tui import screens
from tui.app import ClaimKBApp
from tui.screens.claims import ClaimsScreen
from tui.widgets.claim_table import ClaimTable

pytestmark = pytest.mark.anyio


@pytest.fixture
def forty(tmp_path: Path) -> Any:
    engine = open_engine(f"sqlite:///{tmp_path / 'kb.sqlite'}")
    with Session(engine) as session:
        make = KBFactory(session)
        for s in range(4):
            source = make.source(f"Paging source {s}", " ".join(f"n{i:02d}x" for i in range(10)))
            for i in range(10):
                make.claim(source, f"n{i:02d}x", float(i), "GPU", "chip_count")
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(screens.claims, "PAGE", 8)
    monkeypatch.setattr(screens.claims, "MAX_WINDOW", 20)
    monkeypatch.setattr(screens.claims, "PREFETCH", 2)


def cursor_claim(screen: ClaimsScreen) -> int:
    row = screen.selected_row()
    assert row is not None
    table = screen.query_one(ClaimTable)
    assert table.claim_id_at(table.cursor_row) == row.id
    return row.id


async def test_cursor_walks_every_claim_down_and_up(forty: Any, small_pages: None) -> None:
    with Session(forty) as session:
        expected = [r.id for r in list_claims(session, ClaimFilter(), limit=1000).rows]
    assert len(expected) == 40
    app = ClaimKBApp(forty)
    async with app.run_test(size=(100, 12)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen)
        table = screen.query_one(ClaimTable)
        walked = [cursor_claim(screen)]
        for _ in range(39):
            await pilot.press("j")
            if screen.loading is not None:
                await settle(pilot)
            walked.append(cursor_claim(screen))
            assert table.row_count == len(screen.window) < len(expected)
            ids = [row.id for row in screen.window]
            start = expected.index(ids[0])
            assert ids == expected[start : start + len(ids)], "the window is one contiguous run"
            top, height = table.scroll_y, table.scrollable_content_region.height
            assert top <= table.cursor_row < top + height, "the cursor stays on screen"
        assert walked == expected
        assert not screen.more_after and screen.more_before

        await pilot.press("g")
        await settle(pilot)
        assert cursor_claim(screen) == expected[0] and not screen.more_before

        await pilot.press("G")
        await settle(pilot)
        walked_up = [cursor_claim(screen)]
        for _ in range(39):
            await pilot.press("k")
            if screen.loading is not None:
                await settle(pilot)
            walked_up.append(cursor_claim(screen))
        assert walked_up == list(reversed(expected))


async def test_scrolling_the_view_pages_in_more_rows(forty: Any, small_pages: None) -> None:
    """Mouse wheel and scroll bar move the view, not the cursor; rows still page in."""
    app = ClaimKBApp(forty)
    async with app.run_test(size=(100, 12)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen)
        table = screen.query_one(ClaimTable)
        seen: set[int] = set()
        for _ in range(25):
            table.scroll_relative(y=3, animate=False, immediate=True)
            await settle(pilot)
            seen.update(row.id for row in screen.window)
        assert len(seen) == 40 and not screen.more_after


async def test_counts_survive_a_jump_to_the_end(forty: Any, small_pages: None) -> None:
    app = ClaimKBApp(forty)
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.press("G")  # possibly before the counts have arrived
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen)
        assert screen.counts is not None and screen.counts.total == 40
        assert screen.window[-1].id == min(row.id for row in screen.window)
