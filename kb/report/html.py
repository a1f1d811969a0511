"""The report as one self-contained HTML file: inline CSS and SVG, no scripts, no external assets.

Every piece of text that came from an article or the database goes through `_e` (HTML escape,
quotes included), and the page carries a Content-Security-Policy that forbids scripts, so a
hostile article cannot run code in an editor's browser. Links are made only for http(s) URLs.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Iterator

from kb.report.gather import (
    ClaimRow,
    FindingRow,
    Report,
    SourceRow,
    worst_finding,
)
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

VERDICT_COLOURS = {
    "inconsistent": "#b3261e",
    "questionable": "#b26a00",
    "consistent": "#1b7a3a",
    "unchecked": "#6b6b6b",
}

CSS = """
:root { --ink:#1d1d1f; --muted:#5f6368; --rule:#d9d9de; --bad:#b3261e; --warn:#b26a00;
  --ok:#1b7a3a; --band:#cfe8d6; --mark:#fff1a8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
  "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); margin: 0 auto;
  max-width: 1100px; padding: 24px 32px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 24px 0 6px; }
h4 { font-size: 15px; margin: 0 0 6px; }
.meta, .muted { color: var(--muted); font-size: 13px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
.badge { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 12px;
  font-weight: 600; color: #fff; vertical-align: 1px; }
.v-inconsistent { background: var(--bad); }
.v-questionable { background: var(--warn); }
.v-consistent { background: var(--ok); }
.v-unchecked { background: #6b6b6b; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px;
  border-bottom: 1px solid var(--rule); }
th { font-weight: 600; background: #f5f5f7; }
td.num { white-space: nowrap; }
td.quote { min-width: 8em; }
td.where { min-width: 9em; }
td.why { min-width: 12em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0;
  font-size: 13.5px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
article.claim { border: 1px solid var(--rule); border-left: 5px solid var(--rule);
  border-radius: 4px; padding: 10px 14px; margin: 12px 0; break-inside: avoid; }
article.claim.inconsistent { border-left-color: var(--bad); }
article.claim.questionable { border-left-color: var(--warn); }
blockquote { margin: 6px 0; padding: 6px 10px; background: #f7f7f9; border-radius: 4px; }
mark { background: var(--mark); padding: 0 2px; font-weight: 600; }
.finding { margin: 8px 0 0; padding: 6px 0 0; border-top: 1px dashed var(--rule); }
.explanation { margin: 4px 0; }
ul.compact { margin: 2px 0 2px 18px; padding: 0; font-size: 13.5px; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }
nav ol { columns: 2; font-size: 13.5px; }
a { color: #0b57d0; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  h2 { break-before: auto; break-after: avoid; }
  h3, h4 { break-after: avoid; }
  article.claim, table tr, svg.chart { break-inside: avoid; }
  table { font-size: 8.5pt; }
  td.num { white-space: normal; }
  td.why { min-width: 40%; }
  a { color: inherit; text-decoration: none; }
  .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  mark, .v-inconsistent, .v-questionable, .v-consistent { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _badge(verdict: str) -> str:
    label = VERDICT_LABELS.get(verdict, verdict)
    return f'<span class="badge v-{_e(verdict)}">{_e(label)}</span>'


def _link(url: str | None) -> str:
    if not url:
        return ""
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>'
    return _e(url)


def _marked_sentence(claim: ClaimRow) -> str:
    before, quote, after = claim.sentence_parts()
    marked = f"<mark>{_e(quote)}</mark>" if quote else ""
    return f"{_e(before)}{marked}{_e(after)}"


def render_html(report: Report) -> str:
    """The whole report as one HTML document (a str)."""
    return "".join(iter_html(report))


def iter_html(report: Report) -> Iterator[str]:
    """The document in pieces, for writing a large report without holding all of it."""
    yield '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    yield f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    yield "<title>claimkb consistency report</title>\n"
    yield f"<style>{CSS}</style>\n</head>\n<body>\n"
    yield from _header(report)
    yield from _summary(report)
    yield from _contents(report)
    for source in report.sources:
        yield from _source_section(report, source)
    yield from _cross_source(report)
    yield from _catalog(report)
    yield "</body>\n</html>\n"


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
    yield "<header>\n<h1>Consistency report</h1>\n"
    yield (
        f'<p class="meta">Generated {_e(report.generated_at.strftime("%Y-%m-%d %H:%M UTC"))}'
        f" · {_e('; '.join(described) or 'every current source')}</p>\n</header>\n"
    )


def _summary(report: Report) -> Iterable[str]:
    summary = report.summary
    yield '<section id="summary">\n<h2>Summary</h2>\n<div class="cards">\n'
    cards = [("Sources", summary.sources)]
    if summary.articles:
        cards.append(("Articles", summary.articles))
    cards.append(("Claims", summary.claims))
    for verdict in ("inconsistent", "questionable", "consistent", "unchecked"):
        cards.append((f"{VERDICT_LABELS[verdict]} claims", summary.claims_by_verdict[verdict]))
    cards.append(("Reviews", summary.reviews))
    for label, count in cards:
        yield f'<div class="card"><b>{count:,}</b>{_e(label)}</div>\n'
    yield "</div>\n"
    findings = ", ".join(
        f"{count:,} {VERDICT_LABELS[verdict].lower()}"
        for verdict, count in summary.findings_by_verdict.items()
        if count
    )
    yield f'<p class="muted">Findings by verdict: {_e(findings or "none")}.</p>\n'
    yield "<h3>Most severe findings</h3>\n"
    if not report.most_severe:
        yield "<p>No flagged findings.</p>\n</section>\n"
        return
    yield from _svg_chart(
        [(report.claims[f.claim_id], f) for f in report.most_severe if f.has_band]
    )
    yield (
        "<table>\n<thead><tr><th>#</th><th>Verdict</th><th>Claim</th><th>Source</th>"
        "<th>Claimed</th><th>Expected</th><th>Off by</th><th>Why</th></tr></thead>\n<tbody>\n"
    )
    for rank, finding in enumerate(report.most_severe, start=1):
        claim = report.claims[finding.claim_id]
        source = report.sources_by_id.get(claim.source_id)
        yield (
            f"<tr><td>{rank}</td><td>{_badge(finding.verdict)}</td>"
            f'<td class="quote"><a href="#claim-{claim.id}">“{_e(claim.quote)}”</a></td>'
            f'<td class="where">{_e(source.label if source else "")}</td>'
            f'<td class="num">{_e(format_claimed(claim))}</td>'
            f'<td class="num">{_e(format_band(finding))}</td>'
            f'<td class="num">{_e(format_ratio(finding.ratio))}</td>'
            f'<td class="why">{_e(finding.explanation)}</td></tr>\n'
        )
    yield "</tbody></table>\n</section>\n"


def _contents(report: Report) -> Iterable[str]:
    if not report.sources:
        yield "<p>No sources in scope.</p>\n"
        return
    yield "<nav>\n<h2>Sources</h2>\n<ol>\n"
    for source in report.sources:
        flagged = sum(len(s.flagged_claims()) for s in [source, *source.articles])
        note = f" — {flagged} flagged" if flagged else ""
        yield f'<li><a href="#source-{source.id}">{_e(source.label)}</a>{_e(note)}</li>\n'
    if report.cross_source:
        yield '<li><a href="#cross-source">Cross-source contradictions</a></li>\n'
    yield "</ol>\n</nav>\n"


def _source_section(report: Report, source: SourceRow) -> Iterable[str]:
    yield f'<section id="source-{source.id}">\n<h2>{_e(source.label)}</h2>\n'
    yield from _facts(source)
    if source.articles:
        yield f'<p class="muted">Anthology of {plural(len(source.articles), "article")}.</p>\n'
        if source.claims or source.claim_count:
            yield from _claims_block(report, source, heading="h3")
        for article in source.articles:
            yield f'<section id="source-{article.id}">\n<h3>{_e(article.label)}</h3>\n'
            yield from _facts(article)
            yield from _claims_block(report, article, heading="h4")
            yield "</section>\n"
    else:
        yield from _claims_block(report, source, heading="h3")
    yield "</section>\n"


def _facts(source: SourceRow) -> Iterable[str]:
    facts = source_facts(source)
    if not facts:
        return
    yield '<dl class="facts">\n'
    for label, text in facts:
        value = _link(text) if label == "URL" else _e(text)
        yield f"<dt>{_e(label)}</dt><dd>{value}</dd>\n"
    yield "</dl>\n"


def _claims_block(report: Report, source: SourceRow, heading: str) -> Iterable[str]:
    flagged = source.flagged_claims()
    consistent = source.consistent_claims()
    yield (
        f'<p class="muted">{plural(source.claim_count, "claim")}: '
        f"{len(flagged):,} flagged, "
        f"{len(consistent):,} consistent, {source.unchecked_count:,} not checked "
        "(no rule applies).</p>\n"
    )
    yield from _chart(source)
    for claim in flagged:
        yield from _claim_article(report, claim)
    if consistent:
        yield f"<{heading}>Consistent claims</{heading}>\n"
        yield (
            "<table>\n<thead><tr><th>Claim</th><th>Sentence</th><th>Claimed</th>"
            "<th>Expected</th><th>Rule</th></tr></thead>\n<tbody>\n"
        )
        for claim in consistent:
            finding = worst_finding(claim)
            band = format_band(finding) if finding else "—"
            rule = finding.rule if finding else ""
            yield (
                f'<tr id="claim-{claim.id}"><td>“{_e(claim.quote)}”</td>'
                f"<td>{_marked_sentence(claim)}</td>"
                f'<td class="num">{_e(format_claimed(claim))}</td>'
                f'<td class="num">{_e(band)}</td><td>{_e(rule)}</td></tr>\n'
            )
        yield "</tbody></table>\n"


def _claim_article(report: Report, claim: ClaimRow) -> Iterable[str]:
    yield f'<article class="claim {_e(claim.verdict)}" id="claim-{claim.id}">\n'
    subject = f" · {claim.subject}" if claim.subject else ""
    yield (
        f"<h4>{_badge(claim.verdict)} “{_e(claim.quote)}” — claimed "
        f"{_e(format_claimed(claim))}</h4>\n"
        f'<p class="muted">{_e(claim.kind)}{_e(subject)} · claim #{claim.id}</p>\n'
        f"<blockquote>{_marked_sentence(claim)}</blockquote>\n"
    )
    ordered = sorted(claim.findings, key=lambda f: (not f.flagged, -f.severity, f.id))
    for finding in ordered:
        yield from _finding_block(report, finding)
    if claim.reviews:
        yield '<p><b>Editor review</b></p>\n<ul class="compact">\n'
        for review in claim.reviews:
            yield f"<li>{_e(describe_review(review))}</li>\n"
        yield "</ul>\n"
    yield "</article>\n"


def _finding_block(report: Report, finding: FindingRow) -> Iterable[str]:
    yield '<div class="finding">\n'
    yield (
        f"<p>{_badge(finding.verdict)} rule <code>{_e(finding.rule)}</code>"
        f' <span class="muted">confidence {_e(finding.confidence)}</span></p>\n'
    )
    if finding.explanation:
        yield f'<p class="explanation">{_e(finding.explanation)}</p>\n'
    yield '<dl class="facts">\n'
    rows = [
        ("Claimed", format_quantity(finding.claimed_value, finding.claimed_unit)),
        ("Expected", format_band(finding)),
        ("Off by", format_ratio(finding.ratio)),
    ]
    if finding.ratio is not None:
        rows.append(("Ratio", format_number(finding.ratio)))
    if finding.implied:
        rows.append(("Implied", finding.implied))
    for label, text in rows:
        if text and text != "—":
            yield f"<dt>{_e(label)}</dt><dd>{_e(text)}</dd>\n"
    yield "</dl>\n"
    assumptions = describe_assumptions(finding.assumptions)
    if assumptions:
        yield '<p class="muted">Assumptions</p>\n<ul class="compact">\n'
        yield "".join(f"<li>{_e(line)}</li>\n" for line in assumptions)
        yield "</ul>\n"
    if finding.inputs:
        yield '<p class="muted">Inputs</p>\n<ul class="compact">\n'
        for item in finding.inputs:
            if not isinstance(item, dict):
                continue
            text = _e(describe_input(report, item))
            claim_id = item.get("claim_id")
            if isinstance(claim_id, int) and claim_id in report.claims:
                text = f'<a href="#claim-{claim_id}">{text}</a>'
            yield f"<li>{text}</li>\n"
        yield "</ul>\n"
    yield "</div>\n"


def _chart(source: SourceRow) -> Iterable[str]:
    """The chart of a source's checked claims, most severe first."""
    charted = source.charted_claims()
    charted.sort(key=lambda pair: (-pair[1].severity, pair[0].start, pair[0].id))
    yield from _svg_chart(charted)


def _svg_chart(charted: list[tuple[ClaimRow, FindingRow]]) -> Iterable[str]:
    """An SVG strip per claim: the expected band (green) and the claim (dot), on a log axis
    centred on the band, so distance from the band reads as orders of magnitude."""
    if not charted:
        return
    shown = charted[:CHART_MAX_ROWS]
    rows = []
    for claim, finding in shown:
        positions = chart_positions(finding, claim)
        if positions is not None:
            rows.append((claim, finding, positions))
    if not rows:
        return
    extent = max(2.0, *(max(abs(p[0]), abs(p[1]), abs(p[2])) for _, _, p in rows))
    extent = min(math.ceil(extent + 0.25), 8)
    label_width, plot_width, right_width = 230, 560, 150
    width = label_width + plot_width + right_width
    row_height, top, bottom = 24, 30, 26
    height = top + row_height * len(rows) + bottom

    def x_of(offset: float) -> float:
        clamped = max(-extent, min(extent, offset))
        return label_width + (clamped + extent) / (2 * extent) * plot_width

    title = f"Claimed value against expected band, log scale, {len(rows)} claims"
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="system-ui, sans-serif" font-size="11">\n<title>{_e(title)}</title>\n'
    ]
    step = 1 if extent <= 4 else 2
    for decade in range(-extent, extent + 1, step):
        x = x_of(decade)
        label = "band centre" if decade == 0 else f"×10{_sup(decade)}"
        out.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - bottom + 4}" '
            f'stroke="#e3e3e8"/>\n<text x="{x:.1f}" y="{top - 10}" text-anchor="middle" '
            f'fill="#5f6368">{_e(label)}</text>\n'
        )
    for index, (claim, finding, (band_low, band_high, claimed)) in enumerate(rows):
        y = top + row_height * index + row_height / 2
        colour = VERDICT_COLOURS.get(finding.verdict, "#6b6b6b")
        band_x1, band_x2 = x_of(band_low), x_of(band_high)
        point_x = x_of(claimed)
        label = claim.quote if len(claim.quote) <= 30 else claim.quote[:29] + "…"
        tip = (
            f"{claim.quote}: {format_claimed(claim)}; expected {format_band(finding)}; "
            f"{format_ratio(finding.ratio)}"
        )
        out.append(
            f"<g><title>{_e(tip)}</title>\n"
            f'<text x="{label_width - 8}" y="{y + 4:.1f}" text-anchor="end">{_e(label)}</text>\n'
            f'<rect x="{band_x1:.1f}" y="{y - 7:.1f}" width="{max(band_x2 - band_x1, 2):.1f}" '
            f'height="14" rx="3" fill="#cfe8d6" stroke="#1b7a3a" stroke-width="0.8"/>\n'
        )
        if claimed > band_high or claimed < band_low:
            edge = band_x2 if claimed > band_high else band_x1
            out.append(
                f'<line x1="{edge:.1f}" y1="{y:.1f}" x2="{point_x:.1f}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="3 2"/>\n'
            )
        clipped = abs(claimed) > extent
        shape = (
            f'<path d="M{point_x - 6:.1f},{y - 6:.1f} L{point_x + 6:.1f},{y:.1f} '
            f'L{point_x - 6:.1f},{y + 6:.1f} Z" fill="{colour}"/>\n'
            if clipped and claimed > 0
            else f'<path d="M{point_x + 6:.1f},{y - 6:.1f} L{point_x - 6:.1f},{y:.1f} '
            f'L{point_x + 6:.1f},{y + 6:.1f} Z" fill="{colour}"/>\n'
            if clipped
            else f'<circle cx="{point_x:.1f}" cy="{y:.1f}" r="5.5" fill="{colour}" '
            'stroke="#fff" stroke-width="1"/>\n'
        )
        out.append(shape)
        out.append(
            f'<text x="{label_width + plot_width + 8}" y="{y + 4:.1f}" fill="{colour}">'
            f"{_e(format_ratio(finding.ratio))}</text>\n</g>\n"
        )
    out.append(
        f'<text x="{label_width}" y="{height - 6}" fill="#5f6368">'
        "Green: expected band. Dot: claimed value. Each grid step is a factor of "
        f"{'ten' if step == 1 else 'a hundred'}.</text>\n</svg>\n"
    )
    if len(charted) > len(shown):
        out.append(
            f'<p class="muted">Chart shows the {len(shown)} most severe of '
            f"{len(charted):,} checked claims.</p>\n"
        )
    yield "".join(out)


def _sup(exponent: int) -> str:
    return str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _cross_source(report: Report) -> Iterable[str]:
    if not report.cross_source:
        return
    yield '<section id="cross-source">\n<h2>Cross-source contradictions</h2>\n'
    yield (
        "<table>\n<thead><tr><th>Verdict</th><th>Claim</th><th>Contradicts</th>"
        "<th>Off by</th><th>Why</th></tr></thead>\n<tbody>\n"
    )
    for finding in report.cross_source:
        claim = report.claims[finding.claim_id]
        source = report.sources_by_id.get(claim.source_id)
        others = [
            claim_reference(report, cid)
            for cid in finding.input_claim_ids()
            if cid != finding.claim_id
        ]
        yield (
            f"<tr><td>{_badge(finding.verdict)}</td>"
            f'<td><a href="#claim-{claim.id}">“{_e(claim.quote)}”</a> '
            f"({_e(format_claimed(claim))}) in {_e(source.label if source else '')}</td>"
            f"<td>{'<br>'.join(_e(o) for o in others) or '—'}</td>"
            f'<td class="num">{_e(format_ratio(finding.ratio))}</td>'
            f'<td class="why">{_e(finding.explanation)}</td></tr>\n'
        )
    yield "</tbody></table>\n</section>\n"


def _catalog(report: Report) -> Iterable[str]:
    figures = report.catalog_figures()
    if not figures:
        return
    yield '<section id="catalog">\n<h2>Catalog figures used</h2>\n'
    yield (
        "<table>\n<thead><tr><th>Hardware</th><th>Field</th><th>Value</th><th>Source</th>"
        "</tr></thead>\n<tbody>\n"
    )
    for item in figures:
        shown = format_value(item.get("value"), item.get("unit"))
        yield (
            f"<tr><td>{_e(item.get('catalog'))}</td><td>{_e(item.get('field'))}</td>"
            f'<td class="num">{_e(shown)}</td><td>{_e(item.get("source") or "")}</td></tr>\n'
        )
    yield "</tbody></table>\n</section>\n"
