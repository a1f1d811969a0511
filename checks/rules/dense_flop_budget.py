"""Rule 7: 6 × parameters × tokens against a claimed training FLOP (dense-equivalent budget).

For a mixture of experts the active parameters count: when several parameter counts are found
at the same distance, the smallest (the active one) is used, or one marked ``role=active``.
"""

from __future__ import annotations

from checks.context import LOCALITIES, Context, Fact, Found
from checks.model import Finding
from checks.rules import Missing
from checks.verdicts import claimed_interval, finding, grade
from checks.wording import figure, span, times

NAME = "dense_flop_budget"
KINDS = frozenset({"training_compute"})


def _same_subject(fact: Fact):
    def accept(other: Fact) -> bool:
        return (
            not fact.subject_key or not other.subject_key or other.subject_key == fact.subject_key
        )

    return accept


def _nearest(fact: Fact, ctx: Context, kind: str, unit: str, *, smallest: bool) -> Found | None:
    # Parameters and tokens from the text's own source, else the trusted references: mixing
    # in another article's figure for a related model misleads more than it helps.
    found = list(
        ctx.find_all(
            fact,
            (kind,),
            units=(unit,),
            accept=_same_subject(fact),
            localities=LOCALITIES[:3],
            references=True,
        )
    )
    if not found:
        return None
    nearest = [item for item in found if item.where == found[0].where]
    active = [item for item in nearest if item.fact.qualifiers.get("role") == "active"]
    if active:
        return active[0]
    return min(nearest, key=lambda item: item.fact.value) if smallest else nearest[0]


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    if fact.unit != "FLOP":
        return None
    params = _nearest(fact, ctx, "parameter_count", "parameter", smallest=True)
    tokens = _nearest(fact, ctx, "token_count", "token", smallest=False)
    missing = [
        what
        for what, found in (
            ("the (active) parameter count", params),
            ("the training tokens", tokens),
        )
        if found is None
    ]
    if missing or params is None or tokens is None:
        return Missing(tuple(missing))
    factors = ctx.config.band("verdict_factors")
    expected = (6 * params.fact.low * tokens.fact.low, 6 * params.fact.high * tokens.fact.high)
    grade_ = grade(claimed_interval(fact), expected, (factors.low, factors.high))
    basis = (
        f"6 × {figure(params.fact.value, 'parameter')} × {figure(tokens.fact.value, 'token')} "
        f"= {span(*expected, 'FLOP')}"
    )
    claimed = figure(fact.value, "FLOP")
    if grade_.verdict == "consistent":
        text = f"Consistent: {basis}; the claim {claimed} fits."
    else:
        text = (
            f"{grade_.verdict.capitalize()}: {basis}; the claim {claimed} is {times(grade_.ratio)}."
        )
    implied = (
        f"implies {figure(fact.value / (6 * tokens.fact.value), 'parameter')} active parameters"
    )
    return finding(
        fact, NAME, grade_, expected, "FLOP",
        inputs=[params.fact.input_record("parameters", params.where),
                tokens.fact.input_record("tokens", tokens.where)],
        assumptions={"flop_per_parameter_token": 6, "verdict_factors": factors.record()},
        explanation=text, implied=implied,
    )  # fmt: skip
