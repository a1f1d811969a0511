"""The report as Markdown: the HTML report's content, readable raw in a terminal and rendered
in a code-review tool.

Article text is escaped so that its ``*``, ``|``, ``<`` or backticks cannot turn into
formatting, table cells or raw HTML; the claim's span is shown in bold. The chart becomes a
fixed-width strip per claim on the same log axis the HTML chart uses.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator

from kb.report.gather import ClaimRow, FindingRow, Report, SourceRow, worst_finding
from kb.report.presentation import (
    CHART_MAX_ROWS,
    VERDICT_LABELS,
    chart_positions,
    claim_reference,
    describe_assumptions,
    describe_input,
    describe_review,
    format_band,
    format_claimed,
    format_number,
    format_quantity,
    format_ratio,
    format_value,
    plural,
    source_facts,
)

#: Characters Markdown could read as syntax; "_" only where it could open or close emphasis
#: (CommonMark ignores it inside words, so snake_case names stay readable).
_SPECIAL = re.compile(r"[\\`*\[\]<>|~]|(?<!\w)_|_(?!\w)")
GAUGE_WIDTH = 41


def _m(text: object) -> str:
    """Text made inert in Markdown: special characters escaped, line breaks flattened."""
    flat = " ".join(("" if text is None else str(text)).split())
    return _SPECIAL.sub(r"\\\g<0>", flat) if _SPECIAL.search(flat) else flat


def _marked_sentence(claim: ClaimRow) -> str:
    before, quote, after = claim.sentence_parts()
    marked = f"**{_m(quote)}**" if quote.strip() else ""
    # Keep the spaces next to the span, which _m would strip.
    lead = " " if before[-1:].isspace() else ""
    trail = " " if after[:1].isspace() else ""
    return f"{_m(before)}{lead}{marked}{trail}{_m(after)}".strip()


def _link(url: str) -> str:
    if url.lower().startswith(("http://", "https://")) and not re.search(r"[\s<>]", url):
        return f"<{url}>"
    return _m(url)


def _verdict(verdict: str) -> str:
    return VERDICT_LABELS.get(verdict, verdict).upper()


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document (a str)."""
    return "".join(iter_markdown(report))


def iter_markdown(report: Report) -> Iterator[str]:
    """The document line by line, with runs of blank lines at the end dropped."""
    blank_lines = 0
    first = True
    for line in _lines(report):
        if not line:
            blank_lines += 1
            continue
        yield ("" if first else "\n" * (blank_lines + 1)) + line
        blank_lines, first = 0, False
    yield "\n"


def _lines(report: Report) -> Iterator[str]:
    yield from _header(report)
    yield from _summary(report)
    for source in report.sources:
        yield from _source_section(report, source)
    yield from _cross_source(report)
    yield from _catalog(report)


def _header(report: Report) -> Iterable[str]:
    scope = report.scope
    described = []
    if scope.source_id is not None:
        described.append(f"source {scope.source_id}")
    if scope.since is not None:
        described.append(f"published since {scope.since.isoformat()}")
    if scope.subject:
        described.append(f"subject {scope.subject}")
    if scope.verdicts:
        described.append("listing " + ", ".join(scope.verdicts))
    yield "# Consistency report"
    yield ""
    when = report.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    yield f"Generated {when} · {_m('; '.join(described) or 'every current source')}"
    yield ""


def _summary(report: Report) -> Iterable[str]:
    summary = report.summary
    yield "## Summary"
    yield ""
    columns = (
        ["Sources", "Articles", "Claims"]
        + [VERDICT_LABELS[v] for v in summary.claims_by_verdict]
        + ["Reviews"]
    )
    values = [summary.sources, summary.articles, summary.claims]
    values += list(summary.claims_by_verdict.values()) + [summary.reviews]
    yield "| " + " | ".join(columns) + " |"
    yield "|" + "---:|" * len(columns)
    yield "| " + " | ".join(f"{v:,}" for v in values) + " |"
    yield ""
    findings = ", ".join(
        f"{count:,} {VERDICT_LABELS[verdict].lower()}"
        for verdict, count in summary.findings_by_verdict.items()
        if count
    )
    yield f"Findings by verdict: {findings or 'none'}."
    yield ""
    yield "### Most severe findings"
    yield ""
    if not report.most_severe:
        yield "No flagged findings."
        yield ""
        return
    yield from _gauge_block(
        [(report.claims[f.claim_id], f) for f in report.most_severe if f.has_band]
    )
    yield "| # | Verdict | Claim | Source | Claimed | Expected | Off by | Why |"
    yield "|---:|---|---|---|---|---|---|---|"
    for rank, finding in enumerate(report.most_severe, start=1):
        claim = report.claims[finding.claim_id]
        source = report.sources_by_id.get(claim.source_id)
        yield (
            f"| {rank} | {_verdict(finding.verdict)} | “{_m(claim.quote)}” "
            f"| {_m(source.label if source else '')} | {_m(format_claimed(claim))} "
            f"| {_m(format_band(finding))} | {_m(format_ratio(finding.ratio))} "
            f"| {_m(finding.explanation)} |"
        )
    yield ""


