"""Bands and their overrides: strict validation, and findings record what was used."""

import pytest

from checks import ConfigError, load_config


def test_shipped_bands_match_the_documented_assumptions():
    config = load_config()
    assert (config.band("mfu").low, config.band("mfu").high) == (0.2, 0.6)
    assert (
        config.band("facility_power_per_tdp").low,
        config.band("facility_power_per_tdp").high,
    ) == (1.7, 3.2)
    assert config.band("month_days").low == pytest.approx(30.44)
    assert all(band.note for band in config.bands.values())


def test_override_replaces_one_band():
    config = load_config({"mfu": [0.3, 0.5]})
    assert (config.band("mfu").low, config.band("mfu").high) == (0.3, 0.5)
    assert config.band("mfu").overridden
    assert config.band("all_in_cost_per_price").low == 1.3


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"mfuu": [0.3, 0.5]}, "checks.bands.mfuu: unknown band"),
        ({"mfu": [0.5, 0.3]}, "checks.bands.mfu: low 0.5 is above high 0.3"),
        ({"mfu": "0.3"}, "checks.bands.mfu: expected"),
        ({"mfu": [0.3]}, "checks.bands.mfu: expected"),
        ({"mfu": [True, 1]}, "checks.bands.mfu: expected"),
    ],
)
def test_bad_overrides_name_the_key(overrides, message):
    with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
        load_config(overrides)


def test_rates_are_dated_and_sourced():
    config = load_config()
    rate = config.rate("CNY", 2024)
    assert rate.year == 2024 and 0.13 < rate.usd < 0.15 and rate.source
    assert config.rate("CNY", 2031).year == max(r.year for r in config.rates["CNY"])
    assert config.rate("XYZ", 2024) is None


def test_references_carry_sources():
    config = load_config()
    assert config.references
    assert all(reference.source for reference in config.references)


def test_the_checks_section_with_its_bands_table_is_accepted():
    config = load_config({"bands": {"mfu": [0.3, 0.5]}})
    assert (config.band("mfu").low, config.band("mfu").high) == (0.3, 0.5)
    with pytest.raises(ConfigError, match=r"checks\.bands\.nope"):
        load_config({"bands": {"nope": [1, 2]}})
