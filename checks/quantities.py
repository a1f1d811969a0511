"""Claim values in canonical units, converted with the project's one pint registry.

Each distinct unit string is parsed by pint once (cached); after that a conversion is one
multiplication, which is what lets the checker run over hundreds of thousands of claims.
Currencies convert at the dated rates of `exchange_rates.toml`, not pint's fixed ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pint

from claims.units import registry

#: Canonical unit for each dimensionality the rules compare; anything else stays in pint's
#: base units and is only compared with itself.
_CANONICAL_UNITS: tuple[str, ...] = (
    "FLOP",
    "FLOP/s",
    "GPU",
    "GPU*hour",
    "USD",
    "USD/(GPU*hour)",
    "USD/token",
    "W",
    "token",
    "parameter",
    "hour",
    "dimensionless",
    "FLOP/s/GPU",
    "USD/GPU",
    "W/GPU",
)

_CURRENCY = re.compile(r"\b(CNY|RMB|HKD|EUR|GBP|JPY)\b")


class UnitUnknown(ValueError):
    """A unit string the registry cannot parse."""


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """How to bring a value in some unit to ``canonical``: multiply by ``factor``.

    ``currency`` is the non-USD currency code in the unit, whose pint rate ``fixed_usd`` the
    checker replaces by a dated rate.
    """

    canonical: str
    factor: float
    currency: str | None = None
    fixed_usd: float = 1.0


@cache
def _canonical_by_dimensionality() -> dict[object, str]:
    ureg = registry()
    return {ureg.parse_units(unit).dimensionality: unit for unit in _CANONICAL_UNITS}


@cache
def unit_info(unit: str, per: str | None = None) -> UnitInfo:
    """Conversion of ``unit`` (divided by ``per``, e.g. "1e6 token") to its canonical unit.

    Raises UnitUnknown for a unit the registry cannot read.
    """
    ureg = registry()
    expression = f"({unit})/({per})" if per else unit
    try:
        one = ureg.parse_expression(f"1 * {expression}")
    except (pint.errors.PintError, SyntaxError, TypeError, ValueError, AttributeError) as exc:
        raise UnitUnknown(f"unit {expression!r}: {exc}") from exc
    if not isinstance(one, pint.Quantity):
        return UnitInfo("dimensionless", float(one))
    canonical = _canonical_by_dimensionality().get(one.dimensionality)
    if canonical is None:
        base = one.to_base_units()
        canonical = str(base.units)
        factor = float(base.magnitude)
    else:
        factor = float(one.to(canonical).magnitude)
    match = _CURRENCY.search(expression)
    if match:
        fixed = float(ureg.Quantity(1.0, match.group(1)).to("USD").magnitude)
        return UnitInfo(canonical, factor, match.group(1).replace("RMB", "CNY"), fixed)
    return UnitInfo(canonical, factor)


def to_unit(value: float, unit: str, target: str) -> float:
    """``value`` in ``unit`` expressed in ``target`` (both registry units); for display."""
    return float(registry().Quantity(value, unit).to(target).magnitude)


@cache
def conversion(unit: str, target: str) -> float:
    """The factor from ``unit`` to ``target``, cached (e.g. "month" to "hour")."""
    return float(registry().Quantity(1.0, unit).to(target).magnitude)
