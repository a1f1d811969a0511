"""Rule 4: GPU-hours × rental price against a claimed training cost.

The price is the one the text states (same sentence, table or subject) when there is one,
else the rental band (Hopper) or the catalog's rental range. A stated $/GPU-hour figure is
itself checked against that band.
"""

from __future__ import annotations

from typing import Any

from checks.catalog import Accelerator
from checks.config import Band
from checks.context import SAME_PARAGRAPH, SAME_SENTENCE, SAME_SOURCE, Context, Fact
from checks.model import Finding
from checks.rules import Missing
from checks.rules.inputs import accelerator_record, find_chips, find_duration, find_gpu_hours
from checks.verdicts import claimed_interval, finding, grade
from checks.wording import figure, span, times

NAME = "rental_cost"
KINDS: frozenset[str] = frozenset()  # any kind: a $/GPU-hour figure is checked whatever its kind
RATE_UNIT = "USD/(GPU*hour)"


def rental_band(
    acc: Accelerator | None, ctx: Context
) -> tuple[tuple[float, float], dict[str, Any]] | None:
    """The rental price range for ``acc`` and how it is recorded, or None if unknown."""
    hopper: Band = ctx.config.band("rental_hopper")
    if acc is None or acc.family == "Hopper":
        record: dict[str, Any] = {"rental_hopper": hopper.record()}
        if acc is None:
            record["note"] = "accelerator not named; the Hopper band is assumed"
        return (hopper.low, hopper.high), record
    if acc.rent_usd_per_gpu_hour:
        listed = accelerator_record(
            acc, "rent_usd_per_gpu_hour", list(acc.rent_usd_per_gpu_hour), RATE_UNIT, acc.source
        )
        return acc.rent_usd_per_gpu_hour, {"catalog_rent": listed}
    return None


def _rate_claim(fact: Fact, ctx: Context) -> Finding | Missing | None:
    hardware = ctx.accelerator(fact.hardware)
    if hardware is None:
        near = find_gpu_hours(fact, ctx)
        hardware = ctx.accelerator(near.fact.hardware) if near else None
    band = rental_band(hardware, ctx)
    if band is None:
        return Missing((f"a rental price range for {hardware.name if hardware else '?'}",))
    (low, high), recorded = band
    factors = ctx.config.band("verdict_factors")
    grade_ = grade(claimed_interval(fact), (low, high), (factors.low, factors.high))
    what = hardware.key if hardware else "a GPU"
    text = (
        f"{grade_.verdict.capitalize()}: renting {what} costs {span(low, high, 'USD')} per "
        f"GPU-hour; the claim {figure(fact.value, RATE_UNIT)}"
        + (" fits." if grade_.verdict == "consistent" else f" is {times(grade_.ratio)}.")
    )
    return finding(
        fact, NAME, grade_, (low, high), RATE_UNIT,
        inputs=[], assumptions={**recorded, "verdict_factors": factors.record()},
        explanation=text, implied=None,
    )  # fmt: skip


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    if fact.unit == RATE_UNIT:
        return _rate_claim(fact, ctx)
    if fact.kind != "training_cost" or fact.unit != "USD":
        return None
    inputs: list[dict[str, Any]] = []
    hours = find_gpu_hours(fact, ctx)
    if hours is not None:
        gpu_low, gpu_high = hours.fact.low, hours.fact.high
        hardware_name = hours.fact.hardware or fact.hardware
        inputs.append(hours.fact.input_record("gpu_hours", hours.where))
        basis = figure(hours.fact.value, "GPU*hour")
    else:
        chips = find_chips(fact, ctx, need_accelerator=False)
        duration = find_duration(fact, ctx)
        if isinstance(chips, str) or duration is None:
            return Missing(("GPU-hours, or a chip count and a duration",))
        gpu_low, gpu_high = chips.low * duration.fact.low, chips.high * duration.fact.high
        hardware_name = (chips.accelerator.key if chips.accelerator else None) or fact.hardware
        inputs += chips.inputs + [duration.fact.input_record("duration", duration.where)]
        basis = (
            f"{span(chips.low, chips.high, 'GPU')} GPUs × {figure(duration.fact.value, 'hour')} = "
            f"{span(gpu_low, gpu_high, 'GPU*hour')}"
        )
    acc = ctx.accelerator(hardware_name)
    stated = ctx.find(
        fact,
        None,
        units=(RATE_UNIT,),
        localities=(SAME_SENTENCE, SAME_PARAGRAPH, SAME_SOURCE),
    )
    factors = ctx.config.band("verdict_factors")
    if stated is not None:
        rate_low, rate_high = stated.fact.low, stated.fact.high
        inputs.append(stated.fact.input_record("rental_price", stated.where))
        assumptions: dict[str, Any] = {"rental_price": "stated in the text"}
        price_words = f"the stated {span(rate_low, rate_high, 'USD')} per GPU-hour"
    else:
        band = rental_band(acc, ctx)
        if band is None:
            return Missing((f"a rental price range for {acc.name if acc else 'the accelerator'}",))
        (rate_low, rate_high), assumptions = band
        price_words = f"{span(rate_low, rate_high, 'USD')} per GPU-hour"
    expected = (gpu_low * rate_low, gpu_high * rate_high)
    grade_ = grade(claimed_interval(fact), expected, (factors.low, factors.high))
    claimed = ("under " if fact.bound == "<" else "") + figure(fact.value, "USD")
    text = f"{basis} × {price_words} = {span(*expected, 'USD')}; the claim {claimed}"
    if grade_.verdict == "consistent":
        text = f"Consistent: {text} fits."
    else:
        text = f"{grade_.verdict.capitalize()}: {text} is {times(grade_.ratio)}."
    mid_hours = (gpu_low + gpu_high) / 2
    implied = f"implies {figure(fact.value / mid_hours, RATE_UNIT)}"
    implied += f" (band {span(rate_low, rate_high, 'USD')})" if stated is None else ""
    assumptions["verdict_factors"] = factors.record()
    return finding(
        fact, NAME, grade_, expected, "USD",
        inputs=inputs, assumptions=assumptions, explanation=text, implied=implied,
    )  # fmt: skip
