"""The node types Switchyard knows. Adding one is a module plus a line here."""

from app.engine.nodes import branch, delay, end, http_call, join, send_notification, start
from app.engine.nodes.base import NodeType

NODE_TYPES: tuple[NodeType, ...] = (
    start.NODE,
    send_notification.NODE,
    http_call.NODE,
    delay.NODE,
    branch.NODE,
    join.NODE,
    end.NODE,
)
REGISTRY: dict[str, NodeType] = {node.type: node for node in NODE_TYPES}
