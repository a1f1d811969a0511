"""How well the checker agrees with ../shared/gold/seed_verdicts.md on the seed articles.

Runs the real pipeline in subprocesses (`kb ingest` of the seeds into a temporary SQLite
database, then `kb check --format jsonl`), finds each verdict row's figures among the findings
by quote fragments, and prints the verdict reached next to the expected one.

A claim's verdict is `checks.claim_verdict` of its findings (the most severe verdict of the
rules that recompute it; cross-source comparison only when none could); a row's verdict is
the most severe over the claims it names. The
matching table below names seed figures: it is a measurement script, not a rule.

Usage: python bench/check_quality.py [--keep DIR] [--verbose]
Exit status 0 when every row agrees, 1 otherwise; skips (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
VERDICTS = SHARED / "gold" / "seed_verdicts.md"
ORDER = {"unchecked": 0, "consistent": 1, "questionable": 2, "inconsistent": 3}

#: (seed file prefix, row number within its section) -> the claims the row is about, each as
#: (quote fragment, sentence fragment or "") — a claim matches when its quote contains the
#: first and its sentence the second. "=" before a quote fragment asks for the whole quote.
MATCHES: dict[tuple[str, int], list[tuple[str, str]]] = {
    ("002", 1): [("4 万亿美元", "")],
    ("002", 2): [("5000MW", "")],
    ("002", 3): [("10^9 TFLOPS", "")],
    ("002", 4): [("2 亿 GPU 小时", "")],
    ("002", 5): [("1/10 万", "")],
    ("002", 6): [("数万亿美元", "1/10 万")],
    ("002", 7): [("560 万美元", "")],
    ("002", 8): [
        ("=2664K", ""), ("=119K", ""), ("=5K", ""), ("=2788K", ""),
        ("5.328M", ""), ("0.238M", ""), ("0.01M", ""), ("5.576M", ""),
    ],
    ("002", 9): [("37B/671B", ""), ("1/18.16", ""), ("8/256", ""), ("1/32", "8/256")],
    ("002", 10): [("50 美元", "26min")],
    ("002", 11): [("1/30", "API 定价为例")],
    ("002", 12): [("5890 亿美元", "")],
    ("001", 1): [("7.2e18", "")],
    ("001", 2): [("1e20", "100K H100")],
    ("001", 3): [("1.1e21", "")],
    ("001", 4): [("2e25", "")],
    ("001", 5): [("3e26", "")],
    ("001", 6): [("4e27", "Blackwell")],
    ("001", 7): [("$4-5bn", ""), ("$45K", "")],
    ("001", 8): [("$4M", "72-chip"), ("$55K", "")],
    ("001", 9): [("$22-28bn", "")],
    ("001", 10): [("160x", ""), ("3.55x", "160x")],
    ("001", 11): [("1.42x", "")],
    ("001", 12): [("2.35x", ""), ("$140bn", "2.35x"), ("$770bn", "")],
    ("000", 1): [("1e23", "140000")],
    ("000", 2): [("6e23", "DeepSeek-V3")],
    ("004", 1): [("40%", "5 條"), ("60%", "100%")],
    ("004", 2): [("22%", "")],
}  # fmt: skip


@dataclass
class Row:
    seed: str
    number: int
    figure: str
    expected: str


def read_rows(path: Path) -> list[Row]:
    """The verdict rows of seed_verdicts.md, numbered within each seed's section."""
    rows: list[Row] = []
    seed = ""
    number = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^##\s+(\d{3})_", line)
        if heading:
            seed, number = heading.group(1), 0
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not seed or len(cells) < 3 or cells[1] not in ORDER:
            continue
        number += 1
        rows.append(Row(seed, number, cells[0], cells[1]))
    return rows


def run(args: list[str]) -> str:
    done = subprocess.run(args, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:4])} … failed ({done.returncode}): {done.stderr.strip()[-800:]}")
    return done.stdout


def kb_command() -> list[str]:
    found = shutil.which("kb") or str(Path(sys.executable).with_name("kb"))
    return [found]


def collect(workdir: Path) -> list[dict]:
    url = f"sqlite:///{workdir / 'c.db'}"
    run([*kb_command(), "--db", url, "ingest", str(SEEDS)])
    output = run([*kb_command(), "--db", url, "check", "--format", "jsonl"])
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def claims_by_seed(findings: list[dict]) -> dict[str, dict[int, list[dict]]]:
    grouped: dict[str, dict[int, list[dict]]] = {}
    for finding in findings:
        seed = Path(str(finding.get("origin") or "")).name[:3]
        grouped.setdefault(seed, {}).setdefault(finding["claim_id"], []).append(finding)
    return grouped


