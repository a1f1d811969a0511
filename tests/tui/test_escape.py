"""Article text is data: markup, escape sequences and control characters are shown literally.

An article containing ``[bold]``, ``[link=file:///etc/passwd]x[/link]`` and ``\\x1b[2J`` must
appear on screen as those characters, must not change any style or open a link, and must not
send an escape sequence to the terminal.
"""

from __future__ import annotations

from typing import Any

import pytest
from rich.style import Style
from rich.text import Text

from tests.tui.tui_pilot import settle, static_text
from tui.app import ClaimKBApp
from tui.rendering import highlighted_text, one_line, printable
from tui.screens.claim_detail import ClaimDetailScreen
from tui.screens.source import SourceScreen
from tui.widgets.claim_table import ClaimTable

pytestmark = pytest.mark.anyio


def test_control_characters_become_visible_stand_ins() -> None:
    assert printable("a\x1b[2Jb") == "a␛[2Jb"
    assert printable("bell\x07") == "bell␇"
    assert printable("nul\x00") == "nul␀"
    assert printable("del\x7f") == "del␡"
    assert printable("c1\x9b31m") == "c1<U+009B>31m"
    assert printable("rtl\u202eevil") == "rtl<U+202E>evil"
    assert printable("line\nnext") == "line\nnext"
    assert one_line("line\nnext\ttab\r\n") == "line next tab"


def test_highlight_offsets_survive_stand_ins() -> None:
    text = "\x1b[2J costs $4 trillion"
    start = text.index("$4")
    highlighted = highlighted_text(text, [(start, len(text), Style(bold=True))], {len(text): "!"})
    assert highlighted.plain == "␛[2J costs $4 trillion!"
    (span, _mark) = highlighted.spans
    assert highlighted.plain[span.start : span.end] == "$4 trillion"


def _no_markup_effects(text: Text) -> None:
    for span in text.spans:
        style = span.style if isinstance(span.style, Style) else Style.parse(str(span.style))
        assert style.link is None
        assert not style.meta


def _assert_hostile_text_literal(plain: str) -> None:
    assert "[bold]loud[/bold]" in plain
    assert "[link=file:///etc/passwd]x[/link]" in plain
    assert "␛[2J" in plain
    assert "␇" in plain
    assert "\x1b" not in plain and "\x07" not in plain


async def test_hostile_article_is_shown_literally_everywhere(small_kb: Any) -> None:
    engine, ids = small_kb
    app = ClaimKBApp(engine)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ClaimTable)
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        assert not any("\x1b" in cell for cell in cells)
        assert "[red]Hostile[/red] post" in cells  # the source title, as written

        app.open_source(ids["hostile"])
        await settle(pilot)
        source = app.screen
        assert isinstance(source, SourceScreen)
        meta = static_text(source, "#source-meta")
        assert "[red]Hostile[/red] post" in meta.plain
        _no_markup_effects(meta)
        body = Text("\n").join(w.content for w in source.block_widgets)  # type: ignore[misc]
        _assert_hostile_text_literal(body.plain)
        _no_markup_effects(body)
        screenshot = app.export_screenshot()
        assert "\x1b" not in screenshot and "\x07" not in screenshot
        assert "passwd" in screenshot

        app.open_claim(ids["hostile_gpus"])
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, ClaimDetailScreen)
        passage = static_text(detail, "#passage")
        assert "␛[2J" in passage.plain and "\x1b" not in passage.plain
        _no_markup_effects(passage)
