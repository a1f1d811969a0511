"""How long `kb report` takes over a large knowledge base (the target: 200,000 claims < 30 s).

    python bench/report.py --claims 200000 [--workdir DIR] [--formats html,md,json,claimreview]

With --workdir, a database already there is reused rather than rebuilt.
Builds a synthetic knowledge base with bulk inserts into a temporary SQLite file (sources,
anthologies with articles, entities, claims with a realistic mix of verdicts, findings with
inputs and assumptions, cross-source contradictions, reviews), then times gathering the report
and rendering each format, and the whole `kb report` command per format. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Engine

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kb.database import open_engine  # noqa: E402
from kb.models import Claim, Entity, Finding, Review, Source  # noqa: E402

CLAIMS_PER_SOURCE = 100
BATCH = 5_000
#: Share of claims per verdict, roughly what the checker gives on news articles.
VERDICT_MIX = (
    ("unchecked", 0.55),
    ("consistent", 0.30),
    ("questionable", 0.10),
    ("inconsistent", 0.05),
)
KINDS = {
    "capex": ("USD", 4e9, 5.5e9),
    "power": ("W", 1.2e8, 2.2e8),
    "training_compute": ("FLOP", 1e24, 5e25),
    "gpu_hours": ("GPU_hour", 5e7, 4e8),
    "chip_count": ("GPU", 5e4, 2e5),
}
SENTENCE = (
    "Sources close to the lab say the {model} cluster, built from {chips} accelerators, "
    "needs {quote} before the end of the year, according to people familiar with it."
)


#: `kb` as users run it, reporting its own peak memory: VmHWM belongs to the new program
#: (ru_maxrss would carry over this process's peak through fork and exec).
CHILD = """
import sys
from kb.cli import cli
try:
    cli(sys.argv[1:], standalone_mode=False)
finally:
    status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
    print(status, file=sys.stderr)
