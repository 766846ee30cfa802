from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

from app.core.config import settings

_engine: Engine | None = None


def normalize_database_url(url: str) -> str:
    """Let users write `postgresql://` and still get psycopg 3, the driver we ship."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _configure_sqlite(engine: Engine) -> None:
    """WAL for concurrent readers, and `BEGIN IMMEDIATE` for writers.

    pysqlite's own transaction handling begins lazily and upgrades a read transaction to a write
    one, which fails at once with "database is locked" when another thread wrote in between.
    Taking the write lock at BEGIN (see `begin_write`) makes writers queue on busy_timeout instead.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "foreign_keys=ON",
            "busy_timeout=30000",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))


def create_db_engine(url: str) -> Engine:
    url = normalize_database_url(url)
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def get_engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = create_db_engine(settings.DATABASE_URL)
    return _engine


def begin_write(session: Session) -> None:
    """Start `session`'s transaction as a writer.

    Must be the first use of the session in its transaction. On SQLite this takes the database
    write lock up front; elsewhere it is a plain BEGIN and row locks do the work.
    """
    session.connection(execution_options={"sqlite_begin": "BEGIN IMMEDIATE"})


def get_db() -> Iterator[Session]:
    with Session(get_engine(), expire_on_commit=False) as session:
        yield session


@contextmanager
def write_session() -> Iterator[Session]:
    """A session whose transaction is a writer's, committed on success and rolled back on error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        begin_write(session)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
