from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from app.engine import rules
from app.engine.nodes.base import (
    DEFAULT_HANDLE,
    ERROR_HANDLE,
    NodeConfig,
    NodeContext,
    NodeError,
    NodeType,
    StepResult,
)

ELSE = "else"
_RESERVED_LABELS = {ELSE, ERROR_HANDLE, DEFAULT_HANDLE}


class Case(BaseModel):
    """`{label, condition, next?}`, or `{else: true, next?}` for the fallback."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    label: str | None = Field(default=None, min_length=1, max_length=100)
    condition: Any = Field(
        default=None, description="JSONLogic rule", json_schema_extra={"format": "jsonlogic"}
    )
    is_else: bool = Field(default=False, alias="else")
    next: str | None = Field(default=None, description="Node to run when this case is picked")
    _compiled: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.is_else:
            if self.condition is not None:
                raise ValueError("the else case takes no condition")
            if self.label not in (None, ELSE):
                raise ValueError("the else case's label, if given, must be 'else'")
            return self
        if self.label is None:
            raise ValueError("a case needs a label (the handle its edge leaves by)")
        if self.label in _RESERVED_LABELS:
            raise ValueError(f"{self.label!r} is reserved and cannot label a case")
        if "condition" not in self.model_fields_set:
            raise ValueError(f"case {self.label!r} needs a condition")
        try:
            self._compiled = rules.compile_rule(self.condition)
        except rules.RuleError as error:
            raise ValueError(f"case {self.label!r}: {error}") from error
        return self

    @property
    def handle(self) -> str:
        return ELSE if self.is_else else str(self.label)


class Config(NodeConfig):
    cases: list[Case] = Field(min_length=1, description="Checked in order; the first match wins")

    @model_validator(mode="after")
    def _check_cases(self) -> Self:
        handles = [case.handle for case in self.cases]
        duplicates = sorted({handle for handle in handles if handles.count(handle) > 1})
        if duplicates:
            raise ValueError(f"case labels must be unique: {', '.join(duplicates)}")
        if any(case.is_else for case in self.cases[:-1]):
            raise ValueError("the else case must come last")
        return self


def run(ctx: NodeContext, config: Config) -> StepResult:
    chosen = next((case for case in config.cases if case.is_else or _matches(ctx, case)), None)
    handle = chosen.handle if chosen else ELSE
    explicit_next = chosen.next if chosen else None
    following = [explicit_next] if explicit_next else list(ctx.handle_targets.get(handle, ()))
    return StepResult(
        output={"selected": handle, "next": following[0] if len(following) == 1 else following},
        handle=handle,
        next_node=explicit_next,
    )


def _matches(ctx: NodeContext, case: Case) -> bool:
    try:
        return rules.is_truthy(rules.evaluate(case._compiled, ctx.data))
    except rules.RuleError as error:
        raise NodeError(f"case {case.label!r}: {error}") from error


def _handles(config: Config | None) -> tuple[str, ...]:
    """The case labels plus else; without a config (the type's listing) just else."""
    labels = tuple(case.handle for case in config.cases if not case.is_else) if config else ()
    return (*labels, ELSE)


def _explicit_targets(config: Config) -> tuple[tuple[str, str], ...]:
    return tuple((case.handle, case.next) for case in config.cases if case.next)


NODE = NodeType(
    type="branch",
    title="Branch",
    description=(
        "Picks one path: the first case whose JSONLogic condition is truthy, else the else case. "
        "A case's `next` names the node to run; otherwise the edge leaving its label's handle."
    ),
    config=Config,
    run=run,
    handles=_handles,
    dynamic_handles="one handle per case label, plus else",
    explicit_targets=_explicit_targets,
)
