"""The process's one pint registry, with the project's units from `units.txt`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pint

DEFINITIONS = Path(__file__).with_name("units.txt")


@cache
def registry() -> pint.UnitRegistry:
    """The registry every stage shares; built once (pint caches parsed definitions on disk)."""
    ureg: pint.UnitRegistry = pint.UnitRegistry(
        cache_folder=":auto:", autoconvert_offset_to_baseunit=True
    )
    ureg.load_definitions(str(DEFINITIONS))
    return ureg


def quantity(value: float, unit: str) -> pint.Quantity:
    """``value`` in ``unit``; ``unit`` must be one the extractor emits."""
    return registry().Quantity(value, unit)
