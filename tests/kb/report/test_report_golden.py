"""The Markdown report over examples/articles, compared with a file checked in beside this test.

When extraction, checking or the examples change on purpose, regenerate it and read the diff:

    KB_UPDATE_GOLDEN=1 python -m pytest tests/kb/report/test_report_golden.py

The report is made with a fixed time, so the file holds no timestamp; Markdown never prints
file paths.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kb.database import open_engine
from kb.report import gather_report, render

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples" / "articles"
GOLDEN = Path(__file__).with_name("golden") / "examples_report.md"
FIXED_TIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_markdown_report_over_the_examples_matches_the_golden_file(tmp_path: Path) -> None:
    if not EXAMPLES.is_dir() or not any(EXAMPLES.iterdir()):
        pytest.skip("examples/articles is empty")
    from kb.pipeline import run_ingest

    engine = open_engine(f"sqlite:///{tmp_path / 'kb.sqlite'}")
    try:
        run_ingest(engine, [str(EXAMPLES)])
        text = render(gather_report(engine, generated_at=FIXED_TIME), "md")
    finally:
        engine.dispose()
    assert str(tmp_path) not in text and str(REPO) not in text
    if os.environ.get("KB_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), f"no golden file yet: run with KB_UPDATE_GOLDEN=1 to write {GOLDEN}"
    assert text == GOLDEN.read_text(encoding="utf-8")
