"""Fixtures for the browser's tests: a small knowledge base built row by row.

`KBFactory` inserts kb.models rows directly (no extractor or checker involved), so each test
states exactly the claims, findings and reviews it looks at. The articles are our own words.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from kb.database import open_engine
from kb.models import Claim, Entity, Finding, IngestRun, Review, Source


class KBFactory:
    """Small helpers that add one row each and return it with its id."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.entities: dict[str, int] = {}

    def source(self, title: str, text: str, **fields: Any) -> Source:
        source = Source(
            title=title,
            text=text,
            origin=fields.pop("origin", f"{title.lower().replace(' ', '-')}.md"),
            raw_hash=hashlib.sha256(f"{title}\n{text}".encode()).hexdigest(),
            language=fields.pop("language", "en"),
            **fields,
        )
        self.session.add(source)
        self.session.flush()
        return source

    def entity(self, name: str) -> int:
        if name not in self.entities:
            entity = Entity(name=name, kind="model")
            self.session.add(entity)
            self.session.flush()
            assert entity.id is not None
            self.entities[name] = entity.id
        return self.entities[name]

    def claim(
        self,
        source: Source,
        quote: str,
        value: float,
        unit: str,
        kind: str = "other",
        subject: str | None = None,
        verdict: str = "unchecked",
        severity: float = 0.0,
        **fields: Any,
    ) -> Claim:
        start = source.text.index(quote)
        end = start + len(quote)
        sentence_start = max(
            source.text.rfind(". ", 0, start) + 2, source.text.rfind("\n", 0, start) + 1, 0
        )
        sentence_end = source.text.find(".", end)
        sentence_end = len(source.text) if sentence_end < 0 else sentence_end + 1
        assert source.id is not None
        claim = Claim(
            source_id=source.id,
            fingerprint=hashlib.sha1(f"{start}:{end}:{quote}".encode()).hexdigest()[:20],
            start=start,
            end=end,
            quote=quote,
            sentence=source.text[sentence_start:sentence_end],
            sentence_start=sentence_start,
            sentence_end=sentence_end,
            paragraph=source.text.count("\n\n", 0, start),
            value=value,
            unit=unit,
            kind=kind,
            subject_id=self.entity(subject) if subject else None,
            extractor_version="test",
            verdict=verdict,
            severity=severity,
            **fields,
        )
        self.session.add(claim)
        self.session.flush()
        return claim

    def finding(self, claim: Claim, rule: str, verdict: str, **fields: Any) -> Finding:
        assert claim.id is not None
        finding = Finding(
            claim_id=claim.id,
            rule=rule,
            verdict=verdict,
            checker_version="test",
            **fields,
        )
        self.session.add(finding)
        self.session.flush()
        return finding

    def review(self, claim: Claim, status: str, **fields: Any) -> Review:
        assert claim.id is not None
        review = Review(
            claim_id=claim.id,
            source_id=claim.source_id,
            claim_fingerprint=claim.fingerprint,
            status=status,
            **fields,
        )
        self.session.add(review)
        self.session.flush()
        return review


#: Our own short articles: an inconsistent cost, its inputs, a consistent compute figure,
#: a Chinese article, and an article full of markup and escape sequences.
ORION_TEXT = (
    "Orion Labs trained Orion-7 on 25,000 H100 GPUs for 90 days.\n\n"
    "The company said the run used 3.8e25 FLOP in total. "
    "It also claimed the training cost was $4 trillion, which analysts doubted.\n\n"
    "The cluster draws 5,000 MW at peak."
)
ORION_REVIEW_TEXT = (
    "A second look at Orion-7: the model used about 2.8 million GPU-hours, "
    "according to the team's own paper."
)
CHINESE_TEXT = "据报道，Orion-7 使用了约 2.5 万块 GPU 进行训练，耗资约 1 亿美元。"
HOSTILE_TEXT = (
    "This post writes [bold]loud[/bold] and [link=file:///etc/passwd]x[/link] in its text.\n\n"
    "It also hides \x1b[2J a screen clear, a bell \x07 and \x1b]8;;http://evil.example\x1b\\ a "
    "hyperlink escape before saying it bought 1,000 GPUs."
)


