"""Real processes for end-to-end tests: the API server, Celery workers and beat, each started
the way the Makefile starts them, on a database of their own."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg

BACKEND_DIR = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def create_postgres_database() -> str:
    """A fresh, uniquely named database; returns its URL."""
    name = f"switchyard_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Process:
    def __init__(self, name: str, args: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self._log = self.log_path.open("ab")
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "app.cli", *args],
            cwd=BACKEND_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for_log(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log():
            if self.popen.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.popen.returncode}:\n{self.log()[-3000:]}"
                )
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{self.name} did not log {text!r} within {timeout} s:\n{self.log()[-3000:]}"
                )
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL the whole process group: no cleanup, no acks, like a crashed host."""
        self._signal(signal.SIGKILL)
        self.popen.wait(10)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()

    def _signal(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)


class Stack:
    """An API server plus any number of workers and a beat, sharing one database and queue.

    With `redis_url=None` the API runs in embedded mode with its own in-process worker."""

    def __init__(
        self, log_dir: Path, database_url: str, redis_url: str | None, **settings: Any
    ) -> None:
        self.log_dir = log_dir
        self.port = free_port()
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url or "",
            "CELERY_QUEUE": f"switchyard-test-{uuid.uuid4().hex[:8]}",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "SWEEP_INTERVAL_S": "1",
            "LOG_LEVEL": "INFO",
            **{key: str(value) for key, value in settings.items()},
        }
        self.processes: list[Process] = []
        self.api: Process | None = None
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=30)

    def run(self, name: str, *args: str) -> Process:
        process = Process(name, list(args), self.env, self.log_dir)
        self.processes.append(process)
        return process

    def migrate(self) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "app.cli", "migrate"],
            cwd=BACKEND_DIR,
            env=self.env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr

    def start_api(self) -> Process:
        self.api = self.run(f"api-{len(self.processes)}", "serve")
        deadline = time.monotonic() + 30
        while True:
            try:
                if self.client.get("/health").status_code == 200:
                    return self.api
            except httpx.TransportError:
                pass
            if self.api.popen.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"API did not become healthy:\n{self.api.log()[-3000:]}")
            time.sleep(0.1)

    def start_worker(self, name: str = "worker", concurrency: int = 2) -> Process:
        worker = self.run(
            name,
            "worker",
            "--concurrency",
            str(concurrency),
            "--hostname",
            f"{name}-{uuid.uuid4().hex[:6]}@%h",
        )
        worker.wait_for_log(" ready.")
        return worker

    def start_beat(self) -> Process:
        beat = self.run(
            "beat", "beat", "--schedule", str(self.log_dir / f"beat-{uuid.uuid4().hex[:6]}")
        )
        beat.wait_for_log("beat: Starting")
        return beat

    def stop(self) -> None:
        self.client.close()
        for process in reversed(self.processes):
            process.stop()

    def logs(self) -> str:
        return "\n".join(f"----- {p.name} -----\n{p.log()[-4000:]}" for p in self.processes)


class RedisServer:
    """A Redis of the test's own on a spare port, for tests that take Redis away; the shared
    one is never touched. Like production's, it keeps nothing on disk: a restart loses every
    queued message."""

    def __init__(self, log_dir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._log_dir = log_dir
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> "RedisServer":
        args = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
        args += ["--save", "", "--appendonly", "no", "--dir", str(self._log_dir)]
        self._process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(10)
            self._process = None
