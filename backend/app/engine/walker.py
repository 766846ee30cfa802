"""The graph walker: decides what runs next from stored facts alone.

Every function here runs inside one write transaction that holds the execution's row lock (or,
on SQLite, the database write lock), so two steps of one execution finishing together are
serialised and a join fires once. Messages for new work go to the transaction's `Outbox`.
"""

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.core.config import settings
from app.engine.context import build_context
from app.engine.dispatch import Outbox
from app.engine.graph import JOIN, Link, WorkflowGraph, build_workflow_graph
from app.engine.nodes.base import ERROR_HANDLE, RetryPolicy, StepResult
from app.engine.states import (
    EXECUTION_TERMINAL,
    STEP_ACTIVE,
    ExecutionStatus,
    StepStatus,
    transition_execution,
    transition_step,
)
from app.models import Event, Execution, Step, WorkflowVersion

_graphs: OrderedDict[tuple[uuid.UUID, int], WorkflowGraph] = OrderedDict()
_graphs_lock = threading.Lock()
_GRAPH_CACHE_SIZE = 256


def lock_execution(session: Session, execution_id: uuid.UUID) -> Execution | None:
    """Load an execution and hold its row lock until the transaction ends."""
    statement = select(Execution).where(Execution.id == execution_id).with_for_update()
    return session.exec(statement).first()


def graph_for(session: Session, workflow_id: uuid.UUID, version: int) -> WorkflowGraph:
    """The parsed graph of one workflow version. Versions never change, so it is cached."""
    key = (workflow_id, version)
    with _graphs_lock:
        if key in _graphs:
            _graphs.move_to_end(key)
            return _graphs[key]
    stored = session.get(WorkflowVersion, key)
    if stored is None:
        raise LookupError(f"workflow {workflow_id} has no version {version}")
    graph = build_workflow_graph(stored.graph)
    with _graphs_lock:
        _graphs[key] = graph
        while len(_graphs) > _GRAPH_CACHE_SIZE:
            _graphs.popitem(last=False)
    return graph


def execution_context(session: Session, execution: Execution) -> dict[str, Any]:
    """The context a step's templates and conditions see (see `build_context`)."""
    event = session.get(Event, execution.event_id)
    return build_context(
        payload=event.payload if event else {},
        nodes=_node_results(session, execution.id),
        execution={
            "id": str(execution.id),
            "workflow_id": str(execution.workflow_id),
            "workflow_version": execution.workflow_version,
            "event_id": str(execution.event_id),
            "started_at": execution.started_at.isoformat(),
        },
    )


_RESULT_COLUMNS: tuple[Any, ...] = (
    Step.node_id,
    Step.status,
    Step.output,
    Step.error,
    Step.attempt,
)


def _node_results(session: Session, execution_id: uuid.UUID) -> dict[str, dict[str, Any]]:
    """`{node_id: {"output": ...}}` per finished node, its latest visit winning; a node whose
    last attempt failed also has `error: {node, error, attempt}`."""
    rows = session.execute(
        sa.select(*_RESULT_COLUMNS)
        .where(col(Step.execution_id) == execution_id)
        .where(col(Step.status).in_([StepStatus.COMPLETED, StepStatus.FAILED]))
        .order_by(col(Step.seq))
    ).all()
    results: dict[str, dict[str, Any]] = {}
    for node_id, status, output, error, attempt in rows:
        result: dict[str, Any] = {"output": output}
        if status == StepStatus.FAILED:
            result["error"] = {"node": node_id, "error": error, "attempt": attempt}
        results[node_id] = result
    return results


class StepLimitExceeded(Exception):
    pass


