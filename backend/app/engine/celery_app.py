"""The Celery app shared by the API (which publishes), workers and beat.

With REDIS_URL set, Redis is the broker. Without it (embedded mode) the broker is kombu's
in-process `memory://` transport, consumed by a worker thread inside the API process.
"""

from celery import Celery

from app.core.config import settings

SWEEP_TASK = "switchyard.sweep"
RUN_STEP_TASK = "switchyard.run_step"


def create_celery_app() -> Celery:
    broker = settings.REDIS_URL or "memory://"
    app = Celery("switchyard", broker=broker, include=["app.engine.tasks"])
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        task_ignore_result=True,
        result_backend=None,
        task_default_queue=settings.CELERY_QUEUE,
        # A task is acknowledged only once it has run, and given back if its worker dies.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=3,
        # Publishing must not hang a request while Redis is away: the sweeper re-sends.
        task_publish_retry_policy={
            "max_retries": 2,
            "interval_start": 0,
            "interval_step": 0.2,
            "interval_max": 0.5,
        },
        broker_transport_options={
            # The memory transport polls; keep that latency out of every step.
            "polling_interval": 0.01 if settings.embedded else 1.0,
            # Longer than any countdown we publish (TIMER_FAST_PATH_MAX_S), so Redis never
            # redelivers a held countdown while its worker is alive.
            "visibility_timeout": 3600,
        },
        timezone="UTC",
        enable_utc=True,
        beat_schedule={
            "sweep": {
                "task": SWEEP_TASK,
                "schedule": settings.SWEEP_INTERVAL_S,
                # Sweeps queued while no worker was up are worthless once a newer one exists.
                "options": {"expires": settings.SWEEP_INTERVAL_S * 2},
            },
        },
    )
    return app


celery_app = create_celery_app()
