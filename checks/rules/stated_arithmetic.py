"""Rule 8: arithmetic the text states itself.

- products and quotients: a figure equal to the product or quotient of two others in the same
  sentence whose units compose (per-chip × chips = total; total ÷ chips = per chip;
  GPU-hours × $/GPU-hour = cost);
- sums: a table row's parts and total;
- ratios and percentages: a ratio equal to the quotient of two figures of one unit nearby, or
  to another ratio in the same sentence ("5.5 %" and "1/18");
- compound growth: "x per year" against "y in n years", or against dated figures;
- shares: "p % of S" where S is a documented figure (a reference) of a subject the sentence
  names; a ratio between two subjects' figures implies a value for one of them, which the
  hardware rules then check;
- changes: "an improvement of c %" against a from -> to pair of percentages in the source.

Matches hold within the first `arithmetic_factors` value (rounding); beyond the second they are
wrong. A figure with no arithmetic around it gets no finding from this rule.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from itertools import permutations
from pathlib import Path
from typing import Any

from checks.context import (
    REFERENCE,
    SAME_PARAGRAPH,
    SAME_SENTENCE,
    SAME_SOURCE,
    Context,
    Fact,
    subject_key,
)
from checks.model import Finding
from checks.rules import Missing
from checks.verdicts import ORDER, Grade, claimed_interval, finding, grade
from checks.wording import figure, span, times

NAME = "stated_arithmetic"
KINDS: frozenset[str] = frozenset()
CUES_FILE = Path(__file__).parent.parent / "arithmetic_cues.toml"
HOURS_PER_YEAR = 8766.0
#: How many paragraphs apart a percentage and its complement may be stated.
COMPLEMENT_PARAGRAPHS = 4


@cache
def cues() -> dict[str, tuple[str, ...]]:
    with CUES_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return {key: tuple(word.lower() for word in data.get(key, [])) for key in ("change", "from_to")}


@cache
def _composes(left: str, right: str, target: str, operation: str) -> bool:
    """Whether ``left`` (×|÷) ``right`` has the dimensionality of ``target`` (pint, cached)."""
    from claims.units import registry

    ureg = registry()
    try:
        a, b, t = (ureg.parse_units(unit) for unit in (left, right, target))
    except Exception:  # a unit pint cannot compose is simply not a candidate
        return False
    combined = a * b if operation == "*" else a / b
    # "$4M per rack" and a "72-chip" rack: the rack cancels in the text's own arithmetic.
    ignore = {"[rack]"}
    left_dims = {k: v for k, v in (1 * combined).dimensionality.items() if k not in ignore}
    right_dims = {k: v for k, v in (1 * t).dimensionality.items() if k not in ignore}
    return left_dims == right_dims


@dataclass(slots=True)
class Result:
    """One arithmetic relation found for the claim."""

    grade: Grade
    expected: tuple[float, float]
    unit: str
    inputs: list[dict[str, Any]]
    text: str
    implied: str | None = None
    assumptions: dict[str, Any] | None = None


def _factors(ctx: Context) -> tuple[float, float]:
    band = ctx.config.band("arithmetic_factors")
    return band.low, band.high


def _numeric(fact: Fact) -> bool:
    return fact.unit is not None and fact.value != 0 and math.isfinite(fact.value)


def _is_growth(fact: Fact) -> bool:
    return fact.growth


def _compatible_subject(fact: Fact, other: Fact) -> bool:
    return not fact.subject_key or not other.subject_key or fact.subject_key == other.subject_key


def _products(fact: Fact, ctx: Context) -> Result | None:
    """The target as a product or quotient of two other figures of its sentence."""
    if fact.unit is None or fact.unit == "dimensionless" or _is_growth(fact):
        return None
    others = [
        o
        for o in ctx.sentence_of(fact)
        if o.id != fact.id and _numeric(o) and o.unit and _compatible_subject(fact, o)
    ]
    best: tuple[tuple[float, int], Grade, tuple[float, float], str, Fact, Fact] | None = None
    claimed = claimed_interval(fact)
    pairs = 0
    for left, right in permutations(others, 2):
        for operation in ("*", "/"):
            if operation == "*" and left.id > right.id:
                continue  # a product is symmetric
            assert left.unit is not None and right.unit is not None
            if left.unit == "dimensionless" or right.unit == "dimensionless":
                continue
            if not _composes(left.unit, right.unit, fact.unit, operation):
                continue
            if operation == "/" and min(right.low, right.high) <= 0:
                continue  # nothing divides by zero or a negative range
            pairs += 1
            if operation == "*":
                expected = (left.low * right.low, left.high * right.high)
            else:
                expected = (left.low / right.high, left.high / right.low)
            expected = (min(expected), max(expected))
            result = grade(claimed, expected, _factors(ctx))
            distance = abs(fact.position - left.position) + abs(fact.position - right.position)
            key = (result.distance, distance)
            if best is None or key < best[0]:
                best = (key, result, expected, operation, left, right)
    if best is None:
        return None
    _, result, expected, operation, left, right = best
    if result.verdict != "consistent" and (pairs > 1 or len(others) > 2):
        # Several ways to combine the figures, or a third figure that may be another factor
        # ("512 GPUs × 30 days × $3 per hour"), and none holds: ambiguous, not wrong.
        return None
    sign = "×" if operation == "*" else "÷"
    text = (
        f"{figure(left.value, left.unit)} {sign} {figure(right.value, right.unit)} = "
        f"{span(*expected, fact.unit)}; the text states {figure(fact.value, fact.unit)}"
    )
    return Result(
        result,
        expected,
        fact.unit,
        [left.input_record("operand", SAME_SENTENCE), right.input_record("operand", SAME_SENTENCE)],
        text,
    )


def _complement(fact: Fact, ctx: Context) -> Result | None:
    """A percentage whose complement to 100 % the text states nearby (within
    `COMPLEMENT_PARAGRAPHS` paragraphs): "40 % fell into the trap" … "a 60 % reliable model"."""
    if fact.checked.claim.unit != "percent" or not 0 < fact.value < 1:
        return None
    low, high = _factors(ctx)
    paragraph = fact.checked.claim.paragraph
    for members in ctx.sentences_of_source(fact.source_id):
        for other in members:
            if other.id == fact.id or other.checked.claim.unit != "percent":
                continue
            if abs(other.checked.claim.paragraph - paragraph) > COMPLEMENT_PARAGRAPHS:
                continue
            result = grade(
                (fact.value, fact.value), (1 - other.value, 1 - other.value), (1.02, high)
            )
            if result.verdict == "consistent":
                text = (
                    f"100 % − {figure(other.value, 'dimensionless')} = "
                    f"{figure(1 - other.value, 'dimensionless')}, as the source states elsewhere"
                )
                return Result(result, (1 - other.value,) * 2, "dimensionless",
                              [other.input_record("complement", SAME_SOURCE)], text)  # fmt: skip
    return None


def _sums(fact: Fact, ctx: Context) -> Result | None:
    """A table row (or sentence) whose parts add up to its total, the target among them."""
    if fact.unit is None or fact.unit == "dimensionless":
        return _complement(fact, ctx)
    row = [o for o in ctx.sentence_of(fact) if o.unit == fact.unit and _numeric(o)]
    if len(row) < 3:
        return None
    total = max(row, key=lambda o: o.value)
    parts = [o for o in row if o.id != total.id]
    expected = sum(o.value for o in parts)
    result = grade((total.value, total.value), (expected, expected), _factors(ctx))
    if result.verdict != "consistent":
        return None  # a row need not be a sum; only a sum that holds is evidence
    text = (
        " + ".join(figure(o.value, fact.unit) for o in parts)
        + f" = {figure(expected, fact.unit)}, the stated total {figure(total.value, fact.unit)}"
    )
    inputs = [
        o.input_record("part" if o is not total else "total", SAME_SENTENCE)
        for o in row
        if o.id != fact.id
    ]
    return Result(result, (expected, expected), fact.unit, inputs, text)


def _ratios(fact: Fact, ctx: Context) -> Result | None:
    """A ratio equal to a quotient of two same-unit figures nearby, or to another ratio."""
    if fact.unit != "dimensionless" or _is_growth(fact) or fact.value <= 0:
        return None
    claimed = claimed_interval(fact)
    best: tuple[float, Result] | None = None
    for locality, members in (
        (SAME_SENTENCE, ctx.sentence_of(fact)),
        (SAME_PARAGRAPH, ctx.paragraph_of(fact)),
    ):
        others = [o for o in members if o.id != fact.id and _numeric(o) and o.value > 0]
        for other in others:
            if (
                other.unit == "dimensionless"
                and locality == SAME_SENTENCE
                and not _is_growth(other)
            ):
                for value in (other.value, 1 / other.value):
                    result = grade(claimed, (value, value), _factors(ctx))
                    if best is None or result.distance < best[0]:
                        text = (
                            f"the same sentence states {figure(other.value, 'dimensionless')}; "
                            f"the claim {figure(fact.value, 'dimensionless')}"
                        )
                        best = (
                            result.distance,
                            Result(
                                result,
                                (value, value),
                                "dimensionless",
                                [other.input_record("equal_ratio", locality)],
                                text,
                            ),
                        )
        for numerator, denominator in permutations(others, 2):
            if numerator.unit != denominator.unit or numerator.unit == "dimensionless":
                continue
            value = numerator.value / denominator.value
            result = grade(claimed, (value, value), _factors(ctx))
            if best is None or result.distance < best[0]:
                text = (
                    f"{figure(numerator.value, numerator.unit)} ÷ "
                    f"{figure(denominator.value, denominator.unit)}"
                    f" = {value:.3g} (1/{1 / value:.3g}); the claim {fact.value:.3g}"
                )
                inputs = [
                    numerator.input_record("numerator", locality),
                    denominator.input_record("denominator", locality),
                ]
                best = (
                    result.distance,
                    Result(result, (value, value), "dimensionless", inputs, text),
                )
        if best is not None and best[1].grade.verdict == "consistent":
            break
    if best is None or best[1].grade.verdict != "consistent":
        return None  # no quotient matches: we cannot tell what the ratio is of
    return best[1]


def _years(fact: Fact) -> int | None:
    year = fact.qualifiers.get("year", "")[:4]
    return int(year) if year.isdigit() else None


def _growth(fact: Fact, ctx: Context) -> Result | None:
    """ "x per year" against "y in n years" in the sentence, or dated figures nearby."""
    factors = _factors(ctx)
    if _is_growth(fact):
        rate = fact.checked.claim.value
        sentence = ctx.sentence_of(fact)
        multiples = [
            o
            for o in sentence
            if o.id != fact.id and o.unit == "dimensionless" and o.value > 1 and not _is_growth(o)
        ]
        spans = [o for o in sentence if o.unit == "hour" and o.value > 0]
        if multiples and spans:
            multiple, years_fact = multiples[0], spans[0]
            years = years_fact.value / HOURS_PER_YEAR
            expected = multiple.value ** (1 / years)
            result = grade((rate, rate), (expected, expected), factors)
            text = (
                f"{multiple.value:g}× over {years:g} years is {expected:.3g}× per year; "
                f"the claim {rate:g}× per year"
            )
            inputs = [
                multiple.input_record("multiple", SAME_SENTENCE),
                years_fact.input_record("years", SAME_SENTENCE),
            ]
            return Result(result, (expected, expected), "dimensionless", inputs, text)
        if spans and not multiples:
            quotients = _growth_of_quotients(fact, ctx, rate, spans[0])
            if quotients is not None:
                return quotients
        dated = [
            o
            for o in ctx.paragraph_of(fact)
            if o.id != fact.id
            and _years(o) is not None
            and o.unit not in (None, "dimensionless", "hour")
            and o.value > 0
        ]
        for first, second in permutations(dated, 2):
            y1, y2 = _years(first), _years(second)
            if first.unit == second.unit and y1 is not None and y2 is not None and y2 > y1:
                expected = (second.value / first.value) ** (1 / (y2 - y1))
                result = grade((rate, rate), (expected, expected), factors)
                text = (
                    f"{figure(first.value, first.unit)} ({y1}) to "
                    f"{figure(second.value, second.unit)} ({y2}) "
                    f"is {expected:.3g}× per year; the claim {rate:g}× per year"
                )
                inputs = [
                    first.input_record("from", SAME_PARAGRAPH),
                    second.input_record("to", SAME_PARAGRAPH),
                ]
                return Result(result, (expected, expected), "dimensionless", inputs, text)
        return None
    year = _years(fact)
    if year is None or fact.unit in (None, "dimensionless"):
        return None
    paragraph = ctx.paragraph_of(fact)
    rates = [o for o in paragraph if _is_growth(o) and o.checked.claim.value > 0]
    bases = [
        o
        for o in paragraph
        if o.id != fact.id and o.unit == fact.unit and _years(o) not in (None, year)
    ]
    if not rates or not bases:
        return None
    rate_fact = rates[0]
    rate = rate_fact.checked.claim.value
    base = min(bases, key=lambda o: abs((_years(o) or 0) - year))
    steps = year - (_years(base) or year)
    expected = (base.low * rate**steps, base.high * rate**steps)
    expected = (min(expected), max(expected))
    result = grade(claimed_interval(fact), expected, factors)
    text = (
        f"{figure(base.value, base.unit)} ({_years(base)}) × {rate:g}^{steps} = "
        f"{span(*expected, fact.unit)} in {year}; the claim {figure(fact.value, fact.unit)}"
    )
    inputs = [
        base.input_record("base", SAME_PARAGRAPH),
        rate_fact.input_record("growth_rate", SAME_PARAGRAPH),
    ]
    return Result(result, expected, fact.unit, inputs, text)


def _growth_of_quotients(fact: Fact, ctx: Context, rate: float, years_fact: Fact) -> Result | None:
    """ "x per year over n years" where the change is of a quotient of figures stated nearby
    (price-performance: FLOP/s per dollar of two generations). Only a match is evidence."""
    years = years_fact.value / HOURS_PER_YEAR
    if years <= 0:
        return None
    figures = [
        o for o in ctx.paragraph_of(fact)
        if o.id != fact.id and o.unit not in (None, "dimensionless", "hour") and o.value > 0
    ]  # fmt: skip
    figures.sort(key=lambda o: o.position)
    pairs = [
        (first, second)
        for index, first in enumerate(figures)
        for second in figures[index + 1 :]
        if first.unit == second.unit and first.kind == second.kind and first.value != second.value
    ]
    factors = _factors(ctx)
    for numerator in pairs:
        for denominator in pairs:
            if denominator[0].unit == numerator[0].unit:
                continue
            change = (numerator[1].value / numerator[0].value) / (
                denominator[1].value / denominator[0].value
            )
            if change <= 0:
                continue
            expected = change ** (1 / years)
            result = grade((rate, rate), (expected, expected), factors)
            if result.verdict == "consistent":
                text = (
                    f"({figure(numerator[1].value, numerator[1].unit)} / "
                    f"{figure(denominator[1].value, denominator[1].unit)}) ÷ "
                    f"({figure(numerator[0].value, numerator[0].unit)} / "
                    f"{figure(denominator[0].value, denominator[0].unit)}) = {change:.3g}× over "
                    f"{years:g} years, {expected:.3g}× per year; the claim {rate:g}× per year"
                )
                inputs = [
                    o.input_record("operand", SAME_PARAGRAPH) for o in (*numerator, *denominator)
                ]
                inputs.append(years_fact.input_record("years", SAME_SENTENCE))
                return Result(result, (expected, expected), "dimensionless", inputs, text)
    return None


@cache
def _sentence_key(sentence: str) -> str:
    return subject_key(sentence) or ""


def _named_bases(
    fact: Fact, ctx: Context, unit: str
) -> list[tuple[str, float, list[dict[str, Any]]]]:
    """Documented figures in ``unit`` of subjects the claim's sentence names."""
    sentence = _sentence_key(fact.checked.claim.sentence)
    bases = []
    for (key, kind), references in ctx.references_by_subject.items():
        if len(key) < 4 or key not in sentence:
            continue
        for ref in references:
            if ref.unit == unit and ref.reference is not None:
                bases.append(
                    (ref.reference.subject, ref.value, [ref.input_record("base", REFERENCE)])
                )
        if kind == "parameter_count" and unit == "FLOP":
            params = min((r.value for r in references), default=None)
            tokens = [r for r in ctx.references_by_subject.get((key, "token_count"), [])]
            if params and tokens:
                records = [r.input_record("base", REFERENCE) for r in references] + [
                    tokens[0].input_record("base", REFERENCE)
                ]
                subject = references[0].reference.subject if references[0].reference else key
                bases.append(
                    (
                        f"{subject} (6 × active parameters × tokens)",
                        6 * params * tokens[0].value,
                        records,
                    )
                )
    return bases


