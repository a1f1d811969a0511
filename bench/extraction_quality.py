"""Extraction quality on the seed articles: recall, subject agreement, unmatched emissions.

Runs `claims.extract` over ../shared/seeds (read with the ingest readers, so the text is the
cleaned text ingestion stores; an anthology's children are extracted one by one) and compares
with ../shared/gold/seeds.jsonl, whose offsets point into the RAW files. A gold claim is found
when an emitted claim overlaps the place its quote occupies in the cleaned text and the
emitted value (converted to the gold unit where pint can) is within 1 % of the gold value, or
of its low/high for ranges. Subject agreement: the emitted subject's name or one of its
aliases appears in the gold's descriptive subject. Unmatched emissions overlap no gold quote;
they are listed so an editor can see they are real quantities.

    python bench/extraction_quality.py [--seeds DIR] [--gold FILE] [--quiet]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims import extract  # noqa: E402
from claims.entities import lookup  # noqa: E402
from claims.model import Claim  # noqa: E402
from claims.units import registry  # noqa: E402

DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "seeds.jsonl"
#: gold unit names -> pint units of the project registry
GOLD_UNITS = {"ratio": "dimensionless", "chip": "GPU", "GPU_hour": "GPU_hour", "other": None}


@dataclass
class SeedText:
    name: str
    text: str
    claims: list[Claim]
    raw: str


def read_seed(path: Path) -> SeedText:
    """The seed as ingestion would store it: children joined when it is an anthology."""
    raw = path.read_text(encoding="utf-8")
    units: list[str] = []
    try:
        from ingest import Document, read_inputs

        for result in read_inputs([str(path)]):
            if isinstance(result, Document):
                units.extend(child.text for child in result.children) if result.children else (
                    units.append(result.text)
                )
    except ImportError:
        units = []
    if not units:
        units = [raw]
    text_parts: list[str] = []
    claims: list[Claim] = []
    offset = 0
    for unit in units:
        for claim in extract(unit):
            claims.append(_shift(claim, offset))
        text_parts.append(unit)
        offset += len(unit) + 2
    return SeedText(path.name, "\n\n".join(text_parts), claims, raw)


def _shift(claim: Claim, offset: int) -> Claim:
    from dataclasses import replace

    return replace(claim, start=claim.start + offset, end=claim.end + offset)


def _variants(quote: str) -> list[str]:
    """How a raw quote may look after cleaning (entities decoded, escapes and markup gone)."""
    forms = [quote, html.unescape(quote), quote.replace("\\$", "$"), quote.replace("**", "")]
    forms.append(html.unescape(quote).replace("\\$", "$").replace("**", ""))
    forms.append(re.sub(r"\s+", " ", forms[-1]))
    return list(dict.fromkeys(f for f in forms if f))


def locate(gold: list[dict], seed: SeedText) -> list[tuple[int, int] | None]:
    """Each gold claim's span in the cleaned text: the k-th occurrence of a quote in the raw
    file maps to the k-th occurrence in the cleaned text, else to the occurrence nearest its
    relative position."""
    spans: list[tuple[int, int] | None] = []
    for item in gold:
        found: list[tuple[int, int]] = []
        for form in _variants(item["quote"]):
            start = seed.text.find(form)
            while start >= 0:
                found.append((start, start + len(form)))
                start = seed.text.find(form, start + 1)
            if found:
                break
        if not found:
            spans.append(None)
            continue
        rank = seed.raw.count(item["quote"], 0, item["start"])
        raw_total = seed.raw.count(item["quote"])
        expected = item["start"] * len(seed.text) / max(len(seed.raw), 1)
        if rank < len(found) and raw_total == len(found):
            spans.append(found[rank])
        else:
            spans.append(min(found, key=lambda span: abs(span[0] - expected)))
    return spans


def _close(a: float, b: float) -> bool:
    if b == 0:
        return abs(a) < 1e-12
    return abs(a - b) <= 0.01 * abs(b)


def _values_in(
    claim: Claim, gold_unit: str | None
) -> list[tuple[float, float | None, float | None]]:
    readings = [(claim.value, claim.low, claim.high)]
    target = GOLD_UNITS.get(gold_unit, gold_unit) if gold_unit else None
    if target:
        try:
            factor = registry().Quantity(1.0, claim.unit).to(target).magnitude
        except Exception:  # noqa: BLE001 - different dimensions: compare as written
            factor = None
        if factor is not None and factor != 1.0:
            readings.append(
                (
                    claim.value * factor,
                    None if claim.low is None else claim.low * factor,
                    None if claim.high is None else claim.high * factor,
                )
            )
    return readings


def value_matches(claim: Claim, item: dict) -> bool:
    for value, low, high in _values_in(claim, item.get("unit")):
        if item.get("low") is not None and item.get("high") is not None:
            if low is not None and high is not None:
                if _close(low, item["low"]) and _close(high, item["high"]):
                    return True
            if _close(value, item["value"]):
                return True
        elif _close(value, item["value"]):
            return True
    return False


def subject_agrees(claim: Claim, item: dict) -> bool:
    if not claim.subject:
        return False
    gold_subject = item["subject"].lower()
    entity = lookup(claim.subject)
    names = [claim.subject] + ([entity.name, *entity.aliases] if entity else [])
    squeeze = re.compile(r"[\s\-_]")
    squeezed = squeeze.sub("", gold_subject)
    return any(
        name.lower() in gold_subject or squeeze.sub("", name.lower()) in squeezed for name in names
    )


def evaluate(
    seeds: Path, gold_path: Path, quiet: bool = False, verbose: bool = False
) -> dict[str, float]:
    gold_by_seed: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            gold_by_seed[item["seed"]].append(item)
    total = found = subject_ok = 0
    unmatched: list[tuple[str, Claim]] = []
    misses: list[tuple[str, dict, str]] = []
    disagreements: list[tuple[str, dict, Claim]] = []
    emitted = 0
    for path in sorted(seeds.glob("*.txt")):
        seed = read_seed(path)
        gold = sorted(gold_by_seed.get(path.name, []), key=lambda g: g["start"])
        spans = locate(gold, seed)
        emitted += len(seed.claims)
        covered = [False] * len(seed.claims)
        for item, span in zip(gold, spans, strict=True):
            total += 1
            if span is None:
                misses.append((path.name, item, "quote not in cleaned text"))
                continue
            hit = None
            for index, claim in enumerate(seed.claims):
                if claim.start < span[1] and span[0] < claim.end:
                    covered[index] = True
                    if hit is None and value_matches(claim, item):
                        hit = claim
            if hit is None:
                near = [c for c in seed.claims if c.start < span[1] and span[0] < c.end]
                why = "; ".join(f"{c.quote!r}={c.value:g} {c.unit}" for c in near) or "nothing"
                misses.append((path.name, item, f"emitted {why}"))
                continue
            found += 1
            if subject_agrees(hit, item):
                subject_ok += 1
            else:
                disagreements.append((path.name, item, hit))
        unmatched.extend(
            (path.name, c) for c, ok in zip(seed.claims, covered, strict=True) if not ok
        )
    recall = found / total if total else 0.0
    agreement = subject_ok / found if found else 0.0
    if not quiet:
        print("== misses ==")
        for name, item, why in misses:
            print(f"  {name[:3]} {item['quote']!r} {item['value']:g} {item['unit']}: {why}")
        print("== subject disagreements ==")
        for name, item, claim in disagreements:
            print(
                f"  {name[:3]} {claim.quote!r}: emitted {claim.subject!r}, gold {item['subject']!r}"
            )
            if verbose:
                print(f"      | {claim.sentence[:200]!r}")
        print("== unmatched emissions ==")
        for name, claim in unmatched:
            print(
                f"  {name[:3]} {claim.quote!r} {claim.value:g} {claim.unit} {claim.kind}"
                f" subject={claim.subject!r}"
            )
    print(f"gold claims:          {total}")
    print(f"emitted claims:       {emitted}")
    print(f"recall:               {recall:.3f} ({found}/{total})")
    print(f"subject agreement:    {agreement:.3f} ({subject_ok}/{found})")
    print(f"unmatched emissions:  {len(unmatched)}")
    return {"recall": recall, "subject_agreement": agreement, "unmatched": float(len(unmatched))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--quiet", action="store_true", help="print only the figures")
    parser.add_argument("--verbose", action="store_true", help="show sentences of disagreements")
    args = parser.parse_args(argv)
    if not args.seeds.is_dir() or not args.gold.is_file():
        print(f"skipped: seeds or gold not found ({args.seeds}, {args.gold})")
        return 0
    evaluate(args.seeds, args.gold, quiet=args.quiet, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
