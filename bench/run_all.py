"""Every benchmark stage on one synthetic bilingual corpus, in one table.

    python bench/run_all.py --articles 10000

Each stage runs in its own process (so peak memory is its own), in pipeline order; the ingest
stage builds the database the check, report and TUI stages read. Ratios compare against a
peer measured in the same run: quantulum3 for extraction, plain sqlite3 inserts for storage.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

ORDER = ["read", "extract", "ingest", "store", "check", "report", "tui"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--stages", default=",".join(ORDER))
    parser.add_argument("--workdir", type=Path, help="Keep the corpus and database here.")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="claimkb-bench-"))
    corpus_dir = workdir / "corpus"
    db = workdir / "kb.sqlite"
    started = time.perf_counter()
    if not corpus_dir.exists():
        corpus.write_corpus(corpus_dir, args.articles)
    print(f"corpus: {args.articles:,} articles in {corpus_dir}", file=sys.stderr)
    rows = []
    for stage in args.stages.split(","):
        print(f"running {stage}…", file=sys.stderr)
        proc = subprocess.run(
            [
                sys.executable,
                str(HERE / "stages.py"),
                stage,
                "--corpus",
                str(corpus_dir),
                "--db",
                str(db),
            ],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["failed"])[-1]
            rows.append({"stage": stage, "throughput": f"FAILED: {tail}"})
            continue
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    total = time.perf_counter() - started
    header = f"{'stage':<8} {'seconds':>8} {'peak MB':>8} {'ratio':>7}  throughput / peer"
    print(header)
    print("-" * len(header))
    for row in rows:
        seconds = f"{row['seconds']:.1f}" if "seconds" in row else "-"
        peak = f"{row['peak_mb']:.0f}" if "peak_mb" in row else "-"
        ratio = f"{row['ratio']:.3g}x" if "ratio" in row else "-"
        peer = f"  [vs {row['peer']}]" if "peer" in row else ""
        print(f"{row['stage']:<8} {seconds:>8} {peak:>8} {ratio:>7}  {row['throughput']}{peer}")
    print(
        f"total {total:.0f} s for {args.articles:,} articles (python bench/run_all.py "
        f"--articles {args.articles})"
    )


if __name__ == "__main__":
    main()
