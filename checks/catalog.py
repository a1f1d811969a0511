"""The accelerator catalog (`accelerators.toml`): specs by canonical name or any alias.

Every figure carries its source, so a finding can cite the catalog entry it used.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

CATALOG_FILE = Path(__file__).with_name("accelerators.toml")

#: Precisions a rule may try, in the order an editor would expect them; "-sparse" doubles the
#: dense peak where the accelerator supports 2:4 sparsity.
PRECISIONS: tuple[str, ...] = ("BF16", "FP16", "FP8", "TF32", "FP32", "INT8", "FP4")

# 16-bit formats share one tensor-core rate on every accelerator in the catalog.
_SAME_RATE = {"FP16": "BF16", "BF16": "FP16"}

_VENDOR_WORDS = re.compile(
    r"nvidia|英伟达|輝達|辉达|amd|google|谷歌|huawei|华为|華為|geforce|tesla|instinct"
    r"|gpus?|chips?|芯片|算力芯片|加速卡|显卡|卡|张|個|个|[\s\-_·/()（）]",
    re.IGNORECASE,
)


def alias_key(name: str) -> str:
    """The lookup key of an accelerator name: lower case, vendor and filler words removed."""
    return _VENDOR_WORDS.sub("", name.lower())


class CatalogError(ValueError):
    """The catalog file is malformed; the message names the entry and field."""


@dataclass(frozen=True, slots=True)
class Accelerator:
    """One accelerator's specs. FLOP/s per chip, W, GB, USD per chip, USD per GPU-hour."""

    key: str
    name: str
    family: str
    aliases: tuple[str, ...]
    peak_flops_dense: Mapping[str, float]
    peak_source: Mapping[str, str]
    supports_2to4_sparsity: bool
    headline_includes_sparsity: bool
    sparsity_note: str
    source: str
    tdp_w: float | None = None
    memory_gb: float | None = None
    price_usd: tuple[float, float] | None = None
    price_as_listed: str | None = None
    rent_usd_per_gpu_hour: tuple[float, float] | None = None
    rent_as_listed: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def peak(self, precision: str) -> float | None:
        """Peak FLOP/s per chip at ``precision`` ("FP8", "FP8-sparse"); None if not listed."""
        base, _, sparse = precision.upper().partition("-")
        dense = self.peak_flops_dense.get(base)
        if dense is None and base in _SAME_RATE:
            dense = self.peak_flops_dense.get(_SAME_RATE[base])
        if dense is None:
            return None
        if sparse:
            return dense * 2 if self.supports_2to4_sparsity else None
        return dense

    def peak_source_for(self, precision: str) -> str:
        base = precision.upper().partition("-")[0]
        return self.peak_source.get(base) or self.peak_source.get(_SAME_RATE.get(base, ""), "")

    def precisions(self) -> list[str]:
        """Every precision with a peak, dense first then sparse, in PRECISIONS order."""
        dense = [p for p in PRECISIONS if p in self.peak_flops_dense]
        sparse = [f"{p}-sparse" for p in dense if self.supports_2to4_sparsity]
        return dense + sparse


class Catalog(Mapping[str, Accelerator]):
    """Accelerators by canonical key; `lookup` also resolves aliases."""

    def __init__(self, accelerators: Mapping[str, Accelerator]) -> None:
        self._by_key = dict(accelerators)
        self._by_alias: dict[str, Accelerator] = {}
        self._resolved: dict[str, Accelerator | None] = {}  # names seen, resolved once
        for acc in self._by_key.values():
            for name in (acc.key, acc.name, *acc.aliases):
                self._by_alias.setdefault(alias_key(name), acc)

    def __getitem__(self, key: str) -> Accelerator:
        return self._by_key[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_key)

    def __len__(self) -> int:
        return len(self._by_key)

    def lookup(self, name: str | None) -> Accelerator | None:
        """The accelerator called ``name`` (canonical name or alias), or None."""
        if not name:
            return None
        found = self._by_key.get(name)
        if found is None:
            if name not in self._resolved:
                if len(self._resolved) > 1 << 16:
                    self._resolved.clear()
                self._resolved[name] = self._by_alias.get(alias_key(name))
            found = self._resolved[name]
        return found


def _pair(entry: str, key: str, value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int | float) for v in value)
        or value[0] > value[1]
    ):
        raise CatalogError(f"accelerators.toml [{entry}] {key}: expected [low, high] numbers")
    return (float(value[0]), float(value[1]))


def parse_catalog(data: Mapping[str, Any]) -> Catalog:
    """Validate the TOML tables and build the catalog; errors name the entry and field."""
    accelerators: dict[str, Accelerator] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict):
            raise CatalogError(f"accelerators.toml: {key} is not a table")
        for required in ("name", "peak_flops_dense", "source"):
            if required not in entry:
                raise CatalogError(f"accelerators.toml [{key}]: missing {required}")
        peaks = entry["peak_flops_dense"]
        if not all(isinstance(v, int | float) and v > 0 for v in peaks.values()):
            raise CatalogError(f"accelerators.toml [{key}] peak_flops_dense: positive numbers")
        known = {
            "name", "family", "aliases", "peak_flops_dense", "peak_source",
            "supports_2to4_sparsity", "headline_includes_sparsity", "sparsity_note", "source",
            "tdp_w", "memory_gb",
            "price_usd", "price_as_listed", "rent_usd_per_gpu_hour", "rent_as_listed",
        }  # fmt: skip
        unknown = sorted(set(entry) - known)
        if unknown:
            raise CatalogError(f"accelerators.toml [{key}]: unknown field {unknown[0]}")
        accelerators[key] = Accelerator(
            key=key,
            name=entry["name"],
            family=entry.get("family", ""),
            aliases=tuple(entry.get("aliases", ())),
            peak_flops_dense={p.upper(): float(v) for p, v in peaks.items()},
            peak_source={p.upper(): s for p, s in entry.get("peak_source", {}).items()},
            supports_2to4_sparsity=bool(entry.get("supports_2to4_sparsity", False)),
            headline_includes_sparsity=bool(entry.get("headline_includes_sparsity", False)),
            sparsity_note=entry.get("sparsity_note", ""),
            source=entry["source"],
            tdp_w=entry.get("tdp_w"),
            memory_gb=entry.get("memory_gb"),
            price_usd=_pair(key, "price_usd", entry.get("price_usd")),
            price_as_listed=entry.get("price_as_listed"),
            rent_usd_per_gpu_hour=_pair(
                key, "rent_usd_per_gpu_hour", entry.get("rent_usd_per_gpu_hour")
            ),
            rent_as_listed=entry.get("rent_as_listed"),
        )
    return Catalog(accelerators)


@cache
def default_catalog() -> Catalog:
    """The catalog shipped beside the code, read once."""
    with CATALOG_FILE.open("rb") as handle:
        return parse_catalog(tomllib.load(handle))


def lookup(name: str | None) -> Accelerator | None:
    """Resolve ``name`` ("英伟达 H100", "H100 GPU", "H100 SXM") in the shipped catalog."""
    return default_catalog().lookup(name)
