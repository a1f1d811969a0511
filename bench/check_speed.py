"""Checking throughput on a synthetic knowledge base (target: 10,000 claims/s on one core).

Builds N claims (default 200,000) in articles shaped like the real ones: sentences holding a
cluster (chips, FLOP/s, power, cost), training runs (GPU-hours, FLOP, parameters, tokens),
prices, tables of parts and totals, ratios and growth rates; subjects drawn from a pool so
that sources overlap. Then runs `checks.check_claims` over all of them once and prints
claims per second and the verdict mix.

Usage: python bench/check_speed.py [--claims N] [--seed S] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import time
from collections import Counter

from checks import CheckedClaim, check_claims, claim_verdict
from claims.model import Claim

HARDWARE = ["H100", "A100", "H800", "GB200", "B200", "TPU v4", "MI300X", "Z9"]


def synthetic_claims(count: int, seed: int = 7) -> list[CheckedClaim]:
    """``count`` claims in articles of ~40 claims, ~3 per sentence, about ~2,000 subjects."""
    rng = random.Random(seed)
    subjects = [f"Model-{n}" for n in range(2000)]
    made: list[CheckedClaim] = []
    source_id = 0
    while len(made) < count:
        source_id += 1
        position = 0
        paragraph = 0
        for _ in range(rng.randint(8, 16)):
            paragraph += rng.random() < 0.5
            subject = rng.choice(subjects)
            hardware = rng.choice(HARDWARE)
            chips = rng.choice([1e3, 2048, 1e4, 2.5e4, 1e5, 2.5e5])
            pattern = rng.randrange(6)
            if pattern == 0:  # a cluster
                figures = [
                    (chips, "GPU", "chip_count", {"hardware": hardware}),
                    (chips * 1e15 * rng.uniform(0.3, 5), "FLOP/s", "cluster_throughput",
                     {"scope": "total"}),
                    (chips * 1500 * rng.uniform(0.3, 5), "W", "power", {}),
                    (chips * 50e3 * rng.uniform(0.2, 50), "USD", "capex", {}),
                ]  # fmt: skip
            elif pattern == 1:  # a training run
                hours = chips * 24 * rng.uniform(5, 120)
                figures = [
                    (hours, "GPU*hour", "gpu_hours", {"hardware": hardware}),
                    (hours * 3600 * 1e15 * rng.uniform(0.05, 1), "FLOP", "training_compute", {}),
                    (hours * rng.uniform(1, 6), "USD", "training_cost", {}),
                ]
            elif pattern == 2:  # a model card
                params = rng.choice([7e9, 70e9, 405e9, 671e9])
                tokens = rng.choice([2e12, 15e12])
                figures = [
                    (params, "parameter", "parameter_count", {}),
                    (tokens, "token", "token_count", {}),
                    (6 * params * tokens * rng.uniform(0.5, 2), "FLOP", "training_compute", {}),
                ]
            elif pattern == 3:  # a table row of parts and total
                parts = [rng.uniform(1e3, 1e6) for _ in range(3)]
                figures = [(p, "GPU*hour", "gpu_hours", {}) for p in parts]
                figures.append((sum(parts), "GPU*hour", "gpu_hours", {}))
            elif pattern == 4:  # ratios and growth
                figures = [
                    (rng.uniform(2, 200), "dimensionless", "ratio", {}),
                    (rng.uniform(1, 6), "year", "duration", {}),
                    (rng.uniform(1.1, 4), "dimensionless", "growth_rate", {"per": "year"}),
                    (rng.uniform(1, 99), "percent", "ratio", {}),
                ]
            else:  # prices in other currencies and odd units
                figures = [
                    (rng.uniform(0.1, 60), "USD", "api_price", {"per": "1e6 token"}),
                    (rng.uniform(1, 20), "CNY", "api_price", {"per": "1e6 token", "year": "2024"}),
                    (rng.uniform(1, 9), "USD", "other", {"per": "GPU*hour"}),
                ]
            sentence_start = position
            text = " ".join(f"fig{n}" for n in range(len(figures)))
            for index, (value, unit, kind, qualifiers) in enumerate(figures):
                claim = Claim(
                    start=position + index * 5,
                    end=position + index * 5 + 4,
                    quote=f"fig{index}",
                    sentence=text,
                    value=value,
                    unit=unit,
                    kind=kind,
                    subject=subject,
                    qualifiers=dict(qualifiers),
                    sentence_start=sentence_start,
                    sentence_end=sentence_start + len(text),
                    paragraph=paragraph,
                )
                made.append(CheckedClaim(len(made) + 1, source_id, claim, f"article {source_id}"))
            position += len(text) + 1
    return made[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest calls")
    options = parser.parse_args()
    claims = synthetic_claims(options.claims, options.seed)
    check_claims(claims[:50])  # load catalog, bands and unit definitions outside the timing
    profiler = cProfile.Profile() if options.profile else None
    started = time.perf_counter()
    cpu_started = time.process_time()
    if profiler:
        profiler.enable()
    findings = check_claims(claims)
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    by_claim: dict[int, list] = {}
    for finding in findings:
        by_claim.setdefault(finding.claim_id, []).append(finding)
    verdicts = Counter(claim_verdict(items)[0] for items in by_claim.values())
    print(
        f"claims: {len(claims):,}  sources: {claims[-1].source_id:,}  findings: {len(findings):,}"
    )
    print(
        f"cpu: {cpu:.2f} s  throughput: {len(claims) / cpu:,.0f} claims/s of one core's time "
        f"(wall {elapsed:.2f} s, {len(claims) / elapsed:,.0f} claims/s on a shared machine)"
    )
    print("claim verdicts: " + ", ".join(f"{v} {n:,}" for v, n in verdicts.most_common()))
    print(
        "rules: "
        + ", ".join(f"{r} {n:,}" for r, n in Counter(f.rule for f in findings).most_common(12))
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
