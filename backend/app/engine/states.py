"""Every status an execution or a step can have, and the only function allowed to change one.

Keeping the moves in one table makes the lifecycle reviewable at a glance, and treating a repeated
move as a no-op is what makes redelivered Celery tasks harmless.
"""

from enum import StrEnum
from typing import Protocol, TypeVar


class ExecutionStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    WAITING = "waiting"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class StepStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    WAITING = "waiting"
    COMPLETED = "completed"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


EXECUTION_TERMINAL = frozenset(
    {ExecutionStatus.COMPLETED, ExecutionStatus.FAILED, ExecutionStatus.CANCELLED}
)
STEP_ACTIVE = frozenset({StepStatus.PENDING, StepStatus.RUNNING, StepStatus.WAITING})

_E = ExecutionStatus
EXECUTION_ALLOWED: dict[ExecutionStatus, frozenset[ExecutionStatus]] = {
    _E.PENDING: frozenset({_E.RUNNING, _E.WAITING, _E.COMPLETED, _E.FAILED, _E.CANCELLED}),
    _E.RUNNING: frozenset({_E.WAITING, _E.COMPLETED, _E.FAILED, _E.CANCELLED}),
    _E.WAITING: frozenset({_E.RUNNING, _E.COMPLETED, _E.FAILED, _E.CANCELLED}),
    # A failed execution may be retried from its failed step; nothing leaves the other two.
    _E.FAILED: frozenset({_E.RUNNING}),
    _E.COMPLETED: frozenset(),
    _E.CANCELLED: frozenset(),
}

_S = StepStatus
STEP_ALLOWED: dict[StepStatus, frozenset[StepStatus]] = {
    _S.PENDING: frozenset({_S.RUNNING, _S.CANCELLED, _S.SKIPPED}),
    _S.RUNNING: frozenset({_S.COMPLETED, _S.FAILED, _S.WAITING, _S.CANCELLED}),
    # A waiting delay completes when its timer fires; a waiting join becomes pending once every
    # input has arrived, or skipped when every input was skipped.
    _S.WAITING: frozenset({_S.COMPLETED, _S.PENDING, _S.SKIPPED, _S.CANCELLED}),
    _S.COMPLETED: frozenset(),
    _S.FAILED: frozenset(),
    _S.SKIPPED: frozenset(),
    _S.CANCELLED: frozenset(),
}


_Status = TypeVar("_Status", ExecutionStatus, StepStatus)


class IllegalTransition(RuntimeError):
    """A move the lifecycle forbids: a bug in the engine, never a user error."""


class _HasStatus(Protocol):
    status: str


def transition_execution(execution: _HasStatus, to: ExecutionStatus) -> bool:
    """Move `execution` to `to`. Returns False, changing nothing, when it is already there."""
    return _transition(execution, ExecutionStatus(execution.status), to, EXECUTION_ALLOWED)


def transition_step(step: _HasStatus, to: StepStatus) -> bool:
    """Move `step` to `to`. Returns False, changing nothing, when it is already there."""
    return _transition(step, StepStatus(step.status), to, STEP_ALLOWED)


def _transition(
    obj: _HasStatus, current: _Status, to: _Status, allowed: dict[_Status, frozenset[_Status]]
) -> bool:
    if current == to:
        return False
    if to not in allowed[current]:
        raise IllegalTransition(f"{type(obj).__name__} cannot move from {current} to {to}")
    obj.status = to
    return True
