from app.engine.nodes.base import NodeConfig, NodeContext, NodeType, StepResult, fixed_handles


class Config(NodeConfig):
    pass


def run(ctx: NodeContext, config: Config) -> StepResult:
    return StepResult(output={})


NODE = NodeType(
    type="end",
    title="End",
    description="Ends this path explicitly. Other parallel paths go on.",
    config=Config,
    run=run,
    handles=fixed_handles(),
    can_fail=False,
)
