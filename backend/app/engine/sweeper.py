"""The periodic safety net, run by Celery beat (or the embedded ticker).

It finds every step whose `recheck_at` has passed: a pending step whose message was lost, a
delay whose timer is due, a running step whose lease expired. It sends each a step message and
lets `runner.run_step` decide, under the execution lock, what (if anything) to do.
"""

from datetime import timedelta

from sqlmodel import col, select

from app.core.config import settings
from app.engine.dispatch import transaction
from app.models import Step, utcnow

SWEEP_BATCH = 500


def sweep() -> int:
    """Send a message for each overdue step; returns how many. Safe to run concurrently: on
    PostgreSQL rows another sweeper holds are skipped, and duplicate messages are no-ops."""
    with transaction() as (session, outbox):
        now = utcnow()
        statement = (
            select(Step)
            .where(col(Step.recheck_at).is_not(None))
            .where(col(Step.recheck_at) <= now)
            .order_by(col(Step.recheck_at))
            .limit(SWEEP_BATCH)
            .with_for_update(skip_locked=True)
        )
        due = session.exec(statement).all()
        for step in due:
            outbox.send_now(step, now)
            step.recheck_at = now + timedelta(seconds=settings.REDISPATCH_AFTER_S)
    return len(due)
