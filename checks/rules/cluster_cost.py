"""Rule 3: chips × purchase price × all-in overhead against a claimed capex or hardware cost.

A training run's cost is also bounded by it: renting or owning the cluster for one run cannot
cost more than building the whole cluster, so a training cost is checked against that ceiling.
"""

from __future__ import annotations

from checks.context import Context, Fact
from checks.model import Finding
from checks.rules import Missing
from checks.rules.inputs import accelerator_record, chips_on_accelerator
from checks.verdicts import claimed_interval, finding, grade
from checks.wording import figure, span, times

NAME = "cluster_cost"
KINDS = frozenset({"capex", "training_cost"})


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    if fact.unit not in ("USD", "USD/GPU"):
        return None
    known = chips_on_accelerator(fact, ctx)
    if isinstance(known, str):
        return Missing((known,))
    chips, acc = known
    if not acc.price_usd:
        return Missing((f"a purchase price for {acc.name} in the catalog",))
    per_chip = fact.unit == "USD/GPU" or fact.qualifiers.get("scope") == "per_chip"
    overhead = ctx.config.band("all_in_cost_per_price")
    factors = ctx.config.band("verdict_factors")
    price_low, price_high = acc.price_usd
    all_in = (price_low * overhead.low, price_high * overhead.high)
    ceiling_only = fact.kind == "training_cost"
    claimed = claimed_interval(fact)
    # One accelerator: from its purchase price to its all-in share of a built cluster.
    one = (price_low, all_in[1])
    total = (0.0 if ceiling_only else chips.low * all_in[0], chips.high * all_in[1])
    reading = ""
    if not per_chip and not ceiling_only and fact.qualifiers.get("scope") != "total":
        pair = (factors.low, factors.high)
        if grade(claimed, one, pair).distance < grade(claimed, total, pair).distance:
            per_chip = True
            reading = " (the text gives no scope; read as a per-accelerator figure)"
    count_low, count_high = (1.0, 1.0) if per_chip else (chips.low, chips.high)
    expected = one if per_chip else total
    grade_ = grade(claimed, expected, (factors.low, factors.high))
    if per_chip:
        basis = (
            f"one {acc.key} costs {span(price_low, price_high, 'USD')} to buy and "
            f"{span(*all_in, 'USD')} all-in (× {overhead.low:g}–{overhead.high:g}){reading}"
        )
    else:
        basis = (
            f"{span(count_low, count_high, 'GPU')} {acc.key} × "
            f"{span(price_low, price_high, 'USD')} purchase price × "
            f"{overhead.low:g}–{overhead.high:g} all-in ({span(*all_in, 'USD')} each)"
        )
    if ceiling_only:
        basis = f"a training run cannot cost more than the whole cluster: {basis} ≤ "
        basis += figure(expected[1], "USD")
    elif not per_chip:
        basis += f" = {span(*expected, 'USD')}"
    claimed_words = figure(fact.value, "USD")
    if grade_.verdict == "consistent":
        text = f"Consistent: {basis}; the claim {claimed_words} fits."
    else:
        text = (
            f"{grade_.verdict.capitalize()}: {basis}; "
            f"the claim {claimed_words} is {times(grade_.ratio)}."
        )
    implied_each = fact.value / ((count_low + count_high) / 2)
    implied = (
        f"implies {figure(implied_each, 'USD')} per {acc.key} "
        f"(catalog: {span(price_low, price_high, 'USD')}; all-in {span(*all_in, 'USD')})"
    )
    inputs = chips.inputs + [
        accelerator_record(acc, "price_usd", [price_low, price_high], "USD", acc.source)
    ]
    assumptions = {"all_in_cost_per_price": overhead.record(), "verdict_factors": factors.record()}
    return finding(
        fact, NAME, grade_, expected, fact.unit,
        inputs=inputs, assumptions=assumptions, explanation=text, implied=implied,
    )  # fmt: skip
