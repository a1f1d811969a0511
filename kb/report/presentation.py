"""Wording and number formatting every report format shares, so HTML and Markdown say the same.

All functions return plain text; each renderer escapes it for its own format.
"""

from __future__ import annotations

import math
from pathlib import PurePath
from typing import Any

from kb.report.gather import ClaimRow, FindingRow, Report, ReviewRow, SourceRow

#: Most rows one source's chart draws (the most severe first); the rest are in the tables.
CHART_MAX_ROWS = 40

VERDICT_LABELS: dict[str, str] = {
    "inconsistent": "Inconsistent",
    "questionable": "Questionable",
    "consistent": "Consistent",
    "unchecked": "Unchecked",
}

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def plural(count: int, noun: str) -> str:
    """ "1 claim", "2,000 claims"."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def format_number(value: float | None) -> str:
    """A figure as an editor reads it: 250,000 or 0.35 or 4×10¹² (4 significant digits)."""
    if value is None:
        return "—"
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return str(value)
    magnitude = abs(value)
    if magnitude == 0:
        return "0"
    if 1e-3 <= magnitude < 1e7:
        if magnitude >= 1000:
            return f"{value:,.0f}"
        return f"{value:.4g}"
    exponent = math.floor(math.log10(magnitude))
    mantissa = value / 10**exponent
    if round(abs(mantissa), 3) >= 10:
        mantissa /= 10
        exponent += 1
    mantissa_text = f"{mantissa:.3g}"
    power = f"10{str(exponent).translate(_SUPERSCRIPTS)}"
    return power if mantissa_text == "1" else f"{mantissa_text}×{power}"


#: Units not worth printing after a number.
SILENT_UNITS = frozenset({"", "dimensionless", "1"})


def format_quantity(value: float | None, unit: str | None) -> str:
    text = format_number(value)
    return f"{text} {unit}" if unit not in SILENT_UNITS and unit and value is not None else text


def format_claimed(claim: ClaimRow) -> str:
    """The claim's value with its bound and range: "≈ 5,000 MW", "1×10⁹–2×10⁹ TFLOPS"."""
    if claim.low is not None and claim.high is not None and claim.low != claim.high:
        text = f"{format_number(claim.low)}–{format_number(claim.high)}"
        text += f" {claim.unit}" if claim.unit not in SILENT_UNITS else ""
    else:
        text = format_quantity(claim.value, claim.unit)
    prefix = {"<": "< ", ">": "> ", "≈": "≈ "}.get(claim.bound, "")
    if not prefix and claim.approx:
        prefix = "≈ "
    return prefix + text


def format_band(finding: FindingRow) -> str:
    """The expected band in its unit: "1×10¹⁰–1.4×10¹⁰ USD", or one edge when open."""
    low, high, unit = finding.expected_low, finding.expected_high, finding.expected_unit
    suffix = f" {unit}" if unit and unit not in SILENT_UNITS else ""
    if low is None and high is None:
        return "—"
    if low is None:
        return f"≤ {format_number(high)}{suffix}"
    if high is None or high == low:
        return (f"≥ {format_number(low)}" if high is None else format_number(low)) + suffix
    return f"{format_number(low)}–{format_number(high)}{suffix}"


def format_ratio(ratio: float | None) -> str:
    """How far the claim sits from its band: "340× above", "9× below", "within"."""
    if ratio is None or ratio <= 0 or math.isnan(ratio):
        return "—"
    if math.isclose(ratio, 1.0, rel_tol=1e-9):
        return "within band"
    if ratio > 1:
        return f"{format_number(_round_ratio(ratio))}× above band"
    return f"{format_number(_round_ratio(1 / ratio))}× below band"


def _round_ratio(ratio: float) -> float:
    return float(f"{ratio:.3g}") if ratio >= 10 else round(ratio, 1)


def source_facts(source: SourceRow) -> list[tuple[str, str]]:
    """(label, text) pairs for a source heading; absent fields are left out."""
    facts = []
    if source.author:
        facts.append(("Author", source.author))
    if source.url:
        facts.append(("URL", source.url))
    elif source.origin and source.parent_id is None:
        # Only the file's name: a full path says nothing to a reader elsewhere.
        facts.append(("File", PurePath(source.origin).name or source.origin))
    if source.published:
        facts.append(("Published", source.published.date().isoformat()))
    if source.language and source.language != "und":
        facts.append(("Language", source.language))
    return facts


def claim_reference(report: Report, claim_id: int) -> str:
    """A cited claim in words: 'claim #12 "25 万张 H100" (source title)'."""
    claim = report.claim(claim_id)
    if claim is None:
        return f"claim #{claim_id}"
    source = report.sources_by_id.get(claim.source_id)
    where = f" in {source.label}" if source is not None else ""
    return f"claim #{claim.id} “{claim.quote}”{where}"


