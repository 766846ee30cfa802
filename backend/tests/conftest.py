"""Test-wide setup. Settings are read when `app` is first imported, so the environment for the
in-process tests (embedded mode on a throwaway SQLite file) is set here, before any import."""

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

_TMP = tempfile.mkdtemp(prefix="switchyard-tests-")
os.environ.update(
    {
        "DATABASE_URL": f"sqlite:///{_TMP}/api.sqlite3",
        "REDIS_URL": "",
        "SWEEP_INTERVAL_S": "0.5",
        "LOG_LEVEL": "WARNING",
    }
)

from tests.support.http_server import RecordingServer  # noqa: E402


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_TMP, ignore_errors=True)


@pytest.fixture
def http_server() -> Iterator[RecordingServer]:
    server = RecordingServer().start()
    yield server
    server.stop()
