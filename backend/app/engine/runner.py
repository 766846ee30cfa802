"""Running one step: claim it, run its handler, record what happened.

The handler runs between two short transactions, never inside one, so a slow HTTP call holds
no database lock. Each transaction locks the execution first; the claim is a compare-and-set on
the step's status, which is what makes a redelivered message a no-op.
"""

import logging
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlmodel import col, update

from app.core.config import settings
from app.core.db import write_session
from app.core.storable import make_storable
from app.engine.dispatch import StepMessage, transaction
from app.engine.nodes import REGISTRY
from app.engine.nodes.base import (
    NodeConfig,
    NodeContext,
    NodeError,
    PendingNotification,
    StepResult,
)
from app.engine.rules import RuleError
from app.engine.states import (
    EXECUTION_TERMINAL,
    ExecutionStatus,
    StepStatus,
    transition_execution,
    transition_step,
)
from app.engine.templating import TemplateRenderError
from app.engine.walker import Walk, execution_context, graph_for, lock_execution
from app.models import Notification, Step, utcnow

log = logging.getLogger(__name__)

# A message may arrive a little before its countdown is due (clocks differ between hosts).
_EARLY_TOLERANCE = timedelta(seconds=1)


@dataclass(frozen=True)
class Claim:
    step_id: uuid.UUID
    lease_token: uuid.UUID
    execution_id: uuid.UUID
    node_id: str
    node_type: str
    activation: int
    config: NodeConfig
    input: Any
    context: dict[str, Any]
    handle_targets: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Outcome:
    result: StepResult | None = None
    error: str | None = None
    error_output: Any = None
    notifications: tuple[PendingNotification, ...] = ()
    resolved_input: Any = None


def run_step(message: StepMessage) -> None:
    """Handle one delivery of a step message. Idempotent: any number of deliveries of the same
    message complete the step at most once."""
    claim = _claim(message)
    if claim is None:
        return
    outcome = _execute(claim)
    _record(claim, outcome)


def _claim(message: StepMessage) -> Claim | None:
    with transaction() as (session, outbox):
        execution = lock_execution(session, message.execution_id)
        step = session.get(Step, message.step_id)
        if execution is None or step is None or not _matches(step, message):
            log.warning("dropping a message for an unknown step: %s", message)
            return None
        now = utcnow()
        graph = graph_for(session, execution.workflow_id, execution.workflow_version)
        walk = Walk(session, execution, graph, outbox, now)
        if execution.status in EXECUTION_TERMINAL:
            walk.retire(step)
            return None
        if step.status == StepStatus.PENDING and step.run_after <= now + _EARLY_TOLERANCE:
            token = uuid.uuid4()
            transition_step(step, StepStatus.RUNNING)
            step.lease_token = token
            step.started_at = now
            step.lease_expires_at = step.recheck_at = now + timedelta(seconds=settings.STEP_LEASE_S)
            if step.input is None:
                step.input = graph.nodes[step.node_id].data
            transition_execution(execution, ExecutionStatus.RUNNING)
            return Claim(
                step_id=step.id,
                lease_token=token,
                execution_id=execution.id,
                node_id=step.node_id,
                node_type=step.node_type,
                activation=step.activation,
                config=graph.configs[step.node_id],
                input=step.input,
                context=execution_context(session, execution),
                handle_targets=graph.handle_targets(step.node_id),
            )
        if (
            step.status == StepStatus.WAITING
            and step.wake_at
            and step.wake_at <= now + _EARLY_TOLERANCE
        ):
            transition_step(step, StepStatus.COMPLETED)
            step.finished_at = now
            step.recheck_at = None
            walk.guarded(walk.follow, step, StepResult(output=step.output))
            walk.settle()
        elif (
            step.status == StepStatus.RUNNING
            and step.lease_expires_at
            and step.lease_expires_at < now
        ):
            walk.guarded(walk.take_over, step)
            walk.settle()
        return None


def _matches(step: Step, message: StepMessage) -> bool:
    return (
        step.execution_id == message.execution_id
        and step.node_id == message.node_id
        and step.attempt == message.attempt
    )


def _execute(claim: Claim) -> Outcome:
    node_type = REGISTRY[claim.node_type]
    ctx = NodeContext(
        execution_id=claim.execution_id,
        node_id=claim.node_id,
        activation=claim.activation,
        data=claim.context,
        input=claim.input,
        handle_targets=claim.handle_targets,
        http=_http_client(),
        http_default_timeout_s=settings.HTTP_CALL_DEFAULT_TIMEOUT_S,
        http_max_response_bytes=settings.HTTP_CALL_MAX_RESPONSE_BYTES,
    )
    with leases.held(claim.step_id, claim.lease_token):
        outcome = _run_handler(node_type.run, ctx, claim)
    return replace(outcome, resolved_input=ctx.resolved_input)