def build_small_kb(session: Session) -> dict[str, int]:
    """The fixture knowledge base; returns the ids tests refer to by name."""
    make = KBFactory(session)
    run = IngestRun(inputs_tried=5, added=4, failed=1, command="kb ingest examples/")
    run.errors = [{"input": "broken.pdf", "error": "not a PDF file"}]
    session.add(run)
    session.flush()
    orion = make.source(
        "Orion-7 launch",
        ORION_TEXT,
        author="A. Writer",
        url="https://news.example/orion-7",
        published=datetime(2026, 3, 1, tzinfo=UTC),
        ingest_run_id=run.id,
    )
    gpus = make.claim(orion, "25,000 H100 GPUs", 25_000, "GPU", "chip_count", "Orion-7")
    days = make.claim(orion, "90 days", 90, "day", "duration", "Orion-7")
    compute = make.claim(
        orion, "3.8e25 FLOP", 3.8e25, "FLOP", "training_compute", "Orion-7", verdict="consistent"
    )
    cost = make.claim(
        orion,
        "$4 trillion",
        4e12,
        "USD",
        "training_cost",
        "Orion-7",
        verdict="inconsistent",
        severity=3.2,
    )
    power = make.claim(
        orion, "5,000 MW", 5000, "MW", "power", "Orion-7", verdict="questionable", severity=0.8
    )
    make.finding(
        compute,
        "compute_from_hardware",
        "consistent",
        claimed_value=3.8e25,
        claimed_unit="FLOP",
        expected_low=1.2e25,
        expected_high=6.0e25,
        expected_unit="FLOP",
        ratio=1.0,
        inputs=[
            {"claim_id": gpus.id, "role": "chip_count", "where": "same paragraph"},
            {"claim_id": days.id, "role": "duration", "where": "same paragraph"},
            {
                "catalog": "NVIDIA H100 SXM",
                "field": "peak_flops_bf16_dense",
                "value": 9.89e14,
                "unit": "FLOP/s",
                "source": "vendor datasheet",
            },
        ],
        assumptions={"utilisation": {"low": 0.3, "high": 0.5, "note": "typical MFU"}},
        explanation="GPUs × days × peak × utilisation gives the band.",
    )
    make.finding(
        cost,
        "cost_from_gpu_hours",
        "inconsistent",
        claimed_value=4e12,
        claimed_unit="USD",
        expected_low=5e7,
        expected_high=2e8,
        expected_unit="USD",
        ratio=2e4,
        severity=3.2,
        confidence="high",
        implied="a GPU-hour price of $74,000",
        inputs=[
            {"claim_id": gpus.id, "role": "chip_count", "where": "same article"},
            {"claim_id": days.id, "role": "duration", "where": "same article"},
            {
                "catalog": "cloud price",
                "field": "usd_per_gpu_hour",
                "value": 2.0,
                "unit": "USD/GPU_hour",
                "source": "price survey 2026",
            },
        ],
        assumptions={"price_per_gpu_hour": {"low": 1.5, "high": 4.0, "note": "cloud list price"}},
        explanation="25,000 GPUs for 90 days at cloud prices cost about $0.1 billion.",
    )
    make.finding(
        power,
        "power_from_chips",
        "questionable",
        claimed_value=5000,
        claimed_unit="MW",
        expected_low=20,
        expected_high=60,
        expected_unit="MW",
        ratio=83,
        severity=0.8,
        inputs=[{"claim_id": gpus.id, "role": "chip_count", "where": "same article"}],
    )
    second = make.source(
        "Orion-7 second look",
        ORION_REVIEW_TEXT,
        published=datetime(2026, 4, 2, tzinfo=UTC),
    )
    gpu_hours = make.claim(
        second, "2.8 million GPU-hours", 2.8e6, "GPU_hour", "gpu_hours", "Orion-7"
    )
    chinese = make.source("Orion-7 中文报道", CHINESE_TEXT, language="zh")
    chinese_gpus = make.claim(
        chinese, "约 2.5 万块 GPU", 25_000, "GPU", "chip_count", "Orion-7", approx=True, bound="≈"
    )
    hostile = make.source("[red]Hostile[/red] post", HOSTILE_TEXT)
    hostile_gpus = make.claim(hostile, "1,000 GPUs", 1000, "GPU", "chip_count", "Other Model")
    return {
        "run": run.id or 0,
        "orion": orion.id or 0,
        "second": second.id or 0,
        "chinese": chinese.id or 0,
        "hostile": hostile.id or 0,
        "gpus": gpus.id or 0,
        "days": days.id or 0,
        "compute": compute.id or 0,
        "cost": cost.id or 0,
        "power": power.id or 0,
        "gpu_hours": gpu_hours.id or 0,
        "chinese_gpus": chinese_gpus.id or 0,
        "hostile_gpus": hostile_gpus.id or 0,
    }


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests are async; anyio's pytest plugin runs them on asyncio (Textual's loop)."""
    return "asyncio"


@pytest.fixture(scope="session")
def small_kb_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """Built once per test session; tests get their own copy (`small_kb`)."""
    path = tmp_path_factory.mktemp("kb-template") / "kb.sqlite"
    engine = open_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        ids = build_small_kb(session)
        session.commit()
    engine.dispose()
    return path, ids


@pytest.fixture
def small_kb(
    small_kb_template: tuple[Path, dict[str, int]], tmp_path: Path
) -> Iterator[tuple[Engine, dict[str, int]]]:
    """An engine on a fresh copy of the fixture knowledge base, and its named ids."""
    template, ids = small_kb_template
    path = tmp_path / "kb.sqlite"
    shutil.copy(template, path)
    engine = open_engine(f"sqlite:///{path}")
    yield engine, ids
    engine.dispose()


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


@pytest.fixture(scope="session")
def examples_kb_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base built from examples/articles by the real pipeline, once per session."""
    if not EXAMPLES.is_dir():
        pytest.skip("examples/articles is absent")
    from kb.pipeline import run_ingest

    path = tmp_path_factory.mktemp("kb-examples") / "kb.sqlite"
    engine = open_engine(f"sqlite:///{path}")
    run_ingest(engine, [str(EXAMPLES)], command="kb ingest examples/articles")
    engine.dispose()
    return path


@pytest.fixture
def examples_kb(examples_kb_template: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "kb.sqlite"
    shutil.copy(examples_kb_template, path)
    engine = open_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()
