"""The pipeline: read → extract → check → store, one input per transaction.

A failing input leaves nothing behind and does not stop the others; every run is recorded as
an IngestRun with its errors. On SQLite one writer runs at a time (a lock file beside the
database); on PostgreSQL several workers share the inputs (an advisory lock per input, and the
unique content hash makes a late loser back off).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

import checks
import claims
import ingest
from kb import store
from kb.database import session_scope
from kb.models import Claim, Entity, IngestRun, Source, UrlState, utcnow


class IngestLocked(RuntimeError):
    """Another ingest run holds this SQLite database."""


@dataclass
class IngestSummary:
    run_id: int | None = None
    tried: int = 0
    added: int = 0
    new_versions: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[ingest.InputFailure] = field(default_factory=list)
    source_ids: list[int] = field(default_factory=list)
    claims: int = 0
    findings: int = 0
    #: Inputs another worker was reading when this one reached them (PostgreSQL only).
    taken_by_others: int = 0

    @property
    def line(self) -> str:
        return (
            f"added {self.added + self.new_versions}"
            + (f" ({self.new_versions} new versions)" if self.new_versions else "")
            + f", unchanged {self.unchanged}, failed {self.failed}"
            + f"; {self.claims} claims, {self.findings} findings"
            + (f"; {self.taken_by_others} taken by other workers" if self.taken_by_others else "")
        )


#: Called after each input with (summary so far, the input's name).
Progress = Callable[[IngestSummary, str], None]


@contextmanager
def writer_lock(engine: Engine) -> Iterator[None]:
    """One ingest at a time on a SQLite file; PostgreSQL workers coordinate per input."""
    url = make_url(str(engine.url))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        yield
        return
    lock_path = Path(url.database).with_name(Path(url.database).name + ".ingest.lock")
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise IngestLocked(
                f"another kb ingest ({holder}) is running on {url.database}; try again later"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def input_claim(engine: Engine, name: str) -> Iterator[bool]:
    """Whether this worker may read ``name`` now: on PostgreSQL, a session advisory lock held
    while it does, so concurrent workers share a list of inputs instead of racing on it."""
    if engine.dialect.name != "postgresql":
        yield True
        return
    with engine.connect() as connection:
        key = _lock_key("input:" + name)
        got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        try:
            yield got
        finally:
            if got:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            connection.commit()


class DatabaseUrlCache:
    """Remembers ETag/Last-Modified per URL, so scheduled runs skip unchanged pages.

    The reader calls ``put`` once the page's document has been handed over; a page whose
    document failed to store is not remembered, so the next run fetches it again.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.failed: set[str] = set()

    def get(self, url: str) -> tuple[str | None, str | None] | None:
        with Session(self.engine) as session:
            state = session.get(UrlState, url)
            return None if state is None else (state.etag, state.last_modified)

    def put(
        self, url: str, etag: str | None, last_modified: str | None, content_hash: str | None
    ) -> None:
        if url in self.failed:
            return
        with session_scope(self.engine) as session:
            state = session.get(UrlState, url) or UrlState(url=url)
            state.etag, state.last_modified = etag, last_modified
            state.content_hash, state.checked = content_hash, utcnow()
            session.add(state)


def run_ingest(
    engine: Engine,
    inputs: Sequence[str],
    *,
    options: Any = None,
    check_config: Any = None,
    progress: Progress | None = None,
    command: str = "",
) -> IngestSummary:
    """Ingest ``inputs`` (files, folders, URLs, feeds), extracting and checking what is new."""
    with writer_lock(engine):
        with session_scope(engine) as session:
            run = IngestRun(command=command[:500])
            session.add(run)
            session.flush()
            run_id = run.id
        summary = IngestSummary(run_id=run_id)
        url_cache = DatabaseUrlCache(engine)
        context = CheckContext()
        try:
            for top_input in inputs:
                with input_claim(engine, top_input) as mine:
                    if not mine:
                        summary.taken_by_others += 1
                        continue
                    for item in ingest.read_inputs(
                        [top_input], options=options, url_cache=url_cache
                    ):
                        summary.tried += 1
                        _ingest_one(engine, item, run_id, summary, url_cache, check_config, context)
                        if progress:
                            progress(summary, _input_name(item))
        finally:
            with session_scope(engine) as session:
                session.execute(
                    update(IngestRun)
                    .where(IngestRun.id == run_id)
                    .values(
                        finished=utcnow(),
                        inputs_tried=summary.tried,
                        added=summary.added + summary.new_versions,
                        unchanged=summary.unchanged,
                        failed=summary.failed,
                        errors=[{"input": e.input, "reason": e.reason} for e in summary.errors],
                    )
                )
    return summary