def _run_handler(run: Any, ctx: NodeContext, claim: Claim) -> Outcome:
    try:
        result = run(ctx, claim.config)
    except NodeError as error:
        return Outcome(error=str(error), error_output=error.output)
    except (TemplateRenderError, RuleError) as error:
        return Outcome(error=str(error))
    except Exception as error:
        log.exception("node %r of execution %s crashed", claim.node_id, claim.execution_id)
        return Outcome(error=f"{type(error).__name__}: {error}")
    return Outcome(result=result, notifications=tuple(ctx.notifications))


def _record(claim: Claim, outcome: Outcome) -> None:
    with transaction() as (session, outbox):
        execution = lock_execution(session, claim.execution_id)
        step = session.get(Step, claim.step_id)
        if execution is None or step is None:
            return
        if step.status != StepStatus.RUNNING or step.lease_token != claim.lease_token:
            log.info("step %s was taken over while it ran; dropping its result", step.id)
            return
        now = utcnow()
        walk = Walk(
            session,
            execution,
            graph_for(session, execution.workflow_id, execution.workflow_version),
            outbox,
            now,
        )
        step.lease_token = None
        step.lease_expires_at = None
        step.recheck_at = None
        if outcome.resolved_input is not None:
            step.input = make_storable(outcome.resolved_input)
        live = execution.status not in EXECUTION_TERMINAL
        result = outcome.result
        if result is None:
            transition_step(step, StepStatus.FAILED)
            step.error = make_storable(outcome.error)
            step.output = make_storable(outcome.error_output)
            step.finished_at = now
            if live:
                walk.guarded(walk.handle_failure, step, claim.config.retry, outcome.error)
        elif result.wait_until is not None and result.wait_until > now and live:
            transition_step(step, StepStatus.WAITING)
            step.output = make_storable(result.output)
            step.wake_at = result.wait_until
            outbox.arm(step, result.wait_until, now)
        else:
            transition_step(step, StepStatus.COMPLETED)
            step.output = make_storable(result.output)
            step.finished_at = now
            session.add_all(_notification_rows(step, outcome.notifications, now))
            if live:
                walk.guarded(walk.follow, step, result)
        walk.settle()


def _notification_rows(
    step: Step, notifications: tuple[PendingNotification, ...], now: datetime
) -> list[Notification]:
    return [
        Notification(
            id=notification.id,
            execution_id=step.execution_id,
            step_id=step.id,
            node_id=step.node_id,
            to_role=notification.to_role,
            message=make_storable(notification.message),
            created_at=now,
        )
        for notification in notifications
    ]


_http: httpx.Client | None = None
_http_lock = threading.Lock()


def _http_client() -> httpx.Client:
    """One pooled client per process, made lazily so that forked pool workers get their own."""
    global _http
    with _http_lock:
        if _http is None:
            _http = httpx.Client(follow_redirects=False, limits=httpx.Limits(max_connections=100))
        return _http


class LeaseKeeper:
    """Renews the leases of the steps this process is running, from one background thread.

    A worker that dies stops renewing; once the lease has expired the sweeper's message makes
    another worker take the step over as a new attempt.
    """

    def __init__(self) -> None:
        self._held: dict[uuid.UUID, uuid.UUID] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @contextmanager
    def held(self, step_id: uuid.UUID, token: uuid.UUID) -> Iterator[None]:
        with self._lock:
            self._held[step_id] = token
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._renew_forever, name="lease-keeper", daemon=True
                )
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._held.pop(step_id, None)

    def _renew_forever(self) -> None:
        interval = settings.STEP_LEASE_S / 3
        while True:
            time.sleep(interval)
            with self._lock:
                held = dict(self._held)
            if held:
                try:
                    self._renew(held)
                except Exception:
                    log.warning("could not renew step leases", exc_info=True)

    def _renew(self, held: dict[uuid.UUID, uuid.UUID]) -> None:
        expires = utcnow() + timedelta(seconds=settings.STEP_LEASE_S)
        with write_session() as session:
            for step_id, token in held.items():
                session.execute(
                    update(Step)
                    .where(
                        col(Step.id) == step_id,
                        col(Step.lease_token) == token,
                        col(Step.status) == StepStatus.RUNNING,
                    )
                    .values(lease_expires_at=expires, recheck_at=expires)
                )


leases = LeaseKeeper()