def _shares(fact: Fact, ctx: Context) -> Result | None:
    """ "p % of S": S a documented figure of a subject the sentence names."""
    if fact.unit in (None, "dimensionless", "hour"):
        return None
    shares = [
        o
        for o in ctx.sentence_of(fact)
        if o.unit == "dimensionless" and 0 < o.value < 1 and not _is_growth(o)
    ]
    if not shares:
        return None
    share = min(shares, key=lambda o: abs(o.position - fact.position))
    best: Result | None = None
    for subject, base, records in _named_bases(fact, ctx, fact.unit):
        expected = (share.low * base, share.high * base)
        result = grade(claimed_interval(fact), expected, _verdict_factors(ctx))
        if best is None or result.distance < best.grade.distance:
            text = (
                f"{share.value:.3g} of {subject}'s {figure(base, fact.unit)} = "
                f"{span(*expected, fact.unit)}; "
                f"the claim {figure(fact.value, fact.unit)}"
            )
            implied = f"implies {subject} at {figure(fact.value / share.value, fact.unit)}"
            best = Result(
                result,
                expected,
                fact.unit,
                [share.input_record("share", SAME_SENTENCE), *records],
                text,
                implied,
            )
    if best is None or best.grade.verdict != "consistent":
        return None  # the percentage may be of something else: only a share that holds counts
    return best


