"""Rule: reference (being written)."""

from __future__ import annotations

from checks.context import Context, Fact
from checks.model import Finding
from checks.rules import Missing

NAME = "reference"
KINDS: frozenset[str] = frozenset({"__none__"})


def check(fact: Fact, ctx: Context) -> Finding | Missing | None:
    return None
