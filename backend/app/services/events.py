"""Event ingestion: store the event, match triggers, start executions, all in one transaction."""

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.core.config import settings
from app.core.db import get_engine
from app.engine import rules
from app.engine.context import build_context
from app.engine.dispatch import Outbox, transaction
from app.engine.executions import start_execution
from app.models import (
    Event,
    EventAccepted,
    Execution,
    ExecutionRef,
    Workflow,
    WorkflowVersion,
    utcnow,
)

log = logging.getLogger(__name__)


def ingest_event(
    payload: dict[str, Any], idempotency_key: str | None
) -> tuple[EventAccepted, bool]:
    """Store an event and start one execution per matching active workflow.

    Returns the answer and whether it replays an earlier post with the same idempotency key
    (within IDEMPOTENCY_TTL_S). Concurrent posts with one key are safe: the unique index lets one
    insert win, and the others answer with its result. Step messages are published only after
    the commit, so a worker never looks for rows that do not exist yet.
    """
    if idempotency_key is not None:
        replay = _replay(idempotency_key)
        if replay is not None:
            return replay, True
    try:
        with transaction() as (session, outbox):
            answer = _store_and_trigger(session, outbox, payload, idempotency_key)
    except IntegrityError:
        replay = _replay(idempotency_key) if idempotency_key is not None else None
        if replay is None:
            raise
        return replay, True
    return answer, False


def _store_and_trigger(
    session: Session, outbox: Outbox, payload: dict[str, Any], idempotency_key: str | None
) -> EventAccepted:
    now = utcnow()
    if idempotency_key is not None:
        _release_expired_key(session, idempotency_key, now)
    event = Event(payload=payload, received_at=now, idempotency_key=idempotency_key)
    session.add(event)
    session.flush()
    context = build_context(payload=payload)
    started: list[ExecutionRef] = []
    errors: list[dict[str, Any]] = []
    for workflow_id, version, compiled in _active_triggers(session):
        try:
            matched = rules.is_truthy(rules.evaluate(compiled, context))
        except rules.RuleError as error:
            errors.append({"workflow_id": str(workflow_id), "error": str(error)})
            continue
        if matched:
            execution = start_execution(
                session,
                outbox,
                workflow_id=workflow_id,
                version=version,
                event_id=event.id,
                now=now,
            )
            started.append(ExecutionRef(id=execution.id, workflow_id=workflow_id))
    event.trigger_errors = errors
    return EventAccepted(event_id=event.id, executions=started)


def _active_triggers(session: Session) -> list[tuple[uuid.UUID, int, Any]]:
    statement = (
        select(Workflow.id, Workflow.version, WorkflowVersion.trigger_compiled)
        .join(
            WorkflowVersion,
            (col(WorkflowVersion.workflow_id) == Workflow.id)
            & (col(WorkflowVersion.version) == Workflow.version),
        )
        .where(col(Workflow.is_active).is_(True))
        .where(col(Workflow.deleted_at).is_(None))
        .where(col(Workflow.trigger).is_not(None))
        .order_by(col(Workflow.created_at))
    )
    return [
        (workflow_id, version, compiled)
        for workflow_id, version, compiled in session.exec(statement)
    ]


def _release_expired_key(session: Session, key: str, now: datetime) -> None:
    """A key older than the TTL may be used again: the old event keeps its data, not its key."""
    expired = session.exec(
        select(Event)
        .where(Event.idempotency_key == key)
        .where(col(Event.received_at) < now - timedelta(seconds=settings.IDEMPOTENCY_TTL_S))
    ).first()
    if expired is not None:
        expired.idempotency_key = None
        session.flush()


def _replay(key: str) -> EventAccepted | None:
    with Session(get_engine()) as session:
        cutoff = utcnow() - timedelta(seconds=settings.IDEMPOTENCY_TTL_S)
        event = session.exec(
            select(Event)
            .where(Event.idempotency_key == key)
            .where(col(Event.received_at) >= cutoff)
        ).first()
        if event is None:
            return None
        executions = session.exec(
            select(Execution.id, Execution.workflow_id)
            .join(Workflow, col(Workflow.id) == Execution.workflow_id)
            .where(Execution.event_id == event.id)
            .order_by(col(Workflow.created_at))
        ).all()
        return EventAccepted(
            event_id=event.id,
            executions=[ExecutionRef(id=id_, workflow_id=wf) for id_, wf in executions],
        )