def _input_name(item: object) -> str:
    if isinstance(item, ingest.Document):
        return item.origin
    return str(getattr(item, "input", item))


def _ingest_one(
    engine: Engine,
    item: object,
    run_id: int | None,
    summary: IngestSummary,
    url_cache: DatabaseUrlCache,
    check_config: Any,
    context: CheckContext,
) -> None:
    if isinstance(item, ingest.InputFailure):
        summary.failed += 1
        summary.errors.append(item)
        url_cache.failed.add(item.input)
        return
    if not isinstance(item, ingest.Document):  # Unchanged: a 304 or an identical page
        summary.unchanged += 1
        return
    for attempt in (1, 2):
        try:
            outcome = _store_document(engine, item, run_id, check_config, context)
        except IntegrityError:
            context.forget()
            # Another worker committed the same content (or entity) first; the second
            # attempt sees its row and counts the input as unchanged.
            if attempt == 2:
                outcome = ("unchanged", [], 0, 0)
            else:
                continue
        except Exception as exc:  # one input's failure must not stop the others
            context.forget()
            summary.failed += 1
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
            summary.errors.append(ingest.InputFailure(item.origin, f"could not store: {reason}"))
            url_cache.failed.update(u for u in (item.url, item.origin) if u)
            return
        break
    status, source_ids, claim_count, finding_count = outcome
    if status == "unchanged":
        summary.unchanged += 1
        return
    if status == "new_version":
        summary.new_versions += 1
    else:
        summary.added += 1
    summary.source_ids.extend(source_ids)
    summary.claims += claim_count
    summary.findings += finding_count


def _store_document(
    engine: Engine,
    document: ingest.Document,
    run_id: int | None,
    check_config: Any,
    context: CheckContext,
) -> tuple[str, list[int], int, int]:
    """One document in one transaction: (status, source ids, claims, findings), counted
    only once the transaction has committed."""
    with session_scope(engine) as session:
        if not _claim_input(session, document.raw_hash):
            return ("unchanged", [], 0, 0)
        stored = store.add_document(session, document, run_id)
        if stored.status == "unchanged":
            return ("unchanged", stored.source_ids, 0, 0)
        claim_ids = _extract_into(session, stored.to_extract)
        finding_count, checked = check_claims_in_session(
            session, claim_ids, check_config, context=context
        )
    context.remember(checked)
    return (stored.status, stored.source_ids, len(claim_ids), finding_count)


