"""A small knowledge base built row by row, so report tests do not depend on the pipeline.

Uses the shared ``engine`` fixture (tests/conftest.py): SQLite, and PostgreSQL when
KB_TEST_POSTGRES_URL is set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from kb.database import session_scope
from kb.models import Claim, Entity, Finding, Review, Source

FIXED_TIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = '"><img src=x onerror=alert(1)>'


@dataclass
class KBFactory:
    """Inserts rows with sensible defaults; every method returns the new row's id."""

    engine: Engine
    _hashes: int = 0

    def _add(self, row: Any) -> int:
        with session_scope(self.engine) as session:
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

    def source(self, text: str = "", **fields: Any) -> int:
        self._hashes += 1
        fields.setdefault("origin", f"fixture-{self._hashes}.txt")
        fields.setdefault("raw_hash", f"hash-{self._hashes}")
        return self._add(Source(text=text, **fields))

    def entity(self, name: str, kind: str = "model", aliases: list[str] | None = None) -> int:
        return self._add(Entity(name=name, kind=kind, aliases=aliases or []))

    def claim(self, source_id: int, text: str, quote: str, **fields: Any) -> int:
        """A claim whose span is ``quote``'s first occurrence in the source ``text``."""
        start = text.index(quote)
        fields.setdefault("fingerprint", f"fp-{source_id}-{start}-{quote}")
        fields.setdefault("extractor_version", "test")
        fields.setdefault("sentence", text)
        return self._add(
            Claim(source_id=source_id, start=start, end=start + len(quote), quote=quote, **fields)
        )

    def finding(self, claim_id: int, **fields: Any) -> int:
        fields.setdefault("checker_version", "test")
        return self._add(Finding(claim_id=claim_id, **fields))

    def review(self, claim_id: int, source_id: int, **fields: Any) -> int:
        fields.setdefault("claim_fingerprint", "")
        return self._add(Review(claim_id=claim_id, source_id=source_id, **fields))


@pytest.fixture
def factory(engine: Engine) -> KBFactory:
    return KBFactory(engine)


CLUSTER_TEXT = (
    "The Orion-7 cluster links 100,000 H100 accelerators. Its builders say it cost "
    "3 trillion dollars and draws 4,000 MW."
)
TRAINING_TEXT = "Training Orion-7 used 150 million GPU hours on the same machines."
OTHER_TEXT = "A rival outlet puts the same cluster at 120,000 accelerators."


@pytest.fixture
def sample_kb(factory: KBFactory) -> dict[str, int]:
    return build_sample_kb(factory)