def _source_section(report: Report, source: SourceRow) -> Iterable[str]:
    yield f"## {_m(source.label)}"
    yield ""
    yield from _facts(source)
    if source.articles:
        yield f"Anthology of {plural(len(source.articles), 'article')}."
        yield ""
        if source.claims or source.claim_count:
            yield from _claims_block(report, source, level=3)
        for article in source.articles:
            yield f"### {_m(article.label)}"
            yield ""
            yield from _facts(article)
            yield from _claims_block(report, article, level=4)
    else:
        yield from _claims_block(report, source, level=3)


def _facts(source: SourceRow) -> Iterable[str]:
    facts = source_facts(source)
    if facts:
        yield " · ".join(
            f"{label}: {_link(text) if label == 'URL' else _m(text)}" for label, text in facts
        )
        yield ""


def _claims_block(report: Report, source: SourceRow, level: int) -> Iterable[str]:
    flagged = source.flagged_claims()
    consistent = source.consistent_claims()
    yield (
        f"{plural(source.claim_count, 'claim')}: {len(flagged):,} flagged, {len(consistent):,} "
        f"consistent, {source.unchecked_count:,} not checked (no rule applies)."
    )
    yield ""
    yield from _gauges(source)
    for claim in flagged:
        yield from _claim_entry(report, claim, level)
    if consistent:
        yield f"{'#' * level} Consistent claims"
        yield ""
        yield "| Claim | Sentence | Claimed | Expected | Rule |"
        yield "|---|---|---|---|---|"
        for claim in consistent:
            finding = worst_finding(claim)
            yield (
                f"| “{_m(claim.quote)}” | {_marked_sentence(claim)} "
                f"| {_m(format_claimed(claim))} "
                f"| {_m(format_band(finding) if finding else '—')} "
                f"| {_m(finding.rule if finding else '')} |"
            )
        yield ""


def _claim_entry(report: Report, claim: ClaimRow, level: int) -> Iterable[str]:
    yield (
        f"{'#' * level} {_verdict(claim.verdict)} “{_m(claim.quote)}” — claimed "
        f"{_m(format_claimed(claim))}"
    )
    yield ""
    subject = f" · {claim.subject}" if claim.subject else ""
    yield f"{_m(claim.kind + subject)} · claim #{claim.id}"
    yield ""
    yield f"> {_marked_sentence(claim)}"
    if claim.findings or claim.reviews:
        yield ""
    for finding in sorted(claim.findings, key=lambda f: (not f.flagged, -f.severity, f.id)):
        yield from _finding_entry(report, finding)
    for review in claim.reviews:
        yield f"- **Editor review**: {_m(describe_review(review))}"
    yield ""


def _finding_entry(report: Report, finding: FindingRow) -> Iterable[str]:
    yield (
        f"- **Rule `{finding.rule.replace('`', '')}`**: {_verdict(finding.verdict)}, "
        f"confidence {_m(finding.confidence)}"
    )
    if finding.explanation:
        yield f"  - Why: {_m(finding.explanation)}"
    figures = [
        ("Claimed", format_quantity(finding.claimed_value, finding.claimed_unit)),
        ("Expected", format_band(finding)),
        ("Off by", format_ratio(finding.ratio)),
    ]
    if finding.ratio is not None:
        figures.append(("Ratio", format_number(finding.ratio)))
    shown = [f"{label}: {_m(text)}" for label, text in figures if text and text != "—"]
    if shown:
        yield "  - " + " · ".join(shown)
    if finding.implied:
        yield f"  - Implied: {_m(finding.implied)}"
    for line in describe_assumptions(finding.assumptions):
        yield f"  - Assumption: {_m(line)}"
    for item in finding.inputs:
        if isinstance(item, dict):
            yield f"  - Input: {_m(describe_input(report, item))}"


