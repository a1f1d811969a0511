"""`kb tui`: the command starts the app on the configured database with the user's keymap,
and reports a bad config or database in one line, without a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kb.cli import cli
from tui.keymap import KeymapError, binding_ids, parse_keymap

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Records the apps `kb tui` would run instead of taking over the terminal."""
    from tui.app import ClaimKBApp

    apps: list[Any] = []
    monkeypatch.setattr(ClaimKBApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def write_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(body, encoding="utf-8")
    monkeypatch.setenv("KB_CONFIG", str(config))
    return config


def test_tui_starts_on_the_database_with_the_keymap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[Any]
) -> None:
    write_config(
        tmp_path, monkeypatch, '[tui.keys]\n"claims.search" = "ctrl+f"\n"app.quit" = ["q", "Q"]\n'
    )
    db = tmp_path / "kb.sqlite"
    result = CliRunner().invoke(cli, ["--db", str(db), "tui", "--reviewer", "ed"])
    assert result.exit_code == 0, result.output
    (app,) = started
    assert app.reviewer == "ed"
    assert str(app.engine.url).endswith("kb.sqlite")
    assert app._keymap["claims.search"] == "ctrl+f"  # noqa: SLF001
    assert app._keymap["app.quit"] == "q,Q"  # noqa: SLF001


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[tui.keys]\n"claims.nope" = "x"\n', "unknown binding id 'claims.nope'"),
        ('[tui.keys]\n"app.quit" = 3\n', "'app.quit' must be a key string"),
        ('[tui.keys]\n"app.quit" = ""\n', "'app.quit' has an empty or bad key"),
        ("[tui]\nkeys = 1\n", "[tui.keys] must be a table"),
        ("[tui.keys\n", "cannot read config"),
    ],
)
def test_bad_keymap_is_one_line_naming_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[Any], body: str, message: str
) -> None:
    config = write_config(tmp_path, monkeypatch, body)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "kb.sqlite"), "tui"])
    assert result.exit_code == 1
    assert message in result.output and str(config) in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert started == []


def test_unusable_database_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[Any]
) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database file at all" * 100)
    result = CliRunner().invoke(cli, ["--db", str(junk), "tui"])
    assert result.exit_code == 1
    assert "junk.sqlite" in result.output and "Traceback" not in result.output
    assert started == []


def test_every_binding_id_can_be_remapped() -> None:
    ids = binding_ids()
    keymap = parse_keymap({binding_id: "f12" for binding_id in ids})
    assert set(keymap) == ids
    with pytest.raises(KeymapError):
        parse_keymap({"table.down": ["j", 5]})


def test_tui_help_and_core_imports_stay_free_of_textual() -> None:
    result = CliRunner().invoke(cli, ["tui", "--help"])
    assert result.exit_code == 0 and "[tui.keys]" in result.output
    code = (
        "import sys, kb.cli, kb.commands.tui, kb.browse; "
        "print(any(m.split('.')[0] in ('textual', 'tui') for m in sys.modules))"
    )
    imported = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert imported.stdout.strip() == "False"
