"""Starting, cancelling and retrying executions: the engine's entry points for the API."""

import uuid
from datetime import datetime

from sqlmodel import Session

from app.engine.dispatch import Outbox, transaction
from app.engine.states import ExecutionStatus, StepStatus, transition_execution
from app.engine.walker import Walk, graph_for, lock_execution
from app.models import Execution, Step, utcnow


class ExecutionNotFound(LookupError):
    pass


class ExecutionStateError(Exception):
    """The execution is not in a state that allows the requested action (HTTP 409)."""


def start_execution(
    session: Session,
    outbox: Outbox,
    *,
    workflow_id: uuid.UUID,
    version: int,
    event_id: uuid.UUID,
    now: datetime,
) -> Execution:
    """Create an execution and its start step in the caller's transaction; its message goes out
    through `outbox` once that transaction commits."""
    execution = Execution(
        workflow_id=workflow_id, workflow_version=version, event_id=event_id, started_at=now
    )
    session.add(execution)
    Walk(session, execution, graph_for(session, workflow_id, version), outbox, now).start()
    return execution


_CANCELLABLE = {ExecutionStatus.PENDING, ExecutionStatus.RUNNING, ExecutionStatus.WAITING}


def cancel_execution(execution_id: uuid.UUID) -> Execution:
    """Stop an execution: its timers and queued steps are cancelled; a step already running
    finishes, but nothing follows it."""
    with transaction() as (session, outbox):
        execution, walk = _locked(session, outbox, execution_id)
        if execution.status not in _CANCELLABLE:
            raise ExecutionStateError(
                f"execution {execution_id} is {execution.status}; "
                "only pending, running or waiting executions can be cancelled"
            )
        transition_execution(execution, ExecutionStatus.CANCELLED)
        execution.finished_at = walk.now
        walk.cancel_open_steps()
    return execution


def retry_execution(execution_id: uuid.UUID) -> Execution:
    """Resume a failed execution from the step that failed, as a new attempt of that step, on
    the execution's own workflow version."""
    with transaction() as (session, outbox):
        execution, walk = _locked(session, outbox, execution_id)
        if execution.status != ExecutionStatus.FAILED:
            raise ExecutionStateError(
                f"execution {execution_id} is {execution.status}; "
                "only failed executions can be retried"
            )
        failed = session.get(Step, execution.failed_step_id) if execution.failed_step_id else None
        if failed is None or failed.status != StepStatus.FAILED:
            raise ExecutionStateError(
                f"execution {execution_id} failed outside any step ({execution.error}); "
                "there is no step to retry"
            )
        transition_execution(execution, ExecutionStatus.RUNNING)
        execution.error = None
        execution.finished_at = None
        execution.failed_step_id = None
        walk.guarded(walk.retry, failed)
    return execution


def _locked(session: Session, outbox: Outbox, execution_id: uuid.UUID) -> tuple[Execution, Walk]:
    execution = lock_execution(session, execution_id)
    if execution is None:
        raise ExecutionNotFound(f"execution {execution_id} not found")
    graph = graph_for(session, execution.workflow_id, execution.workflow_version)
    return execution, Walk(session, execution, graph, outbox, utcnow())
