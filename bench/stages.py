"""One benchmark stage per call, run in its own process so peak memory is the stage's own.

    python bench/stages.py STAGE --corpus DIR --db FILE

prints one JSON object: stage, items, unit, seconds, throughput, peak_mb, and where a peer is
measured in the same run, peer and ratio (ours / peer). `bench/run_all.py` drives it.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def _documents(corpus: Path) -> list[Any]:
    import ingest

    return [d for d in ingest.read_inputs([str(corpus)]) if isinstance(d, ingest.Document)]


def stage_read(corpus: Path, db: Path) -> dict[str, Any]:
    size_mb = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
    documents, seconds = _timed(lambda: _documents(corpus))
    return {
        "items": len(documents),
        "unit": "articles",
        "seconds": seconds,
        "throughput": f"{len(documents) / seconds:,.0f} articles/s, {size_mb / seconds:.1f} MB/s",
    }


def stage_extract(corpus: Path, db: Path) -> dict[str, Any]:
    import claims

    texts = [(d.text, d.language) for d in _documents(corpus)]
    chars = sum(len(t) for t, _ in texts)
    found, seconds = _timed(lambda: sum(len(claims.extract(t, lang)) for t, lang in texts))
    ours = chars / seconds
    result: dict[str, Any] = {
        "items": found,
        "unit": "claims",
        "seconds": seconds,
        "throughput": f"{ours / 1e6:.2f} M chars/s, {found / seconds:,.0f} claims/s",
    }
    try:
        from quantulum3 import parser as quantulum
    except ImportError:
        result["peer"] = "quantulum3 not installed (pip install -e '.[bench]')"
        return result
    sample = [t for t, _ in texts][:12]  # quantulum3 is ~1000x slower: a sample gives its rate
    sample_chars = sum(len(t) for t in sample)
    _, peer_seconds = _timed(lambda: [quantulum.parse(t) for t in sample])
    peer = sample_chars / peer_seconds
    result["peer"] = f"quantulum3 {peer / 1e3:.1f} k chars/s"
    result["ratio"] = ours / peer
    return result


def stage_ingest(corpus: Path, db: Path) -> dict[str, Any]:
    from kb.database import open_engine
    from kb.pipeline import run_ingest

    db.unlink(missing_ok=True)
    engine = open_engine(f"sqlite:///{db}")
    summary, seconds = _timed(lambda: run_ingest(engine, [str(corpus)]))
    return {
        "items": summary.added,
        "unit": "articles",
        "seconds": seconds,
        "throughput": (
            f"{summary.added / seconds:,.0f} articles/s, {summary.claims / seconds:,.0f} claims/s "
            f"(read+extract+check+store; {summary.claims:,} claims)"
        ),
    }


def stage_store(corpus: Path, db: Path) -> dict[str, Any]:
    """Storage alone: kb.store over pre-extracted rows, against plain sqlite3 executemany."""
    import claims
    from kb import store
    from kb.database import open_engine, session_scope

    documents = _documents(corpus)[:1000]
    extracted = [claims.extract(d.text, d.language) for d in documents]
    target = db.with_name("store-bench.sqlite")
    target.unlink(missing_ok=True)
    engine = open_engine(f"sqlite:///{target}")

    def ours() -> int:
        count = 0
        for document, found in zip(documents, extracted, strict=True):
            with session_scope(engine) as session:
                stored = store.add_document(session, document)
                count += len(store.store_claims(session, stored.source_ids[0], found, "bench"))
        return count

    rows, seconds = _timed(ours)
    floor_path = db.with_name("floor.sqlite")
    floor_path.unlink(missing_ok=True)

    def floor() -> None:
        connection = sqlite3.connect(floor_path)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("CREATE TABLE source (id INTEGER PRIMARY KEY, title, text, raw_hash)")
        connection.execute(
            "CREATE TABLE claim (id INTEGER PRIMARY KEY, source_id, start, end, quote, "
            "sentence, value, unit, kind, subject)"
        )
        for i, (document, found) in enumerate(zip(documents, extracted, strict=True)):
            with connection:
                connection.execute(
                    "INSERT INTO source VALUES (?, ?, ?, ?)",
                    (i, document.title, document.text, document.raw_hash),
                )
                connection.executemany(
                    "INSERT INTO claim (source_id, start, end, quote, sentence, value, unit, "
                    "kind, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (i, c.start, c.end, c.quote, c.sentence, c.value, c.unit, c.kind, c.subject)
                        for c in found
                    ],
                )
        connection.close()

    _, floor_seconds = _timed(floor)
    return {
        "items": rows,
        "unit": "claims",
        "seconds": seconds,
        "throughput": f"{len(documents) / seconds:,.0f} articles/s, {rows / seconds:,.0f} rows/s",
        "peer": f"sqlite3 executemany {len(documents) / floor_seconds:,.0f} articles/s",
        "ratio": floor_seconds / seconds,
    }


def stage_check(corpus: Path, db: Path) -> dict[str, Any]:
    from sqlalchemy import select

    import checks
    from kb.database import open_engine, session_scope
    from kb.models import Claim
    from kb.pipeline import load_checked_claims

    engine = open_engine(f"sqlite:///{db}")
    with session_scope(engine) as session:
        targets = load_checked_claims(session, Claim.id.in_(select(Claim.id)))
    findings, seconds = _timed(lambda: checks.check_claims(targets))
    return {
        "items": len(targets),
        "unit": "claims",
        "seconds": seconds,
        "throughput": f"{len(targets) / seconds:,.0f} claims/s ({len(findings):,} findings)",
    }


def stage_report(corpus: Path, db: Path) -> dict[str, Any]:
    from click.testing import CliRunner

    from kb.cli import cli

    out = db.with_name("report.html")
    result, seconds = _timed(
        lambda: CliRunner().invoke(
            cli, ["--db", f"sqlite:///{db}", "report", "--format", "html", "-o", str(out)]
        )
    )
    if result.exit_code != 0:
        raise RuntimeError(result.output)
    return {
        "items": 1,
        "unit": "report",
        "seconds": seconds,
        "throughput": f"HTML {out.stat().st_size / 1e6:.1f} MB in {seconds:.1f} s",
    }


def stage_tui(corpus: Path, db: Path) -> dict[str, Any]:
    """The browser over the knowledge base the ingest stage built (bench/tui.py's driver)."""
    import asyncio
    import importlib.util

    from kb.database import open_engine

    spec = importlib.util.spec_from_file_location("tui_bench", Path(__file__).with_name("tui.py"))
    assert spec is not None and spec.loader is not None
    tui_bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tui_bench)
    engine = open_engine(f"sqlite:///{db}")
    started = time.perf_counter()
    figures = asyncio.run(tui_bench.drive(engine, (120, 40)))
    seconds = time.perf_counter() - started
    paint = figures["first paint from app start (ms)"]
    search = max(v for k, v in figures.items() if k.startswith("search"))
    filtered = figures["filter verdict=inconsistent (ms)"]
    return {
        "items": 1,
        "unit": "session",
        "seconds": seconds,
        "throughput": (
            f"first paint {paint:.0f} ms, filter {filtered:.0f} ms, slowest search {search:.0f} ms"
        ),
    }


STAGES: dict[str, Callable[[Path, Path], dict[str, Any]]] = {
    "read": stage_read,
    "extract": stage_extract,
    "ingest": stage_ingest,
    "store": stage_store,
    "check": stage_check,
    "report": stage_report,
    "tui": stage_tui,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    result = STAGES[args.stage](args.corpus, args.db)
    result["stage"] = args.stage
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
