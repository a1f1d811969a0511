"""Inputs several rules share: how many chips of which accelerator, GPU-hours, a duration."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from checks.catalog import Accelerator
from checks.context import LOCALITIES, SAME_SENTENCE, Context, Fact, Found

CHIP_KINDS = ("chip_count", "other")
#: Precisions a claim's silence most plausibly means; anything else is a stretch.
USUAL_PRECISIONS = ("BF16", "FP16", "FP8")


@dataclass(slots=True)
class Chips:
    """A chip count (low..high) of one accelerator, with the inputs it came from."""

    low: float
    high: float
    accelerator: Accelerator | None
    inputs: list[dict[str, Any]] = field(default_factory=list)
    wheres: list[str] = field(default_factory=list)


def _same_hardware(ctx: Context, name: str | None, other: str | None) -> bool:
    if not name or not other:
        return True
    first, second = ctx.accelerator(name), ctx.accelerator(other)
    if first is None or second is None:
        return name == other
    return first.key == second.key


def accelerator_record(
    acc: Accelerator, field_name: str, value: Any, unit: str, source: str
) -> dict:
    return {
        "catalog": acc.name,
        "field": field_name,
        "value": value,
        "unit": unit,
        "source": source,
    }


def find_chips(
    fact: Fact,
    ctx: Context,
    *,
    need_accelerator: bool = True,
    localities: Sequence[str] = LOCALITIES,
) -> Chips | str:
    """The chips behind ``fact``: its own hardware count, else the nearest chip-count claim.

    A count that names no accelerator takes the one of an equal count elsewhere in the same
    source (a figure restated). Returns a description of what is missing when there is no
    count, or no known accelerator and ``need_accelerator``.
    """
    own_count = fact.qualifiers.get("hardware_count")
    if own_count:
        try:
            count = float(own_count)
        except ValueError:
            count = 0.0
        acc = ctx.accelerator(fact.hardware)
        if count > 0 and acc is not None:
            record = {
                "claim_id": fact.id,
                "role": "chip_count",
                "where": SAME_SENTENCE,
                "value": count,
                "unit": "GPU",
                "quote": fact.quote,
            }
            return Chips(count, count, acc, [record], [SAME_SENTENCE])
    found = ctx.find(
        fact,
        CHIP_KINDS,
        units=("GPU",),
        accept=lambda other: (
            not other.qualifiers.get("per")
            and other.value > 1
            and _same_hardware(ctx, fact.hardware, other.hardware)
        ),
        localities=localities,
        strict_subject=True,
    )
    if found is None:
        return "the number of accelerators"
    records = [found.fact.input_record("chip_count", found.where)]
    wheres = [found.where]
    name = found.fact.hardware or fact.hardware
    if not name:
        restated = _restated_with_hardware(found.fact, ctx)
        if restated is not None:
            name = restated.hardware
            records.append(restated.input_record("hardware", "same source, same count"))
    acc = ctx.accelerator(name)
    if acc is None and need_accelerator:
        what = f"'{name}'" if name else "which accelerator"
        return f"catalog entry for {what} (for the {found.fact.value:,.0f} chips)"
    return Chips(found.fact.low, found.fact.high, acc, records, wheres)


def chips_on_accelerator(fact: Fact, ctx: Context) -> tuple[Chips, Accelerator] | str:
    """The chips behind ``fact`` and their catalog entry, or what is missing to know them."""
    chips = find_chips(fact, ctx)
    if isinstance(chips, str):
        return chips
    if chips.accelerator is None:
        return "which accelerator the chips are"
    return chips, chips.accelerator


def _restated_with_hardware(count: Fact, ctx: Context) -> Fact | None:
    for other in ctx.facts_of_source(count.source_id, CHIP_KINDS):
        if other.hardware and other.unit == "GPU" and other.value == count.value:
            return other
    return None


def find_gpu_hours(
    fact: Fact,
    ctx: Context,
    *,
    references: bool = False,
    localities: Sequence[str] = LOCALITIES,
) -> Found | None:
    return ctx.find(
        fact,
        ("gpu_hours", "other"),
        units=("GPU*hour",),
        accept=lambda other: _same_hardware(ctx, fact.hardware, other.hardware),
        references=references,
        localities=localities,
        strict_subject=True,
    )


def find_duration(fact: Fact, ctx: Context) -> Found | None:
    """A stated duration near the claim (same sentence or paragraph only: durations of
    other things in the same source are too easily confused)."""
    return ctx.find(
        fact,
        ("duration", "other"),
        units=("hour",),
        accept=lambda other: other.bound != "<" or other.value > 0,
        localities=(SAME_SENTENCE,),
    )


def precision_of(fact: Fact) -> str | None:
    """The claim's stated precision, normalised ("fp8 sparse" -> "FP8-sparse")."""
    raw = fact.qualifiers.get("precision")
    if not raw:
        return None
    text = raw.upper().replace("_", "-").replace(" ", "-")
    sparse = "SPARSE" in text or "2:4" in text
    base = text.split("-")[0]
    return f"{base}-sparse" if sparse else base


def precisions_to_try(acc: Accelerator, stated: str | None) -> list[tuple[str, bool]]:
    """(precision, stretched) pairs to try: the stated one alone, else the usual training
    precisions and, as stretches, every faster one (2:4 sparsity, FP4, INT8). Slower
    precisions (TF32, FP32) never make a figure fit: a low figure is a sustained rate."""
    if stated:
        return [(stated, False)] if acc.peak(stated) else []
    sixteen_bit = acc.peak("BF16") or 0.0
    tried = []
    for precision in acc.precisions():
        usual = precision in USUAL_PRECISIONS
        if usual or (acc.peak(precision) or 0.0) > sixteen_bit:
            tried.append((precision, not usual))
    return tried or [(precision, False) for precision in acc.precisions()[:1]]


def band_mid(low: float, high: float) -> float:
    return (low + high) / 2
