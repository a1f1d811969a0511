"""Rule 2: chips × TDP × facility overhead against a claimed power draw (W)."""

from __future__ import annotations

from checks.context import Context, Fact
from checks.model import Finding
from checks.rules import Missing
from checks.rules.inputs import accelerator_record, chips_on_accelerator
from checks.verdicts import claimed_interval, finding, grade
from checks.wording import figure, span, times

NAME = "cluster_power"
KINDS = frozenset({"power"})


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    if fact.unit not in ("W", "W/GPU"):
        return None
    known = chips_on_accelerator(fact, ctx)
    if isinstance(known, str):
        return Missing((known,))
    chips, acc = known
    if not acc.tdp_w:
        return Missing((f"the TDP of {acc.name} in the catalog",))
    per_chip = fact.unit == "W/GPU" or fact.qualifiers.get("scope") == "per_chip"
    overhead = ctx.config.band("facility_power_per_tdp")
    factors = ctx.config.band("verdict_factors")
    claimed = claimed_interval(fact)
    per_acc = (acc.tdp_w * overhead.low, acc.tdp_w * overhead.high)
    # One accelerator: its TDP alone, up to the facility's share of it.
    one = (acc.tdp_w, acc.tdp_w * overhead.high)
    total = (chips.low * per_acc[0], chips.high * per_acc[1])
    reading = ""
    if not per_chip and fact.qualifiers.get("scope") != "total":
        pair = (factors.low, factors.high)
        if grade(claimed, one, pair).distance < grade(claimed, total, pair).distance:
            per_chip = True
            reading = " (the text gives no scope; read as a per-accelerator figure)"
    count_low, count_high = (1.0, 1.0) if per_chip else (chips.low, chips.high)
    expected = one if per_chip else total
    grade_ = grade(claimed, expected, (factors.low, factors.high))
    count_words = f"{span(count_low, count_high, 'GPU')} {acc.key} × {figure(acc.tdp_w, 'W')} TDP"
    if per_chip:
        basis = (
            f"one {acc.key} draws {figure(acc.tdp_w, 'W')} (TDP), up to "
            f"{figure(one[1], 'W')} with facility overhead ×{overhead.high:g}{reading}"
        )
    else:
        basis = (
            f"{count_words} × {overhead.low:g}–{overhead.high:g} facility overhead "
            f"({span(*per_acc, 'W')} each) = {span(*expected, 'W')}"
        )
        # Texts often quote the accelerators' own draw (count × TDP), not the facility's.
        alone = (chips.low * acc.tdp_w, chips.high * acc.tdp_w)
        arithmetic = ctx.config.band("arithmetic_factors")
        alone_grade = grade(claimed, alone, (arithmetic.low, arithmetic.high))
        if grade_.verdict != "consistent" and alone_grade.verdict == "consistent":
            expected, grade_ = alone, alone_grade
            basis = (
                f"{count_words} = {span(*alone, 'W')} for the accelerators alone (the facility "
                f"draws {overhead.low:g}–{overhead.high:g}× that: {span(*total, 'W')})"
            )
    if grade_.verdict == "consistent":
        text = f"Consistent: {basis}; the claim {figure(fact.value, 'W')} fits."
    else:
        text = (
            f"{grade_.verdict.capitalize()}: {basis}; the claim {figure(fact.value, 'W')} "
            f"is {times(grade_.ratio)}."
        )
    implied_each = fact.value / ((count_low + count_high) / 2)
    implied = (
        f"implies {figure(implied_each, 'W')} per {acc.key} "
        f"(catalog TDP {figure(acc.tdp_w, 'W')}; facility {span(*per_acc, 'W')})"
    )
    inputs = chips.inputs + [accelerator_record(acc, "tdp_w", acc.tdp_w, "W", acc.source)]
    assumptions = {
        "facility_power_per_tdp": overhead.record(),
        "verdict_factors": factors.record(),
    }
    return finding(
        fact, NAME, grade_, expected, fact.unit,
        inputs=inputs, assumptions=assumptions, explanation=text, implied=implied,
    )  # fmt: skip