def _verdict_factors(ctx: Context) -> tuple[float, float]:
    band = ctx.config.band("verdict_factors")
    return band.low, band.high


HARDWARE_RULES = ("cluster_cost", "rental_cost", "hardware_compute", "cluster_power", "gpu_time")


def _implied_other_side(fact: Fact, ctx: Context) -> Result | None:
    """A ratio between two subjects' figures in one sentence implies a value for the larger
    one; the hardware rules check that value as if the text had stated it."""
    if fact.unit != "dimensionless" or _is_growth(fact) or not 0 < fact.low <= fact.high:
        return None
    figures = [
        o
        for o in ctx.sentence_of(fact)
        if o.id != fact.id and o.unit not in (None, "dimensionless") and o.subject_key
    ]
    from checks.rules import load

    for small, large in permutations(figures, 2):
        if (
            small.unit != large.unit
            or small.subject_key == large.subject_key
            or small.value >= large.value
        ):
            continue
        ratio_low, ratio_high = (
            (fact.low, fact.high) if fact.high < 1 else (1 / fact.high, 1 / fact.low)
        )
        implied = (small.low / ratio_high, small.high / ratio_low)
        hypothetical = replace(
            large,
            value=math.sqrt(implied[0] * implied[1]),
            low=implied[0],
            high=implied[1],
            bound="=",
        )
        hypothetical.checked = replace(large.checked, id=fact.id)
        hypothetical.id = fact.id
        for rule in HARDWARE_RULES:
            module = load(rule)
            if module.KINDS and large.kind not in module.KINDS:
                continue
            inner = module.check(hypothetical, ctx)
            if isinstance(inner, Finding) and inner.verdict != "consistent":
                result = Grade(inner.verdict, inner.ratio or 1.0, inner.severity)
                text = (
                    f"with {figure(small.value, small.unit)} for {small.subject}, "
                    f"the ratio implies {span(*implied, large.unit)} for {large.subject}; "
                    f"{inner.explanation[0].lower()}{inner.explanation[1:]}"
                )
                return Result(
                    result,
                    (inner.expected_low or 0.0, inner.expected_high or 0.0),
                    inner.expected_unit or large.unit or "",
                    [
                        small.input_record("numerator", SAME_SENTENCE),
                        large.input_record("denominator", SAME_SENTENCE),
                        *inner.inputs,
                    ],
                    text,
                    f"implies {span(*implied, large.unit)} for {large.subject}",
                    inner.assumptions,
                )
    return None