def _gauges(source: SourceRow) -> Iterable[str]:
    """The gauges of a source's checked claims, most severe first."""
    charted = source.charted_claims()
    charted.sort(key=lambda pair: (-pair[1].severity, pair[0].start, pair[0].id))
    yield from _gauge_block(charted)


def _gauge_block(charted: list[tuple[ClaimRow, FindingRow]]) -> Iterable[str]:
    """One fixed-width line per claim: ``[===]`` the band, ``●`` the claim, on a log axis
    centred on the band; ``◀``/``▶`` when the claim lies beyond the drawn range."""
    if not charted:
        return
    rows = []
    for claim, finding in charted[:CHART_MAX_ROWS]:
        positions = chart_positions(finding, claim)
        if positions is not None:
            rows.append((claim, finding, positions))
    if not rows:
        return
    extent = max(2.0, *(max(abs(p[0]), abs(p[1]), abs(p[2])) for _, _, p in rows))
    extent = float(min(math.ceil(extent + 0.25), 8))
    label_width = min(30, max(_width(_plain(c.quote)) for c, _, _ in rows))

    def column(offset: float) -> int:
        clamped = max(-extent, min(extent, offset))
        return round((clamped + extent) / (2 * extent) * (GAUGE_WIDTH - 1))

    yield "```text"
    yield (
        f"{'':{label_width}}  log scale, ±{extent:g} decades around the expected band; "
        "[===] band, ● claim"
    )
    for claim, finding, (band_low, band_high, claimed) in rows:
        cells = ["·"] * GAUGE_WIDTH
        for index in range(column(band_low), column(band_high) + 1):
            cells[index] = "="
        if column(band_low) == column(band_high):
            cells[column(band_low)] = "|"
        else:
            cells[column(band_low)] = "["
            cells[column(band_high)] = "]"
        marker = "▶" if claimed > extent else "◀" if claimed < -extent else "●"
        cells[column(claimed)] = marker
        label = _fit(_plain(claim.quote), label_width)
        yield f"{label}  {''.join(cells)}  {format_ratio(finding.ratio)}"
    yield "```"
    yield ""


def _plain(text: str) -> str:
    """Text for inside a code block: one line, and no run of backticks that could close it."""
    return " ".join(text.split()).replace("`", "'")


def _width(text: str) -> int:
    """Terminal columns: CJK and other wide characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """``text`` clipped with "…" and padded to exactly ``width`` terminal columns."""
    if _width(text) > width:
        while text and _width(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


def _cross_source(report: Report) -> Iterable[str]:
    if not report.cross_source:
        return
    yield "## Cross-source contradictions"
    yield ""
    yield "| Verdict | Claim | Contradicts | Off by | Why |"
    yield "|---|---|---|---|---|"
    for finding in report.cross_source:
        claim = report.claims[finding.claim_id]
        source = report.sources_by_id.get(claim.source_id)
        others = "; ".join(
            claim_reference(report, cid)
            for cid in finding.input_claim_ids()
            if cid != finding.claim_id
        )
        yield (
            f"| {_verdict(finding.verdict)} | “{_m(claim.quote)}” ({_m(format_claimed(claim))}) "
            f"in {_m(source.label if source else '')} | {_m(others or '—')} "
            f"| {_m(format_ratio(finding.ratio))} | {_m(finding.explanation)} |"
        )
    yield ""


def _catalog(report: Report) -> Iterable[str]:
    figures = report.catalog_figures()
    if not figures:
        return
    yield "## Catalog figures used"
    yield ""
    yield "| Hardware | Field | Value | Source |"
    yield "|---|---|---|---|"
    for item in figures:
        shown = format_value(item.get("value"), item.get("unit"))
        yield (
            f"| {_m(item.get('catalog'))} | {_m(item.get('field'))} | {_m(shown)} "
            f"| {_m(item.get('source') or '')} |"
        )
    yield ""
