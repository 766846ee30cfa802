"""The Celery tasks: thin wrappers whose arguments are ids and whose body is one engine call."""

import logging
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError, OperationalError

from app.engine import runner, sweeper
from app.engine.celery_app import RUN_STEP_TASK, SWEEP_TASK, celery_app
from app.engine.dispatch import StepMessage

log = logging.getLogger(__name__)

# Connection losses, lock timeouts, serialization failures: worth another go. Anything else is
# a bug that retrying would only repeat; the step's lease and the sweeper recover the work.
TRANSIENT_ERRORS = (OperationalError, DBAPIError)


@celery_app.task(
    name=RUN_STEP_TASK,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=0.5,
    retry_backoff_max=10,
    retry_jitter=True,
    max_retries=8,
)
def run_step(payload: dict[str, Any]) -> None:
    """Run one node of one execution. Safe to deliver any number of times."""
    try:
        message = StepMessage.model_validate(payload)
    except ValidationError:
        log.error("dropping malformed step message %r", payload)
        return
    runner.run_step(message)


@celery_app.task(name=SWEEP_TASK, autoretry_for=TRANSIENT_ERRORS, max_retries=2)
def sweep() -> int:
    """Re-send what is due or was lost: pending steps, due timers, expired leases."""
    return sweeper.sweep()