def _has_cue(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in words)


def _changes(fact: Fact, ctx: Context) -> Result | None:
    """ "an improvement of c %" against a from -> to pair of percentages in the same source."""
    claim = fact.checked.claim
    if fact.unit != "dimensionless" or claim.unit != "percent":
        return None
    local = claim.sentence[
        max(0, claim.start - claim.sentence_start - 12) : claim.end - claim.sentence_start + 12
    ]
    if fact.kind != "growth_rate" and not _has_cue(local, cues()["change"]):
        return None
    pairs = []
    for members in ctx.sentences_of_source(fact.source_id):
        percents = [o for o in members if o.checked.claim.unit == "percent" and o.id != fact.id]
        for first, second in zip(percents, percents[1:], strict=False):
            between = first.checked.claim.sentence[
                first.checked.claim.end
                - first.checked.claim.sentence_start : second.checked.claim.start
                - second.checked.claim.sentence_start
            ]
            near = 0 <= fact.checked.claim.paragraph - first.checked.claim.paragraph <= 4
            if (
                near
                and first.position < fact.position
                and _has_cue(between, cues()["from_to"])
                and first.value > 0
            ):
                pairs.append((abs(first.position - fact.position), first, second))
    if not pairs:
        return None
    _, first, second = min(pairs, key=lambda item: item[0])
    points = second.value - first.value
    relative = points / first.value
    expected = (min(points, relative), max(points, relative))
    result = grade(claimed_interval(fact), expected, _factors(ctx))
    text = (
        f"{figure(first.value, 'dimensionless')} → {figure(second.value, 'dimensionless')} is "
        f"+{points * 100:.3g} points (+{relative:.0%} relative); the claim {fact.value * 100:.3g} %"
    )
    inputs = [first.input_record("from", SAME_SOURCE), second.input_record("to", SAME_SOURCE)]
    return Result(result, expected, "dimensionless", inputs, text)


