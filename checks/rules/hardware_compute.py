"""Rule 6: GPU time × peak FLOP/s × utilisation (MFU band) against a claimed training FLOP.

GPU time comes from GPU-hours, or chips × duration (the `training_months` band when the text
gives no duration), or a cluster FLOP/s stated in the same sentence. Precision as in rule 1.
"""

from __future__ import annotations

from typing import Any

from checks.catalog import Accelerator
from checks.context import LOCALITIES, SAME_SENTENCE, Context, Fact
from checks.model import Finding
from checks.rules import Missing
from checks.rules.inputs import (
    accelerator_record,
    find_chips,
    find_duration,
    find_gpu_hours,
    precision_of,
    precisions_to_try,
)
from checks.verdicts import Grade, claimed_interval, finding, grade
from checks.wording import figure, precision_words, span, times

NAME = "hardware_compute"
KINDS = frozenset({"training_compute"})


def _gpu_seconds(
    fact: Fact, ctx: Context
) -> (
    tuple[tuple[float, float], Accelerator | None, list[dict[str, Any]], dict[str, Any], str] | str
):
    """(low, high) accelerator-seconds, the accelerator, inputs, assumptions, wording."""
    hours = find_gpu_hours(fact, ctx, localities=LOCALITIES[:3])
    acc = ctx.accelerator(hours.fact.hardware or fact.hardware) if hours else None
    if hours is not None and acc is not None:
        words = f"{figure(hours.fact.value, 'GPU*hour')}"
        return (
            (hours.fact.low * 3600, hours.fact.high * 3600),
            acc,
            [hours.fact.input_record("gpu_hours", hours.where)],
            {},
            words,
        )
    duration = find_duration(fact, ctx)
    # With the duration assumed, a chip count from another source is too weak an input.
    chips = find_chips(fact, ctx, localities=LOCALITIES if duration else LOCALITIES[:3])
    if isinstance(chips, str):
        return chips
    assumptions: dict[str, Any] = {}
    inputs = list(chips.inputs)
    if duration is not None:
        hours_low, hours_high = duration.fact.low, duration.fact.high
        inputs.append(duration.fact.input_record("duration", duration.where))
        duration_words = figure(duration.fact.value, "hour")
    else:
        months = ctx.config.band("training_months")
        days = ctx.config.band("month_days")
        hours_low = months.low * days.low * 24
        hours_high = months.high * days.high * 24
        assumptions["training_months"] = months.record()
        duration_words = f"{months.low:g}–{months.high:g} months (not stated)"
    name = chips.accelerator.key if chips.accelerator else ""
    words = f"{span(chips.low, chips.high, 'GPU')} {name} × {duration_words}"
    return (
        (chips.low * hours_low * 3600, chips.high * hours_high * 3600),
        chips.accelerator,
        inputs,
        assumptions,
        words,
    )


def _from_cluster_throughput(fact: Fact, ctx: Context) -> Finding | Missing | None:
    found = ctx.find(
        fact,
        ("cluster_throughput",),
        units=("FLOP/s",),
        localities=(SAME_SENTENCE,),
        accept=lambda other: other.qualifiers.get("scope") != "per_chip",
    )
    if found is None:
        return None
    mfu = ctx.config.band("mfu")
    months = ctx.config.band("training_months")
    days = ctx.config.band("month_days")
    factors = ctx.config.band("verdict_factors")
    seconds = (months.low * days.low * 86400, months.high * days.high * 86400)
    expected = (found.fact.low * mfu.low * seconds[0], found.fact.high * mfu.high * seconds[1])
    grade_ = grade(claimed_interval(fact), expected, (factors.low, factors.high))
    basis = (
        f"{figure(found.fact.value, 'FLOP/s')} × MFU {mfu.low:g}–{mfu.high:g} × "
        f"{months.low:g}–{months.high:g} months = {span(*expected, 'FLOP')}"
    )
    text = f"{grade_.verdict.capitalize()}: {basis}; the claim {figure(fact.value, 'FLOP')}"
    text += " fits." if grade_.verdict == "consistent" else f" is {times(grade_.ratio)}."
    return finding(
        fact, NAME, grade_, expected, "FLOP",
        inputs=[found.fact.input_record("cluster_throughput", found.where)],
        assumptions={"mfu": mfu.record(), "training_months": months.record(),
                     "verdict_factors": factors.record()},
        explanation=text,
        implied=(
            f"implies an MFU of {fact.value / (found.fact.value * sum(seconds) / 2):.0%} "
            f"over {(months.low + months.high) / 2:g} months"
        ),
    )  # fmt: skip


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    if fact.unit != "FLOP":
        return None
    time = _gpu_seconds(fact, ctx)
    if isinstance(time, str):
        return _from_cluster_throughput(fact, ctx) or Missing((f"{time}, or GPU-hours",))
    (seconds_low, seconds_high), acc, inputs, assumptions, words = time
    if acc is None:
        return Missing(("which accelerator the GPU time is on",))
    stated = precision_of(fact)
    tried = precisions_to_try(acc, stated)
    if not tried:
        return Missing((f"a {stated} peak for {acc.name} in the catalog",))
    mfu = ctx.config.band("mfu")
    factors = ctx.config.band("verdict_factors")
    claimed = claimed_interval(fact)
    graded = []
    for precision, stretched in tried:
        peak = acc.peak(precision) or 0.0
        expected = (seconds_low * peak * mfu.low, seconds_high * peak * mfu.high)
        graded.append(
            (precision, stretched, grade(claimed, expected, (factors.low, factors.high)), expected)
        )
    usual = [item for item in graded if not item[1]] or graded
    decisive = min(usual, key=lambda item: item[2].distance)
    note = ""
    if decisive[2].verdict != "consistent":
        reconciling = [item for item in graded if item[1] and item[2].verdict == "consistent"]
        if reconciling:
            precision, _, grade_, expected = reconciling[0]
            decisive = (
                precision,
                True,
                Grade("questionable", grade_.ratio, grade_.severity),
                expected,
            )
            note = f"holds only at {precision_words(precision)}"
    precision, _, grade_, expected = decisive
    peak = acc.peak(precision) or 0.0
    basis = (
        f"{words} × {figure(peak, 'FLOP/s')} ({precision_words(precision)}) × MFU "
        f"{mfu.low:g}–{mfu.high:g} = {span(*expected, 'FLOP')}"
    )
    claimed_words = figure(fact.value, "FLOP")
    if grade_.verdict == "consistent":
        text = f"Consistent: {basis}; the claim {claimed_words} fits."
    elif note:
        text = f"Questionable: {note}. {basis}."
    else:
        text = (
            f"{grade_.verdict.capitalize()}: {basis}; "
            f"the claim {claimed_words} is {times(grade_.ratio)}."
        )
    baseline = acc.peak("BF16") or peak
    mfu_needed = fact.value / (baseline * (seconds_low + seconds_high) / 2)
    baseline_words = precision_words("BF16" if acc.peak("BF16") else precision)
    implied = f"implies an MFU of {mfu_needed:.0%} at {baseline_words}"
    inputs = inputs + [
        accelerator_record(
            acc, f"peak_flops_{precision}", peak, "FLOP/s", acc.peak_source_for(precision)
        )
    ]
    assumptions = {
        **assumptions,
        "mfu": mfu.record(),
        "precision": precision,
        "precision_stated": bool(stated),
        "verdict_factors": factors.record(),
    }
    return finding(
        fact, NAME, grade_, expected, "FLOP",
        inputs=inputs, assumptions=assumptions, explanation=text, implied=implied,
    )  # fmt: skip
