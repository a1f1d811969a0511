"""Verdict thresholds: inside or within 1.5x consistent, to 3x questionable, beyond inconsistent."""

import math

import pytest

from checks.verdicts import grade

FACTORS = (1.5, 3.0)


@pytest.mark.parametrize(
    "claimed, verdict",
    [
        (100, "consistent"),
        (140, "consistent"),
        (160, "questionable"),
        (290, "questionable"),
        (310, "inconsistent"),
        (40, "consistent"),
        (20, "questionable"),
        (5, "inconsistent"),
    ],
)
def test_thresholds(claimed, verdict):
    assert grade((claimed, claimed), (50, 100), FACTORS).verdict == verdict


def test_ratio_and_severity():
    result = grade((1000, 1000), (50, 100), FACTORS)
    assert result.ratio == pytest.approx(10)
    assert result.severity == pytest.approx(1.0)
    inside = grade((70, 70), (50, 100), FACTORS)
    assert inside.ratio == 1.0 and inside.severity == 0


def test_stretched_assumption_caps_at_questionable():
    assert grade((70, 70), (50, 100), FACTORS, stretched=True).verdict == "questionable"


def test_upper_bound_claim_is_consistent_when_the_band_starts_below_it():
    assert grade((0, 50), (10, 28), FACTORS).verdict == "consistent"
    assert grade((0, 5), (100, 200), FACTORS).verdict == "inconsistent"
    assert grade((500, math.inf), (10, 28), FACTORS).verdict == "inconsistent"
