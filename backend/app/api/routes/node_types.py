from fastapi import APIRouter

from app.engine.nodes import NODE_TYPES
from app.models import NodeTypePublic, NodeTypesPublic

router = APIRouter(prefix="/node-types", tags=["node-types"])


@router.get("", response_model=NodeTypesPublic)
def list_node_types() -> NodeTypesPublic:
    """Every node type with its config JSON Schema and output handles; the editor builds its
    palette and forms from this."""
    return NodeTypesPublic(
        items=[
            NodeTypePublic(
                type=node.type,
                title=node.title,
                description=node.description,
                config_schema=node.config_schema(),
                handles=list(node.output_handles(None)),
                dynamic_handles=node.dynamic_handles,
            )
            for node in NODE_TYPES
        ]
    )
