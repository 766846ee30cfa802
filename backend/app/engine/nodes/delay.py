from datetime import UTC, datetime, timedelta
from typing import Any, Self

from pydantic import Field, model_validator

from app.engine.nodes.base import NodeConfig, NodeContext, NodeError, NodeType, StepResult
from app.engine.templating import TemplateStr

_DURATION_FIELDS = {"ms": 0.001, "seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
# Ten years: long enough for any business wait, short enough to catch a unit mistake.
_MAX_WAIT = timedelta(days=3653)


def _duration(unit: str, description: str) -> Any:
    most = _MAX_WAIT.total_seconds() / _DURATION_FIELDS[unit]
    return Field(default=None, ge=0, le=most, allow_inf_nan=False, description=description)


class Config(NodeConfig):
    ms: int | None = _duration("ms", "Milliseconds to wait")
    seconds: float | None = _duration("seconds", "Seconds to wait")
    minutes: float | None = _duration("minutes", "Minutes to wait")
    hours: float | None = _duration("hours", "Hours to wait")
    days: float | None = _duration("days", "Days to wait")
    until: TemplateStr | None = Field(
        default=None,
        description="Wait until this ISO 8601 time (UTC if no offset); may be a template",
        json_schema_extra={"format": "template"},
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [name for name in (*_DURATION_FIELDS, "until") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                "set exactly one of ms, seconds, minutes, hours, days, until"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if self.until is not None and "{" not in self.until:
            parse_until(self.until)
        return self

    def duration(self) -> timedelta:
        seconds = sum((getattr(self, name) or 0) * unit for name, unit in _DURATION_FIELDS.items())
        return timedelta(seconds=seconds)


def parse_until(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError(f"until must be an ISO 8601 date or time, got {text!r}") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def run(ctx: NodeContext, config: Config) -> StepResult:
    if config.until is None:
        due = ctx.now() + config.duration()
    else:
        try:
            due = parse_until(ctx.render(config.until))
        except ValueError as error:
            raise NodeError(str(error)) from error
    return StepResult(output={"until": due.astimezone(UTC).isoformat()}, wait_until=due)


NODE = NodeType(
    type="delay",
    title="Delay",
    description=(
        "Waits for a duration or until a time, then goes on. The wait is stored in the database, "
        "so it survives restarts and costs no worker while it lasts."
    ),
    config=Config,
    run=run,
)
