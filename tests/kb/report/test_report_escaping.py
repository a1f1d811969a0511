"""Property tests: whatever text an article holds, the HTML stays inert and the Markdown stays
flat. Reports are built in memory here (no database), so hypothesis can try many texts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.report.gather import ClaimRow, FindingRow, Report, ReportScope, SourceRow, Summary
from kb.report.html import render_html
from kb.report.markdown import render_markdown

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=60)


def _report(title: str, sentence: str, quote: str, explanation: str) -> Report:
    source = SourceRow(1, None, 0, title, title, title, "origin", None, "und", "text")
    finding = FindingRow(
        1,
        1,
        "rule",
        "inconsistent",
        5.0,
        "W",
        1.0,
        2.0,
        "W",
        2.5,
        0.4,
        "high",
        quote,
        [{"claim_id": 1, "role": title}, {"catalog": title, "field": quote, "value": 1}],
        {title: {"low": 1, "high": 2, "note": sentence}},
        explanation,
        "v",
    )
    start = len(sentence)
    claim = ClaimRow(
        1,
        1,
        "fp",
        start,
        start + len(quote),
        quote,
        sentence + quote,
        0,
        5.0,
        "W",
        None,
        None,
        False,
        "=",
        "power",
        title,
        {},
        "inconsistent",
        0.4,
        [finding],
        [],
    )
    source.claims.append(claim)
    source.claim_count = 1
    summary = Summary(
        1,
        0,
        1,
        {"inconsistent": 1, "questionable": 0, "consistent": 0, "unchecked": 0},
        {"inconsistent": 1, "questionable": 0, "consistent": 0, "unchecked": 0},
        0,
    )
    return Report(
        generated_at=datetime(2026, 1, 1, tzinfo=UTC),
        scope=ReportScope(),
        summary=summary,
        sources=[source],
        claims={1: claim},
        cited_claims={},
        sources_by_id={1: source},
        most_severe=[finding],
        cross_source=[],
    )


@settings(max_examples=60, deadline=None)
@given(title=texts, sentence=texts, quote=texts.filter(str.strip), explanation=texts)
def test_html_never_gains_elements_or_handlers_from_text(
    parse_html: Callable[[str], Any], title: str, sentence: str, quote: str, explanation: str
) -> None:
    elements = parse_html(render_html(_report(title, sentence, quote, explanation)))
    allowed = {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "section",
        "div",
        "b",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
        "nav",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "article",
        "span",
        "blockquote",
        "mark",
        "ul",
        "code",
        "svg",
        "g",
        "text",
        "rect",
        "line",
        "circle",
        "path",
        "br",
    }
    for tag, attrs in elements.tags:
        assert tag in allowed, tag
        assert not any(name.startswith("on") for name in attrs), attrs
    # The quote is shown exactly, inside its mark.
    assert " ".join(elements.marked) == quote


@settings(max_examples=60, deadline=None)
@given(title=texts, sentence=texts, quote=texts.filter(str.strip), explanation=texts)
def test_markdown_text_cannot_open_html_or_break_lines(
    title: str, sentence: str, quote: str, explanation: str
) -> None:
    output = render_markdown(_report(title, sentence, quote, explanation))
    outside_code = output.split("```")[0::2]
    for chunk in outside_code:
        for position, char in enumerate(chunk):
            if char == "<" and chunk[position - 1 : position] != "\\":
                # Only autolinks we wrote ourselves (<https://…>) may open an angle bracket.
                assert chunk.startswith("<http", position), chunk[position : position + 20]
