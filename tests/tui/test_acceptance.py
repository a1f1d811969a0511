"""The issue's acceptance path, over a knowledge base built from examples/articles by the
real pipeline (ingest, extract, check): nothing here names a particular article or figure."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session
from textual.widgets import Input, OptionList, Select

from kb.models import Claim, Review
from tests.tui.tui_pilot import settle, static_text, table_badges
from tui.app import ClaimKBApp
from tui.screens.claim_detail import ClaimDetailScreen
from tui.screens.claims import ClaimsScreen
from tui.screens.help import HelpScreen
from tui.screens.review import ReviewScreen
from tui.screens.source import SourceScreen
from tui.widgets.claim_table import ClaimTable

pytestmark = pytest.mark.anyio


async def test_acceptance_path_over_the_examples(examples_kb: Any) -> None:
    engine = examples_kb
    with Session(engine) as session:
        inconsistent = session.execute(
            select(Claim.id).where(Claim.verdict == "inconsistent")
        ).all()
    assert inconsistent, "the examples hold at least one inconsistent claim"

    app = ClaimKBApp(engine, reviewer="acceptance")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        claims = app.screen
        assert isinstance(claims, ClaimsScreen)

        # filter to inconsistent
        await pilot.press("v")
        await settle(pilot)
        assert claims.filter.verdict == "inconsistent"
        assert claims.window and all(row.verdict == "inconsistent" for row in claims.window)
        assert set(table_badges(claims)) == {"✗ inconsistent"}
        assert f"{len(inconsistent)} inconsistent" in static_text(claims, "#counts").plain

        # open the first claim: its span is highlighted and its findings are listed
        first = claims.window[0]
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, ClaimDetailScreen) and detail.detail is not None
        assert detail.claim_id == first.id
        shown = detail.detail
        passage = static_text(detail, "#passage")
        marked = passage.plain.find(shown.quote.strip()[:10])
        assert marked >= 0
        assert any(span.start <= marked < span.end for span in passage.spans)
        assert "⟦✗⟧" in passage.plain
        assert shown.findings and any(f.verdict == "inconsistent" for f in shown.findings)

        # follow an input (or related) claim when the finding has one
        links = detail.query_one("#links", OptionList)
        targets = [links.get_option_at_index(i).id or "" for i in range(links.option_count)]
        claim_links = [t for t in targets if t.startswith("claim-")]
        if claim_links:
            await pilot.press("l", "enter")
            await settle(pilot)
            followed = app.screen
            assert isinstance(followed, ClaimDetailScreen)
            assert f"claim-{followed.claim_id}" == claim_links[0]
            await pilot.press("escape")
            await settle(pilot)
        assert app.screen is detail

        # the source: the claim is current, n steps through every claim and comes back
        await pilot.press("o")
        await settle(pilot)
        source = app.screen
        assert isinstance(source, SourceScreen) and source.detail is not None
        assert source.current_claim_id() == first.id
        visited = []
        for _ in range(len(source.detail.claims)):
            await pilot.press("n")
            visited.append(source.current_claim_id())
        assert visited[-1] == first.id
        assert sorted(visited) == sorted(span.claim_id for span in source.detail.claims)
        await pilot.press("escape")
        await settle(pilot)

        # add a review and see it in the table
        await pilot.press("r")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        review.query_one("#status", Select).value = "confirmed"
        review.query_one("#note", Input).value = "checked against the hardware"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is claims
        table = claims.query_one(ClaimTable)
        assert str(table.get_row_at(0)[0]) == "✎ reviewed"

        # search for the claim's own words finds it
        needle = shown.quote.strip()
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("slash")
        claims.query_one("#search", Input).value = needle
        await pilot.press("enter")
        await settle(pilot)
        assert first.id in {row.id for row in claims.window}

        # help lists the bindings
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)

    with Session(engine) as session:
        reviews = session.execute(select(Review.claim_id, Review.status)).all()
    assert [tuple(r) for r in reviews] == [(first.id, "confirmed")]


async def test_anthology_parts_show_their_parent_and_siblings(examples_kb: Any) -> None:
    from kb.models import Source

    with Session(examples_kb) as session:
        children = session.execute(
            select(Source.id, Source.parent_id)
            .where(Source.parent_id.is_not(None))
            .order_by(Source.parent_id, Source.position)
        ).all()
    if not children:
        pytest.skip("the examples hold no anthology")
    first_child, parent_id = children[0]
    siblings = [child for child, parent in children if parent == parent_id]
    app = ClaimKBApp(examples_kb)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_source(first_child)
        await settle(pilot)
        source = app.screen
        assert isinstance(source, SourceScreen)
        meta = static_text(source, "#source-meta").plain
        assert f"(#{parent_id})" in meta and "part of" in meta
        if len(siblings) > 1:
            assert f"#{siblings[1]}" in meta
            await pilot.press("right_square_bracket")
            await settle(pilot)
            assert isinstance(app.screen, SourceScreen)
            assert app.screen.source_id == siblings[1]
        await pilot.press("p")
        await settle(pilot)
        parent = app.screen
        assert isinstance(parent, SourceScreen) and parent.source_id == parent_id
        assert "articles split out" in static_text(parent, "#source-meta").plain
