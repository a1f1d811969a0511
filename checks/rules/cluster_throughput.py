"""Rule 1: chips × peak FLOP/s per precision against a claimed cluster (or per-chip) FLOP/s.

When the text names no precision every listed one is tried: a claim that only BF16/FP16/FP8
dense reconcile is consistent; one that only a sparse or low precision reconciles is
questionable, and the finding names that precision.
"""

from __future__ import annotations

from checks.context import SAME_SENTENCE, Context, Fact
from checks.model import Finding
from checks.rules import Missing
from checks.rules.inputs import (
    Chips,
    accelerator_record,
    find_chips,
    precision_of,
    precisions_to_try,
)
from checks.verdicts import Grade, claimed_interval, finding, grade
from checks.wording import figure, precision_words, span, times

NAME = "cluster_throughput"
KINDS = frozenset({"cluster_throughput", "chip_throughput"})


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    per_chip = fact.unit == "FLOP/s/GPU" or (
        fact.unit == "FLOP/s"
        and (fact.kind == "chip_throughput" or fact.qualifiers.get("scope") == "per_chip")
    )
    if fact.unit not in ("FLOP/s", "FLOP/s/GPU"):
        return None
    if per_chip:
        acc = ctx.accelerator(fact.hardware)
        if acc is None:
            chips = find_chips(fact, ctx)
            if isinstance(chips, str):
                return Missing(("which accelerator the per-chip figure is for",))
            acc = chips.accelerator
        chips = Chips(1, 1, acc, [], [SAME_SENTENCE])
    else:
        found = find_chips(fact, ctx)
        if isinstance(found, str):
            return Missing((found,))
        chips = found
    acc = chips.accelerator
    if acc is None:
        return Missing(("which accelerator the chips are",))
    stated = precision_of(fact)
    tried = precisions_to_try(acc, stated)
    if not tried:
        return Missing((f"a {stated or 'listed'} peak for {acc.name} in the catalog",))
    factors = ctx.config.band("verdict_factors")
    mfu = ctx.config.band("mfu")
    claimed = claimed_interval(fact)
    graded: list[tuple[str, bool, Grade, tuple[float, float]]] = []
    for precision, stretched in tried:
        peak = acc.peak(precision) or 0.0
        # From a sustained rate (peak × the lowest utilisation) up to the peak.
        expected = (chips.low * peak * mfu.low, chips.high * peak)
        graded.append(
            (precision, stretched, grade(claimed, expected, (factors.low, factors.high)), expected)
        )
    usual = [item for item in graded if not item[1]] or graded
    best_usual = min(usual, key=lambda item: item[2].distance)
    baseline = next((item for item in graded if item[0] in ("BF16", "FP16")), best_usual)
    decisive = best_usual
    note = ""
    if best_usual[2].verdict != "consistent":
        reconciling = [item for item in graded if item[1] and item[2].verdict == "consistent"]
        if reconciling:
            precision, _, grade_, expected = reconciling[0]
            decisive = (
                precision,
                True,
                Grade("questionable", grade_.ratio, grade_.severity),
                expected,
            )
            note = (
                f"holds only for {precision_words(precision)}; "
                f"{times(baseline[2].ratio) if baseline[2].ratio != 1 else 'fits'} "
                f"at {precision_words(baseline[0])}"
            )
    precision, stretched, grade_, expected = decisive
    peak = acc.peak(precision) or 0.0
    what = "one chip" if per_chip else f"{span(chips.low, chips.high, 'GPU')} {acc.key}"
    basis = (
        f"{what} × {figure(peak, 'FLOP/s')} ({precision_words(precision)}) = "
        f"{figure(expected[1], 'FLOP/s')} at peak ({span(*expected, 'FLOP/s')} from "
        f"utilisation {mfu.low:g} to peak)"
    )
    claimed_words = figure(fact.value, "FLOP/s")
    if grade_.verdict == "consistent":
        lead = f"Consistent: {basis}; the claim {claimed_words}"
        lead += " fits." if grade_.ratio == 1 else f" is within {grade_.distance:.2g}×."
    elif note:
        lead = f"Questionable: {note}. {basis}."
    else:
        lead = f"{grade_.verdict.capitalize()}: {basis}; the claim {claimed_words} is "
        lead += times(grade_.ratio)
        if not stated:
            lead += " even at the best-fitting precision"
        lead += "."
    implied_per_chip = fact.value / ((chips.low + chips.high) / 2)
    listed = ", ".join(
        f"{(acc.peak(p) or 0) / 1e12:,.0f} {precision_words(p)}" for p, _ in tried[:6]
    )
    implied = (
        f"implies {implied_per_chip / 1e12:,.0f} TFLOP/s per {acc.key} (catalog TFLOP/s: {listed})"
    )
    inputs = list(chips.inputs) + [
        accelerator_record(
            acc, f"peak_flops_{precision}", peak, "FLOP/s", acc.peak_source_for(precision)
        )
    ]
    assumptions = {
        "mfu": mfu.record(),
        "precision": precision,
        "precision_stated": bool(stated),
        "verdict_factors": factors.record(),
        "precisions_tried": {p: float(f"{g.ratio:.3g}") for p, _, g, _ in graded},
    }
    return finding(
        fact, NAME, grade_, expected, fact.unit or "FLOP/s",
        inputs=inputs, assumptions=assumptions, explanation=lead, implied=implied,
    )  # fmt: skip
