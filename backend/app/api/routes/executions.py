import uuid
from collections.abc import Callable

from fastapi import APIRouter, HTTPException
from sqlalchemy import func
from sqlmodel import col, select

from app.api.deps import SessionDep
from app.api.paging import DEFAULT_LIMIT, CursorQuery, LimitQuery, page
from app.engine.executions import (
    ExecutionNotFound,
    ExecutionStateError,
    cancel_execution,
    retry_execution,
)
from app.engine.states import ExecutionStatus
from app.models import (
    Execution,
    ExecutionPublic,
    ExecutionsPublic,
    Step,
    StepPublic,
    StepsPublic,
)

router = APIRouter(prefix="/executions", tags=["executions"])


@router.get("", response_model=ExecutionsPublic)
def list_executions(
    session: SessionDep,
    workflow_id: uuid.UUID | None = None,
    status: ExecutionStatus | None = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> ExecutionsPublic:
    statement = select(Execution)
    if workflow_id is not None:
        statement = statement.where(Execution.workflow_id == workflow_id)
    if status is not None:
        statement = statement.where(Execution.status == status)
    rows, next_cursor = page(
        session,
        statement,
        time_column=col(Execution.started_at),
        id_column=col(Execution.id),
        limit=limit,
        cursor=cursor,
    )
    return ExecutionsPublic(
        items=[ExecutionPublic.model_validate(row) for row in rows], next_cursor=next_cursor
    )


@router.get("/{execution_id}", response_model=ExecutionPublic)
def read_execution(session: SessionDep, execution_id: uuid.UUID) -> Execution:
    execution = session.get(Execution, execution_id)
    if execution is None:
        raise HTTPException(status_code=404, detail=f"execution {execution_id} not found")
    return execution


@router.get("/{execution_id}/steps", response_model=StepsPublic)
def list_steps(session: SessionDep, execution_id: uuid.UUID) -> StepsPublic:
    """Every step of the execution in the order they started. A step that never started (skipped,
    cancelled, or still queued) is placed at the time it was decided on."""
    read_execution(session, execution_id)
    began = func.coalesce(col(Step.started_at), col(Step.finished_at), col(Step.created_at))
    steps = session.exec(
        select(Step).where(Step.execution_id == execution_id).order_by(began, col(Step.seq))
    ).all()
    return StepsPublic(items=[StepPublic.model_validate(step) for step in steps])


@router.post("/{execution_id}/cancel", response_model=ExecutionPublic)
def cancel(execution_id: uuid.UUID) -> Execution:
    return _control(cancel_execution, execution_id)


@router.post("/{execution_id}/retry", response_model=ExecutionPublic)
def retry(execution_id: uuid.UUID) -> Execution:
    return _control(retry_execution, execution_id)


def _control(action: Callable[[uuid.UUID], Execution], execution_id: uuid.UUID) -> Execution:
    try:
        return action(execution_id)
    except ExecutionNotFound as error:
        raise HTTPException(status_code=404, detail=str(error)) from error
    except ExecutionStateError as error:
        raise HTTPException(status_code=409, detail=str(error)) from error
