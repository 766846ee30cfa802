import uuid
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Response
from sqlalchemy import and_, func
from sqlmodel import Session, col, select

from app.api.deps import SessionDep
from app.api.paging import DEFAULT_LIMIT, CursorQuery, LimitQuery, page
from app.core.db import begin_write
from app.models import (
    Execution,
    ExecutionSummary,
    ProblemsPublic,
    Workflow,
    WorkflowCreate,
    WorkflowPublic,
    WorkflowsPublic,
    WorkflowVersion,
    WorkflowVersionPublic,
    utcnow,
)
from app.services.workflows import create_workflow, get_live_workflow, update_workflow

router = APIRouter(prefix="/workflows", tags=["workflows"])

REFUSED: dict[int | str, dict[str, Any]] = {
    422: {
        "model": ProblemsPublic,
        "description": "The workflow was refused; every problem is listed",
    }
}


@router.post("", status_code=201, response_model=WorkflowPublic, responses=REFUSED)
def create(session: SessionDep, data: WorkflowCreate) -> WorkflowPublic:
    begin_write(session)
    workflow = create_workflow(session, data)
    session.commit()
    return WorkflowPublic.model_validate(workflow)


@router.get("", response_model=WorkflowsPublic)
def list_workflows(
    session: SessionDep,
    is_active: bool | None = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> WorkflowsPublic:
    statement = select(Workflow).where(col(Workflow.deleted_at).is_(None))
    if is_active is not None:
        statement = statement.where(Workflow.is_active == is_active)
    rows, next_cursor = page(
        session,
        statement,
        time_column=col(Workflow.created_at),
        id_column=col(Workflow.id),
        limit=limit,
        cursor=cursor,
    )
    return WorkflowsPublic(items=_public(session, rows), next_cursor=next_cursor)


@router.get("/{workflow_id}", response_model=WorkflowPublic)
def read(session: SessionDep, workflow_id: uuid.UUID) -> WorkflowPublic:
    return _public(session, [get_live_workflow(session, workflow_id)])[0]


@router.get("/{workflow_id}/versions/{version}", response_model=WorkflowVersionPublic)
def read_version(
    session: SessionDep, workflow_id: uuid.UUID, version: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> WorkflowVersion:
    """A past (graph, trigger) of a workflow, as its executions ran it; readable after deletion."""
    stored = session.get(WorkflowVersion, (workflow_id, version))
    if stored is None:
        raise HTTPException(
            status_code=404, detail=f"workflow {workflow_id} has no version {version}"
        )
    return stored


@router.put("/{workflow_id}", response_model=WorkflowPublic, responses=REFUSED)
def update(session: SessionDep, workflow_id: uuid.UUID, data: WorkflowCreate) -> WorkflowPublic:
    begin_write(session)
    workflow = get_live_workflow(session, workflow_id)
    update_workflow(session, workflow, data)
    session.commit()
    return _public(session, [workflow])[0]


@router.delete("/{workflow_id}", status_code=204)
def delete(session: SessionDep, workflow_id: uuid.UUID) -> Response:
    """Deletes the workflow; its versions and executions stay readable."""
    begin_write(session)
    workflow = get_live_workflow(session, workflow_id)
    workflow.deleted_at = utcnow()
    workflow.is_active = False
    session.add(workflow)
    session.commit()
    return Response(status_code=204)


def _public(session: Session, workflows: list[Workflow]) -> list[WorkflowPublic]:
    """Workflows as served, each with its latest execution (one query for the whole page)."""
    latest = _latest_executions(session, [workflow.id for workflow in workflows])
    return [
        WorkflowPublic.model_validate(workflow, update={"last_execution": latest.get(workflow.id)})
        for workflow in workflows
    ]


def _latest_executions(
    session: Session, workflow_ids: list[uuid.UUID]
) -> dict[uuid.UUID, ExecutionSummary]:
    if not workflow_ids:
        return {}
    newest = (
        select(Execution.workflow_id, func.max(Execution.started_at).label("started_at"))
        .where(col(Execution.workflow_id).in_(workflow_ids))
        .group_by(col(Execution.workflow_id))
        .subquery()
    )
    rows = session.exec(
        select(Execution).join(
            newest,
            and_(
                col(Execution.workflow_id) == newest.c.workflow_id,
                col(Execution.started_at) == newest.c.started_at,
            ),
        )
    ).all()
    return {row.workflow_id: ExecutionSummary.model_validate(row) for row in rows}
