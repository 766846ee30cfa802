"""Saving workflows: validation, versioning and the compiled trigger."""

import uuid
from typing import Any

from fastapi import HTTPException
from sqlmodel import Session

from app.api.errors import refuse_unstorable
from app.core.config import settings
from app.engine import rules
from app.engine.graph import Problem, validate_graph
from app.models import Workflow, WorkflowCreate, WorkflowVersion, utcnow


def check_workflow(data: WorkflowCreate) -> Any:
    """Validate a workflow as a whole; returns its compiled trigger.

    Raises a 422 whose `detail` lists every problem, each naming its node, edge or field.
    """
    refuse_unstorable(data.model_dump(mode="json"), "workflow")
    problems = validate_graph(
        data.graph, max_nodes=settings.MAX_GRAPH_NODES, max_edges=settings.MAX_GRAPH_EDGES
    )
    compiled = None
    if data.trigger is not None:
        try:
            compiled = rules.compile_rule(data.trigger)
        except rules.RuleError as error:
            problems.append(Problem(("trigger",), f"trigger: {error}", "invalid_rule"))
    if problems:
        raise HTTPException(status_code=422, detail=[problem.as_detail() for problem in problems])
    return compiled


def _stored_graph(data: WorkflowCreate) -> dict[str, Any]:
    graph = data.graph.model_dump(mode="json")
    if graph["viewport"] is None:
        del graph["viewport"]
    return graph


def _behaviour(graph: dict[str, Any]) -> dict[str, Any]:
    """The part of a graph that decides what runs: everything but the editor's viewport."""
    return {key: value for key, value in graph.items() if key != "viewport"}


def create_workflow(session: Session, data: WorkflowCreate) -> Workflow:
    compiled = check_workflow(data)
    now = utcnow()
    workflow = Workflow(
        name=data.name,
        description=data.description,
        is_active=data.is_active,
        trigger=data.trigger,
        graph=_stored_graph(data),
        version=1,
        created_at=now,
        updated_at=now,
    )
    session.add(workflow)
    session.add(_version_of(workflow, compiled))
    return workflow


def update_workflow(session: Session, workflow: Workflow, data: WorkflowCreate) -> Workflow:
    """Apply `data`. The version goes up by one when the graph's nodes or edges, or the trigger,
    change; name, description, activity and the viewport are not behaviour and keep it."""
    compiled = check_workflow(data)
    graph = _stored_graph(data)
    behaviour_changed = (
        _behaviour(graph) != _behaviour(workflow.graph) or data.trigger != workflow.trigger
    )
    workflow.name = data.name
    workflow.description = data.description
    workflow.is_active = data.is_active
    workflow.updated_at = utcnow()
    workflow.graph = graph
    if behaviour_changed:
        workflow.trigger = data.trigger
        workflow.version += 1
        session.add(_version_of(workflow, compiled))
    session.add(workflow)
    return workflow


def _version_of(workflow: Workflow, compiled_trigger: Any) -> WorkflowVersion:
    return WorkflowVersion(
        workflow_id=workflow.id,
        version=workflow.version,
        graph=workflow.graph,
        trigger=workflow.trigger,
        trigger_compiled=compiled_trigger,
        created_at=workflow.updated_at,
    )


def get_live_workflow(session: Session, workflow_id: uuid.UUID) -> Workflow:
    workflow = session.get(Workflow, workflow_id)
    if workflow is None or workflow.deleted_at is not None:
        raise HTTPException(status_code=404, detail=f"workflow {workflow_id} not found")
    return workflow
