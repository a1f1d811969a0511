"""`check_claims`: every applicable rule on every target claim, with one shared context."""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from checks.config import CheckConfig, default_config
from checks.context import Context, Fact, make_fact, reference_facts
from checks.model import CheckedClaim, Finding
from checks.rules import Missing, load, rules_for_kind
from checks.verdicts import unchecked

#: Bump when rules, bands or catalog change what a check concludes; stored with findings.
CHECKER_VERSION = "checks-1.0"


#: id(CheckedClaim) -> (the claim, its fact): lets a caller that checks batch after batch
#: against the same context claims (an ingest run) normalise each of them only once.
FactCache = dict[int, tuple[CheckedClaim, Fact]]


def _fact(claim: CheckedClaim, config: CheckConfig, cache: FactCache | None) -> Fact:
    if cache is None:
        return make_fact(claim, config)
    hit = cache.get(id(claim))
    if hit is not None and hit[0] is claim:
        return hit[1]
    fact = make_fact(claim, config)
    cache[id(claim)] = (claim, fact)
    return fact


def build_context(
    targets: Sequence[CheckedClaim],
    context: Sequence[CheckedClaim],
    config: CheckConfig,
    fact_cache: FactCache | None = None,
) -> tuple[list[Fact], Context]:
    """Normalise every claim once and index them (targets are context for each other)."""
    target_facts = [make_fact(claim, config) for claim in targets]
    target_ids = {fact.id for fact in target_facts}
    context_facts = [
        _fact(claim, config, fact_cache) for claim in context if claim.id not in target_ids
    ]
    ctx = Context([*target_facts, *context_facts], reference_facts(config), config)
    return target_facts, ctx


@cache
def _checks_for_kind(kind: str) -> tuple[Callable[..., Any], ...]:
    return tuple(load(name).check for name in rules_for_kind(kind))


def check_fact(fact: Fact, ctx: Context) -> list[Finding]:
    """The findings of every rule for one claim, or one `unchecked` finding saying why."""
    findings: list[Finding] = []
    missing: list[str] = []
    missing_rules: list[str] = []
    if fact.unit is None:
        return [unchecked(fact, [], [])]
    if not (math.isfinite(fact.low) and math.isfinite(fact.high)) or fact.high <= 0:
        return [unchecked(fact, ["a positive, finite value (the claim has none)"], [])]
    for check in _checks_for_kind(fact.kind):
        name = check.__module__.rpartition(".")[2]
        try:
            result = check(fact, ctx)
        except (ArithmeticError, ValueError) as exc:
            # a rule that cannot compute on odd figures must not lose the claim or its source
            missing.append(f"figures the rule can compute with ({name}: {exc})")
            missing_rules.append(name)
            continue
        if isinstance(result, Finding):
            findings.append(result)
        elif isinstance(result, Missing):
            missing.extend(f"{item} ({name})" for item in result.inputs)
            missing_rules.append(name)
    return findings or [unchecked(fact, missing, missing_rules)]


def check_claims(
    targets: Sequence[CheckedClaim],
    context: Sequence[CheckedClaim] = (),
    *,
    config: CheckConfig | None = None,
    fact_cache: FactCache | None = None,
) -> list[Finding]:
    """Findings for every target claim; pure (reads nothing but its arguments and data files).

    ``context`` holds other claims of the knowledge base the rules may use as inputs and as
    other sources to compare with. ``fact_cache``, owned by the caller and used with one
    config, keeps the normalised context claims between calls.
    """
    config = config or default_config()
    # Hundreds of thousands of small objects and no cycles: pause the cyclic collector for
    # the run (reference counting still frees everything), as bulk loaders do.
    collecting = gc.isenabled()
    gc.disable()
    try:
        target_facts, ctx = build_context(targets, context, config, fact_cache)
        findings: list[Finding] = []
        for fact in target_facts:
            findings.extend(check_fact(fact, ctx))
    finally:
        if collecting:
            gc.enable()
    return findings
