"""The user's config file (TOML), validated strictly: a bad key is named in the error.

[ingest]
max_bytes = 20_000_000
timeout = 20.0

[checks.bands]
mfu = [0.3, 0.5]

[tui.keys]
search = "/"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.locations import config_path

SECTIONS: dict[str, set[str] | None] = {
    "ingest": {"max_bytes", "timeout", "max_redirects", "user_agent"},
    "checks": {"bands"},
    "tui": {"keys"},
    "review": {"reviewer"},
}


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and the bad key."""


@dataclass(frozen=True)
class Config:
    path: Path
    ingest: dict[str, Any] = field(default_factory=dict)
    check_bands: dict[str, Any] = field(default_factory=dict)
    tui_keys: dict[str, str] = field(default_factory=dict)
    reviewer: str = ""


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    if not path.exists():
        return Config(path=path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    for section, value in data.items():
        if section not in SECTIONS:
            raise ConfigError(f"{path}: unknown section [{section}]")
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: [{section}] must be a table")
        allowed = SECTIONS[section]
        for key in value:
            if allowed is not None and key not in allowed:
                raise ConfigError(f"{path}: unknown key {section}.{key}")
    checks_section = data.get("checks", {})
    tui_section = data.get("tui", {})
    keys = tui_section.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f"{path}: tui.keys must map binding ids to key strings")
    return Config(
        path=path,
        ingest=dict(data.get("ingest", {})),
        check_bands=dict(checks_section.get("bands", {})),
        tui_keys=dict(keys),
        reviewer=str(data.get("review", {}).get("reviewer", "")),
    )