def _claim_input(session: Session, raw_hash: str) -> bool:
    """On PostgreSQL, take this content for this transaction unless another worker has it."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    key = _lock_key("content:" + raw_hash)
    return bool(session.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key}).scalar())


def _extract_into(session: Session, to_extract: Iterable[tuple[int, str, str]]) -> list[int]:
    cache = store.EntityCache(session)
    claim_ids: list[int] = []
    for source_id, source_text, language in to_extract:
        extracted = claims.extract(source_text, language)
        claim_ids += store.store_claims(
            session, source_id, extracted, claims.EXTRACTOR_VERSION, cache
        )
    return claim_ids


def reextract(engine: Engine, source_id: int | None = None) -> int:
    """Extract claims again from the stored text (after an extractor upgrade), for every
    source or one source and its articles; returns the number of claims now stored.

    Claims found again keep their rows, so reviews stay attached; `recheck` then brings the
    findings up to date.
    """
    with session_scope(engine) as session:
        query = select(Source.id, Source.text, Source.language)
        if source_id is not None:
            query = query.where((Source.id == source_id) | (Source.parent_id == source_id))
        parents = {pid for (pid,) in session.execute(select(Source.parent_id).distinct()) if pid}
        wanted = [
            (sid, body, lang) for sid, body, lang in session.execute(query) if sid not in parents
        ]
        return len(_extract_into(session, wanted))


# --- checking -------------------------------------------------------------------------------


_CHECK_COLUMNS = (
    Claim.id,
    Claim.source_id,
    Claim.start,
    Claim.end,
    Claim.quote,
    Claim.sentence,
    Claim.value,
    Claim.unit,
    Claim.kind,
    Claim.low,
    Claim.high,
    Claim.approx,
    Claim.bound,
    Claim.qualifiers,
    Claim.sentence_start,
    Claim.sentence_end,
    Claim.paragraph,
    Claim.subject_id,
    Entity.name,
    Source.title,
    Source.parent_id,
)


def _load_checked(session: Session, where: Any) -> list[tuple[int | None, Any]]:
    """(subject id, claim as the checker reads it) for the stored claims matching ``where``."""
    query = (
        select(*_CHECK_COLUMNS)
        .join(Source, Source.id == Claim.source_id)
        .outerjoin(Entity, Entity.id == Claim.subject_id)
        .where(where)
        .order_by(Claim.id)
    )
    loaded = []
    for row in session.execute(query):
        record = claims.Claim(
            start=row.start,
            end=row.end,
            quote=row.quote,
            sentence=row.sentence,
            value=row.value,
            unit=row.unit,
            kind=row.kind,
            low=row.low,
            high=row.high,
            approx=row.approx,
            bound=row.bound,
            subject=row.name,
            qualifiers=dict(row.qualifiers or {}),
            sentence_start=row.sentence_start,
            sentence_end=row.sentence_end,
            paragraph=row.paragraph,
        )
        checked = checks.CheckedClaim(
            id=row.id,
            source_id=row.source_id,
            claim=record,
            source_title=row.title,
            root_source_id=row.parent_id or row.source_id,
        )
        loaded.append((row.subject_id, checked))
    return loaded


def load_checked_claims(session: Session, where: Any) -> list[Any]:
    """The stored claims matching ``where`` as the checker reads them."""
    return [checked for _, checked in _load_checked(session, where)]


#: How many stored claims per subject an ingest run keeps as context for new claims: enough
#: for "same subject anywhere" and cross-source comparisons, bounded so ingestion stays linear.
CONTEXT_PER_SUBJECT = 400


class CheckContext:
    """The recent claims about each subject, loaded once per run and kept up to date as the
    run stores more, so checking each new article costs the same however big the base is."""

    def __init__(self, per_subject: int = CONTEXT_PER_SUBJECT) -> None:
        self.per_subject = per_subject
        self.by_subject: dict[int, list[Any]] = {}
        #: the checker's normalised form of the claims kept here (see checks.FactCache)
        self.fact_cache: dict[int, Any] = {}

    def claims_about(self, session: Session, subject_ids: Iterable[int]) -> list[Any]:
        found: list[Any] = []
        for subject_id in subject_ids:
            if subject_id not in self.by_subject:
                recent_ids = select(Claim.id).where(Claim.subject_id == subject_id)
                recent_ids = recent_ids.order_by(Claim.id.desc()).limit(self.per_subject)
                self.by_subject[subject_id] = load_checked_claims(
                    session, Claim.id.in_(recent_ids.scalar_subquery())
                )
            found += self.by_subject[subject_id]
        return found

    def remember(self, stored: Iterable[tuple[int | None, Any]]) -> None:
        """Add claims whose transaction has committed."""
        for subject_id, checked in stored:
            if subject_id is None or subject_id not in self.by_subject:
                continue
            kept = self.by_subject[subject_id]
            kept.append(checked)
            if len(kept) > self.per_subject:
                for dropped in kept[: len(kept) - self.per_subject]:
                    self.fact_cache.pop(id(dropped), None)
                del kept[: len(kept) - self.per_subject]

    def forget(self) -> None:
        """After a failed transaction: what was loaded inside it may not exist."""
        self.by_subject.clear()
        self.fact_cache.clear()


def check_claims_in_session(
    session: Session,
    claim_ids: Sequence[int],
    config: Any,
    *,
    context: CheckContext | None = None,
    load_context: bool = True,
) -> tuple[int, list[tuple[int | None, Any]]]:
    """Check ``claim_ids`` against what is stored about their subjects; store the findings.

    Returns the number of findings and the checked claims (for ``CheckContext.remember``).
    ``load_context`` is off when ``claim_ids`` already holds every claim (a full re-check).
    """
    if not claim_ids:
        return 0, []
    loaded: list[tuple[int | None, Any]] = []
    for chunk in _chunks(list(claim_ids), 500):
        loaded += _load_checked(session, Claim.id.in_(chunk))
    targets = [checked for _, checked in loaded]
    target_ids = set(claim_ids)
    others: list[Any] = []
    fact_cache = None
    if load_context:
        context = context or CheckContext()
        subject_ids = sorted({sid for sid, _ in loaded if sid is not None})
        others = [c for c in context.claims_about(session, subject_ids) if c.id not in target_ids]
        fact_cache = context.fact_cache
    findings = checks.check_claims(targets, others, config=config, fact_cache=fact_cache)
    store.store_findings(session, claim_ids, findings, checks.CHECKER_VERSION)
    return len(findings), loaded


def recheck(engine: Engine, source_id: int | None = None, config: Any = None) -> int:
    """Re-run the checker over the knowledge base (or one source and its articles)."""
    with session_scope(engine) as session:
        query = select(Claim.id)
        if source_id is not None:
            query = query.join(Source, Source.id == Claim.source_id).where(
                (Source.id == source_id) | (Source.parent_id == source_id)
            )
        claim_ids = [cid for (cid,) in session.execute(query)]
        count, _ = check_claims_in_session(
            session, claim_ids, config, load_context=source_id is not None
        )
        return count


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
