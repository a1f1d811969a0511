"""Opening, creating and upgrading the knowledge base.

SQLite gets WAL (readers never wait for the writer) and foreign keys; every schema change goes
through Alembic, and a database written by a newer claimkb is refused rather than touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class DatabaseProblem(Exception):
    """A database that cannot be used as it is; the message is one line for the user."""


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite, creates the folder the file goes in."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def describe(url: str) -> str:
    """The URL with any password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except DatabaseError as exc:
        raise DatabaseProblem(
            f"{describe(str(engine.url))}: not a usable database ({_first_line(exc)})"
        ) from exc


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def check_revision(engine: Engine) -> str | None:
    revision = current_revision(engine)
    if revision is not None and revision not in known_revisions():
        raise DatabaseProblem(
            f"{describe(str(engine.url))} was written by a newer claimkb (schema {revision}); "
            "upgrade claimkb to open it"
        )
    return revision


def upgrade(engine: Engine) -> str:
    """Create the schema or bring it to head. Never drops anything; returns the revision."""
    check_revision(engine)
    config = _alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise DatabaseProblem(f"{describe(str(engine.url))}: {_first_line(exc)}") from exc
    return head_revision()


def open_engine(url: str) -> Engine:
    """An engine on an existing, up-to-date knowledge base, or a clear DatabaseProblem.

    A database with no schema yet is initialised (first use needs no `kb init`); one at an
    older revision is upgraded; a newer or corrupt one is refused untouched.
    """
    engine = make_engine(url)
    revision = check_revision(engine)
    if revision != head_revision():
        upgrade(engine)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any exception."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
