"""From a claimed value and a recomputed band to verdict, ratio, severity and confidence.

The issue's semantics: inside the band or within 1.5x of its edge is consistent; 1.5x-3x
outside (or inside only under a stretched assumption) questionable; beyond 3x inconsistent.
The factors are the `verdict_factors` band, so editors can move them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from checks.context import ELSEWHERE, REFERENCE, SAME_PARAGRAPH, SAME_SENTENCE, Fact
from checks.model import Finding
from checks.wording import span

ORDER = {"unchecked": 0, "consistent": 1, "questionable": 2, "inconsistent": 3}
#: Rules that only compare with what other sources say: they decide a claim's verdict only
#: when no rule recomputed it (a claim that recomputes fine is not wrong because another
#: article says otherwise; that article's claim is flagged by its own recomputation).
SECOND_OPINION_RULES = frozenset({"cross_source"})


@dataclass(frozen=True, slots=True)
class Grade:
    verdict: str
    ratio: float
    severity: float

    @property
    def distance(self) -> float:
        """How many times outside the band (1.0 inside)."""
        return max(self.ratio, 1 / self.ratio) if self.ratio > 0 else math.inf


def claimed_interval(fact: Fact) -> tuple[float, float]:
    """What the claim allows: "< v" anything up to v, "> v" anything from v up."""
    if fact.bound == "<":
        return 0.0, fact.high
    if fact.bound == ">":
        return fact.low, math.inf
    return fact.low, fact.high


def grade(
    claimed: tuple[float, float],
    expected: tuple[float, float],
    factors: tuple[float, float],
    *,
    stretched: bool = False,
) -> Grade:
    """Compare the claimed interval with the expected one (same unit)."""
    claim_low, claim_high = claimed
    low, high = expected
    if claim_low > high:
        ratio = claim_low / high if high > 0 else math.inf
    elif claim_high < low:
        ratio = claim_high / low if low > 0 else 0.0
    else:
        ratio = 1.0
    distance = max(ratio, 1 / ratio) if ratio > 0 else math.inf
    consistent_within, inconsistent_beyond = factors
    if distance <= consistent_within:
        verdict = "questionable" if stretched else "consistent"
    elif distance <= inconsistent_beyond:
        verdict = "questionable"
    else:
        verdict = "inconsistent"
    severity = math.log10(distance) if math.isfinite(distance) else 99.0
    return Grade(verdict, ratio, round(severity, 3))


def confidence(wheres: Iterable[str], band_width: float) -> str:
    """High: all inputs from the same sentence/table and band < 3x; low: far inputs or wide band."""
    wheres = list(wheres)
    if any(where == ELSEWHERE for where in wheres) or band_width >= 10:
        return "low"
    near = all(where in (SAME_SENTENCE, SAME_PARAGRAPH, REFERENCE) for where in wheres)
    if near and band_width < 3:
        return "high"
    return "medium"


def band_width(low: float, high: float) -> float:
    if low <= 0:
        return math.inf
    return high / low


def finding(
    fact: Fact,
    rule: str,
    grade_: Grade,
    expected: tuple[float, float],
    unit: str,
    *,
    inputs: list[dict[str, Any]],
    assumptions: dict[str, Any],
    explanation: str,
    implied: str | None = None,
    confidence_: str | None = None,
) -> Finding:
    """A Finding for ``fact``; the implied value is kept only when the verdict is not consistent."""
    wheres = [record.get("where", REFERENCE) for record in inputs if "where" in record]
    assumptions = {**fact.conversion_notes, **assumptions}
    if fact.rate is not None:
        assumptions.setdefault(
            "exchange_rate",
            {
                "currency": fact.rate.currency,
                "year": fact.rate.year,
                "usd": fact.rate.usd,
                "source": fact.rate.source,
            },
        )
    return Finding(
        claim_id=fact.id,
        rule=rule,
        verdict=grade_.verdict,
        claimed_value=fact.value,
        claimed_unit=fact.unit,
        expected_low=expected[0],
        expected_high=expected[1],
        expected_unit=unit,
        ratio=grade_.ratio if math.isfinite(grade_.ratio) else None,
        severity=grade_.severity,
        confidence=confidence_ or confidence(wheres, band_width(*expected)),
        implied=(
            None
            if grade_.verdict == "consistent"
            else implied or f"the inputs imply {span(expected[0], expected[1], unit)}"
        ),
        inputs=inputs,
        assumptions=assumptions,
        explanation=explanation,
    )


def unchecked(fact: Fact, missing: list[str], rules: list[str]) -> Finding:
    """The one finding of a claim no rule could check, naming the inputs that were missing."""
    if missing:
        text = "Not checked: missing " + "; ".join(dict.fromkeys(missing)) + "."
    elif fact.unit_error:
        text = f"Not checked: {fact.unit_error}."
    else:
        text = f"Not checked: no rule recomputes a {fact.kind.replace('_', ' ')} claim."
    return Finding(
        claim_id=fact.id,
        rule="none" if not rules else rules[0] if len(rules) == 1 else "+".join(rules),
        verdict="unchecked",
        claimed_value=fact.value,
        claimed_unit=fact.unit,
        confidence="low",
        inputs=[],
        assumptions={"missing": list(dict.fromkeys(missing))},
        explanation=text,
    )


def claim_verdict(findings: Iterable[Finding | dict[str, Any]]) -> tuple[str, float]:
    """One claim's verdict and severity from its findings.

    The most severe verdict of the rules that recompute the figure (catalog, arithmetic,
    references); cross-source comparison decides only when none of them could.
    """
    first: list[tuple[str, float]] = []
    second: list[tuple[str, float]] = []
    for item in findings:
        if isinstance(item, dict):
            rule, verdict, severity = item["rule"], item["verdict"], item.get("severity") or 0.0
        else:
            rule, verdict, severity = item.rule, item.verdict, item.severity
        if verdict == "unchecked":
            continue
        (second if rule in SECOND_OPINION_RULES else first).append((verdict, float(severity)))
    decided = first or second
    if not decided:
        return "unchecked", 0.0
    return max(decided, key=lambda pair: (ORDER[pair[0]], pair[1]))
