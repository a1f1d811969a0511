"""One claim: its passage with the span highlighted, every finding with its band and gauge,
the reviews, and links to its inputs and related claims."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from kb.browse import ClaimDetail, FindingInfo, claim_detail, format_number, format_value
from tui.rendering import (
    CURRENT_SPAN,
    SPAN_STYLES,
    gauge,
    highlighted_text,
    one_line,
    safe_text,
    verdict_badge,
    verdict_mark,
)
from tui.screens.base import KBScreen, QueryDone, run_query


class ClaimDetailScreen(KBScreen):
    """Where a figure came from and why it was flagged."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="detail.back"),
        Binding("o", "open_source", "Source", id="detail.source"),
        Binding("r", "review", "Review", id="detail.review"),
        Binding("l", "focus_links", "Links", id="detail.links"),
        Binding("j", "scroll_body(1)", "Scroll down", show=False, id="detail.down"),
        Binding("k", "scroll_body(-1)", "Scroll up", show=False, id="detail.up"),
    ]

    def __init__(self, claim_id: int) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.detail: ClaimDetail | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-body"):
            yield Static(f"claim #{self.claim_id} — loading…", id="detail-title")
            yield Static("", id="detail-source")
            yield Static("Passage", classes="heading")
            yield Static("", id="passage")
            yield Static("Findings", classes="heading", id="findings-heading")
            yield Vertical(id="findings")
            yield Static("Reviews", classes="heading")
            yield Static("", id="reviews")
            yield Static("Inputs, related claims and source (enter opens)", classes="heading")
            yield OptionList(id="links")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.claim_id in self.app.reviewed_claims and self.detail is not None:  # type: ignore[attr-defined]
            self.load()

    def load(self) -> None:
        claim_id = self.claim_id
        run_query(self, "detail", lambda s: claim_detail(s, claim_id))

    def on_query_done(self, message: QueryDone) -> None:
        if message.purpose == "detail":
            self.show(message.result)

    def show(self, detail: ClaimDetail) -> None:
        self.detail = detail
        title = Text()
        title.append_text(verdict_badge(detail.badge))
        title.append("  ")
        title.append(one_line(detail.value_text), style="bold")
        title.append(f"  {one_line(detail.subject or 'no subject')} · {detail.kind}")
        title.append(f"  (claim #{detail.id})", style="dim")
        self.query_one("#detail-title", Static).update(title)

        source = detail.source
        source_line = Text("from ", style="dim")
        source_line.append(one_line(source.label), style="bold")
        extras = [f"#{source.id}", source.language]
        if source.published:
            extras.append(f"{source.published:%Y-%m-%d}")
        if detail.qualifiers:
            extras.append(", ".join(f"{k}={v}" for k, v in sorted(detail.qualifiers.items())))
        source_line.append("  " + one_line(" · ".join(extras)), style="dim")
        self.query_one("#detail-source", Static).update(source_line)

        span_style = SPAN_STYLES.get(detail.badge, SPAN_STYLES["unchecked"]) + CURRENT_SPAN
        passage = highlighted_text(
            detail.passage,
            [(detail.span_start, detail.span_end, span_style)],
            {detail.span_end: verdict_mark(detail.badge)},
        )
        self.query_one("#passage", Static).update(passage)

        self.query_one("#findings-heading", Static).update(f"Findings ({len(detail.findings)})")
        findings = self.query_one("#findings", Vertical)
        findings.remove_children()
        if detail.findings:
            findings.mount_all(Static(finding_text(f), classes="finding") for f in detail.findings)
        else:
            findings.mount(Static(Text("No findings: no rule applied to this claim.", style="dim")))

        reviews = Text()
        for review in detail.reviews:
            reviews.append("✎ ", style="bold cyan")
            reviews.append(one_line(review.describe()) + "\n")
        if not detail.reviews:
            reviews.append("Not reviewed yet (r to review).", style="dim")
        self.query_one("#reviews", Static).update(reviews.rstrip() or reviews)

        links = self.query_one("#links", OptionList)
        links.clear_options()
        options: list[Option] = []
        seen: set[str] = set()
        for finding in detail.findings:
            for item in finding.inputs:
                if item.claim_id is None or f"claim-{item.claim_id}" in seen:
                    continue
                seen.add(f"claim-{item.claim_id}")
                label = Text(f"input of {finding.rule} · ", style="dim")
                label.append(one_line(item.describe(), 120))
                options.append(Option(label, id=f"claim-{item.claim_id}"))
        for related in detail.related:
            if f"claim-{related.id}" in seen:
                continue
            seen.add(f"claim-{related.id}")
            label = Text(f"{related.relation} · ", style="dim")
            label.append_text(verdict_badge(related.verdict))
            label.append(
                " " + one_line(f"#{related.id} {related.value_text} “{related.quote}”", 90)
            )
            if related.source_title:
                label.append(" — " + one_line(related.source_title, 40), style="dim")
            options.append(Option(label, id=f"claim-{related.id}"))
        source_label = Text("source · ", style="dim")
        source_label.append(one_line(source.label, 100))
        options.append(Option(source_label, id=f"source-{source.id}"))
        links.add_options(options)

    # ------------------------------------------------------------------ actions

    @on(OptionList.OptionSelected, "#links")
    def _link_selected(self, event: OptionList.OptionSelected) -> None:
        target = event.option.id or ""
        kind, _, number = target.partition("-")
        if kind == "claim":
            self.app.open_claim(int(number))  # type: ignore[attr-defined]
        elif kind == "source":
            self.app.open_source(int(number), self.claim_id)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_open_source(self) -> None:
        if self.detail is not None:
            self.app.open_source(self.detail.source.id, self.claim_id)  # type: ignore[attr-defined]

    def action_focus_links(self) -> None:
        links = self.query_one("#links", OptionList)
        links.focus()
        if links.option_count and links.highlighted is None:
            links.highlighted = 0
        links.scroll_visible()

    def action_scroll_body(self, direction: int) -> None:
        body = self.query_one("#detail-body", VerticalScroll)
        body.scroll_relative(y=direction, animate=False)

    def action_review(self) -> None:
        from tui.screens.review import ReviewScreen

        if self.detail is None:
            return

        def saved(result: Any) -> None:
            if result:
                self.app.reviewed_claims.add(self.claim_id)  # type: ignore[attr-defined]
                self.notify("Review saved")
                self.load()

        self.app.push_screen(ReviewScreen(self.detail), saved)


