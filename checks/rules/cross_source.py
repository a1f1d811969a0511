"""Rule 9: the same subject and kind claimed by other sources; more than 3× apart disagrees.

The band is the range the other sources give; within the `cross_source_factor` of it the
claim agrees. Sources split from one file (an anthology) count as one source.
"""

from __future__ import annotations

from functools import cache

from checks.context import ELSEWHERE, Context, Fact
from checks.model import Finding
from checks.rules import Missing
from checks.verdicts import claimed_interval, finding, grade
from checks.wording import figure, span, times

NAME = "cross_source"
KINDS = frozenset(
    {
        "training_compute", "training_cost", "gpu_hours", "chip_count", "cluster_throughput",
        "chip_throughput", "power", "capex", "api_price", "token_count", "parameter_count",
        "market_value",
    }
)  # fmt: skip


@cache
def _names_a_class(subject: str) -> bool:
    """A class of things ("data centres", "frontier labs") is no one subject to compare:
    two articles' figures about it are usually about different members."""
    from claims import entities

    entry = entities.lookup(subject)
    return bool(entry is not None and entry.generic)


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    if not fact.subject_key or fact.vague or _names_a_class(fact.subject or ""):
        return None
    others = ctx.other_sources(fact)
    if others is None:
        return None
    low, high, sources, examples = others
    factor = ctx.config.band("cross_source_factor")
    grade_ = grade(claimed_interval(fact), (low, high), (factor.high, factor.high))
    basis = (
        f"{sources} other source{'s give' if sources > 1 else ' gives'} "
        f"{span(low, high, fact.unit)} "
        f"for {fact.subject} ({fact.kind.replace('_', ' ')})"
    )
    if grade_.verdict == "consistent":
        text = (
            f"Consistent: {basis}; the claim {figure(fact.value, fact.unit)} "
            f"agrees within {factor.high:g}×."
        )
    else:
        text = (
            f"{grade_.verdict.capitalize()}: {basis}; the claim {figure(fact.value, fact.unit)} "
            f"is {times(grade_.ratio)} (sources disagree by more than {factor.high:g}×)."
        )
    return finding(
        fact, NAME, grade_, (low, high), fact.unit or "",
        inputs=[other.input_record("other_source", ELSEWHERE) for other in examples],
        assumptions={"cross_source_factor": factor.record()},
        explanation=text,
        implied=None,
    )  # fmt: skip
