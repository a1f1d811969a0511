"""`kb extract` on files: jsonl keys, anthology sources, failures."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claims.model import Claim
from kb.cli import cli

KEYS = set(Claim(0, 1, "x", "x", 1.0, "GPU").to_json("s"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["extract", *args])
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_has_exactly_the_public_keys(tmp_path: Path) -> None:
    article = tmp_path / "post.txt"
    article.write_text("The lab trained Grok-4 on 200K H100 chips for $8bn.\n", encoding="utf-8")
    code, out, _ = run(str(article), "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["quote"] for row in rows] == ["200K H100 chips", "$8bn"]
    assert all(set(row) == KEYS for row in rows)
    assert rows[0]["source"].endswith("post.txt")
    text = article.read_text(encoding="utf-8")
    assert all(text[row["start"] : row["end"]] == row["quote"] for row in rows)


def test_table_output(tmp_path: Path) -> None:
    article = tmp_path / "post.txt"
    article.write_text("训练消耗 280 万 GPU 小时。\n", encoding="utf-8")
    code, out, _ = run(str(article))
    assert code == 0
    assert "280 万 GPU 小时" in out and "gpu_hours" in out


def test_unreadable_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("It used 5 GPUs.\n", encoding="utf-8")
    code, out, err = run(str(tmp_path / "missing.txt"), str(good), "--format", "jsonl")
    assert code == 1
    assert "missing.txt" in err and len(err.strip().splitlines()) == 1
    assert "5 GPUs" in out