def build_sample_kb(factory: KBFactory) -> dict[str, int]:
    """An anthology of two articles plus a stand-alone article, with flagged, consistent and
    unchecked claims, a cross-source contradiction and a review. Returns the ids."""
    ids: dict[str, int] = {}
    orion = factory.entity("Orion-7", aliases=["orion 7"])
    ids["anthology"] = factory.source(
        text=CLUSTER_TEXT + "\n\n" + TRAINING_TEXT,
        title="Weekly digest",
        origin="digest.md",
        shape="anthology",
        published=datetime(2025, 3, 1, tzinfo=UTC),
    )
    ids["cluster"] = factory.source(
        text=CLUSTER_TEXT,
        parent_id=ids["anthology"],
        position=1,
        title="The Orion-7 cluster",
        author="A. Writer",
        url="https://example.org/orion",
        language="en",
        published=datetime(2025, 3, 1, tzinfo=UTC),
    )
    ids["training"] = factory.source(
        text=TRAINING_TEXT,
        parent_id=ids["anthology"],
        position=2,
        title="Training Orion-7",
        language="en",
    )
    ids["other"] = factory.source(
        text=OTHER_TEXT,
        title="Rival outlet",
        url="https://example.com/rival",
        published=datetime(2024, 6, 1, tzinfo=UTC),
    )
    first, second = CLUSTER_TEXT.split(". ", 1)
    first += "."
    ids["chips"] = factory.claim(
        ids["cluster"],
        CLUSTER_TEXT,
        "100,000 H100",
        sentence=first,
        value=1e5,
        unit="GPU",
        kind="chip_count",
        subject_id=orion,
        qualifiers={"hardware": "NVIDIA H100 SXM"},
    )
    ids["cost"] = factory.claim(
        ids["cluster"],
        CLUSTER_TEXT,
        "3 trillion dollars",
        sentence=second,
        sentence_start=len(first) + 1,
        value=3e12,
        unit="USD",
        kind="capex",
        subject_id=orion,
        verdict="inconsistent",
        severity=2.74,
    )
    ids["power"] = factory.claim(
        ids["cluster"],
        CLUSTER_TEXT,
        "4,000 MW",
        sentence=second,
        sentence_start=len(first) + 1,
        value=4e9,
        unit="W",
        kind="power",
        subject_id=orion,
        verdict="inconsistent",
        severity=1.26,
    )
    ids["hours"] = factory.claim(
        ids["training"],
        TRAINING_TEXT,
        "150 million GPU hours",
        value=1.5e8,
        unit="GPU_hour",
        kind="gpu_hours",
        subject_id=orion,
        verdict="consistent",
    )
    ids["unchecked"] = factory.claim(
        ids["training"],
        TRAINING_TEXT,
        "Orion-7",
        value=7,
        unit="dimensionless",
        kind="other",
        verdict="unchecked",
    )
    ids["rival"] = factory.claim(
        ids["other"],
        OTHER_TEXT,
        "120,000 accelerators",
        value=1.2e5,
        unit="GPU",
        kind="chip_count",
        subject_id=orion,
        verdict="questionable",
        severity=0.08,
    )
    catalog_price = {
        "catalog": "NVIDIA H100 SXM",
        "field": "price_usd",
        "value": 40000,
        "unit": "USD",
        "source": "vendor list price, 2024",
    }
    ids["cost_finding"] = factory.finding(
        ids["cost"],
        rule="capex_per_chip",
        verdict="inconsistent",
        claimed_value=3e12,
        claimed_unit="USD",
        expected_low=4e9,
        expected_high=5.5e9,
        expected_unit="USD",
        ratio=545.0,
        severity=2.74,
        confidence="high",
        implied="about $30 M per accelerator",
        inputs=[
            {"claim_id": ids["chips"], "role": "chip_count", "where": "same paragraph"},
            catalog_price,
        ],
        assumptions={
            "all_in_cost_per_gpu": {
                "low": 40000,
                "high": 55000,
                "unit": "USD",
                "note": "built cluster, all-in",
            }
        },
        explanation="100,000 accelerators at $40k-55k each is $4-5.5 bn; the claim is "
        "about 545x that.",
    )
    ids["power_finding"] = factory.finding(
        ids["power"],
        rule="facility_power",
        verdict="inconsistent",
        claimed_value=4e9,
        claimed_unit="W",
        expected_low=1.2e8,
        expected_high=2.2e8,
        expected_unit="W",
        ratio=18.2,
        severity=1.26,
        implied="about 40 kW per accelerator",
        inputs=[
            {"claim_id": ids["chips"], "role": "chip_count", "where": "same paragraph"},
            {
                "catalog": "NVIDIA H100 SXM",
                "field": "tdp_w",
                "value": 700,
                "unit": "W",
                "source": "vendor datasheet",
            },
        ],
        assumptions={"facility_w_per_gpu": [1200, 2200]},
        explanation="100,000 accelerators need 120-220 MW; the claim is 18x that.",
    )
    ids["hours_finding"] = factory.finding(
        ids["hours"],
        rule="gpu_hours_duration",
        verdict="consistent",
        claimed_value=1.5e8,
        claimed_unit="GPU_hour",
        expected_low=5e7,
        expected_high=4e8,
        expected_unit="GPU_hour",
        ratio=1.0,
        explanation="1,500 hours per accelerator: about two months.",
    )
    ids["cross_finding"] = factory.finding(
        ids["rival"],
        rule="cross_source",
        verdict="questionable",
        claimed_value=1.2e5,
        claimed_unit="GPU",
        expected_low=1e5,
        expected_high=1e5,
        expected_unit="GPU",
        ratio=1.2,
        severity=0.08,
        inputs=[{"claim_id": ids["chips"], "role": "same figure", "where": "other source"}],
        explanation="Another source gives 100,000 accelerators for the same cluster.",
    )
    ids["review"] = factory.review(
        ids["cost"],
        ids["cluster"],
        claim_fingerprint="x",
        status="confirmed",
        reviewer="editor-1",
        note="The writer meant yuan, not dollars.",
        created=datetime(2025, 3, 2, tzinfo=UTC),
    )
    return ids


@pytest.fixture
def fixed_time() -> datetime:
    return FIXED_TIME


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside <mark> and <svg>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.marked: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.open and self.open[-1] == "mark":
            self.marked.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(document: str) -> Elements:
    parser = Elements()
    parser.feed(document)
    parser.close()
    return parser


@pytest.fixture(scope="session")
def parse_html() -> Callable[[str], Elements]:
    """Parses a document into its elements, attributes and marked text."""
    return parse
