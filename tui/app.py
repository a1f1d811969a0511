"""The browser app: holds the database engine and the keymap, and opens the claims screen."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from sqlalchemy.engine import Engine
from textual.app import App
from textual.binding import Binding, BindingType


class ClaimKBApp(App[None]):
    """`kb tui`: browse claims, their findings and sources; record reviews."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "claimkb"
    #: Every action has a key listed by ? (help); the palette would only take footer room.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

    def __init__(
        self,
        engine: Engine,
        keymap: dict[str, str] | None = None,
        reviewer: str = "",
    ) -> None:
        super().__init__()
        self.engine = engine
        self.reviewer = reviewer
        #: Claims reviewed in this session, so screens showing them can refresh their badge.
        self.reviewed_claims: set[int] = set()
        self._warmed = False
        if keymap:
            self.set_keymap(keymap)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """q does not quit from the review dialog: a half-written review is not thrown away
        by a stray key (esc closes the dialog first)."""
        from tui.screens.review import ReviewScreen

        if action == "quit" and isinstance(self.screen, ReviewScreen):
            return False
        return True

    def on_mount(self) -> None:
        from tui.screens.claims import ClaimsScreen

        self.push_screen(ClaimsScreen())

    def warm_up(self) -> None:
        """Called once the first page is on screen. The claim-detail screen reads the
        checker's claim graph, and importing the checker (pint, networkx) takes a few hundred
        ms: do it now, off the UI thread, rather than when the editor opens a claim."""
        if not self._warmed:
            self._warmed = True
            self.run_worker(_import_checker, thread=True, group="warm-up", exit_on_error=False)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_claim(self, claim_id: int) -> None:
        from tui.screens.claim_detail import ClaimDetailScreen

        self.push_screen(ClaimDetailScreen(claim_id))

    def open_source(self, source_id: int, claim_id: int | None = None) -> None:
        from tui.screens.source import SourceScreen

        self.push_screen(SourceScreen(source_id, claim_id))

    def open_sources(self) -> None:
        from tui.screens.sources import SourcesScreen

        self.push_screen(SourcesScreen())


def _import_checker() -> None:
    import checks.graph  # noqa: F401
