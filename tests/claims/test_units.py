"""Every unit the extractor can emit parses in the project's pint registry, and the FLOP
conventions (FLOPs = a count, FLOP/s and FLOPS = a rate) hold."""

from __future__ import annotations

import pytest

from claims import extract
from claims.extractor import BUILT_UNITS
from claims.units import registry
from claims.vocabulary import vocabulary


def emitted_units() -> list[str]:
    return sorted({entry.unit for entry in vocabulary().units.values()} | set(BUILT_UNITS))


@pytest.mark.parametrize("unit", emitted_units())
def test_every_emitted_unit_parses(unit: str) -> None:
    registry().Quantity(1.0, unit)


def test_units_in_a_mixed_text_all_parse() -> None:
    text = (
        "It used 2e25 FLOPs, 1e20 FLOP/s, 100K H100 chips, 2.8M GPU hours, $5.6M, 20 tokens "
        "per param, 50TB, 3 个月, 10 倍, 5%, 150 MW, 300 元, 139.6 港元, €40 million, 3 美分."
    )
    units = {c.unit for c in extract(text)}
    assert len(units) >= 12
    for unit in units:
        registry().Quantity(1.0, unit)


def test_flops_count_and_rate_are_distinct() -> None:
    count, rate_s, rate_caps = extract("A run of 3e26 FLOPs on 1e20 FLOP/s, or 1e20 FLOPS.")
    assert (count.unit, rate_s.unit, rate_caps.unit) == ("FLOP", "FLOP/s", "FLOP/s")
    assert count.kind == "training_compute"
    assert (
        registry().Quantity(1, count.unit).dimensionality
        != registry().Quantity(1, rate_s.unit).dimensionality
    )


def test_flop_never_converts_to_dollars() -> None:
    import pint

    with pytest.raises(pint.DimensionalityError):
        registry().Quantity(1.0, "FLOP").to("USD")
