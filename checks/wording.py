"""Figures as an editor reads them in an explanation: "$16 M", "300–550 MW", "33 days"."""

from __future__ import annotations

import math

_SI = ((1e12, " T"), (1e9, " G"), (1e6, " M"), (1e3, " k"))
_MONEY = ((1e12, " T"), (1e9, " bn"), (1e6, " M"), (1e3, " k"))


def _short(value: float) -> str:
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    if abs(value) >= 1e15 or abs(value) < 1e-3:
        return f"{value:.2g}".replace("e+", "e")
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _count(value: float) -> str:
    """Counts in words editors use: 2.8 M, 37 B, 14.8 T."""
    for size, suffix in ((1e12, " T"), (1e9, " B"), (1e6, " M")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return _short(value)


def _scaled(value: float, steps: tuple[tuple[float, str], ...]) -> str:
    for size, suffix in steps:
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g} " if abs(value) >= 1 else f"{value:.2g} "


def figure(value: float, unit: str | None) -> str:
    """One value in its canonical unit, readable."""
    if unit is None:
        return _short(value)
    if not math.isfinite(value):
        return "unbounded"
    if unit == "USD":
        return "$" + _scaled(value, _MONEY).rstrip()
    if unit == "USD/(GPU*hour)":
        return f"${value:.3g} per GPU-hour"
    if unit == "USD/token":
        return f"${value * 1e6:.3g} per million tokens"
    if unit == "W":
        return _scaled(value, _SI).rstrip() + (" W" if abs(value) < 1e3 else "W")
    if unit == "hour":
        if value >= 48:
            return f"{value / 24:.3g} days"
        if value < 1:
            return f"{value * 60:.3g} min"
        return f"{value:.3g} h"
    if unit == "GPU*hour":
        return f"{_count(value)} GPU-hours"
    if unit in ("parameter", "token"):
        return f"{_count(value)} {unit}s"
    if unit == "GPU":
        return _short(value)
    if unit == "dimensionless":
        return f"{value * 100:.3g} %" if value < 10 else f"{value:.3g}×"
    if unit in ("FLOP", "FLOP/s"):
        return f"{value:.3g} {unit}".replace("e+", "e")
    return f"{_short(value)} {unit}"


def span(low: float, high: float, unit: str | None) -> str:
    """A band: "300–550 MW", or one figure when both ends agree to 3 digits."""
    if f"{low:.3g}" == f"{high:.3g}":
        return figure(low, unit)
    return f"{figure(low, unit)}–{figure(high, unit)}"


def times(ratio: float) -> str:
    """ "4.0× too high" / "2.1× too low" for a claimed/expected ratio."""
    if ratio <= 0 or not math.isfinite(ratio):
        return "far too low" if ratio <= 0 else "far too high"
    factor = ratio if ratio >= 1 else 1 / ratio
    shown = f"{factor:,.0f}" if factor >= 100 else f"{factor:.2g}"
    return f"{shown}× too high" if ratio >= 1 else f"{shown}× too low"


def precision_words(precision: str) -> str:
    base, _, sparse = precision.partition("-")
    return f"{base} with 2:4 sparsity" if sparse else f"{base} dense"