def describe_input(report: Report, item: dict[str, Any]) -> str:
    """One entry of a finding's inputs in words, naming where the figure came from."""
    if "claim_id" in item:
        text = (
            claim_reference(report, item["claim_id"])
            if isinstance(item["claim_id"], int)
            else f"claim {item['claim_id']}"
        )
        details = [str(item[k]) for k in ("role", "where") if item.get(k)]
        return text + (f" ({', '.join(details)})" if details else "")
    if "catalog" in item:
        figure = format_value(item.get("value"), item.get("unit"))
        text = f"{item['catalog']} {item.get('field', '')} = {figure}".replace("  ", " ")
        if item.get("source"):
            text += f" (source: {item['source']})"
        return text
    return ", ".join(f"{k}: {v}" for k, v in item.items())


def format_value(value: Any, unit: str | None) -> str:
    """A catalog figure: a number, a [low, high] range, or whatever else it is, as text."""
    if _is_number(value):
        return format_quantity(value, unit)
    if isinstance(value, list | tuple) and len(value) == 2 and all(_is_number(v) for v in value):
        suffix = f" {unit}" if unit and unit not in SILENT_UNITS else ""
        return f"{format_number(value[0])}–{format_number(value[1])}{suffix}"
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def describe_assumptions(assumptions: dict[str, Any]) -> list[str]:
    """Each assumption band as "name: low–high (note)"; accepts the shapes the checker writes:
    ``{"low":…, "high":…, "unit":…, "note":…}``, ``[low, high]`` or a single value."""
    lines = []
    for name, spec in assumptions.items():
        if isinstance(spec, dict):
            low, high = spec.get("low"), spec.get("high")
            unit = f" {spec['unit']}" if spec.get("unit") not in (None, *SILENT_UNITS) else ""
            if _is_number(low) and _is_number(high):
                text = f"{format_number(low)}–{format_number(high)}{unit}"
            elif "value" in spec:
                value = spec["value"]
                text = (format_number(value) if _is_number(value) else str(value)) + unit
            else:
                text = ", ".join(f"{k}={v}" for k, v in spec.items() if k not in {"note", "source"})
            extra = [str(spec[k]) for k in ("note", "source") if spec.get(k)]
            if extra:
                text += f" ({'; '.join(extra)})"
        elif (
            isinstance(spec, list | tuple)
            and len(spec) >= 2
            and all(_is_number(v) for v in spec[:2])
        ):
            text = f"{format_number(spec[0])}–{format_number(spec[1])}"
            if len(spec) > 2:
                text += f" ({', '.join(str(v) for v in spec[2:])})"
        elif _is_number(spec):
            text = format_number(spec)
        else:
            text = str(spec)
        lines.append(f"{name}: {text}")
    return lines


def describe_review(review: ReviewRow) -> str:
    """An editor's review in one line: "corrected to 500 MW by Ana: typo in the original"."""
    text = review.status
    if review.status == "corrected" and review.corrected_value is not None:
        text += f" to {format_quantity(review.corrected_value, review.corrected_unit)}"
    if review.rule:
        text += f" (rule {review.rule})"
    if review.reviewer:
        text += f" by {review.reviewer}"
    if review.created:
        text += f" on {review.created.date().isoformat()}"
    if review.note:
        text += f": {review.note}"
    return text


def chart_positions(finding: FindingRow, claim: ClaimRow) -> tuple[float, float, float] | None:
    """(band low, band high, claimed) as log10 offsets from the band's centre.

    Claims of different units share one axis this way: 0 is the middle of the expected band
    and each unit is a factor of ten. The claimed point comes from the finding's ratio (claimed
    over the nearest edge, unit-free) when it lies outside the band, else from the values when
    the units agree; None when the finding has no usable band.
    """
    # A log axis has no zero: an edge at or below zero leaves a one-sided band ("≤ high").
    low = finding.expected_low if (finding.expected_low or 0) > 0 else None
    high = finding.expected_high if (finding.expected_high or 0) > 0 else None
    if low is None and high is None:
        return None
    low = low if low is not None else high
    high = high if high is not None else low
    assert low is not None and high is not None
    if low <= 0 or high <= 0:
        return None
    low, high = min(low, high), max(low, high)
    centre = math.sqrt(low * high)
    band_low, band_high = math.log10(low / centre), math.log10(high / centre)
    ratio = finding.ratio
    claimed_value = finding.claimed_value if finding.claimed_value is not None else claim.value
    same_unit = finding.claimed_unit in (None, finding.expected_unit) or (
        finding.expected_unit is None
    )
    if ratio is not None and ratio > 0 and not math.isclose(ratio, 1.0, rel_tol=1e-9):
        edge = high if ratio > 1 else low
        return band_low, band_high, math.log10(edge * ratio / centre)
    if same_unit and claimed_value is not None and claimed_value > 0:
        return band_low, band_high, math.log10(claimed_value / centre)
    return band_low, band_high, 0.0
