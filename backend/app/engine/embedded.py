"""Embedded mode: a real Celery worker and the sweeper's schedule, inside the API process.

The worker consumes kombu's in-memory broker on threads, so countdowns, acks and retries behave
as they do on Redis. In-memory messages die with the process, which is fine: every piece of
state that must survive a restart is in the database, and the first sweep after a restart
re-sends whatever was pending, due or running.
"""

import logging
import threading
from typing import Any

from celery.worker import WorkController

from app.core.config import settings
from app.engine.celery_app import SWEEP_TASK, celery_app

log = logging.getLogger(__name__)


class _WorkController(WorkController):
    def __init__(self, ready: threading.Event, **kwargs: Any) -> None:
        self._ready = ready
        super().__init__(**kwargs)

    def on_consumer_ready(self, consumer: Any) -> None:
        self._ready.set()


class EmbeddedWorker:
    def __init__(self) -> None:
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._controller: _WorkController | None = None
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        self._controller = _WorkController(
            self._ready,
            app=celery_app,
            pool="threads",
            concurrency=settings.EMBEDDED_WORKER_CONCURRENCY,
            queues=[settings.CELERY_QUEUE],
            without_heartbeat=True,
            without_mingle=True,
            without_gossip=True,
            loglevel=settings.LOG_LEVEL,
        )
        self._spawn("embedded-worker", self._controller.start)
        if not self._ready.wait(30):
            raise RuntimeError("the embedded Celery worker did not start within 30 s")
        self._spawn("embedded-beat", self._tick)
        log.info("embedded worker started (%d threads)", settings.EMBEDDED_WORKER_CONCURRENCY)

    def _spawn(self, name: str, target: Any) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _tick(self) -> None:
        """Celery beat's job in embedded mode: publish the sweep on its schedule. The first sweep
        runs at once, which is what resumes waiting executions after a restart."""
        while not self._stop.is_set():
            try:
                celery_app.send_task(SWEEP_TASK, queue=settings.CELERY_QUEUE)
            except Exception:
                log.warning("could not schedule a sweep", exc_info=True)
            self._stop.wait(settings.SWEEP_INTERVAL_S)

    def stop(self) -> None:
        self._stop.set()
        if self._controller is not None:
            self._controller.stop(in_sighandler=False)
        for thread in self._threads:
            thread.join(timeout=15)