"""


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _insert(engine: Engine, table: Any, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        for start in range(0, len(rows), BATCH):
            connection.execute(insert(table), rows[start : start + BATCH])


def build(engine: Engine, claim_total: int, seed: int = 11) -> dict[str, int]:
    """Fill ``engine`` with ``claim_total`` claims; returns row counts per table."""
    rng = random.Random(seed)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    entities = [
        {"id": i + 1, "name": f"Model-{i + 1}", "kind": "model", "aliases": []} for i in range(200)
    ]
    _insert(engine, Entity.__table__, entities)

    source_count = max(1, claim_total // CLAIMS_PER_SOURCE)
    sources: list[dict[str, Any]] = []
    article_ids: list[int] = []
    next_id = 1
    while len(article_ids) < source_count:
        anthology = rng.random() < 0.1
        published = now - timedelta(days=rng.randrange(0, 900))
        parent_id = next_id
        sources.append(_source_row(parent_id, None, 0, published, anthology))
        next_id += 1
        if anthology:
            for position in range(1, 6):
                sources.append(_source_row(next_id, parent_id, position, published, False))
                article_ids.append(next_id)
                next_id += 1
        else:
            article_ids.append(parent_id)
    _insert(engine, Source.__table__, sources)

    verdicts = [v for v, _ in VERDICT_MIX]
    weights = [w for _, w in VERDICT_MIX]
    claims: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    kinds = list(KINDS)
    for claim_id in range(1, claim_total + 1):
        source_id = article_ids[(claim_id - 1) // CLAIMS_PER_SOURCE % len(article_ids)]
        kind = rng.choice(kinds)
        unit, low, high = KINDS[kind]
        verdict = rng.choices(verdicts, weights)[0]
        factor = {
            "consistent": 1.0,
            "unchecked": 1.0,
            "questionable": rng.uniform(2, 5),
            "inconsistent": rng.uniform(10, 1000),
        }[verdict]
        value = rng.uniform(low, high) * factor
        quote = f"{value:.3g} {unit}"
        sentence = SENTENCE.format(
            model=f"Model-{claim_id % 200 + 1}", chips="100,000", quote=quote
        )
        offset = sentence.index(quote)
        severity = 0.0 if factor == 1.0 else round(float(f"{factor:.3g}"), 3)
        claims.append(
            {
                "id": claim_id,
                "source_id": source_id,
                "fingerprint": f"fp{claim_id}",
                "start": 40 + offset,
                "end": 40 + offset + len(quote),
                "quote": quote,
                "sentence": sentence,
                "sentence_start": 40,
                "sentence_end": 40 + len(sentence),
                "paragraph": 0,
                "value": value,
                "unit": unit,
                "low": None,
                "high": None,
                "approx": False,
                "bound": "=",
                "qualifiers": {"hardware": "NVIDIA H100 SXM"},
                "subject_id": claim_id % 200 + 1,
                "kind": kind,
                "extractor_version": "bench",
                "verdict": verdict,
                "severity": severity,
            }
        )
        if verdict == "unchecked":
            continue
        ratio = 1.0 if factor == 1.0 else value / high
        rule = "cross_source" if verdict == "questionable" and rng.random() < 0.1 else kind
        findings.append(
            {
                "claim_id": claim_id,
                "rule": rule,
                "verdict": verdict,
                "claimed_value": value,
                "claimed_unit": unit,
                "expected_low": low,
                "expected_high": high,
                "expected_unit": unit,
                "ratio": ratio,
                "severity": severity,
                "confidence": "medium",
                "implied": None if factor == 1.0 else f"about {factor:.0f}x the usual figure",
                "inputs": [
                    {
                        "claim_id": max(1, claim_id - rng.randrange(1, 3000)),
                        "role": "chip_count",
                        "where": "same paragraph",
                    },
                    {
                        "catalog": "NVIDIA H100 SXM",
                        "field": "tdp_w",
                        "value": 700,
                        "unit": "W",
                        "source": "vendor datasheet",
                    },
                ],
                "assumptions": {"per_gpu": {"low": 40000, "high": 55000, "note": "all-in"}},
                "explanation": f"Recomputed from the chip count: expected {low:.3g}-{high:.3g} "
                f"{unit}; the claim is {ratio:.3g}x the upper edge.",
                "checker_version": "bench",
                "created": now,
            }
        )
        if verdict in ("inconsistent", "questionable") and rng.random() < 0.05:
            reviews.append(
                {
                    "claim_id": claim_id,
                    "source_id": source_id,
                    "claim_fingerprint": f"fp{claim_id}",
                    "rule": None,
                    "status": rng.choice(["confirmed", "dismissed"]),
                    "note": "checked",
                    "reviewer": "bench",
                    "created": now,
                }
            )
    _insert(engine, Claim.__table__, claims)
    _insert(engine, Finding.__table__, findings)
    _insert(engine, Review.__table__, reviews)
    return {
        "sources": len(sources),
        "claims": len(claims),
        "findings": len(findings),
        "reviews": len(reviews),
    }


def _source_row(
    source_id: int, parent_id: int | None, position: int, published: datetime, anthology: bool
) -> dict[str, Any]:
    return {
        "id": source_id,
        "parent_id": parent_id,
        "previous_version_id": None,
        "is_current": True,
        "position": position,
        "title": f"Article {source_id}",
        "author": "Staff writer",
        "url": f"https://news.example/{source_id}",
        "origin": f"https://news.example/{source_id}",
        "published": published,
        "fetched": published,
        "language": "en",
        "shape": "anthology" if anthology else "text",
        "text": "Synthetic article text. " * 80,
        "raw_hash": f"h{source_id}",
        "meta": {},
        "ingest_run_id": None,
        "created": published,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--workdir", type=Path, help="Keep the database and reports here.")
    parser.add_argument("--formats", default="html,md,json,claimreview")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="claimkb-report-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "kb.sqlite"
    url = f"sqlite:///{db}"
    reuse = db.exists()
    engine = open_engine(url)
    if reuse:
        print(f"reusing {db} (delete it to rebuild)")
    else:
        started = time.perf_counter()
        counts = build(engine, args.claims)
        print(f"built {counts} in {time.perf_counter() - started:.1f} s at {db}")

    from kb.report import gather_report, render

    # Wall time and CPU time: on a shared machine the CPU figure is the steadier one.
    started, cpu_started = time.perf_counter(), time.process_time()
    report = gather_report(engine)
    print(
        f"gather: {time.perf_counter() - started:.2f} s wall, "
        f"{time.process_time() - cpu_started:.2f} s CPU for {report.summary.claims:,} claims "
        f"(peak RSS {_peak_mb():,.0f} MB)"
    )
    for output_format in args.formats.split(","):
        started, cpu_started = time.perf_counter(), time.process_time()
        text = render(report, output_format)
        print(
            f"render {output_format:<11}: {time.perf_counter() - started:6.2f} s wall, "
            f"{time.process_time() - cpu_started:6.2f} s CPU, {len(text.encode()) / 1e6:6.1f} MB"
        )
        del text
    engine.dispose()

    print(f"peak RSS in this process {_peak_mb():,.0f} MB")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    # The command as users run it, each in a fresh process (start-up, peak memory its own).
    for output_format in args.formats.split(","):
        out = workdir / f"report.{output_format}"
        command = [
            sys.executable,
            "-c",
            CHILD,
            "--db",
            url,
            "report",
            "--format",
            output_format,
            "-o",
            str(out),
        ]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        status = "ok" if result.returncode == 0 else f"FAILED: {result.stderr.strip()}"
        size = out.stat().st_size / 1e6 if out.exists() else 0.0
        peak_kb = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "0"
        print(
            f"kb report --format {output_format:<11}: {seconds:6.2f} s wall, {cpu:6.2f} s CPU, "
            f"{size:6.1f} MB, peak RSS {int(peak_kb) / 1024:,.0f} MB  {status}"
        )


if __name__ == "__main__":
    main()
