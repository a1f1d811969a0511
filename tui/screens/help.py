"""The help screen (``?``): every binding, with its id for remapping in the config file."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.widgets.tables import VimDataTable


class HelpScreen(ModalScreen[None]):
    """Lists each screen's bindings with the keys in effect (after the user's keymap)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(
                Text(
                    'Keys (remap in the config file: [tui.keys] "binding id" = "key")',
                    style="bold",
                )
            )
            yield VimDataTable(id="help-table")

    def on_mount(self) -> None:
        from tui.keymap import binding_sections

        table = self.query_one(VimDataTable)
        table.add_column("where", key="where")
        table.add_column("keys", key="keys")
        table.add_column("does", key="does")
        table.add_column("binding id", key="id")
        keymap = self.app._keymap  # noqa: SLF001 (normalised keymap set by set_keymap)
        for section, bindings in binding_sections():
            for binding in bindings:
                keys = keymap.get(binding.id or "", binding.key)
                table.add_row(
                    Text(section, style="bold"),
                    Text(
                        _show_keys(keys, binding.key_display if binding.id not in keymap else None)
                    ),
                    Text(binding.description or binding.action),
                    Text(binding.id or "", style="dim"),
                )
        table.focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


def _show_keys(keys: str, display: str | None) -> str:
    names = {"question_mark": "?", "slash": "/", "escape": "esc"}
    shown = [names.get(k.strip(), k.strip()) for k in keys.split(",")]
    if display and len(shown) == 1:
        return display
    return ", ".join(shown)
