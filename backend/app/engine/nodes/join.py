from app.engine.nodes.base import NodeConfig, NodeContext, NodeType, StepResult


class Config(NodeConfig):
    pass


def run(ctx: NodeContext, config: Config) -> StepResult:
    # The walker fills the input with the inputs that arrived and those that were skipped.
    return StepResult(output=ctx.input)


NODE = NodeType(
    type="join",
    title="Join",
    description=(
        "Waits until every incoming path has finished (or was skipped by a branch), then runs "
        "once. Output {arrived, skipped}: the source nodes of each kind."
    ),
    config=Config,
    run=run,
    can_fail=False,
)
