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


@pytest.fixture(scope="module")
def distributed(
    services: None, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Stack]:
    """One distributed stack shared by a module's tests; each test's workflows only match its
    own events, so they do not see each other."""
    with postgres_database() as url:
        stack = distributed_stack(tmp_path_factory.mktemp("distributed"), url)
        with running(stack, request):
            yield stack


@pytest.fixture
def embedded(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Stack]:
    """The server as `make run` starts it: SQLite under a data dir, no Redis, its own worker."""
    stack = Stack(tmp_path, f"sqlite:///{tmp_path}/data/switchyard.sqlite3", None)
    stack.migrate()
    stack.start_api()
    with running(stack, request):
        yield stack
