"""Which kind of figure a claim is (claims.model.KINDS), from its unit and the words around it.

The unit decides most kinds (FLOP -> training_compute, GPU*hour -> gpu_hours); money and
percentages need the sentence: the cue word nearest the number wins (市值 -> market_value,
训练成本 -> training_cost, 投资/建设/cluster -> capex, price/定价 -> api_price).
"""

from __future__ import annotations

from claims.vocabulary import vocabulary

MONEY_UNITS = frozenset({"USD", "CNY", "HKD", "EUR", "GBP", "JPY"})
#: Above this a FLOP/s figure is a cluster's, below it one chip's, when the text does not say.
CHIP_THROUGHPUT_CEILING = 5e16


def nearest_cue(sentence: str, quote_start: int, quote_end: int) -> str | None:
    """The kind named by the cue word closest to the quote (offsets relative to sentence).

    A cue after the number counts, at a small penalty: "4 万亿美元的投资" reads the same as
    "投资为 4 万亿美元".
    """
    best_kind: str | None = None
    best_distance = 10**9
    by_cue = vocabulary().kind_by_cue
    lowered = sentence.lower()
    if len(lowered) != len(sentence):  # a rare letter whose lower case is longer
        lowered = sentence
    for match in vocabulary().kind_cue_re.finditer(lowered):
        if match.start() >= quote_end:
            distance = match.start() - quote_end + 6
        elif match.end() <= quote_start:
            distance = quote_start - match.end()
        else:
            continue
        kind = by_cue.get(match.group().lower())
        if kind is None:
            continue
        if distance < best_distance:
            best_kind, best_distance = kind, distance
    return best_kind


def decide(
    unit: str,
    default_kind: str,
    value: float,
    per: str | None,
    scope: str | None,
    cue_kind: str | None,
    growth: bool,
) -> str:
    """The claim's kind; ``default_kind`` comes from the unit word's entry."""
    if unit == "FLOP":
        return "training_compute"
    if unit == "FLOP/s":
        if scope == "per_chip":
            return "chip_throughput"
        if scope == "total":
            return "cluster_throughput"
        return "chip_throughput" if value < CHIP_THROUGHPUT_CEILING else "cluster_throughput"
    if unit == "GPU*hour":
        return "gpu_hours"
    if unit == "GPU":
        return "chip_count"
    if unit == "W":
        return "power"
    if unit.endswith("/second"):
        return "other"  # decoding speed, bandwidth
    if unit == "token":
        return "token_count"
    if unit == "parameter":
        return "parameter_count"
    if unit in ("second", "minute", "hour", "day", "week", "month", "year"):
        return "duration"
    if unit in MONEY_UNITS:
        if per in ("1e6 token", "1e3 token", "token"):
            return "api_price"
        if per in ("GPU", "rack"):
            return "capex"
        if per is not None and cue_kind != "market_value":
            return "other"
        if cue_kind in ("market_value", "training_cost", "capex", "api_price"):
            return cue_kind
        return "other"
    if unit == "dimensionless" and default_kind == "ratio":
        return "growth_rate" if growth else "ratio"
    if unit == "percent":
        if cue_kind == "benchmark_score":
            return "benchmark_score"
        return "growth_rate" if growth else "ratio"
    if unit == "token/parameter":
        return "ratio"
    return default_kind if default_kind else "other"
