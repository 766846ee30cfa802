"""Database tables and the API's public shapes (XBase / XCreate / XPublic, as the FastAPI
template does it). Times are stored and served in UTC."""

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator
from sqlmodel import Column, Field, SQLModel

from app.engine.graph import Graph
from app.engine.states import ExecutionStatus, StepStatus


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Always hands back aware UTC datetimes; SQLite would otherwise return naive ones."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONType = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


def _time(*, index: bool = False) -> Any:
    return Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=index)
    )


def _optional_time() -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


def _json(*, nullable: bool = True, default_factory: Any = None) -> Any:
    if default_factory is not None:
        return Field(default_factory=default_factory, sa_column=Column(JSONType, nullable=nullable))
    return Field(default=None, sa_column=Column(JSONType, nullable=nullable))


# ---------------------------------------------------------------------------------------------
# Tables


class Workflow(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200)
    description: str | None = Field(default=None, sa_type=sa.Text)
    is_active: bool = Field(default=True)
    trigger: Any = _json()
    graph: dict[str, Any] = _json(nullable=False)
    version: int = Field(default=1)
    created_at: datetime = _time(index=True)
    updated_at: datetime = _time()
    # Deleting keeps the row so that its executions and versions stay readable.
    deleted_at: datetime | None = _optional_time()


class WorkflowVersion(SQLModel, table=True):
    """Every (graph, trigger) a workflow has had; an execution runs the one it started with."""

    __tablename__ = "workflow_version"

    workflow_id: uuid.UUID = Field(foreign_key="workflow.id", primary_key=True)
    version: int = Field(primary_key=True)
    graph: dict[str, Any] = _json(nullable=False)
    trigger: Any = _json()
    # The trigger as `rules.compile_rule` stored it, evaluated as is for every event.
    trigger_compiled: Any = _json()
    created_at: datetime = _time()


