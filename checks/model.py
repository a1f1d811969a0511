"""The records the checker reads and writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claims.model import Claim

VERDICTS: tuple[str, ...] = ("consistent", "questionable", "inconsistent", "unchecked")


@dataclass(frozen=True, slots=True)
class CheckedClaim:
    """A claim as stored: the extractor's record plus where it lives in the knowledge base."""

    id: int
    source_id: int
    claim: Claim
    source_title: str | None = None
    #: Sources split out of one file share a root; claims of one article share a source.
    root_source_id: int | None = None


@dataclass(slots=True)
class Finding:
    """The result of one rule on one claim, with everything needed to explain it.

    ``expected_low``/``expected_high`` are in ``expected_unit``; ``ratio`` is claimed value
    over the nearest edge of the band (1.0 inside it); ``severity`` is log10 of how far
    outside the band the claim lies (0 inside). ``inputs`` lists claim ids
    (``{"claim_id": 12, "role": "chip_count", "where": "same sentence"}``) and catalog figures
    (``{"catalog": "NVIDIA H100 SXM", "field": "tdp_w", "value": 700, "unit": "W",
    "source": "..."}``). ``assumptions`` maps each band to the (low, high) used and its note.
    ``implied`` says what an unstated parameter would need to be for the claim to hold.
    """

    claim_id: int
    rule: str
    verdict: str
    claimed_value: float | None = None
    claimed_unit: str | None = None
    expected_low: float | None = None
    expected_high: float | None = None
    expected_unit: str | None = None
    ratio: float | None = None
    severity: float = 0.0
    confidence: str = "medium"
    implied: str | None = None
    inputs: list[dict[str, Any]] = field(default_factory=list)
    assumptions: dict[str, Any] = field(default_factory=dict)
    explanation: str = ""
