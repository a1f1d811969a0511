"""Where the knowledge base and its config live, and how the user overrides that."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "claimkb"
DATABASE_ENV = "KB_DATABASE_URL"
CONFIG_ENV = "KB_CONFIG"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'kb.sqlite'}"


def database_url(explicit: str | None = None) -> str:
    """The database to use: ``--db`` first, then ``KB_DATABASE_URL``, then the data dir.

    A bare path is accepted too and taken as a SQLite file.
    """
    url = explicit or os.environ.get(DATABASE_ENV) or default_database_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    return url
