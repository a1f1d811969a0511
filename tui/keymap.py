"""Key bindings: every binding has an id, and users remap ids to keys in the config file.

    [tui.keys]
    "claims.search" = "ctrl+f"
    "app.quit" = ["q", "ctrl+q"]

The ids are listed by `kb tui`'s help screen (``?``); an unknown id or a value that is not a
key string is refused with a one-line error naming it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.binding import Binding, BindingType


class KeymapError(ValueError):
    """A config file whose ``[tui.keys]`` cannot be used; the message names the bad entry."""


def binding_sections() -> list[tuple[str, list[Binding]]]:
    """Every binding of the app, grouped by where it applies, for the help screen."""
    from tui.app import ClaimKBApp
    from tui.screens.claim_detail import ClaimDetailScreen
    from tui.screens.claims import ClaimsScreen
    from tui.screens.help import HelpScreen
    from tui.screens.review import ReviewScreen
    from tui.screens.source import SourceScreen
    from tui.screens.sources import SourcesScreen
    from tui.widgets.tables import VimDataTable

    sections: list[tuple[str, list[BindingType]]] = [
        ("Everywhere", ClaimKBApp.BINDINGS),
        ("Tables", VimDataTable.BINDINGS),
        ("Claims", ClaimsScreen.BINDINGS),
        ("Claim detail", ClaimDetailScreen.BINDINGS),
        ("Source", SourceScreen.BINDINGS),
        ("Sources", SourcesScreen.BINDINGS),
        ("Review", ReviewScreen.BINDINGS),
        ("Help", HelpScreen.BINDINGS),
    ]
    return [(title, _own_bindings(bindings)) for title, bindings in sections]


def _own_bindings(bindings: list[BindingType]) -> list[Binding]:
    result: list[Binding] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id:
            result.append(binding)
    return result


def binding_ids() -> set[str]:
    return {binding.id for _, bindings in binding_sections() for binding in bindings if binding.id}


def load_keymap(path: Path) -> dict[str, str]:
    """The ``[tui.keys]`` table of the config file at ``path`` as binding id -> keys
    (comma-separated); empty when the file or the table is absent."""
    if not path.exists():
        return {}
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KeymapError(f"{path}: cannot read config ({exc})") from exc
    tui_section = config.get("tui", {})
    if not isinstance(tui_section, dict):
        raise KeymapError(f"{path}: [tui] must be a table")
    keys = tui_section.get("keys", {})
    if not isinstance(keys, dict):
        raise KeymapError(f"{path}: [tui.keys] must be a table of binding id = key(s)")
    return parse_keymap(keys, source=str(path))


def parse_keymap(keys: dict[str, Any], source: str = "config") -> dict[str, str]:
    known = binding_ids()
    keymap: dict[str, str] = {}
    for binding_id, value in keys.items():
        if binding_id not in known:
            raise KeymapError(
                f"{source}: [tui.keys] has unknown binding id {binding_id!r} "
                "(press ? in `kb tui` to list them)"
            )
        if isinstance(value, str):
            key_list = [value]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            key_list = list(value)
        else:
            raise KeymapError(
                f"{source}: [tui.keys] {binding_id!r} must be a key string or a list of them"
            )
        cleaned = [k.strip() for k in key_list if k.strip()]
        if not cleaned or any("," in k for k in cleaned):
            raise KeymapError(f"{source}: [tui.keys] {binding_id!r} has an empty or bad key")
        keymap[binding_id] = ",".join(cleaned)
    return keymap
