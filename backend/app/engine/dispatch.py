"""Getting step messages to workers: after the commit that recorded them, and again if lost.

A pending step row is its own outbox entry. `Outbox` collects the messages a transaction owes and
publishes them once it has committed; if publishing fails (Redis down, process killed), the
step's `recheck_at` makes the sweeper send it again. Workers claim steps with a compare-and-set,
so a message delivered twice is harmless.
"""

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from app.core.config import settings
from app.core.db import write_session
from app.models import Step, utcnow

log = logging.getLogger(__name__)


class StepMessage(BaseModel):
    """The whole payload of a `switchyard.run_step` task."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    execution_id: uuid.UUID
    step_id: uuid.UUID
    node_id: str = Field(min_length=1)
    attempt: int = Field(ge=1)

    @classmethod
    def for_step(cls, step: Step) -> "StepMessage":
        return cls(
            execution_id=step.execution_id,
            step_id=step.id,
            node_id=step.node_id,
            attempt=step.attempt,
        )


@dataclass
class Outbox:
    messages: list[tuple[StepMessage, datetime]] = field(default_factory=list)

    def arm(self, step: Step, at: datetime, now: datetime) -> None:
        """Make sure `step` is looked at from `at` on (run it, fire its timer, or take it over).

        Soon enough, a message is published after commit with a countdown (the fast path). Later
        than that, nothing is held in a broker or a worker: the sweeper sends it when it is due.
        Either way `recheck_at` is the safety net if the message gets lost.
        """
        if at - now <= timedelta(seconds=settings.TIMER_FAST_PATH_MAX_S):
            self.messages.append((StepMessage.for_step(step), at))
            step.recheck_at = max(at, now) + timedelta(seconds=settings.REDISPATCH_AFTER_S)
        else:
            step.recheck_at = at

    def send_now(self, step: Step, now: datetime) -> None:
        self.messages.append((StepMessage.for_step(step), now))

    def publish(self) -> None:
        """Publish everything collected. Call only after the transaction committed.

        Stops at the first broker error: the rest would most likely fail the same way, and the
        sweeper re-sends all of them once the broker is back.
        """
        for message, at in self.messages:
            try:
                publish_step(message, at)
            except Exception:
                log.warning(
                    "could not publish %d step message(s); the sweeper will resend them",
                    len(self.messages),
                    exc_info=True,
                )
                return


def publish_step(message: StepMessage, at: datetime) -> None:
    from app.engine.tasks import run_step

    countdown = (at - utcnow()).total_seconds()
    options: dict[str, Any] = {"queue": settings.CELERY_QUEUE}
    if countdown > 0:
        options["countdown"] = countdown
    run_step.apply_async(args=[message.model_dump(mode="json")], **options)


@contextmanager
def transaction() -> Iterator[tuple[Session, Outbox]]:
    """A write transaction whose collected messages are published after it commits."""
    outbox = Outbox()
    with write_session() as session:
        yield session, outbox
    outbox.publish()
