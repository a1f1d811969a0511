"""What the rules recompute with: catalog, assumption bands, exchange rates, reference figures.

All of it is read from TOML files beside the code, once; an editor's `[checks.bands]` overrides
replace single bands and are validated strictly (the error names the bad key).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from checks.catalog import Catalog, default_catalog

HERE = Path(__file__).parent
BANDS_FILE = HERE / "bands.toml"
RATES_FILE = HERE / "exchange_rates.toml"
REFERENCES_FILE = HERE / "references.toml"


class ConfigError(ValueError):
    """A bad band override or data file; the message names the key."""


@dataclass(frozen=True, slots=True)
class Band:
    """An assumption (low, high) in ``unit``, with the note saying why."""

    name: str
    low: float
    high: float
    unit: str
    note: str
    overridden: bool = False

    def record(self) -> dict[str, Any]:
        """How a finding records the band it used."""
        entry: dict[str, Any] = {"low": self.low, "high": self.high, "unit": self.unit}
        entry["note"] = self.note + (" (overridden in config)" if self.overridden else "")
        return entry


@dataclass(frozen=True, slots=True)
class Rate:
    """US dollars per unit of ``currency`` in ``year``."""

    currency: str
    year: int
    usd: float
    source: str


@dataclass(frozen=True, slots=True)
class Reference:
    """A figure a primary source reports about a subject (rule 10's trusted source)."""

    subject: str
    aliases: tuple[str, ...]
    kind: str
    value: float
    unit: str
    source: str
    qualifiers: Mapping[str, str] = field(default_factory=dict)
    as_of: str | None = None


@dataclass(frozen=True)
class CheckConfig:
    """Everything a check run reads besides the claims; build it with `load_config`."""

    catalog: Catalog
    bands: Mapping[str, Band]
    references: tuple[Reference, ...]
    rates: Mapping[str, tuple[Rate, ...]]

    def band(self, name: str) -> Band:
        return self.bands[name]

    def rate(self, currency: str, year: int | None) -> Rate | None:
        """The dated rate for ``currency`` in ``year`` (the nearest listed year), or None."""
        rates = self.rates.get(currency.upper())
        if not rates:
            return None
        if year is None:
            return rates[-1]
        return min(rates, key=lambda rate: (abs(rate.year - year), -rate.year))


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path.name}: {exc}") from exc


def _number_pair(where: str, value: Any) -> tuple[float, float]:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        or not all(math.isfinite(v) for v in value)
    ):
        raise ConfigError(f"{where}: expected [low, high], two numbers")
    low, high = float(value[0]), float(value[1])
    if low > high:
        raise ConfigError(f"{where}: low {low:g} is above high {high:g}")
    if low < 0:
        raise ConfigError(f"{where}: negative low {low:g}")
    return low, high


@cache
def _shipped_bands() -> dict[str, Band]:
    bands = {}
    for name, entry in _read(BANDS_FILE).items():
        low, high = _number_pair(f"bands.toml [{name}] band", entry.get("band"))
        bands[name] = Band(name, low, high, entry.get("unit", ""), entry.get("note", ""))
    return bands


@cache
def _shipped_rates() -> dict[str, tuple[Rate, ...]]:
    rates: dict[str, tuple[Rate, ...]] = {}
    for currency, years in _read(RATES_FILE).items():
        listed = []
        for year, entry in years.items():
            try:
                listed.append(
                    Rate(currency.upper(), int(year), float(entry["usd"]), entry["source"])
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ConfigError(f"exchange_rates.toml [{currency}] {year}: {exc}") from exc
        rates[currency.upper()] = tuple(sorted(listed, key=lambda rate: rate.year))
    return rates


@cache
def _shipped_references() -> tuple[Reference, ...]:
    references = []
    aliases_by_subject: dict[str, tuple[str, ...]] = {}
    for number, entry in enumerate(_read(REFERENCES_FILE).get("figure", []), 1):
        try:
            subject = entry["subject"]
            aliases = tuple(entry.get("aliases", ())) or aliases_by_subject.get(subject, ())
            aliases_by_subject.setdefault(subject, aliases)
            references.append(
                Reference(
                    subject=subject,
                    aliases=aliases,
                    kind=entry["kind"],
                    value=float(entry["value"]),
                    unit=entry["unit"],
                    source=entry["source"],
                    qualifiers=dict(entry.get("qualifiers", {})),
                    as_of=entry.get("as_of"),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"references.toml figure {number}: missing or bad {exc}") from exc
    return tuple(references)


def load_config(overrides: Mapping[str, Any] | None = None) -> CheckConfig:
    """The shipped data with the editor's band overrides (``{"mfu": [0.3, 0.5]}``) applied.

    Raises ConfigError naming the key for an unknown band or a value that is not [low, high].
    """
    bands = dict(_shipped_bands())
    overrides = dict(overrides or {})
    if set(overrides) == {"bands"} and isinstance(overrides["bands"], Mapping):
        overrides = dict(overrides["bands"])  # the whole [checks] section was passed
    for name, value in overrides.items():
        if name not in bands:
            known = ", ".join(sorted(bands))
            raise ConfigError(f"checks.bands.{name}: unknown band (known: {known})")
        low, high = _number_pair(f"checks.bands.{name}", value)
        bands[name] = Band(name, low, high, bands[name].unit, bands[name].note, overridden=True)
    return CheckConfig(
        catalog=default_catalog(),
        bands=bands,
        references=_shipped_references(),
        rates=_shipped_rates(),
    )


@cache
def default_config() -> CheckConfig:
    return load_config()