@dataclass
class Walk:
    session: Session
    execution: Execution
    graph: WorkflowGraph
    outbox: Outbox
    now: datetime

    # -- creating work ------------------------------------------------------------------------

    def new_step(
        self,
        node_id: str,
        *,
        status: StepStatus = StepStatus.PENDING,
        activation: int | None = None,
        attempt: int = 1,
        lost_attempts: int = 0,
        input: Any = None,
    ) -> Step:
        if self.execution.step_count >= settings.MAX_STEPS_PER_EXECUTION:
            raise StepLimitExceeded
        self.execution.step_count += 1
        step = Step(
            execution_id=self.execution.id,
            seq=self.execution.step_count,
            node_id=node_id,
            node_type=self.graph.nodes[node_id].type,
            activation=activation or self._next_activation(node_id),
            attempt=attempt,
            lost_attempts=lost_attempts,
            status=status,
            input=input,
            created_at=self.now,
            run_after=self.now,
        )
        if status in (StepStatus.SKIPPED, StepStatus.CANCELLED):
            step.finished_at = self.now
        self.session.add(step)
        return step

    def _next_activation(self, node_id: str) -> int:
        """Visits are counted on the execution row, which this transaction holds locked."""
        visits = dict(self.execution.visits or {})
        visits[node_id] = visits.get(node_id, 0) + 1
        self.execution.visits = visits
        return visits[node_id]

    def start(self) -> Step:
        step = self.new_step(self.graph.start)
        self.outbox.arm(step, self.now, self.now)
        return step

    # -- after a step finished ----------------------------------------------------------------

    def follow(self, step: Step, result: StepResult) -> None:
        """Send the walk down the links `result` chose, and mark the others' paths skipped."""
        links = self.graph.outgoing(step.node_id)
        if result.next_node is not None:
            taken = [
                link
                for link in links
                if link.edge_id is None
                and link.handle == result.handle
                and link.target == result.next_node
            ]
        else:
            taken = [
                link for link in links if link.edge_id is not None and link.handle == result.handle
            ]
        # Two edges from one handle to one node still start that node once.
        first_link_to = {link.target: link for link in reversed(taken)}
        for link in first_link_to.values():
            self._activate(link)
        taken_targets = set(first_link_to)
        visited = set(taken_targets)
        for link in links:
            if link not in taken and link.target not in taken_targets:
                self._skip(link, visited)

    def _activate(self, link: Link) -> None:
        if self.graph.nodes[link.target].type == JOIN:
            self._arrive_at_join(link, skipped=False, visited=set())
            return
        step = self.new_step(link.target)
        self.outbox.arm(step, self.now, self.now)

    def _skip(self, link: Link, visited: set[str]) -> None:
        """Dead-path elimination: a node that no live path can reach any more is `skipped`, and so
        are the nodes after it, down to a join (which counts the skip as an arrival) or to a node
        that another path may still reach."""
        target = link.target
        if self.graph.nodes[target].type == JOIN:
            self._arrive_at_join(link, skipped=True, visited=visited)
            return
        if target in visited or len(self.graph.incoming(target)) > 1:
            return
        visited.add(target)
        self.new_step(target, status=StepStatus.SKIPPED)
        for onward in self.graph.outgoing(target):
            self._skip(onward, visited)

    def _arrive_at_join(self, link: Link, *, skipped: bool, visited: set[str]) -> None:
        join = self._open_join(link.target)
        arrivals = {"arrived": list(join.input["arrived"]), "skipped": list(join.input["skipped"])}
        bucket = arrivals["skipped" if skipped else "arrived"]
        if link.source not in bucket:
            bucket.append(link.source)
        join.input = arrivals
        required = {incoming.source for incoming in self.graph.incoming(link.target)}
        if not required <= {*arrivals["arrived"], *arrivals["skipped"]}:
            return
        if arrivals["arrived"]:
            transition_step(join, StepStatus.PENDING)
            self.outbox.arm(join, self.now, self.now)
            return
        transition_step(join, StepStatus.SKIPPED)
        join.finished_at = self.now
        if link.target not in visited:
            visited.add(link.target)
            for onward in self.graph.outgoing(link.target):
                self._skip(onward, visited)

    def _open_join(self, node_id: str) -> Step:
        """The visit of a join still collecting inputs, or a new one."""
        waiting = self.session.exec(
            select(Step)
            .where(Step.execution_id == self.execution.id)
            .where(Step.node_id == node_id)
            .where(Step.status == StepStatus.WAITING)
        ).first()
        if waiting is not None:
            return waiting
        return self.new_step(
            node_id, status=StepStatus.WAITING, input={"arrived": [], "skipped": []}
        )

    def handle_failure(self, step: Step, retry: RetryPolicy | None, error: str) -> None:
        """After an attempt failed: retry with backoff, else the error edge, else fail the run."""
        policy = retry or RetryPolicy()
        failures = step.attempt - step.lost_attempts
        if failures < policy.max_attempts:
            self.retry(step, after=timedelta(seconds=policy.delay_after(failures)))
        elif any(link.handle == ERROR_HANDLE for link in self.graph.outgoing(step.node_id)):
            self.follow(step, StepResult(handle=ERROR_HANDLE))
        else:
            node_type = self.graph.nodes[step.node_id].type
            self.fail(
                f"node {step.node_id!r} ({node_type}) failed on attempt {step.attempt}: {error}",
                failed_step=step,
            )

    def retry(self, step: Step, *, after: timedelta = timedelta(0), lost: bool = False) -> Step:
        """A new attempt of the same visit of `step`'s node."""
        again = self.new_step(
            step.node_id,
            activation=step.activation,
            attempt=step.attempt + 1,
            lost_attempts=step.lost_attempts + int(lost),
        )
        again.run_after = self.now + after
        self.outbox.arm(again, again.run_after, self.now)
        return again

    def take_over(self, step: Step) -> None:
        """A running step whose worker stopped renewing its lease: its worker is presumed dead."""
        transition_step(step, StepStatus.FAILED)
        step.error = "the worker running this attempt was lost (its lease expired)"
        self._close(step)
        if step.lost_attempts + 1 >= settings.MAX_LOST_ATTEMPTS:
            self.fail(
                f"node {step.node_id!r} lost its worker "
                f"{settings.MAX_LOST_ATTEMPTS} times in a row",
                failed_step=step,
            )
        else:
            self.retry(step, lost=True)

    # -- execution state ----------------------------------------------------------------------

    def fail(self, message: str, *, failed_step: Step | None = None) -> None:
        transition_execution(self.execution, ExecutionStatus.FAILED)
        self.execution.error = message
        self.execution.finished_at = self.now
        self.execution.failed_step_id = failed_step.id if failed_step else None
        self.cancel_open_steps()

    def cancel_open_steps(self) -> None:
        """Pending and waiting steps are cancelled; a running one finishes, but nothing follows."""
        for step in self._active_steps():
            if step.status != StepStatus.RUNNING:
                transition_step(step, StepStatus.CANCELLED)
                self._close(step)

    def retire(self, step: Step) -> None:
        """A step of an execution that has ended: cancel it, unless its worker is still on it
        (a step in flight finishes, but nothing follows it)."""
        in_flight = step.status == StepStatus.RUNNING and (
            step.lease_expires_at is not None and step.lease_expires_at >= self.now
        )
        if step.status in STEP_ACTIVE and not in_flight:
            transition_step(step, StepStatus.CANCELLED)
            self._close(step)

    def _close(self, step: Step) -> None:
        step.finished_at = self.now
        step.recheck_at = None
        step.lease_token = None
        step.lease_expires_at = None

    def _active_steps(self) -> list[Step]:
        return list(
            self.session.exec(
                select(Step)
                .where(Step.execution_id == self.execution.id)
                .where(col(Step.status).in_(STEP_ACTIVE))
            ).all()
        )

    def settle(self) -> None:
        """Derive the execution's status from its active steps."""
        if self.execution.status in EXECUTION_TERMINAL:
            return
        active = self._active_steps()
        if not active:
            transition_execution(self.execution, ExecutionStatus.COMPLETED)
            self.execution.finished_at = self.now
            return
        stuck_joins = [s for s in active if s.status == StepStatus.WAITING and s.node_type == JOIN]
        if len(stuck_joins) == len(active):
            names = ", ".join(repr(step.node_id) for step in stuck_joins)
            self.fail(f"join {names} waits for inputs that can no longer arrive")
            return
        busy = any(
            step.status == StepStatus.RUNNING
            or (step.status == StepStatus.PENDING and step.run_after <= self.now)
            for step in active
        )
        transition_execution(
            self.execution, ExecutionStatus.RUNNING if busy else ExecutionStatus.WAITING
        )

    def guarded(self, action: Any, *args: Any) -> None:
        """Run a walker action, failing the execution instead if it would exceed the step limit."""
        try:
            action(*args)
        except StepLimitExceeded:
            self.fail(
                f"exceeded the limit of {settings.MAX_STEPS_PER_EXECUTION} steps per execution"
            )
