from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    """The app in embedded mode on SQLite, with its in-process Celery worker running."""
    from app.cli import migrate
    from app.main import app

    migrate()
    with TestClient(app) as test_client:
        yield test_client
