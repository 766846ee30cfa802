from pydantic import Field

from app.engine.nodes.base import NodeConfig, NodeContext, NodeType, StepResult
from app.engine.templating import TemplateStr


class Config(NodeConfig):
    toRole: str = Field(min_length=1, max_length=200, description="Who should read it, e.g. AE")
    message: TemplateStr = Field(
        min_length=1,
        max_length=10_000,
        description="Template, e.g. New lead: {{ payload.lead.name }}",
        json_schema_extra={"format": "template"},
    )


def run(ctx: NodeContext, config: Config) -> StepResult:
    message = ctx.render(config.message)
    notification_id = ctx.notify(to_role=config.toRole, message=message)
    return StepResult(
        output={
            "notification_id": str(notification_id),
            "to_role": config.toRole,
            "message": message,
        }
    )


NODE = NodeType(
    type="send_notification",
    title="Send notification",
    description="Stores a notification for a role; GET /notifications lists them.",
    config=Config,
    run=run,
)
