from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import redis

from tests.support.stack import (
    POSTGRES_ADMIN_URL,
    REDIS_URL,
    Stack,
    create_postgres_database,
    drop_postgres_database,
)


@pytest.fixture(scope="session")
def services() -> None:
    """PostgreSQL and Redis must be up: these tests exist to run against the real thing."""
    try:
        psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3).close()
    except psycopg.Error as error:
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} ({error}); .ci/run starts it"
        )
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=3).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis is not reachable at {REDIS_URL} ({error}); .ci/run starts it")


@contextmanager
def postgres_database() -> Iterator[str]:
    url = create_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


@contextmanager
def running(stack: Stack, request: pytest.FixtureRequest) -> Iterator[Stack]:
    """Stop the stack afterwards, printing its logs if a test failed while it ran."""
    failures_before = request.session.testsfailed
    try:
        yield stack
    finally:
        if request.session.testsfailed > failures_before:
            print(stack.logs())
        stack.stop()


def distributed_stack(log_dir: Path, database_url: str, **settings: object) -> Stack:
    """`make api`, `make worker` and `make beat` on PostgreSQL and Redis."""
    stack = Stack(log_dir, database_url, REDIS_URL, **settings)
    stack.migrate()
    stack.start_api()
    stack.start_worker()
    stack.start_beat()
    return stack


def embedded_stack(log_dir: Path, **settings: object) -> Stack:
    """The server as `make run` starts it: SQLite under a data dir, no Redis, its own worker."""
    stack = Stack(log_dir, f"sqlite:///{log_dir}/data/switchyard.sqlite3", None, **settings)
    stack.migrate()
    stack.start_api()
    return stack


@pytest.fixture(scope="module", params=["embedded", "distributed"])
def stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """Each end-to-end test runs on both topologies. One stack per module and mode is shared
    by the module's tests; each test's workflows only match its own events."""
    log_dir = tmp_path_factory.mktemp(request.param)
    if request.param == "embedded":
        with running(embedded_stack(log_dir), request) as started:
            yield started
        return
    request.getfixturevalue("services")
    with postgres_database() as url, running(distributed_stack(log_dir, url), request) as started:
        yield started