SUBCHECKS = (_products, _sums, _ratios, _growth, _shares, _implied_other_side, _changes)


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    if len(ctx.sentence_of(fact)) < 2 and fact.unit != "dimensionless" and not fact.growth:
        subchecks: tuple = (_growth,)  # every other relation needs a second figure nearby
    else:
        subchecks = SUBCHECKS
    results = [result for sub in subchecks if (result := sub(fact, ctx)) is not None]
    if not results:
        return None
    worst = max(results, key=lambda r: (ORDER[r.grade.verdict], r.grade.severity))
    verdict = worst.grade.verdict
    lead = "Consistent" if verdict == "consistent" else verdict.capitalize()
    text = f"{lead}: {worst.text}"
    if verdict != "consistent" and worst.grade.ratio != 1:
        text += f" ({times(worst.grade.ratio)})"
    text += "."
    others = [r for r in results if r is not worst and r.grade.verdict == "consistent"]
    if others and verdict == "consistent":
        text += " Also: " + "; ".join(r.text for r in others[:2]) + "."
    factors = ctx.config.band("arithmetic_factors")
    assumptions = {"arithmetic_factors": factors.record(), **(worst.assumptions or {})}
    return finding(
        fact, NAME, worst.grade, worst.expected, worst.unit,
        inputs=worst.inputs, assumptions=assumptions, explanation=text, implied=worst.implied,
    )  # fmt: skip
