import uuid

from fastapi import APIRouter, HTTPException, Response
from sqlmodel import col, select

from app.api.deps import SessionDep
from app.api.paging import DEFAULT_LIMIT, CursorQuery, LimitQuery, page
from app.core.db import begin_write
from app.models import (
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


@router.post("", status_code=201, response_model=WorkflowPublic)
def create(session: SessionDep, data: WorkflowCreate) -> Workflow:
    begin_write(session)
    workflow = create_workflow(session, data)
    session.commit()
    return workflow


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
    return WorkflowsPublic(
        items=[WorkflowPublic.model_validate(row) for row in rows], next_cursor=next_cursor
    )


@router.get("/{workflow_id}", response_model=WorkflowPublic)
def read(session: SessionDep, workflow_id: uuid.UUID) -> Workflow:
    return get_live_workflow(session, workflow_id)


@router.get("/{workflow_id}/versions/{version}", response_model=WorkflowVersionPublic)
def read_version(session: SessionDep, workflow_id: uuid.UUID, version: int) -> WorkflowVersion:
    """A past (graph, trigger) of a workflow, as its executions ran it; readable after deletion."""
    stored = session.get(WorkflowVersion, (workflow_id, version))
    if stored is None:
        raise HTTPException(
            status_code=404, detail=f"workflow {workflow_id} has no version {version}"
        )
    return stored


@router.put("/{workflow_id}", response_model=WorkflowPublic)
def update(session: SessionDep, workflow_id: uuid.UUID, data: WorkflowCreate) -> Workflow:
    begin_write(session)
    workflow = get_live_workflow(session, workflow_id)
    update_workflow(session, workflow, data)
    session.commit()
    return workflow


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
