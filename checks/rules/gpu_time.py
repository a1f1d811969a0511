"""Rule 5: chips × duration against claimed GPU-hours; without a duration, GPU-hours ÷ chips
must be a plausible run length (the `run_days` band)."""

from __future__ import annotations

from checks.context import LOCALITIES, Context, Fact
from checks.model import Finding
from checks.rules import Missing
from checks.rules.inputs import find_chips, find_duration
from checks.verdicts import claimed_interval, finding, grade
from checks.wording import figure, span, times

NAME = "gpu_time"
KINDS = frozenset({"gpu_hours"})


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    if fact.unit != "GPU*hour":
        return None
    duration = find_duration(fact, ctx)
    # Without a stated duration only the run length is checked, and a chip count from another
    # source (perhaps of a larger or later cluster) says too little about it.
    chips = find_chips(
        fact, ctx, need_accelerator=False, localities=LOCALITIES if duration else LOCALITIES[:3]
    )
    if isinstance(chips, str):
        return Missing((chips,))
    factors = ctx.config.band("verdict_factors")
    count = span(chips.low, chips.high, "GPU")
    if duration is not None:
        expected = (chips.low * duration.fact.low, chips.high * duration.fact.high)
        grade_ = grade(claimed_interval(fact), expected, (factors.low, factors.high))
        basis = (
            f"{count} GPUs × {figure(duration.fact.value, 'hour')} = {span(*expected, 'GPU*hour')}"
        )
        inputs = chips.inputs + [duration.fact.input_record("duration", duration.where)]
        assumptions = {"verdict_factors": factors.record()}
    else:
        run = ctx.config.band("run_days")
        expected = (chips.low * run.low * 24, chips.high * run.high * 24)
        grade_ = grade(claimed_interval(fact), expected, (factors.low, factors.high))
        hours = fact.value / ((chips.low + chips.high) / 2)
        basis = (
            f"{figure(fact.value, 'GPU*hour')} ÷ {count} GPUs = {figure(hours, 'hour')} of "
            f"continuous use (plausible runs: {run.low:g}–{run.high:g} days)"
        )
        inputs = chips.inputs
        assumptions = {"run_days": run.record(), "verdict_factors": factors.record()}
    if grade_.verdict == "consistent":
        text = f"Consistent: {basis}; the claim {figure(fact.value, 'GPU*hour')} fits."
    else:
        text = f"{grade_.verdict.capitalize()}: {basis}; the claim is {times(grade_.ratio)}."
    implied = f"implies {figure(fact.value / ((chips.low + chips.high) / 2), 'hour')} per GPU"
    return finding(
        fact, NAME, grade_, expected, "GPU*hour",
        inputs=inputs, assumptions=assumptions, explanation=text, implied=implied,
    )  # fmt: skip
