"""How fast the browser answers over a synthetic knowledge base of 200,000 claims.

    python bench/tui.py [--claims 200000] [--keep PATH]

Builds the knowledge base in a temporary directory with bulk inserts (through the real schema
and its FTS triggers), then drives `ClaimKBApp` headless with `run_test` and prints: time to
the first painted page, filter / search / sort latency (key press to rows shown), the time to
jump to the last claim, and the cost per key press when scrolling through page boundaries.
Targets from the issue: first paint < 1.5 s, filter or search < 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from kb.database import open_engine  # noqa: E402
from kb.models import Claim, Entity, Finding, Source  # noqa: E402

KINDS = ["training_compute", "training_cost", "gpu_hours", "chip_count", "power", "token_count"]
UNITS = {
    "training_compute": "FLOP",
    "training_cost": "USD",
    "gpu_hours": "GPU_hour",
    "chip_count": "GPU",
    "power": "MW",
    "token_count": "token",
}
VERDICTS = ["unchecked"] * 14 + ["consistent"] * 3 + ["questionable"] * 2 + ["inconsistent"]
WORDS = (
    "cluster model training run reported estimated company lab analysts said about nearly "
    "accelerators budget paper release compute power datacenter tokens parameters weeks"
).split()
CHINESE = "训练 模型 算力 集群 万块 美元 芯片 数据 中心 参数".split()


def build(path: Path, n_claims: int, per_source: int = 100, seed: int = 7) -> Engine:
    """A knowledge base of ``n_claims`` synthetic claims, ``per_source`` to a source."""
    rng = random.Random(seed)
    engine = open_engine(f"sqlite:///{path}")
    n_sources = max(1, n_claims // per_source)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(Entity),
            [{"name": f"Model-{i}", "kind": "model", "aliases": []} for i in range(500)],
        )
        sources = []
        for i in range(n_sources):
            language = "zh" if i % 10 == 0 else "en"
            words = CHINESE if language == "zh" else WORDS
            text = " ".join(rng.choice(words) for _ in range(150))
            sources.append(
                {
                    "title": f"Synthetic article {i}",
                    "origin": f"synthetic/{i}.md",
                    "published": now - timedelta(days=rng.randrange(2000)),
                    "language": language,
                    "text": text,
                    "raw_hash": f"{i:064x}",
                    "meta": {},
                    "is_current": True,
                    "position": 0,
                    "shape": "text",
                    "created": now,
                }
            )
        connection.execute(insert(Source), sources)
        batch: list[dict[str, object]] = []
        findings: list[dict[str, object]] = []
        for claim_id in range(1, n_claims + 1):
            kind = rng.choice(KINDS)
            verdict = rng.choice(VERDICTS)
            source_id = (claim_id - 1) // per_source + 1
            words = CHINESE if source_id % 10 == 1 else WORDS
            value = 10 ** rng.uniform(2, 26)
            quote = f"{value:.3g} {UNITS[kind]}"
            sentence = " ".join(rng.choice(words) for _ in range(12)) + f" {quote}."
            severity = rng.uniform(0.3, 4) if verdict in ("questionable", "inconsistent") else 0.0
            batch.append(
                {
                    "id": claim_id,
                    "source_id": source_id,
                    "fingerprint": f"{claim_id:020x}",
                    "start": 0,
                    "end": len(quote),
                    "quote": quote,
                    "sentence": sentence,
                    "sentence_start": 0,
                    "sentence_end": len(sentence),
                    "paragraph": 0,
                    "value": value,
                    "unit": UNITS[kind],
                    "approx": False,
                    "bound": "=",
                    "qualifiers": {},
                    "subject_id": rng.randrange(1, 501),
                    "kind": kind,
                    "extractor_version": "bench",
                    "verdict": verdict,
                    "severity": severity,
                }
            )
            if verdict != "unchecked":
                findings.append(
                    {
                        "claim_id": claim_id,
                        "rule": f"{kind}_rule",
                        "verdict": verdict,
                        "claimed_value": value,
                        "claimed_unit": UNITS[kind],
                        "expected_low": value / 10,
                        "expected_high": value * 2,
                        "expected_unit": UNITS[kind],
                        "severity": severity,
                        "confidence": "medium",
                        "inputs": [],
                        "assumptions": {},
                        "explanation": "",
                        "checker_version": "bench",
                        "created": now,
                    }
                )
            if len(batch) >= 20_000:
                connection.execute(insert(Claim), batch)
                batch.clear()
        if batch:
            connection.execute(insert(Claim), batch)
        connection.execute(insert(Finding), findings)
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    return engine


async def wait_for(condition: Callable[[], bool], pilot: object, timeout: float = 30.0) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the screen did not answer within the timeout")
        await pilot.pause(0.002)  # type: ignore[attr-defined]
    return time.perf_counter() - started


async def drive(engine: Engine, size: tuple[int, int]) -> dict[str, float]:
    """One app run; latencies are from the key press (or app start) to the screen refresh
    that shows the answer, as recorded by the claims screen itself (`ClaimsScreen.painted`),
    so the test pilot's own waiting is not counted."""
    from tui.app import ClaimKBApp
    from tui.screens.claim_detail import ClaimDetailScreen
    from tui.screens.claims import ClaimsScreen
    from tui.screens.source import SourceScreen
    from tui.widgets.claim_table import ClaimTable

    figures: dict[str, float] = {}
    app = ClaimKBApp(engine)
    started = time.monotonic()
    async with app.run_test(size=size) as pilot:

        def screen() -> ClaimsScreen:
            assert isinstance(app.screen, ClaimsScreen)
            return app.screen

        await wait_for(
            lambda: isinstance(app.screen, ClaimsScreen) and app.screen.painted is not None, pilot
        )
        painted = screen().painted
        assert painted is not None
        figures["first paint from app start (ms)"] = (
            screen().asked_at + painted[1] - started
        ) * 1000
        await wait_for(lambda: screen().counts is not None, pilot)
        figures["counts line shown from app start (ms)"] = (time.monotonic() - started) * 1000
        await app.workers.wait_for_complete()

        async def answer(keys: list[str], label: str) -> None:
            generation = screen().generation
            await pilot.press(*keys)
            await wait_for(
                lambda: screen().painted is not None and screen().painted[0] > generation, pilot
            )
            figures[f"{label} (ms)"] = screen().painted[1] * 1000  # type: ignore[index]
            await wait_for(lambda: screen().counts is not None, pilot)
            await app.workers.wait_for_complete()
            await pilot.pause()

        await answer(["v"], "filter verdict=inconsistent")
        await answer(["s"], "  then sort by severity")
        await answer(["x"], "clear filters (sort stays severity)")
        for _ in range(3):
            await answer(["s"], f"sort by {SORT_AFTER[screen().filter.sort]}")

        async def search(text: str, label: str) -> None:
            await pilot.press("slash")
            screen().query_one("#search").value = text  # type: ignore[attr-defined]
            await answer(["enter"], label)
            await pilot.press("slash", "ctrl+u", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()

        await search("accelerators budget", "search 'accelerators budget' (FTS trigram)")
        await search("算力 集群", "search '算力 集群' (FTS trigram)")
        await search("万块", "search '万块' (2 characters: LIKE scan)")

        table = screen().query_one(ClaimTable)
        table.focus()
        await app.workers.wait_for_complete()
        await pilot.pause()

        async def per_press(key: str, presses: int) -> float:
            """CPU milliseconds per key press (pilot included), so idle waiting is not counted."""
            t0 = time.process_time()
            for _ in range(presses):
                await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            return (time.process_time() - t0) * 1000 / presses

        figures["unbound key, per press: pilot overhead (CPU ms)"] = await per_press("z", 100)
        figures["j x450 through 2 page loads, per press (CPU ms)"] = await per_press("j", 450)
        figures["pagedown x20, per press (CPU ms)"] = await per_press("pagedown", 20)
        await answer(["G"], "G: jump to the last claim")
        figures["k x250 up from the end, per press (CPU ms)"] = await per_press("k", 250)
        await answer(["g"], "g: back to the first claim")

        t0 = time.monotonic()
        await pilot.press("enter")
        await wait_for(
            lambda: isinstance(app.screen, ClaimDetailScreen) and app.screen.detail is not None,
            pilot,
        )
        figures["open claim detail, wall incl. pilot (ms)"] = (time.monotonic() - t0) * 1000
        t0 = time.monotonic()
        await pilot.press("o")
        await wait_for(
            lambda: isinstance(app.screen, SourceScreen) and app.screen.detail is not None, pilot
        )
        figures["open its source, wall incl. pilot (ms)"] = (time.monotonic() - t0) * 1000
    return figures


SORT_AFTER = {"newest": "severity", "severity": "value", "value": "date", "date": "newest"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database at this path")
    parser.add_argument("--runs", type=int, default=3, help="app runs per terminal size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.sqlite"
        t0 = time.perf_counter()
        if path.exists():
            engine = open_engine(f"sqlite:///{path}")
            print(f"reusing {path}")
        else:
            engine = build(path, args.claims)
            print(f"built {args.claims:,} claims in {time.perf_counter() - t0:.1f} s at {path}")
        for size in ((80, 24), (200, 50)):
            runs = [asyncio.run(drive(engine, size)) for _ in range(args.runs)]
            print(f"\n{size[0]}x{size[1]}, median of {args.runs} runs (min–max):")
            for name in runs[0]:
                values = [run[name] for run in runs]
                median = statistics.median(values)
                print(f"  {name:<52} {median:10.1f}   ({min(values):.1f}–{max(values):.1f})")
        engine.dispose()


if __name__ == "__main__":
    main()
