from app.engine.nodes.base import NodeConfig, NodeContext, NodeType, StepResult


class Config(NodeConfig):
    pass


def run(ctx: NodeContext, config: Config) -> StepResult:
    return StepResult(output={"event_id": ctx.data["execution"].get("event_id")})


NODE = NodeType(
    type="start",
    title="Start",
    description="The entry point: every execution begins here.",
    config=Config,
    run=run,
    can_fail=False,
)
