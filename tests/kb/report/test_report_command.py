"""`kb report` run as a user would: options, stdout or file, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import Engine

from kb.cli import cli


@pytest.fixture
def db(engine: Engine, sample_kb: dict[str, int]) -> str:
    return engine.url.render_as_string(hide_password=False)


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", db, "report", *args])
    return result.exit_code, result.stdout, result.stderr


def test_default_is_html_on_stdout(db: str) -> None:
    code, out, _ = run(db)
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and "3 trillion dollars" in out


def test_output_file_is_written_and_reported_on_stderr(db: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    code, out, err = run(db, "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"]
    assert f"wrote {target}" in err
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]  # no temporary left


def test_filters_narrow_the_listing(db: str, sample_kb: dict[str, int]) -> None:
    code, out, _ = run(
        db, "--format", "json", "--verdict", "inconsistent,questionable", "--since", "2025-01-01"
    )
    assert code == 0
    listed = {c["id"] for c in json.loads(out)["claims"] if c["listed"]}
    assert listed == {sample_kb["cost"], sample_kb["power"]}
    code, out, _ = run(db, "--format", "md", "--source", str(sample_kb["other"]))
    assert code == 0 and "## Rival outlet" in out and "Weekly digest" not in out
    code, out, _ = run(db, "--format", "claimreview", "--subject", "orion-7")
    assert code == 0 and len(json.loads(out)) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--verdict", "wrong"], "unknown verdict wrong"),
        (["--source", "999"], "no source with id 999"),
        (["--subject", "Nobody"], "no entity named 'Nobody'"),
        (["--since", "yesterday"], "'yesterday' does not match the format"),
        (["-o", "/nonexistent-dir/r.html"], "cannot write /nonexistent-dir/r.html"),
    ],
)
def test_user_errors_are_one_line_without_traceback(db: str, args: list[str], message: str) -> None:
    code, _, err = run(db, *args)
    assert code != 0
    assert message in err
    assert "Traceback" not in err
