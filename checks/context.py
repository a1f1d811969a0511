"""Each claim's neighbourhood: the inputs a rule may use, nearest first.

Claims are normalised once (`Fact`: value in canonical units, subject key, hardware) and
indexed by (sentence, kind), (paragraph, kind), (source, subject, kind) and (subject, kind), so
a rule's look-up costs a few dictionary hits however large the knowledge base. The same
relations are the edges of `checks.graph.claim_graph`, which the browser queries.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checks.catalog import Accelerator
from checks.config import CheckConfig, Rate, Reference
from checks.model import CheckedClaim
from checks.quantities import UnitUnknown, unit_info

SAME_SENTENCE = "same sentence"
SAME_PARAGRAPH = "same paragraph or table"
SAME_SOURCE = "same subject, same source"
ELSEWHERE = "same subject, another source"
REFERENCE = "reference figure"
#: How far (in characters) a "paragraph" input may lie: text without paragraph breaks (some
#: scraped pages) must not make the whole article one paragraph.
PARAGRAPH_REACH = 2000
#: Localities in the order rules prefer them.
LOCALITIES: tuple[str, ...] = (SAME_SENTENCE, SAME_PARAGRAPH, SAME_SOURCE, ELSEWHERE)

_SUBJECT_NOISE = re.compile(r"[\s\-_·.()（）\"'“”]+")


@lru_cache(maxsize=1 << 16)
def subject_key(subject: str | None) -> str | None:
    """Subjects compare case- and punctuation-insensitively ("Model-X1" = "model x1")."""
    if not subject:
        return None
    key = _SUBJECT_NOISE.sub("", subject.lower())
    return key or None


@dataclass(slots=True)
class Fact:
    """A claim as the rules read it: value and bounds in ``unit`` (canonical)."""

    checked: CheckedClaim
    id: int
    kind: str
    unit: str | None
    value: float
    low: float
    high: float
    bound: str
    subject: str | None
    subject_key: str | None
    source_id: int
    root_id: int
    sentence: tuple[int, int]
    paragraph: tuple[int, int]
    position: int
    qualifiers: dict[str, str]
    hardware: str | None
    unit_error: str | None = None
    rate: Rate | None = None
    #: For reference figures, the Reference it came from.
    reference: Reference | None = None
    conversion_notes: dict[str, Any] = field(default_factory=dict)
    #: Position among the claims of its sentence (a table row's cells line up by it).
    column: int = 0
    #: A rate of growth per year ("3.55x per year"): its value is a multiple, not converted.
    growth: bool = False

    @property
    def quote(self) -> str:
        return self.checked.claim.quote

    @property
    def vague(self) -> bool:
        return self.qualifiers.get("vague", "") not in ("", "0", "false")

    def input_record(self, role: str, where: str) -> dict[str, Any]:
        """How a finding lists this claim as one of its inputs."""
        if self.reference is not None:
            return {
                "reference": self.reference.subject,
                "role": role,
                "kind": self.kind,
                "value": self.value,
                "unit": self.unit,
                "source": self.reference.source,
                "where": REFERENCE,
            }
        record: dict[str, Any] = {
            "claim_id": self.id,
            "role": role,
            "where": where,
            "quote": self.quote,
            "value": self.value,
            "unit": self.unit,
        }
        if self.rate is not None:
            record["exchange_rate"] = _rate_record(self.rate)
        return record


def _rate_record(rate: Rate) -> dict[str, Any]:
    return {"currency": rate.currency, "year": rate.year, "usd": rate.usd, "source": rate.source}


def _year(qualifiers: dict[str, str]) -> int | None:
    year = qualifiers.get("year", "")
    digits = re.match(r"\d{4}", year)
    return int(digits.group()) if digits else None


def make_fact(checked: CheckedClaim, config: CheckConfig) -> Fact:
    """Normalise one claim; a unit the registry cannot read leaves ``unit`` None."""
    claim = checked.claim
    qualifiers = claim.qualifiers or {}
    unit: str | None = None
    factor = 1.0
    error = None
    rate = None
    notes: dict[str, Any] = {}
    try:
        info = unit_info(claim.unit, qualifiers.get("per") or None)
        unit, factor = info.canonical, info.factor
        if info.currency:
            rate = config.rate(info.currency, _year(qualifiers))
            if rate is not None:
                factor = factor / info.fixed_usd * rate.usd
        if claim.unit in ("month", "months"):
            month = config.band("month_days")
            factor = (month.low + month.high) / 2 * 24
            notes["month_days"] = month.record()
    except UnitUnknown as exc:
        error = str(exc)
    value = claim.value * factor
    low = claim.low * factor if claim.low is not None else value
    high = claim.high * factor if claim.high is not None else value
    if low > high:
        low, high = high, low
    hardware = qualifiers.get("hardware") or None
    root = checked.root_source_id if checked.root_source_id is not None else checked.source_id
    per = qualifiers.get("per", "").strip().lower()
    return Fact(
        checked=checked,
        id=checked.id,
        growth=claim.kind == "growth_rate" or per in ("year", "1 year", "yr", "a"),
        kind=claim.kind,
        unit=unit,
        value=value,
        low=low,
        high=high,
        bound=claim.bound,
        subject=claim.subject,
        # An accelerator's name as subject ("H800 GPU hours") names no model or cluster.
        subject_key=None if config.catalog.lookup(claim.subject) else subject_key(claim.subject),
        source_id=checked.source_id,
        root_id=root,
        sentence=(checked.source_id, claim.sentence_start),
        paragraph=(checked.source_id, claim.paragraph),
        position=claim.start,
        qualifiers=qualifiers,
        hardware=hardware,
        unit_error=error,
        rate=rate,
        conversion_notes=notes,
    )


def reference_facts(config: CheckConfig) -> list[Fact]:
    """The reference figures as facts of a trusted pseudo-source (id -1, never a target)."""
    facts = []
    for number, reference in enumerate(config.references):
        from claims.model import Claim

        claim = Claim(
            start=0,
            end=0,
            quote=f"{reference.subject}: {reference.value:g} {reference.unit}",
            sentence="",
            value=reference.value,
            unit=reference.unit,
            kind=reference.kind,
            subject=reference.subject,
            qualifiers=dict(reference.qualifiers),
            paragraph=-1 - number,
        )
        fact = make_fact(CheckedClaim(id=-1 - number, source_id=-1, claim=claim), config)
        fact.reference = reference
        facts.append(fact)
    return facts


@dataclass(slots=True)
class Found:
    """One input a rule found: the fact and where it was relative to the target."""

    fact: Fact
    where: str


class Context:
    """Indices over all facts of one check run (targets, context and references)."""

    def __init__(self, facts: Iterable[Fact], references: Sequence[Fact], config: CheckConfig):
        self.config = config
        self.facts: list[Fact] = []
        self.sentence_members: dict[tuple[int, int], list[Fact]] = defaultdict(list)
        self.paragraph_members: dict[tuple[int, int], list[Fact]] = defaultdict(list)
        self.by_source_subject: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
        self.by_subject: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
        self.by_source_subject_any: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
        self.by_source_kind: dict[tuple[int, str], list[Fact]] = defaultdict(list)
        self.sentences_by_source: dict[int, list[list[Fact]]] = defaultdict(list)
        self._other_sources: dict[tuple[Any, ...], Any] = {}
        #: Rules' per-run caches, keyed by id() of lists this context keeps alive.
        self.memo: dict[int, Any] = {}
        self.references_by_subject: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
        self.subjects_by_source: dict[int, set[str]] = defaultdict(set)
        self.source_subject_names: dict[int, dict[str, str]] = defaultdict(dict)
        seen: set[int] = set()
        for fact in facts:
            if fact.id in seen:
                continue
            seen.add(fact.id)
            self.facts.append(fact)
            self.sentence_members[fact.sentence].append(fact)
            self.by_source_kind[(fact.source_id, fact.kind)].append(fact)
            self.paragraph_members[fact.paragraph].append(fact)
            if fact.subject_key:
                self.by_source_subject[(fact.source_id, fact.subject_key, fact.kind)].append(fact)
                self.by_subject[(fact.subject_key, fact.kind)].append(fact)
                self.by_source_subject_any[(fact.source_id, fact.subject_key)].append(fact)
                self.subjects_by_source[fact.source_id].add(fact.subject_key)
                self.source_subject_names[fact.source_id][fact.subject_key] = fact.subject or ""
        for (source_id, _), members in self.sentence_members.items():
            self.sentences_by_source[source_id].append(members)
            members.sort(key=lambda fact: fact.position)
            for column, fact in enumerate(members):
                fact.column = column
        for reference in references:
            ref = reference.reference
            assert ref is not None
            for name in (ref.subject, *ref.aliases):
                key = subject_key(name)
                if key:
                    self.references_by_subject[(key, reference.kind)].append(reference)

    def find(
        self,
        target: Fact,
        kinds: Sequence[str] | None,
        *,
        units: Sequence[str] | None = None,
        accept: Callable[[Fact], bool] | None = None,
        localities: Sequence[str] = LOCALITIES,
        subject_key: str | None = None,
        references: bool = False,
        strict_subject: bool = False,
    ) -> Found | None:
        """The nearest fact of one of ``kinds`` (and ``units``) that ``accept`` takes.

        Same sentence first (the closest by position), then the same paragraph or table, the
        same subject in the same source, the same subject in another source, and (when
        ``references``) the reference figures.
        """
        for found in self.find_all(
            target, kinds, units=units, accept=accept, localities=localities,
            subject_key=subject_key, references=references, strict_subject=strict_subject,
        ):  # fmt: skip
            return found
        return None

    def find_all(
        self,
        target: Fact,
        kinds: Sequence[str] | None,
        *,
        units: Sequence[str] | None = None,
        accept: Callable[[Fact], bool] | None = None,
        localities: Sequence[str] = LOCALITIES,
        subject_key: str | None = None,
        references: bool = False,
        strict_subject: bool = False,
    ) -> Iterator[Found]:
        """Every such fact, nearest locality first (within one, nearest position first).

        ``kinds`` None means any kind (then ``units`` should narrow the search). Within a
        paragraph or table, a fact in the same column as the target comes first, and only
        facts within `PARAGRAPH_REACH` characters count (some inputs have no paragraphs).
        With ``strict_subject`` a fact about another named subject is no input even in the
        same sentence ("model A took 2M GPU-hours, model B cost $80M").
        """
        key = subject_key or target.subject_key

        def usable(fact: Fact) -> bool:
            return (
                fact.id != target.id
                and (kinds is None or fact.kind in kinds)
                and fact.unit is not None
                and (units is None or fact.unit in units)
                and (accept is None or accept(fact))
            )

        seen: set[int] = set()
        for locality in localities:
            pools: list[list[Fact]] = []
            if locality == SAME_SENTENCE:
                pools = [self.sentence_members.get(target.sentence, [])]
            elif locality == SAME_PARAGRAPH:
                pools = [self.paragraph_members.get(target.paragraph, [])]
            elif locality == SAME_SOURCE and key:
                pools = (
                    [self.by_source_subject_any.get((target.source_id, key), [])]
                    if kinds is None
                    else [
                        self.by_source_subject.get((target.source_id, key, kind), [])
                        for kind in kinds
                    ]
                )
            elif locality == ELSEWHERE and key and kinds is not None:
                pools = [
                    [
                        fact
                        for fact in self.by_subject.get((key, kind), [])
                        if fact.source_id != target.source_id
                    ]
                    for kind in kinds
                ]
            candidates = [fact for pool in pools for fact in pool if usable(fact)]
            if locality == SAME_SENTENCE and strict_subject and target.subject_key:
                candidates = [
                    fact
                    for fact in candidates
                    if not fact.subject_key or fact.subject_key == target.subject_key
                ]
            if locality == SAME_PARAGRAPH:
                candidates = [
                    fact
                    for fact in candidates
                    if abs(fact.position - target.position) <= PARAGRAPH_REACH
                ]
            if locality == SAME_PARAGRAPH and target.subject_key:
                # Beyond the sentence, a figure about another named subject is not an input.
                candidates = [
                    fact
                    for fact in candidates
                    if not fact.subject_key or fact.subject_key == target.subject_key
                ]
            if locality == SAME_SENTENCE:
                # Several clusters in one sentence: the one about the claim's subject first.
                candidates.sort(
                    key=lambda fact: (
                        bool(target.subject_key)
                        and bool(fact.subject_key)
                        and fact.subject_key != target.subject_key,
                        abs(fact.position - target.position),
                    )
                )
            elif locality == SAME_PARAGRAPH:
                candidates.sort(
                    key=lambda fact: (
                        fact.column != target.column,
                        abs(fact.position - target.position),
                    )
                )
            for fact in candidates:
                if fact.id not in seen:
                    seen.add(fact.id)
                    yield Found(fact, locality)
        if references and key and kinds is not None:
            for kind in kinds:
                for fact in self.references_by_subject.get((key, kind), []):
                    if usable(fact):
                        yield Found(fact, REFERENCE)

    def other_sources(self, target: Fact) -> tuple[float, float, int, list[Fact]] | None:
        """What other (root) sources say about the target's subject, kind and unit: the band
        (lowest low, highest high), how many sources, and the two extreme claims; None when
        no other source says anything.

        Kept per subject, kind and unit as the two most extreme sources on each side, so the
        answer for any one source is the extremes of the others, in constant time however many
        sources share a subject.
        """
        if not target.subject_key:
            return None
        group = self._source_extremes(target.subject_key, target.kind, target.unit)
        roots, lows, highs, lowest, highest = group
        count = len(roots) - (1 if target.root_id in roots else 0)
        if count <= 0:
            return None
        low = next(value for value, root in lows if root != target.root_id)
        high = next(value for value, root in highs if root != target.root_id)
        low_fact = next(fact for _, root, fact in lowest if root != target.root_id)
        high_fact = next(fact for _, root, fact in highest if root != target.root_id)
        examples = [low_fact] if low_fact is high_fact else [low_fact, high_fact]
        return low, high, count, examples

    def _source_extremes(self, subject: str, kind: str, unit: str | None) -> Any:
        key = (subject, kind, unit)
        cached = self._other_sources.get(key)
        if cached is not None:
            return cached
        per_root: dict[int, list[Any]] = {}
        for fact in self.by_subject.get((subject, kind), []):
            if fact.unit != unit or fact.vague:
                continue
            agg = per_root.get(fact.root_id)
            if agg is None:
                per_root[fact.root_id] = [fact.low, fact.high, fact, fact]
                continue
            agg[0] = min(agg[0], fact.low)
            agg[1] = max(agg[1], fact.high)
            if fact.value < agg[2].value:
                agg[2] = fact
            if fact.value > agg[3].value:
                agg[3] = fact
        items = list(per_root.items())
        # the two best roots on each side are enough: excluding one root leaves the other
        lows = heapq.nsmallest(2, ((agg[0], root) for root, agg in items))
        highs = heapq.nlargest(2, ((agg[1], root) for root, agg in items))
        lowest = heapq.nsmallest(
            2, ((agg[2].value, root, agg[2]) for root, agg in items), key=lambda t: t[0]
        )
        highest = heapq.nlargest(
            2, ((agg[3].value, root, agg[3]) for root, agg in items), key=lambda t: t[0]
        )
        cached = (set(per_root), lows, highs, lowest, highest)
        self._other_sources[key] = cached
        return cached

    def sentences_of_source(self, source_id: int) -> list[list[Fact]]:
        """The claims of each sentence of a source, in text order within a sentence."""
        return self.sentences_by_source.get(source_id, [])

    def facts_of_source(self, source_id: int, kinds: Sequence[str]) -> Iterator[Fact]:
        for kind in kinds:
            yield from self.by_source_kind.get((source_id, kind), [])

    def sentence_of(self, target: Fact) -> list[Fact]:
        return self.sentence_members.get(target.sentence, [])

    def paragraph_of(self, target: Fact) -> list[Fact]:
        return self.paragraph_members.get(target.paragraph, [])

    def accelerator(self, name: str | None) -> Accelerator | None:
        return self.config.catalog.lookup(name)


def finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)
