"""The scheduled-job list read by ``kb ingest --sources sources.toml``.

Format (every key checked; an unknown key or a wrong type is an error naming it)::

    [[source]]
    feed = "https://example.org/feed.xml"   # exactly one of: feed, url, path
    name = "Example feed"                    # optional label
    enabled = true                           # optional, default true

Relative ``path`` values are resolved against the folder holding the sources file, so the file
works from cron whatever the working directory.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from ingest.errors import ReadError
from ingest.url_rules import check_url

_KINDS = ("feed", "url", "path")
_OPTIONAL = {"name": str, "enabled": bool}


class SourcesFileError(ValueError):
    """A sources file that cannot be used; the message names the file and the bad key."""


def load_sources_file(path: str | Path) -> list[str]:
    """The enabled inputs listed in ``path``, in file order, ready for ``read_inputs``."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SourcesFileError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SourcesFileError(f"{path}: not valid TOML: {error}") from None
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise SourcesFileError(f"{path}: unknown top-level key {unknown[0]!r} (expected 'source')")
    sources = data.get("source", [])
    if not isinstance(sources, list) or not all(isinstance(item, dict) for item in sources):
        raise SourcesFileError(f"{path}: 'source' must be an array of tables ([[source]])")
    inputs: list[str] = []
    for position, source in enumerate(sources, start=1):
        where = f"{path}: source #{position}"
        for key, value in source.items():
            expected = _OPTIONAL.get(key, str if key in _KINDS else None)
            if expected is None:
                allowed = ", ".join((*_KINDS, *_OPTIONAL))
                raise SourcesFileError(f"{where}: unknown key {key!r} (expected one of: {allowed})")
            if not isinstance(value, expected):
                raise SourcesFileError(f"{where}: {key!r} must be a {expected.__name__}")
        kinds = [kind for kind in _KINDS if kind in source]
        if len(kinds) != 1:
            raise SourcesFileError(f"{where}: needs exactly one of 'feed', 'url' or 'path'")
        kind = kinds[0]
        value = source[kind].strip()
        if not value:
            raise SourcesFileError(f"{where}: {kind!r} is empty")
        if kind in {"feed", "url"}:
            try:
                check_url(value)
            except ReadError as error:
                raise SourcesFileError(f"{where}: {kind!r}: {error}") from None
        else:
            candidate = Path(value).expanduser()
            value = str(candidate if candidate.is_absolute() else path.parent / candidate)
        if source.get("enabled", True):
            inputs.append(value)
    return inputs