class Event(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    received_at: datetime = _time(index=True)
    payload: dict[str, Any] = _json(nullable=False)
    idempotency_key: str | None = Field(default=None, max_length=255, unique=True)
    # Triggers that could not be evaluated: [{workflow_id, error}].
    trigger_errors: list[dict[str, Any]] = _json(nullable=False, default_factory=list)


class Execution(SQLModel, table=True):
    __table_args__ = (
        sa.ForeignKeyConstraint(
            ["workflow_id", "workflow_version"],
            ["workflow_version.workflow_id", "workflow_version.version"],
        ),
        sa.Index("ix_execution_workflow_started", "workflow_id", "started_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    workflow_id: uuid.UUID = Field(foreign_key="workflow.id")
    workflow_version: int
    event_id: uuid.UUID = Field(foreign_key="event.id", index=True)
    status: str = Field(default=ExecutionStatus.PENDING, max_length=16, index=True)
    started_at: datetime = _time(index=True)
    finished_at: datetime | None = _optional_time()
    error: str | None = Field(default=None, sa_type=sa.Text)
    # The step whose failure failed the execution: where POST /retry resumes.
    failed_step_id: uuid.UUID | None = Field(default=None)
    # Steps created so far: numbers them and enforces MAX_STEPS_PER_EXECUTION.
    step_count: int = Field(default=0)
    # How many times each node has been visited: {node_id: n}; loops make it more than one.
    visits: dict[str, int] = _json(nullable=False, default_factory=dict)


class Step(SQLModel, table=True):
    """One attempt of one visit of one node. A pending row doubles as the outbox entry for its
    Celery message, and a waiting delay's `wake_at` is its durable timer."""

    __table_args__ = (
        sa.UniqueConstraint("execution_id", "node_id", "activation", "attempt"),
        sa.Index("ix_step_execution_seq", "execution_id", "seq"),
        sa.Index(
            "ix_step_recheck",
            "recheck_at",
            postgresql_where=sa.text("recheck_at IS NOT NULL"),
            sqlite_where=sa.text("recheck_at IS NOT NULL"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    execution_id: uuid.UUID = Field(foreign_key="execution.id")
    seq: int
    node_id: str = Field(max_length=200)
    node_type: str = Field(max_length=100)
    # Which visit of this node (loops revisit nodes); attempts restart at 1 on each visit.
    activation: int = Field(default=1)
    attempt: int = Field(default=1)
    status: str = Field(default=StepStatus.PENDING, max_length=16)
    input: Any = _json()
    output: Any = _json()
    error: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = _time()
    started_at: datetime | None = _optional_time()
    finished_at: datetime | None = _optional_time()
    # Not before: a retry's backoff.
    run_after: datetime = _time()
    # When a waiting delay is due.
    wake_at: datetime | None = _optional_time()
    # When the sweeper should next look at this step if nothing else has moved it; NULL once
    # nothing can be lost (terminal steps, joins waiting for inputs).
    recheck_at: datetime | None = _optional_time()
    lease_expires_at: datetime | None = _optional_time()
    # Identifies the claim that owns a running step, so a worker that lost its lease cannot
    # record over the attempt that replaced it.
    lease_token: uuid.UUID | None = Field(default=None)
    # Attempts of this visit lost to dead workers; they do not use up the retry budget.
    lost_attempts: int = Field(default=0)


class Notification(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    execution_id: uuid.UUID = Field(foreign_key="execution.id", index=True)
    step_id: uuid.UUID = Field(foreign_key="step.id")
    node_id: str = Field(max_length=200)
    to_role: str = Field(max_length=200)
    message: str = Field(sa_type=sa.Text)
    created_at: datetime = _time(index=True)


# ---------------------------------------------------------------------------------------------
# API shapes


class WorkflowBase(SQLModel):
    name: str = Field(min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=10_000)
    is_active: bool = True
    trigger: Any = Field(
        default=None, description="JSONLogic rule; an event starts the workflow when it is truthy"
    )
    graph: Graph


class WorkflowCreate(WorkflowBase):
    pass


class ExecutionSummary(SQLModel):
    id: uuid.UUID
    status: ExecutionStatus
    started_at: datetime
    finished_at: datetime | None


class WorkflowPublic(WorkflowBase):
    id: uuid.UUID
    version: int
    created_at: datetime
    updated_at: datetime
    last_execution: ExecutionSummary | None = Field(
        default=None, description="The workflow's most recent execution, if any"
    )


class WorkflowVersionPublic(SQLModel):
    workflow_id: uuid.UUID
    version: int
    graph: dict[str, Any]
    trigger: Any
    created_at: datetime


class WorkflowsPublic(SQLModel):
    items: list[WorkflowPublic]
    next_cursor: str | None


class ExecutionRef(SQLModel):
    id: uuid.UUID
    workflow_id: uuid.UUID


class EventAccepted(SQLModel):
    event_id: uuid.UUID
    executions: list[ExecutionRef]


class TriggerError(SQLModel):
    workflow_id: uuid.UUID
    error: str


class EventPublic(SQLModel):
    id: uuid.UUID
    received_at: datetime
    payload: dict[str, Any]
    execution_ids: list[uuid.UUID]
    trigger_errors: list[TriggerError] = Field(
        default_factory=list, description="Triggers that failed to evaluate for this event"
    )


class EventsPublic(SQLModel):
    items: list[EventPublic]
    next_cursor: str | None


class ExecutionPublic(SQLModel):
    id: uuid.UUID
    workflow_id: uuid.UUID
    workflow_version: int
    event_id: uuid.UUID
    status: ExecutionStatus
    started_at: datetime
    finished_at: datetime | None
    error: str | None


class ExecutionsPublic(SQLModel):
    items: list[ExecutionPublic]
    next_cursor: str | None


class StepPublic(SQLModel):
    id: uuid.UUID
    node_id: str
    node_type: str
    status: StepStatus
    attempt: int
    input: Any
    output: Any
    error: str | None
    started_at: datetime | None
    finished_at: datetime | None


class StepsPublic(SQLModel):
    items: list[StepPublic]


class NotificationPublic(SQLModel):
    id: uuid.UUID
    execution_id: uuid.UUID
    node_id: str
    to_role: str
    message: str
    created_at: datetime


class NotificationsPublic(SQLModel):
    items: list[NotificationPublic]
    next_cursor: str | None


class NodeTypePublic(SQLModel):
    type: str
    title: str
    description: str
    config_schema: dict[str, Any]
    handles: list[str]
    dynamic_handles: str | None = Field(
        default=None, description="Handles that come from the node's config, e.g. branch cases"
    )


class NodeTypesPublic(SQLModel):
    items: list[NodeTypePublic]
    next_cursor: str | None = None


class OperatorPublic(SQLModel):
    name: str
    category: str
    description: str
    example: Any = Field(description="A rule using the operator")


class OperatorsPublic(SQLModel):
    items: list[OperatorPublic]
    next_cursor: str | None = None


class ProblemPublic(SQLModel):
    """One reason a save was refused; `node_id` or `edge_id` says where in the graph."""

    loc: list[str | int]
    msg: str
    type: str
    node_id: str | None = None
    edge_id: str | None = None


class ProblemsPublic(SQLModel):
    detail: list[ProblemPublic]


class RuleEvaluation(SQLModel):
    rule: Any
    payload: dict[str, Any] = Field(default_factory=dict)


class RuleResult(SQLModel):
    result: Any
    matched: bool
