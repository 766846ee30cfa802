"""What a node type is: a config model, the handles it leaves by, and a handler.

Handlers touch the outside world only through `NodeContext`, and return a `StepResult` describing
what happened; the walker alone decides what runs next (Temporal's workflow/activity split).
"""

import builtins
import random
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field

from app.engine import templating

DEFAULT_HANDLE = "default"
ERROR_HANDLE = "error"
# Receivers deduplicate on this; uuid5 keeps it stable for one node of one execution.
_IDEMPOTENCY_NAMESPACE = uuid.UUID("8c3f5a52-4f7e-4a4b-9d54-0b1d2f1c6a11")


class RetryPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # The bounds keep the largest wait computed (86400 s * 10 ** 99) a finite float.
    max_attempts: int = Field(
        default=1, ge=1, le=100, description="Attempts in all, first included"
    )
    initial_interval_s: float = Field(
        default=1.0, ge=0, le=86_400, description="Wait before the 2nd attempt"
    )
    backoff_coefficient: float = Field(
        default=2.0, ge=1, le=10, description="Each wait grows by this"
    )
    max_interval_s: float = Field(
        default=300.0, ge=0, le=30 * 86_400, description="Cap on a single wait"
    )

    def delay_after(self, failed_attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait before the attempt after `failed_attempt`, with ±20 % jitter."""
        base = self.initial_interval_s * self.backoff_coefficient ** (failed_attempt - 1)
        jittered = base * (rng or random).uniform(0.8, 1.2)
        return min(jittered, self.max_interval_s)


class NodeConfig(BaseModel):
    """Fields every node's `data` may carry, whatever its type."""

    model_config = ConfigDict(extra="forbid")

    label: str | None = Field(default=None, max_length=200, description="Name shown in the editor")
    retry: RetryPolicy | None = Field(default=None, description="Retry a failed step with backoff")


class NodeError(Exception):
    """A failure of the step that the user can act on. `output` is kept in the history."""

    def __init__(self, message: str, output: Any = None) -> None:
        super().__init__(message)
        self.output = output


@dataclass(frozen=True)
class StepResult:
    output: Any = None
    handle: str = DEFAULT_HANDLE
    # A branch case's explicit `next` node, which overrides the handle's edges.
    next_node: str | None = None
    # Set by a delay: the step waits until then, then completes with `output`.
    wait_until: datetime | None = None


@dataclass(frozen=True)
class PendingNotification:
    id: uuid.UUID
    to_role: str
    message: str


@dataclass
class NodeContext:
    """Everything a handler may use. Effects on our own database are buffered here and written
    in the same transaction that records the step, so a retried step never writes them twice."""

    execution_id: uuid.UUID
    node_id: str
    activation: int
    data: Mapping[str, Any]
    input: Any
    # Targets of the edges leaving each of this node's handles (a branch reports where it went).
    handle_targets: Mapping[str, tuple[str, ...]]
    http: httpx.Client
    http_default_timeout_s: float
    http_max_response_bytes: int
    notifications: list[PendingNotification] = field(default_factory=list)
    # What the node actually used, templates rendered; the history shows it as the step's input.
    resolved_input: Any = None

    def now(self) -> datetime:
        return datetime.now(UTC)

    def render(self, value: Any) -> Any:
        return templating.render_value(value, self.data)

    def notify(self, *, to_role: str, message: str) -> uuid.UUID:
        notification = PendingNotification(uuid.uuid4(), to_role, message)
        self.notifications.append(notification)
        return notification.id

    def idempotency_key(self) -> str:
        """Stable across attempts and redeliveries of this node in this execution.

        A node that a loop visits again gets a new key per visit, since that is new work.
        """
        visit = "" if self.activation == 1 else f"#{self.activation}"
        return str(uuid.uuid5(_IDEMPOTENCY_NAMESPACE, f"{self.execution_id}/{self.node_id}{visit}"))


def fixed_handles(*handles: str) -> Callable[[Any], tuple[str, ...]]:
    return lambda _config: handles


_MAIN_OUTPUT_ONLY = fixed_handles(DEFAULT_HANDLE)


@dataclass(frozen=True)
class NodeType:
    type: str
    title: str
    description: str
    config: builtins.type[NodeConfig]
    run: Callable[[NodeContext, Any], StepResult]
    # Handles an edge may leave by, for a given config; `error` is added when `can_fail`.
    handles: Callable[[Any], tuple[str, ...]] = _MAIN_OUTPUT_ONLY
    can_fail: bool = True
    # Describes handles that come from the config (a branch's case labels), for the editor.
    dynamic_handles: str | None = None
    # (handle, node) pairs a config names directly (a branch case's `next`); links like edges.
    explicit_targets: Callable[[Any], tuple[tuple[str, str], ...]] = lambda _config: ()

    def output_handles(self, config: Any) -> tuple[str, ...]:
        handles = self.handles(config)
        return (*handles, ERROR_HANDLE) if self.can_fail else handles

    def config_schema(self) -> dict[str, Any]:
        return {**self.config.model_json_schema(), "title": self.title}
