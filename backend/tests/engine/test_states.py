from dataclasses import dataclass

import pytest

from app.engine.states import (
    EXECUTION_ALLOWED,
    EXECUTION_TERMINAL,
    ExecutionStatus,
    IllegalTransition,
    StepStatus,
    transition_execution,
    transition_step,
)


@dataclass
class Thing:
    status: str


def test_allowed_moves_change_the_status():
    thing = Thing(ExecutionStatus.PENDING)
    assert transition_execution(thing, ExecutionStatus.RUNNING) is True
    assert thing.status == ExecutionStatus.RUNNING


def test_a_repeated_move_is_a_no_op():
    thing = Thing(StepStatus.COMPLETED)
    assert transition_step(thing, StepStatus.COMPLETED) is False
    assert thing.status == StepStatus.COMPLETED


def test_forbidden_moves_raise_and_change_nothing():
    thing = Thing(StepStatus.COMPLETED)
    with pytest.raises(IllegalTransition):
        transition_step(thing, StepStatus.RUNNING)
    assert thing.status == StepStatus.COMPLETED


def test_only_a_failed_execution_can_leave_a_terminal_state():
    for status in EXECUTION_TERMINAL - {ExecutionStatus.FAILED}:
        assert EXECUTION_ALLOWED[status] == frozenset()
    assert EXECUTION_ALLOWED[ExecutionStatus.FAILED] == {ExecutionStatus.RUNNING}
