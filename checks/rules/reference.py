"""Rule 10: a claim about a subject that a primary source documents (references.toml).

When the reference lists several figures of the kind (an MoE's total and active parameters),
the claim is compared with the nearest. A figure stated beside a percentage in the same
sentence is usually a part or a change of the total, not the total: rule 8 (share) takes it.
"""

from __future__ import annotations

import math

from checks.context import REFERENCE, Context, Fact
from checks.model import Finding
from checks.rules import Missing
from checks.verdicts import claimed_interval, finding, grade
from checks.wording import figure, times

NAME = "reference"
KINDS: frozenset[str] = frozenset()


def beside_a_percentage(fact: Fact, ctx: Context) -> bool:
    return any(
        other.unit == "dimensionless" and 0 < other.value < 1 and other.id != fact.id
        for other in ctx.sentence_of(fact)
    )


def in_a_row_of_parts(fact: Fact, ctx: Context) -> bool:
    """One of three or more like figures in a row (a table's phases and total): which one the
    reference's figure corresponds to is unknown, so none is compared (rule 8 checks the sum)."""
    alike = [o for o in ctx.sentence_of(fact) if o.kind == fact.kind and o.unit == fact.unit]
    return len(alike) >= 3


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    if not fact.subject_key or fact.unit in (None, "dimensionless", "hour"):
        return None
    year = fact.qualifiers.get("year", "")[:4]
    candidates = [
        found.fact
        for found in ctx.find_all(
            fact, (fact.kind,), units=(fact.unit,), localities=(), references=True
        )
    ]
    # A dated reference (a market value on a day) says nothing about another year's figure.
    candidates = [
        ref
        for ref in candidates
        if not (year and ref.reference and ref.reference.as_of)
        or ref.reference.as_of.startswith(year)
    ]
    if not candidates or beside_a_percentage(fact, ctx) or in_a_row_of_parts(fact, ctx):
        return None
    nearest = min(candidates, key=lambda ref: abs(math.log(max(fact.value, 1e-300) / ref.value)))
    reference = nearest.reference
    assert reference is not None
    factors = ctx.config.band("verdict_factors")
    expected = (nearest.low, nearest.high)
    grade_ = grade(claimed_interval(fact), expected, (factors.low, factors.high))
    basis = (
        f"{reference.source} gives {figure(nearest.value, nearest.unit)} for {reference.subject}"
    )
    if grade_.verdict == "consistent":
        text = f"Consistent: {basis}; the claim {figure(fact.value, fact.unit)} agrees."
    else:
        text = (
            f"{grade_.verdict.capitalize()}: {basis}; the claim {figure(fact.value, fact.unit)} "
            f"is {times(grade_.ratio)}."
        )
    return finding(
        fact, NAME, grade_, expected, fact.unit or "",
        inputs=[nearest.input_record("reference", REFERENCE)],
        assumptions={"verdict_factors": factors.record()},
        explanation=text,
        implied=None,
    )  # fmt: skip
