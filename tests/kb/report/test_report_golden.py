"""Reports over examples/articles, run through the real pipeline: the Markdown is compared with
a file checked in beside this test, and the JSON is validated against the schema.

When extraction, checking or the examples change on purpose, regenerate it and read the diff:

    KB_UPDATE_GOLDEN=1 python -m pytest tests/kb/report/test_report_golden.py

The report is made with a fixed time, so the file holds no timestamp; Markdown never prints
file paths.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from kb.database import open_engine
from kb.report import Report, gather_report, render
from kb.report.json import load_schema

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples" / "articles"
GOLDEN = Path(__file__).with_name("golden") / "examples_report.md"
FIXED_TIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def examples_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Report]:
    if not EXAMPLES.is_dir() or not any(EXAMPLES.iterdir()):
        pytest.skip("examples/articles is empty")
    from kb.pipeline import run_ingest

    folder = tmp_path_factory.mktemp("examples-kb")
    engine = open_engine(f"sqlite:///{folder / 'kb.sqlite'}")
    try:
        run_ingest(engine, [str(EXAMPLES)])
        yield gather_report(engine, generated_at=FIXED_TIME)
    finally:
        engine.dispose()


def test_markdown_report_over_the_examples_matches_the_golden_file(
    examples_report: Report,
) -> None:
    text = render(examples_report, "md")
    assert str(REPO) not in text
    if os.environ.get("KB_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), f"no golden file yet: run with KB_UPDATE_GOLDEN=1 to write {GOLDEN}"
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_json_report_over_the_examples_validates(examples_report: Report) -> None:
    document = json.loads(render(examples_report, "json"))
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    assert document["summary"]["claims"] > 0
    assert document["summary"]["most_severe_finding_ids"]


def test_html_report_over_the_examples_has_a_chart_per_checked_article(
    examples_report: Report,
) -> None:
    document = render(examples_report, "html")
    charted = [s for s in examples_report.walk_sources() if any(True for _ in s.charted_claims())]
    # One per charted source, plus the summary's chart of the most severe findings.
    assert document.count("<svg ") == len(charted) + 1