def finding_text(finding: FindingInfo) -> Text:
    """One finding: verdict and rule, claimed against expected, gauge, implied value,
    assumptions, catalog inputs with their sources, and the checker's explanation."""
    head = verdict_badge(finding.verdict)
    head.append(f"  {one_line(finding.rule)}", style="bold")
    head.append(f"  confidence {one_line(finding.confidence)}", style="dim")
    if finding.severity:
        head.append(f"  severity {finding.severity:.2g}", style="dim")
    lines: list[Text] = [head]
    figures = Text()
    figures.append("claimed ", style="dim")
    figures.append(format_value(finding.claimed_value, finding.claimed_unit))
    if finding.expected_low is not None or finding.expected_high is not None:
        figures.append("  expected ", style="dim")
        figures.append(_band(finding))
    if finding.ratio is not None:
        figures.append("  ratio ", style="dim")
        figures.append(f"{format_number(finding.ratio)}×")
    lines.append(figures)
    bar = gauge(finding.claimed_value, finding.expected_low, finding.expected_high)
    if bar is not None and _same_unit(finding):
        lines.append(bar)
    if finding.implied:
        implied = Text("implied: ", style="dim")
        implied.append(one_line(finding.implied))
        lines.append(implied)
    for name, assumption in sorted(finding.assumptions.items()):
        lines.append(
            Text("assumes ", style="dim") + Text(one_line(f"{name}: {_assumption(assumption)}"))
        )
    for item in finding.inputs:
        if item.claim_id is None:
            lines.append(Text("catalog ", style="dim") + Text(one_line(item.describe())))
        else:
            lines.append(Text("input ", style="dim") + Text(one_line(item.describe())))
    if finding.explanation:
        lines.append(safe_text(finding.explanation, style="italic"))
    return Text("\n").join(lines)


def _band(finding: FindingInfo) -> str:
    unit = finding.expected_unit or finding.claimed_unit
    low, high = finding.expected_low, finding.expected_high
    if low is not None and high is not None and low == high:
        return format_value(low, unit)
    if low is not None and high is not None:
        return f"{format_number(low)} – {format_value(high, unit)}"
    if low is not None:
        return f"≥ {format_value(low, unit)}"
    return f"≤ {format_value(high, unit)}"


def _same_unit(finding: FindingInfo) -> bool:
    return not finding.expected_unit or finding.expected_unit == finding.claimed_unit


def _assumption(value: Any) -> str:
    if isinstance(value, dict):
        low, high = value.get("low"), value.get("high")
        note = value.get("note") or value.get("source") or ""
        if low is not None and high is not None:
            text = (
                f"{low:g} – {high:g}"
                if isinstance(low, int | float) and isinstance(high, int | float)
                else f"{low} – {high}"
            )
        else:
            text = ", ".join(f"{k}={v}" for k, v in value.items() if k != "note")
        return f"{text} ({note})" if note else text
    if isinstance(value, list | tuple) and len(value) == 2:
        return f"{value[0]} – {value[1]}"
    return str(value)
