"""The sample workflows that `make seed` loads (idempotently: a second run updates them).

Both call the demo endpoints Switchyard serves itself, so they run on a machine without internet.
"""

from typing import Any

from sqlmodel import col, select

from app.core.config import settings
from app.core.db import write_session
from app.models import Workflow, WorkflowCreate
from app.services.workflows import create_workflow, update_workflow


def _demo_url(path: str) -> str:
    return f"http://127.0.0.1:{settings.PORT}/demo/{path}"


def hot_lead() -> dict[str, Any]:
    """The contract's seed example: notify, wait a second, call out, then gift a CEO or drip."""
    return {
        "name": "Hot lead",
        "description": "start → notify → wait 1 s → call → branch → gift (CEO) or drip",
        "trigger": {"==": [{"var": "type"}, "lead.created"]},
        "graph": {
            "nodes": [
                _node("start", "start", {}, 0),
                _node(
                    "notify", "send_notification", {"toRole": "AE", "message": "New hot lead"}, 1
                ),
                _node("wait", "delay", {"ms": 1000}, 2),
                _node("call", "http_call", {"method": "POST", "url": _demo_url("echo")}, 3),
                _node(
                    "branch",
                    "branch",
                    {
                        "cases": [
                            {
                                "label": "CEO",
                                "condition": {"==": [{"var": "lead.title"}, "CEO"]},
                                "next": "gift",
                            },
                            {"else": True, "next": "drip"},
                        ]
                    },
                    4,
                ),
                _node(
                    "gift",
                    "send_notification",
                    {"toRole": "AE", "message": "Send a gift to {{ payload.lead.title }}"},
                    5,
                    column=-1,
                ),
                _node(
                    "drip",
                    "send_notification",
                    {"toRole": "MKT", "message": "Add to drip"},
                    5,
                    column=1,
                ),
            ],
            "edges": [
                _edge("start", "notify"),
                _edge("notify", "wait"),
                _edge("wait", "call"),
                _edge("call", "branch"),
            ],
        },
    }


def big_order() -> dict[str, Any]:
    """Branches on an HTTP status through edge handles, and has an error path."""
    return {
        "name": "Big order review",
        "description": "Orders over 1000: register them, then notify sales, or ops if it failed",
        "trigger": {">": [{"var": "order.total"}, 1000]},
        "graph": {
            "nodes": [
                _node("start", "start", {}, 0),
                _node(
                    "register",
                    "http_call",
                    {
                        "method": "POST",
                        "url": _demo_url("echo"),
                        "body": {
                            "order": "{{ payload.order.id }}",
                            "total": "{{ payload.order.total }}",
                        },
                        "retry": {"max_attempts": 3, "initial_interval_s": 1},
                    },
                    1,
                ),
                _node(
                    "check",
                    "branch",
                    {
                        "cases": [
                            {
                                "label": "accepted",
                                "condition": {"==": [{"var": "nodes.register.output.status"}, 200]},
                            }
                        ]
                    },
                    2,
                ),
                _node(
                    "tell_sales",
                    "send_notification",
                    {
                        "toRole": "Sales",
                        "message": "Order {{ payload.order.id }} "
                        "({{ payload.order.total }}) registered",
                    },
                    3,
                    column=-1,
                ),
                _node(
                    "tell_ops",
                    "send_notification",
                    {
                        "toRole": "Ops",
                        "message": "Order {{ payload.order.id }} could not be registered",
                    },
                    3,
                    column=1,
                ),
            ],
            "edges": [
                _edge("start", "register"),
                _edge("register", "check"),
                _edge("check", "tell_sales", handle="accepted"),
                _edge("check", "tell_ops", handle="else"),
                _edge("register", "tell_ops", handle="error", edge_id="register-error"),
            ],
        },
    }


def _node(
    node_id: str, node_type: str, data: dict[str, Any], row: int, column: int = 0
) -> dict[str, Any]:
    return {
        "id": node_id,
        "type": node_type,
        "position": {"x": 250 * column, "y": 120 * row},
        "data": data,
    }


def _edge(
    source: str, target: str, *, handle: str | None = None, edge_id: str | None = None
) -> dict[str, Any]:
    edge: dict[str, Any] = {
        "id": edge_id or f"{source}-{target}",
        "source": source,
        "target": target,
    }
    if handle is not None:
        edge["sourceHandle"] = handle
    return edge


def load_samples() -> list[tuple[str, int]]:
    loaded = []
    for sample in (hot_lead(), big_order()):
        data = WorkflowCreate.model_validate(sample)
        with write_session() as session:
            existing = session.exec(
                select(Workflow)
                .where(Workflow.name == data.name)
                .where(col(Workflow.deleted_at).is_(None))
            ).first()
            workflow = (
                update_workflow(session, existing, data)
                if existing
                else create_workflow(session, data)
            )
            loaded.append((workflow.name, workflow.version))
    return loaded
