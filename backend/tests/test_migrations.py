"""Migrations create exactly the tables the models describe, on SQLite and on PostgreSQL, and
carry existing data forward."""

import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.support.stack import BACKEND_DIR, create_postgres_database, drop_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/migrations.sqlite3"
        return
    url = create_postgres_database()
    yield url
    drop_postgres_database(url)


def alembic(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from alembic.config import main; main(argv=sys.argv[1:])"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=BACKEND_DIR,
        env={"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin", "REDIS_URL": ""},
        capture_output=True,
        text=True,
    )


def engine_for(url: str) -> sa.Engine:
    return sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))


def test_upgrade_creates_what_the_models_describe(empty_database: str):
    assert alembic(empty_database, "upgrade", "head").returncode == 0
    check = alembic(empty_database, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No new upgrade operations detected" in check.stdout + check.stderr


def _table(table_name: str, **columns: sa.types.TypeEngine) -> sa.TableClause:
    """Enough of a table to insert into it as revision 0001 left it, whatever the dialect."""
    return sa.table(table_name, *(sa.column(column, type_) for column, type_ in columns.items()))


def test_visits_are_counted_for_executions_from_before_0002(empty_database: str):
    assert alembic(empty_database, "upgrade", "0001").returncode == 0
    workflow_id, event_id, execution_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    when = {"created_at": now}
    engine = engine_for(empty_database)
    with engine.begin() as db:
        db.execute(
            sa.insert(
                _table(
                    "workflow",
                    id=sa.Uuid(),
                    name=sa.String(),
                    is_active=sa.Boolean(),
                    graph=sa.JSON(),
                    version=sa.Integer(),
                    created_at=sa.DateTime(True),
                    updated_at=sa.DateTime(True),
                )
            ),
            {
                "id": workflow_id,
                "name": "w",
                "is_active": True,
                "graph": {},
                "version": 1,
                "updated_at": now,
                **when,
            },
        )
        db.execute(
            sa.insert(
                _table(
                    "workflow_version",
                    workflow_id=sa.Uuid(),
                    version=sa.Integer(),
                    graph=sa.JSON(),
                    created_at=sa.DateTime(True),
                )
            ),
            {"workflow_id": workflow_id, "version": 1, "graph": {}, **when},
        )
        db.execute(
            sa.insert(
                _table(
                    "event",
                    id=sa.Uuid(),
                    received_at=sa.DateTime(True),
                    payload=sa.JSON(),
                    trigger_errors=sa.JSON(),
                )
            ),
            {"id": event_id, "received_at": now, "payload": {}, "trigger_errors": []},
        )
        db.execute(
            sa.insert(
                _table(
                    "execution",
                    id=sa.Uuid(),
                    workflow_id=sa.Uuid(),
                    workflow_version=sa.Integer(),
                    event_id=sa.Uuid(),
                    status=sa.String(),
                    started_at=sa.DateTime(True),
                    step_count=sa.Integer(),
                )
            ),
            {
                "id": execution_id,
                "workflow_id": workflow_id,
                "workflow_version": 1,
                "event_id": event_id,
                "status": "completed",
                "started_at": now,
                "step_count": 3,
            },
        )
        step = _table(
            "step",
            id=sa.Uuid(),
            execution_id=sa.Uuid(),
            seq=sa.Integer(),
            node_id=sa.String(),
            node_type=sa.String(),
            activation=sa.Integer(),
            attempt=sa.Integer(),
            status=sa.String(),
            created_at=sa.DateTime(True),
            run_after=sa.DateTime(True),
            lost_attempts=sa.Integer(),
        )
        for seq, (node_id, activation) in enumerate(
            [("start", 1), ("poll", 1), ("poll", 2)], start=1
        ):
            db.execute(
                sa.insert(step),
                {
                    "id": uuid.uuid4(),
                    "execution_id": execution_id,
                    "seq": seq,
                    "node_id": node_id,
                    "node_type": "t",
                    "activation": activation,
                    "attempt": 1,
                    "status": "completed",
                    "run_after": now,
                    "lost_attempts": 0,
                    **when,
                },
            )
    upgraded = alembic(empty_database, "upgrade", "head")
    assert upgraded.returncode == 0, upgraded.stderr
    with engine.connect() as db:
        visits = db.execute(
            sa.select(sa.column("visits", sa.JSON())).select_from(sa.table("execution"))
        ).scalar_one()
    engine.dispose()
    assert visits == {"start": 1, "poll": 2}
