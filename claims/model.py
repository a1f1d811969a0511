"""The claim record the extractor emits and every later stage reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: What kind of figure a claim is; the schema and the checker's rules key on these.
KINDS: tuple[str, ...] = (
    "training_compute",
    "training_cost",
    "gpu_hours",
    "chip_count",
    "cluster_throughput",
    "chip_throughput",
    "power",
    "capex",
    "api_price",
    "token_count",
    "parameter_count",
    "duration",
    "ratio",
    "growth_rate",
    "benchmark_score",
    "market_value",
    "other",
)

#: '=' exact, '<' an upper bound (不到, less than, up to), '>' a lower bound (超过, over),
#: '≈' approximate (约, about, ~).
BOUNDS: tuple[str, ...] = ("=", "<", ">", "≈")


@dataclass(frozen=True, slots=True)
class Claim:
    """One numeric claim, with its exact span in the source text.

    ``value`` is in ``unit`` (a unit string the project's pint registry parses), with the
    magnitude words already applied: "4 万亿美元" is value 4e12, unit "USD". For ranges,
    ``low``/``high`` hold the ends and ``value`` their midpoint.

    ``qualifiers`` holds what the checker needs to recompute the figure, as strings:
    ``precision`` (BF16, FP8, FP8-sparse …), ``scope`` (per_chip, total), ``hardware`` (the
    accelerator named with a count, canonical catalog name), ``per`` (a denominator such as
    "1M token" for prices), ``year``, ``vague`` ("1" for 数万亿-style figures), ``hardware_count``.
    """

    start: int
    end: int
    quote: str
    sentence: str
    value: float
    unit: str
    kind: str = "other"
    low: float | None = None
    high: float | None = None
    approx: bool = False
    bound: str = "="
    subject: str | None = None
    qualifiers: dict[str, str] = field(default_factory=dict)
    #: Offsets of ``sentence`` in the source text, so later stages can group claims by
    #: sentence and paragraph without re-splitting the text.
    sentence_start: int = 0
    sentence_end: int = 0
    paragraph: int = 0

    def to_json(self, source: str | None = None) -> dict[str, Any]:
        """The public jsonl shape of `kb extract` (exactly these keys)."""
        return {
            "source": source,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "sentence": self.sentence,
            "value": self.value,
            "unit": self.unit,
            "low": self.low,
            "high": self.high,
            "approx": self.approx,
            "bound": self.bound,
            "qualifiers": dict(self.qualifiers),
            "subject": self.subject,
            "kind": self.kind,
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
