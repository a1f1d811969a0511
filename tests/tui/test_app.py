"""Pilot tests: an editor's path through the browser, over the fixture knowledge base."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session
from textual.widgets import Input, OptionList, Select, Static

from kb.models import Review
from tests.tui.tui_pilot import settle, static_text, table_badges
from tui.app import ClaimKBApp
from tui.screens.claim_detail import ClaimDetailScreen
from tui.screens.claims import ClaimsScreen
from tui.screens.help import HelpScreen
from tui.screens.review import ReviewScreen
from tui.screens.source import SourceScreen
from tui.screens.sources import SourcesScreen
from tui.widgets.claim_table import ClaimTable
from tui.widgets.tables import VimDataTable

pytestmark = pytest.mark.anyio


async def test_claims_screen_lists_every_claim_with_badges(small_kb: Any) -> None:
    engine, ids = small_kb
    app = ClaimKBApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen)
        assert screen.query_one(ClaimTable).row_count == 8
        assert "8 claims, 1 inconsistent" in str(static_text(screen, "#counts"))
        badges = table_badges(screen)
        assert "✗ inconsistent" in badges and "? questionable" in badges
        assert "✓ consistent" in badges and "· unchecked" in badges


async def test_editor_path_filter_open_follow_source_review(small_kb: Any) -> None:
    engine, ids = small_kb
    app = ClaimKBApp(engine, reviewer="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        claims = app.screen
        assert isinstance(claims, ClaimsScreen)

        # filter to inconsistent: one claim left
        await pilot.press("v")
        await settle(pilot)
        assert claims.filter.verdict == "inconsistent"
        assert table_badges(claims) == ["✗ inconsistent"]
        assert "1 claim, 1 inconsistent" in str(static_text(claims, "#counts"))

        # open it: the span is highlighted in the passage, the finding is listed
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, ClaimDetailScreen)
        assert detail.claim_id == ids["cost"]
        passage = static_text(detail, "#passage")
        assert "$4 trillion⟦✗⟧" in passage.plain
        start = passage.plain.index("$4 trillion")
        styled = [s for s in passage.spans if s.start <= start < s.end]
        assert styled, "the claim's span carries a highlight style"
        finding_text = " ".join(
            str(w.content) for w in detail.query("#findings Static").results(Static)
        )
        assert "cost_from_gpu_hours" in finding_text and "4 × 10¹² USD" in finding_text

        # follow an input claim to its own detail
        await pilot.press("l", "enter")
        await settle(pilot)
        followed = app.screen
        assert isinstance(followed, ClaimDetailScreen)
        assert followed.claim_id == ids["gpus"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is detail

        # the source: the claim is current; n/N step through the claims
        await pilot.press("o")
        await settle(pilot)
        source = app.screen
        assert isinstance(source, SourceScreen)
        assert source.current_claim_id() == ids["cost"]
        await pilot.press("n")
        assert source.current_claim_id() == ids["power"]
        assert "claim 5 of 5" in static_text(source, "#source-status").plain
        await pilot.press("N", "N")
        assert source.current_claim_id() == ids["compute"]
        await pilot.press("escape")
        await settle(pilot)

        # review: dismiss the finding with a note
        await pilot.press("r")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        review.query_one("#status", Select).value = "dismissed"
        review.query_one("#note", Input).value = "the article means 4 billion"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is detail
        assert "dismissed" in static_text(detail, "#reviews").plain
        assert "reviewed" in static_text(detail, "#detail-title").plain

        # back on the claims table, the row now says reviewed
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is claims
        assert table_badges(claims) == ["✎ reviewed"]

    with Session(engine) as session:
        stored = session.execute(select(Review)).scalars().all()
    assert [(r.claim_id, r.status, r.rule, r.reviewer) for r in stored] == [
        (ids["cost"], "dismissed", "cost_from_gpu_hours", "tester")
    ]


async def test_search_finds_chinese_and_english_text(small_kb: Any) -> None:
    engine, ids = small_kb
    app = ClaimKBApp(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        claims = app.screen
        assert isinstance(claims, ClaimsScreen)
        await pilot.press("slash")
        await pilot.press(*"万块", "enter")
        await settle(pilot)
        assert [row.id for row in claims.window] == [ids["chinese_gpus"]]
        await pilot.press("slash", "ctrl+u")  # clear the box (Input's delete-to-start)
        await pilot.press(*"analysts", "enter")
        await settle(pilot)
        assert {row.id for row in claims.window} == {ids["cost"]}
        await pilot.press("x")
        await settle(pilot)
        assert len(claims.window) == 8


async def test_sorting_by_severity_puts_the_worst_first(small_kb: Any) -> None:
    engine, ids = small_kb
    app = ClaimKBApp(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        claims = app.screen
        assert isinstance(claims, ClaimsScreen)
        await pilot.press("s")
        await settle(pilot)
        assert claims.filter.sort == "severity"
        assert [row.id for row in claims.window[:2]] == [ids["cost"], ids["power"]]


async def test_help_lists_every_binding_with_its_id(small_kb: Any) -> None:
    engine, _ = small_kb
    app = ClaimKBApp(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(VimDataTable)
        ids = {str(table.get_row_at(i)[3]) for i in range(table.row_count)}
        from tui.keymap import binding_ids

        assert ids == binding_ids()
        assert {"claims.search", "table.down", "source.next", "review.save"} <= ids
        await pilot.press("escape")
        assert isinstance(app.screen, ClaimsScreen)


async def test_remapped_key_works_and_help_shows_it(small_kb: Any) -> None:
    engine, _ = small_kb
    app = ClaimKBApp(engine, keymap={"claims.verdict": "V"})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        claims = app.screen
        assert isinstance(claims, ClaimsScreen)
        await pilot.press("v")
        await settle(pilot)
        assert claims.filter.verdict is None
        await pilot.press("V")
        await settle(pilot)
        assert claims.filter.verdict == "inconsistent"
        await pilot.press("question_mark")
        await settle(pilot)
        table = app.screen.query_one(VimDataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert any(str(r[3]) == "claims.verdict" and str(r[1]) == "V" for r in rows)


async def test_sources_screen_counts_and_runs(small_kb: Any) -> None:
    engine, ids = small_kb
    app = ClaimKBApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        sources = app.screen
        assert isinstance(sources, SourcesScreen)
        table = sources.query_one("#sources-table", VimDataTable)
        by_id = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        orion = by_id[str(ids["orion"])]
        assert (str(orion[4]), str(orion[5])) == ("5", "2")
        await pilot.press("tab")
        await settle(pilot)
        assert "not a PDF file" in static_text(sources, "#run-errors").plain
        # c: back to the claims, filtered to the highlighted source
        await pilot.press("shift+tab")
        await pilot.press("c")
        await settle(pilot)
        claims = app.screen
        assert isinstance(claims, ClaimsScreen)
        newest_source = max(ids["orion"], ids["second"], ids["chinese"], ids["hostile"])
        assert claims.filter.source == f"#{newest_source}"
        assert {row.source_id for row in claims.window} == {newest_source}


async def test_links_list_inputs_related_and_source(small_kb: Any) -> None:
    engine, ids = small_kb
    app = ClaimKBApp(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_claim(ids["compute"])
        await settle(pilot)
        links = app.screen.query_one("#links", OptionList)
        targets = [links.get_option_at_index(i).id for i in range(links.option_count)]
        # the finding's inputs first, then the graph's neighbours, the source last
        assert targets[:2] == [f"claim-{ids['gpus']}", f"claim-{ids['days']}"]
        assert targets[-1] == f"source-{ids['orion']}"
        assert f"claim-{ids['cost']}" in targets  # same paragraph
        app.open_claim(ids["gpus"])
        await settle(pilot)
        links = app.screen.query_one("#links", OptionList)
        targets = [links.get_option_at_index(i).id for i in range(links.option_count)]
        # derived from it (same source) and the same subject and kind elsewhere
        assert f"claim-{ids['compute']}" in targets
        assert f"claim-{ids['chinese_gpus']}" in targets


async def test_a_failed_query_is_a_notification_not_a_crash(small_kb: Any) -> None:
    engine, _ = small_kb
    app = ClaimKBApp(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_claim(999_999)
        await settle(pilot)
        messages = [n.message for n in app._notifications]  # noqa: SLF001
        assert any("no claim with id 999999" in m for m in messages)
        await pilot.press("escape")
        assert isinstance(app.screen, ClaimsScreen)


async def test_table_adapts_when_the_terminal_grows(small_kb: Any) -> None:
    engine, _ = small_kb
    app = ClaimKBApp(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        assert [c.key for c in table.columns_shown] == ["badge", "subject", "value", "quote"]
        await pilot.press("j", "j")
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        keys = [c.key for c in table.columns_shown]
        assert {"kind", "source", "date"} <= set(keys)
        assert table.row_count == 8 and table.cursor_row == 2


async def test_q_does_not_quit_from_the_review_dialog(small_kb: Any) -> None:
    engine, ids = small_kb
    app = ClaimKBApp(engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_claim(ids["cost"])
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("q")
        assert isinstance(app.screen, ReviewScreen) and app.is_running
        await pilot.press("escape")
        assert isinstance(app.screen, ClaimDetailScreen)


async def test_source_screen_scrolls_each_claim_into_view(tmp_path: Any) -> None:
    from kb.database import open_engine
    from tests.tui.conftest import KBFactory

    paragraphs = [f"Paragraph {n} is filler text about nothing in particular." for n in range(60)]
    paragraphs[5] = "Early on, the lab bought 512 GPUs for its first cluster."
    paragraphs[55] = "Much later, it bought 8,192 GPUs for the second one."
    engine = open_engine(f"sqlite:///{tmp_path / 'kb.sqlite'}")
    with Session(engine) as session:
        make = KBFactory(session)
        source = make.source("Long article", "\n\n".join(paragraphs))
        early = make.claim(source, "512 GPUs", 512, "GPU", "chip_count")
        late = make.claim(source, "8,192 GPUs", 8192, "GPU", "chip_count")
        session.commit()
        source_id, early_id, late_id = source.id, early.id, late.id
    app = ClaimKBApp(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_source(source_id, late_id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        body = screen.query_one("#source-body")

        def on_screen(claim_id: int) -> bool:
            assert screen.detail is not None
            span = next(s for s in screen.detail.claims if s.claim_id == claim_id)
            block = screen.block_widgets[screen._block_of(span)]  # noqa: SLF001
            return body.region.overlaps(block.region)

        assert screen.current_claim_id() == late_id and on_screen(late_id)
        await pilot.press("n")  # wraps round to the first claim
        await settle(pilot)
        assert screen.current_claim_id() == early_id and on_screen(early_id)
        assert not on_screen(late_id)
    engine.dispose()
