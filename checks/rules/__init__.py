"""The rules, registered in one place: name -> module, imported on first use.

Each rule module has ``KINDS`` (the claim kinds it checks; empty means any kind) and
``check(fact, ctx) -> Finding | Missing | None``: a finding, the inputs it lacked, or None when the
claim is not something it checks (wrong unit, no counterpart to compare with).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from types import ModuleType

#: Rule name -> module, in the order findings are listed.
RULES: dict[str, str] = {
    "cluster_throughput": "checks.rules.cluster_throughput",
    "cluster_power": "checks.rules.cluster_power",
    "cluster_cost": "checks.rules.cluster_cost",
    "rental_cost": "checks.rules.rental_cost",
    "gpu_time": "checks.rules.gpu_time",
    "hardware_compute": "checks.rules.hardware_compute",
    "dense_flop_budget": "checks.rules.dense_flop_budget",
    "stated_arithmetic": "checks.rules.stated_arithmetic",
    "cross_source": "checks.rules.cross_source",
    "reference": "checks.rules.reference",
}


@dataclass(frozen=True, slots=True)
class Missing:
    """A rule that applies to the claim but lacked inputs, each described for the editor."""

    inputs: tuple[str, ...]


@cache
def load(name: str) -> ModuleType:
    """The module of rule ``name``."""
    return importlib.import_module(RULES[name])


def rules_for_kind(kind: str) -> list[str]:
    """Names of the rules that check claims of ``kind``."""
    return [name for name in RULES if not load(name).KINDS or kind in load(name).KINDS]