def claim_verdict(findings: list[dict]) -> str:
    """The verdict the knowledge base shows for the claim (checks.claim_verdict)."""
    from checks import claim_verdict as verdict_of

    return verdict_of(findings)[0]


def sentence_of(findings: list[dict]) -> str:
    return str(findings[0].get("sentence") or "")


def matches(
    findings: list[dict], quote_fragment: str, sentence_fragment: str, sentences: dict[int, str]
) -> bool:
    quote = findings[0]["quote"]
    if quote_fragment.startswith("="):
        if quote.strip() != quote_fragment[1:]:
            return False
    elif quote_fragment not in quote:
        return False
    return not sentence_fragment or sentence_fragment in sentences.get(findings[0]["claim_id"], "")


def sentences_from_db(workdir: Path) -> dict[int, str]:
    """Each claim's sentence, read from the database (the jsonl lines carry only the quote)."""
    import sqlite3

    with sqlite3.connect(workdir / "c.db") as connection:
        return dict(connection.execute("select id, sentence from claim"))


def extraction_from_db(workdir: Path) -> dict[int, str]:
    """What the extractor said about each claim (bound, qualifiers), to route a failing row."""
    import sqlite3

    with sqlite3.connect(workdir / "c.db") as connection:
        rows = connection.execute("select id, bound, qualifiers from claim")
        return {claim_id: f"bound={bound} qualifiers={quals}" for claim_id, bound, quals in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the database in this directory")
    parser.add_argument("--verbose", action="store_true", help="print each matched finding")
    options = parser.parse_args()
    if not SEEDS.is_dir() or not VERDICTS.is_file():
        print(f"skipped: {SHARED} (seeds and gold verdicts) is absent")
        return 0
    rows = read_rows(VERDICTS)
    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
        workdir = options.keep
        for old in workdir.glob("c.db*"):
            old.unlink()
        findings = collect(workdir)
        sentences = sentences_from_db(workdir)
        extraction = extraction_from_db(workdir)
    else:
        with tempfile.TemporaryDirectory() as temporary:
            workdir = Path(temporary)
            findings = collect(workdir)
            sentences = sentences_from_db(workdir)
            extraction = extraction_from_db(workdir)
    grouped = claims_by_seed(findings)
    agree = 0
    print(f"{'seed':4} {'#':>2}  {'expected':12} {'reached':12} ok  figure")
    for row in rows:
        wanted = MATCHES.get((row.seed, row.number), [])
        claims = grouped.get(row.seed, {})
        matched = [
            fs
            for fs in claims.values()
            if any(matches(fs, quote, sentence, sentences) for quote, sentence in wanted)
        ]
        if not wanted:
            reached, note = "no-match", "no matching table entry"
        elif not matched:
            reached, note = (
                "no-claim",
                "no extracted claim matches " + ", ".join(q for q, _ in wanted),
            )
        else:
            verdicts = [claim_verdict(fs) for fs in matched]
            decided = [v for v in verdicts if v != "unchecked"]
            reached = max(decided, key=ORDER.__getitem__) if decided else "unchecked"
            note = "; ".join(
                f"{fs[0]['quote']}={v}" for fs, v in zip(matched, verdicts, strict=True)
            )
        ok = reached == row.expected
        agree += ok
        print(
            f"{row.seed:4} {row.number:>2}  {row.expected:12} {reached:12} "
            f"{'yes' if ok else 'NO ':3} {row.figure[:70]}"
        )
        if options.verbose or not ok:
            print(f"{'':22}claims: {note[:300]}")
            for fs in matched:
                first = fs[0]
                print(
                    f"{'':22}extracted {first['quote']!r}: kind={first['kind']} "
                    f"subject={first['subject']} value={first['value']:g} {first['unit']} "
                    f"{extraction.get(first['claim_id'], '')}"
                )
                for finding in fs:
                    if finding["verdict"] != "unchecked" or len(fs) == 1:
                        print(
                            f"{'':24}[{finding['rule']}] {finding['verdict']}: "
                            f"{finding['explanation'][:260]}"
                        )
    print(
        f"\nagreement: {agree}/{len(rows)} rows; {len(findings)} findings over "
        f"{sum(len(c) for c in grouped.values())} claims"
    )
    return 0 if agree == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
